/* crm-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-pipeline-page.h"
#include "crm-window.h"
#include "crm-window-transfer.h"
#include "crm-preferences-window.h"
#include "crm-activity-page.h"
#include "crm-customers-page.h"
#include "crm-editors.h"

struct _CrmWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  AdwViewStack *view_stack;
  CrmPipelinePage *pipeline_page;
  CrmCustomersPage *customers_page;
  CrmActivityPage *activity_page;

  /* owned */
  CrmRepository *repository;
  GSettings *settings;
  gboolean activity_loaded;

  /* the one operation Undo (the toast's button, Ctrl+Z) reverts */
  AdwToast *undo_toast;
  CrmUndoFunc undo_func;
  gpointer undo_data;
  GDestroyNotify undo_data_free;
};

G_DEFINE_FINAL_TYPE (CrmWindow, crm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_REPOSITORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_preferences_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkWidget *preferences = crm_preferences_window_new (GTK_WINDOW (widget));

  gtk_window_present (GTK_WINDOW (preferences));
}

static void
clear_undo (CrmWindow *self)
{
  gpointer data = g_steal_pointer (&self->undo_data);
  GDestroyNotify data_free = g_steal_pointer (&self->undo_data_free);

  self->undo_func = NULL;
  g_clear_object (&self->undo_toast);
  if (data_free != NULL && data != NULL)
    data_free (data);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "undo")),
                               FALSE);
}

static void
undo_toast_dismissed_cb (CrmWindow *self,
                         AdwToast  *toast)
{
  if (toast == self->undo_toast)
    clear_undo (self);
}

static GtkWindow *
editor_parent (CrmWindow *self)
{
  return GTK_WINDOW (self);
}

static void
new_customer_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  CrmWindow *self = user_data;

  gtk_window_present (GTK_WINDOW (crm_customer_editor_new (editor_parent (self), self->repository, NULL)));
}

static void
search_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CrmWindow *self = user_data;

  adw_view_stack_set_visible_child_name (self->view_stack, "customers");
  crm_customers_page_focus_search (self->customers_page);
}

static void
undo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CrmWindow *self = user_data;
  CrmUndoFunc func = self->undo_func;
  gpointer data = g_steal_pointer (&self->undo_data);
  GDestroyNotify data_free = g_steal_pointer (&self->undo_data_free);
  g_autoptr(AdwToast) toast = g_steal_pointer (&self->undo_toast);

  if (func == NULL)
    return;
  clear_undo (self);
  adw_toast_dismiss (toast);
  func (self, data);
  if (data_free != NULL && data != NULL)
    data_free (data);
}

static void
show_error (CrmWindow    *self,
            const GError *error)
{
  /* A toast's title is markup; a message may quote what the user typed. */
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  crm_window_add_toast (self, adw_toast_new (escaped));
}

static void
edit_customer_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  CrmWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCustomer) customer = NULL;

  customer = crm_repository_get_customer (self->repository, g_variant_get_int64 (parameter), &error);
  if (customer == NULL)
    {
      show_error (self, error);
      return;
    }
  gtk_window_present (GTK_WINDOW (crm_customer_editor_new (editor_parent (self), self->repository, customer)));
}

static void
edit_opportunity_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  CrmWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOpportunity) opportunity = NULL;

  opportunity = crm_repository_get_opportunity (self->repository, g_variant_get_int64 (parameter), &error);
  if (opportunity == NULL)
    {
      show_error (self, error);
      return;
    }
  gtk_window_present (GTK_WINDOW (crm_opportunity_editor_new (editor_parent (self), self->repository, opportunity)));
}

static void
edit_interaction_activated (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  CrmWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmInteraction) interaction = NULL;

  interaction = crm_repository_get_interaction (self->repository, g_variant_get_int64 (parameter), &error);
  if (interaction == NULL)
    {
      show_error (self, error);
      return;
    }
  gtk_window_present (GTK_WINDOW (crm_interaction_editor_new (editor_parent (self), self->repository, interaction)));
}

static void
add_interaction_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  CrmWindow *self = user_data;
  g_autoptr(CrmInteraction) interaction = crm_interaction_new ();

  crm_interaction_set_customer_id (interaction, g_variant_get_int64 (parameter));
  gtk_window_present (GTK_WINDOW (crm_interaction_editor_new (editor_parent (self), self->repository, interaction)));
}

