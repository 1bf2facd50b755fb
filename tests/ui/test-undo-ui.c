/* test-undo-ui.c: the undo history, the editors and the delete paths, as
 * a person uses them
 *
 * Every control is pressed with the real pointer at its place on the
 * screen, every key goes through the X server (crm-test-pointer.c); then
 * the test reads what the window shows and what the database holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "crm-application.h"
#include "crm-customers-page.h"
#include "crm-editors.h"
#include "crm-pipeline-page.h"
#include "crm-test-db.h"
#include "crm-test-pointer.h"
#include "crm-test-ui.h"
#include "crm-window.h"
#include "pipeline-seed.h"

static AdwApplication *app;

typedef struct
{
  char *dir;
  CrmRepository *repo;
  CrmWindow *window;
  CrmUndoStack *stack;
  gint64 joao;       /* João Silva: two interactions, two deals */
  gint64 erp;        /* “ERP system”, João's, the first lead */
  GArray *serials;   /* of the steps pushed, in order */
} Fixture;

typedef struct
{
  Fixture *f;
  gconstpointer data;
} Wait;

static GtkWidget *
child (gpointer    root,
       const char *id)
{
  GtkWidget *widget = crm_test_ui_find_by_id (GTK_WIDGET (root), id);

  g_assert_nonnull (widget);
  return widget;
}

static void
pushed_cb (CrmUndoStack *stack,
           guint64       serial,
           const char   *message,
           Fixture      *f)
{
  g_array_append_val (f->serials, serial);
}

static gint64
add_interaction (Fixture            *f,
                 CrmInteractionType  type,
                 const char         *notes)
{
  g_autoptr(CrmInteraction) interaction = crm_interaction_new ();
  g_autoptr(GError) error = NULL;

  crm_interaction_set_customer_id (interaction, f->joao);
  crm_interaction_set_interaction_type (interaction, type);
  crm_interaction_set_notes (interaction, notes);
  g_assert_true (crm_repository_add_interaction (f->repo, interaction, &error));
  g_assert_no_error (error);
  return crm_interaction_get_id (interaction);
}

