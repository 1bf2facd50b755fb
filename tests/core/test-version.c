/* test-version.c: no lost edits: row versions, conflicts, the v3 -> v4
 * migration, and two processes writing the same rows
 *
 * Two connections on one file stand for two people (each with a user name
 * of its own): A reads, B writes, A's write on its stale read must fail
 * with CRM_ERROR_CONFLICT naming B, and write nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-error.h"
#include "crm-repository.h"
#include "crm-repository-private.h"
#include "crm-test-db.h"

typedef struct
{
  char *dir;
  char *path;
  CrmRepository *a;
  CrmRepository *b;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->a = crm_test_db_open ("rapport-version-XXXXXX", &f->dir, &f->path);
  crm_repository_set_user_name (f->a, "zhang.san");
  f->b = crm_repository_open (f->path, &error);
  g_assert_no_error (error);
  crm_repository_set_user_name (f->b, "li.wei");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->a != NULL)
    g_assert_finalize_object (f->a);
  if (f->b != NULL)
    g_assert_finalize_object (f->b);
  crm_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static CrmCustomer *
add_customer (CrmRepository *repo,
              const char    *name)
{
  g_autoptr(GError) error = NULL;
  CrmCustomer *c = crm_customer_new ();

  crm_customer_set_name (c, name);
  g_assert_true (crm_repository_add_customer (repo, c, &error));
  g_assert_no_error (error);
  return c;
}

static CrmInteraction *
add_interaction (CrmRepository *repo,
                 gint64         customer_id)
{
  g_autoptr(GError) error = NULL;
  CrmInteraction *i = crm_interaction_new ();

  crm_interaction_set_customer_id (i, customer_id);
  crm_interaction_set_notes (i, "first call");
  g_assert_true (crm_repository_add_interaction (repo, i, &error));
  g_assert_no_error (error);
  return i;
}

static CrmOpportunity *
add_opportunity (CrmRepository *repo,
                 gint64         customer_id)
{
  g_autoptr(GError) error = NULL;
  CrmOpportunity *o = crm_opportunity_new ();

  crm_opportunity_set_customer_id (o, customer_id);
  crm_opportunity_set_title (o, "ERP 系统");
  crm_opportunity_set_value (o, 100000);
  g_assert_true (crm_repository_add_opportunity (repo, o, &error));
  g_assert_no_error (error);
  return o;
}

static gint64
stored_version (const char *path,
                const char *table,
                gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT version FROM %s WHERE id = %" G_GINT64_FORMAT,
                                          table, id);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 version = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

/* Every write adds one to the version and records its writer, on the
 * row and on the object written. */
