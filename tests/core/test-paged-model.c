/* test-paged-model.c: the lazy list under every big list view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "crm-paged-model.h"
#include "crm-repository.h"

typedef struct
{
  CrmRepository *repo;
  CrmCustomerQuery query;
} Source;

static gint64
count_cb (gpointer   user_data,
          GError   **error)
{
  Source *s = user_data;
  return crm_repository_count_customers (s->repo, &s->query, error);
}

static GPtrArray *
fetch_cb (gpointer   user_data,
          guint      offset,
          guint      limit,
          GError   **error)
{
  Source *s = user_data;
  return crm_repository_list_customers (s->repo, &s->query, offset, limit, error);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *calls)
{
  calls[0]++;
  calls[1] = removed;
  calls[2] = added;
}

static void
test_paged_model (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rapport-paged-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "t.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  Source source = { NULL, CRM_CUSTOMER_QUERY_INIT };
  g_autoptr(CrmPagedModel) model = NULL;
  guint calls[3] = { 0 };
  const guint n = 3000;

  source.repo = crm_repository_open (path, &error);
  g_assert_no_error (error);
  source.query.sort = CRM_CUSTOMER_SORT_ID;

  g_assert_true (crm_repository_begin (source.repo, NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmCustomer) c = crm_customer_new ();
      g_autofree char *name = g_strdup_printf ("客户 %05u", i);
      crm_customer_set_name (c, name);
      g_assert_true (crm_repository_add_customer (source.repo, c, NULL));
    }
  g_assert_true (crm_repository_commit (source.repo, NULL));

  model = crm_paged_model_new (CRM_TYPE_CUSTOMER, count_cb, fetch_cb, &source, NULL);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == CRM_TYPE_CUSTOMER);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  /* nothing is read until a row is asked for */
  g_assert_cmpuint (crm_paged_model_get_n_fetches (model), ==, 0);

  /* every row, in order, read a page at a time, with a bounded cache */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmCustomer) c = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *name = g_strdup_printf ("客户 %05u", i);
      g_assert_cmpstr (crm_customer_get_name (c), ==, name);
    }
  g_assert_cmpuint (crm_paged_model_get_n_fetches (model), ==,
                    (n + crm_paged_model_get_page_size (model) - 1) / crm_paged_model_get_page_size (model));
  g_assert_cmpuint (crm_paged_model_get_n_cached_pages (model), <=, 16);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));

  /* a new query is every row removed, then every row added (one
   * items-changed doing both makes GTK 4.8's list views read every row) */
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), calls);
  source.query.search = "0001";
  crm_paged_model_reload (model);
  g_assert_cmpuint (calls[0], ==, 2);
  g_assert_cmpuint (calls[1], ==, 0);
  g_assert_cmpuint (calls[2], ==, 11);  /* 客户 00001, 00010 .. 00019 */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 11);
  {
    g_autoptr(CrmCustomer) c = g_list_model_get_item (G_LIST_MODEL (model), 10);
    g_assert_cmpstr (crm_customer_get_name (c), ==, "客户 00019");
  }

  /* rows read elsewhere (a search thread) go in without a read here */
  {
    guint fetches = crm_paged_model_get_n_fetches (model);
    g_autoptr(GPtrArray) first = NULL;
    g_autoptr(CrmCustomer) c = NULL;

    source.query.search = "客户 002";
    first = crm_repository_list_customers (source.repo, &source.query, 0, 128, &error);
    g_assert_no_error (error);
    calls[0] = 0;
    crm_paged_model_replace (model, first->len, first);
    g_assert_cmpuint (calls[0], ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 100);
    c = g_list_model_get_item (G_LIST_MODEL (model), 99);
    g_assert_cmpstr (crm_customer_get_name (c), ==, "客户 00299");
    g_assert_cmpuint (crm_paged_model_get_n_fetches (model), ==, fetches);
  }

  g_clear_object (&model);
  g_assert_finalize_object (source.repo);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/paged-model/customers", test_paged_model);
  return g_test_run ();
}
