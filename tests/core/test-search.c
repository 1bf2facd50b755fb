/* test-search.c: substring search of every length, the v1 -> v2 migration
 * and the benchmark data generator
 *
 * The search cases compare the repository with a plain C substring test
 * over every stored row, on a few hundred generated customers: every
 * match must be found, in list order, whichever index or plan serves it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-bench-data.h"
#include "crm-repository.h"
#include "crm-repository-bulk.h"
#include "crm-repository-private.h"
#include "crm-search.h"
#include "crm-test-db.h"

#define N_CUSTOMERS 600

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
  f->repo = crm_test_db_open ("rapport-search-XXXXXX", &f->dir, &f->path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->repo != NULL)
    g_assert_finalize_object (f->repo);
  crm_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
generate (Fixture *f,
          guint    n,
          guint32  seed)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_bench_data_generate (f->repo, n, seed, &error));
  g_assert_no_error (error);
}

static char *
fold (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    g_string_append_unichar (out, g_unichar_tolower (g_utf8_get_char (p)));
  return g_string_free (out, FALSE);
}

static gboolean
customer_matches (CrmCustomer *c,
                  const char  *folded_query)
{
  const char *fields[] = {
    crm_customer_get_name (c), crm_customer_get_company (c),
    crm_customer_get_email (c), crm_customer_get_phone (c),
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = fold (fields[i]);

      if (strstr (folded, folded_query) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Every customer in name order, read without any search. */
static GPtrArray *
all_by_name (CrmRepository *repo)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *all = crm_repository_list_customers (repo, NULL, 0, G_MAXINT, &error);

  g_assert_no_error (error);
  return all;
}

/* The repository's answer for @search equals the brute-force one: the
 * count, every page of 128 in order, and one read of everything. */
static void
assert_search_right (CrmRepository *repo,
                     GPtrArray     *all,
                     const char    *search)
{
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GPtrArray) whole = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folded = fold (search);
  gint64 count;

  for (guint i = 0; i < all->len; i++)
    if (customer_matches (all->pdata[i], folded))
      g_ptr_array_add (expected, all->pdata[i]);

  query.search = search;
  count = crm_repository_count_customers (repo, &query, &error);
  g_assert_no_error (error);
  if (count != expected->len)
    g_error ("“%s”: %" G_GINT64_FORMAT " found, %u expected", search, count, expected->len);

  for (guint offset = 0; offset < expected->len || offset == 0; offset += 128)
    {
      g_autoptr(GPtrArray) page = crm_repository_list_customers (repo, &query, offset, 128, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, MIN (128, expected->len - offset));
      for (guint i = 0; i < page->len; i++)
        g_assert_cmpint (crm_customer_get_id (page->pdata[i]), ==,
                         crm_customer_get_id (expected->pdata[offset + i]));
    }

  whole = crm_repository_list_customers (repo, &query, 0, G_MAXINT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (whole->len, ==, expected->len);
}

/* Substrings of stored values, of each length, Chinese and Latin. */
static void
test_search_lengths (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint checked_chinese = 0, checked_latin = 0;

  generate (f, N_CUSTOMERS, 3);
  all = all_by_name (f->repo);
  g_assert_cmpuint (all->len, ==, N_CUSTOMERS);

  for (guint i = 0; i < 60; i++)
    {
      CrmCustomer *c = all->pdata[g_rand_int_range (rand, 0, all->len)];
      const char *texts[] = { crm_customer_get_name (c), crm_customer_get_company (c),
                              crm_customer_get_email (c), crm_customer_get_phone (c) };
      const char *text = texts[g_rand_int_range (rand, 0, 4)];
      glong n = g_utf8_strlen (text, -1);
      static const guint lengths[] = { 1, 2, 3, 4, 6 };
      guint length = lengths[i % G_N_ELEMENTS (lengths)];
      const char *start;
      g_autofree char *query = NULL;

      if (n < length)
        continue;
      start = g_utf8_offset_to_pointer (text, g_rand_int_range (rand, 0, n - length + 1));
      query = g_strndup (start, g_utf8_offset_to_pointer (start, length) - start);
      if (g_unichar_get_script (g_utf8_get_char (query)) == G_UNICODE_SCRIPT_HAN)
        checked_chinese++;
      else
        checked_latin++;
      assert_search_right (f->repo, all, query);
    }
  g_assert_cmpuint (checked_chinese, >, 5);
  g_assert_cmpuint (checked_latin, >, 5);

  /* Frequent ones (these take the walk-the-index plan), and misses. */
  {
    const char *queries[] = { "a", "e", "@", ".", "co", "com", "有限", "张", "王", "1",
                              "ß", "qy", "xqz", "龘", "龘靐", "龘靐齉" };

    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      assert_search_right (f->repo, all, queries[i]);
  }
}

