/* crm-io-private.h: progress marshalled from a worker thread, and the
 * one GTask that runs an import or an export there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "crm-io.h"
#include "crm-repository.h"

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

/* The work of one transfer, run in the thread on its own connection:
 * crm_import_file() or crm_export_file() with @options bound. */
typedef gboolean (*CrmTransferFunc) (CrmRepository      *repository,
                                     GFile              *file,
                                     gpointer            options,
                                     CrmTransferCounts  *counts,
                                     CrmProgressFunc     progress,
                                     gpointer            progress_data,
                                     GCancellable       *cancellable,
                                     GError            **error);

void             crm_transfer_run_async   (const char          *database_path,
                                           GFile               *file,
                                           CrmTransferFunc      func,
                                           gpointer             options,
                                           GDestroyNotify       options_free,
                                           CrmProgressFunc      progress,
                                           gpointer             progress_data,
                                           GDestroyNotify       progress_data_destroy,
                                           GCancellable        *cancellable,
                                           gpointer             source_tag,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean         crm_transfer_finish      (GAsyncResult        *result,
                                           gpointer             source_tag,
                                           CrmTransferCounts   *counts,
                                           GError             **error);

G_END_DECLS
