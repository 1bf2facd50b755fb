/* crm-customer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "crm-enums.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER (crm_customer_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomer, crm_customer, CRM, CUSTOMER, GObject)

CrmCustomer       *crm_customer_new               (void);
CrmCustomer       *crm_customer_copy              (CrmCustomer        *self);

gint64             crm_customer_get_id            (CrmCustomer        *self);
void               crm_customer_set_id            (CrmCustomer        *self,
                                                   gint64              id);
const char        *crm_customer_get_name          (CrmCustomer        *self);
void               crm_customer_set_name          (CrmCustomer        *self,
                                                   const char         *name);
const char        *crm_customer_get_company       (CrmCustomer        *self);
void               crm_customer_set_company       (CrmCustomer        *self,
                                                   const char         *company);
const char        *crm_customer_get_email         (CrmCustomer        *self);
void               crm_customer_set_email         (CrmCustomer        *self,
                                                   const char         *email);
const char        *crm_customer_get_phone         (CrmCustomer        *self);
void               crm_customer_set_phone         (CrmCustomer        *self,
                                                   const char         *phone);
CrmCustomerStatus  crm_customer_get_status        (CrmCustomer        *self);
void               crm_customer_set_status        (CrmCustomer        *self,
                                                   CrmCustomerStatus   status);
const char        *crm_customer_get_notes         (CrmCustomer        *self);
void               crm_customer_set_notes         (CrmCustomer        *self,
                                                   const char         *notes);
GDateTime         *crm_customer_get_created_at    (CrmCustomer        *self);
void               crm_customer_set_created_at    (CrmCustomer        *self,
                                                   GDateTime          *created_at);
GDateTime         *crm_customer_get_updated_at    (CrmCustomer        *self);
void               crm_customer_set_updated_at    (CrmCustomer        *self,
                                                   GDateTime          *updated_at);

gint64             crm_customer_get_version       (CrmCustomer        *self);
void               crm_customer_set_version       (CrmCustomer        *self,
                                                   gint64              version);
const char        *crm_customer_get_changed_by    (CrmCustomer        *self);
void               crm_customer_set_changed_by    (CrmCustomer        *self,
                                                   const char         *changed_by);

gboolean           crm_customer_validate_property (CrmCustomer        *self,
                                                   const char         *property,
                                                   GError            **error);
gboolean           crm_customer_validate          (CrmCustomer        *self,
                                                   GError            **error);

G_END_DECLS
