/* test-hostile-ui.c: hostile text in the real window under Xvfb
 *
 * Markup and query syntax, right-to-left text and emoji typed into the
 * editor and the search field, shown exactly; a megabyte note shown in
 * the detail and opened in the editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "crm-editors.h"
#include "crm-test-ui.h"
#include "crm-window.h"

typedef struct
{
  char *dir;
  CrmRepository *repo;
  CrmWindow *window;
  GListModel *list;   /* the customers column view's rows */
} Fixture;

/* Each is a customer's name, and then a search. */
static const char *const names[] = {
  "'); DROP TABLE customers;--",
  "<b>bold</b> & <i",
  "AT&T \"NEAR(\" * ^ : -x",
  "AND OR NOT",
  "محمد عبد الله",
  "שרה כהן",
  "👩🏽‍💻 Ada 👨‍👩‍👧‍👦",
  "张伟 🇨🇳",
};

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GtkWidget *list_view;

  f->dir = g_dir_make_tmp ("rapport-hostile-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->repo = crm_repository_open (path, &error);
  g_assert_no_error (error);

  f->window = crm_window_new (GTK_APPLICATION (g_application_get_default ()), f->repo);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  crm_test_ui_iterate ();
  list_view = crm_test_ui_find_by_id (GTK_WIDGET (f->window), "list_view");
  g_assert_nonnull (list_view);
  f->list = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (list_view)));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  GtkWindow *editor;
  const char *name;

  while ((editor = crm_test_ui_find_toplevel (ADW_TYPE_WINDOW)) != NULL)
    gtk_window_destroy (editor);
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  crm_test_ui_iterate ();
  g_assert_finalize_object (f->window);
  g_assert_finalize_object (f->repo);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GtkWidget *
