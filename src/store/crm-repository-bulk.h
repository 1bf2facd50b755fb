/* crm-repository-bulk.h: whole-table reads, health checks and bulk-change
 * announcements, for import, export and the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "crm-repository.h"

G_BEGIN_DECLS

/**
 * CrmForeachFunc:
 * @object: a #CrmCustomer, #CrmInteraction or #CrmOpportunity (borrowed)
 *
 * Returns: %FALSE with @error set to stop the walk
 */
typedef gboolean (*CrmForeachFunc) (GObject   *object,
                                    gpointer   user_data,
                                    GError   **error);

gboolean  crm_repository_foreach              (CrmRepository   *self,
                                               GType            type,
                                               CrmForeachFunc   func,
                                               gpointer         user_data,
                                               GError         **error);
gint64    crm_repository_count                (CrmRepository   *self,
                                               GType            type,
                                               GError         **error);
gboolean  crm_repository_has_id               (CrmRepository   *self,
                                               GType            type,
                                               gint64           id,
                                               GError         **error);
gboolean  crm_repository_next_position        (CrmRepository   *self,
                                               CrmStage         stage,
                                               gint64          *position,
                                               GError         **error);
gboolean  crm_repository_check_health         (CrmRepository   *self,
                                               GPtrArray       *problems,
                                               GError         **error);
void      crm_repository_announce_bulk_change (CrmRepository   *self);
gboolean  crm_repository_begin_bulk_insert    (CrmRepository   *self,
                                               GError         **error);
gboolean  crm_repository_begin_bulk_append    (CrmRepository   *self,
                                               GError         **error);
gboolean  crm_repository_end_bulk_insert      (CrmRepository   *self,
                                               GError         **error);
void      crm_repository_abort_bulk_insert    (CrmRepository   *self);

G_END_DECLS
