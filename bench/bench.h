/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_BENCH_H
#define SR_BENCH_H

/* srbench: the measurements behind `make bench` (bench/README.md). It links
 * the tool's own objects to reach the stages and the BPF interpreter, and
 * uses libseccomp directly for the peer baseline: the way crun compiles,
 * with libseccomp's defaults. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bpf.h"
#include "stages.h"

/* Docker's default capability set (moby oci/caps/defaults.go). */
#define BENCH_DOCKER_CAPS                                                     \
	"CAP_CHOWN,CAP_DAC_OVERRIDE,CAP_FSETID,CAP_FOWNER,CAP_MKNOD,CAP_NET_RAW," \
	"CAP_SETGID,CAP_SETUID,CAP_SETFCAP,CAP_SETPCAP,CAP_NET_BIND_SERVICE,"     \
	"CAP_SYS_CHROOT,CAP_KILL,CAP_AUDIT_WRITE"

/* Subcommands (main.c dispatches). Each returns an exit status. */
int cmd_gen(int argc, char **argv);
int cmd_spawn(int argc, char **argv);
int cmd_peer_exec(int argc, char **argv);
int cmd_peer_export(int argc, char **argv);
int cmd_paths(int argc, char **argv);
int cmd_syscost(int argc, char **argv);
int cmd_ctime(int argc, char **argv);
int cmd_notifycost(int argc, char **argv);
int cmd_syswork(int argc, char **argv);

/* Parse, select and (upto SR_STAGE_COMPILE) compile ref as run would with
 * --caps caps (NULL: the real ones). Exits with a message on failure:
 * a benchmark has no use for a half-built policy. */
void bench_stages(struct sr_stages *st, const char *ref, const char *caps,
		  bool no_enosys, enum sr_stage upto);

/* The selected policy compiled the way crun does it: libseccomp's
 * defaults, no binary tree, no ENOSYS stub. Returns 0 or -errno; *out is
 * the exported program. */
int peer_compile(const struct sr_policy *pol, struct sr_bpf *out);
/* The same context loaded by libseccomp itself (seccomp_load), as crun's
 * older releases and most libseccomp users do. */
int peer_load(const struct sr_policy *pol);

/* Time and order statistics. */
double now_ns(void);
void sort_doubles(double *v, size_t n);
/* The q-quantile (0..1) of n sorted values, nearest rank. */
double quantile(const double *sorted, size_t n, double q);

/* Write prog to path as raw sock_filter structs (what export writes). */
int bpf_write_file(const struct sr_bpf *prog, const char *path);

/* Append one row to the summary table (| figure | ours | libseccomp
 * defaults | target | verdict |) in the file $BENCH_SUMMARY names, if any:
 * run.sh prints it first, ahead of each measurement's own table. */
void summary_row(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
