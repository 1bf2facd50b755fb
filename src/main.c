/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>

#include "crm-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrmApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Under a file size limit (ulimit -f, a quota-like sandbox) a write past
   * it should fail like one on a full disk, which the store reports as
   * “the disk is full”, not kill Rapport with SIGXFSZ mid-transaction. */
  signal (SIGXFSZ, SIG_IGN);

  app = crm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
