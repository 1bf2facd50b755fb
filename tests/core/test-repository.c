/* test-repository.c: the SQLite repository, each case on a fresh file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "crm-error.h"
#include "crm-repository.h"
#include "crm-test-db.h"

typedef struct
{
  char *dir;
  char *path;
  CrmRepository *repo;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->repo = crm_test_db_open ("rapport-test-XXXXXX", &f->dir, &f->path);
  g_assert_nonnull (f->repo);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->repo != NULL)
    g_assert_finalize_object (f->repo);
  crm_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static CrmCustomer *
add_customer (CrmRepository *repo,
              const char    *name,
              const char    *company,
              const char    *email,
              const char    *phone)
{
  g_autoptr(CrmCustomer) c = crm_customer_new ();
  g_autoptr(GError) error = NULL;

  crm_customer_set_name (c, name);
  crm_customer_set_company (c, company);
  crm_customer_set_email (c, email);
  crm_customer_set_phone (c, phone);
  g_assert_true (crm_repository_add_customer (repo, c, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&c);
}

static CrmInteraction *
add_interaction (CrmRepository      *repo,
                 gint64              customer_id,
                 CrmInteractionType  type,
                 const char         *notes)
{
  g_autoptr(CrmInteraction) i = crm_interaction_new ();
  g_autoptr(GError) error = NULL;

  crm_interaction_set_customer_id (i, customer_id);
  crm_interaction_set_interaction_type (i, type);
  crm_interaction_set_notes (i, notes);
  g_assert_true (crm_repository_add_interaction (repo, i, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&i);
}

static CrmOpportunity *
add_opportunity (CrmRepository *repo,
                 gint64         customer_id,
                 const char    *title,
                 gint64         value)
{
  g_autoptr(CrmOpportunity) o = crm_opportunity_new ();
  g_autoptr(GError) error = NULL;

  crm_opportunity_set_customer_id (o, customer_id);
  crm_opportunity_set_title (o, title);
  crm_opportunity_set_value (o, value);
  g_assert_true (crm_repository_add_opportunity (repo, o, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&o);
}

/* Everything the repository holds, as text: “unchanged” means equal dumps. */
static char *
dump (CrmRepository *repo)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) customers = crm_repository_list_customers (repo, NULL, 0, G_MAXUINT, NULL);
  g_autoptr(GPtrArray) interactions = crm_repository_list_interactions (repo, 0, 0, G_MAXUINT, NULL);
  g_autoptr(GPtrArray) opportunities = crm_repository_list_opportunities (repo, 0, 0, G_MAXUINT, NULL);

  for (guint i = 0; i < customers->len; i++)
    {
      CrmCustomer *c = g_ptr_array_index (customers, i);
      g_autofree char *created = g_date_time_format_iso8601 (crm_customer_get_created_at (c));
      g_autofree char *updated = g_date_time_format_iso8601 (crm_customer_get_updated_at (c));
      g_string_append_printf (out, "C %" G_GINT64_FORMAT "|%s|%s|%s|%s|%d|%s|%s|%s\n",
                              crm_customer_get_id (c), crm_customer_get_name (c),
                              crm_customer_get_company (c), crm_customer_get_email (c),
                              crm_customer_get_phone (c), crm_customer_get_status (c),
                              crm_customer_get_notes (c), created, updated);
    }
  for (guint i = 0; i < interactions->len; i++)
    {
      CrmInteraction *it = g_ptr_array_index (interactions, i);
      g_autofree char *occurred = g_date_time_format_iso8601 (crm_interaction_get_occurred_at (it));
      g_autofree char *created = g_date_time_format_iso8601 (crm_interaction_get_created_at (it));
      g_string_append_printf (out, "I %" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%d|%s|%s|%s\n",
                              crm_interaction_get_id (it), crm_interaction_get_customer_id (it),
                              crm_interaction_get_interaction_type (it),
                              crm_interaction_get_notes (it), occurred, created);
    }
  for (guint i = 0; i < opportunities->len; i++)
    {
      CrmOpportunity *o = g_ptr_array_index (opportunities, i);
      g_autofree char *created = g_date_time_format_iso8601 (crm_opportunity_get_created_at (o));
      g_autofree char *updated = g_date_time_format_iso8601 (crm_opportunity_get_updated_at (o));
      g_string_append_printf (out, "O %" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%s|%" G_GINT64_FORMAT
                              "|%d|%d|%" G_GINT64_FORMAT "|%s|%s\n",
                              crm_opportunity_get_id (o), crm_opportunity_get_customer_id (o),
                              crm_opportunity_get_title (o), crm_opportunity_get_value (o),
                              crm_opportunity_get_stage (o), crm_opportunity_get_probability (o),
                              crm_opportunity_get_position (o), created, updated);
    }
  return g_string_free (out, FALSE);
}

