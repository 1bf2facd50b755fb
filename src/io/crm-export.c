/* crm-export.c: everything out, in id order, streamed
 *
 * The writer produces exactly what the importer reads back: export,
 * import into an empty database, export again gives the same bytes.
 * Money is a JSON number in major units written from the integer minor
 * units as exact decimal text ("99.5"), never through a float.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-csv.h"
#include "crm-error.h"
#include "crm-export.h"
#include "crm-io-private.h"
#include "crm-repository-bulk.h"
#include "crm-time.h"

#define FLUSH_SIZE (256 * 1024)

typedef struct
{
  GOutputStream *stream;
  GString *buffer;
  CrmFileFormat format;
  CrmTransferCounts counts;
  guint64 done;
  guint64 total;
  guint64 *counter;
  guint n_in_array;
  CrmProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
} Export;

static gboolean
flush (Export  *export,
       GError **error)
{
  if (export->buffer->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (export->stream, export->buffer->str, export->buffer->len,
                                  NULL, export->cancellable, error))
    return FALSE;
  g_string_truncate (export->buffer, 0);
  return TRUE;
}

static void
append_time (GString    *out,
             GDateTime  *time)
{
  g_autofree char *text = time != NULL ? crm_time_to_iso8601 (time) : NULL;

  crm_io_append_json_string (out, text);
}

/* “"name": ”, with the comma that separates it from the member before. */
static void
append_key (GString    *out,
            const char *name,
            gboolean    first)
{
  if (!first)
    g_string_append (out, ", ");
  crm_io_append_json_string (out, name);
  g_string_append (out, ": ");
}

static void
append_time_member (GString    *out,
                    const char *name,
                    GDateTime  *time)
{
  append_key (out, name, FALSE);
  append_time (out, time);
}

static void
append_csv_time (GString   *out,
                 GDateTime *time)
{
  g_autofree char *text = time != NULL ? crm_time_to_iso8601 (time) : NULL;

  crm_csv_append_field (out, text);
}

/* One record, JSON or NDJSON. */
static void
begin_record (Export     *export,
              const char *type)
{
  GString *out = export->buffer;

  if (export->format == CRM_FILE_FORMAT_NDJSON)
    {
      g_string_append (out, "{\"type\": ");
      crm_io_append_json_string (out, type);
      g_string_append (out, ", ");
    }
  else
    {
      g_string_append (out, export->n_in_array == 0 ? "\n    {" : ",\n    {");
    }
  export->n_in_array++;
}

static void
end_record (Export *export)
{
  g_string_append (export->buffer, export->format == CRM_FILE_FORMAT_NDJSON ? "}\n" : "}");
}

static void
append_member (GString    *out,
               const char *name,
               const char *text,
               gboolean    first)
{
  append_key (out, name, first);
  crm_io_append_json_string (out, text);
}

static void
write_customer (Export      *export,
                CrmCustomer *customer)
{
  GString *out = export->buffer;

  if (export->format == CRM_FILE_FORMAT_CSV)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT ",", crm_customer_get_id (customer));
      crm_csv_append_field (out, crm_customer_get_name (customer));
      g_string_append_c (out, ',');
      crm_csv_append_field (out, crm_customer_get_company (customer));
      g_string_append_c (out, ',');
      crm_csv_append_field (out, crm_customer_get_email (customer));
      g_string_append_c (out, ',');
      crm_csv_append_field (out, crm_customer_get_phone (customer));
      g_string_append_c (out, ',');
      crm_csv_append_field (out, crm_customer_status_to_string (crm_customer_get_status (customer)));
      g_string_append_c (out, ',');
      crm_csv_append_field (out, crm_customer_get_notes (customer));
      g_string_append_c (out, ',');
      append_csv_time (out, crm_customer_get_created_at (customer));
      g_string_append_c (out, ',');
      append_csv_time (out, crm_customer_get_updated_at (customer));
      g_string_append (out, "\r\n");
      return;
    }

  begin_record (export, "customer");
  g_string_append_printf (out, "\"id\": %" G_GINT64_FORMAT, crm_customer_get_id (customer));
  append_member (out, "name", crm_customer_get_name (customer), FALSE);
  append_member (out, "company", crm_customer_get_company (customer), FALSE);
  append_member (out, "email", crm_customer_get_email (customer), FALSE);
  append_member (out, "phone", crm_customer_get_phone (customer), FALSE);
  append_member (out, "status", crm_customer_status_to_string (crm_customer_get_status (customer)), FALSE);
  append_member (out, "notes", crm_customer_get_notes (customer), FALSE);
  append_time_member (out, "created_at", crm_customer_get_created_at (customer));
  append_time_member (out, "updated_at", crm_customer_get_updated_at (customer));
  end_record (export);
}

