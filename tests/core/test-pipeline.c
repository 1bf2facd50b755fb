/* test-pipeline.c: moves, totals and filters of the pipeline board's store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "crm-error.h"
#include "crm-paged-model.h"
#include "crm-repository.h"

typedef struct
{
  char *dir;
  char *path;
  CrmRepository *repo;
  gint64 zhang;   /* customer ids */
  gint64 garcia;
} Fixture;

static gint64
add_customer (CrmRepository *repo,
              const char    *name)
{
  g_autoptr(CrmCustomer) c = crm_customer_new ();
  g_autoptr(GError) error = NULL;

  crm_customer_set_name (c, name);
  g_assert_true (crm_repository_add_customer (repo, c, &error));
  g_assert_no_error (error);
  return crm_customer_get_id (c);
}

static gint64
add_opportunity (CrmRepository *repo,
                 gint64         customer_id,
                 const char    *title,
                 gint64         value,
                 CrmStage       stage,
                 int            probability)
{
  g_autoptr(CrmOpportunity) o = crm_opportunity_new ();
  g_autoptr(GError) error = NULL;

  crm_opportunity_set_customer_id (o, customer_id);
  crm_opportunity_set_title (o, title);
  crm_opportunity_set_value (o, value);
  crm_opportunity_set_stage (o, stage);
  crm_opportunity_set_probability (o, probability);
  g_assert_true (crm_repository_add_opportunity (repo, o, &error));
  g_assert_no_error (error);
  return crm_opportunity_get_id (o);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("rapport-pipeline-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->repo = crm_repository_open (f->path, &error);
  g_assert_no_error (error);
  f->zhang = add_customer (f->repo, "张伟");
  f->garcia = add_customer (f->repo, "María García");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_assert_finalize_object (f->repo);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Every row, through the general list call (not the pipeline's own). */
static GPtrArray *
all_rows (CrmRepository *repo)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  guint offset = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) page = crm_repository_list_opportunities (repo, 0, offset, 500, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (all, g_object_ref (page->pdata[i]));
      if (page->len < 500)
        break;
      offset += page->len;
    }
  return g_steal_pointer (&all);
}

/* Ids of one column, in board order, as a string like "3 1 2". */
static char *
column_ids (CrmRepository *repo,
            CrmStage       stage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = crm_repository_list_stage (repo, stage, NULL, 0, 1000, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            crm_opportunity_get_id (rows->pdata[i]));
  return g_string_free (s, FALSE);
}

static void
assert_dense (CrmRepository *repo)
{
  g_autoptr(GPtrArray) rows = all_rows (repo);
  gint64 expected[CRM_N_STAGES] = { 0, };

  /* list_opportunities orders by stage, then position. */
  for (guint i = 0; i < rows->len; i++)
    {
      CrmOpportunity *o = rows->pdata[i];
      CrmStage stage = crm_opportunity_get_stage (o);

      g_assert_cmpint (crm_opportunity_get_position (o), ==, expected[stage]);
      expected[stage]++;
    }
}

static CrmOpportunity *
get (CrmRepository *repo,
     gint64         id)
{
  g_autoptr(GError) error = NULL;
  CrmOpportunity *o = crm_repository_get_opportunity (repo, id, &error);

  g_assert_no_error (error);
  return o;
}

static char *
snapshot (CrmRepository *repo)
{
  g_autoptr(GPtrArray) rows = all_rows (repo);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      CrmOpportunity *o = rows->pdata[i];

      g_string_append_printf (s, "%" G_GINT64_FORMAT ":%s:%" G_GINT64_FORMAT ":%d\n",
                              crm_opportunity_get_id (o),
                              crm_stage_to_string (crm_opportunity_get_stage (o)),
                              crm_opportunity_get_position (o),
                              crm_opportunity_get_probability (o));
    }
  return g_string_free (s, FALSE);
}

static void
move (CrmRepository   *repo,
      gint64           id,
      CrmStage         stage,
      guint            index,
      CrmPipelineMove *previous)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_repository_move_opportunity (repo, id, stage, index, previous, &error));
  g_assert_no_error (error);
}

