/* crm-repository-bulk.c: whole-table reads, health checks and bulk-change
 * announcements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-repository-bulk.h"
#include "crm-repository-private.h"

static const char *
table_for_type (GType type)
{
  if (type == CRM_TYPE_CUSTOMER)
    return "customers";
  if (type == CRM_TYPE_INTERACTION)
    return "interactions";
  if (type == CRM_TYPE_OPPORTUNITY)
    return "opportunities";
  g_return_val_if_reached (NULL);
}

static GObject *
opportunity_from_row (CrmStmt *stmt)
{
  return G_OBJECT (crm_repository_opportunity_from_row (stmt));
}

/**
 * crm_repository_foreach:
 * @type: %CRM_TYPE_CUSTOMER, %CRM_TYPE_INTERACTION or %CRM_TYPE_OPPORTUNITY
 *
 * Calls @func for every row of the table, in id order, with one statement
 * (no OFFSET paging), so a million rows cost one pass. Call it inside
 * crm_repository_begin() to read the tables as one snapshot.
 */
gboolean
crm_repository_foreach (CrmRepository   *self,
                        GType            type,
                        CrmForeachFunc   func,
                        gpointer         user_data,
                        GError         **error)
{
  g_autoptr(CrmStmt) stmt = NULL;
  GObject *(*from_row) (CrmStmt *stmt);
  const char *sql;
  int rc;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (type == CRM_TYPE_CUSTOMER)
    {
      sql = "SELECT id, name, company, email, phone, status, notes, created_at, updated_at, "
            "version, changed_by "
            "FROM customers ORDER BY id";
      from_row = crm_repository_customer_from_row;
    }
  else if (type == CRM_TYPE_INTERACTION)
    {
      sql = "SELECT id, customer_id, interaction_type, notes, occurred_at, created_at, "
            "version, changed_by "
            "FROM interactions ORDER BY id";
      from_row = crm_repository_interaction_from_row;
    }
  else if (type == CRM_TYPE_OPPORTUNITY)
    {
      sql = "SELECT id, customer_id, title, value, stage, probability, position, "
            "created_at, updated_at, version, changed_by FROM opportunities ORDER BY id";
      from_row = opportunity_from_row;
    }
  else
    g_return_val_if_reached (FALSE);

  stmt = crm_repository_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GObject) object = from_row (stmt);

      if (!func (object, user_data, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return crm_repository_set_error (self, error);
  return TRUE;
}

/* Returns the number of rows of @type's table, or -1 with @error set. */
gint64
crm_repository_count (CrmRepository  *self,
                      GType           type,
                      GError        **error)
{
  g_autoptr(CrmStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *table = table_for_type (type);

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), -1);
  g_return_val_if_fail (table != NULL, -1);

  sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  stmt = crm_repository_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      crm_repository_set_error (self, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* Whether a row of @type with @id exists; %FALSE with @error on failure. */
gboolean
crm_repository_has_id (CrmRepository  *self,
                       GType           type,
                       gint64          id,
                       GError        **error)
{
  g_autofree char *sql = NULL;
  const char *table = table_for_type (type);

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
  return crm_repository_row_exists (self, sql, id, error);
}

/* The position after the last opportunity of @stage (0 for an empty one). */
gboolean
crm_repository_next_position (CrmRepository  *self,
                              CrmStage        stage,
                              gint64         *position,
                              GError        **error)
{
  g_autoptr(CrmStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);

  stmt = crm_repository_prepare (self,
                                 "SELECT coalesce(max(position) + 1, 0) FROM opportunities "
                                 "WHERE stage = ?",
                                 error);
  if (stmt == NULL)
    return FALSE;
  crm_stmt_bind_text (stmt, 1, crm_stage_to_string (stage));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return crm_repository_set_error (self, error);
  *position = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Appends to @out the first column of each row @sql returns. */
static gboolean
collect_names (CrmRepository  *self,
               const char     *sql,
               GPtrArray      *out,
               GError        **error)
{
  g_autoptr(CrmStmt) stmt = crm_repository_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup (crm_stmt_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    return crm_repository_set_error (self, error);
  return TRUE;
}

/* The customers' search indexes: FTS5 tables named customers_*. */
#define SEARCH_TABLES_SQL \
  "SELECT name FROM sqlite_master WHERE type = 'table' " \
  "AND name GLOB 'customers_*' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%' " \
  "ORDER BY name"

/**
 * crm_repository_check_health:
 * @problems: (element-type utf8): receives one sentence per problem found
 *
 * Runs SQLite's integrity_check and foreign_key_check, and FTS5's own
 * integrity-check of the search index. Returns %FALSE only
 * when the checks themselves cannot run; a database is healthy when this
 * returns %TRUE and @problems stayed empty.
 */
gboolean
crm_repository_check_health (CrmRepository  *self,
                             GPtrArray      *problems,
                             GError        **error)
{
  g_autoptr(GPtrArray) search = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  db = crm_repository_get_db (self);

  /* Not cached: these run once. */
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    return crm_repository_set_error (self, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *)sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (text, "ok") != 0)
        g_ptr_array_add (problems, g_strdup_printf (_("Integrity: %s"), text ? text : ""));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return crm_repository_set_error (self, error);

  if (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    return crm_repository_set_error (self, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *table = (const char *)sqlite3_column_text (stmt, 0);
      const char *parent = (const char *)sqlite3_column_text (stmt, 2);

      g_ptr_array_add (problems,
                       /* Translators: “row 12 of interactions points at a missing row of customers” */
                       g_strdup_printf (_("Row %lld of %s points at a missing row of %s"),
                                        (long long)sqlite3_column_int64 (stmt, 1),
                                        table ? table : "", parent ? parent : ""));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return crm_repository_set_error (self, error);

  /* integrity_check does not look inside FTS5: ask each search index to
   * compare itself with the customers' text (rank 1: with the content). */
  if (!collect_names (self, SEARCH_TABLES_SQL, search, error))
    return FALSE;
  for (guint i = 0; i < search->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO \"%1$s\" (\"%1$s\", rank) "
                                              "VALUES ('integrity-check', 1)",
                                              (char *)search->pdata[i]);

      rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
      if (rc == SQLITE_CORRUPT_VTAB || rc == SQLITE_CORRUPT)
        {
          g_ptr_array_add (problems, g_strdup (_("The search index does not match the customers")));
          break;
        }
      if (rc != SQLITE_OK)
        return crm_repository_set_error (self, error);
    }
  return TRUE;
}

/**
 * crm_repository_announce_bulk_change:
 *
 * Tells this repository's listeners that another connection (an import)
 * changed any number of rows: emits #CrmRepository::changed with id 0
 * (“reload”) for each entity type.
 */
void
crm_repository_announce_bulk_change (CrmRepository *self)
{
  g_return_if_fail (CRM_IS_REPOSITORY (self));

  crm_repository_emit_changed (self, CRM_TYPE_CUSTOMER, 0, CRM_CHANGE_UPDATED);
  crm_repository_emit_changed (self, CRM_TYPE_INTERACTION, 0, CRM_CHANGE_UPDATED);
  crm_repository_emit_changed (self, CRM_TYPE_OPPORTUNITY, 0, CRM_CHANGE_UPDATED);
  crm_repository_mark_seen (self);
}

#define BULK_STATE_KEY "crm-bulk-state"

/* FTS5 buffers new terms in memory and writes a segment whenever the
 * buffer passes its “hashsize” (1 MB by default); a million customers
 * then make tens of thousands of segments to merge. For one bulk
 * indexing statement a 32 MB buffer halves the time (on 200,000
 * customers, 7.2 instead of 15.7 billion instructions). The setting is
 * stored in the index, so it is put back right after. */
#define FTS_BULK_HASHSIZE (32 * 1024 * 1024)
#define FTS_DEFAULT_HASHSIZE (1024 * 1024)

typedef enum {
  BULK_REBUILD,
  BULK_APPEND,
} BulkMode;

typedef struct {
  BulkMode   mode;
  GPtrArray *search;   /* the names of the customers' FTS5 indexes */
  GPtrArray *create;   /* the SQL of what was dropped, to recreate it */
} BulkState;

static void
bulk_state_free (gpointer data)
{
  BulkState *state = data;

  g_ptr_array_unref (state->search);
  g_ptr_array_unref (state->create);
  g_free (state);
}

/* Starts a bulk insert: finds the customers' search indexes (each FTS5
 * table over customers keeps itself current with triggers named after
 * it: NAME_insert, NAME_update, NAME_delete), drops the triggers among
 * @trigger_kinds and, when @drop_indexes, the customers' indexes, and
 * keeps their SQL to recreate them. */
static gboolean
begin_bulk (CrmRepository       *self,
            BulkMode             mode,
            const char * const  *trigger_kinds,
            gboolean             drop_indexes,
            GError             **error)
{
  g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) where = g_string_new ("0");
  BulkState *state;

  if (g_object_get_data (G_OBJECT (self), BULK_STATE_KEY) != NULL)
    return TRUE;

  state = g_new0 (BulkState, 1);
  state->mode = mode;
  state->search = g_ptr_array_new_with_free_func (g_free);
  state->create = g_ptr_array_new_with_free_func (g_free);
  if (!collect_names (self, SEARCH_TABLES_SQL, state->search, error))
    {
      bulk_state_free (state);
      return FALSE;
    }
  for (guint i = 0; i < state->search->len; i++)
    for (guint k = 0; trigger_kinds[k] != NULL; k++)
      {
        g_autofree char *name = g_strdup_printf ("%s_%s", (char *)state->search->pdata[i],
                                                 trigger_kinds[k]);
        char *quoted = sqlite3_mprintf (" OR (type = 'trigger' AND name = %Q)", name);

        g_string_append (where, quoted);
        sqlite3_free (quoted);
      }
  if (drop_indexes)
    g_string_append (where, " OR type = 'index'");

  {
    g_autofree char *sql = g_strdup_printf ("SELECT type, name, sql FROM sqlite_master "
                                            "WHERE tbl_name = 'customers' AND sql IS NOT NULL "
                                            "AND (%s)", where->str);
    g_autoptr(CrmStmt) stmt = crm_repository_prepare (self, sql, error);
    int rc;

    if (stmt == NULL)
      {
        bulk_state_free (state);
        return FALSE;
      }
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        g_ptr_array_add (dropped, g_strdup_printf ("DROP %s \"%s\"",
                                                   crm_stmt_column_text (stmt, 0),
                                                   crm_stmt_column_text (stmt, 1)));
        g_ptr_array_add (state->create, g_strdup (crm_stmt_column_text (stmt, 2)));
      }
    if (rc != SQLITE_DONE)
      {
        bulk_state_free (state);
        return crm_repository_set_error (self, error);
      }
  }
  for (guint i = 0; i < dropped->len; i++)
    if (!crm_repository_exec (self, dropped->pdata[i], error))
      {
        bulk_state_free (state);
        return FALSE;
      }
  g_object_set_data_full (G_OBJECT (self), BULK_STATE_KEY, state, bulk_state_free);
  return TRUE;
}

/**
 * crm_repository_begin_bulk_insert:
 *
 * For an import of many customers into a table that holds fewer, inside
 * crm_repository_begin(): drops the search indexes' triggers and the
 * customers' secondary indexes (row-by-row inserts into them cost several
 * times the insert) and gives SQLite a larger page cache.
 * crm_repository_end_bulk_insert() recreates them from their saved SQL and
 * rebuilds the search indexes once, each in a single sorted pass. The
 * drops happen inside the transaction, so a rollback restores them by
 * itself.
 */
gboolean
crm_repository_begin_bulk_insert (CrmRepository  *self,
                                  GError        **error)
{
  static const char * const all[] = { "insert", "update", "delete", NULL };

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);

  return crm_repository_exec (self, "PRAGMA cache_size = -65536", error)
         && begin_bulk (self, BULK_REBUILD, all, TRUE, error);
}

/**
 * crm_repository_begin_bulk_append:
 *
 * For an import of any size into a table of any size, inside
 * crm_repository_begin(): defers the search indexing of added and changed
 * customers to crm_repository_end_bulk_insert(), which indexes them in
 * one statement per search index.
 *
 * Row by row, the search indexes' triggers cost far more than the insert:
 * each trigger makes its statement open a savepoint, and FTS5 writes its
 * pending terms out as a new segment at every savepoint. Here temporary
 * triggers only note the ids (and, for a change, the indexed text it
 * replaces, which FTS5 needs to remove it). A delete of a row added in
 * the same bulk insert is not supported.
 */
gboolean
crm_repository_begin_bulk_append (CrmRepository  *self,
                                  GError        **error)
{
  static const char * const writes[] = { "insert", "update", NULL };

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);

  if (g_object_get_data (G_OBJECT (self), BULK_STATE_KEY) != NULL)
    return TRUE;
  return begin_bulk (self, BULK_APPEND, writes, FALSE, error)
         && crm_repository_exec (self,
                                 "CREATE TEMP TABLE crm_bulk_added (id INTEGER PRIMARY KEY);"
                                 "CREATE TEMP TABLE crm_bulk_replaced ("
                                 "  id INTEGER PRIMARY KEY, name, company, email, phone);"
                                 "CREATE TEMP TRIGGER crm_bulk_on_insert AFTER INSERT ON main.customers"
                                 " BEGIN"
                                 "  INSERT OR IGNORE INTO crm_bulk_added (id) VALUES (new.id);"
                                 " END;"
                                 "CREATE TEMP TRIGGER crm_bulk_on_update"
                                 " AFTER UPDATE OF name, company, email, phone ON main.customers"
                                 " WHEN new.id NOT IN (SELECT id FROM crm_bulk_added)"
                                 " BEGIN"
                                 "  INSERT OR IGNORE INTO crm_bulk_replaced"
                                 "  VALUES (old.id, old.name, old.company, old.email, old.phone);"
                                 " END;",
                                 error);
}

