/* crm-paged-model.h: a GListModel that reads its rows a page at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CRM_TYPE_PAGED_MODEL (crm_paged_model_get_type ())

G_DECLARE_FINAL_TYPE (CrmPagedModel, crm_paged_model, CRM, PAGED_MODEL, GObject)

/**
 * CrmPagedCountFunc:
 *
 * Returns: how many rows the query has now, or -1 on error
 */
typedef gint64     (*CrmPagedCountFunc) (gpointer   user_data,
                                         GError   **error);
/**
 * CrmPagedFetchFunc:
 *
 * Returns: (transfer full) (element-type GObject): rows @offset to
 *   @offset + @limit - 1 in list order, or %NULL on error
 */
typedef GPtrArray *(*CrmPagedFetchFunc) (gpointer   user_data,
                                         guint      offset,
                                         guint      limit,
                                         GError   **error);

CrmPagedModel *crm_paged_model_new        (GType              item_type,
                                           CrmPagedCountFunc  count_func,
                                           CrmPagedFetchFunc  fetch_func,
                                           gpointer           user_data,
                                           GDestroyNotify     user_data_free);
void           crm_paged_model_reload     (CrmPagedModel     *self);
void           crm_paged_model_set_stable (CrmPagedModel     *self,
                                           gboolean           stable);
void           crm_paged_model_reload_range (CrmPagedModel   *self,
                                           guint              position,
                                           guint              removed,
                                           guint              added);
guint          crm_paged_model_get_page_size (CrmPagedModel  *self);
guint          crm_paged_model_get_n_cached_pages (CrmPagedModel *self);
guint          crm_paged_model_get_n_fetches  (CrmPagedModel *self);
void           crm_paged_model_replace    (CrmPagedModel     *self,
                                           guint              n_items,
                                           GPtrArray         *first_rows);

G_END_DECLS
