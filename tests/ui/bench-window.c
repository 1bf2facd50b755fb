/* bench-window.c: how fast the main window is with 10k, 100k and 1M customers
 *
 * A benchmark, not a test: it prints one table and asserts nothing about
 * the figures. It needs a display (Xvfb is fine) and runs each
 * measurement in a child process of its own (a re-run of this program),
 * so that start-up and memory are those of a fresh process:
 *
 *  - first frame: from before the child is spawned (so exec, linking,
 *    GTK and the database open are in it) to the first after-paint of the
 *    main window's frame clock, and to the first one whose customers list
 *    has rows. The child is the real CrmApplication, started as main.c
 *    starts it, with --database; the database file's pages are dropped
 *    from the page cache before each run (posix_fadvise), so the open is
 *    cold as far as the kernel lets a user make it.
 *  - search: from the insertion of one character into the real window's
 *    search entry (what a key press does once the input method has
 *    committed it) to the end of the first frame painted after the
 *    list's model changed; queries of 1, 2, 3 and 6 characters, Latin and
 *    Chinese, cut from stored customers. The character before the last is
 *    typed first and allowed to settle: the figure is the last key's.
 *  - sort: from a click of a column header's button (its "clicked"
 *    signal) to the first frame after the list changed; a first click
 *    sorts ascending, the next descending, both are timed.
 *
 * "The list changed" is when the customers page has put a query's rows
 * in (its busy property going back to FALSE): the list model is stable
 * and emits items-changed only when the count changes, so a sort, or a
 * search with as many matches, changes no item.
 *  - memory: VmRSS and VmHWM (/proc/self/status) after scrolling the
 *    customers list from top to bottom, one page of the scrolled window's
 *    adjustment at a time, waiting for a painted frame after each.
 *  - the naive way, as the reference: every customer in a GListStore
 *    (time to fill it, memory after) and searched with a GtkCustomFilter
 *    over it (time for the filter model to finish).
 *  - the board with 10,000 opportunities: the figures of bench-pipeline,
 *    run as a child.
 *
 *   bench-window [--sizes 10k,100k,1M] [--samples N] [--data-dir DIR]
 *                [--pipeline-bench PATH] [--no-scroll]
 *
 * Run by hand from the build directory under a display, for instance
 * xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session --
 * build/tests/ui/bench-window --sizes 10k --samples 5.
 *
 * Each key and click comes KEY_GAP_MS after the frame before it, as a
 * person's do (see idle_for()).
 *
 * BENCH_WINDOW_DEBUG=1 prints, for each key, when the list changed and
 * when the frame after it ended, and the frame clock's phases; BENCH_WINDOW_FIRST_FRAME_ONLY=1 makes the
 * first-frame child stop at its first frame (for an empty database).
 *
 * Databases are made once per size with the benchmark data generator
 * (crm_bench_data_generate) and kept in --data-dir, under the names
 * bench-repository gives them, so the two share them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "crm-application.h"
#include "crm-bench-data.h"
#include "crm-customer-header.h"
#include "crm-customers-page.h"
#include "crm-paged-model.h"
#include "crm-test-ui.h"
#include "crm-window.h"

/* the seed bench-repository uses too: the same databases serve both */
#define SEED 1
#define N_FIRST_FRAME_RUNS 5
#define N_SORT_ROUNDS 8
/* the pause before each key or click timed, in ms (see idle_for()) */
#define KEY_GAP_MS 60

/* ---- shared ---------------------------------------------------------- */

static gint64
proc_status_kb (const char *field)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return -1;
  line = strstr (text, field);
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (field) + 1, NULL, 10);
}

static void
result (const char *key,
        double      value)
{
  g_print ("@%s %.3f\n", key, value);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Nearest-rank percentile. */
static double
percentile (GArray *values,
            double  p)
{
  guint rank;

  if (values->len == 0)
    return -1;
  g_array_sort (values, compare_doubles);
  rank = (guint)(p / 100.0 * values->len + 0.999999);
  rank = CLAMP (rank, 1, values->len);
  return g_array_index (values, double, rank - 1);
}

static void
result_percentiles (const char *key,
                    GArray     *ms)
{
  g_autofree char *p50 = g_strdup_printf ("%s.p50", key);
  g_autofree char *p95 = g_strdup_printf ("%s.p95", key);
  g_autofree char *p99 = g_strdup_printf ("%s.p99", key);

  result (p50, percentile (ms, 50));
  result (p95, percentile (ms, 95));
  result (p99, percentile (ms, 99));
}

static const guint query_lengths[] = { 1, 2, 3, 6 };

static gboolean
is_latin (gunichar c)
{
  return c < 0x80 && g_unichar_isalnum (c);
}

static gboolean
is_han (gunichar c)
{
  return g_unichar_get_script (c) == G_UNICODE_SCRIPT_HAN;
}

/* A run of @length characters of one kind cut from @text, or NULL. */
static char *
cut_query (const char *text,
           guint       length,
           gboolean    chinese,
           GRand      *rand)
{
  g_autofree gunichar *chars = g_utf8_to_ucs4 (text, -1, NULL, NULL, NULL);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n;

  if (chars == NULL)
    return NULL;
  for (n = 0; chars[n] != 0; n++)
    ;
  for (guint i = 0; i + length <= n; i++)
    {
      gboolean ok = TRUE;

      for (guint j = i; j < i + length && ok; j++)
        ok = chinese ? is_han (chars[j]) : is_latin (chars[j]);
      if (ok)
        g_array_append_val (starts, i);
    }
  if (starts->len == 0)
    return NULL;
  {
    guint start = g_array_index (starts, guint, g_rand_int_range (rand, 0, starts->len));
    return g_ucs4_to_utf8 (chars + start, length, NULL, NULL, NULL);
  }
}

/* The same queries in every child: substrings of random stored customers. */
static GPtrArray *
make_queries (CrmRepository *repo,
              gboolean       chinese,
              guint          length,
              guint          n_samples)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED * 100 + length * 2 + chinese);
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);
  CrmCustomerQuery all = { NULL, -1, CRM_CUSTOMER_SORT_ID, FALSE };
  gint64 n = crm_repository_count_customers (repo, &all, NULL);

  for (guint attempt = 0; queries->len < n_samples && attempt < n_samples * 200; attempt++)
    {
      g_autoptr(GPtrArray) rows = crm_repository_list_customers (repo, &all,
                                                                 g_rand_int_range (rand, 0, n), 1,
                                                                 NULL);
      CrmCustomer *customer;
      const char *fields[3];
      char *query;

      if (rows == NULL || rows->len == 0)
        continue;
      customer = g_ptr_array_index (rows, 0);
      fields[0] = crm_customer_get_name (customer);
      fields[1] = crm_customer_get_company (customer);
      fields[2] = crm_customer_get_email (customer);
      query = cut_query (fields[g_rand_int_range (rand, 0, 3)], length, chinese, rand);
      if (query != NULL)
        g_ptr_array_add (queries, query);
    }
  return queries;
}

