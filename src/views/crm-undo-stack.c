/* crm-undo-stack.c: one window's history of changes, for Undo and Redo
 *
 * Every change a page or an editor makes is one step: a label for the
 * menu (“Move “ERP 系统””), a message for the toast, and the two
 * functions that take it back and put it again. The window owns one stack
 * for all its pages, so Ctrl+Z undoes the newest change whichever page
 * made it; a page finds the stack through crm_undo_stack_find() and an
 * editor is handed it, so neither knows the window.
 *
 * Each step has a serial number. A toast remembers the serial of the step
 * it announces and undoes only that step, and only while it is the newest
 * (crm_undo_stack_undo_step()): an old toast cannot act on a state that
 * has moved on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-undo-stack.h"

typedef struct
{
  guint64 serial;
  char *label;
  char *message;
  CrmUndoStepFunc undo;
  CrmUndoStepFunc redo;
  gpointer data;
  GDestroyNotify data_free;
} Step;

struct _CrmUndoStack
{
  GObject parent_instance;

  /* owned */
  GPtrArray *done;     /* oldest first; the last is undone next */
  GPtrArray *undone;   /* the last is redone next */

  guint64 next_serial;
};

G_DEFINE_FINAL_TYPE (CrmUndoStack, crm_undo_stack, G_TYPE_OBJECT)
G_DEFINE_INTERFACE (CrmUndoProvider, crm_undo_provider, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PUSHED,
  RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
step_free (gpointer data)
{
  Step *step = data;

  if (step->data_free != NULL)
    step->data_free (step->data);
  g_free (step->label);
  g_free (step->message);
  g_free (step);
}

static Step *
top_of (GPtrArray *steps)
{
  return steps->len > 0 ? g_ptr_array_index (steps, steps->len - 1) : NULL;
}

/* Notifies what a change of either list may have changed. */
static void
notify_all (CrmUndoStack *self,
            Step         *old_undo,
            Step         *old_redo)
{
  if ((old_undo == NULL) != (top_of (self->done) == NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if ((old_redo == NULL) != (top_of (self->undone) == NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (old_undo != top_of (self->done))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  if (old_redo != top_of (self->undone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
}

static void
crm_undo_provider_default_init (CrmUndoProviderInterface *iface)
{
}

static void
crm_undo_stack_finalize (GObject *object)
{
  CrmUndoStack *self = (CrmUndoStack *)object;

  g_clear_pointer (&self->done, g_ptr_array_unref);
  g_clear_pointer (&self->undone, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_undo_stack_parent_class)->finalize (object);
}

static void
crm_undo_stack_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmUndoStack *self = CRM_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, crm_undo_stack_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, crm_undo_stack_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, crm_undo_stack_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, crm_undo_stack_get_redo_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_undo_stack_class_init (CrmUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_undo_stack_finalize;
  object_class->get_property = crm_undo_stack_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmUndoStack::pushed:
   * @serial: the new step's serial, for crm_undo_stack_undo_step()
   * @message: what to announce, plain text (“Deleted 张三”)
   */
  signals[PUSHED] =
    g_signal_new ("pushed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_STRING);

  /**
   * CrmUndoStack::restored:
   * @type: CRM_TYPE_CUSTOMER, CRM_TYPE_INTERACTION or CRM_TYPE_OPPORTUNITY
   * @id: the record an undo or a redo brought back
   *
   * So the window can show it again (select a restored customer).
   */
  signals[RESTORED] =
    g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_GTYPE, G_TYPE_INT64);
}

static void
crm_undo_stack_init (CrmUndoStack *self)
{
  self->done = g_ptr_array_new_with_free_func (step_free);
  self->undone = g_ptr_array_new_with_free_func (step_free);
  self->next_serial = 1;
}

/**
 * crm_undo_provider_get_undo_stack:
 *
 * Returns: (transfer none) (nullable): the provider's history
 */
CrmUndoStack *
crm_undo_provider_get_undo_stack (CrmUndoProvider *self)
{
  g_return_val_if_fail (CRM_IS_UNDO_PROVIDER (self), NULL);
  return CRM_UNDO_PROVIDER_GET_IFACE (self)->get_undo_stack (self);
}

/**
 * crm_undo_stack_find:
 *
 * Returns: (transfer none) (nullable): the history of the window
 *   @widget is in, or %NULL outside one (a benchmark's bare board)
 */
CrmUndoStack *
crm_undo_stack_find (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  if (root == NULL || !CRM_IS_UNDO_PROVIDER (root))
    return NULL;
  return crm_undo_provider_get_undo_stack (CRM_UNDO_PROVIDER (root));
}

CrmUndoStack *
crm_undo_stack_new (void)
{
  return g_object_new (CRM_TYPE_UNDO_STACK, NULL);
}

/**
 * crm_undo_stack_push:
 * @label: the step for the menu, as in “Undo @label” (“Move “ERP 系统””)
 * @message: the toast's text (“Moved “ERP 系统” to Negotiation”)
 * @undo: takes the change back
 * @redo: makes it again
 * @data: (transfer full): for @undo and @redo, freed with @data_free
 *
 * Records a change already made. Redo history is dropped: it no longer
 * applies to the new state. The oldest step goes beyond
 * CRM_UNDO_STACK_DEPTH.
 *
 * Returns: the step's serial
 */
guint64
crm_undo_stack_push (CrmUndoStack    *self,
                     const char      *label,
                     const char      *message,
                     CrmUndoStepFunc  undo,
                     CrmUndoStepFunc  redo,
                     gpointer         data,
                     GDestroyNotify   data_free)
{
  Step *old_undo, *old_redo;
  Step *step;

  g_return_val_if_fail (CRM_IS_UNDO_STACK (self), 0);
  g_return_val_if_fail (label != NULL && message != NULL, 0);
  g_return_val_if_fail (undo != NULL && redo != NULL, 0);

  old_undo = top_of (self->done);
  old_redo = top_of (self->undone);

  step = g_new0 (Step, 1);
  step->serial = self->next_serial++;
  step->label = g_strdup (label);
  step->message = g_strdup (message);
  step->undo = undo;
  step->redo = redo;
  step->data = data;
  step->data_free = data_free;

  g_ptr_array_set_size (self->undone, 0);
  g_ptr_array_add (self->done, step);
  if (self->done->len > CRM_UNDO_STACK_DEPTH)
    g_ptr_array_remove_index (self->done, 0);

  notify_all (self, old_undo, old_redo);
  g_signal_emit (self, signals[PUSHED], 0, step->serial, step->message);
  return step->serial;
}

gboolean
crm_undo_stack_get_can_undo (CrmUndoStack *self)
{
  g_return_val_if_fail (CRM_IS_UNDO_STACK (self), FALSE);
  return self->done->len > 0;
}

gboolean
crm_undo_stack_get_can_redo (CrmUndoStack *self)
{
  g_return_val_if_fail (CRM_IS_UNDO_STACK (self), FALSE);
  return self->undone->len > 0;
}

/**
 * crm_undo_stack_get_undo_label:
 *
 * Returns: (nullable): the label of the step Undo would take back
 */
const char *
crm_undo_stack_get_undo_label (CrmUndoStack *self)
{
  Step *step;

  g_return_val_if_fail (CRM_IS_UNDO_STACK (self), NULL);
  step = top_of (self->done);
  return step != NULL ? step->label : NULL;
}

/**
 * crm_undo_stack_get_redo_label:
 *
 * Returns: (nullable): the label of the step Redo would make again
 */
const char *
crm_undo_stack_get_redo_label (CrmUndoStack *self)
{
  Step *step;

  g_return_val_if_fail (CRM_IS_UNDO_STACK (self), NULL);
  step = top_of (self->undone);
  return step != NULL ? step->label : NULL;
}

/* Steps that can be undone now. */
guint
crm_undo_stack_get_n_steps (CrmUndoStack *self)
{
  g_return_val_if_fail (CRM_IS_UNDO_STACK (self), 0);
  return self->done->len;
}

/**
 * crm_undo_stack_get_top:
 *
 * Returns: the serial of the step Undo would take back, 0 for none
 */
guint64
crm_undo_stack_get_top (CrmUndoStack *self)
{
  Step *step;

  g_return_val_if_fail (CRM_IS_UNDO_STACK (self), 0);
  step = top_of (self->done);
  return step != NULL ? step->serial : 0;
}

/* Runs the newest step of @from and moves it onto @to when it worked. */
static gboolean
move_step (CrmUndoStack  *self,
           GPtrArray     *from,
           GPtrArray     *to,
           gboolean       undo,
           GError       **error)
{
  Step *old_undo = top_of (self->done);
  Step *old_redo = top_of (self->undone);
  Step *step = top_of (from);

  if (step == NULL)
    return TRUE;
  if (!(undo ? step->undo : step->redo) (step->data, error))
    return FALSE;
  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  notify_all (self, old_undo, old_redo);
  return TRUE;
}

/**
 * crm_undo_stack_undo:
 *
 * Takes back the newest step, if any. On failure it stays the newest.
 */
gboolean
crm_undo_stack_undo (CrmUndoStack  *self,
                     GError       **error)
{
  g_return_val_if_fail (CRM_IS_UNDO_STACK (self), FALSE);
  return move_step (self, self->done, self->undone, TRUE, error);
}

/**
 * crm_undo_stack_redo:
 *
 * Makes the step last undone again, if any.
 */
gboolean
crm_undo_stack_redo (CrmUndoStack  *self,
                     GError       **error)
{
  g_return_val_if_fail (CRM_IS_UNDO_STACK (self), FALSE);
  return move_step (self, self->undone, self->done, FALSE, error);
}

/**
 * crm_undo_stack_undo_step:
 * @serial: what crm_undo_stack_push() returned
 *
 * What a toast's Undo does: takes back step @serial only while it is the
 * newest. A newer change, or an undo since, makes this do nothing.
 *
 * Returns: %TRUE when the step was undone; %FALSE with @error unset when
 *   it was not the newest
 */
gboolean
crm_undo_stack_undo_step (CrmUndoStack  *self,
                          guint64        serial,
                          GError       **error)
{
  g_return_val_if_fail (CRM_IS_UNDO_STACK (self), FALSE);

  if (serial == 0 || crm_undo_stack_get_top (self) != serial)
    return FALSE;
  return crm_undo_stack_undo (self, error);
}

/* Steps of the repository's records */

typedef enum
{
  RECORD_ADD,
  RECORD_UPDATE,
  RECORD_DELETE,
  RECORD_MOVE,
} RecordKind;

typedef struct
{
  CrmUndoStack *stack;          /* borrowed: the stack owns the step */
  CrmRepository *repository;
  RecordKind kind;
  GObject *before;              /* UPDATE; DELETE: the record deleted */
  GObject *after;               /* ADD: the record added; UPDATE */
  GPtrArray *interactions;      /* DELETE of a customer: its cascade */
  GPtrArray *opportunities;
  CrmPipelineMove previous;     /* MOVE */
  CrmPipelineMove next;
} Record;

static void
record_free (gpointer data)
{
  Record *record = data;

  g_clear_object (&record->repository);
  g_clear_object (&record->before);
  g_clear_object (&record->after);
  g_clear_pointer (&record->interactions, g_ptr_array_unref);
  g_clear_pointer (&record->opportunities, g_ptr_array_unref);
  g_free (record);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Record, record_free)

static gint64
object_id (GObject *object)
{
  if (CRM_IS_CUSTOMER (object))
    return crm_customer_get_id (CRM_CUSTOMER (object));
  if (CRM_IS_INTERACTION (object))
    return crm_interaction_get_id (CRM_INTERACTION (object));
  return crm_opportunity_get_id (CRM_OPPORTUNITY (object));
}

/* Copies of what a step writes: the repository sets timestamps on what it
 * is given, and the step must write the same thing each time. */
static GPtrArray *
copy_all (GPtrArray *records)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      GObject *record = g_ptr_array_index (records, i);

      if (CRM_IS_INTERACTION (record))
        g_ptr_array_add (copy, crm_interaction_copy (CRM_INTERACTION (record)));
      else
        g_ptr_array_add (copy, crm_opportunity_copy (CRM_OPPORTUNITY (record)));
    }
  return copy;
}

/* @version: what the record must still be at, or 0 for whatever it is */
static gint64
object_version (GObject *object)
{
  gint64 version = 0;

  g_object_get (object, "version", &version, NULL);
  return version;
}

static gboolean
delete_record (CrmRepository  *repository,
               GObject        *object,
               gint64          version,
               GError        **error)
{
  if (CRM_IS_CUSTOMER (object))
    return crm_repository_delete_customer (repository, object_id (object), version, error);
  if (CRM_IS_INTERACTION (object))
    return crm_repository_delete_interaction (repository, object_id (object), version, error);
  return crm_repository_delete_opportunity (repository, object_id (object), version, error);
}

/* Puts @object back with its id and timestamps (and a customer's
 * interactions and opportunities), as it was. */
static gboolean
insert_record (Record     *record,
               GObject    *object,
               GError    **error)
{
  gboolean ok;

  if (CRM_IS_CUSTOMER (object))
    {
      g_autoptr(CrmCustomer) customer = crm_customer_copy (CRM_CUSTOMER (object));
      g_autoptr(GPtrArray) interactions = copy_all (record->interactions);
      g_autoptr(GPtrArray) opportunities = copy_all (record->opportunities);

      ok = crm_repository_restore_customer (record->repository, customer, interactions, opportunities, error);
    }
  else if (CRM_IS_INTERACTION (object))
    {
      g_autoptr(CrmInteraction) interaction = crm_interaction_copy (CRM_INTERACTION (object));

      ok = crm_repository_add_interaction (record->repository, interaction, error);
    }
  else
    {
      g_autoptr(CrmOpportunity) opportunity = crm_opportunity_copy (CRM_OPPORTUNITY (object));

      ok = crm_repository_add_opportunity (record->repository, opportunity, error);
    }
  if (ok)
    g_signal_emit (record->stack, signals[RESTORED], 0, G_OBJECT_TYPE (object), object_id (object));
  return ok;
}

/* Undo and Redo write over the record as it is now, whatever its
 * version: the user asked for exactly this image back, and the steps
 * between (their own) have moved the version on. (Undo and Redo of
 * deletes and adds likewise delete whatever version is there.) */
static gboolean
update_record (CrmRepository  *repository,
               GObject        *object,
               GError        **error)
{
  if (CRM_IS_CUSTOMER (object))
    {
      g_autoptr(CrmCustomer) customer = crm_customer_copy (CRM_CUSTOMER (object));

      crm_customer_set_version (customer, 0);
      return crm_repository_update_customer (repository, customer, error);
    }
  if (CRM_IS_INTERACTION (object))
    {
      g_autoptr(CrmInteraction) interaction = crm_interaction_copy (CRM_INTERACTION (object));

      crm_interaction_set_version (interaction, 0);
      return crm_repository_update_interaction (repository, interaction, error);
    }
  {
    g_autoptr(CrmOpportunity) opportunity = crm_opportunity_copy (CRM_OPPORTUNITY (object));

    crm_opportunity_set_version (opportunity, 0);
    return crm_repository_update_opportunity (repository, opportunity, error);
  }
}

static gboolean
record_undo (gpointer   data,
             GError   **error)
{
  Record *record = data;

  switch (record->kind)
    {
    case RECORD_ADD:
      return delete_record (record->repository, record->after, 0, error);
    case RECORD_UPDATE:
      return update_record (record->repository, record->before, error);
    case RECORD_DELETE:
      return insert_record (record, record->before, error);
    case RECORD_MOVE:
      return crm_repository_undo_move (record->repository, &record->previous, error);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
record_redo (gpointer   data,
             GError   **error)
{
  Record *record = data;

  switch (record->kind)
    {
    case RECORD_ADD:
      return insert_record (record, record->after, error);
    case RECORD_UPDATE:
      return update_record (record->repository, record->after, error);
    case RECORD_DELETE:
      return delete_record (record->repository, record->before, 0, error);
    case RECORD_MOVE:
      return crm_repository_undo_move (record->repository, &record->next, error);
    default:
      g_assert_not_reached ();
    }
}

static GObject *
copy_object (GObject *object)
{
  if (CRM_IS_CUSTOMER (object))
    return G_OBJECT (crm_customer_copy (CRM_CUSTOMER (object)));
  if (CRM_IS_INTERACTION (object))
    return G_OBJECT (crm_interaction_copy (CRM_INTERACTION (object)));
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (object), NULL);
  return G_OBJECT (crm_opportunity_copy (CRM_OPPORTUNITY (object)));
}

/* How a record is named in a step: a customer by name, a deal by its
 * title in quotes, an interaction by its type and customer. */
static char *
describe (GObject *object)
{
  if (CRM_IS_CUSTOMER (object))
    return g_strdup (crm_customer_get_name (CRM_CUSTOMER (object)));
  if (CRM_IS_OPPORTUNITY (object))
    /* Translators: an opportunity named in Undo and in a toast */
    return g_strdup_printf (_("“%s”"), crm_opportunity_get_title (CRM_OPPORTUNITY (object)));
  {
    CrmInteraction *interaction = CRM_INTERACTION (object);
    const char *type = crm_interaction_type_get_label (crm_interaction_get_interaction_type (interaction));
    const char *name = crm_interaction_get_customer_name (interaction);

    if (name == NULL || *name == '\0')
      return g_strdup (type);
    /* Translators: an interaction named in Undo and in a toast: its
     * type and its customer, “Call with 张三” */
    return g_strdup_printf (_("%s with %s"), type, name);
  }
}

static void
push_record (CrmUndoStack *self,
             Record       *record,
             const char   *label,
             const char   *message)
{
  record->stack = self;
  crm_undo_stack_push (self, label, message, record_undo, record_redo, record, record_free);
}

/**
 * crm_undo_stack_record_add:
 * @added: a customer, interaction or opportunity just added (with its id)
 *
 * Undo deletes it; Redo puts it back with the same id and timestamps.
 */
void
crm_undo_stack_record_add (CrmUndoStack  *self,
                           CrmRepository *repository,
                           GObject       *added)
{
  Record *record;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (CRM_IS_UNDO_STACK (self));
  g_return_if_fail (CRM_IS_REPOSITORY (repository));
  g_return_if_fail (object_id (added) > 0);

  record = g_new0 (Record, 1);
  record->repository = g_object_ref (repository);
  record->kind = RECORD_ADD;
  record->after = copy_object (added);
  name = describe (added);
  /* Translators: a step in the Undo menu item, “Undo Add 张三” */
  label = g_strdup_printf (_("Add %s"), name);
  /* Translators: a toast */
  message = g_strdup_printf (_("Added %s"), name);
  push_record (self, record, label, message);
}

/**
 * crm_undo_stack_record_update:
 * @before: the record as it was before the update
 * @after: the record as written
 *
 * Undo writes @before back; Redo writes @after again.
 */
void
crm_undo_stack_record_update (CrmUndoStack  *self,
                              CrmRepository *repository,
                              GObject       *before,
                              GObject       *after)
{
  Record *record;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (CRM_IS_UNDO_STACK (self));
  g_return_if_fail (CRM_IS_REPOSITORY (repository));
  g_return_if_fail (G_OBJECT_TYPE (before) == G_OBJECT_TYPE (after));

  record = g_new0 (Record, 1);
  record->repository = g_object_ref (repository);
  record->kind = RECORD_UPDATE;
  record->before = copy_object (before);
  record->after = copy_object (after);
  name = describe (after);
  /* Translators: a step in the Undo menu item, “Undo Edit 张三” */
  label = g_strdup_printf (_("Edit %s"), name);
  /* Translators: a toast */
  message = g_strdup_printf (_("Saved %s"), name);
  push_record (self, record, label, message);
}

/**
 * crm_undo_stack_record_move:
 * @previous: where the opportunity was, as the move reported it
 * @moved: the opportunity as it is after the move
 *
 * Undo puts it back exactly (stage, place, probability); Redo moves it
 * to where it was after the move.
 */
void
crm_undo_stack_record_move (CrmUndoStack          *self,
                            CrmRepository         *repository,
                            const CrmPipelineMove *previous,
                            CrmOpportunity        *moved)
{
  Record *record;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (CRM_IS_UNDO_STACK (self));
  g_return_if_fail (CRM_IS_REPOSITORY (repository));
  g_return_if_fail (previous != NULL && CRM_IS_OPPORTUNITY (moved));

  record = g_new0 (Record, 1);
  record->repository = g_object_ref (repository);
  record->kind = RECORD_MOVE;
  record->previous = *previous;
  record->next.id = crm_opportunity_get_id (moved);
  record->next.stage = crm_opportunity_get_stage (moved);
  record->next.index = (guint)crm_opportunity_get_position (moved);
  record->next.probability = crm_opportunity_get_probability (moved);
  name = describe (G_OBJECT (moved));
  /* Translators: a step in the Undo menu item, “Undo Move “ERP 系统”” */
  label = g_strdup_printf (_("Move %s"), name);
  /* Translators: a toast after a pipeline move: the opportunity, a stage */
  message = g_strdup_printf (_("Moved %s to %s"), name,
                             crm_stage_get_label (crm_opportunity_get_stage (moved)));
  push_record (self, record, label, message);
}

static char *
deleted_message (const char *name,
                 guint       n_interactions,
                 guint       n_opportunities)
{
  g_autofree char *interactions = NULL;
  g_autofree char *opportunities = NULL;

  if (n_interactions > 0)
    /* Translators: part of “Deleted 张三, 3 interactions and 2 deals” */
    interactions = g_strdup_printf (ngettext ("%u interaction", "%u interactions", n_interactions),
                                    n_interactions);
  if (n_opportunities > 0)
    /* Translators: part of “Deleted 张三, 3 interactions and 2 deals” */
    opportunities = g_strdup_printf (ngettext ("%u deal", "%u deals", n_opportunities),
                                     n_opportunities);
  if (interactions != NULL && opportunities != NULL)
    /* Translators: a toast: a customer's name, “3 interactions”, “2 deals” */
    return g_strdup_printf (_("Deleted %s, %s and %s"), name, interactions, opportunities);
  if (interactions != NULL || opportunities != NULL)
    /* Translators: a toast: a customer's name, then “3 interactions” or
     * “2 deals” */
    return g_strdup_printf (_("Deleted %s and %s"), name,
                            interactions != NULL ? interactions : opportunities);
  /* Translators: a toast */
  return g_strdup_printf (_("Deleted %s"), name);
}

/**
 * crm_undo_stack_delete:
 * @type: CRM_TYPE_CUSTOMER, CRM_TYPE_INTERACTION or CRM_TYPE_OPPORTUNITY
 *
 * Deletes a record, without asking, and records the step: Undo puts it
 * back with its id and timestamps, a customer with every interaction and
 * opportunity the delete took with it.
 */
gboolean
crm_undo_stack_delete (CrmUndoStack   *self,
                       CrmRepository  *repository,
                       GType           type,
                       gint64          id,
                       GError        **error)
{
  g_autoptr(Record) record = NULL;
  g_autofree char *name = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (CRM_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (CRM_IS_REPOSITORY (repository), FALSE);

  record = g_new0 (Record, 1);
  record->repository = g_object_ref (repository);
  record->kind = RECORD_DELETE;
  if (type == CRM_TYPE_CUSTOMER)
    {
      record->before = G_OBJECT (crm_repository_get_customer (repository, id, error));
      if (record->before != NULL)
        record->interactions = crm_repository_list_interactions (repository, id, 0, G_MAXINT, error);
      if (record->interactions != NULL)
        record->opportunities = crm_repository_list_opportunities (repository, id, 0, G_MAXINT, error);
      if (record->opportunities == NULL)
        return FALSE;
    }
  else if (type == CRM_TYPE_INTERACTION)
    record->before = G_OBJECT (crm_repository_get_interaction (repository, id, error));
  else if (type == CRM_TYPE_OPPORTUNITY)
    record->before = G_OBJECT (crm_repository_get_opportunity (repository, id, error));
  else
    g_return_val_if_reached (FALSE);
  /* At the version just read: a write in between is not deleted unseen. */
  if (record->before == NULL
      || !delete_record (repository, record->before, object_version (record->before), error))
    return FALSE;

  name = describe (record->before);
  /* Translators: a step in the Undo menu item, “Undo Delete 张三” */
  label = g_strdup_printf (_("Delete %s"), name);
  message = deleted_message (name,
                             record->interactions != NULL ? record->interactions->len : 0,
                             record->opportunities != NULL ? record->opportunities->len : 0);
  push_record (self, g_steal_pointer (&record), label, message);
  return TRUE;
}
