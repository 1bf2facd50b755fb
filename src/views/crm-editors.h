/* crm-editors.h: the customer, interaction and opportunity editors
 *
 * Each editor is a modal CrmEditor on @parent that saves to @repository
 * by itself (add when the record has no id, update otherwise), records
 * the change on @undo_stack and emits CrmEditor::saved or ::deleted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "crm-editor.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_EDITOR (crm_customer_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmCustomerEditor, crm_customer_editor, CRM, CUSTOMER_EDITOR, CrmEditor)

#define CRM_TYPE_INTERACTION_EDITOR (crm_interaction_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmInteractionEditor, crm_interaction_editor, CRM, INTERACTION_EDITOR, CrmEditor)

#define CRM_TYPE_OPPORTUNITY_EDITOR (crm_opportunity_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmOpportunityEditor, crm_opportunity_editor, CRM, OPPORTUNITY_EDITOR, CrmEditor)

/* @undo_stack: (nullable) for all three */

/* @customer: (nullable): the customer to edit, or %NULL for a new one */
CrmCustomerEditor    *crm_customer_editor_new    (GtkWindow      *parent,
                                                  CrmRepository  *repository,
                                                  CrmUndoStack   *undo_stack,
                                                  CrmCustomer    *customer);
/* @interaction: one to edit, or a new one (id 0) with its customer_id set */
CrmInteractionEditor *crm_interaction_editor_new (GtkWindow      *parent,
                                                  CrmRepository  *repository,
                                                  CrmUndoStack   *undo_stack,
                                                  CrmInteraction *interaction);
/* @opportunity: one to edit, or a new one (id 0) with its customer_id set */
CrmOpportunityEditor *crm_opportunity_editor_new (GtkWindow      *parent,
                                                  CrmRepository  *repository,
                                                  CrmUndoStack   *undo_stack,
                                                  CrmOpportunity *opportunity);

G_END_DECLS
