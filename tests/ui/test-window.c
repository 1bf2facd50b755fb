/* test-window.c: the main window, driven like a user would, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "crm-application.h"
#include "crm-customer-detail.h"
#include "crm-customer-header.h"
#include "crm-customers-page.h"
#include "crm-editors.h"
#include "crm-format.h"
#include "crm-test-db.h"
#include "crm-test-ui.h"
#include "crm-window.h"

static GtkApplication *app;

typedef struct
{
  char *dir;
  char *path;
  CrmRepository *repo;
  CrmWindow *window;
  GtkWidget *list_view;
  GListModel *list;   /* the customers list's rows */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->repo = crm_test_db_open ("rapport-ui-test-XXXXXX", &f->dir, &f->path);

  f->window = crm_window_new (app, f->repo);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  crm_test_ui_iterate ();
  f->list_view = crm_test_ui_find_by_id (GTK_WIDGET (f->window), "list_view");
  g_assert_nonnull (f->list_view);
  f->list = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (f->list_view)));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *editor;

  while ((editor = crm_test_ui_find_toplevel (ADW_TYPE_WINDOW)) != NULL)
    gtk_window_destroy (editor);
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  crm_test_ui_iterate ();
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->repo);
  crm_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static CrmCustomer *
add_customer (Fixture    *f,
              const char *name,
              const char *company,
              const char *email)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;

  crm_customer_set_name (customer, name);
  crm_customer_set_company (customer, company);
  crm_customer_set_email (customer, email);
  crm_repository_add_customer (f->repo, customer, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&customer);
}

static const char *
row_name (Fixture *f,
          guint    position)
{
  g_autoptr(CrmCustomer) customer = g_list_model_get_item (f->list, position);

  g_assert_nonnull (customer);
  /* the repository keeps the strings alive as long as the model caches
   * the row; copy for safety */
  return g_intern_string (crm_customer_get_name (customer));
}

static const char *
row_company (Fixture *f,
             guint    position)
{
  g_autoptr(CrmCustomer) customer = g_list_model_get_item (f->list, position);

  g_assert_nonnull (customer);
  return g_intern_string (crm_customer_get_company (customer));
}

static void
activate_window_action (Fixture    *f,
                        const char *name,
                        GVariant   *parameter)
{
  g_autofree char *full = g_strconcat ("win.", name, NULL);

  g_assert_true (crm_test_ui_action_enabled (GTK_WIDGET (f->window), full));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (f->window), full, parameter));
  crm_test_ui_iterate ();
}

