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

typedef struct
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
} Import;

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
get_int (Import      *import,
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
get_money (Import      *import,
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

static gboolean
check_cancelled (Import  *import,
                 GError **error)
{
  if (++import->n_records % CHECK_EVERY != 0)
    return TRUE;
  return !g_cancellable_set_error_if_cancelled (import->cancellable, error);
}

static void
report (Import *import,
        double  fraction)
{
  if (import->progress != NULL)
    import->progress (fraction, import->progress_data);
}

/* json-glib says "<data>:3:14: Parse error: …"; say "line 3, column 14: …". */
static void
set_parse_error (GError     **error,
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

static gboolean
import_customer (Import      *import,
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
resolve_customer_id (Import *import,
                     gint64  id)
{
  gint64 *stored = g_hash_table_lookup (import->customer_ids, &id);

  return stored != NULL ? *stored : id;
}

/* Whether the record's id is taken; updates under MERGE, else clears it so
 * the record is added under a new id. Sets *done when it updated. */
static gboolean
place_id (Import   *import,
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

static gboolean
import_interaction (Import      *import,
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

static gboolean
import_opportunity (Import      *import,
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

typedef gboolean (*ImportRecordFunc) (Import      *import,
                                      JsonObject  *object,
                                      GError     **error);

static ImportRecordFunc
record_func_for_type (const char *type)
{
  if (g_strcmp0 (type, "customer") == 0)
    return import_customer;
  if (g_strcmp0 (type, "interaction") == 0)
    return import_interaction;
  if (g_strcmp0 (type, "opportunity") == 0)
    return import_opportunity;
  return NULL;
}

/* JSON */

static ImportRecordFunc
guess_record_func (JsonObject *object)
{
  if (json_object_has_member (object, "title") || json_object_has_member (object, "stage")
      || json_object_has_member (object, "value"))
    return import_opportunity;
  if (json_object_has_member (object, "interaction_type")
      || json_object_has_member (object, "occurred_at"))
    return import_interaction;
  return import_customer;
}

static gboolean
import_array (Import      *import,
              JsonArray   *array,
              const char  *label,
              ImportRecordFunc func,
              guint64     *done,
              guint64      total,
              GError     **error)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      ImportRecordFunc record_func = func;

      if (!check_cancelled (import, error))
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT, _("%s[%u]: not an object"), label, i);
          return FALSE;
        }
      if (record_func == NULL)
        record_func = guess_record_func (json_node_get_object (node));
      if (!record_func (import, json_node_get_object (node), error))
        {
          g_prefix_error (error, "%s[%u]: ", label, i);
          return FALSE;
        }
      if (++*done % 1024 == 0)
        report (import, (double)*done / total);
    }
  return TRUE;
}

static gboolean
read_all (GInputStream  *stream,
          GByteArray   **out,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[64 * 1024];
  gssize n;

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error)) > 0)
    {
      if (bytes->len + (gsize)n > CRM_IO_MAX_JSON_SIZE)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                       _("the file is larger than %u MB; use NDJSON for big data"),
                       CRM_IO_MAX_JSON_SIZE / (1024 * 1024));
          return FALSE;
        }
      g_byte_array_append (bytes, buffer, n);
    }
  if (n < 0)
    return FALSE;
  *out = g_steal_pointer (&bytes);
  return TRUE;
}

static gboolean
is_blank (const char *data,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

static gboolean
empty_error (GError **error)
{
  g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT, _("the file is empty"));
  return FALSE;
}

