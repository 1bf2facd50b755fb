/* crm-repository.c: opening, migrating and guarding the database
 *
 * The entity operations live in crm-repository-customers.c,
 * crm-repository-interactions.c and crm-repository-opportunities.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "crm-collation.h"
#include "crm-error.h"
#include "crm-repository-private.h"
#include "crm-search.h"
#include "crm-time.h"

typedef struct
{
  GType type;
  gint64 id;
  CrmChangeKind kind;
} PendingChange;

struct _CrmRepository
{
  GObject parent_instance;

  sqlite3 *db;
  char *path;
  int schema_version;
  /* Written into changed_by: who makes this connection's changes. */
  char *user_name;

  /* sql text -> sqlite3_stmt*, prepared once per connection */
  GHashTable *statements;

  /* Changes made inside a transaction are told only once it commits. */
  guint tx_depth;
  /* The outermost level was opened by crm_repository_begin_write(): its
   * end is a COMMIT or ROLLBACK of its own. */
  gboolean tx_immediate;
  GArray *pending;
  gboolean pending_overflow;

  /* The reader's collation: crm_sort_key() in SQL computes its keys. */
  CrmCollation *collation;
  /* Set while crm_repository_update_sort_keys() runs. */
  CrmRepositoryProgressFunc keys_progress;
  gpointer keys_progress_data;
  GCancellable *keys_cancellable;
  gint64 keys_done;
  gint64 keys_total;

  /* Other connections' commits, seen through PRAGMA data_version. */
  GSource *watch;
  gint64 data_version;
};

G_DEFINE_FINAL_TYPE (CrmRepository, crm_repository, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType (* const entity_types[]) (void) = {
  crm_customer_get_type,
  crm_interaction_get_type,
  crm_opportunity_get_type,
};

/* Past this many changes in one transaction, listeners get one “reload”
 * per type instead of a flood. */
#define MAX_PENDING_CHANGES 64

/* Each entry moves the schema from version i to i + 1. Never edit one that
 * has shipped: add the next. */
static const char * const migrations[] = {
  /* 1: the schema of the Flask CRM's data, plus pipeline positions and a
   * trigram index for substring search in any script. */
  "CREATE TABLE customers ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (trim(name) <> ''),"
  "  company TEXT NOT NULL DEFAULT '',"
  "  email TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('lead', 'active', 'inactive')),"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX customers_by_name ON customers (name, id);"
  "CREATE INDEX customers_by_company ON customers (company, id);"
  "CREATE INDEX customers_by_created ON customers (created_at, id);"
  "CREATE TABLE interactions ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  interaction_type TEXT NOT NULL CHECK (interaction_type IN ('call', 'email', 'meeting', 'other')),"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  occurred_at TEXT NOT NULL,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE INDEX interactions_by_customer ON interactions (customer_id, occurred_at);"
  "CREATE INDEX interactions_by_time ON interactions (occurred_at, id);"
  "CREATE TABLE opportunities ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL CHECK (trim(title) <> ''),"
  "  value INTEGER NOT NULL DEFAULT 0 CHECK (value >= 0),"
  "  stage TEXT NOT NULL DEFAULT 'lead'"
  "    CHECK (stage IN ('lead', 'proposal', 'negotiation', 'closed', 'lost')),"
  "  probability INTEGER NOT NULL DEFAULT 10 CHECK (probability BETWEEN 0 AND 100),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX opportunities_by_customer ON opportunities (customer_id);"
  "CREATE INDEX opportunities_by_stage ON opportunities (stage, position);"
  "CREATE VIRTUAL TABLE customers_fts USING fts5 ("
  "  name, company, email, phone,"
  "  content = 'customers', content_rowid = 'id', tokenize = 'trigram'"
  ");"
  "CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN"
  "  INSERT INTO customers_fts (rowid, name, company, email, phone)"
  "  VALUES (new.id, new.name, new.company, new.email, new.phone);"
  "END;"
  "CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN"
  "  INSERT INTO customers_fts (customers_fts, rowid, name, company, email, phone)"
  "  VALUES ('delete', old.id, old.name, old.company, old.email, old.phone);"
  "END;"
  "CREATE TRIGGER customers_fts_update AFTER UPDATE OF name, company, email, phone ON customers BEGIN"
  "  INSERT INTO customers_fts (customers_fts, rowid, name, company, email, phone)"
  "  VALUES ('delete', old.id, old.name, old.company, old.email, old.phone);"
  "  INSERT INTO customers_fts (rowid, name, company, email, phone)"
  "  VALUES (new.id, new.name, new.company, new.email, new.phone);"
  "END;",

  /* 2: search by one or two characters (a Chinese surname, “张伟”)
   * through an index of every 1- and 2-character substring (crm-search.c),
   * row ids only; and an index for each sortable column, so the first
   * page of any sort order is an index walk, not a sort of every row. */
  "CREATE VIRTUAL TABLE customers_grams USING fts5 ("
  "  name, company, email, phone,"
  "  content = 'customers', content_rowid = 'id', tokenize = 'crm_grams',"
  "  detail = none, columnsize = 0"
  ");"
  "CREATE TRIGGER customers_grams_insert AFTER INSERT ON customers BEGIN"
  "  INSERT INTO customers_grams (rowid, name, company, email, phone)"
  "  VALUES (new.id, new.name, new.company, new.email, new.phone);"
  "END;"
  "CREATE TRIGGER customers_grams_delete AFTER DELETE ON customers BEGIN"
  "  INSERT INTO customers_grams (customers_grams, rowid, name, company, email, phone)"
  "  VALUES ('delete', old.id, old.name, old.company, old.email, old.phone);"
  "END;"
  "CREATE TRIGGER customers_grams_update AFTER UPDATE OF name, company, email, phone ON customers BEGIN"
  "  INSERT INTO customers_grams (customers_grams, rowid, name, company, email, phone)"
  "  VALUES ('delete', old.id, old.name, old.company, old.email, old.phone);"
  "  INSERT INTO customers_grams (rowid, name, company, email, phone)"
  "  VALUES (new.id, new.name, new.company, new.email, new.phone);"
  "END;"
  "INSERT INTO customers_grams (customers_grams) VALUES ('rebuild');"
  "CREATE INDEX customers_by_email ON customers (email, id);"
  "CREATE INDEX customers_by_phone ON customers (phone, id);"
  "CREATE INDEX customers_by_status ON customers (status, id);",

  /* 3: names and companies sort in the reader's collation (pinyin under
   * zh_CN): ICU sort keys, kept by the store (crm_sort_key() in the
   * INSERT and UPDATE), whose memcmp() order, SQLite's order of BLOBs, is
   * the collation's; their indexes replace those on the text. The
   * settings table records which collation made the keys, so that a
   * change of locale rebuilds them (crm_repository_update_sort_keys()).
   * A program without crm_sort_key() (the sqlite3 shell) leaves the keys
   * NULL when it inserts; when it renames, the trigger makes them NULL:
   * either way the next open finds and fills them. */
  "ALTER TABLE customers ADD COLUMN name_key BLOB;"
  "ALTER TABLE customers ADD COLUMN company_key BLOB;"
  "DROP INDEX customers_by_name;"
  "DROP INDEX customers_by_company;"
  "CREATE INDEX customers_by_name_key ON customers (name_key, id);"
  "CREATE INDEX customers_by_company_key ON customers (company_key, id);"
  "CREATE TRIGGER customers_sort_keys_stale AFTER UPDATE OF name, company ON customers"
  "  WHEN (new.name IS NOT old.name AND new.name_key IS old.name_key)"
  "    OR (new.company IS NOT old.company AND new.company_key IS old.company_key)"
  "  BEGIN"
  "    UPDATE customers SET name_key = NULL, company_key = NULL WHERE id = new.id;"
  "  END;"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;",

  /* 4: no lost edits. Every row carries a version, 1 when written first,
   * one more on every UPDATE (in the statement itself), so that a write
   * made on a stale read matches no row (WHERE version = ?) and fails with
   * a conflict instead of overwriting; and who wrote it last, so that the
   * conflict can name them. Interactions had no time of their last change
   * for the message to give: updated_at, as the others have. Rows from
   * before the migration are version 1, by nobody known. */
  "ALTER TABLE customers ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE customers ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE interactions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE interactions ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE interactions ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';"
  "UPDATE interactions SET updated_at = created_at;"
  "ALTER TABLE opportunities ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE opportunities ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CRM_REPOSITORY_SCHEMA_VERSION);

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
crm_repository_finalize (GObject *object)
{
  CrmRepository *self = (CrmRepository *)object;

  crm_repository_watch (self, 0);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  self->db = NULL;
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->user_name, g_free);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->collation, crm_collation_free);

  G_OBJECT_CLASS (crm_repository_parent_class)->finalize (object);
}

