# SPDX-License-Identifier: Apache-2.0
# Warm starts: the compiled-filter cache and the precompiled built-in
# default. Whatever the path, the filter loaded is byte for byte the one a
# fresh compile makes (read back from the running program with getfilter,
# compared with export), the warnings and --strict failures are the same,
# and a cache that is damaged, foreign, unsafe or read-only is passed over:
# run compiles and the program runs as it would have.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# lib.sh gives every test a private cache; here the defaults are tested.
unset SECCOMP_RUN_CACHE_DIR

GETFILTER=$TOOLS/getfilter
C=$T/cache

cat >allow.json <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [ $BASE_RULE,
    { "names": ["getpid", "uname"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
CALLS="getpid getppid mount nr:1000"
WANT=$(lines getpid=OK getppid=ENOMSG mount=EPERM nr:1000=ENOSYS)

# entries DIR: the names of the entries in DIR (not the temporary files)
entries() {
	find "$1" -mindepth 1 -maxdepth 1 -name '[0-9a-f]*' 2>/dev/null | sort
}
# count DIR: how many entries
count() {
	entries "$1" | wc -l | tr -d ' '
}
# origin: what the last run's -v line says of the filter's origin
origin() {
	printf '%s\n' "$ERR" | sed -n 's/.* BPF instructions (\(.*\))$/\1/p'
}
# says DESC TEXT: the last run's origin contains TEXT
says() {
	case $(origin) in
	*"$2"*) ok "$1" ;;
	*) fail "$1" "expected the origin to say: $2" "$(diag)" ;;
	esac
}
# flip FILE OFFSET [MASK]: toggle bits of one byte (the low one), in place
flip() {
	_b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	# shellcheck disable=SC2059 # an octal escape built on purpose
	printf "\\$(printf %o $((_b ^ ${3:-1})))" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# ---------------------------------------------------------- miss, then hit

expect "first run: the program runs under the profile" 0 "$WANT" \
	"$SR" -v --cache-dir "$C" -p ./allow.json -- "$PROBE" $CALLS
says "first run: -v says compiled, cache miss, stored" "compiled; cache miss, stored"
if [ "$(count "$C")" = 1 ]; then ok "first run: one entry"; else
	fail "first run: one entry" "$(ls -la "$C")"; fi
ENTRY=$(entries "$C")
case $(basename "$ENTRY") in
????????????????????????????????????????????????????????????????) ok "the entry is named by a 64-digit hex key" ;;
*) fail "the entry is named by a 64-digit hex key" "$ENTRY" ;;
esac
if [ "$(stat -c %a "$C")" = 700 ] && [ "$(stat -c %a "$ENTRY")" = 600 ]; then
	ok "the directory is created 0700, the entry 0600"
else
	fail "the directory is created 0700, the entry 0600" "$(ls -la "$C")" "$(ls -ld "$C")"
fi
if find "$C" -name '.tmp-*' | grep -q .; then
	fail "no temporary file is left behind" "$(ls -la "$C")"
else
	ok "no temporary file is left behind"
fi
expect "second run: the same outcome" 0 "$WANT" \
	"$SR" -v --cache-dir "$C" -p ./allow.json -- "$PROBE" $CALLS
says "second run: -v says cache hit" "cache hit"
stderr_lacks "compiled" "second run: nothing compiled"
if [ "$(count "$C")" = 1 ]; then ok "second run: still one entry"; else
	fail "second run: still one entry" "$(ls -la "$C")"; fi

run "$PROBE" fds
BASE=$OUT
expect "a cache hit leaves no fd to the program" 0 "$BASE" \
	"$SR" --cache-dir "$C" -p ./allow.json -- "$PROBE" fds
expect "a store leaves no fd to the program" 0 "$BASE" \
	"$SR" --cache-dir "$T/fds-cache" -p ./allow.json -- "$PROBE" fds

# ------------------------------- the loaded filter is a fresh compile's

