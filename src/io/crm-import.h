/* crm-import.h: read Rapport JSON, the old REST JSON, NDJSON and CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "crm-io.h"
#include "crm-repository.h"

G_BEGIN_DECLS

/**
 * CrmImportFlags:
 * @CRM_IMPORT_MERGE: a record whose id exists updates that row instead of
 *   being added under a new id
 */
typedef enum
{
  CRM_IMPORT_NONE = 0,
  CRM_IMPORT_MERGE = 1 << 0,
} CrmImportFlags;

gboolean  crm_import_stream       (CrmRepository       *repository,
                                   GInputStream        *stream,
                                   const char          *name,
                                   goffset              size,
                                   CrmFileFormat        format,
                                   CrmImportFlags       flags,
                                   CrmTransferCounts   *counts,
                                   CrmProgressFunc      progress,
                                   gpointer             progress_data,
                                   GCancellable        *cancellable,
                                   GError             **error);
gboolean  crm_import_file         (CrmRepository       *repository,
                                   GFile               *file,
                                   CrmFileFormat        format,
                                   CrmImportFlags       flags,
                                   CrmTransferCounts   *counts,
                                   CrmProgressFunc      progress,
                                   gpointer             progress_data,
                                   GCancellable        *cancellable,
                                   GError             **error);
void      crm_import_file_async   (const char          *database_path,
                                   GFile               *file,
                                   CrmFileFormat        format,
                                   CrmImportFlags       flags,
                                   CrmProgressFunc      progress,
                                   gpointer             progress_data,
                                   GDestroyNotify       progress_data_destroy,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  crm_import_file_finish  (GAsyncResult        *result,
                                   CrmTransferCounts   *counts,
                                   GError             **error);

G_END_DECLS
