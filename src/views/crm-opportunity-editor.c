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

#include "crm-busy-retry.h"
#include "crm-editors.h"
#include "crm-currency.h"
#include "crm-format.h"
#include "crm-window.h"

struct _CrmOpportunityEditor
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkWidget *save_button;
  AdwEntryRow *title_row;
  AdwEntryRow *value_row;
  GtkLabel *currency_label;
  AdwComboRow *stage_row;
  GtkSpinButton *probability_spin;
  GtkLabel *error_label;

  /* owned */
  CrmRepository *repository;
  CrmOpportunity *original;     /* NULL when new */
  CrmOpportunity *opportunity;

  gboolean loading;
  CrmBusyRetry busy_retry;
  gboolean title_touched;
  gboolean value_touched;
  gboolean value_valid;
  gboolean probability_touched;
};

G_DEFINE_FINAL_TYPE (CrmOpportunityEditor, crm_opportunity_editor, ADW_TYPE_WINDOW)

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

static void
validate (CrmOpportunityEditor *self)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GError) title_error = NULL;
  g_autoptr(GError) value_error = NULL;
  gboolean title_ok, value_ok;

  title_ok = crm_opportunity_validate_property (self->opportunity, "title", &title_error);
  check_row (GTK_WIDGET (self->title_row), self->title_touched, title_ok,
             title_error != NULL ? title_error->message : NULL, messages);

  if (!self->value_valid)
    value_ok = check_row (GTK_WIDGET (self->value_row), self->value_touched, FALSE,
                          /* Translators: shown under a value that is not an amount */
                          _("Value must be an amount of money, such as 1500 or 1500.50"), messages);
  else
    {
      value_ok = crm_opportunity_validate_property (self->opportunity, "value", &value_error);
      check_row (GTK_WIDGET (self->value_row), self->value_touched, value_ok,
                 value_error != NULL ? value_error->message : NULL, messages);
    }

  gtk_label_set_text (self->error_label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), messages->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 title_ok && value_ok && crm_opportunity_validate (self->opportunity, NULL));
}

static void
title_changed_cb (CrmOpportunityEditor *self,
                  GtkEditable          *editable)
{
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  crm_opportunity_set_title (self->opportunity, text);
  self->title_touched = TRUE;
  validate (self);
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
    crm_opportunity_set_value (self->opportunity, minor);
  validate (self);
}

static void
stage_changed_cb (CrmOpportunityEditor *self,
                  GParamSpec           *pspec,
                  AdwComboRow          *row)
{
  CrmStage stage = adw_combo_row_get_selected (row);

  if (self->loading)
    return;
  crm_opportunity_set_stage (self->opportunity, stage);
  if (!self->probability_touched)
    {
      self->loading = TRUE;
      gtk_spin_button_set_value (self->probability_spin, crm_stage_get_default_probability (stage));
      crm_opportunity_set_probability (self->opportunity, crm_stage_get_default_probability (stage));
      self->loading = FALSE;
    }
  validate (self);
}

static void
probability_changed_cb (CrmOpportunityEditor *self,
                        GtkSpinButton        *spin)
{
  if (self->loading)
    return;
  self->probability_touched = TRUE;
  crm_opportunity_set_probability (self->opportunity, gtk_spin_button_get_value_as_int (spin));
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
  CrmOpportunityEditor *self = CRM_OPPORTUNITY_EDITOR (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!self->value_valid || !crm_opportunity_validate (self->opportunity, &error))
    {
      self->title_touched = self->value_touched = TRUE;
      validate (self);
      return;
    }

  if (self->original == NULL)
    ok = crm_repository_add_opportunity (self->repository, self->opportunity, &error);
  else
    ok = crm_repository_update_opportunity (self->repository, self->opportunity, &error);
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

  if (self->original != NULL && CRM_IS_WINDOW (parent))
    {
      g_autofree char *title = g_strdup_printf (_("Saved %s"), crm_opportunity_get_title (self->opportunity));

      crm_window_undo_update (CRM_WINDOW (parent), title, G_OBJECT (self->original));
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
crm_opportunity_editor_dispose (GObject *object)
{
  CrmOpportunityEditor *self = (CrmOpportunityEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_OPPORTUNITY_EDITOR);
  crm_busy_retry_clear (&self->busy_retry);
  g_clear_object (&self->repository);
  g_clear_object (&self->original);
  g_clear_object (&self->opportunity);

  G_OBJECT_CLASS (crm_opportunity_editor_parent_class)->dispose (object);
}

static void
crm_opportunity_editor_class_init (CrmOpportunityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_opportunity_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-opportunity-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, value_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, currency_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, probability_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmOpportunityEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, probability_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.save", NULL);
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
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

CrmOpportunityEditor *
crm_opportunity_editor_new (GtkWindow      *parent,
                            CrmRepository  *repository,
                            CrmOpportunity *opportunity)
{
  CrmOpportunityEditor *self;
  g_autoptr(CrmCustomer) customer = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (opportunity), NULL);

  self = g_object_new (CRM_TYPE_OPPORTUNITY_EDITOR, "transient-for", parent, NULL);
  self->repository = g_object_ref (repository);
  self->opportunity = crm_opportunity_copy (opportunity);
  if (crm_opportunity_get_id (opportunity) > 0)
    {
      self->original = crm_opportunity_copy (opportunity);
      self->probability_touched = TRUE;
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Opportunity"));
    }
  else
    {
      crm_opportunity_set_probability (self->opportunity,
                                       crm_stage_get_default_probability (crm_opportunity_get_stage (opportunity)));
      gtk_window_set_title (GTK_WINDOW (self), _("New Opportunity"));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Add"));
    }
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));

  customer = crm_repository_get_customer (repository, crm_opportunity_get_customer_id (opportunity), NULL);
  if (customer != NULL)
    adw_window_title_set_subtitle (self->window_title, crm_customer_get_name (customer));

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                         crm_opportunity_get_title (self->opportunity) != NULL
                           ? crm_opportunity_get_title (self->opportunity) : "");
  if (self->original != NULL || crm_opportunity_get_value (self->opportunity) != 0)
    {
      g_autofree char *value = crm_format_money_for_editing (crm_opportunity_get_value (self->opportunity));
      gtk_editable_set_text (GTK_EDITABLE (self->value_row), value);
    }
  adw_combo_row_set_selected (self->stage_row, crm_opportunity_get_stage (self->opportunity));
  gtk_spin_button_set_value (self->probability_spin, crm_opportunity_get_probability (self->opportunity));
  self->loading = FALSE;

  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  return self;
}
