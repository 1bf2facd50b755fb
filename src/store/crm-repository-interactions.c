/* crm-repository-interactions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-repository-private.h"

#define INTERACTION_COLUMNS \
  "i.id, i.customer_id, i.interaction_type, i.notes, i.occurred_at, i.created_at, " \
  "i.version, i.changed_by, c.name"
#define INTERACTION_FROM \
  " FROM interactions i JOIN customers c ON c.id = i.customer_id"

/* The row reader of INTERACTION_COLUMNS, shared with the other store
 * files; the customer's name (a join) is read when the statement has it. */
GObject *
crm_repository_interaction_from_row (CrmStmt *stmt)
{
  g_autoptr(GDateTime) occurred_at = crm_stmt_column_time (stmt, 4);
  g_autoptr(GDateTime) created_at = crm_stmt_column_time (stmt, 5);
  CrmInteractionType type = CRM_INTERACTION_TYPE_OTHER;

  crm_interaction_type_from_string (crm_stmt_column_text (stmt, 2), &type, NULL);
  return g_object_new (CRM_TYPE_INTERACTION,
                       "id", (gint64)sqlite3_column_int64 (stmt, 0),
                       "customer-id", (gint64)sqlite3_column_int64 (stmt, 1),
                       "interaction-type", type,
                       "notes", crm_stmt_column_text (stmt, 3),
                       "occurred-at", occurred_at,
                       "created-at", created_at,
                       "version", (gint64)sqlite3_column_int64 (stmt, 6),
                       "changed-by", crm_stmt_column_text (stmt, 7),
                       "customer-name",
                       sqlite3_column_count (stmt) > 8 ? crm_stmt_column_text (stmt, 8) : "",
                       NULL);
}

/* The customer an interaction or opportunity points at must exist; say so
 * in words rather than as a foreign key failure. */
gboolean
crm_repository_check_customer (CrmRepository  *self,
                               gint64          customer_id,
                               GError        **error)
{
  if (crm_repository_row_exists (self, "SELECT 1 FROM customers WHERE id = ?", customer_id, NULL))
    return TRUE;
  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               _("Customer %lld does not exist"), (long long) customer_id);
  return FALSE;
}

/**
 * crm_repository_add_interaction:
 *
 * As crm_repository_add_customer(): an id and timestamps already set are
 * kept. occurred_at defaults to now.
 */
gboolean
crm_repository_add_interaction (CrmRepository   *self,
                                CrmInteraction  *interaction,
                                GError         **error)
{
  g_autoptr(CrmStmt) stmt = NULL;
  g_autoptr(GDateTime) now = crm_time_now ();
  g_autoptr(CrmCustomer) customer = NULL;
  GDateTime *occurred_at;
  GDateTime *created_at;
  gint64 id;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (CRM_IS_INTERACTION (interaction), FALSE);

  if (!crm_interaction_validate (interaction, error)
      || !crm_repository_check_customer (self, crm_interaction_get_customer_id (interaction), error))
    return FALSE;
  id = crm_interaction_get_id (interaction);
  if (id > 0 && crm_repository_row_exists (self, "SELECT 1 FROM interactions WHERE id = ?", id, NULL))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_EXISTS,
                   _("An interaction with id %lld already exists"), (long long) id);
      return FALSE;
    }

  if (crm_interaction_get_created_at (interaction) == NULL)
    crm_interaction_set_created_at (interaction, now);
  if (crm_interaction_get_occurred_at (interaction) == NULL)
    crm_interaction_set_occurred_at (interaction, crm_interaction_get_created_at (interaction));
  occurred_at = crm_interaction_get_occurred_at (interaction);
  created_at = crm_interaction_get_created_at (interaction);

  stmt = crm_repository_prepare (self,
                                 "INSERT INTO interactions (id, customer_id, interaction_type, "
                                 "notes, occurred_at, created_at, updated_at, version, changed_by) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, 1, ?7)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  if (id > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, crm_interaction_get_customer_id (interaction));
  crm_stmt_bind_text (stmt, 3,
                      crm_interaction_type_to_string (crm_interaction_get_interaction_type (interaction)));
  crm_stmt_bind_text (stmt, 4, crm_interaction_get_notes (interaction));
  crm_stmt_bind_time (stmt, 5, occurred_at);
  crm_stmt_bind_time (stmt, 6, created_at);
  crm_stmt_bind_text (stmt, 7, crm_repository_get_user_name (self));
  if (!crm_repository_step_done (self, stmt, error))
    return FALSE;

  crm_interaction_set_id (interaction, sqlite3_last_insert_rowid (crm_repository_get_db (self)));
  crm_interaction_set_version (interaction, 1);
  crm_interaction_set_changed_by (interaction, crm_repository_get_user_name (self));
  customer = crm_repository_get_customer (self, crm_interaction_get_customer_id (interaction), NULL);
  if (customer != NULL)
    crm_interaction_set_customer_name (interaction, crm_customer_get_name (customer));
  crm_repository_emit_changed (self, CRM_TYPE_INTERACTION, crm_interaction_get_id (interaction),
                               CRM_CHANGE_ADDED);
  return TRUE;
}

CrmInteraction *
crm_repository_get_interaction (CrmRepository  *self,
                                gint64          id,
                                GError        **error)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), NULL);

  return crm_repository_get_row (self,
                                 "SELECT " INTERACTION_COLUMNS INTERACTION_FROM " WHERE i.id = ?",
                                 id, CRM_TYPE_INTERACTION, crm_repository_interaction_from_row, error);
}

/**
 * crm_repository_update_interaction:
 * @interaction: an interaction read from this repository, then edited
 *
 * As crm_repository_update_customer(): %CRM_ERROR_CONFLICT when the row
 * was changed since @interaction was read, unless its version is 0.
 */
