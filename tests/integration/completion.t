# SPDX-License-Identifier: Apache-2.0
# packaging/completion/seccomp-run.bash against the sources it copies its
# lists from and against what the binary accepts, so that neither can drift:
# verbs (src/cli.c's verb table, less the reserved ones), options per verb
# (src/cli.c's option table, each tried on each verb), --format values (as
# the binary states them), --ignore codes (src/check.c), --arch names
# (src/names.c), capability names (<linux/capability.h>); then profile
# references under the root, and what comes after the program.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

COMPLETION=$REPO/packaging/completion/seccomp-run.bash
CLI=$REPO/src/cli.c

if ! command -v bash >/dev/null 2>&1; then
	skip "bash completion" "no bash"
	finish
fi

# comp WORD...: what the completion offers when the last WORD is being
# completed (bash splits --opt=value into --opt, = and value), sorted
comp() {
	bash -c '. "$1" && shift && COMP_WORDS=("$@") && COMP_CWORD=$(($# - 1)) &&
		_seccomp_run && printf "%s\n" "${COMPREPLY[@]}"' comp "$COMPLETION" "$@" |
		LC_ALL=C sort
}
# sorted WORD...: the words, one a line, sorted (to compare with comp)
sorted() {
	printf '%s\n' "$@" | LC_ALL=C sort
}
# same DESC WANT GOT
same() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		fail "$1" "$(printf '%s\n' "$2" | sed 's/^/want| /')" \
			"$(printf '%s\n' "$3" | sed 's/^/got | /')"
	fi
}

run bash -n "$COMPLETION"
if [ "$STATUS" = 0 ]; then ok "bash parses the completion"; else fail "bash parses the completion" "$(diag)"; fi
run bash -c '. "$1" && complete -p seccomp-run' sh "$COMPLETION"
same "sourcing it registers _seccomp_run for seccomp-run" \
	"complete -F _seccomp_run seccomp-run" "$OUT"
if command -v shellcheck >/dev/null 2>&1; then
	run shellcheck -s bash "$COMPLETION"
	if [ "$STATUS" = 0 ]; then ok "shellcheck: clean"; else fail "shellcheck: clean" "$(diag)"; fi
else
	skip "shellcheck: clean" "no shellcheck"
fi

# --------------------------------------------------------------- verbs
all_verbs=$(grep -o '\[SR_VERB_[A-Z]*\] = "[a-z]*"' "$CLI" | sed 's/.*"\(.*\)"/\1/')
verbs=
for v in $all_verbs; do
	run "$SR" "$v" </dev/null
	case $ERR in
	*"verb is not available"*) echo "# $v: reserved, not offered" ;;
	*) verbs="$verbs $v" ;;
	esac
done
# shellcheck disable=SC2086
same "verbs: the ones src/cli.c has and the binary runs:$verbs" "$(sorted $verbs)" \
	"$(comp seccomp-run '')"
same "a first word that is no verb is a program" "sh" "$(comp seccomp-run sh | grep -x sh)"

# ------------------------------------------------------------- options
# src/cli.c's longopts: "NAME ARG VAL" (VAL a char like 'p', or OPT_...)
sed -n 's/^[[:space:]]*{ "\([a-z-]*\)", \([a-z]*\)_argument, NULL, \([^ ]*\) },.*/\1 \2 \3/p' \
	"$CLI" >longopts
n=$(wc -l <longopts)
if [ "$n" -ge 20 ]; then
	ok "src/cli.c's option table read: $n options"
else
	fail "src/cli.c's option table read: $n options" "$(cat longopts)"
fi

# A value each option accepts (or that reaches its verb check).
value_of() {
	case $1 in
	profile) echo runtime/default ;;
	root | cache-dir) echo "$T" ;;
	caps) echo none ;;
	kernel) echo 6.1 ;;
	arch) echo x86_64 ;;
	no-new-privs) echo on ;;
	preserve-fds) echo 1 ;;
	format) echo no-such-format ;;
	ignore) echo format ;;
	*) echo "$T/value" ;;
	esac
}

