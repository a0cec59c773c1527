# SPDX-License-Identifier: Apache-2.0
# File descriptors: none of seccomp-run's own reach the program; inherited
# ones pass through (socket activation); --close-fds closes those above 2
# except the first N of --preserve-fds N.
# The harness itself may inherit fds (make's jobserver, a CI runner), so the
# pass-through checks compare with the probe run directly.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

cat >allow.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF

run "$PROBE" fds
BASE=$OUT
case $BASE in
fds=0,1,2*) ok "control: the probe lists its fds ($BASE)" ;;
*) fail "control: the probe lists its fds" "$(diag)" ;;
esac

for ref in ./allow.json runtime/default unconfined; do
	expect "-p $ref: the program sees exactly the fds it inherited" 0 "$BASE" \
		"$SR" -p "$ref" -- "$PROBE" fds
done
expect "-p - (profile on stdin): no leftover fd either" 0 "$BASE" \
	"$SR" -p - -- "$PROBE" fds <allow.json
expect "-v: no leftover fd" 0 "$BASE" "$SR" -v -p ./allow.json -- "$PROBE" fds
expect "a profile found under --root: no leftover fd" 0 "$BASE" \
	"$SR" --root "$T" -p allow.json -- "$PROBE" fds

# An inherited fd passes through untouched.
run "$PROBE" fds 5>/dev/null 7</dev/null
BASE57=$OUT
if echo ",${BASE57#fds=}," | grep -q ',5,' && echo ",${BASE57#fds=}," | grep -q ',7,'; then
	ok "control: fds 5 and 7 reach the probe directly"
else
	fail "control: fds 5 and 7 reach the probe directly" "$(diag)"
fi
expect "inherited fds 5 and 7 pass through" 0 "$BASE57" \
	"$SR" -p ./allow.json -- "$PROBE" fds 5>/dev/null 7</dev/null
expect "inherited fds pass through with a profile on stdin" 0 "$BASE57" \
	"$SR" -p - -- "$PROBE" fds 5>/dev/null 7</dev/null <allow.json

# An inherited fd is usable: write through fd 5 into a file.
expect "an inherited fd stays open and writable" 0 "" \
	"$SR" -p ./allow.json -- sh -c 'echo through-fd-5 >&5' 5>"$T/fd5.txt"
if [ "$(cat "$T/fd5.txt")" = through-fd-5 ]; then ok "fd 5 content arrived"; else
	fail "fd 5 content arrived" "got: $(cat "$T/fd5.txt")"; fi

expect "--close-fds: only 0, 1, 2 remain" 0 "fds=0,1,2" \
	"$SR" --close-fds -p ./allow.json -- "$PROBE" fds 3>/dev/null 5>/dev/null 7</dev/null
expect "--close-fds with unconfined" 0 "fds=0,1,2" \
	"$SR" --close-fds -p unconfined -- "$PROBE" fds 5>/dev/null
expect "--close-fds --preserve-fds 1 keeps fd 3" 0 "fds=0,1,2,3" \
	"$SR" --close-fds --preserve-fds 1 -p ./allow.json -- "$PROBE" fds 3>/dev/null 5>/dev/null 7</dev/null
expect "--close-fds --preserve-fds 2 keeps fds 3 and 4" 0 "fds=0,1,2,3,4" \
	"$SR" --close-fds --preserve-fds 2 -p ./allow.json -- "$PROBE" fds 3>/dev/null 4>/dev/null 5>/dev/null
expect "--close-fds --preserve-fds 3 with only fd 3 and 5 open keeps both" 0 "fds=0,1,2,3,5" \
	"$SR" --close-fds --preserve-fds 3 -p ./allow.json -- "$PROBE" fds 3>/dev/null 5>/dev/null 7>/dev/null
expect "--preserve-fds 1 alone implies --close-fds (runc's spelling; see --help)" 0 "fds=0,1,2,3" \
	"$SR" --preserve-fds 1 -p ./allow.json -- "$PROBE" fds 3>/dev/null 5>/dev/null
expect "--close-fds --preserve-fds 0: like --close-fds" 0 "fds=0,1,2" \
	"$SR" --close-fds --preserve-fds 0 -p ./allow.json -- "$PROBE" fds 3>/dev/null
expect "--close-fds with the profile on stdin (fd 0 stays)" 0 "fds=0,1,2" \
	"$SR" --close-fds -p - -- "$PROBE" fds 5>/dev/null <allow.json
expect "--close-fds keeps the filter" 0 "$(lines fds=0,1,2 getppid=ENOMSG)" \
	"$SR" --close-fds -p ./allow.json -- "$PROBE" fds getppid 5>/dev/null
expect_status 125 "--preserve-fds -1 is refused" \
	"$SR" --close-fds --preserve-fds -1 -p ./allow.json -- "$PROBE" fds

# A closed stdin/stdout/stderr stays closed, or seccomp-run's own files
# would take those numbers in the program.
expect "stdin closed: the program sees no fd 0" 0 "$(echo "$BASE" | sed 's/^fds=0,/fds=/')" \
	"$SR" -p ./allow.json -- "$PROBE" fds <&-
expect "stdin closed and a profile file: fd 0 is not the profile" 0 \
	"$(echo "$BASE" | sed 's/^fds=0,/fds=/')" \
	"$SR" -p "$T/allow.json" -- "$PROBE" fds <&-

finish
