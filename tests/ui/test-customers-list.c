/* test-customers-list.c: the customers list, used as a person uses it
 *
 * Keys and clicks go through the X server (xdotool, XTEST), at the
 * widgets' on-screen positions, so GTK gets the events a keyboard and a
 * mouse make; then the test reads what the window shows (the rows'
 * texts, the count, the header's arrow, the detail) and, where there is
 * one, checks the database's own answer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "crm-application.h"
#include "crm-customer-header.h"
#include "crm-customer-row.h"
#include "crm-customers-page.h"
#include "crm-editors.h"
#include "crm-test-db.h"
#include "crm-test-pointer.h"
#include "crm-test-ui.h"
#include "crm-window.h"

static GtkApplication *app;

typedef struct
{
  char *dir;
  char *path;
  CrmRepository *repo;
  CrmWindow *window;
  CrmCustomersPage *page;
  GtkWidget *entry;
  GtkWidget *list_view;
  CrmCustomerHeader *header;
  GtkLabel *count_label;
  GListModel *list;
} Fixture;

typedef struct
{
  int width;
  int height;
} Size;

static const Size wide = { 1100, 700 };
static const Size narrow = { 360, 600 };

/* ---- the keyboard and the pointer, through the X server ---------------- */

static void
click (GtkWidget *widget)
{
  crm_test_click (widget);
  crm_test_ui_iterate ();
}

static void
press (const char *keys)
{
  g_autofree char *args = g_strdup_printf ("key --clearmodifiers --delay 40 %s", keys);

  crm_test_xdotool (args);
  crm_test_ui_iterate ();
}

static void
type (const char *text)
{
  g_autofree char *args = g_strdup_printf ("type --delay 40 '%s'", text);

  crm_test_xdotool (args);
  crm_test_ui_iterate ();
}

/* ---- reading the window --------------------------------------------- */

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  guint *ticks = user_data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
ticked (gpointer user_data)
{
  return *(guint *)user_data >= 3;
}

/* Until the window has drawn a few frames, so the list has bound and
 * laid out its rows: a tick callback asks for every frame itself. */
static void
wait_for_frames (Fixture *f)
{
  guint ticks = 0;
  guint id = gtk_widget_add_tick_callback (GTK_WIDGET (f->window), tick_cb, &ticks, NULL);

  crm_test_ui_wait_until (ticked, &ticks, "frames");
  gtk_widget_remove_tick_callback (GTK_WIDGET (f->window), id);
  crm_test_ui_iterate ();
}

