/* test-crash.c: SIGKILL a writer at random moments, 50 times
 *
 * crash-child writes to one database (edits, deletes, stage moves, adds,
 * big imports) and reports each write it starts (“W …”) and each commit
 * that returned (“OK”) on a pipe. After every kill this test checks that
 * the file is sound (integrity_check, foreign_key_check), that every write
 * reported OK is there with its values, that the one write in flight is
 * either wholly there or wholly absent, and that every import is complete
 * or absent.
 *
 * The seed is printed; CRM_CRASH_SEED=N repeats a run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "crm-repository.h"
#include "crm-search.h"

#define N_KILLS 50
#define N_SEED_CUSTOMERS 400
#define IMPORT_ROWS 1000
#define MAX_KILL_DELAY_MS 600

/* What the database must hold, as far as the reported writes tell. */
typedef struct
{
  GHashTable *customer_notes;      /* id -> notes; "" = must be absent */
  GHashTable *opportunity_stage;   /* id -> stage + 1; 0 = must be absent, -1 = any stage */
  GHashTable *opportunity_owner;   /* opportunity id -> customer id */
  GHashTable *imports;             /* tags of imports that committed */
  guint n_imports_seen;
  guint n_writes_seen;
} Model;

static char *crash_child;

static gint64
query_int (sqlite3    *db,
           const char *sql,
           const char *text,
           gint64      id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = G_MININT64;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
customer_notes (sqlite3 *db,
                gint64   id)
{
  sqlite3_stmt *stmt = NULL;
  char *notes = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT notes FROM customers WHERE id = ?", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    notes = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return notes;
}

static void
model_delete_customer (Model  *model,
                       gint64  id)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_insert (model->customer_notes, g_memdup2 (&id, sizeof id), g_strdup (""));
  g_hash_table_iter_init (&iter, model->opportunity_owner);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(gint64 *)value == id)
      g_hash_table_insert (model->opportunity_stage, g_memdup2 (key, sizeof (gint64)),
                           GINT_TO_POINTER (0));
}

static void
model_add_customer (Model      *model,
                    gint64      customer_id,
                    gint64      opportunity_id,
                    const char *notes)
{
  g_hash_table_insert (model->customer_notes, g_memdup2 (&customer_id, sizeof customer_id),
                       g_strdup (notes));
  g_hash_table_insert (model->opportunity_stage, g_memdup2 (&opportunity_id, sizeof opportunity_id),
                       GINT_TO_POINTER (-1));
  g_hash_table_insert (model->opportunity_owner, g_memdup2 (&opportunity_id, sizeof opportunity_id),
                       g_memdup2 (&customer_id, sizeof customer_id));
}

/* Applies the write @intent (a “W …” line without the “W ”) that
 * committed; @ok_line is its “OK …” line. */