static void
test_customer_crud (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CrmCustomer) c = add_customer (f->repo, "张三", "华为", "zhang@example.cn", "+86 10 1234");
  g_autoptr(CrmCustomer) read = NULL;
  g_autoptr(CrmCustomer) again = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) updated = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (crm_customer_get_id (c), >, 0);
  g_assert_nonnull (crm_customer_get_created_at (c));
  g_assert_true (g_date_time_equal (crm_customer_get_created_at (c), crm_customer_get_updated_at (c)));

  read = crm_repository_get_customer (f->repo, crm_customer_get_id (c), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_customer_get_name (read), ==, "张三");
  g_assert_cmpstr (crm_customer_get_company (read), ==, "华为");
  g_assert_cmpstr (crm_customer_get_email (read), ==, "zhang@example.cn");
  g_assert_cmpstr (crm_customer_get_phone (read), ==, "+86 10 1234");
  g_assert_cmpint (crm_customer_get_status (read), ==, CRM_CUSTOMER_STATUS_ACTIVE);
  g_assert_true (g_date_time_equal (crm_customer_get_created_at (read), crm_customer_get_created_at (c)));
  created = g_date_time_ref (crm_customer_get_created_at (read));
  updated = g_date_time_ref (crm_customer_get_updated_at (read));

  /* every field */
  crm_customer_set_name (read, "李四");
  crm_customer_set_company (read, "Acme GmbH");
  crm_customer_set_email (read, "li@acme.de");
  crm_customer_set_phone (read, "+49 30 555");
  crm_customer_set_status (read, CRM_CUSTOMER_STATUS_INACTIVE);
  crm_customer_set_notes (read, "Prefers email.\nNo calls on Friday.");
  g_assert_true (crm_repository_update_customer (f->repo, read, &error));
  g_assert_no_error (error);

  again = crm_repository_get_customer (f->repo, crm_customer_get_id (c), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_customer_get_name (again), ==, "李四");
  g_assert_cmpstr (crm_customer_get_company (again), ==, "Acme GmbH");
  g_assert_cmpstr (crm_customer_get_email (again), ==, "li@acme.de");
  g_assert_cmpstr (crm_customer_get_phone (again), ==, "+49 30 555");
  g_assert_cmpint (crm_customer_get_status (again), ==, CRM_CUSTOMER_STATUS_INACTIVE);
  g_assert_cmpstr (crm_customer_get_notes (again), ==, "Prefers email.\nNo calls on Friday.");
  g_assert_true (g_date_time_equal (crm_customer_get_created_at (again), created));
  g_assert_cmpint (g_date_time_compare (crm_customer_get_updated_at (again), updated), >, 0);
  g_assert_true (g_date_time_equal (crm_customer_get_updated_at (again), crm_customer_get_updated_at (read)));

  /* a second update right away still moves updated_at forward */
  g_clear_pointer (&updated, g_date_time_unref);
  updated = g_date_time_ref (crm_customer_get_updated_at (again));
  g_assert_true (crm_repository_update_customer (f->repo, again, &error));
  g_assert_cmpint (g_date_time_compare (crm_customer_get_updated_at (again), updated), >, 0);

  g_assert_cmpint (crm_repository_count_customers (f->repo, NULL, NULL), ==, 1);
  g_assert_true (crm_repository_delete_customer (f->repo, crm_customer_get_id (c), 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_repository_count_customers (f->repo, NULL, NULL), ==, 0);
  g_assert_null (crm_repository_get_customer (f->repo, crm_customer_get_id (c), &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
}

static void
test_interaction_crud (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CrmCustomer) a = add_customer (f->repo, "Ada", "", "", "");
  g_autoptr(CrmCustomer) b = add_customer (f->repo, "Bob", "", "", "");
  g_autoptr(CrmInteraction) i = add_interaction (f->repo, crm_customer_get_id (a),
                                                 CRM_INTERACTION_TYPE_CALL, "Intro call");
  g_autoptr(CrmInteraction) read = NULL;
  g_autoptr(CrmInteraction) again = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2024, 3, 2, 9, 15, 0);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (crm_interaction_get_id (i), >, 0);
  g_assert_nonnull (crm_interaction_get_occurred_at (i));
  read = crm_repository_get_interaction (f->repo, crm_interaction_get_id (i), &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_interaction_get_customer_id (read), ==, crm_customer_get_id (a));
  g_assert_cmpint (crm_interaction_get_interaction_type (read), ==, CRM_INTERACTION_TYPE_CALL);
  g_assert_cmpstr (crm_interaction_get_notes (read), ==, "Intro call");
  g_assert_cmpstr (crm_interaction_get_customer_name (read), ==, "Ada");

  crm_interaction_set_customer_id (read, crm_customer_get_id (b));
  crm_interaction_set_interaction_type (read, CRM_INTERACTION_TYPE_MEETING);
  crm_interaction_set_notes (read, "会议：报价");
  crm_interaction_set_occurred_at (read, when);
  g_assert_true (crm_repository_update_interaction (f->repo, read, &error));
  g_assert_no_error (error);

  again = crm_repository_get_interaction (f->repo, crm_interaction_get_id (i), &error);
  g_assert_cmpint (crm_interaction_get_customer_id (again), ==, crm_customer_get_id (b));
  g_assert_cmpint (crm_interaction_get_interaction_type (again), ==, CRM_INTERACTION_TYPE_MEETING);
  g_assert_cmpstr (crm_interaction_get_notes (again), ==, "会议：报价");
  g_assert_true (g_date_time_equal (crm_interaction_get_occurred_at (again), when));
  g_assert_true (g_date_time_equal (crm_interaction_get_created_at (again),
                                    crm_interaction_get_created_at (i)));

  g_assert_cmpint (crm_repository_count_interactions (f->repo, crm_customer_get_id (a), NULL), ==, 0);
  g_assert_cmpint (crm_repository_count_interactions (f->repo, crm_customer_get_id (b), NULL), ==, 1);
  g_assert_true (crm_repository_delete_interaction (f->repo, crm_interaction_get_id (i), 0, &error));
  g_assert_cmpint (crm_repository_count_interactions (f->repo, 0, NULL), ==, 0);
  g_assert_false (crm_repository_delete_interaction (f->repo, crm_interaction_get_id (i), 0, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
}

static void
test_interactions_newest_first (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(CrmCustomer) a = add_customer (f->repo, "Ada", "", "", "");
  g_autoptr(GPtrArray) list = NULL;
  static const int days[] = { 5, 1, 9, 3 };

  for (guint n = 0; n < G_N_ELEMENTS (days); n++)
    {
      g_autoptr(CrmInteraction) i = crm_interaction_new ();
      g_autoptr(GDateTime) when = g_date_time_new_utc (2024, 6, days[n], 12, 0, 0);

      crm_interaction_set_customer_id (i, crm_customer_get_id (a));
      crm_interaction_set_occurred_at (i, when);
      g_assert_true (crm_repository_add_interaction (f->repo, i, NULL));
    }
  list = crm_repository_list_interactions (f->repo, crm_customer_get_id (a), 0, 10, NULL);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpint (g_date_time_get_day_of_month (
                     crm_interaction_get_occurred_at (g_ptr_array_index (list, 0))), ==, 9);
  g_assert_cmpint (g_date_time_get_day_of_month (
                     crm_interaction_get_occurred_at (g_ptr_array_index (list, 3))), ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = crm_repository_list_interactions (f->repo, crm_customer_get_id (a), 1, 2, NULL);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (g_date_time_get_day_of_month (
                     crm_interaction_get_occurred_at (g_ptr_array_index (list, 0))), ==, 5);
}

static void
test_opportunity_crud (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CrmCustomer) a = add_customer (f->repo, "Ada", "", "", "");
  g_autoptr(CrmCustomer) b = add_customer (f->repo, "Bob", "", "", "");
  g_autoptr(CrmOpportunity) o = add_opportunity (f->repo, crm_customer_get_id (a), "ERP system", 1250000);
  g_autoptr(CrmOpportunity) o2 = add_opportunity (f->repo, crm_customer_get_id (a), "Support", 10000);
  g_autoptr(CrmOpportunity) read = NULL;
  g_autoptr(CrmOpportunity) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (crm_opportunity_get_position (o), ==, 0);
  g_assert_cmpint (crm_opportunity_get_position (o2), ==, 1);
  g_assert_cmpint (crm_opportunity_get_probability (o), ==, 10);

  read = crm_repository_get_opportunity (f->repo, crm_opportunity_get_id (o), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_opportunity_get_title (read), ==, "ERP system");
  g_assert_cmpint (crm_opportunity_get_value (read), ==, 1250000);
  g_assert_cmpint (crm_opportunity_get_stage (read), ==, CRM_STAGE_LEAD);
  g_assert_cmpstr (crm_opportunity_get_customer_name (read), ==, "Ada");

  crm_opportunity_set_customer_id (read, crm_customer_get_id (b));
  crm_opportunity_set_title (read, "ERP 系统");
  crm_opportunity_set_value (read, 99950);
  crm_opportunity_set_stage (read, CRM_STAGE_NEGOTIATION);
  crm_opportunity_set_probability (read, 65);
  crm_opportunity_set_position (read, 7);
  g_assert_true (crm_repository_update_opportunity (f->repo, read, &error));
  g_assert_no_error (error);

  again = crm_repository_get_opportunity (f->repo, crm_opportunity_get_id (o), &error);
  g_assert_cmpint (crm_opportunity_get_customer_id (again), ==, crm_customer_get_id (b));
  g_assert_cmpstr (crm_opportunity_get_title (again), ==, "ERP 系统");
  g_assert_cmpint (crm_opportunity_get_value (again), ==, 99950);
  g_assert_cmpint (crm_opportunity_get_stage (again), ==, CRM_STAGE_NEGOTIATION);
  g_assert_cmpint (crm_opportunity_get_probability (again), ==, 65);
  g_assert_cmpint (crm_opportunity_get_position (again), ==, 7);
  g_assert_true (g_date_time_equal (crm_opportunity_get_created_at (again),
                                    crm_opportunity_get_created_at (o)));
  g_assert_cmpint (g_date_time_compare (crm_opportunity_get_updated_at (again),
                                        crm_opportunity_get_updated_at (o)), >, 0);

  g_assert_cmpint (crm_repository_count_opportunities (f->repo, crm_customer_get_id (b), NULL), ==, 1);
  g_assert_true (crm_repository_delete_opportunity (f->repo, crm_opportunity_get_id (o), 0, &error));
  g_assert_cmpint (crm_repository_count_opportunities (f->repo, 0, NULL), ==, 1);
}

/* Each invalid write fails with the right error and writes nothing. */
static void
test_validation_leaves_db_unchanged (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(CrmCustomer) a = add_customer (f->repo, "Ada", "", "ada@example.com", "");
  g_autoptr(CrmOpportunity) o = add_opportunity (f->repo, crm_customer_get_id (a), "Deal", 100);
  g_autoptr(CrmInteraction) it = add_interaction (f->repo, crm_customer_get_id (a),
                                                  CRM_INTERACTION_TYPE_EMAIL, "Hi");
  g_autofree char *before = dump (f->repo);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(CrmCustomer) c = crm_customer_new ();
    g_assert_false (crm_repository_add_customer (f->repo, c, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Name"));
    g_clear_error (&error);

    crm_customer_set_name (c, "Eve");
    crm_customer_set_email (c, "eve-at-example");
    g_assert_false (crm_repository_add_customer (f->repo, c, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Email"));
    g_clear_error (&error);
  }
  {
    g_autoptr(CrmCustomer) c = crm_customer_copy (a);
    crm_customer_set_name (c, "");
    g_assert_false (crm_repository_update_customer (f->repo, c, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_clear_error (&error);

    crm_customer_set_name (c, "Ghost");
    crm_customer_set_id (c, 4242);
    g_assert_false (crm_repository_update_customer (f->repo, c, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "4242"));
    g_clear_error (&error);

    /* an id that is taken */
    crm_customer_set_id (c, crm_customer_get_id (a));
    g_assert_false (crm_repository_add_customer (f->repo, c, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_EXISTS);
    g_clear_error (&error);
  }
  {
    g_autoptr(CrmOpportunity) bad = crm_opportunity_copy (o);
    crm_opportunity_set_id (bad, 0);
    crm_opportunity_set_probability (bad, 150);
    g_assert_false (crm_repository_add_opportunity (f->repo, bad, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Probability"));
    g_clear_error (&error);

    crm_opportunity_set_probability (bad, 50);
    crm_opportunity_set_value (bad, -5);
    g_assert_false (crm_repository_add_opportunity (f->repo, bad, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Value"));
    g_clear_error (&error);

    crm_opportunity_set_value (bad, 5);
    crm_opportunity_set_title (bad, "");
    g_assert_false (crm_repository_add_opportunity (f->repo, bad, &error));
    g_assert_nonnull (strstr (error->message, "Title"));
    g_clear_error (&error);

    crm_opportunity_set_title (bad, "Orphan");
    crm_opportunity_set_customer_id (bad, 999);
    g_assert_false (crm_repository_add_opportunity (f->repo, bad, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Customer"));
    g_assert_nonnull (strstr (error->message, "999"));
    g_clear_error (&error);

    /* an update that breaks a rule writes nothing either */
    g_clear_object (&bad);
    bad = crm_opportunity_copy (o);
    crm_opportunity_set_probability (bad, -1);
    g_assert_false (crm_repository_update_opportunity (f->repo, bad, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    g_autoptr(CrmInteraction) bad = crm_interaction_new ();
    crm_interaction_set_customer_id (bad, 999);
    g_assert_false (crm_repository_add_interaction (f->repo, bad, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "Customer"));
    g_clear_error (&error);

    crm_interaction_set_customer_id (bad, 0);
    g_assert_false (crm_repository_add_interaction (f->repo, bad, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_clear_error (&error);

    g_clear_object (&bad);
    bad = crm_interaction_copy (it);
    crm_interaction_set_customer_id (bad, 999);
    g_assert_false (crm_repository_update_interaction (f->repo, bad, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    /* an unknown enum string, as an importer would meet it */
    CrmStage stage;
    g_assert_false (crm_stage_from_string ("won", &stage, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "stage"));
    g_clear_error (&error);
  }

  g_assert_false (crm_repository_delete_customer (f->repo, 777, 0, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_repository_delete_opportunity (f->repo, 777, 0, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (crm_repository_get_opportunity (f->repo, 777, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (crm_repository_get_interaction (f->repo, 777, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  {
    g_autofree char *after = dump (f->repo);
    g_assert_cmpstr (after, ==, before);
  }
}

static void
test_cascade_delete (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CrmCustomer) a = add_customer (f->repo, "张三", "", "", "");
  g_autoptr(CrmCustomer) keep = add_customer (f->repo, "Keep", "", "", "");
  gint64 id = crm_customer_get_id (a);
  g_autoptr(GError) error = NULL;

  for (int n = 0; n < 3; n++)
    g_object_unref (add_interaction (f->repo, id, CRM_INTERACTION_TYPE_CALL, "call"));
  for (int n = 0; n < 2; n++)
    g_object_unref (add_opportunity (f->repo, id, "Deal", 100));
  g_object_unref (add_interaction (f->repo, crm_customer_get_id (keep), CRM_INTERACTION_TYPE_CALL, "x"));
  g_object_unref (add_opportunity (f->repo, crm_customer_get_id (keep), "Kept deal", 1));

  g_assert_cmpint (crm_repository_count_interactions (f->repo, id, NULL), ==, 3);
  g_assert_cmpint (crm_repository_count_opportunities (f->repo, id, NULL), ==, 2);
  g_assert_true (crm_repository_delete_customer (f->repo, id, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_repository_count_interactions (f->repo, id, NULL), ==, 0);
  g_assert_cmpint (crm_repository_count_opportunities (f->repo, id, NULL), ==, 0);
  g_assert_cmpint (crm_repository_count_interactions (f->repo, 0, NULL), ==, 1);
  g_assert_cmpint (crm_repository_count_opportunities (f->repo, 0, NULL), ==, 1);
}

static void
test_restore_customer (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CrmCustomer) a = add_customer (f->repo, "张三", "华为", "", "");
  gint64 id = crm_customer_get_id (a);
  g_autoptr(GPtrArray) interactions = NULL;
  g_autoptr(GPtrArray) opportunities = NULL;
  g_autoptr(CrmCustomer) snapshot = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_object_unref (add_interaction (f->repo, id, CRM_INTERACTION_TYPE_CALL, "one"));
  g_object_unref (add_interaction (f->repo, id, CRM_INTERACTION_TYPE_EMAIL, "two"));
  g_object_unref (add_opportunity (f->repo, id, "Deal A", 100));
  g_object_unref (add_opportunity (f->repo, id, "Deal B", 200));
  before = dump (f->repo);

  snapshot = crm_repository_get_customer (f->repo, id, NULL);
  interactions = crm_repository_list_interactions (f->repo, id, 0, G_MAXUINT, NULL);
  opportunities = crm_repository_list_opportunities (f->repo, id, 0, G_MAXUINT, NULL);
  g_assert_true (crm_repository_delete_customer (f->repo, id, 0, NULL));
  g_assert_true (crm_repository_restore_customer (f->repo, snapshot, interactions, opportunities, &error));
  g_assert_no_error (error);

  after = dump (f->repo);
  g_assert_cmpstr (after, ==, before);
}

static void
test_persistence (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CrmCustomer) a = add_customer (f->repo, "王五", "Acme", "wang@example.com", "123");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_object_unref (add_interaction (f->repo, crm_customer_get_id (a), CRM_INTERACTION_TYPE_MEETING, "m"));
  g_object_unref (add_opportunity (f->repo, crm_customer_get_id (a), "Big deal", 5000000));
  before = dump (f->repo);

  g_assert_finalize_object (g_steal_pointer (&f->repo));
  f->repo = crm_repository_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_repository_get_schema_version (f->repo), ==, CRM_REPOSITORY_SCHEMA_VERSION);

  after = dump (f->repo);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (crm_repository_count_customers (f->repo, NULL, NULL), ==, 1);
}

static gint64
search_count (CrmRepository *repo,
              const char    *text)
{
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gint64 count;

  query.search = text;
  count = crm_repository_count_customers (repo, &query, &error);
  g_assert_no_error (error);
  rows = crm_repository_list_customers (repo, &query, 0, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rows->len, ==, count);
  return count;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_object_unref (add_customer (f->repo, "张三", "华为技术", "zhangsan@huawei.com", "+86 755 1234"));
  g_object_unref (add_customer (f->repo, "李四", "Acme Corp", "li4@acme.com", "555-0100"));
  g_object_unref (add_customer (f->repo, "Anna Müller", "Müller & Söhne", "anna@mueller.de", "030 1234"));
  g_object_unref (add_customer (f->repo, "100% Juice", "under_score Ltd", "o'brien@x.ie", ""));
  g_object_unref (add_customer (f->repo, "Nearly Done", "Star*Corp", "\"quoted\"@x.com", ""));

  /* Chinese, one and several characters, any part of the name */
  g_assert_cmpint (search_count (f->repo, "张"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "三"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "张三"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "华为技"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "技术"), ==, 1);
  /* Latin substrings of each searched column, any case */
  g_assert_cmpint (search_count (f->repo, "acme"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "ACME CORP"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "huawei"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "0100"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "üller"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "nn"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "zz"), ==, 0);
  g_assert_cmpint (search_count (f->repo, "nobody here"), ==, 0);
  /* LIKE wildcards are plain text */
  g_assert_cmpint (search_count (f->repo, "%"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "0%"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "_"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "r_s"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "100% J"), ==, 1);
  /* quotes and FTS5 syntax are plain text */
  g_assert_cmpint (search_count (f->repo, "o'brien"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "'"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "\""), ==, 1);
  g_assert_cmpint (search_count (f->repo, "\"quoted\""), ==, 1);
  g_assert_cmpint (search_count (f->repo, "r*C"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "*"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "Star*"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "NEAR"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "NEAR(a b)"), ==, 0);
  g_assert_cmpint (search_count (f->repo, "-"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "555-"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "-0100"), ==, 1);
  g_assert_cmpint (search_count (f->repo, "a OR b"), ==, 0);
  g_assert_cmpint (search_count (f->repo, "AND"), ==, 0);
  g_assert_cmpint (search_count (f->repo, "("), ==, 0);
  g_assert_cmpint (search_count (f->repo, ""), ==, 5);

  /* the index follows edits and deletes */
  {
    CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
    g_autoptr(GPtrArray) rows = NULL;
    CrmCustomer *c;

    query.search = "张三";
    rows = crm_repository_list_customers (f->repo, &query, 0, 10, NULL);
    c = g_ptr_array_index (rows, 0);
    crm_customer_set_name (c, "赵六");
    g_assert_true (crm_repository_update_customer (f->repo, c, NULL));
    g_assert_cmpint (search_count (f->repo, "张三"), ==, 0);
    g_assert_cmpint (search_count (f->repo, "赵六"), ==, 1);
    g_assert_cmpint (search_count (f->repo, "huawei"), ==, 1);
    g_assert_true (crm_repository_delete_customer (f->repo, crm_customer_get_id (c), 0, NULL));
    g_assert_cmpint (search_count (f->repo, "huawei"), ==, 0);
    g_assert_cmpint (search_count (f->repo, "赵"), ==, 0);
  }
}

static void
test_sort_and_filter (Fixture       *f,
                      gconstpointer  data)
{
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(CrmCustomer) lead = NULL;

  g_object_unref (add_customer (f->repo, "B", "Zeta", "", ""));
  g_object_unref (add_customer (f->repo, "A", "Mid", "", ""));
  lead = add_customer (f->repo, "C", "Alpha", "", "");
  crm_customer_set_status (lead, CRM_CUSTOMER_STATUS_LEAD);
  g_assert_true (crm_repository_update_customer (f->repo, lead, NULL));

  rows = crm_repository_list_customers (f->repo, &query, 0, 10, NULL);
  g_assert_cmpstr (crm_customer_get_name (g_ptr_array_index (rows, 0)), ==, "A");
  g_assert_cmpstr (crm_customer_get_name (g_ptr_array_index (rows, 2)), ==, "C");
  g_clear_pointer (&rows, g_ptr_array_unref);

  query.sort = CRM_CUSTOMER_SORT_COMPANY;
  query.descending = TRUE;
  rows = crm_repository_list_customers (f->repo, &query, 0, 10, NULL);
  g_assert_cmpstr (crm_customer_get_company (g_ptr_array_index (rows, 0)), ==, "Zeta");
  g_assert_cmpstr (crm_customer_get_company (g_ptr_array_index (rows, 2)), ==, "Alpha");
  g_clear_pointer (&rows, g_ptr_array_unref);

  query.status = CRM_CUSTOMER_STATUS_LEAD;
  g_assert_cmpint (crm_repository_count_customers (f->repo, &query, NULL), ==, 1);
  query.search = "a";
  query.status = -1;
  g_assert_cmpint (crm_repository_count_customers (f->repo, &query, NULL), ==, 3);
  query.status = CRM_CUSTOMER_STATUS_ACTIVE;
  g_assert_cmpint (crm_repository_count_customers (f->repo, &query, NULL), ==, 2);
}

typedef struct
{
  GType type;
  gint64 id;
  CrmChangeKind kind;
  guint count;
} Seen;

static void
changed_cb (CrmRepository *repo,
            GType          type,
            gint64         id,
            guint          kind,
            Seen          *seen)
{
  seen->type = type;
  seen->id = id;
  seen->kind = kind;
  seen->count++;
}

static void
test_changed_signal (Fixture       *f,
                     gconstpointer  data)
{
  Seen seen = { 0 };
  g_autoptr(CrmCustomer) a = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect (f->repo, "changed", G_CALLBACK (changed_cb), &seen);
  a = add_customer (f->repo, "Ada", "", "", "");
  g_assert_cmpuint (seen.count, ==, 1);
  g_assert_true (seen.type == CRM_TYPE_CUSTOMER);
  g_assert_cmpint (seen.id, ==, crm_customer_get_id (a));
  g_assert_cmpint (seen.kind, ==, CRM_CHANGE_ADDED);

  crm_customer_set_notes (a, "x");
  crm_repository_update_customer (f->repo, a, NULL);
  g_assert_cmpuint (seen.count, ==, 2);
  g_assert_cmpint (seen.kind, ==, CRM_CHANGE_UPDATED);

  g_object_unref (add_opportunity (f->repo, crm_customer_get_id (a), "Deal", 1));
  g_assert_true (seen.type == CRM_TYPE_OPPORTUNITY);

  /* nothing is told of a transaction that is rolled back */
  seen.count = 0;
  g_assert_true (crm_repository_begin (f->repo, &error));
  g_object_unref (add_customer (f->repo, "Temp", "", "", ""));
  g_assert_cmpuint (seen.count, ==, 0);
  crm_repository_rollback (f->repo);
  g_assert_cmpuint (seen.count, ==, 0);
  g_assert_cmpint (crm_repository_count_customers (f->repo, NULL, NULL), ==, 1);

  /* and a committed one is told when it commits */
  g_assert_true (crm_repository_begin (f->repo, &error));
  g_object_unref (add_customer (f->repo, "Kept", "", "", ""));
  g_assert_cmpuint (seen.count, ==, 0);
  g_assert_true (crm_repository_commit (f->repo, &error));
  g_assert_cmpuint (seen.count, ==, 1);

  /* a cascade tells the listeners of every type */
  seen.count = 0;
  g_assert_true (crm_repository_delete_customer (f->repo, crm_customer_get_id (a), 0, NULL));
  g_assert_cmpuint (seen.count, ==, 2);
  g_assert_true (seen.type == CRM_TYPE_CUSTOMER);
  g_assert_cmpint (seen.kind, ==, CRM_CHANGE_REMOVED);
}

static char *
read_file_or_die (const char *path,
                  gsize      *len)
{
  char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return contents;
}

static void
assert_open_fails_untouched (const char *path,
                             int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize before_len, after_len;

  before = read_file_or_die (path, &before_len);
  g_assert_null (crm_repository_open (path, &error));
  g_assert_error (error, CRM_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  after = read_file_or_die (path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_open_not_a_database (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);
  sqlite3 *db;

  g_file_set_contents (path, "These are my notes, not a database.\n"
                             "SQLite format 3 is not here.\n", -1, NULL);
  assert_open_fails_untouched (path, CRM_ERROR_STORAGE);

  /* a SQLite database of another program */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_open_fails_untouched (other, CRM_ERROR_STORAGE);
}

static void
test_open_newer_version (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", CRM_REPOSITORY_SCHEMA_VERSION + 1);
  sqlite3 *db;

  g_assert_finalize_object (g_steal_pointer (&f->repo));
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  /* what a future Rapport would leave behind: back in rollback journal mode */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  assert_open_fails_untouched (f->path, CRM_ERROR_NEWER_VERSION);
}

static void
test_open_bad_folder (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "x.db", NULL);
  g_autofree char *ro_dir = g_build_filename (f->dir, "readonly", NULL);
  g_autofree char *ro_path = g_build_filename (ro_dir, "x.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_null (crm_repository_open (missing, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_STORAGE);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (ro_dir, 0555), ==, 0);
  if (getuid () != 0)
    {
      g_assert_null (crm_repository_open (ro_path, &error));
      g_assert_error (error, CRM_ERROR, CRM_ERROR_STORAGE);
      g_assert_nonnull (strstr (error->message, "not writable"));
      g_assert_false (g_file_test (ro_path, G_FILE_TEST_EXISTS));
    }
}

/* Root may write anywhere, so as root (CI) the read-only cases run in a
 * subprocess that has become the unprivileged user “nobody”. */
static void
test_open_read_only_as_user (void)
{
  const char *dir = g_getenv ("RAPPORT_TEST_DIR");
  g_autofree char *ro_dir = NULL;
  g_autofree char *ro_path = NULL;
  g_autofree char *db_path = NULL;

  if (getuid () != 0)
    {
      g_test_skip ("not root: the other cases already run as a user");
      return;
    }
  if (!g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *tmp = g_dir_make_tmp ("rapport-ro-XXXXXX", &error);
      g_autoptr(CrmRepository) repo = NULL;
      g_autofree char *path = g_build_filename (tmp, "root-owned.db", NULL);
      g_autofree char *folder = g_build_filename (tmp, "readonly", NULL);

      g_assert_no_error (error);
      /* a folder nobody can enter but not write, and a database it cannot write */
      g_assert_cmpint (g_chmod (tmp, 0755), ==, 0);
      g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
      repo = crm_repository_open (path, &error);
      g_assert_no_error (error);
      g_clear_object (&repo);
      g_assert_cmpint (g_chmod (path, 0644), ==, 0);

      g_setenv ("RAPPORT_TEST_DIR", tmp, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("RAPPORT_TEST_DIR");
      crm_test_remove_dir (folder);
      crm_test_remove_dir (tmp);
      g_test_trap_assert_passed ();
      return;
    }

  g_assert_nonnull (dir);
  g_assert_cmpint (setgid (65534), ==, 0);
  g_assert_cmpint (setuid (65534), ==, 0);
  ro_dir = g_build_filename (dir, "readonly", NULL);
  ro_path = g_build_filename (ro_dir, "x.db", NULL);
  db_path = g_build_filename (dir, "root-owned.db", NULL);

  {
    g_autoptr(GError) error = NULL;
    g_assert_null (crm_repository_open (ro_path, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_STORAGE);
    g_assert_nonnull (strstr (error->message, "not writable"));
    g_assert_false (g_file_test (ro_path, G_FILE_TEST_EXISTS));
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (crm_repository_open (db_path, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_STORAGE);
  }
}

static void
test_open_read_only_file (Fixture       *f,
                          gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->repo));
  if (getuid () == 0)
    {
      g_test_skip ("root can write a read-only file");
      return;
    }
  g_assert_cmpint (g_chmod (f->path, 0400), ==, 0);
  assert_open_fails_untouched (f->path, CRM_ERROR_STORAGE);
}

static void
test_pragmas (Fixture       *f,
              gconstpointer  data)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, CRM_REPOSITORY_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_default_path (void)
{
  g_autofree char *path = NULL;

  g_setenv ("RAPPORT_DATABASE", "/tmp/elsewhere.db", TRUE);
  path = crm_repository_get_default_path ();
  g_assert_cmpstr (path, ==, "/tmp/elsewhere.db");
  g_free (path);

  g_unsetenv ("RAPPORT_DATABASE");
  path = crm_repository_get_default_path ();
  g_assert_true (g_str_has_suffix (path, "/rapport/rapport.db"));
  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
}

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/repository/customer/crud", test_customer_crud);
  ADD ("/repository/interaction/crud", test_interaction_crud);
  ADD ("/repository/interaction/newest-first", test_interactions_newest_first);
  ADD ("/repository/opportunity/crud", test_opportunity_crud);
  ADD ("/repository/validation", test_validation_leaves_db_unchanged);
  ADD ("/repository/cascade-delete", test_cascade_delete);
  ADD ("/repository/restore", test_restore_customer);
  ADD ("/repository/persistence", test_persistence);
  ADD ("/repository/search", test_search);
  ADD ("/repository/sort-filter", test_sort_and_filter);
  ADD ("/repository/changed-signal", test_changed_signal);
  ADD ("/repository/open/not-a-database", test_open_not_a_database);
  ADD ("/repository/open/newer-version", test_open_newer_version);
  ADD ("/repository/open/bad-folder", test_open_bad_folder);
  ADD ("/repository/open/read-only-file", test_open_read_only_file);
  ADD ("/repository/open/pragmas", test_pragmas);
  g_test_add_func ("/repository/default-path", test_default_path);
  g_test_add_func ("/repository/open/read-only-as-user", test_open_read_only_as_user);

  return g_test_run ();
}
