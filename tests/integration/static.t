# SPDX-License-Identifier: Apache-2.0
# The static build in an empty root filesystem. packaging/container/
# Containerfile is built (by buildah when it is installed; otherwise its
# COPY lines are carried out by hand, and nothing else is accepted in it),
# then an application image on top of it as the Containerfile's comment
# shows: COPY --from, the profile under /var/lib/kubelet/seccomp, and
# ENTRYPOINT ["/seccomp-run", "-p", "app.json", "--"]. Each image's rootfs
# runs under runc, read-only, with seccomp-run as PID 1 and nothing in the
# rootfs but what the image put there.
#
# SR_REQUIRE_TOOLS=buildah (CI) makes a missing buildah a failure.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=runc-lib.sh
. "$_lib_dir/runc-lib.sh"

: "${SECCOMP_RUN_STATIC:=$REPO/seccomp-run-static}"
CF=$REPO/packaging/container/Containerfile

if [ ! -x "$SECCOMP_RUN_STATIC" ]; then
	skip "static binary in an empty container" \
		"no $SECCOMP_RUN_STATIC: 'make static' builds it ('make check' does, but not with SANITIZE=1)"
	finish
fi

# Static: no program interpreter, no shared libraries.
if LC_ALL=C readelf -lW "$SECCOMP_RUN_STATIC" | grep -q 'INTERP' ||
	LC_ALL=C readelf -dW "$SECCOMP_RUN_STATIC" | grep -q '(NEEDED)'; then
	fail "seccomp-run-static is statically linked" "$(readelf -lW "$SECCOMP_RUN_STATIC")"
else
	ok "seccomp-run-static is statically linked (no interpreter, no NEEDED)"
fi
if LC_ALL=C readelf -hW "$SECCOMP_RUN_STATIC" | grep -q 'DYN (Position-Independent'; then
	ok "seccomp-run-static is position-independent (static PIE)"
else
	fail "seccomp-run-static is position-independent (static PIE)" \
		"$(readelf -hW "$SECCOMP_RUN_STATIC" | grep Type)"
fi
expect "seccomp-run-static --version matches seccomp-run's" 0 "$("$SR" --version)" \
	"$SECCOMP_RUN_STATIC" --version

runc_prereqs "static binary in an empty container"

# ------------------------------------------------------------------ images
# An image is $T/img/NAME/{rootfs,entrypoint,cmd}: the root filesystem and
# the exec-form ENTRYPOINT and CMD as JSON arrays.
mkdir -p "$T/img" "$T/ctx" "$T/runc-state"
cp "$SECCOMP_RUN_STATIC" "$T/ctx/seccomp-run-static"
cp "$PROBE_STATIC" "$T/ctx/probe"
# The application's profile: an allow-list. getppid has its own errno,
# anything unlisted gets the default's EPERM, newer syscalls the stub's
# ENOSYS.
cat >"$T/ctx/app.json" <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO",
  "architectures": ["SCMP_ARCH_X86_64"],
  "syscalls": [
    $BASE_RULE,
    { "names": ["getuid", "getpid"], "action": "SCMP_ACT_ALLOW" },
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42 } ] }
EOF
cat >"$T/ctx/App.Containerfile" <<'EOF'
FROM scratch
COPY --from=localhost/seccomp-run:static-t /seccomp-run /seccomp-run
COPY probe /probe
COPY app.json /var/lib/kubelet/seccomp/app.json
ENTRYPOINT ["/seccomp-run", "-p", "app.json", "--"]
CMD ["/probe", "getuid", "getppid", "getgid", "nr:1000", "status:NoNewPrivs"]
EOF

# run_sh CMD...: like run, for shell functions (no timeout)
run_sh() {
	_CMD=$*
	"$@" >"$T/.out" 2>"$T/.err"
	STATUS=$?
	OUT=$(cat "$T/.out")
	ERR=$(cat "$T/.err")
}

