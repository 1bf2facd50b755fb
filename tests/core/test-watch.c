/* test-watch.c: other programs' writes reach an open repository
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "crm-repository.h"
#include "crm-repository-bulk.h"
#include "crm-test-db.h"

/* What the application uses (crm-application.c). */
#define WATCH_INTERVAL_MS 250

typedef struct
{
  char *dir;
  char *path;
  CrmRepository *repo;
  /* the “reload” emissions seen, per type */
  guint reloads[3];
  guint row_changes;
  gint64 first_reload_us;
} Fixture;

static guint
type_index (GType type)
{
  if (type == CRM_TYPE_CUSTOMER)
    return 0;
  if (type == CRM_TYPE_INTERACTION)
    return 1;
  g_assert_true (type == CRM_TYPE_OPPORTUNITY);
  return 2;
}

static void
changed_cb (CrmRepository *repo,
            GType          type,
            gint64         id,
            guint          kind,
            Fixture       *f)
{
  if (id != 0)
    {
      f->row_changes++;
      return;
    }
  if (f->first_reload_us == 0)
    f->first_reload_us = g_get_monotonic_time ();
  f->reloads[type_index (type)]++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->repo = crm_test_db_open ("rapport-watch-XXXXXX", &f->dir, &f->path);
  g_signal_connect (f->repo, "changed", G_CALLBACK (changed_cb), f);
  crm_repository_watch (f->repo, WATCH_INTERVAL_MS);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->repo));
  crm_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds, or until a reload is seen when
 * @until_reload. */
static void
run_for (Fixture  *f,
         guint     ms,
         gboolean  until_reload)
{
  gboolean done = FALSE;
  guint id = g_timeout_add (ms, timeout_cb, &done);

  while (!done && !(until_reload && f->first_reload_us != 0))
    g_main_context_iteration (NULL, TRUE);
  if (!done)
    g_source_remove (id);
}

static void
add_customer (CrmRepository *repo,
              const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) customer = crm_customer_new ();

  crm_customer_set_name (customer, name);
  g_assert_true (crm_repository_add_customer (repo, customer, &error));
  g_assert_no_error (error);
}

static void
assert_one_reload_each (Fixture *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->reloads); i++)
    g_assert_cmpuint (f->reloads[i], ==, 1);
}

/* Another connection's commit (the command line's, a second window's
 * process) makes every list reload, within a second, once. */
static void
test_other_connection (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRepository) other = crm_repository_open (f->path, &error);
  gint64 written;

  g_assert_no_error (error);
  run_for (f, 300, FALSE);
  g_assert_cmpuint (f->reloads[0], ==, 0);

  /* Several commits between two looks: one reload. */
  add_customer (other, "张伟");
  add_customer (other, "Anna Schmidt");
  written = g_get_monotonic_time ();
  run_for (f, 1000, TRUE);
  g_assert_cmpint (f->first_reload_us, !=, 0);
  g_assert_cmpint (f->first_reload_us - written, <, G_USEC_PER_SEC);
  assert_one_reload_each (f);
  g_assert_cmpint (crm_repository_count_customers (f->repo, NULL, NULL), ==, 2);

  /* Nothing more without a write. */
  run_for (f, 600, FALSE);
  assert_one_reload_each (f);
}

/* Another process's write. */
static void
test_other_process (Fixture       *f,
                    gconstpointer  data)
{
  gint64 written;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmRepository) other = crm_repository_open (g_getenv ("RAPPORT_TEST_DATABASE"), &error);

      g_assert_no_error (error);
      add_customer (other, "李娜");
      return;
    }
  g_setenv ("RAPPORT_TEST_DATABASE", f->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  written = g_get_monotonic_time ();
  run_for (f, 1000, TRUE);
  g_assert_cmpint (f->first_reload_us, !=, 0);
  g_assert_cmpint (f->first_reload_us - written, <, G_USEC_PER_SEC);
  g_assert_cmpint (crm_repository_count_customers (f->repo, NULL, NULL), ==, 1);
}

/* The repository's own writes are told row by row as they happen: the
 * watch adds no reload (a storm of them would rebuild every list after
 * each edit). */
static void
test_own_writes (Fixture       *f,
                 gconstpointer  data)
{
  for (guint i = 0; i < 5; i++)
    {
      add_customer (f->repo, "王芳");
      run_for (f, 100, FALSE);
    }
  run_for (f, 600, FALSE);
  g_assert_cmpuint (f->row_changes, ==, 5);
  for (guint i = 0; i < G_N_ELEMENTS (f->reloads); i++)
    g_assert_cmpuint (f->reloads[i], ==, 0);
}

/* An import on a connection of the window's own (a thread) is announced
 * by crm_repository_announce_bulk_change(); the watch does not announce
 * it a second time. */
static void
test_announced_write (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRepository) other = crm_repository_open (f->path, &error);

  g_assert_no_error (error);
  add_customer (other, "陈静");
  crm_repository_announce_bulk_change (f->repo);
  assert_one_reload_each (f);
  run_for (f, 700, FALSE);
  assert_one_reload_each (f);
}

/* Stopped, it looks no more. */
static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRepository) other = crm_repository_open (f->path, &error);

  g_assert_no_error (error);
  crm_repository_watch (f->repo, 0);
  add_customer (other, "刘洋");
  run_for (f, 700, FALSE);
  g_assert_cmpuint (f->reloads[0], ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/watch/other-connection", test_other_connection);
  ADD ("/watch/other-process", test_other_process);
  ADD ("/watch/own-writes", test_own_writes);
  ADD ("/watch/announced-write", test_announced_write);
  ADD ("/watch/stop", test_stop);
#undef ADD

  return g_test_run ();
}
