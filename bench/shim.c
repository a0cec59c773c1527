/* SPDX-License-Identifier: Apache-2.0 */
/* The floor of start-up (SPEC §9: exec plus a trivial filter): a static
 * binary that sets no_new_privs, loads a one-instruction filter that
 * allows everything, and execs its arguments. Nothing seccomp-run does
 * can cost less; it is built static, as the entry-point build is. Not
 * linked with anything of the tool's. */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog prog = { .len = 1, .filter = &allow };

	if (argc < 2) {
		fputs("usage: shim PROGRAM [ARG...]\n", stderr);
		return 125;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
		perror("shim: seccomp");
		return 125;
	}
	execv(argv[1], argv + 1);
	perror("shim: execv");
	return 127;
}
