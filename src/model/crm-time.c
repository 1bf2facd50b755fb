/* crm-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-time.h"

static char *
put_digits (char *out,
            int   value,
            int   n_digits)
{
  for (int i = n_digits - 1; i >= 0; i--)
    {
      out[i] = '0' + value % 10;
      value /= 10;
    }
  return out + n_digits;
}

/* Always "YYYY-MM-DDTHH:MM:SS.ffffffZ" in UTC: four-digit years (GLib's %Y
 * does not pad, and year 302 must read back, and sort, as "0302"), and
 * fixed width, so the text sorts as the time does. Written by hand: an
 * import formats two per row, and printf was a tenth of its time. */
char *
crm_time_to_iso8601 (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;
  char *text, *p;
  int year, month, day;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_get_utc_offset (time) == 0 ? g_date_time_ref (time) : g_date_time_to_utc (time);
  g_date_time_get_ymd (utc, &year, &month, &day);
  p = text = g_malloc (sizeof "0000-00-00T00:00:00.000000Z");
  p = put_digits (p, year, 4);
  *p++ = '-';
  p = put_digits (p, month, 2);
  *p++ = '-';
  p = put_digits (p, day, 2);
  *p++ = 'T';
  p = put_digits (p, g_date_time_get_hour (utc), 2);
  *p++ = ':';
  p = put_digits (p, g_date_time_get_minute (utc), 2);
  *p++ = ':';
  p = put_digits (p, g_date_time_get_second (utc), 2);
  *p++ = '.';
  p = put_digits (p, g_date_time_get_microsecond (utc), 6);
  *p++ = 'Z';
  *p = '\0';
  return text;
}

/* Accepts what the Flask API wrote (Python's isoformat(), often without a
 * zone, which it meant as UTC) as well as our own form. */
GDateTime *
crm_time_from_iso8601 (const char  *text,
                       const char  *field,
                       GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *time = NULL;

  if (text != NULL && *text != '\0')
    {
      time = g_date_time_new_from_iso8601 (text, utc);
      /* A bare date ("2024-05-01") means its midnight. */
      if (time == NULL && strlen (text) == 10)
        {
          g_autofree char *midnight = g_strconcat (text, "T00:00:00", NULL);
          time = g_date_time_new_from_iso8601 (midnight, utc);
        }
    }
  if (time == NULL)
    g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                 /* Translators: %s is a field name such as “occurred_at”, then the value */
                 _("%s: “%s” is not a date and time (ISO 8601)"),
                 field, text ? text : "");
  return time;
}

GDateTime *
crm_time_now (void)
{
  return g_date_time_new_now_utc ();
}
