/* crm-pipeline-page.c: the pipeline board
 *
 * Five CrmPipelineColumns, one per stage, each a list view (a one-column
 * GtkGridView, see crm-pipeline-column.c) over a CrmPagedModel of that
 * stage, so 10,000 cards cost the widgets of a few dozen rows per column,
 * under a filter bar (customer, search text). The
 * headers' totals come from one GROUP BY query over every row that
 * matches the filter.
 *
 * Every move the board makes (a drop, Alt+arrows, the context menu) goes
 * through crm_pipeline_page_move(): one transaction in the repository,
 * then the columns and headers refresh at once, and the move becomes a
 * step of the window's undo history (crm_undo_stack_find()): the window,
 * not the board, shows the toast and takes Ctrl+Z.
 * Changes made elsewhere (an editor, an import, a cascade delete) arrive
 * as CrmRepository::changed and refresh the board from an idle, so a burst
 * of them costs one refresh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-paged-model.h"
#include "crm-pipeline-page.h"
#include "crm-currency.h"
#include "crm-undo-stack.h"

#define FOCUS_MAX_FRAMES 30

struct _CrmPipelinePage
{
  GtkWidget parent_instance;

  /* template widgets */
  GtkSearchEntry *search_entry;
  GtkDropDown *customer_dropdown;
  GtkBox *columns_box;

  /* owned */
  CrmRepository *repository;
  CrmPagedModel *models[CRM_N_STAGES];
  CrmPagedModel *customers;
  GListStore *customer_choices;
  char *search;

  /* borrowed: children of columns_box */
  CrmPipelineColumn *columns[CRM_N_STAGES];

  gint64 customer_id;
  guint refresh_id;
  gboolean moving;

  /* a card to give the focus to once its row exists */
  gint64 focus_id;
  CrmStage focus_stage;
  guint focus_tick_id;
  guint focus_frames;
};

G_DEFINE_FINAL_TYPE (CrmPipelinePage, crm_pipeline_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REPOSITORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  CrmPipelinePage *page;   /* borrowed: the page outlives its models */
  CrmStage stage;
} ColumnQuery;

static CrmPipelineFilter
current_filter (CrmPipelinePage *self)
{
  return (CrmPipelineFilter) { self->customer_id, self->search };
}

static gint64
column_count_cb (gpointer   user_data,
                 GError   **error)
{
  ColumnQuery *query = user_data;
  CrmPipelineFilter filter = current_filter (query->page);

  if (query->page->repository == NULL)
    return 0;
  return crm_repository_count_stage (query->page->repository, query->stage, &filter, error);
}

static GPtrArray *
column_fetch_cb (gpointer   user_data,
                 guint      offset,
                 guint      limit,
                 GError   **error)
{
  ColumnQuery *query = user_data;
  CrmPipelineFilter filter = current_filter (query->page);

  if (query->page->repository == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);
  return crm_repository_list_stage (query->page->repository, query->stage, &filter,
                                    offset, limit, error);
}

static gint64
customers_count_cb (gpointer   user_data,
                    GError   **error)
{
  CrmPipelinePage *self = user_data;
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;

  if (self->repository == NULL)
    return 0;
  return crm_repository_count_customers (self->repository, &query, error);
}

static GPtrArray *
customers_fetch_cb (gpointer   user_data,
                    guint      offset,
                    guint      limit,
                    GError   **error)
{
  CrmPipelinePage *self = user_data;
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;

  if (self->repository == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);
  return crm_repository_list_customers (self->repository, &query, offset, limit, error);
}

static void
show_error (CrmPipelinePage *self,
            const GError    *error)
{
  /* The window shows it; a bare board (a benchmark) has none. */
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s", error->message))
    g_warning ("%s", error->message);
}

static void
refresh_totals (CrmPipelinePage *self)
{
  g_autoptr(GError) error = NULL;
  CrmPipelineFilter filter = current_filter (self);
  CrmStageTotals totals[CRM_N_STAGES];

  if (self->repository == NULL)
    return;
  if (!crm_repository_get_stage_totals (self->repository, &filter, totals, &error))
    {
      show_error (self, error);
      return;
    }
  for (CrmStage stage = 0; stage < CRM_N_STAGES; stage++)
    crm_pipeline_column_set_totals (self->columns[stage], &totals[stage]);
}