static gboolean
import_json (Import        *import,
             GInputStream  *stream,
             goffset        size,
             GError       **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  const char *data;
  gsize length;
  guint64 done = 0, total = 0;

  if (size > CRM_IO_MAX_JSON_SIZE)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                   _("the file is larger than %u MB; use NDJSON for big data"),
                   CRM_IO_MAX_JSON_SIZE / (1024 * 1024));
      return FALSE;
    }
  if (!read_all (stream, &bytes, import->cancellable, error))
    return FALSE;
  data = (const char *)bytes->data;
  length = bytes->len;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (is_blank (data, length))
    return empty_error (error);
  if (!crm_io_check_utf8 (data, length, 1, error)
      || !crm_io_check_json_depth (data, length, 1, CRM_IO_MAX_JSON_DEPTH, error))
    return FALSE;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      set_parse_error (error, local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      /* The old REST API: a bare array of one kind, told by its fields. */
      total = MAX (json_array_get_length (array), 1);
      if (!import_array (import, array, "records", NULL, &done, total, error))
        return FALSE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      static const struct { const char *member; ImportRecordFunc func; } parts[] = {
        { "customers", import_customer },
        { "interactions", import_interaction },
        { "opportunities", import_opportunity },
      };
      gboolean any = FALSE;

      if (json_object_has_member (object, "format"))
        {
          JsonNode *format = json_object_get_member (object, "format");
          JsonNode *version = json_object_get_member (object, "version");

          if (json_node_get_value_type (format) != G_TYPE_STRING
              || g_strcmp0 (json_node_get_string (format), "rapport") != 0)
            {
              g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                           _("format: expected “rapport”"));
              return FALSE;
            }
          if (version == NULL || json_node_get_value_type (version) != G_TYPE_INT64
              || json_node_get_int (version) < 1)
            {
              g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT, _("version: expected 1"));
              return FALSE;
            }
          if (json_node_get_int (version) > 1)
            {
              g_set_error (error, CRM_ERROR, CRM_ERROR_NEWER_VERSION,
                           _("version: the file was written by a newer Rapport (version %lld)"),
                           (long long) json_node_get_int (version));
              return FALSE;
            }
          any = TRUE;
        }

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        {
          JsonNode *node = json_object_get_member (object, parts[i].member);

          if (node == NULL || JSON_NODE_HOLDS_NULL (node))
            continue;
          if (!JSON_NODE_HOLDS_ARRAY (node))
            {
              g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT, _("%s: expected an array"),
                           parts[i].member);
              return FALSE;
            }
          total += json_array_get_length (json_node_get_array (node));
          any = TRUE;
        }
      if (!any)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                       _("not a Rapport file: expected “customers”, “interactions” or “opportunities”"));
          return FALSE;
        }
      total = MAX (total, 1);
      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        {
          JsonNode *node = json_object_get_member (object, parts[i].member);

          if (node == NULL || JSON_NODE_HOLDS_NULL (node))
            continue;
          if (!import_array (import, json_node_get_array (node), parts[i].member,
                             parts[i].func, &done, total, error))
            return FALSE;
        }
    }
  else
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT, _("expected an object or an array"));
      return FALSE;
    }
  return TRUE;
}

/* NDJSON */

static double
stream_fraction (GInputStream *stream,
                 goffset       size)
{
  if (size <= 0 || !G_IS_SEEKABLE (stream))
    return 0.0;
  return (double)g_seekable_tell (G_SEEKABLE (stream)) / size;
}

static gboolean
import_ndjson (Import        *import,
               GInputStream  *stream,
               goffset        size,
               GError       **error)
{
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (stream);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  guint line = 0;
  gboolean any = FALSE;

  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (data), 256 * 1024);
  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_ANY);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *text = NULL;
      const char *start;
      gsize length = 0;
      JsonNode *root;
      JsonObject *object;
      const char *type;
      ImportRecordFunc func;

      text = g_data_input_stream_read_line (data, &length, import->cancellable, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (text == NULL)
        break;
      line++;
      start = text;
      if (line == 1 && length >= 3 && memcmp (start, "\xEF\xBB\xBF", 3) == 0)
        {
          start += 3;
          length -= 3;
        }
      if (is_blank (start, length))
        continue;
      if (length > CRM_IO_MAX_RECORD_SIZE)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                       _("line %u: a record longer than %u bytes"), line,
                       (guint)CRM_IO_MAX_RECORD_SIZE);
          return FALSE;
        }
      if (!check_cancelled (import, error)
          || !crm_io_check_utf8 (start, length, line, error)
          || !crm_io_check_json_depth (start, length, line, CRM_IO_MAX_JSON_DEPTH, error))
        return FALSE;
      if (!json_parser_load_from_data (parser, start, length, &local_error))
        {
          set_parse_error (error, local_error->message);
          g_prefix_error (error, _("line %u: "), line);
          return FALSE;
        }
      root = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT, _("line %u: not an object"), line);
          return FALSE;
        }
      object = json_node_get_object (root);
      type = json_object_get_string_member_with_default (object, "type", NULL);
      func = record_func_for_type (type);
      if (func == NULL)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                       _("line %u: type: expected “customer”, “interaction” or “opportunity”"),
                       line);
          return FALSE;
        }
      if (!func (import, object, error))
        {
          g_prefix_error (error, _("line %u: "), line);
          return FALSE;
        }
      any = TRUE;
      if (import->n_records % 1024 == 0)
        report (import, stream_fraction (stream, size));
    }
  if (!any)
    return empty_error (error);
  return TRUE;
}

