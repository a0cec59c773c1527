#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# explain: the policy for this host, or for --caps/--kernel/--arch, with a
# reason for every rule; --format json as moby would hand it to runc.
. "$(dirname "$0")/lib.sh"

# A rule line for syscalls[N]: "syscalls[N] NAMES: ACTION ... -- kept|dropped ..."
rule_line() {
	printf '%s\n' "$OUT" | grep "^syscalls\[$1\] "
}

has() { # has DESC TEXT
	case $OUT in
	*"$2"*) ok "$1" ;;
	*) fail "$1" "stdout lacks: $2" "$(diag)" ;;
	esac
}

cat >p.json <<'JSON'
{
	"defaultAction": "SCMP_ACT_ERRNO",
	"architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
	"syscalls": [
		{"names": ["read", "write", "_llseek"], "action": "SCMP_ACT_ALLOW"},
		{"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38,
		 "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
		{"names": ["reboot"], "action": "SCMP_ACT_ALLOW",
		 "includes": {"caps": ["CAP_SYS_BOOT"], "minKernel": "5.4"}},
		{"names": ["personality"], "action": "SCMP_ACT_ALLOW",
		 "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]},
		{"names": ["socket"], "action": "SCMP_ACT_ALLOW",
		 "args": [{"index": 0, "value": 1, "op": "SCMP_CMP_EQ"},
			  {"index": 0, "value": 2, "op": "SCMP_CMP_EQ"}]},
		{"names": ["fcntl"], "action": "SCMP_ACT_ALLOW",
		 "args": [{"index": 1, "value": 1030, "valueTwo": 1035, "op": "SCMP_CMP_MASKED_EQ"}]},
		{"names": ["chmod"], "action": "SCMP_ACT_ERRNO"},
		{"names": ["sync_file_range2"], "action": "SCMP_ACT_ALLOW",
		 "includes": {"arches": ["ppc64le"]}}
	]
}
JSON

run "$SR" explain -p ./p.json --caps none --kernel 5.10
[ "$STATUS" = 0 ] && ok "explain: status 0" || fail "explain: status 0" "$(diag)"
has "the host it was selected for" "selected for x86_64 (amd64), kernel 5.10, 0 capabilities (--caps)"
has "the default action, in words" \
	"default action SCMP_ACT_ERRNO(EPERM): other syscalls fail with EPERM; the process is not killed"
has "the architectures, native first" "architectures x86_64 (native), x86, x32"
has "the flags, and that they are the default" \
	"flags SECCOMP_FILTER_FLAG_SPEC_ALLOW (the profile sets none)"
has "the ENOSYS stub's bound per arch" "x86_64 above 435, x86 above 435, x32 above 0x400001b3"
has "how many rules apply" "6 of 8 rules apply"
case $(rule_line 1) in
"syscalls[1] clone3: SCMP_ACT_ERRNO(ENOSYS) -- kept (conditions met)") ok "clone3 kept without CAP_SYS_ADMIN" ;;
*) fail "clone3 kept without CAP_SYS_ADMIN" "$(diag)" ;;
esac
case $(rule_line 2) in
"syscalls[2] reboot: SCMP_ACT_ALLOW -- dropped: includes.caps: CAP_SYS_BOOT is not held") ok "reboot dropped: the cap is not held" ;;
*) fail "reboot dropped: the cap is not held" "$(diag)" ;;
esac
case $(rule_line 4) in
"syscalls[4] socket: SCMP_ACT_ALLOW if arg0 == 0x1 || arg0 == 0x2 -- kept (unconditional)") ok "a repeated index: conditions OR-ed, as runc adds them" ;;
*) fail "a repeated index: conditions OR-ed, as runc adds them" "$(diag)" ;;
esac
case $(rule_line 5) in
*"if arg1 & 0x406 == 0x402 "*) ok "MASKED_EQ: the comparison libseccomp really makes" ;;
*) fail "MASKED_EQ: the comparison libseccomp really makes" "$(diag)" ;;
esac
case $(rule_line 6) in
*"-- kept (unconditional), but equal to the default action: no effect") ok "a rule equal to the default: no effect" ;;
*) fail "a rule equal to the default: no effect" "$(diag)" ;;
esac
case $(rule_line 7) in
*"-- dropped: includes.arches: amd64 is not listed") ok "an arch-conditional rule: dropped, and why" ;;
*) fail "an arch-conditional rule: dropped, and why" "$(diag)" ;;
esac
has "numbers per arch, - where a name does not exist" \
	"_llseek                  x86_64 -, x86 140, x32 -"
