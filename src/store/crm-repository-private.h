/* crm-repository-private.h: what the repository's own files share
 *
 * Only src/store includes this; nothing outside it speaks SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "crm-repository.h"
#include "crm-time.h"

G_BEGIN_DECLS

/* A prepared statement borrowed from the repository's cache; the autoptr
 * resets it (and drops its bindings) when it goes out of scope. */
typedef sqlite3_stmt CrmStmt;

static inline void
crm_stmt_release (CrmStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmStmt, crm_stmt_release)

CrmRepository *crm_repository_open_at_version (const char  *path,
                                               int          target_version,
                                               GError     **error);
void      crm_repository_mark_seen     (CrmRepository  *self);
void      crm_repository_set_user_name (CrmRepository  *self,
                                        const char     *user_name);
gboolean  crm_repository_begin_write   (CrmRepository  *self,
                                        GError        **error);

sqlite3  *crm_repository_get_db        (CrmRepository  *self);
CrmStmt  *crm_repository_prepare       (CrmRepository  *self,
                                        const char     *sql,
                                        GError        **error);
gboolean  crm_repository_exec          (CrmRepository  *self,
                                        const char     *sql,
                                        GError        **error);
gboolean  crm_repository_set_error     (CrmRepository  *self,
                                        GError        **error);
gboolean  crm_repository_step_done     (CrmRepository  *self,
                                        CrmStmt        *stmt,
                                        GError        **error);
gboolean  crm_repository_row_exists    (CrmRepository  *self,
                                        const char     *sql,
                                        gint64          id,
                                        GError        **error);
gboolean  crm_repository_check_customer (CrmRepository *self,
                                        gint64          customer_id,
                                        GError        **error);
typedef GObject *(*CrmRowFunc) (CrmStmt *stmt);

gboolean  crm_repository_set_not_found (GType           type,
                                        gint64          id,
                                        GError        **error);
gpointer  crm_repository_get_row       (CrmRepository  *self,
                                        const char     *sql,
                                        gint64          id,
                                        GType           type,
                                        CrmRowFunc      row_func,
                                        GError        **error);
GPtrArray *crm_repository_collect_rows (CrmRepository  *self,
                                        CrmStmt        *stmt,
                                        CrmRowFunc      row_func,
                                        GError        **error);
gboolean  crm_repository_delete_row    (CrmRepository  *self,
                                        const char     *sql,
                                        gint64          id,
                                        gint64          version,
                                        GType           type,
                                        GError        **error);
gboolean  crm_repository_step_returning (CrmRepository *self,
                                        CrmStmt        *stmt,
                                        gint64         *version,
                                        GError        **error);
gint64    crm_repository_count_rows    (CrmRepository  *self,
                                        const char     *sql,
                                        gint64          id,
                                        GError        **error);
void      crm_repository_emit_changed  (CrmRepository  *self,
                                        GType           type,
                                        gint64          id,
                                        CrmChangeKind   kind);

/* Text columns */
void        crm_stmt_bind_text     (CrmStmt     *stmt,
                                    int          index,
                                    const char  *text);
void        crm_stmt_bind_time     (CrmStmt     *stmt,
                                    int          index,
                                    GDateTime   *time);
const char *crm_stmt_column_text   (CrmStmt     *stmt,
                                    int          column);
GDateTime  *crm_stmt_column_time   (CrmStmt     *stmt,
                                    int          column);

/* A time for updated_at that is never earlier than the one it replaces, so
 * updated_at moves forward even when the clock does not. */
GDateTime  *crm_repository_next_time (GDateTime  *previous);

/* Opportunity rows, for the pipeline queries in crm-repository-pipeline.c */
#define CRM_OPPORTUNITY_COLUMNS \
  "o.id, o.customer_id, o.title, o.value, o.stage, o.probability, o.position, " \
  "o.created_at, o.updated_at, o.version, o.changed_by, c.name"
#define CRM_OPPORTUNITY_FROM \
  " FROM opportunities o JOIN customers c ON c.id = o.customer_id"

CrmOpportunity *crm_repository_opportunity_from_row (CrmStmt *stmt);
GObject        *crm_repository_customer_from_row    (CrmStmt *stmt);
GObject        *crm_repository_interaction_from_row (CrmStmt *stmt);

G_END_DECLS
