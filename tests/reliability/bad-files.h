/* bad-files.h: damaged and foreign database files for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  BAD_FILE_CORRUPT,           /* random bytes over one page in the middle */
  BAD_FILE_TRUNCATED,         /* cut to half its size */
  BAD_FILE_NEWER,             /* user_version above what this build reads */
  BAD_FILE_COLUMN_RENAMED,    /* ALTER TABLE customers RENAME COLUMN phone */
  BAD_FILE_COLUMN_DROPPED,    /* ALTER TABLE interactions DROP COLUMN notes */
  BAD_FILE_INDEX_MISSING,     /* DROP INDEX customers_by_company */
  BAD_FILE_TRIGGER_MISSING,   /* DROP TRIGGER customers_fts_update */
  BAD_FILE_NOT_A_DATABASE,    /* a text file */
  N_BAD_FILES
} BadFile;

const char *bad_file_name     (BadFile     kind);
/* A regular expression the error message must match. */
const char *bad_file_expected (BadFile     kind);
/* Writes a healthy database to DIR/healthy.db (once), then the bad copy;
 * returns its path. */
char       *bad_file_make     (const char *dir,
                               BadFile     kind);
char       *bad_file_make_healthy (const char *dir);
/* Asserts @path holds exactly @contents and has no -wal, -shm or -journal
 * beside it. */
void        bad_file_assert_untouched (const char *path,
                                       GBytes     *contents);

G_END_DECLS
