/* crm-activity-page.c: every interaction with every customer, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-activity-page.h"
#include "crm-format.h"
#include "crm-paged-model.h"
#include "crm-record-menu.h"

struct _CrmActivityPage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkStack *stack;
  GtkListView *list_view;

  /* owned */
  CrmRepository *repository;
  CrmPagedModel *model;
  GtkWidget *row_menu;      /* a row's context menu; a child of the page */
};

G_DEFINE_FINAL_TYPE (CrmActivityPage, crm_activity_page, ADW_TYPE_BIN)

static gint64
count_interactions (gpointer   user_data,
                    GError   **error)
{
  CrmActivityPage *self = user_data;

  return crm_repository_count_interactions (self->repository, 0, error);
}

static GPtrArray *
fetch_interactions (gpointer   user_data,
                    guint      offset,
                    guint      limit,
                    GError   **error)
{
  CrmActivityPage *self = user_data;

  return crm_repository_list_interactions (self->repository, 0, offset, limit, error);
}

static void
reload (CrmActivityPage *self)
{
  crm_paged_model_reload (self->model);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0 ? "list" : "empty");
}

static void
repository_changed_cb (CrmActivityPage *self,
                       GType            type,
                       gint64           id,
                       guint            kind,
                       CrmRepository   *repository)
{
  /* a customer's name shows on its rows, and deleting it deletes them */
  if (type == CRM_TYPE_INTERACTION || type == CRM_TYPE_CUSTOMER)
    reload (self);
}

static void
activate_cb (CrmActivityPage *self,
             guint            position,
             GtkListView     *list_view)
{
  g_autoptr(CrmInteraction) interaction = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (interaction != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-interaction", "x",
                                crm_interaction_get_id (interaction));
}

static void
popup_row_menu (CrmActivityPage *self,
                GtkWidget       *row,
                double           x,
                double           y)
{
  gint64 id = (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "crm-id"));
  g_autoptr(GMenu) menu = NULL;

  if (id == 0)
    return;
  menu = crm_record_menu_new ("interaction", id);
  crm_record_menu_popup (&self->row_menu, GTK_WIDGET (self), G_MENU_MODEL (menu), row, x, y);
}

static void
row_pressed_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                CrmActivityPage *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_row_menu (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), x, y);
}

static void
row_long_pressed_cb (GtkGestureLongPress *gesture,
                     double               x,
                     double               y,
                     CrmActivityPage     *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_row_menu (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)), x, y);
}

/* The row box under the focused list item, if any. */
static GtkWidget *
focused_row (CrmActivityPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      GtkWidget *child = gtk_widget_get_first_child (w);

      if (g_object_get_data (G_OBJECT (w), "crm-row-widgets") != NULL)
        return w;
      if (child != NULL && g_object_get_data (G_OBJECT (child), "crm-row-widgets") != NULL)
        return child;
    }
  return NULL;
}

static gboolean
delete_focused_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  GtkWidget *row = focused_row (CRM_ACTIVITY_PAGE (widget));

  if (row == NULL)
    return FALSE;
  return gtk_widget_activate_action (widget, "win.delete-interaction", "x",
                                     (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "crm-id")));
}

static gboolean
menu_focused_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  CrmActivityPage *self = CRM_ACTIVITY_PAGE (widget);
  GtkWidget *row = focused_row (self);

  if (row == NULL)
    return FALSE;
  popup_row_menu (self, row, 24, gtk_widget_get_height (row) / 2.0);
  return TRUE;
}

typedef struct
{
  GtkImage *icon;
  GtkLabel *customer;
  GtkLabel *notes;
  GtkLabel *when;
} RowWidgets;

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CrmActivityPage          *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  RowWidgets *w = g_new0 (RowWidgets, 1);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  /* Right click and a long touch open the row's menu (Edit, Delete). */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (row_pressed_cb), self, 0);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (row_long_pressed_cb), self, 0);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (long_press));

  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  w->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (w->icon), GTK_ALIGN_START);
  gtk_widget_set_margin_top (GTK_WIDGET (w->icon), 2);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->icon));

  w->customer = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (w->customer, 0);
  gtk_label_set_ellipsize (w->customer, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (w->customer), "heading");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (w->customer));

  w->notes = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (w->notes, 0);
  gtk_label_set_wrap (w->notes, TRUE);
  gtk_label_set_wrap_mode (w->notes, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (w->notes, 3);
  gtk_label_set_ellipsize (w->notes, PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (w->notes));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  w->when = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (w->when), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (w->when), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (w->when), "numeric");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (w->when));

  g_object_set_data_full (G_OBJECT (box), "crm-row-widgets", w, g_free);
  gtk_list_item_set_child (item, box);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CrmInteraction *interaction = gtk_list_item_get_item (item);
  RowWidgets *w = g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), "crm-row-widgets");
  CrmInteractionType type;
  const char *notes;
  g_autofree char *when = NULL;

  if (interaction == NULL)
    return;
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "crm-id",
                     GSIZE_TO_POINTER ((gsize)crm_interaction_get_id (interaction)));
  type = crm_interaction_get_interaction_type (interaction);
  notes = crm_interaction_get_notes (interaction);
  when = crm_format_date_time (crm_interaction_get_occurred_at (interaction));
  gtk_image_set_from_icon_name (w->icon, crm_interaction_type_get_icon_name (type));
  gtk_accessible_update_property (GTK_ACCESSIBLE (w->icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  crm_interaction_type_get_label (type), -1);
  gtk_label_set_text (w->customer, crm_interaction_get_customer_name (interaction));
  if (notes != NULL && *notes != '\0')
    {
      g_autofree char *preview = crm_format_preview (notes);

      gtk_label_set_text (w->notes, preview);
    }
  else
    gtk_label_set_text (w->notes, crm_interaction_type_get_label (type));
  gtk_label_set_text (w->when, when);
}

static void
crm_activity_page_dispose (GObject *object)
{
  CrmActivityPage *self = (CrmActivityPage *)object;

  g_clear_pointer (&self->row_menu, gtk_widget_unparent);
  /* AdwBin unparents its child itself; let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_ACTIVITY_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (crm_activity_page_parent_class)->dispose (object);
}

static void
crm_activity_page_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  CrmActivityPage *self = CRM_ACTIVITY_PAGE (widget);

  GTK_WIDGET_CLASS (crm_activity_page_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->row_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->row_menu));
}

static void
crm_activity_page_class_init (CrmActivityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_activity_page_dispose;
  widget_class->size_allocate = crm_activity_page_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-activity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmActivityPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmActivityPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_focused_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_focused_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, menu_focused_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, menu_focused_cb, NULL);
}

static void
crm_activity_page_init (CrmActivityPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
}

void
crm_activity_page_set_repository (CrmActivityPage *self,
                                  CrmRepository   *repository)
{
  g_return_if_fail (CRM_IS_ACTIVITY_PAGE (self));
  g_return_if_fail (CRM_IS_REPOSITORY (repository));
  g_return_if_fail (self->repository == NULL);

  self->repository = g_object_ref (repository);
  self->model = crm_paged_model_new (CRM_TYPE_INTERACTION, count_interactions, fetch_interactions, self, NULL);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)))));
  g_signal_connect_object (repository, "changed", G_CALLBACK (repository_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
}
