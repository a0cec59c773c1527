# SPDX-License-Identifier: Apache-2.0
# packaging/kubernetes, without a cluster: yamllint; the fields of every
# manifest against the API's (tests/k8s-manifests.py: names, types, enum
# values, and what the manifests must agree on); kubectl kustomize when
# kubectl is installed; the ConfigMap's profiles through seccomp-run
# check. Then the installer for real against temporary directories laid
# out as the kubelet lays out a ConfigMap volume and the node's hostPath:
# its copy script (one pass, updates, nothing rewritten needlessly,
# atomic), and as root its privilege split (the init container's chown
# with CAP_CHOWN alone, the copy as uid 65532 with no capability, which
# cannot write anywhere else in the profile root). Last, the installed
# profile as both Pods use it: under runc as containerd hands a
# localhostProfile to runc, and through seccomp-run with the shim Pod's
# command and the ConfigMap mounted where it mounts it.
#
# SR_REQUIRE_TOOLS=yamllint (CI) makes a missing yamllint a failure.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=runc-lib.sh
. "$_lib_dir/runc-lib.sh"

K=$REPO/packaging/kubernetes
CHECKER=$REPO/tests/k8s-manifests.py
DS=$K/installer-daemonset.yaml

if have_tools yamllint "yamllint" yamllint; then
	run yamllint -s -c "$K/.yamllint" "$K"
	if [ "$STATUS" = 0 ] && [ -z "$OUT" ]; then
		ok "yamllint -s (packaging/kubernetes/.yamllint): clean"
	else
		fail "yamllint -s (packaging/kubernetes/.yamllint): clean" "$(diag)"
	fi
fi

if ! python3 -c 'import yaml' 2>/dev/null; then
	case ",${SR_REQUIRE_TOOLS:-}," in
	*,yamllint,*) fail "python3 with yaml (python3-yaml)" ;;
	*) skip "the manifests" "python3 cannot import yaml (python3-yaml)" ;;
	esac
	finish
fi

