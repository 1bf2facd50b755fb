/* crm-repository.h: the one SQLite database underneath Rapport
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "crm-customer.h"
#include "crm-interaction.h"
#include "crm-opportunity.h"

G_BEGIN_DECLS

#define CRM_TYPE_REPOSITORY (crm_repository_get_type ())

G_DECLARE_FINAL_TYPE (CrmRepository, crm_repository, CRM, REPOSITORY, GObject)

/* The schema version this build writes; a database with a higher
 * PRAGMA user_version is refused. */
#define CRM_REPOSITORY_SCHEMA_VERSION 4

/* How long a write waits for another program's write lock before it
 * reports CRM_ERROR_BUSY. */
#define CRM_REPOSITORY_BUSY_TIMEOUT_MS 5000

/**
 * CrmChangeKind:
 *
 * What #CrmRepository::changed reports. An id of 0 means “any number of
 * rows of this type”, as after a cascade delete or an import: reload.
 */
typedef enum
{
  CRM_CHANGE_ADDED,
  CRM_CHANGE_UPDATED,
  CRM_CHANGE_REMOVED,
} CrmChangeKind;

/**
 * CrmSortKeysState:
 * @CRM_SORT_KEYS_CURRENT: every customer's keys are in the reader's collation
 * @CRM_SORT_KEYS_MISSING: some rows have none (another program wrote them)
 * @CRM_SORT_KEYS_STALE: the keys were made in another collation (the
 *   locale or ICU changed): every one must be made again
 */
typedef enum
{
  CRM_SORT_KEYS_CURRENT,
  CRM_SORT_KEYS_MISSING,
  CRM_SORT_KEYS_STALE,
} CrmSortKeysState;

/**
 * CrmRepositoryProgressFunc:
 * @done: rows done so far
 * @total: rows to do
 */
typedef void (*CrmRepositoryProgressFunc) (gint64   done,
                                           gint64   total,
                                           gpointer user_data);

typedef enum
{
  CRM_CUSTOMER_SORT_NAME,
  CRM_CUSTOMER_SORT_COMPANY,
  CRM_CUSTOMER_SORT_EMAIL,
  CRM_CUSTOMER_SORT_PHONE,
  CRM_CUSTOMER_SORT_STATUS,
  CRM_CUSTOMER_SORT_CREATED_AT,
  CRM_CUSTOMER_SORT_ID,
} CrmCustomerSort;

/**
 * CrmCustomerQuery:
 * @search: (nullable): a substring of name, company, email or phone, as
 *   plain text; %NULL or "" for all customers
 * @status: a #CrmCustomerStatus, or -1 for any
 * @sort: the column to order by (ties go by id)
 * @descending: reverse the order
 *
 * Zero-initialised except for @status, which a caller sets to -1 for “any”;
 * CRM_CUSTOMER_QUERY_INIT does that.
 */
typedef struct
{
  const char      *search;
  int              status;
  CrmCustomerSort  sort;
  gboolean         descending;
} CrmCustomerQuery;

#define CRM_CUSTOMER_QUERY_INIT { NULL, -1, CRM_CUSTOMER_SORT_NAME, FALSE }

char            *crm_repository_get_default_path           (void);

CrmRepository   *crm_repository_open                       (const char              *path,
                                                            GError                 **error);
const char      *crm_repository_get_path                   (CrmRepository           *self);
const char      *crm_repository_get_user_name              (CrmRepository           *self);
int              crm_repository_get_schema_version         (CrmRepository           *self);
void             crm_repository_set_busy_timeout           (CrmRepository           *self,
                                                            int                      milliseconds);
gboolean         crm_repository_quick_check                (CrmRepository           *self,
                                                            GPtrArray               *problems,
                                                            GError                 **error);

gboolean         crm_repository_check_version              (CrmRepository           *self,
                                                            GType                    type,
                                                            gint64                   id,
                                                            gint64                   version,
                                                            GError                 **error);

gboolean         crm_repository_begin                      (CrmRepository           *self,
                                                            GError                 **error);
gboolean         crm_repository_commit                     (CrmRepository           *self,
                                                            GError                 **error);
void             crm_repository_rollback                   (CrmRepository           *self);
void             crm_repository_interrupt                  (CrmRepository           *self);
void             crm_repository_watch                      (CrmRepository           *self,
                                                            guint                    interval_ms);

const char      *crm_repository_get_collation              (CrmRepository           *self);
CrmSortKeysState crm_repository_get_sort_keys_state        (CrmRepository           *self);
gboolean         crm_repository_update_sort_keys           (CrmRepository           *self,
                                                            CrmRepositoryProgressFunc progress,
                                                            gpointer                 user_data,
                                                            GCancellable            *cancellable,
                                                            GError                 **error);

/* Customers */
gboolean         crm_repository_add_customer               (CrmRepository           *self,
                                                            CrmCustomer             *customer,
                                                            GError                 **error);
CrmCustomer     *crm_repository_get_customer               (CrmRepository           *self,
                                                            gint64                   id,
                                                            GError                 **error);
gboolean         crm_repository_update_customer            (CrmRepository           *self,
                                                            CrmCustomer             *customer,
                                                            GError                 **error);
gboolean         crm_repository_delete_customer            (CrmRepository           *self,
                                                            gint64                   id,
                                                            gint64                   version,
                                                            GError                 **error);
