/* crm-opportunity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-opportunity.h"
#include "crm-enum-types.h"
#include "crm-model-private.h"
#include "crm-validate.h"

struct _CrmOpportunity
{
  GObject parent_instance;

  gint64 id;
  /* The row's version when read (0: never read), and who wrote it
   * last: the store's guard against overwriting another's edit. */
  gint64 version;
  char *changed_by;
  gint64 customer_id;
  char *title;
  gint64 value;
  int stage;
  int probability;
  gint64 position;
  GDateTime *created_at;
  GDateTime *updated_at;

  /* Not stored: filled in by the repository for display. */
  char *customer_name;
};

G_DEFINE_FINAL_TYPE (CrmOpportunity, crm_opportunity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_TITLE,
  PROP_VALUE,
  PROP_STAGE,
  PROP_PROBABILITY,
  PROP_POSITION,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_CUSTOMER_NAME,
  PROP_VERSION,
  PROP_CHANGED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_opportunity_finalize (GObject *object)
{
  CrmOpportunity *self = (CrmOpportunity *)object;

  g_clear_pointer (&self->changed_by, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (crm_opportunity_parent_class)->finalize (object);
}

static void
crm_opportunity_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmOpportunity *self = CRM_OPPORTUNITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_VALUE:
      g_value_set_int64 (value, self->value);
      break;
    case PROP_STAGE:
      g_value_set_enum (value, self->stage);
      break;
    case PROP_PROBABILITY:
      g_value_set_int (value, self->probability);
      break;
    case PROP_POSITION:
      g_value_set_int64 (value, self->position);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
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
crm_opportunity_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrmOpportunity *self = CRM_OPPORTUNITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      crm_model_set_int64 (object, &self->id, g_value_get_int64 (value), pspec);
      break;
    case PROP_CUSTOMER_ID:
      crm_model_set_int64 (object, &self->customer_id, g_value_get_int64 (value), pspec);
      break;
    case PROP_TITLE:
      crm_model_set_string (object, &self->title, g_value_get_string (value), pspec);
      break;
    case PROP_VALUE:
      crm_model_set_int64 (object, &self->value, g_value_get_int64 (value), pspec);
      break;
    case PROP_STAGE:
      crm_model_set_int (object, &self->stage, g_value_get_enum (value), pspec);
      break;
    case PROP_PROBABILITY:
      crm_model_set_int (object, &self->probability, g_value_get_int (value), pspec);
      break;
    case PROP_POSITION:
      crm_model_set_int64 (object, &self->position, g_value_get_int64 (value), pspec);
      break;
    case PROP_CREATED_AT:
      crm_model_set_datetime (object, &self->created_at, g_value_get_boxed (value), pspec);
      break;
    case PROP_UPDATED_AT:
      crm_model_set_datetime (object, &self->updated_at, g_value_get_boxed (value), pspec);
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
crm_opportunity_class_init (CrmOpportunityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_opportunity_finalize;
  object_class->get_property = crm_opportunity_get_property;
  object_class->set_property = crm_opportunity_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CUSTOMER_ID] = g_param_spec_int64 ("customer-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", flags);
  /* Range checks are validation's job (with a message), not the pspec's. */
  properties[PROP_VALUE] = g_param_spec_int64 ("value", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_STAGE] = g_param_spec_enum ("stage", NULL, NULL, CRM_TYPE_STAGE,
                                              CRM_STAGE_LEAD, flags);
  properties[PROP_PROBABILITY] = g_param_spec_int ("probability", NULL, NULL, G_MININT, G_MAXINT,
                                                   10, flags);
  properties[PROP_POSITION] = g_param_spec_int64 ("position", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_AT] = g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_CUSTOMER_NAME] = g_param_spec_string ("customer-name", NULL, NULL, "", flags);
  /* Set by the repository; an object made by hand has version 0, which
   * an update takes as “overwrite whatever is stored”. */
  properties[PROP_VERSION] = g_param_spec_int64 ("version", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CHANGED_BY] = g_param_spec_string ("changed-by", NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_opportunity_init (CrmOpportunity *self)
{
  self->changed_by = g_strdup ("");
  self->title = g_strdup ("");
  self->customer_name = g_strdup ("");
  self->stage = CRM_STAGE_LEAD;
  self->probability = crm_stage_get_default_probability (CRM_STAGE_LEAD);
}

CrmOpportunity *
crm_opportunity_new (void)
{
  return g_object_new (CRM_TYPE_OPPORTUNITY, NULL);
}

CrmOpportunity *
crm_opportunity_copy (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return g_object_new (CRM_TYPE_OPPORTUNITY,
                       "id", self->id,
                       "customer-id", self->customer_id,
                       "title", self->title,
                       "value", self->value,
                       "stage", self->stage,
                       "probability", self->probability,
                       "position", self->position,
                       "created-at", self->created_at,
                       "updated-at", self->updated_at,
                       "customer-name", self->customer_name,
                       "version", self->version,
                       "changed-by", self->changed_by,
                       NULL);
}

#define DEFINE_INT64_ACCESSORS(field, PROP)                                    \
  gint64 crm_opportunity_get_##field (CrmOpportunity *self)                    \
  {                                                                            \
    g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), 0);                       \
    return self->field;                                                        \
  }                                                                            \
  void crm_opportunity_set_##field (CrmOpportunity *self, gint64 value)        \
  {                                                                            \
    g_return_if_fail (CRM_IS_OPPORTUNITY (self));                              \
    crm_model_set_int64 (G_OBJECT (self), &self->field, value, properties[PROP]); \
  }