static gboolean
window_shown (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_mapped (GTK_WIDGET (f->window))
         && gtk_widget_get_width (GTK_WIDGET (f->window)) > 0;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) leads = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->repo = crm_test_db_open ("rapport-undo-ui-XXXXXX", &f->dir, &path);
  pipeline_seed_demo (f->repo);
  leads = crm_repository_list_stage (f->repo, CRM_STAGE_LEAD, NULL, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_opportunity_get_title (leads->pdata[0]), ==, "ERP system");
  f->erp = crm_opportunity_get_id (leads->pdata[0]);
  f->joao = crm_opportunity_get_customer_id (leads->pdata[0]);
  add_interaction (f, CRM_INTERACTION_TYPE_CALL, "First call");
  add_interaction (f, CRM_INTERACTION_TYPE_MEETING, "Demo\nat their office");

  f->window = crm_window_new (GTK_APPLICATION (app), f->repo);
  f->stack = crm_window_get_undo_stack (f->window);
  f->serials = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_signal_connect (f->stack, "pushed", G_CALLBACK (pushed_cb), f);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 780);
  gtk_window_present (GTK_WINDOW (f->window));
  crm_test_ui_wait_until (window_shown, f, "the window");
  crm_test_ui_wait_for_customers (GTK_WIDGET (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *editor;

  while ((editor = crm_test_ui_find_toplevel (CRM_TYPE_EDITOR)) != NULL)
    gtk_window_destroy (editor);
  g_signal_handlers_disconnect_by_data (f->stack, f);
  gtk_window_destroy (GTK_WINDOW (f->window));
  crm_test_ui_iterate ();
  g_assert_finalize_object (f->repo);
  crm_test_remove_dir (f->dir);
  g_free (f->dir);
  g_array_unref (f->serials);
}

/* Waits */

static gboolean
label_shown (gpointer data)
{
  Wait *w = data;

  return crm_test_ui_find_label (GTK_WIDGET (w->f->window), w->data) != NULL;
}

/* Until the main window shows a label reading exactly @text. */
static void
wait_for_label (Fixture    *f,
                const char *text)
{
  Wait w = { f, text };
  g_autofree char *what = g_strdup_printf ("“%s” on screen", text);

  crm_test_ui_wait_until (label_shown, &w, what);
}

static gboolean
widget_shown (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static gboolean
widget_ready (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0
         && gtk_widget_is_sensitive (widget);
}

static gboolean
editor_open (gpointer data)
{
  GtkWindow *editor = crm_test_ui_find_toplevel (GPOINTER_TO_SIZE (data));

  return editor != NULL && gtk_widget_get_mapped (GTK_WIDGET (editor))
         && gtk_widget_get_width (GTK_WIDGET (editor)) > 0;
}

static GtkWindow *
wait_for_editor (GType type)
{
  GtkWindow *editor;

  crm_test_ui_wait_until (editor_open, GSIZE_TO_POINTER (type), g_type_name (type));
  editor = crm_test_ui_find_toplevel (type);
  crm_test_ui_wait_until (widget_shown, crm_test_ui_find_by_id (GTK_WIDGET (editor), "save_button"),
                          "the editor's buttons");
  return editor;
}

static gboolean
editor_closed (gpointer data)
{
  return crm_test_ui_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static void
wait_editor_closed (GType type)
{
  crm_test_ui_wait_until (editor_closed, GSIZE_TO_POINTER (type), "the editor to close");
}

/* Whether @widget's middle is inside its window, where a click reaches. */
static gboolean
inside_window (GtkWidget *widget)
{
  GtkWidget *native = GTK_WIDGET (gtk_widget_get_native (widget));
  graphene_point_t middle;

  g_assert_true (gtk_widget_compute_point (widget, native,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &middle));
  return middle.y >= 0 && middle.y < gtk_widget_get_height (native)
         && middle.x >= 0 && middle.x < gtk_widget_get_width (native);
}

/* Clicks @widget once it is on screen and sensitive, scrolling its
 * window with the wheel first if it is below the fold. */
static void
click (GtkWidget *widget)
{
  crm_test_ui_wait_until (widget_ready, widget, "a control to click");
  for (guint i = 0; i < 10 && !inside_window (widget); i++)
    {
      GtkWidget *native = GTK_WIDGET (gtk_widget_get_native (widget));
      g_autofree char *args = NULL;
      int x, y;

      crm_test_screen_point (native, gtk_widget_get_width (native) / 2.0,
                             gtk_widget_get_height (native) / 2.0, &x, &y);
      args = g_strdup_printf ("mousemove --sync %d %d click 5 sleep 0.1", x, y);
      crm_test_xdotool (args);
    }
  g_assert_true (inside_window (widget));
  /* Give the X server the window's latest frame (a new window's first
   * map); an editor's frame clock waits for no compositor here. */
  crm_test_xdotool ("sleep 0.1");
  crm_test_click (widget);
  crm_test_ui_iterate ();
}

/* The pointer over @widget's window gives that window the X input focus
 * (there is no window manager): keys then go there. */
static void
point_at (GtkWidget *widget)
{
  g_autofree char *args = NULL;
  int x, y;

  crm_test_screen_point (widget, gtk_widget_get_width (widget) / 2.0, 10, &x, &y);
  args = g_strdup_printf ("mousemove --sync %d %d sleep 0.1", x, y);
  crm_test_xdotool (args);
}

static void
type_keys (const char *text)
{
  g_autofree char *quoted = g_shell_quote (text);
  g_autofree char *args = g_strdup_printf ("type --delay 15 %s", quoted);

  crm_test_xdotool (args);
  crm_test_ui_iterate ();
}

typedef struct
{
  Fixture *f;
  gint64 id;
  gboolean exists;
  GType type;
} RowWait;

static gboolean
row_exists (gpointer data)
{
  RowWait *w = data;
  g_autoptr(GObject) row = NULL;

  if (w->type == CRM_TYPE_CUSTOMER)
    row = G_OBJECT (crm_repository_get_customer (w->f->repo, w->id, NULL));
  else if (w->type == CRM_TYPE_INTERACTION)
    row = G_OBJECT (crm_repository_get_interaction (w->f->repo, w->id, NULL));
  else
    row = G_OBJECT (crm_repository_get_opportunity (w->f->repo, w->id, NULL));
  return (row != NULL) == w->exists;
}

static void
wait_row (Fixture  *f,
          GType     type,
          gint64    id,
          gboolean  exists)
{
  RowWait w = { f, id, exists, type };

  crm_test_ui_wait_until (row_exists, &w, exists ? "a row to come back" : "a row to go");
}

/* A mapped button whose label (mnemonic and all) is @label. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
toast_undo_shown (gpointer data)
{
  Fixture *f = data;
  GtkWidget *button = find_button (GTK_WIDGET (f->window), "_Undo");

  return button != NULL && gtk_widget_get_width (button) > 0;
}

static void
click_toast_undo (Fixture *f)
{
  crm_test_ui_wait_until (toast_undo_shown, f, "the toast's Undo");
  click (find_button (GTK_WIDGET (f->window), "_Undo"));
}

/* A popover's item: its label, found among the window's popovers. */
static gboolean
menu_item_shown (gpointer data)
{
  Wait *w = data;
  GtkWidget *popover = crm_test_ui_find_by_type (GTK_WIDGET (w->f->window), GTK_TYPE_POPOVER_MENU);
  GtkWidget *root = GTK_WIDGET (w->f->window);

  /* Several popover menus may exist; search them all through the window. */
  (void)popover;
  return crm_test_ui_find_label (root, w->data) != NULL
         && gtk_widget_get_width (crm_test_ui_find_label (root, w->data)) > 0;
}

static void
click_menu_item (Fixture    *f,
                 const char *text)
{
  Wait w = { f, text };
  GtkWidget *label;

  crm_test_ui_wait_until (menu_item_shown, &w, text);
  label = crm_test_ui_find_label (GTK_WIDGET (f->window), text);
  crm_test_xdotool ("sleep 0.1");
  crm_test_click (label);
  crm_test_ui_iterate ();
}

static void
select_joao (Fixture *f)
{
  CrmCustomersPage *page = CRM_CUSTOMERS_PAGE (crm_test_ui_find_by_type (GTK_WIDGET (f->window),
                                                                         CRM_TYPE_CUSTOMERS_PAGE));

  crm_customers_page_show_customer (page, f->joao);
  crm_test_ui_wait_until (widget_ready, child (f->window, "edit_button"), "the detail");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f->window, "name_label"))), ==, "João Silva");
}

