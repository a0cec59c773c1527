# SPDX-License-Identifier: Apache-2.0
# Profile references, resolved the way kubelet does: runtime/default,
# docker/default, unconfined, localhost/NAME and NAME under the root
# (--root, $SECCOMP_RUN_ROOT, /var/lib/kubelet/seccomp), paths, - for stdin,
# $SECCOMP_RUN_PROFILE; no '..' and no absolute names under the root.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# A profile whose effect is visible: getppid -> ENOMSG (or EIDRM in "other").
mkprof() { # FILE ERRNO
	mkdir -p "$(dirname "$1")"
	cat >"$1" <<EOF
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": $2 } ] }
EOF
}
mkprof root/p.json 42
mkprof root/sub/q.json 42
mkprof other/p.json 43
mkprof here.json 42
mkprof dir/there.json 42
ln -s ../here.json root/link.json
HIT=getppid=ENOMSG
OTHER=getppid=EIDRM

# --- built-in and unconfined. runtime/default without caps: unshare EPERM.
DEFAULT_OUT=$(lines unshare=EPERM clone3=ENOSYS getppid=OK)
for ref in runtime/default docker/default; do
	expect "-p $ref is Docker's default profile" 0 "$DEFAULT_OUT" \
		"$SR" --caps none -p "$ref" -- "$PROBE" unshare clone3 getppid
done
expect "no -p and no \$SECCOMP_RUN_PROFILE: runtime/default" 0 "$DEFAULT_OUT" \
	"$SR" --caps none -- "$PROBE" unshare clone3 getppid
expect "the built-in default equals docker-default.json" 0 "$DEFAULT_OUT" \
	"$SR" --caps none -p "$DOCKER_DEFAULT" -- "$PROBE" unshare clone3 getppid
expect "-p unconfined: no filter" 0 "$(lines unshare=OK Seccomp=0)" \
	"$SR" --caps none -p unconfined -- "$PROBE" unshare status:Seccomp
expect "-p unconfined -v says so" 0 "Seccomp=0" \
	"$SR" -v -p unconfined -- "$PROBE" status:Seccomp
stderr_has "unconfined" "unconfined under -v: stderr mentions it"

# --- under the root
expect "localhost/NAME under --root" 0 "$HIT" \
	"$SR" --root "$T/root" -p localhost/p.json -- "$PROBE" getppid
expect "bare NAME under --root" 0 "$HIT" \
	"$SR" --root "$T/root" -p p.json -- "$PROBE" getppid
expect "NAME with a directory (sub/q.json) under --root" 0 "$HIT" \
	"$SR" --root "$T/root" -p sub/q.json -- "$PROBE" getppid
expect "localhost/sub/q.json under --root" 0 "$HIT" \
	"$SR" --root "$T/root" -p localhost/sub/q.json -- "$PROBE" getppid
expect "--root=DIR spelling" 0 "$HIT" \
	"$SR" --root="$T/root" -p p.json -- "$PROBE" getppid
expect "a symlink under the root is followed" 0 "$HIT" \
	"$SR" --root "$T/root" -p link.json -- "$PROBE" getppid
expect "\$SECCOMP_RUN_ROOT" 0 "$HIT" \
	env SECCOMP_RUN_ROOT="$T/root" "$SR" -p localhost/p.json -- "$PROBE" getppid
expect "--root wins over \$SECCOMP_RUN_ROOT" 0 "$OTHER" \
	env SECCOMP_RUN_ROOT="$T/root" "$SR" --root "$T/other" -p p.json -- "$PROBE" getppid
expect "a relative --root is taken from the working directory" 0 "$HIT" \
	"$SR" --root root -p p.json -- "$PROBE" getppid

# --- $SECCOMP_RUN_PROFILE
expect "\$SECCOMP_RUN_PROFILE names the profile" 0 "$HIT" \
	env SECCOMP_RUN_PROFILE=localhost/p.json SECCOMP_RUN_ROOT="$T/root" "$SR" -- "$PROBE" getppid
