/* crm-preferences-window.c: the Preferences window
 *
 * The currency is the one preference so far. It is stored as an ISO 4217
 * code in the "currency" key; "" means “the locale's own”, which is the first
 * row of the combo and follows the locale when the user changes language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-preferences-window.h"

struct _CrmPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* template widgets */
  AdwComboRow *currency_row;
  GtkStringList *currency_model;

  /* owned */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (CrmPreferencesWindow, crm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Position 0 of the combo is the locale's currency (code ""). */
static const struct
{
  const char *code;
  const char *name;
} currencies[] = {
  { "", NULL },
  { "CNY", N_("Chinese Yuan") },
  { "EUR", N_("Euro") },
  { "USD", N_("US Dollar") },
  { "GBP", N_("British Pound") },
  { "JPY", N_("Japanese Yen") },
  { "CHF", N_("Swiss Franc") },
  { "HKD", N_("Hong Kong Dollar") },
  { "TWD", N_("New Taiwan Dollar") },
};

static const char *
currency_name (const char *code)
{
  for (guint i = 1; i < G_N_ELEMENTS (currencies); i++)
    if (g_str_equal (currencies[i].code, code))
      return _(currencies[i].name);
  return code;
}

static gboolean
currency_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *code = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_ascii_strcasecmp (currencies[i].code, code) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  /* A code we have no row for (set with gsettings): show the locale row. */
  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
currency_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (currencies))
    return NULL;
  return g_variant_new_string (currencies[position].code);
}

static void
crm_preferences_window_dispose (GObject *object)
{
  CrmPreferencesWindow *self = (CrmPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_preferences_window_parent_class)->dispose (object);
}

static void
crm_preferences_window_class_init (CrmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, CrmPreferencesWindow, currency_model);
}

static void
crm_preferences_window_init (CrmPreferencesWindow *self)
{
  const char *locale_code = crm_format_get_default_currency ();
  g_autofree char *locale_currency = NULL;
  g_autofree char *automatic = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Translators: a currency's name and ISO code, as in “Euro (EUR)” */
  locale_currency = g_strdup_printf (C_("currency", "%s (%s)"), currency_name (locale_code), locale_code);
  /* Translators: the first row of the currency list; %s is the name and
   * code of the locale's currency, such as “Chinese Yuan (CNY)” */
  automatic = g_strdup_printf (_("Same as the Region (%s)"), locale_currency);
  gtk_string_list_append (self->currency_model, automatic);
  for (guint i = 1; i < G_N_ELEMENTS (currencies); i++)
    {
      g_autofree char *label = g_strdup_printf (C_("currency", "%s (%s)"), _(currencies[i].name), currencies[i].code);
      gtk_string_list_append (self->currency_model, label);
    }

  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "currency",
                                self->currency_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                currency_get_mapping, currency_set_mapping,
                                NULL, NULL);
}

GtkWidget *
crm_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (CRM_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}

/**
 * crm_preferences_window_get_currency_code:
 * @position: a row of the currency combo
 *
 * Returns: the code that row stores: "" for the first (the locale's own)
 */
const char *
crm_preferences_window_get_currency_code (guint position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (currencies), NULL);
  return currencies[position].code;
}

guint
crm_preferences_window_get_n_currencies (void)
{
  return G_N_ELEMENTS (currencies);
}
