/* test-sort-keys-ui.c: a change of locale rebuilds the sort keys at start-up
 *
 * A database written under zh_CN (names in pinyin order) is opened by the
 * application under C.UTF-8. Another program holds the write lock for a
 * moment, so the rebuild takes long enough for its progress window to
 * show; once the lock goes, the keys are rebuilt, the progress window
 * closes, the main window opens and the names are in the new order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <sqlite3.h>

#include "crm-application.h"
#include "crm-test-db.h"
#include "crm-test-ui.h"
#include "crm-window.h"

static gboolean
has_window (gpointer data)
{
  return crm_test_ui_find_toplevel (CRM_TYPE_WINDOW) != NULL;
}

static GtkWindow *
find_progress_window (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (!CRM_IS_WINDOW (window)
          && crm_test_ui_find_by_type (GTK_WIDGET (window), GTK_TYPE_PROGRESS_BAR) != NULL)
        return window;
    }
  return NULL;
}

static gboolean
has_progress_window (gpointer data)
{
  return find_progress_window () != NULL;
}

static char *
names_in_order (CrmRepository *repository)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = crm_repository_list_customers (repository, NULL, 0, 10, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "", crm_customer_get_name (rows->pdata[i]));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_locale_changed (void)
{
  static const char *names[] = { "黎明", "龙华", "齐白石", "龚丽" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pinyin = NULL;
  g_autofree char *after = NULL;
  g_autoptr(CrmRepository) seed = NULL;
  g_autoptr(GtkApplication) app = NULL;
  GtkWindow *progress;
  GtkWindow *window;
  sqlite3 *lock = NULL;

  /* Written under zh_CN. */
  g_assert_nonnull (setlocale (LC_COLLATE, "zh_CN.UTF-8"));
  seed = crm_test_db_open ("rapport-sort-keys-XXXXXX", &dir, &path);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CrmCustomer) customer = crm_customer_new ();

      crm_customer_set_name (customer, names[i]);
      g_assert_true (crm_repository_add_customer (seed, customer, &error));
      g_assert_no_error (error);
    }
  pinyin = names_in_order (seed);
  g_assert_cmpstr (pinyin, ==, "龚丽 黎明 龙华 齐白石");
  g_clear_object (&seed);
  g_assert_nonnull (setlocale (LC_COLLATE, "C.UTF-8"));

  /* Another program writing. */
  g_assert_cmpint (sqlite3_open (path, &lock), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (lock, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  g_setenv ("RAPPORT_DATABASE", path, TRUE);
  app = g_object_new (CRM_TYPE_APPLICATION,
                      "application-id", NULL,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", RESOURCE_BASE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  /* The rebuild waits for the lock: its window says so, not the list in
   * the old order. */
  crm_test_ui_wait_until (has_progress_window, NULL, "the progress window");
  progress = find_progress_window ();
  g_assert_nonnull (crm_test_ui_find_label (GTK_WIDGET (progress), "Sorting Names for Your Language"));
  g_assert_null (crm_test_ui_find_toplevel (CRM_TYPE_WINDOW));

  g_assert_cmpint (sqlite3_exec (lock, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (lock);
  crm_test_ui_wait_until (has_window, NULL, "the main window");
  window = crm_test_ui_find_toplevel (CRM_TYPE_WINDOW);
  crm_test_ui_iterate ();
  g_assert_null (find_progress_window ());

  /* In the database: the keys in root's order (code points for these),
   * the collation recorded. */
  after = names_in_order (crm_application_get_repository (CRM_APPLICATION (app)));
  g_assert_cmpstr (after, ==, "黎明 齐白石 龙华 龚丽");
  g_assert_cmpint (crm_repository_get_sort_keys_state (crm_application_get_repository (CRM_APPLICATION (app))),
                   ==, CRM_SORT_KEYS_CURRENT);
  g_assert_true (g_str_has_prefix (crm_repository_get_collation (crm_application_get_repository (CRM_APPLICATION (app))),
                                   "root "));

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

  g_test_add_func ("/sort-keys/locale-changed", test_locale_changed);

  return g_test_run ();
}
