/* test-hostile.c: text an attacker, a spreadsheet or a phone keyboard
 * might produce — SQL and FTS5 syntax, NUL bytes, bytes that are not
 * UTF-8, megabyte fields, right-to-left scripts and emoji — is stored and
 * found exactly, or refused with an error that names the field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "crm-error.h"
#include "crm-export.h"
#include "crm-import.h"
#include "crm-repository.h"
#include "crm-validate.h"

typedef struct
{
  char *dir;
  CrmRepository *repo;
} Fixture;

/* Query syntax of SQL, FTS5 and LIKE, each of which must be plain text. */
static const char *const syntax[] = {
  "'); DROP TABLE customers;--",
  "Robert'); DROP TABLE customers;--",
  "\"",
  "\"\"",
  "say \"hi\"",
  "*",
  "abc*",
  "NEAR(",
  "NEAR(a b, 2)",
  "AND OR NOT",
  "a AND b",
  "^",
  "^start",
  ":",
  "name:x",
  "-",
  "-minus",
  "%",
  "_",
  "50%_off\\",
  "\\",
  "'",
  "''",
  "(",
  ")",
  "{name company}: x",
  "+",
  "; SELECT 1; --",
};

/* Scripts and sequences that are more than one code point per glyph. */
static const char *const scripts[] = {
  "محمد عبد الله",                          /* Arabic, right to left */
  "שרה כהן",                                  /* Hebrew */
  "שלום abc سلام 123",                        /* mixed directions */
  "\u202Eevil\u202C txt",                     /* RIGHT-TO-LEFT OVERRIDE */
  "👩🏽‍💻 Ada",                                /* ZWJ sequence, skin tone */
  "👨‍👩‍👧‍👦 family",                                /* family: four people, three ZWJ */
  "🇩🇪🇨🇳 flags",                               /* regional indicators */
  "👍🏿👍🏻",                                    /* skin tones */
  "e\u0301 combining",                        /* e + COMBINING ACUTE */
  "张伟 🐉",
};

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("rapport-hostile-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->repo = crm_repository_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (f->repo != NULL)
    g_assert_finalize_object (f->repo);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Helpers */

static CrmCustomer *
add_customer (CrmRepository *repo,
              const char    *name,
              const char    *company,
              const char    *email,
              const char    *phone,
              const char    *notes)
{
  g_autoptr(CrmCustomer) c = crm_customer_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (c, "name", name, "company", company, "email", email,
                "phone", phone, "notes", notes, NULL);
  crm_repository_add_customer (repo, c, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&c);
}

static CrmOpportunity *
add_opportunity (CrmRepository *repo,
                 gint64         customer_id,
                 const char    *title)
{
  g_autoptr(CrmOpportunity) o = crm_opportunity_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (o, "customer-id", customer_id, "title", title, "value", (gint64)100, NULL);
  crm_repository_add_opportunity (repo, o, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&o);
}

static CrmInteraction *
add_interaction (CrmRepository *repo,
                 gint64         customer_id,
                 const char    *notes)
{
  g_autoptr(CrmInteraction) in = crm_interaction_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (in, "customer-id", customer_id, "notes", notes, NULL);
  crm_repository_add_interaction (repo, in, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&in);
}

static gint64
count_all_customers (CrmRepository *repo)
{
  g_autoptr(GError) error = NULL;
  gint64 n = crm_repository_count_customers (repo, NULL, &error);

  g_assert_no_error (error);
  return n;
}

/* What search must find, computed without SQL: a substring of name,
 * company, email or phone, ASCII letters without case (the hostile
 * strings' other letters have no case). */
static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *h = g_ascii_strdown (haystack, -1);
  g_autofree char *n = g_ascii_strdown (needle, -1);

  return strstr (h, n) != NULL;
}

static gboolean
customer_matches (CrmCustomer *c,
                  const char  *search)
{
  return contains_folded (crm_customer_get_name (c), search)
         || contains_folded (crm_customer_get_company (c), search)
         || contains_folded (crm_customer_get_email (c), search)
         || contains_folded (crm_customer_get_phone (c), search);
}

