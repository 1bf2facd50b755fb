/* crm-io.c: formats, a JSON depth guard and exact money text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "crm-error.h"
#include "crm-io-private.h"

CrmFileFormat
crm_file_format_from_name (const char *name)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (name != NULL, CRM_FILE_FORMAT_AUTO);

  lower = g_ascii_strdown (name, -1);
  if (g_str_has_suffix (lower, ".ndjson") || g_str_has_suffix (lower, ".jsonl"))
    return CRM_FILE_FORMAT_NDJSON;
  if (g_str_has_suffix (lower, ".json"))
    return CRM_FILE_FORMAT_JSON;
  if (g_str_has_suffix (lower, ".csv"))
    return CRM_FILE_FORMAT_CSV;
  return CRM_FILE_FORMAT_AUTO;
}

static gboolean
nul_error (guint    line,
           GError **error)
{
  g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
               _("line %u: the text contains a NUL character, which Rapport cannot store"),
               line);
  return FALSE;
}

/**
 * crm_io_check_json_depth:
 *
 * Counts [ and { outside strings, without parsing, and refuses nesting
 * deeper than @max_depth: json-glib 1.6 recurses without a limit and
 * overflows the stack on deep input. Also refuses the escape \u0000:
 * json-glib would hand back the string cut short at it, and a field would
 * be stored shorter than the file says without a word.
 */
gboolean
crm_io_check_json_depth (const char  *data,
                         gsize        length,
                         guint        first_line,
                         guint        max_depth,
                         GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint line = first_line;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (c == '\\' && i + 5 < length && memcmp (data + i + 1, "u0000", 5) == 0)
            return nul_error (line, error);
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            {
              g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                           _("line %u: nested deeper than %u levels"), line, max_depth);
              return FALSE;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return TRUE;
}

/* Refuses text that is not UTF-8, naming the line of the first bad byte. */
gboolean
crm_io_check_utf8 (const char  *data,
                   gsize        length,
                   guint        first_line,
                   GError     **error)
{
  const char *end = NULL;
  guint line = first_line;

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;
  for (const char *p = data; p < end; p++)
    if (*p == '\n')
      line++;
  /* Valid UTF-8 as far as a NUL byte: not a question of the encoding. */
  if (*end == '\0')
    return nul_error (line, error);
  g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
               _("line %u: the text is not UTF-8 (save the file as UTF-8 and import it again)"),
               line);
  return FALSE;
}

static gboolean
money_error (const char  *text,
             GError     **error)
{
  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: “value” is the field name, keep it */
               _("value: “%s” is not an amount of money with at most two decimals"), text);
  return FALSE;
}

/**
 * crm_io_parse_money:
 * @text: a decimal number in major units: "100000", "99.5", "-3", "1.5e3"
 * @minor: receives the amount in minor units (cents)
 *
 * Exact: the digits are read as text, never through a binary float.
 * More than two decimals that are not zeros, and overflow, are errors.
 * A negative amount is returned as it is; the model refuses it.
 */
gboolean
crm_io_parse_money (const char  *text,
                    gint64      *minor,
                    GError     **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  gboolean any_digit = FALSE;
  gboolean seen_point = FALSE;
  char digits[64];
  guint n_digits = 0;       /* significant digits, leading zeros skipped */
  gint64 frac_digits = 0;   /* of those (and of skipped zeros), how many after the point */
  gint64 exponent = 0;
  gint64 shift;
  guint64 result = 0;

  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          any_digit = TRUE;
          if (seen_point)
            frac_digits++;
          if (n_digits == 0 && *p == '0')
            continue;
          if (n_digits == sizeof digits)
            return money_error (text, error);
          digits[n_digits++] = *p;
        }
      else if (*p == '.' && !seen_point)
        seen_point = TRUE;
      else
        break;
    }
  if (!any_digit)
    return money_error (text, error);
  if (*p == 'e' || *p == 'E')
    {
      char *end = NULL;

      p++;
      if (!g_ascii_isdigit (*p) && !((*p == '-' || *p == '+') && g_ascii_isdigit (p[1])))
        return money_error (text, error);
      exponent = g_ascii_strtoll (p, &end, 10);
      if (exponent > 1000 || exponent < -1000)
        return money_error (text, error);
      p = end;
    }
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p != '\0')
    return money_error (text, error);

  /* text = digits × 10^(exponent − frac_digits); cents = that × 100. */
  shift = exponent - frac_digits + 2;
  for (guint i = 0; i < n_digits; i++)
    {
      int d = digits[i] - '0';

      /* Digits past the cents must be zeros. */
      if (shift < 0 && (gint64)i >= (gint64)n_digits + shift)
        {
          if (d != 0)
            return money_error (text, error);
          continue;
        }
      if (result > (guint64)(G_MAXINT64 - d) / 10)
        return money_error (text, error);
      result = result * 10 + d;
    }
  for (gint64 i = 0; i < shift && result != 0; i++)
    {
      if (result > G_MAXINT64 / 10)
        return money_error (text, error);
      result *= 10;
    }
  *minor = negative ? -(gint64)result : (gint64)result;
  return TRUE;
}