# accepted VERB: the long options VERB takes, one a line
accepted() {
	while read -r _name _arg _val; do
		if [ "$_arg" = required ]; then
			run "$SR" "$1" "--$_name" "$(value_of "$_name")" </dev/null
		else
			run "$SR" "$1" "--$_name" </dev/null
		fi
		case $STATUS:$ERR in
		125:*" is not an option of $1 "* | 125:*"seccomp-run: --$_name is for "*) ;;
		*) echo "--$_name" ;;
		esac
	done <longopts
}
# short OPTION: its one-letter form, if any
short() {
	sed -n "s/^${1#--} [a-z]* '\(.\)'\$/-\1/p" longopts
}

for v in $verbs; do
	accepted "$v" >"accepted.$v"
	comp seccomp-run "$v" - >"offered.$v"
	# --no-new-privs= is offered with its =
	sed -i 's/=$//' "offered.$v"
done

for v in $verbs; do
	bad=
	while read -r o; do
		case $o in
		--*) grep -qx -- "$o" "accepted.$v" || bad="$bad $o" ;;
		-?) long=$(sed -n "s/^\([a-z-]*\) [a-z]* '${o#-}'\$/--\1/p" longopts)
			grep -qx -- "$long" "accepted.$v" || bad="$bad $o" ;;
		*) bad="$bad $o" ;;
		esac
	done <"offered.$v"
	if [ -z "$bad" ]; then
		ok "$v: every option offered is one $v takes ($(wc -l <"offered.$v") offered)"
	else
		fail "$v: every option offered is one $v takes" "not taken:$bad"
	fi
	# Options not every verb takes belong to the verbs that do.
	missing=
	while read -r o; do
		common=1
		for w in $verbs; do
			grep -qx -- "$o" "accepted.$w" || common=0
		done
		if [ "$common" = 0 ] || [ "$v" = run ]; then
			grep -qx -- "$o" "offered.$v" || missing="$missing $o"
			s=$(short "$o")
			[ -n "$s" ] && { grep -qx -- "$s" "offered.$v" || missing="$missing $s"; }
		fi
	done <"accepted.$v"
	if [ -z "$missing" ]; then
		ok "$v: offers every option that is $v's own$([ "$v" = run ] && echo ', and all of run'"'"'s')"
	else
		fail "$v: offers every option that is $v's own" "missing:$missing"
	fi
done
unoffered=
while read -r name _; do
	cat offered.* | grep -qx -- "--$name" || unoffered="$unoffered --$name"
done <longopts
same "every option in src/cli.c is offered somewhere" "" "$unoffered"

# ------------------------------------------------------------- values
for v in $verbs; do
	run "$SR" "$v" --format no-such-format </dev/null
	want=$(printf '%s\n' "$ERR" | sed -n "s/.*$v --format takes \([a-z|]*\), not.*/\1/p" | tr '|' '\n' |
		LC_ALL=C sort)
	[ -z "$want" ] && continue
	same "$v --format: $(echo "$want" | paste -sd' ' -)" "$want" "$(comp seccomp-run "$v" --format '')"
done
same "--format=VALUE is completed too" "json" "$(comp seccomp-run explain --format = j)"

codes=$(sed -n '/^static const char \*const codes\[\] = {/,/NULL,/p' "$REPO/src/check.c" |
	grep -o '"[a-z-]*"' | tr -d '"')
# shellcheck disable=SC2086
same "check --ignore: src/check.c's codes" "$(sorted $codes)" "$(comp seccomp-run check --ignore '')"
expect_status 0 "check takes every one of them" "$SR" check -q \
	--ignore "$(echo "$codes" | paste -sd, -)" runtime/default
same "--ignore completes the last item of a list" "$(lines format,masked-eq-datum \
	format,masked-eq-mask format,masked-eq-no-datum)" "$(comp seccomp-run check --ignore format,masked-eq)"

