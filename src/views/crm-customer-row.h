/* crm-customer-row.h: one customer of the list, drawn as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "crm-customer.h"

G_BEGIN_DECLS

/* The list's columns, in the order they are drawn. */
typedef enum
{
  CRM_CUSTOMER_COLUMN_NAME,
  CRM_CUSTOMER_COLUMN_COMPANY,
  CRM_CUSTOMER_COLUMN_EMAIL,
  CRM_CUSTOMER_COLUMN_PHONE,
  CRM_CUSTOMER_COLUMN_STATUS,
  CRM_CUSTOMER_COLUMN_CREATED,
  CRM_CUSTOMER_N_COLUMNS
} CrmCustomerColumn;

/* A list this wide or narrower shows two-line rows and no header. */
#define CRM_CUSTOMER_ROW_NARROW_WIDTH 500

#define CRM_TYPE_CUSTOMER_ROW (crm_customer_row_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomerRow, crm_customer_row, CRM, CUSTOMER_ROW, GtkWidget)

GtkWidget  *crm_customer_row_new           (void);
void        crm_customer_row_set_customer  (CrmCustomerRow    *self,
                                            CrmCustomer       *customer);
gint64      crm_customer_row_get_id        (CrmCustomerRow    *self);
const char *crm_customer_row_get_text      (CrmCustomerRow    *self,
                                            CrmCustomerColumn  column);
gboolean    crm_customer_row_get_narrow    (CrmCustomerRow    *self);

void        crm_customer_column_get_span   (int                width,
                                            CrmCustomerColumn  column,
                                            int               *x,
                                            int               *column_width);

G_END_DECLS
