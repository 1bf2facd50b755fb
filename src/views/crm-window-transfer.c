/* crm-window-transfer.c: Import… and Export… in the main window
 *
 * win.import and win.export ask for a file with GtkFileChooserNative (the
 * portal under Flatpak, so no filesystem permission is needed), then run
 * the transfer in a thread on a connection of its own while a bar at the
 * top of the window shows progress and offers Cancel. The end is a toast
 * with the counts, or a dialog with the error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-export.h"
#include "crm-import.h"
#include "crm-repository-bulk.h"
#include "crm-window-private.h"
#include "crm-window-transfer.h"

#define TRANSFER_KEY "crm-window-transfer"

typedef struct
{
  /* borrowed: widgets owned by the window */
  GtkRevealer *revealer;
  GtkLabel *label;
  GtkProgressBar *progress_bar;

  /* owned */
  GCancellable *cancellable;
  GtkNativeDialog *chooser;
  gboolean importing;
} Transfer;

static void
transfer_free (gpointer data)
{
  Transfer *transfer = data;

  g_clear_object (&transfer->cancellable);
  if (transfer->chooser != NULL)
    gtk_native_dialog_destroy (transfer->chooser);
  g_clear_object (&transfer->chooser);
  g_free (transfer);
}

static Transfer *
get_transfer (CrmWindow *self)
{
  return g_object_get_data (G_OBJECT (self), TRANSFER_KEY);
}

static void
set_busy (CrmWindow  *self,
          const char *text)
{
  Transfer *transfer = get_transfer (self);
  gboolean busy = text != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", !busy);
  if (busy)
    {
      gtk_label_set_text (transfer->label, text);
      gtk_progress_bar_set_fraction (transfer->progress_bar, 0.0);
    }
  gtk_revealer_set_reveal_child (transfer->revealer, busy);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  Transfer *transfer = get_transfer (CRM_WINDOW (user_data));

  gtk_progress_bar_set_fraction (transfer->progress_bar, fraction);
}

static void
cancel_clicked_cb (GtkButton *button,
                   CrmWindow *self)
{
  Transfer *transfer = get_transfer (self);

  if (transfer->cancellable != NULL)
    g_cancellable_cancel (transfer->cancellable);
}

static void
show_error (CrmWindow    *self,
            const char   *heading,
            const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
finish_transfer (CrmWindow          *self,
                 gboolean            ok,
                 const GError       *error,
                 CrmTransferCounts  *counts)
{
  Transfer *transfer = get_transfer (self);
  gboolean importing = transfer->importing;

  g_clear_object (&transfer->cancellable);
  set_busy (self, NULL);

  if (ok)
    {
      g_autofree char *text = crm_transfer_counts_format (counts, importing);

      crm_window_add_toast (self, adw_toast_new (text));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    crm_window_add_toast (self, adw_toast_new (importing
                                               ? _("Import cancelled, nothing was changed")
                                               : _("Export cancelled")));
  else
    show_error (self, importing ? _("Import Failed") : _("Export Failed"), error);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  CrmTransferCounts counts = { 0 };
  gboolean ok;

  ok = crm_import_file_finish (result, &counts, &error);
  /* The import wrote on its own connection: tell this one's views. */
  if (ok)
    crm_repository_announce_bulk_change (crm_window_get_repository (self));
  finish_transfer (self, ok, error, &counts);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  CrmTransferCounts counts = { 0 };
  gboolean ok;

  ok = crm_export_file_finish (result, &counts, &error);
  finish_transfer (self, ok, error, &counts);
}

/* Marks the window busy with @busy_text and returns the transfer's
 * cancellable (owned by the transfer). */
static GCancellable *
begin_transfer (CrmWindow  *self,
                gboolean    importing,
                const char *busy_text)
{
  Transfer *transfer = get_transfer (self);

  transfer->importing = importing;
  transfer->cancellable = g_cancellable_new ();
  set_busy (self, busy_text);
  return transfer->cancellable;
}

/**
 * crm_window_import_file:
 * @merge: update records whose id exists instead of adding them
 *
 * Imports @file in the background, showing progress in the window.
 */
void
crm_window_import_file (CrmWindow *self,
                        GFile     *file,
                        gboolean   merge)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  GCancellable *cancellable;

  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!crm_window_is_transferring (self));

  name = g_file_get_basename (file);
  text = g_strdup_printf (_("Importing “%s”…"), name);
  cancellable = begin_transfer (self, TRUE, text);
  crm_import_file_async (crm_repository_get_path (crm_window_get_repository (self)), file,
                         CRM_FILE_FORMAT_AUTO, merge ? CRM_IMPORT_MERGE : CRM_IMPORT_NONE,
                         progress_cb, g_object_ref (self), g_object_unref,
                         cancellable, import_done_cb, g_object_ref (self));
}

/**
 * crm_window_export_file:
 * @table: what a .csv file holds
 *
 * Exports everything to @file (format from its extension) in the
 * background, showing progress in the window.
 */
void
crm_window_export_file (CrmWindow   *self,
                        GFile       *file,
                        CrmCsvTable  table)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  GCancellable *cancellable;

  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!crm_window_is_transferring (self));

  name = g_file_get_basename (file);
  text = g_strdup_printf (_("Exporting “%s”…"), name);
  cancellable = begin_transfer (self, FALSE, text);
  crm_export_file_async (crm_repository_get_path (crm_window_get_repository (self)), file,
                         CRM_FILE_FORMAT_AUTO, table,
                         progress_cb, g_object_ref (self), g_object_unref,
                         cancellable, export_done_cb, g_object_ref (self));
}

