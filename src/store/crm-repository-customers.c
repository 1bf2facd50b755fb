/* crm-repository-customers.c: customers, their search and their cascade
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-repository-private.h"
#include "crm-search.h"
#include "crm-validate.h"

#define CUSTOMER_COLUMNS \
  "id, name, company, email, phone, status, notes, created_at, updated_at, version, changed_by"

/* The row reader of CUSTOMER_COLUMNS, shared with the other store files. */
GObject *
crm_repository_customer_from_row (CrmStmt *stmt)
{
  g_autoptr(GDateTime) created_at = crm_stmt_column_time (stmt, 7);
  g_autoptr(GDateTime) updated_at = crm_stmt_column_time (stmt, 8);
  CrmCustomerStatus status = CRM_CUSTOMER_STATUS_ACTIVE;

  crm_customer_status_from_string (crm_stmt_column_text (stmt, 5), &status, NULL);
  return g_object_new (CRM_TYPE_CUSTOMER,
                       "id", (gint64)sqlite3_column_int64 (stmt, 0),
                       "name", crm_stmt_column_text (stmt, 1),
                       "company", crm_stmt_column_text (stmt, 2),
                       "email", crm_stmt_column_text (stmt, 3),
                       "phone", crm_stmt_column_text (stmt, 4),
                       "status", status,
                       "notes", crm_stmt_column_text (stmt, 6),
                       "created-at", created_at,
                       "updated-at", updated_at,
                       "version", (gint64)sqlite3_column_int64 (stmt, 9),
                       "changed-by", crm_stmt_column_text (stmt, 10),
                       NULL);
}

static void
bind_customer_fields (CrmStmt     *stmt,
                      CrmCustomer *customer)
{
  crm_stmt_bind_text (stmt, 1, crm_customer_get_name (customer));
  crm_stmt_bind_text (stmt, 2, crm_customer_get_company (customer));
  crm_stmt_bind_text (stmt, 3, crm_customer_get_email (customer));
  crm_stmt_bind_text (stmt, 4, crm_customer_get_phone (customer));
  crm_stmt_bind_text (stmt, 5, crm_customer_status_to_string (crm_customer_get_status (customer)));
  crm_stmt_bind_text (stmt, 6, crm_customer_get_notes (customer));
}

static gboolean
customer_id_is_free (CrmRepository  *self,
                     gint64          id,
                     GError        **error)
{
  if (!crm_repository_row_exists (self, "SELECT 1 FROM customers WHERE id = ?", id, NULL))
    return TRUE;
  g_set_error (error, CRM_ERROR, CRM_ERROR_EXISTS,
               _("A customer with id %lld already exists"), (long long) id);
  return FALSE;
}

/* Writes the row, keeping an id and timestamps the object already has (an
 * import, an undo) and filling in the missing ones. */
static gboolean
insert_customer (CrmRepository  *self,
                 CrmCustomer    *customer,
                 GError        **error)
{
  g_autoptr(CrmStmt) stmt = NULL;
  g_autoptr(GDateTime) now = crm_time_now ();
  GDateTime *created_at = crm_customer_get_created_at (customer);
  GDateTime *updated_at = crm_customer_get_updated_at (customer);
  gint64 id = crm_customer_get_id (customer);

  if (!crm_customer_validate (customer, error))
    return FALSE;
  if (id > 0 && !customer_id_is_free (self, id, error))
    return FALSE;

  stmt = crm_repository_prepare (self,
                                 "INSERT INTO customers (" CUSTOMER_COLUMNS ", name_key, company_key) "
                                 "VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6, ?8, ?9, 1, ?10, "
                                 "crm_sort_key (?1), crm_sort_key (?2))",
                                 error);
  if (stmt == NULL)
    return FALSE;
  bind_customer_fields (stmt, customer);
  if (id > 0)
    sqlite3_bind_int64 (stmt, 7, id);
  crm_stmt_bind_time (stmt, 8, created_at ? created_at : now);
  crm_stmt_bind_time (stmt, 9, updated_at ? updated_at : (created_at ? created_at : now));
  crm_stmt_bind_text (stmt, 10, crm_repository_get_user_name (self));
  if (!crm_repository_step_done (self, stmt, error))
    return FALSE;

  crm_customer_set_id (customer, sqlite3_last_insert_rowid (crm_repository_get_db (self)));
  crm_customer_set_version (customer, 1);
  crm_customer_set_changed_by (customer, crm_repository_get_user_name (self));
  if (created_at == NULL)
    crm_customer_set_created_at (customer, now);
  if (updated_at == NULL)
    crm_customer_set_updated_at (customer, crm_customer_get_created_at (customer));
  crm_repository_emit_changed (self, CRM_TYPE_CUSTOMER, crm_customer_get_id (customer),
                               CRM_CHANGE_ADDED);
  return TRUE;
}

