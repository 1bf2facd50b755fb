/* crm-record-menu.c: the Edit / Delete menu of a row or card
 *
 * The timeline, the Activity page and the board offer the same two
 * entries for a record, on a right click, a long press or the Menu key:
 * the window's win.edit-KIND and win.delete-KIND, so the window opens the
 * editor and deletes through its undo history.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-record-menu.h"

/**
 * crm_record_menu_new:
 * @kind: "customer", "interaction" or "opportunity"
 *
 * Returns: (transfer full): a menu with Edit and Delete for record @id
 */
GMenu *
crm_record_menu_new (const char *kind,
                     gint64      id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit"), NULL);
  g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);
  g_autofree char *edit_action = g_strconcat ("win.edit-", kind, NULL);
  g_autofree char *delete_action = g_strconcat ("win.delete-", kind, NULL);

  g_menu_item_set_action_and_target_value (edit, edit_action, g_variant_new_int64 (id));
  g_menu_item_set_action_and_target_value (delete, delete_action, g_variant_new_int64 (id));
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, delete);
  return menu;
}

/**
 * crm_record_menu_popup:
 * @popover: (inout): @owner's popover, made on first use and kept
 * @owner: the widget the popover is parented to
 * @at: the widget @x and @y are relative to
 *
 * Pops @menu up at (@x, @y) of @at, without an arrow, as a context menu.
 */
void
crm_record_menu_popup (GtkWidget  **popover,
                       GtkWidget   *owner,
                       GMenuModel  *menu,
                       GtkWidget   *at,
                       double       x,
                       double       y)
{
  graphene_point_t point;

  if (*popover == NULL)
    {
      *popover = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (*popover, owner);
      gtk_popover_set_has_arrow (GTK_POPOVER (*popover), FALSE);
      gtk_widget_set_halign (*popover, GTK_ALIGN_START);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (*popover), menu);
  if (!gtk_widget_compute_point (at, owner, &GRAPHENE_POINT_INIT (x, y), &point))
    point = GRAPHENE_POINT_INIT (0, 0);
  gtk_popover_set_pointing_to (GTK_POPOVER (*popover),
                               &(GdkRectangle) { (int)point.x, (int)point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (*popover));
}
