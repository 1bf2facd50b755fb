/* crm-io-private.h: progress marshalled from a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "crm-io.h"

G_BEGIN_DECLS

typedef struct _CrmProgressSink CrmProgressSink;

CrmProgressSink *crm_progress_sink_new    (CrmProgressFunc   func,
                                           gpointer          data,
                                           GDestroyNotify    destroy);
void             crm_progress_sink_unref  (CrmProgressSink  *self);
/* A CrmProgressFunc for the worker thread: forwards to the sink's main
 * context, at most once per percent. */
void             crm_progress_sink_report (double            fraction,
                                           gpointer          sink);

G_END_DECLS
