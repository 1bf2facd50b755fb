/* crm-import.c: read records from a file into the repository, all or nothing
 *
 * Every record goes through the repository's own add/update functions, so
 * the model's validation applies unchanged; this file only converts fields.
 *
 * Ids: a record keeps its id when that id is free. When it is taken and
 * the import does not merge, the record is added under a new id and later
 * references to it in the same file (customer_id) follow it. With
 * CRM_IMPORT_MERGE the existing row is updated instead. A customer_id that
 * is not a customer of the file must name a customer already stored.
 *
 * This file is the core that every format shares (fields, records, ids,
 * the transaction); crm-import-json.c and crm-import-csv.c read the
 * formats into JSON objects for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "crm-csv.h"
#include "crm-error.h"
#include "crm-import.h"
#include "crm-import-private.h"
#include "crm-io-private.h"
#include "crm-repository-bulk.h"
#include "crm-time.h"

#define CHECK_EVERY 256

/* Files at least this large, and larger than what is stored, are imported
 * with the search index rebuilt once at the end instead of row by row
 * (measured: five times faster for 100,000 customers). A record takes
 * 64 bytes or more, so size / 64 bounds the number of records. */
#define BULK_MIN_SIZE (4 * 1024 * 1024)
#define MIN_RECORD_SIZE 64

/* Field readers. Absent and null are “not given”. */

static gboolean
type_error (const char  *field,
            const char  *expected,
            GError     **error)
{
  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: “%s: expected text”; the first %s is a field name */
               _("%s: expected %s"), field, expected);
  return FALSE;
}

static JsonNode *
get_member (JsonObject *object,
            const char *field)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

static gboolean
get_string (JsonObject   *object,
            const char   *field,
            const char  **value,
            GError      **error)
{
  JsonNode *node = get_member (object, field);

  *value = NULL;
  if (node == NULL)
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return type_error (field, _("text"), error);
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_int (CrmImport   *import,
         JsonObject  *object,
         const char  *field,
         gint64      *value,
         gboolean    *present,
         GError     **error)
{
  JsonNode *node = get_member (object, field);
  GType type;

  *present = FALSE;
  if (node == NULL)
    return TRUE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE && json_node_get_double (node) == (gint64)json_node_get_double (node))
    *value = (gint64)json_node_get_double (node);
  else if (type == G_TYPE_STRING && import->text_values)
    {
      const char *text = json_node_get_string (node);
      char *end = NULL;

      if (*text == '\0')
        return TRUE;
      *value = g_ascii_strtoll (text, &end, 10);
      if (end == text || *end != '\0')
        return type_error (field, _("a whole number"), error);
    }
  else
    return type_error (field, _("a whole number"), error);
  *present = TRUE;
  return TRUE;
}

static gboolean
get_money (CrmImport   *import,
           JsonObject  *object,
           const char  *field,
           gint64      *value,
           GError     **error)
{
  JsonNode *node = get_member (object, field);
  GType type;

  if (node == NULL)
    return TRUE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      gint64 major = json_node_get_int (node);

      if (major > G_MAXINT64 / 100 || major < G_MININT64 / 100)
        return type_error (field, _("a smaller amount"), error);
      *value = major * 100;
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    return crm_io_money_from_double (json_node_get_double (node), value, error);
  if (type == G_TYPE_STRING && import->text_values)
    {
      if (*json_node_get_string (node) == '\0')
        return TRUE;
      return crm_io_parse_money (json_node_get_string (node), value, error);
    }
  return type_error (field, _("a number"), error);
}

static gboolean
get_time (JsonObject  *object,
          const char  *field,
          GDateTime  **value,
          GError     **error)
{
  const char *text;

  *value = NULL;
  if (!get_string (object, field, &text, error))
    return FALSE;
  if (text == NULL || *text == '\0')
    return TRUE;
  *value = crm_time_from_iso8601 (text, field, error);
  return *value != NULL;
}

