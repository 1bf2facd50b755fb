/* test-window-transfer.c: Import and Export in a real window under Xvfb
 *
 * Drives the window's own entry points (the file chooser is the portal's,
 * not ours), its progress bar and its Cancel button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "crm-repository-bulk.h"
#include "crm-window.h"
#include "crm-window-transfer.h"
#include "crm-test-ui.h"

typedef struct
{
  char *dir;
  char *path;
  CrmRepository *repo;
  GtkApplication *app;
  CrmWindow *window;
  guint n_reloads;
} Fixture;

static void
changed_cb (CrmRepository *repo,
            GType          type,
            gint64         id,
            guint          kind,
            Fixture       *f)
{
  if (id == 0)
    f->n_reloads++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("rapport-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->repo = crm_repository_open (f->path, &error);
  g_assert_no_error (error);
  g_signal_connect (f->repo, "changed", G_CALLBACK (changed_cb), f);

  f->app = GTK_APPLICATION (g_application_get_default ());
  f->window = crm_window_new (f->app, f->repo);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_signal_handlers_disconnect_by_data (f->repo, f);
  g_clear_object (&f->repo);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
wait_until_done (Fixture *f)
{
  while (crm_window_is_transferring (f->window))
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GFile *
write_customers (Fixture    *f,
                 const char *name,
                 guint       n)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "{\"type\": \"customer\", \"name\": \"客户 %u\"}\n", i);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gboolean
action_enabled (Fixture    *f,
                const char *name)
{
  g_autofree char *full = g_strconcat ("win.", name, NULL);

  return crm_test_ui_action_enabled (GTK_WIDGET (f->window), full);
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) file = write_customers (f, "customers.ndjson", 5000);
  GtkWidget *bar = find_named (GTK_WIDGET (f->window), "transfer-bar");

  g_assert_nonnull (bar);
  g_assert_true (action_enabled (f, "import"));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (bar)));

  crm_window_import_file (f->window, file, FALSE);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (bar)));
  g_assert_false (action_enabled (f, "import"));
  g_assert_false (action_enabled (f, "export"));
  wait_until_done (f);

  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (bar)));
  g_assert_true (action_enabled (f, "import"));
  g_assert_cmpint (crm_repository_count (f->repo, CRM_TYPE_CUSTOMER, NULL), ==, 5000);
  /* The window's repository told its views to reload, once per type. */
  g_assert_cmpuint (f->n_reloads, ==, 3);
}

static void
test_import_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GListModel *toplevels;
  AdwMessageDialog *dialog = NULL;

  g_file_set_contents (path, "[{\"customer_id\": 1, \"title\": \"T\", \"value\": \"abc\"}]", -1, NULL);
  crm_window_import_file (f->window, file, FALSE);
  wait_until_done (f);

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import Failed");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), "bad.json: records[0]: value"));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  adw_message_dialog_response (dialog, "close");
  g_assert_cmpint (crm_repository_count (f->repo, CRM_TYPE_OPPORTUNITY, NULL), ==, 0);
  g_assert_cmpuint (f->n_reloads, ==, 0);
}

static void
test_import_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = write_customers (f, "many.ndjson", 50000);
  GtkWidget *bar = find_named (GTK_WIDGET (f->window), "transfer-bar");
  GtkWidget *cancel = find_type (bar, GTK_TYPE_BUTTON);

  g_assert_nonnull (cancel);
  crm_window_import_file (f->window, file, FALSE);
  /* Press Cancel before the import can have finished: it was just started
   * and the main loop has not run yet. */
  g_signal_emit_by_name (cancel, "clicked");
  wait_until_done (f);
  g_assert_cmpint (crm_repository_count (f->repo, CRM_TYPE_CUSTOMER, NULL), ==, 0);
  g_assert_cmpuint (f->n_reloads, ==, 0);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (bar)));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) in = write_customers (f, "customers.ndjson", 10);
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (path);
  g_autofree char *contents = NULL;

  crm_window_import_file (f->window, in, FALSE);
  wait_until_done (f);
  crm_window_export_file (f->window, out, CRM_CSV_TABLE_CUSTOMERS);
  g_assert_false (action_enabled (f, "export"));
  wait_until_done (f);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBFid,name,"));
  g_assert_nonnull (strstr (contents, "客户 10"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* One application for all cases: a window needs one, registered. */
  app = adw_application_new ("io.github.rapportcrm.Rapport.TransferTest", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/window-transfer/import", test_import);
  ADD ("/window-transfer/import-error", test_import_error);
  ADD ("/window-transfer/import-cancel", test_import_cancel);
  ADD ("/window-transfer/export", test_export);

  return g_test_run ();
}
