/* test-pipeline-ui.c: the pipeline board in a real window under Xvfb
 *
 * The pointer and the keyboard go through the X server (xdotool, XTEST,
 * crm-test-pointer.c),
 * so GTK sees the same events a user's mouse and keys make: a real drag
 * and drop, a real Alt+Right.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>

#include "crm-test-pointer.h"

#include "crm-editors.h"
#include "crm-pipeline-page.h"
#include "crm-test-ui.h"
#include "crm-window.h"
#include "pipeline-seed.h"

/* One application for all cases: a GApplication registers once. */
static AdwApplication *app;

typedef struct
{
  char *dir;
  CrmRepository *repo;
  CrmWindow *window;
  CrmPipelinePage *page;
  gint64 erp_id;   /* “ERP system”, the first lead */
  gint64 expected_position;
} Fixture;

/* Wakes the main loop now and then, so waits re-check their condition. */
static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*Condition) (Fixture *f);

/* Runs the main loop until @condition holds. The bound only turns a hang
 * into a failure; no assertion depends on how long anything takes. */
#define wait_until(f, condition) wait_until_named (f, condition, #condition)

static void
wait_until_named (Fixture    *f,
                  Condition   condition,
                  const char *name)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  g_test_message ("waiting for %s", name);
  while (!condition (f))
    {
      if (g_get_monotonic_time () >= deadline)
        g_error ("gave up waiting for %s", name);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static void
iterate_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
collect_labels (GtkWidget  *widget,
                const char *css_class,
                GPtrArray  *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, css_class, out);
}

/* The text of a header label of @stage's column, found by style class
 * ("pipeline-count", "title-4" for the total). */
static const char *
header_text (Fixture    *f,
             CrmStage    stage,
             const char *css_class)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *column = GTK_WIDGET (crm_pipeline_page_get_column (f->page, stage));

  collect_labels (gtk_widget_get_first_child (column), css_class, labels);
  g_assert_cmpuint (labels->len, ==, 1);
  return gtk_label_get_label (labels->pdata[0]);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static CrmOpportunity *
get_erp (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CrmOpportunity *o = crm_repository_get_opportunity (f->repo, f->erp_id, &error);

  g_assert_no_error (error);
  return o;
}

