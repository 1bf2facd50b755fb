/* crm-repository-pipeline.c: the pipeline board's queries and moves
 *
 * Positions: inside a stage, opportunities are ordered by (position, id).
 * A move leaves both the source and the target column dense (0..n-1, each
 * once). Other writers may leave gaps or ties behind (a delete, a customer
 * cascade, an undo of one, an import with its own positions); nothing
 * breaks, because every query orders by (position, id), and the next move
 * touching such a column renumbers it first (one cheap check per column,
 * a renumbering only when it is needed). Indexes given to or returned by
 * a move are therefore always ranks in a dense column.
 *
 * Versions: every row a move writes gets one more, the neighbours whose
 * positions shift included. An editor's save writes the position it read
 * back; had a shift not counted as a change, a stale save would put the
 * card back on a neighbour's place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-repository-private.h"
#include "crm-validate.h"

static const char *
stage_nick (CrmStage stage)
{
  return crm_stage_to_string (stage);
}

static gint64
stage_count (CrmRepository  *self,
             CrmStage        stage,
             GError        **error)
{
  g_autoptr(CrmStmt) stmt =
    crm_repository_prepare (self, "SELECT count(*) FROM opportunities WHERE stage = ?", error);

  if (stmt == NULL)
    return -1;
  crm_stmt_bind_text (stmt, 1, stage_nick (stage));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      crm_repository_set_error (self, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* Renumbers @stage's column to 0..n-1 in (position, id) order, unless it
 * already is. */
static gboolean
ensure_dense (CrmRepository  *self,
              CrmStage        stage,
              GError        **error)
{
  g_autoptr(CrmStmt) check = NULL;
  g_autoptr(CrmStmt) renumber = NULL;
  gint64 count, distinct, min, max;

  check = crm_repository_prepare (self,
                                  "SELECT count(*), count(DISTINCT position), "
                                  "coalesce(min(position), 0), coalesce(max(position), -1) "
                                  "FROM opportunities WHERE stage = ?",
                                  error);
  if (check == NULL)
    return FALSE;
  crm_stmt_bind_text (check, 1, stage_nick (stage));
  if (sqlite3_step (check) != SQLITE_ROW)
    return crm_repository_set_error (self, error);
  count = sqlite3_column_int64 (check, 0);
  distinct = sqlite3_column_int64 (check, 1);
  min = sqlite3_column_int64 (check, 2);
  max = sqlite3_column_int64 (check, 3);
  if (count == distinct && min == 0 && max == count - 1)
    return TRUE;

  renumber = crm_repository_prepare (self,
                                     "UPDATE opportunities SET position = r.rank, "
                                     "version = version + 1, changed_by = ?2 FROM "
                                     "(SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS rank "
                                     " FROM opportunities WHERE stage = ?1) AS r "
                                     "WHERE opportunities.id = r.id AND opportunities.position != r.rank",
                                     error);
  if (renumber == NULL)
    return FALSE;
  crm_stmt_bind_text (renumber, 1, stage_nick (stage));
  crm_stmt_bind_text (renumber, 2, crm_repository_get_user_name (self));
  return crm_repository_step_done (self, renumber, error);
}

typedef struct
{
  CrmStage   stage;
  gint64     position;
  int        probability;
  GDateTime *updated_at;
} Placement;

