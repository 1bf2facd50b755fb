/* crm-format.c
 *
 * Stored data never changes with the locale: only these functions do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <monetary.h>
#include <string.h>

#include "crm-format.h"

static char *currency;

static const struct
{
  const char *code;
  const char *symbol;
} symbols[] = {
  { "CNY", "¥" },
  { "EUR", "€" },
  { "USD", "$" },
  { "GBP", "£" },
  { "JPY", "¥" },
  { "CHF", "CHF" },
  { "HKD", "HK$" },
  { "TWD", "NT$" },
};

/**
 * crm_format_get_default_currency:
 *
 * Returns: the ISO 4217 code of the locale's currency (CNY under zh_CN,
 *   EUR under de_DE), USD when the locale names none
 */
const char *
crm_format_get_default_currency (void)
{
  static char code[4];
  const char *intl = localeconv ()->int_curr_symbol;

  if (intl != NULL && strlen (intl) >= 3 && g_ascii_isalpha (intl[0]))
    {
      memcpy (code, intl, 3);
      code[3] = '\0';
      return code;
    }
  return "USD";
}

const char *
crm_format_get_currency (void)
{
  return currency != NULL ? currency : crm_format_get_default_currency ();
}

/**
 * crm_format_set_currency:
 * @code: (nullable): an ISO 4217 code, or %NULL / "" for the locale's own
 */
void
crm_format_set_currency (const char *code)
{
  g_clear_pointer (&currency, g_free);
  if (code != NULL && *code != '\0')
    currency = g_ascii_strup (code, -1);
}

static const char *
currency_symbol (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_str_equal (symbols[i].code, code))
      return symbols[i].symbol;
  return code;
}

/**
 * crm_format_money:
 * @minor_units: an amount in cents (fen, ...)
 *
 * Returns: the amount with the locale's digit grouping and decimal mark
 *   and the chosen currency's symbol where the locale puts it:
 *   “¥1,234.50” under zh_CN, “1.234,50 €” under de_DE.
 */
char *
crm_format_money (gint64 minor_units)
{
  const struct lconv *lc = localeconv ();
  const char *symbol = currency_symbol (crm_format_get_currency ());
  gboolean negative = minor_units < 0;
  gboolean before;
  gboolean space;
  char number[64];

  /* strfmon groups digits as LC_MONETARY says; “!” leaves the symbol to
   * us, as the currency need not be the locale's. */
  if (strfmon (number, sizeof number, "%!.2n", (double)(negative ? -minor_units : minor_units) / 100.0) < 0)
    g_snprintf (number, sizeof number, "%.2f", (double)(negative ? -minor_units : minor_units) / 100.0);

  before = lc->p_cs_precedes == CHAR_MAX ? TRUE : lc->p_cs_precedes != 0;
  space = lc->p_sep_by_space != CHAR_MAX && lc->p_sep_by_space != 0;
  if (strlen (symbol) > 1 && g_ascii_isalpha (symbol[strlen (symbol) - 1]))
    space = TRUE;

  if (before)
    return g_strdup_printf ("%s%s%s%s", negative ? "-" : "", symbol, space ? " " : "",
                            g_strstrip (number));
  return g_strdup_printf ("%s%s%s%s", negative ? "-" : "", g_strstrip (number),
                          space ? " " : "", symbol);
}

/* The locale's own date and time forms (%x, %X), in local time. */
char *
crm_format_date_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (time != NULL, NULL);
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%x %H:%M");
}

char *
crm_format_date (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (time != NULL, NULL);
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%x");
}