static gboolean
no_toplevel (gpointer data)
{
  return crm_test_ui_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* What Enter or Space on a focused button does. A button's ::activate
 * clicks only once it is on screen and its press animation ends. */
static void
press_button (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  crm_test_ui_wait_until (is_mapped, button, "the button to be on screen");
  g_assert_true (gtk_widget_activate (button));
}

static void
activate_and_wait_closed (GtkWidget *button,
                          GType      editor_type)
{
  press_button (button);
  crm_test_ui_wait_until (no_toplevel, GSIZE_TO_POINTER (editor_type), "the editor to close");
}

static gboolean
has_toplevel (gpointer data)
{
  return crm_test_ui_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static GtkWindow *
activate_and_wait_editor (GtkWidget *button,
                          GType      editor_type)
{
  press_button (button);
  crm_test_ui_wait_until (has_toplevel, GSIZE_TO_POINTER (editor_type), "the editor to open");
  return crm_test_ui_find_toplevel (editor_type);
}

static GtkWidget *
child (gpointer    root,
       const char *id)
{
  GtkWidget *widget = crm_test_ui_find_by_id (GTK_WIDGET (root), id);

  g_assert_nonnull (widget);
  return widget;
}

static void
test_create_customer (Fixture       *f,
                      gconstpointer  data)
{
  GtkWindow *editor;
  GtkWidget *save;
  g_autoptr(GPtrArray) rows = NULL;
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (f->list), ==, 0);
  g_assert_true (gtk_widget_get_mapped (child (f->window, "empty_page")));

  activate_window_action (f, "new-customer", NULL);
  editor = crm_test_ui_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR);
  g_assert_nonnull (editor);
  save = child (editor, "save_button");
  g_assert_false (gtk_widget_is_sensitive (save));

  crm_test_ui_type_text (child (editor, "name_row"), "张三");
  crm_test_ui_type_text (child (editor, "company_row"), "北京云杉科技");
  crm_test_ui_type_text (child (editor, "email_row"), "zhang.san@yunshan.cn");
  crm_test_ui_type_text (child (editor, "phone_row"), "+86 10 8888 6666");
  g_assert_true (gtk_widget_is_sensitive (save));
  activate_and_wait_closed (save, CRM_TYPE_CUSTOMER_EDITOR);

  /* in the database */
  rows = crm_repository_list_customers (f->repo, &query, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (crm_customer_get_name (rows->pdata[0]), ==, "张三");
  g_assert_cmpstr (crm_customer_get_company (rows->pdata[0]), ==, "北京云杉科技");
  g_assert_cmpstr (crm_customer_get_email (rows->pdata[0]), ==, "zhang.san@yunshan.cn");

  /* in the list, on screen */
  g_assert_cmpuint (g_list_model_get_n_items (f->list), ==, 1);
  g_assert_cmpstr (row_name (f, 0), ==, "张三");
  crm_test_ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_nonnull (crm_test_ui_find_row_text (f->list_view, "张三"));
  g_assert_nonnull (crm_test_ui_find_row_text (f->list_view, "zhang.san@yunshan.cn"));
}

static void
test_invalid_email (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CrmCustomer) probe = crm_customer_new ();
  g_autoptr(GError) expected = NULL;
  GtkWindow *editor;
  GtkWidget *save, *email_row, *error_label;

  crm_customer_set_email (probe, "zhang.san-at-example");
  g_assert_false (crm_customer_validate_property (probe, "email", &expected));

  activate_window_action (f, "new-customer", NULL);
  editor = crm_test_ui_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR);
  save = child (editor, "save_button");
  email_row = child (editor, "email_row");
  error_label = child (editor, "error_label");

  crm_test_ui_type_text (child (editor, "name_row"), "张三");
  g_assert_true (gtk_widget_is_sensitive (save));
  crm_test_ui_type_text (email_row, "zhang.san-at-example");
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_true (gtk_widget_has_css_class (email_row, "error"));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, expected->message);

  /* Ctrl+Enter with an invalid field saves nothing */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  g_assert_cmpint (crm_repository_count_customers (f->repo, &(CrmCustomerQuery) CRM_CUSTOMER_QUERY_INIT, NULL), ==, 0);

  crm_test_ui_type_text (email_row, "zhang.san@example.com");
  g_assert_true (gtk_widget_is_sensitive (save));
  g_assert_false (gtk_widget_has_css_class (email_row, "error"));
  g_assert_false (gtk_widget_get_visible (error_label));

  /* Escape cancels */
  gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL);
  crm_test_ui_iterate ();
  g_assert_null (crm_test_ui_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR));
  g_assert_cmpint (crm_repository_count_customers (f->repo, &(CrmCustomerQuery) CRM_CUSTOMER_QUERY_INIT, NULL), ==, 0);
}

static void
wait_for_list (Fixture *f)
{
  crm_test_ui_wait_for_customers (GTK_WIDGET (f->window));
}

static void
search_for (Fixture    *f,
            const char *text)
{
  GtkWidget *entry = child (f->window, "search_entry");

  activate_window_action (f, "search", NULL);
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), entry));
  crm_test_ui_type_text (entry, text);
  wait_for_list (f);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **)a, *(const char **)b);
}

