/* crm-application.c: the application, its actions and its command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "crm-a11y.h"
#include "crm-application.h"
#include "crm-busy-retry.h"
#include "crm-command-line.h"
#include "crm-currency.h"
#include "crm-database-error-window.h"
#include "crm-editor.h"
#include "crm-error.h"
#include "crm-format.h"
#include "crm-tooltips.h"
#include "crm-window.h"

struct _CrmApplication
{
  AdwApplication parent_instance;

  /* owned */
  CrmRepository *repository;
  char *database_path;
  GSettings *settings;
  GMenu *recent_menu;   /* the Recent Databases submenu, shared by every window */
};

G_DEFINE_FINAL_TYPE (CrmApplication, crm_application, ADW_TYPE_APPLICATION)

/* How often the window looks for other programs' writes: they show within
 * this time, and a look costs microseconds. */
#define CRM_WATCH_INTERVAL_MS 250

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the database file PATH instead of the default one"), N_("PATH") },
  { NULL }
};

/* Where the database is: --database, else $RAPPORT_DATABASE, else the
 * user's data folder (created on first use). */
static char *
resolve_database_path (CrmApplication  *self,
                       GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  if (self->database_path != NULL)
    return g_strdup (self->database_path);

  path = crm_repository_get_default_path ();
  if (g_getenv ("RAPPORT_DATABASE") == NULL || *g_getenv ("RAPPORT_DATABASE") == '\0')
    {
      gboolean created;

      dir = g_path_get_dirname (path);
      created = !g_file_test (dir, G_FILE_TEST_IS_DIR);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }
      /* Its files hold every customer: the folder is its owner's alone,
       * whatever the umask. A folder that was there keeps its mode. */
      if (created)
        g_chmod (dir, 0700);
    }
  return g_steal_pointer (&path);
}

/* Where the recent databases are remembered, newest first. */
#define MAX_RECENT_DATABASES 8

static void
remember_database (CrmApplication *self,
                   const char     *path)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  guint n = 1;

  /* A GSettings string is UTF-8; a path that is not cannot be listed. */
  if (self->settings == NULL || !g_utf8_validate (absolute, -1, NULL))
    return;
  old = g_settings_get_strv (self->settings, "recent-databases");
  g_strv_builder_add (builder, absolute);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT_DATABASES; i++)
    if (g_strcmp0 (old[i], absolute) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  if (!g_strv_equal ((const char * const *) old, (const char * const *) recent))
    g_settings_set_strv (self->settings, "recent-databases", (const char * const *) recent);
}

static gboolean
ensure_repository (CrmApplication  *self,
                   GError         **error)
{
  g_autofree char *path = NULL;

  if (self->repository != NULL)
    return TRUE;
  path = resolve_database_path (self, error);
  if (path == NULL)
    return FALSE;
  self->repository = crm_repository_open (path, error);
  if (self->repository == NULL)
    return FALSE;
  crm_repository_set_busy_timeout (self->repository, CRM_UI_BUSY_TIMEOUT_MS);
  /* Another program's write (rapport --import, a second window) shows by
   * itself: a cheap look at PRAGMA data_version, a few times a second. */
  crm_repository_watch (self->repository, CRM_WATCH_INTERVAL_MS);
  remember_database (self, path);
  return TRUE;
}

static void check_then_show_main_window (CrmApplication *self);
static void update_keys_then_show_main_window (CrmApplication *self);
static void show_main_window (CrmApplication *self);

