/* crm-collation.h: sort keys in the reader's collation (ICU)
 *
 * Only src/store uses this: the keys live in the customers table, so that
 * sorting by name or company stays an index walk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CrmCollation CrmCollation;

CrmCollation *crm_collation_new      (const char    *posix_locale);
void          crm_collation_free     (CrmCollation  *self);
const char   *crm_collation_get_id   (CrmCollation  *self);
const guint8 *crm_collation_key      (CrmCollation  *self,
                                      const char    *text,
                                      gsize         *length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCollation, crm_collation_free)

G_END_DECLS
