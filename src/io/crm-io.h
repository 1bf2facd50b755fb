/* crm-io.h: what import and export share: formats, counts, progress, and
 * the small exact conversions (money as decimal text, a JSON depth guard)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CrmFileFormat:
 * @CRM_FILE_FORMAT_AUTO: from the file name's extension (import also
 *   looks at the first byte when the extension says nothing)
 * @CRM_FILE_FORMAT_JSON: one Rapport JSON document, or the old REST API's
 *   JSON (a bare array, or the three arrays without the header)
 * @CRM_FILE_FORMAT_NDJSON: one record per line, each with a "type"
 * @CRM_FILE_FORMAT_CSV: RFC 4180, a header row; customers or opportunities
 */
typedef enum
{
  CRM_FILE_FORMAT_AUTO,
  CRM_FILE_FORMAT_JSON,
  CRM_FILE_FORMAT_NDJSON,
  CRM_FILE_FORMAT_CSV,
} CrmFileFormat;

/**
 * CrmCsvTable:
 *
 * Which entity a CSV file holds (one per file).
 */
typedef enum
{
  CRM_CSV_TABLE_CUSTOMERS,
  CRM_CSV_TABLE_OPPORTUNITIES,
} CrmCsvTable;

typedef struct
{
  guint64 customers;
  guint64 interactions;
  guint64 opportunities;
} CrmTransferCounts;

/**
 * CrmProgressFunc:
 * @fraction: 0.0 to 1.0
 *
 * Called from the thread doing the work by the synchronous functions, and
 * in the caller's main context (at most once per percent) by the _async ones.
 */
typedef void (*CrmProgressFunc) (double   fraction,
                                 gpointer user_data);

/* JSON documents larger than this are refused before they are parsed
 * (json-glib keeps the whole tree in memory); use NDJSON for big data. */
#define CRM_IO_MAX_JSON_SIZE (256 * 1024 * 1024)
/* Deeper nesting is refused before json-glib sees it. */
#define CRM_IO_MAX_JSON_DEPTH 64
/* One NDJSON line or one CSV field may not be longer than this. */
#define CRM_IO_MAX_RECORD_SIZE (16 * 1024 * 1024)

CrmFileFormat  crm_file_format_from_name   (const char   *name);

gboolean       crm_io_check_json_depth     (const char   *data,
                                            gsize         length,
                                            guint         first_line,
                                            guint         max_depth,
                                            GError      **error);
gboolean       crm_io_check_utf8           (const char   *data,
                                            gsize         length,
                                            guint         first_line,
                                            GError      **error);
gboolean       crm_io_parse_money          (const char   *text,
                                            gint64       *minor,
                                            GError      **error);
gboolean       crm_io_money_from_double    (double        value,
                                            gint64       *minor,
                                            GError      **error);
void           crm_io_append_money         (GString      *out,
                                            gint64        minor);
void           crm_io_append_json_string   (GString      *out,
                                            const char   *text);

G_END_DECLS

G_BEGIN_DECLS

char          *crm_transfer_counts_format  (const CrmTransferCounts *counts,
                                            gboolean                 imported);

G_END_DECLS
