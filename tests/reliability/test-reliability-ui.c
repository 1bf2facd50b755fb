/* test-reliability-ui.c: bad files, a full disk and a held lock, in the real window
 *
 * - Bad files: the real CrmApplication, run with --database on each kind
 *   of bad file, shows the error page saying what is wrong, and the file is
 *   byte-identical afterwards with no side files; Open Another Database…
 *   opens a healthy one in the main window.
 * - A full disk (RLIMIT_FSIZE, in a subprocess): Save in the customer
 *   editor fails with “disk is full”, the editor stays open with the
 *   user's text, and Save works once there is space again.
 * - A held lock (the sqlite3 shell in BEGIN IMMEDIATE): Save waits with the
 *   window responsive, then says “the database is busy” with the text
 *   still there; Save works once the lock is gone, and a lock released
 *   during the wait lets the waiting save through by itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "bad-files.h"
#include "crm-application.h"
#include "crm-busy-retry.h"
#include "crm-database-error-window.h"
#include "crm-editors.h"
#include "crm-test-ui.h"
#include "crm-window.h"

static char *dir;
static GtkApplication *editor_app;

/* The real application, run as `rapport --database PATH`; @step runs
 * every 50 ms in its main loop until it returns FALSE. */
typedef gboolean (*AppStep) (CrmApplication *app,
                             gpointer        user_data);

typedef struct
{
  CrmApplication *app;
  AppStep step;
  gpointer user_data;
  gint64 deadline;
} AppRun;

static gboolean
app_step_cb (gpointer user_data)
{
  AppRun *run = user_data;

  if (g_get_monotonic_time () > run->deadline)
    g_error ("The application never reached the state the test waits for");
  if (run->step (run->app, run->user_data))
    return G_SOURCE_CONTINUE;
  g_application_quit (G_APPLICATION (run->app));
  return G_SOURCE_REMOVE;
}

static void
app_started_cb (GApplication *application,
                AppRun       *run)
{
  g_timeout_add (50, app_step_cb, run);
}

static void
run_app (const char *path,
         AppStep     step,
         gpointer    user_data)
{
  g_autofree char *database = g_strdup (path);
  char *argv[] = { (char *)"rapport", (char *)"--database", database, NULL };
  AppRun run = { NULL, step, user_data, g_get_monotonic_time () + 60 * G_USEC_PER_SEC };

  /* NON_UNIQUE: no name to own on the shared session bus; an id of its
   * own so its object path differs from the editors' anonymous app. */
  run.app = g_object_new (CRM_TYPE_APPLICATION,
                          "application-id", APP_ID ".ReliabilityTest",
                          "flags", G_APPLICATION_NON_UNIQUE,
                          "resource-base-path", RESOURCE_BASE,
                          NULL);
  g_signal_connect (run.app, "startup", G_CALLBACK (app_started_cb), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), 3, argv), ==, 0);
  /* Quitting leaves the windows; closing them lets everything go. */
  while (gtk_application_get_windows (GTK_APPLICATION (run.app)) != NULL)
    gtk_window_destroy (gtk_application_get_windows (GTK_APPLICATION (run.app))->data);
  crm_test_ui_iterate ();
  g_assert_finalize_object (run.app);
}

static CrmDatabaseErrorWindow *
find_error_window (void)
{
  GtkWindow *window = crm_test_ui_find_toplevel (CRM_TYPE_DATABASE_ERROR_WINDOW);

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return NULL;
  return CRM_DATABASE_ERROR_WINDOW (window);
}

/* Bad files */

static gboolean
error_page_step (CrmApplication *app,
                 gpointer        user_data)
{
  BadFile kind = GPOINTER_TO_INT (user_data);
  CrmDatabaseErrorWindow *window = find_error_window ();
  const char *message;
  GtkWidget *button;

  if (window == NULL)
    return TRUE;
  message = crm_database_error_window_get_message (window);
  g_test_message ("%s: %s", bad_file_name (kind), message);
  if (!g_regex_match_simple (bad_file_expected (kind), message, 0, 0))
    g_error ("“%s” does not match “%s”", message, bad_file_expected (kind));

  /* The page a user sees: what is wrong, and a way on. */
  g_assert_nonnull (crm_test_ui_find_label (GTK_WIDGET (window), message));
  g_assert_nonnull (crm_test_ui_find_label (GTK_WIDGET (window), "Cannot Open the Database"));
  button = crm_test_ui_find_by_id (GTK_WIDGET (window), "open_button");
  g_assert_true (gtk_widget_get_mapped (button) && gtk_widget_is_sensitive (button));
  button = crm_test_ui_find_by_id (GTK_WIDGET (window), "create_button");
  g_assert_true (gtk_widget_get_mapped (button) && gtk_widget_is_sensitive (button));
  /* Nothing else is left open on the bad file. */
  g_assert_null (crm_test_ui_find_toplevel (CRM_TYPE_WINDOW));
  g_assert_null (crm_application_get_repository (app));
  return FALSE;
}

