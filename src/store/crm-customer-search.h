/* crm-customer-search.h: customer queries off the UI thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "crm-repository.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_SEARCH (crm_customer_search_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomerSearch, crm_customer_search, CRM, CUSTOMER_SEARCH, GObject)

CrmCustomerSearch *crm_customer_search_new    (const char              *path);
void               crm_customer_search_run    (CrmCustomerSearch       *self,
                                               const CrmCustomerQuery  *query,
                                               guint                    limit,
                                               gboolean                 count,
                                               gint64                   watch_id,
                                               GCancellable            *cancellable,
                                               GAsyncReadyCallback      callback,
                                               gpointer                 user_data);
GPtrArray         *crm_customer_search_finish (CrmCustomerSearch       *self,
                                               GAsyncResult            *result,
                                               gint64                  *count,
                                               gboolean                *watch_found,
                                               GError                 **error);
GPtrArray         *crm_customer_search_wait   (CrmCustomerSearch       *self,
                                               gint64                   budget_us,
                                               gint64                  *count,
                                               gboolean                *watch_found);
void               crm_customer_search_stop   (CrmCustomerSearch       *self);

G_END_DECLS