gboolean
crm_import_check_cancelled (CrmImport  *import,
                            GError    **error)
{
  if (++import->n_records % CHECK_EVERY != 0)
    return TRUE;
  return !g_cancellable_set_error_if_cancelled (import->cancellable, error);
}

void
crm_import_report (CrmImport *import,
                   double     fraction)
{
  if (import->progress != NULL)
    import->progress (fraction, import->progress_data);
}

/* json-glib says "<data>:3:14: Parse error: …"; say "line 3, column 14: …". */
void
crm_import_set_parse_error (GError     **error,
                            const char  *message)
{
  guint line = 0, column = 0;
  int consumed = 0;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT, _("line %u, column %u: %s"),
                 line, column, message + consumed);
  else
    g_set_error_literal (error, CRM_ERROR, CRM_ERROR_FORMAT, message);
}

/* Records */

gboolean
crm_import_customer_record (CrmImport   *import,
                            JsonObject  *object,
                            GError     **error)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GDateTime) updated_at = NULL;
  const char *name, *company, *email, *phone, *status_text, *notes;
  CrmCustomerStatus status = CRM_CUSTOMER_STATUS_ACTIVE;
  gint64 id = 0;
  gboolean has_id;

  if (!get_int (import, object, "id", &id, &has_id, error)
      || !get_string (object, "name", &name, error)
      || !get_string (object, "company", &company, error)
      || !get_string (object, "email", &email, error)
      || !get_string (object, "phone", &phone, error)
      || !get_string (object, "status", &status_text, error)
      || !get_string (object, "notes", &notes, error)
      || !get_time (object, "created_at", &created_at, error)
      || !get_time (object, "updated_at", &updated_at, error))
    return FALSE;
  if (status_text != NULL && *status_text != '\0'
      && !crm_customer_status_from_string (status_text, &status, error))
    return FALSE;

  crm_customer_set_name (customer, name);
  crm_customer_set_company (customer, company);
  crm_customer_set_email (customer, email);
  crm_customer_set_phone (customer, phone);
  crm_customer_set_status (customer, status);
  crm_customer_set_notes (customer, notes);
  crm_customer_set_created_at (customer, created_at);
  crm_customer_set_updated_at (customer, updated_at);

  if (has_id && id > 0 && (import->flags & CRM_IMPORT_MERGE))
    {
      g_autoptr(GError) local_error = NULL;
      gboolean taken = crm_repository_has_id (import->repository, CRM_TYPE_CUSTOMER, id,
                                              &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (taken)
        {
          crm_customer_set_id (customer, id);
          if (!crm_repository_update_customer (import->repository, customer, error))
            return FALSE;
          import->counts.customers++;
          return TRUE;
        }
    }
  if (has_id && id > 0)
    {
      g_autoptr(GError) local_error = NULL;

      /* Keep the id when it is free; the repository says when it is not. */
      crm_customer_set_id (customer, id);
      if (!crm_repository_add_customer (import->repository, customer, &local_error))
        {
          if (!g_error_matches (local_error, CRM_ERROR, CRM_ERROR_EXISTS))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          crm_customer_set_id (customer, 0);
          if (!crm_repository_add_customer (import->repository, customer, error))
            return FALSE;
        }
      if (crm_customer_get_id (customer) != id)
        {
          gint64 *key = g_new (gint64, 1);
          gint64 *value = g_new (gint64, 1);

          *key = id;
          *value = crm_customer_get_id (customer);
          g_hash_table_replace (import->customer_ids, key, value);
        }
    }
  else if (!crm_repository_add_customer (import->repository, customer, error))
    return FALSE;

  import->counts.customers++;
  return TRUE;
}

static gint64
resolve_customer_id (CrmImport *import,
                     gint64  id)
{
  gint64 *stored = g_hash_table_lookup (import->customer_ids, &id);

  return stored != NULL ? *stored : id;
}

/* Whether the record's id is taken; updates under MERGE, else clears it so
 * the record is added under a new id. Sets *done when it updated. */
