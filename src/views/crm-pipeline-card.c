/* crm-pipeline-card.c: one opportunity on the pipeline board
 *
 * The card is the drag source (its content is the opportunity id, a
 * gint64) and owns its context menu; the moves themselves are the page's
 * "pipeline.move-to-stage" action, found through the widget tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-pipeline-card.h"
#include "crm-record-menu.h"

struct _CrmPipelineCard
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkWidget *box;
  GtkLabel *title_label;
  GtkLabel *customer_label;
  GtkLabel *value_label;
  GtkLabel *probability_label;

  /* owned */
  CrmOpportunity *opportunity;
  GtkWidget *menu;
  guint list_position;
};

G_DEFINE_FINAL_TYPE (CrmPipelineCard, crm_pipeline_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_OPPORTUNITY,
  PROP_LIST_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_labels (CrmPipelineCard *self)
{
  g_autofree char *value = NULL;
  g_autofree char *probability = NULL;

  if (self->opportunity == NULL)
    return;
  value = crm_format_money (crm_opportunity_get_value (self->opportunity));
  /* TRANSLATORS: a probability on a pipeline card, e.g. "60%" */
  probability = g_strdup_printf (_("%d%%"), crm_opportunity_get_probability (self->opportunity));
  gtk_label_set_label (self->title_label, crm_opportunity_get_title (self->opportunity));
  gtk_label_set_label (self->customer_label, crm_opportunity_get_customer_name (self->opportunity));
  gtk_label_set_label (self->value_label, value);
  gtk_label_set_label (self->probability_label, probability);
}

static GdkContentProvider *
drag_prepare_cb (CrmPipelineCard *self,
                 double           x,
                 double           y,
                 GtkDragSource   *source)
{
  if (self->opportunity == NULL)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, crm_opportunity_get_id (self->opportunity));
}

static void
drag_begin_cb (CrmPipelineCard *self,
               GdkDrag         *drag,
               GtkDragSource   *source)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (GTK_WIDGET (self));
  GdkPaintable *frozen = gdk_paintable_get_current_image (icon);

  /* Below and right of the pointer, so the insertion line stays visible. */
  gtk_drag_source_set_icon (source, frozen, -16, -16);
  g_object_unref (frozen);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dragging");
}

static void
drag_end_cb (CrmPipelineCard *self,
             GdkDrag         *drag,
             gboolean         delete_data,
             GtkDragSource   *source)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "dragging");
}

static void
popup_at (CrmPipelineCard *self,
          double           x,
          double           y)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  CrmStage current;

  if (self->opportunity == NULL)
    return;
  current = crm_opportunity_get_stage (self->opportunity);
  for (CrmStage stage = CRM_STAGE_LEAD; stage < CRM_N_STAGES; stage++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (stage == current)
        continue;
      /* TRANSLATORS: a context menu item of a pipeline card; %s is a stage */
      label = g_strdup_printf (_("Move to %s"), crm_stage_get_label (stage));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "pipeline.move-to-stage",
                                               g_variant_new ("(xi)",
                                                              crm_opportunity_get_id (self->opportunity),
                                                              (gint32)stage));
      g_menu_append_item (section, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  /* The window's actions: it opens the editor, it deletes with Undo. */
  {
    g_autoptr(GMenu) record = crm_record_menu_new ("opportunity", crm_opportunity_get_id (self->opportunity));

    g_menu_append_section (menu, NULL, G_MENU_MODEL (record));
  }

  crm_record_menu_popup (&self->menu, GTK_WIDGET (self), G_MENU_MODEL (menu), GTK_WIDGET (self), x, y);
}

static void
secondary_pressed_cb (CrmPipelineCard *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_at (self, x, y);
}

/* A touch screen's right click. */
static void
long_pressed_cb (CrmPipelineCard     *self,
                 double               x,
                 double               y,
                 GtkGestureLongPress *gesture)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_at (self, x, y);
}