static void
crm_repository_class_init (CrmRepositoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_repository_finalize;

  /**
   * CrmRepository::changed:
   * @type: CRM_TYPE_CUSTOMER, CRM_TYPE_INTERACTION or CRM_TYPE_OPPORTUNITY
   * @id: the row's id, or 0 for “any number of rows”
   * @kind: a #CrmChangeKind
   *
   * Emitted after a change is committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_GTYPE, G_TYPE_INT64, G_TYPE_UINT);
}

static void
crm_repository_init (CrmRepository *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  /* The login name rather than the real name: it is what a colleague
   * knows the person by on a shared machine, and never empty. */
  self->user_name = g_strdup (g_get_user_name ());
}

/* SQLite's codes for the faults a user can do something about get a
 * sentence of their own and an error code the views can act on; the rest
 * keep SQLite's message. */
gboolean
crm_repository_set_error (CrmRepository  *self,
                          GError        **error)
{
  int code = sqlite3_extended_errcode (self->db);
  int system_errno = sqlite3_system_errno (self->db);

  switch (code & 0xff)
    {
    case SQLITE_IOERR:
      /* A write() that fails outright (not a short write) is an
       * IOERR_WRITE, and growing the -shm file an IOERR_SHMSIZE. errno
       * says whether it was space; SQLite may have lost it (0) by the time
       * a write error gets here, and only a known other cause (EIO, say)
       * keeps SQLite's message then. */
      if (system_errno != ENOSPC && system_errno != EFBIG && system_errno != EDQUOT
          && !(code == SQLITE_IOERR_WRITE && system_errno == 0))
        break;
      G_GNUC_FALLTHROUGH;
    case SQLITE_FULL:
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_DISK_FULL,
                           _("The disk is full: nothing was saved. "
                             "Free some space, then try again."));
      return FALSE;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_BUSY,
                           _("The database is busy: another program is writing to it. "
                             "Nothing was saved; try again in a moment."));
      return FALSE;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, CRM_ERROR, CRM_ERROR_CORRUPT,
                   /* Translators: the first %s is a file, the second SQLite's own message */
                   _("The database “%s” is damaged: %s"), self->path, sqlite3_errmsg (self->db));
      return FALSE;

    default:
      break;
    }

  g_set_error (error, CRM_ERROR, CRM_ERROR_STORAGE,
               /* Translators: %s is SQLite's own message */
               _("Database error: %s"), sqlite3_errmsg (self->db));
  return FALSE;
}

sqlite3 *
crm_repository_get_db (CrmRepository *self)
{
  return self->db;
}

