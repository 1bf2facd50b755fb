/* crm-database-error-window.c: the window shown when the database cannot be used
 *
 * Says what is wrong with the file (damaged, from a newer Rapport, changed
 * by hand, not a database) and offers another one: an existing database to
 * open or a new one to create. It only asks; CrmApplication, which owns the
 * repository, tries the file and either replaces this window with the main
 * one or updates the message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-database-error-window.h"

struct _CrmDatabaseErrorWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwStatusPage *status_page;

  /* owned */
  char *message;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (CrmDatabaseErrorWindow, crm_database_error_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_MESSAGE,
  N_PROPS
};

enum {
  DATABASE_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
chooser_response_cb (CrmDatabaseErrorWindow *self,
                     int                     response,
                     GtkFileChooserNative   *chooser)
{
  gboolean create = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  /* Drop the chooser before the signal: its handler may destroy us. */
  g_clear_object (&self->chooser);
  if (path != NULL)
    g_signal_emit (self, signals[DATABASE_CHOSEN], 0, path, create);
}

static void
choose (CrmDatabaseErrorWindow *self,
        gboolean                create)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }

  if (create)
    self->chooser = gtk_file_chooser_native_new (_("Create New Database"), GTK_WINDOW (self),
                                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"), NULL);
  else
    self->chooser = gtk_file_chooser_native_new (_("Open Database"), GTK_WINDOW (self),
                                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "rapport.db");
  else
    {
      gtk_file_filter_set_name (filter, _("Rapport databases"));
      gtk_file_filter_add_suffix (filter, "db");
      gtk_file_filter_add_suffix (filter, "sqlite");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
    }
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  choose (CRM_DATABASE_ERROR_WINDOW (widget), FALSE);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  choose (CRM_DATABASE_ERROR_WINDOW (widget), TRUE);
}

static void
crm_database_error_window_dispose (GObject *object)
{
  CrmDatabaseErrorWindow *self = (CrmDatabaseErrorWindow *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_DATABASE_ERROR_WINDOW);

  G_OBJECT_CLASS (crm_database_error_window_parent_class)->dispose (object);
}

static void
crm_database_error_window_finalize (GObject *object)
{
  CrmDatabaseErrorWindow *self = (CrmDatabaseErrorWindow *)object;

  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (crm_database_error_window_parent_class)->finalize (object);
}

static void
crm_database_error_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  CrmDatabaseErrorWindow *self = CRM_DATABASE_ERROR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_database_error_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  CrmDatabaseErrorWindow *self = CRM_DATABASE_ERROR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      crm_database_error_window_set_message (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_database_error_window_class_init (CrmDatabaseErrorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_database_error_window_dispose;
  object_class->finalize = crm_database_error_window_finalize;
  object_class->get_property = crm_database_error_window_get_property;
  object_class->set_property = crm_database_error_window_set_property;

  /**
   * CrmDatabaseErrorWindow:message:
   *
   * What is wrong, as one or more sentences (a #GError message).
   */
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmDatabaseErrorWindow::database-chosen:
   * @path: the file the user picked
   * @create: %TRUE for “Create New Database…”: @path should not exist yet
   */
  signals[DATABASE_CHOSEN] =
    g_signal_new ("database-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/crm-database-error-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmDatabaseErrorWindow, status_page);
  gtk_widget_class_install_action (widget_class, "error.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "error.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "error.open", NULL);
}

static void
crm_database_error_window_init (CrmDatabaseErrorWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CrmDatabaseErrorWindow *
crm_database_error_window_new (GtkApplication *application,
                               const char     *message)
{
  return g_object_new (CRM_TYPE_DATABASE_ERROR_WINDOW,
                       "application", application,
                       "message", message,
                       NULL);
}

const char *
crm_database_error_window_get_message (CrmDatabaseErrorWindow *self)
{
  g_return_val_if_fail (CRM_IS_DATABASE_ERROR_WINDOW (self), NULL);
  return self->message;
}

void
crm_database_error_window_set_message (CrmDatabaseErrorWindow *self,
                                       const char             *message)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (CRM_IS_DATABASE_ERROR_WINDOW (self));

  if (g_strcmp0 (self->message, message) == 0)
    return;
  g_free (self->message);
  self->message = g_strdup (message);
  /* The description is markup; a file name may hold “&” or “<”. */
  markup = g_markup_escape_text (message ? message : "", -1);
  adw_status_page_set_description (self->status_page, markup);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}
