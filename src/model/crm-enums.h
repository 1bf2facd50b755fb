/* crm-enums.h: the enumerations of the data model
 *
 * The nick of each value (derived by glib-mkenums from its name) is the
 * string the REST JSON and the database use: "call", "closed", ...
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CRM_CUSTOMER_STATUS_LEAD,
  CRM_CUSTOMER_STATUS_ACTIVE,
  CRM_CUSTOMER_STATUS_INACTIVE,
} CrmCustomerStatus;

typedef enum
{
  CRM_INTERACTION_TYPE_CALL,
  CRM_INTERACTION_TYPE_EMAIL,
  CRM_INTERACTION_TYPE_MEETING,
  CRM_INTERACTION_TYPE_OTHER,
} CrmInteractionType;

typedef enum
{
  CRM_STAGE_LEAD,
  CRM_STAGE_PROPOSAL,
  CRM_STAGE_NEGOTIATION,
  CRM_STAGE_CLOSED,
  CRM_STAGE_LOST,
} CrmStage;

#define CRM_N_STAGES (CRM_STAGE_LOST + 1)

const char *crm_customer_status_to_string   (CrmCustomerStatus   status);
const char *crm_customer_status_get_label   (CrmCustomerStatus   status);
gboolean    crm_customer_status_from_string (const char         *nick,
                                             CrmCustomerStatus  *status,
                                             GError            **error);

const char *crm_interaction_type_to_string   (CrmInteractionType   type);
const char *crm_interaction_type_get_label   (CrmInteractionType   type);
const char *crm_interaction_type_get_icon_name (CrmInteractionType type);
gboolean    crm_interaction_type_from_string (const char          *nick,
                                              CrmInteractionType  *type,
                                              GError             **error);

const char *crm_stage_to_string                 (CrmStage     stage);
const char *crm_stage_get_label                 (CrmStage     stage);
guint       crm_stage_get_default_probability   (CrmStage     stage);
gboolean    crm_stage_from_string               (const char  *nick,
                                                 CrmStage    *stage,
                                                 GError     **error);

G_END_DECLS