static void
refresh (CrmPipelinePage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  for (CrmStage stage = 0; stage < CRM_N_STAGES; stage++)
    if (self->models[stage] != NULL)
      crm_paged_model_reload (self->models[stage]);
  refresh_totals (self);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  CrmPipelinePage *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
reload_customers (CrmPipelinePage *self)
{
  CrmCustomer *selected;

  crm_paged_model_reload (self->customers);
  /* The list shifted under the selection: keep the filter only if the
   * same customer is still there. */
  selected = gtk_drop_down_get_selected_item (self->customer_dropdown);
  if (self->customer_id != 0
      && (selected == NULL || crm_customer_get_id (selected) != self->customer_id))
    gtk_drop_down_set_selected (self->customer_dropdown, 0);
}

static void
repository_changed_cb (CrmPipelinePage *self,
                       GType            type,
                       gint64           id,
                       guint            kind,
                       CrmRepository   *repository)
{
  if (type == CRM_TYPE_CUSTOMER)
    reload_customers (self);
  if (self->moving)
    return;   /* the move refreshes by itself, at once */
  if ((type == CRM_TYPE_OPPORTUNITY || type == CRM_TYPE_CUSTOMER) && self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 30, refresh_idle_cb, self, NULL);
}

static gboolean
focus_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  CrmPipelinePage *self = CRM_PIPELINE_PAGE (widget);
  CrmPipelineCard *card = crm_pipeline_column_find_card (self->columns[self->focus_stage],
                                                         self->focus_id);

  if (card != NULL)
    gtk_widget_grab_focus (gtk_widget_get_parent (GTK_WIDGET (card)));
  if (card != NULL || ++self->focus_frames >= FOCUS_MAX_FRAMES)
    {
      self->focus_tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Gives the focus to @id's card once the list has made its row. */
static void
focus_card_later (CrmPipelinePage *self,
                  CrmStage         stage,
                  gint64           id,
                  guint            list_position)
{
  GtkWidget *list_view = crm_pipeline_column_get_list_view (self->columns[stage]);

  self->focus_id = id;
  self->focus_stage = stage;
  self->focus_frames = 0;
  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", list_position);
  if (self->focus_tick_id == 0)
    self->focus_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_tick_cb, NULL, NULL);
}

typedef struct
{
  gint64 id;
  CrmStage stage;
  gint64 before_id;
} MoveRequest;

static gboolean
move_before_func (CrmPipelinePage  *self,
                  gconstpointer     data,
                  CrmPipelineMove  *previous,
                  GError          **error)
{
  const MoveRequest *request = data;

  return crm_repository_move_opportunity_before (self->repository, request->id, request->stage,
                                                 request->before_id, previous, error);
}

typedef gboolean (*MoveFunc) (CrmPipelinePage  *self,
                              gconstpointer     data,
                              CrmPipelineMove  *previous,
                              GError          **error);

/* Runs a move and updates the board at once: the two columns learn which
 * rows changed (so the list views rebind only those, not every row they
 * keep around), and the headers get fresh totals. */
static gboolean
apply_move (CrmPipelinePage  *self,
            gint64            id,
            MoveFunc          func,
            gconstpointer     data,
            CrmPipelineMove  *previous,
            guint            *new_index,
            GError          **error)
{
  CrmPipelineFilter filter = current_filter (self);
  CrmStage from_stage, to_stage;
  guint from, to;
  gboolean ok;

  if (!crm_repository_get_stage_index (self->repository, id, &filter, &from_stage, &from, error))
    return FALSE;
  self->moving = TRUE;
  ok = func (self, data, previous, error);
  self->moving = FALSE;
  if (!ok)
    return FALSE;
  if (!crm_repository_get_stage_index (self->repository, id, &filter, &to_stage, &to, error))
    {
      refresh (self);
      return FALSE;
    }

  if (from_stage != to_stage)
    {
      crm_paged_model_reload_range (self->models[from_stage], from, 1, 0);
      crm_paged_model_reload_range (self->models[to_stage], to, 0, 1);
    }
  else if (from != to)
    crm_paged_model_reload_range (self->models[to_stage], MIN (from, to),
                                  MAX (from, to) - MIN (from, to) + 1,
                                  MAX (from, to) - MIN (from, to) + 1);
  refresh_totals (self);
  if (new_index != NULL)
    *new_index = to;
  return TRUE;
}

static CrmPipelineCard *
focused_card (CrmPipelinePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      GtkWidget *child = gtk_widget_get_first_child (w);

      if (CRM_IS_PIPELINE_CARD (w))
        return CRM_PIPELINE_CARD (w);
      if (CRM_IS_PIPELINE_CARD (child))
        return CRM_PIPELINE_CARD (child);
    }
  return NULL;
}