CrmStmt *
crm_repository_prepare (CrmRepository  *self,
                        const char     *sql,
                        GError        **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      crm_repository_set_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
crm_repository_exec (CrmRepository  *self,
                     const char     *sql,
                     GError        **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return crm_repository_set_error (self, error);
  return TRUE;
}

gboolean
crm_repository_step_done (CrmRepository  *self,
                          CrmStmt        *stmt,
                          GError        **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return crm_repository_set_error (self, error);
  return TRUE;
}

gboolean
crm_repository_row_exists (CrmRepository  *self,
                           const char     *sql,
                           gint64          id,
                           GError        **error)
{
  g_autoptr(CrmStmt) stmt = crm_repository_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
crm_repository_set_not_found (GType    type,
                              gint64   id,
                              GError **error)
{
  if (type == CRM_TYPE_CUSTOMER)
    g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                 _("Customer %lld does not exist"), (long long) id);
  else if (type == CRM_TYPE_INTERACTION)
    g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                 _("Interaction %lld does not exist"), (long long) id);
  else
    g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
                 _("Opportunity %lld does not exist"), (long long) id);
  return FALSE;
}

/* Steps an UPDATE … RETURNING version; *version gets the row's new
 * version, or 0 when the WHERE matched no row. */
gboolean
crm_repository_step_returning (CrmRepository  *self,
                               CrmStmt        *stmt,
                               gint64         *version,
                               GError        **error)
{
  int rc = sqlite3_step (stmt);

  *version = 0;
  if (rc == SQLITE_ROW)
    {
      *version = sqlite3_column_int64 (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    return crm_repository_set_error (self, error);
  return TRUE;
}

static const char *
table_for_type (GType type)
{
  if (type == CRM_TYPE_CUSTOMER)
    return "customers";
  if (type == CRM_TYPE_INTERACTION)
    return "interactions";
  g_assert (type == CRM_TYPE_OPPORTUNITY);
  return "opportunities";
}

/* A local time as a message gives it: the time of day alone when it is
 * today, else with the date. */
static char *
format_change_time (GDateTime *utc)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (g_date_time_get_year (local) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: the time of a change made today, strftime() style */
    return g_date_time_format (local, C_("change time", "%H:%M"));
  /* Translators: the time of a change made before today, strftime() style */
  return g_date_time_format (local, C_("change time", "%Y-%m-%d %H:%M"));
}

/**
 * crm_repository_check_version:
 * @type: CRM_TYPE_CUSTOMER, CRM_TYPE_INTERACTION or CRM_TYPE_OPPORTUNITY
 * @version: the version the caller read the row with; 0 accepts any
 *
 * Whether the row of @type with @id is still at @version: %FALSE with
 * %CRM_ERROR_NOT_FOUND when it is gone, with %CRM_ERROR_CONFLICT (naming
 * who changed it, and when) when another write came in between. Called
 * before a write to fail early, and after a guarded write that matched
 * no row, to say why.
 */
gboolean
crm_repository_check_version (CrmRepository  *self,
                              GType           type,
                              gint64          id,
                              gint64          version,
                              GError        **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(CrmStmt) stmt = NULL;
  g_autoptr(GDateTime) changed_at = NULL;
  g_autofree char *when = NULL;
  g_autofree char *what = NULL;
  const char *changed_by;
  int rc;

  if (type == CRM_TYPE_INTERACTION)
    /* An interaction has no name of its own: its type and customer. */
    sql = g_strdup ("SELECT i.version, i.changed_by, i.updated_at, i.interaction_type, c.name "
                    "FROM interactions i JOIN customers c ON c.id = i.customer_id WHERE i.id = ?");
  else
    sql = g_strdup_printf ("SELECT version, changed_by, updated_at, %s FROM %s WHERE id = ?",
                           type == CRM_TYPE_CUSTOMER ? "name" : "title", table_for_type (type));
  stmt = crm_repository_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return crm_repository_set_not_found (type, id, error);
  if (rc != SQLITE_ROW)
    return crm_repository_set_error (self, error);
  if (version == 0 || sqlite3_column_int64 (stmt, 0) == version)
    return TRUE;

  changed_by = crm_stmt_column_text (stmt, 1);
  changed_at = crm_time_from_iso8601 (crm_stmt_column_text (stmt, 2), "", NULL);
  when = changed_at != NULL ? format_change_time (changed_at) : g_strdup ("?");
  if (type == CRM_TYPE_INTERACTION)
    {
      CrmInteractionType kind = CRM_INTERACTION_TYPE_OTHER;

      crm_interaction_type_from_string (crm_stmt_column_text (stmt, 3), &kind, NULL);
      /* Translators: an interaction named in a message, “Call with 张三” */
      what = g_strdup_printf (_("%s with %s"), crm_interaction_type_get_label (kind),
                              crm_stmt_column_text (stmt, 4));
    }
  else
    what = g_strdup (crm_stmt_column_text (stmt, 3));

  if (*changed_by != '\0')
    g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                 /* Translators: “张三” was changed by li.wei at 14:02 since you opened it */
                 _("“%s” was changed by %s at %s since you opened it"), what, changed_by, when);
  else
    g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                 /* Translators: “张三” was changed at 14:02 since you opened it (by
                  * someone unknown: a change made before Rapport kept names) */
                 _("“%s” was changed at %s since you opened it"), what, when);
  return FALSE;
}

/* Reads the one row of @type with @id; a missing row is CRM_ERROR_NOT_FOUND. */
gpointer
crm_repository_get_row (CrmRepository  *self,
                        const char     *sql,
                        gint64          id,
                        GType           type,
                        CrmRowFunc      row_func,
                        GError        **error)
{
  g_autoptr(CrmStmt) stmt = crm_repository_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return row_func (stmt);
  if (rc == SQLITE_DONE)
    crm_repository_set_not_found (type, id, error);
  else
    crm_repository_set_error (self, error);
  return NULL;
}

