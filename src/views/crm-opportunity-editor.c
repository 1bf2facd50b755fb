/* crm-opportunity-editor.c: add or edit a sales opportunity
 *
 * The value is typed as money the locale's way (its decimal mark) and
 * stored in minor units. Changing the stage proposes that stage's usual
 * probability until the user sets one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-editors.h"
#include "crm-currency.h"
#include "crm-format.h"

struct _CrmOpportunityEditor
{
  CrmEditor parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  AdwEntryRow *title_row;
  AdwEntryRow *value_row;
  GtkLabel *currency_label;
  AdwComboRow *stage_row;
  GtkSpinButton *probability_spin;
  GtkLabel *error_label;

  gboolean loading;
  gboolean title_touched;
  gboolean value_touched;
  gboolean value_valid;
  gboolean probability_touched;
};

G_DEFINE_FINAL_TYPE (CrmOpportunityEditor, crm_opportunity_editor, CRM_TYPE_EDITOR)

static CrmOpportunity *
opportunity (CrmOpportunityEditor *self)
{
  return CRM_OPPORTUNITY (crm_editor_get_record (CRM_EDITOR (self)));
}

static gboolean
check_row (GtkWidget  *row,
           gboolean    show,
           gboolean    ok,
           const char *message,
           GString    *messages)
{
  if (show && !ok)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      g_string_append (messages, message);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
    }
  return ok;
}

static gboolean
crm_opportunity_editor_validate (CrmEditor *editor,
                                 gboolean   all)
{
  CrmOpportunityEditor *self = CRM_OPPORTUNITY_EDITOR (editor);
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GError) title_error = NULL;
  g_autoptr(GError) value_error = NULL;
  gboolean title_ok, value_ok;

  if (all)
    self->title_touched = self->value_touched = TRUE;
  title_ok = crm_opportunity_validate_property (opportunity (self), "title", &title_error);
  check_row (GTK_WIDGET (self->title_row), self->title_touched, title_ok,
             title_error != NULL ? title_error->message : NULL, messages);

  if (!self->value_valid)
    value_ok = check_row (GTK_WIDGET (self->value_row), self->value_touched, FALSE,
                          /* Translators: shown under a value that is not an amount */
                          _("Value must be an amount of money, such as 1500 or 1500.50"), messages);
  else
    {
      value_ok = crm_opportunity_validate_property (opportunity (self), "value", &value_error);
      check_row (GTK_WIDGET (self->value_row), self->value_touched, value_ok,
                 value_error != NULL ? value_error->message : NULL, messages);
    }

  gtk_label_set_text (self->error_label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), messages->len > 0);
  return title_ok && value_ok && crm_opportunity_validate (opportunity (self), NULL);
}

static void
title_changed_cb (CrmOpportunityEditor *self,
                  GtkEditable          *editable)
{
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  crm_opportunity_set_title (opportunity (self), text);
  self->title_touched = TRUE;
  crm_editor_validate (CRM_EDITOR (self));
}

static void
value_changed_cb (CrmOpportunityEditor *self,
                  GtkEditable          *editable)
{
  const char *text;
  gint64 minor = 0;

  if (self->loading)
    return;
  text = gtk_editable_get_text (editable);
  self->value_touched = TRUE;
  /* An empty value is no value: 0. */
  if (*text == '\0')
    self->value_valid = TRUE;
  else
    self->value_valid = crm_format_parse_money (text, &minor);
  if (self->value_valid)
    crm_opportunity_set_value (opportunity (self), minor);
  crm_editor_validate (CRM_EDITOR (self));
}

static void
stage_changed_cb (CrmOpportunityEditor *self,
                  GParamSpec           *pspec,
                  AdwComboRow          *row)
{
  CrmStage stage = adw_combo_row_get_selected (row);

  if (self->loading)
    return;
  crm_opportunity_set_stage (opportunity (self), stage);
  if (!self->probability_touched)
    {
      self->loading = TRUE;
      gtk_spin_button_set_value (self->probability_spin, crm_stage_get_default_probability (stage));
      crm_opportunity_set_probability (opportunity (self), crm_stage_get_default_probability (stage));
      self->loading = FALSE;
    }
  crm_editor_validate (CRM_EDITOR (self));
}