/**
 * crm_io_money_from_double:
 *
 * For JSON numbers json-glib already turned into a double: the shortest
 * text that reads back as the same double (what the writer most likely
 * wrote, e.g. "0.29" rather than 0.28999999999999998), then
 * crm_io_parse_money() on it.
 */
gboolean
crm_io_money_from_double (double    value,
                          gint64   *minor,
                          GError  **error)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return money_error ("∞", error);
  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return crm_io_parse_money (buffer, minor, error);
}

/* Minor units as the shortest exact decimal in major units: 10000000 →
 * "100000", 9950 → "99.5", 9905 → "99.05". crm_io_parse_money() reads
 * it back to the same number. */
void
crm_io_append_money (GString *out,
                     gint64   minor)
{
  guint64 magnitude = minor < 0 ? -(guint64)minor : (guint64)minor;
  guint cents = magnitude % 100;

  if (minor < 0)
    g_string_append_c (out, '-');
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, magnitude / 100);
  if (cents == 0)
    return;
  if (cents % 10 == 0)
    g_string_append_printf (out, ".%u", cents / 10);
  else
    g_string_append_printf (out, ".%02u", cents);
}

void
crm_io_append_json_string (GString    *out,
                           const char *text)
{
  static const char hex[] = "0123456789abcdef";

  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            {
              g_string_append (out, "\\u00");
              g_string_append_c (out, hex[*p >> 4]);
              g_string_append_c (out, hex[*p & 0xf]);
            }
          else
            g_string_append_c (out, (char)*p);
        }
    }
  g_string_append_c (out, '"');
}

/* Progress from a worker thread to the caller's main context. */

struct _CrmProgressSink
{
  gatomicrefcount ref_count;
  GMainContext *context;
  CrmProgressFunc func;
  gpointer data;
  GDestroyNotify destroy;
  int last_percent;     /* touched by the worker thread only */
};

typedef struct
{
  CrmProgressSink *sink;
  double fraction;
} ProgressMessage;

CrmProgressSink *
crm_progress_sink_new (CrmProgressFunc func,
                       gpointer        data,
                       GDestroyNotify  destroy)
{
  CrmProgressSink *self = g_new0 (CrmProgressSink, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->context = g_main_context_ref_thread_default ();
  self->func = func;
  self->data = data;
  self->destroy = destroy;
  self->last_percent = -1;
  return self;
}

void
crm_progress_sink_unref (CrmProgressSink *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  if (self->destroy != NULL)
    self->destroy (self->data);
  g_main_context_unref (self->context);
  g_free (self);
}

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressMessage *message = user_data;

  message->sink->func (message->fraction, message->sink->data);
  return G_SOURCE_REMOVE;
}

static void
free_progress_message (gpointer user_data)
{
  ProgressMessage *message = user_data;

  crm_progress_sink_unref (message->sink);
  g_free (message);
}