/* Steps @stmt (already bound) to its end, one object per row. */
GPtrArray *
crm_repository_collect_rows (CrmRepository  *self,
                             CrmStmt        *stmt,
                             CrmRowFunc      row_func,
                             GError        **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_func (stmt));
  if (rc != SQLITE_DONE)
    {
      crm_repository_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Deletes the row of @type with @id while it is at @version (0: any);
 * @sql has ?1 for the id and ?2 for the version. */
gboolean
crm_repository_delete_row (CrmRepository  *self,
                           const char     *sql,
                           gint64          id,
                           gint64          version,
                           GType           type,
                           GError        **error)
{
  g_autoptr(CrmStmt) stmt = crm_repository_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, version);
  if (!crm_repository_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_clear_pointer (&stmt, crm_stmt_release);
      /* Gone (not found), or changed since it was read (a conflict). */
      if (!crm_repository_check_version (self, type, id, version, error))
        return FALSE;
      return crm_repository_set_not_found (type, id, error);
    }
  crm_repository_emit_changed (self, type, id, CRM_CHANGE_REMOVED);
  return TRUE;
}

/* A count(*) query with one id parameter; -1 on error. */
gint64
crm_repository_count_rows (CrmRepository  *self,
                           const char     *sql,
                           gint64          id,
                           GError        **error)
{
  g_autoptr(CrmStmt) stmt = crm_repository_prepare (self, sql, error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      crm_repository_set_error (self, error);
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

void
crm_stmt_bind_text (CrmStmt    *stmt,
                    int         index,
                    const char *text)
{
  sqlite3_bind_text (stmt, index, text ? text : "", -1, SQLITE_TRANSIENT);
}

void
crm_stmt_bind_time (CrmStmt   *stmt,
                    int        index,
                    GDateTime *time)
{
  sqlite3_bind_text (stmt, index, crm_time_to_iso8601 (time), -1, g_free);
}

const char *
crm_stmt_column_text (CrmStmt *stmt,
                      int      column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text ? text : "";
}

GDateTime *
crm_stmt_column_time (CrmStmt *stmt,
                      int      column)
{
  GDateTime *time = crm_time_from_iso8601 (crm_stmt_column_text (stmt, column), "", NULL);

  /* Only this code writes the column, so a bad value is a bug, not input. */
  g_assert (time != NULL);
  return time;
}

GDateTime *
crm_repository_next_time (GDateTime *previous)
{
  GDateTime *now = crm_time_now ();

  if (previous != NULL && g_date_time_compare (now, previous) <= 0)
    {
      g_date_time_unref (now);
      return g_date_time_add (previous, 1);
    }
  return now;
}

void
crm_repository_emit_changed (CrmRepository *self,
                             GType          type,
                             gint64         id,
                             CrmChangeKind  kind)
{
  PendingChange change = { type, id, kind };

  if (self->tx_depth == 0)
    {
      g_signal_emit (self, signals[CHANGED], 0, type, id, (guint)kind);
      return;
    }

  if (self->pending_overflow)
    return;
  if (self->pending->len < MAX_PENDING_CHANGES)
    {
      g_array_append_val (self->pending, change);
      return;
    }

  /* Too many to tell one by one: one “reload” per type is enough. */
  self->pending_overflow = TRUE;
  g_array_set_size (self->pending, 0);
  for (guint i = 0; i < G_N_ELEMENTS (entity_types); i++)
    {
      PendingChange reload = { entity_types[i] (), 0, CRM_CHANGE_UPDATED };
      g_array_append_val (self->pending, reload);
    }
}

gboolean
crm_repository_begin (CrmRepository  *self,
                      GError        **error)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);

  /* Savepoints nest, so callers need not know whether one is open. */
  if (!crm_repository_exec (self, "SAVEPOINT crm", error))
    return FALSE;
  self->tx_depth++;
  return TRUE;
}

/* Like crm_repository_begin(), for a transaction that reads before it
 * writes. Outermost, it takes the write lock first: a transaction that
 * has read, then wants to write after another connection committed,
 * fails at once with SQLITE_BUSY_SNAPSHOT (the busy timeout does not
 * apply), which a concurrent delete would report as “busy”. */
gboolean
crm_repository_begin_write (CrmRepository  *self,
                            GError        **error)
{
  if (self->tx_depth > 0)
    return crm_repository_begin (self, error);
  if (!crm_repository_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!crm_repository_begin (self, error))
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  self->tx_immediate = TRUE;
  return TRUE;
}

gboolean
crm_repository_commit (CrmRepository  *self,
                       GError        **error)
{
  g_autoptr(GArray) pending = NULL;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (!crm_repository_exec (self, "RELEASE crm", error))
    {
      crm_repository_rollback (self);
      return FALSE;
    }
  if (--self->tx_depth > 0)
    return TRUE;
  if (self->tx_immediate)
    {
      self->tx_immediate = FALSE;
      if (!crm_repository_exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          g_array_set_size (self->pending, 0);
          self->pending_overflow = FALSE;
          return FALSE;
        }
    }

  pending = g_steal_pointer (&self->pending);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  self->pending_overflow = FALSE;
  for (guint i = 0; i < pending->len; i++)
    {
      const PendingChange *c = &g_array_index (pending, PendingChange, i);
      g_signal_emit (self, signals[CHANGED], 0, c->type, c->id, (guint)c->kind);
    }
  return TRUE;
}

void
crm_repository_rollback (CrmRepository *self)
{
  g_return_if_fail (CRM_IS_REPOSITORY (self));
  g_return_if_fail (self->tx_depth > 0);

  sqlite3_exec (self->db, "ROLLBACK TO crm; RELEASE crm", NULL, NULL, NULL);
  if (--self->tx_depth == 0)
    {
      if (self->tx_immediate)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->tx_immediate = FALSE;
      g_array_set_size (self->pending, 0);
      self->pending_overflow = FALSE;
    }
}

