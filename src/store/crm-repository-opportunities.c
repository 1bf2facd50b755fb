/* crm-repository-opportunities.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-repository-private.h"

#define OPPORTUNITY_COLUMNS \
  "o.id, o.customer_id, o.title, o.value, o.stage, o.probability, o.position, " \
  "o.created_at, o.updated_at, o.version, o.changed_by, c.name"
#define OPPORTUNITY_FROM \
  " FROM opportunities o JOIN customers c ON c.id = o.customer_id"

static GObject *
opportunity_from_row (CrmStmt *stmt)
{
  g_autoptr(GDateTime) created_at = crm_stmt_column_time (stmt, 7);
  g_autoptr(GDateTime) updated_at = crm_stmt_column_time (stmt, 8);
  CrmStage stage = CRM_STAGE_LEAD;

  crm_stage_from_string (crm_stmt_column_text (stmt, 4), &stage, NULL);
  return g_object_new (CRM_TYPE_OPPORTUNITY,
                       "id", (gint64)sqlite3_column_int64 (stmt, 0),
                       "customer-id", (gint64)sqlite3_column_int64 (stmt, 1),
                       "title", crm_stmt_column_text (stmt, 2),
                       "value", (gint64)sqlite3_column_int64 (stmt, 3),
                       "stage", stage,
                       "probability", sqlite3_column_int (stmt, 5),
                       "position", (gint64)sqlite3_column_int64 (stmt, 6),
                       "created-at", created_at,
                       "updated-at", updated_at,
                       "version", (gint64)sqlite3_column_int64 (stmt, 9),
                       "changed-by", crm_stmt_column_text (stmt, 10),
                       "customer-name",
                       sqlite3_column_count (stmt) > 11 ? crm_stmt_column_text (stmt, 11) : "",
                       NULL);
}

static gboolean
next_position (CrmRepository  *self,
               CrmStage        stage,
               gint64         *position,
               GError        **error)
{
  g_autoptr(CrmStmt) stmt =
    crm_repository_prepare (self,
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

static void
bind_opportunity_fields (CrmStmt        *stmt,
                         CrmOpportunity *opportunity)
{
  sqlite3_bind_int64 (stmt, 1, crm_opportunity_get_customer_id (opportunity));
  crm_stmt_bind_text (stmt, 2, crm_opportunity_get_title (opportunity));
  sqlite3_bind_int64 (stmt, 3, crm_opportunity_get_value (opportunity));
  crm_stmt_bind_text (stmt, 4, crm_stage_to_string (crm_opportunity_get_stage (opportunity)));
  sqlite3_bind_int (stmt, 5, crm_opportunity_get_probability (opportunity));
  sqlite3_bind_int64 (stmt, 6, crm_opportunity_get_position (opportunity));
}

/**
 * crm_repository_add_opportunity:
 *
 * A new opportunity (id 0) goes to the end of its stage's column. One
 * that already has an id (an import, an undo) keeps it, its position and
 * its timestamps.
 */
