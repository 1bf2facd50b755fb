/* crm-import-json.c: Rapport JSON, the old REST JSON and NDJSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-error.h"
#include "crm-import-private.h"

/* JSON */

static CrmImportRecordFunc
guess_record_func (JsonObject *object)
{
  if (json_object_has_member (object, "title") || json_object_has_member (object, "stage")
      || json_object_has_member (object, "value"))
    return crm_import_opportunity_record;
  if (json_object_has_member (object, "interaction_type")
      || json_object_has_member (object, "occurred_at"))
    return crm_import_interaction_record;
  return crm_import_customer_record;
}

static gboolean
import_array (CrmImport   *import,
              JsonArray   *array,
              const char  *label,
              CrmImportRecordFunc func,
              guint64     *done,
              guint64      total,
              GError     **error)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      CrmImportRecordFunc record_func = func;

      if (!crm_import_check_cancelled (import, error))
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
        crm_import_report (import, (double)*done / total);
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

gboolean
crm_import_json (CrmImport     *import,
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
    return crm_import_empty_error (error);
  if (!crm_io_check_utf8 (data, length, 1, error)
      || !crm_io_check_json_depth (data, length, 1, CRM_IO_MAX_JSON_DEPTH, error))
    return FALSE;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      crm_import_set_parse_error (error, local_error->message);
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
      static const struct { const char *member; CrmImportRecordFunc func; } parts[] = {
        { "customers", crm_import_customer_record },
        { "interactions", crm_import_interaction_record },
        { "opportunities", crm_import_opportunity_record },
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

gboolean
crm_import_ndjson (CrmImport     *import,
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
      CrmImportRecordFunc func;

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
      if (!crm_import_check_cancelled (import, error)
          || !crm_io_check_utf8 (start, length, line, error)
          || !crm_io_check_json_depth (start, length, line, CRM_IO_MAX_JSON_DEPTH, error))
        return FALSE;
      if (!json_parser_load_from_data (parser, start, length, &local_error))
        {
          crm_import_set_parse_error (error, local_error->message);
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
      func = crm_import_record_func_for_type (type);
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
        crm_import_report (import, stream_fraction (stream, size));
    }
  if (!any)
    return crm_import_empty_error (error);
  return TRUE;
}
