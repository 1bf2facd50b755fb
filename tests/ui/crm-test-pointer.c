/* crm-test-pointer.c: the real pointer and keyboard, through the X server
 *
 * xdotool moves the X pointer and presses keys with XTEST, so GTK gets
 * the events a person's mouse and keyboard make: a click lands on
 * whatever is drawn at that point of the screen, or on nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "crm-test-pointer.h"

#include <gdk/x11/gdkx.h>

gboolean
crm_test_pointer_available (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  return GDK_IS_X11_DISPLAY (gdk_display_get_default ()) && xdotool != NULL;
}

static void
child_exited_cb (GPid     pid,
                 int      status,
                 gpointer data)
{
  gboolean *done = data;

  g_spawn_close_pid (pid);
  *done = TRUE;
}

/* Runs xdotool with @args while the main loop keeps running, so the app
 * answers the X server (and a drag's protocol) during the gesture. */
void
crm_test_xdotool (const char *args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_auto(GStrv) argv = NULL;
  gboolean done = FALSE;
  GPid pid;

  g_assert_true (g_shell_parse_argv (command, NULL, &argv, &error));
  g_assert_true (g_spawn_async (NULL, argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, child_exited_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Where (@x, @y) of @widget is on the X screen. */
void
crm_test_screen_point (GtkWidget *widget,
                       double     x,
                       double     y,
                       int       *sx,
                       int       *sy)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *display = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  Window child;
  double wx, wy, tx, ty;
  int rx, ry;

  g_assert_true (gtk_widget_translate_coordinates (widget, GTK_WIDGET (native), x, y, &wx, &wy));
  gtk_native_get_surface_transform (native, &tx, &ty);
  XTranslateCoordinates (display, gdk_x11_surface_get_xid (surface),
                         DefaultRootWindow (display), 0, 0, &rx, &ry, &child);
  *sx = rx + (int)(tx + wx);
  *sy = ry + (int)(ty + wy);
}

/* Presses and releases @button in the middle of @widget, which must be
 * on screen. */
void
crm_test_click_button (GtkWidget *widget,
                       int        button)
{
  g_autofree char *args = NULL;
  int x, y;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
  crm_test_screen_point (widget, gtk_widget_get_width (widget) / 2.0,
                         gtk_widget_get_height (widget) / 2.0, &x, &y);
  args = g_strdup_printf ("mousemove --sync %d %d sleep 0.15 click %d", x, y, button);
  crm_test_xdotool (args);
}

void
crm_test_click (GtkWidget *widget)
{
  crm_test_click_button (widget, 1);
}

/* Keys as xdotool names them: "ctrl+z", "Delete". */
void
crm_test_key (const char *keys)
{
  g_autofree char *args = g_strdup_printf ("key --clearmodifiers %s", keys);

  crm_test_xdotool (args);
}