/* Queries most rows match: the first pages come from a walk of the sort
 * index testing each row's text, later ones from the index's ids. */
static void
test_search_frequent (Fixture       *f,
                      gconstpointer  data)
{
  const char *queries[] = { "@", ".", "a", "e", "o", "com" };
  g_autoptr(GPtrArray) all = NULL;

  generate (f, 5000, 11);
  all = all_by_name (f->repo);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    assert_search_right (f->repo, all, queries[i]);
}

static gint64
count_search (CrmRepository *repo,
              const char    *search)
{
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
  g_autoptr(GError) error = NULL;
  gint64 n;

  query.search = search;
  n = crm_repository_count_customers (repo, &query, &error);
  g_assert_no_error (error);
  return n;
}

static void
add (CrmRepository *repo,
     const char    *name,
     const char    *company,
     const char    *email)
{
  g_autoptr(CrmCustomer) c = crm_customer_new ();
  g_autoptr(GError) error = NULL;

  crm_customer_set_name (c, name);
  crm_customer_set_company (c, company);
  crm_customer_set_email (c, email);
  g_assert_true (crm_repository_add_customer (repo, c, &error));
  g_assert_no_error (error);
}

static void
test_search_case (Fixture       *f,
                  gconstpointer  data)
{
  add (f->repo, "Jürgen Müller", "ÉCOLE Ölmühle GmbH", "JM@Example.COM");
  add (f->repo, "欧阳娜娜", "北京华信科技有限公司", "oy@163.com");

  /* 1, 2 and 3+ characters, any case, accented capitals too */
  g_assert_cmpint (count_search (f->repo, "j"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "J"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "o"), ==, 2);
  g_assert_cmpint (count_search (f->repo, "ü"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "Ü"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "öL"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "é"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "MÜLLER"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "example.com"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "EX"), ==, 1);
  /* Chinese: a character, a pair, the same pair twice in a row */
  g_assert_cmpint (count_search (f->repo, "娜"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "娜娜"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "阳娜"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "欧娜"), ==, 0);
  g_assert_cmpint (count_search (f->repo, "科技有限"), ==, 1);
  /* FTS syntax is plain text */
  g_assert_cmpint (count_search (f->repo, "\""), ==, 0);
  g_assert_cmpint (count_search (f->repo, "*"), ==, 0);
  g_assert_cmpint (count_search (f->repo, "@"), ==, 2);
}

