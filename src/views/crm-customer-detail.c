/* crm-customer-detail.c: one customer, their timeline and opportunities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-currency.h"
#include "crm-customer-detail.h"
#include "crm-error.h"
#include "crm-format.h"
#include "crm-record-menu.h"

/* A customer's timeline shows this many of the newest interactions; the
 * Activity page has all of them. */
#define TIMELINE_LIMIT 200

struct _CrmCustomerDetail
{
  AdwBin parent_instance;

  /* template widgets */
  GtkStack *stack;
  AdwAvatar *avatar;
  GtkLabel *name_label;
  GtkLabel *company_label;
  GtkLabel *edited_label;
  AdwActionRow *email_row;
  AdwActionRow *phone_row;
  AdwActionRow *status_row;
  AdwActionRow *created_row;
  AdwActionRow *notes_row;
  GtkListBox *opportunities_list;
  GtkListBox *interactions_list;

  /* owned */
  CrmRepository *repository;
  CrmCustomer *customer;
  GtkWidget *row_menu;      /* a row's context menu; a child of the detail */

  gint64 customer_id;
};

G_DEFINE_FINAL_TYPE (CrmCustomerDetail, crm_customer_detail, ADW_TYPE_BIN)

static void
set_row_value (AdwActionRow *row,
               const char   *value)
{
  /* Plain text: “AT&T” or “<b>” in a note is not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (row, value != NULL ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL && *value != '\0');
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void row_pressed_cb (CrmCustomerDetail *self,
                            int                n_press,
                            double             x,
                            double             y,
                            GtkGestureClick   *gesture);
static void row_long_pressed_cb (CrmCustomerDetail   *self,
                                 double               x,
                                 double               y,
                                 GtkGestureLongPress *gesture);

/* Right click and a long touch open the row's menu (Edit, Delete). */
static void
add_row_menu (CrmCustomerDetail *self,
              GtkWidget         *row,
              const char        *kind,
              gint64             id)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  g_object_set_data (G_OBJECT (row), "crm-kind", (gpointer)kind);
  g_object_set_data (G_OBJECT (row), "crm-id", GSIZE_TO_POINTER ((gsize)id));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (row_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (row_long_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (long_press));
}

static GtkWidget *
opportunity_row_new (CrmCustomerDetail *self,
                     CrmOpportunity    *opportunity)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value;
  g_autofree char *money = crm_format_money (crm_opportunity_get_value (opportunity));
  g_autofree char *subtitle = NULL;

  /* Translators: an opportunity's stage and its probability, “Proposal · 40 %” */
  subtitle = g_strdup_printf (_("%s · %d %%"), crm_stage_get_label (crm_opportunity_get_stage (opportunity)),
                              crm_opportunity_get_probability (opportunity));
  /* Plain text before the title is set: it is parsed as it is set. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_opportunity_get_title (opportunity));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  value = gtk_label_new (money);
  gtk_widget_add_css_class (value, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  add_row_menu (self, row, "opportunity", crm_opportunity_get_id (opportunity));
  return row;
}

static GtkWidget *
interaction_row_new (CrmCustomerDetail *self,
                     CrmInteraction    *interaction)
{
  CrmInteractionType type = crm_interaction_get_interaction_type (interaction);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (crm_interaction_type_get_icon_name (type));
  const char *notes = crm_interaction_get_notes (interaction);
  g_autofree char *when = crm_format_date_time (crm_interaction_get_occurred_at (interaction));
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (notes != NULL && *notes != '\0')
    {
      g_autofree char *preview = crm_format_preview (notes);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), preview);
      /* Translators: an interaction's type and local date, “Call · 2024-03-01 14:30” */
      subtitle = g_strdup_printf (_("%s · %s"), crm_interaction_type_get_label (type), when);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_interaction_type_get_label (type));
      subtitle = g_strdup (when);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  crm_interaction_type_get_label (type), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  add_row_menu (self, row, "interaction", crm_interaction_get_id (interaction));
  return row;
}

static void
reload_opportunities (CrmCustomerDetail *self)
{
  g_autoptr(GPtrArray) opportunities = NULL;
  g_autoptr(GError) error = NULL;

  remove_all_rows (self->opportunities_list);
  if (self->customer == NULL)
    return;
  opportunities = crm_repository_list_opportunities (self->repository, self->customer_id, 0, G_MAXINT, &error);
  if (opportunities == NULL)
    {
      g_warning ("Cannot list opportunities: %s", error->message);
      return;
    }
  for (guint i = 0; i < opportunities->len; i++)
    gtk_list_box_append (self->opportunities_list, opportunity_row_new (self, opportunities->pdata[i]));
}

