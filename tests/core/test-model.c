/* test-model.c: the entity GObjects and their rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "crm-customer.h"
#include "crm-enum-types.h"
#include "crm-error.h"
#include "crm-interaction.h"
#include "crm-opportunity.h"
#include "crm-time.h"

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_notify_only_on_change (void)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GDateTime) t1 = g_date_time_new_utc (2024, 5, 1, 10, 0, 0);
  g_autoptr(GDateTime) t1_again = g_date_time_new_utc (2024, 5, 1, 10, 0, 0);
  guint count = 0;

  g_signal_connect (customer, "notify", G_CALLBACK (count_notify), &count);

  crm_customer_set_name (customer, "张三");
  g_assert_cmpuint (count, ==, 1);
  crm_customer_set_name (customer, "张三");
  g_assert_cmpuint (count, ==, 1);
  g_object_set (customer, "name", "张三", NULL);
  g_assert_cmpuint (count, ==, 1);

  crm_customer_set_status (customer, CRM_CUSTOMER_STATUS_ACTIVE); /* the default */
  g_assert_cmpuint (count, ==, 1);
  crm_customer_set_status (customer, CRM_CUSTOMER_STATUS_LEAD);
  g_assert_cmpuint (count, ==, 2);

  crm_customer_set_created_at (customer, t1);
  g_assert_cmpuint (count, ==, 3);
  crm_customer_set_created_at (customer, t1_again);
  g_assert_cmpuint (count, ==, 3);

  /* NULL and "" are one value */
  crm_customer_set_company (customer, NULL);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpstr (crm_customer_get_company (customer), ==, "");
}

static void
test_properties_exist (void)
{
  static const char *customer_props[] = { "id", "name", "company", "email", "phone", "status",
                                          "notes", "created-at", "updated-at" };
  static const char *interaction_props[] = { "id", "customer-id", "interaction-type", "notes",
                                             "occurred-at", "created-at" };
  static const char *opportunity_props[] = { "id", "customer-id", "title", "value", "stage",
                                             "probability", "position", "created-at",
                                             "updated-at" };
  g_autoptr(GTypeClass) ck = g_type_class_ref (CRM_TYPE_CUSTOMER);
  g_autoptr(GTypeClass) ik = g_type_class_ref (CRM_TYPE_INTERACTION);
  g_autoptr(GTypeClass) ok = g_type_class_ref (CRM_TYPE_OPPORTUNITY);
  GObjectClass *c = G_OBJECT_CLASS (ck);
  GObjectClass *i = G_OBJECT_CLASS (ik);
  GObjectClass *o = G_OBJECT_CLASS (ok);
  GParamSpec *pspec;

  for (guint n = 0; n < G_N_ELEMENTS (customer_props); n++)
    g_assert_nonnull (g_object_class_find_property (c, customer_props[n]));
  for (guint n = 0; n < G_N_ELEMENTS (interaction_props); n++)
    g_assert_nonnull (g_object_class_find_property (i, interaction_props[n]));
  for (guint n = 0; n < G_N_ELEMENTS (opportunity_props); n++)
    g_assert_nonnull (g_object_class_find_property (o, opportunity_props[n]));

  pspec = g_object_class_find_property (o, "value");
  g_assert_true (pspec->value_type == G_TYPE_INT64);
  pspec = g_object_class_find_property (c, "created-at");
  g_assert_true (pspec->value_type == G_TYPE_DATE_TIME);
  pspec = g_object_class_find_property (c, "id");
  g_assert_true (pspec->value_type == G_TYPE_INT64);
}

