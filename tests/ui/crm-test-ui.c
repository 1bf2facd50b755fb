/* crm-test-ui.c: helpers for tests that drive real widgets
 *
 * Waiting is always for a condition, never for a time: a wait that is
 * never satisfied fails the test after a generous bound instead of
 * hanging CI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "crm-test-ui.h"

#include <gdk/x11/gdkx.h>

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

/* Requests the next frame from inside this one: requests made before a
 * frame all land in that one frame, so asking n times up front gave one
 * frame, and a still window then never painted the rest. */
static void
frame_cb (GdkFrameClock *clock,
          gpointer       user_data)
{
  guint *counts = user_data;

  counts[0]++;
  if (counts[0] < counts[1])
    gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
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
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_cb), counts);
  gtk_widget_queue_draw (widget);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
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

  if (GTK_IS_TEXT_VIEW (editable))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (editable));

      gtk_text_buffer_set_text (buffer, "", -1);
      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        gtk_text_buffer_insert_at_cursor (buffer, p, g_utf8_next_char (p) - p);
      crm_test_ui_iterate ();
      return;
    }
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

/* Whether @action_name (“win.undo”) would act from inside @widget, as a
 * button bound to it would show: GTK 4.8 has no getter for a widget
 * action's enabled state. */
gboolean
crm_test_ui_action_enabled (GtkWidget  *widget,
                            const char *action_name)
{
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  /* The action helper reads the state as the name is set; the probe
   * leaves before anything draws it. */
  gtk_widget_set_parent (probe, widget);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), action_name);
  enabled = gtk_widget_get_sensitive (probe);
  gtk_widget_unparent (probe);
  return enabled;
}

/* A text view's whole text. */
char *
crm_test_ui_get_text (GtkWidget *widget)
{
  GtkTextIter start, end;
  GtkTextBuffer *buffer;

  if (GTK_IS_EDITABLE (widget))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
  g_assert_true (GTK_IS_TEXT_VIEW (widget));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
}

static void
xdotool_exited_cb (GPid     pid,
                   int      status,
                   gpointer user_data)
{
  int *exit_status = user_data;

  g_spawn_close_pid (pid);
  *exit_status = status;
}

static gboolean
xdotool_done (gpointer user_data)
{
  return *(int *) user_data != -1;
}

static gboolean
widget_on_screen (gpointer data)
{
  GtkWidget *widget = data;
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;

  return surface != NULL && gdk_surface_get_mapped (surface) && gtk_widget_get_mapped (widget)
         && gtk_widget_get_width (widget) > 0;
}

/* A real click, through the X server (xdotool's XTEST), at the middle of
 * @widget: GTK picks the widget under the pointer as it does for a user,
 * so a control hidden behind another, or outside its window, is missed.
 * The main loop runs meanwhile, so the application answers the server. */
void
crm_test_ui_click_widget (GtkWidget *widget)
{
  g_autoptr(GError) error = NULL;
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface;
  double x, y, tx, ty;
  int status = -1;
  GPid pid;
  g_autofree char *window = NULL;
  g_autofree char *sx = NULL;
  g_autofree char *sy = NULL;

  g_assert_nonnull (native);
  /* aim where the X server shows it: its surface mapped, itself laid out */
  crm_test_ui_wait_until (widget_on_screen, widget, "the widget on the screen");
  surface = gtk_native_get_surface (native);
  g_assert_true (GDK_IS_X11_SURFACE (surface));
  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native),
                                                   gtk_widget_get_width (widget) / 2.0,
                                                   gtk_widget_get_height (widget) / 2.0,
                                                   &x, &y));
  /* from the native widget's origin to its surface's (shadows, CSD) */
  gtk_native_get_surface_transform (native, &tx, &ty);
  window = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  sx = g_strdup_printf ("%d", (int) (x + tx));
  sy = g_strdup_printf ("%d", (int) (y + ty));
  {
    const char *argv[] = {
      "xdotool", "mousemove", "--sync", "--window", window, sx, sy, "click", "1", NULL,
    };

    g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                   NULL, NULL, &pid, &error);
  }
  g_assert_no_error (error);
  g_child_watch_add (pid, xdotool_exited_cb, &status);
  crm_test_ui_wait_until (xdotool_done, &status, "xdotool");
  g_assert_cmpint (status, ==, 0);
  crm_test_ui_iterate ();
}