expect "\$SECCOMP_RUN_PROFILE with a path" 0 "$HIT" \
	env SECCOMP_RUN_PROFILE="$T/here.json" "$SR" -- "$PROBE" getppid
expect "-p wins over \$SECCOMP_RUN_PROFILE" 0 "$OTHER" \
	env SECCOMP_RUN_PROFILE="$T/here.json" "$SR" -p "$T/other/p.json" -- "$PROBE" getppid
expect "-p unconfined wins over a broken \$SECCOMP_RUN_PROFILE" 0 "getppid=OK" \
	env SECCOMP_RUN_PROFILE=/nonexistent/x.json "$SR" -p unconfined -- "$PROBE" getppid
expect_status 125 "a missing \$SECCOMP_RUN_PROFILE file: 125" \
	env SECCOMP_RUN_PROFILE="$T/nonexistent.json" "$SR" -- "$PROBE" getppid
stderr_has "$T/nonexistent.json" "missing \$SECCOMP_RUN_PROFILE: the message names the file"

# --- paths and stdin
expect "absolute path" 0 "$HIT" "$SR" -p "$T/here.json" -- "$PROBE" getppid
expect "./NAME is relative to the working directory" 0 "$HIT" \
	"$SR" --root "$T/root" -p ./here.json -- "$PROBE" getppid
expect "../NAME is relative to the working directory" 0 "$HIT" \
	sh -c 'cd "$1" && exec "$2" -p ../here.json -- "$3" getppid' sh "$T/dir" "$SR" "$PROBE"
expect "./dir/there.json" 0 "$HIT" "$SR" -p ./dir/there.json -- "$PROBE" getppid
expect "- reads the profile from stdin" 0 "$HIT" \
	"$SR" -p - -- "$PROBE" getppid <here.json
expect "- and the program still gets stdin's fd 0" 0 "fds=0,1,2" \
	"$SR" --close-fds -p - -- "$PROBE" fds <here.json
expect_status 125 "- with an empty stdin: 125" "$SR" -p - -- "$PROBE" getppid </dev/null

# --- refused references: 125, nothing ran
refused() { # DESC REF [SR-ARGS...]
	_d=$1 _r=$2
	shift 2
	expect_status 125 "$_d ($_r): 125" "$SR" --root "$T/root" "$@" -p "$_r" -- sh -c "touch '$T/ran'"
	absent "$T/ran" "$_d: nothing ran"
}
refused "'..' element after localhost/" localhost/../root/p.json
refused "'..' element in a bare name" sub/../p.json
refused "'..' as the whole name" ..
refused "'..' at the end" sub/..
refused "absolute name under localhost/" "localhost/$T/root/p.json"
refused "missing file under the root" nosuch.json
stderr_has "$T/root/nosuch.json" "missing file: the message has the absolute path tried"
refused "missing localhost/ file" localhost/nosuch.json
stderr_has "$T/root/nosuch.json" "missing localhost/ file: the message has the absolute path tried"
refused "missing ./ file" ./nosuch.json
stderr_has "$T/nosuch.json" "missing ./ file: the message has the absolute path tried"
refused "a NAME that exists only in the working directory" here.json
stderr_has "$T/root/here.json" "NAME only in cwd: the message has the path tried under the root"
stderr_has "did you mean ./here.json?" "NAME only in cwd: hint 'did you mean ./here.json?'"
refused "a directory as the profile" sub
refused "an empty reference" ""

expect_status 125 "default root /var/lib/kubelet/seccomp: missing file is 125" \
	"$SR" -p no-such-profile-xyz.json -- "$PROBE" getppid
stderr_has "/var/lib/kubelet/seccomp/no-such-profile-xyz.json" \
	"default root: the message names /var/lib/kubelet/seccomp/NAME"

finish
