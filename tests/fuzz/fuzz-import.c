/* fuzz-import.c: libFuzzer target for one importer
 *
 * Built twice (tests/fuzz/meson.build): fuzz-json with FUZZ_FORMAT
 * CRM_FILE_FORMAT_JSON (Rapport JSON and the old REST shapes), fuzz-csv
 * with CRM_FILE_FORMAT_CSV (the CSV reader and importer).
 *
 * Each input is imported into one in-memory database inside an outer
 * savepoint that is rolled back afterwards, so inputs do not pile up.
 * Build with -Dfuzzing=true and clang (see .ci/run).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "crm-import.h"
#include "crm-repository.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static CrmRepository *repository;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (repository == NULL)
    {
      repository = crm_repository_open (":memory:", &error);
      g_assert_no_error (error);
    }

  stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_assert_true (crm_repository_begin (repository, NULL));
  if (!crm_import_stream (repository, stream, FUZZ_FILE_NAME, size, FUZZ_FORMAT,
                          size % 2 ? CRM_IMPORT_MERGE : CRM_IMPORT_NONE,
                          NULL, NULL, NULL, NULL, &error))
    g_assert_nonnull (error);
  crm_repository_rollback (repository);
  return 0;
}
