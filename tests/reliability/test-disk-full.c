/* test-disk-full.c: an edit and an import on a full disk
 *
 * The disk is “full” through RLIMIT_FSIZE (with SIGXFSZ ignored, so a
 * write past the limit fails with EFBIG or comes back short, as on a full
 * disk), set in a subprocess so the limit never reaches the test runner.
 * The WAL is truncated first, so every write must grow a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <glib/gstdio.h>

#include "crm-error.h"
#include "crm-import.h"
#include "crm-repository.h"
#include "crm-repository-bulk.h"

#define N_CUSTOMERS 200
#define IMPORT_ROWS 3000

static void
set_file_size_limit (rlim_t bytes)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  limit.rlim_cur = bytes;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

/* Empties the WAL into the database, so the next write has to grow it. */
static void
truncate_wal (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_healthy (CrmRepository *repository)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_repository_check_health (repository, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static gint64
count_customers (CrmRepository *repository)
{
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
  g_autoptr(GError) error = NULL;
  gint64 n = crm_repository_count_customers (repository, &query, &error);

  g_assert_no_error (error);
  return n;
}

static GFile *
write_import_file (const char *dir)
{
  g_autoptr(GString) csv = g_string_new ("name,company,email,phone,status,notes\n");
  g_autofree char *path = g_build_filename (dir, "import.csv", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < IMPORT_ROWS; i++)
    g_string_append_printf (csv, "导入客户 %u,公司 %u,row%u@example.com,+86 %u,lead,"
                            "a note long enough to need a few pages for all the rows\n", i, i, i, i);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, &error));
  return g_file_new_for_path (path);
}

static void
disk_full_subprocess (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rapport-full-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "full.db", NULL);
  g_autoptr(CrmRepository) repository = NULL;
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(CrmCustomer) reread = NULL;
  g_autoptr(GFile) import_file = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  signal (SIGXFSZ, SIG_IGN);

  repository = crm_repository_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      g_autoptr(CrmCustomer) c = crm_customer_new ();
      g_autofree char *name = g_strdup_printf ("客户 %u", i);

      crm_customer_set_name (c, name);
      crm_customer_set_notes (c, "before");
      g_assert_true (crm_repository_add_customer (repository, c, &error));
      id = crm_customer_get_id (c);
    }
  import_file = write_import_file (dir);
  truncate_wal (path);

  /* An edit when not one more page fits. */
  set_file_size_limit (4096);
  customer = crm_repository_get_customer (repository, id, &error);
  g_assert_no_error (error);
  crm_customer_set_notes (customer, "after the disk filled up");
  g_assert_false (crm_repository_update_customer (repository, customer, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_test_message ("edit: %s", error->message);
  g_clear_error (&error);

  /* Still reading, and nothing of the edit is there. */
  reread = crm_repository_get_customer (repository, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_customer_get_notes (reread), ==, "before");
  g_clear_object (&reread);
  g_assert_cmpint (count_customers (repository), ==, N_CUSTOMERS);

  /* An import that runs out of space part of the way through. */
  set_file_size_limit (64 * 1024);
  g_assert_false (crm_import_file (repository, import_file, CRM_FILE_FORMAT_CSV, CRM_IMPORT_NONE,
                                   NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_DISK_FULL);
  g_test_message ("import: %s", error->message);
  g_clear_error (&error);
  g_assert_cmpint (count_customers (repository), ==, N_CUSTOMERS);
  assert_healthy (repository);

  /* Space is back: the same connection writes again. */
  set_file_size_limit (RLIM_INFINITY);
  g_assert_true (crm_repository_update_customer (repository, customer, &error));
  g_assert_no_error (error);
  g_assert_true (crm_import_file (repository, import_file, CRM_FILE_FORMAT_CSV, CRM_IMPORT_NONE,
                                  NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_customers (repository), ==, N_CUSTOMERS + IMPORT_ROWS);
  g_clear_object (&repository);

  /* And a fresh connection finds all of it in a sound file. */
  repository = crm_repository_open (path, &error);
  g_assert_no_error (error);
  assert_healthy (repository);
  reread = crm_repository_get_customer (repository, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_customer_get_notes (reread), ==, "after the disk filled up");
  g_assert_cmpint (count_customers (repository), ==, N_CUSTOMERS + IMPORT_ROWS);
  g_clear_object (&repository);

  for (guint i = 0; i < 4; i++)
    {
      static const char * const names[] = { "full.db", "full.db-wal", "full.db-shm", "import.csv" };
      g_autofree char *file = g_build_filename (dir, names[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

static void
test_disk_full (void)
{
  if (g_test_subprocess ())
    {
      disk_full_subprocess ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/disk-full/edit-and-import", test_disk_full);
  return g_test_run ();
}
