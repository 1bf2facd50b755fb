/* crm-test-pointer.h: the real pointer and keyboard, through the X server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean crm_test_pointer_available (void);
void     crm_test_xdotool           (const char *args);
void     crm_test_screen_point      (GtkWidget  *widget,
                                     double      x,
                                     double      y,
                                     int        *sx,
                                     int        *sy);
void     crm_test_click             (GtkWidget  *widget);
void     crm_test_click_button      (GtkWidget  *widget,
                                     int         button);
void     crm_test_key               (const char *keys);

G_END_DECLS