static gboolean
move_focused_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  CrmPipelinePage *self = CRM_PIPELINE_PAGE (widget);
  CrmPipelineCard *card = focused_card (self);
  CrmOpportunity *opportunity;
  CrmPipelineColumn *column;
  CrmStage stage;
  guint position;
  int dx, dy;

  if (card == NULL || (opportunity = crm_pipeline_card_get_opportunity (card)) == NULL)
    return FALSE;
  g_variant_get (args, "(ii)", &dx, &dy);
  stage = crm_opportunity_get_stage (opportunity);
  column = self->columns[stage];
  position = crm_pipeline_card_get_list_position (card);

  if (dx != 0)
    {
      int target = (int)stage + dx;

      if (target < 0 || target >= CRM_N_STAGES)
        return TRUE;
      crm_pipeline_page_move (self, crm_opportunity_get_id (opportunity), target,
                              crm_pipeline_column_get_item_id (self->columns[target], 0), TRUE);
    }
  else if (dy < 0 && position > 0)
    crm_pipeline_page_move (self, crm_opportunity_get_id (opportunity), stage,
                            crm_pipeline_column_get_item_id (column, position - 1), TRUE);
  else if (dy > 0 && crm_pipeline_column_get_item_id (column, position + 1) != 0)
    crm_pipeline_page_move (self, crm_opportunity_get_id (opportunity), stage,
                            crm_pipeline_column_get_item_id (column, position + 2), TRUE);
  return TRUE;
}

static gboolean
popup_menu_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  CrmPipelineCard *card = focused_card (CRM_PIPELINE_PAGE (widget));

  if (card == NULL)
    return FALSE;
  crm_pipeline_card_popup_menu (card);
  return TRUE;
}

/* Delete on a focused card: the window deletes, with Undo. */
static gboolean
delete_focused_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  CrmPipelineCard *card = focused_card (CRM_PIPELINE_PAGE (widget));

  if (card == NULL || crm_pipeline_card_get_id (card) == 0)
    return FALSE;
  return gtk_widget_activate_action (widget, "win.delete-opportunity", "x", crm_pipeline_card_get_id (card));
}

static void
move_to_stage_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrmPipelinePage *self = CRM_PIPELINE_PAGE (widget);
  gint64 id;
  gint32 stage;

  g_variant_get (parameter, "(xi)", &id, &stage);
  if (stage < 0 || stage >= CRM_N_STAGES)
    return;
  crm_pipeline_page_move (self, id, stage,
                          crm_pipeline_column_get_item_id (self->columns[stage], 0), TRUE);
}

static void
column_move_card_cb (CrmPipelinePage   *self,
                     gint64             id,
                     gint64             before_id,
                     CrmPipelineColumn *column)
{
  crm_pipeline_page_move (self, id, crm_pipeline_column_get_stage (column), before_id, FALSE);
}

static void
column_activate_card_cb (CrmPipelinePage   *self,
                         gint64             id,
                         CrmPipelineColumn *column)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-opportunity", "x", id);
}