static const char *
query_key (gboolean chinese,
           guint    length)
{
  static char key[64];

  g_snprintf (key, sizeof key, "search.%s.%u", chinese ? "zh" : "latin", length);
  return key;
}

/* ---- waiting for frames ---------------------------------------------- */

static gint64 last_paint;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  last_paint = g_get_monotonic_time ();
}

/* Runs the loop until a frame that began after @since has been painted;
 * returns when it ended. */
static gint64
wait_for_paint_after (GtkWidget *widget,
                      gint64     since)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  gint64 painted;

  last_paint = 0;
  gtk_widget_queue_draw (widget);
  while (last_paint <= since)
    g_main_context_iteration (NULL, TRUE);
  painted = last_paint;
  g_signal_handler_disconnect (clock, handler);
  return painted;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* ---- child: first frame ---------------------------------------------- */

typedef struct
{
  GtkApplication *app;
  GtkWidget *window;
  gint64 first;
  gint64 rows;
} FirstFrame;

/* Whether a list view, grid view or column view of the customers page,
 * whatever the page's design, is on screen with rows. */
static gboolean
shows_rows (GtkWidget *widget)
{
  GtkSelectionModel *model = NULL;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_COLUMN_VIEW (widget))
    model = gtk_column_view_get_model (GTK_COLUMN_VIEW (widget));
  else if (GTK_IS_LIST_VIEW (widget))
    model = gtk_list_view_get_model (GTK_LIST_VIEW (widget));
  else if (GTK_IS_GRID_VIEW (widget))
    model = gtk_grid_view_get_model (GTK_GRID_VIEW (widget));
  if (model != NULL)
    return g_list_model_get_n_items (G_LIST_MODEL (model)) > 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_rows (child))
      return TRUE;
  return FALSE;
}

static gboolean
customers_list_has_rows (GtkWidget *window)
{
  GtkWidget *page = crm_test_ui_find_by_type (window, CRM_TYPE_CUSTOMERS_PAGE);

  return page != NULL && shows_rows (page);
}

static void
first_frame_paint_cb (GdkFrameClock *clock,
                      FirstFrame    *ff)
{
  gint64 now = g_get_monotonic_time ();

  if (ff->first == 0)
    {
      ff->first = now;
      /* nothing to wait for in an empty database */
      if (g_getenv ("BENCH_WINDOW_FIRST_FRAME_ONLY") != NULL)
        {
          g_print ("@first-frame.us %" G_GINT64_FORMAT "\n", ff->first);
          g_application_quit (G_APPLICATION (ff->app));
          return;
        }
    }
  if (ff->rows == 0 && customers_list_has_rows (ff->window))
    {
      ff->rows = now;
      g_print ("@first-frame.us %" G_GINT64_FORMAT "\n", ff->first);
      g_print ("@rows-frame.us %" G_GINT64_FORMAT "\n", ff->rows);
      g_application_quit (G_APPLICATION (ff->app));
    }
}

static void
first_frame_realize_cb (GtkWidget  *window,
                        FirstFrame *ff)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_frame_paint_cb), ff);
}

static void
first_frame_window_added_cb (GtkApplication *app,
                             GtkWindow      *window,
                             FirstFrame     *ff)
{
  if (ff->window != NULL || !CRM_IS_WINDOW (window))
    return;
  ff->window = GTK_WIDGET (window);
  g_signal_connect_after (window, "realize", G_CALLBACK (first_frame_realize_cb), ff);
}

