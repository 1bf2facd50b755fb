/* test-controls.c: every control on every page, dialog and popover acts
 * and has a name a screen reader can speak
 *
 * The window is opened on a database with a few customers, interactions
 * and opportunities, then brought into each state a user meets: a
 * customer selected with its detail, each editor, the board, the activity
 * list, preferences, the shortcuts window, the file choosers, the primary
 * menu and the popovers. In each state (the file choosers: the first
 * check only, see choose_database_by_menu):
 *
 * - every mapped GtkActionable must be sensitive, unless the state says
 *   why it may not be (nothing to undo yet). GTK makes an actionable
 *   insensitive when its action name does not resolve, so a misspelt
 *   action shows up here as a greyed-out button;
 * - every control exposed over AT-SPI must have a name: a11y-names.py reads
 *   the application's accessibility tree from another process, as Orca
 *   does (this process must keep answering while it reads).
 *
 * Every problem of every state is collected, so one run lists them all.
 * Then the primary menu's Open Database… and New Database… are clicked
 * with the real pointer and followed to the end: a new window on the
 * other file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "crm-application.h"
#include "crm-customers-page.h"
#include "crm-editor.h"
#include "crm-test-db.h"
#include "crm-test-ui.h"
#include "crm-window.h"

static CrmApplication *app;

typedef struct
{
  char *dir;
  char *path;
  CrmRepository *repo;
  CrmWindow *window;
  gint64 customer_id;
  GPtrArray *problems;
  GHashTable *seen;   /* problems already reported */
} Fixture;

static void
add_data (Fixture *f)
{
  static const char *names[][2] = {
    { "张三", "华为" }, { "Ada Lovelace", "Analytical Engines" }, { "李四", "小米" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CrmCustomer) customer = crm_customer_new ();
      g_autoptr(CrmInteraction) interaction = crm_interaction_new ();
      g_autoptr(CrmOpportunity) opportunity = crm_opportunity_new ();

      crm_customer_set_name (customer, names[i][0]);
      crm_customer_set_company (customer, names[i][1]);
      crm_customer_set_email (customer, "someone@example.com");
      crm_repository_add_customer (f->repo, customer, &error);
      g_assert_no_error (error);
      if (f->customer_id == 0)
        f->customer_id = crm_customer_get_id (customer);

      crm_interaction_set_customer_id (interaction, crm_customer_get_id (customer));
      crm_interaction_set_interaction_type (interaction, CRM_INTERACTION_TYPE_CALL);
      crm_interaction_set_notes (interaction, "Called about the renewal");
      crm_repository_add_interaction (f->repo, interaction, &error);
      g_assert_no_error (error);

      crm_opportunity_set_customer_id (opportunity, crm_customer_get_id (customer));
      crm_opportunity_set_title (opportunity, "ERP 系统");
      crm_opportunity_set_value (opportunity, 1250000);
      crm_opportunity_set_stage (opportunity, i == 0 ? CRM_STAGE_LEAD : CRM_STAGE_PROPOSAL);
      crm_opportunity_set_probability (opportunity, 30);
      crm_repository_add_opportunity (f->repo, opportunity, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->repo = crm_test_db_open ("rapport-controls-XXXXXX", &f->dir, &f->path);
  add_data (f);
  f->problems = g_ptr_array_new_with_free_func (g_free);
  f->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  f->window = crm_window_new (GTK_APPLICATION (app), f->repo);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  /* No frame waits in this test: with the accessibility bridge on, they
   * timed out now and then under Xvfb. What it needs is widgets mapped
   * and laid out, which the checks and the click helper wait for. */
  crm_test_ui_wait_for_customers (GTK_WIDGET (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  /* Whatever the test left open, main windows included. */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
      crm_test_ui_iterate ();
    }
  g_clear_object (&f->repo);
  crm_test_remove_dir (f->dir);
  g_ptr_array_unref (f->problems);
  g_hash_table_unref (f->seen);
  g_free (f->path);
  g_free (f->dir);
}

/* Checks *****************************************************************/

static void
describe (GtkWidget *widget,
          GString   *out)
{
  g_string_append (out, G_OBJECT_TYPE_NAME (widget));
  if (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) != NULL)
    g_string_append_printf (out, " #%s", gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (out, " \"%s\"", gtk_button_get_label (GTK_BUTTON (widget)));
  else if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_string_append_printf (out, " (tooltip \"%s\")", gtk_widget_get_tooltip_text (widget));
}

static void
check_actionables (GtkWidget          *widget,
                   const char         *state,
                   const char * const *may_be_off,
                   GHashTable         *seen,
                   GPtrArray          *problems)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_ACTIONABLE (widget))
    {
      const char *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (widget));

      if (action != NULL && !gtk_widget_is_sensitive (widget)
          && (may_be_off == NULL || !g_strv_contains (may_be_off, action)))
        {
          g_autoptr(GString) what = g_string_new (NULL);

          describe (widget, what);
          g_string_append_printf (what, ": its action \"%s\" does not act "
                                  "(misspelt, not installed or disabled)", action);
          /* reported once, in the first state it shows in */
          if (!g_hash_table_contains (seen, what->str))
            {
              g_ptr_array_add (problems, g_strdup_printf ("%s: %s", state, what->str));
              g_hash_table_add (seen, g_strdup (what->str));
            }
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_actionables (child, state, may_be_off, seen, problems);
}

static void
helper_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

/* Reads the accessibility tree from outside, while this process keeps
 * answering the reader's questions. */
static void
check_names (const char *state,
             GHashTable *seen,
             GPtrArray  *problems)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) helper = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  helper = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                             A11Y_PYTHON, A11Y_SCRIPT, pid, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (helper, NULL, NULL, helper_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_utf8_finish (helper, result, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (helper))
    g_error ("a11y-names.py could not read the accessibility tree: %s", err);

  lines = g_strsplit (out, "\n", -1);
  /* A control seen in an earlier state is reported there, once. */
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && !g_hash_table_contains (seen, lines[i]))
      {
        g_hash_table_add (seen, g_strdup (lines[i]));
        g_ptr_array_add (problems, g_strdup_printf ("%s: no accessible name: %s", state, lines[i]));
      }
}