static void
write_interaction (Export         *export,
                   CrmInteraction *interaction)
{
  GString *out = export->buffer;

  begin_record (export, "interaction");
  g_string_append_printf (out, "\"id\": %" G_GINT64_FORMAT ", \"customer_id\": %" G_GINT64_FORMAT,
                          crm_interaction_get_id (interaction),
                          crm_interaction_get_customer_id (interaction));
  append_member (out, "interaction_type",
                 crm_interaction_type_to_string (crm_interaction_get_interaction_type (interaction)),
                 FALSE);
  append_member (out, "notes", crm_interaction_get_notes (interaction), FALSE);
  append_time_member (out, "occurred_at", crm_interaction_get_occurred_at (interaction));
  append_time_member (out, "created_at", crm_interaction_get_created_at (interaction));
  end_record (export);
}

static void
write_opportunity (Export         *export,
                   CrmOpportunity *opportunity)
{
  GString *out = export->buffer;

  if (export->format == CRM_FILE_FORMAT_CSV)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",",
                              crm_opportunity_get_id (opportunity),
                              crm_opportunity_get_customer_id (opportunity));
      crm_csv_append_field (out, crm_opportunity_get_title (opportunity));
      g_string_append_c (out, ',');
      crm_io_append_money (out, crm_opportunity_get_value (opportunity));
      g_string_append_printf (out, ",%s,%d,%" G_GINT64_FORMAT ",",
                              crm_stage_to_string (crm_opportunity_get_stage (opportunity)),
                              crm_opportunity_get_probability (opportunity),
                              crm_opportunity_get_position (opportunity));
      append_csv_time (out, crm_opportunity_get_created_at (opportunity));
      g_string_append_c (out, ',');
      append_csv_time (out, crm_opportunity_get_updated_at (opportunity));
      g_string_append (out, "\r\n");
      return;
    }

  begin_record (export, "opportunity");
  g_string_append_printf (out, "\"id\": %" G_GINT64_FORMAT ", \"customer_id\": %" G_GINT64_FORMAT,
                          crm_opportunity_get_id (opportunity),
                          crm_opportunity_get_customer_id (opportunity));
  append_member (out, "title", crm_opportunity_get_title (opportunity), FALSE);
  g_string_append (out, ", \"value\": ");
  crm_io_append_money (out, crm_opportunity_get_value (opportunity));
  append_member (out, "stage", crm_stage_to_string (crm_opportunity_get_stage (opportunity)), FALSE);
  g_string_append_printf (out, ", \"probability\": %d, \"position\": %" G_GINT64_FORMAT,
                          crm_opportunity_get_probability (opportunity),
                          crm_opportunity_get_position (opportunity));
  append_time_member (out, "created_at", crm_opportunity_get_created_at (opportunity));
  append_time_member (out, "updated_at", crm_opportunity_get_updated_at (opportunity));
  end_record (export);
}

static gboolean
write_object (GObject   *object,
              gpointer   user_data,
              GError   **error)
{
  Export *export = user_data;

  if (CRM_IS_CUSTOMER (object))
    write_customer (export, CRM_CUSTOMER (object));
  else if (CRM_IS_INTERACTION (object))
    write_interaction (export, CRM_INTERACTION (object));
  else
    write_opportunity (export, CRM_OPPORTUNITY (object));
  (*export->counter)++;
  export->done++;

  if (export->done % 1024 == 0)
    {
      if (g_cancellable_set_error_if_cancelled (export->cancellable, error))
        return FALSE;
      if (export->progress != NULL)
        export->progress ((double)export->done / export->total, export->progress_data);
    }
  if (export->buffer->len >= FLUSH_SIZE)
    return flush (export, error);
  return TRUE;
}

