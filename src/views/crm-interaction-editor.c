/* crm-interaction-editor.c: log or edit a call, email, meeting or note
 *
 * occurred_at is chosen in local time (a calendar and hour:minute) and
 * stored in UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-editors.h"
#include "crm-format.h"

struct _CrmInteractionEditor
{
  CrmEditor parent_instance;

  /* template widgets */
  AdwWindowTitle *window_title;
  AdwComboRow *type_row;
  GtkMenuButton *date_button;
  GtkCalendar *calendar;
  GtkSpinButton *hour_spin;
  GtkSpinButton *minute_spin;
  GtkWidget *notes_frame;
  GtkTextView *notes_view;
  GtkLabel *error_label;

  gboolean loading;
  gboolean notes_touched;
};

G_DEFINE_FINAL_TYPE (CrmInteractionEditor, crm_interaction_editor, CRM_TYPE_EDITOR)

static CrmInteraction *
interaction (CrmInteractionEditor *self)
{
  return CRM_INTERACTION (crm_editor_get_record (CRM_EDITOR (self)));
}

static gboolean
crm_interaction_editor_validate (CrmEditor *editor,
                                 gboolean   all)
{
  CrmInteractionEditor *self = CRM_INTERACTION_EDITOR (editor);
  g_autoptr(GError) error = NULL;

  if (all)
    self->notes_touched = TRUE;
  if (self->notes_touched && !crm_interaction_validate_property (interaction (self), "notes", &error))
    {
      gtk_widget_add_css_class (self->notes_frame, "error");
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
  else
    {
      gtk_widget_remove_css_class (self->notes_frame, "error");
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
    }
  return crm_interaction_validate (interaction (self), NULL);
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
  crm_interaction_set_occurred_at (interaction (self), utc);
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
  crm_editor_validate (CRM_EDITOR (self));
}

static void
time_changed_cb (CrmInteractionEditor *self,
                 GtkSpinButton        *spin)
{
  if (self->loading)
    return;
  read_occurred_at (self);
  crm_editor_validate (CRM_EDITOR (self));
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
notes_changed_cb (CrmInteractionEditor *self)
{
  if (!self->loading)
    self->notes_touched = TRUE;
}

static void
type_changed_cb (CrmInteractionEditor *self,
                 GParamSpec           *pspec,
                 AdwComboRow          *row)
{
  if (self->loading)
    return;
  crm_interaction_set_interaction_type (interaction (self), adw_combo_row_get_selected (row));
  crm_editor_validate (CRM_EDITOR (self));
}

static void
crm_interaction_editor_load (CrmEditor *editor)
{
  CrmInteractionEditor *self = CRM_INTERACTION_EDITOR (editor);
  g_autoptr(GDateTime) local = g_date_time_to_local (crm_interaction_get_occurred_at (interaction (self)));
  g_autofree char *label = NULL;

  self->loading = TRUE;
  adw_combo_row_set_selected (self->type_row, crm_interaction_get_interaction_type (interaction (self)));
  gtk_calendar_select_day (self->calendar, local);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (local));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (local));
  crm_editor_bind_notes (editor, self->notes_view);
  self->loading = FALSE;

  label = crm_format_date (crm_interaction_get_occurred_at (interaction (self)));
  gtk_menu_button_set_label (self->date_button, label);
}

static void
crm_interaction_editor_dispose (GObject *object)
{
  CrmInteractionEditor *self = (CrmInteractionEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_INTERACTION_EDITOR);

  G_OBJECT_CLASS (crm_interaction_editor_parent_class)->dispose (object);
}

static void
crm_interaction_editor_class_init (CrmInteractionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_interaction_editor_dispose;
  CRM_EDITOR_CLASS (klass)->validate = crm_interaction_editor_validate;
  CRM_EDITOR_CLASS (klass)->load = crm_interaction_editor_load;

  crm_editor_class_set_template (CRM_EDITOR_CLASS (klass), RESOURCE_BASE "/crm-interaction-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, notes_frame);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, CrmInteractionEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_output_cb);
}

static void
crm_interaction_editor_init (CrmInteractionEditor *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (int t = CRM_INTERACTION_TYPE_CALL; t <= CRM_INTERACTION_TYPE_OTHER; t++)
    gtk_string_list_append (types, crm_interaction_type_get_label (t));
  adw_combo_row_set_model (self->type_row, G_LIST_MODEL (types));

  /* Before the base's handler, which validates. */
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->type_row, "notify::selected", G_CALLBACK (type_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

CrmInteractionEditor *
crm_interaction_editor_new (GtkWindow      *parent,
                            CrmRepository  *repository,
                            CrmUndoStack   *undo_stack,
                            CrmInteraction *original)
{
  CrmInteractionEditor *self;
  g_autoptr(CrmCustomer) customer = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (CRM_IS_INTERACTION (original), NULL);

  self = g_object_new (CRM_TYPE_INTERACTION_EDITOR, "transient-for", parent, NULL);
  crm_editor_setup (CRM_EDITOR (self), repository, undo_stack, G_OBJECT (original));
  gtk_window_set_title (GTK_WINDOW (self), crm_editor_is_new (CRM_EDITOR (self))
                                             ? _("New Interaction") : _("Edit Interaction"));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));

  customer = crm_repository_get_customer (repository, crm_interaction_get_customer_id (original), NULL);
  if (customer != NULL)
    adw_window_title_set_subtitle (self->window_title, crm_customer_get_name (customer));

  if (crm_interaction_get_occurred_at (interaction (self)) == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      crm_interaction_set_occurred_at (interaction (self), now);
    }
  crm_editor_load (CRM_EDITOR (self));
  crm_editor_validate (CRM_EDITOR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->notes_view));
  return self;
}
