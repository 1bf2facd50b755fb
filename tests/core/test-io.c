/* test-io.c: import and export, each case on a fresh database file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "crm-error.h"
#include "crm-export.h"
#include "crm-import.h"
#include "crm-repository.h"
#include "crm-test-db.h"
#include "crm-repository-bulk.h"
#include "crm-time.h"

typedef struct
{
  char *dir;
  char *path;
  CrmRepository *repo;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->repo = crm_test_db_open ("rapport-io-XXXXXX", &f->dir, &f->path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->repo);
  crm_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Helpers */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *data,
            gssize      length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gboolean
import_text (Fixture            *f,
             const char         *name,
             const char         *data,
             gssize              length,
             CrmImportFlags      flags,
             CrmTransferCounts  *counts,
             GError            **error)
{
  g_autoptr(GFile) file = write_file (f, name, data, length);

  return crm_import_file (f->repo, file, CRM_FILE_FORMAT_AUTO, flags, counts, NULL, NULL, NULL, error);
}

static void
import_fixture (Fixture           *f,
                const char        *name,
                CrmTransferCounts *counts)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  crm_import_file (f->repo, file, CRM_FILE_FORMAT_AUTO, CRM_IMPORT_NONE, counts,
                   NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static GBytes *
export_bytes (CrmRepository *repo,
              CrmFileFormat  format,
              CrmCsvTable    table)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  crm_export_stream (repo, stream, format, table, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  gsize la, lb;
  const char *da = g_bytes_get_data (a, &la);
  const char *db = g_bytes_get_data (b, &lb);

  if (la != lb || memcmp (da, db, la) != 0)
    {
      g_autofree char *ta = g_strndup (da, la);
      g_autofree char *tb = g_strndup (db, lb);

      g_test_message ("first:\n%s\nsecond:\n%s", ta, tb);
      g_assert_not_reached ();
    }
}

static GDateTime *
utc (const char *text)
{
  return crm_time_from_iso8601 (text, "test", NULL);
}

/* Data with every awkward thing the writers must escape. */
static void
seed (CrmRepository *repo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) t1 = utc ("2024-01-02T03:04:05.123456Z");
  g_autoptr(GDateTime) t2 = utc ("2024-02-03T04:05:06Z");
  const char *names[] = { "张伟", "O'Brien, \"Pat\"", "Line\nbreak", " spaced ", "Ünïcødé\ttab" };
  gint64 values[] = { 10000000, 9950, 29, 0, 123456789012 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CrmCustomer) c = crm_customer_new ();
      g_autoptr(CrmInteraction) in = crm_interaction_new ();
      g_autoptr(CrmOpportunity) o = crm_opportunity_new ();

      g_object_set (c, "name", names[i], "company", i % 2 ? "北京, \"公司\"" : "",
                    "email", "a@example.com", "phone", "+49 30 1234",
                    "status", (CrmCustomerStatus)(i % 3), "notes", "备注\r\nzwei Zeilen",
                    "created-at", t1, "updated-at", t2, NULL);
      crm_repository_add_customer (repo, c, &error);
      g_assert_no_error (error);

      g_object_set (in, "customer-id", crm_customer_get_id (c), "notes", "通话 \\ backslash",
                    "interaction-type", (CrmInteractionType)(i % 4),
                    "occurred-at", t2, "created-at", t1, NULL);
      crm_repository_add_interaction (repo, in, &error);
      g_assert_no_error (error);

      g_object_set (o, "customer-id", crm_customer_get_id (c), "title", names[i],
                    "value", values[i], "stage", (CrmStage)(i % CRM_N_STAGES),
                    "probability", 42, "created-at", t1, "updated-at", t2, NULL);
      crm_repository_add_opportunity (repo, o, &error);
      g_assert_no_error (error);
    }
}

static CrmRepository *
open_second (Fixture    *f,
             const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  CrmRepository *repo = crm_repository_open (path, &error);

  g_assert_no_error (error);
  return repo;
}

/* Round trips */