static void
add_opportunity_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  CrmWindow *self = user_data;
  g_autoptr(CrmOpportunity) opportunity = crm_opportunity_new ();

  crm_opportunity_set_customer_id (opportunity, g_variant_get_int64 (parameter));
  gtk_window_present (GTK_WINDOW (crm_opportunity_editor_new (editor_parent (self), self->repository, opportunity)));
}

static void
delete_customer_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  CrmWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_window_delete_customer (self, g_variant_get_int64 (parameter), &error))
    show_error (self, error);
}

static void
delete_selected_activated (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  CrmWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_customers_page_get_selected_id (self->customers_page);

  if (id > 0 && !crm_window_delete_customer (self, id, &error))
    show_error (self, error);
}

static const GActionEntry win_entries[] = {
  { "new-customer", new_customer_activated },
  { "search", search_activated },
  { "undo", undo_activated },
  { "edit-customer", edit_customer_activated, "x" },
  { "edit-opportunity", edit_opportunity_activated, "x" },
  { "edit-interaction", edit_interaction_activated, "x" },
  { "add-interaction", add_interaction_activated, "x" },
  { "add-opportunity", add_opportunity_activated, "x" },
  { "delete-customer", delete_customer_activated, "x" },
  { "delete-selected", delete_selected_activated },
};

/* The Pipeline and Activity pages read the database when they are first
 * shown, not before the window's first frame: with a million customers,
 * three million interactions and a hundred thousand opportunities their
 * counts and totals cost more than a frame. */
static void
visible_page_changed_cb (CrmWindow *self)
{
  GtkWidget *visible = adw_view_stack_get_visible_child (self->view_stack);

  if (self->repository == NULL)
    return;
  if (visible == GTK_WIDGET (self->pipeline_page)
      && crm_pipeline_page_get_repository (self->pipeline_page) == NULL)
    crm_pipeline_page_set_repository (self->pipeline_page, self->repository);
  if (visible == GTK_WIDGET (self->activity_page) && !self->activity_loaded)
    {
      self->activity_loaded = TRUE;
      crm_activity_page_set_repository (self->activity_page, self->repository);
    }
}

static void
crm_window_dispose (GObject *object)
{
  CrmWindow *self = (CrmWindow *)object;

  clear_undo (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_WINDOW);
  g_clear_object (&self->repository);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_window_parent_class)->dispose (object);
}

static void
crm_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      self->repository = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_window_constructed (GObject *object)
{
  CrmWindow *self = CRM_WINDOW (object);

  G_OBJECT_CLASS (crm_window_parent_class)->constructed (object);

  crm_customers_page_set_repository (self->customers_page, self->repository);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (visible_page_changed_cb), self, G_CONNECT_SWAPPED);
  visible_page_changed_cb (self);
}

static void
crm_window_class_init (CrmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_window_constructed;
  object_class->dispose = crm_window_dispose;
  object_class->get_property = crm_window_get_property;
  object_class->set_property = crm_window_set_property;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, CRM_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CRM_TYPE_PIPELINE_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, view_stack);

  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, show_preferences_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, pipeline_page);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, customers_page);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, activity_page);

  g_type_ensure (CRM_TYPE_CUSTOMERS_PAGE);
  g_type_ensure (CRM_TYPE_ACTIVITY_PAGE);
}

static void
crm_window_init (CrmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  crm_window_transfer_init (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries, G_N_ELEMENTS (win_entries), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "undo")),
                               FALSE);

  /* Size and maximized state survive a restart. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

CrmWindow *
crm_window_new (GtkApplication *application,
                CrmRepository  *repository)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);

  return g_object_new (CRM_TYPE_WINDOW,
                       "application", application,
                       "repository", repository,
                       NULL);
}

CrmRepository *
crm_window_get_repository (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);
  return self->repository;
}

/**
 * crm_window_add_toast:
 * @toast: (transfer full): a toast to show over the window's content
 */