img_dir() {
	printf '%s/img/%s' "$T" "$(printf '%s' "$1" | tr -c 'a-zA-Z0-9.\n-' _)"
}

# by_hand CONTAINERFILE TAG: what a builder makes of FROM scratch, COPY
# [--from=TAG] SRC DEST, ENTRYPOINT and CMD in exec form; anything else
# fails, so the file cannot outgrow this stand-in unnoticed. (The builders
# and files() are called through run_sh, hence SC2317.)
# shellcheck disable=SC2317
by_hand() {
	_d=$(img_dir "$2")
	mkdir -p "$_d/rootfs"
	echo '[]' >"$_d/entrypoint"
	echo '[]' >"$_d/cmd"
	_ok=0
	set -f
	while IFS= read -r _l; do
		# shellcheck disable=SC2086 # split the instruction into words
		set -- $_l
		case $_l in
		'' | '#'*) ;;
		'FROM scratch') _ok=1 ;;
		'COPY --from='*' '*' '*)
			_src=$(img_dir "${2#--from=}")/rootfs$3
			mkdir -p "$_d/rootfs$(dirname "$4")"
			cp -p "$_src" "$_d/rootfs$4" || return 1
			;;
		'COPY '*' '*)
			[ $# = 3 ] || { echo "unsupported: $_l"; return 1; }
			mkdir -p "$_d/rootfs$(dirname "$3")"
			cp -p "$T/ctx/$2" "$_d/rootfs$3" || return 1
			;;
		'ENTRYPOINT ['*) printf '%s\n' "${_l#ENTRYPOINT }" >"$_d/entrypoint" ;;
		'CMD ['*) printf '%s\n' "${_l#CMD }" >"$_d/cmd" ;;
		*) echo "unsupported: $_l"; return 1 ;;
		esac
	done <"$1"
	set +f
	[ "$_ok" = 1 ] || { echo "not FROM scratch"; return 1; }
}

# shellcheck disable=SC2317
# by_buildah CONTAINERFILE TAG: build it for real in a private store, then
# copy out its root filesystem and its ENTRYPOINT and CMD.
by_buildah() {
	_d=$(img_dir "$2")
	_ba="buildah --root $T/storage --runroot $T/runroot --storage-driver vfs"
	$_ba bud -q -f "$1" -t "$2" "$T/ctx" >/dev/null || return 1
	_c=$($_ba from "$2") && _m=$($_ba mount "$_c") || return 1
	mkdir -p "$_d/rootfs"
	cp -a "$_m/." "$_d/rootfs/" || return 1
	$_ba inspect --type image "$2" | python3 -c '
import json, sys
c = json.load(sys.stdin)["OCIv1"]["config"]
d = sys.argv[1]
for k in ("Entrypoint", "Cmd"):
    with open("%s/%s" % (d, k.lower() if k == "Cmd" else "entrypoint"), "w") as f:
        f.write(json.dumps(c.get(k) or []) + "\n")
' "$_d" || return 1
	$_ba umount "$_c" >/dev/null && $_ba rm "$_c" >/dev/null
}

if have_tools buildah "the images are built by buildah" buildah python3; then
	builder=buildah
else
	builder=by_hand
	echo "# the images are laid out from the Containerfiles' COPY lines instead"
fi
build() {
	if [ "$builder" = buildah ]; then
		run_sh by_buildah "$1" "$2"
	else
		run_sh by_hand "$1" "$2"
	fi
	if [ "$STATUS" = 0 ]; then ok "$3 ($builder)"; else fail "$3 ($builder)" "$(diag)"; fi
}
build "$CF" localhost/seccomp-run:static-t "packaging/container/Containerfile builds"
build "$T/ctx/App.Containerfile" localhost/app:static-t \
	"an application image builds on it with COPY --from"