static GPtrArray *
list_customers (CrmRepository *repo,
                const char    *search)
{
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  query.search = search;
  query.sort = CRM_CUSTOMER_SORT_ID;
  rows = crm_repository_list_customers (repo, &query, 0, G_MAXUINT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

/* Searching for @search lists exactly the customers a substring scan
 * finds, in id order, and counts them the same. */
static void
assert_search_exact (CrmRepository *repo,
                     const char    *search)
{
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
  g_autoptr(GPtrArray) all = list_customers (repo, NULL);
  g_autoptr(GPtrArray) found = list_customers (repo, search);
  g_autoptr(GError) error = NULL;
  guint expected = 0;

  for (guint i = 0; i < all->len; i++)
    {
      CrmCustomer *c = g_ptr_array_index (all, i);

      if (!customer_matches (c, search))
        continue;
      if (expected >= found->len
          || crm_customer_get_id (g_ptr_array_index (found, expected)) != crm_customer_get_id (c))
        g_error ("search “%s” misses customer “%s”", search, crm_customer_get_name (c));
      expected++;
    }
  if (found->len != expected)
    g_error ("search “%s” found %u customers, a substring scan %u",
             search, found->len, expected);

  query.search = search;
  g_assert_cmpint (crm_repository_count_customers (repo, &query, &error), ==, expected);
  g_assert_no_error (error);
}

/* The same for the pipeline board's filter: title or customer name. */
static void
assert_pipeline_search_exact (CrmRepository *repo,
                              const char    *search,
                              guint          expected)
{
  CrmPipelineFilter filter = { 0, search };
  CrmStageTotals totals[CRM_N_STAGES];
  g_autoptr(GError) error = NULL;
  gint64 counted = 0;

  for (int stage = 0; stage < CRM_N_STAGES; stage++)
    {
      g_autoptr(GPtrArray) rows = crm_repository_list_stage (repo, stage, &filter, 0, G_MAXUINT, &error);
      gint64 n;

      g_assert_no_error (error);
      n = crm_repository_count_stage (repo, stage, &filter, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n, ==, rows->len);
      counted += n;
    }
  if (counted != expected)
    g_error ("board filter “%s” found %lld cards, a substring scan %u",
             search, (long long)counted, expected);
  g_assert_true (crm_repository_get_stage_totals (repo, &filter, totals, &error));
  g_assert_no_error (error);
}

static GBytes *
export_bytes (CrmRepository *repo,
              CrmFileFormat  format)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  crm_export_stream (repo, stream, format, CRM_CSV_TABLE_CUSTOMERS,
                     NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

static gboolean
import_bytes (CrmRepository  *repo,
              const char     *name,
              const char     *data,
              gsize           length,
              GError        **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, length, NULL);

  return crm_import_stream (repo, stream, name, length, CRM_FILE_FORMAT_AUTO,
                            CRM_IMPORT_NONE, NULL, NULL, NULL, NULL, error);
}

/* Exports @format, imports that into a new database, exports again:
 * the two files are the same bytes. */
static void
assert_round_trip (Fixture       *f,
                   CrmFileFormat  format,
                   const char    *file_name)
{
  g_autofree char *path = g_build_filename (f->dir, file_name, NULL);
  g_autofree char *db_path = g_strconcat (path, ".db", NULL);
  g_autoptr(CrmRepository) other = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;

  first = export_bytes (f->repo, format);
  other = crm_repository_open (db_path, &error);
  g_assert_no_error (error);
  import_bytes (other, file_name, g_bytes_get_data (first, NULL), g_bytes_get_size (first), &error);
  g_assert_no_error (error);
  second = export_bytes (other, format);
  g_assert_true (g_bytes_equal (first, second));
  g_clear_object (&other);
  g_remove (db_path);
  for (const char *suffix = "-wal"; suffix != NULL; suffix = g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *side = g_strconcat (db_path, suffix, NULL);
      g_remove (side);
    }
}

/* SQL and FTS5 syntax: stored, read back and searched as plain text */

static void
test_syntax (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *const *texts = data == NULL ? syntax : scripts;
  guint n_texts = data == NULL ? G_N_ELEMENTS (syntax) : G_N_ELEMENTS (scripts);

  for (guint i = 0; i < n_texts; i++)
    {
      g_autofree char *company = g_strdup_printf ("%s GmbH", texts[i]);
      g_autofree char *email = g_strdup_printf ("x%u@example.com", i);
      CrmCustomer *c = add_customer (f->repo, texts[i], company, email, texts[i], texts[i]);
      g_autoptr(CrmInteraction) in = add_interaction (f->repo, crm_customer_get_id (c), texts[i]);
      g_autoptr(CrmOpportunity) o = add_opportunity (f->repo, crm_customer_get_id (c), texts[i]);

      g_ptr_array_add (customers, c);
    }

  /* Read back exactly, through get and through list. */
  for (guint i = 0; i < n_texts; i++)
    {
      CrmCustomer *c = g_ptr_array_index (customers, i);
      g_autoptr(CrmCustomer) back = crm_repository_get_customer (f->repo, crm_customer_get_id (c), &error);
      g_autoptr(GPtrArray) in = crm_repository_list_interactions (f->repo, crm_customer_get_id (c), 0, 10, &error);
      g_autoptr(GPtrArray) o = crm_repository_list_opportunities (f->repo, crm_customer_get_id (c), 0, 10, &error);
      g_autofree char *company = g_strdup_printf ("%s GmbH", texts[i]);

      g_assert_no_error (error);
      g_assert_cmpstr (crm_customer_get_name (back), ==, texts[i]);
      g_assert_cmpstr (crm_customer_get_company (back), ==, company);
      g_assert_cmpstr (crm_customer_get_phone (back), ==, texts[i]);
      g_assert_cmpstr (crm_customer_get_notes (back), ==, texts[i]);
      g_assert_cmpuint (in->len, ==, 1);
      g_assert_cmpstr (crm_interaction_get_notes (g_ptr_array_index (in, 0)), ==, texts[i]);
      g_assert_cmpuint (o->len, ==, 1);
      g_assert_cmpstr (crm_opportunity_get_title (g_ptr_array_index (o, 0)), ==, texts[i]);
    }

  /* Each text as a search: exactly the substring matches, in both the
   * trigram (3+ characters) and the LIKE (shorter) paths. */
  for (guint i = 0; i < n_texts; i++)
    {
      guint cards = 0;

      assert_search_exact (f->repo, texts[i]);
      for (guint j = 0; j < n_texts; j++)
        if (contains_folded (texts[j], texts[i]))
          cards++;
      assert_pipeline_search_exact (f->repo, texts[i], cards);
    }
  /* Pieces: the first one or two characters (LIKE), an inner run. */
  for (guint i = 0; i < n_texts; i++)
    {
      const char *second = g_utf8_next_char (texts[i]);
      g_autofree char *one = g_strndup (texts[i], second - texts[i]);
      g_autofree char *two = g_strndup (texts[i], *second ? g_utf8_next_char (second) - texts[i] : second - texts[i]);

      assert_search_exact (f->repo, one);
      assert_search_exact (f->repo, two);
      if (g_utf8_strlen (texts[i], -1) > 4)
        {
          g_autofree char *inner = g_utf8_substring (texts[i], 1, 4);
          assert_search_exact (f->repo, inner);
        }
    }
  /* Every sort order still works and nothing was dropped. */
  for (int sort = CRM_CUSTOMER_SORT_NAME; sort <= CRM_CUSTOMER_SORT_ID; sort++)
    {
      CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
      g_autoptr(GPtrArray) rows = NULL;

      query.sort = sort;
      query.descending = sort % 2;
      rows = crm_repository_list_customers (f->repo, &query, 0, G_MAXUINT, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, n_texts);
    }
  g_assert_cmpint (count_all_customers (f->repo), ==, n_texts);

  /* Every format writes them and reads them back to the same bytes. */
  assert_round_trip (f, CRM_FILE_FORMAT_JSON, "round.json");
  assert_round_trip (f, CRM_FILE_FORMAT_NDJSON, "round.ndjson");
  assert_round_trip (f, CRM_FILE_FORMAT_CSV, "round.csv");
}

/* Bytes that are not UTF-8: refused by the model's rules, naming the field */

static const char *const not_utf8[] = {
  "\xff",
  "ok\x80ok",
  "abc\xf0",          /* a 4-byte lead at the very end: walkers overrun */
  "\xe4\xb8",         /* 中 cut short */
  "\xc0\x80",         /* overlong NUL */
  "\xed\xa0\x80",     /* a UTF-16 surrogate */
  "\xf4\x90\x80\x80", /* beyond U+10FFFF */
};

static void
assert_invalid (GError     *error,
                const char *label)
{
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, label));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
}