static gboolean
read_user_version (CrmRepository  *self,
                   int            *version,
                   GError        **error)
{
  g_autoptr(CrmStmt) stmt = crm_repository_prepare (self, "PRAGMA user_version", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      int code = sqlite3_errcode (self->db);

      if (code == SQLITE_NOTADB)
        g_set_error (error, CRM_ERROR, CRM_ERROR_STORAGE,
                     _("“%s” is not a Rapport database"), self->path);
      else
        crm_repository_set_error (self, error);
      return FALSE;
    }
  *version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
migrate (CrmRepository  *self,
         int             target_version,
         GError        **error)
{
  while (self->schema_version < target_version)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d",
                                               self->schema_version + 1);

      if (!crm_repository_begin (self, error))
        return FALSE;
      if (!crm_repository_exec (self, migrations[self->schema_version], error)
          || !crm_repository_exec (self, bump, error)
          || !crm_repository_commit (self, error))
        {
          if (self->tx_depth > 0)
            crm_repository_rollback (self);
          g_prefix_error (error, _("Cannot update the database to version %d: "),
                          self->schema_version + 1);
          return FALSE;
        }
      self->schema_version++;
    }
  return TRUE;
}

/* Reads (type, name, sql) of every schema object of ours into name ->
 * "type\nsql"; SQLite's own (sqlite_*) are left out. */
static gboolean
read_schema (sqlite3     *db,
             GHashTable  *objects)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema "
                              "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *)sqlite3_column_text (stmt, 0);
      const char *name = (const char *)sqlite3_column_text (stmt, 1);
      const char *sql = (const char *)sqlite3_column_text (stmt, 2);

      g_hash_table_insert (objects, g_strdup (name ? name : ""),
                           g_strdup_printf ("%s\n%s", type ? type : "", sql ? sql : ""));
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

static const char *
schema_object_label (const char *type_and_sql)
{
  if (g_str_has_prefix (type_and_sql, "table\n"))
    return C_("schema object", "table");
  if (g_str_has_prefix (type_and_sql, "index\n"))
    return C_("schema object", "index");
  if (g_str_has_prefix (type_and_sql, "trigger\n"))
    return C_("schema object", "trigger");
  return C_("schema object", "view");
}

static int
schema_object_rank (const char *type_and_sql)
{
  static const char * const order[] = { "table\n", "index\n", "trigger\n" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_str_has_prefix (type_and_sql, order[i]))
      return i;
  return G_N_ELEMENTS (order);
}

static int
compare_schema_objects (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  GHashTable *objects = user_data;
  const char *name_a = *(const char * const *)a;
  const char *name_b = *(const char * const *)b;
  int rank_a = schema_object_rank (g_hash_table_lookup (objects, name_a));
  int rank_b = schema_object_rank (g_hash_table_lookup (objects, name_b));

  if (rank_a != rank_b)
    return rank_a - rank_b;
  return strcmp (name_a, name_b);
}

/* A database at version N must hold exactly the tables, indexes and
 * triggers that migrations 1..N create, with the same SQL: one changed by
 * hand (a column dropped, an index or trigger missing) would break queries
 * or the search index in ways no message could explain later. The
 * reference is the migrations run on an in-memory database. */
static gboolean
verify_schema (CrmRepository  *self,
               GError        **error)
{
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) actual = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree const char **names = NULL;
  sqlite3 *reference = NULL;
  gboolean ok = TRUE;
  GHashTableIter iter;
  gpointer key, value;
  guint n_names = 0;

  if (sqlite3_open_v2 (":memory:", &reference, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK
      || crm_search_register (reference) != SQLITE_OK)
    ok = FALSE;
  for (int i = 0; ok && i < self->schema_version; i++)
    ok = sqlite3_exec (reference, migrations[i], NULL, NULL, NULL) == SQLITE_OK;
  ok = ok && read_schema (reference, expected);
  sqlite3_close (reference);
  g_assert (ok);

  if (!read_schema (self->db, actual))
    return crm_repository_set_error (self, error);

  /* Tables first, then indexes, then triggers, each by name: a change to
   * a table (a column renamed) also rewrites the triggers on it, and the
   * message should name the table, the same one every time. */
  names = (const char **)g_hash_table_get_keys_as_array (expected, &n_names);
  g_qsort_with_data (names, n_names, sizeof (char *), compare_schema_objects, expected);
  for (guint i = 0; i < n_names; i++)
    {
      const char *name = names[i];
      const char *sql = g_hash_table_lookup (expected, name);
      const char *found = g_hash_table_lookup (actual, name);

      if (found == NULL)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_CORRUPT,
                       /* Translators: “…: its index “customers_by_name” is missing” */
                       _("“%s” was changed outside Rapport: its %s “%s” is missing"),
                       self->path, schema_object_label (sql), name);
          return FALSE;
        }
      if (g_strcmp0 (found, sql) != 0)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_CORRUPT,
                       /* Translators: “…: its table “customers” is not the one Rapport created” */
                       _("“%s” was changed outside Rapport: its %s “%s” is not the one Rapport created"),
                       self->path, schema_object_label (sql), name);
          return FALSE;
        }
    }
  g_hash_table_iter_init (&iter, actual);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (expected, key))
      {
        g_set_error (error, CRM_ERROR, CRM_ERROR_CORRUPT,
                     /* Translators: “…: it has an unknown trigger “x”” */
                     _("“%s” was changed outside Rapport: it has an unknown %s “%s”"),
                     self->path, schema_object_label (value), (const char *)key);
        return FALSE;
      }
  return TRUE;
}