static void
test_bad_file_app (gconstpointer data)
{
  BadFile kind = GPOINTER_TO_INT (data);
  g_autofree char *path = bad_file_make (dir, kind);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) before = g_file_load_bytes (file, NULL, NULL, NULL);
  GLogLevelFlags fatal;

  /* On a damaged file the main window's lists can meet the damage before
   * the quick check replaces the window, and warn (“Cannot read rows”):
   * expected here, so warnings are not fatal; criticals still are. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  run_app (path, error_page_step, GINT_TO_POINTER (kind));
  g_log_set_always_fatal (fatal);
  bad_file_assert_untouched (path, before);
  g_remove (path);
}

typedef struct
{
  const char *healthy;
  guint stage;
} OpenAnother;

static gboolean
open_another_step (CrmApplication *app,
                   gpointer        user_data)
{
  OpenAnother *state = user_data;
  CrmDatabaseErrorWindow *error_window = find_error_window ();
  GtkWindow *chooser;

  switch (state->stage)
    {
    case 0:
      if (error_window == NULL)
        return TRUE;
      gtk_widget_activate (crm_test_ui_find_by_id (GTK_WIDGET (error_window), "open_button"));
      state->stage++;
      return TRUE;

    case 1:
      /* GtkFileChooserNative without a portal: GTK's own dialog. */
      chooser = crm_test_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
      if (chooser == NULL || !gtk_widget_get_mapped (GTK_WIDGET (chooser)))
        return TRUE;
      {
        g_autoptr(GFile) file = g_file_new_for_path (state->healthy);
        g_autoptr(GFile) chosen = NULL;

        G_GNUC_BEGIN_IGNORE_DEPRECATIONS
        gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL);
        chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
        if (chosen == NULL || !g_file_equal (chosen, file))
          return TRUE;
        gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
        G_GNUC_END_IGNORE_DEPRECATIONS
      }
      state->stage++;
      return TRUE;

    default:
      {
        GtkWindow *window = crm_test_ui_find_toplevel (CRM_TYPE_WINDOW);

        if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
          return TRUE;
        g_assert_null (crm_test_ui_find_toplevel (CRM_TYPE_DATABASE_ERROR_WINDOW));
        g_assert_cmpstr (crm_repository_get_path (crm_application_get_repository (app)), ==,
                         state->healthy);
        return FALSE;
      }
    }
}

static void
test_open_another (void)
{
  g_autofree char *path = bad_file_make (dir, BAD_FILE_NEWER);
  g_autofree char *healthy = bad_file_make_healthy (dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) before = g_file_load_bytes (file, NULL, NULL, NULL);
  OpenAnother state = { healthy, 0 };

  run_app (path, open_another_step, &state);
  bad_file_assert_untouched (path, before);
  g_remove (path);
}

typedef struct
{
  const char *existing;
  const char *fresh;
  guint stage;
} CreateNew;

/* Answers the save dialog of Create New Database… with @path. */
static gboolean
answer_create_chooser (const char *path)
{
  GtkWindow *chooser = crm_test_ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFile) chosen = NULL;

  if (chooser == NULL || !gtk_widget_get_mapped (GTK_WIDGET (chooser)))
    return FALSE;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==,
                   GTK_FILE_CHOOSER_ACTION_SAVE);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (chosen == NULL || !g_file_equal (chosen, file))
    return FALSE;
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS
  return TRUE;
}

