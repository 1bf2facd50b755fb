/* bench-window-data.h: customers for the window benchmark (a stand-in
 * until the store's benchmark data generator is merged)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "crm-repository.h"

gboolean bench_window_data_generate (CrmRepository  *repository,
                                     guint           n,
                                     guint32         seed,
                                     GError        **error);
