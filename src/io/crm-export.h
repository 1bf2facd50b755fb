/* crm-export.h: write everything out as Rapport JSON, NDJSON or CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "crm-io.h"
#include "crm-repository.h"

G_BEGIN_DECLS

gboolean  crm_export_stream       (CrmRepository       *repository,
                                   GOutputStream       *stream,
                                   CrmFileFormat        format,
                                   CrmCsvTable          table,
                                   CrmTransferCounts   *counts,
                                   CrmProgressFunc      progress,
                                   gpointer             progress_data,
                                   GCancellable        *cancellable,
                                   GError             **error);
gboolean  crm_export_file         (CrmRepository       *repository,
                                   GFile               *file,
                                   CrmFileFormat        format,
                                   CrmCsvTable          table,
                                   CrmTransferCounts   *counts,
                                   CrmProgressFunc      progress,
                                   gpointer             progress_data,
                                   GCancellable        *cancellable,
                                   GError             **error);
void      crm_export_file_async   (const char          *database_path,
                                   GFile               *file,
                                   CrmFileFormat        format,
                                   CrmCsvTable          table,
                                   CrmProgressFunc      progress,
                                   gpointer             progress_data,
                                   GDestroyNotify       progress_data_destroy,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  crm_export_file_finish  (GAsyncResult        *result,
                                   CrmTransferCounts   *counts,
                                   GError             **error);

G_END_DECLS
