/* crm-undo-stack.h: one window's history of changes, for Undo and Redo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "crm-repository.h"

G_BEGIN_DECLS

/* Steps kept back; the issue asks for at least 50. */
#define CRM_UNDO_STACK_DEPTH 100

#define CRM_TYPE_UNDO_STACK (crm_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (CrmUndoStack, crm_undo_stack, CRM, UNDO_STACK, GObject)

#define CRM_TYPE_UNDO_PROVIDER (crm_undo_provider_get_type ())
G_DECLARE_INTERFACE (CrmUndoProvider, crm_undo_provider, CRM, UNDO_PROVIDER, GObject)

/**
 * CrmUndoProviderInterface:
 *
 * What a window implements so that a page inside it finds the history
 * with crm_undo_stack_find() without knowing the window's type.
 */
struct _CrmUndoProviderInterface
{
  GTypeInterface parent_iface;

  CrmUndoStack *(*get_undo_stack) (CrmUndoProvider *self);
};

/**
 * CrmUndoStepFunc:
 *
 * Undoes or redoes one step; on failure the step stays where it is.
 */
typedef gboolean (*CrmUndoStepFunc) (gpointer   data,
                                     GError   **error);

CrmUndoStack *crm_undo_provider_get_undo_stack (CrmUndoProvider *self);
CrmUndoStack *crm_undo_stack_find              (GtkWidget       *widget);

CrmUndoStack *crm_undo_stack_new               (void);
guint64       crm_undo_stack_push              (CrmUndoStack    *self,
                                                const char      *label,
                                                const char      *message,
                                                CrmUndoStepFunc  undo,
                                                CrmUndoStepFunc  redo,
                                                gpointer         data,
                                                GDestroyNotify   data_free);
gboolean      crm_undo_stack_get_can_undo      (CrmUndoStack    *self);
gboolean      crm_undo_stack_get_can_redo      (CrmUndoStack    *self);
const char   *crm_undo_stack_get_undo_label    (CrmUndoStack    *self);
const char   *crm_undo_stack_get_redo_label    (CrmUndoStack    *self);
guint         crm_undo_stack_get_n_steps       (CrmUndoStack    *self);
guint64       crm_undo_stack_get_top           (CrmUndoStack    *self);
gboolean      crm_undo_stack_undo              (CrmUndoStack    *self,
                                                GError         **error);
gboolean      crm_undo_stack_redo              (CrmUndoStack    *self,
                                                GError         **error);
gboolean      crm_undo_stack_undo_step         (CrmUndoStack    *self,
                                                guint64          serial,
                                                GError         **error);

/* Steps of the repository's records, named for the menu and the toast */
void          crm_undo_stack_record_add        (CrmUndoStack    *self,
                                                CrmRepository   *repository,
                                                GObject         *added);
void          crm_undo_stack_record_update     (CrmUndoStack    *self,
                                                CrmRepository   *repository,
                                                GObject         *before,
                                                GObject         *after);
void          crm_undo_stack_record_move       (CrmUndoStack          *self,
                                                CrmRepository         *repository,
                                                const CrmPipelineMove *previous,
                                                CrmOpportunity        *moved);
gboolean      crm_undo_stack_delete            (CrmUndoStack    *self,
                                                CrmRepository   *repository,
                                                GType            type,
                                                gint64           id,
                                                GError         **error);

G_END_DECLS