/* As main.c, plus the frame clock hook. */
static int
child_first_frame (const char *database)
{
  g_autoptr(CrmApplication) app = NULL;
  FirstFrame ff = { 0 };
  char *argv[] = { (char *)"rapport", (char *)"--database", (char *)database, NULL };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = crm_application_new ();
  ff.app = GTK_APPLICATION (app);
  g_signal_connect (app, "window-added", G_CALLBACK (first_frame_window_added_cb), &ff);
  return g_application_run (G_APPLICATION (app), 3, argv);
}

/* ---- child: the window ----------------------------------------------- */

typedef struct
{
  CrmWindow *window;
  GtkWidget *entry;
  GtkWidget *page;
  GtkWidget *view;
  CrmCustomerHeader *header;
  GListModel *list;
  gint64 changed;      /* when the page last put a query's rows in */
} Window;

static void
phase_cb (GdkFrameClock *clock, const char *name)
{
  g_printerr ("T %.1f %s\n", g_get_monotonic_time () / 1000.0, name);
}

static void
busy_changed_cb (GObject    *page,
                 GParamSpec *pspec,
                 Window     *w)
{
  gboolean busy;

  g_object_get (page, "busy", &busy, NULL);
  if (busy)
    return;
  if (g_getenv ("BENCH_WINDOW_DEBUG"))
    g_printerr ("T %.1f changed\n", g_get_monotonic_time () / 1000.0);
  w->changed = g_get_monotonic_time ();
}

static gboolean
page_idle (gpointer data)
{
  Window *w = data;
  gboolean busy = FALSE, counting = FALSE;

  g_object_get (w->page, "busy", &busy, "counting", &counting, NULL);
  return !busy && !counting && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (w->entry)),
                             crm_customers_page_get_search (CRM_CUSTOMERS_PAGE (w->page))) == 0;
}

/* A person's key comes at typing pace, not right after a frame: without
 * this, the frame settle() forces would hold the next one back by up to
 * a refresh interval (GDK's frame clock paces frames), which no key typed
 * by hand meets. */
static void
idle_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
}

/* Until the page shows the results of what the entry says, painted. */
static void
settle (Window *w)
{
  crm_test_ui_wait_until (page_idle, w, "the search to settle");
  wait_for_paint_after (GTK_WIDGET (w->window), g_get_monotonic_time ());
  idle_for (KEY_GAP_MS);
}

/* One key: the last character of @query, with the rest already there. */
static double
time_last_key (Window     *w,
               const char *query)
{
  const char *last = g_utf8_prev_char (query + strlen (query));
  g_autofree char *prefix = g_strndup (query, last - query);
  int position = (int)g_utf8_strlen (prefix, -1);
  gint64 start, end;

  gtk_editable_set_text (GTK_EDITABLE (w->entry), prefix);
  gtk_editable_set_position (GTK_EDITABLE (w->entry), -1);
  settle (w);

  w->changed = 0;
  start = g_get_monotonic_time ();
  if (g_getenv ("BENCH_WINDOW_DEBUG"))
    g_printerr ("T %.1f insert\n", start / 1000.0);
  gtk_editable_insert_text (GTK_EDITABLE (w->entry), last, -1, &position);
  while (w->changed == 0)
    g_main_context_iteration (NULL, TRUE);
  end = wait_for_paint_after (GTK_WIDGET (w->window), w->changed);
  if (g_getenv ("BENCH_WINDOW_DEBUG"))
    g_printerr ("key %s: list changed after %.1f ms, painted after %.1f ms\n", query,
                (w->changed - start) / 1000.0, (end - start) / 1000.0);
  g_assert_cmpstr (crm_customers_page_get_search (CRM_CUSTOMERS_PAGE (w->page)), ==, query);
  return (end - start) / 1000.0;
}

static double
time_sort (Window            *w,
           CrmCustomerColumn  column)
{
  GtkWidget *button = crm_customer_header_get_button (w->header, column);
  gint64 start, end;

  settle (w);
  w->changed = 0;
  start = g_get_monotonic_time ();
  g_signal_emit_by_name (button, "clicked");
  while (w->changed == 0)
    g_main_context_iteration (NULL, TRUE);
  end = wait_for_paint_after (GTK_WIDGET (w->window), w->changed);
  return (end - start) / 1000.0;
}

static gboolean
rows_shown (gpointer data)
{
  Window *w = data;

  return g_list_model_get_n_items (w->list) > 0;
}

