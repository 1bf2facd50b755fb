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
 * The caller may also wait a little for the search it just ran
 * (crm_customer_search_wait()): a key typed into the search entry paints
 * the entry at once, and a list that changes a moment later waits for
 * the next frame, up to a refresh interval; a search that answers within
 * a few milliseconds is better shown in the key's own frame.
 *
 * A search can also say whether one customer (the one the detail pane
 * shows) is among its matches, so the page can close the detail of a
 * customer the list no longer has without reading the whole list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "crm-customer-search.h"
#include "crm-search.h"

#include <string.h>

struct _CrmCustomerSearch
{
  GObject parent_instance;

  char *path;
  GThreadPool *pool;           /* one thread: the connection's only user */

  GMutex lock;                 /* guards connection for interrupt() */
  CrmRepository *connection;   /* opened by the worker on first use */

  GMutex wait_lock;            /* guards a Job's done, waiting, sync_result */
  GCond wait_cond;
  GTask *last_task;            /* the latest run, for crm_customer_search_wait() */
};

G_DEFINE_FINAL_TYPE (CrmCustomerSearch, crm_customer_search, G_TYPE_OBJECT)

typedef struct
{
  char *search;
  CrmCustomerQuery query;
  guint limit;
  gboolean count;
  gint64 watch_id;
  gulong cancelled_id;
  gboolean done;               /* the worker is through with it */
  gboolean waiting;            /* the caller waits for it in crm_customer_search_wait() */
  struct _Result *sync_result; /* handed to that caller, not to the callback */
} Job;

typedef struct _Result
{
  GPtrArray *rows;
  gint64 count;
  gboolean watch_found;
} Result;

static void
result_free (gpointer data)
{
  Result *result = data;

  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_free (result);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->sync_result, result_free);
  g_free (job->search);
  g_free (job);
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

static gboolean
text_contains (const char *text,
               const char *folded_query)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return FALSE;
  folded = crm_search_fold (text, -1);
  return folded != NULL && strstr (folded, folded_query) != NULL;
}

/* Whether @query matches customer @id: the test the store's search makes
 * (crm_contains(): the case-folded query in one of the four texts), on
 * one row read by id, so the answer costs the same at any list size. */
static gboolean
query_matches (CrmRepository          *connection,
               const CrmCustomerQuery *query,
               GPtrArray              *first_rows,
               gint64                  count,
               gint64                  id)
{
  g_autoptr(CrmCustomer) customer = NULL;
  g_autofree char *folded = NULL;

  /* the first page is the whole list: the answer is in it */
  if (count >= 0 && count <= first_rows->len)
    {
      for (guint i = 0; i < first_rows->len; i++)
        if (crm_customer_get_id (g_ptr_array_index (first_rows, i)) == id)
          return TRUE;
      return FALSE;
    }
  customer = crm_repository_get_customer (connection, id, NULL);
  if (customer == NULL)
    return FALSE;
  if (query->status >= 0 && (int)crm_customer_get_status (customer) != query->status)
    return FALSE;
  if (query->search == NULL || *query->search == '\0')
    return TRUE;
  folded = crm_search_fold (query->search, -1);
  return text_contains (crm_customer_get_name (customer), folded)
         || text_contains (crm_customer_get_company (customer), folded)
         || text_contains (crm_customer_get_email (customer), folded)
         || text_contains (crm_customer_get_phone (customer), folded);
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
  if (job->watch_id > 0)
    result->watch_found = query_matches (connection, &job->query, result->rows, count,
                                         job->watch_id);

  g_mutex_lock (&self->wait_lock);
  if (job->waiting)
    {
      /* the caller takes it where it waits; its callback only learns the
       * search is over */
      job->sync_result = result;
      g_mutex_unlock (&self->wait_lock);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Answered in time");
      return;
    }
  g_mutex_unlock (&self->wait_lock);
  g_task_return_pointer (task, result, result_free);
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  g_autoptr(GTask) task = data;
  CrmCustomerSearch *self = user_data;
  Job *job = g_task_get_task_data (task);

  search (task);
  /* waits for cancelled_cb if it is running right now */
  g_cancellable_disconnect (g_task_get_cancellable (task), job->cancelled_id);

  g_mutex_lock (&self->wait_lock);
  job->done = TRUE;
  g_cond_broadcast (&self->wait_cond);
  g_mutex_unlock (&self->wait_lock);
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
  g_clear_object (&self->last_task);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->wait_lock);
  g_cond_clear (&self->wait_cond);
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
  g_mutex_init (&self->wait_lock);
  g_cond_init (&self->wait_cond);
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
 * @watch_id: a customer to look for among the matches, or 0
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
                         gint64                  watch_id,
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
  job->watch_id = watch_id;
  g_task_set_task_data (task, job, job_free);
  if (cancellable != NULL)
    job->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);
  g_set_object (&self->last_task, task);
  g_thread_pool_push (self->pool, g_steal_pointer (&task), NULL);
}