static void
show_page (Fixture    *f,
           const char *name)
{
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (child (f->window, "view_stack")), name);
  crm_test_xdotool ("sleep 0.3");
}

/* A listed row of the detail, by the text of its title. */
static GtkWidget *
detail_row (Fixture    *f,
            const char *list,
            const char *title)
{
  GtkWidget *label = crm_test_ui_find_label (child (f->window, list), title);

  g_assert_nonnull (label);
  return gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
}

/* The customer's records as stored: every field that undo must bring
 * back exactly. */
static char *
snapshot (Fixture *f,
          gint64   customer_id)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(CrmCustomer) customer = crm_repository_get_customer (f->repo, customer_id, NULL);
  g_autoptr(GPtrArray) interactions = NULL;
  g_autoptr(GPtrArray) opportunities = NULL;

  if (customer == NULL)
    return g_strdup ("none");
  {
    g_autofree char *created = g_date_time_format_iso8601 (crm_customer_get_created_at (customer));
    g_autofree char *updated = g_date_time_format_iso8601 (crm_customer_get_updated_at (customer));

    g_string_append_printf (out, "customer %" G_GINT64_FORMAT " %s %s %s %s\n", customer_id,
                            crm_customer_get_name (customer), crm_customer_get_company (customer),
                            created, updated);
  }
  interactions = crm_repository_list_interactions (f->repo, customer_id, 0, 100, NULL);
  for (guint i = 0; i < interactions->len; i++)
    {
      CrmInteraction *it = interactions->pdata[i];
      g_autofree char *occurred = g_date_time_format_iso8601 (crm_interaction_get_occurred_at (it));
      g_autofree char *created = g_date_time_format_iso8601 (crm_interaction_get_created_at (it));

      g_string_append_printf (out, "interaction %" G_GINT64_FORMAT " %d %s %s %s\n",
                              crm_interaction_get_id (it), crm_interaction_get_interaction_type (it),
                              crm_interaction_get_notes (it), occurred, created);
    }
  opportunities = crm_repository_list_opportunities (f->repo, customer_id, 0, 100, NULL);
  for (guint i = 0; i < opportunities->len; i++)
    {
      CrmOpportunity *o = opportunities->pdata[i];
      g_autofree char *created = g_date_time_format_iso8601 (crm_opportunity_get_created_at (o));
      g_autofree char *updated = g_date_time_format_iso8601 (crm_opportunity_get_updated_at (o));

      g_string_append_printf (out, "opportunity %" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT " %d %"
                              G_GINT64_FORMAT " %d %s %s\n",
                              crm_opportunity_get_id (o), crm_opportunity_get_title (o),
                              crm_opportunity_get_value (o), crm_opportunity_get_stage (o),
                              crm_opportunity_get_position (o), crm_opportunity_get_probability (o),
                              created, updated);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Stage, place and probability of every deal on the board. */
static char *
board_snapshot (Fixture *f)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (CrmStage stage = 0; stage < CRM_N_STAGES; stage++)
    {
      g_autoptr(GPtrArray) column = crm_repository_list_stage (f->repo, stage, NULL, 0, 1000, NULL);

      for (guint i = 0; i < column->len; i++)
        g_string_append_printf (out, "%d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d\n", stage,
                                crm_opportunity_get_id (column->pdata[i]),
                                crm_opportunity_get_position (column->pdata[i]),
                                crm_opportunity_get_probability (column->pdata[i]));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  Fixture *f;
  const char *expected;
  gint64 customer_id;
  gboolean board;
} SnapshotWait;

static gboolean
snapshot_is (gpointer data)
{
  SnapshotWait *w = data;
  g_autofree char *now = w->board ? board_snapshot (w->f) : snapshot (w->f, w->customer_id);

  return g_str_equal (now, w->expected);
}

static CrmOpportunity *
get_erp (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CrmOpportunity *o = crm_repository_get_opportunity (f->repo, f->erp, &error);

  g_assert_no_error (error);
  return o;
}

typedef struct
{
  Fixture *f;
  CrmStage stage;
  gint64 position;
  int probability;
} ErpWait;

static gboolean
erp_at (gpointer data)
{
  ErpWait *w = data;
  g_autoptr(CrmOpportunity) o = get_erp (w->f);

  return crm_opportunity_get_stage (o) == w->stage
         && crm_opportunity_get_position (o) == w->position
         && crm_opportunity_get_probability (o) == w->probability;
}

static void
wait_erp (Fixture  *f,
          CrmStage  stage,
          gint64    position,
          int       probability)
{
  ErpWait w = { f, stage, position, probability };

  crm_test_ui_wait_until (erp_at, &w, "“ERP system” in place");
}

static CrmPipelinePage *
board (Fixture *f)
{
  return CRM_PIPELINE_PAGE (crm_test_ui_find_by_type (GTK_WIDGET (f->window), CRM_TYPE_PIPELINE_PAGE));
}

static gboolean
card_ready (gpointer data)
{
  Wait *w = data;
  CrmPipelineCard *card = NULL;

  for (CrmStage stage = 0; stage < CRM_N_STAGES && card == NULL; stage++)
    card = crm_pipeline_column_find_card (crm_pipeline_page_get_column (board (w->f), stage),
                                          *(const gint64 *)w->data);
  return card != NULL && gtk_widget_get_mapped (GTK_WIDGET (card))
         && gtk_widget_get_width (GTK_WIDGET (card)) > 0;
}

static GtkWidget *
card (Fixture *f,
      gint64   id)
{
  Wait w = { f, &id };
  CrmPipelineCard *found = NULL;

  crm_test_ui_wait_until (card_ready, &w, "a card on the board");
  for (CrmStage stage = 0; stage < CRM_N_STAGES && found == NULL; stage++)
    found = crm_pipeline_column_find_card (crm_pipeline_page_get_column (board (f), stage), id);
  return GTK_WIDGET (found);
}

/* Drags “ERP system” from Lead onto the lower half of Negotiation's first
 * card, as the board's own test does: it lands second there. */
static void
drag_erp_to_negotiation (Fixture *f)
{
  CrmPipelineColumn *negotiation = crm_pipeline_page_get_column (board (f), CRM_STAGE_NEGOTIATION);
  GtkWidget *from = card (f, f->erp);
  GtkWidget *to = card (f, crm_pipeline_column_get_item_id (negotiation, 0));
  g_autofree char *args = NULL;
  int x0, y0, x1, y1;

  crm_test_screen_point (from, gtk_widget_get_width (from) / 2.0, gtk_widget_get_height (from) / 2.0, &x0, &y0);
  crm_test_screen_point (to, gtk_widget_get_width (to) / 2.0, gtk_widget_get_height (to) * 0.8, &x1, &y1);
  args = g_strdup_printf ("mousemove --sync %d %d sleep 0.2 mousedown 1 sleep 0.2 "
                          "mousemove --sync %d %d sleep 0.1 mousemove --sync %d %d sleep 0.1 "
                          "mousemove --sync %d %d sleep 0.1 mousemove --sync %d %d sleep 0.1 "
                          "mousemove --sync %d %d sleep 0.3 mouseup 1",
                          x0, y0, x0 + 5, y0 + 5, x0 + 30, y0 + 20,
                          (x0 + x1) / 2, (y0 + y1) / 2, x1 - 3, y1 - 2, x1, y1);
  crm_test_xdotool (args);
  wait_erp (f, CRM_STAGE_NEGOTIATION, 1, 60);
}

static GtkWidget *
primary_menu_button (Fixture *f)
{
  GtkWidget *header = crm_test_ui_find_by_type (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR);
  GtkWidget *found = NULL;

  /* The header bar's menu button with the primary menu. */
  for (GtkWidget *w = crm_test_ui_find_by_type (header, GTK_TYPE_MENU_BUTTON); w != NULL; w = NULL)
    if (gtk_menu_button_get_primary (GTK_MENU_BUTTON (w)))
      found = w;
  g_assert_nonnull (found);
  return found;
}

/* Tests */

static Fixture *joao_fixture;

static gboolean
joao_notes_are (gpointer data)
{
  g_autoptr(CrmCustomer) customer = crm_repository_get_customer (joao_fixture->repo, joao_fixture->joao, NULL);

  return customer != NULL && g_strcmp0 (crm_customer_get_notes (customer) != NULL
                                        ? crm_customer_get_notes (customer) : "", data) == 0;
}

/* The detail header's Edit and Delete, clicked; the customer editor's
 * Save; Undo and Redo from the keyboard; the delete's toast and its Undo
 * bring back every cascaded row exactly. */
static void
test_detail_edit_delete (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *edited = NULL;
  g_autofree char *after_undo = NULL;
  g_autoptr(CrmCustomer) saved = NULL;
  GtkWindow *editor;
  SnapshotWait w = { f, NULL, f->joao, FALSE };

  select_joao (f);
  joao_fixture = f;

  /* Edit: a note of two lines, typed. */
  click (child (f->window, "edit_button"));
  editor = wait_for_editor (CRM_TYPE_CUSTOMER_EDITOR);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "name_row"))), ==, "João Silva");
  click (child (editor, "notes_view"));
  type_keys ("Prefers calls");
  crm_test_key ("Return");
  type_keys ("after 10:00");
  click (child (editor, "save_button"));
  wait_editor_closed (CRM_TYPE_CUSTOMER_EDITOR);
  saved = crm_repository_get_customer (f->repo, f->joao, NULL);
  g_assert_cmpstr (crm_customer_get_notes (saved), ==, "Prefers calls\nafter 10:00");
  wait_for_label (f, "Saved João Silva");
  edited = snapshot (f, f->joao);

  /* Ctrl+Z and Ctrl+Shift+Z, pressed over the window. */
  /* Ctrl+Z and Ctrl+Shift+Z, pressed over the window. Undo writes the
   * fields back; updated_at moves on (it is the row's change marker, so
   * another process sees that it changed). */
  point_at (child (f->window, "name_label"));
  crm_test_key ("ctrl+z");
  crm_test_ui_wait_until (joao_notes_are, (gpointer)"", "the edit undone");
  crm_test_key ("ctrl+shift+z");
  crm_test_ui_wait_until (joao_notes_are, (gpointer)"Prefers calls\nafter 10:00", "the edit redone");
  g_clear_pointer (&edited, g_free);
  edited = snapshot (f, f->joao);

  /* Delete, from the header; the toast says what went with it. */
  click (child (f->window, "delete_button"));
  wait_row (f, CRM_TYPE_CUSTOMER, f->joao, FALSE);
  g_assert_cmpint (crm_repository_count_interactions (f->repo, f->joao, NULL), ==, 0);
  g_assert_cmpint (crm_repository_count_opportunities (f->repo, f->joao, NULL), ==, 0);
  wait_for_label (f, "Deleted João Silva, 2 interactions and 2 deals");

  /* The toast's Undo: everything back, same ids, same timestamps, same
   * places on the board; and shown again. */
  click_toast_undo (f);
  w.expected = edited;
  crm_test_ui_wait_until (snapshot_is, &w, "the customer restored");
  after_undo = snapshot (f, f->joao);
  g_assert_cmpstr (after_undo, ==, edited);
  crm_test_ui_wait_until (widget_ready, child (f->window, "edit_button"), "the detail again");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f->window, "name_label"))), ==, "João Silva");
}

