/* crm-repository-rows.h: adding generated or imported rows in bulk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "crm-repository.h"

G_BEGIN_DECLS

gboolean  crm_repository_bulk_add_interaction (CrmRepository   *self,
                                               CrmInteraction  *interaction,
                                               GError         **error);
gboolean  crm_repository_bulk_add_opportunity (CrmRepository   *self,
                                               CrmOpportunity  *opportunity,
                                               GError         **error);

G_END_DECLS