gboolean
crm_window_is_transferring (CrmWindow *self)
{
  Transfer *transfer;

  g_return_val_if_fail (CRM_IS_WINDOW (self), FALSE);

  transfer = get_transfer (self);
  return transfer != NULL && transfer->cancellable != NULL;
}

/* The file choosers */

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
add_filters (GtkFileChooser *chooser,
             gboolean        all)
{
  static const char *const any[] = { "json", "ndjson", "jsonl", "csv", NULL };
  static const char *const json[] = { "json", NULL };
  static const char *const ndjson[] = { "ndjson", "jsonl", NULL };
  static const char *const csv[] = { "csv", NULL };

  if (all)
    add_filter (chooser, _("All Supported Files"), any);
  add_filter (chooser, _("Rapport JSON"), json);
  add_filter (chooser, _("NDJSON (one record per line)"), ndjson);
  add_filter (chooser, _("CSV"), csv);
}

static void
forget_chooser (Transfer *transfer)
{
  if (transfer->chooser == NULL)
    return;
  gtk_native_dialog_destroy (transfer->chooser);
  g_clear_object (&transfer->chooser);
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    CrmWindow       *self)
{
  Transfer *transfer = get_transfer (self);
  g_autoptr(GFile) file = NULL;
  const char *merge;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      merge = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "merge");
      if (file != NULL)
        crm_window_import_file (self, file, g_strcmp0 (merge, "true") == 0);
    }
  forget_chooser (transfer);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    CrmWindow       *self)
{
  Transfer *transfer = get_transfer (self);
  g_autoptr(GFile) file = NULL;
  const char *table;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      table = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "csv-table");
      if (file != NULL)
        {
          g_autofree char *name = g_file_get_basename (file);

          /* No known extension: JSON, and say so in the name. */
          if (crm_file_format_from_name (name) == CRM_FILE_FORMAT_AUTO)
            {
              g_autofree char *with_extension = g_strconcat (g_file_peek_path (file), ".json", NULL);

              g_clear_object (&file);
              file = g_file_new_for_path (with_extension);
            }
          crm_window_export_file (self, file,
                                  g_strcmp0 (table, "opportunities") == 0
                                  ? CRM_CSV_TABLE_OPPORTUNITIES : CRM_CSV_TABLE_CUSTOMERS);
        }
    }
  forget_chooser (transfer);
}

/* win.import (crm-window-actions.c) */
void
_crm_window_transfer_import (CrmWindow *self)
{
  Transfer *transfer = get_transfer (self);
  GtkFileChooserNative *chooser;

  if (transfer->chooser != NULL || crm_window_is_transferring (self))
    return;
  chooser = gtk_file_chooser_native_new (_("Import"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "merge",
                               _("Update records whose id already exists"), NULL, NULL);
  transfer->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* win.export (crm-window-actions.c) */
void
_crm_window_transfer_export (CrmWindow *self)
{
  Transfer *transfer = get_transfer (self);
  GtkFileChooserNative *chooser;
  static const char *table_ids[] = { "customers", "opportunities", NULL };
  const char *table_labels[] = { _("Customers"), _("Opportunities"), NULL };

  if (transfer->chooser != NULL || crm_window_is_transferring (self))
    return;
  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (chooser), FALSE);
  /* Translators: the name offered for an export file; keep “.json” */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("rapport-export.json"));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "csv-table", _("A CSV file holds"),
                               table_ids, table_labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "csv-table", "customers");
  transfer->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A bar under the header bar: what runs, how far, and Cancel. */
static void
build_progress_bar (CrmWindow *self,
                    Transfer  *transfer)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (self));
  GtkWidget *child = content;
  GtkWidget *box, *vbox, *cancel;

  if (ADW_IS_TOAST_OVERLAY (content))
    child = adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (content));

  transfer->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (transfer->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (vbox, TRUE);
  gtk_widget_set_valign (vbox, GTK_ALIGN_CENTER);
  transfer->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (transfer->label, 0.0);
  gtk_label_set_ellipsize (transfer->label, PANGO_ELLIPSIZE_MIDDLE);
  transfer->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_box_append (GTK_BOX (vbox), GTK_WIDGET (transfer->label));
  gtk_box_append (GTK_BOX (vbox), GTK_WIDGET (transfer->progress_bar));
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self, 0);
  gtk_box_append (GTK_BOX (box), vbox);
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_revealer_set_child (transfer->revealer, box);
  gtk_widget_set_name (GTK_WIDGET (transfer->revealer), "transfer-bar");

  if (GTK_IS_BOX (child) && gtk_widget_get_first_child (child) != NULL)
    {
      /* Right under the header bar. */
      gtk_box_insert_child_after (GTK_BOX (child), GTK_WIDGET (transfer->revealer),
                                  gtk_widget_get_first_child (child));
    }
  else
    {
      GtkWidget *wrapper = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      g_object_ref (child);
      if (ADW_IS_TOAST_OVERLAY (content))
        adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (content), wrapper);
      else
        adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), wrapper);
      gtk_box_append (GTK_BOX (wrapper), GTK_WIDGET (transfer->revealer));
      if (child != NULL)
        gtk_box_append (GTK_BOX (wrapper), child);
      g_clear_object (&child);
    }
}

/**
 * crm_window_transfer_init:
 *
 * Adds the progress bar of win.import and win.export; called from
 * crm_window_init() after the template.
 */
void
crm_window_transfer_init (CrmWindow *self)
{
  Transfer *transfer = g_new0 (Transfer, 1);

  g_object_set_data_full (G_OBJECT (self), TRANSFER_KEY, transfer, transfer_free);
  build_progress_bar (self, transfer);
}