static void
probability_changed_cb (CrmOpportunityEditor *self,
                        GtkSpinButton        *spin)
{
  if (self->loading)
    return;
  self->probability_touched = TRUE;
  crm_opportunity_set_probability (opportunity (self), gtk_spin_button_get_value_as_int (spin));
  crm_editor_validate (CRM_EDITOR (self));
}

static void
crm_opportunity_editor_load (CrmEditor *editor)
{
  CrmOpportunityEditor *self = CRM_OPPORTUNITY_EDITOR (editor);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         crm_opportunity_get_title (opportunity (self)) != NULL
                           ? crm_opportunity_get_title (opportunity (self)) : "");
  /* A new opportunity's value starts empty, not “0.00”. */
  if (!crm_editor_is_new (editor) || crm_opportunity_get_value (opportunity (self)) != 0)
    {
      g_autofree char *value = crm_format_money_for_editing (crm_opportunity_get_value (opportunity (self)));
      gtk_editable_set_text (GTK_EDITABLE (self->value_row), value);
    }
  adw_combo_row_set_selected (self->stage_row, crm_opportunity_get_stage (opportunity (self)));
  gtk_spin_button_set_value (self->probability_spin, crm_opportunity_get_probability (opportunity (self)));
  self->value_valid = TRUE;
  self->loading = FALSE;
}

static void
crm_opportunity_editor_dispose (GObject *object)
{
  CrmOpportunityEditor *self = (CrmOpportunityEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_OPPORTUNITY_EDITOR);

  G_OBJECT_CLASS (crm_opportunity_editor_parent_class)->dispose (object);
}

static void
crm_opportunity_editor_class_init (CrmOpportunityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_opportunity_editor_dispose;
  CRM_EDITOR_CLASS (klass)->validate = crm_opportunity_editor_validate;
  CRM_EDITOR_CLASS (klass)->load = crm_opportunity_editor_load;

  crm_editor_class_set_template (CRM_EDITOR_CLASS (klass), RESOURCE_BASE "/crm-opportunity-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, value_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, currency_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, probability_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, probability_changed_cb);
}

/* The code shown beside the amount: the chosen one, else the locale's. */
static gboolean
currency_code_cb (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_string (to, crm_format_get_currency ());
  return TRUE;
}

static void
crm_opportunity_editor_init (CrmOpportunityEditor *self)
{
  g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (int s = 0; s < CRM_N_STAGES; s++)
    gtk_string_list_append (stages, crm_stage_get_label (s));
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (stages));
  g_object_bind_property_full (crm_currency_get_default (), "chosen", self->currency_label, "label",
                               G_BINDING_SYNC_CREATE, currency_code_cb, NULL, NULL, NULL);
  self->value_valid = TRUE;

  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (title_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->value_row, "changed", G_CALLBACK (value_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stage_row, "notify::selected", G_CALLBACK (stage_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

CrmOpportunityEditor *
crm_opportunity_editor_new (GtkWindow      *parent,
                            CrmRepository  *repository,
                            CrmUndoStack   *undo_stack,
                            CrmOpportunity *original)
{
  CrmOpportunityEditor *self;
  g_autoptr(CrmCustomer) customer = NULL;
  gboolean is_new;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (original), NULL);

  self = g_object_new (CRM_TYPE_OPPORTUNITY_EDITOR, "transient-for", parent, NULL);
  crm_editor_setup (CRM_EDITOR (self), repository, undo_stack, G_OBJECT (original));
  is_new = crm_editor_is_new (CRM_EDITOR (self));
  if (is_new)
    crm_opportunity_set_probability (opportunity (self),
                                     crm_stage_get_default_probability (crm_opportunity_get_stage (original)));
  else
    self->probability_touched = TRUE;
  gtk_window_set_title (GTK_WINDOW (self), is_new ? _("New Opportunity") : _("Edit Opportunity"));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));

  customer = crm_repository_get_customer (repository, crm_opportunity_get_customer_id (original), NULL);
  if (customer != NULL)
    adw_window_title_set_subtitle (self->window_title, crm_customer_get_name (customer));

  crm_editor_load (CRM_EDITOR (self));

  crm_editor_validate (CRM_EDITOR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return self;
}
