/* crm-csv.c: RFC 4180, read a record at a time from a stream
 *
 * Quoted fields may hold commas, quotes (doubled) and line breaks; CRLF and
 * LF both end a record; a UTF-8 BOM at the start is skipped. Every field is
 * checked to be UTF-8, and errors name the line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-csv.h"
#include "crm-error.h"
#include "crm-io.h"

#define BUFFER_SIZE (64 * 1024)
#define MAX_FIELDS 1024

struct _CrmCsvReader
{
  GInputStream *stream;
  char *buffer;
  gsize length;
  gsize pos;
  guint64 offset;       /* bytes consumed before buffer[0] */
  guint line;           /* the line the next byte is on */
  gboolean at_start;
  gboolean eof;
  GString *field;
  GPtrArray *fields;
};

CrmCsvReader *
crm_csv_reader_new (GInputStream *stream)
{
  CrmCsvReader *self = g_new0 (CrmCsvReader, 1);

  self->stream = g_object_ref (stream);
  self->buffer = g_malloc (BUFFER_SIZE);
  self->line = 1;
  self->at_start = TRUE;
  self->field = g_string_sized_new (256);
  self->fields = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
crm_csv_reader_free (CrmCsvReader *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->stream);
  g_free (self->buffer);
  g_string_free (self->field, TRUE);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

guint64
crm_csv_reader_get_offset (CrmCsvReader *self)
{
  return self->offset + self->pos;
}

/* The next byte, or -1 at the end of the stream, -2 on error. */
static int
next_byte (CrmCsvReader  *self,
           GCancellable  *cancellable,
           GError       **error)
{
  if (self->pos == self->length)
    {
      gssize n;

      if (self->eof)
        return -1;
      n = g_input_stream_read (self->stream, self->buffer, BUFFER_SIZE, cancellable, error);
      if (n < 0)
        return -2;
      self->offset += self->length;
      self->length = n;
      self->pos = 0;
      if (n == 0)
        {
          self->eof = TRUE;
          return -1;
        }
      if (self->at_start)
        {
          self->at_start = FALSE;
          if (n >= 3 && memcmp (self->buffer, "\xEF\xBB\xBF", 3) == 0)
            self->pos = 3;
          if (self->pos == self->length)
            return next_byte (self, cancellable, error);
        }
    }
  return (unsigned char)self->buffer[self->pos++];
}

static int
peek_byte (CrmCsvReader  *self,
           GCancellable  *cancellable,
           GError       **error)
{
  int c = next_byte (self, cancellable, error);

  if (c >= 0)
    self->pos--;
  return c;
}

static gboolean
end_field (CrmCsvReader  *self,
           guint          record_line,
           GError       **error)
{
  if (!crm_io_check_utf8 (self->field->str, self->field->len, record_line, error))
    return FALSE;
  if (self->fields->len == MAX_FIELDS)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                   _("line %u: more than %u fields"), record_line, MAX_FIELDS);
      return FALSE;
    }
  g_ptr_array_add (self->fields, g_strndup (self->field->str, self->field->len));
  g_string_truncate (self->field, 0);
  return TRUE;
}

static gboolean
append_byte (CrmCsvReader  *self,
             int            c,
             guint          record_line,
             GError       **error)
{
  if (self->field->len >= CRM_IO_MAX_RECORD_SIZE)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                   _("line %u: a field longer than %u bytes"), record_line,
                   (guint)CRM_IO_MAX_RECORD_SIZE);
      return FALSE;
    }
  g_string_append_c (self->field, (char)c);
  return TRUE;
}

/* Appends the byte just read and the rest of its run: the bytes after it
 * in the buffer up to the first of @stops (or the buffer's end), so plain
 * text is copied a run at a time, not a byte at a time. */
static gboolean
append_run (CrmCsvReader  *self,
            const char    *stops,
            guint          record_line,
            GError       **error)
{
  gsize start = self->pos - 1;
  gsize end = self->pos;

  while (end < self->length && strchr (stops, self->buffer[end]) == NULL)
    end++;
  if (self->field->len + (end - start) > CRM_IO_MAX_RECORD_SIZE)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                   _("line %u: a field longer than %u bytes"), record_line,
                   (guint)CRM_IO_MAX_RECORD_SIZE);
      return FALSE;
    }
  g_string_append_len (self->field, self->buffer + start, end - start);
  self->pos = end;
  return TRUE;
}

/**
 * crm_csv_reader_next:
 * @fields: (out) (transfer none): the record's fields, valid until the next
 *   call; %NULL at the end of the file
 * @line: (out): the line the record starts on
 *
 * Returns: %FALSE with @error set on malformed input or a read error
 */
gboolean
crm_csv_reader_next (CrmCsvReader   *self,
                     GPtrArray     **fields,
                     guint          *line,
                     GCancellable   *cancellable,
                     GError        **error)
{
  guint record_line = self->line;
  gboolean quoted = FALSE;     /* inside a quoted field */
  gboolean after_quote = FALSE; /* a quoted field just closed */
  gboolean any = FALSE;
  int c;

  g_ptr_array_set_size (self->fields, 0);
  g_string_truncate (self->field, 0);
  *fields = NULL;
  *line = record_line;

  for (;;)
    {
      c = next_byte (self, cancellable, error);
      if (c == -2)
        return FALSE;
      if (c == -1)
        {
          if (quoted)
            {
              g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                           _("line %u: a quoted field is never closed (unbalanced quotes)"),
                           record_line);
              return FALSE;
            }
          if (!any)
            return TRUE;
          if (!end_field (self, record_line, error))
            return FALSE;
          *fields = self->fields;
          return TRUE;
        }
      any = TRUE;
      if (c == '\n')
        self->line++;

      if (quoted)
        {
          if (c == '"')
            {
              int next = peek_byte (self, cancellable, error);

              if (next == -2)
                return FALSE;
              if (next == '"')
                {
                  self->pos++;
                  if (!append_byte (self, '"', record_line, error))
                    return FALSE;
                }
              else
                {
                  quoted = FALSE;
                  after_quote = TRUE;
                }
            }
          else if (!append_run (self, "\"\n", record_line, error))
            return FALSE;
          continue;
        }

      if (c == ',')
        {
          if (!end_field (self, record_line, error))
            return FALSE;
          after_quote = FALSE;
        }
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r')
            {
              int next = peek_byte (self, cancellable, error);

              if (next == -2)
                return FALSE;
              if (next == '\n')
                {
                  self->pos++;
                  self->line++;
                }
            }
          if (!end_field (self, record_line, error))
            return FALSE;
          *fields = self->fields;
          return TRUE;
        }
      else if (after_quote)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_FORMAT,
                       _("line %u: text after the closing quote of a field"), self->line);
          return FALSE;
        }
      else if (c == '"' && self->field->len == 0)
        quoted = TRUE;
      else if (!append_run (self, ",\"\r\n", record_line, error))
        return FALSE;
    }
}

/* Appends @text as one field, quoted when it has to be. */
void
crm_csv_append_field (GString    *out,
                      const char *text)
{
  if (text == NULL)
    text = "";
  if (strpbrk (text, ",\"\r\n") == NULL
      && text[0] != ' ' && (text[0] == '\0' || text[strlen (text) - 1] != ' '))
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