static void
model_apply (Model      *model,
             const char *intent,
             const char *ok_line)
{
  g_auto(GStrv) words = g_strsplit (intent, " ", 0);
  gint64 id = words[1] != NULL ? g_ascii_strtoll (words[1], NULL, 10) : 0;

  model->n_writes_seen++;
  switch (words[0][0])
    {
    case 'E':
      g_hash_table_insert (model->customer_notes, g_memdup2 (&id, sizeof id), g_strdup (words[2]));
      break;
    case 'D':
      model_delete_customer (model, id);
      break;
    case 'M':
      g_hash_table_insert (model->opportunity_stage, g_memdup2 (&id, sizeof id),
                           GINT_TO_POINTER (atoi (words[2]) + 1));
      break;
    case 'A':
      {
        g_auto(GStrv) ids = g_strsplit (ok_line, " ", 0);

        g_assert_cmpuint (g_strv_length (ids), ==, 3);
        model_add_customer (model, g_ascii_strtoll (ids[1], NULL, 10),
                            g_ascii_strtoll (ids[2], NULL, 10), words[1]);
      }
      break;
    case 'I':
      model->n_imports_seen++;
      g_hash_table_add (model->imports, g_strdup (words[1]));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The write in flight when the child died may or may not have committed:
 * find out which from the file, and check it is one or the other. */
static void
model_resolve (Model      *model,
               sqlite3    *db,
               const char *intent)
{
  g_auto(GStrv) words = g_strsplit (intent, " ", 0);
  gint64 id = words[1] != NULL ? g_ascii_strtoll (words[1], NULL, 10) : 0;

  switch (words[0][0])
    {
    case 'E':
      {
        g_autofree char *notes = customer_notes (db, id);

        g_assert_nonnull (notes);
        if (g_str_equal (notes, words[2]))
          model_apply (model, intent, NULL);
      }
      break;
    case 'D':
      if (query_int (db, "SELECT count(*) FROM customers WHERE id = ?", NULL, id) == 0)
        model_apply (model, intent, NULL);
      break;
    case 'M':
      {
        static const char * const stages[] = { "lead", "proposal", "negotiation", "closed", "lost" };
        sqlite3_stmt *stmt = NULL;
        gboolean moved;

        g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT stage FROM opportunities WHERE id = ?", -1,
                                             &stmt, NULL), ==, SQLITE_OK);
        sqlite3_bind_int64 (stmt, 1, id);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        moved = g_str_equal ((const char *)sqlite3_column_text (stmt, 0), stages[atoi (words[2])]);
        sqlite3_finalize (stmt);
        if (moved)
          model_apply (model, intent, NULL);
      }
      break;
    case 'A':
      {
        gint64 customer_id = query_int (db, "SELECT id FROM customers WHERE notes = ?", words[1], 0);
        gint64 opportunity_id = query_int (db, "SELECT id FROM opportunities WHERE title = ?", words[1], 0);
        gint64 interactions = query_int (db, "SELECT count(*) FROM interactions WHERE notes = ?",
                                         words[1], 0);

        /* The customer, its opportunity and its interaction: all or none. */
        if (customer_id == G_MININT64)
          {
            g_assert_cmpint (opportunity_id, ==, G_MININT64);
            g_assert_cmpint (interactions, ==, 0);
          }
        else
          {
            g_autofree char *ok_line = g_strdup_printf ("OK %lld %lld", (long long)customer_id,
                                                        (long long)opportunity_id);

            g_assert_cmpint (opportunity_id, !=, G_MININT64);
            g_assert_cmpint (interactions, ==, 1);
            model_apply (model, intent, ok_line);
          }
      }
      break;
    case 'I':
      /* Whole or absent: check_imports() sees to that for every import. */
      if (query_int (db, "SELECT count(*) FROM customers WHERE notes = ?", words[1], 0) > 0)
        model_apply (model, intent, NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
check_health (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* The search index agrees with the table (the import rebuilds it). */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO customers_fts (customers_fts) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
check_model (Model   *model,
             sqlite3 *db)
{
  static const char * const stages[] = { "lead", "proposal", "negotiation", "closed", "lost" };
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, model->customer_notes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *notes = customer_notes (db, *(gint64 *)key);

      if (*(char *)value == '\0')
        g_assert_null (notes);
      else
        g_assert_cmpstr (notes, ==, value);
    }

  g_hash_table_iter_init (&iter, model->opportunity_stage);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int expected = GPOINTER_TO_INT (value);
      sqlite3_stmt *stmt = NULL;
      int rc;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT stage FROM opportunities WHERE id = ?", -1,
                                           &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (stmt, 1, *(gint64 *)key);
      rc = sqlite3_step (stmt);
      if (expected == 0)
        g_assert_cmpint (rc, ==, SQLITE_DONE);
      else
        {
          g_assert_cmpint (rc, ==, SQLITE_ROW);
          if (expected > 0)
            g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, stages[expected - 1]);
        }
      sqlite3_finalize (stmt);
    }
}

/* Imported customers are the only leads (the child edits and deletes only
 * active ones): every import is there with all its rows or not at all, and
 * every import that committed is there. */
static void
check_imports (Model   *model,
               sqlite3 *db)
{
  GHashTableIter iter;
  gpointer tag;

  g_hash_table_iter_init (&iter, model->imports);
  while (g_hash_table_iter_next (&iter, &tag, NULL))
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE status = 'lead' AND notes = ?",
                                tag, 0), ==, IMPORT_ROWS);

  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT notes, count(*), count(DISTINCT company) "
                                           "FROM customers WHERE status = 'lead' GROUP BY notes",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_true (g_str_has_prefix ((const char *)sqlite3_column_text (stmt, 0), "import-"));
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, IMPORT_ROWS);
      g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 1);
    }
  sqlite3_finalize (stmt);
}