/* The interaction editor: Add with a typed two-line note, then Delete
 * from the editor, then Ctrl+Z. */
static void
test_interaction_editor (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *before_delete = NULL;
  GtkWindow *editor;
  gint64 id;
  SnapshotWait w = { f, NULL, f->joao, FALSE };

  select_joao (f);
  click (child (f->window, "add_interaction_button"));
  editor = wait_for_editor (CRM_TYPE_INTERACTION_EDITOR);
  g_assert_false (gtk_widget_get_visible (child (editor, "delete_button")));
  click (child (editor, "notes_view"));
  type_keys ("Called about the renewal");
  crm_test_key ("Return");
  type_keys ("  - wants a quote");
  click (child (editor, "save_button"));
  wait_editor_closed (CRM_TYPE_INTERACTION_EDITOR);

  list = crm_repository_list_interactions (f->repo, f->joao, 0, 10, NULL);
  g_assert_cmpuint (list->len, ==, 3);
  id = 0;
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (crm_interaction_get_notes (list->pdata[i]), "Called about the renewal\n  - wants a quote") == 0)
      id = crm_interaction_get_id (list->pdata[i]);
  g_assert_cmpint (id, >, 0);
  wait_for_label (f, "Added Call with João Silva");

  /* Open it from the timeline and delete it with the editor's button. */
  before_delete = snapshot (f, f->joao);
  click (detail_row (f, "interactions_list", "Called about the renewal\n  - wants a quote"));
  editor = wait_for_editor (CRM_TYPE_INTERACTION_EDITOR);
  click (child (editor, "delete_button"));
  wait_editor_closed (CRM_TYPE_INTERACTION_EDITOR);
  wait_row (f, CRM_TYPE_INTERACTION, id, FALSE);
  wait_for_label (f, "Deleted Call with João Silva");

  point_at (child (f->window, "name_label"));
  crm_test_key ("ctrl+z");
  w.expected = before_delete;
  crm_test_ui_wait_until (snapshot_is, &w, "the interaction back with its id");
}

