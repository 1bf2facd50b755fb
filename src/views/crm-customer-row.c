/* crm-customer-row.c: one customer of the list, drawn as text
 *
 * A row is one widget that draws its six cells as PangoLayouts, not six
 * label widgets: GTK 4.8 lays out and snapshots every widget of every
 * live row when a search changes the list, and with one widget a row
 * costs a few text layouts (see the list notes in the README's
 * Performance section). Setting a new customer only changes the layouts'
 * text and queues a redraw: the row's height does not depend on its text,
 * so nothing is measured again.
 *
 * Column widths are fixed shares of the row's width
 * (crm_customer_column_get_span()), never their content's, so the columns
 * stay where they are from one search to the next and the header above
 * the list lines up with them. A row no wider than
 * CRM_CUSTOMER_ROW_NARROW_WIDTH shows two lines instead: the name, then
 * the company and the status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-customer-row.h"
#include "crm-format.h"

/* padding around the text, in pixels */
#define PAD_X 6
#define PAD_Y 6
#define LINE_GAP 2

struct _CrmCustomerRow
{
  GtkWidget parent_instance;

  gint64 id;
  char *texts[CRM_CUSTOMER_N_COLUMNS];
  PangoLayout *layouts[CRM_CUSTOMER_N_COLUMNS];
  PangoLayout *second_line;    /* narrow: company · status */
  int line_height;             /* of the widget's font, 0 until measured */
  int ascent;                  /* of the widget's font, where baselines go */
  gboolean narrow;
};

G_DEFINE_FINAL_TYPE (CrmCustomerRow, crm_customer_row, GTK_TYPE_WIDGET)

/* The share of the row each column takes, in thousandths. */
static const int column_shares[CRM_CUSTOMER_N_COLUMNS] = {
  195, 175, 225, 130, 115, 160,
};

/**
 * crm_customer_column_get_span:
 * @width: the width of the row (or the header)
 * @x: (out): where @column starts, left to right
 * @column_width: (out): its width
 *
 * Where a column is in a row of @width, for the rows and the header alike.
 */
void
crm_customer_column_get_span (int                width,
                              CrmCustomerColumn  column,
                              int               *x,
                              int               *column_width)
{
  int start = 0;
  int end;

  g_return_if_fail (column < CRM_CUSTOMER_N_COLUMNS);

  for (guint i = 0; i < column; i++)
    start += column_shares[i];
  end = start + column_shares[column];
  /* the last column ends at the edge, whatever the rounding */
  *x = width * start / 1000;
  *column_width = (column + 1 == CRM_CUSTOMER_N_COLUMNS ? width : width * end / 1000) - *x;
}

static int
get_line_height (CrmCustomerRow *self)
{
  if (self->line_height == 0)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      self->ascent = PANGO_PIXELS (pango_font_metrics_get_ascent (metrics));
      self->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
      if (self->line_height <= 0)
        self->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics)
                                               + pango_font_metrics_get_descent (metrics));
      pango_font_metrics_unref (metrics);
    }
  return self->line_height;
}

static void
set_layout_text (PangoLayout *layout,
                 const char  *text)
{
  if (g_strcmp0 (pango_layout_get_text (layout), text != NULL ? text : "") != 0)
    pango_layout_set_text (layout, text != NULL ? text : "", -1);
}

static void
update_second_line (CrmCustomerRow *self)
{
  const char *company = self->texts[CRM_CUSTOMER_COLUMN_COMPANY];
  const char *status = self->texts[CRM_CUSTOMER_COLUMN_STATUS];
  g_autofree char *text = NULL;

  if (company != NULL && *company != '\0' && status != NULL)
    /* Translators: a narrow list's second line: company · status */
    text = g_strdup_printf (C_("customer row", "%s · %s"), company, status);
  else
    text = g_strdup (status != NULL ? status : company);
  set_layout_text (self->second_line, text);
}

