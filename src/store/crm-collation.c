/* crm-collation.c: sort keys in the reader's collation (ICU)
 *
 * ICU's sort keys compare with memcmp() in the order its collator
 * compares the strings, and SQLite compares BLOBs with memcmp(): a key
 * column with an index on it sorts names as a Chinese reader (pinyin) or
 * a German one expects, and the first page of that order is an index
 * walk, however many customers there are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

#include "crm-collation.h"

struct _CrmCollation
{
  UCollator *collator;
  char *id;

  /* Reused between calls: one key is computed per name and company of
   * every customer written, a million times in a rebuild. */
  UChar *text16;
  gsize text16_size;
  guint8 *key;
  gsize key_size;
};

/* "zh_CN.UTF-8", "de_DE.UTF-8@euro" -> "zh_CN", "de_DE"; the C and POSIX
 * locales have no language of their own: ICU's root collation (the
 * Unicode Collation Algorithm's default order) suits any reader better
 * than code points. */
static char *
icu_locale_from_posix (const char *posix_locale)
{
  g_autofree char *name = g_strdup (posix_locale != NULL ? posix_locale : "C");
  char *cut = strpbrk (name, ".@");

  if (cut != NULL)
    *cut = '\0';
  if (*name == '\0' || g_str_equal (name, "C") || g_str_equal (name, "POSIX"))
    return g_strdup ("root");
  return g_steal_pointer (&name);
}

/**
 * crm_collation_new:
 * @posix_locale: (nullable): a POSIX locale name such as "zh_CN.UTF-8";
 *   %NULL for the process's LC_COLLATE
 *
 * Returns: (transfer full): a collation; ICU falls back to its root
 * collation for a locale it does not know, so this does not fail short of
 * a broken ICU installation (then it aborts).
 */
CrmCollation *
crm_collation_new (const char *posix_locale)
{
  CrmCollation *self = g_new0 (CrmCollation, 1);
  g_autofree char *locale = icu_locale_from_posix (posix_locale != NULL
                                                   ? posix_locale
                                                   : setlocale (LC_COLLATE, NULL));
  UErrorCode status = U_ZERO_ERROR;
  UVersionInfo version;
  char icu_version[U_MAX_VERSION_STRING_LENGTH];
  char collator_version[U_MAX_VERSION_STRING_LENGTH];

  self->collator = ucol_open (locale, &status);
  if (U_FAILURE (status))
    g_error ("ICU cannot open a collator for “%s”: %s", locale, u_errorName (status));

  u_getVersion (version);
  u_versionToString (version, icu_version);
  ucol_getVersion (self->collator, version);
  u_versionToString (version, collator_version);
  /* What decides the keys' order: a change of any part means the stored
   * keys no longer compare as the reader's collation does. */
  self->id = g_strdup_printf ("%s icu-%s collator-%s", locale, icu_version, collator_version);
  return self;
}

void
crm_collation_free (CrmCollation *self)
{
  if (self == NULL)
    return;
  ucol_close (self->collator);
  g_free (self->id);
  g_free (self->text16);
  g_free (self->key);
  g_free (self);
}

/**
 * crm_collation_get_id:
 *
 * Returns: the ICU locale, ICU version and collator version, as recorded
 *   in the database with the keys
 */
const char *
crm_collation_get_id (CrmCollation *self)
{
  return self->id;
}

/**
 * crm_collation_key:
 * @text: UTF-8 text (invalid sequences become U+FFFD)
 * @length: (out): the key's length in bytes
 *
 * Returns: (transfer none): the sort key, valid until the next call
 */
const guint8 *
crm_collation_key (CrmCollation *self,
                   const char   *text,
                   gsize        *length)
{
  UErrorCode status = U_ZERO_ERROR;
  int32_t n16 = 0;
  int32_t needed;

  if (text == NULL)
    text = "";

  /* UTF-16 of n bytes of UTF-8 never takes more than n units. */
  if (self->text16_size < strlen (text) + 1)
    {
      self->text16_size = MAX (strlen (text) + 1, 256);
      self->text16 = g_renew (UChar, self->text16, self->text16_size);
    }
  u_strFromUTF8WithSub (self->text16, self->text16_size, &n16, text, -1, 0xFFFD, NULL, &status);
  if (U_FAILURE (status))
    n16 = 0;

  needed = ucol_getSortKey (self->collator, self->text16, n16, self->key, self->key_size);
  if (needed > (int32_t)self->key_size)
    {
      self->key_size = MAX ((gsize)needed, 2 * self->key_size);
      self->key = g_realloc (self->key, self->key_size);
      needed = ucol_getSortKey (self->collator, self->text16, n16, self->key, self->key_size);
    }
  /* The key ends with a NUL that adds nothing to its order. */
  *length = needed > 0 ? (gsize)needed - 1 : 0;
  return self->key;
}
