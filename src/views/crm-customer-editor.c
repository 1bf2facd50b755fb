/* crm-customer-editor.c: add or edit a customer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-busy-retry.h"
#include "crm-editors.h"
#include "crm-format.h"
#include "crm-window.h"

struct _CrmCustomerEditor
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkWidget *save_button;
  AdwEntryRow *name_row;
  AdwEntryRow *company_row;
  AdwEntryRow *email_row;
  AdwEntryRow *phone_row;
  AdwComboRow *status_row;
  AdwEntryRow *notes_row;
  GtkLabel *error_label;

  /* owned */
  CrmRepository *repository;
  CrmCustomer *original;   /* as loaded, for Undo; NULL when new */
  CrmCustomer *customer;   /* what the fields say */
  GHashTable *touched;     /* property names the user has edited */

  gboolean loading;
  CrmBusyRetry busy_retry;
};

G_DEFINE_FINAL_TYPE (CrmCustomerEditor, crm_customer_editor, ADW_TYPE_WINDOW)

static const char *text_properties[] = { "name", "company", "email", "phone", "notes" };

static AdwEntryRow *
row_for_property (CrmCustomerEditor *self,
                  const char        *property)
{
  if (g_str_equal (property, "name"))
    return self->name_row;
  if (g_str_equal (property, "company"))
    return self->company_row;
  if (g_str_equal (property, "email"))
    return self->email_row;
  if (g_str_equal (property, "phone"))
    return self->phone_row;
  return self->notes_row;
}

/* Shows the repository's message on each field the user has touched that
 * is invalid; Save waits until the whole customer is valid. */
static void
validate (CrmCustomerEditor *self)
{
  g_autoptr(GString) messages = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (text_properties); i++)
    {
      const char *property = text_properties[i];
      GtkWidget *row = GTK_WIDGET (row_for_property (self, property));
      g_autoptr(GError) error = NULL;

      if (g_hash_table_contains (self->touched, property)
          && !crm_customer_validate_property (self->customer, property, &error))
        {
          gtk_widget_add_css_class (row, "error");
          gtk_widget_set_tooltip_text (row, error->message);
          if (messages->len > 0)
            g_string_append_c (messages, '\n');
          g_string_append (messages, error->message);
        }
      else
        {
          gtk_widget_remove_css_class (row, "error");
          gtk_widget_set_tooltip_text (row, NULL);
        }
    }

  gtk_label_set_text (self->error_label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), messages->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 crm_customer_validate (self->customer, NULL));
}

static void
field_changed_cb (CrmCustomerEditor *self,
                  GtkEditable       *editable)
{
  const char *property;
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  property = g_object_get_data (G_OBJECT (editable), "crm-property");
  text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_object_set (self->customer, property, text, NULL);
  g_hash_table_add (self->touched, (gpointer)property);
  validate (self);
}

static void
status_changed_cb (CrmCustomerEditor *self,
                   GParamSpec        *pspec,
                   AdwComboRow       *row)
{
  if (self->loading)
    return;
  crm_customer_set_status (self->customer, adw_combo_row_get_selected (row));
  validate (self);
}

static void save_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter);