child (gpointer    root,
       const char *id)
{
  GtkWidget *widget = crm_test_ui_find_by_id (GTK_WIDGET (root), id);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
no_toplevel (gpointer data)
{
  return crm_test_ui_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static void
save_and_wait_closed (GtkWindow *editor,
                      GType      type)
{
  GtkWidget *save = child (editor, "save_button");

  g_assert_true (gtk_widget_is_sensitive (save));
  crm_test_ui_wait_until (is_mapped, save, "the Save button to be on screen");
  g_assert_true (gtk_widget_activate (save));
  crm_test_ui_wait_until (no_toplevel, GSIZE_TO_POINTER (type), "the editor to close");
}

static gint64
add_customer (Fixture    *f,
              const char *name,
              const char *notes)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (customer, "name", name, "notes", notes, NULL);
  crm_repository_add_customer (f->repo, customer, &error);
  g_assert_no_error (error);
  return crm_customer_get_id (customer);
}

typedef struct
{
  Fixture *f;
  gint64 id;
  guint position;
} Wanted;

static gboolean
list_has_customer (gpointer data)
{
  Wanted *wanted = data;

  for (guint i = 0; i < g_list_model_get_n_items (wanted->f->list); i++)
    {
      g_autoptr(CrmCustomer) c = g_list_model_get_item (wanted->f->list, i);

      if (crm_customer_get_id (c) == wanted->id)
        {
          wanted->position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The list reloads in the background after a change: waits for the row. */
static void
select_customer (Fixture *f,
                 gint64   id)
{
  Wanted wanted = { f, id, 0 };

  crm_test_ui_wait_until (list_has_customer, &wanted, "the customer to be listed");
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (f->list), wanted.position, TRUE);
  crm_test_ui_iterate ();
}

/* A label somewhere under @root whose text is @text, markup not parsed. */
static void
assert_shown (GtkWidget  *root,
              const char *text)
{
  crm_test_ui_wait_until (is_mapped, root, "the widget to be on screen");
  crm_test_ui_wait_for_frames (root, 2);
  if (crm_test_ui_find_label (root, text) == NULL)
    g_error ("no label shows “%s” exactly", text);
}

/* The customers list draws its cells itself: a row, not a label. */
static void
assert_row_shown (GtkWidget  *list,
                  const char *text)
{
  crm_test_ui_wait_until (is_mapped, list, "the list to be on screen");
  crm_test_ui_wait_for_frames (list, 2);
  if (crm_test_ui_find_row_text (list, text) == NULL)
    g_error ("no row shows “%s” exactly", text);
}

/* Typed into the editor, character by character, saved, listed, shown in
 * the detail, found by the search field; a toast names it exactly. */
static void
test_typed (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *search = child (f->window, "search_entry");
  GtkWidget *overlay = crm_test_ui_find_by_type (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autofree char *notes = g_strdup_printf ("%s — <notes> & more", names[i]);
      g_autofree char *saved = g_strdup_printf ("Saved %s", names[i]);
      CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
      GtkWindow *editor;

      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-customer", NULL);
      crm_test_ui_iterate ();
      editor = crm_test_ui_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR);
      g_assert_nonnull (editor);
      crm_test_ui_type_text (child (editor, "name_row"), names[i]);
      crm_test_ui_type_text (child (editor, "company_row"), names[i]);
      crm_test_ui_type_text (child (editor, "phone_row"), names[i]);
      save_and_wait_closed (editor, CRM_TYPE_CUSTOMER_EDITOR);

      /* Stored exactly. */
      query.search = names[i];
      rows = crm_repository_list_customers (f->repo, &query, 0, 10, NULL);
      g_assert_nonnull (rows);
      g_assert_cmpuint (rows->len, >=, 1);
      g_assert_cmpstr (crm_customer_get_name (rows->pdata[rows->len - 1]), ==, names[i]);
      g_assert_cmpstr (crm_customer_get_phone (rows->pdata[rows->len - 1]), ==, names[i]);

      /* Edited: the undo toast says its name as it is, not as markup. */
      gtk_widget_activate_action_variant (GTK_WIDGET (f->window), "win.edit-customer",
                                          g_variant_new_int64 (crm_customer_get_id (rows->pdata[rows->len - 1])));
      crm_test_ui_iterate ();
      editor = crm_test_ui_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR);
      g_assert_nonnull (editor);
      crm_test_ui_type_text (child (editor, "notes_view"), notes);
      save_and_wait_closed (editor, CRM_TYPE_CUSTOMER_EDITOR);
      assert_shown (overlay, saved);
      g_clear_pointer (&rows, g_ptr_array_unref);
      rows = crm_repository_list_customers (f->repo, &query, 0, 10, NULL);
      g_assert_cmpstr (crm_customer_get_notes (rows->pdata[rows->len - 1]), ==, notes);

      /* Found by the search field, and shown in the list and the detail. */
      crm_test_ui_type_text (search, names[i]);
      g_signal_emit_by_name (search, "search-changed");
      crm_test_ui_wait_for_customers (GTK_WIDGET (f->window));
      g_assert_cmpuint (g_list_model_get_n_items (f->list), ==, rows->len);
      select_customer (f, crm_customer_get_id (rows->pdata[rows->len - 1]));
      assert_row_shown (child (f->window, "list_view"), names[i]);
      assert_shown (child (f->window, "name_label"), names[i]);
      assert_shown (child (f->window, "phone_row"), names[i]);
      assert_shown (child (f->window, "notes_row"), crm_customer_get_notes (rows->pdata[rows->len - 1]));
    }

  /* Every search again, on the full list: the same rows SQL finds. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;

      query.search = names[i];
      crm_test_ui_type_text (search, names[i]);
      g_signal_emit_by_name (search, "search-changed");
      crm_test_ui_wait_for_customers (GTK_WIDGET (f->window));
      g_assert_cmpint (g_list_model_get_n_items (f->list), ==,
                       crm_repository_count_customers (f->repo, &query, NULL));
      g_assert_cmpuint (g_list_model_get_n_items (f->list), >=, 1);
    }
  crm_test_ui_type_text (search, "");
  g_signal_emit_by_name (search, "search-changed");
  crm_test_ui_wait_for_customers (GTK_WIDGET (f->window));
  g_assert_cmpuint (g_list_model_get_n_items (f->list), ==, G_N_ELEMENTS (names));
}

/* A name with markup characters, deleted: the detail and the toast read
 * it exactly. */
static void
test_delete_toast (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id = add_customer (f, "<b>Tom</b> & Jerry <", "");
  GtkWidget *overlay = crm_test_ui_find_by_type (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY);

  /* Its opportunity's title, with markup characters too, in the detail. */
  {
    g_autoptr(CrmOpportunity) o = crm_opportunity_new ();
    g_autoptr(GError) error = NULL;

    g_object_set (o, "customer-id", id, "title", "<i>Deal</i> & 🇩🇪", NULL);
    crm_repository_add_opportunity (f->repo, o, &error);
    g_assert_no_error (error);
  }
  select_customer (f, id);
  assert_shown (child (f->window, "opportunities_list"), "<i>Deal</i> & 🇩🇪");
  gtk_widget_grab_focus (child (f->window, "list_view"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-selected", NULL);
  crm_test_ui_iterate ();
  g_assert_null (crm_repository_get_customer (f->repo, id, NULL));
  /* It says what went with the customer (issue 12). */
  assert_shown (overlay, "Deleted <b>Tom</b> & Jerry < and 1 deal");
}

/* One megabyte of notes: shown in the detail, opened in the editor, saved
 * back unchanged. */
static void
test_megabyte_note (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(CrmCustomer) back = NULL;
  GtkWindow *editor;
  gint64 id;
  double seconds;

  while (notes->len < 1024 * 1024)
    g_string_append (notes, "Lorem ipsum <dolor> & 张伟 محمد 👩🏽‍💻 ");
  id = add_customer (f, "Big Notes", notes->str);

  g_test_timer_start ();
  select_customer (f, id);
  crm_test_ui_wait_for_frames (GTK_WIDGET (f->window), 2);
  seconds = g_test_timer_elapsed ();
  g_test_message ("detail with a 1 MB note on screen in %.2f s", seconds);
  /* The detail shows the note's beginning, exactly, then “…”. */
  g_assert_true (gtk_widget_get_mapped (child (f->window, "notes_row")));
  {
    const char *shown = adw_action_row_get_subtitle (ADW_ACTION_ROW (child (f->window, "notes_row")));
    gsize n = strlen (shown) - strlen ("…");

    g_assert_true (g_str_has_suffix (shown, "…"));
    g_assert_cmpuint (n, >, 1000);
    g_assert_cmpint (strncmp (shown, notes->str, n), ==, 0);
  }

  g_test_timer_start ();
  gtk_widget_activate_action_variant (GTK_WIDGET (f->window), "win.edit-customer",
                                      g_variant_new_int64 (id));
  crm_test_ui_iterate ();
  editor = crm_test_ui_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR);
  g_assert_nonnull (editor);
  crm_test_ui_wait_for_frames (GTK_WIDGET (editor), 2);
  g_test_message ("editor with a 1 MB note on screen in %.2f s", g_test_timer_elapsed ());
  /* More than the editor edits (65,535 characters): shown in part,
   * read-only, and kept whole when the customer is saved. */
  {
    GtkTextView *view = GTK_TEXT_VIEW (child (editor, "notes_view"));
    g_autofree char *shown = crm_test_ui_get_text (GTK_WIDGET (view));
    gsize n = strlen (shown) - strlen ("…");

    g_assert_false (gtk_text_view_get_editable (view));
    g_assert_true (g_str_has_suffix (shown, "…"));
    g_assert_true (strncmp (shown, notes->str, n) == 0);
  }

  crm_test_ui_type_text (child (editor, "name_row"), "Big Notes, edited");
  save_and_wait_closed (editor, CRM_TYPE_CUSTOMER_EDITOR);
  back = crm_repository_get_customer (f->repo, id, NULL);
  g_assert_cmpstr (crm_customer_get_name (back), ==, "Big Notes, edited");
  g_assert_cmpstr (crm_customer_get_notes (back), ==, notes->str);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = adw_application_new ("io.github.rapportcrm.Rapport.HostileTest", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/hostile-ui/typed", test_typed);
  ADD ("/hostile-ui/delete-toast", test_delete_toast);
  ADD ("/hostile-ui/megabyte-note", test_megabyte_note);
#undef ADD

  return g_test_run ();
}