/**
 * crm_repository_add_customer:
 * @customer: a customer; its id, created_at and updated_at are set
 *
 * Validates and stores a new customer. An id already set on @customer is
 * kept when free (an import, an undo) and refused with %CRM_ERROR_EXISTS
 * when taken; so are timestamps already set.
 */
gboolean
crm_repository_add_customer (CrmRepository  *self,
                             CrmCustomer    *customer,
                             GError        **error)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (CRM_IS_CUSTOMER (customer), FALSE);

  return insert_customer (self, customer, error);
}

CrmCustomer *
crm_repository_get_customer (CrmRepository  *self,
                             gint64          id,
                             GError        **error)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), NULL);

  return crm_repository_get_row (self, "SELECT " CUSTOMER_COLUMNS " FROM customers WHERE id = ?",
                                 id, CRM_TYPE_CUSTOMER, crm_repository_customer_from_row,
                                 error);
}

/**
 * crm_repository_update_customer:
 * @customer: a customer read from this repository, then edited
 *
 * Writes every field and moves updated_at forward (also on @customer),
 * unless the row was changed since @customer was read: then nothing is
 * written, and the error is %CRM_ERROR_CONFLICT, naming who changed it.
 * The version, changed_by and updated_at of @customer become the row's.
 * A customer of version 0 (never read: an import's --merge) overwrites
 * whatever is stored.
 */
gboolean
crm_repository_update_customer (CrmRepository  *self,
                                CrmCustomer    *customer,
                                GError        **error)
{
  g_autoptr(CrmStmt) stmt = NULL;
  g_autoptr(CrmCustomer) stored = NULL;
  g_autoptr(GDateTime) updated_at = NULL;
  gint64 version;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (CRM_IS_CUSTOMER (customer), FALSE);

  if (!crm_customer_validate (customer, error))
    return FALSE;
  stored = crm_repository_get_customer (self, crm_customer_get_id (customer), error);
  if (stored == NULL)
    return FALSE;
  /* Changed since it was read: fail before anything else, saying by
   * whom (the row is read again for that; the UPDATE below decides). */
  if (crm_customer_get_version (customer) != 0
      && crm_customer_get_version (customer) != crm_customer_get_version (stored)
      && !crm_repository_check_version (self, CRM_TYPE_CUSTOMER, crm_customer_get_id (customer),
                                        crm_customer_get_version (customer), error))
    return FALSE;

  /* The version test is in the UPDATE itself: another program may write
   * between the read above and this. */
  stmt = crm_repository_prepare (self,
                                 "UPDATE customers SET name = ?1, company = ?2, email = ?3, "
                                 "phone = ?4, status = ?5, notes = ?6, updated_at = ?8, "
                                 "name_key = crm_sort_key (?1), company_key = crm_sort_key (?2), "
                                 "version = version + 1, changed_by = ?10 "
                                 "WHERE id = ?7 AND (?9 = 0 OR version = ?9) RETURNING version",
                                 error);
  if (stmt == NULL)
    return FALSE;
  updated_at = crm_repository_next_time (crm_customer_get_updated_at (stored));
  bind_customer_fields (stmt, customer);
  sqlite3_bind_int64 (stmt, 7, crm_customer_get_id (customer));
  crm_stmt_bind_time (stmt, 8, updated_at);
  sqlite3_bind_int64 (stmt, 9, crm_customer_get_version (customer));
  crm_stmt_bind_text (stmt, 10, crm_repository_get_user_name (self));
  if (!crm_repository_step_returning (self, stmt, &version, error))
    return FALSE;
  if (version == 0)
    {
      g_clear_pointer (&stmt, crm_stmt_release);
      if (crm_repository_check_version (self, CRM_TYPE_CUSTOMER, crm_customer_get_id (customer),
                                        crm_customer_get_version (customer), error))
        crm_repository_set_not_found (CRM_TYPE_CUSTOMER, crm_customer_get_id (customer), error);
      return FALSE;
    }

  crm_customer_set_created_at (customer, crm_customer_get_created_at (stored));
  crm_customer_set_updated_at (customer, updated_at);
  crm_customer_set_version (customer, version);
  crm_customer_set_changed_by (customer, crm_repository_get_user_name (self));
  crm_repository_emit_changed (self, CRM_TYPE_CUSTOMER, crm_customer_get_id (customer),
                               CRM_CHANGE_UPDATED);
  return TRUE;
}

