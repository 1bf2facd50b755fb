/* crm-repository-customers.c: customers, their search and their cascade
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-repository-private.h"
#include "crm-validate.h"

#define CUSTOMER_COLUMNS \
  "id, name, company, email, phone, status, notes, created_at, updated_at"

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
                                 "INSERT INTO customers (" CUSTOMER_COLUMNS ") "
                                 "VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6, ?8, ?9)",
                                 error);
  if (stmt == NULL)
    return FALSE;
  bind_customer_fields (stmt, customer);
  if (id > 0)
    sqlite3_bind_int64 (stmt, 7, id);
  crm_stmt_bind_time (stmt, 8, created_at ? created_at : now);
  crm_stmt_bind_time (stmt, 9, updated_at ? updated_at : (created_at ? created_at : now));
  if (!crm_repository_step_done (self, stmt, error))
    return FALSE;

  crm_customer_set_id (customer, sqlite3_last_insert_rowid (crm_repository_get_db (self)));
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
 * Writes every field and moves updated_at forward (also on @customer).
 */
gboolean
crm_repository_update_customer (CrmRepository  *self,
                                CrmCustomer    *customer,
                                GError        **error)
{
  g_autoptr(CrmStmt) stmt = NULL;
  g_autoptr(CrmCustomer) stored = NULL;
  g_autoptr(GDateTime) updated_at = NULL;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (CRM_IS_CUSTOMER (customer), FALSE);

  if (!crm_customer_validate (customer, error))
    return FALSE;
  stored = crm_repository_get_customer (self, crm_customer_get_id (customer), error);
  if (stored == NULL)
    return FALSE;

  stmt = crm_repository_prepare (self,
                                 "UPDATE customers SET name = ?1, company = ?2, email = ?3, "
                                 "phone = ?4, status = ?5, notes = ?6, updated_at = ?8 "
                                 "WHERE id = ?7",
                                 error);
  if (stmt == NULL)
    return FALSE;
  updated_at = crm_repository_next_time (crm_customer_get_updated_at (stored));
  bind_customer_fields (stmt, customer);
  sqlite3_bind_int64 (stmt, 7, crm_customer_get_id (customer));
  crm_stmt_bind_time (stmt, 8, updated_at);
  if (!crm_repository_step_done (self, stmt, error))
    return FALSE;

  crm_customer_set_created_at (customer, crm_customer_get_created_at (stored));
  crm_customer_set_updated_at (customer, updated_at);
  crm_repository_emit_changed (self, CRM_TYPE_CUSTOMER, crm_customer_get_id (customer),
                               CRM_CHANGE_UPDATED);
  return TRUE;
}

/**
 * crm_repository_delete_customer:
 *
 * Deletes the customer and, in the same transaction, its interactions and
 * opportunities. Read them first (list_interactions, list_opportunities)
 * to offer an undo through crm_repository_restore_customer().
 */
gboolean
crm_repository_delete_customer (CrmRepository  *self,
                                gint64          id,
                                GError        **error)
{
  gint64 n_interactions, n_opportunities;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);

  if (!crm_repository_begin (self, error))
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
  if (!crm_repository_delete_row (self, "DELETE FROM customers WHERE id = ?", id,
                                  CRM_TYPE_CUSTOMER, error))
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

  if (!crm_repository_begin (self, error))
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

/* LIKE with our own escape character, so “%” and “_” are plain text. */
static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/* One FTS5 string: the whole query is a phrase, so quotes, “*”, “-” and
 * NEAR mean nothing; the trigram tokenizer then finds it as a substring. */
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
  SEARCH_FTS,
  SEARCH_LIKE,
  SEARCH_LONG,
} SearchKind;

/* FTS5 makes a query of n characters into n - 2 trigram tokens: a pasted
 * megabyte took minutes and gigabytes of memory, and LIKE refuses patterns
 * over 50,000 bytes. A longer query is looked up by its first
 * SEARCH_FTS_MAX_CHARS characters in the index, and the rows found are
 * checked with instr() of lower(), which ignores the case of ASCII letters
 * only, as LIKE does. */
