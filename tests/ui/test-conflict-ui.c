/* test-conflict-ui.c: an edit that collides with another's keeps what
 * was typed, says who changed the record, and offers Reload
 *
 * The customer editor is opened from the detail's Edit button with the
 * real pointer, and typed into through the X server (crm-test-pointer.c);
 * meanwhile a second connection to the same file, as another person,
 * saves the same customer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "crm-application.h"
#include "crm-customers-page.h"
#include "crm-editors.h"
#include "crm-repository-private.h"
#include "crm-test-db.h"
#include "crm-test-pointer.h"
#include "crm-test-ui.h"
#include "crm-window.h"

static AdwApplication *app;

static GtkWidget *
child (gpointer    root,
       const char *id)
{
  GtkWidget *widget = crm_test_ui_find_by_id (GTK_WIDGET (root), id);

  g_assert_nonnull (widget);
  return widget;
}

static gboolean
widget_shown (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static gboolean
widget_ready (gpointer data)
{
  return widget_shown (data) && gtk_widget_is_sensitive (data);
}

static gboolean
widget_hidden (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

static gboolean
editor_open (gpointer data)
{
  GtkWindow *editor = crm_test_ui_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR);

  return editor != NULL && widget_shown (editor);
}

static gboolean
editor_closed (gpointer data)
{
  return crm_test_ui_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR) == NULL;
}

static void
click (GtkWidget *widget)
{
  crm_test_ui_wait_until (widget_ready, widget, "a control to click");
  /* The X server needs the window's latest frame before the click. */
  crm_test_xdotool ("sleep 0.1");
  crm_test_click (widget);
  crm_test_ui_iterate ();
}

/* Replaces the text of the entry row under the pointer, key by key. */
static void
retype (GtkWidget  *row,
        const char *text)
{
  g_autofree char *quoted = g_shell_quote (text);
  g_autofree char *args = g_strdup_printf ("type --delay 15 %s", quoted);

  click (row);
  crm_test_key ("ctrl+a");
  crm_test_xdotool (args);
  crm_test_ui_iterate ();
}

static gboolean
row_text_is (gpointer data)
{
  GtkWidget **row_and_text = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row_and_text[0])),
                    (const char *)row_and_text[1]) == 0;
}

static gboolean
label_is (gpointer data)
{
  gpointer *label_and_text = data;

  return g_strcmp0 (gtk_label_get_text (label_and_text[0]), label_and_text[1]) == 0;
}

static void
test_save_reload_save (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(CrmRepository) repo = NULL;
  g_autoptr(CrmRepository) other = NULL;
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(CrmCustomer) theirs = NULL;
  g_autoptr(CrmCustomer) stored = NULL;
  CrmWindow *window;
  CrmCustomersPage *page;
  GtkWindow *editor;
  GtkWidget *company_row, *conflict_box;
  const char *message;
  g_autofree char *edited = NULL;
  gpointer wait[2];
  gint64 id;

  repo = crm_test_db_open ("rapport-conflict-ui-XXXXXX", &dir, &path);
  crm_customer_set_name (customer, "Anna Schmidt");
  crm_customer_set_company (customer, "ACME");
  g_assert_true (crm_repository_add_customer (repo, customer, &error));
  g_assert_no_error (error);
  id = crm_customer_get_id (customer);
  /* Another person, on the same file. */
  other = crm_repository_open (path, &error);
  g_assert_no_error (error);
  crm_repository_set_user_name (other, "li.wei");

  window = crm_window_new (GTK_APPLICATION (app), repo);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);
  gtk_window_present (GTK_WINDOW (window));
  crm_test_ui_wait_until (widget_shown, window, "the window");
  crm_test_ui_wait_for_customers (GTK_WIDGET (window));
  page = CRM_CUSTOMERS_PAGE (crm_test_ui_find_by_type (GTK_WIDGET (window), CRM_TYPE_CUSTOMERS_PAGE));
  crm_customers_page_show_customer (page, id);

  /* Edit, from the detail, with the pointer; a new company typed. */
  click (child (window, "edit_button"));
  crm_test_ui_wait_until (editor_open, NULL, "the customer editor");
  editor = crm_test_ui_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR);
  company_row = child (editor, "company_row");
  conflict_box = child (editor, "conflict_box");
  g_assert_false (gtk_widget_get_visible (conflict_box));
  retype (company_row, "Nordlicht GmbH");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (company_row)), ==, "Nordlicht GmbH");

  /* Meanwhile li.wei saves the same customer. */
  theirs = crm_repository_get_customer (other, id, &error);
  g_assert_no_error (error);
  crm_customer_set_company (theirs, "Sonnenschein AG");
  crm_customer_set_email (theirs, "anna@sonnenschein.example");
  g_assert_true (crm_repository_update_customer (other, theirs, &error));
  g_assert_no_error (error);

  /* Save: refused, said so, nothing lost or written. */
  click (child (editor, "save_button"));
  crm_test_ui_wait_until (widget_shown, conflict_box, "the conflict message");
  message = gtk_label_get_text (GTK_LABEL (child (editor, "conflict_label")));
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "li.wei"));
  g_assert_nonnull (strstr (message, "Anna Schmidt"));
  g_assert_true (crm_test_ui_find_toplevel (CRM_TYPE_CUSTOMER_EDITOR) == editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (company_row)), ==, "Nordlicht GmbH");
  stored = crm_repository_get_customer (other, id, NULL);
  g_assert_cmpstr (crm_customer_get_company (stored), ==, "Sonnenschein AG");
  g_clear_object (&stored);

  /* Reload: the fields show li.wei's write, the message goes. */
  click (child (editor, "reload_button"));
  wait[0] = company_row;
  wait[1] = (gpointer)"Sonnenschein AG";
  crm_test_ui_wait_until (row_text_is, wait, "the reloaded company");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "email_row"))), ==,
                   "anna@sonnenschein.example");
  crm_test_ui_wait_until (widget_hidden, conflict_box, "the conflict message to go");

  /* Typed again and saved: written, over li.wei's, which it has seen. */
  retype (company_row, "Nordlicht GmbH");
  click (child (editor, "save_button"));
  crm_test_ui_wait_until (editor_closed, NULL, "the editor to close");
  stored = crm_repository_get_customer (other, id, NULL);
  g_assert_cmpstr (crm_customer_get_company (stored), ==, "Nordlicht GmbH");
  g_assert_cmpstr (crm_customer_get_email (stored), ==, "anna@sonnenschein.example");
  g_assert_cmpint (crm_customer_get_version (stored), ==, 3);
  g_assert_cmpstr (crm_customer_get_changed_by (stored), ==, crm_repository_get_user_name (repo));

  /* The detail says whose edit it shows, at what local time. */
  {
    g_autoptr(GDateTime) local = g_date_time_to_local (crm_customer_get_updated_at (stored));
    g_autofree char *time = g_date_time_format (local, "%H:%M");

    edited = g_strdup_printf ("Edited by %s, %s", crm_repository_get_user_name (repo), time);
    wait[0] = child (window, "edited_label");
    wait[1] = edited;
    crm_test_ui_wait_until (label_is, wait, edited);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  crm_test_ui_iterate ();
  g_clear_object (&other);
  g_assert_finalize_object (g_steal_pointer (&repo));
  crm_test_remove_dir (dir);
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
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  if (!crm_test_pointer_available ())
    {
      g_test_skip ("needs an X11 display and xdotool");
      return g_test_run ();
    }

  app = ADW_APPLICATION (crm_application_new ());
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);

  g_test_add_func ("/conflict-ui/save-reload-save", test_save_reload_save);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
