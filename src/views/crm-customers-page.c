/* crm-customers-page.c: the customer table, its search and the detail beside it
 *
 * The table sits on a CrmPagedModel: the query (search, status, sort
 * column and direction) goes to SQL and the model reads pages of rows as
 * they scroll into view. The column view's own sorter sorts nothing: its
 * changes are read back and turned into the query's ORDER BY.
 *
 * A new query (a key typed in the search, a status, a sort) runs in a
 * CrmCustomerSearch thread, never on the UI thread: the list keeps its
 * rows until the new first page and count arrive, then changes in one
 * items-changed. A newer query cancels (and interrupts) the one before,
 * so the list always ends on the last query typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-customer-detail.h"
#include "crm-customer-search.h"
#include "crm-customers-page.h"
#include "crm-format.h"
#include "crm-paged-model.h"

/* a search that takes longer than this shows a spinner */
#define SPINNER_DELAY_MS 200

/* how far down the list a reload looks for the row to select again */
#define RESELECT_LIMIT 512

typedef enum
{
  COLUMN_NAME,
  COLUMN_COMPANY,
  COLUMN_EMAIL,
  COLUMN_PHONE,
  COLUMN_STATUS,
  COLUMN_CREATED,
  N_COLUMNS
} Column;

struct _CrmCustomersPage
{
  AdwBin parent_instance;

  /* template widgets */
  AdwLeaflet *leaflet;
  GtkWidget *list_pane;
  GtkSearchEntry *search_entry;
  GtkDropDown *status_dropdown;
  GtkWidget *busy_spinner;
  GtkStack *list_stack;
  GtkColumnView *column_view;
  GtkColumnViewColumn *columns[N_COLUMNS];
  CrmCustomerDetail *detail;
  GtkWidget *detail_separator;
  GtkWidget *detail_pane;

  /* owned */
  CrmRepository *repository;
  CrmPagedModel *model;
  GtkSingleSelection *selection;
  CrmCustomerSearch *searcher;
  GCancellable *cancellable;   /* of the search in flight */

  /* the query the list shows */
  char *search;
  int status;
  CrmCustomerSort sort;
  gboolean descending;

  /* the query asked for (entry, status, headers), and the one in flight */
  char *wanted_search;
  int wanted_status;
  CrmCustomerSort wanted_sort;
  gboolean wanted_descending;
  char *running_search;
  int running_status;
  CrmCustomerSort running_sort;
  gboolean running_descending;
  gboolean busy;
  guint spinner_id;
  double scroll_to;            /* where to scroll back after a reload, or -1 */

  int probed_column;
  gboolean reloading;
};

