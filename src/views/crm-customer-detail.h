/* crm-customer-detail.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "crm-repository.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_DETAIL (crm_customer_detail_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomerDetail, crm_customer_detail, CRM, CUSTOMER_DETAIL, AdwBin)

void crm_customer_detail_set_repository (CrmCustomerDetail *self,
                                      CrmRepository *repository);
gint64   crm_customer_detail_get_customer_id (CrmCustomerDetail *self);
void     crm_customer_detail_set_customer_id (CrmCustomerDetail *self,
                                              gint64             id);

G_END_DECLS
