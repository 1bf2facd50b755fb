/* crm-bench-data.c: realistic, reproducible customers for benchmarks
 *
 * Half the customers have Chinese names (a common surname and one or two
 * given characters, with a pinyin email), half European ones (accents
 * included); companies, phones, statuses and notes follow the same split.
 * Every value comes from one GRand seeded by the caller, so a seed and a
 * size always give the same database. Rows go in through the repository's
 * bulk path: one transaction, secondary indexes and per-row search
 * indexing dropped and rebuilt once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "crm-bench-data.h"
#include "crm-repository-bulk.h"
#include "crm-repository-rows.h"

typedef struct
{
  const char *text;
  const char *ascii;
} Word;

/* The most common Chinese surnames, most common first (a draw favours the
 * front of the list). */
static const Word cn_surnames[] = {
  { "王", "wang" }, { "李", "li" }, { "张", "zhang" }, { "刘", "liu" }, { "陈", "chen" },
  { "杨", "yang" }, { "黄", "huang" }, { "赵", "zhao" }, { "吴", "wu" }, { "周", "zhou" },
  { "徐", "xu" }, { "孙", "sun" }, { "马", "ma" }, { "朱", "zhu" }, { "胡", "hu" },
  { "郭", "guo" }, { "何", "he" }, { "高", "gao" }, { "林", "lin" }, { "罗", "luo" },
  { "郑", "zheng" }, { "梁", "liang" }, { "谢", "xie" }, { "宋", "song" }, { "唐", "tang" },
  { "许", "xu" }, { "韩", "han" }, { "冯", "feng" }, { "邓", "deng" }, { "曹", "cao" },
  { "彭", "peng" }, { "曾", "zeng" }, { "肖", "xiao" }, { "田", "tian" }, { "董", "dong" },
  { "袁", "yuan" }, { "潘", "pan" }, { "于", "yu" }, { "蒋", "jiang" }, { "蔡", "cai" },
  { "余", "yu" }, { "杜", "du" }, { "叶", "ye" }, { "程", "cheng" }, { "苏", "su" },
  { "魏", "wei" }, { "吕", "lv" }, { "丁", "ding" }, { "任", "ren" }, { "沈", "shen" },
  { "欧阳", "ouyang" }, { "司马", "sima" },
};

static const Word cn_given[] = {
  { "伟", "wei" }, { "芳", "fang" }, { "娜", "na" }, { "秀英", "xiuying" }, { "敏", "min" },
  { "静", "jing" }, { "丽", "li" }, { "强", "qiang" }, { "磊", "lei" }, { "军", "jun" },
  { "洋", "yang" }, { "勇", "yong" }, { "艳", "yan" }, { "杰", "jie" }, { "娟", "juan" },
  { "涛", "tao" }, { "明", "ming" }, { "超", "chao" }, { "秀兰", "xiulan" }, { "霞", "xia" },
  { "平", "ping" }, { "刚", "gang" }, { "桂英", "guiying" }, { "华", "hua" }, { "玉", "yu" },
  { "萍", "ping" }, { "红", "hong" }, { "鹏", "peng" }, { "飞", "fei" }, { "宇", "yu" },
  { "浩", "hao" }, { "婷", "ting" }, { "雪", "xue" }, { "琳", "lin" }, { "晨", "chen" },
  { "欣", "xin" }, { "怡", "yi" }, { "佳", "jia" }, { "俊", "jun" }, { "博", "bo" },
  { "文", "wen" }, { "斌", "bin" }, { "辉", "hui" }, { "建国", "jianguo" }, { "志强", "zhiqiang" },
  { "海燕", "haiyan" }, { "子涵", "zihan" }, { "梓萱", "zixuan" }, { "一诺", "yinuo" }, { "浩然", "haoran" },
};

static const Word latin_first[] = {
  { "Anna", "anna" }, { "Jonas", "jonas" }, { "Lucía", "lucia" }, { "Marco", "marco" },
  { "José", "jose" }, { "Zoë", "zoe" }, { "Björn", "bjorn" }, { "François", "francois" },
  { "Søren", "soren" }, { "Łukasz", "lukasz" }, { "Emma", "emma" }, { "Liam", "liam" },
  { "Olivia", "olivia" }, { "Noah", "noah" }, { "Sophie", "sophie" }, { "Lukas", "lukas" },
  { "Mia", "mia" }, { "Leon", "leon" }, { "Chloé", "chloe" }, { "Mateo", "mateo" },
  { "Giulia", "giulia" }, { "João", "joao" }, { "Ingrid", "ingrid" }, { "Pierre", "pierre" },
  { "Hannah", "hannah" }, { "David", "david" }, { "Sarah", "sarah" }, { "Michael", "michael" },
  { "Jürgen", "juergen" }, { "Agnieszka", "agnieszka" }, { "Álvaro", "alvaro" }, { "Elena", "elena" },
  { "Thomas", "thomas" }, { "Laura", "laura" }, { "Felix", "felix" }, { "Clara", "clara" },
};

