/* crm-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-validate.h"

static gboolean
is_blank (const char *value)
{
  if (value == NULL)
    return TRUE;
  for (const char *p = value; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Every text field must be UTF-8: GTK, SQLite's search index and every
 * export format assume it, and the UTF-8 walkers (is_blank here,
 * g_utf8_strlen in the store) read past the end of a string that ends in
 * a truncated sequence. */
gboolean
crm_validate_text (const char  *value,
                   const char  *label,
                   GError     **error)
{
  if (value == NULL || g_utf8_validate (value, -1, NULL))
    return TRUE;
  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: %s is a field label such as “Name” */
               _("%s is not valid UTF-8 text"), label);
  return FALSE;
}

gboolean
crm_validate_required (const char  *value,
                       const char  *label,
                       GError     **error)
{
  if (!crm_validate_text (value, label, error))
    return FALSE;
  if (!is_blank (value))
    return TRUE;
  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: %s is a field label such as “Name” */
               _("%s is required"), label);
  return FALSE;
}

/* Deliberately loose: one “@”, something before it, a dotted domain after
 * it, no spaces. Anything stricter refuses real addresses. */
gboolean
crm_validate_email (const char  *value,
                    GError     **error)
{
  const char *at;
  const char *dot;

  if (value == NULL || *value == '\0')
    return TRUE;
  /* Before the message below quotes the value. */
  if (!crm_validate_text (value, _("Email"), error))
    return FALSE;

  at = strchr (value, '@');
  if (at != NULL && at != value && strchr (at + 1, '@') == NULL
      && !strpbrk (value, " \t\r\n,;<>")
      && (dot = strrchr (at + 1, '.')) != NULL
      && dot > at + 1 && dot[1] != '\0')
    return TRUE;

  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               _("Email “%s” is not a valid address"), value);
  return FALSE;
}

gboolean
crm_validate_id (gint64       id,
                 const char  *label,
                 GError     **error)
{
  if (id > 0)
    return TRUE;
  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: %s is a field label such as “Customer” */
               _("%s is required"), label);
  return FALSE;
}
