/* crm-test-db.h: a temporary database for one test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "crm-repository.h"

G_BEGIN_DECLS

CrmRepository *crm_test_db_open    (const char  *dir_template,
                                    char       **dir,
                                    char       **path);
void           crm_test_remove_dir (const char  *dir);
void           crm_test_db_exec    (const char  *path,
                                    const char  *sql);

G_END_DECLS
