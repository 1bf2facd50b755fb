/* crm-import-csv.c: CSV of customers or opportunities, English or
 * Chinese headers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-csv.h"
#include "crm-error.h"
#include "crm-import-private.h"

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

gboolean
crm_import_csv (CrmImport     *import,
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
  CrmImportRecordFunc func = crm_import_customer_record;
  GPtrArray *fields = NULL;
  guint n_header = 0;
  guint line = 0;
  gboolean have[G_N_ELEMENTS (customer_columns)] = { FALSE };

  import->text_values = TRUE;
  if (!crm_csv_reader_next (reader, &fields, &line, import->cancellable, error))
    return FALSE;
  if (fields == NULL || (fields->len == 1 && *(char *)fields->pdata[0] == '\0'))
    return crm_import_empty_error (error);

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
          func = crm_import_opportunity_record;
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
      gboolean required = g_str_equal (columns[i].field, func == crm_import_customer_record ? "name" : "title")
                          || (func == crm_import_opportunity_record && g_str_equal (columns[i].field, "customer_id"));

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
      if (!crm_import_check_cancelled (import, error))
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
        crm_import_report (import, (double)crm_csv_reader_get_offset (reader) / size);
    }
  return TRUE;
}