static void
test_not_utf8 (Fixture       *f,
               gconstpointer  data)
{
  const char *customer_fields[] = { "name", "company", "email", "phone", "notes" };
  const char *customer_labels[] = { "Name", "Company", "Email", "Phone", "Notes" };
  g_autoptr(CrmCustomer) kept = add_customer (f->repo, "Kept", "", "", "", "before");
  gint64 id = crm_customer_get_id (kept);

  for (guint b = 0; b < G_N_ELEMENTS (not_utf8); b++)
    {
      const char *bad = not_utf8[b];
      g_autofree char *padded = g_strconcat ("Name ", bad, NULL);

      g_assert_false (crm_validate_text (bad, "Field", NULL));
      /* The rules that walk characters check the encoding first. */
      {
        g_autoptr(GError) error = NULL;
        g_assert_false (crm_validate_required (bad, "Field", &error));
        assert_invalid (error, "Field");
      }

      for (guint i = 0; i < G_N_ELEMENTS (customer_fields); i++)
        {
          g_autoptr(CrmCustomer) c = crm_customer_new ();
          g_autoptr(CrmCustomer) edit = crm_customer_copy (kept);
          g_autoptr(CrmCustomer) back = NULL;
          g_autoptr(GError) error = NULL;

          g_object_set (c, "name", "Valid", NULL);
          g_object_set (c, customer_fields[i], i == 0 ? padded : bad, NULL);
          g_assert_false (crm_customer_validate_property (c, customer_fields[i], &error));
          assert_invalid (error, customer_labels[i]);
          g_clear_error (&error);
          g_assert_false (crm_repository_add_customer (f->repo, c, &error));
          assert_invalid (error, customer_labels[i]);
          g_clear_error (&error);
          g_assert_cmpint (crm_customer_get_id (c), ==, 0);

          g_object_set (edit, customer_fields[i], bad, NULL);
          g_assert_false (crm_repository_update_customer (f->repo, edit, &error));
          assert_invalid (error, customer_labels[i]);
          g_clear_error (&error);
          back = crm_repository_get_customer (f->repo, id, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (crm_customer_get_name (back), ==, "Kept");
          g_assert_cmpstr (crm_customer_get_notes (back), ==, "before");
        }

      {
        g_autoptr(CrmInteraction) in = crm_interaction_new ();
        g_autoptr(CrmOpportunity) o = crm_opportunity_new ();
        g_autoptr(GError) error = NULL;

        g_object_set (in, "customer-id", id, "notes", bad, NULL);
        g_assert_false (crm_repository_add_interaction (f->repo, in, &error));
        assert_invalid (error, "Notes");
        g_clear_error (&error);

        g_object_set (o, "customer-id", id, "title", bad, NULL);
        g_assert_false (crm_repository_add_opportunity (f->repo, o, &error));
        assert_invalid (error, "Title");
        g_clear_error (&error);
        g_assert_cmpint (crm_repository_count_interactions (f->repo, id, NULL), ==, 0);
        g_assert_cmpint (crm_repository_count_opportunities (f->repo, id, NULL), ==, 0);
      }

      /* As a search: an error, not a crash or a wrong answer. */
      {
        CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
        CrmPipelineFilter filter = { 0, bad };
        CrmStageTotals totals[CRM_N_STAGES];
        g_autoptr(GPtrArray) rows = NULL;
        g_autoptr(GError) error = NULL;
        CrmStage stage;
        guint index;

        for (guint p = 0; p < 2; p++)
          {
            query.search = p == 0 ? bad : padded;
            rows = crm_repository_list_customers (f->repo, &query, 0, 10, &error);
            g_assert_null (rows);
            assert_invalid (error, "Search");
            g_clear_error (&error);
            g_assert_cmpint (crm_repository_count_customers (f->repo, &query, &error), ==, -1);
            assert_invalid (error, "Search");
            g_clear_error (&error);
          }

        g_assert_null (crm_repository_list_stage (f->repo, CRM_STAGE_LEAD, &filter, 0, 10, &error));
        assert_invalid (error, "Search");
        g_clear_error (&error);
        g_assert_cmpint (crm_repository_count_stage (f->repo, CRM_STAGE_LEAD, &filter, &error), ==, -1);
        assert_invalid (error, "Search");
        g_clear_error (&error);
        g_assert_false (crm_repository_get_stage_totals (f->repo, &filter, totals, &error));
        assert_invalid (error, "Search");
        g_clear_error (&error);
        g_assert_false (crm_repository_get_stage_index (f->repo, 1, &filter, &stage, &index, &error));
        assert_invalid (error, "Search");
      }
    }
  g_assert_cmpint (count_all_customers (f->repo), ==, 1);
}

/* One megabyte in a field */

static char *
megabyte_text (const char *marker)
{
  /* Latin, Chinese, Arabic and emoji, so every width of UTF-8 is there. */
  const char *piece = "Lorem ipsum 张伟 محمد 👩🏽‍💻\n";
  GString *text = g_string_sized_new (1024 * 1024 + 64);

  while (text->len < 512 * 1024)
    g_string_append (text, piece);
  g_string_append (text, marker);
  while (text->len < 1024 * 1024)
    g_string_append (text, piece);
  return g_string_free (text, FALSE);
}

static void
test_megabyte (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *name = megabyte_text ("NEEDLE-in-the-name");
  g_autofree char *notes = megabyte_text ("needle in the notes");
  g_autoptr(CrmCustomer) small = add_customer (f->repo, "Small", "", "", "", "");
  g_autoptr(CrmCustomer) c = NULL;
  g_autoptr(CrmCustomer) back = NULL;
  g_autoptr(CrmInteraction) in = NULL;
  g_autoptr(CrmOpportunity) o = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;

  g_assert_cmpuint (strlen (name), >=, 1024 * 1024);
  c = add_customer (f->repo, name, notes, "big@example.com", "", notes);
  in = add_interaction (f->repo, crm_customer_get_id (c), notes);
  o = add_opportunity (f->repo, crm_customer_get_id (c), name);

  back = crm_repository_get_customer (f->repo, crm_customer_get_id (c), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_customer_get_name (back), ==, name);
  g_assert_cmpstr (crm_customer_get_company (back), ==, notes);
  g_assert_cmpstr (crm_customer_get_notes (back), ==, notes);
  rows = crm_repository_list_interactions (f->repo, crm_customer_get_id (c), 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_interaction_get_notes (g_ptr_array_index (rows, 0)), ==, notes);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = crm_repository_list_opportunities (f->repo, crm_customer_get_id (c), 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_opportunity_get_title (g_ptr_array_index (rows, 0)), ==, name);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Found by a word in its middle (the trigram index), and by two
   * characters (LIKE); a megabyte query is just a query. */
  {
    const char *searches[] = { "needle-IN-THE-name", "张伟", name };

    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        query.search = searches[i];
        gint64 n = crm_repository_count_customers (f->repo, &query, &error);

        g_assert_no_error (error);
        g_assert_cmpint (n, ==, 1);
      }
  }
  assert_search_exact (f->repo, name);
  {
    CrmPipelineFilter filter = { 0, "NEEDLE-in" };
    g_assert_cmpint (crm_repository_count_stage (f->repo, CRM_STAGE_LEAD, &filter, &error), ==, 1);
    g_assert_no_error (error);
    filter.search = name;
    g_assert_cmpint (crm_repository_count_stage (f->repo, CRM_STAGE_LEAD, &filter, &error), ==, 1);
    g_assert_no_error (error);
    filter.search = notes;
    g_assert_cmpint (crm_repository_count_stage (f->repo, CRM_STAGE_LEAD, &filter, &error), ==, 0);
    g_assert_no_error (error);
  }

  /* Past the length the index answers alone (a few hundred characters),
   * a query is still a substring match that ignores ASCII case. */
  {
    g_autoptr(GString) long_name = g_string_new (NULL);
    g_autoptr(CrmCustomer) l = NULL;
    g_autofree char *upper = NULL;

    while (g_utf8_strlen (long_name->str, -1) < 400)
      for (guint i = 0; i < G_N_ELEMENTS (syntax); i++)
        g_string_append_printf (long_name, "%s محمد ", syntax[i]);
    l = add_customer (f->repo, long_name->str, "", "", "", "");
    upper = g_ascii_strup (long_name->str + 3, long_name->len - 6);
    assert_search_exact (f->repo, upper);
    assert_search_exact (f->repo, long_name->str);
    g_string_append_c (long_name, 'x');
    assert_search_exact (f->repo, long_name->str);
    query.search = long_name->str;
    g_assert_cmpint (crm_repository_count_customers (f->repo, &query, &error), ==, 0);
  }

  /* And written and read back whole by every format. */
  assert_round_trip (f, CRM_FILE_FORMAT_JSON, "big.json");
  assert_round_trip (f, CRM_FILE_FORMAT_NDJSON, "big.ndjson");
  assert_round_trip (f, CRM_FILE_FORMAT_CSV, "big.csv");
}

