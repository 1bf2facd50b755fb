/* crm-customers-page.c: the customer table, its search and the detail beside it
 *
 * The list sits on a CrmPagedModel: the query (search, status, sort
 * column and direction) goes to SQL and the model reads pages of rows as
 * they scroll into view. The header's buttons set the query's ORDER BY.
 *
 * The list is a one-column GtkGridView of CrmCustomerRow widgets over a
 * stable model (crm_paged_model_set_stable()): a new query changes the
 * rows behind the positions, GTK is told only how the count changed, and
 * the page gives every bound row its new customer (retext_rows()). In
 * GTK 4.8 a GtkColumnView rebuilt ~200 rows × 6 cells for every key
 * typed (120 ms for 10,000 rows on a 2-core machine); this is one frame
 * of text (README, Performance). A position is a slot, not a customer, so
 * the selection is kept by id (reselect()) and never read from the
 * list's items, which are stale after a query.
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
#include "crm-customer-header.h"
#include "crm-customer-row.h"
#include "crm-customer-search.h"
#include "crm-customers-page.h"
#include "crm-format.h"
#include "crm-paged-model.h"

/* how long a new query may hold the UI thread for its answer: about
 * half a frame */
#define SEARCH_WAIT_US 8000

/* a search that takes longer than this shows a spinner */
#define SPINNER_DELAY_MS 200

/* how far down the list a reload looks for the row to select again */
#define RESELECT_LIMIT 512
/* and crm_customers_page_show_customer(), for a customer just added: the
 * model's cache holds this many rows */
#define SHOW_LIMIT 2048

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
  CrmCustomerHeader *header;
  GtkWidget *scrolled;
  GtkGridView *list_view;
  GtkLabel *count_label;
  CrmCustomerDetail *detail;
  GtkWidget *detail_separator;
  GtkWidget *detail_pane;

  /* owned */
  CrmRepository *repository;
  CrmPagedModel *model;
  GtkSingleSelection *selection;
  CrmCustomerSearch *searcher;
  GCancellable *cancellable;   /* of the search in flight */
  GPtrArray *bound_items;      /* the GtkListItems with a row bound, borrowed */

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
  gboolean running_counts;     /* the query in flight changes the rows, so the count */
  gboolean counting;           /* the list shows a query whose count is still read */
  GPtrArray *first_rows;       /* of the query the list shows, while counting */
  guint spinner_id;
  gint64 count;                /* of the query the list shows */

  gboolean reloading;
};

G_DEFINE_FINAL_TYPE (CrmCustomersPage, crm_customers_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_COUNTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CrmCustomerSort column_sorts[CRM_CUSTOMER_N_COLUMNS] = {
  CRM_CUSTOMER_SORT_NAME,
  CRM_CUSTOMER_SORT_COMPANY,
  CRM_CUSTOMER_SORT_EMAIL,
  CRM_CUSTOMER_SORT_PHONE,
  CRM_CUSTOMER_SORT_STATUS,
  CRM_CUSTOMER_SORT_CREATED_AT,
};

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
update_count (CrmCustomersPage *self)
{
  g_autofree char *number = NULL;
  g_autofree char *text = NULL;

  /* %' groups the digits as the locale does: 1,234 or 1.234 */
  number = g_strdup_printf ("%'" G_GINT64_FORMAT, self->count);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers",
                                       (unsigned long)MAX (self->count, 0)),
                          number);
  gtk_label_set_text (self->count_label, text);
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
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), !empty);
  update_count (self);
}

/* Gives every bound row the customer now at its position. The rows
 * past the first page are left blank after a new query: the list is
 * scrolled to the top, and they are bound again, with what they show, or
 * go out of sight. */
static void
retext_rows (CrmCustomersPage *self,
             guint             limit)
{
  GListModel *model = G_LIST_MODEL (self->model);

  for (guint i = 0; i < self->bound_items->len; i++)
    {
      GtkListItem *item = g_ptr_array_index (self->bound_items, i);
      guint position = gtk_list_item_get_position (item);
      g_autoptr(CrmCustomer) customer = NULL;

      if (position < limit)
        customer = g_list_model_get_item (model, position);
      crm_customer_row_set_customer (CRM_CUSTOMER_ROW (gtk_list_item_get_child (item)), customer);
    }
}

/* The position of customer @id among the first @limit rows, or
 * GTK_INVALID_LIST_POSITION. */
