/* crm-currency.h: the currency money is shown in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_CURRENCY (crm_currency_get_type ())

G_DECLARE_FINAL_TYPE (CrmCurrency, crm_currency, CRM, CURRENCY, GObject)

CrmCurrency *crm_currency_get_default   (void);
const char  *crm_currency_get_chosen    (CrmCurrency *self);
void         crm_currency_set_chosen    (CrmCurrency *self,
                                         const char  *code);
const char  *crm_currency_get_code      (CrmCurrency *self);

G_END_DECLS
