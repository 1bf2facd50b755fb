/* crm-window.c: the main window
 *
 * The window owns the one undo history of its pages (CrmUndoStack) and
 * decides what is shown of it: a toast for the newest step, the Undo and
 * Redo items of the primary menu. Pages and editors only push steps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-window-private.h"
#include "crm-window-transfer.h"

static void crm_window_undo_provider_init (CrmUndoProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmWindow, crm_window, ADW_TYPE_APPLICATION_WINDOW,
                               G_IMPLEMENT_INTERFACE (CRM_TYPE_UNDO_PROVIDER,
                                                      crm_window_undo_provider_init))

enum {
  PROP_0,
  PROP_REPOSITORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A menu label is parsed for mnemonics: “_” in a name is literal. */
static char *
escape_underlines (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static void
update_undo_menu (CrmWindow *self)
{
  const char *undo = crm_undo_stack_get_undo_label (self->undo_stack);
  const char *redo = crm_undo_stack_get_redo_label (self->undo_stack);
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;

  if (undo != NULL)
    {
      g_autofree char *escaped = escape_underlines (undo);

      /* Translators: the menu item; %s is a step, “Move “ERP 系统”” */
      undo_label = g_strdup_printf (_("_Undo %s"), escaped);
    }
  if (redo != NULL)
    {
      g_autofree char *escaped = escape_underlines (redo);

      /* Translators: the menu item; %s is a step, “Move “ERP 系统”” */
      redo_label = g_strdup_printf (_("_Redo %s"), escaped);
    }

  /* A GMenu item cannot change: the section is rebuilt. */
  g_menu_remove_all (self->undo_section);
  g_menu_append (self->undo_section, undo_label != NULL ? undo_label : _("_Undo"), "win.undo");
  g_menu_append (self->undo_section, redo_label != NULL ? redo_label : _("_Redo"), "win.redo");
}

static void
undo_stack_changed_cb (CrmWindow *self)
{
  /* A toast stands for the newest step only. */
  if (self->undo_toast != NULL
      && crm_undo_stack_get_top (self->undo_stack) != self->undo_toast_serial)
    _crm_window_withdraw_toast (self);
  update_undo_menu (self);
  _crm_window_actions_update (self);
}

static void
undo_toast_dismissed_cb (CrmWindow *self,
                         AdwToast  *toast)
{
  if (toast == self->undo_toast)
    {
      g_clear_object (&self->undo_toast);
      self->undo_toast_serial = 0;
    }
}

/* The toast's own Undo: only its step, and only while it is the newest. */
static void
undo_toast_clicked_cb (CrmWindow *self,
                       AdwToast  *toast)
{
  guint64 serial = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "crm-undo-serial"));
  g_autoptr(GError) error = NULL;

  if (!crm_undo_stack_undo_step (self->undo_stack, serial, &error) && error != NULL)
    _crm_window_show_error (self, error);
}

static void
undo_pushed_cb (CrmWindow    *self,
                guint64       serial,
                const char   *message,
                CrmUndoStack *stack)
{
  /* A toast's title is markup; @message names what the user typed. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast;

  _crm_window_withdraw_toast (self);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* The serial rides on the toast itself: a toast withdrawn a moment ago
   * may still deliver its click, and it must name its own step. */
  g_object_set_data (G_OBJECT (toast), "crm-undo-serial", GSIZE_TO_POINTER ((gsize)serial));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_toast_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (undo_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  self->undo_toast = g_object_ref (toast);
  self->undo_toast_serial = serial;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
undo_restored_cb (CrmWindow    *self,
                  GType         type,
                  gint64        id,
                  CrmUndoStack *stack)
{
  if (type == CRM_TYPE_CUSTOMER)
    crm_customers_page_show_customer (self->customers_page, id);
}

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
  _crm_window_actions_update (self);
}

static CrmUndoStack *
crm_window_get_undo_stack_iface (CrmUndoProvider *provider)
{
  return CRM_WINDOW (provider)->undo_stack;
}

static void
crm_window_undo_provider_init (CrmUndoProviderInterface *iface)
{
  iface->get_undo_stack = crm_window_get_undo_stack_iface;
}

static void
crm_window_dispose (GObject *object)
{
  CrmWindow *self = (CrmWindow *)object;

  _crm_window_withdraw_toast (self);
  if (self->undo_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_stack, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_WINDOW);
  g_clear_object (&self->undo_section);
  g_clear_object (&self->undo_stack);
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
  g_type_ensure (CRM_TYPE_CUSTOMERS_PAGE);
  g_type_ensure (CRM_TYPE_ACTIVITY_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, pipeline_page);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, customers_page);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, activity_page);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, primary_menu);

  _crm_window_class_actions_init (klass);
}

static void
crm_window_init (CrmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  crm_window_transfer_init (self);

  self->undo_stack = crm_undo_stack_new ();
  g_signal_connect_object (self->undo_stack, "notify", G_CALLBACK (undo_stack_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_stack, "pushed", G_CALLBACK (undo_pushed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->undo_stack, "restored", G_CALLBACK (undo_restored_cb), self,
                           G_CONNECT_SWAPPED);
  self->undo_section = g_menu_new ();
  g_menu_prepend_section (self->primary_menu, NULL, G_MENU_MODEL (self->undo_section));
  update_undo_menu (self);
  _crm_window_actions_update (self);

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
 * crm_window_get_undo_stack:
 *
 * Returns: (transfer none): the history of every page of the window
 */
CrmUndoStack *
crm_window_get_undo_stack (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);
  return self->undo_stack;
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

void
_crm_window_show_error (CrmWindow    *self,
                        const GError *error)
{
  /* A toast's title is markup; a message may quote what the user typed. */
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  crm_window_add_toast (self, adw_toast_new (escaped));
}

/* Takes the undo toast away: its step is no longer the newest. */
void
_crm_window_withdraw_toast (CrmWindow *self)
{
  g_autoptr(AdwToast) toast = g_steal_pointer (&self->undo_toast);

  self->undo_toast_serial = 0;
  if (toast != NULL)
    adw_toast_dismiss (toast);
}
