#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Make the kernel log seccomp records of every kind and print them as
# dmesg shows them: how kernel-*.log was made (see README). Run as root
# from the top of the tree after `make build/probe`, with no auditd
# running (it would take the records off the kernel log).
#
#   sh tests/decode/capture.sh >tests/decode/kernel-$(uname -r | cut -d- -f1).log
set -eu
SR=${SECCOMP_RUN:-./seccomp-run}
PROBE=${PROBE:-$PWD/build/probe}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

cat >"$dir/all.json" <<'JSON'
{
	"defaultAction": "SCMP_ACT_ALLOW",
	"flags": ["SECCOMP_FILTER_FLAG_LOG"],
	"architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
	"syscalls": [
		{ "names": ["uname", "getppid"], "action": "SCMP_ACT_LOG" },
		{ "names": ["getuid"], "action": "SCMP_ACT_ERRNO" },
		{ "names": ["getegid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 },
		{ "names": ["getpid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 13 },
		{ "names": ["getpgrp"], "action": "SCMP_ACT_TRACE" },
		{ "names": ["geteuid"], "action": "SCMP_ACT_TRAP" },
		{ "names": ["getgid"], "action": "SCMP_ACT_KILL_THREAD" },
		{ "names": ["getsid"], "action": "SCMP_ACT_KILL_PROCESS" }
	]
}
JSON
# The kernel prints at most 10 audit lines per 5 seconds (printk's rate
# limit): one batch of at most 9, then a pause.
pause() { sleep 6; }

mark=$(dmesg | tail -n 1)
pause
# x86_64 LOG, ERRNO (errnoRet 0 and 42), TRACE; i386 ERRNO and LOG; x32
# ERRNO (getuid is 102 | bit 30); then a KILL_PROCESS ends it.
"$SR" -p "$dir/all.json" -- "$PROBE" uname getppid getuid getegid nr:111 \
	i386:getpid i386:uname nr:1073741926 getsid >/dev/null || true
pause
"$SR" -p "$dir/all.json" -- "$PROBE" geteuid >/dev/null 2>&1 || true
"$SR" -p "$dir/all.json" -- "$PROBE" getgid >/dev/null 2>&1 || true
# Names the kernel hex-encodes: a space, an escape sequence.
cp "$PROBE" "$dir/my probe"
cp "$PROBE" "$dir/$(printf 'e\033[2Jvil')"
"$SR" -p "$dir/all.json" -- "$dir/my probe" uname >/dev/null
"$SR" -p "$dir/all.json" -- "$dir/$(printf 'e\033[2Jvil')" uname >/dev/null
# A number no table knows, under a default ERRNO (the ENOSYS stub's
# answer is logged as ERRNO too).
cat >"$dir/deny.json" <<'JSON'
{ "defaultAction": "SCMP_ACT_ERRNO", "flags": ["SECCOMP_FILTER_FLAG_LOG"],
  "syscalls": [ { "names": ["execve", "access", "arch_prctl", "brk", "close",
	"exit", "exit_group", "mmap", "mprotect", "munmap", "newfstatat", "fstat",
	"openat", "pread64", "prlimit64", "read", "readlink", "rseq",
	"set_robust_list", "set_tid_address", "write", "getrandom",
	"rt_sigreturn", "rt_sigaction", "rt_sigprocmask"],
	"action": "SCMP_ACT_ALLOW" } ] }
JSON
"$SR" -p "$dir/deny.json" -- "$PROBE" nr:999 >/dev/null
sleep 1
dmesg | awk -v mark="$mark" 'found { print } $0 == mark { found = 1 }'