static const Word latin_last[] = {
  { "Smith", "smith" }, { "Müller", "mueller" }, { "García", "garcia" }, { "Rossi", "rossi" },
  { "Dubois", "dubois" }, { "Schmidt", "schmidt" }, { "Johnson", "johnson" }, { "Silva", "silva" },
  { "Novák", "novak" }, { "Kowalski", "kowalski" }, { "Jensen", "jensen" }, { "O'Brien", "obrien" },
  { "Fernández", "fernandez" }, { "Bianchi", "bianchi" }, { "Schneider", "schneider" },
  { "Martin", "martin" }, { "Brown", "brown" }, { "Williams", "williams" }, { "Lefèvre", "lefevre" },
  { "Andersson", "andersson" }, { "Nowak", "nowak" }, { "Fischer", "fischer" }, { "Weber", "weber" },
  { "Costa", "costa" }, { "Moreau", "moreau" }, { "Van der Berg", "vanderberg" }, { "Öztürk", "ozturk" },
  { "Nguyen", "nguyen" }, { "Hoffmann", "hoffmann" }, { "López", "lopez" }, { "Wagner", "wagner" },
  { "Ricci", "ricci" }, { "Larsen", "larsen" }, { "Kim", "kim" }, { "Becker", "becker" },
};

static const char *cn_cities[] = {
  "北京", "上海", "深圳", "广州", "杭州", "成都", "武汉", "南京", "西安", "苏州", "重庆", "天津",
};
static const char *cn_brands[] = {
  "华信", "恒达", "盛世", "创新", "宏图", "远航", "星辰", "天成", "金桥", "新科", "博远", "瑞丰",
  "中联", "汇通", "鼎盛", "长城",
};
static const char *cn_sectors[] = {
  "科技", "贸易", "电子", "网络", "物流", "医药", "建筑", "食品", "教育", "咨询", "软件", "能源",
};
static const char *cn_suffixes[] = { "有限公司", "股份有限公司", "集团", "有限责任公司" };

static const char *latin_brands[] = {
  "Acme", "Globex", "Initech", "Nordwind", "Sol", "Alpen", "Blue River", "Vertex", "Hansa",
  "Iberia", "Polaris", "Lumen", "Atlas", "Helvetia", "Rheinland", "Aurora",
};
static const char *latin_sectors[] = {
  "Logistics", "Software", "Consulting", "Foods", "Systems", "Trading", "Energy", "Media",
  "Robotics", "Pharma", "Textil", "Bau",
};
static const char *latin_suffixes[] = { "GmbH", "Inc.", "Ltd", "S.A.", "S.r.l.", "AG", "LLC", "SAS" };

static const char *cn_mail_hosts[] = { "163.com", "qq.com", "126.com", "sina.com", "outlook.com" };
static const char *latin_mail_hosts[] = { "example.com", "gmail.com", "web.de", "mail.com", "posteo.de" };

