/* crm-model-private.h: setters shared by the entity GObjects
 *
 * Each notifies only when the value really changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

void crm_model_set_string   (GObject     *object,
                             char       **field,
                             const char  *value,
                             GParamSpec  *pspec);
void crm_model_set_int64    (GObject     *object,
                             gint64      *field,
                             gint64       value,
                             GParamSpec  *pspec);
void crm_model_set_int      (GObject     *object,
                             int         *field,
                             int          value,
                             GParamSpec  *pspec);
void crm_model_set_datetime (GObject     *object,
                             GDateTime  **field,
                             GDateTime   *value,
                             GParamSpec  *pspec);

G_END_DECLS
