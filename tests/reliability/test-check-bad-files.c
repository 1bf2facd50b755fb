/* test-check-bad-files.c: `rapport --check` on damaged and foreign files
 *
 * For each kind of bad file: --check exits non-zero with a message that
 * says what is wrong, and the file is byte-identical afterwards with no
 * -wal, -shm or -journal beside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/resource.h>
#include <glib/gstdio.h>

#include "bad-files.h"

static char *dir;

static void
run_check (const char  *path,
           int         *status,
           char       **out,
           char       **err)
{
  const char *argv[] = { RAPPORT_EXE, "--database", path, "--check", NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;

  /* Headless: no display, no session bus. */
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_unsetenv (env, "DBUS_SESSION_BUS_ADDRESS");
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, env, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, status, &error));
  g_assert_no_error (error);
}

static void
test_check_bad_file (gconstpointer data)
{
  BadFile kind = GPOINTER_TO_INT (data);
  g_autofree char *path = bad_file_make (dir, kind);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) before = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  run_check (path, &status, &out, &err);
  g_test_message ("%s: %s", bad_file_name (kind), err);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_true (g_str_has_prefix (err, "rapport: "));
  if (!g_regex_match_simple (bad_file_expected (kind), err, 0, 0))
    g_error ("“%s” does not match “%s”", err, bad_file_expected (kind));
  g_assert_cmpstr (strstr (out, "healthy"), ==, NULL);
  bad_file_assert_untouched (path, before);
  g_remove (path);
}

/* In the child, before exec: the disk is “full” past the file's size. */
static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { *(rlim_t *)user_data, *(rlim_t *)user_data };

  setrlimit (RLIMIT_FSIZE, &limit);
}

/* `rapport --import` on a disk too full to even grow the WAL index: a
 * clear message, exit 1 (not death by SIGXFSZ), and the file as it was. */
static void
test_import_disk_full (void)
{
  g_autofree char *healthy = bad_file_make_healthy (dir);
  g_autofree char *path = g_build_filename (dir, "full.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "import.csv", NULL);
  g_autoptr(GString) rows = g_string_new ("name,company,email,phone,status,notes\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) source = g_file_new_for_path (healthy);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { RAPPORT_EXE, "--database", path, "--import", csv, NULL };
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  rlim_t limit = 4096;
  int status;

  g_assert_true (g_file_copy (source, file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  before = g_file_load_bytes (file, NULL, NULL, NULL);
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (rows, "导入 %u,公司,row%u@example.com,,lead,\n", i, i);
  g_assert_true (g_file_set_contents (csv, rows->str, rows->len, &error));

  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "DBUS_SESSION_BUS_ADDRESS");
  g_assert_true (g_spawn_sync (NULL, (char **)argv, env, G_SPAWN_DEFAULT, limit_file_size, &limit,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_test_message ("%s", err);
  /* Exited with 1: not killed by SIGXFSZ. */
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_nonnull (strstr (err, "disk is full"));

  /* The file is as it was; the side files SQLite could not finish are
   * left for the next open, which finds everything from before. */
  {
    g_autoptr(GBytes) after = g_file_load_bytes (file, NULL, NULL, NULL);

    g_assert_true (g_bytes_equal (before, after));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  run_check (path, &status, &out, &err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Customers: 400"));
  g_assert_nonnull (strstr (out, "healthy"));
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);

      g_remove (side);
    }
  g_remove (csv);
}

static void
test_check_healthy (void)
{
  g_autofree char *path = bad_file_make_healthy (dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) before = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  /* The fixture itself is sound, and --check does not write to it either. */
  run_check (path, &status, &out, &err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Customers: 400"));
  g_assert_nonnull (strstr (out, "healthy"));
  bad_file_assert_untouched (path, before);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("rapport-bad-XXXXXX", NULL);
  g_test_add_func ("/check/healthy", test_check_healthy);
  g_test_add_func ("/import/disk-full", test_import_disk_full);
  for (int kind = 0; kind < N_BAD_FILES; kind++)
    {
      g_autofree char *name = g_strdup_printf ("/check/%s", bad_file_name (kind));

      g_test_add_data_func (name, GINT_TO_POINTER (kind), test_check_bad_file);
    }
  status = g_test_run ();

  {
    g_autofree char *healthy = g_build_filename (dir, "healthy.db", NULL);

    g_remove (healthy);
    g_rmdir (dir);
  }
  return status;
}