/**
 * crm_repository_delete_customer:
 * @version: the version the customer was read with, or 0 for whatever
 *   is stored
 *
 * Deletes the customer and, in the same transaction, its interactions and
 * opportunities. Read them first (list_interactions, list_opportunities)
 * to offer an undo through crm_repository_restore_customer(). A customer
 * changed since it was read at @version is left alone:
 * %CRM_ERROR_CONFLICT.
 */
gboolean
crm_repository_delete_customer (CrmRepository  *self,
                                gint64          id,
                                gint64          version,
                                GError        **error)
{
  gint64 n_interactions, n_opportunities;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);

  if (!crm_repository_begin_write (self, error))
    return FALSE;

  n_interactions = crm_repository_count_interactions (self, id, error);
  n_opportunities = n_interactions < 0 ? -1 : crm_repository_count_opportunities (self, id, error);
  if (n_opportunities < 0)
    goto fail;

  /* The cascade removes rows no listener is told of one by one; these are
   * held until the commit, like the customer's own. */
  if (n_interactions > 0)
    crm_repository_emit_changed (self, CRM_TYPE_INTERACTION, 0, CRM_CHANGE_REMOVED);
  if (n_opportunities > 0)
    crm_repository_emit_changed (self, CRM_TYPE_OPPORTUNITY, 0, CRM_CHANGE_REMOVED);
  if (!crm_repository_delete_row (self, "DELETE FROM customers WHERE id = ?1 AND (?2 = 0 OR version = ?2)",
                                  id, version, CRM_TYPE_CUSTOMER, error))
    goto fail;
  return crm_repository_commit (self, error);

fail:
  crm_repository_rollback (self);
  return FALSE;
}

/**
 * crm_repository_restore_customer:
 * @interactions: (element-type CrmInteraction) (nullable): its interactions
 * @opportunities: (element-type CrmOpportunity) (nullable): its opportunities
 *
 * Puts back a deleted customer with its records, same ids, same
 * timestamps, all or nothing: the undo of crm_repository_delete_customer().
 */
gboolean
crm_repository_restore_customer (CrmRepository  *self,
                                 CrmCustomer    *customer,
                                 GPtrArray      *interactions,
                                 GPtrArray      *opportunities,
                                 GError        **error)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (CRM_IS_CUSTOMER (customer), FALSE);

  if (!crm_repository_begin_write (self, error))
    return FALSE;
  if (!insert_customer (self, customer, error))
    goto fail;
  for (guint i = 0; interactions != NULL && i < interactions->len; i++)
    if (!crm_repository_add_interaction (self, g_ptr_array_index (interactions, i), error))
      goto fail;
  for (guint i = 0; opportunities != NULL && i < opportunities->len; i++)
    if (!crm_repository_add_opportunity (self, g_ptr_array_index (opportunities, i), error))
      goto fail;
  return crm_repository_commit (self, error);

fail:
  crm_repository_rollback (self);
  return FALSE;
}

/* One FTS5 string: the whole query is a phrase, so quotes, “*”, “-” and
 * NEAR mean nothing; the tokenizer then finds it as a substring. */
static char *
fts_phrase (const char *text)
{
  GString *phrase = g_string_new ("\"");

  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (phrase, '"');
      g_string_append_c (phrase, *p);
    }
  g_string_append_c (phrase, '"');
  return g_string_free (phrase, FALSE);
}

