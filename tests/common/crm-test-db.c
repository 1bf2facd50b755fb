/* crm-test-db.c: a temporary database for one test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "crm-search.h"
#include "crm-test-db.h"

/**
 * crm_test_db_open:
 * @dir_template: for g_dir_make_tmp(), e.g. "rapport-io-XXXXXX"
 * @dir: (out): the new folder; crm_test_remove_dir() it afterwards
 * @path: (out): the database file in it
 *
 * Returns: (transfer full): a new, empty database; the test fails when
 *   it cannot be made
 */
CrmRepository *
crm_test_db_open (const char  *dir_template,
                  char       **dir,
                  char       **path)
{
  g_autoptr(GError) error = NULL;
  CrmRepository *repository;

  *dir = g_dir_make_tmp (dir_template, &error);
  g_assert_no_error (error);
  *path = g_build_filename (*dir, "test.db", NULL);
  repository = crm_repository_open (*path, &error);
  g_assert_no_error (error);
  return repository;
}

/* Removes @dir and the files in it (a database, its -wal and -shm). */
void
crm_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_remove (child);
    }
  g_rmdir (dir);
}

/**
 * crm_test_db_exec:
 *
 * Runs @sql on the database at @path on a plain SQLite connection, as
 * another program would (the sqlite3 shell, an older Rapport). It has
 * the search tokenizer, which the triggers write through and which any
 * program writing customers needs (see the README).
 */
void
crm_test_db_exec (const char *path,
                  const char *sql)
{
  sqlite3 *db;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (crm_search_register (db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}
