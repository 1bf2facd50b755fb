/* crm-interaction.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-interaction.h"
#include "crm-enum-types.h"
#include "crm-model-private.h"
#include "crm-validate.h"

struct _CrmInteraction
{
  GObject parent_instance;

  gint64 id;
  /* The row's version when read (0: never read), and who wrote it
   * last: the store's guard against overwriting another's edit. */
  gint64 version;
  char *changed_by;
  gint64 customer_id;
  int interaction_type;
  char *notes;
  GDateTime *occurred_at;
  GDateTime *created_at;

  /* Not stored: filled in by the repository for display. */
  char *customer_name;
};

G_DEFINE_FINAL_TYPE (CrmInteraction, crm_interaction, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_INTERACTION_TYPE,
  PROP_NOTES,
  PROP_OCCURRED_AT,
  PROP_CREATED_AT,
  PROP_CUSTOMER_NAME,
  PROP_VERSION,
  PROP_CHANGED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_interaction_finalize (GObject *object)
{
  CrmInteraction *self = (CrmInteraction *)object;

  g_clear_pointer (&self->changed_by, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->occurred_at, g_date_time_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  G_OBJECT_CLASS (crm_interaction_parent_class)->finalize (object);
}

static void
crm_interaction_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmInteraction *self = CRM_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;
    case PROP_INTERACTION_TYPE:
      g_value_set_enum (value, self->interaction_type);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_OCCURRED_AT:
      g_value_set_boxed (value, self->occurred_at);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;
    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;
    case PROP_CHANGED_BY:
      g_value_set_string (value, self->changed_by);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_interaction_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrmInteraction *self = CRM_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      crm_model_set_int64 (object, &self->id, g_value_get_int64 (value), pspec);
      break;
    case PROP_CUSTOMER_ID:
      crm_model_set_int64 (object, &self->customer_id, g_value_get_int64 (value), pspec);
      break;
    case PROP_INTERACTION_TYPE:
      crm_model_set_int (object, &self->interaction_type, g_value_get_enum (value), pspec);
      break;
    case PROP_NOTES:
      crm_model_set_string (object, &self->notes, g_value_get_string (value), pspec);
      break;
    case PROP_OCCURRED_AT:
      crm_model_set_datetime (object, &self->occurred_at, g_value_get_boxed (value), pspec);
      break;
    case PROP_CREATED_AT:
      crm_model_set_datetime (object, &self->created_at, g_value_get_boxed (value), pspec);
      break;
    case PROP_CUSTOMER_NAME:
      crm_model_set_string (object, &self->customer_name, g_value_get_string (value), pspec);
      break;
    case PROP_VERSION:
      crm_model_set_int64 (object, &self->version, g_value_get_int64 (value), pspec);
      break;
    case PROP_CHANGED_BY:
      crm_model_set_string (object, &self->changed_by, g_value_get_string (value), pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_interaction_class_init (CrmInteractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_interaction_finalize;
  object_class->get_property = crm_interaction_get_property;
  object_class->set_property = crm_interaction_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CUSTOMER_ID] = g_param_spec_int64 ("customer-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_INTERACTION_TYPE] = g_param_spec_enum ("interaction-type", NULL, NULL,
                                                         CRM_TYPE_INTERACTION_TYPE,
                                                         CRM_INTERACTION_TYPE_CALL, flags);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", flags);
  properties[PROP_OCCURRED_AT] = g_param_spec_boxed ("occurred-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_CREATED_AT] = g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_CUSTOMER_NAME] = g_param_spec_string ("customer-name", NULL, NULL, "", flags);
  /* Set by the repository; an object made by hand has version 0, which
   * an update takes as “overwrite whatever is stored”. */
  properties[PROP_VERSION] = g_param_spec_int64 ("version", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CHANGED_BY] = g_param_spec_string ("changed-by", NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_interaction_init (CrmInteraction *self)
{
  self->changed_by = g_strdup ("");
  self->notes = g_strdup ("");
  self->customer_name = g_strdup ("");
  self->interaction_type = CRM_INTERACTION_TYPE_CALL;
}

CrmInteraction *
crm_interaction_new (void)
{
  return g_object_new (CRM_TYPE_INTERACTION, NULL);
}

CrmInteraction *
crm_interaction_copy (CrmInteraction *self)
{
  g_return_val_if_fail (CRM_IS_INTERACTION (self), NULL);

  return g_object_new (CRM_TYPE_INTERACTION,
                       "id", self->id,
                       "customer-id", self->customer_id,
                       "interaction-type", self->interaction_type,
                       "notes", self->notes,
                       "occurred-at", self->occurred_at,
                       "created-at", self->created_at,
                       "customer-name", self->customer_name,
                       "version", self->version,
                       "changed-by", self->changed_by,
                       NULL);
}

gint64
crm_interaction_get_id (CrmInteraction *self)
{
  g_return_val_if_fail (CRM_IS_INTERACTION (self), 0);
  return self->id;
}

void
crm_interaction_set_id (CrmInteraction *self,
                        gint64          id)
{
  g_return_if_fail (CRM_IS_INTERACTION (self));
  crm_model_set_int64 (G_OBJECT (self), &self->id, id, properties[PROP_ID]);
}

gint64
crm_interaction_get_customer_id (CrmInteraction *self)
{
  g_return_val_if_fail (CRM_IS_INTERACTION (self), 0);
  return self->customer_id;
}

void
crm_interaction_set_customer_id (CrmInteraction *self,
                                 gint64          customer_id)
{
  g_return_if_fail (CRM_IS_INTERACTION (self));
  crm_model_set_int64 (G_OBJECT (self), &self->customer_id, customer_id,
                       properties[PROP_CUSTOMER_ID]);
}

CrmInteractionType
crm_interaction_get_interaction_type (CrmInteraction *self)
{
  g_return_val_if_fail (CRM_IS_INTERACTION (self), 0);
  return self->interaction_type;
}

void
crm_interaction_set_interaction_type (CrmInteraction     *self,
                                      CrmInteractionType  type)
{
  g_return_if_fail (CRM_IS_INTERACTION (self));
  crm_model_set_int (G_OBJECT (self), &self->interaction_type, type,
                     properties[PROP_INTERACTION_TYPE]);
}

const char *
crm_interaction_get_notes (CrmInteraction *self)
{
  g_return_val_if_fail (CRM_IS_INTERACTION (self), NULL);
  return self->notes;
}

void
crm_interaction_set_notes (CrmInteraction *self,
                           const char     *notes)
{
  g_return_if_fail (CRM_IS_INTERACTION (self));
  crm_model_set_string (G_OBJECT (self), &self->notes, notes, properties[PROP_NOTES]);
}

GDateTime *
crm_interaction_get_occurred_at (CrmInteraction *self)
{
  g_return_val_if_fail (CRM_IS_INTERACTION (self), NULL);
  return self->occurred_at;
}

void
crm_interaction_set_occurred_at (CrmInteraction *self,
                                 GDateTime      *occurred_at)
{
  g_return_if_fail (CRM_IS_INTERACTION (self));
  crm_model_set_datetime (G_OBJECT (self), &self->occurred_at, occurred_at,
                          properties[PROP_OCCURRED_AT]);
}

GDateTime *
crm_interaction_get_created_at (CrmInteraction *self)
{
  g_return_val_if_fail (CRM_IS_INTERACTION (self), NULL);
  return self->created_at;
}

void
crm_interaction_set_created_at (CrmInteraction *self,
                                GDateTime      *created_at)
{
  g_return_if_fail (CRM_IS_INTERACTION (self));
  crm_model_set_datetime (G_OBJECT (self), &self->created_at, created_at,
                          properties[PROP_CREATED_AT]);
}

const char *
crm_interaction_get_customer_name (CrmInteraction *self)
{
  g_return_val_if_fail (CRM_IS_INTERACTION (self), NULL);
  return self->customer_name;
}

void
crm_interaction_set_customer_name (CrmInteraction *self,
                                   const char     *name)
{
  g_return_if_fail (CRM_IS_INTERACTION (self));
  crm_model_set_string (G_OBJECT (self), &self->customer_name, name,
                        properties[PROP_CUSTOMER_NAME]);
}

gboolean
crm_interaction_validate_property (CrmInteraction  *self,
                                   const char      *property,
                                   GError         **error)
{
  g_return_val_if_fail (CRM_IS_INTERACTION (self), FALSE);

  if (g_str_equal (property, "customer-id") || g_str_equal (property, "customer_id"))
    return crm_validate_id (self->customer_id, _("Customer"), error);
  if (g_str_equal (property, "notes"))
    return crm_validate_text (self->notes, _("Notes"), error);
  return TRUE;
}

gboolean
crm_interaction_validate (CrmInteraction  *self,
                          GError         **error)
{
  return crm_interaction_validate_property (self, "customer-id", error)
         && crm_interaction_validate_property (self, "notes", error);
}

gint64
crm_interaction_get_version (CrmInteraction *self)
{
  g_return_val_if_fail (CRM_IS_INTERACTION (self), 0);
  return self->version;
}

void
crm_interaction_set_version (CrmInteraction *self,
                             gint64         version)
{
  g_return_if_fail (CRM_IS_INTERACTION (self));
  crm_model_set_int64 (G_OBJECT (self), &self->version, version, properties[PROP_VERSION]);
}

const char *
crm_interaction_get_changed_by (CrmInteraction *self)
{
  g_return_val_if_fail (CRM_IS_INTERACTION (self), NULL);
  return self->changed_by;
}

void
crm_interaction_set_changed_by (CrmInteraction *self,
                                const char     *changed_by)
{
  g_return_if_fail (CRM_IS_INTERACTION (self));
  crm_model_set_string (G_OBJECT (self), &self->changed_by, changed_by, properties[PROP_CHANGED_BY]);
}