static guint
find_customer (CrmCustomersPage *self,
               gint64            id,
               guint             limit)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  for (guint i = 0; id > 0 && i < MIN (n, limit); i++)
    {
      g_autoptr(CrmCustomer) customer = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (customer != NULL && crm_customer_get_id (customer) == id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Selects the row of customer @id if it is near the top of the list:
 * positions are slots, so the selection follows the customer, not the
 * position it had. */
static guint
reselect (CrmCustomersPage *self,
          gint64            id,
          guint             limit)
{
  guint position = find_customer (self, id, limit);

  gtk_single_selection_set_selected (self->selection, position);
  return position;
}

/* Puts a new count and first page into the list. A new query starts at
 * the top; the same query read again (the data changed) keeps its place,
 * which the stable model does by itself: the list's rows stay where they
 * are and only their text changes. */
static void
show_rows (CrmCustomersPage *self,
           gint64            count,
           GPtrArray        *rows,
           gboolean          new_query)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  guint n = (guint)MIN (count, G_MAXUINT);

  self->reloading = TRUE;
  self->count = count;
  crm_paged_model_replace (self->model, n, rows);
  if (new_query && adjustment != NULL && gtk_adjustment_get_value (adjustment) > 0)
    {
      gtk_adjustment_set_value (adjustment, 0);
      retext_rows (self, MIN (n, rows->len));
    }
  else
    retext_rows (self, n);
  update_stack (self);
  reselect (self, crm_customer_detail_get_customer_id (self->detail), RESELECT_LIMIT);
  self->reloading = FALSE;
}

/* Reads the query the list shows again, here (the data changed): a
 * count and a page, and the list keeps its place and its selection. */
static void
reload (CrmCustomersPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
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
  show_rows (self, count, rows, FALSE);
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
set_counting (CrmCustomersPage *self,
              gboolean          counting)
{
  if (self->counting == counting)
    return;
  self->counting = counting;
  if (!counting)
    g_clear_pointer (&self->first_rows, g_ptr_array_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTING]);
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CrmCustomersPage *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) first_rows = NULL;
  gint64 count = -1;

  rows = crm_customer_search_finish (CRM_CUSTOMER_SEARCH (source), result, &count, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  g_clear_object (&self->cancellable);
  first_rows = g_steal_pointer (&self->first_rows);
  set_counting (self, FALSE);
  if (rows == NULL || count < 0)
    {
      g_warning ("Cannot count customers: %s", error ? error->message : "no count");
      return;
    }
  /* the rows shown stay; the list gets its length, the label its number */
  show_rows (self, count, first_rows, FALSE);
}

/* The search that ran has answered: the list shows it. A search that
 * changed the rows answers with its first page only, when that page is
 * full: its count (a walk over every match, tens of milliseconds at a
 * million customers) is read next, and until it comes the list keeps its
 * old length, so the new rows are painted in the key's frame and the
 * count's one items-changed comes a frame or two later. */
static void
show_search (CrmCustomersPage *self,
             GPtrArray        *rows,
             gint64            count,
             gboolean          watch_found)
{
  gint64 shown_id;
  gboolean count_next = FALSE;

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  if (self->running_counts && count < 0)
    {
      if (rows->len < crm_paged_model_get_page_size (self->model))
        count = rows->len;
      else
        {
          count = MAX (self->count, (gint64)rows->len);
          count_next = TRUE;
        }
    }
  g_free (self->search);
  self->search = g_steal_pointer (&self->running_search);
  self->status = self->running_status;
  self->sort = self->running_sort;
  self->descending = self->running_descending;

  /* The customer beside the list left it: its detail goes too, or it
   * would be edited from a list that no longer shows it. */
  shown_id = crm_customer_detail_get_customer_id (self->detail);
  if (shown_id > 0 && !watch_found)
    crm_customer_detail_set_customer_id (self->detail, 0);

  show_rows (self, count >= 0 ? count : self->count, rows, TRUE);

  if (count_next)
    {
      CrmCustomerQuery query = { self->search, self->status, self->sort, self->descending };

      self->cancellable = g_cancellable_new ();
      self->first_rows = g_ptr_array_ref (rows);
      set_counting (self, TRUE);
      crm_customer_search_run (self->searcher, &query, 0, TRUE, 0, self->cancellable,
                               count_done_cb, self);
    }
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
  gboolean watch_found = FALSE;

  rows = crm_customer_search_finish (CRM_CUSTOMER_SEARCH (source), result, &count,
                                     &watch_found, &error);
  /* A stale search (a newer one runs, or the page is gone), or one
   * answered while requery() waited for it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  if (rows == NULL)
    {
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
      g_warning ("Cannot search customers: %s", error->message);
      return;
    }
  show_search (self, rows, count, watch_found);
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
  set_counting (self, FALSE);

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
  self->running_counts = !same_rows;
  crm_customer_search_run (self->searcher, &query, crm_paged_model_get_page_size (self->model),
                           FALSE, crm_customer_detail_get_customer_id (self->detail),
                           self->cancellable, search_done_cb, self);

  /* A quick answer goes into the frame that shows the key typed (or the
   * header clicked); a later one would wait for the frame after it, up
   * to a refresh interval more (crm-customer-search.c). */
  {
    g_autoptr(GPtrArray) rows = NULL;
    gint64 count = -1;
    gboolean watch_found = FALSE;

    rows = crm_customer_search_wait (self->searcher, SEARCH_WAIT_US, &count, &watch_found);
    if (rows != NULL)
      show_search (self, rows, count, watch_found);
  }
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CrmCustomersPage         *self)
{
  gtk_list_item_set_child (item, crm_customer_row_new ());
}

/* The item GTK gives is stale after a query (see the top of the file):
 * the row reads its customer by position. */
static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CrmCustomersPage         *self)
{
  g_autoptr(CrmCustomer) customer = NULL;

  customer = g_list_model_get_item (G_LIST_MODEL (self->model), gtk_list_item_get_position (item));
  crm_customer_row_set_customer (CRM_CUSTOMER_ROW (gtk_list_item_get_child (item)), customer);
  g_ptr_array_add (self->bound_items, item);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CrmCustomersPage         *self)
{
  g_ptr_array_remove_fast (self->bound_items, item);
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
sort_changed_cb (CrmCustomersPage  *self,
                 CrmCustomerHeader *header)
{
  self->wanted_sort = column_sorts[crm_customer_header_get_sort_column (header)];
  self->wanted_descending = crm_customer_header_get_descending (header);
  requery (self, FALSE);
}

static void
open_customer (CrmCustomersPage *self,
               guint             position,
               gboolean          edit)
{
  g_autoptr(CrmCustomer) customer = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (customer == NULL)
    return;
  crm_customer_detail_set_customer_id (self->detail, crm_customer_get_id (customer));
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  else if (edit)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-customer", "x", crm_customer_get_id (customer));
}

/* Read by position: the selection's item is stale after a query. */
static void
selection_changed_cb (CrmCustomersPage   *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  guint position = gtk_single_selection_get_selected (selection);

  if (self->reloading || position == GTK_INVALID_LIST_POSITION)
    return;
  open_customer (self, position, FALSE);
}

static void
list_activate_cb (CrmCustomersPage *self,
                  guint             position,
                  GtkGridView      *view)
{
  open_customer (self, position, TRUE);
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
  /* A count in flight counts what was there before: the reload counts. */
  if (self->counting)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      set_counting (self, FALSE);
    }
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
  g_clear_pointer (&self->bound_items, g_ptr_array_unref);
  g_clear_pointer (&self->first_rows, g_ptr_array_unref);

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
    case PROP_COUNTING:
      g_value_set_boolean (value, self->counting);
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
  /**
   * CrmCustomersPage:counting:
   *
   * Whether the list shows a new query's first rows while their count
   * (the list's length, the count label) is still being read.
   */
  properties[PROP_COUNTING] =
    g_param_spec_boolean ("counting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CRM_TYPE_CUSTOMER_DETAIL);
  g_type_ensure (CRM_TYPE_CUSTOMER_HEADER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-customers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, header);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, detail);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, detail_separator);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomersPage, detail_pane);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  /* Bubble phase: the search entry keeps its own Delete. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.delete-selected", NULL);
}

static void
crm_customers_page_init (CrmCustomersPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->status = -1;
  self->sort = CRM_CUSTOMER_SORT_NAME;
  self->wanted_status = -1;
  self->wanted_sort = CRM_CUSTOMER_SORT_NAME;
  self->bound_items = g_ptr_array_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  /* type to search: a letter typed in the list goes to the search */
  gtk_search_entry_set_key_capture_widget (self->search_entry, self->list_pane);
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
  crm_paged_model_set_stable (self->model, TRUE);
  self->count = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

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

/**
 * crm_customers_page_show_customer:
 *
 * Shows customer @id in the detail and, if the list has it near enough
 * to the top to be found without a search (a new customer, one restored
 * by an undo), selects its row and scrolls it into view.
 */
void
crm_customers_page_show_customer (CrmCustomersPage *self,
                                  gint64            id)
{
  guint position;

  g_return_if_fail (CRM_IS_CUSTOMERS_PAGE (self));

  crm_customer_detail_set_customer_id (self->detail, id);
  /* Narrow, the detail is a page of its own: a customer just added or
   * brought back is shown there, as a click on its row would. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  if (self->model == NULL)
    return;
  self->reloading = TRUE;
  position = reselect (self, id, SHOW_LIMIT);
  self->reloading = FALSE;
  /* GTK 4.8 has no gtk_grid_view_scroll_to(); its list base has this */
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
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

/**
 * crm_customers_page_get_count:
 *
 * Returns: how many customers the query the list shows matches
 */
gint64
crm_customers_page_get_count (CrmCustomersPage *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMERS_PAGE (self), 0);
  return self->count;
}