static void
test_increments (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) c = add_customer (f->a, "张三");
  g_autoptr(CrmInteraction) i = add_interaction (f->a, crm_customer_get_id (c));
  g_autoptr(CrmOpportunity) o = add_opportunity (f->a, crm_customer_get_id (c));
  g_autoptr(CrmCustomer) read = NULL;
  g_autoptr(CrmOpportunity) moved = NULL;

  g_assert_cmpint (crm_customer_get_version (c), ==, 1);
  g_assert_cmpstr (crm_customer_get_changed_by (c), ==, "zhang.san");
  g_assert_cmpint (crm_interaction_get_version (i), ==, 1);
  g_assert_cmpint (crm_opportunity_get_version (o), ==, 1);

  for (int n = 2; n <= 4; n++)
    {
      crm_customer_set_notes (c, n % 2 ? "odd" : "even");
      g_assert_true (crm_repository_update_customer (f->a, c, &error));
      g_assert_no_error (error);
      g_assert_cmpint (crm_customer_get_version (c), ==, n);
      g_assert_cmpint (stored_version (f->path, "customers", crm_customer_get_id (c)), ==, n);
    }

  /* read with the row, by the other connection, with who wrote it */
  read = crm_repository_get_customer (f->b, crm_customer_get_id (c), &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_customer_get_version (read), ==, 4);
  g_assert_cmpstr (crm_customer_get_changed_by (read), ==, "zhang.san");
  crm_customer_set_phone (read, "+86 139");
  g_assert_true (crm_repository_update_customer (f->b, read, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_customer_get_version (read), ==, 5);
  g_assert_cmpstr (crm_customer_get_changed_by (read), ==, "li.wei");

  crm_interaction_set_notes (i, "second call");
  g_assert_true (crm_repository_update_interaction (f->a, i, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_interaction_get_version (i), ==, 2);
  g_assert_cmpint (stored_version (f->path, "interactions", crm_interaction_get_id (i)), ==, 2);

  crm_opportunity_set_title (o, "CRM 系统");
  g_assert_true (crm_repository_update_opportunity (f->a, o, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_opportunity_get_version (o), ==, 2);

  /* a board move is a change of the row too */
  g_assert_true (crm_repository_move_opportunity (f->b, crm_opportunity_get_id (o), CRM_STAGE_PROPOSAL,
                                                  0, NULL, &error));
  g_assert_no_error (error);
  moved = crm_repository_get_opportunity (f->a, crm_opportunity_get_id (o), &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_opportunity_get_version (moved), ==, 3);
  g_assert_cmpstr (crm_opportunity_get_changed_by (moved), ==, "li.wei");
}

/* A reads, B writes, A writes on its stale read: a conflict that names
 * B, and B's write stays. */
static void
test_conflict_customer (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) added = add_customer (f->a, "张三");
  gint64 id = crm_customer_get_id (added);
  g_autoptr(CrmCustomer) in_a = crm_repository_get_customer (f->a, id, &error);
  g_autoptr(CrmCustomer) in_b = crm_repository_get_customer (f->b, id, &error);
  g_autoptr(CrmCustomer) stored = NULL;

  g_assert_no_error (error);
  crm_customer_set_email (in_b, "zhangsan@example.com");
  g_assert_true (crm_repository_update_customer (f->b, in_b, &error));
  g_assert_no_error (error);

  crm_customer_set_company (in_a, "上海贸易");
  g_assert_false (crm_repository_update_customer (f->a, in_a, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "li.wei"));
  g_assert_nonnull (strstr (error->message, "张三"));
  /* nothing of A's was written; A's object still says what A typed */
  g_assert_cmpstr (crm_customer_get_company (in_a), ==, "上海贸易");
  g_assert_cmpint (crm_customer_get_version (in_a), ==, 1);
  stored = crm_repository_get_customer (f->a, id, NULL);
  g_assert_cmpstr (crm_customer_get_email (stored), ==, "zhangsan@example.com");
  g_assert_cmpstr (crm_customer_get_company (stored), ==, "");
  g_assert_cmpint (crm_customer_get_version (stored), ==, 2);
  g_clear_error (&error);

  /* read again, write again: it goes through */
  crm_customer_set_company (stored, "上海贸易");
  g_assert_true (crm_repository_update_customer (f->a, stored, &error));
  g_assert_no_error (error);
  g_clear_object (&stored);
  stored = crm_repository_get_customer (f->b, id, NULL);
  g_assert_cmpstr (crm_customer_get_company (stored), ==, "上海贸易");
  g_assert_cmpstr (crm_customer_get_email (stored), ==, "zhangsan@example.com");
  g_assert_cmpint (crm_customer_get_version (stored), ==, 3);
}

static void
test_conflict_interaction_opportunity (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) c = add_customer (f->a, "张三");
  g_autoptr(CrmInteraction) i = add_interaction (f->a, crm_customer_get_id (c));
  g_autoptr(CrmOpportunity) o = add_opportunity (f->a, crm_customer_get_id (c));
  g_autoptr(CrmInteraction) i_b = crm_repository_get_interaction (f->b, crm_interaction_get_id (i), NULL);
  g_autoptr(CrmOpportunity) o_b = crm_repository_get_opportunity (f->b, crm_opportunity_get_id (o), NULL);

  crm_interaction_set_notes (i_b, "B's notes");
  g_assert_true (crm_repository_update_interaction (f->b, i_b, &error));
  g_assert_no_error (error);
  crm_interaction_set_notes (i, "A's notes");
  g_assert_false (crm_repository_update_interaction (f->a, i, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "li.wei"));
  g_clear_error (&error);

  /* B moves the card: A's edit of the deal it read before conflicts */
  g_assert_true (crm_repository_move_opportunity (f->b, crm_opportunity_get_id (o), CRM_STAGE_CLOSED,
                                                  0, NULL, &error));
  g_assert_no_error (error);
  crm_opportunity_set_value (o, 5);
  g_assert_false (crm_repository_update_opportunity (f->a, o, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "li.wei"));
  g_assert_nonnull (strstr (error->message, "ERP 系统"));
  g_clear_error (&error);
  g_clear_object (&o_b);
  o_b = crm_repository_get_opportunity (f->b, crm_opportunity_get_id (o), NULL);
  g_assert_cmpint (crm_opportunity_get_stage (o_b), ==, CRM_STAGE_CLOSED);
  g_assert_cmpint (crm_opportunity_get_value (o_b), ==, 100000);
}