static gboolean
export_table (Export      *export,
              CrmRepository *repository,
              GType        type,
              const char  *member,
              guint64     *counter,
              GError     **error)
{
  export->counter = counter;
  export->n_in_array = 0;
  if (export->format == CRM_FILE_FORMAT_JSON)
    {
      g_string_append_printf (export->buffer, ",\n  \"%s\": [", member);
    }
  if (!crm_repository_foreach (repository, type, write_object, export, error))
    return FALSE;
  if (export->format == CRM_FILE_FORMAT_JSON)
    g_string_append (export->buffer, export->n_in_array > 0 ? "\n  ]" : "]");
  return TRUE;
}

static gboolean
export_all (Export        *export,
            CrmRepository *repository,
            CrmCsvTable    table,
            GError       **error)
{
  gint64 total = 0;

  for (guint i = 0; i < 3; i++)
    {
      GType type = i == 0 ? CRM_TYPE_CUSTOMER : i == 1 ? CRM_TYPE_INTERACTION : CRM_TYPE_OPPORTUNITY;
      gint64 n;

      if (export->format == CRM_FILE_FORMAT_CSV
          && type != (table == CRM_CSV_TABLE_CUSTOMERS ? CRM_TYPE_CUSTOMER : CRM_TYPE_OPPORTUNITY))
        continue;
      n = crm_repository_count (repository, type, error);
      if (n < 0)
        return FALSE;
      total += n;
    }
  export->total = MAX (total, 1);

  switch (export->format)
    {
    case CRM_FILE_FORMAT_CSV:
      /* A BOM, so spreadsheet programs read the text as UTF-8. */
      g_string_append (export->buffer, "\xEF\xBB\xBF");
      if (table == CRM_CSV_TABLE_CUSTOMERS)
        {
          g_string_append (export->buffer,
                           "id,name,company,email,phone,status,notes,created_at,updated_at\r\n");
          return crm_repository_foreach (repository, CRM_TYPE_CUSTOMER, write_object, export, error);
        }
      g_string_append (export->buffer,
                       "id,customer_id,title,value,stage,probability,position,created_at,updated_at\r\n");
      return crm_repository_foreach (repository, CRM_TYPE_OPPORTUNITY, write_object, export, error);

    case CRM_FILE_FORMAT_NDJSON:
      return export_table (export, repository, CRM_TYPE_CUSTOMER, NULL, &export->counts.customers, error)
             && export_table (export, repository, CRM_TYPE_INTERACTION, NULL, &export->counts.interactions, error)
             && export_table (export, repository, CRM_TYPE_OPPORTUNITY, NULL, &export->counts.opportunities, error);

    case CRM_FILE_FORMAT_JSON:
    case CRM_FILE_FORMAT_AUTO:
    default:
      g_string_append (export->buffer, "{\n  \"format\": \"rapport\",\n  \"version\": 1");
      if (!export_table (export, repository, CRM_TYPE_CUSTOMER, "customers", &export->counts.customers, error)
          || !export_table (export, repository, CRM_TYPE_INTERACTION, "interactions", &export->counts.interactions, error)
          || !export_table (export, repository, CRM_TYPE_OPPORTUNITY, "opportunities", &export->counts.opportunities, error))
        return FALSE;
      g_string_append (export->buffer, "\n}\n");
      return TRUE;
    }
}

/**
 * crm_export_stream:
 * @format: JSON (everything, with the Rapport header), NDJSON (everything,
 *   one record per line) or CSV (@table only)
 *
 * Reads all tables as one snapshot and writes them in id order.
 */
