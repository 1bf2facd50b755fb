/* version-child.c: one of two processes editing the same rows at once
 *
 * Usage: version-child DATABASE USER SEED OPERATIONS LOG
 *
 * Reads a random customer, interaction or opportunity (ids 1 to 10, as
 * test-version makes them), waits a moment (so that the other process may
 * write it meanwhile), then updates it (its notes, or an opportunity's
 * title, set to a text of its own) or, now and then, deletes it, at the
 * version it read. Writes one line per write to LOG:
 *
 *   U <table> <id> <version read> <new version> <text>
 *                                          an update committed
 *   D <table> <id>                         a delete committed
 *   R conflict | not-found | <message>     a write refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "crm-error.h"
#include "crm-repository.h"
#include "crm-repository-private.h"

#define N_ROWS 10

static void
log_error (FILE         *log,
           const GError *error)
{
  if (g_error_matches (error, CRM_ERROR, CRM_ERROR_CONFLICT))
    fprintf (log, "R conflict\n");
  else if (g_error_matches (error, CRM_ERROR, CRM_ERROR_NOT_FOUND))
    fprintf (log, "R not-found\n");
  else
    fprintf (log, "R %s\n", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRepository) repository = NULL;
  g_autoptr(GRand) rand = NULL;
  guint n_ops;
  FILE *log;

  if (argc != 6)
    {
      g_printerr ("usage: version-child DATABASE USER SEED OPERATIONS LOG\n");
      return 2;
    }
  repository = crm_repository_open (argv[1], &error);
  if (repository == NULL)
    {
      g_printerr ("version-child: %s\n", error->message);
      return 2;
    }
  crm_repository_set_user_name (repository, argv[2]);
  rand = g_rand_new_with_seed ((guint32)g_ascii_strtoull (argv[3], NULL, 10));
  n_ops = (guint)g_ascii_strtoull (argv[4], NULL, 10);
  log = fopen (argv[5], "w");
  if (log == NULL)
    return 2;

  for (guint op = 0; op < n_ops; op++)
    {
      g_autofree char *text = g_strdup_printf ("%s-%u", argv[2], op);
      gint64 id = g_rand_int_range (rand, 1, N_ROWS + 1);
      int kind = g_rand_int_range (rand, 0, 3);
      /* Deletes are rare: a customer takes its rows along. */
      gboolean delete = g_rand_int_range (rand, 0, 100) < (kind == 0 ? 5 : 4);
      gint64 read_version;
      gboolean ok;

      g_clear_error (&error);
      if (kind == 0)
        {
          g_autoptr(CrmCustomer) c = crm_repository_get_customer (repository, id, NULL);

          if (c == NULL)
            continue;
          read_version = crm_customer_get_version (c);
          g_usleep (g_rand_int_range (rand, 0, 2000));
          if (delete)
            ok = crm_repository_delete_customer (repository, id, crm_customer_get_version (c), &error);
          else
            {
              crm_customer_set_notes (c, text);
              ok = crm_repository_update_customer (repository, c, &error);
            }
          if (ok && delete)
            fprintf (log, "D customers %" G_GINT64_FORMAT "\n", id);
          else if (ok)
            fprintf (log, "U customers %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n",
                     id, read_version, crm_customer_get_version (c), text);
        }
      else if (kind == 1)
        {
          g_autoptr(CrmInteraction) i = crm_repository_get_interaction (repository, id, NULL);

          if (i == NULL)
            continue;
          read_version = crm_interaction_get_version (i);
          g_usleep (g_rand_int_range (rand, 0, 2000));
          if (delete)
            ok = crm_repository_delete_interaction (repository, id, crm_interaction_get_version (i), &error);
          else
            {
              crm_interaction_set_notes (i, text);
              ok = crm_repository_update_interaction (repository, i, &error);
            }
          if (ok && delete)
            fprintf (log, "D interactions %" G_GINT64_FORMAT "\n", id);
          else if (ok)
            fprintf (log, "U interactions %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n",
                     id, read_version, crm_interaction_get_version (i), text);
        }
      else
        {
          g_autoptr(CrmOpportunity) o = crm_repository_get_opportunity (repository, id, NULL);

          if (o == NULL)
            continue;
          read_version = crm_opportunity_get_version (o);
          g_usleep (g_rand_int_range (rand, 0, 2000));
          if (delete)
            ok = crm_repository_delete_opportunity (repository, id, crm_opportunity_get_version (o), &error);
          else
            {
              crm_opportunity_set_title (o, text);
              ok = crm_repository_update_opportunity (repository, o, &error);
            }
          if (ok && delete)
            fprintf (log, "D opportunities %" G_GINT64_FORMAT "\n", id);
          else if (ok)
            fprintf (log, "U opportunities %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n",
                     id, read_version, crm_opportunity_get_version (o), text);
        }
      if (!ok)
        log_error (log, error);
    }
  if (fclose (log) != 0)
    return 2;
  return 0;
}