/* Brings the search index @table up to date, in one statement. */
static gboolean
index_bulk (CrmRepository  *self,
            BulkMode        mode,
            const char     *table,
            GError        **error)
{
  g_autofree char *sql = NULL;

  if (mode == BULK_REBUILD)
    sql = g_strdup_printf ("INSERT INTO \"%s\" (\"%s\") VALUES ('rebuild')", table, table);
  else
    /* What the temporary triggers noted: out with the replaced text, in
     * with the added and the new. */
    sql = g_strdup_printf ("INSERT INTO \"%1$s\" (\"%1$s\", rowid, name, company, email, phone)"
                           "  SELECT 'delete', id, name, company, email, phone"
                           "  FROM temp.crm_bulk_replaced;"
                           "INSERT INTO \"%1$s\" (rowid, name, company, email, phone)"
                           "  SELECT id, name, company, email, phone FROM main.customers"
                           "  WHERE id IN (SELECT id FROM temp.crm_bulk_added"
                           "               UNION ALL SELECT id FROM temp.crm_bulk_replaced);",
                           table);
  return crm_repository_exec (self, sql, error);
}

static gboolean
set_fts_hashsize (CrmRepository  *self,
                  const char     *table,
                  int             bytes,
                  GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO \"%1$s\" (\"%1$s\", rank) "
                                          "VALUES ('hashsize', %2$d)", table, bytes);

  return crm_repository_exec (self, sql, error);
}