static gboolean
create_new_step (CrmApplication *app,
                 gpointer        user_data)
{
  CreateNew *state = user_data;
  CrmDatabaseErrorWindow *error_window = find_error_window ();

  switch (state->stage)
    {
    case 0:
      if (error_window == NULL)
        return TRUE;
      gtk_widget_activate_action (GTK_WIDGET (error_window), "error.create", NULL);
      state->stage++;
      return TRUE;

    case 1:
      if (answer_create_chooser (state->existing))
        state->stage++;
      return TRUE;

    case 2:
      /* The chooser asks whether to replace the file; the user says yes,
       * and Rapport still does not take it over: the page says so. */
      {
        GtkWindow *confirm = crm_test_ui_find_toplevel (GTK_TYPE_MESSAGE_DIALOG);

        G_GNUC_BEGIN_IGNORE_DEPRECATIONS
        if (confirm != NULL && gtk_widget_get_mapped (GTK_WIDGET (confirm)))
          gtk_dialog_response (GTK_DIALOG (confirm), GTK_RESPONSE_ACCEPT);
        G_GNUC_END_IGNORE_DEPRECATIONS
      }
      if (crm_test_ui_find_toplevel (CRM_TYPE_WINDOW) != NULL)
        g_error ("Create New opened an existing file");
      if (error_window == NULL
          || strstr (crm_database_error_window_get_message (error_window), "already exists") == NULL)
        return TRUE;
      gtk_widget_activate_action (GTK_WIDGET (error_window), "error.create", NULL);
      state->stage++;
      return TRUE;

    case 3:
      if (answer_create_chooser (state->fresh))
        state->stage++;
      return TRUE;

    default:
      {
        GtkWindow *window = crm_test_ui_find_toplevel (CRM_TYPE_WINDOW);

        if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
          return TRUE;
        g_assert_null (crm_test_ui_find_toplevel (CRM_TYPE_DATABASE_ERROR_WINDOW));
        g_assert_cmpstr (crm_repository_get_path (crm_application_get_repository (app)), ==,
                         state->fresh);
        g_assert_true (g_file_test (state->fresh, G_FILE_TEST_IS_REGULAR));
        return FALSE;
      }
    }
}

static void
test_create_new (void)
{
  g_autofree char *path = bad_file_make (dir, BAD_FILE_CORRUPT);
  g_autofree char *existing = bad_file_make (dir, BAD_FILE_NOT_A_DATABASE);
  g_autofree char *fresh = g_build_filename (dir, "new.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) existing_file = g_file_new_for_path (existing);
  g_autoptr(GBytes) before = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autoptr(GBytes) existing_before = g_file_load_bytes (existing_file, NULL, NULL, NULL);
  CreateNew state = { existing, fresh, 0 };
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  run_app (path, create_new_step, &state);
  g_log_set_always_fatal (fatal);
  bad_file_assert_untouched (path, before);
  bad_file_assert_untouched (existing, existing_before);
  g_remove (path);
  g_remove (existing);
  g_remove (fresh);
}

/* The customer editor, on a window of its own repository */

typedef struct
{
  char *path;
  CrmRepository *repo;
  CrmWindow *window;
  CrmCustomerEditor *editor;
  GtkWidget *notes;
  GtkLabel *error_label;
  gint64 id;
} Editing;

static gboolean
editor_mapped (gpointer user_data)
{
  Editing *e = user_data;

  return gtk_widget_get_mapped (GTK_WIDGET (e->editor));
}

static void
editing_start (Editing    *e,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  GtkWidget *notes_row;

  e->path = g_build_filename (dir, name, NULL);
  e->repo = crm_repository_open (e->path, &error);
  g_assert_no_error (error);
  /* As CrmApplication does for the UI thread's connection. */
  crm_repository_set_busy_timeout (e->repo, CRM_UI_BUSY_TIMEOUT_MS);
  crm_customer_set_name (customer, "王芳");
  crm_customer_set_notes (customer, "before");
  g_assert_true (crm_repository_add_customer (e->repo, customer, &error));
  e->id = crm_customer_get_id (customer);

  e->window = crm_window_new (editor_app, e->repo);
  gtk_window_present (GTK_WINDOW (e->window));
  e->editor = crm_customer_editor_new (GTK_WINDOW (e->window), e->repo, NULL, customer);
  g_object_add_weak_pointer (G_OBJECT (e->editor), (gpointer *)&e->editor);
  gtk_window_present (GTK_WINDOW (e->editor));
  crm_test_ui_wait_until (editor_mapped, e, "the editor to show");

  notes_row = crm_test_ui_find_by_id (GTK_WIDGET (e->editor), "notes_view");
  e->error_label = GTK_LABEL (crm_test_ui_find_by_id (GTK_WIDGET (e->editor), "error_label"));
  g_assert_nonnull (notes_row);
  g_assert_nonnull (e->error_label);
  e->notes = notes_row;
  crm_test_ui_type_text (notes_row, "typed by the user");
  crm_test_ui_iterate ();
}

static char *
stored_notes (Editing *e)
{
  g_autoptr(CrmRepository) other = NULL;
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  /* A connection of its own, so nothing cached in the window's answers. */
  other = crm_repository_open (e->path, &error);
  g_assert_no_error (error);
  customer = crm_repository_get_customer (other, e->id, &error);
  g_assert_no_error (error);
  return g_strdup (crm_customer_get_notes (customer));
}

static void
editing_finish (Editing *e)
{
  if (e->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (e->editor));
  g_object_ref (e->window);
  gtk_window_destroy (GTK_WINDOW (e->window));
  crm_test_ui_iterate ();
  g_assert_finalize_object (e->window);
  g_assert_finalize_object (e->repo);
  for (guint i = 0; i < 3; i++)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (e->path, suffixes[i], NULL);

      g_remove (file);
    }
  g_free (e->path);
}

