/* crm-paged-model.c: a lazy list over a query
 *
 * get_n_items() is a count, get_item() reads the page the row is on and
 * keeps a few recent pages, so a list of a million rows costs what the
 * visible rows cost. The query itself (SQL, sort, filter) lives behind the
 * two callbacks; a change of query is a reload(), which tells the list
 * every row was removed, then every row added.
 *
 * A stable model (crm_paged_model_set_stable()) tells a reload as the
 * difference in count only: positions are slots whose rows change under
 * them. GTK 4.8 destroys and rebuilds the widget of every row named in
 * items-changed, which is most of a search's cost; a list on a stable
 * model keeps its row widgets and gives them their new row itself (the
 * customers page does), and keeps its selection by id, not by item.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "crm-paged-model.h"

#define PAGE_SIZE 128
#define MAX_PAGES 16

typedef struct
{
  guint index;       /* page number */
  GPtrArray *rows;
  guint64 last_use;
} Page;

struct _CrmPagedModel
{
  GObject parent_instance;

  GType item_type;
  CrmPagedCountFunc count_func;
  CrmPagedFetchFunc fetch_func;
  gpointer user_data;
  GDestroyNotify user_data_free;

  guint n_items;
  gboolean stable;   /* a reload names only the count's difference */
  GQueue pages;      /* of Page*, at most MAX_PAGES */
  guint64 clock;
  guint n_fetches;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmPagedModel, crm_paged_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_pointer (&page->rows, g_ptr_array_unref);
  g_free (page);
}

static void
drop_pages (CrmPagedModel *self)
{
  g_queue_clear_full (&self->pages, page_free);
}

/* Tells a list that every row was replaced: all removed, then all added.
 * On one items-changed that both removes and adds, GTK 4.8's list views
 * look for the items they track (the first visible row, the focus) among
 * all the added rows, reading every row of the new query: a million rows
 * and seconds for one reload. */
static void
emit_replaced (CrmPagedModel *self,
               guint          old_n,
               guint          new_n)
{
  if (self->stable)
    {
      self->n_items = new_n;
      if (new_n < old_n)
        g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
      else if (new_n > old_n)
        g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
      return;
    }
  self->n_items = 0;
  if (old_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);
  self->n_items = new_n;
  if (new_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, new_n);
}

static guint
count_rows (CrmPagedModel *self)
{
  g_autoptr(GError) error = NULL;
  gint64 n = self->count_func (self->user_data, &error);

  if (n < 0)
    {
      g_warning ("Cannot count rows: %s", error ? error->message : "unknown error");
      return 0;
    }
  return (guint)MIN (n, G_MAXUINT);
}

static Page *
find_page (CrmPagedModel *self,
           guint          index)
{
  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      Page *page = l->data;

      if (page->index == index)
        return page;
    }
  return NULL;
}

static Page *
load_page (CrmPagedModel *self,
           guint          index)
{
  g_autoptr(GError) error = NULL;
  Page *page;
  GPtrArray *rows;

  rows = self->fetch_func (self->user_data, index * PAGE_SIZE, PAGE_SIZE, &error);
  self->n_fetches++;
  if (rows == NULL)
    {
      g_warning ("Cannot read rows: %s", error ? error->message : "unknown error");
      return NULL;
    }

  if (self->pages.length >= MAX_PAGES)
    {
      /* Evict the least recently used page. */
      GList *oldest = NULL;
      guint64 oldest_use = G_MAXUINT64;

      for (GList *l = self->pages.head; l != NULL; l = l->next)
        if (((Page *)l->data)->last_use < oldest_use)
          {
            oldest = l;
            oldest_use = ((Page *)l->data)->last_use;
          }
      if (oldest != NULL)
        {
          page_free (oldest->data);
          g_queue_delete_link (&self->pages, oldest);
        }
    }

  page = g_new0 (Page, 1);
  page->index = index;
  page->rows = rows;
  g_queue_push_tail (&self->pages, page);
  return page;
}

static GType
crm_paged_model_get_item_type (GListModel *model)
{
  return CRM_PAGED_MODEL (model)->item_type;
}

static guint
crm_paged_model_get_n_items (GListModel *model)
{
  return CRM_PAGED_MODEL (model)->n_items;
}