static void
seed_database (const char *path,
               Model      *model)
{
  g_autoptr(CrmRepository) repository = NULL;
  g_autoptr(GError) error = NULL;

  repository = crm_repository_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (crm_repository_begin (repository, &error));
  for (guint i = 0; i < N_SEED_CUSTOMERS; i++)
    {
      g_autoptr(CrmCustomer) customer = crm_customer_new ();
      g_autoptr(CrmOpportunity) opportunity = crm_opportunity_new ();
      g_autofree char *name = g_strdup_printf ("Seed %u", i);
      g_autofree char *notes = g_strdup_printf ("seed-%u", i);

      crm_customer_set_name (customer, name);
      crm_customer_set_notes (customer, notes);
      g_assert_true (crm_repository_add_customer (repository, customer, &error));
      crm_opportunity_set_customer_id (opportunity, crm_customer_get_id (customer));
      crm_opportunity_set_title (opportunity, name);
      crm_opportunity_set_stage (opportunity, i % CRM_N_STAGES);
      g_assert_true (crm_repository_add_opportunity (repository, opportunity, &error));
      model_add_customer (model, crm_customer_get_id (customer), crm_opportunity_get_id (opportunity),
                          notes);
      g_hash_table_insert (model->opportunity_stage,
                           g_memdup2 (&(gint64){ crm_opportunity_get_id (opportunity) }, sizeof (gint64)),
                           GINT_TO_POINTER (i % CRM_N_STAGES + 1));
    }
  g_assert_true (crm_repository_commit (repository, &error));
}

/* Reads what the child wrote on @fd until @deadline (monotonic µs), or
 * to the end when @deadline is 0. */
static void
read_reports (int      fd,
              GString *buffer,
              gint64   deadline)
{
  for (;;)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      int timeout = -1;
      char chunk[4096];
      gssize n;

      if (deadline != 0)
        {
          gint64 left = deadline - g_get_monotonic_time ();

          if (left <= 0)
            return;
          timeout = (int)((left + 999) / 1000);
        }
      if (poll (&pfd, 1, timeout) <= 0)
        {
          if (deadline != 0)
            continue;
          return;
        }
      n = read (fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;
      g_string_append_len (buffer, chunk, n);
    }
}

