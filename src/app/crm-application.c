/* crm-application.c: the application, its actions and its command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "crm-application.h"
#include "crm-command-line.h"
#include "crm-format.h"
#include "crm-window.h"

struct _CrmApplication
{
  AdwApplication parent_instance;

  /* owned */
  CrmRepository *repository;
  char *database_path;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (CrmApplication, crm_application, ADW_TYPE_APPLICATION)

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
      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
          return NULL;
        }
    }
  return g_steal_pointer (&path);
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
  return self->repository != NULL;
}

static void
show_fatal_error (CrmApplication *self,
                  const GError   *error)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, _("Cannot Open the Database"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
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

/* Money is formatted in the chosen currency everywhere; views that show
 * money reload opportunities on this "changed" so they re-format. */
static void
currency_changed_cb (CrmApplication *self,
                     const char     *key,
                     GSettings      *settings)
{
  g_autofree char *code = g_settings_get_string (settings, "currency");

  crm_format_set_currency (code);
  if (self->repository != NULL)
    g_signal_emit_by_name (self->repository, "changed",
                           CRM_TYPE_OPPORTUNITY, (gint64) 0, (guint) CRM_CHANGE_UPDATED);
}

static const GActionEntry app_entries[] = {
  { "quit", quit_activated },
  { "about", about_activated },
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
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (crm_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries, G_N_ELEMENTS (app_entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.preferences", preferences_accels);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::currency",
                           G_CALLBACK (currency_changed_cb), self, G_CONNECT_SWAPPED);
  currency_changed_cb (self, "currency", self->settings);
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
  if (window == NULL)
    {
      if (!ensure_repository (self, &error))
        {
          show_fatal_error (self, error);
          return;
        }
      window = GTK_WINDOW (crm_window_new (GTK_APPLICATION (self), self->repository));
    }
  gtk_window_present (window);
}

static void
crm_application_dispose (GObject *object)
{
  CrmApplication *self = (CrmApplication *)object;

  g_clear_object (&self->repository);
  g_clear_object (&self->settings);

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

  object_class->dispose = crm_application_dispose;
  object_class->finalize = crm_application_finalize;

  app_class->handle_local_options = crm_application_handle_local_options;
  app_class->startup = crm_application_startup;
  app_class->activate = crm_application_activate;
}

static void
crm_application_init (CrmApplication *self)
{
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
