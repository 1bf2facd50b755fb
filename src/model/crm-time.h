/* crm-time.h: how times are written down
 *
 * Times are stored as UTC ISO 8601 text with microseconds
 * ("2026-11-24T08:30:00.000000Z"), so that text order is time order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char      *crm_time_to_iso8601   (GDateTime   *time);
GDateTime *crm_time_from_iso8601 (const char  *text,
                                  const char  *field,
                                  GError     **error);
GDateTime *crm_time_now          (void);

G_END_DECLS