static void
reload_interactions (CrmCustomerDetail *self)
{
  g_autoptr(GPtrArray) interactions = NULL;
  g_autoptr(GError) error = NULL;

  remove_all_rows (self->interactions_list);
  if (self->customer == NULL)
    return;
  interactions = crm_repository_list_interactions (self->repository, self->customer_id, 0, TIMELINE_LIMIT, &error);
  if (interactions == NULL)
    {
      g_warning ("Cannot list interactions: %s", error->message);
      return;
    }
  for (guint i = 0; i < interactions->len; i++)
    gtk_list_box_append (self->interactions_list, interaction_row_new (self, interactions->pdata[i]));
}

static void
update_actions (CrmCustomerDetail *self)
{
  gboolean has = self->customer != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.edit", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.delete", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.add-interaction", has);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.add-opportunity", has);
}

/* Who changed the customer last, and when (the time alone when today):
 * on a shared database, whose edit this is. Rows from before Rapport
 * kept names say nothing. */
static void
show_edited (CrmCustomerDetail *self)
{
  const char *by = crm_customer_get_changed_by (self->customer);
  GDateTime *at = crm_customer_get_updated_at (self->customer);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->edited_label), *by != '\0' && at != NULL);
  if (*by == '\0' || at == NULL)
    return;
  local = g_date_time_to_local (at);
  now = g_date_time_new_now_local ();
  if (g_date_time_get_year (local) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    when = g_date_time_format (local, "%H:%M");
  else
    when = crm_format_date_time (at);
  /* Translators: who last changed a customer and when: “Edited by li.wei, 14:02” */
  text = g_strdup_printf (_("Edited by %s, %s"), by, when);
  gtk_label_set_text (self->edited_label, text);
}

static void
reload_customer (CrmCustomerDetail *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;
  g_autofree char *notes = NULL;

  g_clear_object (&self->customer);
  if (self->customer_id > 0 && self->repository != NULL)
    {
      self->customer = crm_repository_get_customer (self->repository, self->customer_id, &error);
      if (self->customer == NULL && !g_error_matches (error, CRM_ERROR, CRM_ERROR_NOT_FOUND))
        g_warning ("Cannot read customer %" G_GINT64_FORMAT ": %s", self->customer_id, error->message);
    }
  if (self->customer == NULL)
    {
      self->customer_id = 0;
      gtk_stack_set_visible_child_name (self->stack, "none");
      update_actions (self);
      return;
    }

  adw_avatar_set_text (self->avatar, crm_customer_get_name (self->customer));
  gtk_label_set_text (self->name_label, crm_customer_get_name (self->customer));
  gtk_label_set_text (self->company_label, crm_customer_get_company (self->customer));
  gtk_widget_set_visible (GTK_WIDGET (self->company_label),
                          crm_customer_get_company (self->customer) != NULL
                          && *crm_customer_get_company (self->customer) != '\0');
  show_edited (self);
  set_row_value (self->email_row, crm_customer_get_email (self->customer));
  set_row_value (self->phone_row, crm_customer_get_phone (self->customer));
  set_row_value (self->status_row, crm_customer_status_get_label (crm_customer_get_status (self->customer)));
  if (crm_customer_get_created_at (self->customer) != NULL)
    created = crm_format_date (crm_customer_get_created_at (self->customer));
  set_row_value (self->created_row, created);
  notes = crm_format_preview (crm_customer_get_notes (self->customer));
  set_row_value (self->notes_row, notes);
  gtk_stack_set_visible_child_name (self->stack, "customer");
  update_actions (self);
}

static void
reload_all (CrmCustomerDetail *self)
{
  reload_customer (self);
  reload_opportunities (self);
  reload_interactions (self);
}

static void
repository_changed_cb (CrmCustomerDetail *self,
                       GType              type,
                       gint64             id,
                       guint              kind,
                       CrmRepository     *repository)
{
  if (self->customer_id == 0)
    return;
  if (type == CRM_TYPE_CUSTOMER && (id == 0 || id == self->customer_id))
    reload_all (self);
  else if (type == CRM_TYPE_OPPORTUNITY)
    reload_opportunities (self);
  else if (type == CRM_TYPE_INTERACTION)
    reload_interactions (self);
}

static void
opportunity_activated_cb (CrmCustomerDetail *self,
                          GtkListBoxRow     *row,
                          GtkListBox        *list)
{
  gint64 id = (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "crm-id"));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-opportunity", "x", id);
}

static void
interaction_activated_cb (CrmCustomerDetail *self,
                          GtkListBoxRow     *row,
                          GtkListBox        *list)
{
  gint64 id = (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "crm-id"));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-interaction", "x", id);
}