/* NUL in a file: the C strings behind every field cannot hold it, so a
 * file with one is refused, naming the line, rather than cut short. */

typedef struct
{
  const char *file_name;
  const char *data;
  gsize length;
  const char *message;
} NulCase;

static void
test_nul (Fixture       *f,
          gconstpointer  data)
{
  static const char json_escape[] = "{\"customers\": [{\"name\": \"A\"},\n {\"name\": \"A\\u0000B\"}]}";
  static const char json_key[] = "[{\"name\": \"A\", \"no\\u0000tes\": \"x\"}]";
  static const char ndjson[] = "{\"type\": \"customer\", \"name\": \"A\"}\n"
                               "{\"type\": \"customer\", \"name\": \"B\", \"notes\": \"x\\u0000\"}\n";
  static const char json_raw[] = "[{\"name\": \"A\0B\"}]";
  static const char csv[] = "name,notes\nAlice,fine\nBob,nul\0byte\n";
  static const char csv_quoted[] = "name,notes\n\"Al\nice\",\"a\0\"\n";
  const NulCase cases[] = {
    { "escape.json", json_escape, sizeof json_escape - 1, "line 2: " },
    { "key.json", json_key, sizeof json_key - 1, "line 1: " },
    { "nul.ndjson", ndjson, sizeof ndjson - 1, "line 2: " },
    { "raw.json", json_raw, sizeof json_raw - 1, "line 1: " },
    { "nul.csv", csv, sizeof csv - 1, "line 3: " },
    { "quoted.csv", csv_quoted, sizeof csv_quoted - 1, "line 2: " },
  };
  g_autoptr(CrmCustomer) kept = add_customer (f->repo, "Kept", "", "", "", "");
  g_autoptr(GBytes) before = export_bytes (f->repo, CRM_FILE_FORMAT_JSON);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (import_bytes (f->repo, cases[i].file_name, cases[i].data, cases[i].length, &error));
      g_assert_error (error, CRM_ERROR, CRM_ERROR_FORMAT);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].file_name));
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_nonnull (strstr (error->message, "NUL"));
      after = export_bytes (f->repo, CRM_FILE_FORMAT_JSON);
      g_assert_true (g_bytes_equal (before, after));
    }

  /* An escaped backslash before “u0000” is text, not a NUL. */
  {
    static const char text[] = "[{\"name\": \"C:\\\\u0000\\\\dir\"}]";
    CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
    g_autoptr(GPtrArray) rows = NULL;
    g_autoptr(GError) error = NULL;

    import_bytes (f->repo, "backslash.json", text, sizeof text - 1, &error);
    g_assert_no_error (error);
    query.search = "u0000";
    rows = crm_repository_list_customers (f->repo, &query, 0, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpstr (crm_customer_get_name (g_ptr_array_index (rows, 0)), ==, "C:\\u0000\\dir");
  }

  /* A lone UTF-16 surrogate escape is not text either (json-glib says so). */
  {
    static const char text[] = "[{\"name\": \"\\ud800\"}]";
    g_autoptr(GError) error = NULL;

    g_assert_false (import_bytes (f->repo, "surrogate.json", text, sizeof text - 1, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_FORMAT);
    g_assert_true (g_str_has_prefix (error->message, "surrogate.json"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add (name, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/hostile/sql-fts-syntax", test_syntax, NULL);
  ADD ("/hostile/rtl-emoji", test_syntax, GINT_TO_POINTER (1));
  ADD ("/hostile/not-utf8", test_not_utf8, NULL);
  ADD ("/hostile/megabyte", test_megabyte, NULL);
  ADD ("/hostile/nul", test_nul, NULL);
#undef ADD

  return g_test_run ();
}
