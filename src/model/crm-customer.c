/* crm-customer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-customer.h"
#include "crm-enum-types.h"
#include "crm-model-private.h"
#include "crm-validate.h"

struct _CrmCustomer
{
  GObject parent_instance;

  gint64 id;
  /* The row's version when read (0: never read), and who wrote it
   * last: the store's guard against overwriting another's edit. */
  gint64 version;
  char *changed_by;
  char *name;
  char *company;
  char *email;
  char *phone;
  int status;
  char *notes;
  GDateTime *created_at;
  GDateTime *updated_at;
};

G_DEFINE_FINAL_TYPE (CrmCustomer, crm_customer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COMPANY,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_STATUS,
  PROP_NOTES,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_VERSION,
  PROP_CHANGED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_customer_finalize (GObject *object)
{
  CrmCustomer *self = (CrmCustomer *)object;

  g_clear_pointer (&self->changed_by, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (crm_customer_parent_class)->finalize (object);
}

static void
crm_customer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CrmCustomer *self = CRM_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COMPANY:
      g_value_set_string (value, self->company);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
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
crm_customer_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CrmCustomer *self = CRM_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_ID:
      crm_model_set_int64 (object, &self->id, g_value_get_int64 (value), pspec);
      break;
    case PROP_NAME:
      crm_model_set_string (object, &self->name, g_value_get_string (value), pspec);
      break;
    case PROP_COMPANY:
      crm_model_set_string (object, &self->company, g_value_get_string (value), pspec);
      break;
    case PROP_EMAIL:
      crm_model_set_string (object, &self->email, g_value_get_string (value), pspec);
      break;
    case PROP_PHONE:
      crm_model_set_string (object, &self->phone, g_value_get_string (value), pspec);
      break;
    case PROP_STATUS:
      crm_model_set_int (object, &self->status, g_value_get_enum (value), pspec);
      break;
    case PROP_NOTES:
      crm_model_set_string (object, &self->notes, g_value_get_string (value), pspec);
      break;
    case PROP_CREATED_AT:
      crm_model_set_datetime (object, &self->created_at, g_value_get_boxed (value), pspec);
      break;
    case PROP_UPDATED_AT:
      crm_model_set_datetime (object, &self->updated_at, g_value_get_boxed (value), pspec);
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
crm_customer_class_init (CrmCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = crm_customer_finalize;
  object_class->get_property = crm_customer_get_property;
  object_class->set_property = crm_customer_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_COMPANY] = g_param_spec_string ("company", NULL, NULL, "", flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, "", flags);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, "", flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, CRM_TYPE_CUSTOMER_STATUS,
                                               CRM_CUSTOMER_STATUS_ACTIVE, flags);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", flags);
  properties[PROP_CREATED_AT] = g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /* Set by the repository; an object made by hand has version 0, which
   * an update takes as “overwrite whatever is stored”. */
  properties[PROP_VERSION] = g_param_spec_int64 ("version", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CHANGED_BY] = g_param_spec_string ("changed-by", NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_customer_init (CrmCustomer *self)
{
  self->changed_by = g_strdup ("");
  self->name = g_strdup ("");
  self->company = g_strdup ("");
  self->email = g_strdup ("");
  self->phone = g_strdup ("");
  self->notes = g_strdup ("");
  self->status = CRM_CUSTOMER_STATUS_ACTIVE;
}

CrmCustomer *
crm_customer_new (void)
{
  return g_object_new (CRM_TYPE_CUSTOMER, NULL);
}

CrmCustomer *
crm_customer_copy (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return g_object_new (CRM_TYPE_CUSTOMER,
                       "id", self->id,
                       "name", self->name,
                       "company", self->company,
                       "email", self->email,
                       "phone", self->phone,
                       "status", self->status,
                       "notes", self->notes,
                       "created-at", self->created_at,
                       "updated-at", self->updated_at,
                       "version", self->version,
                       "changed-by", self->changed_by,
                       NULL);
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                                   \
  const char *crm_customer_get_##field (CrmCustomer *self)                     \
  {                                                                            \
    g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);                       \
    return self->field;                                                        \
  }                                                                            \
  void crm_customer_set_##field (CrmCustomer *self, const char *value)         \
  {                                                                            \
    g_return_if_fail (CRM_IS_CUSTOMER (self));                                 \
    crm_model_set_string (G_OBJECT (self), &self->field, value, properties[PROP]); \
  }

DEFINE_STRING_ACCESSORS (name, PROP_NAME)
DEFINE_STRING_ACCESSORS (company, PROP_COMPANY)
DEFINE_STRING_ACCESSORS (email, PROP_EMAIL)
DEFINE_STRING_ACCESSORS (phone, PROP_PHONE)
DEFINE_STRING_ACCESSORS (notes, PROP_NOTES)

#undef DEFINE_STRING_ACCESSORS

gint64
crm_customer_get_id (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), 0);
  return self->id;
}