gboolean
crm_repository_update_interaction (CrmRepository   *self,
                                   CrmInteraction  *interaction,
                                   GError         **error)
{
  g_autoptr(CrmStmt) stmt = NULL;
  g_autoptr(CrmInteraction) stored = NULL;
  g_autoptr(GDateTime) now = crm_time_now ();
  gint64 version;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (CRM_IS_INTERACTION (interaction), FALSE);

  stored = crm_repository_get_interaction (self, crm_interaction_get_id (interaction), error);
  if (stored == NULL)
    return FALSE;
  /* Changed since it was read: fail before anything else, saying by
   * whom (the row is read again for that; the UPDATE below decides). */
  if (crm_interaction_get_version (interaction) != 0
      && crm_interaction_get_version (interaction) != crm_interaction_get_version (stored)
      && !crm_repository_check_version (self, CRM_TYPE_INTERACTION, crm_interaction_get_id (interaction),
                                        crm_interaction_get_version (interaction), error))
    return FALSE;
  if (!crm_interaction_validate (interaction, error)
      || !crm_repository_check_customer (self, crm_interaction_get_customer_id (interaction), error))
    return FALSE;
  if (crm_interaction_get_occurred_at (interaction) == NULL)
    crm_interaction_set_occurred_at (interaction, crm_interaction_get_occurred_at (stored));

  stmt = crm_repository_prepare (self,
                                 "UPDATE interactions SET customer_id = ?1, interaction_type = ?2, "
                                 "notes = ?3, occurred_at = ?4, updated_at = ?6, "
                                 "version = version + 1, changed_by = ?8 "
                                 "WHERE id = ?5 AND (?7 = 0 OR version = ?7) RETURNING version",
                                 error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, crm_interaction_get_customer_id (interaction));
  crm_stmt_bind_text (stmt, 2,
                      crm_interaction_type_to_string (crm_interaction_get_interaction_type (interaction)));
  crm_stmt_bind_text (stmt, 3, crm_interaction_get_notes (interaction));
  crm_stmt_bind_time (stmt, 4, crm_interaction_get_occurred_at (interaction));
  sqlite3_bind_int64 (stmt, 5, crm_interaction_get_id (interaction));
  crm_stmt_bind_time (stmt, 6, now);
  sqlite3_bind_int64 (stmt, 7, crm_interaction_get_version (interaction));
  crm_stmt_bind_text (stmt, 8, crm_repository_get_user_name (self));
  if (!crm_repository_step_returning (self, stmt, &version, error))
    return FALSE;
  if (version == 0)
    {
      g_clear_pointer (&stmt, crm_stmt_release);
      if (crm_repository_check_version (self, CRM_TYPE_INTERACTION, crm_interaction_get_id (interaction),
                                        crm_interaction_get_version (interaction), error))
        crm_repository_set_not_found (CRM_TYPE_INTERACTION, crm_interaction_get_id (interaction), error);
      return FALSE;
    }

  crm_interaction_set_created_at (interaction, crm_interaction_get_created_at (stored));
  crm_interaction_set_version (interaction, version);
  crm_interaction_set_changed_by (interaction, crm_repository_get_user_name (self));
  crm_repository_emit_changed (self, CRM_TYPE_INTERACTION, crm_interaction_get_id (interaction),
                               CRM_CHANGE_UPDATED);
  return TRUE;
}

/**
 * crm_repository_delete_interaction:
 * @version: the version it was read with, or 0 for whatever is stored
 *
 * %CRM_ERROR_CONFLICT when it was changed since it was read at @version.
 */
gboolean
crm_repository_delete_interaction (CrmRepository  *self,
                                   gint64          id,
                                   gint64          version,
                                   GError        **error)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);

  return crm_repository_delete_row (self,
                                    "DELETE FROM interactions WHERE id = ?1 AND (?2 = 0 OR version = ?2)",
                                    id, version, CRM_TYPE_INTERACTION, error);
}

/**
 * crm_repository_list_interactions:
 * @customer_id: one customer's, or 0 for everyone's
 *
 * Returns: (transfer full) (element-type CrmInteraction): a page of
 *   interactions, newest first
 */
GPtrArray *
crm_repository_list_interactions (CrmRepository  *self,
                                  gint64          customer_id,
                                  guint           offset,
                                  guint           limit,
                                  GError        **error)
{
  g_autoptr(CrmStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), NULL);

  if (customer_id > 0)
    stmt = crm_repository_prepare (self,
                                   "SELECT " INTERACTION_COLUMNS INTERACTION_FROM
                                   " WHERE i.customer_id = ?1"
                                   " ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?2 OFFSET ?3",
                                   error);
  else
    stmt = crm_repository_prepare (self,
                                   "SELECT " INTERACTION_COLUMNS INTERACTION_FROM
                                   " ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?2 OFFSET ?3",
                                   error);
  if (stmt == NULL)
    return NULL;
  if (customer_id > 0)
    sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  sqlite3_bind_int64 (stmt, 3, offset);
  return crm_repository_collect_rows (self, stmt, crm_repository_interaction_from_row, error);
}

/**
 * crm_repository_count_interactions:
 * @customer_id: one customer's, or 0 for everyone's
 *
 * Returns: the count, or -1 on error
 */
gint64
crm_repository_count_interactions (CrmRepository  *self,
                                   gint64          customer_id,
                                   GError        **error)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), -1);

  return crm_repository_count_rows (self,
                                    "SELECT count(*) FROM interactions "
                                    "WHERE ?1 = 0 OR customer_id = ?1",
                                    customer_id, error);
}
