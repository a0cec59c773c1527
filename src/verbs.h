/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_VERBS_H
#define SR_VERBS_H

/* The verbs besides run, one file each, composed from the stages. Each
 * returns the exit status to use (>= 0), or -1 with err set. */

#include "cli.h"
#include "error.h"

int cmd_export(const struct sr_options *o, struct sr_error *err);

#endif