getfilter_ok=
"$GETFILTER" gf.probe "$SR" --no-cache -p ./allow.json -- "$PROBE" getpid >/dev/null 2>gf.err
case $? in
0) getfilter_ok=1 ;;
3) skip "filters read back with PTRACE_SECCOMP_GET_FILTER" "$(cat gf.err)" ;;
*) fail "getfilter works" "$(cat gf.err)" ;;
esac
# loaded DESC WANT-ORIGIN RUN-OPTIONS -- PROFILE-OPTIONS: run with both
# option sets loads export's bytes for the profile options, and -v says
# WANT-ORIGIN.
loaded() {
	_d=$1 _want=$2
	shift 2
	_run=
	while [ "$1" != -- ]; do _run="$_run $1"; shift; done
	shift
	[ -n "$getfilter_ok" ] || return 0
	rm -f ld.*
	if ! "$SR" export -q "$@" -o ld.export.bpf 2>ld.err; then
		fail "$_d: export" "$(cat ld.err)"
		return
	fi
	# shellcheck disable=SC2086 # $_run is a word list
	run "$SR" -v $_run "$@" -- true
	says "$_d: -v says $_want" "$_want"
	# shellcheck disable=SC2086
	if ! "$GETFILTER" ld.run.bpf "$SR" -q $_run "$@" -- "$PROBE" getpid >/dev/null 2>ld.err; then
		fail "$_d: getfilter" "$(cat ld.err)"
	elif cmp -s ld.export.bpf ld.run.bpf; then
		ok "$_d: the loaded filter is export's, byte for byte ($(($(wc -c <ld.run.bpf) / 8)) instructions)"
	else
		fail "$_d: the loaded filter is export's" "$(cmp ld.export.bpf ld.run.bpf 2>&1)"
	fi
}
loaded "cache hit" "cache hit" --cache-dir "$C" -- -p ./allow.json
loaded "cache hit, --no-enosys" "cache miss, stored" --cache-dir "$C" -- -p ./allow.json --no-enosys
loaded "cache hit, --no-enosys (again)" "cache hit" --cache-dir "$C" -- -p ./allow.json --no-enosys
loaded "Docker's default, kernel 4.0: stored" "stored" --cache-dir "$C" -- \
	-p "$DOCKER_DEFAULT" --caps none --kernel 4.0
loaded "Docker's default, kernel 4.0: hit" "cache hit" --cache-dir "$C" -- \
	-p "$DOCKER_DEFAULT" --caps none --kernel 4.0

# ------------------------------------------------ the precompiled default

DOCKER_CAPS=CAP_CHOWN,CAP_DAC_OVERRIDE,CAP_FSETID,CAP_FOWNER,CAP_MKNOD,CAP_NET_RAW,CAP_SETGID,CAP_SETUID,CAP_SETFCAP,CAP_SETPCAP,CAP_NET_BIND_SERVICE,CAP_SYS_CHROOT,CAP_KILL,CAP_AUDIT_WRITE
loaded "built-in, --caps none" precompiled --no-cache -- --caps none
loaded "built-in, --caps all" precompiled --no-cache -- --caps all
loaded "built-in, Docker's capabilities" precompiled --no-cache -- --caps "$DOCKER_CAPS"
loaded "built-in, --caps none --no-enosys" precompiled --no-cache -- --caps none --no-enosys
loaded "built-in, Docker's capabilities, kernel 5.4" precompiled --no-cache -- \
	--caps "$DOCKER_CAPS" --kernel 5.4
# The key is the selected policy's: the same text from a file is the same.
loaded "Docker's default from a file, --caps none" precompiled --no-cache -- \
	-p "$DOCKER_DEFAULT" --caps none
# Another selection is not in the table: compiled.
loaded "built-in, kernel 4.0 (minKernel 4.8 not met)" "compiled; --no-cache" --no-cache -- \
	--caps none --kernel 4.0