static void
round_trip (Fixture       *f,
            CrmFileFormat  format,
            const char    *file_name)
{
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(CrmRepository) other = NULL;
  g_autoptr(GError) error = NULL;
  CrmTransferCounts counts = { 0 };

  seed (f->repo);
  first = export_bytes (f->repo, format, CRM_CSV_TABLE_CUSTOMERS);
  other = open_second (f, "second.db");
  {
    g_autoptr(GFile) file = write_file (f, file_name, g_bytes_get_data (first, NULL),
                                        g_bytes_get_size (first));
    crm_import_file (other, file, CRM_FILE_FORMAT_AUTO, CRM_IMPORT_NONE, &counts,
                     NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (counts.customers, ==, 5);
  second = export_bytes (other, format, CRM_CSV_TABLE_CUSTOMERS);
  assert_bytes_equal (first, second);
}

static void
test_round_trip_json (Fixture       *f,
                      gconstpointer  data)
{
  round_trip (f, CRM_FILE_FORMAT_JSON, "export.json");
}

static void
test_round_trip_ndjson (Fixture       *f,
                        gconstpointer  data)
{
  round_trip (f, CRM_FILE_FORMAT_NDJSON, "export.ndjson");
}

static void
test_round_trip_csv (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) customers = NULL;
  g_autoptr(GBytes) opportunities = NULL;
  g_autoptr(GBytes) customers2 = NULL;
  g_autoptr(GBytes) opportunities2 = NULL;
  g_autoptr(CrmRepository) other = NULL;
  g_autoptr(GFile) cfile = NULL;
  g_autoptr(GFile) ofile = NULL;
  g_autoptr(GError) error = NULL;
  CrmTransferCounts counts = { 0 };

  seed (f->repo);
  customers = export_bytes (f->repo, CRM_FILE_FORMAT_CSV, CRM_CSV_TABLE_CUSTOMERS);
  opportunities = export_bytes (f->repo, CRM_FILE_FORMAT_CSV, CRM_CSV_TABLE_OPPORTUNITIES);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (customers, NULL),
                                   "\xEF\xBB\xBFid,name,company,email,phone,status"));

  other = open_second (f, "second.db");
  cfile = write_file (f, "customers.csv", g_bytes_get_data (customers, NULL), g_bytes_get_size (customers));
  ofile = write_file (f, "opportunities.csv", g_bytes_get_data (opportunities, NULL),
                      g_bytes_get_size (opportunities));
  crm_import_file (other, cfile, CRM_FILE_FORMAT_AUTO, CRM_IMPORT_NONE, &counts, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.customers, ==, 5);
  crm_import_file (other, ofile, CRM_FILE_FORMAT_AUTO, CRM_IMPORT_NONE, &counts, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.opportunities, ==, 5);

  customers2 = export_bytes (other, CRM_FILE_FORMAT_CSV, CRM_CSV_TABLE_CUSTOMERS);
  opportunities2 = export_bytes (other, CRM_FILE_FORMAT_CSV, CRM_CSV_TABLE_OPPORTUNITIES);
  assert_bytes_equal (customers, customers2);
  assert_bytes_equal (opportunities, opportunities2);
}

static void
test_export_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "out.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  CrmTransferCounts counts = { 0 };

  seed (f->repo);
  crm_export_file (f->repo, file, CRM_FILE_FORMAT_AUTO, CRM_CSV_TABLE_CUSTOMERS, &counts,
                   NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.customers, ==, 5);
  g_assert_cmpuint (counts.interactions, ==, 5);
  g_assert_cmpuint (counts.opportunities, ==, 5);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "{\n  \"format\": \"rapport\",\n  \"version\": 1,\n"));
  /* Money is a JSON number in major units, exactly. */
  g_assert_nonnull (strstr (contents, "\"value\": 100000,"));
  g_assert_nonnull (strstr (contents, "\"value\": 99.5,"));
  g_assert_nonnull (strstr (contents, "\"value\": 0.29,"));
  g_assert_nonnull (strstr (contents, "\"value\": 1234567890.12,"));
}

/* The old REST API's shapes */

