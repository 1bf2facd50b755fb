/* crm-a11y.c: names for the controls GTK 4.8 builds inside its own widgets
 *
 * Our templates name every control they declare. Some controls a screen
 * reader reaches are built by the toolkit, where a template cannot name
 * them, and GTK 4.8 leaves them unnamed, so Orca reads their type name
 * ("GtkToggleButton", "GtkImage"):
 * - a GtkDropDown's own button, which takes the focus: labelled by the
 *   drop-down (whose template gives it a name);
 * - a GtkCalendar's month and year arrows;
 * - the search entry and buttons of GtkShortcutsWindow and of
 *   AdwPreferencesWindow.
 * Each toplevel is named once, when it is first mapped (its template and
 * popovers are built by then; popovers are its descendants).
 * tests/ui/test-controls.c reads the result over AT-SPI.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "crm-a11y.h"

static void
set_label (GtkWidget  *widget,
           const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        g_ptr_array_add (out, child);
      else
        collect_buttons (child, out);
    }
}

static void
name_calendar (GtkWidget *calendar)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  /* GTK 4.8 builds its header in this order. */
  const char *labels[] = {
    _("Previous Month"), _("Next Month"), _("Previous Year"), _("Next Year"),
  };

  collect_buttons (calendar, buttons);
  if (buttons->len != G_N_ELEMENTS (labels))
    return;
  for (guint i = 0; i < buttons->len; i++)
    set_label (buttons->pdata[i], labels[i]);
}

/* @in_dialog: inside a GtkShortcutsWindow or AdwPreferencesWindow, whose
 * header and search the toolkit builds. */
static void
name_internals (GtkWidget *widget,
                gboolean   in_dialog)
{
  if (GTK_IS_DROP_DOWN (widget))
    {
      GtkWidget *button = gtk_widget_get_first_child (widget);

      if (GTK_IS_TOGGLE_BUTTON (button))
        gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, widget, NULL,
                                        -1);
      return;
    }
  if (GTK_IS_CALENDAR (widget))
    {
      name_calendar (widget);
      return;
    }
  if (in_dialog)
    {
      if (GTK_IS_SEARCH_ENTRY (widget))
        set_label (widget, _("Search"));
      else if (GTK_IS_TOGGLE_BUTTON (widget)
               && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))))
        set_label (widget, _("Search"));
      else if (GTK_IS_MENU_BUTTON (widget))
        {
          GtkWidget *inner = gtk_widget_get_first_child (widget);

          set_label (widget, _("Sections"));
          if (GTK_IS_TOGGLE_BUTTON (inner))
            set_label (inner, _("Sections"));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_internals (child, in_dialog);
}

static void
toplevel_mapped_cb (GtkWidget *window,
                    gpointer   data)
{
  g_signal_handlers_disconnect_by_func (window, toplevel_mapped_cb, data);
  name_internals (window, GTK_IS_SHORTCUTS_WINDOW (window) || ADW_IS_PREFERENCES_WINDOW (window));
}

static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      gpointer    data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      g_signal_connect (window, "map", G_CALLBACK (toplevel_mapped_cb), NULL);
    }
}

/* From now on, every new window names what GTK left unnamed. */
void
crm_a11y_watch_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  toplevels_changed_cb (toplevels, 0, 0, g_list_model_get_n_items (toplevels), NULL);
  g_signal_connect (toplevels, "items-changed", G_CALLBACK (toplevels_changed_cb), NULL);
}