loaded "built-in, CAP_SYS_ADMIN" "compiled; --no-cache" --no-cache -- --caps CAP_SYS_ADMIN
run "$SR" -v --caps none -- true
says "-v names the precompiled filter as such" "precompiled"
stderr_lacks "cache" "-v with a precompiled filter mentions no cache"

# ------------------------------------------- the same diagnostics, warm

cat >warn.json <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO", "bogusKey": 1,
  "syscalls": [ $BASE_RULE,
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 },
    { "names": ["getpid", "no_such_allowed"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["no_such_killed"], "action": "SCMP_ACT_KILL_PROCESS" } ] }
EOF
# stripped: the last run's stderr without the origin, which differs
stripped() {
	printf '%s\n' "$ERR" | sed 's/ BPF instructions (.*)$/ BPF instructions/'
}
run "$SR" -vv --no-cache -p ./warn.json -- "$PROBE" getpid getppid
COLD_OUT=$OUT COLD_ERR=$(stripped) COLD_STATUS=$STATUS
case $COLD_ERR in
*no_such_killed*no_such_allowed*) ok "cold -vv: the warning and the note are there" ;;
*) fail "cold -vv: the warning and the note are there" "$(diag)" ;;
esac
for pass in "storing" "from the cache"; do
	run "$SR" -vv --cache-dir "$C" -p ./warn.json -- "$PROBE" getpid getppid
	if [ "$STATUS" = "$COLD_STATUS" ] && [ "$OUT" = "$COLD_OUT" ] &&
		[ "$(stripped)" = "$COLD_ERR" ]; then
		ok "-vv $pass: the same output as compiling"
	else
		fail "-vv $pass: the same output as compiling" "cold:" "$COLD_ERR" "$(diag)"
	fi
done
says "-vv from the cache: it was a hit" "cache hit"
# Quiet and plain runs too.
for v in -q ""; do
	run "$SR" $v --no-cache -p ./warn.json -- true
	_cold=$ERR
	run "$SR" $v --cache-dir "$C" -p ./warn.json -- true
	if [ "$ERR" = "$_cold" ]; then ok "run ${v:-without -v}: the same stderr warm"; else
		fail "run ${v:-without -v}: the same stderr warm" "cold: $_cold" "$(diag)"; fi
done
# The precompiled default: its note (names libseccomp does not know) too.
run "$SR" -v --no-cache --caps none --kernel 4.0 -- true
_cold=$(stripped)
run "$SR" -v --caps none --kernel 6.0 -- true
says "precompiled: it was" precompiled
if [ "$(stripped | sed 's/kernel 6\.0/kernel 4.0/; s/[0-9]* of \([0-9]*\) rules/N of \1 rules/; s/; [0-9]* BPF/; N BPF/')" = \
	"$(printf '%s\n' "$_cold" | sed 's/[0-9]* of \([0-9]*\) rules/N of \1 rules/; s/; [0-9]* BPF/; N BPF/')" ]; then
	ok "-v with the precompiled default: the same notes as compiling"
else
	fail "-v with the precompiled default: the same notes as compiling" "cold: $_cold" "$(diag)"
fi

# --strict fails the same way warm or cold: an unknown name in a deny rule
# is an error at once, any other warning at the end.
run "$SR" --strict --no-cache -p ./warn.json -- true
_cold_status=$STATUS _cold=$ERR
run "$SR" --strict --cache-dir "$C" -p ./warn.json -- true
if [ "$STATUS" = 125 ] && [ "$_cold_status" = 125 ] && [ "$ERR" = "$_cold" ]; then
	ok "--strict with a cached filter: 125 and the same message as compiling"
else
	fail "--strict with a cached filter: 125 and the same message" "cold ($_cold_status): $_cold" "$(diag)"