typedef enum
{
  SEARCH_NONE,
  SEARCH_TRIGRAMS,  /* 3 characters or more: customers_fts */
  SEARCH_GRAMS,     /* 1 or 2 characters: customers_grams */
  SEARCH_SCAN,      /* a query many rows match: test rows in list order */
  SEARCH_SET,       /* the same, testing ids against the index's matches */
  SEARCH_LONG,      /* over SEARCH_FTS_MAX_CHARS: the head looked up, the rest tested */
} SearchKind;

/* FTS5 makes a query of n characters into n - 2 trigram tokens: a pasted
 * megabyte took minutes and gigabytes of memory. A longer query is looked
 * up by its first SEARCH_FTS_MAX_CHARS characters in the trigram index,
 * and the rows found are tested for the whole query with crm_contains(),
 * which folds case as the indexes do. */
#define SEARCH_FTS_MAX_CHARS 256

static SearchKind
search_kind (const char *search)
{
  glong chars;

  if (search == NULL || *search == '\0')
    return SEARCH_NONE;
  chars = g_utf8_strlen (search, -1);
  if (chars > SEARCH_FTS_MAX_CHARS)
    return SEARCH_LONG;
  return chars >= 3 ? SEARCH_TRIGRAMS : SEARCH_GRAMS;
}

static const char *
search_table (SearchKind kind)
{
  return kind == SEARCH_GRAMS ? "customers_grams" : "customers_fts";
}

/* The FROM and WHERE of a query whose columns are c.*. A search index
 * drives the join (CROSS JOIN keeps it outside), so a search reads only
 * the rows it matches. */
static void
append_from_where (GString                *sql,
                   const CrmCustomerQuery *query,
                   SearchKind              kind)
{
  const char *and = " WHERE ";

  switch (kind)
    {
    case SEARCH_TRIGRAMS:
    case SEARCH_GRAMS:
      g_string_append_printf (sql, " FROM %s f CROSS JOIN customers c ON c.id = f.rowid"
                                   " WHERE f.%s MATCH ?1",
                              search_table (kind), search_table (kind));
      and = " AND ";
      break;
    case SEARCH_SCAN:
      g_string_append (sql, " FROM customers c"
                            " WHERE crm_contains (c.name, c.company, c.email, c.phone, ?1)");
      and = " AND ";
      break;
    case SEARCH_SET:
      g_string_append (sql, " FROM customers c WHERE crm_in_set (?1, c.id)");
      and = " AND ";
      break;
    case SEARCH_LONG:
      g_string_append (sql, " FROM customers_fts f CROSS JOIN customers c ON c.id = f.rowid"
                            " WHERE f.customers_fts MATCH ?1"
                            " AND crm_contains (c.name, c.company, c.email, c.phone, ?5)");
      and = " AND ";
      break;
    case SEARCH_NONE:
    default:
      g_string_append (sql, " FROM customers c");
      break;
    }
  if (query->status >= 0)
    g_string_append_printf (sql, "%sc.status = ?2", and);
}

static void
bind_where (CrmStmt                *stmt,
            const CrmCustomerQuery *query,
            SearchKind              kind)
{
  g_autofree char *term = NULL;

  switch (kind)
    {
    case SEARCH_TRIGRAMS:
    case SEARCH_GRAMS:
      term = fts_phrase (query->search);
      break;
    case SEARCH_SCAN:
      term = crm_search_fold (query->search, -1);
      break;
    case SEARCH_LONG:
      {
        g_autofree char *head = g_utf8_substring (query->search, 0, SEARCH_FTS_MAX_CHARS);

        term = fts_phrase (head);
        sqlite3_bind_text (stmt, 5, crm_search_fold (query->search, -1), -1, g_free);
      }
      break;
    case SEARCH_NONE:
    default:
      break;
    }
  if (term != NULL)
    crm_stmt_bind_text (stmt, 1, term);
  if (query->status >= 0)
    crm_stmt_bind_text (stmt, 2, crm_customer_status_to_string (query->status));
}

/* The last count, which a list model asks for just before the pages:
 * valid while no connection has written since. */