static void
save_again (GtkWidget *widget)
{
  save_action (widget, "editor.save", NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmCustomerEditor *self = CRM_CUSTOMER_EDITOR (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* Ctrl+Enter reaches here even while Save is disabled. */
  if (!crm_customer_validate (self->customer, &error))
    {
      for (guint i = 0; i < G_N_ELEMENTS (text_properties); i++)
        g_hash_table_add (self->touched, (gpointer)text_properties[i]);
      validate (self);
      return;
    }

  if (self->original == NULL)
    ok = crm_repository_add_customer (self->repository, self->customer, &error);
  else
    ok = crm_repository_update_customer (self->repository, self->customer, &error);
  if (!ok)
    {
      /* Another program's write lock: wait for it, responsive, up to the
       * busy timeout; the fields keep what the user typed either way. */
      if (crm_busy_retry_schedule (&self->busy_retry, widget, save_again, error))
        crm_busy_retry_show (self->error_label, NULL);
      else
        crm_busy_retry_show (self->error_label, error);
      return;
    }
  crm_busy_retry_clear (&self->busy_retry);

  if (CRM_IS_WINDOW (parent))
    {
      if (self->original != NULL)
        {
          g_autofree char *title = g_strdup_printf (_("Saved %s"), crm_customer_get_name (self->customer));

          crm_window_undo_update (CRM_WINDOW (parent), title, G_OBJECT (self->original));
        }
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
crm_customer_editor_dispose (GObject *object)
{
  CrmCustomerEditor *self = (CrmCustomerEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CUSTOMER_EDITOR);
  crm_busy_retry_clear (&self->busy_retry);
  g_clear_object (&self->repository);
  g_clear_object (&self->original);
  g_clear_object (&self->customer);
  g_clear_pointer (&self->touched, g_hash_table_unref);

  G_OBJECT_CLASS (crm_customer_editor_parent_class)->dispose (object);
}

static void
crm_customer_editor_class_init (CrmCustomerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_customer_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-customer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, company_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, error_label);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
crm_customer_editor_init (CrmCustomerEditor *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->touched = g_hash_table_new (g_str_hash, g_str_equal);
  for (int s = CRM_CUSTOMER_STATUS_LEAD; s <= CRM_CUSTOMER_STATUS_INACTIVE; s++)
    gtk_string_list_append (statuses, crm_customer_status_get_label (s));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));

  g_object_set_data (G_OBJECT (self->name_row), "crm-property", (gpointer)"name");
  g_object_set_data (G_OBJECT (self->company_row), "crm-property", (gpointer)"company");
  g_object_set_data (G_OBJECT (self->email_row), "crm-property", (gpointer)"email");
  g_object_set_data (G_OBJECT (self->phone_row), "crm-property", (gpointer)"phone");
  g_object_set_data (G_OBJECT (self->notes_row), "crm-property", (gpointer)"notes");
  for (guint i = 0; i < G_N_ELEMENTS (text_properties); i++)
    g_signal_connect_object (row_for_property (self, text_properties[i]), "changed",
                             G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_row, "notify::selected",
                           G_CALLBACK (status_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

CrmCustomerEditor *
crm_customer_editor_new (GtkWindow     *parent,
                         CrmRepository *repository,
                         CrmCustomer   *customer)
{
  CrmCustomerEditor *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (customer == NULL || CRM_IS_CUSTOMER (customer), NULL);

  self = g_object_new (CRM_TYPE_CUSTOMER_EDITOR, "transient-for", parent, NULL);
  self->repository = g_object_ref (repository);
  if (customer != NULL && crm_customer_get_id (customer) > 0)
    {
      self->original = crm_customer_copy (customer);
      self->customer = crm_customer_copy (customer);
      adw_window_title_set_title (self->window_title, _("Edit Customer"));
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Customer"));
    }
  else
    {
      self->customer = customer != NULL ? crm_customer_copy (customer) : crm_customer_new ();
      adw_window_title_set_title (self->window_title, _("New Customer"));
      gtk_window_set_title (GTK_WINDOW (self), _("New Customer"));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Add"));
    }

  self->loading = TRUE;
  set_row_text (self->name_row, crm_customer_get_name (self->customer));
  set_row_text (self->company_row, crm_customer_get_company (self->customer));
  set_row_text (self->email_row, crm_customer_get_email (self->customer));
  set_row_text (self->phone_row, crm_customer_get_phone (self->customer));
  /* An entry holds at most GTK_ENTRY_BUFFER_MAX_SIZE (65,535) characters:
   * a longer note (an import can bring one) would be cut short the moment
   * it was edited. Such a note is shown in part, read-only, and saved
   * back as it was. */
  if (g_utf8_strlen (crm_customer_get_notes (self->customer), -1) > GTK_ENTRY_BUFFER_MAX_SIZE)
    {
      g_autofree char *preview = crm_format_preview (crm_customer_get_notes (self->customer));

      set_row_text (self->notes_row, preview);
      gtk_editable_set_editable (GTK_EDITABLE (self->notes_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->notes_row),
                                     _("Notes (too long to edit here, kept as they are)"));
    }
  else
    set_row_text (self->notes_row, crm_customer_get_notes (self->customer));
  adw_combo_row_set_selected (self->status_row, crm_customer_get_status (self->customer));
  self->loading = FALSE;

  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}