static void
test_move_between_and_within (Fixture       *f,
                              gconstpointer  data)
{
  gint64 l[4], p[3];
  g_autofree char *expected = NULL;
  g_autofree char *ids = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (l); i++)
    l[i] = add_opportunity (f->repo, f->zhang, "Lead", 1000, CRM_STAGE_LEAD, 10);
  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    p[i] = add_opportunity (f->repo, f->garcia, "Proposal", 2000, CRM_STAGE_PROPOSAL, 30);
  assert_dense (f->repo);

  /* Between stages, into the middle. */
  move (f->repo, l[1], CRM_STAGE_PROPOSAL, 1, NULL);
  assert_dense (f->repo);
  g_clear_pointer (&ids, g_free);
  ids = column_ids (f->repo, CRM_STAGE_PROPOSAL);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                              " %" G_GINT64_FORMAT, p[0], l[1], p[1], p[2]);
  g_assert_cmpstr (ids, ==, expected);
  g_clear_pointer (&ids, g_free);
  g_clear_pointer (&expected, g_free);
  ids = column_ids (f->repo, CRM_STAGE_LEAD);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                              l[0], l[2], l[3]);
  g_assert_cmpstr (ids, ==, expected);

  /* Within a stage: down, up, past the end (clamped to the last slot). */
  move (f->repo, p[0], CRM_STAGE_PROPOSAL, 2, NULL);
  assert_dense (f->repo);
  g_clear_pointer (&ids, g_free);
  g_clear_pointer (&expected, g_free);
  ids = column_ids (f->repo, CRM_STAGE_PROPOSAL);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                              " %" G_GINT64_FORMAT, l[1], p[1], p[0], p[2]);
  g_assert_cmpstr (ids, ==, expected);

  move (f->repo, p[2], CRM_STAGE_PROPOSAL, 0, NULL);
  move (f->repo, l[1], CRM_STAGE_PROPOSAL, 99, NULL);
  assert_dense (f->repo);
  g_clear_pointer (&ids, g_free);
  g_clear_pointer (&expected, g_free);
  ids = column_ids (f->repo, CRM_STAGE_PROPOSAL);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                              " %" G_GINT64_FORMAT, p[2], p[1], p[0], l[1]);
  g_assert_cmpstr (ids, ==, expected);

  /* Into an empty column, past its end. */
  move (f->repo, l[0], CRM_STAGE_LOST, 7, NULL);
  assert_dense (f->repo);
  g_clear_pointer (&ids, g_free);
  ids = column_ids (f->repo, CRM_STAGE_LOST);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT, l[0]);
  g_assert_cmpstr (ids, ==, expected);
}