typedef struct
{
  char *search;
  int status;
  gint64 total_changes;
  gint64 data_version;
  gint64 count;
} CountCache;

#define COUNT_CACHE_KEY "crm-customer-count-cache"

static void
count_cache_free (gpointer data)
{
  CountCache *cache = data;

  g_free (cache->search);
  g_free (cache);
}

static gboolean
read_versions (CrmRepository *self,
               gint64        *total_changes,
               gint64        *data_version)
{
  g_autoptr(CrmStmt) stmt = crm_repository_prepare (self, "PRAGMA data_version", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *data_version = sqlite3_column_int64 (stmt, 0);
  *total_changes = sqlite3_total_changes64 (crm_repository_get_db (self));
  return TRUE;
}

static gboolean
lookup_count (CrmRepository          *self,
              const CrmCustomerQuery *query,
              gint64                 *count)
{
  CountCache *cache = g_object_get_data (G_OBJECT (self), COUNT_CACHE_KEY);
  gint64 total_changes, data_version;

  if (cache == NULL || cache->status != query->status
      || g_strcmp0 (cache->search, query->search) != 0
      || !read_versions (self, &total_changes, &data_version)
      || total_changes != cache->total_changes || data_version != cache->data_version)
    return FALSE;
  *count = cache->count;
  return TRUE;
}

static void
store_count (CrmRepository          *self,
             const CrmCustomerQuery *query,
             gint64                  count)
{
  CountCache *cache = g_new0 (CountCache, 1);

  if (!read_versions (self, &cache->total_changes, &cache->data_version))
    {
      count_cache_free (cache);
      return;
    }
  cache->search = g_strdup (query->search);
  cache->status = query->status;
  cache->count = count;
  g_object_set_data_full (G_OBJECT (self), COUNT_CACHE_KEY, cache, count_cache_free);
}

/* Counts a search index's matches for @query, stopping at @cap. */
static gint64
count_matches (CrmRepository          *self,
               const CrmCustomerQuery *query,
               SearchKind              kind,
               gint64                  cap)
{
  g_autoptr(CrmStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *term = fts_phrase (query->search);

  sql = g_strdup_printf ("SELECT count(*) FROM (SELECT 1 FROM %s WHERE %s MATCH ?1 LIMIT ?2)",
                         search_table (kind), search_table (kind));
  stmt = crm_repository_prepare (self, sql, NULL);
  if (stmt == NULL)
    return 0;
  crm_stmt_bind_text (stmt, 1, term);
  sqlite3_bind_int64 (stmt, 2, cap);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

/* How a page of @query is best read, from what each way costs (in
 * microseconds, measured at a million customers):
 *
 * - read every match from the search index, join and sort: about 1.5 per
 *   match;
 * - walk the sort's index and test each row's text (crm_contains): about
 *   1 per row walked; with matches spread evenly, offset + limit of them
 *   are found after (offset + limit) × rows ÷ matches rows;
 * - read the matching ids into a set, then walk the sort's index and test
 *   ids only (crm_in_set), no row read: about 0.04 per match and per row
 *   walked.
 *
 * Matches do not always spread evenly (“ix” of “Felix” gathers under F
 * when sorted by name, “公司” after every Latin name), so a text walk gets
 * a time budget (*budget_us) and gives way to the better of the other
 * two (*fallback) when it runs out. */
static SearchKind
page_search_kind (CrmRepository          *self,
                  const CrmCustomerQuery *query,
                  guint                   offset,
                  guint                   limit,
                  gint64                 *budget_us,
                  SearchKind             *fallback)
{
  g_autoptr(CrmStmt) stmt = NULL;
  SearchKind kind = search_kind (query->search);
  gint64 matches, rows;
  double walk, index_cost, set_cost;

  *fallback = kind;
  if (kind == SEARCH_NONE || kind == SEARCH_LONG)
    return kind;
  if (!lookup_count (self, query, &matches))
    matches = count_matches (self, query, kind, 1 << 16);
  stmt = crm_repository_prepare (self, "SELECT coalesce(max(id), 0) FROM customers", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return kind;
  rows = sqlite3_column_int64 (stmt, 0);
  walk = ((double)offset + limit) * (double)rows / MAX (matches, 1);
  index_cost = 1.5 * matches;
  set_cost = 0.04 * (matches + MIN (walk, rows));
  *fallback = set_cost < index_cost ? SEARCH_SET : kind;
  *budget_us = (gint64)MAX (MIN (index_cost, set_cost) / 2, 1000);
  return walk < MIN (index_cost, set_cost) ? SEARCH_SCAN : *fallback;
}

/* The ids @query's search index matches; %NULL on error. */
static CrmIdSet *
read_id_set (CrmRepository          *self,
             const CrmCustomerQuery *query)
{
  g_autoptr(CrmStmt) max_stmt = NULL;
  g_autoptr(CrmStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *term = fts_phrase (query->search);
  SearchKind kind = search_kind (query->search);
  CrmIdSet *set;
  int rc;

  max_stmt = crm_repository_prepare (self, "SELECT coalesce(max(id), 0) FROM customers", NULL);
  if (max_stmt == NULL || sqlite3_step (max_stmt) != SQLITE_ROW)
    return NULL;
  sql = g_strdup_printf ("SELECT rowid FROM %s WHERE %s MATCH ?1",
                         search_table (kind), search_table (kind));
  stmt = crm_repository_prepare (self, sql, NULL);
  if (stmt == NULL)
    return NULL;
  set = g_new0 (CrmIdSet, 1);
  set->max_id = sqlite3_column_int64 (max_stmt, 0);
  set->bits = g_malloc0 (set->max_id / 8 + 1);
  crm_stmt_bind_text (stmt, 1, term);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id >= 0 && id <= set->max_id)
        set->bits[id >> 3] |= 1 << (id & 7);
    }
  if (rc != SQLITE_DONE)
    {
      g_free (set->bits);
      g_free (set);
      return NULL;
    }
  return set;
}

static void
id_set_free (CrmIdSet *set)
{
  g_free (set->bits);
  g_free (set);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmIdSet, id_set_free)

static int
past_deadline_cb (void *data)
{
  return g_get_monotonic_time () > *(gint64 *)data;
}

static const char *
sort_column (CrmCustomerSort sort)
{
  switch (sort)
    {
    /* The keys in the reader's collation (crm-collation.c). */
    case CRM_CUSTOMER_SORT_NAME:
      return "name_key";
    case CRM_CUSTOMER_SORT_COMPANY:
      return "company_key";
    case CRM_CUSTOMER_SORT_EMAIL:
      return "email";
    case CRM_CUSTOMER_SORT_PHONE:
      return "phone";
    case CRM_CUSTOMER_SORT_STATUS:
      return "status";
    case CRM_CUSTOMER_SORT_CREATED_AT:
      return "created_at";
    case CRM_CUSTOMER_SORT_ID:
    default:
      return "id";
    }
}

/* One page of @query read the @kind way; with @budget_us > 0, gives up
 * (returns %NULL) past that time. */
static GPtrArray *
read_page (CrmRepository          *self,
           const CrmCustomerQuery *query,
           SearchKind              kind,
           const char             *order,
           guint                   offset,
           guint                   limit,
           gint64                  budget_us,
           GError                **error)
{
  g_autoptr(GString) sql =
    g_string_new ("SELECT c.id, c.name, c.company, c.email, c.phone, c.status, c.notes, "
                  "c.created_at, c.updated_at, c.version, c.changed_by");
  g_autoptr(CrmStmt) stmt = NULL;
  g_autoptr(CrmIdSet) set = NULL;
  sqlite3 *db = crm_repository_get_db (self);
  GPtrArray *rows;
  gint64 deadline;

  append_from_where (sql, query, kind);
  g_string_append (sql, order);
  if (kind == SEARCH_SET)
    {
      set = read_id_set (self, query);
      if (set == NULL)
        {
          crm_repository_set_error (self, error);
          return NULL;
        }
    }
  stmt = crm_repository_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_where (stmt, query, kind);
  if (set != NULL)
    sqlite3_bind_pointer (stmt, 1, set, CRM_ID_SET_TYPE, NULL);
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, offset);

  if (budget_us <= 0)
    return crm_repository_collect_rows (self, stmt, crm_repository_customer_from_row, error);
  deadline = g_get_monotonic_time () + budget_us;
  sqlite3_progress_handler (db, 2000, past_deadline_cb, &deadline);
  rows = crm_repository_collect_rows (self, stmt, crm_repository_customer_from_row, error);
  sqlite3_progress_handler (db, 0, NULL, NULL);
  return rows;
}

/**
 * crm_repository_list_customers:
 * @query: (nullable): what to list, %NULL for every customer by name
 *
 * Returns: (transfer full) (element-type CrmCustomer): one page of customers
 */
GPtrArray *
crm_repository_list_customers (CrmRepository           *self,
                               const CrmCustomerQuery  *query,
                               guint                    offset,
                               guint                    limit,
                               GError                 **error)
{
  static const CrmCustomerQuery all = CRM_CUSTOMER_QUERY_INIT;
  g_autoptr(GString) order = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  gint64 budget_us = 0;
  const char *column;
  gboolean descending;
  gboolean reverse = FALSE;
  gint64 count;
  SearchKind kind, fallback;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), NULL);

  if (query == NULL)
    query = &all;
  if (!crm_validate_text (query->search, _("Search"), error))
    return NULL;

  /* A page past the middle is read from the other end: OFFSET walks the
   * rows it skips, so the last page costs what the first does. */
  descending = query->descending;
  if (limit > 0 && lookup_count (self, query, &count) && offset < count && offset > count / 2)
    {
      gint64 end = MIN ((gint64)offset + limit, count);

      reverse = TRUE;
      descending = !descending;
      limit = end - offset;
      offset = count - end;
    }

  column = sort_column (query->sort);
  if (g_str_equal (column, "id"))
    g_string_append_printf (order, " ORDER BY c.id %s", descending ? "DESC" : "ASC");
  else
    g_string_append_printf (order, " ORDER BY c.%s %s, c.id %s", column,
                            descending ? "DESC" : "ASC", descending ? "DESC" : "ASC");
  g_string_append (order, " LIMIT ?3 OFFSET ?4");

  kind = page_search_kind (self, query, offset, limit, &budget_us, &fallback);
  if (kind == SEARCH_SCAN)
    {
      /* Out of time (or failed): the other way. */
      rows = read_page (self, query, kind, order->str, offset, limit, budget_us, NULL);
      kind = fallback;
    }
  if (rows == NULL)
    rows = read_page (self, query, kind, order->str, offset, limit, 0, error);
  if (rows != NULL && reverse)
    for (guint i = 0, j = rows->len; i + 1 < j; i++, j--)
      {
        gpointer tmp = rows->pdata[i];

        rows->pdata[i] = rows->pdata[j - 1];
        rows->pdata[j - 1] = tmp;
      }
  return g_steal_pointer (&rows);
}

