/* crm-window-private.h: the main window's state, shared by its files
 *
 * crm-window.c builds the window and owns the undo toast;
 * crm-window-actions.c installs every win.* action and turns them on and
 * off; crm-window-transfer.c runs Import… and Export….
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "crm-activity-page.h"
#include "crm-customers-page.h"
#include "crm-pipeline-page.h"
#include "crm-undo-stack.h"
#include "crm-window.h"

G_BEGIN_DECLS

struct _CrmWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  AdwViewStack *view_stack;
  CrmPipelinePage *pipeline_page;
  CrmCustomersPage *customers_page;
  CrmActivityPage *activity_page;
  GMenu *primary_menu;

  /* owned */
  CrmRepository *repository;
  GSettings *settings;
  CrmUndoStack *undo_stack;
  GMenu *undo_section;        /* Undo …, Redo … at the top of the menu */
  AdwToast *undo_toast;       /* announces the newest step, while shown */

  guint64 undo_toast_serial;  /* the step undo_toast's Undo takes back */
  gboolean activity_loaded;
};

void _crm_window_class_actions_init (CrmWindowClass *klass);
void _crm_window_actions_update     (CrmWindow      *self);
void _crm_window_show_error         (CrmWindow      *self,
                                     const GError   *error);
void _crm_window_withdraw_toast     (CrmWindow      *self);

/* crm-window-transfer.c */
void _crm_window_transfer_import    (CrmWindow      *self);
void _crm_window_transfer_export    (CrmWindow      *self);

G_END_DECLS
