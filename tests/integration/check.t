#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# check: every finding code on a fixture made for it (tests/check/NAME.json
# with the exact findings and status in NAME.expect), the seed tutorials'
# mistakes, every real-world profile, operands, --ignore, --format json,
# -q, and the exit statuses.
. "$(dirname "$0")/lib.sh"

FIX=$REPO/tests/check

# "PATH CODE" per finding ("-" when the finding has no JSON path), sorted.
findings() {
	printf '%s\n' "$OUT" |
		sed -n 's/^[^:]*: \(\([^ :]*\): \)\{0,1\}\(note\|warning\|error\): .*\[\([a-z-]*\)\]$/\2 \4/p' |
		sed 's/^ /- /' | sort
}

# ------------------------------------------------ one fixture per finding
cd "$FIX" || exit 1
for f in *.json; do
	n=${f%.json}
	run "$SR" check "$f"
	want_status=$(sed -n 's/^status //p' "$n.expect")
	want=$(sed '1d' "$n.expect")
	got=$(findings)
	if [ "$STATUS" != "$want_status" ]; then
		fail "$n: status $want_status" "got $STATUS" "$(diag)"
	elif [ "$got" != "$want" ]; then
		fail "$n: the expected findings" "$(printf 'want| %s\n' "$want")" "$(diag)"
	else
		ok "$n: status $want_status and exactly: $(echo $want | tr -d '\n')"
	fi
done
cd "$T" || exit 1

# Messages say what happens, not just that something is odd.
run "$SR" check "$FIX/masked-eq.json"
case $OUT in
*"(arg1 & 0x406) == 0x402"*) ok "masked-eq-datum: says what libseccomp really compares" ;;
*) fail "masked-eq-datum: says what libseccomp really compares" "$(diag)" ;;
esac
case $OUT in
*"(arg1 & 0x40) == 0"*) ok "masked-eq-no-datum: says what the rule matches" ;;
*) fail "masked-eq-no-datum: says what the rule matches" "$(diag)" ;;
esac
run "$SR" check "$FIX/unknown-syscall.json"
case $OUT in
*"did you mean 'open'?"*) ok "unknown-syscall: suggests the nearest name" ;;
*) fail "unknown-syscall: suggests the nearest name" "$(diag)" ;;
esac
run "$SR" check "$FIX/int-arg.json"
case $OUT in
*"0x100000010"*) ok "int-arg: names a value that escapes the rule" ;;
*) fail "int-arg: names a value that escapes the rule" "$(diag)" ;;
esac
# ... and that value really escapes it: the kernel truncates socket's
# domain to an int, the filter compares 64 bits.
expect "int-arg: the bypass is real (the kernel sees domain 16)" 0 \
	"$(lines socket:16,3,0=EPERM socket:0x100000010,3,0=OK)" \
	"$SR" -p "$FIX/int-arg.json" -- "$PROBE" socket:16,3,0 socket:0x100000010,3,0

# sibling-allowed: fchmodat really is allowed next to the denied chmod.
expect "sibling-allowed: chmod denied, fchmodat allowed under run" 0 \
	"$(lines chmod:@/nonexistent,0=EPERM fchmodat:-1,@nonexistent,0=EBADF)" \
	"$SR" -p "$FIX/sibling-allowed.json" -- "$PROBE" chmod:@/nonexistent,0 \
	fchmodat:-1,@nonexistent,0

# execve-denied agrees with run, which refuses with 126.
expect_status 126 "execve-denied: run refuses the same profile with 126" \
	"$SR" -p "$FIX/execve-denied.json" -- "$PROBE" getpid

# --arch: `open` exists on x86_64 but not on aarch64.
cat >open.json <<'JSON'
{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
 {"names": ["open", "openat", "execve", "exit", "exit_group", "rt_sigreturn"], "action": "SCMP_ACT_ALLOW"},
 {"names": ["clone3", "faccessat2", "close_range", "openat2", "fchmodat2"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38}]}
JSON
expect "open, native: clean" 0 "*" "$SR" check open.json
run "$SR" check --arch aarch64 open.json
case $OUT in
*"syscalls[0].names[0]: warning: 'open' exists on none of the profile's architectures"*"[other-arch]"*)
	ok "open, --arch aarch64: other-arch" ;;
*) fail "open, --arch aarch64: other-arch" "$(diag)" ;;
esac

# 50 conditions on one index: 50 libseccomp rules (runc's OR), more than
# any fixed bound would hold.
args=
i=0
while [ $i -lt 50 ]; do
	args="$args${args:+, }{\"index\": 0, \"value\": $i, \"op\": \"SCMP_CMP_EQ\"}"
	i=$((i + 1))
done
printf '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["socket"], "action": "SCMP_ACT_ERRNO", "args": [%s]}]}\n' \
	"$args" >manyargs.json
run "$SR" check manyargs.json
case $STATUS:$OUT in
1:*"[int-arg]"*) ok "50 conditions on one index: checked" ;;
*) fail "50 conditions on one index: checked" "$(diag)" ;;
esac

