/* crm-customer-search.c: customer queries off the UI thread
 *
 * A search of a million customers can take longer than a frame (a one
 * character LIKE scan, a count), so the customers page runs it here: in
 * one worker thread, on a database connection of its own, one query at a
 * time. Typing fast never queues work: a newer search cancels the one
 * before, which interrupts its SQL where it stands
 * (crm_repository_interrupt()), and a queued one that is already
 * cancelled is dropped without touching the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "crm-customer-search.h"

struct _CrmCustomerSearch
{
  GObject parent_instance;

  char *path;
  GThreadPool *pool;           /* one thread: the connection's only user */

  GMutex lock;                 /* guards connection for interrupt() */
  CrmRepository *connection;   /* opened by the worker on first use */
};

G_DEFINE_FINAL_TYPE (CrmCustomerSearch, crm_customer_search, G_TYPE_OBJECT)

typedef struct
{
  char *search;
  CrmCustomerQuery query;
  guint limit;
  gboolean count;
  gulong cancelled_id;
} Job;

typedef struct
{
  GPtrArray *rows;
  gint64 count;
} Result;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->search);
  g_free (job);
}

static void
result_free (gpointer data)
{
  Result *result = data;

  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_free (result);
}

/* In the thread that cancels (the UI thread): stop the SQL now running. */
static void
cancelled_cb (GCancellable      *cancellable,
              CrmCustomerSearch *self)
{
  g_mutex_lock (&self->lock);
  if (self->connection != NULL)
    crm_repository_interrupt (self->connection);
  g_mutex_unlock (&self->lock);
}

static CrmRepository *
get_connection (CrmCustomerSearch  *self,
                GError            **error)
{
  CrmRepository *connection;

  if (self->connection != NULL)
    return self->connection;
  connection = crm_repository_open (self->path, error);
  if (connection == NULL)
    return NULL;
  g_mutex_lock (&self->lock);
  self->connection = connection;
  g_mutex_unlock (&self->lock);
  return connection;
}

static gboolean
return_if_cancelled (GTask *task)
{
  return g_task_return_error_if_cancelled (task);
}

/* In the worker thread. */
static void
search (GTask *task)
{
  CrmCustomerSearch *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  CrmRepository *connection;
  Result *result;
  gint64 count = -1;

  if (return_if_cancelled (task))
    return;
  connection = get_connection (self, &error);
  if (connection == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rows = crm_repository_list_customers (connection, &job->query, 0, job->limit, &error);
  if (return_if_cancelled (task))
    return;
  if (rows != NULL && job->count)
    {
      /* A short first page is the whole answer. */
      if (rows->len < job->limit)
        count = rows->len;
      else
        count = crm_repository_count_customers (connection, &job->query, &error);
    }
  if (return_if_cancelled (task))
    return;
  if (rows == NULL || (job->count && count < 0))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (Result, 1);
  result->rows = g_steal_pointer (&rows);
  result->count = count;
  g_task_return_pointer (task, result, result_free);
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  g_autoptr(GTask) task = data;
  Job *job = g_task_get_task_data (task);

  search (task);
  /* waits for cancelled_cb if it is running right now */
  g_cancellable_disconnect (g_task_get_cancellable (task), job->cancelled_id);
}

static void
crm_customer_search_dispose (GObject *object)
{
  CrmCustomerSearch *self = (CrmCustomerSearch *)object;

  crm_customer_search_stop (self);

  G_OBJECT_CLASS (crm_customer_search_parent_class)->dispose (object);
}

static void
crm_customer_search_finalize (GObject *object)
{
  CrmCustomerSearch *self = (CrmCustomerSearch *)object;

  g_clear_object (&self->connection);
  g_mutex_clear (&self->lock);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (crm_customer_search_parent_class)->finalize (object);
}

static void
crm_customer_search_class_init (CrmCustomerSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_customer_search_dispose;
  object_class->finalize = crm_customer_search_finalize;
}

static void
crm_customer_search_init (CrmCustomerSearch *self)
{
  g_mutex_init (&self->lock);
}

/**
 * crm_customer_search_new:
 * @path: the database file the repository of the page has open
 */
CrmCustomerSearch *
crm_customer_search_new (const char *path)
{
  CrmCustomerSearch *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CRM_TYPE_CUSTOMER_SEARCH, NULL);
  self->path = g_strdup (path);
  self->pool = g_thread_pool_new (run_job, self, 1, FALSE, NULL);
  return self;
}

/**
 * crm_customer_search_run:
 * @limit: how many rows of the first page to read
 * @count: also count every row @query matches
 * @cancellable: cancel it when the query is stale: its SQL is interrupted
 *
 * Reads the first @limit rows of @query (and their count) in the worker
 * thread; @callback runs in the caller's main context.
 */
void
crm_customer_search_run (CrmCustomerSearch      *self,
                         const CrmCustomerQuery *query,
                         guint                   limit,
                         gboolean                count,
                         GCancellable           *cancellable,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (CRM_IS_CUSTOMER_SEARCH (self));
  g_return_if_fail (query != NULL);
  g_return_if_fail (self->pool != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_customer_search_run);
  job = g_new0 (Job, 1);
  job->search = g_strdup (query->search);
  job->query = *query;
  job->query.search = job->search;
  job->limit = limit;
  job->count = count;
  g_task_set_task_data (task, job, job_free);
  if (cancellable != NULL)
    job->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);
  g_thread_pool_push (self->pool, g_steal_pointer (&task), NULL);
}

/**
 * crm_customer_search_finish:
 * @count: (out): the number of matches, or -1 when not asked for
 *
 * Returns: (transfer full) (element-type CrmCustomer): the first page, or
 *   %NULL with @error set (%G_IO_ERROR_CANCELLED for a stale search)
 */
GPtrArray *
crm_customer_search_finish (CrmCustomerSearch  *self,
                            GAsyncResult       *result,
                            gint64             *count,
                            GError            **error)
{
  Result *found;
  GPtrArray *rows;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return NULL;
  rows = g_steal_pointer (&found->rows);
  if (count != NULL)
    *count = found->count;
  result_free (found);
  return rows;
}

/**
 * crm_customer_search_stop:
 *
 * Waits for the worker to end (the caller cancels what runs first) and
 * closes its connection. No search may be run after this.
 */
void
crm_customer_search_stop (CrmCustomerSearch *self)
{
  g_return_if_fail (CRM_IS_CUSTOMER_SEARCH (self));

  if (self->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&self->pool), FALSE, TRUE);
  g_mutex_lock (&self->lock);
  g_clear_object (&self->connection);
  g_mutex_unlock (&self->lock);
}