G_DEFINE_FINAL_TYPE (CrmCustomersPage, crm_customers_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CrmCustomerSort column_sorts[N_COLUMNS] = {
  CRM_CUSTOMER_SORT_NAME,
  CRM_CUSTOMER_SORT_COMPANY,
  CRM_CUSTOMER_SORT_EMAIL,
  CRM_CUSTOMER_SORT_PHONE,
  CRM_CUSTOMER_SORT_STATUS,
  CRM_CUSTOMER_SORT_CREATED_AT,
};

typedef struct
{
  CrmCustomersPage *page;
  Column column;
} ColumnProbe;

static gint64
count_customers (gpointer   user_data,
                 GError   **error)
{
  CrmCustomersPage *self = user_data;
  CrmCustomerQuery query = { self->search, self->status, self->sort, self->descending };

  return crm_repository_count_customers (self->repository, &query, error);
}

static GPtrArray *
fetch_customers (gpointer   user_data,
                 guint      offset,
                 guint      limit,
                 GError   **error)
{
  CrmCustomersPage *self = user_data;
  CrmCustomerQuery query = { self->search, self->status, self->sort, self->descending };

  return crm_repository_list_customers (self->repository, &query, offset, limit, error);
}

static gboolean
is_filtered (CrmCustomersPage *self)
{
  return (self->search != NULL && *self->search != '\0') || self->status >= 0;
}

static void
update_stack (CrmCustomersPage *self)
{
  gboolean empty = FALSE;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (is_filtered (self))
    gtk_stack_set_visible_child_name (self->list_stack, "no-results");
  else
    empty = TRUE;

  /* With no customers at all there is nothing to show beside the list. */
  if (empty)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  gtk_widget_set_visible (self->detail_separator, !empty);
  gtk_widget_set_visible (self->detail_pane, !empty);
}

/* Selects the row of customer @id if it is near the top of the list. */
static void
reselect (CrmCustomersPage *self,
          gint64            id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  for (guint i = 0; id > 0 && i < MIN (n, RESELECT_LIMIT); i++)
    {
      g_autoptr(CrmCustomer) customer = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (customer != NULL && crm_customer_get_id (customer) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

/* The list has its new rows' height, or went back to the top: scroll
 * back to where it was. */
static void
adjustment_changed_cb (CrmCustomersPage *self,
                       GtkAdjustment    *adjustment)
{
  double scroll_to = self->scroll_to;

  if (scroll_to < 0)
    return;
  if (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) < scroll_to)
    return;
  self->scroll_to = -1;
  gtk_adjustment_set_value (adjustment, scroll_to);
}

/* Puts a new count and first page into the list; @scroll_to is where
 * the list is scrolled to then (-1 for the top). The list views of GTK
 * 4.8 go back to the top when all their rows are replaced, so the place
 * is set again once the list has been laid out with the new rows. */
static void
show_rows (CrmCustomersPage *self,
           gint64            count,
           GPtrArray        *rows,
           double            scroll_to)
{
  self->reloading = TRUE;
  crm_paged_model_replace (self->model, (guint)MIN (count, G_MAXUINT), rows);
  self->scroll_to = scroll_to > 0 ? scroll_to : -1;
  update_stack (self);
  reselect (self, crm_customer_detail_get_customer_id (self->detail));
  self->reloading = FALSE;
}

/* Reads the query the list shows again, here (the data changed): a
 * count and a page, and the list keeps its place. */
static void
reload (CrmCustomersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkAdjustment *adjustment;
  double place = -1;
  guint old_n;
  gint64 count;

  if (self->model == NULL)
    return;

  count = count_customers (self, &error);
  if (count >= 0)
    rows = fetch_customers (self, 0, crm_paged_model_get_page_size (self->model), &error);
  if (rows == NULL)
    {
      g_warning ("Cannot read customers: %s", error->message);
      return;
    }
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  old_n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  if (adjustment != NULL && old_n > 0)
    {
      /* no further than the end of the new list, or the place would be
       * waited for (and jumped to) later */
      double row = gtk_adjustment_get_upper (adjustment) / old_n;

      place = MIN (gtk_adjustment_get_value (adjustment),
                   count * row - gtk_adjustment_get_page_size (adjustment));
    }
  show_rows (self, count, rows, place);
}

static gboolean
show_spinner_cb (gpointer user_data)
{
  CrmCustomersPage *self = user_data;

  self->spinner_id = 0;
  gtk_widget_set_visible (self->busy_spinner, TRUE);
  return G_SOURCE_REMOVE;
}

static void
set_busy (CrmCustomersPage *self,
          gboolean          busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  /* Only a search one can wait for shows the spinner: a quick one would
   * only make it blink. */
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  if (busy)
    self->spinner_id = g_timeout_add (SPINNER_DELAY_MS, show_spinner_cb, self);
  else
    gtk_widget_set_visible (self->busy_spinner, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CrmCustomersPage *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 count = -1;

  rows = crm_customer_search_finish (CRM_CUSTOMER_SEARCH (source), result, &count, &error);
  /* A stale search: a newer one runs, or the page is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (rows == NULL)
    {
      g_warning ("Cannot search customers: %s", error->message);
      return;
    }

  g_free (self->search);
  self->search = g_steal_pointer (&self->running_search);
  self->status = self->running_status;
  self->sort = self->running_sort;
  self->descending = self->running_descending;

  show_rows (self, count >= 0 ? count : g_list_model_get_n_items (G_LIST_MODEL (self->model)),
             rows, -1);
}

/* Runs the wanted query unless the list shows it or it runs already;
 * @again runs it even then (the data changed under it). */
static void
requery (CrmCustomersPage *self,
         gboolean          again)
{
  CrmCustomerQuery query = { self->wanted_search, self->wanted_status,
                             self->wanted_sort, self->wanted_descending };
  gboolean same_rows;

  if (self->model == NULL)
    return;
  if (!again && self->busy
      && g_strcmp0 (self->wanted_search, self->running_search) == 0
      && self->wanted_status == self->running_status
      && self->wanted_sort == self->running_sort
      && self->wanted_descending == self->running_descending)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* Typed back to what the list shows: nothing to read. */
  if (!again
      && g_strcmp0 (self->wanted_search, self->search) == 0
      && self->wanted_status == self->status
      && self->wanted_sort == self->sort
      && self->wanted_descending == self->descending)
    {
      set_busy (self, FALSE);
      return;
    }
  self->cancellable = g_cancellable_new ();

  g_free (self->running_search);
  self->running_search = g_strdup (self->wanted_search);
  self->running_status = self->wanted_status;
  self->running_sort = self->wanted_sort;
  self->running_descending = self->wanted_descending;

  /* Only a new order of the same rows: the count the list has holds. */
  same_rows = g_strcmp0 (self->wanted_search, self->search) == 0
              && self->wanted_status == self->status;
  set_busy (self, TRUE);
  crm_customer_search_run (self->searcher, &query, crm_paged_model_get_page_size (self->model),
                           !same_rows, self->cancellable, search_done_cb, self);
}

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ColumnProbe *probe = user_data;

  probe->page->probed_column = probe->column;
  return GTK_ORDERING_SMALLER;
}

/* GTK 4.8 does not say which column a GtkColumnView sorts by, so ask its
 * sorter to compare once: it consults the primary column's sorter first
 * (our probe, which says “smaller”) and flips the answer when that
 * column is descending. */
static void
read_sort_order (CrmCustomersPage *self)
{
  /* the order asked for: the list shows it once its rows are read */
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering order;

  self->probed_column = -1;
  /* two distinct items: gtk_sorter_compare() says “equal” for one */
  order = gtk_sorter_compare (sorter, self, self->column_view);
  if (self->probed_column < 0)
    {
      self->wanted_sort = CRM_CUSTOMER_SORT_NAME;
      self->wanted_descending = FALSE;
      return;
    }
  self->wanted_sort = column_sorts[self->probed_column];
  self->wanted_descending = order == GTK_ORDERING_LARGER;
}

static char *
cell_text (CrmCustomer *customer,
           Column       column)
{
  switch (column)
    {
    case COLUMN_NAME:
      return g_strdup (crm_customer_get_name (customer));
    case COLUMN_COMPANY:
      return g_strdup (crm_customer_get_company (customer));
    case COLUMN_EMAIL:
      return g_strdup (crm_customer_get_email (customer));
    case COLUMN_PHONE:
      return g_strdup (crm_customer_get_phone (customer));
    case COLUMN_STATUS:
      return g_strdup (crm_customer_status_get_label (crm_customer_get_status (customer)));
    case COLUMN_CREATED:
      return crm_customer_get_created_at (customer) != NULL
               ? crm_format_date (crm_customer_get_created_at (customer))
               : NULL;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  if (GPOINTER_TO_INT (user_data) == COLUMN_STATUS)
    gtk_label_set_width_chars (GTK_LABEL (label), 8);
  if (GPOINTER_TO_INT (user_data) == COLUMN_CREATED)
    gtk_label_set_width_chars (GTK_LABEL (label), 11);
  if (GPOINTER_TO_INT (user_data) == COLUMN_CREATED || GPOINTER_TO_INT (user_data) == COLUMN_PHONE)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  CrmCustomer *customer = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (customer != NULL)
    text = cell_text (customer, GPOINTER_TO_INT (user_data));
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "");
}

static void
search_changed_cb (CrmCustomersPage *self,
                   GtkSearchEntry   *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (g_strcmp0 (text, self->wanted_search) == 0)
    return;
  g_free (self->wanted_search);
  self->wanted_search = g_strdup (text);
  requery (self, FALSE);
}

static void
stop_search_cb (CrmCustomersPage *self,
                GtkSearchEntry   *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
status_changed_cb (CrmCustomersPage *self,
                   GParamSpec       *pspec,
                   GtkDropDown      *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  self->wanted_status = selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int)selected - 1;
  requery (self, FALSE);
}

static void
sorter_changed_cb (CrmCustomersPage *self,
                   GtkSorterChange   change,
                   GtkSorter        *sorter)
{
  /* the columns going away while the page is disposed */
  if (self->column_view == NULL)
    return;
  read_sort_order (self);
  requery (self, FALSE);
}

static void
selection_changed_cb (CrmCustomersPage *self,
                      GParamSpec       *pspec,
                      GtkSingleSelection *selection)
{
  CrmCustomer *customer = gtk_single_selection_get_selected_item (selection);

  if (self->reloading || customer == NULL)
    return;
  crm_customer_detail_set_customer_id (self->detail, crm_customer_get_id (customer));
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
column_view_activate_cb (CrmCustomersPage *self,
                         guint             position,
                         GtkColumnView    *view)
{
  g_autoptr(CrmCustomer) customer = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (customer == NULL)
    return;
  crm_customer_detail_set_customer_id (self->detail, crm_customer_get_id (customer));
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-customer", "x", crm_customer_get_id (customer));
}

static void
back_clicked_cb (CrmCustomersPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
repository_changed_cb (CrmCustomersPage *self,
                       GType             type,
                       gint64            id,
                       guint             kind,
                       CrmRepository    *repository)
{
  if (type != CRM_TYPE_CUSTOMER)
    return;
  /* A search in flight may have read the rows before this change. */
  if (self->busy)
    requery (self, TRUE);
  else
    reload (self);
}

static void
crm_customers_page_dispose (GObject *object)
{
  CrmCustomersPage *self = (CrmCustomersPage *)object;

  g_clear_handle_id (&self->spinner_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->searcher != NULL)
    crm_customer_search_stop (self->searcher);
  g_clear_object (&self->searcher);

  /* AdwBin unparents its child itself; let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CUSTOMERS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (crm_customers_page_parent_class)->dispose (object);
}

static void
crm_customers_page_finalize (GObject *object)
{
  CrmCustomersPage *self = (CrmCustomersPage *)object;

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->wanted_search, g_free);
  g_clear_pointer (&self->running_search, g_free);

  G_OBJECT_CLASS (crm_customers_page_parent_class)->finalize (object);
}

static void
crm_customers_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CrmCustomersPage *self = CRM_CUSTOMERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customers_page_class_init (CrmCustomersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_customers_page_dispose;
  object_class->finalize = crm_customers_page_finalize;
  object_class->get_property = crm_customers_page_get_property;

  /**
   * CrmCustomersPage:busy:
   *
   * Whether a query (search, status, sort) is being read, so the list
   * does not show it yet.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CRM_TYPE_CUSTOMER_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, detail);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, detail_separator);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, detail_pane);
  gtk_widget_class_bind_template_child_full (widget_class, "name_column", FALSE,
                                             G_STRUCT_OFFSET (CrmCustomersPage, columns[COLUMN_NAME]));
  gtk_widget_class_bind_template_child_full (widget_class, "company_column", FALSE,
                                             G_STRUCT_OFFSET (CrmCustomersPage, columns[COLUMN_COMPANY]));
  gtk_widget_class_bind_template_child_full (widget_class, "email_column", FALSE,
                                             G_STRUCT_OFFSET (CrmCustomersPage, columns[COLUMN_EMAIL]));
  gtk_widget_class_bind_template_child_full (widget_class, "phone_column", FALSE,
                                             G_STRUCT_OFFSET (CrmCustomersPage, columns[COLUMN_PHONE]));
  gtk_widget_class_bind_template_child_full (widget_class, "status_column", FALSE,
                                             G_STRUCT_OFFSET (CrmCustomersPage, columns[COLUMN_STATUS]));
  gtk_widget_class_bind_template_child_full (widget_class, "created_column", FALSE,
                                             G_STRUCT_OFFSET (CrmCustomersPage, columns[COLUMN_CREATED]));
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  /* Bubble phase: the search entry keeps its own Delete. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.delete-selected", NULL);
}

static void
crm_customers_page_init (CrmCustomersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->status = -1;
  self->sort = CRM_CUSTOMER_SORT_NAME;
  self->wanted_status = -1;
  self->wanted_sort = CRM_CUSTOMER_SORT_NAME;
  self->scroll_to = -1;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = NULL;
      ColumnProbe *probe = g_new0 (ColumnProbe, 1);

      probe->page = self;
      probe->column = i;
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, probe, g_free));
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (i));
      gtk_column_view_column_set_factory (self->columns[i], factory);
      gtk_column_view_column_set_sorter (self->columns[i], sorter);
    }
  gtk_column_view_sort_by_column (self->column_view, self->columns[COLUMN_NAME], GTK_SORT_ASCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
}

void
crm_customers_page_set_repository (CrmCustomersPage *self,
                                   CrmRepository    *repository)
{
  g_return_if_fail (CRM_IS_CUSTOMERS_PAGE (self));
  g_return_if_fail (CRM_IS_REPOSITORY (repository));
  g_return_if_fail (self->repository == NULL);

  self->repository = g_object_ref (repository);
  self->searcher = crm_customer_search_new (crm_repository_get_path (repository));
  self->model = crm_paged_model_new (CRM_TYPE_CUSTOMER, count_customers, fetch_customers, self, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view)),
                           "changed", G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view)),
                           "value-changed", G_CALLBACK (adjustment_changed_cb), self, G_CONNECT_SWAPPED);

  crm_customer_detail_set_repository (self->detail, repository);
  g_signal_connect_object (repository, "changed", G_CALLBACK (repository_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* the model counted its rows when it was made */
  update_stack (self);
}

void
crm_customers_page_focus_search (CrmCustomersPage *self)
{
  g_return_if_fail (CRM_IS_CUSTOMERS_PAGE (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * crm_customers_page_get_selected_id:
 *
 * Returns: the id of the customer the page shows, or 0
 */
gint64
crm_customers_page_get_selected_id (CrmCustomersPage *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMERS_PAGE (self), 0);
  return crm_customer_detail_get_customer_id (self->detail);
}

/* Shows customer @id in the detail and selects its row if it is listed. */
void
crm_customers_page_show_customer (CrmCustomersPage *self,
                                  gint64            id)
{
  g_return_if_fail (CRM_IS_CUSTOMERS_PAGE (self));

  crm_customer_detail_set_customer_id (self->detail, id);
  self->reloading = TRUE;
  reselect (self, id);
  self->reloading = FALSE;
}

/**
 * crm_customers_page_get_search:
 *
 * Returns: (nullable): the search text whose results the list shows
 */
const char *
crm_customers_page_get_search (CrmCustomersPage *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMERS_PAGE (self), NULL);
  return self->search;
}
