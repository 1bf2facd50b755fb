/* bench-window-data.c: mixed Chinese and Latin customers, from a seed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bench-window-data.h"
#include "crm-repository-bulk.h"

static const char *cn_surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭" };
static const char *cn_given[] = { "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞" };
static const char *latin_first[] = { "Anna", "Jonas", "Lucía", "Marco", "Emma", "Liam", "Sofia", "Noah", "Olivia", "Mateo", "Chloé", "Hugo", "Ingrid", "Piotr", "Aisha", "Kenji" };
static const char *latin_last[] = { "Smith", "Müller", "García", "Rossi", "Dubois", "Novak", "Jensen", "Silva", "Kowalski", "Tanaka", "Okafor", "Andersson", "Brown", "Schmidt" };
static const char *cn_cities[] = { "北京", "上海", "深圳", "杭州", "广州", "成都", "南京", "武汉" };
static const char *cn_trades[] = { "科技", "贸易", "电子", "网络", "物流", "医药", "建筑", "食品" };
static const char *cn_forms[] = { "有限公司", "股份有限公司", "集团" };
static const char *latin_companies[] = { "ACME", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Vandelay", "Soylent", "Tyrell" };
static const char *latin_forms[] = { "GmbH", "Inc.", "Ltd", "S.A.", "AB", "BV" };
static const char *pinyin[] = { "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo" };
static const CrmCustomerStatus statuses[] = { CRM_CUSTOMER_STATUS_LEAD, CRM_CUSTOMER_STATUS_ACTIVE, CRM_CUSTOMER_STATUS_INACTIVE };

#define PICK(rand, array) (array[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

gboolean
bench_window_data_generate (CrmRepository  *repository,
                            guint           n,
                            guint32         seed,
                            GError        **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GDateTime) epoch = g_date_time_new_utc (2020, 1, 1, 0, 0, 0);

  if (!crm_repository_begin (repository, error)
      || !crm_repository_begin_bulk_insert (repository, error))
    return FALSE;
  for (guint i = 1; i <= n; i++)
    {
      g_autoptr(CrmCustomer) customer = crm_customer_new ();
      g_autoptr(GDateTime) created = g_date_time_add_seconds (epoch, g_rand_double_range (rand, 0, 6 * 365 * 86400.0));
      g_autofree char *name = NULL;
      g_autofree char *company = NULL;
      g_autofree char *email = NULL;
      g_autofree char *phone = NULL;

      if (g_rand_int_range (rand, 0, 100) < 60)
        {
          guint s = g_rand_int_range (rand, 0, G_N_ELEMENTS (cn_surnames));

          name = g_strconcat (cn_surnames[s], PICK (rand, cn_given), NULL);
          company = g_strconcat (PICK (rand, cn_cities), PICK (rand, cn_trades), PICK (rand, cn_forms), NULL);
          email = g_strdup_printf ("%s%u@example.cn", pinyin[s], g_rand_int_range (rand, 1, 100000));
          phone = g_strdup_printf ("+86 1%02u %04u %04u", g_rand_int_range (rand, 30, 90),
                                   g_rand_int_range (rand, 0, 10000), g_rand_int_range (rand, 0, 10000));
        }
      else
        {
          const char *first = PICK (rand, latin_first);
          const char *last = PICK (rand, latin_last);

          name = g_strconcat (first, " ", last, NULL);
          company = g_strconcat (PICK (rand, latin_companies), " ", PICK (rand, latin_forms), NULL);
          email = g_strdup_printf ("%s.%s%u@example.com", first, last, g_rand_int_range (rand, 1, 1000));
          email = g_utf8_strdown (g_steal_pointer (&email), -1);
          phone = g_strdup_printf ("+49 %03u %07u", g_rand_int_range (rand, 100, 999),
                                   g_rand_int_range (rand, 0, 10000000));
        }
      g_object_set (customer,
                    "name", name, "company", company, "email", email, "phone", phone,
                    "status", PICK (rand, statuses),
                    "created-at", created, "updated-at", created,
                    NULL);
      if (!crm_repository_add_customer (repository, customer, error))
        {
          crm_repository_abort_bulk_insert (repository);
          crm_repository_rollback (repository);
          return FALSE;
        }
    }
  if (!crm_repository_end_bulk_insert (repository, error))
    {
      crm_repository_rollback (repository);
      return FALSE;
    }
  return crm_repository_commit (repository, error);
}
