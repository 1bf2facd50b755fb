/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>

#include "crm-application.h"

/* build/src/rapport, run as the README shows it: nothing is installed, so
 * the schema and the catalogs are the build tree's, beside the
 * executable (build/data, build/po). The build tree is recognised by its
 * compiled schema; an installed Rapport (in BINDIR) never looks, and an
 * explicit GSETTINGS_SCHEMA_DIR (meson devenv, the tests) wins. */
static void
use_build_tree_data (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *top = NULL;
  g_autofree char *schema_dir = NULL;
  g_autofree char *schemas = NULL;
  g_autofree char *locale_dir = NULL;

  if (exe == NULL)
    return;
  dir = g_path_get_dirname (exe);
  if (g_strcmp0 (dir, BINDIR) == 0)
    return;
  top = g_path_get_dirname (dir);
  schema_dir = g_build_filename (top, "data", NULL);
  schemas = g_build_filename (schema_dir, "gschemas.compiled", NULL);
  if (!g_file_test (schemas, G_FILE_TEST_IS_REGULAR))
    return;
  g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, FALSE);
  locale_dir = g_build_filename (top, "po", NULL);
  if (g_file_test (locale_dir, G_FILE_TEST_IS_DIR))
    bindtextdomain (GETTEXT_PACKAGE, locale_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrmApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  use_build_tree_data ();

  /* Under a file size limit (ulimit -f, a quota-like sandbox) a write past
   * it should fail like one on a full disk, which the store reports as
   * “the disk is full”, not kill Rapport with SIGXFSZ mid-transaction. */
  signal (SIGXFSZ, SIG_IGN);

  app = crm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
