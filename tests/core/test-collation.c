/* test-collation.c: customers sort as the reader's language sorts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-repository.h"
#include "crm-repository-private.h"
#include "crm-test-db.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("rapport-collation-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  g_assert_nonnull (setlocale (LC_COLLATE, "zh_CN.UTF-8"));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  setlocale (LC_COLLATE, "C");
  crm_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static CrmRepository *
open_repository (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CrmRepository *repository = crm_repository_open (f->path, &error);

  g_assert_no_error (error);
  return repository;
}

static void
add (CrmRepository *repository,
     const char    *name,
     const char    *company)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) customer = crm_customer_new ();

  crm_customer_set_name (customer, name);

  crm_customer_set_company (customer, company);
  g_assert_true (crm_repository_add_customer (repository, customer, &error));
  g_assert_no_error (error);
}

/* The names (or companies) of every customer in @sort order, joined by
 * spaces. */
static char *
list_order (CrmRepository   *repository,
            CrmCustomerSort  sort,
            gboolean         descending)
{
  g_autoptr(GError) error = NULL;
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  query.sort = sort;
  query.descending = descending;
  rows = crm_repository_list_customers (repository, &query, 0, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      CrmCustomer *customer = rows->pdata[i];

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, sort == CRM_CUSTOMER_SORT_COMPANY
                            ? crm_customer_get_company (customer)
                            : crm_customer_get_name (customer));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* 龚 gōng, 黎 lí, 龙 lóng, 齐 qí: in code point order 黎 齐 龙 龚. */
static void
test_pinyin (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CrmRepository) repository = open_repository (f);
  g_autofree char *names = NULL;
  g_autofree char *reversed = NULL;
  g_autofree char *companies = NULL;

  g_assert_true (g_str_has_prefix (crm_repository_get_collation (repository), "zh_CN "));
  add (repository, "黎明", "齐鲁石化");
  add (repository, "龙华", "黎明公司");
  add (repository, "齐白石", "龚氏集团");
  add (repository, "龚丽", "龙湖地产");
  names = list_order (repository, CRM_CUSTOMER_SORT_NAME, FALSE);
  g_assert_cmpstr (names, ==, "龚丽 黎明 龙华 齐白石");
  reversed = list_order (repository, CRM_CUSTOMER_SORT_NAME, TRUE);
  g_assert_cmpstr (reversed, ==, "齐白石 龙华 黎明 龚丽");
  companies = list_order (repository, CRM_CUSTOMER_SORT_COMPANY, FALSE);
  g_assert_cmpstr (companies, ==, "龚氏集团 黎明公司 龙湖地产 齐鲁石化");

  /* An edit makes the key again. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CrmCustomer) customer = crm_repository_get_customer (repository, 4, &error);
    g_autofree char *after = NULL;

    g_assert_no_error (error);
    crm_customer_set_name (customer, "马丽");
    g_assert_true (crm_repository_update_customer (repository, customer, &error));
    g_assert_no_error (error);
    after = list_order (repository, CRM_CUSTOMER_SORT_NAME, FALSE);
    g_assert_cmpstr (after, ==, "黎明 龙华 马丽 齐白石");
  }
  g_assert_cmpint (crm_repository_get_sort_keys_state (repository), ==, CRM_SORT_KEYS_CURRENT);
}

/* German puts “Ä” with “A”, not after “Z” as code points do. */
static void
test_german (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CrmRepository) repository = NULL;
  g_autofree char *names = NULL;

  g_assert_nonnull (setlocale (LC_COLLATE, "de_DE.UTF-8"));
  repository = open_repository (f);
  add (repository, "Zander", "");
  add (repository, "Ärger", "");
  add (repository, "adler", "");
  add (repository, "Becker", "");
  names = list_order (repository, CRM_CUSTOMER_SORT_NAME, FALSE);
  g_assert_cmpstr (names, ==, "adler Ärger Becker Zander");
}