void
crm_window_add_toast (CrmWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * crm_window_push_undo:
 * @title: the toast's text, such as “Deleted 张三”
 * @undo_func: puts the change back
 * @user_data: (transfer full): for @undo_func, freed with @user_data_free
 *
 * Shows a toast with Undo for the operation just done. Undo, from the
 * toast or Ctrl+Z, works while the toast is up; a newer operation
 * replaces it.
 */
void
crm_window_push_undo (CrmWindow      *self,
                      const char     *title,
                      CrmUndoFunc     undo_func,
                      gpointer        user_data,
                      GDestroyNotify  user_data_free)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (title != NULL);
  g_return_if_fail (undo_func != NULL);

  if (self->undo_toast != NULL)
    {
      g_autoptr(AdwToast) old = g_object_ref (self->undo_toast);

      clear_undo (self);
      adw_toast_dismiss (old);
    }

  /* @title is plain text (it names a customer); a toast's title is markup. */
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);

  self->undo_toast = g_object_ref (toast);
  self->undo_func = undo_func;
  self->undo_data = user_data;
  self->undo_data_free = user_data_free;
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "undo")),
                               TRUE);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_update_cb (CrmWindow *self,
                gpointer   user_data)
{
  GObject *before = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (CRM_IS_CUSTOMER (before))
    ok = crm_repository_update_customer (self->repository, CRM_CUSTOMER (before), &error);
  else if (CRM_IS_INTERACTION (before))
    ok = crm_repository_update_interaction (self->repository, CRM_INTERACTION (before), &error);
  else if (CRM_IS_OPPORTUNITY (before))
    ok = crm_repository_update_opportunity (self->repository, CRM_OPPORTUNITY (before), &error);
  if (!ok)
    show_error (self, error);
}

/**
 * crm_window_undo_update:
 * @before: a copy of a customer, interaction or opportunity as it was
 *   before an update
 *
 * Offers Undo for an update: Undo writes @before back.
 */
void
crm_window_undo_update (CrmWindow  *self,
                        const char *title,
                        GObject    *before)
{
  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (G_IS_OBJECT (before));

  crm_window_push_undo (self, title, undo_update_cb, g_object_ref (before), g_object_unref);
}

typedef struct
{
  CrmCustomer *customer;
  GPtrArray *interactions;
  GPtrArray *opportunities;
} DeletedCustomer;

static void
deleted_customer_free (gpointer data)
{
  DeletedCustomer *deleted = data;

  g_clear_object (&deleted->customer);
  g_clear_pointer (&deleted->interactions, g_ptr_array_unref);
  g_clear_pointer (&deleted->opportunities, g_ptr_array_unref);
  g_free (deleted);
}

static void
undo_delete_cb (CrmWindow *self,
                gpointer   user_data)
{
  DeletedCustomer *deleted = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_repository_restore_customer (self->repository, deleted->customer,
                                        deleted->interactions, deleted->opportunities, &error))
    show_error (self, error);
  else
    crm_customers_page_show_customer (self->customers_page, crm_customer_get_id (deleted->customer));
}

/**
 * crm_window_delete_customer:
 *
 * Deletes a customer with its interactions and opportunities, without
 * asking: the toast it shows offers Undo, which restores all of them
 * with their ids and timestamps.
 */
gboolean
crm_window_delete_customer (CrmWindow  *self,
                            gint64      id,
                            GError    **error)
{
  g_autofree char *title = NULL;
  DeletedCustomer *deleted;

  g_return_val_if_fail (CRM_IS_WINDOW (self), FALSE);

  deleted = g_new0 (DeletedCustomer, 1);
  deleted->customer = crm_repository_get_customer (self->repository, id, error);
  if (deleted->customer != NULL)
    deleted->interactions = crm_repository_list_interactions (self->repository, id, 0, G_MAXINT, error);
  if (deleted->interactions != NULL)
    deleted->opportunities = crm_repository_list_opportunities (self->repository, id, 0, G_MAXINT, error);
  if (deleted->opportunities == NULL
      || !crm_repository_delete_customer (self->repository, id, error))
    {
      deleted_customer_free (deleted);
      return FALSE;
    }

  /* Translators: the toast after deleting a customer; %s is the name */
  title = g_strdup_printf (_("Deleted %s"), crm_customer_get_name (deleted->customer));
  crm_window_push_undo (self, title, undo_delete_cb, deleted, deleted_customer_free);
  return TRUE;
}
