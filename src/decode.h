/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_DECODE_H
#define SR_DECODE_H

/* Kernel seccomp audit records (type 1326, auditd's SECCOMP), as auditd,
 * ausearch, dmesg, journalctl -k and /dev/kmsg print them: parsed into
 * values by a pure function unit tests can drive, and printed with
 * libseccomp's syscall names. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "names.h"

/* The longest line decode looks at. A kernel audit record is at most
 * 8970 bytes (MAX_AUDIT_MESSAGE_LENGTH), an exe path hex-encoded at most
 * 8 KiB: anything longer is not one, and must not cost unbounded memory. */
#define SR_DECODE_LINE_MAX (64 * 1024)

/* Optional fields present in the record. */
enum {
	SR_REC_UID = 1u << 0,
	SR_REC_GID = 1u << 1,
	SR_REC_AUID = 1u << 2,
	SR_REC_SES = 1u << 3,
	SR_REC_SIG = 1u << 4,
	SR_REC_COMPAT = 1u << 5,
	SR_REC_IP = 1u << 6,
};

struct sr_seccomp_rec {
	uint64_t time_ms;           /* audit(SEC.MSEC:SERIAL) */
	uint64_t serial;
	uint32_t pid;
	const char *comm, *exe;     /* decoded; NULL when absent */
	const char *subj;           /* LSM label; NULL when absent */
	unsigned have;              /* SR_REC_* */
	uint32_t uid, gid, auid, ses;
	uint32_t sig;
	uint32_t compat;
	uint64_t ip;
	uint32_t audit_arch;        /* arch=, the AUDIT_ARCH_* value */
	const struct sr_arch *arch; /* from audit_arch and the x32 bit; NULL: unknown */
	int32_t nr;                 /* syscall=, as recorded (x32: bit 30 set) */
	uint32_t code;              /* code=: the filter's return value */
};

/* Parse one input line (modified in place: the record's strings point
 * into it). Returns 1 when it holds a seccomp record, now in *rec; 0 when
 * it is some other line; -1 when it is a seccomp record that cannot be
 * read, with the reason in why. */
int decode_parse_line(char *line, struct sr_seccomp_rec *rec, char *why, size_t why_size);

/* The table entry for an audit arch value and a syscall number: x86_64
 * and x32 share AUDIT_ARCH_X86_64, and x32 numbers carry bit 30. */
const struct sr_arch *decode_arch(uint32_t audit_arch, int64_t nr);

/* "SCMP_ACT_ERRNO(EPERM)", "SCMP_ACT_LOG", or "0x12340000" for a value
 * that is no action, into buf. */
const char *decode_action_str(uint32_t code, char *buf, size_t size);

/* A name from a process (comm, exe) for a terminal, malloc'd:
 * sr_escape()'s control characters, and bytes above 0x7f as \xHH too,
 * since 0x9b is CSI on an 8-bit terminal. */
char *decode_terminal_safe(const char *s);

/* One line for the record: decode's text format. */
void decode_print_text(FILE *f, const struct sr_seccomp_rec *r);
/* One JSON object on one line; file and line say where the record was. */
void decode_print_json(FILE *f, const struct sr_seccomp_rec *r, const char *file,
		       unsigned long line);

#endif
