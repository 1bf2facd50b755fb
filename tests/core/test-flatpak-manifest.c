/* test-flatpak-manifest.c: the Flatpak manifest says what the issue says
 *
 * flatpak-builder cannot fetch a runtime offline, so the build itself is not
 * run here; this checks the manifest's content instead: valid JSON, the
 * GNOME runtime, the app built from this repository with its tests, and a
 * sandbox that is no wider than IPC, a display and the GPU (files come
 * through the portal: no --filesystem, no network).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

static JsonObject *manifest;

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    g_error ("manifest: “%s” is missing or not a string", name);
  return json_node_get_string (node);
}

static void
test_runtime (void)
{
  const char *version = member_string (manifest, "runtime-version");
  guint64 number = 0;

  g_assert_cmpstr (member_string (manifest, "id"), ==, "io.github.rapportcrm.Rapport");
  g_assert_cmpstr (member_string (manifest, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (member_string (manifest, "sdk"), ==, "org.gnome.Sdk");
  g_assert_cmpstr (member_string (manifest, "command"), ==, "rapport");

  /* GNOME 43 is the first with libadwaita 1.2, which the code pins. */
  g_assert_true (g_ascii_string_to_unsigned (version, 10, 43, 999, &number, NULL));
}

static void
test_finish_args (void)
{
  static const char *expected[] = {
    "--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri",
  };
  JsonArray *args = json_object_get_array_member (manifest, "finish-args");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (args);
  for (guint i = 0; i < json_array_get_length (args); i++)
    {
      const char *arg = json_array_get_string_element (args, i);

      g_assert_nonnull (arg);
      g_assert_false (g_str_has_prefix (arg, "--filesystem"));
      g_assert_cmpstr (arg, !=, "--share=network");
      g_assert_false (g_hash_table_contains (seen, arg));
      g_hash_table_add (seen, (gpointer) arg);
    }

  /* Exactly these four, in any order. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_hash_table_contains (seen, expected[i]));
}

static void
test_app_module (void)
{
  JsonArray *modules = json_object_get_array_member (manifest, "modules");
  JsonObject *app = NULL;
  JsonArray *sources;
  JsonArray *config_opts;
  gboolean from_repository = FALSE;
  gboolean ui_tests_off = FALSE;

  g_assert_nonnull (modules);
  for (guint i = 0; i < json_array_get_length (modules); i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);

      if (module != NULL && g_strcmp0 (json_object_get_string_member_with_default (module, "name", ""), "rapport") == 0)
        app = module;
    }
  g_assert_nonnull (app);

  g_assert_cmpstr (member_string (app, "buildsystem"), ==, "meson");
  g_assert_true (json_object_get_boolean_member_with_default (app, "builddir", FALSE));
  g_assert_true (json_object_get_boolean_member_with_default (app, "run-tests", FALSE));

  /* Built from this repository's own tree. */
  sources = json_object_get_array_member (app, "sources");
  g_assert_nonnull (sources);
  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *source = json_array_get_object_element (sources, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (source, "type", ""), "dir") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (source, "path", ""), "..") == 0)
        from_repository = TRUE;
    }
  g_assert_true (from_repository);

  /* flatpak-builder's sandbox has no display: the UI suite is switched
   * off there with the meson option made for it. */
  config_opts = json_object_get_array_member (app, "config-opts");
  g_assert_nonnull (config_opts);
  for (guint i = 0; i < json_array_get_length (config_opts); i++)
    if (g_strcmp0 (json_array_get_string_element (config_opts, i), "-Dui_tests=false") == 0)
      ui_tests_off = TRUE;
  g_assert_true (ui_tests_off);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_test_init (&argc, &argv, NULL);

  if (!json_parser_load_from_file (parser, MANIFEST_PATH, &error))
    g_error ("%s: %s", MANIFEST_PATH, error->message);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  manifest = json_node_get_object (root);

  g_test_add_func ("/flatpak/runtime", test_runtime);
  g_test_add_func ("/flatpak/finish-args", test_finish_args);
  g_test_add_func ("/flatpak/app-module", test_app_module);

  return g_test_run ();
}
