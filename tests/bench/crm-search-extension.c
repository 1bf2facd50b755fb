/* crm-search-extension.c: Rapport's search tokenizer for the sqlite3 shell
 *
 * A Rapport database indexes customers through the crm_grams tokenizer
 * (src/store/crm-search.c), so another program that writes customers, or
 * reads customers_grams, needs it too:
 *
 *   sqlite3 rapport.db '.load build/tests/bench/libcrm-search' '...'
 *
 * The benchmarks load it to time the repository's own SQL in the shell.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "crm-search.h"

int sqlite3_extension_init (sqlite3                     *db,
                            char                       **error,
                            const struct sqlite3_api_routines *api);

/* This module links the same libsqlite3 as the shell, so it calls it
 * directly rather than through @api. */
int
sqlite3_extension_init (sqlite3                     *db,
                        char                       **error,
                        const struct sqlite3_api_routines *api)
{
  return crm_search_register (db);
}
