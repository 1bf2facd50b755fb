/* crm-interaction-editor.c: log or edit a call, email, meeting or note
 *
 * occurred_at is chosen in local time (a calendar and hour:minute) and
 * stored in UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-busy-retry.h"
#include "crm-editors.h"
#include "crm-format.h"
#include "crm-window.h"

struct _CrmInteractionEditor
{
  AdwWindow parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  GtkWidget *save_button;
  AdwComboRow *type_row;
  GtkMenuButton *date_button;
  GtkCalendar *calendar;
  GtkSpinButton *hour_spin;
  GtkSpinButton *minute_spin;
  AdwEntryRow *notes_row;
  GtkLabel *error_label;

  /* owned */
  CrmRepository *repository;
  CrmInteraction *original;     /* NULL when new */
  CrmInteraction *interaction;

  gboolean loading;
  CrmBusyRetry busy_retry;
  gboolean notes_touched;
};

G_DEFINE_FINAL_TYPE (CrmInteractionEditor, crm_interaction_editor, ADW_TYPE_WINDOW)

static void
validate (CrmInteractionEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->notes_touched && !crm_interaction_validate_property (self->interaction, "notes", &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->notes_row), "error");
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->notes_row), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 crm_interaction_validate (self->interaction, NULL));
}

/* The calendar and spin buttons, read as local time, into occurred_at. */
static void
read_occurred_at (CrmInteractionEditor *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *label = NULL;

  local = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                 g_date_time_get_day_of_month (day),
                                 gtk_spin_button_get_value_as_int (self->hour_spin),
                                 gtk_spin_button_get_value_as_int (self->minute_spin), 0);
  if (local == NULL)
    return;
  utc = g_date_time_to_utc (local);
  crm_interaction_set_occurred_at (self->interaction, utc);
  label = crm_format_date (utc);
  gtk_menu_button_set_label (self->date_button, label);
}

static void
day_selected_cb (CrmInteractionEditor *self,
                 GtkCalendar          *calendar)
{
  if (self->loading)
    return;
  read_occurred_at (self);
  gtk_menu_button_popdown (self->date_button);
  validate (self);
}

static void
time_changed_cb (CrmInteractionEditor *self,
                 GtkSpinButton        *spin)
{
  if (self->loading)
    return;
  read_occurred_at (self);
  validate (self);
}

/* Two digits, as a clock shows them. */
static gboolean
spin_output_cb (GtkSpinButton *spin,
                gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (!g_str_equal (text, gtk_editable_get_text (GTK_EDITABLE (spin))))
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
notes_changed_cb (CrmInteractionEditor *self,
                  GtkEditable          *editable)
{
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  crm_interaction_set_notes (self->interaction, text);
  self->notes_touched = TRUE;
  validate (self);
}

static void
type_changed_cb (CrmInteractionEditor *self,
                 GParamSpec           *pspec,
                 AdwComboRow          *row)
{
  if (self->loading)
    return;
  crm_interaction_set_interaction_type (self->interaction, adw_combo_row_get_selected (row));
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
  CrmInteractionEditor *self = CRM_INTERACTION_EDITOR (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!crm_interaction_validate (self->interaction, &error))
    {
      self->notes_touched = TRUE;
      validate (self);
      return;
    }

  if (self->original == NULL)
    ok = crm_repository_add_interaction (self->repository, self->interaction, &error);
  else
    ok = crm_repository_update_interaction (self->repository, self->interaction, &error);
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
    crm_window_undo_update (CRM_WINDOW (parent), _("Interaction saved"), G_OBJECT (self->original));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
crm_interaction_editor_dispose (GObject *object)
{
  CrmInteractionEditor *self = (CrmInteractionEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_INTERACTION_EDITOR);
  crm_busy_retry_clear (&self->busy_retry);
  g_clear_object (&self->repository);
  g_clear_object (&self->original);
  g_clear_object (&self->interaction);

  G_OBJECT_CLASS (crm_interaction_editor_parent_class)->dispose (object);
}

static void
crm_interaction_editor_class_init (CrmInteractionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_interaction_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/crm-interaction-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_output_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
crm_interaction_editor_init (CrmInteractionEditor *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (int t = CRM_INTERACTION_TYPE_CALL; t <= CRM_INTERACTION_TYPE_OTHER; t++)
    gtk_string_list_append (types, crm_interaction_type_get_label (t));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));

  g_signal_connect_object (self->notes_row, "changed", G_CALLBACK (notes_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->type_row, "notify::selected", G_CALLBACK (type_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
}

CrmInteractionEditor *
crm_interaction_editor_new (GtkWindow      *parent,
                            CrmRepository  *repository,
                            CrmInteraction *interaction)
{
  CrmInteractionEditor *self;
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CRM_IS_INTERACTION (interaction), NULL);

  self = g_object_new (CRM_TYPE_INTERACTION_EDITOR, "transient-for", parent, NULL);
  self->repository = g_object_ref (repository);
  self->interaction = crm_interaction_copy (interaction);
  if (crm_interaction_get_id (interaction) > 0)
    {
      self->original = crm_interaction_copy (interaction);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Interaction"));
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Interaction"));
      gtk_button_set_label (GTK_BUTTON (self->save_button), _("_Add"));
    }
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));

  customer = crm_repository_get_customer (repository, crm_interaction_get_customer_id (interaction), NULL);
  if (customer != NULL)
    adw_window_title_set_subtitle (self->window_title, crm_customer_get_name (customer));

  if (crm_interaction_get_occurred_at (self->interaction) == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      crm_interaction_set_occurred_at (self->interaction, now);
    }
  local = g_date_time_to_local (crm_interaction_get_occurred_at (self->interaction));

  self->loading = TRUE;
  adw_combo_row_set_selected (self->type_row, crm_interaction_get_interaction_type (self->interaction));
  gtk_calendar_select_day (self->calendar, local);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (local));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (local));
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row),
                         crm_interaction_get_notes (self->interaction) != NULL
                           ? crm_interaction_get_notes (self->interaction) : "");
  self->loading = FALSE;

  {
    g_autofree char *label = crm_format_date (crm_interaction_get_occurred_at (self->interaction));
    gtk_menu_button_set_label (self->date_button, label);
  }
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->notes_row));
  return self;
}
