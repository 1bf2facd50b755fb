/* crm-customer-editor.c: add or edit a customer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-editors.h"

struct _CrmCustomerEditor
{
  CrmEditor parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  AdwEntryRow *name_row;
  AdwEntryRow *company_row;
  AdwEntryRow *email_row;
  AdwEntryRow *phone_row;
  AdwComboRow *status_row;
  GtkWidget *notes_frame;
  GtkTextView *notes_view;
  GtkLabel *error_label;

  /* owned */
  GHashTable *touched;     /* property names the user has edited */

  gboolean loading;
};

G_DEFINE_FINAL_TYPE (CrmCustomerEditor, crm_customer_editor, CRM_TYPE_EDITOR)

static const char *text_properties[] = { "name", "company", "email", "phone", "notes" };

static GtkWidget *
widget_for_property (CrmCustomerEditor *self,
                     const char        *property)
{
  if (g_str_equal (property, "name"))
    return GTK_WIDGET (self->name_row);
  if (g_str_equal (property, "company"))
    return GTK_WIDGET (self->company_row);
  if (g_str_equal (property, "email"))
    return GTK_WIDGET (self->email_row);
  if (g_str_equal (property, "phone"))
    return GTK_WIDGET (self->phone_row);
  return self->notes_frame;
}

static CrmCustomer *
customer (CrmCustomerEditor *self)
{
  return CRM_CUSTOMER (crm_editor_get_record (CRM_EDITOR (self)));
}

/* Shows the repository's message on each field the user has touched that
 * is invalid; Save waits until the whole customer is valid. */
static gboolean
crm_customer_editor_validate (CrmEditor *editor,
                              gboolean   all)
{
  CrmCustomerEditor *self = CRM_CUSTOMER_EDITOR (editor);
  g_autoptr(GString) messages = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (text_properties); i++)
    {
      const char *property = text_properties[i];
      GtkWidget *widget = widget_for_property (self, property);
      g_autoptr(GError) error = NULL;

      if (all)
        g_hash_table_add (self->touched, (gpointer)property);
      if (g_hash_table_contains (self->touched, property)
          && !crm_customer_validate_property (customer (self), property, &error))
        {
          gtk_widget_add_css_class (widget, "error");
          gtk_widget_set_tooltip_text (widget, error->message);
          if (messages->len > 0)
            g_string_append_c (messages, '\n');
          g_string_append (messages, error->message);
        }
      else
        {
          gtk_widget_remove_css_class (widget, "error");
          gtk_widget_set_tooltip_text (widget, NULL);
        }
    }

  gtk_label_set_text (self->error_label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), messages->len > 0);
  return crm_customer_validate (customer (self), NULL);
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
  g_object_set (customer (self), property, text, NULL);
  g_hash_table_add (self->touched, (gpointer)property);
  crm_editor_validate (CRM_EDITOR (self));
}

static void
notes_changed_cb (CrmCustomerEditor *self)
{
  if (!self->loading)
    g_hash_table_add (self->touched, (gpointer)"notes");
}

static void
status_changed_cb (CrmCustomerEditor *self,
                   GParamSpec        *pspec,
                   AdwComboRow       *row)
{
  if (self->loading)
    return;
  crm_customer_set_status (customer (self), adw_combo_row_get_selected (row));
  crm_editor_validate (CRM_EDITOR (self));
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static void
crm_customer_editor_load (CrmEditor *editor)
{
  CrmCustomerEditor *self = CRM_CUSTOMER_EDITOR (editor);

  self->loading = TRUE;
  set_row_text (self->name_row, crm_customer_get_name (customer (self)));
  set_row_text (self->company_row, crm_customer_get_company (customer (self)));
  set_row_text (self->email_row, crm_customer_get_email (customer (self)));
  set_row_text (self->phone_row, crm_customer_get_phone (customer (self)));
  crm_editor_bind_notes (editor, self->notes_view);
  adw_combo_row_set_selected (self->status_row, crm_customer_get_status (customer (self)));
  self->loading = FALSE;
}

static void
crm_customer_editor_dispose (GObject *object)
{
  CrmCustomerEditor *self = (CrmCustomerEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CUSTOMER_EDITOR);
  g_clear_pointer (&self->touched, g_hash_table_unref);

  G_OBJECT_CLASS (crm_customer_editor_parent_class)->dispose (object);
}

static void
crm_customer_editor_class_init (CrmCustomerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmEditorClass *editor_class = CRM_EDITOR_CLASS (klass);

  object_class->dispose = crm_customer_editor_dispose;
  editor_class->validate = crm_customer_editor_validate;
  editor_class->load = crm_customer_editor_load;

  crm_editor_class_set_template (CRM_EDITOR_CLASS (klass), RESOURCE_BASE "/crm-customer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, company_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, notes_frame);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerEditor, error_label);
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
  for (guint i = 0; i < G_N_ELEMENTS (text_properties) - 1; i++)
    g_signal_connect_object (widget_for_property (self, text_properties[i]), "changed",
                             G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_row, "notify::selected",
                           G_CALLBACK (status_changed_cb), self, G_CONNECT_SWAPPED);
  /* Before the base's handler, which validates. */
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
}

CrmCustomerEditor *
crm_customer_editor_new (GtkWindow     *parent,
                         CrmRepository *repository,
                         CrmUndoStack  *undo_stack,
                         CrmCustomer   *original)
{
  CrmCustomerEditor *self;
  g_autoptr(CrmCustomer) fresh = NULL;
  const char *title;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (original == NULL || CRM_IS_CUSTOMER (original), NULL);

  if (original == NULL)
    original = fresh = crm_customer_new ();
  self = g_object_new (CRM_TYPE_CUSTOMER_EDITOR, "transient-for", parent, NULL);
  crm_editor_setup (CRM_EDITOR (self), repository, undo_stack, G_OBJECT (original));
  title = crm_editor_is_new (CRM_EDITOR (self)) ? _("New Customer") : _("Edit Customer");
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  crm_editor_load (CRM_EDITOR (self));

  crm_editor_validate (CRM_EDITOR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}
