/* screenshots.c: retakes the README's screenshots from the real window
 *
 * Usage: screenshots OUTDIR
 *
 * Builds a database of demo customers and deals (the board's ten
 * customers and sixteen deals, a timeline for 张伟, 300 generated
 * customers), opens the app's own CrmWindow on it at 1400, 800 and 360
 * pixels wide, shows the customers page with 张伟 selected and the
 * pipeline board, and saves what the window painted as
 * OUTDIR/PAGE-LANG-WIDTH.png. The language is the environment's:
 *
 *   build/tests/ui/screenshots data/screenshots
 *   LANGUAGE=zh_CN LANG=zh_CN.UTF-8 build/tests/ui/screenshots data/screenshots
 *
 * It needs a display (xvfb-run) and Chinese fonts (fonts-noto-cjk).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <adwaita.h>

#include "crm-application.h"
#include "crm-bench-data.h"
#include "crm-customers-page.h"
#include "crm-test-ui.h"
#include "crm-window.h"
#include "pipeline-seed.h"

static const struct
{
  int width;
  int height;
} sizes[] = {
  { 1400, 860 },
  { 800, 640 },
  { 360, 640 },
};

static const char *db_suffixes[] = { "", "-wal", "-shm" };

static void
add_interaction (CrmRepository      *repository,
                 gint64              customer_id,
                 CrmInteractionType  type,
                 const char         *notes,
                 const char         *occurred_at)
{
  g_autoptr(CrmInteraction) interaction = crm_interaction_new ();
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (occurred_at, NULL);
  g_autoptr(GError) error = NULL;

  crm_interaction_set_customer_id (interaction, customer_id);
  crm_interaction_set_interaction_type (interaction, type);
  crm_interaction_set_notes (interaction, notes);
  crm_interaction_set_occurred_at (interaction, when);
  if (!crm_repository_add_interaction (repository, interaction, &error))
    g_error ("%s", error->message);
}

static CrmRepository *
demo_database (const char *path)
{
  g_autoptr(CrmRepository) repository = NULL;
  g_autoptr(GError) error = NULL;

  repository = crm_repository_open (path, &error);
  if (repository == NULL)
    g_error ("%s", error->message);
  /* The board's customers come first: 张伟 is id 1. */
  pipeline_seed_demo (repository);
  add_interaction (repository, 1, CRM_INTERACTION_TYPE_MEETING,
                   "演示数据仓库迁移方案，客户关心停机时间", "2026-11-24T06:30:00Z");
  add_interaction (repository, 1, CRM_INTERACTION_TYPE_EMAIL,
                   "Sent the migration plan and the quote", "2026-11-26T02:15:00Z");
  add_interaction (repository, 1, CRM_INTERACTION_TYPE_CALL,
                   "约好下周二与技术团队通话", "2026-11-30T08:00:00Z");
  if (!crm_bench_data_generate (repository, 300, 1, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&repository);
}

/* Saves what @widget painted last as a PNG: the window alone, without
 * the screen around it. */
static void
save_png (GtkWidget  *widget,
          const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Cannot write %s", path);
  g_print ("%s\n", path);
}

static void
shoot (CrmApplication *app,
       CrmRepository  *repository,
       const char     *outdir,
       const char     *lang,
       int             width,
       int             height)
{
  CrmWindow *window = crm_window_new (GTK_APPLICATION (app), repository);
  AdwViewStack *stack;
  CrmCustomersPage *page;
  g_autofree char *customers = NULL;
  g_autofree char *pipeline = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  crm_test_ui_wait_for_customers (GTK_WIDGET (window));
  page = CRM_CUSTOMERS_PAGE (crm_test_ui_find_by_type (GTK_WIDGET (window), CRM_TYPE_CUSTOMERS_PAGE));
  stack = ADW_VIEW_STACK (crm_test_ui_find_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

  /* Wide, the list and the detail side by side; narrow, the detail is
   * its own page, so the list is shot before a customer is shown. */
  if (width < 600)
    {
      g_autofree char *list = g_strdup_printf ("%s/customers-list-%s-%d.png", outdir, lang, width);

      crm_test_ui_wait_for_frames (GTK_WIDGET (window), 4);
      save_png (GTK_WIDGET (window), list);
    }
  crm_customers_page_show_customer (page, 1);
  crm_test_ui_wait_for_frames (GTK_WIDGET (window), 4);
  customers = g_strdup_printf ("%s/customers-%s-%d.png", outdir, lang, width);
  save_png (GTK_WIDGET (window), customers);

  adw_view_stack_set_visible_child_name (stack, "pipeline");
  crm_test_ui_wait_for_frames (GTK_WIDGET (window), 6);
  pipeline = g_strdup_printf ("%s/pipeline-%s-%d.png", outdir, lang, width);
  save_png (GTK_WIDGET (window), pipeline);

  gtk_window_destroy (GTK_WINDOW (window));
  crm_test_ui_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrmRepository) repository = NULL;
  g_autoptr(CrmApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *messages;
  g_autofree char *lang = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s OUTDIR\n", argv[0]);
      return 2;
    }
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, SCREENSHOTS_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_init ();
  adw_init ();

  /* “en” or the language part of the locale, such as “zh_CN” */
  messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || g_str_equal (messages, "C") || g_str_has_prefix (messages, "C.")
      || g_str_has_prefix (messages, "en"))
    lang = g_strdup ("en");
  else
    lang = g_strndup (messages, strcspn (messages, "."));

  app = g_object_new (CRM_TYPE_APPLICATION,
                      "application-id", NULL,
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", RESOURCE_BASE,
                      NULL);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  dir = g_dir_make_tmp ("rapport-screenshots-XXXXXX", &error);
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "demo.db", NULL);
  repository = demo_database (path);

  g_mkdir_with_parents (argv[1], 0755);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    shoot (app, repository, argv[1], lang, sizes[i].width, sizes[i].height);

  g_clear_object (&repository);
  for (guint i = 0; i < G_N_ELEMENTS (db_suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, db_suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
  return 0;
}