static void
test_old_rest_arrays (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CrmCustomer) zhang = NULL;
  g_autoptr(CrmCustomer) li = NULL;
  g_autoptr(CrmInteraction) call = NULL;
  g_autoptr(CrmOpportunity) contract = NULL;
  g_autoptr(CrmOpportunity) pilot = NULL;
  g_autoptr(CrmOpportunity) support = NULL;
  g_autoptr(GDateTime) expected = utc ("2023-05-01T09:30:00Z");
  g_autoptr(GDateTime) zoned = utc ("2023-06-03T04:00:00Z");
  CrmTransferCounts counts = { 0 };

  import_fixture (f, "old-rest-customers.json", &counts);
  g_assert_cmpuint (counts.customers, ==, 3);
  g_assert_cmpuint (counts.interactions, ==, 0);
  import_fixture (f, "old-rest-interactions.json", &counts);
  g_assert_cmpuint (counts.interactions, ==, 2);
  import_fixture (f, "old-rest-opportunities.json", &counts);
  g_assert_cmpuint (counts.opportunities, ==, 3);

  zhang = crm_repository_get_customer (f->repo, 1, NULL);
  g_assert_cmpstr (crm_customer_get_name (zhang), ==, "张伟");
  g_assert_cmpstr (crm_customer_get_company (zhang), ==, "北京科技有限公司");
  g_assert_cmpstr (crm_customer_get_notes (zhang), ==, "老客户，\"重要\"");
  g_assert_true (g_date_time_equal (crm_customer_get_created_at (zhang), expected));
  li = crm_repository_get_customer (f->repo, 7, NULL);
  g_assert_cmpstr (crm_customer_get_name (li), ==, "李娜");
  g_assert_cmpint (crm_customer_get_status (li), ==, CRM_CUSTOMER_STATUS_INACTIVE);

  call = crm_repository_get_interaction (f->repo, 11, NULL);
  g_assert_cmpint (crm_interaction_get_customer_id (call), ==, 7);
  g_assert_cmpint (crm_interaction_get_interaction_type (call), ==, CRM_INTERACTION_TYPE_MEETING);
  g_assert_true (g_date_time_equal (crm_interaction_get_occurred_at (call), zoned));

  contract = crm_repository_get_opportunity (f->repo, 20, NULL);
  g_assert_cmpstr (crm_opportunity_get_title (contract), ==, "年度服务合同");
  g_assert_cmpint (crm_opportunity_get_value (contract), ==, 10000000);
  g_assert_cmpint (crm_opportunity_get_stage (contract), ==, CRM_STAGE_NEGOTIATION);
  g_assert_cmpint (crm_opportunity_get_probability (contract), ==, 60);
  pilot = crm_repository_get_opportunity (f->repo, 21, NULL);
  g_assert_cmpint (crm_opportunity_get_value (pilot), ==, 9950);
  g_assert_cmpint (crm_opportunity_get_probability (pilot), ==,
                   crm_stage_get_default_probability (CRM_STAGE_PROPOSAL));
  support = crm_repository_get_opportunity (f->repo, 22, NULL);
  g_assert_cmpint (crm_opportunity_get_value (support), ==, 29);
  /* No positions in the file: dense per stage. */
  g_assert_cmpint (crm_opportunity_get_position (contract), ==, 0);
  g_assert_cmpint (crm_opportunity_get_position (pilot), ==, 0);
  g_assert_cmpint (crm_opportunity_get_position (support), ==, 1);
}

static void
test_old_rest_three_arrays (Fixture       *f,
                            gconstpointer  data)
{
  CrmTransferCounts counts = { 0 };

  import_fixture (f, "old-rest-all.json", &counts);
  g_assert_cmpuint (counts.customers, ==, 3);
  g_assert_cmpuint (counts.interactions, ==, 2);
  g_assert_cmpuint (counts.opportunities, ==, 3);
  g_assert_cmpint (crm_repository_count (f->repo, CRM_TYPE_OPPORTUNITY, NULL), ==, 3);
}