/* CSV */

typedef struct
{
  const char *field;
  const char *aliases[5];
} Column;

static const Column customer_columns[] = {
  { "id", { "编号", NULL } },
  { "name", { "姓名", "名称", "客户", NULL } },
  { "company", { "公司", "单位", NULL } },
  { "email", { "e-mail", "邮箱", "电子邮件", "电子邮箱", NULL } },
  { "phone", { "电话", "手机", "telephone", NULL } },
  { "status", { "状态", NULL } },
  { "notes", { "备注", "note", NULL } },
  { "created_at", { "创建时间", NULL } },
  { "updated_at", { "更新时间", NULL } },
};

static const Column opportunity_columns[] = {
  { "id", { "编号", NULL } },
  { "customer_id", { "客户编号", "客户id", NULL } },
  { "title", { "标题", "商机", NULL } },
  { "value", { "金额", "amount", NULL } },
  { "stage", { "阶段", NULL } },
  { "probability", { "概率", NULL } },
  { "position", { "位置", "顺序", NULL } },
  { "created_at", { "创建时间", NULL } },
  { "updated_at", { "更新时间", NULL } },
};

static int
find_column (const Column *columns,
             guint         n_columns,
             const char   *header)
{
  g_autofree char *folded = NULL;

  folded = g_utf8_strdown (header, -1);
  g_strstrip (folded);
  for (guint i = 0; i < n_columns; i++)
    {
      if (strcmp (folded, columns[i].field) == 0)
        return i;
      for (guint j = 0; columns[i].aliases[j] != NULL; j++)
        if (strcmp (folded, columns[i].aliases[j]) == 0)
          return i;
    }
  return -1;
}