static gboolean
place_id (CrmImport   *import,
          GType     type,
          GObject  *object,
          gint64    id,
          gboolean  has_id,
          gboolean *update,
          GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean taken;

  *update = FALSE;
  if (!has_id || id <= 0)
    return TRUE;
  taken = crm_repository_has_id (import->repository, type, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!taken)
    g_object_set (object, "id", id, NULL);
  else if (import->flags & CRM_IMPORT_MERGE)
    {
      g_object_set (object, "id", id, NULL);
      *update = TRUE;
    }
  return TRUE;
}

gboolean
crm_import_interaction_record (CrmImport   *import,
                               JsonObject  *object,
                               GError     **error)
{
  g_autoptr(CrmInteraction) interaction = crm_interaction_new ();
  g_autoptr(GDateTime) occurred_at = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  const char *type_text, *notes;
  CrmInteractionType type = crm_interaction_get_interaction_type (interaction);
  gint64 id = 0, customer_id = 0;
  gboolean has_id, has_customer, update;

  if (!get_int (import, object, "id", &id, &has_id, error)
      || !get_int (import, object, "customer_id", &customer_id, &has_customer, error)
      || !get_string (object, "interaction_type", &type_text, error)
      || !get_string (object, "notes", &notes, error)
      || !get_time (object, "occurred_at", &occurred_at, error)
      || !get_time (object, "created_at", &created_at, error))
    return FALSE;
  if (type_text != NULL && !crm_interaction_type_from_string (type_text, &type, error))
    return FALSE;

  g_object_set (interaction,
                "customer-id", has_customer ? resolve_customer_id (import, customer_id) : (gint64)0,
                "interaction-type", type, "notes", notes,
                NULL);
  if (occurred_at != NULL)
    crm_interaction_set_occurred_at (interaction, occurred_at);
  if (created_at != NULL)
    crm_interaction_set_created_at (interaction, created_at);

  if (!place_id (import, CRM_TYPE_INTERACTION, G_OBJECT (interaction), id, has_id, &update, error))
    return FALSE;
  if (update ? !crm_repository_update_interaction (import->repository, interaction, error)
             : !crm_repository_add_interaction (import->repository, interaction, error))
    return FALSE;
  import->counts.interactions++;
  return TRUE;
}

gboolean
crm_import_opportunity_record (CrmImport   *import,
                               JsonObject  *object,
                               GError     **error)
{
  g_autoptr(CrmOpportunity) opportunity = crm_opportunity_new ();
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GDateTime) updated_at = NULL;
  const char *title, *stage_text;
  CrmStage stage = CRM_STAGE_LEAD;
  gint64 id = 0, customer_id = 0, value = 0, probability = 0, position = 0;
  gboolean has_id, has_customer, has_probability, has_position, update;

  if (!get_int (import, object, "id", &id, &has_id, error)
      || !get_int (import, object, "customer_id", &customer_id, &has_customer, error)
      || !get_string (object, "title", &title, error)
      || !get_money (import, object, "value", &value, error)
      || !get_string (object, "stage", &stage_text, error)
      || !get_int (import, object, "probability", &probability, &has_probability, error)
      || !get_int (import, object, "position", &position, &has_position, error)
      || !get_time (object, "created_at", &created_at, error)
      || !get_time (object, "updated_at", &updated_at, error))
    return FALSE;
  if (stage_text != NULL && *stage_text != '\0'
      && !crm_stage_from_string (stage_text, &stage, error))
    return FALSE;
  if (!has_probability)
    probability = crm_stage_get_default_probability (stage);
  if (probability < G_MININT || probability > G_MAXINT)
    probability = -1;   /* out of range either way; the model says so */

  /* Positions are dense per stage, after what is stored already. */
  if (!import->have_position[stage])
    {
      if (!crm_repository_next_position (import->repository, stage,
                                         &import->next_position[stage], error))
        return FALSE;
      import->have_position[stage] = TRUE;
    }
  if (!has_position || position < 0)
    position = import->next_position[stage];
  import->next_position[stage] = MAX (import->next_position[stage], position + 1);

  g_object_set (opportunity,
                "customer-id", has_customer ? resolve_customer_id (import, customer_id) : (gint64)0,
                "title", title, "value", value, "stage", stage,
                "probability", (int)probability, "position", position,
                "created-at", created_at, "updated-at", updated_at,
                NULL);

  if (!place_id (import, CRM_TYPE_OPPORTUNITY, G_OBJECT (opportunity), id, has_id, &update, error))
    return FALSE;
  if (update ? !crm_repository_update_opportunity (import->repository, opportunity, error)
             : !crm_repository_add_opportunity (import->repository, opportunity, error))
    return FALSE;
  import->counts.opportunities++;
  return TRUE;
}

