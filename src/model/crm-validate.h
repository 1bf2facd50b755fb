/* crm-validate.h: the data rules, in one place
 *
 * Every rule reports a CRM_ERROR_INVALID whose message names the field, so
 * the editors, the importers and the repository all say the same thing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean crm_validate_text     (const char  *value,
                                const char  *label,
                                GError     **error);
gboolean crm_validate_required (const char  *value,
                                const char  *label,
                                GError     **error);
gboolean crm_validate_email    (const char  *value,
                                GError     **error);
gboolean crm_validate_id       (gint64       id,
                                const char  *label,
                                GError     **error);

G_END_DECLS
