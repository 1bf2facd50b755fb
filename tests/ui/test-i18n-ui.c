/* test-i18n-ui.c: the real window, in Simplified Chinese
 *
 * Runs under LANG/LC_ALL=zh_CN.UTF-8 and LANGUAGE=zh_CN with the catalogs
 * this build compiled (TEST_LOCALEDIR is the build's po/ dir), so what the
 * test finds is what a Chinese user sees, and a msgid that lost its
 * translation fails here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "crm-application.h"
#include "crm-customer-header.h"
#include "crm-format.h"
#include "crm-preferences-window.h"
#include "crm-window.h"

typedef struct
{
  char *dir;
  CrmApplication *app;   /* borrowed: one per process */
  CrmRepository *repository;
  CrmWindow *window;
} Fixture;

static CrmApplication *application;

/* Runs the main loop until nothing is pending. */
static void
iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
wait_timed_out_cb (gpointer user_data)
{
  g_error ("waited 10 s for %s", (const char *) user_data);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @widget is mapped (the X server has answered
 * and a frame was laid out): an event, not a delay, ends the wait. The
 * timeout only turns a hang into a failure. */
static void
wait_mapped (GtkWidget  *widget,
             const char *what)
{
  guint timeout = g_timeout_add_seconds (10, wait_timed_out_cb, (gpointer) what);

  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  iterate ();
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* The first widget of @type inside @widget, depth first. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a mapped label inside @root shows exactly @text. */
static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (root, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_ptr_array_index (labels, i), text) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_shows_label (GtkWidget  *root,
                    const char *text)
{
  if (!shows_label (root, text))
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      g_autoptr(GString) seen = g_string_new (NULL);

      collect_labels (root, labels);
      for (guint i = 0; i < labels->len; i++)
        g_string_append_printf (seen, " “%s”", (char *) g_ptr_array_index (labels, i));
      g_error ("no label “%s” is shown; the labels are:%s", text, seen->str);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("rapport-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "rapport.db", NULL);
  f->repository = crm_repository_open (path, &error);
  g_assert_no_error (error);

  f->app = application;
  f->window = crm_window_new (GTK_APPLICATION (f->app), f->repository);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_mapped (GTK_WIDGET (f->window), "the main window");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "rapport.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  gtk_window_destroy (GTK_WINDOW (f->window));
  iterate ();
  g_assert_finalize_object (f->repository);
  g_settings_reset (settings, "currency");
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
test_view_switcher (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (f->window);
  AdwViewStack *stack = ADW_VIEW_STACK (find_widget (root, ADW_TYPE_VIEW_STACK));
  static const struct { const char *name; const char *title; } pages[] = {
    { "customers", "客户" },
    { "pipeline", "销售管道" },
    { "activity", "互动记录" },
  };

  g_assert_true (gtk_widget_get_mapped (root));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (root)), ==, "Rapport");
  /* The catalog is the build's, and it is used. */
  g_assert_cmpstr (_("Customers"), ==, "客户");

  /* The view switcher in the header bar: the three pages by their
   * Chinese names. */
  assert_shows_label (root, "客户");
  assert_shows_label (root, "销售管道");
  assert_shows_label (root, "互动记录");
  g_assert_false (shows_label (root, "Customers"));
  g_assert_false (shows_label (root, "Pipeline"));

  /* The pages themselves carry those titles (the switcher bar at narrow
   * widths shows the same). */
  g_assert_nonnull (stack);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (stack, pages[i].name);

      g_assert_nonnull (child);
      g_assert_cmpstr (adw_view_stack_page_get_title (adw_view_stack_get_page (stack, child)), ==, pages[i].title);
    }

  /* Enum labels as the board and the lists show them. */
  g_assert_cmpstr (crm_stage_get_label (CRM_STAGE_LEAD), ==, "线索");
  g_assert_cmpstr (crm_stage_get_label (CRM_STAGE_PROPOSAL), ==, "方案");
  g_assert_cmpstr (crm_stage_get_label (CRM_STAGE_NEGOTIATION), ==, "谈判");
  g_assert_cmpstr (crm_stage_get_label (CRM_STAGE_CLOSED), ==, "赢单");
  g_assert_cmpstr (crm_stage_get_label (CRM_STAGE_LOST), ==, "输单");
  g_assert_cmpstr (crm_customer_status_get_label (CRM_CUSTOMER_STATUS_LEAD), ==, "潜在客户");
  g_assert_cmpstr (crm_customer_status_get_label (CRM_CUSTOMER_STATUS_ACTIVE), ==, "活跃");
  g_assert_cmpstr (crm_customer_status_get_label (CRM_CUSTOMER_STATUS_INACTIVE), ==, "停用");

  /* The customers list: with one customer the list (not the empty
   * state) is on screen, and its headers are Chinese. */
  {
    g_autoptr(CrmCustomer) customer = crm_customer_new ();
    g_autoptr(GError) error = NULL;
    GtkWidget *header;
    GtkWidget *pipeline;
    static const char * const stages[] = { "线索", "方案", "谈判", "赢单", "输单" };

    crm_customer_set_name (customer, "王伟");
    crm_customer_set_company (customer, "上海华信贸易有限公司");
    crm_repository_add_customer (f->repository, customer, &error);
    g_assert_no_error (error);
    iterate ();

    header = find_widget (root, CRM_TYPE_CUSTOMER_HEADER);
    g_assert_nonnull (header);
    wait_mapped (header, "the customers table's header");
    assert_shows_label (header, "姓名");
    assert_shows_label (header, "公司");
    g_assert_false (shows_label (header, "Name"));
    g_assert_false (shows_label (header, "Company"));

    /* How many match, in Chinese, the digits grouped as zh_CN groups them */
    assert_shows_label (root, "1 位客户");
    g_assert_true (crm_repository_begin (f->repository, NULL));
    for (guint i = 0; i < 1233; i++)
      {
        g_autoptr(CrmCustomer) more = crm_customer_new ();
        g_autofree char *name = g_strdup_printf ("客户 %u", i);

        crm_customer_set_name (more, name);
        crm_repository_add_customer (f->repository, more, &error);
        g_assert_no_error (error);
      }
    g_assert_true (crm_repository_commit (f->repository, NULL));
    iterate ();
    assert_shows_label (root, "1,234 位客户");

    /* The board: one column per stage, titled in Chinese. */
    adw_view_stack_set_visible_child_name (stack, "pipeline");
    pipeline = adw_view_stack_get_child_by_name (stack, "pipeline");
    wait_mapped (pipeline, "the pipeline page");
    g_assert_false (gtk_widget_get_mapped (header));
    for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
      assert_shows_label (pipeline, stages[i]);
    g_assert_false (shows_label (pipeline, "Lead"));
    g_assert_false (shows_label (pipeline, "Won"));
  }
}

static GtkWidget *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (CRM_IS_PREFERENCES_WINDOW (item))
        return GTK_WIDGET (item);
    }
  return NULL;
}


