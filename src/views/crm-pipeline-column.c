/* crm-pipeline-column.c: one stage of the pipeline board
 *
 * A header with the stage's totals over a list of its cards. The list is
 * a one-column GtkGridView rather than a GtkListView: on GTK 4.8 a list
 * view keeps about 200 rows alive whatever its height (1,000 cards for
 * the board's five columns, about 700 ms before the first frame with
 * 10,000 opportunities), a grid view about 30 rows per column; the model,
 * factory, keyboard navigation and activation are the same. The
 * column is the drop target: it works out where in the list a drop lands
 * (from the pointer's y against the rows), shows an insertion line there
 * while dragging, and reports the drop as CrmPipelineColumn::move-card
 * with the id of the card it should land before (0: the end). The page
 * does the move.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-enum-types.h"
#include "crm-pipeline-column.h"

struct _CrmPipelineColumn
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkLabel *stage_label;
  GtkLabel *count_label;
  GtkLabel *value_label;
  GtkLabel *weighted_label;
  GtkGridView *list_view;

  /* owned */
  GtkNoSelection *selection;

  /* borrowed: the card showing the insertion line */
  CrmPipelineCard *indicator;
  gboolean indicator_after;

  CrmStage stage;
};

G_DEFINE_FINAL_TYPE (CrmPipelineColumn, crm_pipeline_column, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STAGE,
  N_PROPS
};

enum {
  MOVE_CARD,
  ACTIVATE_CARD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static CrmPipelineCard *
card_of_row (GtkWidget *row)
{
  GtkWidget *child = row != NULL ? gtk_widget_get_first_child (row) : NULL;

  return CRM_IS_PIPELINE_CARD (child) ? CRM_PIPELINE_CARD (child) : NULL;
}

static void
set_indicator (CrmPipelineColumn *self,
               CrmPipelineCard   *card,
               gboolean           after)
{
  if (self->indicator == card && self->indicator_after == after)
    return;
  if (self->indicator != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->indicator), "drop-before");
      gtk_widget_remove_css_class (GTK_WIDGET (self->indicator), "drop-after");
      g_object_remove_weak_pointer (G_OBJECT (self->indicator), (gpointer *)&self->indicator);
    }
  self->indicator = card;
  self->indicator_after = after;
  if (card != NULL)
    {
      g_object_add_weak_pointer (G_OBJECT (card), (gpointer *)&self->indicator);
      gtk_widget_add_css_class (GTK_WIDGET (card), after ? "drop-after" : "drop-before");
    }
}

static GdkDragAction
drop_motion_cb (CrmPipelineColumn *self,
                double             x,
                double             y,
                GtkDropTarget     *target)
{
  CrmPipelineCard *card = NULL;
  gboolean after = FALSE;

  crm_pipeline_column_drop_anchor (self, x, y, &card, &after);
  set_indicator (self, card, after);
  return GDK_ACTION_MOVE;
}

static void
drop_leave_cb (CrmPipelineColumn *self,
               GtkDropTarget     *target)
{
  set_indicator (self, NULL, FALSE);
}

static gboolean
drop_cb (CrmPipelineColumn *self,
         const GValue      *value,
         double             x,
         double             y,
         GtkDropTarget     *target)
{
  gint64 before_id;

  set_indicator (self, NULL, FALSE);
  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  before_id = crm_pipeline_column_drop_anchor (self, x, y, NULL, NULL);
  g_signal_emit (self, signals[MOVE_CARD], 0, g_value_get_int64 (value), before_id);
  return TRUE;
}

static void
activate_cb (CrmPipelineColumn *self,
             guint              position,
             GtkGridView       *list_view)
{
  gint64 id = crm_pipeline_column_get_item_id (self, position);

  if (id != 0)
    g_signal_emit (self, signals[ACTIVATE_CARD], 0, id);
}

