/* crash-child.c: writes to a Rapport database until it is killed
 *
 * Usage: crash-child DATABASE SEED
 *
 * Performs edits, deletes, stage moves, adds and big imports through the
 * repository, forever. Before each write it prints “W <what>” on stdout,
 * and once the write's commit has returned “OK” (plus the new id for an
 * add), each line with one write(2), so a line on the pipe is either whole
 * or absent. test-crash SIGKILLs this process at random moments and checks
 * that every write reported OK is in the database.
 *
 * Lines:
 *   W E <customer id> <notes>       edit: notes and company set to <notes>
 *   W D <customer id>               delete a customer (cascades)
 *   W M <opportunity id> <stage>    move an opportunity to a stage
 *   W A <notes>                     add a customer with <notes>, one opportunity
 *                                   and one interaction; OK <customer id> <opportunity id>
 *   W I <tag> <rows>                import <rows> customers whose company is <tag>
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm-import.h"
#include "crm-repository.h"

#define IMPORT_ROWS 1000
/* Keeps the file (and the parent's integrity checks) small over 50 runs. */
#define MAX_CUSTOMERS 20000

static void
report (const char *format,
        ...) G_GNUC_PRINTF (1, 2);

static void
report (const char *format,
        ...)
{
  g_autofree char *line = NULL;
  va_list args;
  gsize len;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  len = strlen (line);
  /* Short lines on a pipe are written atomically. */
  if (write (STDOUT_FILENO, line, len) != (gssize)len)
    exit (3);
}

static void
die (const GError *error)
{
  g_printerr ("crash-child: %s\n", error->message);
  exit (2);
}

static CrmCustomer *
pick_customer (CrmRepository *repository,
               GRand         *rand)
{
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 n;

  /* Imported customers are leads: leave them whole for the parent's check. */
  query.status = CRM_CUSTOMER_STATUS_ACTIVE;
  query.sort = CRM_CUSTOMER_SORT_ID;
  n = crm_repository_count_customers (repository, &query, &error);
  if (n < 0)
    die (error);
  if (n == 0)
    return NULL;
  rows = crm_repository_list_customers (repository, &query,
                                        g_rand_int_range (rand, 0, (gint32)MIN (n, 400)),
                                        1, &error);
  if (rows == NULL)
    die (error);
  return rows->len > 0 ? g_object_ref (rows->pdata[0]) : NULL;
}

static void
do_edit (CrmRepository *repository,
         GRand         *rand,
         guint          seq,
         guint32        seed)
{
  g_autoptr(CrmCustomer) customer = pick_customer (repository, rand);
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;

  if (customer == NULL)
    return;
  notes = g_strdup_printf ("edit-%u-%u", seed, seq);
  crm_customer_set_notes (customer, notes);
  crm_customer_set_company (customer, notes);
  report ("W E %lld %s\n", (long long)crm_customer_get_id (customer), notes);
  if (!crm_repository_update_customer (repository, customer, &error))
    die (error);
  report ("OK\n");
}

static void
do_delete (CrmRepository *repository,
           GRand         *rand)
{
  g_autoptr(CrmCustomer) customer = pick_customer (repository, rand);
  g_autoptr(GError) error = NULL;

  if (customer == NULL)
    return;
  report ("W D %lld\n", (long long)crm_customer_get_id (customer));
  if (!crm_repository_delete_customer (repository, crm_customer_get_id (customer), 0, &error))
    die (error);
  report ("OK\n");
}

static void
do_move (CrmRepository *repository,
         GRand         *rand)
{
  CrmPipelineFilter filter = { 0 };
  CrmPipelineMove previous;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  CrmStage from = g_rand_int_range (rand, 0, CRM_N_STAGES);
  CrmStage to = g_rand_int_range (rand, 0, CRM_N_STAGES);
  gint64 n, id;

  n = crm_repository_count_stage (repository, from, &filter, &error);
  if (n < 0)
    die (error);
  if (n == 0)
    return;
  rows = crm_repository_list_stage (repository, from, &filter,
                                    g_rand_int_range (rand, 0, (gint32)n), 1, &error);
  if (rows == NULL)
    die (error);
  if (rows->len == 0)
    return;
  id = crm_opportunity_get_id (rows->pdata[0]);
  report ("W M %lld %d\n", (long long)id, (int)to);
  if (!crm_repository_move_opportunity (repository, id, to, g_rand_int_range (rand, 0, 5),
                                        &previous, &error))
    die (error);
  report ("OK\n");
}

