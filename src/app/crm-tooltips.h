/* crm-tooltips.h: tooltips in wide scripts on one line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void crm_tooltips_install (void);

G_END_DECLS
