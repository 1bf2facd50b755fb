/* crm-format.h: money and times as the user's locale writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *crm_format_get_default_currency (void);
const char *crm_format_get_currency         (void);
void        crm_format_set_currency         (const char *code);

char       *crm_format_money                (gint64      minor_units);
char       *crm_format_date_time            (GDateTime  *time);
char       *crm_format_date                 (GDateTime  *time);

G_END_DECLS

G_BEGIN_DECLS

char       *crm_format_money_for_editing    (gint64      minor_units);
char       *crm_format_preview              (const char *text);
gboolean    crm_format_parse_money          (const char *text,
                                             gint64     *minor_units);

G_END_DECLS
