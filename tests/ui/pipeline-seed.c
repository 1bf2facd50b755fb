/* pipeline-seed.c: realistic deals for the pipeline's UI test, benchmark
 * and screenshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pipeline-seed.h"

static const struct
{
  const char *name;
  const char *company;
} customers[] = {
  { "张伟", "上海云图科技有限公司" },
  { "María García", "Hospital Santa Lucía" },
  { "王芳", "深圳前海物流集团" },
  { "João Silva", "Transportes Atlântico" },
  { "李娜", "杭州青禾教育" },
  { "Sophie Martin", "Boulangerie Martin & Fils" },
  { "陈杰", "成都熊猫游戏工作室" },
  { "Lukas Schneider", "Schneider Maschinenbau GmbH" },
  { "刘洋", "北京长城建设" },
  { "Ana Fernández", "Viñedos del Duero" },
};

static const struct
{
  guint customer;
  const char *title;
  gint64 value;          /* minor units */
  CrmStage stage;
  int probability;
} deals[] = {
  { 3, "ERP system", 4850000, CRM_STAGE_LEAD, 10 },
  { 0, "云端数据仓库迁移", 12800000, CRM_STAGE_LEAD, 10 },
  { 5, "Point-of-sale terminals ×12", 960000, CRM_STAGE_LEAD, 15 },
  { 8, "工地安全监控系统", 7300000, CRM_STAGE_LEAD, 10 },
  { 7, "Predictive maintenance pilot", 2150000, CRM_STAGE_LEAD, 20 },
  { 1, "Patient portal redesign", 3900000, CRM_STAGE_PROPOSAL, 30 },
  { 4, "在线课堂平台年度订阅", 1880000, CRM_STAGE_PROPOSAL, 35 },
  { 9, "Cellar inventory tracking", 640000, CRM_STAGE_PROPOSAL, 30 },
  { 2, "跨境仓储管理系统", 22400000, CRM_STAGE_NEGOTIATION, 60 },
  { 6, "Game analytics dashboard", 2750000, CRM_STAGE_NEGOTIATION, 65 },
  { 3, "Fleet telematics renewal", 1560000, CRM_STAGE_NEGOTIATION, 60 },
  { 0, "数据安全合规审计", 5400000, CRM_STAGE_CLOSED, 100 },
  { 7, "Spare-parts web shop", 1990000, CRM_STAGE_CLOSED, 100 },
  { 1, "Staff scheduling app", 880000, CRM_STAGE_CLOSED, 100 },
  { 5, "Loyalty card programme", 450000, CRM_STAGE_LOST, 0 },
  { 8, "智慧园区门禁", 3300000, CRM_STAGE_LOST, 0 },
};

static gint64
add_customer (CrmRepository *repository,
              const char    *name,
              const char    *company)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;

  crm_customer_set_name (customer, name);
  crm_customer_set_company (customer, company);
  if (!crm_repository_add_customer (repository, customer, &error))
    g_error ("Cannot add a customer: %s", error->message);
  return crm_customer_get_id (customer);
}

static void
add_deal (CrmRepository *repository,
          gint64         customer_id,
          const char    *title,
          gint64         value,
          CrmStage       stage,
          int            probability)
{
  g_autoptr(CrmOpportunity) opportunity = crm_opportunity_new ();
  g_autoptr(GError) error = NULL;

  crm_opportunity_set_customer_id (opportunity, customer_id);
  crm_opportunity_set_title (opportunity, title);
  crm_opportunity_set_value (opportunity, value);
  crm_opportunity_set_stage (opportunity, stage);
  crm_opportunity_set_probability (opportunity, probability);
  if (!crm_repository_add_opportunity (repository, opportunity, &error))
    g_error ("Cannot add an opportunity: %s", error->message);
}

/* Ten customers, sixteen deals: what the README's screenshot shows. The
 * first lead is “ERP system” of João Silva. */
void
pipeline_seed_demo (CrmRepository *repository)
{
  gint64 ids[G_N_ELEMENTS (customers)];
  g_autoptr(GError) error = NULL;

  if (!crm_repository_begin (repository, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    ids[i] = add_customer (repository, customers[i].name, customers[i].company);
  for (guint i = 0; i < G_N_ELEMENTS (deals); i++)
    add_deal (repository, ids[deals[i].customer], deals[i].title, deals[i].value,
              deals[i].stage, deals[i].probability);
  if (!crm_repository_commit (repository, &error))
    g_error ("%s", error->message);
}

/* @n_opportunities deals spread over the stages and the demo customers,
 * in one transaction. */
void
pipeline_seed_many (CrmRepository *repository,
                    guint          n_opportunities)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (10000);
  g_autoptr(GError) error = NULL;
  gint64 ids[G_N_ELEMENTS (customers)];

  if (!crm_repository_begin (repository, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    ids[i] = add_customer (repository, customers[i].name, customers[i].company);
  for (guint i = 0; i < n_opportunities; i++)
    {
      CrmStage stage = g_rand_int_range (rand, 0, CRM_N_STAGES);
      g_autofree char *title = g_strdup_printf ("%s #%u", deals[i % G_N_ELEMENTS (deals)].title, i);

      add_deal (repository, ids[g_rand_int_range (rand, 0, G_N_ELEMENTS (customers))], title,
                g_rand_int_range (rand, 10000, 50000000), stage,
                stage == CRM_STAGE_CLOSED ? 100 : stage == CRM_STAGE_LOST ? 0
                : (int)crm_stage_get_default_probability (stage));
    }
  if (!crm_repository_commit (repository, &error))
    g_error ("%s", error->message);
}