static void
do_add (CrmRepository *repository,
        GRand         *rand,
        guint          seq,
        guint32        seed)
{
  g_autoptr(CrmCustomer) customer = crm_customer_new ();
  g_autoptr(CrmOpportunity) opportunity = crm_opportunity_new ();
  g_autoptr(CrmInteraction) interaction = crm_interaction_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = g_strdup_printf ("add-%u-%u", seed, seq);
  g_autofree char *name = g_strdup_printf ("客户 %u", seq);

  crm_customer_set_name (customer, name);
  crm_customer_set_notes (customer, notes);
  report ("W A %s\n", notes);
  if (!crm_repository_begin (repository, &error)
      || !crm_repository_add_customer (repository, customer, &error))
    die (error);
  crm_opportunity_set_customer_id (opportunity, crm_customer_get_id (customer));
  crm_opportunity_set_title (opportunity, notes);
  crm_opportunity_set_value (opportunity, g_rand_int_range (rand, 0, 1000000));
  crm_opportunity_set_stage (opportunity, g_rand_int_range (rand, 0, CRM_N_STAGES));
  crm_interaction_set_customer_id (interaction, crm_customer_get_id (customer));
  crm_interaction_set_notes (interaction, notes);
  if (!crm_repository_add_opportunity (repository, opportunity, &error)
      || !crm_repository_add_interaction (repository, interaction, &error)
      || !crm_repository_commit (repository, &error))
    die (error);
  report ("OK %lld %lld\n", (long long)crm_customer_get_id (customer),
          (long long)crm_opportunity_get_id (opportunity));
}

static void
do_import (CrmRepository *repository,
           const char    *dir,
           guint          seq,
           guint32        seed)
{
  g_autoptr(GString) csv = g_string_new ("name,company,email,phone,status,notes\n");
  g_autofree char *tag = g_strdup_printf ("import-%u-%u", seed, seq);
  g_autofree char *path = g_build_filename (dir, "crash-import.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CrmCustomerQuery query = CRM_CUSTOMER_QUERY_INIT;

  if (crm_repository_count_customers (repository, &query, NULL) > MAX_CUSTOMERS)
    return;
  for (guint i = 0; i < IMPORT_ROWS; i++)
    g_string_append_printf (csv, "导入 %u,%s,row%u@example.com,+86 %u,lead,%s\n",
                            i, tag, i, i, tag);
  if (!g_file_set_contents (path, csv->str, csv->len, &error))
    die (error);
  report ("W I %s %d\n", tag, IMPORT_ROWS);
  if (!crm_import_file (repository, file, CRM_FILE_FORMAT_CSV, CRM_IMPORT_NONE, NULL,
                        NULL, NULL, NULL, &error))
    die (error);
  report ("OK\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrmRepository) repository = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree char *dir = NULL;
  guint32 seed;

  if (argc != 3)
    {
      g_printerr ("usage: crash-child DATABASE SEED\n");
      return 2;
    }
  seed = (guint32)g_ascii_strtoull (argv[2], NULL, 10);
  rand = g_rand_new_with_seed (seed);
  dir = g_path_get_dirname (argv[1]);

  repository = crm_repository_open (argv[1], &error);
  if (repository == NULL)
    die (error);
  report ("READY\n");

  for (guint seq = 0;; seq++)
    {
      int dice = g_rand_int_range (rand, 0, 100);

      if (dice < 36)
        do_edit (repository, rand, seq, seed);
      else if (dice < 62)
        do_move (repository, rand);
      else if (dice < 82)
        do_add (repository, rand, seq, seed);
      else if (dice < 93)
        do_delete (repository, rand);
      else
        do_import (repository, dir, seq, seed);
    }
  return 0;
}