void
crm_customer_set_id (CrmCustomer *self,
                     gint64       id)
{
  g_return_if_fail (CRM_IS_CUSTOMER (self));
  crm_model_set_int64 (G_OBJECT (self), &self->id, id, properties[PROP_ID]);
}

CrmCustomerStatus
crm_customer_get_status (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), 0);
  return self->status;
}

void
crm_customer_set_status (CrmCustomer       *self,
                         CrmCustomerStatus  status)
{
  g_return_if_fail (CRM_IS_CUSTOMER (self));
  crm_model_set_int (G_OBJECT (self), &self->status, status, properties[PROP_STATUS]);
}

GDateTime *
crm_customer_get_created_at (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);
  return self->created_at;
}

void
crm_customer_set_created_at (CrmCustomer *self,
                             GDateTime   *created_at)
{
  g_return_if_fail (CRM_IS_CUSTOMER (self));
  crm_model_set_datetime (G_OBJECT (self), &self->created_at, created_at,
                          properties[PROP_CREATED_AT]);
}

GDateTime *
crm_customer_get_updated_at (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);
  return self->updated_at;
}

void
crm_customer_set_updated_at (CrmCustomer *self,
                             GDateTime   *updated_at)
{
  g_return_if_fail (CRM_IS_CUSTOMER (self));
  crm_model_set_datetime (G_OBJECT (self), &self->updated_at, updated_at,
                          properties[PROP_UPDATED_AT]);
}

/**
 * crm_customer_validate_property:
 * @property: a property name, such as "email"
 *
 * Checks one field, so an editor can mark just that field. Properties
 * without a rule are always valid.
 */
gboolean
crm_customer_validate_property (CrmCustomer  *self,
                                const char   *property,
                                GError      **error)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), FALSE);

  if (g_str_equal (property, "name"))
    return crm_validate_required (self->name, _("Name"), error);
  if (g_str_equal (property, "email"))
    return crm_validate_email (self->email, error);
  if (g_str_equal (property, "company"))
    return crm_validate_text (self->company, _("Company"), error);
  if (g_str_equal (property, "phone"))
    return crm_validate_text (self->phone, _("Phone"), error);
  if (g_str_equal (property, "notes"))
    return crm_validate_text (self->notes, _("Notes"), error);
  return TRUE;
}

gboolean
crm_customer_validate (CrmCustomer  *self,
                       GError      **error)
{
  return crm_customer_validate_property (self, "name", error)
         && crm_customer_validate_property (self, "company", error)
         && crm_customer_validate_property (self, "email", error)
         && crm_customer_validate_property (self, "phone", error)
         && crm_customer_validate_property (self, "notes", error);
}

gint64
crm_customer_get_version (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), 0);
  return self->version;
}

void
crm_customer_set_version (CrmCustomer *self,
                          gint64      version)
{
  g_return_if_fail (CRM_IS_CUSTOMER (self));
  crm_model_set_int64 (G_OBJECT (self), &self->version, version, properties[PROP_VERSION]);
}

const char *
crm_customer_get_changed_by (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);
  return self->changed_by;
}

void
crm_customer_set_changed_by (CrmCustomer *self,
                             const char  *changed_by)
{
  g_return_if_fail (CRM_IS_CUSTOMER (self));
  crm_model_set_string (G_OBJECT (self), &self->changed_by, changed_by, properties[PROP_CHANGED_BY]);
}