static void
assert_list_is (Fixture     *f,
                const char **expected)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) want = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (f->list); i++)
    g_ptr_array_add (names, (gpointer)row_name (f, i));
  for (guint i = 0; expected[i] != NULL; i++)
    g_ptr_array_add (want, (gpointer)expected[i]);
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_sort (want, compare_strings);
  g_assert_cmpuint (names->len, ==, want->len);
  for (guint i = 0; i < names->len; i++)
    g_assert_cmpstr (names->pdata[i], ==, want->pdata[i]);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CrmCustomer) c1 = add_customer (f, "张三", "北京云杉科技", "zhangsan@yunshan.cn");
  g_autoptr(CrmCustomer) c2 = add_customer (f, "张伟", "上海明远贸易", "wei.zhang@mingyuan.com");
  g_autoptr(CrmCustomer) c3 = add_customer (f, "李四", "深圳华信", "lisi@huaxin.cn");
  g_autoptr(CrmCustomer) c4 = add_customer (f, "Alice Smith", "Acme Corporation", "alice@acme.example");
  g_autoptr(CrmCustomer) c5 = add_customer (f, "Bob Jones", "Smithson Ltd", "bob@smithson.example");
  g_autoptr(CrmCustomer) c6 = add_customer (f, "Carol White", "Initech", "carol@initech.example");

  g_assert_cmpuint (g_list_model_get_n_items (f->list), ==, 6);

  search_for (f, "smith");
  assert_list_is (f, (const char *[]) { "Alice Smith", "Bob Jones", NULL });

  search_for (f, "张");
  assert_list_is (f, (const char *[]) { "张三", "张伟", NULL });

  search_for (f, "云杉科技");
  assert_list_is (f, (const char *[]) { "张三", NULL });

  search_for (f, "nobody-has-this");
  assert_list_is (f, (const char *[]) { NULL });
  g_assert_true (gtk_widget_get_mapped (child (f->window, "no_results_page")));

  search_for (f, "");
  g_assert_cmpuint (g_list_model_get_n_items (f->list), ==, 6);
  g_assert_true (gtk_widget_get_mapped (f->list_view));
}

/* Keys typed faster than the searches run: each one makes the search
 * before it stale (cancelled, its SQL interrupted), and the list ends on
 * the results of the last text typed, never on an older one's. */
static void
test_search_typing_fast (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *entry = child (f->window, "search_entry");
  GtkWidget *page = crm_test_ui_find_by_type (GTK_WIDGET (f->window), CRM_TYPE_CUSTOMERS_PAGE);
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  const char *steps[] = { "张", "张伟", "Smith", "S", "李", "Bob", "Alice Smith" };
  int position = 0;

  g_ptr_array_add (customers, add_customer (f, "张三", "北京云杉科技", "zhangsan@yunshan.cn"));
  g_ptr_array_add (customers, add_customer (f, "张伟", "上海明远贸易", "wei.zhang@mingyuan.com"));
  g_ptr_array_add (customers, add_customer (f, "李四", "深圳华信", "lisi@huaxin.cn"));
  g_ptr_array_add (customers, add_customer (f, "Alice Smith", "Acme Corporation", "alice@acme.example"));
  g_ptr_array_add (customers, add_customer (f, "Bob Jones", "Smithson Ltd", "bob@smithson.example"));

  /* one character at a time, without waiting for any search */
  activate_window_action (f, "search", NULL);
  for (const char *p = "Smit"; *p != '\0'; p++)
    gtk_editable_insert_text (GTK_EDITABLE (entry), p, 1, &position);
  wait_for_list (f);
  assert_list_is (f, (const char *[]) { "Alice Smith", "Bob Jones", NULL });

  /* whole texts, replaced faster than they are searched */
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      gboolean busy = FALSE;

      gtk_editable_set_text (GTK_EDITABLE (entry), steps[i]);
      /* let the entry's search-changed fire, not the search finish */
      while (g_main_context_pending (NULL) && !busy)
        {
          g_main_context_iteration (NULL, FALSE);
          g_object_get (page, "busy", &busy, NULL);
        }
    }
  wait_for_list (f);
  g_assert_cmpstr (crm_customers_page_get_search (CRM_CUSTOMERS_PAGE (page)), ==, "Alice Smith");
  assert_list_is (f, (const char *[]) { "Alice Smith", NULL });

  /* back to everything, with a one-character search cut short on the way */
  gtk_editable_set_text (GTK_EDITABLE (entry), "张");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  wait_for_list (f);
  g_assert_cmpuint (g_list_model_get_n_items (f->list), ==, 5);
  g_assert_true (gtk_widget_get_mapped (f->list_view));
}

/* A customer added while a search runs is in the list the search ends
 * on: the search that may have read the rows before it runs again. */
static void
test_search_sees_change (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *entry = child (f->window, "search_entry");
  g_autoptr(CrmCustomer) c1 = add_customer (f, "张三", "北京云杉科技", "zhangsan@yunshan.cn");
  g_autoptr(CrmCustomer) c2 = NULL;
  g_autoptr(CrmCustomer) c3 = NULL;

  gtk_editable_set_text (GTK_EDITABLE (entry), "张");
  /* the search-changed, and the search is on its way */
  crm_test_ui_iterate ();
  c2 = add_customer (f, "张伟", "上海明远贸易", "wei.zhang@mingyuan.com");
  c3 = add_customer (f, "李四", "深圳华信", "lisi@huaxin.cn");
  wait_for_list (f);
  assert_list_is (f, (const char *[]) { "张三", "张伟", NULL });
}

