/* crm-enums.c: nicks, labels and defaults of the model's enumerations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-enums.h"
#include "crm-enum-types.h"
#include "crm-error.h"

static const char *
enum_to_nick (GType type,
              int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  g_return_val_if_fail (ev != NULL, NULL);
  return ev->value_nick;
}

static gboolean
enum_from_nick (GType        type,
                const char  *field,
                const char  *nick,
                int         *out,
                GError     **error)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *ev = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (ev == NULL)
    {
      g_autoptr(GString) allowed = g_string_new (NULL);

      for (guint i = 0; i < klass->n_values; i++)
        g_string_append_printf (allowed, "%s%s", i ? ", " : "", klass->values[i].value_nick);
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: the first %s is a field name such as “stage”,
                    * the second the unknown value, the third the allowed values */
                   _("%s: unknown value “%s” (expected one of %s)"),
                   field, nick ? nick : "", allowed->str);
      return FALSE;
    }

  *out = ev->value;
  return TRUE;
}

const char *
crm_customer_status_to_string (CrmCustomerStatus status)
{
  return enum_to_nick (CRM_TYPE_CUSTOMER_STATUS, status);
}

const char *
crm_customer_status_get_label (CrmCustomerStatus status)
{
  switch (status)
    {
    case CRM_CUSTOMER_STATUS_LEAD:
      return C_("customer status", "Lead");
    case CRM_CUSTOMER_STATUS_ACTIVE:
      return C_("customer status", "Active");
    case CRM_CUSTOMER_STATUS_INACTIVE:
      return C_("customer status", "Inactive");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
crm_customer_status_from_string (const char         *nick,
                                 CrmCustomerStatus  *status,
                                 GError            **error)
{
  int v;

  if (!enum_from_nick (CRM_TYPE_CUSTOMER_STATUS, "status", nick, &v, error))
    return FALSE;
  *status = v;
  return TRUE;
}

const char *
crm_interaction_type_to_string (CrmInteractionType type)
{
  return enum_to_nick (CRM_TYPE_INTERACTION_TYPE, type);
}

const char *
crm_interaction_type_get_label (CrmInteractionType type)
{
  switch (type)
    {
    case CRM_INTERACTION_TYPE_CALL:
      return C_("interaction type", "Call");
    case CRM_INTERACTION_TYPE_EMAIL:
      return C_("interaction type", "Email");
    case CRM_INTERACTION_TYPE_MEETING:
      return C_("interaction type", "Meeting");
    case CRM_INTERACTION_TYPE_OTHER:
      return C_("interaction type", "Other");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
crm_interaction_type_get_icon_name (CrmInteractionType type)
{
  switch (type)
    {
    case CRM_INTERACTION_TYPE_CALL:
      return "call-start-symbolic";
    case CRM_INTERACTION_TYPE_EMAIL:
      return "mail-unread-symbolic";
    case CRM_INTERACTION_TYPE_MEETING:
      return "x-office-calendar-symbolic";
    case CRM_INTERACTION_TYPE_OTHER:
      return "document-edit-symbolic";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
crm_interaction_type_from_string (const char          *nick,
                                  CrmInteractionType  *type,
                                  GError             **error)
{
  int v;

  if (!enum_from_nick (CRM_TYPE_INTERACTION_TYPE, "interaction_type", nick, &v, error))
    return FALSE;
  *type = v;
  return TRUE;
}

const char *
crm_stage_to_string (CrmStage stage)
{
  return enum_to_nick (CRM_TYPE_STAGE, stage);
}

const char *
crm_stage_get_label (CrmStage stage)
{
  switch (stage)
    {
    case CRM_STAGE_LEAD:
      return C_("stage", "Lead");
    case CRM_STAGE_PROPOSAL:
      return C_("stage", "Proposal");
    case CRM_STAGE_NEGOTIATION:
      return C_("stage", "Negotiation");
    case CRM_STAGE_CLOSED:
      return C_("stage", "Won");
    case CRM_STAGE_LOST:
      return C_("stage", "Lost");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The one table of stage probabilities: a deal moved into a stage takes this. */
static const guint stage_probability[CRM_N_STAGES] = {
  [CRM_STAGE_LEAD] = 10,
  [CRM_STAGE_PROPOSAL] = 30,
  [CRM_STAGE_NEGOTIATION] = 60,
  [CRM_STAGE_CLOSED] = 100,
  [CRM_STAGE_LOST] = 0,
};

guint
crm_stage_get_default_probability (CrmStage stage)
{
  g_return_val_if_fail (stage < CRM_N_STAGES, 0);
  return stage_probability[stage];
}

gboolean
crm_stage_from_string (const char  *nick,
                       CrmStage    *stage,
                       GError     **error)
{
  int v;

  if (!enum_from_nick (CRM_TYPE_STAGE, "stage", nick, &v, error))
    return FALSE;
  *stage = v;
  return TRUE;
}