/* Recreates what begin dropped and brings the search indexes up to date. */
gboolean
crm_repository_end_bulk_insert (CrmRepository  *self,
                                GError        **error)
{
  BulkState *state;
  gboolean ok = TRUE;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);

  state = g_object_steal_data (G_OBJECT (self), BULK_STATE_KEY);
  if (state == NULL)
    return TRUE;
  for (guint i = 0; ok && i < state->create->len; i++)
    ok = crm_repository_exec (self, state->create->pdata[i], error);
  for (guint i = 0; ok && i < state->search->len; i++)
    {
      const char *table = state->search->pdata[i];

      ok = set_fts_hashsize (self, table, FTS_BULK_HASHSIZE, error)
           && index_bulk (self, state->mode, table, error)
           && set_fts_hashsize (self, table, FTS_DEFAULT_HASHSIZE, error);
    }
  if (ok && state->mode == BULK_APPEND)
    ok = crm_repository_exec (self,
                              "DROP TRIGGER temp.crm_bulk_on_insert;"
                              "DROP TRIGGER temp.crm_bulk_on_update;"
                              "DROP TABLE temp.crm_bulk_added;"
                              "DROP TABLE temp.crm_bulk_replaced;",
                              error);
  if (state->mode == BULK_REBUILD)
    crm_repository_exec (self, "PRAGMA cache_size = -2000", NULL);
  bulk_state_free (state);
  return ok;
}

/* After a rollback, which restored the schema by itself. */
void
crm_repository_abort_bulk_insert (CrmRepository *self)
{
  BulkState *state;

  g_return_if_fail (CRM_IS_REPOSITORY (self));

  state = g_object_steal_data (G_OBJECT (self), BULK_STATE_KEY);
  if (state == NULL)
    return;
  if (state->mode == BULK_REBUILD)
    crm_repository_exec (self, "PRAGMA cache_size = -2000", NULL);
  bulk_state_free (state);
}
