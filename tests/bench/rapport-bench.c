/* rapport-bench.c: fills a database with generated customers
 *
 *   rapport-bench --generate N [--seed S] --database PATH
 *
 * Adds N customers (with about 3N interactions and N/10 opportunities)
 * to PATH, which is created when missing, and prints what it wrote and
 * how long it took. The same N and seed always give the same rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "crm-bench-data.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRepository) repo = NULL;
  g_autofree char *database = NULL;
  CrmBenchDataCounts counts = { 0 };
  gint64 n = -1;
  gint64 seed = 1;
  gint64 start;
  GOptionEntry entries[] = {
    { "generate", 0, 0, G_OPTION_ARG_INT64, &n, "Add N generated customers", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the generator (default 1)", "S" },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, "The database file", "PATH" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- generate benchmark data");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (n < 0 || n > G_MAXUINT || database == NULL || seed < 0 || seed > G_MAXUINT32)
    {
      g_printerr ("Usage: %s --generate N [--seed S] --database PATH\n", g_get_prgname ());
      return 2;
    }

  repo = crm_repository_open (database, &error);
  if (repo == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  start = g_get_monotonic_time ();
  if (!crm_bench_data_generate_counts (repo, (guint)n, (guint32)seed, &counts, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%s: %" G_GUINT64_FORMAT " customers, %" G_GUINT64_FORMAT " interactions, %"
           G_GUINT64_FORMAT " opportunities (seed %" G_GINT64_FORMAT ") in %.1f s\n",
           database, counts.customers, counts.interactions, counts.opportunities, seed,
           (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