static gpointer
crm_paged_model_get_item (GListModel *model,
                          guint       position)
{
  CrmPagedModel *self = CRM_PAGED_MODEL (model);
  guint index = position / PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = find_page (self, index);
  if (page == NULL)
    page = load_page (self, index);
  if (page == NULL || position % PAGE_SIZE >= page->rows->len)
    return NULL;
  page->last_use = ++self->clock;
  return g_object_ref (g_ptr_array_index (page->rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_paged_model_get_item_type;
  iface->get_n_items = crm_paged_model_get_n_items;
  iface->get_item = crm_paged_model_get_item;
}

static void
crm_paged_model_finalize (GObject *object)
{
  CrmPagedModel *self = (CrmPagedModel *)object;

  drop_pages (self);
  if (self->user_data_free != NULL)
    self->user_data_free (self->user_data);

  G_OBJECT_CLASS (crm_paged_model_parent_class)->finalize (object);
}

static void
crm_paged_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmPagedModel *self = CRM_PAGED_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_paged_model_class_init (CrmPagedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_paged_model_finalize;
  object_class->get_property = crm_paged_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_paged_model_init (CrmPagedModel *self)
{
  g_queue_init (&self->pages);
}

/**
 * crm_paged_model_new:
 * @item_type: the type of the rows @fetch_func returns
 *
 * The model counts its rows at once; call crm_paged_model_reload() when
 * the query or the data behind it changes.
 */
CrmPagedModel *
crm_paged_model_new (GType              item_type,
                     CrmPagedCountFunc  count_func,
                     CrmPagedFetchFunc  fetch_func,
                     gpointer           user_data,
                     GDestroyNotify     user_data_free)
{
  CrmPagedModel *self;

  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (count_func != NULL && fetch_func != NULL, NULL);

  self = g_object_new (CRM_TYPE_PAGED_MODEL, NULL);
  self->item_type = item_type;
  self->count_func = count_func;
  self->fetch_func = fetch_func;
  self->user_data = user_data;
  self->user_data_free = user_data_free;
  self->n_items = count_rows (self);
  return self;
}

/**
 * crm_paged_model_reload:
 *
 * Forgets every cached page, counts again and tells the list that every
 * row was replaced: two items-changed, all removed then all added (one
 * that did both made GTK 4.8 read every row).
 */
void
crm_paged_model_reload (CrmPagedModel *self)
{
  guint old_n;

  g_return_if_fail (CRM_IS_PAGED_MODEL (self));

  old_n = self->n_items;
  drop_pages (self);
  emit_replaced (self, old_n, count_rows (self));
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * crm_paged_model_set_stable:
 * @stable: whether a reload names only the rows added or removed at the end
 *
 * With @stable, reload() and replace() emit one items-changed for the
 * difference in count, at the end of the list, and none for the rows
 * whose content changed: the caller redraws the rows it shows, reading
 * them by position (an item a list view holds from before is stale). A
 * list view then keeps its row widgets and its scroll position.
 */
void
crm_paged_model_set_stable (CrmPagedModel *self,
                            gboolean       stable)
{
  g_return_if_fail (CRM_IS_PAGED_MODEL (self));
  self->stable = !!stable;
}

guint
crm_paged_model_get_page_size (CrmPagedModel *self)
{
  return PAGE_SIZE;
}

/* For tests and benchmarks: how much is held, how often the store was read. */
guint
crm_paged_model_get_n_cached_pages (CrmPagedModel *self)
{
  g_return_val_if_fail (CRM_IS_PAGED_MODEL (self), 0);
  return self->pages.length;
}

guint
crm_paged_model_get_n_fetches (CrmPagedModel *self)
{
  g_return_val_if_fail (CRM_IS_PAGED_MODEL (self), 0);
  return self->n_fetches;
}

/**
 * crm_paged_model_reload_range:
 * @position: the first row that changed
 * @removed: how many rows were there
 * @added: how many rows are there now
 *
 * Like crm_paged_model_reload() when the caller knows which rows changed
 * (a pipeline move: one row out of a column, one row in): the cache is
 * dropped all the same, but the one items-changed names only those rows,
 * so a list view keeps the widgets of the others bound.
 */
void
crm_paged_model_reload_range (CrmPagedModel *self,
                              guint          position,
                              guint          removed,
                              guint          added)
{
  guint old_n;

  g_return_if_fail (CRM_IS_PAGED_MODEL (self));

  old_n = self->n_items;
  drop_pages (self);
  self->n_items = count_rows (self);
  if (self->n_items != old_n - removed + added || position + removed > old_n)
    {
      /* The query says otherwise: someone else changed it too. */
      guint new_n = self->n_items;

      self->n_items = old_n;
      emit_replaced (self, old_n, new_n);
    }
  else if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * crm_paged_model_replace:
 * @n_items: how many rows the new query has
 * @first_rows: (element-type GObject): its first rows, read elsewhere (a
 *   search thread); up to one page is kept
 *
 * Like crm_paged_model_reload() for a query whose count and first rows
 * are already known: nothing is read on the spot, and the list's first
 * page is ready for the frame that shows it.
 *
 * As reload(), it tells the change as every row removed, then every row
 * added (see emit_replaced()).
 */
void
crm_paged_model_replace (CrmPagedModel *self,
                         guint          n_items,
                         GPtrArray     *first_rows)
{
  guint old_n;
  Page *page;

  g_return_if_fail (CRM_IS_PAGED_MODEL (self));
  g_return_if_fail (first_rows != NULL);

  old_n = self->n_items;
  drop_pages (self);
  if (first_rows->len > 0)
    {
      page = g_new0 (Page, 1);
      page->index = 0;
      page->rows = g_ptr_array_new_full (MIN (first_rows->len, PAGE_SIZE), g_object_unref);
      for (guint i = 0; i < first_rows->len && i < PAGE_SIZE; i++)
        g_ptr_array_add (page->rows, g_object_ref (g_ptr_array_index (first_rows, i)));
      page->last_use = ++self->clock;
      g_queue_push_tail (&self->pages, page);
    }
  emit_replaced (self, old_n, n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}