fi
case $_cold in *no_such_killed*) ok "--strict: the message names the unknown name" ;;
*) fail "--strict: the message names the unknown name" "$_cold" ;; esac
sed 's/, "no_such_allowed"//; s/"no_such_killed"/"getpgid"/' warn.json >keywarn.json
"$SR" -q --cache-dir "$C" -p ./keywarn.json -- true
run "$SR" --strict --no-cache -p ./keywarn.json -- true
_cold_status=$STATUS _cold=$ERR
run "$SR" --strict --cache-dir "$C" -p ./keywarn.json -- true
if [ "$STATUS" = 125 ] && [ "$_cold_status" = 125 ] && [ "$ERR" = "$_cold" ]; then
	ok "--strict and an unknown key, cached: 125 and the same message as compiling"
else
	fail "--strict and an unknown key, cached" "cold ($_cold_status): $_cold" "$(diag)"
fi
refuses "--strict, a cached filter" --strict --cache-dir "$C" -p ./warn.json

# ----------------------------------------- damaged or foreign: a miss

D=$T/damaged
# -v: the policy's entry alone (see "by the profile's text" below).
"$SR" -v --cache-dir "$D" -p ./allow.json -- true 2>/dev/null
E=$(entries "$D")
# damaged DESC WHY: the run ignores the entry (-v says WHY), the program
# behaves as under the profile, the entry is replaced, and the next run
# hits and loads export's bytes.
damaged() {
	expect "$1: the program runs as under the profile" 0 "$WANT" \
		"$SR" -v --cache-dir "$D" -p ./allow.json -- "$PROBE" $CALLS
	says "$1: -v says the entry is ignored ($2)" "ignored: $2"
	says "$1: -v says a new entry is stored" "stored"
	loaded "$1: then" "cache hit" --cache-dir "$D" -- -p ./allow.json
}
# The header: magic 0-7, format, size, key 16-47, flags 48, optional
# flags, count 56, reserved, digest 64-95; instructions from 96.
flip "$E" 200
damaged "a flipped bit in an instruction" "its digest does not match"
flip "$E" 97 4
damaged "a flipped bit in an opcode" "its digest does not match"
flip "$E" 48 2
damaged "SECCOMP_FILTER_FLAG_LOG flipped in the flags" "its digest does not match"
flip "$E" 48 1
damaged "an unknown flag set" "unknown filter flags"
flip "$E" 70
damaged "a flipped bit in the digest" "its digest does not match"
flip "$E" 56
damaged "a flipped bit in the count" "its size does not match"
flip "$E" 20
damaged "a flipped bit in the key" "made for another key"
flip "$E" 1
damaged "a flipped bit in the magic" "not an entry of this format"
head -c 150 "$E" >short && cat short >"$E"
damaged "truncated" "its size does not match"
: >"$E"
damaged "empty" "shorter than its header"
head -c 1000 /dev/urandom >>"$E"
damaged "garbage appended" "its size does not match"
# An intact entry for another profile, under this one's name.
"$SR" --cache-dir "$D" -p ./warn.json -- true 2>/dev/null
for f in $(entries "$D"); do [ "$f" != "$E" ] && OTHER=$f; done
cat "$OTHER" >"$E"
damaged "another key's entry under this name" "made for another key"

# ----------------------------------------- untrusted: not used

chmod 0666 "$E"
damaged "an entry writable by others" "writable by group or others"
chmod 0777 "$D"
expect "a directory writable by others: the program runs" 0 "$WANT" \
	"$SR" -v --cache-dir "$D" -p ./allow.json -- "$PROBE" $CALLS
says "a directory writable by others: -v says the cache is unusable" \
	"cache unusable: $D: writable by group or others (mode 0777)"
_n=$(count "$D")
"$SR" --cache-dir "$D" -p ./keywarn.json -- true 2>/dev/null
if [ "$(count "$D")" = "$_n" ]; then ok "a directory writable by others: nothing stored"; else
	fail "a directory writable by others: nothing stored" "$(ls -la "$D")"; fi
