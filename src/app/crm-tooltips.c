/* crm-tooltips.c: tooltips in wide scripts on one line
 *
 * GTK 4.8 wraps a text tooltip at as many “average characters” as the
 * text has characters (gtktooltipwindow.c: max-width-chars = MIN (len,
 * 50)). An average character is about half as wide as a Chinese one, so
 * “主菜单” wraps one or two characters a line. For a tooltip whose text
 * has wide characters, Rapport shows its own label instead, with the
 * 50-character limit alone; other tooltips keep GTK's.
 *
 * The handler is attached to each widget the first time GTK asks it for
 * a tooltip, through an emission hook (emission hooks run before the
 * instance's handlers, so it serves that first tooltip too).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "crm-tooltips.h"

static GQuark handled_quark;

static gboolean
has_wide_characters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iswide (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    data)
{
  const char *text = gtk_widget_get_tooltip_text (widget);
  const char *markup = gtk_widget_get_tooltip_markup (widget);
  g_autofree char *escaped = NULL;
  GtkWidget *label;

  /* Several lines and narrow scripts: GTK's own tooltip, which does not
   * wrap the first and fits the second. */
  if (text == NULL || strchr (text, '\n') != NULL || !has_wide_characters (text))
    return FALSE;
  /* A tooltip given as markup keeps GTK's too (its text alone would lose
   * the markup); set_tooltip_text stores the escaped text as markup. */
  escaped = g_markup_escape_text (text, -1);
  if (g_strcmp0 (markup, escaped) != 0)
    return FALSE;
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_tooltip_set_custom (tooltip, label);
  return TRUE;
}

static gboolean
query_tooltip_hook (GSignalInvocationHint *hint,
                    guint                  n_params,
                    const GValue          *params,
                    gpointer               data)
{
  GObject *widget = g_value_get_object (&params[0]);

  if (g_object_get_qdata (widget, handled_quark) == NULL)
    {
      g_object_set_qdata (widget, handled_quark, GINT_TO_POINTER (TRUE));
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
    }
  return TRUE;
}

void
crm_tooltips_install (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      handled_quark = g_quark_from_static_string ("crm-tooltips-handled");
      /* the signal exists once GtkWidget's class does; kept for good */
      g_type_class_ref (GTK_TYPE_WIDGET);
      g_signal_add_emission_hook (g_signal_lookup ("query-tooltip", GTK_TYPE_WIDGET), 0,
                                  query_tooltip_hook, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}
