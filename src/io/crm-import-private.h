/* crm-import-private.h: what the import's format readers share
 *
 * crm-import.c holds the core (fields, records, ids, the transaction, the
 * async entry point); crm-import-json.c reads JSON and NDJSON,
 * crm-import-csv.c reads CSV. Each reader turns its records into JSON
 * objects for the same record functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "crm-import.h"

G_BEGIN_DECLS

typedef struct _CrmImport CrmImport;

struct _CrmImport
{
  CrmRepository *repository;
  const char *name;
  CrmImportFlags flags;
  CrmTransferCounts counts;
  GHashTable *customer_ids;   /* gint64 id in the file → gint64 id stored, only when they differ */
  gint64 next_position[CRM_N_STAGES];
  gboolean have_position[CRM_N_STAGES];
  gboolean text_values;       /* CSV: numbers arrive as text */
  CrmProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
  guint64 n_records;
};

typedef gboolean (*CrmImportRecordFunc) (CrmImport   *import,
                                         JsonObject  *object,
                                         GError     **error);

gboolean            crm_import_customer_record     (CrmImport     *import,
                                                    JsonObject    *object,
                                                    GError       **error);
gboolean            crm_import_interaction_record  (CrmImport     *import,
                                                    JsonObject    *object,
                                                    GError       **error);
gboolean            crm_import_opportunity_record  (CrmImport     *import,
                                                    JsonObject    *object,
                                                    GError       **error);
CrmImportRecordFunc crm_import_record_func_for_type (const char   *type);

gboolean            crm_import_check_cancelled     (CrmImport     *import,
                                                    GError       **error);
void                crm_import_report              (CrmImport     *import,
                                                    double         fraction);
void                crm_import_set_parse_error     (GError       **error,
                                                    const char    *message);
gboolean            crm_import_empty_error         (GError       **error);

/* The readers: each imports every record of @stream (@size bytes, or -1). */
gboolean            crm_import_json                (CrmImport     *import,
                                                    GInputStream  *stream,
                                                    goffset        size,
                                                    GError       **error);
gboolean            crm_import_ndjson              (CrmImport     *import,
                                                    GInputStream  *stream,
                                                    goffset        size,
                                                    GError       **error);
gboolean            crm_import_csv                 (CrmImport     *import,
                                                    GInputStream  *stream,
                                                    goffset        size,
                                                    GError       **error);

G_END_DECLS