run python3 "$CHECKER" check "$K"/*.yaml
n=0
while IFS="$(printf '\t')" read -r verdict what why; do
	n=$((n + 1))
	case $verdict in
	PASS) ok "$what" ;;
	*) fail "$what" "$why" ;;
	esac
done <<EOF
$OUT
EOF
if [ "$STATUS" -gt 1 ] || [ "$n" -lt 15 ]; then
	fail "tests/k8s-manifests.py check ran ($n checks)" "$(diag)"
fi

if command -v kubectl >/dev/null 2>&1; then
	# kubectl apply --dry-run=client needs an API server for discovery even
	# with --validate=false; kustomize builds offline.
	run kubectl kustomize "$K"
	kinds=$(printf '%s\n' "$OUT" | python3 -c '
import sys, yaml
print(" ".join(sorted(d["kind"] for d in yaml.safe_load_all(sys.stdin) if d)))')
	if [ "$STATUS" = 0 ] && [ "$kinds" = "ConfigMap DaemonSet" ]; then
		ok "kubectl kustomize packaging/kubernetes: the ConfigMap and the DaemonSet"
	else
		fail "kubectl kustomize packaging/kubernetes: the ConfigMap and the DaemonSet" \
			"kinds: $kinds" "$(diag)"
	fi
else
	skip "kubectl kustomize packaging/kubernetes" "no kubectl (not a Debian package here)"
fi

# ------------------------------------------------------------- profiles
mkdir cm-data
python3 "$CHECKER" configmap "$K/profiles-configmap.yaml" cm-data
for f in cm-data/*.json; do
	expect "ConfigMap profile $(basename "$f"): seccomp-run check is clean" 0 '*' \
		"$SR" check "$f"
	ex=$REPO/examples/$(basename "$f")
	if [ -f "$ex" ]; then
		if cmp -s "$f" "$ex"; then
			ok "ConfigMap profile $(basename "$f") is examples/$(basename "$f"), byte for byte"
		else
			fail "ConfigMap profile $(basename "$f") is examples/$(basename "$f")" \
				"$(diff "$ex" "$f" | head)"
		fi
	fi
done

# ------------------------------------------------------------ installer
# A ConfigMap volume as the kubelet writes it: the data in a timestamped
# directory, ..data pointing at it, each key a symlink through ..data;
# plus a second profile and a file the installer must leave alone.
# configmap_version STAMP: a new version, switched to atomically
configmap_version() {
	mkdir "cm/..$1"
	cp cm-data/*.json "cm/..$1/"
	echo '{ "defaultAction": "SCMP_ACT_ALLOW" }' >"cm/..$1/other.json"
	echo 'not a profile' >"cm/..$1/README"
	ln -s "..$1" "cm/..data_tmp"
	mv -T "cm/..data_tmp" "cm/..data"
}
mkdir cm
configmap_version 2026_11_24_00_00_00.000000001
for f in cm/..data/*; do
	ln -s "..data/$(basename "$f")" "cm/$(basename "$f")"
done
NODE=$T/node/var/lib/kubelet/seccomp
DST=$NODE/seccomp-run
mkdir -p "$DST"

script=$(python3 "$CHECKER" script "$DS" install-profiles)
interval=$(python3 "$CHECKER" env "$DS" install-profiles | sed -n 's/^INTERVAL=//p')
case $interval in
'' | *[!0-9]*) fail "the installer's INTERVAL is a number of seconds" "INTERVAL=$interval" ;;
*) ok "the installer's INTERVAL is a number of seconds ($interval)" ;;
esac
# install [WRAPPER...]: one pass of the installer's own script
install() {
	run "$@" env -i PATH="$PATH" SRC="$T/cm" DST="$DST" INTERVAL=0 sh -c "$script"
}
install
expect_out() {
	if [ "$STATUS" = 0 ] && [ "$OUT" = "$2" ]; then ok "$1"; else fail "$1" "want: $2" "$(diag)"; fi
}
expect_out "one pass: installs every *.json, says which" \
	"$(lines "installed $DST/other.json" "installed $DST/web-server.json")"
same_dir() {
	_got=$(cd "$DST" && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort | tr '\n' ' ')
	if [ "$_got" = "other.json web-server.json " ] &&
		cmp -s "$DST/web-server.json" cm-data/web-server.json &&
		cmp -s "$DST/other.json" cm/other.json; then
		ok "$1"
	else
		fail "$1" "in $DST: $_got"
	fi
}
same_dir "the node directory: the profiles, the same bytes, no temporary file, no README"
modes=$(stat -c '%a %n' "$DST"/* | sed "s|$DST/||" | tr '\n' ' ')
if [ "$modes" = "644 other.json 644 web-server.json " ]; then
	ok "profiles are 0644"
else
	fail "profiles are 0644" "$modes"
fi
inode=$(stat -c %i "$DST/web-server.json")
install
expect_out "a second pass with nothing new: writes nothing" ""
if [ "$(stat -c %i "$DST/web-server.json")" = "$inode" ]; then
	ok "the file was left alone (same inode)"
else
	fail "the file was left alone (same inode)"
fi

# The ConfigMap changes: the kubelet switches ..data.
sed 's/"SCMP_ACT_ALLOW"/"SCMP_ACT_LOG"/' cm/other.json >other.new
configmap_version 2026_11_24_00_05_00.000000002
cp other.new "cm/..data/other.json"
install
expect_out "after a ConfigMap update: installs the changed profile only" "installed $DST/other.json"
if cmp -s "$DST/other.json" other.new && [ -z "$(find "$DST" -name '.*')" ]; then
	ok "the new content is in place, renamed over the old (no temporary file)"
else
	fail "the new content is in place, renamed over the old" "$(ls -lA "$DST")"
fi

# ------------------------------------------------- privileges, as root
if ! is_root || ! command -v setpriv >/dev/null 2>&1; then
	skip "the installer's privilege split" "needs root and setpriv"
else
	chmod 0755 "$T"
	rm -rf "$T/node"
	mkdir -p "$DST" # as the kubelet's DirectoryOrCreate: root, 0755
	chmod 0755 "$T/node" "$T/node/var" "$T/node/var/lib" "$T/node/var/lib/kubelet" "$NODE" "$DST"
	chmod -R a+rX "$T/cm"
	# The init container's command, /install being the hostPath mount.
	initcmd=$(python3 "$CHECKER" command "$DS" own-install-dir | sed "s|^/install\$|$DST|" |
		paste -sd' ' -)
	# shellcheck disable=SC2086 # a word list
	run setpriv --bounding-set=-all --inh-caps=-all --no-new-privs $initcmd
	if [ "$STATUS" != 0 ] && [ "$(stat -c %u "$DST")" = 0 ]; then
		ok "the init container's '$initcmd' fails as root without CAP_CHOWN"
	else
		fail "the init container's '$initcmd' fails as root without CAP_CHOWN" "$(diag)"
	fi
	# shellcheck disable=SC2086
	run setpriv --bounding-set=-all,+chown --inh-caps=-all --no-new-privs $initcmd
	if [ "$STATUS" = 0 ] && [ "$(stat -c %u:%g "$DST")" = 65532:65532 ]; then
		ok "with CAP_CHOWN alone it gives the directory to 65532:65532"
	else
		fail "with CAP_CHOWN alone it gives the directory to 65532:65532" \
			"owner $(stat -c %u:%g "$DST")" "$(diag)"
	fi
	AS_INSTALLER="setpriv --reuid=65532 --regid=65532 --clear-groups --bounding-set=-all
		--inh-caps=-all --no-new-privs"
	# shellcheck disable=SC2086
	install $AS_INSTALLER
	expect_out "the copy as uid 65532 with no capability installs the profiles" \
		"$(lines "installed $DST/other.json" "installed $DST/web-server.json")"
	same_dir "the node directory: the profiles, nothing else"
	owners=$(stat -c %u:%g "$DST"/* | sort -u)
	if [ "$owners" = 65532:65532 ]; then
		ok "the profiles belong to 65532:65532, the directory's owner"
	else
		fail "the profiles belong to 65532:65532, the directory's owner" "$owners"
	fi
	# shellcheck disable=SC2086
	run $AS_INSTALLER sh -c "echo '{}' >'$NODE/evil.json'"
	if [ "$STATUS" != 0 ] && [ ! -e "$NODE/evil.json" ]; then
		ok "uid 65532 cannot write anywhere else in the profile root"
	else
		fail "uid 65532 cannot write anywhere else in the profile root" "$(diag)"
	fi
fi

# ------------------------------------------------------------ the Pods
# The shim Pod: its command, the ConfigMap volume mounted at
# ROOT/seccomp-run, the program in place of nginx.
# shellcheck disable=SC2046 # four words, none with a space
set -- $(python3 "$CHECKER" command "$K/pod-shim.yaml" nginx | head -n 4)
if [ "$1" = /seccomp-run ] && [ "$2" = -p ] && [ "$4" = -- ]; then
	REF=$3
	mkdir podroot
	ln -s "$T/cm" "podroot/$(dirname "$REF")"
	CALLS="socket:2,1,0 uname getppid unshare:0x10000000 mount ptrace"
	WANT=$(lines socket:2,1,0=OK uname=EFAULT getppid=OK unshare:0x10000000=EPERM \
		mount=EPERM ptrace=EPERM)
	# shellcheck disable=SC2086
	run env SECCOMP_RUN_ROOT="$T/podroot" "$SR" -p "$REF" -- "$PROBE" $CALLS
	expect_out "shim Pod: seccomp-run -p $REF reads the mounted ConfigMap and applies it" "$WANT"
else
	fail "shim Pod: its command is /seccomp-run -p REF --" "$*"
fi

# The Localhost Pod: containerd reads the installed file as a plain OCI
# linux.seccomp (its fields alone) and runc loads it before the program.
if is_root && command -v runc >/dev/null 2>&1 && is_x86_64 && [ -x "$PROBE_STATIC" ] &&
	[ -f "$DST/web-server.json" ]; then
	runc_prereqs "Localhost Pod under runc"
	python3 - "$DST/web-server.json" >oci.json <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
keep = ("defaultAction", "defaultErrnoRet", "architectures", "flags",
        "listenerPath", "listenerMetadata", "syscalls")
rule = ("names", "action", "errnoRet", "args")
p = {k: v for k, v in p.items() if k in keep}
p["syscalls"] = [{k: v for k, v in r.items() if k in rule} for r in p.get("syscalls", [])]
json.dump(p, sys.stdout)
PY
	runc_bundle "$T/bundle"
	runc_usable "Localhost Pod under runc"
	# shellcheck disable=SC2086
	runc_run oci.json $CALLS
	expect_out "Localhost Pod: runc starts the container under the installed profile, same verdicts" \
		"$WANT"
else
	skip "Localhost Pod under runc" "needs root, runc, x86_64 and the static probe"
fi

finish