static void
collect_rows (GtkWidget *widget,
              GPtrArray *rows)
{
  if (CRM_IS_CUSTOMER_ROW (widget) && gtk_widget_get_mapped (widget)
      && crm_customer_row_get_id (CRM_CUSTOMER_ROW (widget)) > 0)
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static int
compare_y (gconstpointer a,
           gconstpointer b)
{
  GtkWidget *wa = *(GtkWidget **)a, *wb = *(GtkWidget **)b;
  graphene_point_t pa, pb;

  g_assert_true (gtk_widget_compute_point (wa, gtk_widget_get_parent (gtk_widget_get_parent (wa)),
                                           &GRAPHENE_POINT_INIT (0, 0), &pa));
  g_assert_true (gtk_widget_compute_point (wb, gtk_widget_get_parent (gtk_widget_get_parent (wb)),
                                           &GRAPHENE_POINT_INIT (0, 0), &pb));
  return pa.y < pb.y ? -1 : pa.y > pb.y;
}

/* The rows the list shows on screen, top to bottom. */
static GPtrArray *
shown_rows (Fixture *f)
{
  GPtrArray *rows = g_ptr_array_new ();

  wait_for_frames (f);
  collect_rows (f->list_view, rows);
  g_ptr_array_sort (rows, compare_y);
  return rows;
}

/* What column @column of the rows on screen says, top to bottom, joined
 * with "|". */
static char *
shown_column (Fixture           *f,
              CrmCustomerColumn  column)
{
  g_autoptr(GPtrArray) rows = shown_rows (f);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      const char *cell = crm_customer_row_get_text (rows->pdata[i], column);

      g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", cell ? cell : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static CrmCustomerRow *
shown_row (Fixture    *f,
           const char *name)
{
  g_autoptr(GPtrArray) rows = shown_rows (f);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (crm_customer_row_get_text (rows->pdata[i], CRM_CUSTOMER_COLUMN_NAME), name) == 0)
      return rows->pdata[i];
  g_error ("no row on screen shows %s", name);
}

static void
wait_for_list (Fixture *f)
{
  crm_test_ui_wait_for_customers (GTK_WIDGET (f->window));
  wait_for_frames (f);
}

/* The same query asked of the database, names joined with "|". */
static char *
database_names (Fixture                *f,
                const CrmCustomerQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = crm_repository_list_customers (f->repo, query, 0, 100, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", crm_customer_get_name (rows->pdata[i]));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static CrmCustomer *
add_customer (Fixture             *f,
              const char          *name,
              const char          *company,
              CrmCustomerStatus    status)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;

  crm_customer_set_name (customer, name);
  crm_customer_set_company (customer, company);
  crm_customer_set_status (customer, status);
  crm_repository_add_customer (f->repo, customer, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&customer);
}

static void
add_people (Fixture *f)
{
  static const struct { const char *name, *company; CrmCustomerStatus status; } people[] = {
    { "Alice Smith", "Initech", CRM_CUSTOMER_STATUS_ACTIVE },
    { "Bob Stone", "Umbrella", CRM_CUSTOMER_STATUS_LEAD },
    { "Carol Smith", "Acme", CRM_CUSTOMER_STATUS_INACTIVE },
    { "Dan Brown", "Globex", CRM_CUSTOMER_STATUS_ACTIVE },
    { "张三", "北京云杉科技", CRM_CUSTOMER_STATUS_ACTIVE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    g_object_unref (add_customer (f, people[i].name, people[i].company, people[i].status));
  wait_for_list (f);
}

static void
add_many (Fixture *f,
          guint    n)
{
  g_assert_true (crm_repository_begin (f->repo, NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %03u", i);

      g_object_unref (add_customer (f, name, "Initech", CRM_CUSTOMER_STATUS_ACTIVE));
    }
  g_assert_true (crm_repository_commit (f->repo, NULL));
  wait_for_list (f);
}

/* The pointer over the window gives it the X input focus (there is no
 * window manager). */
static void
point_at_window (Fixture *f)
{
  g_autofree char *args = NULL;
  int x, y;

  crm_test_screen_point (GTK_WIDGET (f->window), 20, 20, &x, &y);
  args = g_strdup_printf ("mousemove --sync %d %d", x, y);
  crm_test_xdotool (args);
}

/* ---- fixture ---------------------------------------------------------- */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const Size *size = data;

  f->repo = crm_test_db_open ("rapport-list-test-XXXXXX", &f->dir, &f->path);
  f->window = crm_window_new (GTK_APPLICATION (app), f->repo);
  gtk_window_set_default_size (GTK_WINDOW (f->window), size->width, size->height);
  gtk_window_present (GTK_WINDOW (f->window));
  crm_test_ui_iterate ();
  f->page = CRM_CUSTOMERS_PAGE (crm_test_ui_find_by_type (GTK_WIDGET (f->window), CRM_TYPE_CUSTOMERS_PAGE));
  f->entry = crm_test_ui_find_by_id (GTK_WIDGET (f->window), "search_entry");
  f->list_view = crm_test_ui_find_by_id (GTK_WIDGET (f->window), "list_view");
  f->header = CRM_CUSTOMER_HEADER (crm_test_ui_find_by_type (GTK_WIDGET (f->window), CRM_TYPE_CUSTOMER_HEADER));
  f->count_label = GTK_LABEL (crm_test_ui_find_by_id (GTK_WIDGET (f->window), "count_label"));
  f->list = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (f->list_view)));
  g_assert_nonnull (f->page);
  g_assert_nonnull (f->entry);
  g_assert_nonnull (f->header);
  g_assert_nonnull (f->count_label);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *editor;

  while ((editor = crm_test_ui_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR)) != NULL)
    gtk_window_destroy (editor);
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  crm_test_ui_iterate ();
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->repo);
  crm_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* ---- cases ------------------------------------------------------------ */

/* Typed with real keys into the search entry: the list narrows to the
 * matches the database gives, and the count under it follows. */
static void
test_typing_narrows (Fixture       *f,
                     gconstpointer  data)
{
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
  g_autofree char *names = NULL;
  g_autofree char *expected = NULL;

  add_people (f);
  g_assert_cmpstr (gtk_label_get_text (f->count_label), ==, "5 customers");

  click (f->entry);
  type ("smith");
  wait_for_list (f);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "smith");

  names = shown_column (f, CRM_CUSTOMER_COLUMN_NAME);
  query.search = "smith";
  expected = database_names (f, &query);
  g_assert_cmpstr (expected, ==, "Alice Smith|Carol Smith");
  g_assert_cmpstr (names, ==, expected);
  g_assert_cmpstr (gtk_label_get_text (f->count_label), ==, "2 customers");

  /* another word: one customer, the singular */
  press ("ctrl+a");
  type ("carol");
  wait_for_list (f);
  g_clear_pointer (&names, g_free);
  names = shown_column (f, CRM_CUSTOMER_COLUMN_NAME);
  g_assert_cmpstr (names, ==, "Carol Smith");
  g_assert_cmpstr (gtk_label_get_text (f->count_label), ==, "1 customer");

  /* erased: all five again */
  press ("BackSpace BackSpace BackSpace BackSpace BackSpace");
  wait_for_list (f);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "");
  g_clear_pointer (&names, g_free);
  names = shown_column (f, CRM_CUSTOMER_COLUMN_NAME);
  g_assert_cmpstr (names, ==, "Alice Smith|Bob Stone|Carol Smith|Dan Brown|张三");
  g_assert_cmpstr (gtk_label_get_text (f->count_label), ==, "5 customers");
}