static void
database_chosen_cb (CrmApplication         *self,
                    const char             *path,
                    gboolean                create,
                    CrmDatabaseErrorWindow *window)
{
  g_autoptr(GError) error = NULL;

  /* “Create New” never takes over a file that is there already. */
  if (create && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” already exists. Choose a new name to create a database."), path);

      crm_database_error_window_set_message (window, message);
      return;
    }

  g_free (self->database_path);
  self->database_path = g_strdup (path);
  g_clear_object (&self->repository);
  if (!ensure_repository (self, &error))
    {
      crm_database_error_window_set_message (window, error->message);
      return;
    }
  update_keys_then_show_main_window (self);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Says what is wrong with the database, instead of any other window, and
 * offers another. Nothing keeps the damaged file open. */
static void
show_database_error (CrmApplication *self,
                     const char     *message)
{
  CrmDatabaseErrorWindow *error_window = crm_database_error_window_new (GTK_APPLICATION (self), message);
  GList *windows;

  g_signal_connect_object (error_window, "database-chosen", G_CALLBACK (database_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  /* Presented first: the application quits when its last window goes. */
  gtk_window_present (GTK_WINDOW (error_window));
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL
         && (windows->data != error_window || windows->next != NULL))
    {
      GtkWindow *other = windows->data != error_window ? windows->data : windows->next->data;

      gtk_window_destroy (other);
    }
  g_clear_object (&self->repository);
}

static void
quick_check_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(CrmRepository) repository = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  repository = crm_repository_open (path, &error);
  if (repository == NULL || !crm_repository_quick_check (repository, problems, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&problems), (GDestroyNotify)g_ptr_array_unref);
}

static void
quick_check_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CrmApplication *self = CRM_APPLICATION (source);
  const char *path = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  gboolean window_waits = GPOINTER_TO_INT (user_data);

  if (window_waits)
    g_application_release (G_APPLICATION (self));
  problems = g_task_propagate_pointer (G_TASK (result), &error);
  /* The user may have opened another database meanwhile. */
  if (self->repository == NULL || g_strcmp0 (crm_repository_get_path (self->repository), path) != 0)
    return;
  if (problems == NULL
      && (g_error_matches (error, CRM_ERROR, CRM_ERROR_CORRUPT)
          || g_error_matches (error, CRM_ERROR, CRM_ERROR_NEWER_VERSION)))
    {
      show_database_error (self, error->message);
      return;
    }
  if (problems == NULL || problems->len == 0)
    {
      /* A busy or vanished file is no reason to keep the window away. */
      if (problems == NULL)
        g_debug ("Cannot check %s: %s", path, error->message);
      if (window_waits)
        show_main_window (self);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: the first %s is a file, the second SQLite's description of the first problem */
                                          "The database “%s” is damaged (%u problem, the first: %s).",
                                          "The database “%s” is damaged (%u problems, the first: %s).",
                                          problems->len),
                             path, problems->len, (const char *)problems->pdata[0]);
  show_database_error (self, message);
}

/* A damaged page may lie anywhere in the file, and only reading them all
 * finds it, on a connection of its own in a thread. The main window's
 * lists cannot show rows they fail to read, so for a file of up to this
 * size (a few tenths of a second) the window waits for the check; a
 * larger file opens at once and is checked behind the window. */
#define CHECK_BEFORE_WINDOW_MAX_BYTES (64 * 1024 * 1024)

static void
start_quick_check (CrmApplication *self,
                   gboolean        window_waits)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, quick_check_done_cb, GINT_TO_POINTER (window_waits));

  g_task_set_source_tag (task, start_quick_check);
  g_task_set_task_data (task, g_strdup (crm_repository_get_path (self->repository)), g_free);
  /* No window yet: keep running until the check says which one. */
  if (window_waits)
    g_application_hold (G_APPLICATION (self));
  g_task_run_in_thread (task, quick_check_thread);
}

static void
show_main_window (CrmApplication *self)
{
  GtkWindow *window = GTK_WINDOW (crm_window_new (GTK_APPLICATION (self), self->repository));

  gtk_window_present (window);
}

static void
check_then_show_main_window (CrmApplication *self)
{
  g_autoptr(GFile) file = g_file_new_for_path (crm_repository_get_path (self->repository));
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info != NULL && g_file_info_get_size (info) <= CHECK_BEFORE_WINDOW_MAX_BYTES)
    {
      start_quick_check (self, TRUE);
      return;
    }
  show_main_window (self);
  start_quick_check (self, FALSE);
}

/* Sort keys: after a change of locale every customer's name and company
 * gets a new key (seconds for a million), so the window, which lists
 * them in that order, waits for it and shows its progress meanwhile.
 * The update runs in a thread on a connection of its own. */
typedef struct
{
  char *path;
  GtkProgressBar *bar;         /* (nullable) until the window shows */
  GtkWindow *window;           /* (nullable) */
  gint64 done;
  gint64 total;
  guint show_id;
} KeysUpdate;

static void
keys_update_free (gpointer data)
{
  KeysUpdate *update = data;

  g_clear_handle_id (&update->show_id, g_source_remove);
  if (update->window != NULL)
    gtk_window_destroy (update->window);
  g_free (update->path);
  g_free (update);
}

typedef struct
{
  GTask *task;
  gint64 done;
  gint64 total;
} KeysProgress;

static gboolean
keys_progress_idle_cb (gpointer data)
{
  KeysProgress *progress = data;
  KeysUpdate *update = g_task_get_task_data (progress->task);

  update->done = progress->done;
  update->total = progress->total;
  if (update->bar != NULL && progress->total > 0)
    gtk_progress_bar_set_fraction (update->bar, (double)progress->done / progress->total);
  return G_SOURCE_REMOVE;
}