/* Edits and deletes reach the short-query index through its triggers. */
static void
test_search_follows_edits (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) c = NULL;

  add (f->repo, "张伟", "", "");
  g_assert_cmpint (count_search (f->repo, "张"), ==, 1);
  c = crm_repository_get_customer (f->repo, 1, &error);
  g_assert_no_error (error);
  crm_customer_set_name (c, "李伟");
  g_assert_true (crm_repository_update_customer (f->repo, c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_search (f->repo, "张"), ==, 0);
  g_assert_cmpint (count_search (f->repo, "李"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "李伟"), ==, 1);
  g_assert_true (crm_repository_delete_customer (f->repo, 1, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_search (f->repo, "李"), ==, 0);
  g_assert_cmpint (count_search (f->repo, "伟"), ==, 0);
}

static char *
dump (const char *path)
{
  GString *out = g_string_new (NULL);
  const char *sqls[] = {
    "SELECT * FROM customers ORDER BY id",
    "SELECT * FROM interactions ORDER BY id",
    "SELECT * FROM opportunities ORDER BY id",
  };
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (sqls); i++)
    {
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sqls[i], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", (const char *)sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static void
test_generator (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *same_path = g_build_filename (f->dir, "same.db", NULL);
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  CrmBenchDataCounts counts = { 0 };
  gint64 chinese = 0;

  g_assert_true (crm_bench_data_generate_counts (f->repo, 400, 42, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.customers, ==, 400);
  /* 3 interactions and 0.1 opportunities per customer, on average */
  g_assert_cmpuint (counts.interactions, >=, 1000);
  g_assert_cmpuint (counts.interactions, <=, 1400);
  g_assert_cmpuint (counts.opportunities, >=, 15);
  g_assert_cmpuint (counts.opportunities, <=, 70);
  g_assert_cmpint (crm_repository_count (f->repo, CRM_TYPE_INTERACTION, NULL), ==, counts.interactions);
  g_assert_cmpint (crm_repository_count (f->repo, CRM_TYPE_OPPORTUNITY, NULL), ==, counts.opportunities);

  /* mixed scripts */
  {
    g_autoptr(GPtrArray) all = all_by_name (f->repo);

    for (guint i = 0; i < all->len; i++)
      chinese += g_unichar_get_script (g_utf8_get_char (crm_customer_get_name (all->pdata[i])))
                 == G_UNICODE_SCRIPT_HAN;
    g_assert_cmpint (chinese, >, 120);
    g_assert_cmpint (chinese, <, 280);
  }
  g_assert_finalize_object (g_steal_pointer (&f->repo));

  /* the same seed gives the same rows, another seed others */
  {
    g_autoptr(CrmRepository) same = crm_repository_open (same_path, &error);
    g_autoptr(CrmRepository) other = crm_repository_open (other_path, &error);

    g_assert_no_error (error);
    g_assert_true (crm_bench_data_generate (same, 400, 42, &error));
    g_assert_true (crm_bench_data_generate (other, 400, 43, &error));
    g_assert_no_error (error);
  }
  a = dump (f->path);
  b = dump (same_path);
  c = dump (other_path);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);

  /* the bulk path left the database whole */
  f->repo = crm_repository_open (f->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

    g_assert_true (crm_repository_check_health (f->repo, problems, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A version 1 database (what Rapport 1 wrote: no short-query index, no
 * email, phone or status index) is upgraded in place when opened. */
static void
test_migrate_from_v1 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_finalize_object (g_steal_pointer (&f->repo));
  /* A database as version 1 left it, with rows written then (its
   * triggers keep only the trigram index). */
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  g_assert_finalize_object (crm_repository_open_at_version (f->path, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  exec_sql (db, "INSERT INTO customers (name, company, email, phone, created_at, updated_at) VALUES"
                " ('张伟', '上海贸易', 'zw@qq.com', '+86 139', '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z'),"
                " ('Anna Schmidt', 'ACME', 'anna@example.com', '', '2024-01-02T00:00:00.000000Z', '2024-01-02T00:00:00.000000Z');");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'customers_grams%'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  f->repo = crm_repository_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_repository_get_schema_version (f->repo), ==, CRM_REPOSITORY_SCHEMA_VERSION);
  /* version 3's sort keys are made once, by the application's call */
  g_assert_cmpint (crm_repository_get_sort_keys_state (f->repo), ==, CRM_SORT_KEYS_STALE);
  g_assert_true (crm_repository_update_sort_keys (f->repo, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_repository_get_sort_keys_state (f->repo), ==, CRM_SORT_KEYS_CURRENT);
  /* the rows written by version 1 are found by 1 and 2 characters */
  g_assert_cmpint (count_search (f->repo, "张"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "张伟"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "s"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "AN"), ==, 1);
  g_assert_cmpint (count_search (f->repo, "上海贸"), ==, 1);
  add (f->repo, "张三", "", "");
  g_assert_cmpint (count_search (f->repo, "张"), ==, 2);
  g_assert_finalize_object (g_steal_pointer (&f->repo));

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                           "('customers_by_email', 'customers_by_phone', 'customers_by_status', "
                                           " 'customers_grams', 'customers_grams_insert', 'customers_grams_delete', "
                                           " 'customers_grams_update')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 7);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/search/lengths", test_search_lengths);
  ADD ("/search/frequent", test_search_frequent);
  ADD ("/search/case", test_search_case);
  ADD ("/search/follows-edits", test_search_follows_edits);
  ADD ("/search/migrate-from-v1", test_migrate_from_v1);
  ADD ("/bench-data/generator", test_generator);
  return g_test_run ();
}
