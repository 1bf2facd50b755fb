/* crm-window-transfer.h: Import… and Export… in the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "crm-io.h"
#include "crm-window.h"

G_BEGIN_DECLS

void      crm_window_transfer_init     (CrmWindow    *self);
void      crm_window_import_file       (CrmWindow    *self,
                                        GFile        *file,
                                        gboolean      merge);
void      crm_window_export_file       (CrmWindow    *self,
                                        GFile        *file,
                                        CrmCsvTable   table);
gboolean  crm_window_is_transferring   (CrmWindow    *self);

G_END_DECLS
