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
      sql = "SELECT id, name, company, email, phone, status, notes, created_at, updated_at "
            "FROM customers ORDER BY id";
      from_row = crm_repository_customer_from_row;
    }
  else if (type == CRM_TYPE_INTERACTION)
    {
      sql = "SELECT id, customer_id, interaction_type, notes, occurred_at, created_at "
            "FROM interactions ORDER BY id";
      from_row = crm_repository_interaction_from_row;
    }
  else if (type == CRM_TYPE_OPPORTUNITY)
    {
      sql = "SELECT id, customer_id, title, value, stage, probability, position, "
            "created_at, updated_at FROM opportunities ORDER BY id";
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

/**
 * crm_repository_check_health:
 * @problems: (element-type utf8): receives one sentence per problem found
 *
 * Runs SQLite's integrity_check and foreign_key_check. Returns %FALSE only
 * when the checks themselves cannot run; a database is healthy when this
 * returns %TRUE and @problems stayed empty.
 */
gboolean
crm_repository_check_health (CrmRepository  *self,
                             GPtrArray      *problems,
                             GError        **error)
{
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
}

#define SAVED_SCHEMA_KEY "crm-bulk-saved-schema"

/**
 * crm_repository_begin_bulk_insert:
 *
 * For an import of many customers, inside crm_repository_begin(): drops
 * the per-row search indexing trigger and the customers' secondary
 * indexes (row-by-row inserts into them cost several times the insert)
 * and gives SQLite a larger page cache. crm_repository_end_bulk_insert()
 * recreates them from their saved SQL and rebuilds the search index once,
 * each in a single sorted pass. The drops happen inside the transaction,
 * so a rollback restores them by itself.
 */
gboolean
crm_repository_begin_bulk_insert (CrmRepository  *self,
                                  GError        **error)
{
  g_autoptr(CrmStmt) stmt = NULL;
  g_autoptr(GPtrArray) create = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) drop = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);

  if (g_object_get_data (G_OBJECT (self), SAVED_SCHEMA_KEY) != NULL)
    return TRUE;

  stmt = crm_repository_prepare (self,
                                 "SELECT type, name, sql FROM sqlite_master "
                                 "WHERE tbl_name = 'customers' AND sql IS NOT NULL "
                                 "AND ((type = 'trigger' "
                                 "      AND name IN ('customers_fts_insert', 'customers_grams_insert')) "
                                 "     OR type = 'index')",
                                 error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (drop, g_strdup_printf ("DROP %s \"%s\"",
                                              crm_stmt_column_text (stmt, 0),
                                              crm_stmt_column_text (stmt, 1)));
      g_ptr_array_add (create, g_strdup (crm_stmt_column_text (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    return crm_repository_set_error (self, error);
  g_clear_pointer (&stmt, crm_stmt_release);

  if (!crm_repository_exec (self, "PRAGMA cache_size = -65536", error))
    return FALSE;
  for (guint i = 0; i < drop->len; i++)
    if (!crm_repository_exec (self, drop->pdata[i], error))
      return FALSE;
  g_object_set_data_full (G_OBJECT (self), SAVED_SCHEMA_KEY, g_steal_pointer (&create),
                          (GDestroyNotify)g_ptr_array_unref);
  return TRUE;
}

/* Recreates what begin dropped and rebuilds the search index. */
gboolean
crm_repository_end_bulk_insert (CrmRepository  *self,
                                GError        **error)
{
  g_autoptr(GPtrArray) create = NULL;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);

  create = g_object_steal_data (G_OBJECT (self), SAVED_SCHEMA_KEY);
  if (create == NULL)
    return TRUE;
  for (guint i = 0; i < create->len; i++)
    if (!crm_repository_exec (self, create->pdata[i], error))
      return FALSE;
  if (!crm_repository_exec (self, "INSERT INTO customers_fts (customers_fts) VALUES ('rebuild')",
                            error)
      || !crm_repository_exec (self, "INSERT INTO customers_grams (customers_grams) VALUES ('rebuild')",
                               error))
    return FALSE;
  crm_repository_exec (self, "PRAGMA cache_size = -2000", NULL);
  return TRUE;
}

/* After a rollback, which restored the schema by itself. */
void
crm_repository_abort_bulk_insert (CrmRepository *self)
{
  g_return_if_fail (CRM_IS_REPOSITORY (self));

  if (g_object_get_data (G_OBJECT (self), SAVED_SCHEMA_KEY) == NULL)
    return;
  g_object_set_data (G_OBJECT (self), SAVED_SCHEMA_KEY, NULL);
  crm_repository_exec (self, "PRAGMA cache_size = -2000", NULL);
}
