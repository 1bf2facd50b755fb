/* crm-currency.c: the currency money is shown in
 *
 * One object per process with the chosen currency as a property: the
 * application binds it to the "currency" setting (g_settings_bind), and
 * every view that shows money re-formats on its notify::chosen. The
 * money formatting in crm-format.c reads it. Before, a global in
 * crm-format.c was set by hand and views learnt of a change through a
 * faked CrmRepository::changed, which made every opportunity list reload
 * from the database for what is only a change of display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "crm-currency.h"
#include "crm-format.h"

struct _CrmCurrency
{
  GObject parent_instance;

  char *chosen;   /* an upper-case ISO 4217 code, or "" for the locale's */
};

G_DEFINE_FINAL_TYPE (CrmCurrency, crm_currency, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHOSEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_currency_finalize (GObject *object)
{
  CrmCurrency *self = (CrmCurrency *)object;

  g_clear_pointer (&self->chosen, g_free);

  G_OBJECT_CLASS (crm_currency_parent_class)->finalize (object);
}

static void
crm_currency_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CrmCurrency *self = CRM_CURRENCY (object);

  switch (prop_id)
    {
    case PROP_CHOSEN:
      g_value_set_string (value, self->chosen);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_currency_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CrmCurrency *self = CRM_CURRENCY (object);

  switch (prop_id)
    {
    case PROP_CHOSEN:
      crm_currency_set_chosen (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_currency_class_init (CrmCurrencyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_currency_finalize;
  object_class->get_property = crm_currency_get_property;
  object_class->set_property = crm_currency_set_property;

  /**
   * CrmCurrency:chosen:
   *
   * The ISO 4217 code chosen in Preferences, or "" for the locale's own
   * (the "currency" setting's value).
   */
  properties[PROP_CHOSEN] =
    g_param_spec_string ("chosen", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_currency_init (CrmCurrency *self)
{
  self->chosen = g_strdup ("");
}

/**
 * crm_currency_get_default:
 *
 * Returns: (transfer none): the process's currency
 */
CrmCurrency *
crm_currency_get_default (void)
{
  static CrmCurrency *currency;

  if (g_once_init_enter (&currency))
    g_once_init_leave (&currency, g_object_new (CRM_TYPE_CURRENCY, NULL));
  return currency;
}

const char *
crm_currency_get_chosen (CrmCurrency *self)
{
  g_return_val_if_fail (CRM_IS_CURRENCY (self), NULL);
  return self->chosen;
}

/**
 * crm_currency_set_chosen:
 * @code: (nullable): an ISO 4217 code in any case, or %NULL / "" for the
 *   locale's own
 */
void
crm_currency_set_chosen (CrmCurrency *self,
                         const char  *code)
{
  g_autofree char *upper = g_ascii_strup (code != NULL ? code : "", -1);

  g_return_if_fail (CRM_IS_CURRENCY (self));

  if (g_str_equal (upper, self->chosen))
    return;
  g_free (self->chosen);
  self->chosen = g_steal_pointer (&upper);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHOSEN]);
}

/**
 * crm_currency_get_code:
 *
 * Returns: the code money is shown in: the chosen one, else the locale's
 */
const char *
crm_currency_get_code (CrmCurrency *self)
{
  g_return_val_if_fail (CRM_IS_CURRENCY (self), NULL);
  return *self->chosen != '\0' ? self->chosen : crm_format_get_default_currency ();
}
