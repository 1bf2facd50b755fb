/* pipeline-seed.h: realistic deals for the pipeline's UI test, benchmark
 * and screenshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "crm-repository.h"

G_BEGIN_DECLS

void pipeline_seed_demo  (CrmRepository *repository);
void pipeline_seed_many  (CrmRepository *repository,
                          guint          n_opportunities);

G_END_DECLS