GPtrArray       *crm_repository_list_customers             (CrmRepository           *self,
                                                            const CrmCustomerQuery  *query,
                                                            guint                    offset,
                                                            guint                    limit,
                                                            GError                 **error);
gint64           crm_repository_count_customers            (CrmRepository           *self,
                                                            const CrmCustomerQuery  *query,
                                                            GError                 **error);
gboolean         crm_repository_restore_customer           (CrmRepository           *self,
                                                            CrmCustomer             *customer,
                                                            GPtrArray               *interactions,
                                                            GPtrArray               *opportunities,
                                                            GError                 **error);

/* Interactions */
gboolean         crm_repository_add_interaction            (CrmRepository           *self,
                                                            CrmInteraction          *interaction,
                                                            GError                 **error);
CrmInteraction  *crm_repository_get_interaction            (CrmRepository           *self,
                                                            gint64                   id,
                                                            GError                 **error);
gboolean         crm_repository_update_interaction         (CrmRepository           *self,
                                                            CrmInteraction          *interaction,
                                                            GError                 **error);
gboolean         crm_repository_delete_interaction         (CrmRepository           *self,
                                                            gint64                   id,
                                                            gint64                   version,
                                                            GError                 **error);
GPtrArray       *crm_repository_list_interactions          (CrmRepository           *self,
                                                            gint64                   customer_id,
                                                            guint                    offset,
                                                            guint                    limit,
                                                            GError                 **error);
gint64           crm_repository_count_interactions         (CrmRepository           *self,
                                                            gint64                   customer_id,
                                                            GError                 **error);

/* Opportunities */
gboolean         crm_repository_add_opportunity            (CrmRepository           *self,
                                                            CrmOpportunity          *opportunity,
                                                            GError                 **error);
CrmOpportunity  *crm_repository_get_opportunity            (CrmRepository           *self,
                                                            gint64                   id,
                                                            GError                 **error);
gboolean         crm_repository_update_opportunity         (CrmRepository           *self,
                                                            CrmOpportunity          *opportunity,
                                                            GError                 **error);
gboolean         crm_repository_delete_opportunity         (CrmRepository           *self,
                                                            gint64                   id,
                                                            gint64                   version,
                                                            GError                 **error);
GPtrArray       *crm_repository_list_opportunities         (CrmRepository           *self,
                                                            gint64                   customer_id,
                                                            guint                    offset,
                                                            guint                    limit,
                                                            GError                 **error);
gint64           crm_repository_count_opportunities        (CrmRepository           *self,
                                                            gint64                   customer_id,
                                                            GError                 **error);

/* Pipeline */

/**
 * CrmPipelineFilter:
 * @customer_id: one customer's opportunities, or 0 for everyone's
 * @search: (nullable): a substring of the title or the customer's name;
 *   %NULL or "" for all
 *
 * What the pipeline board shows; zero-initialised means “everything”.
 */
typedef struct
{
  gint64      customer_id;
  const char *search;
} CrmPipelineFilter;

/**
 * CrmStageTotals:
 * @count: opportunities in the stage
 * @value: sum of their values, minor units
 * @weighted: sum of value × probability / 100, minor units (summed exactly,
 *   rounded once to the nearest unit)
 */
typedef struct
{
  gint64 count;
  gint64 value;
  gint64 weighted;
} CrmStageTotals;

/**
 * CrmPipelineMove:
 *
 * Where an opportunity was before a move: enough to put it back exactly
 * with crm_repository_undo_move().
 */
typedef struct
{
  gint64   id;
  CrmStage stage;
  guint    index;
  int      probability;
} CrmPipelineMove;

gboolean         crm_repository_move_opportunity           (CrmRepository           *self,
                                                            gint64                   id,
                                                            CrmStage                 stage,
                                                            guint                    index,
                                                            CrmPipelineMove         *previous,
                                                            GError                 **error);
gboolean         crm_repository_move_opportunity_before    (CrmRepository           *self,
                                                            gint64                   id,
                                                            CrmStage                 stage,
                                                            gint64                   before_id,
                                                            CrmPipelineMove         *previous,
                                                            GError                 **error);
gboolean         crm_repository_undo_move                  (CrmRepository           *self,
                                                            const CrmPipelineMove   *previous,
                                                            GError                 **error);
gboolean         crm_repository_get_stage_totals           (CrmRepository           *self,
                                                            const CrmPipelineFilter *filter,
                                                            CrmStageTotals           totals[CRM_N_STAGES],
                                                            GError                 **error);
GPtrArray       *crm_repository_list_stage                 (CrmRepository           *self,
                                                            CrmStage                 stage,
                                                            const CrmPipelineFilter *filter,
                                                            guint                    offset,
                                                            guint                    limit,
                                                            GError                 **error);
gboolean         crm_repository_get_stage_index            (CrmRepository           *self,
                                                            gint64                   id,
                                                            const CrmPipelineFilter *filter,
                                                            CrmStage                *stage,
                                                            guint                   *index,
                                                            GError                 **error);
gint64           crm_repository_count_stage                (CrmRepository           *self,
                                                            CrmStage                 stage,
                                                            const CrmPipelineFilter *filter,
                                                            GError                 **error);

G_END_DECLS