static void
update_accessible (CrmCustomerRow *self)
{
  g_autoptr(GString) label = g_string_new (NULL);

  /* a screen reader reads the row as the table's cells would be read */
  for (guint i = 0; i < CRM_CUSTOMER_N_COLUMNS; i++)
    {
      const char *text = self->texts[i];

      if (text == NULL || *text == '\0')
        continue;
      if (label->len > 0)
        g_string_append (label, ", ");
      g_string_append (label, text);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label->str,
                                  -1);
}

static void
crm_customer_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  CrmCustomerRow *self = CRM_CUSTOMER_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* no width of its own: the list gives it one, the text ellipsizes */
      *minimum = *natural = 2 * PAD_X;
      return;
    }
  if (for_size >= 0 && for_size <= CRM_CUSTOMER_ROW_NARROW_WIDTH)
    *minimum = *natural = 2 * get_line_height (self) + LINE_GAP + 2 * PAD_Y;
  else
    *minimum = *natural = get_line_height (self) + 2 * PAD_Y;
}

static GtkSizeRequestMode
crm_customer_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
crm_customer_row_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  CrmCustomerRow *self = CRM_CUSTOMER_ROW (widget);

  self->narrow = width <= CRM_CUSTOMER_ROW_NARROW_WIDTH;
  if (self->narrow)
    {
      int text_width = MAX (width - 2 * PAD_X, 1) * PANGO_SCALE;

      pango_layout_set_width (self->layouts[CRM_CUSTOMER_COLUMN_NAME], text_width);
      pango_layout_set_width (self->second_line, text_width);
      return;
    }
  for (guint i = 0; i < CRM_CUSTOMER_N_COLUMNS; i++)
    {
      int x, column_width;

      crm_customer_column_get_span (width, i, &x, &column_width);
      pango_layout_set_width (self->layouts[i], MAX (column_width - 2 * PAD_X, 1) * PANGO_SCALE);
    }
}

/* Draws @layout with its baseline where the widget's font has it in a
 * line starting at @y: a Chinese name (another font, another ascent)
 * then sits on the same line as the Latin cells beside it. */
static void
append_layout (CrmCustomerRow *self,
               GtkSnapshot    *snapshot,
               PangoLayout    *layout,
               int             x,
               int             y,
               const GdkRGBA  *color)
{
  y += self->ascent - PANGO_PIXELS (pango_layout_get_baseline (layout));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
crm_customer_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CrmCustomerRow *self = CRM_CUSTOMER_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int line = get_line_height (self);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  GdkRGBA color, dim;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  dim = color;
  dim.alpha *= 0.6f;

  if (self->narrow)
    {
      int y = MAX ((height - 2 * line - LINE_GAP) / 2, 0);

      append_layout (self, snapshot, self->layouts[CRM_CUSTOMER_COLUMN_NAME], PAD_X, y, &color);
      append_layout (self, snapshot, self->second_line, PAD_X, y + line + LINE_GAP, &dim);
      return;
    }

  for (guint i = 0; i < CRM_CUSTOMER_N_COLUMNS; i++)
    {
      int x, column_width;

      crm_customer_column_get_span (width, i, &x, &column_width);
      if (rtl)
        x = width - x - column_width;
      append_layout (self, snapshot, self->layouts[i], x + PAD_X, MAX ((height - line) / 2, 0),
                     i == CRM_CUSTOMER_COLUMN_NAME ? &color : &dim);
    }
}

static void
crm_customer_row_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  CrmCustomerRow *self = CRM_CUSTOMER_ROW (widget);

  GTK_WIDGET_CLASS (crm_customer_row_parent_class)->css_changed (widget, change);

  /* a new font: new metrics and layouts, and a new row height */
  self->line_height = 0;
  for (guint i = 0; i < CRM_CUSTOMER_N_COLUMNS; i++)
    pango_layout_context_changed (self->layouts[i]);
  pango_layout_context_changed (self->second_line);
  gtk_widget_queue_resize (widget);
}

static void
crm_customer_row_finalize (GObject *object)
{
  CrmCustomerRow *self = (CrmCustomerRow *)object;

  for (guint i = 0; i < CRM_CUSTOMER_N_COLUMNS; i++)
    {
      g_clear_object (&self->layouts[i]);
      g_clear_pointer (&self->texts[i], g_free);
    }
  g_clear_object (&self->second_line);

  G_OBJECT_CLASS (crm_customer_row_parent_class)->finalize (object);
}