/* A delete on a stale read leaves the row (and its cascade) alone; a
 * row deleted meanwhile is not found, as before versions. */
static void
test_delete_stale (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) c = add_customer (f->a, "张三");
  gint64 id = crm_customer_get_id (c);
  g_autoptr(CrmInteraction) i = add_interaction (f->a, id);
  g_autoptr(CrmOpportunity) o = add_opportunity (f->a, id);
  g_autoptr(CrmCustomer) in_b = crm_repository_get_customer (f->b, id, NULL);
  g_autoptr(CrmInteraction) i_b = crm_repository_get_interaction (f->b, crm_interaction_get_id (i), NULL);

  crm_customer_set_notes (in_b, "keep this customer");
  g_assert_true (crm_repository_update_customer (f->b, in_b, &error));
  g_assert_no_error (error);
  g_assert_false (crm_repository_delete_customer (f->a, id, crm_customer_get_version (c), &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "li.wei"));
  g_clear_error (&error);
  g_assert_cmpint (crm_repository_count_interactions (f->a, id, NULL), ==, 1);
  g_assert_cmpint (crm_repository_count_opportunities (f->a, id, NULL), ==, 1);

  crm_interaction_set_notes (i_b, "changed");
  g_assert_true (crm_repository_update_interaction (f->b, i_b, &error));
  g_assert_no_error (error);
  g_assert_false (crm_repository_delete_interaction (f->a, crm_interaction_get_id (i),
                                                     crm_interaction_get_version (i), &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);

  /* at the version read, it goes */
  g_assert_true (crm_repository_delete_opportunity (f->a, crm_opportunity_get_id (o),
                                                    crm_opportunity_get_version (o), &error));
  g_assert_no_error (error);

  /* B deletes; A's update and delete of its old read: not found */
  g_assert_true (crm_repository_delete_customer (f->b, id, crm_customer_get_version (in_b), &error));
  g_assert_no_error (error);
  g_assert_false (crm_repository_update_customer (f->a, c, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_repository_delete_customer (f->a, id, crm_customer_get_version (c), &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
}

/* An object never read (version 0: an import's --merge, an undo) writes
 * over whatever is stored. */
static void
test_unread_overwrites (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) c = add_customer (f->a, "张三");
  g_autoptr(CrmCustomer) in_b = crm_repository_get_customer (f->b, crm_customer_get_id (c), NULL);
  g_autoptr(CrmCustomer) merged = crm_customer_new ();

  crm_customer_set_notes (in_b, "B");
  g_assert_true (crm_repository_update_customer (f->b, in_b, &error));
  g_assert_no_error (error);
  crm_customer_set_id (merged, crm_customer_get_id (c));
  crm_customer_set_name (merged, "张三丰");
  g_assert_true (crm_repository_update_customer (f->a, merged, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_customer_get_version (merged), ==, 3);
  g_assert_cmpstr (crm_customer_get_changed_by (merged), ==, "zhang.san");
}

/* A version 3 database, with rows, gets versions in place: its rows are
 * version 1, by nobody known, and take part in conflicts from then on. */
static void
test_migrate_from_v3 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) c = NULL;
  g_autoptr(CrmCustomer) in_b = NULL;
  g_autoptr(CrmInteraction) i = NULL;
  g_autoptr(CrmOpportunity) o = NULL;

  g_assert_finalize_object (g_steal_pointer (&f->a));
  g_assert_finalize_object (g_steal_pointer (&f->b));
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  g_assert_finalize_object (crm_repository_open_at_version (f->path, 3, &error));
  g_assert_no_error (error);
  crm_test_db_exec (f->path,
            "INSERT INTO customers (id, name, created_at, updated_at) VALUES"
            " (1, '张三', '2024-01-01T00:00:00.000000Z', '2024-01-02T00:00:00.000000Z');"
            "INSERT INTO interactions (id, customer_id, interaction_type, occurred_at, created_at) VALUES"
            " (1, 1, 'call', '2024-01-03T00:00:00.000000Z', '2024-01-03T00:00:00.000000Z');"
            "INSERT INTO opportunities (id, customer_id, title, created_at, updated_at) VALUES"
            " (1, 1, 'ERP', '2024-01-04T00:00:00.000000Z', '2024-01-04T00:00:00.000000Z');");

  f->a = crm_repository_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_repository_get_schema_version (f->a), ==, 4);
  crm_repository_set_user_name (f->a, "zhang.san");
  c = crm_repository_get_customer (f->a, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_customer_get_version (c), ==, 1);
  g_assert_cmpstr (crm_customer_get_changed_by (c), ==, "");
  i = crm_repository_get_interaction (f->a, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_interaction_get_version (i), ==, 1);
  o = crm_repository_get_opportunity (f->a, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_opportunity_get_version (o), ==, 1);

  /* what the migration built is what a new database has: it reopens,
   * and the second connection passes the schema check */
  f->b = crm_repository_open (f->path, &error);
  g_assert_no_error (error);
  crm_repository_set_user_name (f->b, "li.wei");

  /* a row from before, changed by someone unknown: the conflict says when */
  crm_test_db_exec (f->path, "UPDATE interactions SET notes = 'by hand', version = version + 1 WHERE id = 1");
  crm_interaction_set_notes (i, "A");
  g_assert_false (crm_repository_update_interaction (f->a, i, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "张三"));
  g_clear_error (&error);

  in_b = crm_repository_get_customer (f->b, 1, NULL);
  crm_customer_set_notes (in_b, "B");
  g_assert_true (crm_repository_update_customer (f->b, in_b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_customer_get_version (in_b), ==, 2);
  crm_customer_set_notes (c, "A");
  g_assert_false (crm_repository_update_customer (f->a, c, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "li.wei"));
}

/* Concurrency: two processes (version-child) edit and delete the same few
 * rows at random, each reading a row and writing it a moment later. Every
 * write a child reports committed must be in the database's history:
 * a row's committed versions, from both children together, are exactly
 * 2, 3, … up to its stored version, each once (two writers committing on
 * the same read would give one version twice; a write lost to another
 * would leave the stored version short of the chain or the notes not the
 * last writer's). Every rejected write failed with CRM_ERROR_CONFLICT or
 * CRM_ERROR_NOT_FOUND, and nothing else. */

#define N_CUSTOMERS 10
#define N_OPS "300"

typedef struct
{
  char *notes;         /* the committed notes of the highest version */
  gint64 max_version;
  GHashTable *versions;  /* committed versions: each once */
  gboolean deleted;
} RowHistory;

static void
row_history_free (gpointer data)
{
  RowHistory *h = data;

  g_free (h->notes);
  g_hash_table_unref (h->versions);
  g_free (h);
}

static RowHistory *
history_for (GHashTable *rows,
             const char *key)
{
  RowHistory *h = g_hash_table_lookup (rows, key);

  if (h == NULL)
    {
      h = g_new0 (RowHistory, 1);
      h->max_version = 1;
      h->versions = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_hash_table_insert (rows, g_strdup (key), h);
    }
  return h;
}

/* Reads a child's log: “U <table> <id> <version read> <new version>
 * <notes>”,
 * “D <table> <id>”, “R <code>”. */
static void
read_log (const char *log_path,
          GHashTable *rows,
          GArray     *all_versions,
          guint      *n_committed,
          guint      *n_rejected)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (log_path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[n], " ", 6);

      if (lines[n][0] == '\0')
        continue;
      if (g_str_equal (parts[0], "U"))
        {
          g_autofree char *key = g_strdup_printf ("%s %s", parts[1], parts[2]);
          RowHistory *h = history_for (rows, key);
          gint64 *version = g_new (gint64, 1);

          *version = g_ascii_strtoll (parts[4], NULL, 10);
          g_array_append_val (all_versions, version);
          /* written on the version it read, not over another's write */
          g_assert_cmpint (*version, ==, g_ascii_strtoll (parts[3], NULL, 10) + 1);
          /* no version committed twice */
          if (g_hash_table_contains (h->versions, version))
            g_error ("%s: version %" G_GINT64_FORMAT " committed twice", key, *version);
          g_hash_table_add (h->versions, version);
          if (*version > h->max_version)
            {
              h->max_version = *version;
              g_free (h->notes);
              h->notes = g_strdup (parts[5]);
            }
          (*n_committed)++;
        }
      else if (g_str_equal (parts[0], "D"))
        {
          g_autofree char *key = g_strdup_printf ("%s %s", parts[1], parts[2]);
          RowHistory *h = history_for (rows, key);

          g_assert_false (h->deleted);
          h->deleted = TRUE;
          (*n_committed)++;
        }
      else
        {
          g_assert_cmpstr (parts[0], ==, "R");
          if (!g_str_equal (parts[1], "conflict") && !g_str_equal (parts[1], "not-found"))
            g_error ("a rejected write failed otherwise: %s", lines[n]);
          (*n_rejected)++;
        }
    }
}