static void
search_changed_cb (CrmPipelinePage *self,
                   GtkSearchEntry  *entry)
{
  crm_pipeline_page_set_filter (self, self->customer_id,
                                gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
customer_selected_cb (CrmPipelinePage *self,
                      GParamSpec      *pspec,
                      GtkDropDown     *dropdown)
{
  CrmCustomer *customer = gtk_drop_down_get_selected_item (dropdown);

  crm_pipeline_page_set_filter (self, customer != NULL ? crm_customer_get_id (customer) : 0,
                                self->search);
}

static void
crm_pipeline_page_dispose (GObject *object)
{
  CrmPipelinePage *self = (CrmPipelinePage *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->focus_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->focus_tick_id);
      self->focus_tick_id = 0;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PIPELINE_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  for (CrmStage stage = 0; stage < CRM_N_STAGES; stage++)
    g_clear_object (&self->models[stage]);
  g_clear_object (&self->customers);
  g_clear_object (&self->customer_choices);
  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_data (self->repository, self);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (crm_pipeline_page_parent_class)->dispose (object);
}

static void
crm_pipeline_page_finalize (GObject *object)
{
  CrmPipelinePage *self = (CrmPipelinePage *)object;

  g_clear_pointer (&self->search, g_free);

  G_OBJECT_CLASS (crm_pipeline_page_parent_class)->finalize (object);
}

static void
crm_pipeline_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CrmPipelinePage *self = CRM_PIPELINE_PAGE (object);

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
crm_pipeline_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CrmPipelinePage *self = CRM_PIPELINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      crm_pipeline_page_set_repository (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_pipeline_page_class_init (CrmPipelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_pipeline_page_dispose;
  object_class->finalize = crm_pipeline_page_finalize;
  object_class->get_property = crm_pipeline_page_get_property;
  object_class->set_property = crm_pipeline_page_set_property;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, CRM_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CRM_TYPE_CUSTOMER);
  g_type_ensure (CRM_TYPE_PIPELINE_COLUMN);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-pipeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPipelinePage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelinePage, customer_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmPipelinePage, columns_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, customer_selected_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pipelinepage");

  gtk_widget_class_install_action (widget_class, "pipeline.move-to-stage", "(xi)", move_to_stage_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, move_focused_cb, "(ii)", -1, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, GDK_ALT_MASK, move_focused_cb, "(ii)", 1, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, move_focused_cb, "(ii)", 0, -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, move_focused_cb, "(ii)", 0, 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, move_focused_cb, "(ii)", -1, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Right, GDK_ALT_MASK, move_focused_cb, "(ii)", 1, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, move_focused_cb, "(ii)", 0, -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, move_focused_cb, "(ii)", 0, 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_focused_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_focused_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, popup_menu_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, popup_menu_cb, NULL);
}

static void
crm_pipeline_page_init (CrmPipelinePage *self)
{
  g_autoptr(GListStore) all = g_list_store_new (CRM_TYPE_CUSTOMER);
  g_autoptr(CrmCustomer) everyone = crm_customer_new ();
  GtkFlattenListModel *choices;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  for (CrmStage stage = 0; stage < CRM_N_STAGES; stage++)
    {
      self->columns[stage] = crm_pipeline_column_new (stage);
      g_signal_connect_object (self->columns[stage], "move-card",
                               G_CALLBACK (column_move_card_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->columns[stage], "activate-card",
                               G_CALLBACK (column_activate_card_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->columns_box, GTK_WIDGET (self->columns[stage]));
    }

  /* The customer filter: “All Customers”, then every customer by name,
   * read a page at a time like every other list. */
  crm_customer_set_name (everyone, _("All Customers"));
  g_list_store_append (all, everyone);
  self->customers = crm_paged_model_new (CRM_TYPE_CUSTOMER, customers_count_cb, customers_fetch_cb,
                                         self, NULL);
  self->customer_choices = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (self->customer_choices, all);
  g_list_store_append (self->customer_choices, self->customers);
  choices = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->customer_choices)));
  gtk_drop_down_set_model (self->customer_dropdown, G_LIST_MODEL (choices));
  g_object_unref (choices);
}

CrmRepository *
crm_pipeline_page_get_repository (CrmPipelinePage *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_PAGE (self), NULL);
  return self->repository;
}

