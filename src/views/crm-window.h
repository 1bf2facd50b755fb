/* crm-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "crm-repository.h"
#include "crm-undo-stack.h"

G_BEGIN_DECLS

#define CRM_TYPE_WINDOW (crm_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmWindow, crm_window, CRM, WINDOW, AdwApplicationWindow)

CrmWindow     *crm_window_new            (GtkApplication *application,
                                          CrmRepository  *repository);
CrmRepository *crm_window_get_repository (CrmWindow      *self);
CrmUndoStack  *crm_window_get_undo_stack (CrmWindow      *self);
void           crm_window_add_toast      (CrmWindow      *self,
                                          AdwToast       *toast);

G_END_DECLS
