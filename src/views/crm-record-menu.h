/* crm-record-menu.h: the Edit / Delete menu of a row or card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GMenu *crm_record_menu_new   (const char  *kind,
                              gint64       id);
void   crm_record_menu_popup (GtkWidget  **popover,
                              GtkWidget   *owner,
                              GMenuModel  *menu,
                              GtkWidget   *at,
                              double       x,
                              double       y);

G_END_DECLS
