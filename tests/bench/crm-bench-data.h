/* crm-bench-data.h: realistic, reproducible customers for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "crm-repository.h"

G_BEGIN_DECLS

/* Per customer on average: 3 interactions, 0.1 opportunities. */
#define CRM_BENCH_DATA_INTERACTIONS_PER_CUSTOMER 3
#define CRM_BENCH_DATA_OPPORTUNITY_PERCENT 10

typedef struct
{
  guint64 customers;
  guint64 interactions;
  guint64 opportunities;
} CrmBenchDataCounts;

gboolean  crm_bench_data_generate        (CrmRepository       *repo,
                                          guint                n_customers,
                                          guint32              seed,
                                          GError             **error);
gboolean  crm_bench_data_generate_counts (CrmRepository       *repo,
                                          guint                n_customers,
                                          guint32              seed,
                                          CrmBenchDataCounts  *counts,
                                          GError             **error);

G_END_DECLS
