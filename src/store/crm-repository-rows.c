/* crm-repository-rows.c: adding generated or imported rows in bulk
 *
 * crm_repository_add_interaction() and _add_opportunity() look the
 * customer up twice per row (to say “Customer 12 does not exist” in words
 * and to fill in the customer's name) and look for a free position; for
 * millions of rows written by one caller that already knows the customer
 * exists, those reads cost more than the insert. These skip them: the
 * foreign key still refuses a missing customer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "crm-repository-private.h"
#include "crm-repository-rows.h"

/**
 * crm_repository_bulk_add_interaction:
 * @interaction: a valid interaction of an existing customer, with
 *   occurred_at and created_at set; its id is set
 *
 * Inserts the row without the customer checks of
 * crm_repository_add_interaction(); call it inside crm_repository_begin().
 */
gboolean
crm_repository_bulk_add_interaction (CrmRepository   *self,
                                     CrmInteraction  *interaction,
                                     GError         **error)
{
  g_autoptr(CrmStmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (CRM_IS_INTERACTION (interaction), FALSE);
  g_return_val_if_fail (crm_interaction_get_occurred_at (interaction) != NULL, FALSE);
  g_return_val_if_fail (crm_interaction_get_created_at (interaction) != NULL, FALSE);

  if (!crm_interaction_validate (interaction, error))
    return FALSE;
  stmt = crm_repository_prepare (self,
                                 "INSERT INTO interactions (id, customer_id, interaction_type, "
                                 "notes, occurred_at, created_at, updated_at, version, changed_by) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, 1, ?7)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  id = crm_interaction_get_id (interaction);
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, crm_interaction_get_customer_id (interaction));
  crm_stmt_bind_text (stmt, 3,
                      crm_interaction_type_to_string (crm_interaction_get_interaction_type (interaction)));
  crm_stmt_bind_text (stmt, 4, crm_interaction_get_notes (interaction));
  crm_stmt_bind_time (stmt, 5, crm_interaction_get_occurred_at (interaction));
  crm_stmt_bind_time (stmt, 6, crm_interaction_get_created_at (interaction));
  crm_stmt_bind_text (stmt, 7, crm_repository_get_user_name (self));
  if (!crm_repository_step_done (self, stmt, error))
    return FALSE;
  crm_interaction_set_id (interaction, sqlite3_last_insert_rowid (crm_repository_get_db (self)));
  crm_repository_emit_changed (self, CRM_TYPE_INTERACTION, crm_interaction_get_id (interaction),
                               CRM_CHANGE_ADDED);
  return TRUE;
}

/**
 * crm_repository_bulk_add_opportunity:
 * @opportunity: a valid opportunity of an existing customer, with its
 *   position in its stage and both timestamps set; its id is set
 *
 * As crm_repository_bulk_add_interaction(): the caller keeps positions
 * dense.
 */
gboolean
crm_repository_bulk_add_opportunity (CrmRepository   *self,
                                     CrmOpportunity  *opportunity,
                                     GError         **error)
{
  g_autoptr(CrmStmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (opportunity), FALSE);
  g_return_val_if_fail (crm_opportunity_get_created_at (opportunity) != NULL, FALSE);
  g_return_val_if_fail (crm_opportunity_get_updated_at (opportunity) != NULL, FALSE);

  if (!crm_opportunity_validate (opportunity, error))
    return FALSE;
  stmt = crm_repository_prepare (self,
                                 "INSERT INTO opportunities (id, customer_id, title, value, stage, "
                                 "probability, position, created_at, updated_at, version, changed_by) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  id = crm_opportunity_get_id (opportunity);
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, crm_opportunity_get_customer_id (opportunity));
  crm_stmt_bind_text (stmt, 3, crm_opportunity_get_title (opportunity));
  sqlite3_bind_int64 (stmt, 4, crm_opportunity_get_value (opportunity));
  crm_stmt_bind_text (stmt, 5, crm_stage_to_string (crm_opportunity_get_stage (opportunity)));
  sqlite3_bind_int (stmt, 6, crm_opportunity_get_probability (opportunity));
  sqlite3_bind_int64 (stmt, 7, crm_opportunity_get_position (opportunity));
  crm_stmt_bind_time (stmt, 8, crm_opportunity_get_created_at (opportunity));
  crm_stmt_bind_time (stmt, 9, crm_opportunity_get_updated_at (opportunity));
  crm_stmt_bind_text (stmt, 10, crm_repository_get_user_name (self));
  if (!crm_repository_step_done (self, stmt, error))
    return FALSE;
  crm_opportunity_set_id (opportunity, sqlite3_last_insert_rowid (crm_repository_get_db (self)));
  crm_repository_emit_changed (self, CRM_TYPE_OPPORTUNITY, crm_opportunity_get_id (opportunity),
                               CRM_CHANGE_ADDED);
  return TRUE;
}