static int
child_window (const char *database,
              guint       n_samples,
              gboolean    scroll)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(CrmRepository) repo = NULL;
  GtkAdjustment *adjustment;
  Window w = { 0 };
  static const char *sort_names[] = { "company", "email", "phone", "status", "created", "name" };
  guint wake;
  gint64 start;
  guint pages = 0;

  gtk_init ();
  adw_init ();
  app = adw_application_new ("io.github.rapportcrm.Rapport.WindowBench", G_APPLICATION_NON_UNIQUE);
  g_application_set_resource_base_path (G_APPLICATION (app), RESOURCE_BASE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  wake = g_timeout_add (5, wake_cb, NULL);

  repo = crm_repository_open (database, &error);
  g_assert_no_error (error);
  w.window = crm_window_new (GTK_APPLICATION (app), repo);
  gtk_window_set_default_size (GTK_WINDOW (w.window), 1200, 760);
  gtk_window_present (GTK_WINDOW (w.window));
  w.entry = crm_test_ui_find_by_id (GTK_WIDGET (w.window), "search_entry");
  w.page = crm_test_ui_find_by_type (GTK_WIDGET (w.window), CRM_TYPE_CUSTOMERS_PAGE);
  w.view = crm_test_ui_find_by_id (GTK_WIDGET (w.window), "list_view");
  w.header = CRM_CUSTOMER_HEADER (crm_test_ui_find_by_type (GTK_WIDGET (w.window), CRM_TYPE_CUSTOMER_HEADER));
  w.list = G_LIST_MODEL (gtk_grid_view_get_model (GTK_GRID_VIEW (w.view)));
  g_signal_connect (w.page, "notify::busy", G_CALLBACK (busy_changed_cb), &w);
  if (g_getenv ("BENCH_WINDOW_DEBUG"))
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (w.window));
      g_signal_connect (clock, "update", G_CALLBACK (phase_cb), (gpointer)"update");
      g_signal_connect (clock, "layout", G_CALLBACK (phase_cb), (gpointer)"layout");
      g_signal_connect (clock, "paint", G_CALLBACK (phase_cb), (gpointer)"paint");
      g_signal_connect_after (clock, "paint", G_CALLBACK (phase_cb), (gpointer)"paint-end");
      g_signal_connect (clock, "after-paint", G_CALLBACK (phase_cb), (gpointer)"after-paint");
    }
  crm_test_ui_wait_until (rows_shown, &w, "the first rows");
  settle (&w);
  result ("rss.open.kb", proc_status_kb ("VmRSS:"));

  /* Search, after a few unmeasured keys: the first ones fill font and
   * glyph caches that every later key finds filled. */
  {
    g_autoptr(GPtrArray) warm = make_queries (repo, FALSE, 2, 3);

    for (guint i = 0; i < warm->len; i++)
      time_last_key (&w, g_ptr_array_index (warm, i));
  }
  for (guint chinese = 0; chinese < 2; chinese++)
    for (guint l = 0; l < G_N_ELEMENTS (query_lengths); l++)
      {
        g_autoptr(GPtrArray) queries = make_queries (repo, chinese, query_lengths[l], n_samples);
        g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));

        for (guint i = 0; i < queries->len; i++)
          {
            double t = time_last_key (&w, g_ptr_array_index (queries, i));
            g_array_append_val (ms, t);
          }
        result_percentiles (query_key (chinese, query_lengths[l]), ms);
      }
  gtk_editable_set_text (GTK_EDITABLE (w.entry), "");
  settle (&w);

  /* Sort: each column, name last (from the one before); a click on a
   * column sorted ascending reverses it, so every click is a change the
   * list must show. */
  for (guint c = 0; c < G_N_ELEMENTS (sort_names); c++)
    {
      g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *key = g_strdup_printf ("sort.%s", sort_names[c]);
      guint index = (c + 1) % G_N_ELEMENTS (sort_names);

      for (guint round = 0; round < N_SORT_ROUNDS; round++)
        {
          double t = time_sort (&w, index);

          g_array_append_val (ms, t);
        }
      result_percentiles (key, ms);
    }
  crm_customer_header_set_sort (w.header, CRM_CUSTOMER_COLUMN_NAME, FALSE);
  settle (&w);

  /* Scroll the whole list, a page at a time, a frame each. */
  if (scroll)
    {
      GtkWidget *scrolled = gtk_widget_get_ancestor (w.view, GTK_TYPE_SCROLLED_WINDOW);

      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      start = g_get_monotonic_time ();
      while (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment)
             < gtk_adjustment_get_upper (adjustment))
        {
          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment)
                                                + gtk_adjustment_get_page_size (adjustment));
          wait_for_paint_after (GTK_WIDGET (w.window), g_get_monotonic_time ());
          pages++;
        }
      result ("scroll.pages", pages);
      result ("scroll.ms", (g_get_monotonic_time () - start) / 1000.0);
      result ("scroll.frame.ms", (g_get_monotonic_time () - start) / 1000.0 / MAX (pages, 1));
    }
  result ("rss.scrolled.kb", proc_status_kb ("VmRSS:"));
  result ("hwm.scrolled.kb", proc_status_kb ("VmHWM:"));
  /* VmRSS counts the database pages SQLite reads through its memory map
   * (file-backed, shared, given back under pressure) */
  result ("anon.scrolled.kb", proc_status_kb ("RssAnon:"));
  result ("file.scrolled.kb", proc_status_kb ("RssFile:"));

  g_source_remove (wake);
  gtk_window_destroy (GTK_WINDOW (w.window));
  crm_test_ui_iterate ();
  return 0;
}

/* ---- child: the naive way -------------------------------------------- */

static gboolean
naive_match (gpointer item,
             gpointer user_data)
{
  CrmCustomer *customer = item;
  const char *q = *(const char **)user_data;

  return strstr (crm_customer_get_name (customer), q) != NULL
         || strstr (crm_customer_get_company (customer), q) != NULL
         || strstr (crm_customer_get_email (customer), q) != NULL
         || strstr (crm_customer_get_phone (customer), q) != NULL;
}