static void
crm_customer_row_class_init (CrmCustomerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = crm_customer_row_finalize;

  widget_class->measure = crm_customer_row_measure;
  widget_class->get_request_mode = crm_customer_row_get_request_mode;
  widget_class->size_allocate = crm_customer_row_size_allocate;
  widget_class->snapshot = crm_customer_row_snapshot;
  widget_class->css_changed = crm_customer_row_css_changed;

  gtk_widget_class_set_css_name (widget_class, "customerrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ROW);
}

static void
crm_customer_row_init (CrmCustomerRow *self)
{
  for (guint i = 0; i < CRM_CUSTOMER_N_COLUMNS; i++)
    {
      self->layouts[i] = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_ellipsize (self->layouts[i], PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layouts[i], TRUE);
    }
  self->second_line = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_ellipsize (self->second_line, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (self->second_line, TRUE);
}

GtkWidget *
crm_customer_row_new (void)
{
  return g_object_new (CRM_TYPE_CUSTOMER_ROW, NULL);
}

/**
 * crm_customer_row_set_customer:
 * @customer: (nullable): what the row shows, %NULL for nothing
 *
 * The row keeps the texts, not @customer.
 */
void
crm_customer_row_set_customer (CrmCustomerRow *self,
                               CrmCustomer    *customer)
{
  char *texts[CRM_CUSTOMER_N_COLUMNS] = { NULL, };
  gboolean changed = FALSE;

  g_return_if_fail (CRM_IS_CUSTOMER_ROW (self));
  g_return_if_fail (customer == NULL || CRM_IS_CUSTOMER (customer));

  self->id = customer != NULL ? crm_customer_get_id (customer) : 0;
  if (customer != NULL)
    {
      GDateTime *created = crm_customer_get_created_at (customer);

      texts[CRM_CUSTOMER_COLUMN_NAME] = g_strdup (crm_customer_get_name (customer));
      texts[CRM_CUSTOMER_COLUMN_COMPANY] = g_strdup (crm_customer_get_company (customer));
      texts[CRM_CUSTOMER_COLUMN_EMAIL] = g_strdup (crm_customer_get_email (customer));
      texts[CRM_CUSTOMER_COLUMN_PHONE] = g_strdup (crm_customer_get_phone (customer));
      texts[CRM_CUSTOMER_COLUMN_STATUS] =
        g_strdup (crm_customer_status_get_label (crm_customer_get_status (customer)));
      texts[CRM_CUSTOMER_COLUMN_CREATED] = created != NULL ? crm_format_date (created) : NULL;
    }

  for (guint i = 0; i < CRM_CUSTOMER_N_COLUMNS; i++)
    {
      if (g_strcmp0 (texts[i], self->texts[i]) == 0)
        {
          g_free (texts[i]);
          continue;
        }
      g_free (self->texts[i]);
      self->texts[i] = texts[i];
      set_layout_text (self->layouts[i], texts[i]);
      changed = TRUE;
    }
  if (!changed)
    return;
  update_second_line (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * crm_customer_row_get_id:
 *
 * Returns: the id of the customer shown, or 0
 */
gint64
crm_customer_row_get_id (CrmCustomerRow *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_ROW (self), 0);
  return self->id;
}

/**
 * crm_customer_row_get_text:
 *
 * Returns: (nullable): the text the row draws in @column
 */
const char *
crm_customer_row_get_text (CrmCustomerRow    *self,
                           CrmCustomerColumn  column)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_ROW (self), NULL);
  g_return_val_if_fail (column < CRM_CUSTOMER_N_COLUMNS, NULL);
  return self->texts[column];
}

/**
 * crm_customer_row_get_narrow:
 *
 * Returns: whether the row was last laid out as two lines
 */
gboolean
crm_customer_row_get_narrow (CrmCustomerRow *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_ROW (self), FALSE);
  return self->narrow;
}