/* An edit reloads the list where it stands: the rows are read again, the
 * list stays scrolled where it was. */
static void
test_edit_keeps_place (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (f->list_view, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_autoptr(CrmCustomer) renamed = NULL;
  g_autoptr(GError) error = NULL;
  double place;

  g_assert_true (crm_repository_begin (f->repo, NULL));
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %03u", i);
      g_autoptr(CrmCustomer) customer = add_customer (f, name, NULL, NULL);
    }
  g_assert_true (crm_repository_commit (f->repo, NULL));
  crm_test_ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpuint (g_list_model_get_n_items (f->list), ==, 400);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  crm_test_ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  place = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (place, >, 0);

  renamed = crm_repository_get_customer (f->repo, 1, &error);
  g_assert_no_error (error);
  crm_customer_set_name (renamed, "Customer 000 (renamed)");
  g_assert_true (crm_repository_update_customer (f->repo, renamed, &error));
  g_assert_no_error (error);
  crm_test_ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_cmpuint (g_list_model_get_n_items (f->list), ==, 400);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, place);
  g_assert_cmpstr (row_name (f, 0), ==, "Customer 000 (renamed)");
}

static void
test_sort_by_company (Fixture       *f,
                      gconstpointer  data)
{
  static const char *ascending[] = { "Acme", "Globex", "Initech", "Umbrella" };
  g_autoptr(CrmCustomer) c1 = add_customer (f, "Ann", "Initech", NULL);
  g_autoptr(CrmCustomer) c2 = add_customer (f, "Ben", "Umbrella", NULL);
  g_autoptr(CrmCustomer) c3 = add_customer (f, "Cid", "Acme", NULL);
  g_autoptr(CrmCustomer) c4 = add_customer (f, "Dee", "Globex", NULL);
  CrmCustomerHeader *header =
    CRM_CUSTOMER_HEADER (crm_test_ui_find_by_type (GTK_WIDGET (f->window), CRM_TYPE_CUSTOMER_HEADER));
  GtkWidget *company = crm_customer_header_get_button (header, CRM_CUSTOMER_COLUMN_COMPANY);

  g_assert_nonnull (crm_test_ui_find_label (company, "Company"));
  /* by name at first */
  g_assert_cmpstr (row_name (f, 0), ==, "Ann");
  g_assert_cmpstr (row_name (f, 3), ==, "Dee");

  /* a click sorts ascending, the next one descending */
  g_signal_emit_by_name (company, "clicked");
  wait_for_list (f);
  g_assert_cmpuint (g_list_model_get_n_items (f->list), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (row_company (f, i), ==, ascending[i]);

  g_signal_emit_by_name (company, "clicked");
  wait_for_list (f);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (row_company (f, i), ==, ascending[3 - i]);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CrmCustomer) keep = add_customer (f, "李四", "深圳华信", NULL);
  g_autoptr(CrmCustomer) customer = add_customer (f, "张三", "北京云杉科技", "zhangsan@yunshan.cn");
  gint64 id = crm_customer_get_id (customer);
  g_autoptr(CrmCustomer) restored = NULL;
  g_autoptr(GPtrArray) interactions = NULL;
  g_autoptr(GPtrArray) opportunities = NULL;
  g_autoptr(GError) error = NULL;
  gint64 interaction_ids[2];
  gint64 opportunity_id;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(CrmInteraction) interaction = crm_interaction_new ();

      crm_interaction_set_customer_id (interaction, id);
      crm_interaction_set_interaction_type (interaction, i == 0 ? CRM_INTERACTION_TYPE_CALL : CRM_INTERACTION_TYPE_MEETING);
      crm_interaction_set_notes (interaction, i == 0 ? "首次电话" : "Demo at their office");
      crm_repository_add_interaction (f->repo, interaction, &error);
      g_assert_no_error (error);
      interaction_ids[i] = crm_interaction_get_id (interaction);
    }
  {
    g_autoptr(CrmOpportunity) opportunity = crm_opportunity_new ();

    crm_opportunity_set_customer_id (opportunity, id);
    crm_opportunity_set_title (opportunity, "年度订阅");
    crm_opportunity_set_value (opportunity, 1250000);
    crm_opportunity_set_stage (opportunity, CRM_STAGE_PROPOSAL);
    crm_repository_add_opportunity (f->repo, opportunity, &error);
    g_assert_no_error (error);
    opportunity_id = crm_opportunity_get_id (opportunity);
  }

  /* select 张三 in the list, then press Delete */
  g_assert_cmpuint (g_list_model_get_n_items (f->list), ==, 2);
  for (guint i = 0; i < 2; i++)
    if (g_str_equal (row_name (f, i), "张三"))
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->list), i, TRUE);
  crm_test_ui_iterate ();
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f->window, "name_label"))), ==, "张三");
  g_assert_false (crm_test_ui_action_enabled (GTK_WIDGET (f->window), "win.undo"));

  gtk_widget_grab_focus (f->list_view);
  activate_window_action (f, "delete-selected", NULL);

  g_assert_cmpuint (g_list_model_get_n_items (f->list), ==, 1);
  g_assert_cmpstr (row_name (f, 0), ==, "李四");
  g_assert_null (crm_repository_get_customer (f->repo, id, NULL));
  g_assert_cmpint (crm_repository_count_interactions (f->repo, id, NULL), ==, 0);
  g_assert_cmpint (crm_repository_count_opportunities (f->repo, id, NULL), ==, 0);

  /* Undo (the toast's button and Ctrl+Z both activate win.undo) */
  activate_window_action (f, "undo", NULL);
  g_assert_false (crm_test_ui_action_enabled (GTK_WIDGET (f->window), "win.undo"));

  restored = crm_repository_get_customer (f->repo, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_customer_get_name (restored), ==, "张三");
  g_assert_cmpstr (crm_customer_get_email (restored), ==, "zhangsan@yunshan.cn");
  g_assert_true (g_date_time_equal (crm_customer_get_created_at (restored), crm_customer_get_created_at (customer)));
  interactions = crm_repository_list_interactions (f->repo, id, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (interactions->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_true (crm_interaction_get_id (interactions->pdata[i]) == interaction_ids[0]
                   || crm_interaction_get_id (interactions->pdata[i]) == interaction_ids[1]);
  opportunities = crm_repository_list_opportunities (f->repo, id, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (opportunities->len, ==, 1);
  g_assert_cmpint (crm_opportunity_get_id (opportunities->pdata[0]), ==, opportunity_id);
  g_assert_cmpint (crm_opportunity_get_value (opportunities->pdata[0]), ==, 1250000);

  /* back in the list and in the detail */
  g_assert_cmpuint (g_list_model_get_n_items (f->list), ==, 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f->window, "name_label"))), ==, "张三");
}

