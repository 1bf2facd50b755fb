/* crm-busy-retry.h: an editor's Save that waits for another program's lock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* On the UI thread's connection a write waits only this long for a lock
 * held by another program, so the window never freezes longer. */
#define CRM_UI_BUSY_TIMEOUT_MS 50

typedef void (*CrmBusyRetryFunc) (GtkWidget *widget);

/**
 * CrmBusyRetry:
 *
 * Zero-initialised state of one editor's retries; clear it with
 * crm_busy_retry_clear() on success, on any other error and in dispose.
 */
typedef struct
{
  gint64 started;
  guint  source_id;
} CrmBusyRetry;

gboolean  crm_busy_retry_schedule (CrmBusyRetry      *retry,
                                   GtkWidget         *widget,
                                   CrmBusyRetryFunc   func,
                                   const GError      *error);
void      crm_busy_retry_clear    (CrmBusyRetry      *retry);
const char *crm_busy_retry_get_waiting_message (void);
void        crm_busy_retry_show     (GtkLabel          *label,
                                     const GError      *error);

G_END_DECLS
