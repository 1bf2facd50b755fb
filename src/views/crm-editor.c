/* crm-editor.c: what the customer, interaction and opportunity editors share
 *
 * An editor is a modal window over a copy of one record. The base keeps
 * the repository, the record as loaded (for Undo) and the copy the fields
 * write to; it saves (add when the record is new, update otherwise),
 * waits out another program's write lock (crm-busy-retry.c), deletes, and
 * records each of these as one step of the undo history it was given. It
 * announces what it did with ::saved and ::deleted; it never knows the
 * window.
 *
 * A save or delete that finds the record changed since the editor read it
 * (CRM_ERROR_CONFLICT: another window, program or person) writes nothing;
 * the editor keeps what the user typed, says who changed it, and offers
 * Reload, which reads the record again and shows it as it is now: only
 * then is the typed text gone. A save after that writes over the version
 * the user has seen.
 *
 * Keys: Escape cancels, Ctrl+Enter saves, also from the notes, where
 * Enter starts a new line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-busy-retry.h"
#include "crm-error.h"
#include "crm-editor.h"
#include "crm-format.h"

/* Characters of notes the editor lets the user edit: as much as the
 * entries held before, far more than a note is. */
#define CRM_EDITOR_NOTES_MAX_EDIT 65535

typedef struct
{
  /* owned */
  CrmRepository *repository;
  CrmUndoStack *undo_stack;     /* NULL: no history (a test's bare editor) */
  GObject *original;            /* as loaded; NULL when new */
  GObject *record;              /* what the fields say */

  CrmBusyRetry busy_retry;
} CrmEditorPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CrmEditor, crm_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
template_child (CrmEditor  *self,
                const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), G_OBJECT_TYPE (self), name));
}

static GObject *
copy_record (GObject *record)
{
  if (CRM_IS_CUSTOMER (record))
    return G_OBJECT (crm_customer_copy (CRM_CUSTOMER (record)));
  if (CRM_IS_INTERACTION (record))
    return G_OBJECT (crm_interaction_copy (CRM_INTERACTION (record)));
  return G_OBJECT (crm_opportunity_copy (CRM_OPPORTUNITY (record)));
}

static gint64
record_id (GObject *record)
{
  if (CRM_IS_CUSTOMER (record))
    return crm_customer_get_id (CRM_CUSTOMER (record));
  if (CRM_IS_INTERACTION (record))
    return crm_interaction_get_id (CRM_INTERACTION (record));
  return crm_opportunity_get_id (CRM_OPPORTUNITY (record));
}

static gint64
record_version (GObject *record)
{
  gint64 version = 0;

  g_object_get (record, "version", &version, NULL);
  return version;
}

