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

#include "crm-currency.h"
#include "crm-format.h"

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

/* The currency money is shown in: crm_currency_get_default()'s, which the
 * application binds to the "currency" setting. */
const char *
crm_format_get_currency (void)
{
  return crm_currency_get_code (crm_currency_get_default ());
}

/**
 * crm_format_set_currency:
 * @code: (nullable): an ISO 4217 code, or %NULL / "" for the locale's own
 *
 * The same as crm_currency_set_chosen() on the default: for tests and
 * programs without settings.
 */
void
crm_format_set_currency (const char *code)
{
  crm_currency_set_chosen (crm_currency_get_default (), code);
}

static const char *
currency_symbol (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_str_equal (symbols[i].code, code))
      return symbols[i].symbol;
  return code;
}

/* The C and C.UTF-8 locales group no digits: 1234567.89 is hard to read
 * as a sum of money. There, and in any locale without monetary grouping
 * or a separator, amounts are grouped by thousands with “,” and a “.”
 * decimal point, as most English-speaking readers write them. */
static gboolean
locale_groups_money (const struct lconv *lc)
{
  return lc->mon_grouping != NULL && *lc->mon_grouping != '\0' && *lc->mon_grouping != CHAR_MAX
         && lc->mon_thousands_sep != NULL && *lc->mon_thousands_sep != '\0';
}

static void
format_grouped (char    *out,
                gsize    size,
                guint64  minor_units)
{
  g_autoptr(GString) whole = g_string_new (NULL);
  char digits[32];
  gsize n;

  n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, minor_units / 100);
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (whole, ',');
      g_string_append_c (whole, digits[i]);
    }
  g_snprintf (out, size, "%s.%02u", whole->str, (guint)(minor_units % 100));
}

/**
 * crm_format_money:
 * @minor_units: an amount in cents (fen, ...)
 *
 * Returns: the amount with the locale's digit grouping and decimal mark
 *   and the chosen currency's symbol where the locale puts it:
 *   “¥1,234.50” under zh_CN, “1.234,50 €” under de_DE, “$1,234.50” under
 *   C, which has no grouping of its own.
 */
char *
crm_format_money (gint64 minor_units)
{
  const struct lconv *lc = localeconv ();
  const char *symbol = currency_symbol (crm_format_get_currency ());
  gboolean negative = minor_units < 0;
  guint64 abs_units = negative ? (guint64)(-(minor_units + 1)) + 1 : (guint64)minor_units;
  gboolean before;
  gboolean space;
  char number[64];

  /* strfmon groups digits as LC_MONETARY says; “!” leaves the symbol to
   * us, as the currency need not be the locale's. */
  if (!locale_groups_money (lc))
    format_grouped (number, sizeof number, abs_units);
  else if (strfmon (number, sizeof number, "%!.2n", (double)abs_units / 100.0) < 0)
    g_snprintf (number, sizeof number, "%.2f", (double)abs_units / 100.0);

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

/* The locale's own date form (%x), unless it writes the year in two
 * digits, as the C locale does (“03/05/26”): then the ISO form,
 * 2026-03-05, which no reader misreads. */
static const char *
date_format (void)
{
  g_autoptr(GDateTime) probe = g_date_time_new_utc (2026, 3, 5, 0, 0, 0);
  g_autofree char *text = g_date_time_format (probe, "%x");

  return text != NULL && strstr (text, "2026") != NULL ? "%x" : "%Y-%m-%d";
}

/* In local time. */
char *
crm_format_date_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *format = NULL;

  g_return_val_if_fail (time != NULL, NULL);
  local = g_date_time_to_local (time);
  format = g_strconcat (date_format (), " %H:%M", NULL);
  return g_date_time_format (local, format);
}

char *
crm_format_date (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (time != NULL, NULL);
  local = g_date_time_to_local (time);
  return g_date_time_format (local, date_format ());
}

static const char *
locale_decimal_mark (void)
{
  const struct lconv *lc = localeconv ();

  if (lc->mon_decimal_point != NULL && *lc->mon_decimal_point != '\0')
    return lc->mon_decimal_point;
  if (lc->decimal_point != NULL && *lc->decimal_point != '\0')
    return lc->decimal_point;
  return ".";
}