static void
test_csv_chinese_headers (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) customers = NULL;
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
  CrmTransferCounts counts = { 0 };
  CrmCustomer *wang = NULL;
  g_autoptr(GPtrArray) opportunities = NULL;

  import_fixture (f, "customers-zh.csv", &counts);
  g_assert_cmpuint (counts.customers, ==, 2);
  query.sort = CRM_CUSTOMER_SORT_ID;
  customers = crm_repository_list_customers (f->repo, &query, 0, 10, NULL);
  g_assert_cmpuint (customers->len, ==, 2);
  wang = customers->pdata[0];
  g_assert_cmpstr (crm_customer_get_name (wang), ==, "王芳");
  g_assert_cmpstr (crm_customer_get_company (wang), ==, "上海贸易, 有限公司");
  g_assert_cmpstr (crm_customer_get_notes (wang), ==, "第一行\r\n第二行 \"引号\"");
  g_assert_cmpint (crm_customer_get_status (wang), ==, CRM_CUSTOMER_STATUS_LEAD);
  g_assert_cmpint (crm_customer_get_status (customers->pdata[1]), ==, CRM_CUSTOMER_STATUS_ACTIVE);

  import_fixture (f, "opportunities.csv", &counts);
  g_assert_cmpuint (counts.opportunities, ==, 2);
  opportunities = crm_repository_list_opportunities (f->repo, 1, 0, 10, NULL);
  g_assert_cmpuint (opportunities->len, ==, 2);
}

/* Malformed input: a clear error, the database as it was */

typedef struct
{
  const char *name;
  const char *file_name;
  const char *data;
  const char *message;   /* a substring the error must contain */
} BadInput;

static const BadInput bad_inputs[] = {
  { "truncated", "t.json", "{\"format\": \"rapport\", \"version\": 1, \"customers\": [{\"name\": \"A\"", "t.json: " },
  { "wrong-type", "w.json", "[{\"customer_id\": 1, \"title\": \"T\", \"value\": \"abc\"}]", "records[0]: value" },
  { "missing-name", "m.json", "{\"customers\": [{\"name\": \"ok\"}, {\"email\": \"x@example.com\"}]}", "customers[1]: Name" },
  { "unknown-stage", "s.json", "[{\"customer_id\": 1, \"title\": \"T\", \"stage\": \"won\"}]", "records[0]: " },
  { "dangling-customer", "d.json", "{\"customers\": [{\"id\": 1, \"name\": \"A\"}], \"interactions\": [{\"customer_id\": 999, \"interaction_type\": \"call\"}]}", "interactions[0]" },
  { "invalid-utf8", "u.json", "[{\"name\": \"A\"},\n {\"name\": \"\xff\xfe\"}]", "line 2" },
  { "empty", "e.json", "", "empty" },
  { "empty-ndjson", "e.ndjson", "\n\n", "empty" },
  { "ndjson-no-type", "n.ndjson", "{\"type\": \"customer\", \"name\": \"A\"}\n{\"name\": \"B\"}\n", "line 2: type" },
  { "ndjson-bad-line", "b.ndjson", "{\"type\": \"customer\", \"name\": \"A\"}\n{\"type\": \"customer\", \"name\": \n", "line 2" },
  { "csv-unbalanced", "q.csv", "name,company\nA,\"open\nB,C\n", "line 2" },
  { "csv-missing-column", "c.csv", "company,email\nACME,a@example.com\n", "“name”" },
  { "csv-bad-email", "x.csv", "name,email\nA,a@example.com\nB,not-an-email\n", "line 3: Email" },
  { "csv-too-many-fields", "f.csv", "name,email\nA,a@example.com,extra\n", "line 2" },
  { "newer-version", "v.json", "{\"format\": \"rapport\", \"version\": 2, \"customers\": []}", "newer" },
  { "not-rapport", "r.json", "{\"format\": \"other\", \"customers\": []}", "format" },
  { "negative-value", "n.json", "[{\"customer_id\": 1, \"title\": \"T\", \"value\": -5}]", "records[0]: " },
  { "three-decimals", "p.json", "[{\"customer_id\": 1, \"title\": \"T\", \"value\": 1.005}]", "records[0]: value" },
};

