/* crm-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-time.h"

char *
crm_time_to_iso8601 (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  utc = g_date_time_to_utc (time);
  /* Four-digit years always (GLib's %Y does not pad): year 302 must read
   * back, and sort, as "0302". */
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%06dZ",
                          g_date_time_get_year (utc), g_date_time_get_month (utc),
                          g_date_time_get_day_of_month (utc), g_date_time_get_hour (utc),
                          g_date_time_get_minute (utc), g_date_time_get_second (utc),
                          g_date_time_get_microsecond (utc));
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