void
crm_progress_sink_report (double   fraction,
                          gpointer user_data)
{
  CrmProgressSink *self = user_data;
  ProgressMessage *message;
  GSource *source;
  int percent = (int)(CLAMP (fraction, 0.0, 1.0) * 100.0);

  if (self->func == NULL || percent == self->last_percent)
    return;
  self->last_percent = percent;
  message = g_new (ProgressMessage, 1);
  g_atomic_ref_count_inc (&self->ref_count);
  message->sink = self;
  message->fraction = fraction;
  /* Not g_main_context_invoke(): that may run the callback right here, in
   * the worker thread, when no one holds the context at this moment. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_progress, message, free_progress_message);
  g_source_attach (source, self->context);
  g_source_unref (source);
}

/* Import and export in a thread, on a connection of their own (the
 * caller's stays free for the window), with progress delivered in the
 * caller's main context. */
typedef struct
{
  char *database_path;
  GFile *file;
  CrmTransferFunc func;
  gpointer options;
  GDestroyNotify options_free;
  CrmProgressSink *sink;
  CrmTransferCounts counts;
} TransferJob;

static void
transfer_job_free (gpointer data)
{
  TransferJob *job = data;

  g_free (job->database_path);
  g_clear_object (&job->file);
  if (job->options_free != NULL)
    job->options_free (job->options);
  crm_progress_sink_unref (job->sink);
  g_free (job);
}

static void
transfer_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  TransferJob *job = task_data;
  g_autoptr(CrmRepository) repository = NULL;
  GError *error = NULL;

  repository = crm_repository_open (job->database_path, &error);
  if (repository == NULL
      || !job->func (repository, job->file, job->options, &job->counts,
                     crm_progress_sink_report, job->sink, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Runs @func on @file in a thread; @source_tag names the public _async
 * function, which crm_transfer_finish() checks. */
void
crm_transfer_run_async (const char          *database_path,
                        GFile               *file,
                        CrmTransferFunc      func,
                        gpointer             options,
                        GDestroyNotify       options_free,
                        CrmProgressFunc      progress,
                        gpointer             progress_data,
                        GDestroyNotify       progress_data_destroy,
                        GCancellable        *cancellable,
                        gpointer             source_tag,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TransferJob *job = g_new0 (TransferJob, 1);

  job->database_path = g_strdup (database_path);
  job->file = g_object_ref (file);
  job->func = func;
  job->options = options;
  job->options_free = options_free;
  job->sink = crm_progress_sink_new (progress, progress_data, progress_data_destroy);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, transfer_job_free);
  g_task_run_in_thread (task, transfer_thread);
}

gboolean
crm_transfer_finish (GAsyncResult       *result,
                     gpointer            source_tag,
                     CrmTransferCounts  *counts,
                     GError            **error)
{
  TransferJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (counts != NULL)
    *counts = job->counts;
  return TRUE;
}

/**
 * crm_transfer_counts_format:
 * @imported: %TRUE for “Imported …”, %FALSE for “Exported …”
 *
 * Returns: (transfer full): e.g. “Imported 1,204 customers, 3,310
 *   interactions, 88 opportunities”, numbers grouped for the locale
 */
char *
crm_transfer_counts_format (const CrmTransferCounts *counts,
                            gboolean                 imported)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  gboolean all = counts->customers == 0 && counts->interactions == 0 && counts->opportunities == 0;

  /* Only what the file held (a CSV holds one kind); all three when empty. */
  if (all || counts->customers > 0)
    {
      g_autofree char *n = g_strdup_printf ("%'" G_GUINT64_FORMAT, counts->customers);

      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s customer", "%s customers",
                                                            counts->customers), n));
    }
  if (all || counts->interactions > 0)
    {
      g_autofree char *n = g_strdup_printf ("%'" G_GUINT64_FORMAT, counts->interactions);

      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s interaction", "%s interactions",
                                                            counts->interactions), n));
    }
  if (all || counts->opportunities > 0)
    {
      g_autofree char *n = g_strdup_printf ("%'" G_GUINT64_FORMAT, counts->opportunities);

      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s opportunity", "%s opportunities",
                                                            counts->opportunities), n));
    }
  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between “3 customers”, “2 interactions”, … */
  list = g_strjoinv (_(", "), (char **)parts->pdata);
  if (imported)
    /* Translators: “Imported 3 customers, 2 interactions, 1 opportunity” */
    return g_strdup_printf (_("Imported %s"), list);
  /* Translators: “Exported 3 customers, 2 interactions, 1 opportunity” */
  return g_strdup_printf (_("Exported %s"), list);
}