#define SEARCH_FTS_MAX_CHARS 256

static SearchKind
search_kind (const char *search)
{
  glong chars;

  if (search == NULL || *search == '\0')
    return SEARCH_NONE;
  /* A trigram index answers only queries of three characters or more;
   * shorter ones (a Chinese surname) are matched with LIKE. */
  chars = g_utf8_strlen (search, -1);
  if (chars < 3)
    return SEARCH_LIKE;
  return chars <= SEARCH_FTS_MAX_CHARS ? SEARCH_FTS : SEARCH_LONG;
}

static void
append_where (GString                *sql,
              const CrmCustomerQuery *query)
{
  const char *and = " WHERE ";

  switch (search_kind (query->search))
    {
    case SEARCH_FTS:
      g_string_append_printf (sql, "%sid IN (SELECT rowid FROM customers_fts "
                                   "WHERE customers_fts MATCH ?1)", and);
      and = " AND ";
      break;
    case SEARCH_LIKE:
      g_string_append_printf (sql, "%s(name LIKE ?1 ESCAPE '\\' OR company LIKE ?1 ESCAPE '\\' "
                                   "OR email LIKE ?1 ESCAPE '\\' OR phone LIKE ?1 ESCAPE '\\')",
                              and);
      and = " AND ";
      break;
    case SEARCH_LONG:
      g_string_append_printf (sql, "%sid IN (SELECT rowid FROM customers_fts "
                                   "WHERE customers_fts MATCH ?5) "
                                   "AND (instr(lower(name), ?1) > 0 OR instr(lower(company), ?1) > 0 "
                                   "OR instr(lower(email), ?1) > 0 OR instr(lower(phone), ?1) > 0)",
                              and);
      and = " AND ";
      break;
    case SEARCH_NONE:
    default:
      break;
    }
  if (query->status >= 0)
    g_string_append_printf (sql, "%sstatus = ?2", and);
}

static void
bind_where (CrmStmt                *stmt,
            const CrmCustomerQuery *query)
{
  g_autofree char *term = NULL;

  switch (search_kind (query->search))
    {
    case SEARCH_FTS:
      term = fts_phrase (query->search);
      break;
    case SEARCH_LIKE:
      term = like_pattern (query->search);
      break;
    case SEARCH_LONG:
      {
        g_autofree char *head = g_utf8_substring (query->search, 0, SEARCH_FTS_MAX_CHARS);

        sqlite3_bind_text (stmt, 5, fts_phrase (head), -1, g_free);
        term = g_ascii_strdown (query->search, -1);
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

static const char *
sort_column (CrmCustomerSort sort)
{
  switch (sort)
    {
    case CRM_CUSTOMER_SORT_NAME:
      return "name";
    case CRM_CUSTOMER_SORT_COMPANY:
      return "company";
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
  g_autoptr(GString) sql = g_string_new ("SELECT " CUSTOMER_COLUMNS " FROM customers");
  g_autoptr(CrmStmt) stmt = NULL;
  const char *column;
  const char *dir;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), NULL);

  if (query == NULL)
    query = &all;
  if (!crm_validate_text (query->search, _("Search"), error))
    return NULL;
  append_where (sql, query);
  column = sort_column (query->sort);
  dir = query->descending ? "DESC" : "ASC";
  if (g_str_equal (column, "id"))
    g_string_append_printf (sql, " ORDER BY id %s", dir);
  else
    g_string_append_printf (sql, " ORDER BY %s %s, id %s", column, dir, dir);
  g_string_append (sql, " LIMIT ?3 OFFSET ?4");

  stmt = crm_repository_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_where (stmt, query);
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, offset);
  return crm_repository_collect_rows (self, stmt, crm_repository_customer_from_row,
                                      error);
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
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM customers");
  g_autoptr(CrmStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), -1);

  if (query == NULL)
    query = &all;
  if (!crm_validate_text (query->search, _("Search"), error))
    return -1;
  append_where (sql, query);
  stmt = crm_repository_prepare (self, sql->str, error);
  if (stmt == NULL)
    return -1;
  bind_where (stmt, query);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      crm_repository_set_error (self, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}