gboolean
crm_repository_add_opportunity (CrmRepository   *self,
                                CrmOpportunity  *opportunity,
                                GError         **error)
{
  g_autoptr(CrmStmt) stmt = NULL;
  g_autoptr(GDateTime) now = crm_time_now ();
  g_autoptr(CrmCustomer) customer = NULL;
  gint64 id;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (opportunity), FALSE);

  if (!crm_opportunity_validate (opportunity, error)
      || !crm_repository_check_customer (self, crm_opportunity_get_customer_id (opportunity), error))
    return FALSE;
  id = crm_opportunity_get_id (opportunity);
  if (id > 0 && crm_repository_row_exists (self, "SELECT 1 FROM opportunities WHERE id = ?", id, NULL))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_EXISTS,
                   _("An opportunity with id %lld already exists"), (long long) id);
      return FALSE;
    }
  if (id == 0)
    {
      gint64 position = 0;

      if (!next_position (self, crm_opportunity_get_stage (opportunity), &position, error))
        return FALSE;
      crm_opportunity_set_position (opportunity, position);
    }
  if (crm_opportunity_get_created_at (opportunity) == NULL)
    crm_opportunity_set_created_at (opportunity, now);
  if (crm_opportunity_get_updated_at (opportunity) == NULL)
    crm_opportunity_set_updated_at (opportunity, crm_opportunity_get_created_at (opportunity));

  stmt = crm_repository_prepare (self,
                                 "INSERT INTO opportunities (customer_id, title, value, stage, "
                                 "probability, position, id, created_at, updated_at, version, changed_by) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  bind_opportunity_fields (stmt, opportunity);
  if (id > 0)
    sqlite3_bind_int64 (stmt, 7, id);
  crm_stmt_bind_time (stmt, 8, crm_opportunity_get_created_at (opportunity));
  crm_stmt_bind_time (stmt, 9, crm_opportunity_get_updated_at (opportunity));
  crm_stmt_bind_text (stmt, 10, crm_repository_get_user_name (self));
  if (!crm_repository_step_done (self, stmt, error))
    return FALSE;

  crm_opportunity_set_id (opportunity, sqlite3_last_insert_rowid (crm_repository_get_db (self)));
  crm_opportunity_set_version (opportunity, 1);
  crm_opportunity_set_changed_by (opportunity, crm_repository_get_user_name (self));
  customer = crm_repository_get_customer (self, crm_opportunity_get_customer_id (opportunity), NULL);
  if (customer != NULL)
    crm_opportunity_set_customer_name (opportunity, crm_customer_get_name (customer));
  crm_repository_emit_changed (self, CRM_TYPE_OPPORTUNITY, crm_opportunity_get_id (opportunity),
                               CRM_CHANGE_ADDED);
  return TRUE;
}

CrmOpportunity *
crm_repository_get_opportunity (CrmRepository  *self,
                                gint64          id,
                                GError        **error)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), NULL);

  return crm_repository_get_row (self,
                                 "SELECT " OPPORTUNITY_COLUMNS OPPORTUNITY_FROM " WHERE o.id = ?",
                                 id, CRM_TYPE_OPPORTUNITY, opportunity_from_row, error);
}

/**
 * crm_repository_update_opportunity:
 *
 * Writes every field as it is on @opportunity, position included, and
 * moves updated_at forward. As crm_repository_update_customer():
 * %CRM_ERROR_CONFLICT when the row was changed since @opportunity was
 * read, unless its version is 0.
 */
gboolean
crm_repository_update_opportunity (CrmRepository   *self,
                                   CrmOpportunity  *opportunity,
                                   GError         **error)
{
  g_autoptr(CrmStmt) stmt = NULL;
  g_autoptr(CrmOpportunity) stored = NULL;
  g_autoptr(GDateTime) updated_at = NULL;
  gint64 version;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (opportunity), FALSE);

  stored = crm_repository_get_opportunity (self, crm_opportunity_get_id (opportunity), error);
  if (stored == NULL)
    return FALSE;
  /* Changed since it was read: fail before anything else, saying by
   * whom (the row is read again for that; the UPDATE below decides). */
  if (crm_opportunity_get_version (opportunity) != 0
      && crm_opportunity_get_version (opportunity) != crm_opportunity_get_version (stored)
      && !crm_repository_check_version (self, CRM_TYPE_OPPORTUNITY, crm_opportunity_get_id (opportunity),
                                        crm_opportunity_get_version (opportunity), error))
    return FALSE;
  if (!crm_opportunity_validate (opportunity, error)
      || !crm_repository_check_customer (self, crm_opportunity_get_customer_id (opportunity), error))
    return FALSE;

  stmt = crm_repository_prepare (self,
                                 "UPDATE opportunities SET customer_id = ?1, title = ?2, value = ?3, "
                                 "stage = ?4, probability = ?5, position = ?6, updated_at = ?8, "
                                 "version = version + 1, changed_by = ?10 "
                                 "WHERE id = ?7 AND (?9 = 0 OR version = ?9) RETURNING version",
                                 error);
  if (stmt == NULL)
    return FALSE;
  updated_at = crm_repository_next_time (crm_opportunity_get_updated_at (stored));
  bind_opportunity_fields (stmt, opportunity);
  sqlite3_bind_int64 (stmt, 7, crm_opportunity_get_id (opportunity));
  crm_stmt_bind_time (stmt, 8, updated_at);
  sqlite3_bind_int64 (stmt, 9, crm_opportunity_get_version (opportunity));
  crm_stmt_bind_text (stmt, 10, crm_repository_get_user_name (self));
  if (!crm_repository_step_returning (self, stmt, &version, error))
    return FALSE;
  if (version == 0)
    {
      g_clear_pointer (&stmt, crm_stmt_release);
      if (crm_repository_check_version (self, CRM_TYPE_OPPORTUNITY, crm_opportunity_get_id (opportunity),
                                        crm_opportunity_get_version (opportunity), error))
        crm_repository_set_not_found (CRM_TYPE_OPPORTUNITY, crm_opportunity_get_id (opportunity), error);
      return FALSE;
    }

  crm_opportunity_set_created_at (opportunity, crm_opportunity_get_created_at (stored));
  crm_opportunity_set_updated_at (opportunity, updated_at);
  crm_opportunity_set_version (opportunity, version);
  crm_opportunity_set_changed_by (opportunity, crm_repository_get_user_name (self));
  crm_repository_emit_changed (self, CRM_TYPE_OPPORTUNITY, crm_opportunity_get_id (opportunity),
                               CRM_CHANGE_UPDATED);
  return TRUE;
}

