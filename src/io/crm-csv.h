/* crm-csv.h: an RFC 4180 reader that streams, and the field writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CrmCsvReader CrmCsvReader;

CrmCsvReader  *crm_csv_reader_new            (GInputStream   *stream);
void           crm_csv_reader_free           (CrmCsvReader   *self);
gboolean       crm_csv_reader_next           (CrmCsvReader   *self,
                                              GPtrArray     **fields,
                                              guint          *line,
                                              GCancellable   *cancellable,
                                              GError        **error);
guint64        crm_csv_reader_get_offset     (CrmCsvReader   *self);

void           crm_csv_append_field          (GString        *out,
                                              const char     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCsvReader, crm_csv_reader_free)

G_END_DECLS