static GtkSizeRequestMode
crm_pipeline_card_get_request_mode (GtkWidget *widget)
{
  /* The title wraps: its height depends on the column's width. */
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
crm_pipeline_card_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  CrmPipelineCard *self = CRM_PIPELINE_CARD (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static void
crm_pipeline_card_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  CrmPipelineCard *self = CRM_PIPELINE_CARD (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  if (self->menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
crm_pipeline_card_dispose (GObject *object)
{
  CrmPipelineCard *self = (CrmPipelineCard *)object;

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PIPELINE_CARD);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->opportunity);

  G_OBJECT_CLASS (crm_pipeline_card_parent_class)->dispose (object);
}

static void
crm_pipeline_card_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CrmPipelineCard *self = CRM_PIPELINE_CARD (object);

  switch (prop_id)
    {
    case PROP_OPPORTUNITY:
      g_value_set_object (value, self->opportunity);
      break;
    case PROP_LIST_POSITION:
      g_value_set_uint (value, self->list_position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_pipeline_card_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CrmPipelineCard *self = CRM_PIPELINE_CARD (object);

  switch (prop_id)
    {
    case PROP_OPPORTUNITY:
      crm_pipeline_card_set_opportunity (self, g_value_get_object (value));
      break;
    case PROP_LIST_POSITION:
      crm_pipeline_card_set_list_position (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_pipeline_card_class_init (CrmPipelineCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_pipeline_card_dispose;
  object_class->get_property = crm_pipeline_card_get_property;
  object_class->set_property = crm_pipeline_card_set_property;
  widget_class->get_request_mode = crm_pipeline_card_get_request_mode;
  widget_class->measure = crm_pipeline_card_measure;
  widget_class->size_allocate = crm_pipeline_card_size_allocate;

  properties[PROP_OPPORTUNITY] =
    g_param_spec_object ("opportunity", NULL, NULL, CRM_TYPE_OPPORTUNITY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIST_POSITION] =
    g_param_spec_uint ("list-position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-pipeline-card.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineCard, box);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineCard, customer_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineCard, value_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineCard, probability_label);
  gtk_widget_class_set_css_name (widget_class, "pipelinecard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
crm_pipeline_card_init (CrmPipelineCard *self)
{
  GtkDragSource *source;
  GtkGesture *click;
  GtkGesture *long_press;

  gtk_widget_init_template (GTK_WIDGET (self));

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (drag_prepare_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (source, "drag-end", G_CALLBACK (drag_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (secondary_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  long_press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect_object (long_press, "pressed", G_CALLBACK (long_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (long_press));
}

CrmOpportunity *
crm_pipeline_card_get_opportunity (CrmPipelineCard *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_CARD (self), NULL);
  return self->opportunity;
}

void
crm_pipeline_card_set_opportunity (CrmPipelineCard *self,
                                   CrmOpportunity  *opportunity)
{
  g_return_if_fail (CRM_IS_PIPELINE_CARD (self));
  g_return_if_fail (opportunity == NULL || CRM_IS_OPPORTUNITY (opportunity));

  if (!g_set_object (&self->opportunity, opportunity))
    return;
  update_labels (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPPORTUNITY]);
}

/**
 * crm_pipeline_card_get_id:
 *
 * Returns: the id of the card's opportunity, or 0 while it has none
 */
gint64
crm_pipeline_card_get_id (CrmPipelineCard *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_CARD (self), 0);
  return self->opportunity != NULL ? crm_opportunity_get_id (self->opportunity) : 0;
}

/**
 * crm_pipeline_card_get_list_position:
 *
 * Returns: the card's row in its column's (filtered) list
 */
guint
crm_pipeline_card_get_list_position (CrmPipelineCard *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_CARD (self), 0);
  return self->list_position;
}

void
crm_pipeline_card_set_list_position (CrmPipelineCard *self,
                                     guint            position)
{
  g_return_if_fail (CRM_IS_PIPELINE_CARD (self));

  if (self->list_position == position)
    return;
  self->list_position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST_POSITION]);
}

/**
 * crm_pipeline_card_popup_menu:
 *
 * Opens the card's context menu under its title, as the Menu key does.
 */
void
crm_pipeline_card_popup_menu (CrmPipelineCard *self)
{
  g_return_if_fail (CRM_IS_PIPELINE_CARD (self));
  popup_at (self, 12, gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}