static int
child_naive (const char *database,
             guint       n_samples)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRepository) repo = NULL;
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GtkFilterListModel) filtered = NULL;
  GtkCustomFilter *filter;
  CrmCustomerQuery all = CRM_CUSTOMER_QUERY_INIT;
  const char *query = "";
  gint64 start;

  gtk_init ();
  repo = crm_repository_open (database, &error);
  g_assert_no_error (error);
  result ("naive.rss.base.kb", proc_status_kb ("VmRSS:"));

  start = g_get_monotonic_time ();
  store = g_list_store_new (CRM_TYPE_CUSTOMER);
  rows = crm_repository_list_customers (repo, &all, 0, G_MAXUINT, &error);
  g_assert_no_error (error);
  g_list_store_splice (store, 0, 0, rows->pdata, rows->len);
  g_clear_pointer (&rows, g_ptr_array_unref);
  result ("naive.fill.ms", (g_get_monotonic_time () - start) / 1000.0);
  result ("naive.rss.kb", proc_status_kb ("VmRSS:"));
  result ("naive.anon.kb", proc_status_kb ("RssAnon:"));

  filter = gtk_custom_filter_new (naive_match, &query, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)), GTK_FILTER (filter));
  gtk_filter_list_model_set_incremental (filtered, FALSE);
  for (guint chinese = 0; chinese < 2; chinese++)
    for (guint l = 0; l < G_N_ELEMENTS (query_lengths); l++)
      {
        g_autoptr(GPtrArray) queries = make_queries (repo, chinese, query_lengths[l], n_samples);
        g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
        g_autofree char *key = g_strdup_printf ("naive.%s", query_key (chinese, query_lengths[l]));

        for (guint i = 0; i < queries->len; i++)
          {
            double t;

            query = g_ptr_array_index (queries, i);
            start = g_get_monotonic_time ();
            gtk_filter_changed (GTK_FILTER (filter), GTK_FILTER_CHANGE_DIFFERENT);
            (void) g_list_model_get_n_items (G_LIST_MODEL (filtered));
            t = (g_get_monotonic_time () - start) / 1000.0;
            g_array_append_val (ms, t);
          }
        result_percentiles (key, ms);
      }
  return 0;
}

/* ---- the driver ------------------------------------------------------ */

typedef struct
{
  guint n;
  GHashTable *values;  /* key -> double* */
} Run;

static void
parse_results (const char *output,
               GHashTable *values,
               double      offset_us)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      double *value;

      if (lines[i][0] != '@')
        continue;
      parts = g_strsplit (lines[i] + 1, " ", 2);
      if (parts[0] == NULL || parts[1] == NULL)
        continue;
      value = g_new (double, 1);
      *value = g_ascii_strtod (parts[1], NULL);
      g_hash_table_replace (values, g_strdup (parts[0]), value);
    }
}

static char *
run_child (const char * const *argv,
           gint64             *spawned)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  *spawned = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error))
    g_error ("%s", error->message);
  if (!g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s%s\nbench-window: %s failed: %s\n", out, err, argv[2], error->message);
      exit (1);
    }
  if (err != NULL && *err != '\0')
    g_printerr ("%s", err);
  /* the raw figures as they come, so a long run cut short still says
   * what it measured */
  g_printerr ("%s", out);
  return g_steal_pointer (&out);
}

/* Drops the database's pages from the page cache, so the next open reads
 * the disk. */
static void
drop_cache (const char *database)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (database, suffixes[i], NULL);
      int fd = open (path, O_RDONLY);

      if (fd < 0)
        continue;
      fdatasync (fd);
      posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
      close (fd);
    }
}