static const char *cn_notes[] = {
  "对年度维护合同感兴趣", "下周回电", "需要报价单", "在展会上认识", "老客户介绍",
  "预算在第三季度审批", "希望安排产品演示", "关注数据安全", "联系人已换岗",
};
static const char *latin_notes[] = {
  "Met at the trade fair", "Call back next week", "Wants a quote for 50 seats",
  "Budget approved in Q3", "Prefers email", "Referred by an existing customer",
  "Interested in the maintenance plan", "Rückruf erbeten", "Necesita una demo",
};
static const char *interaction_notes[] = {
  "", "", "Discussed pricing", "Sent the proposal", "Demo went well", "No answer, left a message",
  "电话沟通了需求", "发送了报价", "客户要求延期", "Termin vereinbart", "Follow-up on the invoice",
  "现场拜访", "Signed the NDA",
};
static const char *opportunity_titles[] = {
  "ERP 系统", "年度维护合同", "Website relaunch", "Cloud migration", "培训服务",
  "Support renewal", "数据中心扩容", "CRM rollout", "Hardware refresh", "安全审计",
  "Lizenzverlängerung", "Consultoría anual",
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

/* Favours the front of @n entries: about a quarter of the draws land in
 * the first tenth, as with real surnames. */
static guint
pick_skewed (GRand *rand,
             guint  n)
{
  double x = g_rand_double (rand);

  return MIN ((guint)(x * x * n), n - 1);
}

typedef struct
{
  GRand *rand;
  GDateTime *epoch;
  gint64 positions[CRM_N_STAGES];
  CrmBenchDataCounts counts;
} Generator;

static GDateTime *
random_time_after (Generator *gen,
                   GDateTime *start,
                   gint64     max_seconds)
{
  gint64 seconds = (gint64)(g_rand_double (gen->rand) * (double)max_seconds);
  int micro = g_rand_int_range (gen->rand, 0, 1000000);

  return g_date_time_add (start, seconds * G_USEC_PER_SEC + micro);
}

static CrmCustomer *
make_customer (Generator *gen)
{
  GRand *rand = gen->rand;
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GString) email = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *company = NULL;
  g_autofree char *phone = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GDateTime) updated_at = NULL;
  gboolean chinese = g_rand_boolean (rand);
  double status_draw = g_rand_double (rand);
  double company_draw = g_rand_double (rand);

  if (chinese)
    {
      const Word *surname = &cn_surnames[pick_skewed (rand, G_N_ELEMENTS (cn_surnames))];
      const Word *given = &PICK (rand, cn_given);

      name = g_strconcat (surname->text, given->text, NULL);
      g_string_append_printf (email, "%s.%s%u@%s", surname->ascii, given->ascii,
                              (guint)g_rand_int_range (rand, 1, 100), PICK (rand, cn_mail_hosts));
      if (company_draw < 0.85)
        company = g_strconcat (PICK (rand, cn_cities), PICK (rand, cn_brands), PICK (rand, cn_sectors),
                               PICK (rand, cn_suffixes), NULL);
      phone = g_strdup_printf ("+86 1%02d %04d %04d", g_rand_int_range (rand, 30, 90),
                               g_rand_int_range (rand, 0, 10000), g_rand_int_range (rand, 0, 10000));
    }
  else
    {
      const Word *first = &PICK (rand, latin_first);
      const Word *last = &latin_last[pick_skewed (rand, G_N_ELEMENTS (latin_last))];

      name = g_strconcat (first->text, " ", last->text, NULL);
      g_string_append_printf (email, "%s.%s@%s", first->ascii, last->ascii,
                              PICK (rand, latin_mail_hosts));
      if (company_draw < 0.85)
        company = g_strconcat (PICK (rand, latin_brands), " ", PICK (rand, latin_sectors), " ",
                               PICK (rand, latin_suffixes), NULL);
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          phone = g_strdup_printf ("+49 30 %07d", g_rand_int_range (rand, 0, 10000000));
          break;
        case 1:
          phone = g_strdup_printf ("+1 (555) %03d-%04d", g_rand_int_range (rand, 100, 1000),
                                   g_rand_int_range (rand, 0, 10000));
          break;
        case 2:
          phone = g_strdup_printf ("+34 6%02d %03d %03d", g_rand_int_range (rand, 0, 100),
                                   g_rand_int_range (rand, 0, 1000), g_rand_int_range (rand, 0, 1000));
          break;
        default:
          phone = g_strdup_printf ("+33 6 %02d %02d %02d %02d", g_rand_int_range (rand, 0, 100),
                                   g_rand_int_range (rand, 0, 100), g_rand_int_range (rand, 0, 100),
                                   g_rand_int_range (rand, 0, 100));
          break;
        }
    }

  crm_customer_set_name (customer, name);
  crm_customer_set_company (customer, company ? company : "");
  /* One in ten has no email, one in twenty no phone. */
  crm_customer_set_email (customer, g_rand_int_range (rand, 0, 10) == 0 ? "" : email->str);
  crm_customer_set_phone (customer, g_rand_int_range (rand, 0, 20) == 0 ? "" : phone);
  crm_customer_set_status (customer, status_draw < 0.25 ? CRM_CUSTOMER_STATUS_LEAD
                                     : status_draw < 0.85 ? CRM_CUSTOMER_STATUS_ACTIVE
                                     : CRM_CUSTOMER_STATUS_INACTIVE);
  if (g_rand_int_range (rand, 0, 10) < 4)
    crm_customer_set_notes (customer, chinese ? PICK (rand, cn_notes) : PICK (rand, latin_notes));

  /* 2019-01-01 plus up to about seven and a half years. */
  created_at = random_time_after (gen, gen->epoch, 7.5 * 365 * 86400);
  updated_at = random_time_after (gen, created_at, 180 * 86400);
  crm_customer_set_created_at (customer, created_at);
  crm_customer_set_updated_at (customer, updated_at);
  return g_steal_pointer (&customer);
}