static void
placement_clear (Placement *placement)
{
  g_clear_pointer (&placement->updated_at, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Placement, placement_clear)

static gboolean
read_placement (CrmRepository  *self,
                gint64          id,
                Placement      *placement,
                GError        **error)
{
  g_autoptr(CrmStmt) stmt =
    crm_repository_prepare (self,
                            "SELECT stage, position, probability, updated_at "
                            "FROM opportunities WHERE id = ?",
                            error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                   _("Opportunity %lld does not exist"), (long long) id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return crm_repository_set_error (self, error);
  placement->stage = CRM_STAGE_LEAD;
  crm_stage_from_string (crm_stmt_column_text (stmt, 0), &placement->stage, NULL);
  placement->position = sqlite3_column_int64 (stmt, 1);
  placement->probability = sqlite3_column_int (stmt, 2);
  g_clear_pointer (&placement->updated_at, g_date_time_unref);
  placement->updated_at = crm_stmt_column_time (stmt, 3);
  return TRUE;
}

/* Adds @delta to the positions in [@from, @to] of @stage's column. */
static gboolean
shift_positions (CrmRepository  *self,
                 CrmStage        stage,
                 gint64          from,
                 gint64          to,
                 int             delta,
                 GError        **error)
{
  g_autoptr(CrmStmt) stmt =
    crm_repository_prepare (self,
                            "UPDATE opportunities SET position = position + ?4, "
                            "version = version + 1, changed_by = ?5 "
                            "WHERE stage = ?1 AND position >= ?2 AND position <= ?3",
                            error);

  if (stmt == NULL)
    return FALSE;
  crm_stmt_bind_text (stmt, 1, stage_nick (stage));
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  sqlite3_bind_int (stmt, 4, delta);
  crm_stmt_bind_text (stmt, 5, crm_repository_get_user_name (self));
  return crm_repository_step_done (self, stmt, error);
}

static int
probability_for_move (CrmStage from,
                      CrmStage to,
                      int      current)
{
  if (from == to)
    return current;
  if (to == CRM_STAGE_CLOSED)
    return 100;
  if (to == CRM_STAGE_LOST)
    return 0;
  return crm_stage_get_default_probability (to);
}

/* The move itself, inside the caller's transaction. @probability is the
 * one to set, or -1 for the stage rules. */
static gboolean
move_in_transaction (CrmRepository    *self,
                     gint64            id,
                     CrmStage          stage,
                     guint             index,
                     int               probability,
                     CrmPipelineMove  *previous,
                     GError          **error)
{
  g_auto(Placement) old = { 0, };
  g_autoptr(CrmStmt) stmt = NULL;
  g_autoptr(GDateTime) updated_at = NULL;
  gint64 target;
  gint64 count;

  if (!read_placement (self, id, &old, error)
      || !ensure_dense (self, old.stage, error)
      || (stage != old.stage && !ensure_dense (self, stage, error))
      || !read_placement (self, id, &old, error))
    return FALSE;

  count = stage_count (self, stage, error);
  if (count < 0)
    return FALSE;
  if (stage == old.stage)
    {
      /* The card's own slot counts: the last index is count - 1. */
      target = MIN ((gint64)index, count - 1);
      if (target < old.position
          && !shift_positions (self, stage, target, old.position - 1, +1, error))
        return FALSE;
      if (target > old.position
          && !shift_positions (self, stage, old.position + 1, target, -1, error))
        return FALSE;
    }
  else
    {
      target = MIN ((gint64)index, count);
      if (!shift_positions (self, old.stage, old.position + 1, G_MAXINT64, -1, error)
          || !shift_positions (self, stage, target, G_MAXINT64, +1, error))
        return FALSE;
    }

  if (probability < 0)
    probability = probability_for_move (old.stage, stage, old.probability);

  if (previous != NULL)
    {
      previous->id = id;
      previous->stage = old.stage;
      previous->index = (guint)old.position;
      previous->probability = old.probability;
    }

  if (stage == old.stage && target == old.position && probability == old.probability)
    return TRUE;

  stmt = crm_repository_prepare (self,
                                 "UPDATE opportunities SET stage = ?2, position = ?3, "
                                 "probability = ?4, updated_at = ?5, "
                                 "version = version + 1, changed_by = ?6 WHERE id = ?1",
                                 error);
  if (stmt == NULL)
    return FALSE;
  updated_at = crm_repository_next_time (old.updated_at);
  sqlite3_bind_int64 (stmt, 1, id);
  crm_stmt_bind_text (stmt, 2, stage_nick (stage));
  sqlite3_bind_int64 (stmt, 3, target);
  sqlite3_bind_int (stmt, 4, probability);
  crm_stmt_bind_time (stmt, 5, updated_at);
  crm_stmt_bind_text (stmt, 6, crm_repository_get_user_name (self));
  if (!crm_repository_step_done (self, stmt, error))
    return FALSE;

  crm_repository_emit_changed (self, CRM_TYPE_OPPORTUNITY, id, CRM_CHANGE_UPDATED);
  return TRUE;
}

static gboolean
move_opportunity (CrmRepository    *self,
                  gint64            id,
                  CrmStage          stage,
                  guint             index,
                  int               probability,
                  CrmPipelineMove  *previous,
                  GError          **error)
{
  if (!crm_repository_begin (self, error))
    return FALSE;
  if (!move_in_transaction (self, id, stage, index, probability, previous, error))
    {
      crm_repository_rollback (self);
      return FALSE;
    }
  return crm_repository_commit (self, error);
}

/**
 * crm_repository_move_opportunity:
 * @id: the opportunity to move
 * @stage: the stage (column) to move it to; may be its own
 * @index: its position in that column after the move, counted without
 *   itself; larger values mean the end of the column
 * @previous: (out caller-allocates) (optional): where it was, for
 *   crm_repository_undo_move()
 *
 * Moves an opportunity inside the pipeline, in one transaction. Both
 * columns stay dense. A move to another stage sets the probability by the
 * rules: 100 for closed (won), 0 for lost, the stage's default
 * (crm_stage_get_default_probability()) for an open stage; a reorder
 * within the stage keeps it. Emits #CrmRepository::changed for @id (the
 * positions of its neighbours change too: listeners reload the columns).
 */
gboolean
crm_repository_move_opportunity (CrmRepository    *self,
                                 gint64            id,
                                 CrmStage          stage,
                                 guint             index,
                                 CrmPipelineMove  *previous,
                                 GError          **error)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (stage < CRM_N_STAGES, FALSE);

  return move_opportunity (self, id, stage, index, -1, previous, error);
}

/**
 * crm_repository_move_opportunity_before:
 * @before_id: the opportunity of @stage it should end up right before, or
 *   0 for the end of the column
 *
 * Like crm_repository_move_opportunity(), with the place given by a
 * neighbour rather than an index: what a drop onto a filtered column
 * knows.
 */
gboolean
crm_repository_move_opportunity_before (CrmRepository    *self,
                                        gint64            id,
                                        CrmStage          stage,
                                        gint64            before_id,
                                        CrmPipelineMove  *previous,
                                        GError          **error)
{
  g_auto(Placement) card = { 0, };
  g_auto(Placement) before = { 0, };
  guint index = G_MAXUINT;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (stage < CRM_N_STAGES, FALSE);

  if (!crm_repository_begin (self, error))
    return FALSE;
  if (before_id != 0 && before_id != id)
    {
      if (!ensure_dense (self, stage, error)
          || !read_placement (self, id, &card, error)
          || !read_placement (self, before_id, &before, error))
        goto failed;
      if (before.stage != stage)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       _("Opportunity %lld is not in stage “%s”"),
                       (long long) before_id, crm_stage_get_label (stage));
          goto failed;
        }
      index = (guint)before.position;
      if (card.stage == stage && before.position > card.position)
        index--;
    }
  else if (before_id == id)
    {
      if (!ensure_dense (self, stage, error)
          || !read_placement (self, id, &card, error))
        goto failed;
      index = (guint)card.position;
    }
  if (!move_in_transaction (self, id, stage, index, -1, previous, error))
    goto failed;
  return crm_repository_commit (self, error);