static void
click_save (Editing *e)
{
  GtkWidget *save = crm_test_ui_find_by_id (GTK_WIDGET (e->editor), "save_button");

  g_assert_true (gtk_widget_is_sensitive (save));
  /* The button's own click (gtk_widget_activate() clicks only after its
   * press animation). */
  g_signal_emit_by_name (save, "clicked");
}

static gboolean
editor_closed (gpointer user_data)
{
  Editing *e = user_data;

  return e->editor == NULL;
}

static void
assert_editor_kept_text (Editing    *e,
                         const char *message_part)
{
  g_assert_nonnull (e->editor);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (e->editor)));
  {
    g_autofree char *typed = crm_test_ui_get_text (e->notes);

    g_assert_cmpstr (typed, ==, "typed by the user");
  }
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (e->error_label)));
  if (strstr (gtk_label_get_text (e->error_label), message_part) == NULL)
    g_error ("“%s” does not say “%s”", gtk_label_get_text (e->error_label), message_part);
}

/* A full disk */

static void
set_file_size_limit (rlim_t bytes)
{
  struct rlimit limit;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  limit.rlim_cur = bytes;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
}

static void
disk_full_subprocess (void)
{
  Editing e = { 0 };
  g_autofree char *notes = NULL;
  sqlite3 *db = NULL;

  signal (SIGXFSZ, SIG_IGN);
  editing_start (&e, "full.db");

  /* The WAL emptied, so the save must grow a file past the limit. */
  g_assert_cmpint (sqlite3_open (e.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  set_file_size_limit (4096);

  click_save (&e);
  crm_test_ui_iterate ();
  assert_editor_kept_text (&e, "disk is full");
  notes = stored_notes (&e);
  g_assert_cmpstr (notes, ==, "before");
  g_clear_pointer (&notes, g_free);

  /* Space again: the same Save button saves what the user typed. */
  set_file_size_limit (RLIM_INFINITY);
  click_save (&e);
  crm_test_ui_wait_until (editor_closed, &e, "the editor to close after saving");
  notes = stored_notes (&e);
  g_assert_cmpstr (notes, ==, "typed by the user");
  editing_finish (&e);
}

static void
test_disk_full_editor (void)
{
  if (g_test_subprocess ())
    {
      disk_full_subprocess ();
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A held lock */

typedef struct
{
  GPid pid;
  int in;
  int out;
} Shell;

/* The sqlite3 shell holding the write lock of @path until shell_release(). */
static void
shell_lock (Shell      *shell,
            const char *path)
{
  const char *argv[] = { "sqlite3", path, NULL };
  static const char lock[] = "BEGIN IMMEDIATE;\nSELECT 'locked';\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **)argv, NULL,
                                           G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &shell->pid, &shell->in, &shell->out, NULL,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpint (write (shell->in, lock, sizeof lock - 1), ==, sizeof lock - 1);
  /* The shell answers only once BEGIN IMMEDIATE holds the lock. */
  while (strstr (seen->str, "locked") == NULL)
    {
      char chunk[64];
      gssize n = read (shell->out, chunk, sizeof chunk);

      g_assert_cmpint (n, >, 0);
      g_string_append_len (seen, chunk, n);
    }
}

static void
shell_release (Shell *shell)
{
  static const char release[] = "ROLLBACK;\n.quit\n";
  int status;

  g_assert_cmpint (write (shell->in, release, sizeof release - 1), ==, sizeof release - 1);
  g_assert_cmpint (waitpid (shell->pid, &status, 0), ==, shell->pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  close (shell->in);
  close (shell->out);
  g_spawn_close_pid (shell->pid);
}

typedef struct
{
  GtkWidget *widget;
  guint painted;
  guint wanted;
} Paints;

static void
painted_cb (GdkFrameClock *clock,
            Paints        *paints)
{
  if (++paints->painted < paints->wanted)
    {
      gtk_widget_queue_draw (paints->widget);
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
    }
}

static gboolean
paints_done (gpointer user_data)
{
  Paints *paints = user_data;

  return paints->painted >= paints->wanted;
}

/* Waits for @widget's window to paint @n frames one after another: only a
 * main loop that is not stuck in a save can do that. */
static void
wait_for_paints (GtkWidget *widget,
                 guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  Paints paints = { widget, 0, n };
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &paints);

  gtk_widget_queue_draw (widget);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  crm_test_ui_wait_until (paints_done, &paints, "the window to paint");
  g_signal_handler_disconnect (clock, id);
}

static gboolean
have_sqlite3_shell (void)
{
  g_autofree char *shell = g_find_program_in_path ("sqlite3");

  if (shell == NULL)
    g_test_skip ("the sqlite3 shell is not installed");
  return shell != NULL;
}

static gboolean
label_says_busy (gpointer user_data)
{
  Editing *e = user_data;

  return strstr (gtk_label_get_text (e->error_label), "database is busy") != NULL;
}

static void
assert_waiting (Editing *e)
{
  assert_editor_kept_text (e, crm_busy_retry_get_waiting_message ());
}

static void
test_busy_editor (void)
{
  Editing e = { 0 };
  Shell shell;
  g_autofree char *notes = NULL;

  if (!have_sqlite3_shell ())
    return;

  editing_start (&e, "busy.db");
  shell_lock (&shell, e.path);

  /* Save returns at once, waiting; the window keeps drawing meanwhile. */
  click_save (&e);
  assert_waiting (&e);
  wait_for_paints (GTK_WIDGET (e.window), 3);
  wait_for_paints (GTK_WIDGET (e.editor), 3);
  if (!label_says_busy (&e))
    assert_waiting (&e);

  /* Past the busy timeout: a clear message, the text still there. */
  crm_test_ui_wait_until (label_says_busy, &e, "the editor to say the database is busy");
  assert_editor_kept_text (&e, "database is busy");
  notes = stored_notes (&e);
  g_assert_cmpstr (notes, ==, "before");
  g_clear_pointer (&notes, g_free);

  /* The other program is done: Save again saves. */
  shell_release (&shell);
  click_save (&e);
  crm_test_ui_wait_until (editor_closed, &e, "the editor to close after saving");
  notes = stored_notes (&e);
  g_assert_cmpstr (notes, ==, "typed by the user");
  editing_finish (&e);
}

static void
test_busy_released_while_waiting (void)
{
  Editing e = { 0 };
  Shell shell;
  g_autofree char *notes = NULL;

  if (!have_sqlite3_shell ())
    return;

  editing_start (&e, "busy-released.db");
  shell_lock (&shell, e.path);
  click_save (&e);
  assert_waiting (&e);

  /* The lock goes while the editor waits: the waiting save goes through. */
  shell_release (&shell);
  crm_test_ui_wait_until (editor_closed, &e, "the waiting save to go through");
  notes = stored_notes (&e);
  g_assert_cmpstr (notes, ==, "typed by the user");
  editing_finish (&e);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  dir = g_dir_make_tmp ("rapport-reliability-ui-XXXXXX", NULL);

  for (int kind = 0; kind < N_BAD_FILES; kind++)
    {
      g_autofree char *name = g_strdup_printf ("/bad-file/app/%s", bad_file_name (kind));

      g_test_add_data_func (name, GINT_TO_POINTER (kind), test_bad_file_app);
    }
  g_test_add_func ("/bad-file/app/open-another", test_open_another);
  g_test_add_func ("/bad-file/app/create-new", test_create_new);

  g_test_add_func ("/disk-full/editor", test_disk_full_editor);
  g_test_add_func ("/busy/editor", test_busy_editor);
  g_test_add_func ("/busy/released-while-waiting", test_busy_released_while_waiting);

  /* The editors' window belongs to an application; as in test-window. */
  editor_app = g_object_new (CRM_TYPE_APPLICATION,
                             "application-id", NULL,
                             "flags", G_APPLICATION_NON_UNIQUE,
                             "resource-base-path", RESOURCE_BASE,
                             NULL);
  g_application_register (G_APPLICATION (editor_app), NULL, &error);
  g_assert_no_error (error);
  status = g_test_run ();

  {
    g_autofree char *healthy = g_build_filename (dir, "healthy.db", NULL);

    g_remove (healthy);
    g_rmdir (dir);
  }
  g_object_unref (editor_app);
  return status;
}
