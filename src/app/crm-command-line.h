/* crm-command-line.h: --import, --export and --check, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void      crm_command_line_add_options  (GApplication  *application);
gboolean  crm_command_line_wanted       (GVariantDict  *options);
int       crm_command_line_run          (GVariantDict  *options,
                                         const char    *database_path);

G_END_DECLS
