/* pipeline-demo.c: writes the README screenshot's deals into a database
 *
 * Usage: pipeline-demo PATH
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pipeline-seed.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrmRepository) repository = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s PATH\n", argv[0]);
      return 2;
    }
  repository = crm_repository_open (argv[1], &error);
  if (repository == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  pipeline_seed_demo (repository);
  return 0;
}