/**
 * crm_repository_count_customers:
 * @query: (nullable): as for crm_repository_list_customers()
 *
 * Returns: the number of customers @query matches, or -1 on error
 */
gint64
crm_repository_count_customers (CrmRepository           *self,
                                const CrmCustomerQuery  *query,
                                GError                 **error)
{
  static const CrmCustomerQuery all = CRM_CUSTOMER_QUERY_INIT;
  g_autoptr(GString) sql = g_string_new ("SELECT count(*)");
  g_autoptr(CrmStmt) stmt = NULL;
  SearchKind kind;
  gint64 count;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), -1);

  if (query == NULL)
    query = &all;
  if (!crm_validate_text (query->search, _("Search"), error))
    return -1;
  kind = search_kind (query->search);
  if (kind != SEARCH_NONE && kind != SEARCH_LONG && query->status < 0)
    /* Every row of a search index is a customer: count the index alone. */
    g_string_printf (sql, "SELECT count(*) FROM %s WHERE %s MATCH ?1",
                     search_table (kind), search_table (kind));
  else
    append_from_where (sql, query, kind);
  stmt = crm_repository_prepare (self, sql->str, error);
  if (stmt == NULL)
    return -1;
  bind_where (stmt, query, kind);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      crm_repository_set_error (self, error);
      return -1;
    }
  count = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, crm_stmt_release);
  store_count (self, query, count);
  return count;
}
