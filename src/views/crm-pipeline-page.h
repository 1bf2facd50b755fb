/* crm-pipeline-page.h: the pipeline board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "crm-pipeline-column.h"
#include "crm-repository.h"

G_BEGIN_DECLS

#define CRM_TYPE_PIPELINE_PAGE (crm_pipeline_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmPipelinePage, crm_pipeline_page, CRM, PIPELINE_PAGE, GtkWidget)

CrmRepository     *crm_pipeline_page_get_repository  (CrmPipelinePage *self);
void               crm_pipeline_page_set_repository  (CrmPipelinePage *self,
                                                      CrmRepository   *repository);
CrmPipelineColumn *crm_pipeline_page_get_column      (CrmPipelinePage *self,
                                                      CrmStage         stage);
void               crm_pipeline_page_set_filter      (CrmPipelinePage *self,
                                                      gint64           customer_id,
                                                      const char      *search);
gboolean           crm_pipeline_page_move            (CrmPipelinePage *self,
                                                      gint64           id,
                                                      CrmStage         stage,
                                                      gint64           before_id,
                                                      gboolean         keep_focus);
void               crm_pipeline_page_focus_search    (CrmPipelinePage *self);

G_END_DECLS
