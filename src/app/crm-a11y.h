/* crm-a11y.h: names for the controls GTK 4.8 builds inside its own widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void crm_a11y_watch_toplevels (void);

G_END_DECLS