chmod 0700 "$D"
ln -s "$D" "$T/link"
run "$SR" -v --cache-dir "$T/link" -p ./allow.json -- true
says "a symlink as the directory: unusable" "cache unusable: $T/link: is a symbolic link"
run "$SR" -v --cache-dir "$T/no/such/dir" -p ./allow.json -- true
says "a missing parent: unusable" "cache unusable: $T/no/such/dir: cannot create it"
if [ "$STATUS" = 0 ]; then ok "a missing parent: the program runs"; else
	fail "a missing parent: the program runs" "$(diag)"; fi
if is_root; then
	chown 65534 "$E"
	damaged "an entry owned by another user" "owned by another user"
	chown 65534 "$D"
	run "$SR" -v --cache-dir "$D" -p ./allow.json -- "$PROBE" $CALLS
	if [ "$STATUS" = 0 ] && [ "$OUT" = "$WANT" ]; then
		ok "a directory owned by another user: the program runs"
	else
		fail "a directory owned by another user: the program runs" "$(diag)"
	fi
	says "a directory owned by another user: unusable" "owned by uid 65534, not by uid 0"
	chown 0 "$D"
else
	skip "entries and directories owned by another user" "needs root to chown"
fi

# ------------------------------------------------- read-only: uncached

# A read-only bind mount (root) or a 0500 directory (others): runs
# compile, and say why nothing was stored.
R=$T/ro
mkdir -m 0700 "$R"
if is_root; then
	if unshare -m sh -c "mount --bind '$R' '$R' && mount -o remount,bind,ro '$R' &&
		'$SR' -v --cache-dir '$R' -p ./allow.json -- '$PROBE' $CALLS" >ro.out 2>ro.err; then
		if [ "$(cat ro.out)" = "$WANT" ]; then ok "a read-only cache: the program runs"; else
			fail "a read-only cache: the program runs" "$(cat ro.out ro.err)"; fi
		if grep -q "cache miss, not stored: $R: Read-only file system" ro.err; then
			ok "a read-only cache: -v says nothing was stored, and why"
		else
			fail "a read-only cache: -v says nothing was stored, and why" "$(cat ro.err)"
		fi
	else
		skip "a read-only bind mount" "$(cat ro.err)"
	fi
else
	chmod 0500 "$R"
	run "$SR" -v --cache-dir "$R" -p ./allow.json -- "$PROBE" $CALLS
	if [ "$STATUS" = 0 ] && [ "$OUT" = "$WANT" ]; then ok "a 0500 cache: the program runs"; else
		fail "a 0500 cache: the program runs" "$(diag)"; fi
	says "a 0500 cache: nothing stored, and why" "not stored: $R: Permission denied"
fi

# ---------------------------------------- concurrent runs, one entry each

P=$T/parallel
for i in 1 2 3 4 5 6 7 8; do
	"$SR" --cache-dir "$P" -p ./allow.json -- "$PROBE" $CALLS >par.$i 2>&1 &
done
wait
_bad=
for i in 1 2 3 4 5 6 7 8; do [ "$(cat par.$i)" = "$WANT" ] || _bad="$_bad $i"; done
if [ -z "$_bad" ]; then ok "8 runs at once: each runs as under the profile"; else
	fail "8 runs at once: each runs as under the profile" "runs$_bad:" "$(cat par.*)"; fi
if [ "$(count "$P")" = 2 ] && ! find "$P" -name '.tmp-*' | grep -q .; then
	ok "8 runs at once: two entries (policy and text), no temporary file left"
else
	fail "8 runs at once: two entries (policy and text), no temporary file left" "$(ls -la "$P")"
fi

# ------------------------------------------------- by the profile's text
# Without -v or --strict, run first looks for the filter stored under the
# profile's text and the host facts, which skips parsing. -v always takes
# the long way, so it stores the policy's entry alone.

S=$T/bysource
"$SR" -v --cache-dir "$S" -p ./allow.json -- true 2>/dev/null
POLICY_ENTRY=$(entries "$S")
expect "by text, first run: the program runs under the profile" 0 "$WANT" \
	"$SR" --cache-dir "$S" -p ./allow.json -- "$PROBE" $CALLS
