/* crm-command-line.c: --import, --export and --check, without a display
 *
 * These run from handle_local_options, before the application registers
 * on the session bus or GTK opens a display, and exit with a status:
 * 0 done (and for --check: healthy), 1 failed, 2 wrong usage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "crm-command-line.h"
#include "crm-export.h"
#include "crm-import.h"
#include "crm-repository.h"
#include "crm-repository-bulk.h"

static const GOptionEntry command_line_entries[] = {
  { "import", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import FILE (.json, .ndjson or .csv) into the database and exit"), N_("FILE") },
  { "merge", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --import: update records whose id exists instead of adding them under new ids"), NULL },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export everything to FILE (.json or .ndjson; .csv writes customers) and exit"), N_("FILE") },
  { "opportunities", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --export to .csv: write opportunities instead of customers"), NULL },
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check the database’s integrity, print counts and exit (0 when healthy)"), NULL },
  { NULL }
};

void
crm_command_line_add_options (GApplication *application)
{
  g_application_add_main_option_entries (application, command_line_entries);
}

gboolean
crm_command_line_wanted (GVariantDict *options)
{
  return g_variant_dict_contains (options, "import")
         || g_variant_dict_contains (options, "export")
         || g_variant_dict_contains (options, "check")
         || g_variant_dict_contains (options, "merge")
         || g_variant_dict_contains (options, "opportunities");
}

typedef struct
{
  const char *label;
  int last_percent;
} Progress;

static void
print_progress (double   fraction,
                gpointer user_data)
{
  Progress *progress = user_data;
  int percent = (int)(fraction * 100.0);

  if (percent == progress->last_percent)
    return;
  progress->last_percent = percent;
  fprintf (stderr, "\r%s %3d%%", progress->label, percent);
  if (percent >= 100)
    fputc ('\n', stderr);
  fflush (stderr);
}

static void
print_keys_progress (gint64   done,
                     gint64   total,
                     gpointer user_data)
{
  print_progress (total > 0 ? (double)done / total : 1.0, user_data);
}

static int
fail (const GError *error)
{
  g_printerr ("rapport: %s\n", error->message);
  return 1;
}

static int
run_check (CrmRepository *repository)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  static const struct { const char *label; GType (*type) (void); } entities[] = {
    { N_("Customers"), crm_customer_get_type },
    { N_("Interactions"), crm_interaction_get_type },
    { N_("Opportunities"), crm_opportunity_get_type },
  };

  if (!crm_repository_check_health (repository, problems, &error))
    return fail (error);
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    {
      gint64 n = crm_repository_count (repository, entities[i].type (), &error);

      if (n < 0)
        return fail (error);
      g_print ("%s: %" G_GINT64_FORMAT "\n", _(entities[i].label), n);
    }
  if (problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("rapport: %s\n", (char *)problems->pdata[i]);
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "rapport: the database has %u problem\n",
                               "rapport: the database has %u problems\n", problems->len),
                  problems->len);
      return 1;
    }
  g_print ("%s\n", _("The database is healthy"));
  return 0;
}

int
crm_command_line_run (GVariantDict *options,
                      const char   *database_path)
{
  g_autoptr(CrmRepository) repository = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *import_path = NULL;
  g_autofree char *export_path = NULL;
  gboolean merge = g_variant_dict_contains (options, "merge");
  gboolean opportunities = g_variant_dict_contains (options, "opportunities");
  gboolean check = g_variant_dict_contains (options, "check");
  gboolean tty = isatty (STDERR_FILENO);
  Progress progress = { NULL, -1 };

  g_variant_dict_lookup (options, "import", "^ay", &import_path);
  g_variant_dict_lookup (options, "export", "^ay", &export_path);

  if ((import_path != NULL) + (export_path != NULL) + check != 1)
    {
      g_printerr ("rapport: %s\n", _("use one of --import, --export and --check"));
      return 2;
    }
  if (merge && import_path == NULL)
    {
      g_printerr ("rapport: %s\n", _("--merge goes with --import"));
      return 2;
    }
  if (opportunities && export_path == NULL)
    {
      g_printerr ("rapport: %s\n", _("--opportunities goes with --export"));
      return 2;
    }

  repository = crm_repository_open (database_path, &error);
  if (repository == NULL)
    return fail (error);

  if (check)
    return run_check (repository);

  if (import_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (import_path);
      g_autofree char *summary = NULL;
      CrmTransferCounts counts = { 0 };

      /* The rows imported get keys in this locale's collation: the
       * others must be in it too before (the window would do the same
       * at its next open). */
      if (crm_repository_get_sort_keys_state (repository) != CRM_SORT_KEYS_CURRENT)
        {
          Progress keys_progress = { _("Sorting names for this language…"), -1 };

          if (!crm_repository_update_sort_keys (repository, tty ? print_keys_progress : NULL,
                                                &keys_progress, NULL, &error))
            return fail (error);
        }
      progress.label = _("Importing…");
      if (!crm_import_file (repository, file, CRM_FILE_FORMAT_AUTO,
                            merge ? CRM_IMPORT_MERGE : CRM_IMPORT_NONE, &counts,
                            tty ? print_progress : NULL, &progress, NULL, &error))
        {
          if (tty && progress.last_percent >= 0 && progress.last_percent < 100)
            fputc ('\n', stderr);
          return fail (error);
        }
      summary = crm_transfer_counts_format (&counts, TRUE);
      g_print ("%s\n", summary);
      return 0;
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (export_path);
      g_autofree char *summary = NULL;
      CrmTransferCounts counts = { 0 };

      progress.label = _("Exporting…");
      if (!crm_export_file (repository, file, CRM_FILE_FORMAT_AUTO,
                            opportunities ? CRM_CSV_TABLE_OPPORTUNITIES : CRM_CSV_TABLE_CUSTOMERS,
                            &counts, tty ? print_progress : NULL, &progress, NULL, &error))
        {
          if (tty && progress.last_percent >= 0 && progress.last_percent < 100)
            fputc ('\n', stderr);
          return fail (error);
        }
      summary = crm_transfer_counts_format (&counts, FALSE);
      g_print ("%s\n", summary);
      return 0;
    }
}