static void
keys_progress_free (gpointer data)
{
  KeysProgress *progress = data;

  g_object_unref (progress->task);
  g_free (progress);
}

static void
keys_progress_cb (gint64   done,
                  gint64   total,
                  gpointer user_data)
{
  GTask *task = user_data;
  KeysProgress *progress = g_new0 (KeysProgress, 1);

  progress->task = g_object_ref (task);
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              keys_progress_idle_cb, progress, keys_progress_free);
}

static void
keys_update_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  KeysUpdate *update = task_data;
  g_autoptr(CrmRepository) repository = NULL;
  g_autoptr(GError) error = NULL;

  repository = crm_repository_open (update->path, &error);
  if (repository == NULL
      || !crm_repository_update_sort_keys (repository, keys_progress_cb, task, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
keys_update_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CrmApplication *self = CRM_APPLICATION (source);
  KeysUpdate *update = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&update->show_id, g_source_remove);
  if (!g_task_propagate_boolean (G_TASK (result), &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* A busy file: names sort in the old order until the next start. */
    g_debug ("Cannot update the sort keys of %s: %s", update->path, error->message);
  /* Cancelled (the window closed): Rapport quits, the keys stay as they
   * were. The user may also have opened another database meanwhile. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && self->repository != NULL
      && g_strcmp0 (crm_repository_get_path (self->repository), update->path) == 0)
    check_then_show_main_window (self);
  /* After the next window exists, so that the application never finds
   * itself without one and quits. */
  if (update->window != NULL)
    gtk_window_destroy (g_steal_pointer (&update->window));
  update->bar = NULL;
  g_application_release (G_APPLICATION (self));
}

static gboolean
keys_window_close_cb (GtkWindow *window,
                      GTask     *task)
{
  KeysUpdate *update = g_task_get_task_data (task);

  g_cancellable_cancel (g_task_get_cancellable (task));
  update->window = NULL;
  update->bar = NULL;
  return FALSE;
}

/* Shown only when the update takes long enough to be noticed. */
static gboolean
show_keys_window_cb (gpointer data)
{
  GTask *task = data;
  KeysUpdate *update = g_task_get_task_data (task);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (g_task_get_source_object (task)));

  update->show_id = 0;
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "view-sort-ascending-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Sorting Names for Your Language"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("The language changed since this database was last opened: "
                                     "every customer’s name is sorted again, once."));
  gtk_widget_set_margin_start (bar, 48);
  gtk_widget_set_margin_end (bar, 48);
  gtk_widget_set_margin_bottom (bar, 48);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sorting progress"), -1);
  if (update->total > 0)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), (double)update->done / update->total);
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  gtk_box_append (GTK_BOX (box), bar);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), _("Rapport"));
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 360);
  g_signal_connect_object (window, "close-request", G_CALLBACK (keys_window_close_cb), task, 0);
  update->bar = GTK_PROGRESS_BAR (bar);
  update->window = GTK_WINDOW (window);
  gtk_window_present (update->window);
  return G_SOURCE_REMOVE;
}

#define KEYS_WINDOW_DELAY_MS 300