if [ "$(count "$S")" = 2 ]; then ok "by text, first run: a second entry, for the text"; else
	fail "by text, first run: a second entry, for the text" "$(ls -la "$S")"; fi
for f in $(entries "$S"); do [ "$f" != "$POLICY_ENTRY" ] && TEXT_ENTRY=$f; done
if cmp -s "$POLICY_ENTRY" "$TEXT_ENTRY"; then
	fail "by text: its own entry (another key)" "same bytes as the policy's"
else ok "by text: its own entry (another key)"; fi
expect "by text, second run: the same outcome" 0 "$WANT" \
	"$SR" --cache-dir "$S" -p ./allow.json -- "$PROBE" $CALLS
if [ -n "$getfilter_ok" ]; then
	"$SR" export -q -p ./allow.json -o bytext.export.bpf
	if "$GETFILTER" bytext.run.bpf "$SR" -q --cache-dir "$S" -p ./allow.json -- \
		"$PROBE" getpid >/dev/null 2>bytext.err && cmp -s bytext.export.bpf bytext.run.bpf; then
		ok "by text, a hit: the loaded filter is export's, byte for byte"
	else
		fail "by text, a hit: the loaded filter is export's" "$(cat bytext.err)"
	fi
fi
# The entry read is the text's: damaged, it is passed over and replaced.
flip "$TEXT_ENTRY" 200
_before=$(cksum <"$TEXT_ENTRY")
expect "by text, damaged: the program runs as under the profile" 0 "$WANT" \
	"$SR" --cache-dir "$S" -p ./allow.json -- "$PROBE" $CALLS
if [ "$(cksum <"$TEXT_ENTRY")" != "$_before" ]; then ok "by text, damaged: the entry is replaced"
else fail "by text, damaged: the entry is replaced" "$(ls -la "$S")"; fi
# A changed file is another key: never the old filter.
sed 's/"errnoRet": 42/"errnoRet": 43/' allow.json >allow-edit.json
"$SR" --cache-dir "$S" -p ./allow-edit.json -- true
sed 's/"errnoRet": 42/"errnoRet": 44/' allow.json >allow-edit.json
expect "by text: an edited profile is used at once" 0 "getppid=ECHRNG" \
	"$SR" --cache-dir "$S" -p ./allow-edit.json -- "$PROBE" getppid
# Other capabilities and kernels are other keys.
cat >capdep.json <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [ $BASE_RULE,
    { "names": ["getppid"], "action": "SCMP_ACT_ALLOW", "includes": { "caps": ["CAP_SYS_ADMIN"] } },
    { "names": ["getpid"], "action": "SCMP_ACT_ALLOW", "includes": { "minKernel": "5.0" } } ] }
EOF
"$SR" --cache-dir "$S" --caps CAP_SYS_ADMIN -p ./capdep.json -- true
expect "by text, other capabilities: selected for them" 0 "$(lines getppid=EPERM getpid=OK)" \
	"$SR" --cache-dir "$S" --caps none -p ./capdep.json -- "$PROBE" getppid getpid
"$SR" --cache-dir "$S" --caps none --kernel 4.19 -p ./capdep.json -- true
expect "by text, another kernel: selected for it" 0 "$(lines getppid=EPERM getpid=EPERM)" \
	"$SR" --cache-dir "$S" --caps none --kernel 4.19 -p ./capdep.json -- "$PROBE" getppid getpid
expect "by text, --no-enosys: another key" 0 "nr:1000=EPERM" \
	"$SR" --cache-dir "$S" --no-enosys -p ./allow.json -- "$PROBE" nr:1000
# What a run would say is said every time: nothing stored by text.
W=$T/bytext-warn
"$SR" --cache-dir "$W" -p ./warn.json -- true 2>/dev/null
_n=$(count "$W")
run "$SR" --cache-dir "$W" -p ./warn.json -- true
if [ "$_n" = 1 ] && [ "$(count "$W")" = 1 ] && [ -n "$ERR" ]; then
	ok "by text: a profile with warnings is not stored by text, and warns every run"