/* Both checks over every window (popovers are their parents' children). */
static void
check_state (Fixture            *f,
             const char         *state,
             const char * const *may_be_off)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  g_test_message ("checking: %s", state);
  crm_test_ui_iterate ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      check_actionables (window, state, may_be_off, f->seen, f->problems);
    }
  check_names (state, f->seen, f->problems);
}

static void
assert_no_problems (Fixture *f)
{
  for (guint i = 0; i < f->problems->len; i++)
    g_printerr ("%s\n", (char *) f->problems->pdata[i]);
  g_assert_cmpuint (f->problems->len, ==, 0);
}

/* Getting around ***********************************************************/

typedef struct
{
  GListModel *toplevels;
  GPtrArray *before;
  GtkWindow *added;
} NewToplevel;

static gboolean
toplevel_added (gpointer data)
{
  NewToplevel *t = data;

  for (guint i = 0; i < g_list_model_get_n_items (t->toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (t->toplevels, i);

      if (!g_ptr_array_find (t->before, window, NULL))
        {
          t->added = window;   /* the list keeps it alive */
          return TRUE;
        }
    }
  return FALSE;
}

static void
new_toplevel_init (NewToplevel *t)
{
  t->toplevels = gtk_window_get_toplevels ();
  t->before = g_ptr_array_new_with_free_func (g_object_unref);
  t->added = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (t->toplevels); i++)
    g_ptr_array_add (t->before, g_list_model_get_item (t->toplevels, i));
}

static GtkWindow *
new_toplevel_wait (NewToplevel *t,
                   const char  *what)
{
  crm_test_ui_wait_until (toplevel_added, t, what);
  g_ptr_array_unref (t->before);
  return t->added;
}

/* Activates @widget the way a key press on it does, and returns the
 * window that opens, or %NULL when @widget does not act (the walk has
 * already said so): the test goes on, to list every problem. */
static GtkWindow *
activate_for_window (GtkWidget  *widget,
                     const char *what)
{
  NewToplevel t;

  if (!gtk_widget_is_sensitive (widget))
    return NULL;
  new_toplevel_init (&t);
  gtk_widget_activate (widget);
  return new_toplevel_wait (&t, what);
}

static GtkWindow *
action_for_window (Fixture    *f,
                   const char *action,
                   const char *what)
{
  NewToplevel t;

  new_toplevel_init (&t);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
  return new_toplevel_wait (&t, what);
}