BASE=$(img_dir localhost/seccomp-run:static-t)
APP=$(img_dir localhost/app:static-t)
# shellcheck disable=SC2317
files() { (cd "$1/rootfs" && find . -mindepth 1 | LC_ALL=C sort); }
same_files() {
	run_sh files "$2"
	if [ "$OUT" = "$3" ]; then ok "$1"; else fail "$1" "want: $3" "$(diag)"; fi
}
same_files "the seccomp-run image holds the binary and nothing else" "$BASE" "./seccomp-run"
same_files "the application image holds seccomp-run, the profile and the program" "$APP" \
	"$(lines ./probe ./seccomp-run ./var ./var/lib ./var/lib/kubelet \
		./var/lib/kubelet/seccomp ./var/lib/kubelet/seccomp/app.json)"
if cmp -s "$SECCOMP_RUN_STATIC" "$APP/rootfs/seccomp-run"; then
	ok "the application image's /seccomp-run is seccomp-run-static"
else
	fail "the application image's /seccomp-run is seccomp-run-static"
fi
expect "the Containerfile's ENTRYPOINT and CMD" 0 "$(lines '["/seccomp-run"]' '["--help"]')" \
	cat "$BASE/entrypoint" "$BASE/cmd"

# ------------------------------------------------------------- containers
# ctr IMAGE-DIR UID CAPS ARGS-JSON: run ARGS-JSON (null: the image's
# ENTRYPOINT and CMD) in a container of the image, as UID (gid the same),
# with the capability set CAPS (JSON array; null: runc leaves the
# caller's), no_new_privs left to seccomp-run, the rootfs read-only.
_ctr_n=0
ctr() {
	_b=$1 _uid=$2 _caps=$3 _args=$4
	if [ "$_args" = null ]; then
		_args=$(cat "$_b/entrypoint")
		_cmd=$(cat "$_b/cmd")
		[ "$_cmd" != '[]' ] && _args="${_args%]}, ${_cmd#[}"
	fi
	_capjson=
	[ "$_caps" != null ] && _capjson=", \"capabilities\": { \"bounding\": $_caps,
		\"effective\": $_caps, \"permitted\": $_caps }"
	cat >"$_b/config.json" <<EOF
{
	"ociVersion": "1.0.2-dev",
	"process": {
		"terminal": false,
		"user": { "uid": $_uid, "gid": $_uid },
		"args": $_args,
		"env": [ "PATH=/" ],
		"cwd": "/",
		"noNewPrivileges": false$_capjson
	},
	"root": { "path": "rootfs", "readonly": true },
	"hostname": "srstatic",
	"mounts": [ { "destination": "/proc", "type": "proc", "source": "proc" } ],
	"linux": {
		"namespaces": [ { "type": "pid" }, { "type": "ipc" },
		                { "type": "uts" }, { "type": "mount" } ]
	}
}
EOF
	_ctr_n=$((_ctr_n + 1))
	run "$RUNC" --root "$T/runc-state" run --bundle "$_b" "srstatic-$$-$_ctr_n"
}

DOCKER_CAPS='["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD",
	"CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
	"CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE"]'

# Is runc usable here at all? The static probe alone, no seccomp-run: no
# filter, and no_new_privs is not set (so that seccomp-run's is seen).
ctr "$APP" 0 null '["/probe", "getppid", "uname", "status:NoNewPrivs"]'
if [ "$STATUS" != 0 ] || [ "$OUT" != "$(lines getppid=OK uname=EFAULT NoNewPrivs=0)" ]; then
	skip "static binary in an empty container" \
		"runc run does not work here: status $STATUS: $(printf '%s' "$ERR" | head -n 3)"
	finish
fi
ok "control: runc runs the static probe in the application image, unfiltered"

# out_has DESC SUBSTRING: the last run exited 0 and printed SUBSTRING
out_has() {
	case $STATUS:$OUT in
	0:*"$2"*) ok "$1" ;;
	*) fail "$1" "stdout lacks: $2" "$(diag)" ;;
	esac
}
ctr "$BASE" 0 null null
out_has "the seccomp-run image runs as built (--help, PID 1)" "Usage: seccomp-run"
ctr "$BASE" 0 null '["/seccomp-run", "explain", "--caps", "none"]'
out_has "explain runtime/default in the empty image: no files needed" \
	"default action SCMP_ACT_ERRNO(EPERM)"