/* A new database holds every customer: readable by its owner only,
 * whatever the umask (SQLite would create it 0644 under the usual one).
 * SQLite gives the -wal and -shm files the database's own mode. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      /* Another process created it meanwhile, as private as this. */
      if (saved_errno == EEXIST)
        return TRUE;
      g_set_error (error, CRM_ERROR, CRM_ERROR_STORAGE, _("Cannot create “%s”: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }
  /* The umask only takes bits away; this makes the mode exact. */
  if (fchmod (fd, 0600) != 0)
    g_debug ("Cannot make %s private: %s", path, g_strerror (errno));
  close (fd);
  return TRUE;
}

/* crm_sort_key(text): the text's sort key in the reader's collation, for
 * the INSERT and UPDATE of customers and for rebuilding the keys. While a
 * rebuild runs, it reports progress and stops on its cancellable. */
static void
sort_key_func (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  CrmRepository *self = sqlite3_user_data (context);
  const guint8 *key;
  gsize length;

  if (self->keys_total > 0)
    {
      /* Two keys per row. */
      if (++self->keys_done % 8192 == 0)
        {
          if (g_cancellable_is_cancelled (self->keys_cancellable))
            {
              sqlite3_result_error_code (context, SQLITE_INTERRUPT);
              return;
            }
          if (self->keys_progress != NULL)
            self->keys_progress (MIN (self->keys_done / 2, self->keys_total), self->keys_total,
                                 self->keys_progress_data);
        }
    }
  if (sqlite3_value_type (argv[0]) == SQLITE_NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  key = crm_collation_key (self->collation, (const char *)sqlite3_value_text (argv[0]), &length);
  sqlite3_result_blob (context, key, length, SQLITE_TRANSIENT);
}

static char *
read_setting (CrmRepository *self,
              const char    *key)
{
  g_autoptr(CrmStmt) stmt = crm_repository_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);

  if (stmt == NULL)
    return NULL;
  crm_stmt_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup (crm_stmt_column_text (stmt, 0));
}

static gboolean
write_setting (CrmRepository  *self,
               const char     *key,
               const char     *value,
               GError        **error)
{
  g_autoptr(CrmStmt) stmt =
    crm_repository_prepare (self, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  crm_stmt_bind_text (stmt, 1, key);
  crm_stmt_bind_text (stmt, 2, value);
  return crm_repository_step_done (self, stmt, error);
}

static gboolean
has_customers (CrmRepository *self)
{
  g_autoptr(CrmStmt) stmt = crm_repository_prepare (self, "SELECT 1 FROM customers LIMIT 1", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW;
}

/* A new database (or one emptied) has no keys to rebuild: its collation
 * is the reader's from the start. */
static gboolean
record_collation_if_no_keys (CrmRepository  *self,
                             GError        **error)
{
  g_autofree char *recorded = read_setting (self, "collation");

  if (g_strcmp0 (recorded, crm_collation_get_id (self->collation)) == 0 || has_customers (self))
    return TRUE;
  return write_setting (self, "collation", crm_collation_get_id (self->collation), error);
}

/**
 * crm_repository_get_sort_keys_state:
 *
 * Whether the customers' sort keys are in the reader's collation. Two
 * cheap lookups (a settings row, the start of the key indexes), so an
 * application can ask at every open.
 */
CrmSortKeysState
crm_repository_get_sort_keys_state (CrmRepository *self)
{
  g_autofree char *recorded = NULL;
  g_autoptr(CrmStmt) stmt = NULL;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), CRM_SORT_KEYS_CURRENT);

  recorded = read_setting (self, "collation");
  if (g_strcmp0 (recorded, crm_collation_get_id (self->collation)) != 0)
    return has_customers (self) ? CRM_SORT_KEYS_STALE : CRM_SORT_KEYS_CURRENT;
  stmt = crm_repository_prepare (self, "SELECT 1 FROM customers "
                                       "WHERE name_key IS NULL OR company_key IS NULL LIMIT 1",
                                 NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return CRM_SORT_KEYS_MISSING;
  return CRM_SORT_KEYS_CURRENT;
}

/**
 * crm_repository_get_collation:
 *
 * Returns: the reader's collation as recorded with the keys: ICU locale,
 *   ICU version and collator version
 */
const char *
crm_repository_get_collation (CrmRepository *self)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), NULL);
  return crm_collation_get_id (self->collation);
}

/* The SQL of the customers' key indexes, to recreate them as they were. */
#define KEY_INDEXES_SQL \
  "SELECT name, sql FROM sqlite_schema WHERE type = 'index' " \
  "AND name IN ('customers_by_name_key', 'customers_by_company_key')"

/**
 * crm_repository_update_sort_keys:
 * @progress: (nullable): called in this thread with the rows done so far
 * @cancellable: (nullable): stops the update, which then leaves the keys
 *   as they were
 *
 * Brings the customers' sort keys into the reader's collation: every key
 * after a change of locale (or of ICU), else only the missing ones (rows
 * another program wrote). One transaction; long for a big table (a
 * rebuild of a million rows takes seconds), so an application runs it in
 * a thread, on a connection of its own.
 */
