/* crm-interaction.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "crm-enums.h"

G_BEGIN_DECLS

#define CRM_TYPE_INTERACTION (crm_interaction_get_type ())

G_DECLARE_FINAL_TYPE (CrmInteraction, crm_interaction, CRM, INTERACTION, GObject)

CrmInteraction     *crm_interaction_new                  (void);
CrmInteraction     *crm_interaction_copy                 (CrmInteraction      *self);

gint64              crm_interaction_get_id               (CrmInteraction      *self);
void                crm_interaction_set_id               (CrmInteraction      *self,
                                                          gint64               id);
gint64              crm_interaction_get_customer_id      (CrmInteraction      *self);
void                crm_interaction_set_customer_id      (CrmInteraction      *self,
                                                          gint64               customer_id);
CrmInteractionType  crm_interaction_get_interaction_type (CrmInteraction      *self);
void                crm_interaction_set_interaction_type (CrmInteraction      *self,
                                                          CrmInteractionType   type);
const char         *crm_interaction_get_notes            (CrmInteraction      *self);
void                crm_interaction_set_notes            (CrmInteraction      *self,
                                                          const char          *notes);
GDateTime          *crm_interaction_get_occurred_at      (CrmInteraction      *self);
void                crm_interaction_set_occurred_at      (CrmInteraction      *self,
                                                          GDateTime           *occurred_at);
GDateTime          *crm_interaction_get_created_at       (CrmInteraction      *self);
void                crm_interaction_set_created_at       (CrmInteraction      *self,
                                                          GDateTime           *created_at);
const char         *crm_interaction_get_customer_name    (CrmInteraction      *self);
void                crm_interaction_set_customer_name    (CrmInteraction      *self,
                                                          const char          *name);

gint64              crm_interaction_get_version          (CrmInteraction      *self);
void                crm_interaction_set_version          (CrmInteraction      *self,
                                                          gint64               version);
const char         *crm_interaction_get_changed_by       (CrmInteraction      *self);
void                crm_interaction_set_changed_by       (CrmInteraction      *self,
                                                          const char          *changed_by);

gboolean            crm_interaction_validate_property    (CrmInteraction      *self,
                                                          const char          *property,
                                                          GError             **error);
gboolean            crm_interaction_validate             (CrmInteraction      *self,
                                                          GError             **error);

G_END_DECLS