/* The first page by name or company is read from an index, at any size. */
static void
test_index_walk (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CrmRepository) repository = open_repository (f);
  static const char *columns[] = { "name_key", "company_key" };
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    for (guint desc = 0; desc < 2; desc++)
      {
        g_autofree char *sql =
          g_strdup_printf ("EXPLAIN QUERY PLAN SELECT c.id, c.name, c.notes FROM customers c "
                           "ORDER BY c.%1$s %2$s, c.id %2$s LIMIT 50 OFFSET 0",
                           columns[i], desc ? "DESC" : "ASC");
        g_autoptr(GString) plan = g_string_new (NULL);
        sqlite3_stmt *stmt;

        g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
        sqlite3_finalize (stmt);
        g_test_message ("%s", plan->str);
        g_assert_nonnull (strstr (plan->str, "USING INDEX customers_by_"));
        g_assert_null (strstr (plan->str, "TEMP B-TREE"));
      }
  sqlite3_close (db);
}

typedef struct
{
  guint calls;
  gint64 last_done;
  gint64 total;
} Progress;

static void
progress_cb (gint64   done,
             gint64   total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpint (done, >=, progress->last_done);
  g_assert_cmpint (done, <=, total);
  progress->calls++;
  progress->last_done = done;
  progress->total = total;
}

/* A change of locale makes every key again, once, with progress. */
static void
test_locale_change (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRepository) repository = open_repository (f);
  g_autofree char *pinyin = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Progress progress = { 0 };

  add (repository, "黎明", "");
  add (repository, "龙华", "");
  add (repository, "齐白石", "");
  add (repository, "龚丽", "");
  pinyin = list_order (repository, CRM_CUSTOMER_SORT_NAME, FALSE);
  g_assert_cmpstr (pinyin, ==, "龚丽 黎明 龙华 齐白石");
  g_assert_finalize_object (g_steal_pointer (&repository));

  g_assert_nonnull (setlocale (LC_COLLATE, "C.UTF-8"));
  repository = open_repository (f);
  g_assert_true (g_str_has_prefix (crm_repository_get_collation (repository), "root "));
  g_assert_cmpint (crm_repository_get_sort_keys_state (repository), ==, CRM_SORT_KEYS_STALE);
  /* Until the update, the keys are the old ones. */
  before = list_order (repository, CRM_CUSTOMER_SORT_NAME, FALSE);
  g_assert_cmpstr (before, ==, "龚丽 黎明 龙华 齐白石");
  g_assert_true (crm_repository_update_sort_keys (repository, progress_cb, &progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, >=, 2);
  g_assert_cmpint (progress.total, ==, 4);
  g_assert_cmpint (progress.last_done, ==, 4);
  after = list_order (repository, CRM_CUSTOMER_SORT_NAME, FALSE);
  g_assert_cmpstr (after, ==, "黎明 齐白石 龙华 龚丽");
  g_assert_cmpint (crm_repository_get_sort_keys_state (repository), ==, CRM_SORT_KEYS_CURRENT);
  g_assert_finalize_object (g_steal_pointer (&repository));

  /* Once: the next open finds the keys current. */
  repository = open_repository (f);
  g_assert_cmpint (crm_repository_get_sort_keys_state (repository), ==, CRM_SORT_KEYS_CURRENT);
}

/* A cancelled update leaves the keys (and their indexes) as they were. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRepository) repository = open_repository (f);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *order = NULL;

  g_assert_true (crm_repository_begin (repository, &error));
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%u", i % 2 ? "黎" : "龚", i);

      add (repository, name, "");
    }
  g_assert_true (crm_repository_commit (repository, &error));
  g_assert_finalize_object (g_steal_pointer (&repository));

  g_assert_nonnull (setlocale (LC_COLLATE, "C.UTF-8"));
  repository = open_repository (f);
  g_cancellable_cancel (cancellable);
  g_assert_false (crm_repository_update_sort_keys (repository, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (crm_repository_get_sort_keys_state (repository), ==, CRM_SORT_KEYS_STALE);
  order = list_order (repository, CRM_CUSTOMER_SORT_NAME, FALSE);
  g_assert_true (g_str_has_prefix (order, "龚"));
  g_assert_finalize_object (g_steal_pointer (&repository));
  /* the schema is whole: the file opens */
  repository = open_repository (f);
}