/* The opportunity editor: Add, typed; then Save an edit; then Delete. */
static void
test_opportunity_editor (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CrmOpportunity) stored = NULL;
  GtkWindow *editor;
  gint64 id = 0;

  select_joao (f);
  click (child (f->window, "add_opportunity_button"));
  editor = wait_for_editor (CRM_TYPE_OPPORTUNITY_EDITOR);
  click (child (editor, "title_row"));
  type_keys ("Support contract");
  click (child (editor, "value_row"));
  type_keys ("1200");
  click (child (editor, "save_button"));
  wait_editor_closed (CRM_TYPE_OPPORTUNITY_EDITOR);
  list = crm_repository_list_opportunities (f->repo, f->joao, 0, 10, NULL);
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (crm_opportunity_get_title (list->pdata[i]), "Support contract"))
      id = crm_opportunity_get_id (list->pdata[i]);
  g_assert_cmpint (id, >, 0);
  stored = crm_repository_get_opportunity (f->repo, id, NULL);
  g_assert_cmpint (crm_opportunity_get_value (stored), ==, 120000);
  wait_for_label (f, "Added “Support contract”");

  /* Edit its title and Save. */
  click (detail_row (f, "opportunities_list", "Support contract"));
  editor = wait_for_editor (CRM_TYPE_OPPORTUNITY_EDITOR);
  click (child (editor, "title_row"));
  crm_test_key ("End");
  type_keys (" 2025");
  click (child (editor, "save_button"));
  wait_editor_closed (CRM_TYPE_OPPORTUNITY_EDITOR);
  g_clear_object (&stored);
  stored = crm_repository_get_opportunity (f->repo, id, NULL);
  g_assert_cmpstr (crm_opportunity_get_title (stored), ==, "Support contract 2025");
  wait_for_label (f, "Saved “Support contract 2025”");

  /* And Delete. */
  click (detail_row (f, "opportunities_list", "Support contract 2025"));
  editor = wait_for_editor (CRM_TYPE_OPPORTUNITY_EDITOR);
  click (child (editor, "delete_button"));
  wait_editor_closed (CRM_TYPE_OPPORTUNITY_EDITOR);
  wait_row (f, CRM_TYPE_OPPORTUNITY, id, FALSE);
  wait_for_label (f, "Deleted “Support contract 2025”");
}