/**
 * crm_customer_search_finish:
 * @count: (out): the number of matches, or -1 when not asked for
 * @watch_found: (out) (optional): whether the @watch_id of the run is
 *   among the matches (%FALSE when none was given)
 *
 * Returns: (transfer full) (element-type CrmCustomer): the first page, or
 *   %NULL with @error set (%G_IO_ERROR_CANCELLED for a stale search)
 */
GPtrArray *
crm_customer_search_finish (CrmCustomerSearch  *self,
                            GAsyncResult       *result,
                            gint64             *count,
                            gboolean           *watch_found,
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
  if (watch_found != NULL)
    *watch_found = found->watch_found;
  result_free (found);
  return rows;
}

/**
 * crm_customer_search_wait:
 * @budget_us: how long to wait at most, in microseconds
 * @count: (out): as for crm_customer_search_finish()
 * @watch_found: (out) (optional): as for crm_customer_search_finish()
 *
 * Waits, blocking, up to @budget_us for the search last run to answer.
 * If it does, its answer is returned here, and its callback gets
 * %G_IO_ERROR_CANCELLED instead, as a stale search would; if it does not
 * (or it fails), %NULL is returned and the callback gets the answer.
 *
 * Returns: (transfer full) (nullable) (element-type CrmCustomer): the
 *   first page of the search last run, or %NULL
 */
GPtrArray *
crm_customer_search_wait (CrmCustomerSearch *self,
                          gint64             budget_us,
                          gint64            *count,
                          gboolean          *watch_found)
{
  gint64 deadline = g_get_monotonic_time () + budget_us;
  Result *result = NULL;
  GPtrArray *rows;
  Job *job;

  g_return_val_if_fail (CRM_IS_CUSTOMER_SEARCH (self), NULL);

  if (self->last_task == NULL || g_task_get_completed (self->last_task))
    return NULL;
  job = g_task_get_task_data (self->last_task);
  g_mutex_lock (&self->wait_lock);
  job->waiting = TRUE;
  while (!job->done && job->sync_result == NULL)
    if (!g_cond_wait_until (&self->wait_cond, &self->wait_lock, deadline))
      break;
  /* taken even when it came just as the wait ended: the worker gave it
   * to this caller, not to the callback */
  result = g_steal_pointer (&job->sync_result);
  job->waiting = FALSE;
  g_mutex_unlock (&self->wait_lock);

  if (result == NULL)
    return NULL;
  rows = g_steal_pointer (&result->rows);
  *count = result->count;
  if (watch_found != NULL)
    *watch_found = result->watch_found;
  result_free (result);
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
  /* the task holds this object: no cycle left behind */
  g_clear_object (&self->last_task);
  g_mutex_lock (&self->lock);
  g_clear_object (&self->connection);
  g_mutex_unlock (&self->lock);
}
