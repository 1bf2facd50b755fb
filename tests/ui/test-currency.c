/* test-currency.c: choosing a currency re-formats the money on screen
 *
 * The application binds the "currency" setting to the CrmCurrency object;
 * the board and the customer detail follow its notify::chosen, with no
 * reload from the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "crm-application.h"
#include "crm-customer-detail.h"
#include "crm-pipeline-page.h"
#include "crm-test-db.h"
#include "crm-test-ui.h"

static gboolean
shows_label (gpointer data)
{
  GtkWidget **pair = data;

  return crm_test_ui_find_label (pair[0], (const char *)pair[1]) != NULL;
}

static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  gpointer pair[] = { root, (gpointer)text };

  crm_test_ui_wait_until (shows_label, pair, text);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_currency_setting (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CrmRepository) repo = NULL;
  g_autoptr(GtkApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(CrmOpportunity) opportunity = crm_opportunity_new ();
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *board;
  GtkWidget *detail;
  guint changes = 0;

  app = g_object_new (CRM_TYPE_APPLICATION,
                      "application-id", NULL,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", RESOURCE_BASE,
                      NULL);
  /* startup binds the setting */
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "currency", "");

  repo = crm_test_db_open ("rapport-currency-XXXXXX", &dir, &path);
  crm_customer_set_name (customer, "张伟");
  g_assert_true (crm_repository_add_customer (repo, customer, &error));
  crm_opportunity_set_customer_id (opportunity, crm_customer_get_id (customer));
  crm_opportunity_set_title (opportunity, "ERP 系统");
  crm_opportunity_set_value (opportunity, 123456);
  g_assert_true (crm_repository_add_opportunity (repo, opportunity, &error));
  g_assert_no_error (error);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  board = g_object_new (CRM_TYPE_PIPELINE_PAGE, "hexpand", TRUE, NULL);
  detail = g_object_new (CRM_TYPE_CUSTOMER_DETAIL, NULL);
  gtk_box_append (GTK_BOX (box), board);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_window_set_child (GTK_WINDOW (window), box);
  crm_pipeline_page_set_repository (CRM_PIPELINE_PAGE (board), repo);
  crm_customer_detail_set_repository (CRM_CUSTOMER_DETAIL (detail), repo);
  crm_customer_detail_set_customer_id (CRM_CUSTOMER_DETAIL (detail), crm_customer_get_id (customer));
  gtk_window_present (GTK_WINDOW (window));

  /* C.UTF-8 names no currency: dollars, grouped. */
  wait_for_label (board, "$1,234.56");
  wait_for_label (detail, "$1,234.56");

  /* No database reload for a change of display. */
  g_signal_connect_swapped (repo, "changed", G_CALLBACK (count_cb), &changes);
  g_settings_set_string (settings, "currency", "EUR");
  wait_for_label (board, "€1,234.56");
  wait_for_label (detail, "€1,234.56");
  g_assert_null (crm_test_ui_find_label (board, "$1,234.56"));
  g_settings_set_string (settings, "currency", "CNY");
  wait_for_label (board, "¥1,234.56");
  wait_for_label (detail, "¥1,234.56");
  g_assert_cmpuint (changes, ==, 0);

  g_settings_set_string (settings, "currency", "");
  gtk_window_destroy (GTK_WINDOW (window));
  crm_test_ui_iterate ();
  g_clear_object (&repo);
  crm_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/currency/setting", test_currency_setting);

  return g_test_run ();
}