static guint
count_rows (GtkWidget *list_box)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list_box), n) != NULL)
    n++;
  return n;
}

static void
test_detail_add (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CrmCustomer) customer = add_customer (f, "Alice Smith", "Acme Corporation", NULL);
  gint64 id = crm_customer_get_id (customer);
  GtkWidget *interactions_list = child (f->window, "interactions_list");
  GtkWidget *opportunities_list = child (f->window, "opportunities_list");
  GtkWindow *editor;
  g_autoptr(GPtrArray) opportunities = NULL;
  g_autoptr(GPtrArray) interactions = NULL;
  AdwActionRow *row;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->list), 0, TRUE);
  crm_test_ui_iterate ();
  g_assert_cmpuint (count_rows (interactions_list), ==, 0);
  g_assert_cmpuint (count_rows (opportunities_list), ==, 0);

  /* an interaction */
  editor = activate_and_wait_editor (child (f->window, "add_interaction_button"), CRM_TYPE_INTERACTION_EDITOR);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, "type_row")), CRM_INTERACTION_TYPE_MEETING);
  crm_test_ui_type_text (child (editor, "notes_view"), "Kick-off meeting, 会议纪要已发送");
  activate_and_wait_closed (child (editor, "save_button"), CRM_TYPE_INTERACTION_EDITOR);

  interactions = crm_repository_list_interactions (f->repo, id, 0, 10, NULL);
  g_assert_cmpuint (interactions->len, ==, 1);
  g_assert_cmpint (crm_interaction_get_interaction_type (interactions->pdata[0]), ==, CRM_INTERACTION_TYPE_MEETING);
  g_assert_cmpuint (count_rows (interactions_list), ==, 1);
  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (interactions_list), 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Kick-off meeting, 会议纪要已发送");

  /* an opportunity */
  editor = activate_and_wait_editor (child (f->window, "add_opportunity_button"), CRM_TYPE_OPPORTUNITY_EDITOR);
  g_assert_false (gtk_widget_is_sensitive (child (editor, "save_button")));
  crm_test_ui_type_text (child (editor, "title_row"), "Annual licence");
  crm_test_ui_type_text (child (editor, "value_row"), "12x");
  g_assert_false (gtk_widget_is_sensitive (child (editor, "save_button")));
  g_assert_true (gtk_widget_has_css_class (child (editor, "value_row"), "error"));
  crm_test_ui_type_text (child (editor, "value_row"), "1,250.50");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (editor, "stage_row")), CRM_STAGE_NEGOTIATION);
  g_assert_true (gtk_widget_is_sensitive (child (editor, "save_button")));
  /* Ctrl+Enter saves */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  crm_test_ui_iterate ();
  g_assert_null (crm_test_ui_find_toplevel (CRM_TYPE_OPPORTUNITY_EDITOR));

  opportunities = crm_repository_list_opportunities (f->repo, id, 0, 10, NULL);
  g_assert_cmpuint (opportunities->len, ==, 1);
  g_assert_cmpint (crm_opportunity_get_value (opportunities->pdata[0]), ==, 125050);
  g_assert_cmpint (crm_opportunity_get_stage (opportunities->pdata[0]), ==, CRM_STAGE_NEGOTIATION);
  g_assert_cmpint (crm_opportunity_get_probability (opportunities->pdata[0]), ==,
                   (int)crm_stage_get_default_probability (CRM_STAGE_NEGOTIATION));
  g_assert_cmpuint (count_rows (opportunities_list), ==, 1);
  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (opportunities_list), 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Annual licence");
}

