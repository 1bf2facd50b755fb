/* crm-test-ui.h: helpers for tests that drive real widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*CrmTestCondition) (gpointer user_data);

void        crm_test_ui_iterate          (void);
void        crm_test_ui_wait_until       (CrmTestCondition  condition,
                                          gpointer          user_data,
                                          const char       *what);
void        crm_test_ui_wait_for_frames  (GtkWidget        *widget,
                                          guint             n_frames);
void        crm_test_ui_wait_for_customers (GtkWidget      *window);
GtkWidget  *crm_test_ui_find_by_id       (GtkWidget        *root,
                                          const char       *buildable_id);
GtkWidget  *crm_test_ui_find_by_type     (GtkWidget        *root,
                                          GType             type);
GtkWidget  *crm_test_ui_find_label       (GtkWidget        *root,
                                          const char       *text);
GtkWidget  *crm_test_ui_find_row_text   (GtkWidget        *root,
                                          const char       *text);
GtkWindow  *crm_test_ui_find_toplevel    (GType             type);
void        crm_test_ui_type_text        (GtkWidget        *editable,
                                          const char       *text);
gboolean    crm_test_ui_action_enabled   (GtkWidget        *widget,
                                          const char       *action_name);
char       *crm_test_ui_get_text         (GtkWidget        *widget);
void        crm_test_ui_click_widget     (GtkWidget        *widget);

G_END_DECLS