/* The rows are made in C rather than by a GtkBuilderListItemFactory, which
 * would parse a row template for every row it makes. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  gtk_list_item_set_child (item, g_object_new (CRM_TYPE_PIPELINE_CARD, NULL));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  CrmPipelineCard *card = CRM_PIPELINE_CARD (gtk_list_item_get_child (item));

  crm_pipeline_card_set_opportunity (card, gtk_list_item_get_item (item));
  crm_pipeline_card_set_list_position (card, gtk_list_item_get_position (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  crm_pipeline_card_set_opportunity (CRM_PIPELINE_CARD (gtk_list_item_get_child (item)), NULL);
}

static void
row_position_cb (GtkListItem *item,
                 GParamSpec  *pspec,
                 gpointer     data)
{
  GtkWidget *card = gtk_list_item_get_child (item);

  if (CRM_IS_PIPELINE_CARD (card))
    crm_pipeline_card_set_list_position (CRM_PIPELINE_CARD (card), gtk_list_item_get_position (item));
}

static void
setup_row_position_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       gpointer                  data)
{
  /* Rows below a moved card shift without being rebound. */
  g_signal_connect (item, "notify::position", G_CALLBACK (row_position_cb), NULL);
}

static void
crm_pipeline_column_dispose (GObject *object)
{
  CrmPipelineColumn *self = (CrmPipelineColumn *)object;

  set_indicator (self, NULL, FALSE);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PIPELINE_COLUMN);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (crm_pipeline_column_parent_class)->dispose (object);
}