static GtkWidget *
find_page (GtkWidget *widget)
{
  if (CRM_IS_PIPELINE_PAGE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_page (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
card_allocated (CrmPipelineColumn *column,
                guint              position)
{
  CrmPipelineCard *card = crm_pipeline_column_find_card (column,
                                                         crm_pipeline_column_get_item_id (column, position));

  return card != NULL && gtk_widget_get_mapped (GTK_WIDGET (card))
         && gtk_widget_get_width (GTK_WIDGET (card)) > 0;
}

/* The rows the tests point at exist and have their size. */
static gboolean
board_ready (Fixture *f)
{
  return card_allocated (crm_pipeline_page_get_column (f->page, CRM_STAGE_LEAD), 0)
         && card_allocated (crm_pipeline_page_get_column (f->page, CRM_STAGE_NEGOTIATION), 0);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) leads = NULL;
  GtkWidget *stack;

  f->dir = g_dir_make_tmp ("rapport-pipeline-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->repo = crm_repository_open (path, &error);
  g_assert_no_error (error);
  pipeline_seed_demo (f->repo);
  leads = crm_repository_list_stage (f->repo, CRM_STAGE_LEAD, NULL, 0, 1, &error);
  g_assert_cmpstr (crm_opportunity_get_title (leads->pdata[0]), ==, "ERP system");
  f->erp_id = crm_opportunity_get_id (leads->pdata[0]);

  f->window = crm_window_new (GTK_APPLICATION (app), f->repo);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 760);
  f->page = CRM_PIPELINE_PAGE (find_page (GTK_WIDGET (f->window)));
  g_assert_nonnull (f->page);
  stack = gtk_widget_get_ancestor (GTK_WIDGET (f->page), ADW_TYPE_VIEW_STACK);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "pipeline");
  gtk_window_present (GTK_WINDOW (f->window));
  wait_until (f, board_ready);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate_idle ();
  g_assert_finalize_object (f->repo);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gboolean
erp_in_negotiation (Fixture *f)
{
  g_autoptr(CrmOpportunity) o = get_erp (f);
  return crm_opportunity_get_stage (o) == CRM_STAGE_NEGOTIATION;
}

static gboolean
erp_in_lead (Fixture *f)
{
  g_autoptr(CrmOpportunity) o = get_erp (f);
  return crm_opportunity_get_stage (o) == CRM_STAGE_LEAD;
}


/* What the board shows after the undo: the card back in Lead, counted
 * there. The board refreshes from the repository's change in one idle,
 * columns and headers together, so it can lag the database by an
 * iteration. */
static gboolean
board_shows_erp_in_lead (Fixture *f)
{
  CrmPipelineColumn *lead = crm_pipeline_page_get_column (f->page, CRM_STAGE_LEAD);

  return crm_pipeline_column_find_card (lead, f->erp_id) != NULL
         && g_strcmp0 (header_text (f, CRM_STAGE_LEAD, "pipeline-count"), "5") == 0;
}

static gboolean
erp_in_proposal (Fixture *f)
{
  g_autoptr(CrmOpportunity) o = get_erp (f);
  return crm_opportunity_get_stage (o) == CRM_STAGE_PROPOSAL;
}

static gboolean
undo_button_shown (Fixture *f)
{
  GtkWidget *button = find_button (GTK_WIDGET (f->window), "_Undo");

  return button != NULL && gtk_widget_get_width (button) > 0;
}

static gboolean
erp_card_focused (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  GtkWidget *card = focus != NULL ? gtk_widget_get_first_child (focus) : NULL;

  return CRM_IS_PIPELINE_CARD (card) && crm_pipeline_card_get_id (CRM_PIPELINE_CARD (card)) == f->erp_id;
}

static gboolean
erp_focused_at_expected (Fixture *f)
{
  g_autoptr(CrmOpportunity) o = get_erp (f);

  return crm_opportunity_get_stage (o) == CRM_STAGE_LEAD
         && crm_opportunity_get_position (o) == f->expected_position
         && crm_opportunity_get_probability (o) == 10
         && erp_card_focused (f);
}

static void
test_drag_to_negotiation (Fixture       *f,
                          gconstpointer  data)
{
  CrmPipelineColumn *negotiation = crm_pipeline_page_get_column (f->page, CRM_STAGE_NEGOTIATION);
  CrmPipelineColumn *lead = crm_pipeline_page_get_column (f->page, CRM_STAGE_LEAD);
  GtkWidget *card = GTK_WIDGET (crm_pipeline_column_find_card (lead, f->erp_id));
  GtkWidget *target = GTK_WIDGET (crm_pipeline_column_find_card (negotiation,
                                   crm_pipeline_column_get_item_id (negotiation, 0)));
  g_autofree char *lead_total = g_strdup (header_text (f, CRM_STAGE_LEAD, "title-4"));
  g_autofree char *negotiation_total = g_strdup (header_text (f, CRM_STAGE_NEGOTIATION, "title-4"));
  g_autofree char *args = NULL;
  g_autoptr(CrmOpportunity) before = get_erp (f);
  g_autoptr(CrmOpportunity) after = NULL;
  g_autoptr(CrmOpportunity) undone = NULL;
  GtkWidget *undo;
  int x0, y0, x1, y1, ux, uy;

  g_assert_cmpstr (header_text (f, CRM_STAGE_LEAD, "pipeline-count"), ==, "5");
  g_assert_cmpstr (header_text (f, CRM_STAGE_NEGOTIATION, "pipeline-count"), ==, "3");
  g_assert_cmpint (crm_opportunity_get_position (before), ==, 0);
  g_assert_cmpint (crm_opportunity_get_probability (before), ==, 10);

  /* From the middle of the card to the lower half of Negotiation's
   * first card: it lands second in that column. */
  crm_test_screen_point (card, gtk_widget_get_width (card) / 2.0, gtk_widget_get_height (card) / 2.0, &x0, &y0);
  crm_test_screen_point (target, gtk_widget_get_width (target) / 2.0, gtk_widget_get_height (target) * 0.8, &x1, &y1);
  args = g_strdup_printf ("mousemove --sync %d %d sleep 0.2 mousedown 1 sleep 0.2 "
                          "mousemove --sync %d %d sleep 0.1 mousemove --sync %d %d sleep 0.1 "
                          "mousemove --sync %d %d sleep 0.1 mousemove --sync %d %d sleep 0.1 "
                          "mousemove --sync %d %d sleep 0.3 mouseup 1",
                          x0, y0,
                          x0 + 5, y0 + 5,
                          x0 + 30, y0 + 20,
                          (x0 + x1) / 2, (y0 + y1) / 2,
                          x1 - 3, y1 - 2,
                          x1, y1);
  g_test_message ("drag from %d,%d to %d,%d", x0, y0, x1, y1);
  crm_test_xdotool (args);
  wait_until (f, erp_in_negotiation);

  after = get_erp (f);
  g_assert_cmpint (crm_opportunity_get_position (after), ==, 1);
  g_assert_cmpint (crm_opportunity_get_probability (after), ==, 60);
  g_assert_cmpint (crm_pipeline_column_get_item_id (negotiation, 1), ==, f->erp_id);
  /* The headers changed at the drop, with no waiting. */
  g_assert_cmpstr (header_text (f, CRM_STAGE_LEAD, "pipeline-count"), ==, "4");
  g_assert_cmpstr (header_text (f, CRM_STAGE_NEGOTIATION, "pipeline-count"), ==, "4");
  g_assert_cmpstr (header_text (f, CRM_STAGE_LEAD, "title-4"), !=, lead_total);
  g_assert_cmpstr (header_text (f, CRM_STAGE_NEGOTIATION, "title-4"), !=, negotiation_total);

  /* Undo, clicked on the toast. */
  wait_until (f, undo_button_shown);
  undo = find_button (GTK_WIDGET (f->window), "_Undo");
  crm_test_screen_point (undo, gtk_widget_get_width (undo) / 2.0, gtk_widget_get_height (undo) / 2.0, &ux, &uy);
  g_clear_pointer (&args, g_free);
  g_test_message ("undo button at %d,%d", ux, uy);
  args = g_strdup_printf ("mousemove --sync %d %d sleep 0.2 click 1", ux, uy);
  crm_test_xdotool (args);
  wait_until (f, board_shows_erp_in_lead);
  g_assert_true (erp_in_lead (f));

  undone = get_erp (f);
  g_assert_cmpint (crm_opportunity_get_position (undone), ==, 0);
  g_assert_cmpint (crm_opportunity_get_probability (undone), ==, 10);
  g_assert_cmpstr (header_text (f, CRM_STAGE_LEAD, "pipeline-count"), ==, "5");
  g_assert_cmpstr (header_text (f, CRM_STAGE_NEGOTIATION, "pipeline-count"), ==, "3");
  g_assert_cmpstr (header_text (f, CRM_STAGE_LEAD, "title-4"), ==, lead_total);
  g_assert_cmpstr (header_text (f, CRM_STAGE_NEGOTIATION, "title-4"), ==, negotiation_total);
}

static void
test_alt_right (Fixture       *f,
                gconstpointer  data)
{
  CrmPipelineColumn *lead = crm_pipeline_page_get_column (f->page, CRM_STAGE_LEAD);
  GtkWidget *card = GTK_WIDGET (crm_pipeline_column_find_card (lead, f->erp_id));
  g_autoptr(CrmOpportunity) moved = NULL;
  g_autoptr(CrmOpportunity) back = NULL;
  g_autofree char *args = NULL;
  int x, y;

  /* The pointer over the window gives it the X input focus (no window
   * manager here); the card's row gets GTK's focus. */
  crm_test_screen_point (card, 10, 10, &x, &y);
  args = g_strdup_printf ("mousemove --sync %d %d", x, y);
  crm_test_xdotool (args);
  gtk_widget_grab_focus (gtk_widget_get_parent (card));
  wait_until (f, erp_card_focused);

  crm_test_xdotool ("key --clearmodifiers alt+Right");
  wait_until (f, erp_in_proposal);
  moved = get_erp (f);
  g_assert_cmpint (crm_opportunity_get_position (moved), ==, 0);
  g_assert_cmpint (crm_opportunity_get_probability (moved), ==, 30);
  g_assert_cmpstr (header_text (f, CRM_STAGE_PROPOSAL, "pipeline-count"), ==, "4");

  /* The focus followed the card into its new column: Alt+Left brings it
   * back with no other help. */
  wait_until (f, erp_card_focused);
  crm_test_xdotool ("key --clearmodifiers alt+Left");
  wait_until (f, erp_in_lead);
  back = get_erp (f);
  g_assert_cmpint (crm_opportunity_get_position (back), ==, 0);
  g_assert_cmpint (crm_opportunity_get_probability (back), ==, 10);

  /* Alt+Down, Alt+Down, Alt+Up: second place, probability kept. Each
   * key waits for the previous move and the focus to land. */
  f->expected_position = 1;
  wait_until (f, erp_card_focused);
  crm_test_xdotool ("key --clearmodifiers alt+Down");
  wait_until (f, erp_focused_at_expected);
  f->expected_position = 2;
  crm_test_xdotool ("key --clearmodifiers alt+Down");
  wait_until (f, erp_focused_at_expected);
  f->expected_position = 1;
  crm_test_xdotool ("key --clearmodifiers alt+Up");
  wait_until (f, erp_focused_at_expected);
  g_assert_cmpint (crm_pipeline_column_get_item_id (lead, 1), ==, f->erp_id);
}

static gboolean
editor_open (Fixture *f)
{
  return crm_test_ui_find_toplevel (CRM_TYPE_OPPORTUNITY_EDITOR) != NULL;
}

/* The opportunity the open editor edits; closes the editor. */
static gint64
take_edited_id (void)
{
  GtkWindow *editor = crm_test_ui_find_toplevel (CRM_TYPE_OPPORTUNITY_EDITOR);
  gint64 id = crm_opportunity_get_id (CRM_OPPORTUNITY (crm_editor_get_record (CRM_EDITOR (editor))));

  gtk_window_destroy (editor);
  iterate_idle ();
  return id;
}

/* Double-click and Enter open the card's opportunity in its editor
 * (win.edit-opportunity with the id). */
static void
test_activate_edits (Fixture       *f,
                     gconstpointer  data)
{
  CrmPipelineColumn *negotiation = crm_pipeline_page_get_column (f->page, CRM_STAGE_NEGOTIATION);
  gint64 second = crm_pipeline_column_get_item_id (negotiation, 1);
  CrmPipelineColumn *lead = crm_pipeline_page_get_column (f->page, CRM_STAGE_LEAD);
  GtkWidget *card = GTK_WIDGET (crm_pipeline_column_find_card (lead, f->erp_id));
  g_autofree char *args = NULL;
  int x, y;

  crm_test_screen_point (card, 20, 20, &x, &y);
  args = g_strdup_printf ("mousemove --sync %d %d sleep 0.2 click --repeat 2 --delay 60 1", x, y);
  crm_test_xdotool (args);
  wait_until (f, editor_open);
  g_assert_cmpint (take_edited_id (), ==, f->erp_id);

  card = GTK_WIDGET (crm_pipeline_column_find_card (negotiation, second));
  gtk_widget_grab_focus (gtk_widget_get_parent (card));
  crm_test_xdotool ("key --clearmodifiers Return");
  wait_until (f, editor_open);
  g_assert_cmpint (take_edited_id (), ==, second);
}

static gboolean
lead_count_is_3 (Fixture *f)
{
  return g_str_equal (header_text (f, CRM_STAGE_LEAD, "pipeline-count"), "3");
}

/* A change made elsewhere (here a customer deleted with its deals, as the
 * customer list does) reaches the board by the repository's signal. */
static void
test_external_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CrmOpportunity) erp = get_erp (f);
  g_autoptr(GError) error = NULL;
  CrmPipelineColumn *lead = crm_pipeline_page_get_column (f->page, CRM_STAGE_LEAD);
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
  g_autoptr(GPtrArray) liu = NULL;

  /* João Silva has “ERP system” (Lead) and “Fleet telematics renewal”
   * (Negotiation); 刘洋's first deal is a lead too. */
  g_assert_cmpstr (header_text (f, CRM_STAGE_LEAD, "pipeline-count"), ==, "5");
  g_assert_true (crm_repository_delete_customer (f->repo, crm_opportunity_get_customer_id (erp), 0, &error));
  g_assert_no_error (error);
  query.search = "刘洋";
  liu = crm_repository_list_customers (f->repo, &query, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (liu->len, ==, 1);
  g_assert_true (crm_repository_delete_customer (f->repo, crm_customer_get_id (liu->pdata[0]), 0, &error));
  g_assert_no_error (error);
  wait_until (f, lead_count_is_3);
  g_assert_cmpstr (header_text (f, CRM_STAGE_NEGOTIATION, "pipeline-count"), ==, "2");
  g_assert_cmpuint (g_list_model_get_n_items (crm_pipeline_column_get_model (lead)), ==, 3);
  g_assert_cmpint (crm_pipeline_column_get_item_id (lead, 0), !=, f->erp_id);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xdotool_path = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Toasts and lists land at once, so a pointer aimed at them hits. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  xdotool_path = g_find_program_in_path ("xdotool");
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()) || xdotool_path == NULL)
    {
      g_test_skip ("needs an X11 display and xdotool");
      return g_test_run ();
    }

  app = adw_application_new ("io.github.rapportcrm.Rapport.PipelineTest", G_APPLICATION_NON_UNIQUE);
  /* The app's stylesheet (the insertion line, the cards) from the
   * resource path the real app id gives. */
  g_application_set_resource_base_path (G_APPLICATION (app), RESOURCE_BASE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/pipeline-ui/drag-to-negotiation", test_drag_to_negotiation);
  ADD ("/pipeline-ui/alt-right", test_alt_right);
  ADD ("/pipeline-ui/external-change", test_external_change);
  ADD ("/pipeline-ui/activate-edits", test_activate_edits);
#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