static void
test_enum_nicks_and_labels (void)
{
  CrmStage stage;
  CrmInteractionType type;
  CrmCustomerStatus status;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (crm_stage_to_string (CRM_STAGE_CLOSED), ==, "closed");
  g_assert_cmpstr (crm_stage_get_label (CRM_STAGE_CLOSED), ==, "Won");
  g_assert_cmpstr (crm_stage_to_string (CRM_STAGE_NEGOTIATION), ==, "negotiation");
  g_assert_cmpstr (crm_interaction_type_to_string (CRM_INTERACTION_TYPE_CALL), ==, "call");
  g_assert_cmpstr (crm_interaction_type_to_string (CRM_INTERACTION_TYPE_MEETING), ==, "meeting");
  g_assert_cmpstr (crm_customer_status_to_string (CRM_CUSTOMER_STATUS_INACTIVE), ==, "inactive");

  g_assert_true (crm_stage_from_string ("proposal", &stage, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stage, ==, CRM_STAGE_PROPOSAL);
  g_assert_true (crm_interaction_type_from_string ("email", &type, NULL));
  g_assert_cmpint (type, ==, CRM_INTERACTION_TYPE_EMAIL);
  g_assert_true (crm_customer_status_from_string ("lead", &status, NULL));
  g_assert_cmpint (status, ==, CRM_CUSTOMER_STATUS_LEAD);

  g_assert_false (crm_stage_from_string ("won", &stage, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "stage"));
  g_assert_nonnull (strstr (error->message, "won"));
  g_clear_error (&error);

  g_assert_false (crm_interaction_type_from_string ("fax", &type, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "interaction_type"));
  g_clear_error (&error);

  g_assert_false (crm_customer_status_from_string (NULL, &status, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "status"));

  g_assert_cmpuint (crm_stage_get_default_probability (CRM_STAGE_LEAD), ==, 10);
  g_assert_cmpuint (crm_stage_get_default_probability (CRM_STAGE_PROPOSAL), ==, 30);
  g_assert_cmpuint (crm_stage_get_default_probability (CRM_STAGE_NEGOTIATION), ==, 60);
  g_assert_cmpuint (crm_stage_get_default_probability (CRM_STAGE_CLOSED), ==, 100);
  g_assert_cmpuint (crm_stage_get_default_probability (CRM_STAGE_LOST), ==, 0);
}

static void
test_customer_validation (void)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(GError) error = NULL;
  static const char *bad_emails[] = { "foo", "foo@", "@bar.com", "a@b", "a b@c.com", "a@@b.com",
                                      "a@b.", "a@.com" };
  static const char *good_emails[] = { "zhang.san@example.cn", "a@b.co", "first+tag@sub.example.org",
                                       "" };

  g_assert_false (crm_customer_validate (customer, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Name"));
  g_clear_error (&error);

  crm_customer_set_name (customer, "   ");
  g_assert_false (crm_customer_validate_property (customer, "name", &error));
  g_clear_error (&error);

  crm_customer_set_name (customer, "张三");
  g_assert_true (crm_customer_validate (customer, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_emails); i++)
    {
      crm_customer_set_email (customer, bad_emails[i]);
      g_assert_false (crm_customer_validate_property (customer, "email", &error));
      g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "Email"));
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good_emails); i++)
    {
      crm_customer_set_email (customer, good_emails[i]);
      g_assert_true (crm_customer_validate (customer, &error));
      g_assert_no_error (error);
    }
}

static void
test_opportunity_validation (void)
{
  g_autoptr(CrmOpportunity) opp = crm_opportunity_new ();
  g_autoptr(GError) error = NULL;

  crm_opportunity_set_customer_id (opp, 1);
  g_assert_false (crm_opportunity_validate (opp, &error));
  g_assert_nonnull (strstr (error->message, "Title"));
  g_clear_error (&error);

  crm_opportunity_set_title (opp, "ERP system");
  crm_opportunity_set_value (opp, -1);
  g_assert_false (crm_opportunity_validate (opp, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Value"));
  g_clear_error (&error);

  crm_opportunity_set_value (opp, 0);
  crm_opportunity_set_probability (opp, 101);
  g_assert_false (crm_opportunity_validate (opp, &error));
  g_assert_nonnull (strstr (error->message, "Probability"));
  g_clear_error (&error);

  crm_opportunity_set_probability (opp, -1);
  g_assert_false (crm_opportunity_validate (opp, &error));
  g_clear_error (&error);

  crm_opportunity_set_probability (opp, 100);
  g_assert_true (crm_opportunity_validate (opp, &error));
  g_assert_no_error (error);

  crm_opportunity_set_customer_id (opp, 0);
  g_assert_false (crm_opportunity_validate (opp, &error));
  g_assert_nonnull (strstr (error->message, "Customer"));
}

static void
test_time_round_trip (void)
{
  g_autoptr(GDateTime) t = NULL;
  g_autoptr(GDateTime) back = NULL;
  g_autoptr(GDateTime) naive = NULL;
  g_autoptr(GDateTime) zoned = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  t = g_date_time_new_utc (2024, 1, 15, 10, 30, 5.25);
  text = crm_time_to_iso8601 (t);
  g_assert_cmpstr (text, ==, "2024-01-15T10:30:05.250000Z");
  back = crm_time_from_iso8601 (text, "created_at", &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (t, back));

  /* Python's isoformat() without a zone means UTC */
  naive = crm_time_from_iso8601 ("2024-01-15T10:30:05.250000", "created_at", &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (t, naive));

  zoned = crm_time_from_iso8601 ("2024-01-15T18:30:05.25+08:00", "created_at", &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (t, zoned));

  /* Written back in UTC, fixed width, four-digit years. */
  {
    g_autofree char *zoned_text = crm_time_to_iso8601 (zoned);
    g_autoptr(GDateTime) early = g_date_time_new_utc (302, 12, 31, 23, 59, 59.000001);
    g_autofree char *early_text = crm_time_to_iso8601 (early);

    g_assert_cmpstr (zoned_text, ==, "2024-01-15T10:30:05.250000Z");
    g_assert_cmpstr (early_text, ==, "0302-12-31T23:59:59.000001Z");
  }

  g_assert_null (crm_time_from_iso8601 ("yesterday", "occurred_at", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "occurred_at"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/notify-only-on-change", test_notify_only_on_change);
  g_test_add_func ("/model/properties", test_properties_exist);
  g_test_add_func ("/model/enums", test_enum_nicks_and_labels);
  g_test_add_func ("/model/customer-validation", test_customer_validation);
  g_test_add_func ("/model/opportunity-validation", test_opportunity_validation);
  g_test_add_func ("/model/time", test_time_round_trip);

  return g_test_run ();
}