/* A board drag goes into the window's history: the menu names it,
 * Ctrl+Z puts the card back exactly, Ctrl+Shift+Z moves it again. */
static void
test_board_undo_redo (Fixture       *f,
                      gconstpointer  data)
{
  show_page (f, "pipeline");
  drag_erp_to_negotiation (f);
  wait_for_label (f, "Moved “ERP system” to Negotiation");

  /* The primary menu says what Undo will do. */
  click (primary_menu_button (f));
  {
    Wait w = { f, "Undo Move “ERP system”" };

    crm_test_ui_wait_until (menu_item_shown, &w, "the Undo menu item");
  }
  crm_test_key ("Escape");
  crm_test_ui_iterate ();

  point_at (GTK_WIDGET (board (f)));
  crm_test_key ("ctrl+z");
  wait_erp (f, CRM_STAGE_LEAD, 0, 10);
  g_assert_cmpstr (crm_undo_stack_get_redo_label (f->stack), ==, "Move “ERP system”");
  crm_test_key ("ctrl+shift+z");
  wait_erp (f, CRM_STAGE_NEGOTIATION, 1, 60);
}

/* Two moves: the first one's toast is withdrawn and can no longer act;
 * the toast on screen undoes only the newest move. */
static void
test_old_toast (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint64 first;

  show_page (f, "pipeline");
  point_at (GTK_WIDGET (board (f)));
  gtk_widget_grab_focus (gtk_widget_get_parent (card (f, f->erp)));
  crm_test_key ("alt+Right");
  wait_erp (f, CRM_STAGE_PROPOSAL, 0, 30);
  wait_for_label (f, "Moved “ERP system” to Proposal");
  g_assert_cmpuint (f->serials->len, ==, 1);
  first = g_array_index (f->serials, guint64, 0);

  crm_test_key ("alt+Right");
  wait_erp (f, CRM_STAGE_NEGOTIATION, 0, 60);
  wait_for_label (f, "Moved “ERP system” to Negotiation");
  g_assert_null (crm_test_ui_find_label (GTK_WIDGET (f->window), "Moved “ERP system” to Proposal"));

  /* The first toast's step is not the newest: its Undo does nothing. */
  g_assert_false (crm_undo_stack_undo_step (f->stack, first, &error));
  g_assert_no_error (error);
  wait_erp (f, CRM_STAGE_NEGOTIATION, 0, 60);

  /* The toast on screen takes back its own move only. */
  click_toast_undo (f);
  wait_erp (f, CRM_STAGE_PROPOSAL, 0, 30);
  /* …and the first toast does not come back once the newer one has
   * gone: watched for a while, as a person would see it. */
  for (guint i = 0; i < 20; i++)
    {
      crm_test_xdotool ("sleep 0.1");
      g_assert_null (crm_test_ui_find_label (GTK_WIDGET (f->window), "Moved “ERP system” to Proposal"));
    }
}