/* Shows a conflict with its Reload button, or hides it (@error NULL). */
static void
show_conflict (CrmEditor    *self,
               const GError *error)
{
  GtkWidget *box = template_child (self, "conflict_box");

  if (error != NULL)
    gtk_label_set_text (GTK_LABEL (template_child (self, "conflict_label")), error->message);
  gtk_widget_set_visible (box, error != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reload", error != NULL);
}

static gboolean
write_record (CrmEditor  *self,
              GError    **error)
{
  CrmEditorPrivate *priv = crm_editor_get_instance_private (self);
  gboolean add = priv->original == NULL;

  if (CRM_IS_CUSTOMER (priv->record))
    return add ? crm_repository_add_customer (priv->repository, CRM_CUSTOMER (priv->record), error)
               : crm_repository_update_customer (priv->repository, CRM_CUSTOMER (priv->record), error);
  if (CRM_IS_INTERACTION (priv->record))
    return add ? crm_repository_add_interaction (priv->repository, CRM_INTERACTION (priv->record), error)
               : crm_repository_update_interaction (priv->repository, CRM_INTERACTION (priv->record), error);
  return add ? crm_repository_add_opportunity (priv->repository, CRM_OPPORTUNITY (priv->record), error)
             : crm_repository_update_opportunity (priv->repository, CRM_OPPORTUNITY (priv->record), error);
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
  CrmEditor *self = CRM_EDITOR (widget);
  CrmEditorPrivate *priv = crm_editor_get_instance_private (self);
  GtkLabel *error_label = GTK_LABEL (template_child (self, "error_label"));
  g_autoptr(GError) error = NULL;
  gboolean added = priv->original == NULL;

  /* Ctrl+Enter reaches here even while Save is disabled. */
  if (!CRM_EDITOR_GET_CLASS (self)->validate (self, TRUE))
    return;

  if (!write_record (self, &error))
    {
      if (g_error_matches (error, CRM_ERROR, CRM_ERROR_CONFLICT))
        {
          crm_busy_retry_clear (&priv->busy_retry);
          gtk_widget_set_visible (GTK_WIDGET (error_label), FALSE);
          show_conflict (self, error);
          return;
        }
      /* Another program's write lock: wait for it, responsive, up to the
       * busy timeout; the fields keep what the user typed either way. */
      if (crm_busy_retry_schedule (&priv->busy_retry, widget, save_again, error))
        crm_busy_retry_show (error_label, NULL);
      else
        crm_busy_retry_show (error_label, error);
      return;
    }
  crm_busy_retry_clear (&priv->busy_retry);

  if (priv->undo_stack != NULL)
    {
      if (added)
        crm_undo_stack_record_add (priv->undo_stack, priv->repository, priv->record);
      else
        crm_undo_stack_record_update (priv->undo_stack, priv->repository, priv->original, priv->record);
    }
  g_signal_emit (self, signals[SAVED], 0, priv->record, added);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmEditor *self = CRM_EDITOR (widget);
  CrmEditorPrivate *priv = crm_editor_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  GType type;
  gint64 id, version;
  gboolean ok;

  if (priv->original == NULL)
    return;
  type = G_OBJECT_TYPE (priv->original);
  id = record_id (priv->original);
  version = record_version (priv->original);
  /* The undo history reads the record again to keep it for Undo: what it
   * would delete must still be what the user saw. */
  if (priv->undo_stack != NULL)
    ok = crm_repository_check_version (priv->repository, type, id, version, &error)
         && crm_undo_stack_delete (priv->undo_stack, priv->repository, type, id, &error);
  else if (type == CRM_TYPE_CUSTOMER)
    ok = crm_repository_delete_customer (priv->repository, id, version, &error);
  else if (type == CRM_TYPE_INTERACTION)
    ok = crm_repository_delete_interaction (priv->repository, id, version, &error);
  else
    ok = crm_repository_delete_opportunity (priv->repository, id, version, &error);
  if (!ok)
    {
      if (g_error_matches (error, CRM_ERROR, CRM_ERROR_CONFLICT))
        show_conflict (self, error);
      else
        crm_busy_retry_show (GTK_LABEL (template_child (self, "error_label")), error);
      return;
    }
  g_signal_emit (self, signals[DELETED], 0, type, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Reads the record again and shows it as it is now, dropping what the
 * user typed: they asked for it, having seen the conflict. */
static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmEditor *self = CRM_EDITOR (widget);
  CrmEditorPrivate *priv = crm_editor_get_instance_private (self);
  g_autoptr(GObject) fresh = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (priv->original == NULL)
    return;
  id = record_id (priv->original);
  if (CRM_IS_CUSTOMER (priv->original))
    fresh = G_OBJECT (crm_repository_get_customer (priv->repository, id, &error));
  else if (CRM_IS_INTERACTION (priv->original))
    fresh = G_OBJECT (crm_repository_get_interaction (priv->repository, id, &error));
  else
    fresh = G_OBJECT (crm_repository_get_opportunity (priv->repository, id, &error));
  if (fresh == NULL)
    {
      /* Deleted meanwhile: nothing to show, the message says so. */
      show_conflict (self, error);
      gtk_widget_action_set_enabled (widget, "editor.reload", FALSE);
      return;
    }

  g_clear_object (&priv->original);
  g_clear_object (&priv->record);
  priv->original = copy_record (fresh);
  priv->record = copy_record (fresh);
  show_conflict (self, NULL);
  crm_editor_load (self);
  crm_editor_validate (self);
}

static void
notes_changed_cb (CrmEditor     *self,
                  GtkTextBuffer *buffer)
{
  CrmEditorPrivate *priv = crm_editor_get_instance_private (self);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  /* As typed, new lines and all. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  g_object_set (priv->record, "notes", text, NULL);
  crm_editor_validate (self);
}

static gboolean
default_validate (CrmEditor *self,
                  gboolean   all)
{
  return TRUE;
}

static void
default_load (CrmEditor *self)
{
}

static void
crm_editor_dispose (GObject *object)
{
  CrmEditor *self = (CrmEditor *)object;
  CrmEditorPrivate *priv = crm_editor_get_instance_private (self);

  crm_busy_retry_clear (&priv->busy_retry);
  g_clear_object (&priv->repository);
  g_clear_object (&priv->undo_stack);
  g_clear_object (&priv->original);
  g_clear_object (&priv->record);

  G_OBJECT_CLASS (crm_editor_parent_class)->dispose (object);
}

static void
crm_editor_class_init (CrmEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_editor_dispose;
  klass->validate = default_validate;
  klass->load = default_load;

  /**
   * CrmEditor::saved:
   * @record: the record as written, with its id
   * @added: whether it is new
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_OBJECT, G_TYPE_BOOLEAN);
  /**
   * CrmEditor::deleted:
   * @type: the record's type
   * @id: the record deleted
   */
  signals[DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_GTYPE, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_editor_init (CrmEditor *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* Before the notes see the key: there Ctrl+Enter would be a new line. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                                                          gtk_named_action_new ("editor.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/**
 * crm_editor_class_set_template:
 *
 * Sets a subclass's template and binds the children the base works with
 * by their names: save_button, delete_button and the conflict area
 * (conflict_box, conflict_label). (The subclass binds its error_label,
 * which it uses too.)
 */
void
crm_editor_class_set_template (CrmEditorClass *klass,
                               const char     *resource)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, resource);
  gtk_widget_class_bind_template_child_full (widget_class, "save_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "delete_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "conflict_box", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "conflict_label", FALSE, 0);
}

/**
 * crm_editor_setup:
 * @undo_stack: (nullable): where saves and deletes are recorded
 * @record: the record to edit (copied), or a new one (id 0)
 *
 * Called by a subclass's constructor, before it fills its fields.
 */
void
crm_editor_setup (CrmEditor     *self,
                  CrmRepository *repository,
                  CrmUndoStack  *undo_stack,
                  GObject       *record)
{
  CrmEditorPrivate *priv = crm_editor_get_instance_private (self);
  GtkWidget *delete_button;

  g_return_if_fail (CRM_IS_EDITOR (self));
  g_return_if_fail (CRM_IS_REPOSITORY (repository));
  g_return_if_fail (undo_stack == NULL || CRM_IS_UNDO_STACK (undo_stack));

  g_set_object (&priv->repository, repository);
  g_set_object (&priv->undo_stack, undo_stack);
  g_clear_object (&priv->original);
  g_clear_object (&priv->record);
  priv->record = copy_record (record);
  if (record_id (record) > 0)
    priv->original = copy_record (record);

  /* A new record has nothing to delete. */
  delete_button = template_child (self, "delete_button");
  if (delete_button != NULL)
    gtk_widget_set_visible (delete_button, priv->original != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", priv->original != NULL);
  if (priv->original == NULL)
    gtk_button_set_label (GTK_BUTTON (template_child (self, "save_button")), _("_Add"));
  gtk_window_set_default_widget (GTK_WINDOW (self), template_child (self, "save_button"));
  show_conflict (self, NULL);
}

/**
 * crm_editor_load:
 *
 * Has the subclass fill its fields from the record (#CrmEditorClass.load).
 */
void
crm_editor_load (CrmEditor *self)
{
  g_return_if_fail (CRM_IS_EDITOR (self));

  CRM_EDITOR_GET_CLASS (self)->load (self);
}

CrmRepository *
crm_editor_get_repository (CrmEditor *self)
{
  CrmEditorPrivate *priv = crm_editor_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_EDITOR (self), NULL);
  return priv->repository;
}

/**
 * crm_editor_get_record:
 *
 * Returns: (transfer none): the copy the fields write to
 */
GObject *
crm_editor_get_record (CrmEditor *self)
{
  CrmEditorPrivate *priv = crm_editor_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_EDITOR (self), NULL);
  return priv->record;
}

/**
 * crm_editor_get_original:
 *
 * Returns: (transfer none) (nullable): the record as loaded, %NULL when new
 */
GObject *
crm_editor_get_original (CrmEditor *self)
{
  CrmEditorPrivate *priv = crm_editor_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_EDITOR (self), NULL);
  return priv->original;
}

gboolean
crm_editor_is_new (CrmEditor *self)
{
  return crm_editor_get_original (self) == NULL;
}

/* Asks the subclass again and lets Save act only on a valid record. */
void
crm_editor_validate (CrmEditor *self)
{
  g_return_if_fail (CRM_IS_EDITOR (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 CRM_EDITOR_GET_CLASS (self)->validate (self, FALSE));
}

/**
 * crm_editor_bind_notes:
 * @view: a multi-line text view
 *
 * Shows the record's "notes" in @view and writes every change back to
 * it, unchanged: new lines stay, nothing is trimmed.
 */
void
crm_editor_bind_notes (CrmEditor   *self,
                       GtkTextView *view)
{
  CrmEditorPrivate *priv = crm_editor_get_instance_private (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autofree char *notes = NULL;

  g_return_if_fail (CRM_IS_EDITOR (self));

  g_object_get (priv->record, "notes", &notes, NULL);
  g_signal_handlers_disconnect_by_func (buffer, notes_changed_cb, self);

  /* GTK lays out a paragraph whole before it draws any of it: a note of
   * megabytes (an import can bring one) would freeze the editor. Such a
   * note is shown in part, read-only, and saved back as it was. */
  if (notes != NULL && g_utf8_strlen (notes, -1) > CRM_EDITOR_NOTES_MAX_EDIT)
    {
      g_autofree char *preview = crm_format_preview (notes);

      gtk_text_buffer_set_text (buffer, preview, -1);
      gtk_text_view_set_editable (view, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _("Too long to edit here, kept as it is"), -1);
      return;
    }

  /* Loading is not an edit the notes' own Ctrl+Z should take back. */
  gtk_text_buffer_begin_irreversible_action (buffer);
  gtk_text_buffer_set_text (buffer, notes != NULL ? notes : "", -1);
  gtk_text_buffer_end_irreversible_action (buffer);
  gtk_text_view_set_editable (view, TRUE);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);
}
