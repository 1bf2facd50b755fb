/* crm-busy-retry.c: an editor's Save that waits for another program's lock
 *
 * While another program (another Rapport, the sqlite3 shell) holds the
 * database's write lock, a save must neither freeze the window for the
 * whole busy timeout nor give up at once. The UI thread's connection
 * waits only CRM_UI_BUSY_TIMEOUT_MS inside SQLite; this retries the save
 * from a main-loop timeout until CRM_REPOSITORY_BUSY_TIMEOUT_MS have
 * passed since the first attempt, with the editor open and responsive.
 * After that the editor shows the busy error and keeps the user's text;
 * Save tries again.
 *
 * A write on a thread of its own would also keep the window responsive,
 * but an editor's save is one short statement whose result decides
 * whether the editor closes: retrying on the UI thread keeps it ordered
 * with the views' reads on the same connection, with no second
 * connection per editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-busy-retry.h"
#include "crm-error.h"
#include "crm-repository.h"

#define RETRY_INTERVAL_MS 200

typedef struct
{
  CrmBusyRetry *retry;
  GtkWidget *widget;
  CrmBusyRetryFunc func;
} Retry;

static gboolean
retry_cb (gpointer user_data)
{
  Retry *r = user_data;

  r->retry->source_id = 0;
  r->func (r->widget);
  return G_SOURCE_REMOVE;
}

static void
retry_free (gpointer user_data)
{
  Retry *r = user_data;

  g_object_unref (r->widget);
  g_free (r);
}

/**
 * crm_busy_retry_schedule:
 * @retry: the editor's state
 * @widget: the editor; kept alive until the retry ran or was cleared
 * @func: saves again
 * @error: why the save failed
 *
 * Returns: %TRUE when @error is %CRM_ERROR_BUSY and the wait has time
 *   left: @func runs again shortly, and the editor should say it is
 *   waiting. %FALSE when the caller should show @error (the wait is over
 *   then, and the next save starts a new one).
 */
gboolean
crm_busy_retry_schedule (CrmBusyRetry     *retry,
                         GtkWidget        *widget,
                         CrmBusyRetryFunc  func,
                         const GError     *error)
{
  gint64 now = g_get_monotonic_time ();
  Retry *r;

  g_clear_handle_id (&retry->source_id, g_source_remove);
  if (!g_error_matches (error, CRM_ERROR, CRM_ERROR_BUSY))
    {
      retry->started = 0;
      return FALSE;
    }
  if (retry->started == 0)
    retry->started = now;
  if (now - retry->started >= CRM_REPOSITORY_BUSY_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND)
    {
      retry->started = 0;
      return FALSE;
    }

  r = g_new0 (Retry, 1);
  r->retry = retry;
  r->widget = g_object_ref (widget);
  r->func = func;
  retry->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, RETRY_INTERVAL_MS, retry_cb, r, retry_free);
  return TRUE;
}

void
crm_busy_retry_clear (CrmBusyRetry *retry)
{
  g_clear_handle_id (&retry->source_id, g_source_remove);
  retry->started = 0;
}

const char *
crm_busy_retry_get_waiting_message (void)
{
  return _("Another program is writing to the database: waiting for it to finish…");
}

/**
 * crm_busy_retry_show:
 * @label: the editor's message label (styled “error”)
 * @error: (nullable): why the save failed, or %NULL while waiting
 *
 * Waiting is not a failure yet: it reads as a quiet note, the failure in
 * the error style.
 */
void
crm_busy_retry_show (GtkLabel     *label,
                     const GError *error)
{
  GtkWidget *widget = GTK_WIDGET (label);

  gtk_label_set_text (label, error != NULL ? error->message : crm_busy_retry_get_waiting_message ());
  if (error != NULL)
    {
      gtk_widget_remove_css_class (widget, "dim-label");
      gtk_widget_add_css_class (widget, "error");
    }
  else
    {
      gtk_widget_remove_css_class (widget, "error");
      gtk_widget_add_css_class (widget, "dim-label");
    }
  gtk_widget_set_visible (widget, TRUE);
}
