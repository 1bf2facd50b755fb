/* test-format.c: money and times as zh_CN and de_DE write them
 *
 * Each case switches the whole process locale (LC_ALL), as a user's session
 * would, and is skipped only when that locale is not installed
 * (build-aux/dev and .ci/run generate both).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "crm-format.h"
#include "crm-time.h"

static gboolean
use_locale (const char *name)
{
  crm_format_set_currency (NULL);
  if (setlocale (LC_ALL, name) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("locale %s is not installed", name);

      setlocale (LC_ALL, "C.UTF-8");
      g_test_skip (message);
      return FALSE;
    }
  return TRUE;
}

static void
assert_money (gint64      minor_units,
              const char *expected)
{
  g_autofree char *text = crm_format_money (minor_units);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_money_zh_cn (void)
{
  if (!use_locale ("zh_CN.UTF-8"))
    return;

  /* The locale's currency, comma grouping, point decimals, symbol first. */
  g_assert_cmpstr (crm_format_get_default_currency (), ==, "CNY");
  g_assert_cmpstr (crm_format_get_currency (), ==, "CNY");
  assert_money (123456789, "¥1,234,567.89");
  assert_money (0, "¥0.00");
  assert_money (5, "¥0.05");
  assert_money (-123450, "-¥1,234.50");

  /* A chosen currency keeps the locale's digits. */
  crm_format_set_currency ("EUR");
  g_assert_cmpstr (crm_format_get_currency (), ==, "EUR");
  assert_money (123450, "€1,234.50");
  crm_format_set_currency ("usd");
  assert_money (123450, "$1,234.50");
  /* A symbol made of letters stays apart from the digits. */
  crm_format_set_currency ("CHF");
  assert_money (123450, "CHF 1,234.50");

  /* "" is the locale's own again. */
  crm_format_set_currency ("");
  g_assert_cmpstr (crm_format_get_currency (), ==, "CNY");
  assert_money (100, "¥1.00");
}

static void
test_money_de (void)
{
  if (!use_locale ("de_DE.UTF-8"))
    return;

  /* Point grouping, comma decimals, symbol after a space. */
  g_assert_cmpstr (crm_format_get_default_currency (), ==, "EUR");
  assert_money (123456789, "1.234.567,89 €");
  assert_money (99, "0,99 €");
  assert_money (-123450, "-1.234,50 €");

  crm_format_set_currency ("CNY");
  assert_money (123456789, "1.234.567,89 ¥");
  crm_format_set_currency (NULL);
  assert_money (100000, "1.000,00 €");
}

/* The C locales have no digit grouping and two-digit years of their own:
 * Rapport's fallback groups by thousands and writes ISO dates. */
static void
test_c_locale (gconstpointer data)
{
  const char *locale = data;
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 3, 5, 14, 7, 9);
  g_autofree char *date = NULL;
  g_autofree char *date_time = NULL;
  gint64 parsed = -1;

  if (!use_locale (locale))
    return;
  g_assert_cmpstr (crm_format_get_default_currency (), ==, "USD");
  assert_money (123456789, "$1,234,567.89");
  assert_money (0, "$0.00");
  assert_money (99999, "$999.99");
  assert_money (100000, "$1,000.00");
  assert_money (-123450, "-$1,234.50");
  assert_money (G_MAXINT64, "$92,233,720,368,547,758.07");
  crm_format_set_currency ("EUR");
  assert_money (123456789, "€1,234,567.89");
  crm_format_set_currency ("CNY");
  assert_money (123456789, "¥1,234,567.89");
  /* what it shows, it reads back */
  g_assert_true (crm_format_parse_money ("¥1,234,567.89", &parsed));
  g_assert_cmpint (parsed, ==, 123456789);

  date = crm_format_date (time);
  date_time = crm_format_date_time (time);
  g_assert_cmpstr (date, ==, "2026-03-05");
  g_assert_cmpstr (date_time, ==, "2026-03-05 14:07");
}

static void
test_dates (void)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 3, 5, 14, 7, 9);
  g_autofree char *zh_date = NULL;
  g_autofree char *zh_date_time = NULL;
  g_autofree char *de_date = NULL;
  g_autofree char *de_date_time = NULL;

  if (!use_locale ("zh_CN.UTF-8"))
    return;
  zh_date = crm_format_date (time);
  zh_date_time = crm_format_date_time (time);
  if (!use_locale ("de_DE.UTF-8"))
    return;
  de_date = crm_format_date (time);
  de_date_time = crm_format_date_time (time);

  /* TZ=UTC (set in main) makes local time the stored time. */
  g_assert_cmpstr (zh_date, ==, "2026年03月05日");
  g_assert_cmpstr (zh_date_time, ==, "2026年03月05日 14:07");
  g_assert_cmpstr (de_date, ==, "05.03.2026");
  g_assert_cmpstr (de_date_time, ==, "05.03.2026 14:07");
}

static void
test_stored_form_ignores_locale (void)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 3, 5, 14, 7, 9.25);
  g_autofree char *zh = NULL;
  g_autofree char *de = NULL;
  g_autoptr(GDateTime) parsed = NULL;

  if (!use_locale ("zh_CN.UTF-8"))
    return;
  zh = crm_time_to_iso8601 (time);
  if (!use_locale ("de_DE.UTF-8"))
    return;
  de = crm_time_to_iso8601 (time);

  /* What is written to the database is the same text in every locale,
   * with a decimal point even where the locale writes a comma. */
  g_assert_cmpstr (zh, ==, de);
  g_assert_nonnull (strstr (de, "2026-03-05T14:07:09.25"));
  parsed = crm_time_from_iso8601 (de, "occurred_at", NULL);
  g_assert_nonnull (parsed);
  g_assert_true (g_date_time_equal (parsed, time));
}

int
main (int   argc,
      char *argv[])
{
  /* Before GLib reads the local time zone. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/money/zh_CN", test_money_zh_cn);
  g_test_add_func ("/format/money/de_DE", test_money_de);
  g_test_add_func ("/format/dates", test_dates);
  g_test_add_data_func ("/format/c-locale/C", "C", test_c_locale);
  g_test_add_data_func ("/format/c-locale/C.UTF-8", "C.UTF-8", test_c_locale);
  g_test_add_func ("/format/stored-form-ignores-locale", test_stored_form_ignores_locale);

  return g_test_run ();
}