/**
 * crm_repository_delete_opportunity:
 * @version: the version it was read with, or 0 for whatever is stored
 *
 * %CRM_ERROR_CONFLICT when it was changed since it was read at @version.
 */
gboolean
crm_repository_delete_opportunity (CrmRepository  *self,
                                   gint64          id,
                                   gint64          version,
                                   GError        **error)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);

  return crm_repository_delete_row (self,
                                    "DELETE FROM opportunities WHERE id = ?1 AND (?2 = 0 OR version = ?2)",
                                    id, version, CRM_TYPE_OPPORTUNITY, error);
}

/**
 * crm_repository_list_opportunities:
 * @customer_id: one customer's, or 0 for everyone's
 *
 * Returns: (transfer full) (element-type CrmOpportunity): a page, in
 *   pipeline order (stage, then position)
 */
GPtrArray *
crm_repository_list_opportunities (CrmRepository  *self,
                                   gint64          customer_id,
                                   guint           offset,
                                   guint           limit,
                                   GError        **error)
{
  g_autoptr(CrmStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), NULL);

  stmt = crm_repository_prepare (self,
                                 "SELECT " OPPORTUNITY_COLUMNS OPPORTUNITY_FROM
                                 " WHERE ?1 = 0 OR o.customer_id = ?1"
                                 " ORDER BY CASE o.stage WHEN 'lead' THEN 0 WHEN 'proposal' THEN 1"
                                 " WHEN 'negotiation' THEN 2 WHEN 'closed' THEN 3 ELSE 4 END,"
                                 " o.position, o.id LIMIT ?2 OFFSET ?3",
                                 error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  sqlite3_bind_int64 (stmt, 3, offset);
  return crm_repository_collect_rows (self, stmt, opportunity_from_row, error);
}

/**
 * crm_repository_count_opportunities:
 * @customer_id: one customer's, or 0 for everyone's
 *
 * Returns: the count, or -1 on error
 */
gint64
crm_repository_count_opportunities (CrmRepository  *self,
                                    gint64          customer_id,
                                    GError        **error)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), -1);

  return crm_repository_count_rows (self,
                                    "SELECT count(*) FROM opportunities "
                                    "WHERE ?1 = 0 OR customer_id = ?1",
                                    customer_id, error);
}

/* The row reader, shared with crm-repository-pipeline.c (same columns as
 * CRM_OPPORTUNITY_COLUMNS). */
CrmOpportunity *
crm_repository_opportunity_from_row (CrmStmt *stmt)
{
  return CRM_OPPORTUNITY (opportunity_from_row (stmt));
}
