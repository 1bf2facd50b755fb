/* crm-repository-check.c: a quick look for damage in the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-repository-private.h"

/**
 * crm_repository_quick_check:
 * @problems: (element-type utf8): receives one sentence per problem found
 *
 * Runs SQLite's quick_check: every page of every table and index is read
 * and its structure checked, without matching index entries to rows (a
 * tenth of integrity_check's time: about 0.3 s for 50 MB with a warm
 * cache). Only reads. Returns %FALSE only when the check cannot run
 * (a damaged file often cannot: the error says so).
 */
gboolean
crm_repository_quick_check (CrmRepository  *self,
                            GPtrArray      *problems,
                            GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  /* Not cached: it runs once. */
  if (sqlite3_prepare_v2 (crm_repository_get_db (self), "PRAGMA quick_check", -1, &stmt, NULL) != SQLITE_OK)
    return crm_repository_set_error (self, error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *)sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (text, "ok") != 0)
        g_ptr_array_add (problems, g_strdup (text ? text : ""));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return crm_repository_set_error (self, error);
  return TRUE;
}
