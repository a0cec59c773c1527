/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_VERBS_H
#define SR_VERBS_H

/* The verbs besides run, one file each, composed from the stages. Each
 * returns the exit status to use (>= 0), or -1 with err set. */

#include "cli.h"
#include "error.h"
#include "profile.h"

int cmd_check(const struct sr_options *o, struct sr_error *err);
int cmd_explain(const struct sr_options *o, struct sr_error *err);
int cmd_export(const struct sr_options *o, struct sr_error *err);
int cmd_simulate(const struct sr_options *o, struct sr_error *err);
int cmd_decode(const struct sr_options *o, struct sr_error *err);
/* The resident verbs: the program's status, 128+N for signal N. */
int cmd_trace(const struct sr_options *o, struct sr_error *err);
int cmd_record(const struct sr_options *o, struct sr_error *err);

/* A rule's conditions as a reader writes them: "arg0 == 0x2 && arg1 & 0x40
 * == 0". Repeated indexes are joined with "||", as runc adds them. */
void describe_conditions(const struct sr_rule *r, char *buf, size_t size);

#endif
