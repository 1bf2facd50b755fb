/* crm-customer-header.h: the column headers above the customers list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "crm-customer-row.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_HEADER (crm_customer_header_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomerHeader, crm_customer_header, CRM, CUSTOMER_HEADER, GtkWidget)

CrmCustomerColumn crm_customer_header_get_sort_column (CrmCustomerHeader *self);
gboolean          crm_customer_header_get_descending  (CrmCustomerHeader *self);
void              crm_customer_header_set_sort        (CrmCustomerHeader *self,
                                                       CrmCustomerColumn  column,
                                                       gboolean           descending);
GtkWidget        *crm_customer_header_get_button      (CrmCustomerHeader *self,
                                                       CrmCustomerColumn  column);

G_END_DECLS