gboolean
crm_repository_update_sort_keys (CrmRepository              *self,
                                 CrmRepositoryProgressFunc   progress,
                                 gpointer                    user_data,
                                 GCancellable               *cancellable,
                                 GError                    **error)
{
  g_autoptr(GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);
  CrmSortKeysState state;
  const char *where;
  gint64 total;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (self->tx_depth == 0, FALSE);

  /* The write lock first: a read transaction that then wants to write
   * gets SQLITE_BUSY at once when another program is writing, without
   * waiting the busy timeout. */
  if (!crm_repository_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!crm_repository_begin (self, error))
    goto fail_outer;
  state = crm_repository_get_sort_keys_state (self);
  if (state == CRM_SORT_KEYS_CURRENT)
    {
      if (!crm_repository_commit (self, error) || !crm_repository_exec (self, "COMMIT", error))
        goto fail_outer;
      return TRUE;
    }
  where = state == CRM_SORT_KEYS_STALE ? "" : " WHERE name_key IS NULL OR company_key IS NULL";

  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM customers%s", where);
    g_autoptr(CrmStmt) stmt = crm_repository_prepare (self, sql, error);

    if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
      goto fail_sqlite;
    total = sqlite3_column_int64 (stmt, 0);
  }

  /* Every key changes: writing into the two indexes row by row costs
   * more than building them again in one sorted pass. */
  if (state == CRM_SORT_KEYS_STALE)
    {
      g_autoptr(CrmStmt) stmt = crm_repository_prepare (self, KEY_INDEXES_SQL, error);
      int rc;

      if (stmt == NULL)
        goto fail;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (indexes, g_strdup (crm_stmt_column_text (stmt, 1)));
      if (rc != SQLITE_DONE)
        goto fail_sqlite;
      g_clear_pointer (&stmt, crm_stmt_release);
      if (!crm_repository_exec (self, "DROP INDEX customers_by_name_key;"
                                      "DROP INDEX customers_by_company_key;", error))
        goto fail;
    }

  self->keys_progress = progress;
  self->keys_progress_data = user_data;
  self->keys_cancellable = cancellable;
  self->keys_done = 0;
  self->keys_total = MAX (total, 1);
  if (progress != NULL)
    progress (0, total, user_data);
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE customers SET name_key = crm_sort_key (name), "
                                            "company_key = crm_sort_key (company)%s", where);

    /* Not cached: it runs once. */
    ok = sqlite3_exec (self->db, sql, NULL, NULL, NULL) == SQLITE_OK;
  }
  self->keys_progress = NULL;
  self->keys_cancellable = NULL;
  self->keys_total = 0;
  if (!ok)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      goto fail_sqlite;
    }
  for (guint i = 0; i < indexes->len; i++)
    if (!crm_repository_exec (self, indexes->pdata[i], error))
      goto fail;
  if (!write_setting (self, "collation", crm_collation_get_id (self->collation), error))
    goto fail;
  if (!crm_repository_commit (self, error))
    goto fail_outer;
  if (!crm_repository_exec (self, "COMMIT", error))
    goto fail_outer;
  if (progress != NULL)
    progress (total, total, user_data);
  /* Every list in the new order. */
  if (total > 0)
    crm_repository_emit_changed (self, CRM_TYPE_CUSTOMER, 0, CRM_CHANGE_UPDATED);
  return TRUE;

fail_sqlite:
  crm_repository_set_error (self, error);
fail:
  crm_repository_rollback (self);