/* A search with more matches than the first page: the rows come first,
 * the count after them, and the list and its count label end right. */
static void
test_count_follows (Fixture       *f,
                    gconstpointer  data)
{
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;

  add_many (f, 300);
  g_assert_true (crm_repository_begin (f->repo, NULL));
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("Client %03u", i);

      g_object_unref (add_customer (f, name, "Globex", CRM_CUSTOMER_STATUS_LEAD));
    }
  g_assert_true (crm_repository_commit (f->repo, NULL));
  wait_for_list (f);
  g_assert_cmpstr (gtk_label_get_text (f->count_label), ==, "500 customers");

  click (f->entry);
  type ("initech");
  wait_for_list (f);
  query.search = "initech";
  g_assert_cmpint (crm_repository_count_customers (f->repo, &query, NULL), ==, 300);
  g_assert_cmpuint (g_list_model_get_n_items (f->list), ==, 300);
  g_assert_cmpstr (gtk_label_get_text (f->count_label), ==, "300 customers");
  g_assert_cmpstr (shown_column (f, CRM_CUSTOMER_COLUMN_COMPANY), !=, "");
  g_assert_null (crm_test_ui_find_row_text (f->list_view, "Globex"));
}

static const char *
arrow_icon (Fixture           *f,
            CrmCustomerColumn  column)
{
  GtkWidget *button = crm_customer_header_get_button (f->header, column);
  GtkWidget *image = crm_test_ui_find_by_type (button, GTK_TYPE_IMAGE);

  g_assert_nonnull (image);
  /* the unsorted columns' arrows keep their place, unseen */
  if (!gtk_widget_get_mapped (image) || gtk_widget_get_opacity (image) < 1)
    return NULL;
  return gtk_image_get_icon_name (GTK_IMAGE (image));
}

