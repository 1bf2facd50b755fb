/* crm-search.h: what SQLite needs to search customers by 1 or 2 characters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

/* Registers, on @db, the FTS5 tokenizer "crm_grams" (every 1- and
 * 2-character substring of the text, case-folded) and the SQL function
 * crm_contains(text, ..., query), true when the case-folded query is a
 * substring of one of the texts, and crm_in_set(set, id). Every connection that writes customers
 * needs it (the triggers index through it). Returns an SQLite code. */
int crm_search_register (sqlite3 *db);

/* A set of row ids, for crm_in_set(?, id), bound with
 * sqlite3_bind_pointer (stmt, n, set, CRM_ID_SET_TYPE, NULL). */
typedef struct
{
  unsigned char *bits;
  long long      max_id;
} CrmIdSet;

#define CRM_ID_SET_TYPE "crm_id_set"

/* The case-folded form both sides of a search use. */
char *crm_search_fold (const char *text,
                       int         length);
