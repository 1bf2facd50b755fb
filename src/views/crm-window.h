/* crm-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "crm-repository.h"

G_BEGIN_DECLS

#define CRM_TYPE_WINDOW (crm_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmWindow, crm_window, CRM, WINDOW, AdwApplicationWindow)

CrmWindow     *crm_window_new            (GtkApplication *application,
                                          CrmRepository  *repository);
CrmRepository *crm_window_get_repository (CrmWindow      *self);
void           crm_window_add_toast      (CrmWindow      *self,
                                          AdwToast       *toast);


/**
 * CrmUndoFunc:
 *
 * Puts back what an operation changed; called at most once.
 */
typedef void (*CrmUndoFunc) (CrmWindow *window,
                             gpointer   user_data);

void           crm_window_push_undo      (CrmWindow      *self,
                                          const char     *title,
                                          CrmUndoFunc     undo_func,
                                          gpointer        user_data,
                                          GDestroyNotify  user_data_free);
void           crm_window_undo_update    (CrmWindow      *self,
                                          const char     *title,
                                          GObject        *before);
gboolean       crm_window_delete_customer (CrmWindow     *self,
                                           gint64         id,
                                           GError       **error);

G_END_DECLS
