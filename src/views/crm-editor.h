/* crm-editor.h: what the customer, interaction and opportunity editors share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "crm-repository.h"
#include "crm-undo-stack.h"

G_BEGIN_DECLS

#define CRM_TYPE_EDITOR (crm_editor_get_type ())
G_DECLARE_DERIVABLE_TYPE (CrmEditor, crm_editor, CRM, EDITOR, AdwWindow)

/**
 * CrmEditorClass:
 * @validate: shows what is wrong with the fields the user has touched, or
 *   with every field when @all; returns whether the record can be saved
 * @load: fills the fields from crm_editor_get_record(): when the editor
 *   opens, and again after Reload
 *
 * A subclass's template names its buttons `save_button` and
 * `delete_button`, its message label `error_label`, and the conflict
 * message area `conflict_box` (with `conflict_label` and a
 * `reload_button` for `editor.reload`); the subclass sets it with
 * crm_editor_class_set_template(), which binds them for the base.
 */
struct _CrmEditorClass
{
  AdwWindowClass parent_class;

  gboolean (*validate) (CrmEditor *self,
                        gboolean   all);
  void     (*load)     (CrmEditor *self);

  gpointer padding[3];
};

void           crm_editor_class_set_template (CrmEditorClass *klass,
                                              const char     *resource);
void           crm_editor_setup          (CrmEditor     *self,
                                          CrmRepository *repository,
                                          CrmUndoStack  *undo_stack,
                                          GObject       *record);
CrmRepository *crm_editor_get_repository (CrmEditor     *self);
GObject       *crm_editor_get_record     (CrmEditor     *self);
GObject       *crm_editor_get_original   (CrmEditor     *self);
gboolean       crm_editor_is_new         (CrmEditor     *self);
void           crm_editor_validate       (CrmEditor     *self);
void           crm_editor_load           (CrmEditor     *self);
void           crm_editor_bind_notes     (CrmEditor     *self,
                                          GtkTextView   *view);

G_END_DECLS