static void
test_crash_kill (void)
{
  g_autofree char *dir = g_dir_make_tmp ("rapport-crash-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crash.db", NULL);
  const char *seed_env = g_getenv ("CRM_CRASH_SEED");
  guint32 seed = seed_env != NULL ? (guint32)g_ascii_strtoull (seed_env, NULL, 10)
                                  : (guint32)g_get_real_time ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  Model model = {
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free),
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL),
    g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    0, 0,
  };
  guint n_in_flight = 0, n_in_flight_committed = 0;

  g_test_message ("seed: %u (CRM_CRASH_SEED=%u repeats this run)", seed, seed);
  seed_database (path, &model);

  for (guint kill_no = 0; kill_no < N_KILLS; kill_no++)
    {
      g_autofree char *child_seed = g_strdup_printf ("%u", seed + kill_no);
      const char *argv[] = { crash_child, path, child_seed, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) output = g_string_new (NULL);
      g_auto(GStrv) lines = NULL;
      g_autofree char *in_flight = NULL;
      sqlite3 *db = NULL;
      GPid pid;
      int out_fd, status;
      guint delay_ms = g_rand_int_range (rand, 0, MAX_KILL_DELAY_MS);
      guint writes_before = model.n_writes_seen;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      /* The clock starts once the child has opened the file (which takes
       * longer on a loaded machine), so the kills spread over its writes. */
      while (strstr (output->str, "READY\n") == NULL)
        {
          gsize before = output->len;

          read_reports (out_fd, output, g_get_monotonic_time () + 10 * G_TIME_SPAN_MILLISECOND);
          g_assert_true (output->len > before || waitpid (pid, &status, WNOHANG) == 0);
        }
      read_reports (out_fd, output, g_get_monotonic_time () + delay_ms * G_TIME_SPAN_MILLISECOND);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      read_reports (out_fd, output, 0);
      close (out_fd);
      g_spawn_close_pid (pid);
      /* Killed, not failed on its own (it exits 2 on any error). */
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

      lines = g_strsplit (output->str, "\n", 0);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          const char *line = lines[i];

          if (*line == '\0' || g_str_equal (line, "READY"))
            continue;
          if (g_str_has_prefix (line, "W "))
            {
              g_assert_null (in_flight);
              in_flight = g_strdup (line + 2);
            }
          else
            {
              g_assert_true (g_str_has_prefix (line, "OK"));
              g_assert_nonnull (in_flight);
              model_apply (&model, in_flight, line);
              g_clear_pointer (&in_flight, g_free);
            }
        }

      g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
      /* Our triggers index customers with our own tokenizer. */
      g_assert_cmpint (crm_search_register (db), ==, SQLITE_OK);
      check_health (db);
      if (in_flight != NULL)
        {
          guint before = model.n_writes_seen;

          n_in_flight++;
          model_resolve (&model, db, in_flight);
          n_in_flight_committed += model.n_writes_seen > before;
        }
      check_model (&model, db);
      check_imports (&model, db);
      g_test_message ("kill %u %u ms after opening: %u writes reported, in flight: %s",
                      kill_no + 1, delay_ms, model.n_writes_seen - writes_before,
                      in_flight ? in_flight : "nothing");

      /* Keep the file small: drop the imported rows now and then. */
      if (query_int (db, "SELECT count(*) FROM customers WHERE status = ?", "lead", 0) > 4 * IMPORT_ROWS)
        {
          g_assert_cmpint (sqlite3_exec (db, "DELETE FROM customers WHERE status = 'lead'",
                                         NULL, NULL, NULL), ==, SQLITE_OK);
          g_hash_table_remove_all (model.imports);
        }
      g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
    }

  g_test_message ("%u writes checked, %u imports committed, %u kills with a write in flight "
                  "(%u of those had committed)", model.n_writes_seen, model.n_imports_seen,
                  n_in_flight, n_in_flight_committed);
  /* The kills must land among the writes, or this proved nothing. */
  g_assert_cmpuint (model.n_writes_seen, >, N_KILLS);
  g_assert_cmpuint (n_in_flight, >, N_KILLS / 2);

  g_hash_table_unref (model.customer_notes);
  g_hash_table_unref (model.opportunity_stage);
  g_hash_table_unref (model.opportunity_owner);
  g_hash_table_unref (model.imports);
  for (guint i = 0; i < 4; i++)
    {
      static const char * const names[] = { "crash.db", "crash.db-wal", "crash.db-shm", "crash-import.csv" };
      g_autofree char *file = g_build_filename (dir, names[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  crash_child = g_strdup (CRASH_CHILD);
  g_test_add_func ("/crash/sigkill", test_crash_kill);
  return g_test_run ();
}