static void
close_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  crm_test_ui_iterate ();
}

static GtkWidget *
find (Fixture    *f,
      GtkWidget  *root,
      const char *id)
{
  GtkWidget *widget = crm_test_ui_find_by_id (root != NULL ? root : GTK_WIDGET (f->window), id);

  if (widget == NULL)
    g_error ("no widget “%s”", id);
  return widget;
}

static void
show_page (Fixture    *f,
           const char *name)
{
  AdwViewStack *stack = ADW_VIEW_STACK (find (f, NULL, "view_stack"));

  adw_view_stack_set_visible_child_name (stack, name);
  crm_test_ui_iterate ();
}

static GtkPopover *
child_popover (GtkWidget *widget)
{
  GtkWidget *popover = crm_test_ui_find_by_type (widget, GTK_TYPE_POPOVER);

  g_assert_nonnull (popover);
  return GTK_POPOVER (popover);
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
popup_drop_down (Fixture    *f,
                 const char *id,
                 const char *state)
{
  GtkWidget *drop_down = find (f, NULL, id);
  GtkPopover *popover;

  /* the key binding's signal: what Space on a focused drop-down does */
  g_signal_emit_by_name (drop_down, "activate");
  popover = child_popover (drop_down);
  crm_test_ui_wait_until (widget_mapped, popover, "the drop-down's popover");
  check_state (f, state, NULL);
  gtk_popover_popdown (popover);
  crm_test_ui_iterate ();
}

static GtkMenuButton *
primary_menu_button (Fixture *f)
{
  GtkWidget *button = crm_test_ui_find_by_type (find (f, NULL, "header_bar"), GTK_TYPE_MENU_BUTTON);

  g_assert_nonnull (button);
  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (button)));
  return GTK_MENU_BUTTON (button);
}

/* Nothing to undo yet in a new window. */
static const char * const window_may_be_off[] = { "win.undo", "win.redo", NULL };
/* A new record cannot be saved before its required fields are filled. */
static const char * const new_editor_may_be_off[] = { "win.undo", "win.redo", "editor.save", NULL };

static void
test_walk (Fixture       *f,
           gconstpointer  data)
{
  CrmCustomersPage *page = CRM_CUSTOMERS_PAGE (crm_test_ui_find_by_type (GTK_WIDGET (f->window),
                                                                          CRM_TYPE_CUSTOMERS_PAGE));
  GtkWindow *dialog;

  check_state (f, "customers, none selected", window_may_be_off);
  crm_customers_page_show_customer (page, f->customer_id);
  crm_test_ui_wait_for_customers (GTK_WIDGET (f->window));
  check_state (f, "customers, one selected, its detail", window_may_be_off);

  gtk_menu_button_popup (primary_menu_button (f));
  crm_test_ui_wait_until (widget_mapped, child_popover (GTK_WIDGET (primary_menu_button (f))),
                          "the primary menu");
  check_state (f, "the primary menu", window_may_be_off);
  gtk_menu_button_popdown (primary_menu_button (f));

  popup_drop_down (f, "status_dropdown", "the status filter's popover");

  dialog = activate_for_window (find (f, NULL, "edit_button"), "the customer editor");
  if (dialog != NULL)
    {
      check_state (f, "the customer editor", window_may_be_off);
      close_window (dialog);
    }

  dialog = activate_for_window (find (f, NULL, "add_interaction_button"), "a new interaction's editor");
  g_assert_nonnull (dialog);
  check_state (f, "a new interaction's editor", new_editor_may_be_off);
  {
    GtkMenuButton *date = GTK_MENU_BUTTON (find (f, GTK_WIDGET (dialog), "date_button"));

    gtk_menu_button_popup (date);
    crm_test_ui_wait_until (widget_mapped, child_popover (GTK_WIDGET (date)), "the date popover");
    check_state (f, "the interaction editor's date popover", new_editor_may_be_off);
    gtk_menu_button_popdown (date);
  }
  close_window (dialog);

  dialog = activate_for_window (find (f, NULL, "add_opportunity_button"), "a new opportunity's editor");
  g_assert_nonnull (dialog);
  check_state (f, "a new opportunity's editor", new_editor_may_be_off);
  close_window (dialog);

  show_page (f, "pipeline");
  check_state (f, "the pipeline board", window_may_be_off);
  popup_drop_down (f, "customer_dropdown", "the board's customer filter");

  show_page (f, "activity");
  check_state (f, "the activity page", window_may_be_off);

  dialog = action_for_window (f, "win.preferences", "the preferences");
  check_state (f, "the preferences", window_may_be_off);
  close_window (dialog);

  /* Import and Export ask for a file with GTK's fallback chooser here:
   * its actions are checked, as in the database menu's test. */
  for (guint i = 0; i < 2; i++)
    {
      const char *action = i == 0 ? "win.import" : "win.export";

      dialog = action_for_window (f, action, action);
      g_assert_true (GTK_IS_FILE_CHOOSER (dialog));
      crm_test_ui_wait_until (widget_mapped, dialog, "the file chooser on screen");
      check_actionables (GTK_WIDGET (dialog), action, window_may_be_off, f->seen, f->problems);
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
      crm_test_ui_iterate ();
    }

  /* GtkApplicationWindow builds the shortcuts window with itself. */
  dialog = GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  crm_test_ui_wait_until (widget_mapped, dialog, "the shortcuts window");
  check_state (f, "the shortcuts window", window_may_be_off);
  gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);

  assert_no_problems (f);
}

