/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_OUTFILE_H
#define SR_OUTFILE_H

/* Writing an -o file (export, record) whole or not at all. */

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* Write len bytes of buf to path. A regular file (or a new one) is
 * replaced atomically: a temporary file beside it, fsync, rename; readers
 * never see half of it, and a failure leaves the old file as it was. A
 * device, a fifo or a symlink (/dev/stdout) is written in place; if it is
 * a terminal and tty_refusal is not NULL, nothing is written and that is
 * the error. */
int outfile_write(const char *path, const char *buf, size_t len, const char *tty_refusal,
		  struct sr_error *err);

#endif