else
	fail "by text: a profile with warnings is not stored by text, and warns every run" \
		"$_n then $(count "$W") entries" "$(diag)"
fi

# ------------------------------------------- options, and --no-cache

refuses "--cache-dir and --no-cache" --cache-dir "$C" --no-cache -p ./allow.json
stderr_has "exclude each other" "--cache-dir and --no-cache: says why"
"$SR" export -p ./allow.json -o allow.bpf
refuses "--bpf and --cache-dir" --bpf allow.bpf --cache-dir "$C"
refuses "--bpf and --no-cache" --bpf allow.bpf --no-cache
expect_status 125 "explain takes no --cache-dir" "$SR" explain --cache-dir "$C"
stderr_has "--cache-dir is not an option of explain" "explain --cache-dir: says so"
expect_status 125 "export takes no --no-cache" "$SR" export --no-cache -o x.bpf
run "$SR" --help
case $OUT in *--cache-dir*--no-cache*) ok "--help lists --cache-dir and --no-cache" ;;
*) fail "--help lists --cache-dir and --no-cache" "$(diag)" ;; esac

# The name an entry for unique.json gets, from a scratch directory: the
# same in every directory.
printf '{ "defaultAction": "SCMP_ACT_ALLOW", "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": %s } ] }\n' \
	"$(( $$ % 4000 + 1 ))" >unique.json
"$SR" -v --cache-dir "$T/scratch" -p ./unique.json -- true 2>/dev/null
UNIQUE=$(basename "$(entries "$T/scratch")")

# $SECCOMP_RUN_CACHE_DIR is the default --cache-dir, and the options win.
run env SECCOMP_RUN_CACHE_DIR="$T/envcache" "$SR" -v -p ./unique.json -- true
says "\$SECCOMP_RUN_CACHE_DIR: stored there" "cache miss, stored"
if [ -f "$T/envcache/$UNIQUE" ]; then ok "\$SECCOMP_RUN_CACHE_DIR: the entry is in it"
else fail "\$SECCOMP_RUN_CACHE_DIR: the entry is in it" "$(ls -la "$T/envcache" 2>&1)"; fi
run env SECCOMP_RUN_CACHE_DIR="$T/envcache" "$SR" -v --no-cache -p ./unique.json -- true
says "\$SECCOMP_RUN_CACHE_DIR and --no-cache: no cache" "compiled; --no-cache"
run env SECCOMP_RUN_CACHE_DIR="$T/envcache" "$SR" -v --cache-dir "$T/scratch" -p ./unique.json -- true
says "\$SECCOMP_RUN_CACHE_DIR and --cache-dir: the option wins" "cache hit"

if is_root; then
	SYS=/var/cache/seccomp-run
	run "$SR" -v --no-cache -p ./unique.json -- true
	says "root, --no-cache: -v says so" "compiled; --no-cache"
	if [ -e "$SYS/$UNIQUE" ]; then fail "root, --no-cache: nothing written to $SYS" "$(ls -la "$SYS")"
	else ok "root, --no-cache: nothing written to $SYS"; fi
	run "$SR" -v -p ./unique.json -- true
	case $(origin) in
	*"cache unusable"*) skip "root: the default directory $SYS" "$(origin)" ;;
	*)
		says "root: the default directory is $SYS" "stored"
		if [ -f "$SYS/$UNIQUE" ] && [ "$(stat -c %a:%u "$SYS")" = 700:0 ]; then
			ok "root: the entry is in $SYS, a 0700 directory owned by root"
		else
			fail "root: the entry is in $SYS, a 0700 directory owned by root" "$(ls -la "$SYS")"
		fi
		run "$SR" -v -p ./unique.json -- true
		says "root: the second run hits" "cache hit"
		rm -f "$SYS/$UNIQUE"
		;;
	esac
fi

# ---------------------------------- another user: XDG_CACHE_HOME, HOME