static void
crm_pipeline_column_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CrmPipelineColumn *self = CRM_PIPELINE_COLUMN (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_enum (value, self->stage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_pipeline_column_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CrmPipelineColumn *self = CRM_PIPELINE_COLUMN (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      self->stage = g_value_get_enum (value);
      gtk_label_set_label (self->stage_label, crm_stage_get_label (self->stage));
      gtk_widget_add_css_class (GTK_WIDGET (self), crm_stage_to_string (self->stage));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_pipeline_column_class_init (CrmPipelineColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_pipeline_column_dispose;
  object_class->get_property = crm_pipeline_column_get_property;
  object_class->set_property = crm_pipeline_column_set_property;

  properties[PROP_STAGE] =
    g_param_spec_enum ("stage", NULL, NULL, CRM_TYPE_STAGE, CRM_STAGE_LEAD,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmPipelineColumn::move-card:
   * @id: the dropped opportunity
   * @before_id: the card it lands before, or 0 for the end of the column
   */
  signals[MOVE_CARD] =
    g_signal_new ("move-card", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
  /**
   * CrmPipelineColumn::activate-card:
   * @id: the opportunity double-clicked or activated with Enter
   */
  signals[ACTIVATE_CARD] =
    g_signal_new ("activate-card", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (CRM_TYPE_PIPELINE_CARD);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-pipeline-column.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineColumn, stage_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineColumn, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineColumn, value_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineColumn, weighted_label);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelineColumn, list_view);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pipelinecolumn");
}

static void
crm_pipeline_column_init (CrmPipelineColumn *self)
{
  GtkListItemFactory *factory;
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_position_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->selection = gtk_no_selection_new (NULL);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_signal_connect_object (target, "motion", G_CALLBACK (drop_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (target, "enter", G_CALLBACK (drop_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (target, "leave", G_CALLBACK (drop_leave_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

CrmPipelineColumn *
crm_pipeline_column_new (CrmStage stage)
{
  return g_object_new (CRM_TYPE_PIPELINE_COLUMN, "stage", stage, NULL);
}

CrmStage
crm_pipeline_column_get_stage (CrmPipelineColumn *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_COLUMN (self), CRM_STAGE_LEAD);
  return self->stage;
}

GListModel *
crm_pipeline_column_get_model (CrmPipelineColumn *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_COLUMN (self), NULL);
  return gtk_no_selection_get_model (self->selection);
}

void
crm_pipeline_column_set_model (CrmPipelineColumn *self,
                               GListModel        *model)
{
  g_return_if_fail (CRM_IS_PIPELINE_COLUMN (self));
  gtk_no_selection_set_model (self->selection, model);
}

GtkWidget *
crm_pipeline_column_get_list_view (CrmPipelineColumn *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_COLUMN (self), NULL);
  return GTK_WIDGET (self->list_view);
}

void
crm_pipeline_column_set_totals (CrmPipelineColumn    *self,
                                const CrmStageTotals *totals)
{
  g_autofree char *count = NULL;
  g_autofree char *value = NULL;
  g_autofree char *weighted_money = NULL;
  g_autofree char *weighted = NULL;

  g_return_if_fail (CRM_IS_PIPELINE_COLUMN (self));
  g_return_if_fail (totals != NULL);

  count = g_strdup_printf ("%" G_GINT64_FORMAT, totals->count);
  value = crm_format_money (totals->value);
  weighted_money = crm_format_money (totals->weighted);
  /* TRANSLATORS: weighted value (value × probability) of a pipeline column */
  weighted = g_strdup_printf (_("Weighted %s"), weighted_money);
  gtk_label_set_label (self->count_label, count);
  gtk_label_set_label (self->value_label, value);
  gtk_label_set_label (self->weighted_label, weighted);
}

/**
 * crm_pipeline_column_find_card:
 *
 * Returns: (transfer none) (nullable): the card showing @id, if its row
 *   is realised (a list view only makes widgets for rows near the view)
 */
CrmPipelineCard *
crm_pipeline_column_find_card (CrmPipelineColumn *self,
                               gint64             id)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_COLUMN (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      CrmPipelineCard *card = card_of_row (row);

      if (card != NULL && gtk_widget_get_child_visible (row) && crm_pipeline_card_get_id (card) == id)
        return card;
    }
  return NULL;
}

/**
 * crm_pipeline_column_get_item_id:
 *
 * Returns: the id of the opportunity at @position of the (filtered)
 *   list, or 0 past its end
 */
gint64
crm_pipeline_column_get_item_id (CrmPipelineColumn *self,
                                 guint              position)
{
  g_autoptr(CrmOpportunity) item = NULL;

  g_return_val_if_fail (CRM_IS_PIPELINE_COLUMN (self), 0);

  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  return item != NULL ? crm_opportunity_get_id (item) : 0;
}

/**
 * crm_pipeline_column_drop_anchor:
 * @x: (in): pointer position in the column's coordinates
 * @y: (in): pointer position in the column's coordinates
 * @indicator: (out) (optional) (transfer none): the card to draw the
 *   insertion line on, or %NULL for none (an empty column)
 * @after: (out) (optional): whether the line goes below @indicator
 *
 * Where a drop at (@x, @y) lands: above the row under the pointer if the
 * pointer is in its upper half, below it otherwise; above the first row
 * over the header; at the end below the last row.
 *
 * Returns: the id of the card the drop lands before, 0 for the end
 */
gint64
crm_pipeline_column_drop_anchor (CrmPipelineColumn  *self,
                                 double              x,
                                 double              y,
                                 CrmPipelineCard   **indicator,
                                 gboolean           *after)
{
  GtkWidget *list = GTK_WIDGET (self->list_view);
  CrmPipelineCard *card = NULL;
  GtkWidget *row = NULL;
  GtkWidget *last_row = NULL;
  gboolean below = FALSE;
  double lx, ly;
  guint n_items;

  g_return_val_if_fail (CRM_IS_PIPELINE_COLUMN (self), 0);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  if (indicator != NULL)
    *indicator = NULL;
  if (after != NULL)
    *after = FALSE;
  if (n_items == 0 || !gtk_widget_translate_coordinates (GTK_WIDGET (self), list, x, y, &lx, &ly))
    return 0;

  /* The row whose vertical span holds the pointer; rows are the list
   * view's children, laid out top to bottom but not in child order. */
  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;
      CrmPipelineCard *c = card_of_row (child);

      if (c == NULL || !gtk_widget_get_child_visible (child)
          || !gtk_widget_compute_bounds (child, list, &bounds))
        continue;
      if (ly >= bounds.origin.y && ly < bounds.origin.y + bounds.size.height)
        {
          row = child;
          below = ly >= bounds.origin.y + bounds.size.height / 2;
        }
      if (crm_pipeline_card_get_list_position (c) == n_items - 1)
        last_row = child;
    }

  if (row == NULL)
    {
      if (ly < 0)
        {
          /* Over the header: the top of the column as shown. */
          gint64 first = crm_pipeline_column_get_item_id (self, 0);
          card = crm_pipeline_column_find_card (self, first);
          if (indicator != NULL)
            *indicator = card;
          return first;
        }
      /* Below the last row (or in a gap): the end. */
      if (indicator != NULL)
        *indicator = card_of_row (last_row);
      if (after != NULL)
        *after = TRUE;
      return 0;
    }

  card = card_of_row (row);
  if (indicator != NULL)
    *indicator = card;
  if (after != NULL)
    *after = below;
  if (!below)
    return crm_pipeline_card_get_id (card);
  return crm_pipeline_column_get_item_id (self, crm_pipeline_card_get_list_position (card) + 1);
}
