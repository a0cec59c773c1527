/* SPDX-License-Identifier: Apache-2.0 */
/*
 * libFuzzer target: the check verb, end to end, on arbitrary bytes: every
 * lint runs on whatever parses (compiled, interpreted, with and without
 * the ENOSYS stub), for no capabilities or all of them. What must hold:
 * no crash, no leak, and a readable file is always checked (status 0 or 1,
 * never 125: a profile's own faults are findings, not failures).
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cli.h"
#include "common.h"
#include "verbs.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* The findings are not what is being tested. */
	FUZZ_ASSERT(freopen("/dev/null", "w", stdout), "cannot silence stdout");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fd = memfd_create("fuzz-check", MFD_CLOEXEC);
	FUZZ_ASSERT(fd >= 0, "memfd_create");
	FUZZ_ASSERT(write(fd, data, size) == (ssize_t)size, "write");
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);

	char *argv[] = { "seccomp-run", "check", "--caps", size % 2 ? "all" : "none",
			 path, NULL };
	struct sr_options o;
	struct sr_error err = { 0 };
	FUZZ_ASSERT(cli_parse(5, argv, &o, &err) == 0, "cli_parse: %s", err.msg);
	int status = cmd_check(&o, &err);
	FUZZ_ASSERT(status == 0 || status == 1, "check gave status %d for a readable file",
		    status);
	fflush(stdout);
	close(fd);
	return 0;
}
