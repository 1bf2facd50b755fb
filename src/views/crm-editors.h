/* crm-editors.h: the customer, interaction and opportunity editors
 *
 * Each editor is a modal AdwWindow on @parent that saves to @repository
 * by itself: add when the object has no id, update otherwise. An update
 * offers Undo through the CrmWindow it belongs to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "crm-repository.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_EDITOR (crm_customer_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmCustomerEditor, crm_customer_editor, CRM, CUSTOMER_EDITOR, AdwWindow)

#define CRM_TYPE_INTERACTION_EDITOR (crm_interaction_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmInteractionEditor, crm_interaction_editor, CRM, INTERACTION_EDITOR, AdwWindow)

#define CRM_TYPE_OPPORTUNITY_EDITOR (crm_opportunity_editor_get_type ())
G_DECLARE_FINAL_TYPE (CrmOpportunityEditor, crm_opportunity_editor, CRM, OPPORTUNITY_EDITOR, AdwWindow)

/* @customer: (nullable): the customer to edit, or %NULL for a new one */
CrmCustomerEditor    *crm_customer_editor_new    (GtkWindow      *parent,
                                                  CrmRepository  *repository,
                                                  CrmCustomer    *customer);
/* @interaction: one to edit, or a new one (id 0) with its customer_id set */
CrmInteractionEditor *crm_interaction_editor_new (GtkWindow      *parent,
                                                  CrmRepository  *repository,
                                                  CrmInteraction *interaction);
/* @opportunity: one to edit, or a new one (id 0) with its customer_id set */
CrmOpportunityEditor *crm_opportunity_editor_new (GtkWindow      *parent,
                                                  CrmRepository  *repository,
                                                  CrmOpportunity *opportunity);

G_END_DECLS