static gboolean
history_empty (gpointer data)
{
  Fixture *f = data;

  return !crm_undo_stack_get_can_undo (f->stack);
}

/* Fifty-five moves, all taken back with Ctrl+Z: the board is as it was. */
static void
test_many_steps (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *before = NULL;
  SnapshotWait w = { f, NULL, 0, TRUE };

  show_page (f, "pipeline");
  card (f, f->erp);
  before = board_snapshot (f);
  for (guint i = 0; i < 55; i++)
    {
      CrmStage stage = (i + 1) % CRM_N_STAGES;
      CrmPipelineColumn *column = crm_pipeline_page_get_column (board (f), stage);

      g_assert_true (crm_pipeline_page_move (board (f), f->erp, stage,
                                             crm_pipeline_column_get_item_id (column, i % 2), FALSE));
    }
  g_assert_cmpuint (crm_undo_stack_get_n_steps (f->stack), >=, 50);

  point_at (GTK_WIDGET (board (f)));
  for (guint i = 0; i < 55; i++)
    crm_test_key ("ctrl+z");
  crm_test_ui_wait_until (history_empty, f, "every step undone");
  w.expected = before;
  crm_test_ui_wait_until (snapshot_is, &w, "the board as it was");
}

/* Right click on a timeline row, then Delete in its menu; the same on a
 * board card. */
static void
test_context_menu_delete (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  gint64 first_call = 0;

  select_joao (f);
  list = crm_repository_list_interactions (f->repo, f->joao, 0, 10, NULL);
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (crm_interaction_get_notes (list->pdata[i]), "First call"))
      first_call = crm_interaction_get_id (list->pdata[i]);
  crm_test_click_button (detail_row (f, "interactions_list", "First call"), 3);
  click_menu_item (f, "Delete");
  wait_row (f, CRM_TYPE_INTERACTION, first_call, FALSE);
  wait_for_label (f, "Deleted Call with João Silva");

  show_page (f, "pipeline");
  crm_test_click_button (card (f, f->erp), 3);
  click_menu_item (f, "Delete");
  wait_row (f, CRM_TYPE_OPPORTUNITY, f->erp, FALSE);
  wait_for_label (f, "Deleted “ERP system”");
  point_at (GTK_WIDGET (board (f)));
  crm_test_key ("ctrl+z");
  wait_row (f, CRM_TYPE_OPPORTUNITY, f->erp, TRUE);
  wait_erp (f, CRM_STAGE_LEAD, 0, 10);
}

/* The Delete key on a focused row of the detail, on a focused card and on
 * a focused row of the Activity page. */
static void
test_delete_key (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *row;
  gint64 fleet = 0;
  g_autoptr(GPtrArray) list = NULL;

  select_joao (f);
  list = crm_repository_list_opportunities (f->repo, f->joao, 0, 10, NULL);
  for (guint i = 0; i < list->len; i++)
    if (crm_opportunity_get_id (list->pdata[i]) != f->erp)
      fleet = crm_opportunity_get_id (list->pdata[i]);
  row = detail_row (f, "opportunities_list", "Fleet telematics renewal");
  point_at (child (f->window, "name_label"));
  gtk_widget_grab_focus (row);
  crm_test_key ("Delete");
  wait_row (f, CRM_TYPE_OPPORTUNITY, fleet, FALSE);
  g_assert_nonnull (crm_repository_get_customer (f->repo, f->joao, NULL));

  show_page (f, "pipeline");
  point_at (GTK_WIDGET (board (f)));
  gtk_widget_grab_focus (gtk_widget_get_parent (card (f, f->erp)));
  crm_test_key ("Delete");
  wait_row (f, CRM_TYPE_OPPORTUNITY, f->erp, FALSE);

  /* A focused row of the Activity page. */
  show_page (f, "activity");
  {
    Wait w = { f, "First call" };
    GtkWidget *label;
    gint64 first_call = 0;
    g_autoptr(GPtrArray) interactions = crm_repository_list_interactions (f->repo, f->joao, 0, 10, NULL);

    for (guint i = 0; i < interactions->len; i++)
      if (g_str_equal (crm_interaction_get_notes (interactions->pdata[i]), "First call"))
        first_call = crm_interaction_get_id (interactions->pdata[i]);
    crm_test_ui_wait_until (label_shown, &w, "the Activity page's row");
    label = crm_test_ui_find_label (GTK_WIDGET (f->window), "First call");
    point_at (label);
    /* The list item (the box's parent) is what holds the focus. */
    gtk_widget_grab_focus (gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (label))));
    crm_test_key ("Delete");
    wait_row (f, CRM_TYPE_INTERACTION, first_call, FALSE);
  }
}