static void
test_two_processes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, row_history_free);
  g_autoptr(GArray) all_versions = g_array_new (FALSE, FALSE, sizeof (gint64 *));
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) one = NULL;
  g_autoptr(GSubprocess) two = NULL;
  g_autofree char *log_one = g_build_filename (f->dir, "one.log", NULL);
  g_autofree char *log_two = g_build_filename (f->dir, "two.log", NULL);
  guint n_committed = 0, n_rejected = 0;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  for (int n = 0; n < N_CUSTOMERS; n++)
    {
      g_autoptr(CrmCustomer) c = add_customer (f->a, "张三");
      g_autoptr(CrmInteraction) i = add_interaction (f->a, crm_customer_get_id (c));
      g_autoptr(CrmOpportunity) o = add_opportunity (f->a, crm_customer_get_id (c));
    }
  g_assert_finalize_object (g_steal_pointer (&f->a));
  g_assert_finalize_object (g_steal_pointer (&f->b));

  one = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                          VERSION_CHILD, f->path, "li.wei", "1", N_OPS, log_one, NULL);
  g_assert_no_error (error);
  two = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                          VERSION_CHILD, f->path, "zhang.san", "2", N_OPS, log_two, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (one, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (two, NULL, &error));
  g_assert_no_error (error);

  read_log (log_one, rows, all_versions, &n_committed, &n_rejected);
  read_log (log_two, rows, all_versions, &n_committed, &n_rejected);
  g_test_message ("%u writes committed, %u rejected", n_committed, n_rejected);
  /* The children collided: otherwise this tested nothing. */
  g_assert_cmpuint (n_rejected, >, 0);
  g_assert_cmpuint (n_committed, >, 0);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      RowHistory *h = value;
      g_auto(GStrv) parts = g_strsplit (key, " ", 2);
      g_autofree char *sql =
        g_strdup_printf ("SELECT version, %s FROM %s WHERE id = %s",
                         g_str_equal (parts[0], "opportunities") ? "title" : "notes", parts[0], parts[1]);

      /* the chain of versions has no gap: no write went unreported,
       * none overwrote another's without reading it */
      for (gint64 v = 2; v <= h->max_version; v++)
        if (!g_hash_table_contains (h->versions, &v))
          g_error ("%s: version %" G_GINT64_FORMAT " was written by nobody", (char *)key, v);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      rc = sqlite3_step (stmt);
      if (h->deleted)
        g_assert_cmpint (rc, ==, SQLITE_DONE);
      else if (rc == SQLITE_ROW)
        {
          /* the last committed write is what is stored */
          g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, h->max_version);
          if (h->notes != NULL)
            g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 1), ==, h->notes);
        }
      else
        {
          /* gone with its customer, which a child deleted: a customer
           * itself goes only by a delete reported committed */
          g_assert_cmpint (rc, ==, SQLITE_DONE);
          g_assert_cmpstr (parts[0], !=, "customers");
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  for (guint n = 0; n < all_versions->len; n++)
    g_free (g_array_index (all_versions, gint64 *, n));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/version/increments", test_increments);
  ADD ("/version/conflict-customer", test_conflict_customer);
  ADD ("/version/conflict-interaction-opportunity", test_conflict_interaction_opportunity);
  ADD ("/version/delete-stale", test_delete_stale);
  ADD ("/version/unread-overwrites", test_unread_overwrites);
  ADD ("/version/migrate-from-v3", test_migrate_from_v3);
  ADD ("/version/two-processes", test_two_processes);
#undef ADD

  return g_test_run ();
}