CrmImportRecordFunc
crm_import_record_func_for_type (const char *type)
{
  if (g_strcmp0 (type, "customer") == 0)
    return crm_import_customer_record;
  if (g_strcmp0 (type, "interaction") == 0)
    return crm_import_interaction_record;
  if (g_strcmp0 (type, "opportunity") == 0)
    return crm_import_opportunity_record;
  return NULL;
}

/* Shared by the readers */

gboolean
crm_import_empty_error (GError **error)
{
  g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT, _("the file is empty"));
  return FALSE;
}

/* Entry points */

static CrmFileFormat
sniff_format (GInputStream *stream)
{
  GBufferedInputStream *buffered = G_BUFFERED_INPUT_STREAM (stream);
  const char *peek;
  gsize available = 0;

  g_buffered_input_stream_fill (buffered, 4096, NULL, NULL);
  peek = g_buffered_input_stream_peek_buffer (buffered, &available);
  for (gsize i = 0; i < available; i++)
    {
      if (g_ascii_isspace (peek[i]))
        continue;
      if (peek[i] == '[')
        return CRM_FILE_FORMAT_JSON;
      if (peek[i] == '{')
        {
          /* A first line that is a whole record with a "type" is NDJSON. */
          const char *newline = memchr (peek + i, '\n', available - i);

          if (newline != NULL && g_strstr_len (peek + i, newline - (peek + i), "\"type\"") != NULL
              && newline > peek + i && newline[-1 - (newline[-1] == '\r')] == '}')
            return CRM_FILE_FORMAT_NDJSON;
          return CRM_FILE_FORMAT_JSON;
        }
      return CRM_FILE_FORMAT_CSV;
    }
  return CRM_FILE_FORMAT_JSON;
}

/**
 * crm_import_stream:
 * @name: the file name errors begin with
 * @size: the stream's length in bytes for progress, or -1
 * @counts: (out) (optional): what was imported
 *
 * Imports in one transaction on @repository: on any error (a bad record,
 * a read error, cancellation) nothing is written, and @error names @name,
 * the record (line or index) and the field.
 */
