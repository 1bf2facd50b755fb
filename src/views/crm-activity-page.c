/* crm-activity-page.c: every interaction with every customer, newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-activity-page.h"
#include "crm-format.h"
#include "crm-paged-model.h"

struct _CrmActivityPage
{
  AdwBin parent_instance;

  /* template widgets */
  GtkStack *stack;
  GtkListView *list_view;

  /* owned */
  CrmRepository *repository;
  CrmPagedModel *model;
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
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  RowWidgets *w = g_new0 (RowWidgets, 1);

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

  /* AdwBin unparents its child itself; let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_ACTIVITY_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (crm_activity_page_parent_class)->dispose (object);
}

static void
crm_activity_page_class_init (CrmActivityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_activity_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-activity-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmActivityPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmActivityPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
}

static void
crm_activity_page_init (CrmActivityPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
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