DEFINE_INT64_ACCESSORS (id, PROP_ID)
DEFINE_INT64_ACCESSORS (customer_id, PROP_CUSTOMER_ID)
DEFINE_INT64_ACCESSORS (value, PROP_VALUE)
DEFINE_INT64_ACCESSORS (position, PROP_POSITION)

#undef DEFINE_INT64_ACCESSORS

const char *
crm_opportunity_get_title (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);
  return self->title;
}

void
crm_opportunity_set_title (CrmOpportunity *self,
                           const char     *title)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY (self));
  crm_model_set_string (G_OBJECT (self), &self->title, title, properties[PROP_TITLE]);
}

CrmStage
crm_opportunity_get_stage (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), 0);
  return self->stage;
}

void
crm_opportunity_set_stage (CrmOpportunity *self,
                           CrmStage        stage)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY (self));
  crm_model_set_int (G_OBJECT (self), &self->stage, stage, properties[PROP_STAGE]);
}

int
crm_opportunity_get_probability (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), 0);
  return self->probability;
}

void
crm_opportunity_set_probability (CrmOpportunity *self,
                                 int             probability)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY (self));
  crm_model_set_int (G_OBJECT (self), &self->probability, probability,
                     properties[PROP_PROBABILITY]);
}

GDateTime *
crm_opportunity_get_created_at (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);
  return self->created_at;
}

void
crm_opportunity_set_created_at (CrmOpportunity *self,
                                GDateTime      *created_at)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY (self));
  crm_model_set_datetime (G_OBJECT (self), &self->created_at, created_at,
                          properties[PROP_CREATED_AT]);
}

GDateTime *
crm_opportunity_get_updated_at (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);
  return self->updated_at;
}

void
crm_opportunity_set_updated_at (CrmOpportunity *self,
                                GDateTime      *updated_at)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY (self));
  crm_model_set_datetime (G_OBJECT (self), &self->updated_at, updated_at,
                          properties[PROP_UPDATED_AT]);
}

const char *
crm_opportunity_get_customer_name (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);
  return self->customer_name;
}

void
crm_opportunity_set_customer_name (CrmOpportunity *self,
                                   const char     *name)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY (self));
  crm_model_set_string (G_OBJECT (self), &self->customer_name, name,
                        properties[PROP_CUSTOMER_NAME]);
}

gboolean
crm_opportunity_validate_property (CrmOpportunity  *self,
                                   const char      *property,
                                   GError         **error)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), FALSE);

  if (g_str_equal (property, "title"))
    return crm_validate_required (self->title, _("Title"), error);
  if (g_str_equal (property, "customer-id") || g_str_equal (property, "customer_id"))
    return crm_validate_id (self->customer_id, _("Customer"), error);
  if (g_str_equal (property, "value") && self->value < 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID, _("Value must not be negative"));
      return FALSE;
    }
  if (g_str_equal (property, "probability") && (self->probability < 0 || self->probability > 100))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   _("Probability must be between 0 and 100, not %d"), self->probability);
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_opportunity_validate (CrmOpportunity  *self,
                          GError         **error)
{
  return crm_opportunity_validate_property (self, "customer-id", error)
         && crm_opportunity_validate_property (self, "title", error)
         && crm_opportunity_validate_property (self, "value", error)
         && crm_opportunity_validate_property (self, "probability", error);
}

gint64
crm_opportunity_get_version (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), 0);
  return self->version;
}

void
crm_opportunity_set_version (CrmOpportunity *self,
                             gint64         version)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY (self));
  crm_model_set_int64 (G_OBJECT (self), &self->version, version, properties[PROP_VERSION]);
}

const char *
crm_opportunity_get_changed_by (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);
  return self->changed_by;
}

void
crm_opportunity_set_changed_by (CrmOpportunity *self,
                                const char     *changed_by)
{
  g_return_if_fail (CRM_IS_OPPORTUNITY (self));
  crm_model_set_string (G_OBJECT (self), &self->changed_by, changed_by, properties[PROP_CHANGED_BY]);
}
