/* test-undo-stack.c: CrmUndoStack's rules, on a temporary database
 *
 * No window: the history's own guarantees (depth, redo dropped by a new
 * step, a toast's step acting only while newest, every kind of record
 * step undone and redone exactly). test-undo-ui.c drives the same paths
 * through the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "crm-test-db.h"
#include "crm-undo-stack.h"

typedef struct
{
  char *dir;
  CrmRepository *repo;
  CrmUndoStack *stack;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;

  f->repo = crm_test_db_open ("rapport-undo-stack-XXXXXX", &f->dir, &path);
  f->stack = crm_undo_stack_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->stack);
  g_assert_finalize_object (f->repo);
  crm_test_remove_dir (f->dir);
  g_free (f->dir);
}

static gboolean
count_step (gpointer   data,
            GError   **error)
{
  (*(int *)data)++;
  return TRUE;
}

static gboolean
uncount_step (gpointer   data,
              GError   **error)
{
  (*(int *)data)--;
  return TRUE;
}

static void
test_depth_and_redo (Fixture       *f,
                     gconstpointer  data)
{
  int value = 0;
  guint64 first, last = 0;

  first = crm_undo_stack_push (f->stack, "Step", "Step done", uncount_step, count_step, &value, NULL);
  for (guint i = 1; i < 150; i++)
    last = crm_undo_stack_push (f->stack, "Step", "Step done", uncount_step, count_step, &value, NULL);
  g_assert_cmpuint (crm_undo_stack_get_n_steps (f->stack), ==, CRM_UNDO_STACK_DEPTH);
  g_assert_cmpuint (crm_undo_stack_get_top (f->stack), ==, last);

  /* A toast's Undo: only the newest step. */
  g_assert_false (crm_undo_stack_undo_step (f->stack, first, NULL));
  g_assert_cmpint (value, ==, 0);
  g_assert_true (crm_undo_stack_undo_step (f->stack, last, NULL));
  g_assert_cmpint (value, ==, -1);
  g_assert_false (crm_undo_stack_undo_step (f->stack, last, NULL));

  for (guint i = 1; i < CRM_UNDO_STACK_DEPTH; i++)
    g_assert_true (crm_undo_stack_undo (f->stack, NULL));
  g_assert_cmpint (value, ==, -CRM_UNDO_STACK_DEPTH);
  g_assert_false (crm_undo_stack_get_can_undo (f->stack));
  g_assert_true (crm_undo_stack_get_can_redo (f->stack));

  g_assert_true (crm_undo_stack_redo (f->stack, NULL));
  g_assert_cmpint (value, ==, -CRM_UNDO_STACK_DEPTH + 1);
  /* A new step drops what could be redone. */
  crm_undo_stack_push (f->stack, "Other", "Other done", uncount_step, count_step, &value, NULL);
  g_assert_false (crm_undo_stack_get_can_redo (f->stack));
  g_assert_cmpstr (crm_undo_stack_get_undo_label (f->stack), ==, "Other");
}

static CrmCustomer *
add_customer (Fixture    *f,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  CrmCustomer *customer = crm_customer_new ();

  crm_customer_set_name (customer, name);
  g_assert_true (crm_repository_add_customer (f->repo, customer, &error));
  g_assert_no_error (error);
  return customer;
}

static void
test_add_redo_same_id (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CrmCustomer) customer = add_customer (f, "张三");
  g_autoptr(CrmCustomer) back = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = crm_customer_get_id (customer);

  crm_undo_stack_record_add (f->stack, f->repo, G_OBJECT (customer));
  g_assert_cmpstr (crm_undo_stack_get_undo_label (f->stack), ==, "Add 张三");
  g_assert_true (crm_undo_stack_undo (f->stack, &error));
  g_assert_no_error (error);
  g_assert_null (crm_repository_get_customer (f->repo, id, NULL));
  g_assert_true (crm_undo_stack_redo (f->stack, &error));
  g_assert_no_error (error);
  back = crm_repository_get_customer (f->repo, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_customer_get_name (back), ==, "张三");
  g_assert_true (g_date_time_equal (crm_customer_get_created_at (back), crm_customer_get_created_at (customer)));
}

static void
test_delete_interaction_exact (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CrmCustomer) customer = add_customer (f, "李四");
  g_autoptr(CrmInteraction) interaction = crm_interaction_new ();
  g_autoptr(CrmInteraction) back = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_interaction_set_customer_id (interaction, crm_customer_get_id (customer));
  crm_interaction_set_notes (interaction, "two\nlines");
  g_assert_true (crm_repository_add_interaction (f->repo, interaction, &error));
  id = crm_interaction_get_id (interaction);

  g_assert_true (crm_undo_stack_delete (f->stack, f->repo, CRM_TYPE_INTERACTION, id, &error));
  g_assert_no_error (error);
  g_assert_null (crm_repository_get_interaction (f->repo, id, NULL));
  g_assert_cmpstr (crm_undo_stack_get_undo_label (f->stack), ==, "Delete Call with 李四");
  g_assert_true (crm_undo_stack_undo (f->stack, &error));
  back = crm_repository_get_interaction (f->repo, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_interaction_get_notes (back), ==, "two\nlines");
  g_assert_true (g_date_time_equal (crm_interaction_get_created_at (back), crm_interaction_get_created_at (interaction)));
  g_assert_true (g_date_time_equal (crm_interaction_get_occurred_at (back), crm_interaction_get_occurred_at (interaction)));
  /* Redo deletes it again. */
  g_assert_true (crm_undo_stack_redo (f->stack, &error));
  g_assert_null (crm_repository_get_interaction (f->repo, id, NULL));
}

static void
pushed_cb (CrmUndoStack  *stack,
           guint64        serial,
           const char    *text,
           char         **message)
{
  g_free (*message);
  *message = g_strdup (text);
}

static void
test_delete_customer_message (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CrmCustomer) customer = add_customer (f, "王五");
  g_autoptr(GError) error = NULL;
  char *message = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(CrmInteraction) interaction = crm_interaction_new ();

      crm_interaction_set_customer_id (interaction, crm_customer_get_id (customer));
      g_assert_true (crm_repository_add_interaction (f->repo, interaction, &error));
    }
  {
    g_autoptr(CrmOpportunity) deal = crm_opportunity_new ();

    crm_opportunity_set_customer_id (deal, crm_customer_get_id (customer));
    crm_opportunity_set_title (deal, "Deal");
    g_assert_true (crm_repository_add_opportunity (f->repo, deal, &error));
  }
  g_signal_connect (f->stack, "pushed", G_CALLBACK (pushed_cb), &message);
  g_assert_true (crm_undo_stack_delete (f->stack, f->repo, CRM_TYPE_CUSTOMER,
                                        crm_customer_get_id (customer), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (message, ==, "Deleted 王五, 3 interactions and 1 deal");
  g_free (message);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/undo-stack/depth-and-redo", test_depth_and_redo);
  ADD ("/undo-stack/add-redo-same-id", test_add_redo_same_id);
  ADD ("/undo-stack/delete-interaction-exact", test_delete_interaction_exact);
  ADD ("/undo-stack/delete-customer-message", test_delete_customer_message);
#undef ADD

  return g_test_run ();
}
