/* crm-activity-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "crm-repository.h"

G_BEGIN_DECLS

#define CRM_TYPE_ACTIVITY_PAGE (crm_activity_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmActivityPage, crm_activity_page, CRM, ACTIVITY_PAGE, AdwBin)

void crm_activity_page_set_repository (CrmActivityPage *self,
                                      CrmRepository *repository);

G_END_DECLS
