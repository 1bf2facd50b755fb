/* crm-pipeline-card.h: one opportunity on the pipeline board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "crm-opportunity.h"

G_BEGIN_DECLS

#define CRM_TYPE_PIPELINE_CARD (crm_pipeline_card_get_type ())

G_DECLARE_FINAL_TYPE (CrmPipelineCard, crm_pipeline_card, CRM, PIPELINE_CARD, GtkWidget)

CrmOpportunity *crm_pipeline_card_get_opportunity   (CrmPipelineCard *self);
void            crm_pipeline_card_set_opportunity   (CrmPipelineCard *self,
                                                     CrmOpportunity  *opportunity);
gint64          crm_pipeline_card_get_id            (CrmPipelineCard *self);
guint           crm_pipeline_card_get_list_position (CrmPipelineCard *self);
void            crm_pipeline_card_set_list_position (CrmPipelineCard *self,
                                                     guint            position);
void            crm_pipeline_card_popup_menu        (CrmPipelineCard *self);

G_END_DECLS