if is_root && command -v setpriv >/dev/null &&
	[ "$(setpriv --reuid 65534 --regid 65534 --clear-groups "$PROBE" getpid 2>/dev/null)" = getpid=OK ]; then
	chmod 755 "$T"
	H=$T/home
	mkdir "$H"
	chown 65534:65534 "$H"
	# as_nobody ENV...: seccomp-run -v -p unique.json as uid 65534 with
	# this environment (HOME and XDG_CACHE_HOME unset unless given)
	as_nobody() {
		run env -u HOME -u XDG_CACHE_HOME "$@" setpriv --reuid=65534 --regid=65534 \
			--clear-groups "$SR" -v -p ./unique.json -- "$PROBE" getppid
	}
	as_nobody HOME="$H"
	says "uid 65534, HOME: stored" "cache miss, stored"
	if [ -f "$H/.cache/seccomp-run/$UNIQUE" ] &&
		[ "$(stat -c %a:%u "$H/.cache" "$H/.cache/seccomp-run" | tr '\n' ' ')" = "700:65534 700:65534 " ]; then
		ok "uid 65534, HOME: the entry is in \$HOME/.cache/seccomp-run, created 0700"
	else
		fail "uid 65534, HOME: the entry is in \$HOME/.cache/seccomp-run, created 0700" \
			"$(ls -laR "$H")"
	fi
	as_nobody HOME="$H"
	says "uid 65534, HOME: the second run hits" "cache hit"
	case $OUT in getppid=E*) ok "uid 65534: the program ran under the profile" ;;
	*) fail "uid 65534: the program ran under the profile" "$(diag)" ;; esac
	as_nobody HOME="$H" XDG_CACHE_HOME="$H/xdg"
	says "uid 65534, XDG_CACHE_HOME: stored" "cache miss, stored"
	if [ -f "$H/xdg/seccomp-run/$UNIQUE" ]; then
		ok "uid 65534, XDG_CACHE_HOME: the entry is in \$XDG_CACHE_HOME/seccomp-run"
	else
		fail "uid 65534, XDG_CACHE_HOME: the entry is in \$XDG_CACHE_HOME/seccomp-run" \
			"$(ls -laR "$H")"
	fi
	as_nobody HOME="$H" XDG_CACHE_HOME=relative/dir
	says "uid 65534, a relative XDG_CACHE_HOME is ignored: HOME's hits" "cache hit"
	as_nobody
	says "uid 65534, neither set: no cache" \
		"cache unusable: neither XDG_CACHE_HOME nor HOME is an absolute path"
	run env HOME="$H/nc" setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$SR" -v --no-cache -p ./unique.json -- true
	if [ -e "$H/nc" ]; then fail "uid 65534, --no-cache: nothing created" "$(ls -laR "$H/nc")"
	else ok "uid 65534, --no-cache: nothing created"; fi
	# Read-only for its owner: compiles, says why nothing was stored.
	mkdir -m 0500 "$H/ro"
	chown 65534 "$H/ro"
	run setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$SR" -v --cache-dir "$H/ro" -p ./allow.json -- "$PROBE" $CALLS
	if [ "$STATUS" = 0 ] && [ "$OUT" = "$WANT" ]; then ok "uid 65534, a 0500 cache: the program runs"
	else fail "uid 65534, a 0500 cache: the program runs" "$(diag)"; fi
	says "uid 65534, a 0500 cache: nothing stored, and why" "not stored: $H/ro: Permission denied"
	# Root's cache is not another user's.
	run setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$SR" -v --cache-dir "$C" -p ./allow.json -- true
	says "uid 65534, root's directory: unusable" "cache unusable: $C: cannot open it: Permission denied"
	chmod 0755 "$C"
	run setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$SR" -v --cache-dir "$C" -p ./allow.json -- true
	says "uid 65534, root's directory it can read: unusable" \
		"cache unusable: $C: owned by uid 0, not by uid 65534"
	chmod 0700 "$C"
else
	skip "the defaults for another user" "needs root, setpriv and a probe uid 65534 can run"
fi

finish