static void
popup_row_menu (CrmCustomerDetail *self,
                GtkWidget         *row,
                double             x,
                double             y)
{
  const char *kind = g_object_get_data (G_OBJECT (row), "crm-kind");
  gint64 id = (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "crm-id"));
  g_autoptr(GMenu) menu = crm_record_menu_new (kind, id);

  crm_record_menu_popup (&self->row_menu, GTK_WIDGET (self), G_MENU_MODEL (menu), row, x, y);
}

static void
row_pressed_cb (CrmCustomerDetail *self,
                int                n_press,
                double             x,
                double             y,
                GtkGestureClick   *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_row_menu (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), x, y);
}

static void
row_long_pressed_cb (CrmCustomerDetail   *self,
                     double               x,
                     double               y,
                     GtkGestureLongPress *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_row_menu (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), x, y);
}

/* The timeline or opportunity row that has the focus, if any. */
static GtkWidget *
focused_row (CrmCustomerDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    if (g_object_get_data (G_OBJECT (w), "crm-kind") != NULL)
      return w;
  return NULL;
}

static gboolean
delete_focused_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  GtkWidget *row = focused_row (CRM_CUSTOMER_DETAIL (widget));
  g_autofree char *action = NULL;

  if (row == NULL)
    return FALSE;
  action = g_strconcat ("win.delete-", (const char *)g_object_get_data (G_OBJECT (row), "crm-kind"), NULL);
  return gtk_widget_activate_action (widget, action, "x",
                                     (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "crm-id")));
}

static gboolean
menu_focused_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  CrmCustomerDetail *self = CRM_CUSTOMER_DETAIL (widget);
  GtkWidget *row = focused_row (self);

  if (row == NULL)
    return FALSE;
  popup_row_menu (self, row, 24, gtk_widget_get_height (row) / 2.0);
  return TRUE;
}

/* detail.X: win.X-customer with this customer's id */
static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrmCustomerDetail *self = CRM_CUSTOMER_DETAIL (widget);
  const char *target;

  if (g_str_equal (action_name, "detail.edit"))
    target = "win.edit-customer";
  else if (g_str_equal (action_name, "detail.delete"))
    target = "win.delete-customer";
  else if (g_str_equal (action_name, "detail.add-interaction"))
    target = "win.add-interaction";
  else
    target = "win.add-opportunity";
  if (self->customer_id > 0)
    gtk_widget_activate_action (widget, target, "x", self->customer_id);
}

static void
crm_customer_detail_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  CrmCustomerDetail *self = CRM_CUSTOMER_DETAIL (widget);

  GTK_WIDGET_CLASS (crm_customer_detail_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->row_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->row_menu));
}

static void
crm_customer_detail_dispose (GObject *object)
{
  CrmCustomerDetail *self = (CrmCustomerDetail *)object;

  g_clear_pointer (&self->row_menu, gtk_widget_unparent);
  /* AdwBin unparents its child itself; let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CUSTOMER_DETAIL);
  g_clear_object (&self->customer);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (crm_customer_detail_parent_class)->dispose (object);
}

static void
crm_customer_detail_class_init (CrmCustomerDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_customer_detail_dispose;
  widget_class->size_allocate = crm_customer_detail_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-customer-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDetail, avatar);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDetail, company_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDetail, edited_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDetail, email_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDetail, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDetail, status_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDetail, created_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDetail, notes_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDetail, opportunities_list);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerDetail, interactions_list);
  gtk_widget_class_bind_template_callback (widget_class, opportunity_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, interaction_activated_cb);

  gtk_widget_class_install_action (widget_class, "detail.edit", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "detail.delete", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "detail.add-interaction", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "detail.add-opportunity", NULL, forward_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_focused_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_focused_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, menu_focused_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, menu_focused_cb, NULL);
}

static void
crm_customer_detail_init (CrmCustomerDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

void
crm_customer_detail_set_repository (CrmCustomerDetail *self,
                                    CrmRepository     *repository)
{
  g_return_if_fail (CRM_IS_CUSTOMER_DETAIL (self));
  g_return_if_fail (CRM_IS_REPOSITORY (repository));
  g_return_if_fail (self->repository == NULL);

  self->repository = g_object_ref (repository);
  /* Its opportunities' values are formatted in the chosen currency. */
  g_signal_connect_object (crm_currency_get_default (), "notify::chosen",
                           G_CALLBACK (reload_opportunities), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (repository, "changed", G_CALLBACK (repository_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

gint64
crm_customer_detail_get_customer_id (CrmCustomerDetail *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_DETAIL (self), 0);
  return self->customer_id;
}

void
crm_customer_detail_set_customer_id (CrmCustomerDetail *self,
                                     gint64             id)
{
  g_return_if_fail (CRM_IS_CUSTOMER_DETAIL (self));

  self->customer_id = id;
  reload_all (self);
}