has "x32 numbers carry bit 30" "read                     x86_64 0, x86 3, x32 0x40000000"

run "$SR" explain -p ./p.json --caps CAP_SYS_ADMIN,CAP_SYS_BOOT --kernel 5.3
case $(rule_line 1) in
"syscalls[1] clone3: SCMP_ACT_ERRNO(ENOSYS) -- dropped: excludes.caps: CAP_SYS_ADMIN is held") ok "--caps: clone3 dropped with CAP_SYS_ADMIN" ;;
*) fail "--caps: clone3 dropped with CAP_SYS_ADMIN" "$(diag)" ;;
esac
case $(rule_line 2) in
*"-- dropped: includes.minKernel: kernel 5.3 < 5.4") ok "--kernel: minKernel decides" ;;
*) fail "--kernel: minKernel decides" "$(diag)" ;;
esac
run "$SR" explain -p ./p.json --caps CAP_SYS_BOOT --kernel 5.4
case $(rule_line 2) in
*"-- kept (conditions met)") ok "--kernel 5.4 and CAP_SYS_BOOT: reboot kept" ;;
*) fail "--kernel 5.4 and CAP_SYS_BOOT: reboot kept" "$(diag)" ;;
esac

run "$SR" explain -p ./p.json --arch ppc64le
has "--arch: selected for another machine" "selected for ppc64le (ppc64le)"
case $(rule_line 7) in
*"-- kept (unconditional)"*|*"-- kept (conditions met)") ok "--arch ppc64le: its rule is kept" ;;
*) fail "--arch ppc64le: its rule is kept" "$(diag)" ;;
esac

# Docker's default, as people meet it: clone3 per CAP_SYS_ADMIN.
run "$SR" explain --caps none
has "built-in, --caps none: the clone3 rule is kept" "clone3: SCMP_ACT_ERRNO(ENOSYS) -- kept (conditions met)"
run "$SR" explain --caps all
has "built-in, --caps all: dropped because CAP_SYS_ADMIN is held" \
	"clone3: SCMP_ACT_ERRNO(ENOSYS) -- dropped: excludes.caps: CAP_SYS_ADMIN is held"

expect "unconfined" 0 "profile unconfined: no filter, every syscall is allowed" \
	"$SR" explain -p unconfined
expect "unconfined, json: null (moby hands runc no seccomp)" 0 "null" \
	"$SR" explain -p unconfined --format json
expect_status 125 "a bad profile: 125" "$SR" explain -p ./nonexistent.json
expect_status 125 "explain takes no operands" "$SR" explain extra
expect_status 125 "--format bpf is export's" "$SR" explain --format bpf

# --format json: what moby would hand runc, for this selection.
run "$SR" explain -p ./p.json --caps none --kernel 5.10 --format json
if [ "$STATUS" = 0 ] && printf '%s\n' "$OUT" | python3 -c '
import json, sys
p = json.load(sys.stdin)
assert p["defaultAction"] == "SCMP_ACT_ERRNO", p
assert p["architectures"] == ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"], p
names = [r["names"] for r in p["syscalls"]]
assert names == [["read", "write", "_llseek"], ["clone3"], ["personality"], ["socket"], ["fcntl"], ["chmod"]], names
assert all("includes" not in r and "excludes" not in r for r in p["syscalls"])
assert p["syscalls"][1]["errnoRet"] == 38
'; then
	ok "--format json: the kept rules as plain OCI JSON"
else
	fail "--format json: the kept rules as plain OCI JSON" "$(diag)"
fi
# ... which runs to the same filter as the original, selected the same way.
printf '%s\n' "$OUT" >flat.json
"$SR" export -p ./p.json --caps none --kernel 5.10 -o a.bpf
"$SR" export -p ./flat.json --caps none --kernel 5.10 -o b.bpf
if cmp -s a.bpf b.bpf; then
	ok "--format json: compiles to the same BPF as the profile"
else
	fail "--format json: compiles to the same BPF as the profile" "$(diag)"
fi

finish