static void
assert_import_fails (Fixture    *f,
                     const char *file_name,
                     const char *data,
                     gssize      length,
                     const char *message)
{
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  before = export_bytes (f->repo, CRM_FILE_FORMAT_JSON, CRM_CSV_TABLE_CUSTOMERS);
  g_assert_false (import_text (f, file_name, data, length, CRM_IMPORT_NONE, NULL, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, file_name));
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, message);
  after = export_bytes (f->repo, CRM_FILE_FORMAT_JSON, CRM_CSV_TABLE_CUSTOMERS);
  assert_bytes_equal (before, after);
}

static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  const BadInput *bad = data;

  seed (f->repo);
  assert_import_fails (f, bad->file_name, bad->data, -1, bad->message);
}

static void
test_deep_nesting (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) deep = g_string_new (NULL);

  seed (f->repo);
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (deep, ']');
  assert_import_fails (f, "deep.json", deep->str, deep->len, "nested deeper than 64");
  g_string_prepend (deep, "{\"type\": \"customer\", \"name\": \"A\", \"x\": ");
  g_string_append (deep, "}\n");
  assert_import_fails (f, "deep.ndjson", deep->str, deep->len, "line 1: nested");
}

static void
test_gbk_csv (Fixture       *f,
              gconstpointer  data)
{
  const char *utf8 = "姓名,公司\r\nAlice,ACME\r\n王芳,上海贸易\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *gbk = NULL;
  gsize length = 0;

  gbk = g_convert (utf8, -1, "GBK", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  seed (f->repo);
  /* The header is GBK too: the first line is already not UTF-8. */
  assert_import_fails (f, "gbk.csv", gbk, length, "line 1: the text is not UTF-8");
}

/* Ids and merge */

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  const char *v1 = "[{\"id\": 5, \"name\": \"Old\"}]";
  const char *v2 = "{\"customers\": [{\"id\": 5, \"name\": \"New\", \"company\": \"Co\"}],"
                   " \"interactions\": [{\"customer_id\": 5, \"interaction_type\": \"email\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) merged = NULL;
  g_autoptr(GPtrArray) interactions = NULL;
  CrmTransferCounts counts = { 0 };

  import_text (f, "v1.json", v1, -1, CRM_IMPORT_NONE, &counts, &error);
  g_assert_no_error (error);

  /* Merge: id 5 is updated, not added. */
  import_text (f, "v2.json", v2, -1, CRM_IMPORT_MERGE, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.customers, ==, 1);
  g_assert_cmpint (crm_repository_count (f->repo, CRM_TYPE_CUSTOMER, NULL), ==, 1);
  merged = crm_repository_get_customer (f->repo, 5, NULL);
  g_assert_cmpstr (crm_customer_get_name (merged), ==, "New");
  g_assert_cmpstr (crm_customer_get_company (merged), ==, "Co");

  /* No merge: a taken id gets a new one, and the file's references follow. */
  import_text (f, "v2.json", v2, -1, CRM_IMPORT_NONE, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_repository_count (f->repo, CRM_TYPE_CUSTOMER, NULL), ==, 2);
  interactions = crm_repository_list_interactions (f->repo, 0, 0, 10, NULL);
  g_assert_cmpuint (interactions->len, ==, 2);
  g_assert_cmpint (crm_interaction_get_customer_id (interactions->pdata[0]), !=,
                   crm_interaction_get_customer_id (interactions->pdata[1]));
}

/* Cancellation and the async API */

static char *
many_customers_ndjson (guint n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "{\"type\": \"customer\", \"id\": %u, \"name\": \"客户 %u\"}\n", i, i);
  return g_string_free (text, FALSE);
}