/* The database menu, clicked **********************************************/

static CrmWindow *
window_on (const char *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CRM_IS_WINDOW (l->data) && gtk_widget_get_mapped (l->data)
        && g_strcmp0 (crm_repository_get_path (crm_window_get_repository (l->data)), path) == 0)
      return l->data;
  return NULL;
}

static gboolean
only_window_on (gpointer data)
{
  const char *path = data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  return window_on (path) != NULL && windows->next == NULL;
}

/* Clicks the primary menu's entry @label, in @window, with the pointer. */
static void
click_menu_entry (CrmWindow  *window,
                  const char *label)
{
  GtkWidget *button = crm_test_ui_find_by_type (crm_test_ui_find_by_id (GTK_WIDGET (window), "header_bar"),
                                                GTK_TYPE_MENU_BUTTON);
  GtkPopover *popover;
  GtkWidget *entry;

  g_assert_true (gtk_menu_button_get_primary (GTK_MENU_BUTTON (button)));
  crm_test_ui_click_widget (button);
  popover = child_popover (button);
  crm_test_ui_wait_until (widget_mapped, popover, "the primary menu");
  entry = crm_test_ui_find_label (GTK_WIDGET (popover), label);
  if (entry == NULL)
    g_error ("the primary menu has no entry “%s”", label);
  crm_test_ui_click_widget (gtk_widget_get_parent (entry));
}

static gboolean
stack_settled (gpointer data)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (data), "main") != 0
         && !gtk_stack_get_transition_running (data);
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);

  return file != NULL;
}

/* Clicks the primary menu's @label and answers the file chooser it opens
 * with @path: the window is then replaced by one on @path. */
static void
choose_database_by_menu (Fixture    *f,
                         CrmWindow  *window,
                         const char *label,
                         const char *path)
{
  NewToplevel t;
  GtkWindow *dialog;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autoptr(GError) error = NULL;

  new_toplevel_init (&t);
  click_menu_entry (window, label);
  dialog = new_toplevel_wait (&t, "the file chooser");
  g_assert_true (GTK_IS_FILE_CHOOSER (dialog));
  crm_test_ui_wait_until (widget_mapped, dialog, "the file chooser on screen");
  /* Its actions only: this is GTK 4.8's own chooser, the fallback when
   * no file chooser portal runs, and many of its controls have no name
   * that Rapport could give them. In a GNOME session the portal's
   * chooser, another process, is the one shown. */
  check_actionables (GTK_WIDGET (dialog), label, NULL, f->seen, f->problems);
  if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, &error);
      g_assert_no_error (error);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), g_file_peek_path (file) + strlen (f->dir) + 1);
    }
  else
    {
      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, &error);
      g_assert_no_error (error);
    }
  /* The chooser selects a file once it has loaded its folder, and turns
   * an Accept down until then. */
  crm_test_ui_wait_until (chooser_has_file, dialog, "the chooser to select the file");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  crm_test_ui_wait_until (only_window_on, (gpointer) path, "the window on the chosen database");
}

