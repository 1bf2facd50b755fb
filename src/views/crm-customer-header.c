/* crm-customer-header.c: the column headers above the customers list
 *
 * One button per column, placed with crm_customer_column_get_span() so it
 * sits over the column the rows draw; clicking a button sorts by its
 * column, clicking it again reverses the order. The sorted column's button
 * shows an arrow and says the order to assistive technologies
 * (GTK_ACCESSIBLE_PROPERTY_SORT on a column header).
 *
 * A header no wider than CRM_CUSTOMER_ROW_NARROW_WIDTH asks for no height
 * and hides its buttons: the rows are two lines then, with no columns to
 * head.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-customer-header.h"

struct _CrmCustomerHeader
{
  GtkWidget parent_instance;

  /* owned children */
  GtkWidget *buttons[CRM_CUSTOMER_N_COLUMNS];
  GtkWidget *arrows[CRM_CUSTOMER_N_COLUMNS];

  CrmCustomerColumn sort_column;
  gboolean descending;
};

G_DEFINE_FINAL_TYPE (CrmCustomerHeader, crm_customer_header, GTK_TYPE_WIDGET)

enum {
  SORT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
column_title (CrmCustomerColumn column)
{
  switch (column)
    {
    case CRM_CUSTOMER_COLUMN_NAME:
      return _("Name");
    case CRM_CUSTOMER_COLUMN_COMPANY:
      return _("Company");
    case CRM_CUSTOMER_COLUMN_EMAIL:
      return _("Email");
    case CRM_CUSTOMER_COLUMN_PHONE:
      return _("Phone");
    case CRM_CUSTOMER_COLUMN_STATUS:
      return _("Status");
    case CRM_CUSTOMER_COLUMN_CREATED:
      return _("Created");
    case CRM_CUSTOMER_N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
update_indicators (CrmCustomerHeader *self)
{
  for (guint i = 0; i < CRM_CUSTOMER_N_COLUMNS; i++)
    {
      gboolean sorted = i == self->sort_column;

      /* shown or not, the arrow keeps its place: no title moves, and
       * nothing is measured again */
      gtk_widget_set_opacity (self->arrows[i], sorted ? 1 : 0);
      gtk_image_set_from_icon_name (GTK_IMAGE (self->arrows[i]),
                                    sorted && self->descending ? "pan-down-symbolic" : "pan-up-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_SORT,
                                      !sorted ? GTK_ACCESSIBLE_SORT_NONE
                                      : self->descending ? GTK_ACCESSIBLE_SORT_DESCENDING
                                      : GTK_ACCESSIBLE_SORT_ASCENDING,
                                      -1);
    }
}

static void
button_clicked_cb (CrmCustomerHeader *self,
                   GtkButton         *button)
{
  for (guint i = 0; i < CRM_CUSTOMER_N_COLUMNS; i++)
    if (self->buttons[i] == GTK_WIDGET (button))
      {
        crm_customer_header_set_sort (self, i, i == self->sort_column && !self->descending);
        return;
      }
}

static void
crm_customer_header_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  CrmCustomerHeader *self = CRM_CUSTOMER_HEADER (widget);

  *minimum = *natural = 0;
  /* no width of its own: it takes the list's, and its titles ellipsize */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    return;
  if (for_size >= 0 && for_size <= CRM_CUSTOMER_ROW_NARROW_WIDTH)
    return;
  for (guint i = 0; i < CRM_CUSTOMER_N_COLUMNS; i++)
    {
      int min, nat;

      gtk_widget_measure (self->buttons[i], GTK_ORIENTATION_VERTICAL, -1, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }
}

static GtkSizeRequestMode
crm_customer_header_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
crm_customer_header_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  CrmCustomerHeader *self = CRM_CUSTOMER_HEADER (widget);
  gboolean narrow = width <= CRM_CUSTOMER_ROW_NARROW_WIDTH;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  for (guint i = 0; i < CRM_CUSTOMER_N_COLUMNS; i++)
    {
      int x, column_width, min;

      gtk_widget_set_child_visible (self->buttons[i], !narrow);
      if (narrow)
        continue;
      crm_customer_column_get_span (width, i, &x, &column_width);
      if (rtl)
        x = width - x - column_width;
      /* measured before allocated, as GTK asks */
      gtk_widget_measure (self->buttons[i], GTK_ORIENTATION_HORIZONTAL, height, &min, NULL, NULL, NULL);
      gtk_widget_size_allocate (self->buttons[i],
                                &(GtkAllocation) { x, 0, MAX (column_width, min), height },
                                -1);
    }
}

static void
crm_customer_header_dispose (GObject *object)
{
  CrmCustomerHeader *self = (CrmCustomerHeader *)object;

  for (guint i = 0; i < CRM_CUSTOMER_N_COLUMNS; i++)
    {
      g_clear_pointer (&self->buttons[i], gtk_widget_unparent);
      self->arrows[i] = NULL;
    }

  G_OBJECT_CLASS (crm_customer_header_parent_class)->dispose (object);
}

static void
crm_customer_header_class_init (CrmCustomerHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_customer_header_dispose;

  widget_class->measure = crm_customer_header_measure;
  widget_class->get_request_mode = crm_customer_header_get_request_mode;
  widget_class->size_allocate = crm_customer_header_size_allocate;

  /**
   * CrmCustomerHeader::sort-changed:
   *
   * A header was clicked: the list is to be sorted by
   * crm_customer_header_get_sort_column(), in the order
   * crm_customer_header_get_descending() says.
   */
  signals[SORT_CHANGED] =
    g_signal_new ("sort-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "customerheader");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ROW);
}

static void
crm_customer_header_init (CrmCustomerHeader *self)
{
  for (guint i = 0; i < CRM_CUSTOMER_N_COLUMNS; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *label = gtk_label_new (column_title (i));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "heading");
      self->arrows[i] = gtk_image_new ();
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), self->arrows[i]);

      self->buttons[i] = g_object_new (GTK_TYPE_BUTTON,
                                       "accessible-role", GTK_ACCESSIBLE_ROLE_COLUMN_HEADER,
                                       "child", box,
                                       "has-frame", FALSE,
                                       NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->buttons[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, column_title (i),
                                      -1);
      gtk_widget_set_parent (self->buttons[i], GTK_WIDGET (self));
      g_signal_connect_object (self->buttons[i], "clicked",
                               G_CALLBACK (button_clicked_cb), self, G_CONNECT_SWAPPED);
    }
  self->sort_column = CRM_CUSTOMER_COLUMN_NAME;
  update_indicators (self);
}

CrmCustomerColumn
crm_customer_header_get_sort_column (CrmCustomerHeader *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_HEADER (self), CRM_CUSTOMER_COLUMN_NAME);
  return self->sort_column;
}

gboolean
crm_customer_header_get_descending (CrmCustomerHeader *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_HEADER (self), FALSE);
  return self->descending;
}

/**
 * crm_customer_header_set_sort:
 *
 * Shows @column as the sorted one and emits ::sort-changed if that is new.
 */
void
crm_customer_header_set_sort (CrmCustomerHeader *self,
                              CrmCustomerColumn  column,
                              gboolean           descending)
{
  g_return_if_fail (CRM_IS_CUSTOMER_HEADER (self));
  g_return_if_fail (column < CRM_CUSTOMER_N_COLUMNS);

  descending = !!descending;
  if (self->sort_column == column && self->descending == descending)
    return;
  self->sort_column = column;
  self->descending = descending;
  update_indicators (self);
  g_signal_emit (self, signals[SORT_CHANGED], 0);
}

/**
 * crm_customer_header_get_button:
 *
 * Returns: (transfer none): the button that sorts by @column
 */
GtkWidget *
crm_customer_header_get_button (CrmCustomerHeader *self,
                                CrmCustomerColumn  column)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_HEADER (self), NULL);
  g_return_val_if_fail (column < CRM_CUSTOMER_N_COLUMNS, NULL);
  return self->buttons[column];
}