gboolean
crm_export_stream (CrmRepository      *repository,
                   GOutputStream      *stream,
                   CrmFileFormat       format,
                   CrmCsvTable         table,
                   CrmTransferCounts  *counts,
                   CrmProgressFunc     progress,
                   gpointer            progress_data,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autoptr(GString) buffer = g_string_sized_new (FLUSH_SIZE + 4096);
  Export export = { 0 };
  gboolean ok;

  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  export.stream = stream;
  export.buffer = buffer;
  export.format = format;
  export.progress = progress;
  export.progress_data = progress_data;
  export.cancellable = cancellable;
  if (export.format == CRM_FILE_FORMAT_CSV && table == CRM_CSV_TABLE_CUSTOMERS)
    export.counter = &export.counts.customers;
  else if (export.format == CRM_FILE_FORMAT_CSV)
    export.counter = &export.counts.opportunities;

  /* One read transaction: the three tables as one snapshot. */
  if (!crm_repository_begin (repository, error))
    return FALSE;
  if (progress != NULL)
    progress (0.0, progress_data);
  ok = export_all (&export, repository, table, error) && flush (&export, error);
  crm_repository_rollback (repository);
  if (!ok)
    return FALSE;
  if (progress != NULL)
    progress (1.0, progress_data);
  if (counts != NULL)
    *counts = export.counts;
  return TRUE;
}

/**
 * crm_export_file:
 * @format: %CRM_FILE_FORMAT_AUTO for the one @file's extension names
 *
 * Writes to a temporary file that replaces @file only when everything was
 * written; on error or cancellation @file is left as it was.
 */
gboolean
crm_export_file (CrmRepository      *repository,
                 GFile              *file,
                 CrmFileFormat       format,
                 CrmCsvTable         table,
                 CrmTransferCounts  *counts,
                 CrmProgressFunc     progress,
                 gpointer            progress_data,
                 GCancellable       *cancellable,
                 GError            **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abort_write = g_cancellable_new ();
  g_autofree char *name = NULL;

  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  if (format == CRM_FILE_FORMAT_AUTO)
    format = crm_file_format_from_name (name);
  if (format == CRM_FILE_FORMAT_AUTO)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                   _("%s: unknown format; the name must end in .json, .ndjson or .csv"), name);
      return FALSE;
    }

  /* An export holds every customer: readable by its owner only, also
   * when it replaces a file that others could read (whose mode GIO
   * would otherwise copy). */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, error);
  if (stream == NULL)
    return FALSE;
  if (!crm_export_stream (repository, G_OUTPUT_STREAM (stream), format, table, counts,
                          progress, progress_data, cancellable, error))
    {
      /* Closing with a cancelled cancellable drops the temporary file. */
      g_cancellable_cancel (abort_write);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort_write, NULL);
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  return TRUE;
}

/* Async: crm_transfer_run_async() with the export's options. */

typedef struct
{
  CrmFileFormat format;
  CrmCsvTable table;
} ExportOptions;

static gboolean
export_file_func (CrmRepository      *repository,
                  GFile              *file,
                  gpointer            options,
                  CrmTransferCounts  *counts,
                  CrmProgressFunc     progress,
                  gpointer            progress_data,
                  GCancellable       *cancellable,
                  GError            **error)
{
  ExportOptions *export = options;

  return crm_export_file (repository, file, export->format, export->table, counts,
                          progress, progress_data, cancellable, error);
}

/**
 * crm_export_file_async:
 * @database_path: the database to export; read on a connection of its own
 * @progress: (nullable): called in the caller's thread-default main
 *   context, at most once per percent
 */
void
crm_export_file_async (const char          *database_path,
                       GFile               *file,
                       CrmFileFormat        format,
                       CrmCsvTable          table,
                       CrmProgressFunc      progress,
                       gpointer             progress_data,
                       GDestroyNotify       progress_data_destroy,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  ExportOptions *options;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (G_IS_FILE (file));

  options = g_new0 (ExportOptions, 1);
  options->format = format;
  options->table = table;
  crm_transfer_run_async (database_path, file, export_file_func, options, g_free,
                          progress, progress_data, progress_data_destroy, cancellable,
                          crm_export_file_async, callback, user_data);
}

gboolean
crm_export_file_finish (GAsyncResult       *result,
                        CrmTransferCounts  *counts,
                        GError            **error)
{
  return crm_transfer_finish (result, crm_export_file_async, counts, error);
}
