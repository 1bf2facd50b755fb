/* crm-error.h: the one error domain of Rapport
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CRM_ERROR (crm_error_quark ())

/**
 * CrmError:
 * @CRM_ERROR_INVALID: input that breaks a data rule; the message names the field
 * @CRM_ERROR_NOT_FOUND: an id that does not exist
 * @CRM_ERROR_EXISTS: an id that is already taken
 * @CRM_ERROR_STORAGE: the database cannot be opened, read or written
 * @CRM_ERROR_NEWER_VERSION: the database was written by a newer Rapport
 * @CRM_ERROR_FORMAT: a file to import is not in a format Rapport reads
 * @CRM_ERROR_DISK_FULL: a write failed because the disk (or the file size
 *   limit) is full; nothing of it was stored
 * @CRM_ERROR_BUSY: another program held the database's write lock for
 *   longer than the busy timeout; nothing was stored, trying again may work
 * @CRM_ERROR_CORRUPT: the database file is damaged or its schema was
 *   changed outside Rapport
 * @CRM_ERROR_CONFLICT: the row was changed (by another program, or
 *   another person) since it was read; nothing was stored, the message
 *   names who changed it and when
 */
typedef enum
{
  CRM_ERROR_INVALID,
  CRM_ERROR_NOT_FOUND,
  CRM_ERROR_EXISTS,
  CRM_ERROR_STORAGE,
  CRM_ERROR_NEWER_VERSION,
  CRM_ERROR_FORMAT,
  CRM_ERROR_DISK_FULL,
  CRM_ERROR_BUSY,
  CRM_ERROR_CORRUPT,
  CRM_ERROR_CONFLICT,
} CrmError;

GQuark crm_error_quark (void);

G_END_DECLS
