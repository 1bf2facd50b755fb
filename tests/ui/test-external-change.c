/* test-external-change.c: another program's write shows in the open window
 *
 * The real start-up path (the application opens the database and shows
 * its window), then the real command line (`rapport --import`) in another
 * process writes while the window is open: the new customers appear by
 * themselves within a second, and an open editor keeps what was typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "crm-application.h"
#include "crm-editors.h"
#include "crm-test-db.h"
#include "crm-test-ui.h"
#include "crm-window.h"

static gboolean
has_window (gpointer data)
{
  return crm_test_ui_find_toplevel (CRM_TYPE_WINDOW) != NULL;
}

static gboolean
shows_label (gpointer data)
{
  GtkWindow *window = crm_test_ui_find_toplevel (CRM_TYPE_WINDOW);

  return window != NULL && crm_test_ui_find_row_text (GTK_WIDGET (window), data) != NULL;
}

static void
add_customer (CrmRepository *repo,
              const char    *name,
              const char    *company)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) customer = crm_customer_new ();

  crm_customer_set_name (customer, name);
  crm_customer_set_company (customer, company);
  g_assert_true (crm_repository_add_customer (repo, customer, &error));
  g_assert_no_error (error);
}

static void
test_import_by_other_process (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *import_path = NULL;
  g_autoptr(CrmRepository) seed = NULL;
  g_autoptr(CrmRepository) check = NULL;
  g_autoptr(GtkApplication) app = NULL;
  GtkWindow *window;
  GtkWindow *editor;
  GtkWidget *name_row;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  gint64 written;
  double seconds;
  const char *argv[] = { RAPPORT_EXE, "--import", NULL, "--database", NULL, NULL };

  seed = crm_test_db_open ("rapport-external-XXXXXX", &dir, &path);
  add_customer (seed, "Anna Schmidt", "ACME");
  g_clear_object (&seed);
  import_path = g_build_filename (dir, "new.json", NULL);
  g_file_set_contents (import_path,
                       "{\"customers\": ["
                       "{\"name\": \"龚丽\", \"company\": \"龙湖地产\"},"
                       "{\"name\": \"Zora Quist\", \"company\": \"Nordlicht GmbH\"}]}",
                       -1, &error);
  g_assert_no_error (error);

  /* As `rapport --database PATH` starts (RAPPORT_DATABASE is the same
   * choice), without a session-wide name. */
  g_setenv ("RAPPORT_DATABASE", path, TRUE);
  app = g_object_new (CRM_TYPE_APPLICATION,
                      "application-id", NULL,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", RESOURCE_BASE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  crm_test_ui_wait_until (has_window, NULL, "the main window");
  window = crm_test_ui_find_toplevel (CRM_TYPE_WINDOW);
  gtk_window_set_default_size (window, 1100, 700);
  crm_test_ui_wait_for_customers (GTK_WIDGET (window));
  crm_test_ui_wait_until (shows_label, (gpointer)"Anna Schmidt", "the first customer");
  g_assert_null (crm_test_ui_find_row_text (GTK_WIDGET (window), "龚丽"));

  /* Half-way through a new customer. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-customer", NULL);
  crm_test_ui_iterate ();
  editor = crm_test_ui_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR);
  g_assert_nonnull (editor);
  name_row = crm_test_ui_find_by_id (GTK_WIDGET (editor), "name_row");
  g_assert_nonnull (name_row);
  crm_test_ui_type_text (name_row, "王芳 (not saved yet)");

  /* The real command line, in another process. */
  argv[2] = import_path;
  argv[4] = path;
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("rapport --import: %s%s", out, err);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  written = g_get_monotonic_time ();

  crm_test_ui_wait_until (shows_label, (gpointer)"龚丽", "the imported customer to show");
  crm_test_ui_wait_until (shows_label, (gpointer)"Zora Quist", "the imported customer to show");
  seconds = (g_get_monotonic_time () - written) / 1e6;
  g_test_message ("the window showed the import after %.3f s", seconds);
  g_assert_cmpfloat (seconds, <, 1.0);
  /* the old rows stay */
  g_assert_nonnull (crm_test_ui_find_row_text (GTK_WIDGET (window), "Anna Schmidt"));

  /* The editor is still open, with what was typed. */
  g_assert_true (crm_test_ui_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR) == editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "王芳 (not saved yet)");

  /* And the database holds what the window shows. */
  check = crm_repository_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_repository_count_customers (check, NULL, NULL), ==, 3);
  g_clear_object (&check);

  gtk_window_destroy (editor);
  gtk_window_destroy (window);
  crm_test_ui_iterate ();
  g_clear_object (&app);
  crm_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/external-change/import-by-other-process", test_import_by_other_process);

  return g_test_run ();
}