static void
test_database_menu (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *created = g_build_filename (f->dir, "created.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) recent = NULL;
  CrmWindow *window;

  /* another database, made as the CLI makes one */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CrmRepository) repository = crm_repository_open (other, &error);

    g_assert_no_error (error);
  }
  g_settings_reset (settings, "recent-databases");

  choose_database_by_menu (f, f->window, "Open Database…", other);
  window = window_on (other);
  g_assert_null (window_on (f->path));

  g_assert_false (g_file_test (created, G_FILE_TEST_EXISTS));
  choose_database_by_menu (f, window, "New Database…", created);
  g_assert_true (g_file_test (created, G_FILE_TEST_IS_REGULAR));
  window = window_on (created);

  /* newest first; a file that is gone leaves the list */
  recent = g_settings_get_strv (settings, "recent-databases");
  g_assert_cmpuint (g_strv_length (recent), ==, 2);
  g_assert_cmpstr (recent[0], ==, created);
  g_assert_cmpstr (recent[1], ==, other);

  /* back to the other one through Recent Databases */
  click_menu_entry (window, "Recent Databases");
  {
    GtkWidget *popover = GTK_WIDGET (child_popover (crm_test_ui_find_by_type (crm_test_ui_find_by_id (GTK_WIDGET (window), "header_bar"),
                                                                               GTK_TYPE_MENU_BUTTON)));
    GtkWidget *entry = NULL;

    GtkWidget *stack = crm_test_ui_find_by_type (popover, GTK_TYPE_STACK);

    /* The submenu slides in: aim once it has stopped. */
    g_assert_nonnull (stack);
    crm_test_ui_wait_until (stack_settled, stack, "the submenu");
    entry = crm_test_ui_find_label (popover, other);
    g_assert_nonnull (entry);
    crm_test_ui_click_widget (gtk_widget_get_parent (entry));
  }
  crm_test_ui_wait_until (only_window_on, other, "the window on the recent database");

  g_assert_cmpint (g_unlink (created), ==, 0);
  g_strfreev (recent);
  /* (a change: the list is other, created now) */
  g_settings_set_strv (settings, "recent-databases", (const char * const[]) { created, other, NULL });
  crm_test_ui_iterate ();
  recent = g_settings_get_strv (settings, "recent-databases");
  g_assert_cmpuint (g_strv_length (recent), ==, 1);
  g_assert_cmpstr (recent[0], ==, other);

  assert_no_problems (f);
}

static gboolean
has_customer_editor (gpointer data)
{
  return crm_test_ui_find_toplevel (CRM_TYPE_EDITOR) != NULL;
}

/* Another database is not opened over an editor's typed text: the
 * editor stays, with the text, and a message says why. */
static void
test_database_switch_keeps_editor (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  GtkWindow *editor;
  GtkWidget *name_row;
  GtkWindow *message;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CrmRepository) repository = crm_repository_open (other, &error);

    g_assert_no_error (error);
  }
  crm_test_ui_click_widget (crm_test_ui_find_by_id (GTK_WIDGET (f->window), "new_customer_button"));
  crm_test_ui_wait_until (has_customer_editor, NULL, "the customer editor");
  editor = crm_test_ui_find_toplevel (CRM_TYPE_EDITOR);
  name_row = crm_test_ui_find_by_id (GTK_WIDGET (editor), "name_row");
  crm_test_ui_type_text (name_row, "Half typed");

  /* as Recent Databases' entry does */
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-recent", g_variant_new_string (other));
  crm_test_ui_iterate ();

  message = crm_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==, "An Editor Is Open");
  g_assert_true (window_on (f->path) == f->window);
  g_assert_null (window_on (other));
  g_assert_true (crm_test_ui_find_toplevel (CRM_TYPE_EDITOR) == editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Half typed");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* The test environment turns the accessibility bridge off for every
   * other test; this one is about what it shows. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("NO_AT_BRIDGE");
  /* The file choosers stay in this process, where the walk can see them. */
  g_setenv ("GTK_USE_PORTAL", "0", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = crm_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/controls/walk", Fixture, NULL, fixture_setup, test_walk, fixture_teardown);
  g_test_add ("/controls/database-menu", Fixture, NULL, fixture_setup, test_database_menu, fixture_teardown);
  g_test_add ("/controls/database-switch-keeps-editor", Fixture, NULL, fixture_setup,
              test_database_switch_keeps_editor, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