static void
update_keys_then_show_main_window (CrmApplication *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  KeysUpdate *update;

  if (crm_repository_get_sort_keys_state (self->repository) == CRM_SORT_KEYS_CURRENT)
    {
      check_then_show_main_window (self);
      return;
    }
  cancellable = g_cancellable_new ();
  task = g_task_new (self, cancellable, keys_update_done_cb, NULL);
  g_task_set_source_tag (task, update_keys_then_show_main_window);
  update = g_new0 (KeysUpdate, 1);
  update->path = g_strdup (crm_repository_get_path (self->repository));
  g_task_set_task_data (task, update, keys_update_free);
  update->show_id = g_timeout_add_full (G_PRIORITY_DEFAULT, KEYS_WINDOW_DELAY_MS, show_keys_window_cb,
                                        g_object_ref (task), g_object_unref);
  /* No window yet: keep running until the keys are made. */
  g_application_hold (G_APPLICATION (self));
  g_task_run_in_thread (task, keys_update_thread);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CrmApplication *self = user_data;
  static const char *developers[] = { "The Rapport developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Rapport"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Rapport developers"),
                         "developers", developers,
                         "comments", _("Keep your customers, their history and your deals in one fast, private place"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
show_message (CrmApplication *self,
              const char     *heading,
              const char     *body)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Replaces every window with one on the database at @path; @create asks
 * for a new file and never takes over one that is there. On failure the
 * current database stays open and a message says why. */
static void
switch_database (CrmApplication *self,
                 const char     *path,
                 gboolean        create)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRepository) repository = NULL;
  g_autoptr(GList) old_windows = NULL;
  GListModel *toplevels;

  if (create && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” already exists. Choose a new name to create a database."), path);

      show_message (self, _("Cannot Create the Database"), message);
      return;
    }
  /* Opening a missing file would quietly create an empty database. */
  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” no longer exists."), path);

      show_message (self, _("Cannot Open the Database"), message);
      return;
    }
  /* Closing the windows would throw away what an open editor holds. An
   * editor is transient for its window, not one of the application's. */
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (CRM_IS_EDITOR (window))
        {
          gtk_window_present (window);
          show_message (self, _("An Editor Is Open"),
                        _("Save or cancel the open editor first, then open the other database."));
          return;
        }
    }
  repository = crm_repository_open (path, &error);
  if (repository == NULL)
    {
      show_message (self, _("Cannot Open the Database"), error->message);
      return;
    }

  old_windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  g_free (self->database_path);
  self->database_path = g_strdup (path);
  g_set_object (&self->repository, repository);
  crm_repository_set_busy_timeout (self->repository, CRM_UI_BUSY_TIMEOUT_MS);
  crm_repository_watch (self->repository, CRM_WATCH_INTERVAL_MS);
  remember_database (self, path);
  /* Holds the application while the keys update and the check run, so
   * closing the old windows does not quit it. */
  update_keys_then_show_main_window (self);
  for (GList *l = old_windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
}

static void
database_chosen_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             CrmApplication  *self)
{
  gboolean create = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (path != NULL)
    switch_database (self, path, create);
}

static void
choose_database (CrmApplication *self,
                 gboolean        create)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (create ? _("New Database") : _("Open Database"), parent,
                                         create ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         create ? _("_Create") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (databases, _("Rapport databases"));
  gtk_file_filter_add_pattern (databases, "*.db");
  gtk_file_filter_add_mime_type (databases, "application/vnd.sqlite3");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), databases);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  if (create)
    /* Translators: the file name a new database is offered under */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("customers.db"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (database_chosen_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_database_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  choose_database (user_data, FALSE);
}

static void
new_database_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  choose_database (user_data, TRUE);
}

static void
open_recent_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  switch_database (user_data, g_variant_get_string (parameter, NULL), FALSE);
}

/* The primary menu's section that offers app.open-database. */
static GMenu *
find_database_section (GMenuModel *menu)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section == NULL || !G_IS_MENU (section))
        continue;
      for (int j = 0; j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;

          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action)
              && g_strcmp0 (action, "app.open-database") == 0)
            return G_MENU (section);
        }
    }
  return NULL;
}

static GtkMenuButton *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Shows “Recent Databases” at the end of @window's database section when
 * there is something to list. */
static void
update_window_recent_item (CrmApplication *self,
                           GtkWindow      *window)
{
  GtkMenuButton *button = find_primary_menu_button (GTK_WIDGET (window));
  GMenu *section;
  int last;
  g_autoptr(GMenuModel) link = NULL;

  if (button == NULL || gtk_menu_button_get_menu_model (button) == NULL)
    return;
  section = find_database_section (gtk_menu_button_get_menu_model (button));
  if (section == NULL)
    return;
  last = g_menu_model_get_n_items (G_MENU_MODEL (section)) - 1;
  link = g_menu_model_get_item_link (G_MENU_MODEL (section), last, G_MENU_LINK_SUBMENU);
  if (link == G_MENU_MODEL (self->recent_menu))
    {
      if (g_menu_model_get_n_items (G_MENU_MODEL (self->recent_menu)) > 0)
        return;
      g_menu_remove (section, last);
    }
  else if (g_menu_model_get_n_items (G_MENU_MODEL (self->recent_menu)) > 0)
    g_menu_append_submenu (section, _("_Recent Databases"), G_MENU_MODEL (self->recent_menu));
}

/* Rebuilds the submenu from the setting; files that are gone are
 * dropped from both. */