arches=$(sed -n 's/^[[:space:]]*{ "SCMP_ARCH_[A-Z0-9_]*", "\([a-z0-9_]*\)",.*/\1/p' "$REPO/src/names.c")
# shellcheck disable=SC2086
same "--arch: src/names.c's names" "$(sorted $arches)" "$(comp seccomp-run explain --arch '')"
bad=
for a in $arches; do
	run "$SR" explain --caps none --arch "$a"
	case $STATUS:$ERR in
	0:* | 125:*"unknown to libseccomp"*) ;;
	*) bad="$bad $a" ;;
	esac
done
same "each is an architecture seccomp-run knows (libseccomp may not)" "" "$bad"

hdr=/usr/include/linux/capability.h
if [ -r "$hdr" ]; then
	caps=$(sed -n 's/^#define \(CAP_[A-Z_]*\)[[:space:]]*[0-9][0-9]*[[:space:]]*$/\1/p' "$hdr")
	# shellcheck disable=SC2086
	same "--caps: all, none and <linux/capability.h>'s names" "$(sorted all none $caps)" \
		"$(comp seccomp-run --caps '')"
	expect_status 0 "explain takes all of them at once" "$SR" explain \
		--caps "$(echo "$caps" | paste -sd, -)"
else
	skip "--caps: all, none and <linux/capability.h>'s names" "no $hdr"
fi
same "--caps completes the last item of a list" "$(lines CAP_CHOWN,CAP_NET_BIND_SERVICE \
	CAP_CHOWN,CAP_NET_BROADCAST)" "$(comp seccomp-run --caps CAP_CHOWN,CAP_NET_B)"
same "--no-new-privs=on|off" "$(lines off on)" "$(comp seccomp-run --no-new-privs = '')"

# ------------------------------------------------------------ profiles
mkdir -p root/sub other cwd/dir
touch root/app.json root/sub/web.json other/x.json cwd/mine.json cwd/dir/y.json
R=$T/root
export SECCOMP_RUN_ROOT="$R"
same "-p: the built-in names, then localhost/NAME under \$SECCOMP_RUN_ROOT" \
	"$(lines docker/default localhost/app.json localhost/sub/ runtime/default unconfined)" \
	"$(comp seccomp-run -p '')"
same "-p localhost/sub/: a directory under the root" "localhost/sub/web.json" \
	"$(comp seccomp-run -p localhost/sub/)"
same "-p lo: localhost/ names" "$(lines localhost/app.json localhost/sub/)" \
	"$(comp seccomp-run -p lo)"
same "-p NAME: a plain name is under the root, as the kubelet has it" "app.json" \
	"$(comp seccomp-run explain -p ap)"
same "--root DIR on the line wins" "localhost/x.json" \
	"$(comp seccomp-run --root "$T/other" --profile localhost/)"
same "--root=DIR on the line wins" "localhost/x.json" \
	"$(comp seccomp-run --root = "$T/other" --profile = localhost/)"
unset SECCOMP_RUN_ROOT
same "-p ./: files in the current directory" "$(lines ./cwd/)" "$(comp seccomp-run -p ./cw)"
cd cwd || exit 1
same "check operands: files here, the built-in names, localhost/ names" \
	"$(lines dir/ docker/default mine.json runtime/default unconfined)" \
	"$(comp seccomp-run check --root "$R" '' | grep -v '^localhost/')"
same "check operands: localhost/ names under --root" "$(lines localhost/app.json localhost/sub/)" \
	"$(comp seccomp-run check --root "$R" -- localhost/)"
same "--root: directories only" "dir/" "$(comp seccomp-run --root '')"
same "-o: files" "$(lines dir/ mine.json)" "$(comp seccomp-run export -o '')"

# ----------------------------------------------------- after the program
same "run's program: a command" "true" "$(comp seccomp-run -p x -- tru | grep -x true)"
same "after the program, its arguments are not seccomp-run's options" "" \
	"$(comp seccomp-run -p x ls --pro)"
same "after the program (no bash-completion): files" "$(lines dir/ mine.json)" \
	"$(comp seccomp-run -v ls '')"
same "after a check operand, --profile is a file name, not an option" "" \
	"$(comp seccomp-run check mine.json --pro)"
cd "$T" || exit 1

finish
