/* crm-search.c: the tokenizer and function behind 1- and 2-character search
 *
 * FTS5's trigram tokenizer finds any substring of three characters or
 * more, but nothing shorter, and Chinese names are two or three
 * characters long: “张” and “张伟” are everyday searches. crm_grams emits
 * every 1- and 2-character substring of a text as a token, so such a
 * query is one token lookup in an FTS5 index kept with detail=none (only
 * row ids: a short query is a single token, it never needs positions).
 * Both the index and the query go through the same case folding
 * (g_unichar_tolower), which is what the trigram tokenizer's default
 * case_sensitive=0 does for longer queries.
 *
 * crm_in_set() tests a row id against the set of a search's matches,
 * read once from its index, for the same kind of walk with no row read.
 *
 * crm_contains() is the same test on the row itself, for a query that
 * matches so many rows that walking a sort index and testing each row
 * finds a page sooner than collecting and sorting every match.
 *
 * The file builds into libcrm-core and into a loadable SQLite extension
 * (crm-search-extension.c), so the sqlite3 shell can read and write a
 * Rapport database too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "crm-search.h"

typedef struct
{
  int start;           /* byte offsets in the original text */
  int end;
  guint8 len;          /* bytes of the folded character */
  char folded[6];
} Char;

/* Splits @text into characters, each case-folded; an invalid byte counts
 * as a character of its own so nothing is skipped or read past the end. */
static Char *
split_chars (const char *text,
             int         length,
             Char       *stack,
             int         stack_len,
             int        *n_out)
{
  Char *chars = stack;
  int capacity = stack_len;
  int n = 0;
  int i = 0;

  while (i < length)
    {
      gunichar c = g_utf8_get_char_validated (text + i, length - i);
      int next;

      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          c = (guchar)text[i];
          next = i + 1;
        }
      else
        next = g_utf8_next_char (text + i) - text;

      if (n == capacity)
        {
          capacity *= 2;
          if (chars == stack)
            chars = memcpy (g_new (Char, capacity), stack, sizeof (Char) * n);
          else
            chars = g_renew (Char, chars, capacity);
        }
      chars[n].start = i;
      chars[n].end = next;
      chars[n].len = g_unichar_to_utf8 (g_unichar_tolower (c), chars[n].folded);
      n++;
      i = next;
    }
  *n_out = n;
  return chars;
}

char *
crm_search_fold (const char *text,
                 int         length)
{
  Char stack[64];
  Char *chars;
  GString *out;
  int n;

  if (length < 0)
    length = strlen (text);
  chars = split_chars (text, length, stack, G_N_ELEMENTS (stack), &n);
  out = g_string_sized_new (length);
  for (int i = 0; i < n; i++)
    g_string_append_len (out, chars[i].folded, chars[i].len);
  if (chars != stack)
    g_free (chars);
  return g_string_free (out, FALSE);
}

/* The tokenizer has no options and no state: every instance is this. */
static int grams_instance;

static int
grams_create (void           *context,
              const char    **args,
              int             n_args,
              Fts5Tokenizer **out)
{
  *out = (Fts5Tokenizer *)&grams_instance;
  return SQLITE_OK;
}

static void
grams_delete (Fts5Tokenizer *tokenizer)
{
}

typedef int (*TokenFunc) (void       *ctx,
                          int         tflags,
                          const char *token,
                          int         n_token,
                          int         start,
                          int         end);

static int
emit (Char      *chars,
      int        first,
      int        n,
      void      *ctx,
      TokenFunc  token)
{
  char buffer[12];
  int len = 0;

  for (int k = first; k < first + n; k++)
    {
      memcpy (buffer + len, chars[k].folded, chars[k].len);
      len += chars[k].len;
    }
  return token (ctx, 0, buffer, len, chars[first].start, chars[first + n - 1].end);
}

static int
grams_tokenize (Fts5Tokenizer *tokenizer,
                void          *ctx,
                int            flags,
                const char    *text,
                int            length,
                TokenFunc      token)
{
  Char stack[128];
  Char *chars;
  int n;
  int rc = SQLITE_OK;

  chars = split_chars (text, length, stack, G_N_ELEMENTS (stack), &n);
  if (flags & FTS5_TOKENIZE_QUERY)
    {
      /* A query is searched as it is when short; a longer one (which the
       * repository sends to the trigram index instead) as its 2-grams. */
      if (n > 0 && n <= 2)
        rc = emit (chars, 0, n, ctx, token);
      for (int i = 0; n > 2 && rc == SQLITE_OK && i + 1 < n; i++)
        rc = emit (chars, i, 2, ctx, token);
    }
  else
    {
      for (int i = 0; rc == SQLITE_OK && i < n; i++)
        {
          rc = emit (chars, i, 1, ctx, token);
          if (rc == SQLITE_OK && i + 1 < n)
            rc = emit (chars, i, 2, ctx, token);
        }
    }
  if (chars != stack)
    g_free (chars);
  return rc;
}

static fts5_tokenizer grams_tokenizer = {
  grams_create,
  grams_delete,
  grams_tokenize,
};

/* Whether @query (folded) is in @text once folded; ASCII text, the
 * common case, is compared without a copy. */
static gboolean
folded_contains (const char *text,
                 int         len,
                 const char *query,
                 int         query_len)
{
  g_autofree char *folded = NULL;
  gboolean ascii = TRUE;

  for (int k = 0; k < len && ascii; k++)
    ascii = (guchar)text[k] < 0x80;
  if (!ascii)
    {
      folded = crm_search_fold (text, len);
      return strstr (folded, query) != NULL;
    }
  for (int i = 0; i + query_len <= len; i++)
    {
      int k = 0;

      while (k < query_len && g_ascii_tolower (text[i + k]) == query[k])
        k++;
      if (k == query_len)
        return TRUE;
    }
  return FALSE;
}

/* crm_contains(text1, ..., textN, folded_query) */
static void
contains_func (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const char *query = (const char *)sqlite3_value_text (argv[argc - 1]);
  int query_len = sqlite3_value_bytes (argv[argc - 1]);

  if (query == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  for (int i = 0; i < argc - 1; i++)
    {
      const char *text = (const char *)sqlite3_value_text (argv[i]);

      if (text != NULL && folded_contains (text, sqlite3_value_bytes (argv[i]), query, query_len))
        {
          sqlite3_result_int (context, 1);
          return;
        }
    }
  sqlite3_result_int (context, 0);
}

/* crm_in_set(set, id): whether @id is in a CrmIdSet bound as a pointer. */
static void
in_set_func (sqlite3_context  *context,
             int               argc,
             sqlite3_value   **argv)
{
  const CrmIdSet *set = sqlite3_value_pointer (argv[0], CRM_ID_SET_TYPE);
  sqlite3_int64 id = sqlite3_value_int64 (argv[1]);

  sqlite3_result_int (context, set != NULL && id >= 0 && id <= set->max_id
                               && (set->bits[id >> 3] & (1 << (id & 7))) != 0);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

int
crm_search_register (sqlite3 *db)
{
  fts5_api *api = get_fts5_api (db);
  int rc;

  if (api == NULL)
    return SQLITE_ERROR;
  rc = api->xCreateTokenizer (api, "crm_grams", NULL, &grams_tokenizer, NULL);
  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_create_function (db, "crm_contains", -1,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                NULL, contains_func, NULL, NULL);
  if (rc != SQLITE_OK)
    return rc;
  return sqlite3_create_function (db, "crm_in_set", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                  NULL, in_set_func, NULL, NULL);
}