static void
recent_databases_changed_cb (CrmApplication *self,
                             const char     *key,
                             GSettings      *settings)
{
  g_auto(GStrv) recent = g_settings_get_strv (settings, "recent-databases");
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) kept_strv = NULL;
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (!g_file_test (recent[i], G_FILE_TEST_IS_REGULAR))
        continue;
      g_strv_builder_add (kept, recent[i]);
      /* ~/work/customers.db: the folder tells two customers.db apart */
      if (home_len > 1 && g_str_has_prefix (recent[i], home) && recent[i][home_len] == G_DIR_SEPARATOR)
        label = g_strconcat ("~", recent[i] + home_len, NULL);
      else
        label = g_strdup (recent[i]);
      /* A file name's own underscores are not mnemonics: doubled, each
       * shows as itself. */
      {
        g_auto(GStrv) parts = g_strsplit (label, "_", -1);

        g_free (label);
        label = g_strjoinv ("__", parts);
      }
      item = g_menu_item_new (NULL, NULL);
      g_menu_item_set_attribute (item, G_MENU_ATTRIBUTE_LABEL, "s", label);
      g_menu_item_set_action_and_target_value (item, "app.open-recent", g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_menu, item);
    }
  kept_strv = g_strv_builder_end (kept);
  if (g_strv_length (kept_strv) != g_strv_length (recent))
    g_settings_set_strv (settings, "recent-databases", (const char * const *) kept_strv);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    update_window_recent_item (self, l->data);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "open-database", open_database_activated },
  { "new-database", new_database_activated },
  { "open-recent", open_recent_activated, "s" },
};

static int
crm_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  CrmApplication *self = CRM_APPLICATION (app);

  g_variant_dict_lookup (options, "database", "^ay", &self->database_path);

  /* --import, --export, --check: headless, before D-Bus and the display. */
  if (crm_command_line_wanted (options))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = resolve_database_path (self, &error);

      if (path == NULL)
        {
          g_printerr ("rapport: %s\n", error->message);
          return 1;
        }
      return crm_command_line_run (options, path);
    }
  return -1;
}

static void
crm_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  CrmApplication *self = CRM_APPLICATION (app);
  static const struct
  {
    const char *action;
    const char *accels[3];
  } win_accels[] = {
    { "win.new-customer", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (crm_application_parent_class)->startup (app);

  crm_a11y_watch_toplevels ();
  crm_tooltips_install ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries, G_N_ELEMENTS (app_entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.preferences", preferences_accels);

  self->settings = g_settings_new (APP_ID);
  /* Money is shown in the chosen currency everywhere: the views follow
   * the object's notify::chosen. */
  g_settings_bind (self->settings, "currency", crm_currency_get_default (), "chosen",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->settings, "changed::recent-databases",
                           G_CALLBACK (recent_databases_changed_cb), self, G_CONNECT_SWAPPED);
  recent_databases_changed_cb (self, "recent-databases", self->settings);
  for (guint i = 0; i < G_N_ELEMENTS (win_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), win_accels[i].action,
                                           win_accels[i].accels);
}

static void
crm_application_activate (GApplication *app)
{
  CrmApplication *self = CRM_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (!ensure_repository (self, &error))
    {
      show_database_error (self, error->message);
      return;
    }
  update_keys_then_show_main_window (self);
}

static void
crm_application_window_added (GtkApplication *app,
                              GtkWindow      *window)
{
  GTK_APPLICATION_CLASS (crm_application_parent_class)->window_added (app, window);
  update_window_recent_item (CRM_APPLICATION (app), window);
}

static void
crm_application_dispose (GObject *object)
{
  CrmApplication *self = (CrmApplication *)object;

  g_clear_object (&self->repository);
  g_clear_object (&self->settings);
  g_clear_object (&self->recent_menu);

  G_OBJECT_CLASS (crm_application_parent_class)->dispose (object);
}

static void
crm_application_finalize (GObject *object)
{
  CrmApplication *self = (CrmApplication *)object;

  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (crm_application_parent_class)->finalize (object);
}

static void
crm_application_class_init (CrmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = crm_application_dispose;
  object_class->finalize = crm_application_finalize;

  app_class->handle_local_options = crm_application_handle_local_options;
  app_class->startup = crm_application_startup;
  app_class->activate = crm_application_activate;
  gtk_app_class->window_added = crm_application_window_added;
}

static void
crm_application_init (CrmApplication *self)
{
  self->recent_menu = g_menu_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  crm_command_line_add_options (G_APPLICATION (self));
}

CrmApplication *
crm_application_new (void)
{
  return g_object_new (CRM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

CrmRepository *
crm_application_get_repository (CrmApplication *self)
{
  g_return_val_if_fail (CRM_IS_APPLICATION (self), NULL);
  return self->repository;
}