APP_OUT=$(lines getuid=OK getppid=ENOMSG getgid=EPERM nr:1000=ENOSYS NoNewPrivs=1)
ctr "$APP" 0 null null
if [ "$STATUS" = 0 ] && [ "$OUT" = "$APP_OUT" ] && [ -z "$ERR" ]; then
	ok "application image as root: errnoRet, allowed, default, ENOSYS stub, no_new_privs"
else
	fail "application image as root: errnoRet, allowed, default, ENOSYS stub, no_new_privs" \
		"want: $APP_OUT" "$(diag)"
fi
ctr "$APP" 65534 '[]' null
if [ "$STATUS" = 0 ] && [ "$OUT" = "$APP_OUT" ] && [ -z "$ERR" ]; then
	ok "application image as uid 65534 without capabilities: the same"
else
	fail "application image as uid 65534 without capabilities: the same" \
		"want: $APP_OUT" "$(diag)"
fi

# runtime/default with no profile file anywhere; precompiled for Docker's
# capability set and for none.
ctr "$APP" 0 "$DOCKER_CAPS" \
	'["/seccomp-run", "-v", "--", "/probe", "keyctl", "unshare:0x10000000", "getuid", "nr:1000"]'
expect_in_ctr() {
	if [ "$STATUS" = 0 ] && [ "$OUT" = "$2" ]; then
		case $ERR in
		*"$3"*) ok "$1" ;;
		*) fail "$1" "stderr lacks: $3" "$(diag)" ;;
		esac
	else
		fail "$1" "want: $2" "$(diag)"
	fi
}
expect_in_ctr "runtime/default as root with Docker's capabilities: no file, precompiled" \
	"$(lines keyctl=EPERM unshare:0x10000000=EPERM getuid=OK nr:1000=ENOSYS)" \
	"14 capabilities); default SCMP_ACT_ERRNO(EPERM); arches x86_64,x86,x32; "
case $ERR in
*"(precompiled)"*) ok "runtime/default in the container: the precompiled filter" ;;
*) fail "runtime/default in the container: the precompiled filter" "$(diag)" ;;
esac
ctr "$APP" 65534 '[]' '["/seccomp-run", "-v", "--", "/probe", "keyctl", "unshare:0x10000000", "getuid"]'
expect_in_ctr "runtime/default as uid 65534 without capabilities: no file, precompiled" \
	"$(lines keyctl=EPERM unshare:0x10000000=EPERM getuid=OK)" "(precompiled)"

# Not even /proc: the application image's root filesystem alone, chroot.
run chroot "$APP/rootfs" /seccomp-run -- /probe getuid keyctl
if [ "$STATUS" = 0 ] && [ "$OUT" = "$(lines getuid=OK keyctl=EPERM)" ] && [ -z "$ERR" ]; then
	ok "chroot into the image, no /proc: runtime/default works"
else
	fail "chroot into the image, no /proc: runtime/default works" "$(diag)"
fi

# Exit statuses through the container: not found, a missing profile.
ctr "$APP" 0 null '["/seccomp-run", "--", "/no-such-program"]'
expect_status_is() {
	if [ "$STATUS" = "$1" ]; then ok "$2"; else fail "$2" "expected status $1" "$(diag)"; fi
}
expect_status_is 127 "a program that is not in the image: 127"
ctr "$APP" 0 null '["/seccomp-run", "-p", "missing.json", "--", "/probe", "getuid"]'
expect_status_is 125 "a profile that is not in the image: 125, nothing ran"
stderr_has "/var/lib/kubelet/seccomp/missing.json" "the message names the path it tried"
if [ -z "$OUT" ]; then ok "the program did not run"; else fail "the program did not run" "$(diag)"; fi

finish