static void
test_preferences_currency (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) accels = NULL;
  g_autofree char *money = NULL;
  GtkStringObject *selected;
  GtkWidget *preferences;
  AdwComboRow *row;

  /* Ctrl+, opens Preferences. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "win.preferences");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>comma");

  g_assert_null (find_preferences ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.preferences", NULL));
  iterate ();
  preferences = find_preferences ();
  g_assert_nonnull (preferences);
  wait_mapped (preferences, "the Preferences window");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (f->window));
  assert_shows_label (preferences, "金额");
  assert_shows_label (preferences, "货币");

  /* Unset, the currency is the locale's: yuan under zh_CN. */
  row = ADW_COMBO_ROW (find_widget (preferences, ADW_TYPE_COMBO_ROW));
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);
  selected = adw_combo_row_get_selected_item (row);
  g_assert_cmpstr (gtk_string_object_get_string (selected), ==, "跟随区域：人民币（CNY）");
  money = crm_format_money (123456);
  g_assert_cmpstr (money, ==, "¥1,234.56");
  g_clear_pointer (&money, g_free);

  /* Choosing the euro stores its code, and the application formats in it
   * from then on, with Chinese digit grouping still. */
  for (guint i = 0; i < crm_preferences_window_get_n_currencies (); i++)
    if (g_str_equal (crm_preferences_window_get_currency_code (i), "EUR"))
      adw_combo_row_set_selected (row, i);
  iterate ();
  selected = adw_combo_row_get_selected_item (row);
  g_assert_cmpstr (gtk_string_object_get_string (selected), ==, "欧元（EUR）");
  g_assert_cmpstr (g_settings_get_string (settings, "currency"), ==, "EUR");
  g_assert_cmpstr (crm_format_get_currency (), ==, "EUR");
  money = crm_format_money (123456);
  g_assert_cmpstr (money, ==, "€1,234.56");
  g_clear_pointer (&money, g_free);

  /* Back to the first row: "" again, the locale's yuan. */
  adw_combo_row_set_selected (row, 0);
  iterate ();
  g_assert_cmpstr (g_settings_get_string (settings, "currency"), ==, "");
  g_assert_cmpstr (crm_format_get_currency (), ==, "CNY");

  gtk_window_destroy (GTK_WINDOW (preferences));
  iterate ();
}

static void
skip_locale_missing (void)
{
  g_test_skip ("the zh_CN.UTF-8 locale is not installed (build-aux/dev generates it)");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *locale;
  int status;

  /* Before GTK calls setlocale (LC_ALL, ""): gettext ignores LANGUAGE
   * under the C locale, so LANG and LC_ALL must name zh_CN too. */
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  g_setenv ("LANG", "zh_CN.UTF-8", TRUE);
  g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* gtk_test_init () leaves the locale alone: set it here. */
  locale = setlocale (LC_ALL, "");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (locale == NULL || !g_str_has_prefix (locale, "zh_CN"))
    {
      g_test_add_func ("/i18n/zh_CN/locale-missing", skip_locale_missing);
      return g_test_run ();
    }

  /* The real application: its startup sets the accelerators and applies
   * the currency setting. Non-unique, so parallel test programs do not
   * meet on the bus. */
  application = crm_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    g_error ("cannot register the application: %s", error->message);

  g_test_add ("/i18n/zh_CN/view-switcher", Fixture, NULL,
              fixture_set_up, test_view_switcher, fixture_tear_down);
  g_test_add ("/i18n/zh_CN/preferences-currency", Fixture, NULL,
              fixture_set_up, test_preferences_currency, fixture_tear_down);

  status = g_test_run ();
  g_object_unref (application);
  return status;
}