void
crm_pipeline_page_set_repository (CrmPipelinePage *self,
                                  CrmRepository   *repository)
{
  g_return_if_fail (CRM_IS_PIPELINE_PAGE (self));
  g_return_if_fail (repository == NULL || CRM_IS_REPOSITORY (repository));

  if (self->repository == repository)
    return;
  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_data (self->repository, self);
  g_set_object (&self->repository, repository);
  if (repository != NULL)
    g_signal_connect_object (repository, "changed", G_CALLBACK (repository_changed_cb),
                             self, G_CONNECT_SWAPPED);
  /* Cards and totals are formatted in the chosen currency. */
  g_signal_handlers_disconnect_by_func (crm_currency_get_default (), refresh, self);
  g_signal_connect_object (crm_currency_get_default (), "notify::chosen", G_CALLBACK (refresh),
                           self, G_CONNECT_SWAPPED);

  for (CrmStage stage = 0; stage < CRM_N_STAGES; stage++)
    {
      ColumnQuery *query = g_new0 (ColumnQuery, 1);

      query->page = self;
      query->stage = stage;
      g_clear_object (&self->models[stage]);
      self->models[stage] = crm_paged_model_new (CRM_TYPE_OPPORTUNITY, column_count_cb,
                                                 column_fetch_cb, query, g_free);
      crm_pipeline_column_set_model (self->columns[stage], G_LIST_MODEL (self->models[stage]));
    }
  crm_paged_model_reload (self->customers);
  refresh_totals (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
}

/**
 * crm_pipeline_page_get_column:
 *
 * Returns: (transfer none): the column of @stage
 */
CrmPipelineColumn *
crm_pipeline_page_get_column (CrmPipelinePage *self,
                              CrmStage         stage)
{
  g_return_val_if_fail (CRM_IS_PIPELINE_PAGE (self), NULL);
  g_return_val_if_fail (stage < CRM_N_STAGES, NULL);
  return self->columns[stage];
}

/**
 * crm_pipeline_page_set_filter:
 * @customer_id: show one customer's opportunities, or 0 for everyone's
 * @search: (nullable): a substring of the title or customer name
 *
 * The columns and their headers then show (and total) what matches.
 */
void
crm_pipeline_page_set_filter (CrmPipelinePage *self,
                              gint64           customer_id,
                              const char      *search)
{
  g_return_if_fail (CRM_IS_PIPELINE_PAGE (self));

  if (search != NULL && search[0] == '\0')
    search = NULL;
  if (self->customer_id == customer_id && g_strcmp0 (self->search, search) == 0)
    return;
  self->customer_id = customer_id;
  if (search != self->search)
    {
      g_autofree char *old = self->search;
      self->search = g_strdup (search);
    }
  refresh (self);
}

/**
 * crm_pipeline_page_move:
 * @id: the opportunity to move
 * @stage: its new stage (may be its own: a reorder)
 * @before_id: the card it should land before, 0 for the end of the column
 * @keep_focus: give the focus to the moved card afterwards (keyboard moves)
 *
 * Writes the move, refreshes the columns and totals at once and records
 * it in the window's undo history.
 *
 * Returns: whether the move was written
 */
gboolean
crm_pipeline_page_move (CrmPipelinePage *self,
                        gint64           id,
                        CrmStage         stage,
                        gint64           before_id,
                        gboolean         keep_focus)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOpportunity) moved = NULL;
  g_autofree char *title = NULL;
  CrmPipelineMove previous = { 0, };
  MoveRequest request = { id, stage, before_id };
  guint new_index = 0;
  CrmUndoStack *undo_stack;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_PIPELINE_PAGE (self), FALSE);
  g_return_val_if_fail (stage < CRM_N_STAGES, FALSE);

  if (self->repository == NULL)
    return FALSE;

  ok = apply_move (self, id, move_before_func, &request, &previous, &new_index, &error);
  if (ok)
    moved = crm_repository_get_opportunity (self->repository, id, &error);
  if (moved == NULL)
    {
      show_error (self, error);
      return FALSE;
    }
  if (keep_focus)
    focus_card_later (self, stage, id, new_index);

  if (previous.stage == stage && previous.index == crm_opportunity_get_position (moved))
    return TRUE;   /* dropped where it was */

  undo_stack = crm_undo_stack_find (GTK_WIDGET (self));
  if (undo_stack != NULL)
    crm_undo_stack_record_move (undo_stack, self->repository, &previous, moved);
  return TRUE;
}

/**
 * crm_pipeline_page_focus_search:
 *
 * Puts the focus in the board's search, its text selected (Ctrl+F).
 */
void
crm_pipeline_page_focus_search (CrmPipelinePage *self)
{
  g_return_if_fail (CRM_IS_PIPELINE_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}