# --------------------------------------------------- the seed tutorials
if [ -d "$SHARED/seeds" ]; then
	mkdir seeds
	for s in "$SHARED"/seeds/0*.txt; do
		b=$(basename "$s" .txt)
		awk -v dir=seeds -v pre="${b%%_*}" -v yaml_ind=-1 \
			-f "$REPO/tests/seeds/extract.awk" "$s"
	done
	grep -v '^#' "$REPO/tests/seeds/expect" | while read -r block codes; do
		if [ ! -f "seeds/$block.json" ]; then
			fail "seed $block: extracted" "no seeds/$block.json"
			continue
		fi
		run "$SR" check "seeds/$block.json"
		got=$(findings | cut -d' ' -f2 | sort -u | tr '\n' ' ')
		missing=
		for c in $codes; do
			case " $got" in *" $c "*) ;; *) missing="$missing $c" ;; esac
		done
		if [ "$STATUS" = 1 ] && [ -z "$missing" ]; then
			ok "seed $block: $codes"
		else
			fail "seed $block: $codes" "missing:$missing (status $STATUS)" "$(diag)"
		fi
	done
	n=$(ls seeds | wc -l)
	want=$(grep -vc '^#' "$REPO/tests/seeds/expect")
	if [ "$n" -eq "$want" ]; then
		ok "every seed profile has expectations ($n)"
	else
		fail "every seed profile has expectations" "$n extracted, $want expected"
	fi
	# 004 says ERRNO kills the process: check says what really happens.
	run "$SR" check seeds/004-2.json
	case $OUT in
	*"other syscalls fail with an error; nothing is killed"*) ok "seed 004: ERRNO does not kill, says check" ;;
	*) fail "seed 004: ERRNO does not kill, says check" "$(diag)" ;;
	esac
else
	skip "seed tutorials" "no $SHARED/seeds"
fi

# ------------------------------------------------ real-world profiles
# Every one is checked (no crash, status 0 or 1, a summary line); the
# shared violation.json is the Kubernetes tutorial's execve-denying one.
for f in "$SHARED"/profiles/*.json "$REPO"/examples/*.json "$DOCKER_DEFAULT"; do
	n=$(basename "$f")
	run "$SR" check "$f"
	case $STATUS in
	0 | 1) ok "$n: checked (status $STATUS)" ;;
	*) fail "$n: checked" "$(diag)" ;;
	esac
done
run "$SR" check "$SHARED/profiles/violation.json"
case $OUT in
*"[execve-denied]"*) ok "violation.json: execve-denied" ;;
*) fail "violation.json: execve-denied" "$(diag)" ;;
esac
expect "the examples are clean" 0 "*" "$SR" check -q "$REPO"/examples/*.json
stderr_lacks "seccomp-run" "the examples: nothing on stderr"

# --------------------------------------------------- operands and options
run "$SR" check
case $OUT in
runtime/default:*) ok "no operand: findings name runtime/default" ;;
*) fail "no operand: findings name runtime/default" "$(diag)" ;;
esac
cp "$FIX/clean.json" here.json
expect_status 0 "a bare operand is a file here, not under the root" "$SR" check here.json
mkdir root && cp "$FIX/clean.json" root/there.json
expect_status 0 "localhost/NAME is under --root" "$SR" check --root root localhost/there.json
expect_status 125 "a missing file: 125" "$SR" check nonexistent.json
stderr_has "nonexistent.json" "a missing file: named on stderr"
expect_status 125 "one missing among good ones: 125" "$SR" check here.json nonexistent.json
case $OUT in
*"here.json: ok"*) ok "one missing among good ones: the others are still checked" ;;
*) fail "one missing among good ones: the others are still checked" "$(diag)" ;;
esac
expect_status 1 "findings in one of two: 1" "$SR" check here.json "$FIX/comments.json"
expect_status 0 "--ignore silences a code" "$SR" check --ignore comments "$FIX/comments.json"
expect_status 0 "--ignore takes a list" \
	"$SR" check --ignore=int-arg,conflict "$FIX/conflict.json"
expect_status 125 "--ignore with an unknown code: 125" "$SR" check --ignore comment here.json
stderr_has "unknown finding code 'comment'" "--ignore with an unknown code: says which"
expect_status 125 "--format yaml: 125" "$SR" check --format yaml here.json
expect_status 125 "-o is not an option of check" "$SR" check -o x here.json
run "$SR" check -q "$FIX/flags.json"
if [ "$STATUS" = 0 ] && [ -z "$OUT" ]; then
	ok "-q: notes and summaries hidden"
else
	fail "-q: notes and summaries hidden" "$(diag)"
fi
expect_status 1 "--no-enosys: the stub no longer hides the fallbacks" \
	"$SR" check --no-enosys "$FIX/clean.json" "$FIX/enosys-fallback-nostub.json"
expect_status 0 "--caps none: a profile is still checked" "$SR" check --caps none here.json

# ------------------------------------------------------------ --format json
run "$SR" check --format json "$FIX/masked-eq.json" here.json nonexistent.json
if [ "$STATUS" = 125 ] && printf '%s\n' "$OUT" | python3 -c '
import json, sys
v = json.load(sys.stdin)
assert [p["status"] for p in v] == ["findings", "clean", "error"], v
codes = sorted(f["code"] for f in v[0]["findings"])
assert codes == ["masked-eq-datum", "masked-eq-mask", "masked-eq-no-datum", "value-two-unused"], codes
f = [f for f in v[0]["findings"] if f["code"] == "masked-eq-datum"][0]
assert f["severity"] == "warning" and f["path"] == "syscalls[2].args[0]", f
assert "nonexistent.json" in v[2]["error"], v[2]
'; then
	ok "--format json: one object per profile, findings typed"
else
	fail "--format json: one object per profile, findings typed" "$(diag)"
fi

finish