/* A click on the Company header sorts by company, shown by an arrow on
 * that header only; a second click reverses the order and the arrow. */
static void
test_header_click_sorts (Fixture       *f,
                         gconstpointer  data)
{
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
  g_autofree char *companies = NULL;
  g_autofree char *names = NULL;
  g_autofree char *expected = NULL;

  add_people (f);
  g_assert_cmpstr (arrow_icon (f, CRM_CUSTOMER_COLUMN_NAME), ==, "pan-up-symbolic");
  g_assert_null (arrow_icon (f, CRM_CUSTOMER_COLUMN_COMPANY));

  click (crm_customer_header_get_button (f->header, CRM_CUSTOMER_COLUMN_COMPANY));
  wait_for_list (f);
  companies = shown_column (f, CRM_CUSTOMER_COLUMN_COMPANY);
  g_assert_cmpstr (companies, ==, "Acme|Globex|Initech|Umbrella|北京云杉科技");
  names = shown_column (f, CRM_CUSTOMER_COLUMN_NAME);
  query.sort = CRM_CUSTOMER_SORT_COMPANY;
  expected = database_names (f, &query);
  g_assert_cmpstr (names, ==, expected);
  g_assert_cmpstr (arrow_icon (f, CRM_CUSTOMER_COLUMN_COMPANY), ==, "pan-up-symbolic");
  g_assert_null (arrow_icon (f, CRM_CUSTOMER_COLUMN_NAME));

  click (crm_customer_header_get_button (f->header, CRM_CUSTOMER_COLUMN_COMPANY));
  wait_for_list (f);
  g_clear_pointer (&companies, g_free);
  companies = shown_column (f, CRM_CUSTOMER_COLUMN_COMPANY);
  g_assert_cmpstr (companies, ==, "北京云杉科技|Umbrella|Initech|Globex|Acme");
  g_assert_cmpstr (arrow_icon (f, CRM_CUSTOMER_COLUMN_COMPANY), ==, "pan-down-symbolic");
  g_assert_true (crm_customer_header_get_descending (f->header));
}

/* At 360 px the rows are two lines (name; company · status) and the
 * header of columns is gone; in a wide window, one line under headers. */
static void
test_narrow_rows (Fixture       *f,
                  gconstpointer  data)
{
  const Size *size = data;
  CrmCustomerRow *row;
  g_autoptr(GString) lines = g_string_new (NULL);

  add_people (f);
  row = shown_row (f, "Alice Smith");
  g_test_message ("window %d px, list %d px, row %d × %d px",
                  gtk_widget_get_width (GTK_WIDGET (f->window)), gtk_widget_get_width (f->list_view),
                  gtk_widget_get_width (GTK_WIDGET (row)), gtk_widget_get_height (GTK_WIDGET (row)));
  if (size == &narrow)
    {
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 400);
      g_assert_true (crm_customer_row_get_narrow (row));
      /* two lines: taller than a line and a half of text */
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (row)), >=, 40);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->header)), ==, 0);
      g_assert_false (gtk_widget_get_child_visible (crm_customer_header_get_button (f->header, 0)));
    }
  else
    {
      g_assert_false (crm_customer_row_get_narrow (row));
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (row)), <, 40);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->header)), >, 0);
      g_assert_true (gtk_widget_get_mapped (crm_customer_header_get_button (f->header, 0)));
    }
  /* the row still says everything to a screen reader, and the search works */
  g_assert_cmpstr (crm_customer_row_get_text (row, CRM_CUSTOMER_COLUMN_COMPANY), ==, "Initech");
  click (f->entry);
  type ("brown");
  wait_for_list (f);
  g_string_append (lines, shown_column (f, CRM_CUSTOMER_COLUMN_NAME));
  g_assert_cmpstr (lines->str, ==, "Dan Brown");
}