failed:
  crm_repository_rollback (self);
  return FALSE;
}

/**
 * crm_repository_undo_move:
 * @previous: what a move reported
 *
 * Puts the opportunity back where it was before that move: stage, index
 * in the column and probability, exactly.
 */
gboolean
crm_repository_undo_move (CrmRepository          *self,
                          const CrmPipelineMove  *previous,
                          GError                **error)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (previous != NULL, FALSE);

  return move_opportunity (self, previous->id, previous->stage, previous->index,
                           previous->probability, NULL, error);
}

/* Binds ?1 (customer id) and ?2 (the search in ASCII lower case, or NULL)
 * of FILTER_WHERE. instr() of lower() finds what LIKE '%search%' finds
 * (both ignore the case of ASCII letters only) without LIKE's wildcards to
 * escape and without its pattern length limit (50,000 bytes, after which
 * SQLite fails the query). */
#define FILTER_WHERE \
  " (?1 = 0 OR o.customer_id = ?1)" \
  " AND (?2 IS NULL OR instr(lower(o.title), ?2) > 0 OR instr(lower(c.name), ?2) > 0)"

static gboolean
check_filter (const CrmPipelineFilter  *filter,
              GError                  **error)
{
  return filter == NULL || crm_validate_text (filter->search, _("Search"), error);
}

static void
bind_filter (CrmStmt                 *stmt,
             const CrmPipelineFilter *filter)
{
  sqlite3_bind_int64 (stmt, 1, filter != NULL ? filter->customer_id : 0);
  if (filter != NULL && filter->search != NULL && filter->search[0] != '\0')
    sqlite3_bind_text (stmt, 2, g_ascii_strdown (filter->search, -1), -1, g_free);
  else
    sqlite3_bind_null (stmt, 2);
}

/**
 * crm_repository_get_stage_totals:
 * @filter: (nullable): what to count; %NULL for everything
 * @totals: (out caller-allocates): one entry per #CrmStage
 *
 * Count, value and weighted value of each stage, from one GROUP BY query
 * over every matching row (not only the loaded ones).
 */