static gboolean
import_csv (Import        *import,
            GInputStream  *stream,
            goffset        size,
            GError       **error)
{
  g_autoptr(CrmCsvReader) reader = crm_csv_reader_new (stream);
  g_autofree int *map = NULL;   /* CSV column → index into columns, or -1 */
  g_autofree JsonNode **nodes = NULL;   /* CSV column → its member of object */
  g_autoptr(JsonObject) object = NULL;
  const Column *columns = customer_columns;
  guint n_columns = G_N_ELEMENTS (customer_columns);
  ImportRecordFunc func = import_customer;
  GPtrArray *fields = NULL;
  guint n_header = 0;
  guint line = 0;
  gboolean have[G_N_ELEMENTS (customer_columns)] = { FALSE };

  import->text_values = TRUE;
  if (!crm_csv_reader_next (reader, &fields, &line, import->cancellable, error))
    return FALSE;
  if (fields == NULL || (fields->len == 1 && *(char *)fields->pdata[0] == '\0'))
    return empty_error (error);

  /* Opportunities when the header has any of their own columns. */
  for (guint i = 0; i < fields->len; i++)
    {
      int column = find_column (opportunity_columns, G_N_ELEMENTS (opportunity_columns),
                                fields->pdata[i]);

      if (column >= 0 && find_column (customer_columns, G_N_ELEMENTS (customer_columns),
                                      fields->pdata[i]) < 0)
        {
          columns = opportunity_columns;
          n_columns = G_N_ELEMENTS (opportunity_columns);
          func = import_opportunity;
          break;
        }
    }
  n_header = fields->len;
  map = g_new (int, n_header);
  for (guint i = 0; i < n_header; i++)
    {
      map[i] = find_column (columns, n_columns, fields->pdata[i]);
      if (map[i] >= 0)
        {
          if (have[map[i]])
            {
              g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                           _("line %u: the column “%s” appears twice"), line,
                           (char *)fields->pdata[i]);
              return FALSE;
            }
          have[map[i]] = TRUE;
        }
    }
  for (guint i = 0; i < n_columns; i++)
    {
      gboolean required = g_str_equal (columns[i].field, func == import_customer ? "name" : "title")
                          || (func == import_opportunity && g_str_equal (columns[i].field, "customer_id"));

      if (required && !have[i])
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                       _("line %u: the required column “%s” (or “%s”) is missing"), line,
                       columns[i].field, columns[i].aliases[0]);
          return FALSE;
        }
    }

  /* One object for every row, its members' nodes rewritten in place:
   * building an object per row was a fifth of a CSV import's time. An
   * empty cell is an absent member. (json-glib 1.6 cannot turn a null
   * node back into a string one: json_node_unset() leaves a freed value
   * behind.) */
  object = json_object_new ();
  nodes = g_new0 (JsonNode *, n_header);

  for (;;)
    {
      if (!crm_csv_reader_next (reader, &fields, &line, import->cancellable, error))
        return FALSE;
      if (fields == NULL)
        break;
      if (fields->len == 1 && *(char *)fields->pdata[0] == '\0')
        continue;
      if (fields->len > n_header)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                       _("line %u: %u fields, but the header has %u"), line,
                       fields->len, n_header);
          return FALSE;
        }
      if (!check_cancelled (import, error))
        return FALSE;

      for (guint i = 0; i < n_header; i++)
        {
          const char *text = i < fields->len ? fields->pdata[i] : "";

          if (map[i] < 0)
            continue;
          if (*text != '\0' && nodes[i] != NULL)
            json_node_set_string (nodes[i], text);
          else if (*text != '\0')
            {
              nodes[i] = json_node_init_string (json_node_alloc (), text);
              json_object_set_member (object, columns[map[i]].field, nodes[i]);
            }
          else if (nodes[i] != NULL)
            {
              json_object_remove_member (object, columns[map[i]].field);
              nodes[i] = NULL;
            }
        }
      if (!func (import, object, error))
        {
          g_prefix_error (error, _("line %u: "), line);
          return FALSE;
        }
      if (import->n_records % 1024 == 0 && size > 0)
        report (import, (double)crm_csv_reader_get_offset (reader) / size);
    }
  return TRUE;
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
  Import import = { 0 };
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
  report (&import, 0.0);
  switch (format)
    {
    case CRM_FILE_FORMAT_NDJSON:
      ok = import_ndjson (&import, stream, size, error);
      break;
    case CRM_FILE_FORMAT_CSV:
      ok = import_csv (&import, stream, size, error);
      break;
    case CRM_FILE_FORMAT_JSON:
    case CRM_FILE_FORMAT_AUTO:
    default:
      ok = import_json (&import, stream, size, error);
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
  report (&import, 1.0);
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

/* Async: a thread with a connection of its own. */

typedef struct
{
  char *database_path;
  GFile *file;
  CrmFileFormat format;
  CrmImportFlags flags;
  CrmProgressSink *sink;
  CrmTransferCounts counts;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_free (job->database_path);
  g_clear_object (&job->file);
  crm_progress_sink_unref (job->sink);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(CrmRepository) repository = NULL;
  GError *error = NULL;

  repository = crm_repository_open (job->database_path, &error);
  if (repository == NULL
      || !crm_import_file (repository, job->file, job->format, job->flags, &job->counts,
                           crm_progress_sink_report, job->sink, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
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
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (ImportJob, 1);
  job->database_path = g_strdup (database_path);
  job->file = g_object_ref (file);
  job->format = format;
  job->flags = flags;
  job->sink = crm_progress_sink_new (progress, progress_data, progress_data_destroy);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_import_file_async);
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
crm_import_file_finish (GAsyncResult       *result,
                        CrmTransferCounts  *counts,
                        GError            **error)
{
  ImportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == crm_import_file_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (counts != NULL)
    *counts = job->counts;
  return TRUE;
}