static gint64
shown_detail (Fixture *f)
{
  return crm_customers_page_get_selected_id (f->page);
}

/* A customer opened from the list, then a search that leaves it out:
 * its detail closes. One the search keeps stays open. */
static void
test_detail_closes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CrmCustomer) carol = NULL;
  GtkWidget *name_label = crm_test_ui_find_by_id (GTK_WIDGET (f->window), "name_label");

  add_people (f);
  carol = crm_repository_get_customer (f->repo, 3, NULL);
  g_assert_cmpstr (crm_customer_get_name (carol), ==, "Carol Smith");

  click (GTK_WIDGET (shown_row (f, "Carol Smith")));
  g_assert_cmpint (shown_detail (f), ==, crm_customer_get_id (carol));
  wait_for_frames (f);
  g_assert_true (gtk_widget_get_mapped (name_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (name_label)), ==, "Carol Smith");

  /* still listed: still shown */
  click (f->entry);
  type ("smith");
  wait_for_list (f);
  g_assert_cmpint (shown_detail (f), ==, crm_customer_get_id (carol));

  /* not listed any more: the detail closes */
  press ("ctrl+a");
  type ("stone");
  wait_for_list (f);
  g_assert_cmpstr (shown_column (f, CRM_CUSTOMER_COLUMN_NAME), ==, "Bob Stone");
  g_assert_cmpint (shown_detail (f), ==, 0);
  wait_for_frames (f);
  g_assert_false (gtk_widget_get_mapped (name_label));
}

static gint64
selected_id (Fixture *f)
{
  guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (f->list));
  g_autoptr(CrmCustomer) customer = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return 0;
  customer = g_list_model_get_item (f->list, position);
  return customer ? crm_customer_get_id (customer) : 0;
}

/* Another process writes (a rename, a new customer above the one
 * selected); the window hears of it as "customers changed" with no id:
 * the list shows the new rows, stays where it was scrolled, and keeps the
 * same customer selected. */
static void
test_reload_keeps_place (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (f->list_view, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_autoptr(CrmRepository) other = NULL;
  g_autoptr(CrmCustomer) renamed = NULL;
  g_autoptr(CrmCustomer) first = NULL;
  g_autoptr(GError) error = NULL;
  CrmCustomerRow *row;
  gint64 chosen;
  double place;

  add_many (f, 400);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  wait_for_frames (f);
  place = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (place, >, 0);

  row = shown_row (f, "Customer 205");
  chosen = crm_customer_row_get_id (row);
  click (GTK_WIDGET (row));
  g_assert_cmpint (selected_id (f), ==, chosen);
  g_assert_cmpint (shown_detail (f), ==, chosen);

  /* written by another connection, as another process would */
  other = crm_repository_open (f->path, &error);
  g_assert_no_error (error);
  renamed = crm_repository_get_customer (other, chosen + 1, &error);
  g_assert_no_error (error);
  crm_customer_set_name (renamed, "Customer 206 (renamed)");
  g_assert_true (crm_repository_update_customer (other, renamed, &error));
  first = crm_customer_new ();
  crm_customer_set_name (first, "Aaron First");
  crm_repository_add_customer (other, first, &error);
  g_assert_no_error (error);

  g_signal_emit_by_name (f->repo, "changed", CRM_TYPE_CUSTOMER, (gint64)0, (guint)CRM_CHANGE_UPDATED);
  wait_for_list (f);

  g_assert_cmpuint (g_list_model_get_n_items (f->list), ==, 401);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, place);
  g_assert_cmpint (selected_id (f), ==, chosen);
  g_assert_cmpint (shown_detail (f), ==, chosen);
  /* the rename is on screen, the selected row is still drawn selected */
  g_assert_nonnull (crm_test_ui_find_row_text (f->list_view, "Customer 206 (renamed)"));
  row = shown_row (f, "Customer 205");
  g_assert_true (gtk_widget_get_state_flags (gtk_widget_get_parent (GTK_WIDGET (row))) & GTK_STATE_FLAG_SELECTED);
  g_assert_cmpstr (gtk_label_get_text (f->count_label), ==, "401 customers");
}

