/* crm-opportunity.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "crm-enums.h"

G_BEGIN_DECLS

#define CRM_TYPE_OPPORTUNITY (crm_opportunity_get_type ())

G_DECLARE_FINAL_TYPE (CrmOpportunity, crm_opportunity, CRM, OPPORTUNITY, GObject)

CrmOpportunity *crm_opportunity_new               (void);
CrmOpportunity *crm_opportunity_copy              (CrmOpportunity  *self);

gint64          crm_opportunity_get_id            (CrmOpportunity  *self);
void            crm_opportunity_set_id            (CrmOpportunity  *self,
                                                   gint64           id);
gint64          crm_opportunity_get_customer_id   (CrmOpportunity  *self);
void            crm_opportunity_set_customer_id   (CrmOpportunity  *self,
                                                   gint64           customer_id);
const char     *crm_opportunity_get_title         (CrmOpportunity  *self);
void            crm_opportunity_set_title         (CrmOpportunity  *self,
                                                   const char      *title);
/* Money in minor units (cents, fen). */
gint64          crm_opportunity_get_value         (CrmOpportunity  *self);
void            crm_opportunity_set_value         (CrmOpportunity  *self,
                                                   gint64           value);
CrmStage        crm_opportunity_get_stage         (CrmOpportunity  *self);
void            crm_opportunity_set_stage         (CrmOpportunity  *self,
                                                   CrmStage         stage);
int             crm_opportunity_get_probability   (CrmOpportunity  *self);
void            crm_opportunity_set_probability   (CrmOpportunity  *self,
                                                   int              probability);
gint64          crm_opportunity_get_position      (CrmOpportunity  *self);
void            crm_opportunity_set_position      (CrmOpportunity  *self,
                                                   gint64           position);
GDateTime      *crm_opportunity_get_created_at    (CrmOpportunity  *self);
void            crm_opportunity_set_created_at    (CrmOpportunity  *self,
                                                   GDateTime       *created_at);
GDateTime      *crm_opportunity_get_updated_at    (CrmOpportunity  *self);
void            crm_opportunity_set_updated_at    (CrmOpportunity  *self,
                                                   GDateTime       *updated_at);
const char     *crm_opportunity_get_customer_name (CrmOpportunity  *self);
void            crm_opportunity_set_customer_name (CrmOpportunity  *self,
                                                   const char      *name);

gint64          crm_opportunity_get_version       (CrmOpportunity  *self);
void            crm_opportunity_set_version       (CrmOpportunity  *self,
                                                   gint64           version);
const char     *crm_opportunity_get_changed_by    (CrmOpportunity  *self);
void            crm_opportunity_set_changed_by    (CrmOpportunity  *self,
                                                   const char      *changed_by);

gboolean        crm_opportunity_validate_property (CrmOpportunity  *self,
                                                   const char      *property,
                                                   GError         **error);
gboolean        crm_opportunity_validate          (CrmOpportunity  *self,
                                                   GError         **error);

G_END_DECLS
