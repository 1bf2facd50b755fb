/* bad-files.c: damaged and foreign database files for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "bad-files.h"
#include "crm-repository.h"
#include "crm-search.h"

static const struct
{
  const char *name;
  const char *expected;
  const char *sql;
} bad_files[N_BAD_FILES] = {
  { "corrupt.db", "damaged|problem", NULL },
  { "truncated.db", "damaged|problem", NULL },
  { "newer.db", "newer version of Rapport", "PRAGMA user_version = 99" },
  { "column-renamed.db", "changed outside Rapport: its table “customers” is not the one",
    "ALTER TABLE customers RENAME COLUMN phone TO telephone" },
  { "column-dropped.db", "changed outside Rapport: its table “interactions” is not the one",
    "ALTER TABLE interactions DROP COLUMN notes" },
  { "index-missing.db", "changed outside Rapport: its index “customers_by_company_key” is missing",
    "DROP INDEX customers_by_company_key" },
  { "trigger-missing.db", "changed outside Rapport: its trigger “customers_fts_update” is missing",
    "DROP TRIGGER customers_fts_update" },
  { "not-a-database.db", "not a Rapport database", NULL },
};

const char *
bad_file_name (BadFile kind)
{
  return bad_files[kind].name;
}

const char *
bad_file_expected (BadFile kind)
{
  return bad_files[kind].expected;
}

char *
bad_file_make_healthy (const char *dir)
{
  char *path = g_build_filename (dir, "healthy.db", NULL);
  g_autoptr(CrmRepository) repository = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = g_strnfill (300, 'n');

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  repository = crm_repository_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (crm_repository_begin (repository, &error));
  for (guint i = 0; i < 400; i++)
    {
      g_autoptr(CrmCustomer) customer = crm_customer_new ();
      g_autoptr(CrmInteraction) interaction = crm_interaction_new ();
      g_autofree char *name = g_strdup_printf ("客户 %u", i);

      crm_customer_set_name (customer, name);
      crm_customer_set_notes (customer, notes);
      g_assert_true (crm_repository_add_customer (repository, customer, &error));
      crm_interaction_set_customer_id (interaction, crm_customer_get_id (customer));
      crm_interaction_set_notes (interaction, notes);
      g_assert_true (crm_repository_add_interaction (repository, interaction, &error));
    }
  g_assert_true (crm_repository_commit (repository, &error));
  /* Closing the last connection moves the WAL into the file. */
  return path;
}

char *
bad_file_make (const char *dir,
               BadFile     kind)
{
  g_autofree char *healthy = bad_file_make_healthy (dir);
  char *path = g_build_filename (dir, bad_files[kind].name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (healthy, &contents, &length, &error));
  g_assert_cmpuint (length % 4096, ==, 0);
  g_assert_cmpuint (length / 4096, >, 20);

  switch (kind)
    {
    case BAD_FILE_CORRUPT:
      {
        g_autoptr(GRand) rand = g_rand_new_with_seed (8);
        gsize page = length / 4096 / 2;

        for (gsize i = 0; i < 4096; i++)
          contents[page * 4096 + i] = (char)g_rand_int_range (rand, 0, 256);
      }
      break;
    case BAD_FILE_TRUNCATED:
      length = length / 2 + 1000;
      break;
    case BAD_FILE_NOT_A_DATABASE:
      g_free (contents);
      contents = g_strdup ("name,company\nAlice,ACME\n");
      length = strlen (contents);
      break;
    default:
      break;
    }
  g_assert_true (g_file_set_contents (path, contents, length, &error));

  if (bad_files[kind].sql != NULL)
    {
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      /* Our triggers index customers with our own tokenizer. */
      g_assert_cmpint (crm_search_register (db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, bad_files[kind].sql, NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
    }
  return path;
}

void
bad_file_assert_untouched (const char *path,
                           GBytes     *contents)
{
  g_autoptr(GBytes) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  static const char * const side_files[] = { "-wal", "-shm", "-journal" };

  now = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (now, contents));
  for (guint i = 0; i < G_N_ELEMENTS (side_files); i++)
    {
      g_autofree char *side = g_strconcat (path, side_files[i], NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS))
        g_error ("%s was left behind", side);
    }
}