gboolean
crm_repository_get_stage_totals (CrmRepository            *self,
                                 const CrmPipelineFilter  *filter,
                                 CrmStageTotals            totals[CRM_N_STAGES],
                                 GError                  **error)
{
  g_autoptr(CrmStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (totals != NULL, FALSE);

  memset (totals, 0, sizeof (CrmStageTotals) * CRM_N_STAGES);
  if (!check_filter (filter, error))
    return FALSE;
  if (filter == NULL || filter->search == NULL || filter->search[0] == '\0')
    /* Without a search the customers' names are not needed: no join. */
    stmt = crm_repository_prepare (self,
                                   "SELECT o.stage, count(*), sum(o.value), "
                                   "sum(o.value * o.probability) FROM opportunities o"
                                   " WHERE (?1 = 0 OR o.customer_id = ?1) AND ?2 IS NULL"
                                   " GROUP BY o.stage",
                                   error);
  else
    stmt = crm_repository_prepare (self,
                                   "SELECT o.stage, count(*), sum(o.value), "
                                   "sum(o.value * o.probability)"
                                   CRM_OPPORTUNITY_FROM " WHERE" FILTER_WHERE
                                   " GROUP BY o.stage",
                                   error);
  if (stmt == NULL)
    return FALSE;
  bind_filter (stmt, filter);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmStage stage;

      if (!crm_stage_from_string (crm_stmt_column_text (stmt, 0), &stage, NULL))
        continue;
      totals[stage].count = sqlite3_column_int64 (stmt, 1);
      totals[stage].value = sqlite3_column_int64 (stmt, 2);
      /* Half up, once, on the exact sum: the sum of the rounded rows
       * would drift with the number of cards. */
      totals[stage].weighted = (sqlite3_column_int64 (stmt, 3) + 50) / 100;
    }
  if (rc != SQLITE_DONE)
    return crm_repository_set_error (self, error);
  return TRUE;
}

/**
 * crm_repository_list_stage:
 * @filter: (nullable): what to show; %NULL for everything
 *
 * Returns: (transfer full) (element-type CrmOpportunity): a page of one
 *   stage's column in board order (position, then id)
 */
GPtrArray *
crm_repository_list_stage (CrmRepository            *self,
                           CrmStage                  stage,
                           const CrmPipelineFilter  *filter,
                           guint                     offset,
                           guint                     limit,
                           GError                  **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CrmStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), NULL);

  if (!check_filter (filter, error))
    return NULL;
  stmt = crm_repository_prepare (self,
                                 "SELECT " CRM_OPPORTUNITY_COLUMNS CRM_OPPORTUNITY_FROM
                                 " WHERE o.stage = ?3 AND" FILTER_WHERE
                                 " ORDER BY o.position, o.id LIMIT ?4 OFFSET ?5",
                                 error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);
  crm_stmt_bind_text (stmt, 3, stage_nick (stage));
  sqlite3_bind_int64 (stmt, 4, limit);
  sqlite3_bind_int64 (stmt, 5, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, crm_repository_opportunity_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      crm_repository_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/**
 * crm_repository_count_stage:
 * @filter: (nullable): what to count; %NULL for everything
 *
 * Returns: the number of opportunities in @stage's column, or -1 on error
 */
gint64
crm_repository_count_stage (CrmRepository            *self,
                            CrmStage                  stage,
                            const CrmPipelineFilter  *filter,
                            GError                  **error)
{
  g_autoptr(CrmStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), -1);

  if (!check_filter (filter, error))
    return -1;
  if (filter == NULL || (filter->customer_id == 0 && (filter->search == NULL || filter->search[0] == '\0')))
    return stage_count (self, stage, error);

  stmt = crm_repository_prepare (self,
                                 "SELECT count(*)" CRM_OPPORTUNITY_FROM
                                 " WHERE o.stage = ?3 AND" FILTER_WHERE,
                                 error);
  if (stmt == NULL)
    return -1;
  bind_filter (stmt, filter);
  crm_stmt_bind_text (stmt, 3, stage_nick (stage));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      crm_repository_set_error (self, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * crm_repository_get_stage_index:
 * @filter: (nullable): the filter of the list the index is for
 * @stage: (out): the opportunity's stage
 * @index: (out): its row in that stage's (filtered) column, as
 *   crm_repository_list_stage() orders it
 *
 * Where a card is on the board, from the (stage, position) index rather
 * than by reading the column.
 */
gboolean
crm_repository_get_stage_index (CrmRepository            *self,
                                gint64                    id,
                                const CrmPipelineFilter  *filter,
                                CrmStage                 *stage,
                                guint                    *index,
                                GError                  **error)
{
  g_auto(Placement) card = { 0, };
  g_autoptr(CrmStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (stage != NULL && index != NULL, FALSE);

  if (!check_filter (filter, error) || !read_placement (self, id, &card, error))
    return FALSE;
  stmt = crm_repository_prepare (self,
                                 "SELECT count(*)" CRM_OPPORTUNITY_FROM
                                 " WHERE o.stage = ?3 AND (o.position < ?4 OR (o.position = ?4 AND o.id < ?5))"
                                 " AND" FILTER_WHERE,
                                 error);
  if (stmt == NULL)
    return FALSE;
  bind_filter (stmt, filter);
  crm_stmt_bind_text (stmt, 3, stage_nick (card.stage));
  sqlite3_bind_int64 (stmt, 4, card.position);
  sqlite3_bind_int64 (stmt, 5, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return crm_repository_set_error (self, error);
  *stage = card.stage;
  *index = (guint)sqlite3_column_int64 (stmt, 0);
  return TRUE;
}
