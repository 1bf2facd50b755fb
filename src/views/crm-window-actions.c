/* crm-window-actions.c: every win.* action of the main window
 *
 * Installed once on the class (gtk_widget_class_install_action), turned
 * on and off in _crm_window_actions_update() as the window's state
 * changes: the undo history, the visible page.
 *
 * Pages and editors reach these by name (gtk_widget_activate_action):
 * they announce what the user asked for, the window decides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-editors.h"
#include "crm-preferences-window.h"
#include "crm-window-private.h"

static void
editor_saved_cb (CrmWindow *self,
                 GObject   *record,
                 gboolean   added,
                 CrmEditor *editor)
{
  /* A new customer is selected and scrolled into view. */
  if (added && CRM_IS_CUSTOMER (record))
    crm_customers_page_show_customer (self->customers_page, crm_customer_get_id (CRM_CUSTOMER (record)));
}

static void
present_editor (CrmWindow *self,
                CrmEditor *editor)
{
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_customer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  present_editor (self, CRM_EDITOR (crm_customer_editor_new (GTK_WINDOW (self), self->repository,
                                                             self->undo_stack, NULL)));
}

/* Ctrl+F: the search of the page in view; a page without one keeps the
 * view where it is. */
static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  GtkWidget *visible = adw_view_stack_get_visible_child (self->view_stack);

  if (visible == GTK_WIDGET (self->customers_page))
    crm_customers_page_focus_search (self->customers_page);
  else if (visible == GTK_WIDGET (self->pipeline_page))
    crm_pipeline_page_focus_search (self->pipeline_page);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!crm_undo_stack_undo (self->undo_stack, &error))
    _crm_window_show_error (self, error);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!crm_undo_stack_redo (self->undo_stack, &error))
    _crm_window_show_error (self, error);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  CrmEditor *editor = NULL;

  if (g_str_equal (action_name, "win.edit-customer"))
    {
      g_autoptr(CrmCustomer) customer = crm_repository_get_customer (self->repository, id, &error);

      if (customer != NULL)
        editor = CRM_EDITOR (crm_customer_editor_new (GTK_WINDOW (self), self->repository,
                                                      self->undo_stack, customer));
    }
  else if (g_str_equal (action_name, "win.edit-interaction"))
    {
      g_autoptr(CrmInteraction) interaction = crm_repository_get_interaction (self->repository, id, &error);

      if (interaction != NULL)
        editor = CRM_EDITOR (crm_interaction_editor_new (GTK_WINDOW (self), self->repository,
                                                         self->undo_stack, interaction));
    }
  else
    {
      g_autoptr(CrmOpportunity) opportunity = crm_repository_get_opportunity (self->repository, id, &error);

      if (opportunity != NULL)
        editor = CRM_EDITOR (crm_opportunity_editor_new (GTK_WINDOW (self), self->repository,
                                                         self->undo_stack, opportunity));
    }
  if (editor == NULL)
    _crm_window_show_error (self, error);
  else
    present_editor (self, editor);
}

static void
add_interaction_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  g_autoptr(CrmInteraction) interaction = crm_interaction_new ();

  crm_interaction_set_customer_id (interaction, g_variant_get_int64 (parameter));
  present_editor (self, CRM_EDITOR (crm_interaction_editor_new (GTK_WINDOW (self), self->repository,
                                                                self->undo_stack, interaction)));
}

static void
add_opportunity_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  g_autoptr(CrmOpportunity) opportunity = crm_opportunity_new ();

  crm_opportunity_set_customer_id (opportunity, g_variant_get_int64 (parameter));
  present_editor (self, CRM_EDITOR (crm_opportunity_editor_new (GTK_WINDOW (self), self->repository,
                                                                self->undo_stack, opportunity)));
}

/* win.delete-customer, -interaction, -opportunity (x): at once, without
 * asking; the toast and Ctrl+Z bring it back. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  GType type;

  if (g_str_equal (action_name, "win.delete-customer"))
    type = CRM_TYPE_CUSTOMER;
  else if (g_str_equal (action_name, "win.delete-interaction"))
    type = CRM_TYPE_INTERACTION;
  else
    type = CRM_TYPE_OPPORTUNITY;
  if (!crm_undo_stack_delete (self->undo_stack, self->repository, type,
                              g_variant_get_int64 (parameter), &error))
    _crm_window_show_error (self, error);
}

static void
delete_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  gint64 id = crm_customers_page_get_selected_id (self->customers_page);
  g_autoptr(GError) error = NULL;

  if (id > 0 && !crm_undo_stack_delete (self->undo_stack, self->repository, CRM_TYPE_CUSTOMER, id, &error))
    _crm_window_show_error (self, error);
}

/* win.show-error (s): how a page reports a failure it cannot show itself. */
static void
show_error_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                 g_variant_get_string (parameter, NULL));

  _crm_window_show_error (CRM_WINDOW (widget), error);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (crm_preferences_window_new (GTK_WINDOW (widget))));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _crm_window_transfer_import (CRM_WINDOW (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _crm_window_transfer_export (CRM_WINDOW (widget));
}

void
_crm_window_class_actions_init (CrmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.new-customer", NULL, new_customer_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.edit-customer", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "win.edit-interaction", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "win.edit-opportunity", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "win.add-interaction", "x", add_interaction_action);
  gtk_widget_class_install_action (widget_class, "win.add-opportunity", "x", add_opportunity_action);
  gtk_widget_class_install_action (widget_class, "win.delete-customer", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "win.delete-interaction", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "win.delete-opportunity", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "win.delete-selected", NULL, delete_selected_action);
  gtk_widget_class_install_action (widget_class, "win.show-error", "s", show_error_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);

}

void
_crm_window_actions_update (CrmWindow *self)
{
  GtkWidget *visible;

  if (self->undo_stack == NULL)
    return;
  visible = adw_view_stack_get_visible_child (self->view_stack);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 crm_undo_stack_get_can_undo (self->undo_stack));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 crm_undo_stack_get_can_redo (self->undo_stack));
  /* The Activity page has no search of its own. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search",
                                 visible != GTK_WIDGET (self->activity_page));
}