static void
test_parse_money (void)
{
  gint64 minor = -1;

  g_assert_true (crm_format_parse_money ("1,250.50", &minor));
  g_assert_cmpint (minor, ==, 125050);
  g_assert_true (crm_format_parse_money ("12.5", &minor));
  g_assert_cmpint (minor, ==, 1250);
  g_assert_true (crm_format_parse_money ("300", &minor));
  g_assert_cmpint (minor, ==, 30000);
  g_assert_false (crm_format_parse_money ("12x", &minor));
  g_assert_false (crm_format_parse_money ("1.234", &minor));
  g_assert_false (crm_format_parse_money ("-5", &minor));
  g_assert_false (crm_format_parse_money ("", &minor));

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      setlocale (LC_ALL, "C.UTF-8");
      g_test_skip ("de_DE.UTF-8 is not generated");
      return;
    }
  g_assert_true (crm_format_parse_money ("1.250,50", &minor));
  g_assert_cmpint (minor, ==, 125050);
  g_assert_true (crm_format_parse_money ("12,5 €", &minor));
  g_assert_cmpint (minor, ==, 1250);
  g_assert_false (crm_format_parse_money ("12,5,0", &minor));
  {
    g_autofree char *text = crm_format_money_for_editing (125050);
    g_assert_cmpstr (text, ==, "1250,50");
  }
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Tests run in parallel on one session bus: no name to own. */
  app = g_object_new (CRM_TYPE_APPLICATION,
                      "application-id", NULL,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", RESOURCE_BASE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/window/create-customer", test_create_customer);
  ADD ("/window/invalid-email", test_invalid_email);
  ADD ("/window/search", test_search);
  ADD ("/window/search-typing-fast", test_search_typing_fast);
  ADD ("/window/search-sees-change", test_search_sees_change);
  ADD ("/window/edit-keeps-place", test_edit_keeps_place);
  ADD ("/window/sort-by-company", test_sort_by_company);
  ADD ("/window/delete-undo", test_delete_undo);
  ADD ("/window/detail-add", test_detail_add);
#undef ADD
  g_test_add_func ("/format/parse-money", test_parse_money);

  ret = g_test_run ();
  g_object_unref (app);
  return ret;
}