/**
 * crm_format_money_for_editing:
 *
 * Returns: (transfer full): @minor_units as a plain number with the
 *   locale's decimal mark and no grouping or symbol, for an entry
 */
char *
crm_format_money_for_editing (gint64 minor_units)
{
  gboolean negative = minor_units < 0;
  guint64 abs_units = negative ? (guint64)(-(minor_units + 1)) + 1 : (guint64)minor_units;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT "%s%02u", negative ? "-" : "",
                          abs_units / 100, locale_decimal_mark (), (guint)(abs_units % 100));
}

/**
 * crm_format_parse_money:
 * @text: what the user typed, such as “1,234.5” (en) or “1.234,5” (de)
 * @minor_units: (out): the amount in minor units (cents)
 *
 * Reads a non-negative amount written the locale's way: its decimal mark,
 * optional grouping (the locale's, spaces, or the other of “.” and “,”
 * when it is not the decimal mark) and at most two decimals. A currency
 * symbol around the number is ignored.
 *
 * Returns: %TRUE if @text is an amount
 */
gboolean
crm_format_parse_money (const char *text,
                        gint64     *minor_units)
{
  const char *mark = locale_decimal_mark ();
  const char *code = crm_format_get_currency ();
  const char *symbol = currency_symbol (code);
  gsize mark_len = strlen (mark);
  guint64 whole = 0;
  guint fraction = 0;
  int n_fraction = -1;
  gboolean any_digit = FALSE;
  const char *p;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (minor_units != NULL, FALSE);

  for (p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (*p))
        {
          any_digit = TRUE;
          if (n_fraction < 0)
            {
              if (whole > (G_MAXINT64 / 100 - 9) / 10)
                return FALSE;
              whole = whole * 10 + (guint64)(*p - '0');
            }
          else
            {
              if (n_fraction == 2)
                return FALSE;
              fraction = fraction * 10 + (guint)(*p - '0');
              n_fraction++;
            }
          p++;
        }
      else if (strncmp (p, mark, mark_len) == 0)
        {
          if (n_fraction >= 0)
            return FALSE;
          n_fraction = 0;
          p += mark_len;
        }
      else if ((c == '.' || c == ',' || c == '\'' || g_unichar_isspace (c) || c == 0x202F)
               && n_fraction < 0)
        {
          /* grouping */
          p = g_utf8_next_char (p);
        }
      else if (g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL)
        {
          /* a currency sign before or after the number */
          p = g_utf8_next_char (p);
        }
      else if (g_ascii_strncasecmp (p, code, strlen (code)) == 0)
        {
          /* the currency's code, “EUR” */
          p += strlen (code);
        }
      else if (strncmp (p, symbol, strlen (symbol)) == 0)
        {
          /* a symbol made of letters, “CHF”, “HK$” */
          p += strlen (symbol);
        }
      else
        {
          return FALSE;
        }
    }

  if (!any_digit)
    return FALSE;
  if (n_fraction == 1)
    fraction *= 10;
  *minor_units = (gint64)(whole * 100 + fraction);
  return TRUE;
}

/**
 * crm_format_preview:
 * @text: (nullable): UTF-8 text of any length, such as a note
 *
 * The beginning of @text for a label that shows a few lines of it: at
 * most CRM_FORMAT_PREVIEW_CHARS characters, then “…”. GTK lays out and
 * measures a label's whole text, however few lines it shows: a megabyte
 * note froze the window for seconds and upset its size requests. The
 * editors show the whole text.
 *
 * Returns: (transfer full): the preview, "" for %NULL
 */
#define CRM_FORMAT_PREVIEW_CHARS 2000

char *
crm_format_preview (const char *text)
{
  const char *end = text;

  if (text == NULL)
    return g_strdup ("");
  for (guint i = 0; i < CRM_FORMAT_PREVIEW_CHARS && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  if (*end == '\0')
    return g_strdup (text);
  return g_strdup_printf ("%.*s…", (int)(end - text), text);
}
