/* crm-pipeline-column.h: one stage of the pipeline board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "crm-pipeline-card.h"
#include "crm-repository.h"

G_BEGIN_DECLS

#define CRM_TYPE_PIPELINE_COLUMN (crm_pipeline_column_get_type ())

G_DECLARE_FINAL_TYPE (CrmPipelineColumn, crm_pipeline_column, CRM, PIPELINE_COLUMN, GtkWidget)

CrmPipelineColumn *crm_pipeline_column_new          (CrmStage              stage);
CrmStage           crm_pipeline_column_get_stage    (CrmPipelineColumn    *self);
GListModel        *crm_pipeline_column_get_model    (CrmPipelineColumn    *self);
void               crm_pipeline_column_set_model    (CrmPipelineColumn    *self,
                                                     GListModel           *model);
void               crm_pipeline_column_set_totals   (CrmPipelineColumn    *self,
                                                     const CrmStageTotals *totals);
GtkWidget         *crm_pipeline_column_get_list_view (CrmPipelineColumn   *self);
CrmPipelineCard   *crm_pipeline_column_find_card    (CrmPipelineColumn    *self,
                                                     gint64                id);
gint64             crm_pipeline_column_get_item_id  (CrmPipelineColumn    *self,
                                                     guint                 position);
gint64             crm_pipeline_column_drop_anchor  (CrmPipelineColumn    *self,
                                                     double                x,
                                                     double                y,
                                                     CrmPipelineCard     **indicator,
                                                     gboolean             *after);

G_END_DECLS
