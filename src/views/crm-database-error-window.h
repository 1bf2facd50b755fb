/* crm-database-error-window.h: the window shown when the database cannot be used
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CRM_TYPE_DATABASE_ERROR_WINDOW (crm_database_error_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmDatabaseErrorWindow, crm_database_error_window, CRM, DATABASE_ERROR_WINDOW,
                      AdwApplicationWindow)

CrmDatabaseErrorWindow *crm_database_error_window_new         (GtkApplication         *application,
                                                               const char             *message);
const char             *crm_database_error_window_get_message (CrmDatabaseErrorWindow *self);
void                    crm_database_error_window_set_message (CrmDatabaseErrorWindow *self,
                                                               const char             *message);

G_END_DECLS
