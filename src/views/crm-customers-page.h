/* crm-customers-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "crm-repository.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMERS_PAGE (crm_customers_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomersPage, crm_customers_page, CRM, CUSTOMERS_PAGE, AdwBin)

void crm_customers_page_set_repository (CrmCustomersPage *self,
                                      CrmRepository *repository);
void     crm_customers_page_focus_search       (CrmCustomersPage *self);
gint64   crm_customers_page_get_selected_id    (CrmCustomersPage *self);
void     crm_customers_page_show_customer      (CrmCustomersPage *self,
                                                gint64            id);
const char *crm_customers_page_get_search      (CrmCustomersPage *self);
gint64   crm_customers_page_get_count          (CrmCustomersPage *self);

G_END_DECLS
