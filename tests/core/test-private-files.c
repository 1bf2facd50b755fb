/* test-private-files.c: what holds the customers is its owner's alone
 *
 * A new database (with its -wal and -shm) and every export are created
 * readable and writable by their owner only (0600), whatever the umask.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "crm-export.h"
#include "crm-repository.h"
#include "crm-test-db.h"

static guint
file_mode (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  return buf.st_mode & 0777;
}

static void
assert_private (const char *path)
{
  g_test_message ("%s: %o", path, file_mode (path));
  g_assert_cmpuint (file_mode (path), ==, 0600);
}

static void
add_customer (CrmRepository *repo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) customer = crm_customer_new ();

  crm_customer_set_name (customer, "张伟");
  g_assert_true (crm_repository_add_customer (repo, customer, &error));
  g_assert_no_error (error);
}

/* Under each umask a person might have: none at all, the usual one. */
static const mode_t umasks[] = { 0, 022, 002 };

static void
test_new_database (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (umasks); i++)
    {
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;
      g_autofree char *wal = NULL;
      g_autofree char *shm = NULL;
      g_autoptr(CrmRepository) repo = NULL;
      mode_t old = umask (umasks[i]);

      repo = crm_test_db_open ("rapport-private-XXXXXX", &dir, &path);
      add_customer (repo);
      wal = g_strconcat (path, "-wal", NULL);
      shm = g_strconcat (path, "-shm", NULL);
      assert_private (path);
      assert_private (wal);
      assert_private (shm);
      umask (old);
      g_clear_object (&repo);
      crm_test_remove_dir (dir);
    }
}

static void
test_export (void)
{
  static const char *names[] = { "all.json", "all.ndjson", "customers.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (umasks); i++)
    for (guint k = 0; k < G_N_ELEMENTS (names); k++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *dir = NULL;
        g_autofree char *path = NULL;
        g_autofree char *export_path = NULL;
        g_autoptr(CrmRepository) repo = NULL;
        g_autoptr(GFile) file = NULL;
        CrmTransferCounts counts = { 0 };
        mode_t old = umask (umasks[i]);

        repo = crm_test_db_open ("rapport-private-XXXXXX", &dir, &path);
        add_customer (repo);
        export_path = g_build_filename (dir, names[k], NULL);
        file = g_file_new_for_path (export_path);
        g_assert_true (crm_export_file (repo, file, CRM_FILE_FORMAT_AUTO, CRM_CSV_TABLE_CUSTOMERS,
                                        &counts, NULL, NULL, NULL, &error));
        g_assert_no_error (error);
        assert_private (export_path);

        /* Over a file anyone could read: the new one is private. */
        g_assert_cmpint (g_chmod (export_path, 0644), ==, 0);
        g_assert_true (crm_export_file (repo, file, CRM_FILE_FORMAT_AUTO, CRM_CSV_TABLE_CUSTOMERS,
                                        &counts, NULL, NULL, NULL, &error));
        g_assert_no_error (error);
        assert_private (export_path);
        umask (old);
        g_clear_object (&repo);
        crm_test_remove_dir (dir);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/private-files/new-database", test_new_database);
  g_test_add_func ("/private-files/export", test_export);

  return g_test_run ();
}
