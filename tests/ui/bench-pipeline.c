/* bench-pipeline.c: how fast the pipeline board is with 10,000 deals
 *
 * A benchmark, not a test: it prints figures and asserts nothing about
 * them. Run it with `meson test -C build --benchmark` under a display.
 *
 *  - first frame: from a window presented on the Pipeline page (and, warm,
 *    from switching to the page) to the frame clock's first after-paint
 *  - drop to repaint: from a drop (the column's move-card signal, the path
 *    a real drop takes) through the database write, the totals and the
 *    list update to the end of the next painted frame; also the part of
 *    it spent before the frame (write + totals + list reload)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "crm-pipeline-page.h"
#include "crm-window.h"
#include "pipeline-seed.h"

#define N_OPPORTUNITIES 10000
#define N_WINDOWS 5
#define N_MOVES 100

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  painted = TRUE;
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the loop until @widget's frame clock has painted a frame after
 * now; returns the monotonic time when that frame finished. */
static gint64
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = NULL;
  gulong handler = 0;
  gint64 done;

  painted = FALSE;
  while (clock == NULL)
    {
      clock = gtk_widget_get_frame_clock (widget);
      if (clock == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  done = g_get_monotonic_time ();
  g_signal_handler_disconnect (clock, handler);
  return done;
}

static GtkWidget *
find_page (GtkWidget *widget)
{
  if (CRM_IS_PIPELINE_PAGE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_page (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        GArray     *ms)
{
  double sum = 0;

  g_array_sort (ms, compare_doubles);
  for (guint i = 0; i < ms->len; i++)
    sum += g_array_index (ms, double, i);
  g_print ("%-44s n=%-4u median %7.2f ms  mean %7.2f ms  p95 %7.2f ms  max %7.2f ms\n",
           what, ms->len,
           g_array_index (ms, double, ms->len / 2),
           sum / ms->len,
           g_array_index (ms, double, MIN (ms->len - 1, (guint)(ms->len * 0.95))),
           g_array_index (ms, double, ms->len - 1));
}

static gboolean
all_columns_have_rows (CrmPipelinePage *page)
{
  for (CrmStage stage = 0; stage < CRM_N_STAGES; stage++)
    {
      CrmPipelineColumn *column = crm_pipeline_page_get_column (page, stage);

      if (crm_pipeline_column_find_card (column, crm_pipeline_column_get_item_id (column, 0)) == NULL)
        return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(CrmRepository) repo = NULL;
  g_autoptr(GArray) cold = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) drop_sync = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) drop_paint = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  CrmWindow *window = NULL;
  CrmPipelinePage *page = NULL;
  AdwViewStack *stack = NULL;
  guint n_opportunities = N_OPPORTUNITIES;
  gint64 t0;
  guint wake;

  if (!gtk_init_check ())
    {
      g_print ("bench-pipeline: no display, nothing measured\n");
      return 0;
    }
  adw_init ();

  dir = g_dir_make_tmp ("rapport-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  repo = crm_repository_open (path, &error);
  g_assert_no_error (error);
  t0 = g_get_monotonic_time ();
  /* BENCH_PIPELINE_N overrides the size, to compare with a small board. */
  if (g_getenv ("BENCH_PIPELINE_N") != NULL)
    n_opportunities = (guint)g_ascii_strtoull (g_getenv ("BENCH_PIPELINE_N"), NULL, 10);
  pipeline_seed_many (repo, n_opportunities);
  g_print ("bench-pipeline: %u opportunities written in %.0f ms\n", n_opportunities,
           (g_get_monotonic_time () - t0) / 1000.0);

  app = adw_application_new ("io.github.rapportcrm.Rapport.PipelineBench", G_APPLICATION_NON_UNIQUE);
  g_application_set_resource_base_path (G_APPLICATION (app), RESOURCE_BASE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  wake = g_timeout_add (5, wake_cb, NULL);

  /* Cold: a new window, presented on the Pipeline page. */
  for (int i = 0; i < N_WINDOWS; i++)
    {
      gint64 start, end;

      if (window != NULL)
        {
          gtk_window_destroy (GTK_WINDOW (window));
          while (g_main_context_iteration (NULL, FALSE))
            ;
        }
      start = g_get_monotonic_time ();
      window = crm_window_new (GTK_APPLICATION (app), repo);
      gtk_window_set_default_size (GTK_WINDOW (window), 1400, 760);
      page = CRM_PIPELINE_PAGE (find_page (GTK_WIDGET (window)));
      stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK));
      adw_view_stack_set_visible_child_name (stack, "pipeline");
      gtk_window_present (GTK_WINDOW (window));
      end = wait_for_paint (GTK_WIDGET (window));
      g_assert_true (all_columns_have_rows (page));
      g_array_append_val (cold, ((double) { (end - start) / 1000.0 }));
    }

  /* Warm: switching to the page in a window already on screen. */
  for (int i = 0; i < N_WINDOWS; i++)
    {
      gint64 start, end;

      adw_view_stack_set_visible_child_name (stack, "customers");
      wait_for_paint (GTK_WIDGET (window));
      start = g_get_monotonic_time ();
      adw_view_stack_set_visible_child_name (stack, "pipeline");
      end = wait_for_paint (GTK_WIDGET (window));
      g_array_append_val (warm, ((double) { (end - start) / 1000.0 }));
    }

  /* Drops: a random card of a random column onto another column, before
   * that column's first card, through the column's drop signal. */
  for (int i = 0; i < N_MOVES; i++)
    {
      CrmStage from = g_rand_int_range (rand, 0, CRM_N_STAGES);
      CrmStage to = (from + g_rand_int_range (rand, 1, CRM_N_STAGES)) % CRM_N_STAGES;
      CrmPipelineColumn *source = crm_pipeline_page_get_column (page, from);
      CrmPipelineColumn *target = crm_pipeline_page_get_column (page, to);
      guint n_source = g_list_model_get_n_items (crm_pipeline_column_get_model (source));
      gint64 id, before_id;
      gint64 start, synced, end;

      if (n_source == 0)
        continue;
      id = crm_pipeline_column_get_item_id (source, g_rand_int_range (rand, 0, MIN (n_source, 8)));
      before_id = crm_pipeline_column_get_item_id (target, 0);

      wait_for_paint (GTK_WIDGET (window));
      start = g_get_monotonic_time ();
      g_signal_emit_by_name (target, "move-card", id, before_id);
      synced = g_get_monotonic_time ();
      end = wait_for_paint (GTK_WIDGET (window));
      g_assert_cmpint (crm_pipeline_column_get_item_id (target, 0), ==, id);
      g_array_append_val (drop_sync, ((double) { (synced - start) / 1000.0 }));
      g_array_append_val (drop_paint, ((double) { (end - start) / 1000.0 }));
    }

  g_print ("bench-pipeline: %u opportunities, GSK_RENDERER=%s\n", n_opportunities,
           g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  report ("first frame, new window on the board", cold);
  report ("first frame, switching to the board", warm);
  report ("drop: write + totals + list update", drop_sync);
  report ("drop to repaint (end of next frame)", drop_paint);

  g_source_remove (wake);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&repo);
  g_remove (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);
  return 0;
}