gboolean
crm_import_stream (CrmRepository      *repository,
                   GInputStream       *stream,
                   const char         *name,
                   goffset             size,
                   CrmFileFormat       format,
                   CrmImportFlags      flags,
                   CrmTransferCounts  *counts,
                   CrmProgressFunc     progress,
                   gpointer            progress_data,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autoptr(GInputStream) buffered = NULL;
  g_autoptr(GHashTable) customer_ids = NULL;
  CrmImport import = { 0 };
  gboolean ok;

  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  customer_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  import.repository = repository;
  import.name = name;
  import.flags = flags;
  import.customer_ids = customer_ids;
  import.progress = progress;
  import.progress_data = progress_data;
  import.cancellable = cancellable;

  if (format == CRM_FILE_FORMAT_AUTO)
    format = crm_file_format_from_name (name);
  if (format == CRM_FILE_FORMAT_AUTO)
    {
      buffered = g_buffered_input_stream_new (stream);
      stream = buffered;
      format = sniff_format (stream);
    }

  if (!crm_repository_begin (repository, error))
    {
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  /* A big file into a smaller table: rebuild the indexes once at the end;
   * otherwise: keep them, and index the search text in one go. */
  {
    gint64 stored = size >= BULK_MIN_SIZE ? crm_repository_count (repository, CRM_TYPE_CUSTOMER, error) : 0;

    if (stored < 0
        || !(size >= BULK_MIN_SIZE && size / MIN_RECORD_SIZE >= stored
               ? crm_repository_begin_bulk_insert (repository, error)
               : crm_repository_begin_bulk_append (repository, error)))
      {
        crm_repository_rollback (repository);
        g_prefix_error (error, "%s: ", name);
        return FALSE;
      }
  }
  crm_import_report (&import, 0.0);
  switch (format)
    {
    case CRM_FILE_FORMAT_NDJSON:
      ok = crm_import_ndjson (&import, stream, size, error);
      break;
    case CRM_FILE_FORMAT_CSV:
      ok = crm_import_csv (&import, stream, size, error);
      break;
    case CRM_FILE_FORMAT_JSON:
    case CRM_FILE_FORMAT_AUTO:
    default:
      ok = crm_import_json (&import, stream, size, error);
      break;
    }
  if (ok)
    ok = !g_cancellable_set_error_if_cancelled (cancellable, error)
         && crm_repository_end_bulk_insert (repository, error);
  if (!ok)
    crm_repository_rollback (repository);
  else
    ok = crm_repository_commit (repository, error);   /* rolls back itself when it fails */
  if (!ok)
    {
      crm_repository_abort_bulk_insert (repository);
      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  crm_import_report (&import, 1.0);
  if (counts != NULL)
    *counts = import.counts;
  return TRUE;
}

gboolean
crm_import_file (CrmRepository      *repository,
                 GFile              *file,
                 CrmFileFormat       format,
                 CrmImportFlags      flags,
                 CrmTransferCounts  *counts,
                 CrmProgressFunc     progress,
                 gpointer            progress_data,
                 GCancellable       *cancellable,
                 GError            **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  return crm_import_stream (repository, G_INPUT_STREAM (stream), name,
                            info != NULL ? g_file_info_get_size (info) : -1,
                            format, flags, counts, progress, progress_data, cancellable, error);
}

/* Async: crm_transfer_run_async() with the import's options. */

typedef struct
{
  CrmFileFormat format;
  CrmImportFlags flags;
} ImportOptions;

static gboolean
import_file_func (CrmRepository      *repository,
                  GFile              *file,
                  gpointer            options,
                  CrmTransferCounts  *counts,
                  CrmProgressFunc     progress,
                  gpointer            progress_data,
                  GCancellable       *cancellable,
                  GError            **error)
{
  ImportOptions *import = options;

  return crm_import_file (repository, file, import->format, import->flags, counts,
                          progress, progress_data, cancellable, error);
}

/**
 * crm_import_file_async:
 * @database_path: the database to import into; the import opens a
 *   connection of its own, so the caller's repository must be told of
 *   the change afterwards (crm_repository_announce_bulk_change())
 * @progress: (nullable): called in the thread-default main context of the
 *   caller, at most once per percent
 *
 * Cancelling @cancellable rolls the import back.
 */
void
crm_import_file_async (const char          *database_path,
                       GFile               *file,
                       CrmFileFormat        format,
                       CrmImportFlags       flags,
                       CrmProgressFunc      progress,
                       gpointer             progress_data,
                       GDestroyNotify       progress_data_destroy,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  ImportOptions *options;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (G_IS_FILE (file));

  options = g_new0 (ImportOptions, 1);
  options->format = format;
  options->flags = flags;
  crm_transfer_run_async (database_path, file, import_file_func, options, g_free,
                          progress, progress_data, progress_data_destroy, cancellable,
                          crm_import_file_async, callback, user_data);
}

gboolean
crm_import_file_finish (GAsyncResult       *result,
                        CrmTransferCounts  *counts,
                        GError            **error)
{
  return crm_transfer_finish (result, crm_import_file_async, counts, error);
}