static void
test_move_before (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *expected = NULL;
  gint64 a = add_opportunity (f->repo, f->zhang, "A", 1, CRM_STAGE_LEAD, 10);
  gint64 b = add_opportunity (f->repo, f->zhang, "B", 1, CRM_STAGE_LEAD, 10);
  gint64 c = add_opportunity (f->repo, f->zhang, "C", 1, CRM_STAGE_LEAD, 10);
  gint64 n = add_opportunity (f->repo, f->zhang, "N", 1, CRM_STAGE_NEGOTIATION, 60);

  /* Down within the column: right before c. */
  g_assert_true (crm_repository_move_opportunity_before (f->repo, a, CRM_STAGE_LEAD, c, NULL, &error));
  g_assert_no_error (error);
  ids = column_ids (f->repo, CRM_STAGE_LEAD);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, b, a, c);
  g_assert_cmpstr (ids, ==, expected);

  /* Another column, before its first card; then to its end. */
  g_assert_true (crm_repository_move_opportunity_before (f->repo, c, CRM_STAGE_NEGOTIATION, n, NULL, &error));
  g_assert_true (crm_repository_move_opportunity_before (f->repo, b, CRM_STAGE_NEGOTIATION, 0, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&ids, g_free);
  g_clear_pointer (&expected, g_free);
  ids = column_ids (f->repo, CRM_STAGE_NEGOTIATION);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, c, n, b);
  g_assert_cmpstr (ids, ==, expected);
  assert_dense (f->repo);

  /* A neighbour in another stage is refused, and nothing changes. */
  g_assert_false (crm_repository_move_opportunity_before (f->repo, a, CRM_STAGE_PROPOSAL, n, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (crm_repository_move_opportunity (f->repo, 9999, CRM_STAGE_PROPOSAL, 0, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
}

static void
test_probability_rules (Fixture       *f,
                        gconstpointer  data)
{
  gint64 id = add_opportunity (f->repo, f->zhang, "ERP system", 500000, CRM_STAGE_NEGOTIATION, 45);
  gint64 other = add_opportunity (f->repo, f->zhang, "CRM", 100, CRM_STAGE_NEGOTIATION, 60);
  CrmOpportunity *o;

  /* A reorder keeps a hand-set probability. */
  move (f->repo, id, CRM_STAGE_NEGOTIATION, 1, NULL);
  o = get (f->repo, id);
  g_assert_cmpint (crm_opportunity_get_probability (o), ==, 45);
  g_assert_cmpint (crm_opportunity_get_position (o), ==, 1);
  g_object_unref (o);

  move (f->repo, id, CRM_STAGE_CLOSED, 0, NULL);
  o = get (f->repo, id);
  g_assert_cmpint (crm_opportunity_get_stage (o), ==, CRM_STAGE_CLOSED);
  g_assert_cmpint (crm_opportunity_get_probability (o), ==, 100);
  g_object_unref (o);

  move (f->repo, id, CRM_STAGE_LOST, 0, NULL);
  o = get (f->repo, id);
  g_assert_cmpint (crm_opportunity_get_probability (o), ==, 0);
  g_object_unref (o);

  for (CrmStage s = CRM_STAGE_LEAD; s <= CRM_STAGE_NEGOTIATION; s++)
    {
      move (f->repo, id, s, 0, NULL);
      o = get (f->repo, id);
      g_assert_cmpint (crm_opportunity_get_probability (o), ==, crm_stage_get_default_probability (s));
      g_object_unref (o);
    }
  g_assert_cmpuint (crm_stage_get_default_probability (CRM_STAGE_LEAD), ==, 10);
  g_assert_cmpuint (crm_stage_get_default_probability (CRM_STAGE_PROPOSAL), ==, 30);
  g_assert_cmpuint (crm_stage_get_default_probability (CRM_STAGE_NEGOTIATION), ==, 60);

  o = get (f->repo, other);
  g_assert_cmpint (crm_opportunity_get_probability (o), ==, 60);
  g_object_unref (o);
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CrmPipelineMove previous = { 0, };
  gint64 id;

  for (int i = 0; i < 5; i++)
    add_opportunity (f->repo, f->zhang, "Lead", 100, CRM_STAGE_LEAD, 10);
  id = add_opportunity (f->repo, f->garcia, "ERP system", 100, CRM_STAGE_LEAD, 17);
  add_opportunity (f->repo, f->zhang, "Lead", 100, CRM_STAGE_LEAD, 10);
  for (int i = 0; i < 3; i++)
    add_opportunity (f->repo, f->zhang, "Neg", 100, CRM_STAGE_NEGOTIATION, 60);
  move (f->repo, id, CRM_STAGE_LEAD, 2, NULL);

  before = snapshot (f->repo);
  move (f->repo, id, CRM_STAGE_NEGOTIATION, 1, &previous);
  g_assert_cmpint (previous.id, ==, id);
  g_assert_cmpint (previous.stage, ==, CRM_STAGE_LEAD);
  g_assert_cmpuint (previous.index, ==, 2);
  g_assert_cmpint (previous.probability, ==, 17);
  after = snapshot (f->repo);
  g_assert_cmpstr (before, !=, after);

  g_assert_true (crm_repository_undo_move (f->repo, &previous, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = snapshot (f->repo);
  g_assert_cmpstr (before, ==, after);

  /* A reorder undone too. */
  move (f->repo, id, CRM_STAGE_LEAD, 6, &previous);
  g_assert_true (crm_repository_undo_move (f->repo, &previous, &error));
  g_clear_pointer (&after, g_free);
  after = snapshot (f->repo);
  g_assert_cmpstr (before, ==, after);
}

static void
brute_force_totals (CrmRepository  *repo,
                    gint64          customer_id,
                    const char     *search,
                    CrmStageTotals  totals[CRM_N_STAGES])
{
  g_autoptr(GPtrArray) rows = all_rows (repo);
  gint64 weighted[CRM_N_STAGES] = { 0, };

  memset (totals, 0, sizeof (CrmStageTotals) * CRM_N_STAGES);
  for (guint i = 0; i < rows->len; i++)
    {
      CrmOpportunity *o = rows->pdata[i];
      CrmStage s = crm_opportunity_get_stage (o);

      if (customer_id != 0 && crm_opportunity_get_customer_id (o) != customer_id)
        continue;
      if (search != NULL
          && strstr (crm_opportunity_get_title (o), search) == NULL
          && strstr (crm_opportunity_get_customer_name (o), search) == NULL)
        continue;
      totals[s].count++;
      totals[s].value += crm_opportunity_get_value (o);
      weighted[s] += crm_opportunity_get_value (o) * crm_opportunity_get_probability (o);
    }
  for (int s = 0; s < CRM_N_STAGES; s++)
    totals[s].weighted = (weighted[s] + 50) / 100;
}

static void
assert_totals (CrmRepository *repo,
               gint64         customer_id,
               const char    *search)
{
  g_autoptr(GError) error = NULL;
  CrmPipelineFilter filter = { customer_id, search };
  CrmStageTotals expected[CRM_N_STAGES];
  CrmStageTotals got[CRM_N_STAGES];

  brute_force_totals (repo, customer_id, search, expected);
  g_assert_true (crm_repository_get_stage_totals (repo, &filter, got, &error));
  g_assert_no_error (error);
  for (int s = 0; s < CRM_N_STAGES; s++)
    {
      g_assert_cmpint (got[s].count, ==, expected[s].count);
      g_assert_cmpint (got[s].value, ==, expected[s].value);
      g_assert_cmpint (got[s].weighted, ==, expected[s].weighted);
      g_assert_cmpint (crm_repository_count_stage (repo, s, &filter, NULL), ==, expected[s].count);
    }
}

static void
test_random_moves (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  if (!crm_repository_begin (f->repo, &error))
    g_assert_no_error (error);
  for (int i = 0; i < 300; i++)
    {
      gint64 id = add_opportunity (f->repo, i % 3 == 0 ? f->zhang : f->garcia,
                                   i % 2 == 0 ? "ERP system" : "云服务 license",
                                   g_rand_int_range (rand, 0, 10000000),
                                   g_rand_int_range (rand, 0, CRM_N_STAGES),
                                   g_rand_int_range (rand, 0, 101));
      g_array_append_val (ids, id);
    }
  g_assert_true (crm_repository_commit (f->repo, &error));
  assert_totals (f->repo, 0, NULL);

  for (int i = 1; i <= 1000; i++)
    {
      gint64 id = g_array_index (ids, gint64, g_rand_int_range (rand, 0, ids->len));

      move (f->repo, id, g_rand_int_range (rand, 0, CRM_N_STAGES),
            g_rand_int_range (rand, 0, 130), NULL);
      if (i % 100 == 0)
        {
          assert_dense (f->repo);
          assert_totals (f->repo, 0, NULL);
        }
    }
  assert_totals (f->repo, f->zhang, NULL);
  assert_totals (f->repo, 0, "云服务");
  assert_totals (f->repo, 0, "García");
  assert_totals (f->repo, f->garcia, "ERP");
}

static void
test_gaps_after_deletes (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) customer = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *expected = NULL;
  gint64 a, b, c, d, e;

  a = add_opportunity (f->repo, f->garcia, "A", 1, CRM_STAGE_LEAD, 10);
  b = add_opportunity (f->repo, f->zhang, "B", 1, CRM_STAGE_LEAD, 10);
  c = add_opportunity (f->repo, f->garcia, "C", 1, CRM_STAGE_LEAD, 10);
  d = add_opportunity (f->repo, f->zhang, "D", 1, CRM_STAGE_LEAD, 10);
  e = add_opportunity (f->repo, f->garcia, "E", 1, CRM_STAGE_LEAD, 10);

  /* A delete and a customer cascade leave gaps; the order survives. */
  g_assert_true (crm_repository_delete_opportunity (f->repo, c, 0, &error));
  g_assert_true (crm_repository_delete_customer (f->repo, f->zhang, 0, &error));
  g_assert_no_error (error);
  ids = column_ids (f->repo, CRM_STAGE_LEAD);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, a, e);
  g_assert_cmpstr (ids, ==, expected);
  g_assert_cmpint (crm_repository_count_stage (f->repo, CRM_STAGE_LEAD, NULL, NULL), ==, 2);

  /* An index is a rank in the column, whatever the stored positions;
   * the move leaves the column dense. */
  move (f->repo, a, CRM_STAGE_LEAD, 1, NULL);
  assert_dense (f->repo);
  g_clear_pointer (&ids, g_free);
  g_clear_pointer (&expected, g_free);
  ids = column_ids (f->repo, CRM_STAGE_LEAD);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT, e, a);
  g_assert_cmpstr (ids, ==, expected);
  (void)b;
  (void)d;
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  CrmPipelineFilter by_name = { 0, "张" };
  CrmPipelineFilter by_title = { 0, "erp" };
  CrmPipelineFilter literal = { 0, "50%" };
  CrmPipelineFilter both = { f->garcia, "ERP" };

  add_opportunity (f->repo, f->zhang, "ERP system", 100, CRM_STAGE_LEAD, 10);
  add_opportunity (f->repo, f->garcia, "ERP rollout", 200, CRM_STAGE_LEAD, 10);
  add_opportunity (f->repo, f->garcia, "Discount 50% deal", 300, CRM_STAGE_LEAD, 10);
  add_opportunity (f->repo, f->garcia, "Discount 500 deal", 300, CRM_STAGE_LEAD, 10);

  g_assert_cmpint (crm_repository_count_stage (f->repo, CRM_STAGE_LEAD, &by_name, &error), ==, 1);
  g_assert_cmpint (crm_repository_count_stage (f->repo, CRM_STAGE_LEAD, &by_title, &error), ==, 2);
  g_assert_cmpint (crm_repository_count_stage (f->repo, CRM_STAGE_LEAD, &literal, &error), ==, 1);
  g_assert_cmpint (crm_repository_count_stage (f->repo, CRM_STAGE_PROPOSAL, &by_title, &error), ==, 0);
  g_assert_no_error (error);
  rows = crm_repository_list_stage (f->repo, CRM_STAGE_LEAD, &both, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (crm_opportunity_get_title (rows->pdata[0]), ==, "ERP rollout");
  g_assert_cmpstr (crm_opportunity_get_customer_name (rows->pdata[0]), ==, "María García");
}

static void
changed_cb (CrmRepository *repo,
            GType          type,
            gint64         id,
            guint          kind,
            gint64        *seen)
{
  if (type == CRM_TYPE_OPPORTUNITY && kind == CRM_CHANGE_UPDATED)
    *seen = id;
}

static void
test_changed_signal (Fixture       *f,
                     gconstpointer  data)
{
  gint64 id = add_opportunity (f->repo, f->zhang, "ERP system", 100, CRM_STAGE_LEAD, 10);
  gint64 seen = 0;

  g_signal_connect (f->repo, "changed", G_CALLBACK (changed_cb), &seen);
  move (f->repo, id, CRM_STAGE_PROPOSAL, 0, NULL);
  g_assert_cmpint (seen, ==, id);
  g_signal_handlers_disconnect_by_func (f->repo, changed_cb, &seen);
}

static gint64
lead_count_cb (gpointer   data,
               GError   **error)
{
  return crm_repository_count_stage (data, CRM_STAGE_LEAD, NULL, error);
}

static GPtrArray *
lead_fetch_cb (gpointer   data,
               guint      offset,
               guint      limit,
               GError   **error)
{
  return crm_repository_list_stage (data, CRM_STAGE_LEAD, NULL, offset, limit, error);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *last)
{
  last[0] = position;
  last[1] = removed;
  last[2] = added;
}

/* What the board does after a move: tell the column's model which rows
 * changed; a count that disagrees (someone else changed the column too)
 * falls back to a full reload. */
static void
test_paged_model_range (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CrmPagedModel) model = NULL;
  g_autoptr(CrmOpportunity) third = NULL;
  guint last[3] = { 0, };
  gint64 ids[6];

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = add_opportunity (f->repo, f->zhang, "Lead", 1, CRM_STAGE_LEAD, 10);
  model = crm_paged_model_new (CRM_TYPE_OPPORTUNITY, lead_count_cb, lead_fetch_cb, f->repo, NULL);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), last);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 6);

  move (f->repo, ids[4], CRM_STAGE_LEAD, 1, NULL);
  crm_paged_model_reload_range (model, 1, 4, 4);
  g_assert_cmpuint (last[0], ==, 1);
  g_assert_cmpuint (last[1], ==, 4);
  g_assert_cmpuint (last[2], ==, 4);
  third = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_cmpint (crm_opportunity_get_id (third), ==, ids[4]);

  move (f->repo, ids[0], CRM_STAGE_PROPOSAL, 0, NULL);
  crm_paged_model_reload_range (model, 0, 1, 0);
  g_assert_cmpuint (last[0], ==, 0);
  g_assert_cmpuint (last[1], ==, 1);
  g_assert_cmpuint (last[2], ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);

  /* Two rows left, but the caller only knew of one. */
  move (f->repo, ids[1], CRM_STAGE_PROPOSAL, 0, NULL);
  move (f->repo, ids[2], CRM_STAGE_PROPOSAL, 0, NULL);
  crm_paged_model_reload_range (model, 0, 1, 0);
  /* every row removed, then every row added (see crm_paged_model_reload) */
  g_assert_cmpuint (last[0], ==, 0);
  g_assert_cmpuint (last[1], ==, 0);
  g_assert_cmpuint (last[2], ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/pipeline/move/between-and-within", test_move_between_and_within);
  ADD ("/pipeline/move/before", test_move_before);
  ADD ("/pipeline/move/probability", test_probability_rules);
  ADD ("/pipeline/move/undo", test_undo);
  ADD ("/pipeline/move/random-totals", test_random_moves);
  ADD ("/pipeline/gaps-after-deletes", test_gaps_after_deletes);
  ADD ("/pipeline/filter", test_filter);
  ADD ("/pipeline/changed-signal", test_changed_signal);
  ADD ("/pipeline/paged-model-range", test_paged_model_range);
#undef ADD

  return g_test_run ();
}