static void
cancel_on_progress (double   fraction,
                    gpointer user_data)
{
  if (fraction > 0.0 && fraction < 1.0)
    g_cancellable_cancel (user_data);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *text = many_customers_ndjson (5000);
  g_autoptr(GFile) file = write_file (f, "many.ndjson", text, -1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  seed (f->repo);
  before = export_bytes (f->repo, CRM_FILE_FORMAT_JSON, CRM_CSV_TABLE_CUSTOMERS);
  g_assert_false (crm_import_file (f->repo, file, CRM_FILE_FORMAT_AUTO, CRM_IMPORT_NONE, NULL,
                                   cancel_on_progress, cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = export_bytes (f->repo, CRM_FILE_FORMAT_JSON, CRM_CSV_TABLE_CUSTOMERS);
  assert_bytes_equal (before, after);
}

typedef struct
{
  GMainLoop *loop;
  GThread *main_thread;
  guint n_progress;
  double last;
  gboolean ok;
  GError *error;
  CrmTransferCounts counts;
} AsyncState;

static void
async_progress (double   fraction,
                gpointer user_data)
{
  AsyncState *state = user_data;

  g_assert_true (g_thread_self () == state->main_thread);
  g_assert_cmpfloat (fraction, >=, state->last);
  state->last = fraction;
  state->n_progress++;
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncState *state = user_data;

  state->ok = crm_import_file_finish (result, &state->counts, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *text = many_customers_ndjson (3000);
  g_autoptr(GFile) file = write_file (f, "many.ndjson", text, -1);
  AsyncState state = { 0 };

  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  crm_import_file_async (f->path, file, CRM_FILE_FORMAT_AUTO, CRM_IMPORT_NONE,
                         async_progress, &state, NULL, NULL, import_done, &state);
  g_main_loop_run (state.loop);
  /* Progress messages queued before the result still arrive. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.counts.customers, ==, 3000);
  g_assert_cmpuint (state.n_progress, >=, 2);
  g_assert_cmpfloat (state.last, ==, 1.0);
  /* The import ran on its own connection; this one sees the rows. */
  g_assert_cmpint (crm_repository_count (f->repo, CRM_TYPE_CUSTOMER, NULL), ==, 3000);
  g_main_loop_unref (state.loop);
}

/* Cancelling mid-way is test_cancel (deterministic: the progress callback
 * runs in the importing thread there). Here: the async path turns a
 * cancelled cancellable into G_IO_ERROR_CANCELLED and a rollback, without
 * depending on how fast the thread runs. */
static void
test_async_cancel (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *text = many_customers_ndjson (20000);
  g_autoptr(GFile) file = write_file (f, "many.ndjson", text, -1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { 0 };

  seed (f->repo);
  state.loop = g_main_loop_new (NULL, FALSE);
  state.main_thread = g_thread_self ();
  g_cancellable_cancel (cancellable);
  crm_import_file_async (f->path, file, CRM_FILE_FORMAT_AUTO, CRM_IMPORT_NONE,
                         async_progress, &state, NULL, cancellable, import_done, &state);
  g_main_loop_run (state.loop);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (state.ok);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
  g_assert_cmpint (crm_repository_count (f->repo, CRM_TYPE_CUSTOMER, NULL), ==, 5);
  g_main_loop_unref (state.loop);
}

/* Found by the fuzzer: a year before 1000 must be written with four
 * digits, or it cannot be read back. */
static void
test_early_year (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(GBytes) exported = NULL;

  import_text (f, "y.json", "[{\"id\": 3, \"name\": \"A\", \"created_at\": \"0302-05-03T12:00:00Z\"}]",
               -1, CRM_IMPORT_NONE, NULL, &error);
  g_assert_no_error (error);
  customer = crm_repository_get_customer (f->repo, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_get_year (crm_customer_get_created_at (customer)), ==, 302);
  exported = export_bytes (f->repo, CRM_FILE_FORMAT_NDJSON, CRM_CSV_TABLE_CUSTOMERS);
  g_assert_nonnull (strstr (g_bytes_get_data (exported, NULL), "\"created_at\": \"0302-05-03T12:00:00.000000Z\""));
}

/* A file over the bulk threshold: the search index is rebuilt at the end,
 * and a failure restores the per-row trigger and the indexes. */
static char *
bulk_ndjson (guint        n,
             const char  *last_line)
{
  GString *text = g_string_new (NULL);

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "{\"type\": \"customer\", \"name\": \"批量客户 %06u\", "
                            "\"email\": \"bulk%u@example.com\", \"notes\": \"%s\"}\n",
                            i, i, "padding padding padding padding padding padding");
  g_string_append (text, last_line);
  return g_string_free (text, FALSE);
}

static gint64
search_count (CrmRepository *repo,
              const char    *text)
{
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;

  query.search = text;
  return crm_repository_count_customers (repo, &query, NULL);
}

static void
test_bulk (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *bad = bulk_ndjson (40000, "{\"type\": \"customer\", \"name\": \"\"}\n");
  g_autofree char *good = bulk_ndjson (40000, "");
  g_autoptr(GError) error = NULL;
  CrmTransferCounts counts = { 0 };

  /* 80,000 rows take four minutes under memcheck (meson test --setup
   * valgrind sets this); the sanitizer build runs this case with
   * AddressSanitizer and LeakSanitizer instead. */
  if (g_getenv ("RAPPORT_TEST_UNDER_VALGRIND") != NULL)
    {
      g_test_skip ("too slow under valgrind; checked under ASan and LSan");
      return;
    }
  g_assert_cmpuint (strlen (good), >=, 4 * 1024 * 1024);
  seed (f->repo);

  g_assert_false (import_text (f, "bad.ndjson", bad, -1, CRM_IMPORT_NONE, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_repository_count (f->repo, CRM_TYPE_CUSTOMER, NULL), ==, 5);

  /* The rollback brought the trigger back: a single add is searchable. */
  import_text (f, "one.json", "[{\"name\": \"Searchable Person\"}]", -1, CRM_IMPORT_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (search_count (f->repo, "chable Per"), ==, 1);

  import_text (f, "good.ndjson", good, -1, CRM_IMPORT_NONE, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.customers, ==, 40000);
  /* Rebuilt index: old, new and bulk rows are all found. */
  g_assert_cmpint (search_count (f->repo, "批量客户 03999"), ==, 10);
  g_assert_cmpint (search_count (f->repo, "bulk39999@"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "chable Per"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "张伟"), ==, 1);

  /* And the trigger is back for later single adds. */
  import_text (f, "two.json", "[{\"name\": \"Another Findable\"}]", -1, CRM_IMPORT_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (search_count (f->repo, "Findable"), ==, 1);
}

/* Imports that are not rebuilds index their search text at the end, in
 * one statement: what they add or change is found, what they replaced is
 * not, and the index matches the table. */
static void
assert_healthy (CrmRepository *repo)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  crm_repository_check_health (repo, problems, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *)problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_bulk_append (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *many = many_customers_ndjson (300);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) renamed = NULL;
  g_autoptr(GPtrArray) seeded = NULL;
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
  gint64 first_id;

  seed (f->repo);
  seeded = crm_repository_list_customers (f->repo, &query, 0, 1, &error);
  g_assert_no_error (error);
  first_id = crm_customer_get_id (g_ptr_array_index (seeded, 0));

  import_text (f, "many.ndjson", many, -1, CRM_IMPORT_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (search_count (f->repo, "客户 29"), ==, 11);
  g_assert_cmpint (search_count (f->repo, "张伟"), ==, 1);
  assert_healthy (f->repo);

  /* A merge replaces a seeded customer's text; the same id twice in one
   * file leaves only the last text findable. */
  {
    g_autofree char *merge = g_strdup_printf ("[{\"id\": %lld, \"name\": \"Renamed Person\"},"
                                              " {\"id\": 9000, \"name\": \"First Draft\"},"
                                              " {\"id\": 9000, \"name\": \"Final Text\"}]",
                                              (long long)first_id);

    import_text (f, "merge.json", merge, -1, CRM_IMPORT_MERGE, NULL, &error);
    g_assert_no_error (error);
  }
  renamed = crm_repository_get_customer (f->repo, first_id, NULL);
  g_assert_cmpstr (crm_customer_get_name (renamed), ==, "Renamed Person");
  g_assert_cmpint (search_count (f->repo, "Renamed Per"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "First Draft"), ==, 0);
  g_assert_cmpint (search_count (f->repo, "Final Text"), ==, 1);
  assert_healthy (f->repo);

  /* A failed import leaves the triggers as they were: a later single add
   * and a later edit are indexed row by row again. */
  g_assert_false (import_text (f, "bad.json", "[{\"name\": \"Never Seen\"}, {\"name\": \"\"}]", -1,
                               CRM_IMPORT_NONE, NULL, &error));
  g_clear_error (&error);
  g_assert_cmpint (search_count (f->repo, "Never Seen"), ==, 0);
  crm_customer_set_name (renamed, "Edited Later");
  crm_repository_update_customer (f->repo, renamed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (search_count (f->repo, "Edited Lat"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "Renamed Per"), ==, 0);
  assert_healthy (f->repo);
}

/* Small pieces */

static void
test_money (void)
{
  struct { const char *text; gint64 minor; } good[] = {
    { "100000", 10000000 }, { "99.5", 9950 }, { "0.29", 29 }, { "1.50", 150 },
    { "-3", -300 }, { "1.5e3", 150000 }, { "0.000", 0 }, { "007.10", 710 }, { "1.2300", 123 },
    { "12e-1", 120 },
  };
  const char *bad[] = { "", "abc", "1.005", "1e30", "1.2.3", "--1", "1e", "12 34", "." };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = -1;

      crm_io_parse_money (good[i].text, &minor, &error);
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, good[i].minor);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor;

      g_assert_false (crm_io_parse_money (bad[i], &minor, &error));
      g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    }
  for (gint64 minor = 0; minor < 100000; minor += 7)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      gint64 back = -1;

      crm_io_append_money (text, minor);
      g_assert_true (crm_io_parse_money (text->str, &back, NULL));
      g_assert_cmpint (back, ==, minor);
      /* And through the double json-glib makes of it. */
      g_assert_true (crm_io_money_from_double (g_ascii_strtod (text->str, NULL), &back, NULL));
      g_assert_cmpint (back, ==, minor);
    }
}

static void
test_counts_format (void)
{
  CrmTransferCounts all = { 1204, 3310, 88 };
  CrmTransferCounts one = { 1, 0, 0 };
  CrmTransferCounts csv = { 0, 0, 2 };
  CrmTransferCounts none = { 0, 0, 0 };
  g_autofree char *a = crm_transfer_counts_format (&all, TRUE);
  g_autofree char *b = crm_transfer_counts_format (&one, TRUE);
  g_autofree char *c = crm_transfer_counts_format (&csv, FALSE);
  g_autofree char *d = crm_transfer_counts_format (&none, TRUE);
  g_autofree char *grouped = NULL;

  g_assert_cmpstr (a, ==, "Imported 1204 customers, 3310 interactions, 88 opportunities");
  g_assert_cmpstr (b, ==, "Imported 1 customer");
  g_assert_cmpstr (c, ==, "Exported 2 opportunities");
  g_assert_cmpstr (d, ==, "Imported 0 customers, 0 interactions, 0 opportunities");

  /* Numbers are grouped the locale's way. */
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is missing");
      return;
    }
  grouped = crm_transfer_counts_format (&all, TRUE);
  setlocale (LC_NUMERIC, "C");
  g_assert_cmpstr (grouped, ==, "Imported 1.204 customers, 3.310 interactions, 88 opportunities");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/io/money", test_money);
  g_test_add_func ("/io/counts-format", test_counts_format);
  ADD ("/io/round-trip/json", test_round_trip_json);
  ADD ("/io/round-trip/ndjson", test_round_trip_ndjson);
  ADD ("/io/round-trip/csv", test_round_trip_csv);
  ADD ("/io/export/file", test_export_file);
  ADD ("/io/old-rest/arrays", test_old_rest_arrays);
  ADD ("/io/old-rest/three-arrays", test_old_rest_three_arrays);
  ADD ("/io/csv/chinese-headers", test_csv_chinese_headers);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *name = g_strdup_printf ("/io/bad/%s", bad_inputs[i].name);

      g_test_add (name, Fixture, &bad_inputs[i], fixture_setup, test_bad_input, fixture_teardown);
    }
  ADD ("/io/bad/deep-nesting", test_deep_nesting);
  ADD ("/io/bad/gbk-csv", test_gbk_csv);
  ADD ("/io/merge", test_merge);
  ADD ("/io/early-year", test_early_year);
  ADD ("/io/bulk", test_bulk);
  ADD ("/io/bulk-append", test_bulk_append);
  ADD ("/io/cancel", test_cancel);
  ADD ("/io/async", test_async);
  ADD ("/io/async-cancel", test_async_cancel);

  return g_test_run ();
}