static gboolean
editor_open (gpointer data)
{
  return crm_test_ui_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR) != NULL;
}

static gint64
id_named (Fixture    *f,
          const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (f->list); i++)
    {
      g_autoptr(CrmCustomer) customer = g_list_model_get_item (f->list, i);

      if (g_strcmp0 (crm_customer_get_name (customer), name) == 0)
        return crm_customer_get_id (customer);
    }
  g_error ("no customer %s in the list", name);
}

/* Arrows, Page Down, Home and End move the selection (and the detail
 * follows); Enter opens the editor; a letter typed in the list goes to
 * the search. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  add_many (f, 60);
  point_at_window (f);
  click (GTK_WIDGET (shown_row (f, "Customer 000")));
  g_assert_cmpint (selected_id (f), ==, id_named (f, "Customer 000"));

  press ("Down Down");
  g_assert_cmpint (selected_id (f), ==, id_named (f, "Customer 002"));
  g_assert_cmpint (shown_detail (f), ==, id_named (f, "Customer 002"));
  press ("Up");
  g_assert_cmpint (selected_id (f), ==, id_named (f, "Customer 001"));

  press ("End");
  g_assert_cmpint (selected_id (f), ==, id_named (f, "Customer 059"));
  /* the last row is scrolled into view */
  g_assert_nonnull (shown_row (f, "Customer 059"));
  press ("Home");
  g_assert_cmpint (selected_id (f), ==, id_named (f, "Customer 000"));
  press ("Page_Down");
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (f->list)), >, 5);

  press ("Home Return");
  crm_test_ui_wait_until (editor_open, NULL, "the editor to open");

  /* back in the list, a letter goes to the search */
  gtk_window_destroy (crm_test_ui_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR));
  crm_test_ui_iterate ();
  gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (shown_row (f, "Customer 000"))));
  type ("042");
  wait_for_list (f);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "042");
  g_assert_cmpstr (shown_column (f, CRM_CUSTOMER_COLUMN_NAME), ==, "Customer 042");
}

/* A new customer far down the list is selected and scrolled into view. */
static void
test_show_customer (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CrmCustomer) zed = NULL;

  add_many (f, 300);
  zed = add_customer (f, "Zed Last", "Initech", CRM_CUSTOMER_STATUS_LEAD);
  wait_for_list (f);
  crm_customers_page_show_customer (f->page, crm_customer_get_id (zed));
  wait_for_frames (f);
  g_assert_cmpint (selected_id (f), ==, crm_customer_get_id (zed));
  g_assert_nonnull (shown_row (f, "Zed Last"));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* no name to own on the session bus other tests share */
  app = g_object_new (CRM_TYPE_APPLICATION,
                      "application-id", NULL,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", RESOURCE_BASE,
                      NULL);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(name, size, func) \
  g_test_add ("/customers-list/" name, Fixture, size, fixture_setup, func, fixture_teardown)
  ADD ("typing-narrows", &wide, test_typing_narrows);
  ADD ("count-follows", &wide, test_count_follows);
  ADD ("header-click-sorts", &wide, test_header_click_sorts);
  ADD ("rows/wide", &wide, test_narrow_rows);
  ADD ("rows/narrow-360", &narrow, test_narrow_rows);
  ADD ("detail-closes", &wide, test_detail_closes);
  ADD ("reload-keeps-place", &wide, test_reload_keeps_place);
  ADD ("keyboard", &wide, test_keyboard);
  ADD ("show-customer", &wide, test_show_customer);
#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
