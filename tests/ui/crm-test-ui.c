/* crm-test-ui.c: helpers for tests that drive real widgets
 *
 * Waiting is always for a condition, never for a time: a wait that is
 * never satisfied fails the test after a generous bound instead of
 * hanging CI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "crm-test-ui.h"

#include "crm-customer-row.h"
#include "crm-customers-page.h"

/* Bound for a wait that should end in a few iterations; it only turns a
 * hang into a failure. */
#define WAIT_LIMIT_US (30 * G_USEC_PER_SEC)

/* Runs everything that is ready now: events, idles, frame clock. */
void
crm_test_ui_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

void
crm_test_ui_wait_until (CrmTestCondition  condition,
                        gpointer          user_data,
                        const char       *what)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_US;
  /* so that the deadline is checked even when nothing else happens */
  guint wake_up = g_timeout_add (100, wake_up_cb, NULL);

  crm_test_ui_iterate ();
  while (!condition (user_data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Gave up waiting for %s", what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake_up);
}

static void
frame_cb (GdkFrameClock *clock,
          gpointer       user_data)
{
  guint *n = user_data;

  (*n)++;
}

static gboolean
frames_done (gpointer user_data)
{
  guint *counts = user_data;

  return counts[0] >= counts[1];
}

/* Waits until @widget's frame clock has painted @n_frames times, so that
 * list views have created and bound their rows. */
void
crm_test_ui_wait_for_frames (GtkWidget *widget,
                             guint      n_frames)
{
  GdkFrameClock *clock;
  guint counts[2] = { 0, n_frames };
  gulong id;

  crm_test_ui_iterate ();
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_cb), &counts[0]);
  for (guint i = 0; i < n_frames; i++)
    {
      gtk_widget_queue_draw (widget);
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
    }
  crm_test_ui_wait_until (frames_done, counts, "frames");
  g_signal_handler_disconnect (clock, id);
  crm_test_ui_iterate ();
}

typedef gboolean (*Match) (GtkWidget  *widget,
                           gconstpointer data);

static GtkWidget *
find (GtkWidget     *root,
      Match          match,
      gconstpointer  data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
match_id (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), data) == 0;
}

static gboolean
match_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, *(const GType *)data);
}

static gboolean
match_label (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
         && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
match_row_text (GtkWidget     *widget,
                gconstpointer  data)
{
  if (!CRM_IS_CUSTOMER_ROW (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  for (guint i = 0; i < CRM_CUSTOMER_N_COLUMNS; i++)
    if (g_strcmp0 (crm_customer_row_get_text (CRM_CUSTOMER_ROW (widget), i), data) == 0)
      return TRUE;
  return FALSE;
}

/* The widget a template or builder file named @buildable_id. */
GtkWidget *
crm_test_ui_find_by_id (GtkWidget  *root,
                        const char *buildable_id)
{
  return find (root, match_id, buildable_id);
}

GtkWidget *
crm_test_ui_find_by_type (GtkWidget *root,
                          GType      type)
{
  return find (root, match_type, &type);
}

/* A mapped (on screen) label showing exactly @text. */
GtkWidget *
crm_test_ui_find_label (GtkWidget  *root,
                        const char *text)
{
  return find (root, match_label, text);
}

/* A mapped (on screen) customer row drawing exactly @text in a cell. */
GtkWidget *
crm_test_ui_find_row_text (GtkWidget  *root,
                           const char *text)
{
  return find (root, match_row_text, text);
}

GtkWindow *
crm_test_ui_find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

/* Replaces the text of an entry (or entry row) the way typing does: one
 * character at a time at the cursor, each emitting ::changed. */
void
crm_test_ui_type_text (GtkWidget  *editable,
                       const char *text)
{
  int position;

  g_assert_true (GTK_IS_EDITABLE (editable));
  gtk_editable_delete_text (GTK_EDITABLE (editable), 0, -1);
  position = 0;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    gtk_editable_insert_text (GTK_EDITABLE (editable), p, g_utf8_next_char (p) - p, &position);
  crm_test_ui_iterate ();
}

static gboolean
customers_page_settled (gpointer data)
{
  GtkWidget *window = data;
  GtkWidget *page = crm_test_ui_find_by_type (window, CRM_TYPE_CUSTOMERS_PAGE);
  GtkWidget *entry = crm_test_ui_find_by_id (window, "search_entry");
  gboolean busy = TRUE, counting = TRUE;

  g_object_get (page, "busy", &busy, "counting", &counting, NULL);
  return !busy && !counting && g_strcmp0 (crm_customers_page_get_search (CRM_CUSTOMERS_PAGE (page)),
                             gtk_editable_get_text (GTK_EDITABLE (entry))) == 0;
}

/* Until the customers list shows what the search entry, status and
 * headers ask for: the query runs in a thread. */
void
crm_test_ui_wait_for_customers (GtkWidget *window)
{
  crm_test_ui_wait_until (customers_page_settled, window, "the list to show the query");
}