/* Rows another program wrote (the sqlite3 shell with the search
 * tokenizer, which cannot make keys) get theirs at the next update; a
 * rename there makes the row's keys missing, not wrong. */
static void
test_missing_keys (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRepository) repository = open_repository (f);
  g_autofree char *order = NULL;
  g_autofree char *renamed = NULL;

  add (repository, "黎明", "");
  add (repository, "齐白石", "");
  g_assert_finalize_object (g_steal_pointer (&repository));
  crm_test_db_exec (f->path, "INSERT INTO customers (name, created_at, updated_at) "
                     "VALUES ('龚丽', '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z'),"
                     " ('龙华', '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z')");

  repository = open_repository (f);
  g_assert_cmpint (crm_repository_get_sort_keys_state (repository), ==, CRM_SORT_KEYS_MISSING);
  g_assert_true (crm_repository_update_sort_keys (repository, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_repository_get_sort_keys_state (repository), ==, CRM_SORT_KEYS_CURRENT);
  order = list_order (repository, CRM_CUSTOMER_SORT_NAME, FALSE);
  g_assert_cmpstr (order, ==, "龚丽 黎明 龙华 齐白石");
  g_assert_finalize_object (g_steal_pointer (&repository));

  crm_test_db_exec (f->path, "UPDATE customers SET name = '马丽' WHERE name = '龚丽'");
  repository = open_repository (f);
  g_assert_cmpint (crm_repository_get_sort_keys_state (repository), ==, CRM_SORT_KEYS_MISSING);
  g_assert_true (crm_repository_update_sort_keys (repository, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  renamed = list_order (repository, CRM_CUSTOMER_SORT_NAME, FALSE);
  g_assert_cmpstr (renamed, ==, "黎明 龙华 马丽 齐白石");
}

/* A version 2 database (names sorted by code point) is migrated in place:
 * the keys come with the first update, then sort by pinyin. */
static void
test_migrate_from_v2 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRepository) repository = NULL;
  g_autofree char *order = NULL;

  g_assert_finalize_object (crm_repository_open_at_version (f->path, 2, &error));
  g_assert_no_error (error);
  crm_test_db_exec (f->path, "INSERT INTO customers (name, company, created_at, updated_at) VALUES"
                     " ('黎明', 'b', '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z'),"
                     " ('龙华', 'a', '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z'),"
                     " ('齐白石', 'c', '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z'),"
                     " ('龚丽', 'd', '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z')");

  repository = open_repository (f);
  g_assert_cmpint (crm_repository_get_schema_version (repository), ==, CRM_REPOSITORY_SCHEMA_VERSION);
  g_assert_cmpint (crm_repository_get_sort_keys_state (repository), ==, CRM_SORT_KEYS_STALE);
  g_assert_true (crm_repository_update_sort_keys (repository, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  order = list_order (repository, CRM_CUSTOMER_SORT_NAME, FALSE);
  g_assert_cmpstr (order, ==, "龚丽 黎明 龙华 齐白石");
  g_assert_finalize_object (g_steal_pointer (&repository));

  /* what the migration built is what a new database has: it reopens */
  repository = open_repository (f);
  g_assert_cmpint (crm_repository_get_sort_keys_state (repository), ==, CRM_SORT_KEYS_CURRENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/collation/pinyin", test_pinyin);
  ADD ("/collation/german", test_german);
  ADD ("/collation/index-walk", test_index_walk);
  ADD ("/collation/locale-change", test_locale_change);
  ADD ("/collation/cancel", test_cancel);
  ADD ("/collation/missing-keys", test_missing_keys);
  ADD ("/collation/migrate-from-v2", test_migrate_from_v2);
#undef ADD

  return g_test_run ();
}