static char *
ensure_database (const char *dir,
                 guint       n)
{
  g_autofree char *name = g_strdup_printf ("bench-%u-seed%u-v%d.db", n, SEED,
                                          CRM_REPOSITORY_SCHEMA_VERSION);
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRepository) repo = NULL;
  gint64 start;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  g_mkdir_with_parents (dir, 0755);
  g_remove (partial);
  start = g_get_monotonic_time ();
  g_printerr ("bench-window: generating %u customers into %s ...\n", n, path);
  repo = crm_repository_open (partial, &error);
  if (repo == NULL || !crm_bench_data_generate (repo, n, SEED, &error))
    g_error ("Cannot generate %s: %s", path, error->message);
  g_clear_object (&repo);
  if (g_rename (partial, path) != 0)
    g_error ("Cannot rename %s", partial);
  {
    g_autofree char *wal = g_strconcat (partial, "-wal", NULL);
    g_autofree char *shm = g_strconcat (partial, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  g_printerr ("bench-window: generated in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
  return path;
}

static double
get (Run        *run,
     const char *key)
{
  double *value = g_hash_table_lookup (run->values, key);

  return value != NULL ? *value : -1;
}

static guint
parse_size (const char *text)
{
  char *end = NULL;
  double n = g_ascii_strtod (text, &end);

  if (end != NULL && (*end == 'k' || *end == 'K'))
    n *= 1000;
  else if (end != NULL && (*end == 'm' || *end == 'M'))
    n *= 1000000;
  return (guint) n;
}

static char *
size_label (guint n)
{
  if (n >= 1000000 && n % 1000000 == 0)
    return g_strdup_printf ("%uM", n / 1000000);
  if (n >= 1000 && n % 1000 == 0)
    return g_strdup_printf ("%uk", n / 1000);
  return g_strdup_printf ("%u", n);
}

/* "12.3 ms" or "12.3 ms (0.05x)" when a reference exists. */
static char *
cell (double      value,
      const char *unit,
      double      reference)
{
  if (value < 0)
    return g_strdup ("—");
  if (reference > 0)
    return g_strdup_printf ("%.1f %s (%.2f×)", value, unit, value / reference);
  return g_strdup_printf ("%.1f %s", value, unit);
}

static void
print_row (GPtrArray  *runs,
           const char *label,
           const char *target,
           char *(*format) (Run *run, gpointer data),
           gpointer    data)
{
  g_print ("| %s |", label);
  for (guint i = 0; i < runs->len; i++)
    {
      g_autofree char *text = format (g_ptr_array_index (runs, i), data);
      g_print (" %s |", text);
    }
  g_print (" %s |\n", target);
}

static char *
format_first_frame (Run     *run,
                    gpointer data)
{
  return cell (get (run, data), "ms", get (run, "naive.fill.ms"));
}

static char *
format_search (Run     *run,
               gpointer data)
{
  g_autofree char *p50 = g_strdup_printf ("%s.p50", (char *)data);
  g_autofree char *p95 = g_strdup_printf ("%s.p95", (char *)data);
  g_autofree char *p99 = g_strdup_printf ("%s.p99", (char *)data);
  g_autofree char *naive = g_strdup_printf ("naive.%s.p95", (char *)data);
  double reference = get (run, naive);

  if (get (run, p50) < 0)
    return g_strdup ("—");
  if (reference > 0)
    return g_strdup_printf ("%.1f / %.1f / %.1f ms (%.2f×)", get (run, p50), get (run, p95),
                            get (run, p99), get (run, p95) / reference);
  return g_strdup_printf ("%.1f / %.1f / %.1f ms", get (run, p50), get (run, p95), get (run, p99));
}

static char *
format_plain_ms (Run     *run,
                 gpointer data)
{
  return cell (get (run, data), "ms", -1);
}

static char *
format_memory (Run     *run,
               gpointer data)
{
  double kb = get (run, data);
  double naive = get (run, "naive.rss.kb");

  if (kb < 0)
    return g_strdup ("—");
  if (naive > 0)
    return g_strdup_printf ("%.0f MB (%.2f×)", kb / 1024, kb / naive);
  return g_strdup_printf ("%.0f MB", kb / 1024);
}

static char *
format_anon (Run     *run,
             gpointer data)
{
  double kb = get (run, data);
  double naive = get (run, "naive.anon.kb");

  if (kb < 0)
    return g_strdup ("—");
  if (naive > 0)
    return g_strdup_printf ("%.0f MB (%.2f×)", kb / 1024, kb / naive);
  return g_strdup_printf ("%.0f MB", kb / 1024);
}

static char *
format_naive_memory (Run     *run,
                     gpointer data)
{
  double kb = get (run, data);

  return kb < 0 ? g_strdup ("—") : g_strdup_printf ("%.0f MB", kb / 1024);
}

static char *
format_count (Run     *run,
              gpointer data)
{
  double n = get (run, data);

  return n < 0 ? g_strdup ("—") : g_strdup_printf ("%.0f", n);
}

/* The board's lines from bench-pipeline: "what  n=… median X ms … p95 Y ms". */
static void
parse_board (const char *output,
             GHashTable *values)
{
  static const struct { const char *prefix; const char *key; } lines[] = {
    { "first frame, new window on the board", "board.first" },
    { "first frame, switching to the board", "board.switch" },
    { "drop to repaint", "board.drop" },
  };
  g_auto(GStrv) split = g_strsplit (output, "\n", -1);

  for (guint i = 0; split[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (lines); j++)
      if (g_str_has_prefix (split[i], lines[j].prefix))
        {
          const char *median = strstr (split[i], "median");
          const char *p95 = strstr (split[i], "p95");
          double *m = g_new (double, 1), *p = g_new (double, 1);

          *m = median ? g_ascii_strtod (median + 6, NULL) : -1;
          *p = p95 ? g_ascii_strtod (p95 + 3, NULL) : -1;
          g_hash_table_replace (values, g_strconcat (lines[j].key, ".p50", NULL), m);
          g_hash_table_replace (values, g_strconcat (lines[j].key, ".p95", NULL), p);
        }
}

/* ---- first frame against a minimal libadwaita window ------------------ */

static char *
load_average (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  fields = g_strsplit (text, " ", 4);
  return g_strdup_printf ("%s %s %s", fields[0], fields[1], fields[2]);
}

/* Time from spawning @argv to the first frame with rows, in ms, or -1. */
static double
first_rows_frame (const char * const *argv,
                  const char         *database)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *out = NULL;
  gint64 spawned;
  double *t;

  if (database != NULL)
    drop_cache (database);
  out = run_child (argv, &spawned);
  parse_results (out, values, 0);
  t = g_hash_table_lookup (values, "rows-frame.us");
  return t != NULL ? (*t - spawned) / 1000.0 : -1;
}

/* Rapport's first frame with customer rows against the least a
 * libadwaita application paints (a header bar and a list): the same
 * environment, the same number of runs, taken in turns so that a change
 * of load hits both; medians. Rapport's start-up should cost at most
 * 1.3 times the minimal window's. */
static void
compare_first_frames (const char *self,
                      const char *database,
                      guint       n)
{
  const char *rapport[] = { self, "--child", "first-frame", "--database", database, NULL };
  const char *minimal[] = { BENCH_MINIMAL_WINDOW, NULL };
  g_autoptr(GArray) r = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) m = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *load_before = load_average ();
  g_autofree char *load_after = NULL;
  g_autofree char *label = size_label (n);
  double rapport_ms, minimal_ms;

  for (guint i = 0; i < N_FIRST_FRAME_RUNS; i++)
    {
      double a = first_rows_frame (rapport, database);
      double b = first_rows_frame (minimal, NULL);

      if (a >= 0)
        g_array_append_val (r, a);
      if (b >= 0)
        g_array_append_val (m, b);
    }
  load_after = load_average ();
  rapport_ms = percentile (r, 50);
  minimal_ms = percentile (m, 50);
  g_print ("\nFirst frame with rows, from process start (median of %u runs; load average %s before, %s after)\n",
           N_FIRST_FRAME_RUNS, load_before, load_after);
  g_print ("| window | first frame with rows | target |\n|---|---|---|\n");
  g_print ("| Rapport, %s customers | %.0f ms | |\n", label, rapport_ms);
  g_print ("| minimal libadwaita window (header bar, list) | %.0f ms | |\n", minimal_ms);
  g_print ("| ratio | %.2f× | ≤ 1.3× |\n", rapport_ms / minimal_ms);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *sizes = NULL;
  g_autofree char *child = NULL;
  g_autofree char *database = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *pipeline_bench = NULL;
  g_autoptr(GPtrArray) runs = g_ptr_array_new ();
  g_autoptr(GHashTable) board = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) size_list = NULL;
  g_autofree char *self = NULL;
  g_autofree char *samples_arg = NULL;
  int samples = 20;
  gboolean no_scroll = FALSE;
  gboolean first_frame_only = FALSE;
  const GOptionEntry entries[] = {
    { "first-frame-only", 0, 0, G_OPTION_ARG_NONE, &first_frame_only,
      "Only compare the first frame with a minimal window's, on the first size", NULL },
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes, "Numbers of customers, such as 10k,100k,1M", "LIST" },
    { "samples", 0, 0, G_OPTION_ARG_INT, &samples, "Queries per search figure (20)", "N" },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &data_dir, "Where the databases are kept", "DIR" },
    { "pipeline-bench", 0, 0, G_OPTION_ARG_FILENAME, &pipeline_bench, "bench-pipeline, for the board", "PATH" },
    { "no-scroll", 0, 0, G_OPTION_ARG_NONE, &no_scroll, "Skip scrolling the whole list", NULL },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &child, NULL, NULL },
    { "database", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &database, NULL, NULL },
    { NULL }
  };

  /* Run by hand as under meson: the build's schema, no saved settings,
   * the cairo renderer, the databases bench-repository keeps. */
  g_setenv ("GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  context = g_option_context_new ("- the main window's benchmark");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (g_strcmp0 (child, "first-frame") == 0)
    return child_first_frame (database);
  if (g_strcmp0 (child, "window") == 0)
    return child_window (database, samples, !no_scroll);
  if (g_strcmp0 (child, "naive") == 0)
    return child_naive (database, samples);

  if (!gtk_init_check ())
    {
      g_print ("bench-window: no display, nothing measured\n");
      return 0;
    }
  if (data_dir == NULL)
    data_dir = g_strdup (BENCH_DATA_DIR);
  if (pipeline_bench == NULL && g_file_test (BENCH_PIPELINE, G_FILE_TEST_IS_EXECUTABLE))
    pipeline_bench = g_strdup (BENCH_PIPELINE);
  self = g_file_read_link ("/proc/self/exe", NULL);
  samples_arg = g_strdup_printf ("%d", samples);
  size_list = g_strsplit (sizes ? sizes : "10k,100k,1M", ",", -1);
  if (first_frame_only)
    {
      guint n = parse_size (size_list[0]);
      g_autofree char *db = ensure_database (data_dir, n);

      compare_first_frames (self, db, n);
      return 0;
    }

  for (guint s = 0; size_list[s] != NULL; s++)
    {
      Run *run = g_new0 (Run, 1);
      g_autofree char *db = NULL;
      g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (double));

      run->n = parse_size (size_list[s]);
      run->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_ptr_array_add (runs, run);
      db = ensure_database (data_dir, run->n);

      for (guint i = 0; i < N_FIRST_FRAME_RUNS; i++)
        {
          const char *args[] = { self, "--child", "first-frame", "--database", db, NULL };
          g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_autofree char *out = NULL;
          gint64 spawned;
          double *t;

          drop_cache (db);
          out = run_child (args, &spawned);
          parse_results (out, values, 0);
          t = g_hash_table_lookup (values, "first-frame.us");
          if (t != NULL)
            g_array_append_val (first, ((double) { (*t - spawned) / 1000.0 }));
          t = g_hash_table_lookup (values, "rows-frame.us");
          if (t != NULL)
            g_array_append_val (rows, ((double) { (*t - spawned) / 1000.0 }));
        }
      g_hash_table_replace (run->values, g_strdup ("first-frame.ms"),
                            g_memdup2 (&(double) { percentile (first, 50) }, sizeof (double)));
      g_hash_table_replace (run->values, g_strdup ("rows-frame.ms"),
                            g_memdup2 (&(double) { percentile (rows, 50) }, sizeof (double)));

      {
        const char *args[] = { self, "--child", "window", "--database", db, "--samples", samples_arg,
                               no_scroll ? "--no-scroll" : NULL, NULL };
        gint64 spawned;
        g_autofree char *out = run_child (args, &spawned);
        parse_results (out, run->values, 0);
      }
      {
        const char *args[] = { self, "--child", "naive", "--database", db, "--samples", samples_arg, NULL };
        gint64 spawned;
        g_autofree char *out = run_child (args, &spawned);
        parse_results (out, run->values, 0);
      }
      g_printerr ("bench-window: %u customers measured\n", run->n);
    }

  if (pipeline_bench != NULL)
    {
      const char *args[] = { pipeline_bench, NULL };
      gint64 spawned;
      g_autofree char *out = run_child (args, &spawned);
      parse_board (out, board);
    }

  /* The table */
  {
    const char *renderer = g_getenv ("GSK_RENDERER");
    GdkDisplay *display = gdk_display_get_default ();

    g_print ("\nRapport main window, GSK_RENDERER=%s, display %s (%s), %u cores\n",
             renderer ? renderer : "(default)", gdk_display_get_name (display),
             G_OBJECT_TYPE_NAME (display), g_get_num_processors ());
    g_print ("search cells: p50 / p95 / p99 over %d queries; (×) = p95 / p95 of the naive "
             "GtkCustomFilter over a GListStore of every customer\n\n", samples);
    g_print ("| figure |");
    for (guint i = 0; i < runs->len; i++)
      {
        g_autofree char *label = size_label (((Run *)g_ptr_array_index (runs, i))->n);
        g_print (" %s customers |", label);
      }
    g_print (" target at 1M |\n|---|");
    for (guint i = 0; i < runs->len; i++)
      g_print ("---|");
    g_print ("---|\n");

    print_row (runs, "first frame from process start, cold database (× naive fill)", "≤ 300 ms",
               format_first_frame, "first-frame.ms");
    print_row (runs, "first frame with customer rows (× naive fill)", "",
               format_first_frame, "rows-frame.ms");
    print_row (runs, "naive: a GListStore of every customer, filled", "",
               format_plain_ms, "naive.fill.ms");
    for (guint chinese = 0; chinese < 2; chinese++)
      for (guint l = 0; l < G_N_ELEMENTS (query_lengths); l++)
        {
          g_autofree char *label = g_strdup_printf ("search, key to painted list, %u %s character%s",
                                                    query_lengths[l], chinese ? "Chinese" : "Latin",
                                                    query_lengths[l] > 1 ? "s" : "");
          g_autofree char *key = g_strdup (query_key (chinese, query_lengths[l]));

          print_row (runs, label, "p95 ≤ 25 ms (≤ 50 ms at 1M)", format_search, key);
        }
    {
      static const char *names[] = { "name", "company", "email", "phone", "status", "created" };
      for (guint c = 0; c < G_N_ELEMENTS (names); c++)
        {
          g_autofree char *label = g_strdup_printf ("sort by %s, header click to painted list", names[c]);
          g_autofree char *key = g_strdup_printf ("sort.%s", names[c]);

          print_row (runs, label, "p95 ≤ 25 ms", format_search, key);
        }
    }
    print_row (runs, "pages scrolled (whole list, a frame each; — = not scrolled)", "", format_count, "scroll.pages");
    print_row (runs, "mean frame while scrolling", "", format_plain_ms, "scroll.frame.ms");
    print_row (runs, "VmRSS after scrolling the whole list (× naive)", "≤ 200 MB",
               format_memory, "rss.scrolled.kb");
    print_row (runs, "VmHWM after scrolling the whole list (× naive)", "",
               format_memory, "hwm.scrolled.kb");
    print_row (runs, "of which RssAnon, the process's own memory (× naive RssAnon)", "",
               format_anon, "anon.scrolled.kb");
    print_row (runs, "of which RssFile, database pages read through SQLite's memory map", "",
               format_naive_memory, "file.scrolled.kb");
    print_row (runs, "naive: VmRSS with the GListStore filled", "",
               format_naive_memory, "naive.rss.kb");
    print_row (runs, "naive: RssAnon with the GListStore filled", "",
               format_naive_memory, "naive.anon.kb");
    if (g_hash_table_size (board) > 0)
      {
        static const struct { const char *label; const char *key; const char *target; } rows[] = {
          { "board, 10,000 opportunities: first frame of a new window", "board.first", "" },
          { "board, 10,000 opportunities: first frame, switching to it", "board.switch", "" },
          { "board, 10,000 opportunities: drop to repaint", "board.drop", "≤ 16 ms" },
        };

        /* One board whatever the number of customers: its figures go
         * in the first column. */
        for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
          {
            g_autofree char *p50 = g_strconcat (rows[r].key, ".p50", NULL);
            g_autofree char *p95 = g_strconcat (rows[r].key, ".p95", NULL);
            double *m = g_hash_table_lookup (board, p50);
            double *p = g_hash_table_lookup (board, p95);

            g_print ("| %s (median / p95) | %.1f / %.1f ms |", rows[r].label,
                     m ? *m : -1, p ? *p : -1);
            for (guint i = 1; i < runs->len; i++)
              g_print (" |");
            g_print (" %s |\n", rows[r].target);
          }
      }
  }

  /* and the ratio to a minimal window, on the first size */
  {
    guint n = parse_size (size_list[0]);
    g_autofree char *db = ensure_database (data_dir, n);

    compare_first_frames (self, db, n);
  }
  return 0;
}
