/* bench-import.c: import 1,000,000 customers from NDJSON and from CSV
 *
 * Generates the same mixed Chinese/Latin rows as NDJSON and as CSV in a
 * temporary folder, imports each into a fresh database in a child process
 * (so each gets its own peak memory, from getrusage), then loads the CSV
 * with the sqlite3 shell into the same schema (.import, then the search
 * index rebuilt once) and prints our times as a ratio to it. Then imports a
 * tenth more into the full database, the path that keeps the indexes.
 *
 *   bench-import [--records N] [--sqlite3 PATH] [--extension PATH-TO-libcrm-search]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "crm-import.h"
#include "crm-repository.h"
#include "crm-repository-bulk.h"

static const char *surnames[] = { "王", "李", "张", "刘", "陈", "杨", "Smith", "Müller", "García", "Rossi" };
static const char *given[] = { "伟", "芳", "娜", "秀英", "敏", "静", "Anna", "Jonas", "Lucía", "Marco" };
static const char *companies[] = { "北京科技有限公司", "上海贸易有限公司", "深圳电子股份", "ACME GmbH",
                                   "Globex, Inc.", "Initech", "杭州网络", "Umbrella \"Labs\"" };
static const char *statuses[] = { "lead", "active", "inactive" };

static void
generate (const char *ndjson_path,
          const char *csv_path,
          guint       first,
          guint       n)
{
  FILE *ndjson = fopen (ndjson_path, "w");
  FILE *csv = fopen (csv_path, "w");

  g_assert (ndjson != NULL && csv != NULL);
  fputs ("\xEF\xBB\xBFid,name,company,email,phone,status,notes,created_at,updated_at\n", csv);
  for (guint i = first; i < first + n; i++)
    {
      const char *surname = surnames[i % G_N_ELEMENTS (surnames)];
      const char *name = given[(i / 7) % G_N_ELEMENTS (given)];
      const char *company = companies[(i / 3) % G_N_ELEMENTS (companies)];
      const char *status = statuses[i % 3];
      char time[64];

      g_snprintf (time, sizeof time, "2024-%02u-%02uT%02u:%02u:00.000000Z",
                  1 + i % 12, 1 + i % 28, i % 24, i % 60);
      fprintf (ndjson,
               "{\"type\": \"customer\", \"id\": %u, \"name\": \"%s%s %u\", \"company\": \"%s\", "
               "\"email\": \"user%u@example.com\", \"phone\": \"+86 138 %04u %04u\", "
               "\"status\": \"%s\", \"notes\": \"\", \"created_at\": \"%s\", \"updated_at\": \"%s\"}\n",
               i, surname, name, i, g_str_has_prefix (company, "Umbrella") ? "Umbrella \\\"Labs\\\"" : company,
               i, i % 10000, (i * 7) % 10000, status, time, time);
      fprintf (csv, "%u,%s%s %u,", i, surname, name, i);
      if (g_str_has_prefix (company, "Umbrella"))
        fputs ("\"Umbrella \"\"Labs\"\"\"", csv);
      else if (strchr (company, ',') != NULL)
        fprintf (csv, "\"%s\"", company);
      else
        fputs (company, csv);
      fprintf (csv, ",user%u@example.com,+86 138 %04u %04u,%s,,%s,%s\n",
               i, i % 10000, (i * 7) % 10000, status, time, time);
    }
  fclose (ndjson);
  fclose (csv);
}

/* In the child: import FILE into DB, print "seconds records maxrss_kb". */
static int
child (const char *file_path,
       const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRepository) repository = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (file_path);
  CrmTransferCounts counts = { 0 };
  struct rusage usage;
  gint64 start;

  repository = crm_repository_open (db_path, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  crm_import_file (repository, file, CRM_FILE_FORMAT_AUTO, CRM_IMPORT_NONE, &counts,
                   NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  getrusage (RUSAGE_SELF, &usage);
  g_print ("%f %" G_GUINT64_FORMAT " %ld\n", (g_get_monotonic_time () - start) / 1e6,
           counts.customers, usage.ru_maxrss);
  return 0;
}

static void
run_child (const char *self,
           const char *file_path,
           const char *db_path,
           double     *seconds,
           guint64    *records,
           long       *maxrss_kb)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { self, "--child", file_path, db_path, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_assert (sscanf (out, "%lf %" G_GUINT64_FORMAT " %ld", seconds, records, maxrss_kb) == 3);
}

static void
create_schema (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmRepository) repository = crm_repository_open (db_path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (repository);
}

static double
run_sqlite3 (const char *sqlite3,
             const char *extension,
             const char *csv_path,
             const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *err = NULL;
  gint64 start;
  int status = 0;

  create_schema (db_path);
  /* The same trick the importer uses: no per-row search indexing, one
   * rebuild of each index at the end. The short-query index needs
   * Rapport's tokenizer, which libcrm-search gives the shell. */
  script = g_strdup_printf (".load %s\n"
                            "BEGIN;\n"
                            "DROP TRIGGER customers_fts_insert;\n"
                            "DROP TRIGGER customers_grams_insert;\n"
                            /* The CSV has no sort keys: Rapport fills them
                             * at its next open (see the README). */
                            "CREATE TEMP TABLE csv (id, name, company, email, phone, status,"
                            " notes, created_at, updated_at);\n"
                            ".import --csv --skip 1 '%s' csv\n"
                            "INSERT INTO customers (id, name, company, email, phone, status,"
                            " notes, created_at, updated_at) SELECT * FROM csv;\n"
                            "CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN"
                            "  INSERT INTO customers_fts (rowid, name, company, email, phone)"
                            "  VALUES (new.id, new.name, new.company, new.email, new.phone);"
                            "END;\n"
                            "CREATE TRIGGER customers_grams_insert AFTER INSERT ON customers BEGIN"
                            "  INSERT INTO customers_grams (rowid, name, company, email, phone)"
                            "  VALUES (new.id, new.name, new.company, new.email, new.phone);"
                            "END;\n"
                            "INSERT INTO customers_fts (customers_fts) VALUES ('rebuild');\n"
                            "INSERT INTO customers_grams (customers_grams) VALUES ('rebuild');\n"
                            "COMMIT;\n", extension, csv_path);
  {
    g_autofree char *script_path = g_strconcat (db_path, ".sql", NULL);
    g_autofree char *arg = g_strconcat (".read ", script_path, NULL);
    const char *argv2[] = { sqlite3, db_path, arg, NULL };

    g_file_set_contents (script_path, script, -1, &error);
    g_assert_no_error (error);
    start = g_get_monotonic_time ();
    g_spawn_sync (NULL, (char **)argv2, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                  &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error) || (err != NULL && *err != '\0'))
    g_error ("sqlite3 failed: %s %s", error ? error->message : "", err);
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child_path = g_build_filename (dir, name, NULL);
      g_remove (child_path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *ndjson = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *self = NULL;
  const char *sqlite3 = "sqlite3";
  g_autofree char *extension = NULL;
  guint n = 1000000;
  double seconds[2], sqlite_seconds;
  guint64 records[2];
  long maxrss[2];
  const char *names[2] = { "NDJSON", "CSV" };

  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child (argv[2], argv[3]);
  for (int i = 1; i + 1 < argc; i += 2)
    {
      if (g_str_equal (argv[i], "--records"))
        n = atoi (argv[i + 1]);
      else if (g_str_equal (argv[i], "--sqlite3"))
        sqlite3 = argv[i + 1];
      else if (g_str_equal (argv[i], "--extension"))
        extension = g_strdup (argv[i + 1]);
    }

  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);
  if (extension == NULL)
    {
      g_autofree char *bin_dir = g_path_get_dirname (self);
      extension = g_build_filename (bin_dir, "libcrm-search", NULL);
    }
  dir = g_dir_make_tmp ("rapport-bench-XXXXXX", &error);
  g_assert_no_error (error);
  ndjson = g_build_filename (dir, "customers.ndjson", NULL);
  csv = g_build_filename (dir, "customers.csv", NULL);
  g_print ("Generating %u customers...\n", n);
  generate (ndjson, csv, 1, n);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *db = g_strdup_printf ("%s/%s.db", dir, names[i]);

      run_child (self, i == 0 ? ndjson : csv, db, &seconds[i], &records[i], &maxrss[i]);
      g_assert_cmpuint (records[i], ==, n);
      g_print ("%-7s %u records in %.2f s: %.0f records/s, peak memory %.1f MB\n",
               names[i], n, seconds[i], n / seconds[i], maxrss[i] / 1024.0);
    }

  /* An import into a full table keeps its indexes and indexes the new
   * search text at the end: a tenth more, into the NDJSON run's database. */
  {
    g_autofree char *more_ndjson = g_build_filename (dir, "more.ndjson", NULL);
    g_autofree char *more_csv = g_build_filename (dir, "more.csv", NULL);
    g_autofree char *db = g_strdup_printf ("%s/%s.db", dir, names[0]);
    guint more = MAX (n / 10, 1);
    guint64 more_records;
    double more_seconds;
    long more_maxrss;

    generate (more_ndjson, more_csv, n + 1, more);
    run_child (self, more_csv, db, &more_seconds, &more_records, &more_maxrss);
    g_assert_cmpuint (more_records, ==, more);
    g_print ("CSV     %u more records into the %u-record database in %.2f s: %.0f records/s, "
             "peak memory %.1f MB\n", more, n, more_seconds, more / more_seconds, more_maxrss / 1024.0);
  }

  {
    g_autofree char *db = g_strdup_printf ("%s/sqlite3.db", dir);

    sqlite_seconds = run_sqlite3 (sqlite3, extension, csv, db);
    g_print ("sqlite3 shell: .import of the CSV + search index rebuild in %.2f s: %.0f records/s\n",
             sqlite_seconds, n / sqlite_seconds);
  }
  for (guint i = 0; i < 2; i++)
    g_print ("%-7s ratio to the sqlite3 shell: %.2fx (target: within 2x, >= 100000 records/s, < 200 MB)\n",
             names[i], seconds[i] / sqlite_seconds);

  remove_dir (dir);
  return 0;
}