static gboolean
board_search_focused (gpointer data)
{
  Fixture *f = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  GtkWidget *entry = crm_test_ui_find_by_id (GTK_WIDGET (board (f)), "search_entry");

  return focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

/* Ctrl+F on the board: its own search, and the board stays. */
static void
test_search_stays (Fixture       *f,
                   gconstpointer  data)
{
  show_page (f, "pipeline");
  point_at (GTK_WIDGET (board (f)));
  crm_test_key ("ctrl+f");
  crm_test_ui_wait_until (board_search_focused, f, "the board's search to have the focus");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (child (f->window, "view_stack"))),
                   ==, "pipeline");
}

/* The header bar's + (win.new-customer). */
static GtkWidget *
new_customer_button (Fixture *f)
{
  GtkWidget *header = crm_test_ui_find_by_type (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR);

  for (GtkWidget *w = header; w != NULL; )
    {
      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (w)), "win.new-customer") == 0)
        return w;
      /* depth-first walk */
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != header && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == header ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_not_reached ();
}

static gboolean
new_customer_selected (gpointer data)
{
  Fixture *f = data;
  CrmCustomersPage *page = CRM_CUSTOMERS_PAGE (crm_test_ui_find_by_type (GTK_WIDGET (f->window),
                                                                         CRM_TYPE_CUSTOMERS_PAGE));
  g_autoptr(CrmCustomer) selected = NULL;
  gint64 id = crm_customers_page_get_selected_id (page);

  if (id <= 0)
    return FALSE;
  selected = crm_repository_get_customer (f->repo, id, NULL);
  return selected != NULL && g_str_equal (crm_customer_get_name (selected), "Zoe Quinn");
}

/* A customer added with the header's + is selected in the list; the
 * customer editor's Delete deletes it. */
static void
test_new_customer_selected (Fixture       *f,
                            gconstpointer  data)
{
  GtkWindow *editor;
  gint64 id;

  click (crm_test_ui_find_by_id (GTK_WIDGET (f->window), "new_customer_button") != NULL
         ? crm_test_ui_find_by_id (GTK_WIDGET (f->window), "new_customer_button")
         : new_customer_button (f));
  editor = wait_for_editor (CRM_TYPE_CUSTOMER_EDITOR);
  click (child (editor, "name_row"));
  type_keys ("Zoe Quinn");
  click (child (editor, "save_button"));
  wait_editor_closed (CRM_TYPE_CUSTOMER_EDITOR);
  crm_test_ui_wait_until (new_customer_selected, f, "the new customer selected");
  wait_for_label (f, "Added Zoe Quinn");

  /* The customer editor's own Delete. */
  crm_test_ui_wait_until (widget_ready, child (f->window, "edit_button"), "the detail");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f->window, "name_label"))), ==, "Zoe Quinn");
  id = crm_customers_page_get_selected_id (CRM_CUSTOMERS_PAGE (crm_test_ui_find_by_type (GTK_WIDGET (f->window),
                                                                                         CRM_TYPE_CUSTOMERS_PAGE)));
  click (child (f->window, "edit_button"));
  editor = wait_for_editor (CRM_TYPE_CUSTOMER_EDITOR);
  click (child (editor, "delete_button"));
  wait_editor_closed (CRM_TYPE_CUSTOMER_EDITOR);
  wait_row (f, CRM_TYPE_CUSTOMER, id, FALSE);
  wait_for_label (f, "Deleted Zoe Quinn");
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
  /* Toasts and popovers land at once, so a pointer aimed at them hits. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  if (!crm_test_pointer_available ())
    {
      g_test_skip ("needs an X11 display and xdotool");
      return g_test_run ();
    }

  /* The real application: its startup sets the keys (Ctrl+Z,
   * Ctrl+Shift+Z, Ctrl+F) this test presses. */
  app = ADW_APPLICATION (crm_application_new ());
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/undo-ui/detail-edit-delete", test_detail_edit_delete);
  ADD ("/undo-ui/interaction-editor", test_interaction_editor);
  ADD ("/undo-ui/opportunity-editor", test_opportunity_editor);
  ADD ("/undo-ui/board-undo-redo", test_board_undo_redo);
  ADD ("/undo-ui/old-toast", test_old_toast);
  ADD ("/undo-ui/many-steps", test_many_steps);
  ADD ("/undo-ui/context-menu-delete", test_context_menu_delete);
  ADD ("/undo-ui/delete-key", test_delete_key);
  ADD ("/undo-ui/search-stays", test_search_stays);
  ADD ("/undo-ui/new-customer-selected", test_new_customer_selected);
#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