fail_outer:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
read_data_version (CrmRepository *self,
                   gint64        *version)
{
  g_autoptr(CrmStmt) stmt = crm_repository_prepare (self, "PRAGMA data_version", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  *version = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* PRAGMA data_version changes when another connection (another process,
 * or a thread of this one) commits; this connection's own commits leave
 * it alone, and are announced one by one as they happen. */
static gboolean
watch_cb (gpointer user_data)
{
  CrmRepository *self = user_data;
  gint64 version;

  if (self->tx_depth > 0 || !read_data_version (self, &version) || version == self->data_version)
    return G_SOURCE_CONTINUE;
  self->data_version = version;
  /* What another program changed is unknown: every list reloads. */
  for (guint i = 0; i < G_N_ELEMENTS (entity_types); i++)
    g_signal_emit (self, signals[CHANGED], 0, entity_types[i] (), (gint64)0, (guint)CRM_CHANGE_UPDATED);
  return G_SOURCE_CONTINUE;
}

/**
 * crm_repository_watch:
 * @interval_ms: how often to look, or 0 to stop
 *
 * Makes other programs' writes to the database (the command line, a
 * second window's process) show by themselves: every @interval_ms, on the
 * thread-default main context, a look at PRAGMA data_version (a read of
 * the WAL index in memory, microseconds); after another connection's
 * commit, #CrmRepository::changed with id 0 (“reload”) for each type,
 * once per interval however many commits there were.
 */
void
crm_repository_watch (CrmRepository *self,
                      guint          interval_ms)
{
  g_return_if_fail (CRM_IS_REPOSITORY (self));

  if (self->watch != NULL)
    {
      g_source_destroy (self->watch);
      g_clear_pointer (&self->watch, g_source_unref);
    }
  if (interval_ms == 0)
    return;
  if (!read_data_version (self, &self->data_version))
    self->data_version = -1;
  self->watch = g_timeout_source_new (interval_ms);
  g_source_set_callback (self->watch, watch_cb, self, NULL);
  g_source_set_static_name (self->watch, "[rapport] database watch");
  g_source_attach (self->watch, g_main_context_get_thread_default ());
}

/* Another connection of this process wrote (an import's), and its
 * changes were just announced: the watch need not announce them again. */
void
crm_repository_mark_seen (CrmRepository *self)
{
  if (self->watch != NULL)
    read_data_version (self, &self->data_version);
}

/**
 * crm_repository_set_busy_timeout:
 * @milliseconds: how long a write waits for another program's write lock
 *   before it fails with %CRM_ERROR_BUSY
 *
 * A repository opens with %CRM_REPOSITORY_BUSY_TIMEOUT_MS. The UI thread's
 * connection sets a short one, so a held lock never freezes the window,
 * and retries from the main loop instead.
 */
void
crm_repository_set_busy_timeout (CrmRepository *self,
                                 int            milliseconds)
{
  g_return_if_fail (CRM_IS_REPOSITORY (self));
  g_return_if_fail (milliseconds >= 0);

  sqlite3_busy_timeout (self->db, milliseconds);
}

/**
 * crm_repository_get_default_path:
 *
 * Returns: `$RAPPORT_DATABASE` if set, else `$XDG_DATA_HOME/rapport/rapport.db`.
 * A --database option given on the command line comes before both.
 */
char *
crm_repository_get_default_path (void)
{
  const char *env = g_getenv ("RAPPORT_DATABASE");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
}

/**
 * crm_repository_open:
 * @path: the database file; created, with its schema, when missing
 *
 * Opens the database, refusing (and leaving untouched) a file that is not
 * a SQLite database, one from a newer Rapport, a read-only file and one in
 * a folder that cannot be written (WAL needs its side files there).
 */
CrmRepository *
crm_repository_open (const char  *path,
                     GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return crm_repository_open_at_version (path, CRM_REPOSITORY_SCHEMA_VERSION, error);
}

/* Opens @path, migrating it up to @target_version only: the tests of a
 * migration start from a database at the version before it. */
CrmRepository *
crm_repository_open_at_version (const char  *path,
                                int          target_version,
                                GError     **error)
{
  g_autoptr(CrmRepository) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (target_version >= 1 && target_version <= CRM_REPOSITORY_SCHEMA_VERSION, NULL);

  self = g_object_new (CRM_TYPE_REPOSITORY, NULL);
  self->path = g_strdup (path);

  dir = g_path_get_dirname (path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_STORAGE,
                   _("Cannot open “%s”: the folder “%s” does not exist"), path, dir);
      return NULL;
    }
  if (access (dir, W_OK) != 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_STORAGE,
                   _("Cannot open “%s”: the folder “%s” is not writable"), path, dir);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS) && access (path, W_OK) != 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_STORAGE,
                   _("Cannot open “%s”: the file is read-only"), path);
      return NULL;
    }

  if (!create_private_file (path, error))
    return NULL;

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
                        | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_STORAGE, _("Cannot open “%s”: %s"),
                   path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  /* The search index's tokenizer: before anything reads or writes it. */
  self->collation = crm_collation_new (NULL);
  if (crm_search_register (self->db) != SQLITE_OK
      || sqlite3_create_function_v2 (self->db, "crm_sort_key", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
                                     self, sort_key_func, NULL, NULL, NULL) != SQLITE_OK)
    {
      crm_repository_set_error (self, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, CRM_REPOSITORY_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, TRUE);

  /* Nothing may be written before we know the file is ours to write. */
  if (!read_user_version (self, &self->schema_version, error))
    return NULL;
  if (self->schema_version > CRM_REPOSITORY_SCHEMA_VERSION)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NEWER_VERSION,
                   _("“%s” was written by a newer version of Rapport (database version %d, "
                     "this version reads up to %d)"),
                   path, self->schema_version, CRM_REPOSITORY_SCHEMA_VERSION);
      return NULL;
    }
  if (self->schema_version > 0)
    {
      g_autoptr(CrmStmt) stmt =
        crm_repository_prepare (self, "SELECT count(*) FROM sqlite_schema "
                                      "WHERE name IN ('customers', 'interactions', 'opportunities')",
                                NULL);
      if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) != 3)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_STORAGE,
                       _("“%s” is not a Rapport database"), path);
          return NULL;
        }
      if (!verify_schema (self, error))
        return NULL;
    }
  else
    {
      /* A database of someone else's, with tables but no version of ours. */
      g_autoptr(CrmStmt) stmt =
        crm_repository_prepare (self, "SELECT count(*) FROM sqlite_schema", NULL);
      if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) != 0)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_STORAGE,
                       _("“%s” is not a Rapport database"), path);
          return NULL;
        }
    }

  /* synchronous=FULL: an edit the UI showed as saved survives a crash. */
  if (!crm_repository_exec (self,
                            "PRAGMA journal_mode = WAL;"
                            "PRAGMA synchronous = FULL;"
                            "PRAGMA foreign_keys = ON;",
                            error))
    return NULL;
  /* No memory map (SQLite's default). Reading through one made a search
   * that joins thousands of rows by id faster, but its pages count as
   * the process's resident memory, once per connection that maps them
   * (the window has two): at a million customers VmRSS was 368 MB with a
   * 128 MB map, 1.5 GB with 1 GB, against a 200 MB target. */

  if (!migrate (self, target_version, error))
    return NULL;
  if (self->schema_version >= 3 && !record_collation_if_no_keys (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
crm_repository_get_path (CrmRepository *self)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), NULL);
  return self->path;
}

/**
 * crm_repository_get_user_name:
 *
 * Returns: who this connection's changes are recorded as (changed_by):
 *   on SQLite the login name
 */
const char *
crm_repository_get_user_name (CrmRepository *self)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), NULL);
  return self->user_name;
}

/* Tests make two connections of one process into two people. */
void
crm_repository_set_user_name (CrmRepository *self,
                              const char    *user_name)
{
  g_return_if_fail (CRM_IS_REPOSITORY (self));
  g_return_if_fail (user_name != NULL);

  g_free (self->user_name);
  self->user_name = g_strdup (user_name);
}

int
crm_repository_get_schema_version (CrmRepository *self)
{
  g_return_val_if_fail (CRM_IS_REPOSITORY (self), 0);
  return self->schema_version;
}

/**
 * crm_repository_interrupt:
 *
 * Makes the query running on this connection now stop with an error, as
 * soon as it can; queries started later run normally. The one call that
 * may come from another thread than the one using the connection: a
 * search that a newer one made stale is stopped this way.
 */
void
crm_repository_interrupt (CrmRepository *self)
{
  g_return_if_fail (CRM_IS_REPOSITORY (self));

  if (self->db != NULL)
    sqlite3_interrupt (self->db);
}