static gboolean
add_interactions (Generator    *gen,
                  CrmRepository *repo,
                  CrmCustomer  *customer,
                  GError      **error)
{
  /* 0 to 6, 3 on average. */
  int n = g_rand_int_range (gen->rand, 0, 2 * CRM_BENCH_DATA_INTERACTIONS_PER_CUSTOMER + 1);

  for (int i = 0; i < n; i++)
    {
      g_autoptr(CrmInteraction) interaction = crm_interaction_new ();
      g_autoptr(GDateTime) occurred_at =
        random_time_after (gen, crm_customer_get_created_at (customer), 365 * 86400);

      crm_interaction_set_customer_id (interaction, crm_customer_get_id (customer));
      crm_interaction_set_interaction_type (interaction,
                                            g_rand_int_range (gen->rand, 0, CRM_INTERACTION_TYPE_OTHER + 1));
      crm_interaction_set_notes (interaction, PICK (gen->rand, interaction_notes));
      crm_interaction_set_occurred_at (interaction, occurred_at);
      crm_interaction_set_created_at (interaction, occurred_at);
      if (!crm_repository_bulk_add_interaction (repo, interaction, error))
        return FALSE;
      gen->counts.interactions++;
    }
  return TRUE;
}

static gboolean
add_opportunity (Generator     *gen,
                 CrmRepository *repo,
                 CrmCustomer   *customer,
                 GError       **error)
{
  g_autoptr(CrmOpportunity) opportunity = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GDateTime) updated_at = NULL;
  static const CrmStage stages[] = {
    CRM_STAGE_LEAD, CRM_STAGE_LEAD, CRM_STAGE_LEAD, CRM_STAGE_PROPOSAL, CRM_STAGE_PROPOSAL,
    CRM_STAGE_NEGOTIATION, CRM_STAGE_CLOSED, CRM_STAGE_LOST,
  };
  CrmStage stage;

  if (g_rand_int_range (gen->rand, 0, 100) >= CRM_BENCH_DATA_OPPORTUNITY_PERCENT)
    return TRUE;

  stage = PICK (gen->rand, stages);
  opportunity = crm_opportunity_new ();
  created_at = random_time_after (gen, crm_customer_get_created_at (customer), 200 * 86400);
  updated_at = random_time_after (gen, created_at, 60 * 86400);
  crm_opportunity_set_customer_id (opportunity, crm_customer_get_id (customer));
  crm_opportunity_set_title (opportunity, PICK (gen->rand, opportunity_titles));
  /* 100.00 to 500,000.00 in minor units, rounded to whole units. */
  crm_opportunity_set_value (opportunity, (gint64)g_rand_int_range (gen->rand, 100, 500001) * 100);
  crm_opportunity_set_stage (opportunity, stage);
  crm_opportunity_set_probability (opportunity, crm_stage_get_default_probability (stage));
  crm_opportunity_set_position (opportunity, gen->positions[stage]++);
  crm_opportunity_set_created_at (opportunity, created_at);
  crm_opportunity_set_updated_at (opportunity, updated_at);
  if (!crm_repository_bulk_add_opportunity (repo, opportunity, error))
    return FALSE;
  gen->counts.opportunities++;
  return TRUE;
}

/**
 * crm_bench_data_generate_counts:
 * @repo: an empty repository (positions of opportunities start at 0)
 * @n_customers: how many customers to add
 * @seed: the same seed and size give the same rows
 * @counts: (out) (optional): how many rows were added
 *
 * Adds @n_customers customers with about 3 interactions and 0.1
 * opportunities each, all or nothing.
 */
gboolean
crm_bench_data_generate_counts (CrmRepository       *repo,
                                guint                n_customers,
                                guint32              seed,
                                CrmBenchDataCounts  *counts,
                                GError             **error)
{
  Generator gen = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (CRM_IS_REPOSITORY (repo), FALSE);

  if (!crm_repository_begin (repo, error))
    return FALSE;
  if (!crm_repository_begin_bulk_insert (repo, error))
    {
      crm_repository_rollback (repo);
      return FALSE;
    }

  gen.rand = g_rand_new_with_seed (seed);
  gen.epoch = g_date_time_new_utc (2019, 1, 1, 0, 0, 0);
  for (guint i = 0; ok && i < n_customers; i++)
    {
      g_autoptr(CrmCustomer) customer = make_customer (&gen);

      ok = crm_repository_add_customer (repo, customer, error)
           && add_interactions (&gen, repo, customer, error)
           && add_opportunity (&gen, repo, customer, error);
      gen.counts.customers += ok;
    }
  g_rand_free (gen.rand);
  g_date_time_unref (gen.epoch);

  if (!ok || !crm_repository_end_bulk_insert (repo, error))
    {
      crm_repository_rollback (repo);
      crm_repository_abort_bulk_insert (repo);
      return FALSE;
    }
  /* A failed commit has rolled back by itself. */
  if (!crm_repository_commit (repo, error))
    return FALSE;
  if (counts != NULL)
    *counts = gen.counts;
  return TRUE;
}

gboolean
crm_bench_data_generate (CrmRepository  *repo,
                         guint           n_customers,
                         guint32         seed,
                         GError        **error)
{
  return crm_bench_data_generate_counts (repo, n_customers, seed, NULL, error);
}
