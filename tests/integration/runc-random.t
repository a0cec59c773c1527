# SPDX-License-Identifier: Apache-2.0
# Randomized differential test against runc. build/gen-profile writes a
# random Docker-format profile, its flattened OCI form for a random
# capability set and kernel (the generator's own implementation of moby's
# includes/excludes) and probe calls aimed at and around the rules'
# values. The static probe then runs
#   - under runc with the OCI form as linux.seccomp,
#   - under seccomp-run --caps CAPS [--kernel X.Y] -p docker.json,
#   - under seccomp-run -p oci.json,
# and stdout and exit status must be the same. A few cases hold a value
# runc 1.1.5 ignores or truncates and seccomp-run refuses (SPEC §4: status
# 125, and runc is compared with seccomp-run on the profile as runc read
# it); a few are filters libseccomp rejects, which neither may start.
# Quirks of runc 1.1.5 the generator avoids are listed in
# tests/gen-profile.c.
#
# RUNC_RANDOM_COUNT profiles (200), from RUNC_RANDOM_SEED (fixed); profile
# I of seed S is `build/gen-profile S.I DIR`. `make check-long` runs 2000
# with a new seed. Every 25 profiles, all their calls also run unfiltered
# under runc and on the host, which must agree: the calls' results depend
# on their arguments only, so any difference is the filter's.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=runc-lib.sh
. "$_lib_dir/runc-lib.sh"

DESC="randomized differential test against runc"
runc_prereqs "$DESC"
: "${GEN_PROFILE:=$REPO/build/gen-profile}"
if [ ! -x "$GEN_PROFILE" ]; then
	fail "profile generator $GEN_PROFILE exists (make build/gen-profile)"
	finish
fi
COUNT=${RUNC_RANDOM_COUNT:-200}
SEED=${RUNC_RANDOM_SEED:-20250611}
echo "# seed $SEED, $COUNT profiles (RUNC_RANDOM_SEED=$SEED RUNC_RANDOM_COUNT=$COUNT to repeat)"

runc_bundle "$T/bundle"
runc_usable "$DESC"

# The generator allows what runc needs: the same list as runc-lib.sh.
_want=$(printf '%s\n' "$RUNC_NAMES" | tr -d '",' | tr -s ' \t' '\n' | grep -v '^$')
if [ "$("$GEN_PROFILE" --runc-names)" = "$_want" ]; then
	ok "gen-profile --runc-names is RUNC_NAMES of runc-lib.sh"
else
	printf '%s\n' "$_want" >"$T/want"
	fail "gen-profile --runc-names is RUNC_NAMES of runc-lib.sh" \
		"$("$GEN_PROFILE" --runc-names | diff -u "$T/want" -)"
fi

set -f # calls are split on white space, never globbed
P=$T/case
STATS=$T/stats      # one line per call runc answered: its result
KILLS=0 REFUSED=0 REFUSE_CASES=0 CONFLICTS=0 MISMATCH=0 PROFILES=0
BATCH=$T/batch
: >"$STATS"
: >"$BATCH"
: >"$T/defaults"
_t0=$(date +%s)

# indent PREFIX: diagnostics
indent() {
	sed "s/^/$1/"
}

# show_diff NAME-A OUT-A STATUS-A NAME-B OUT-B STATUS-B
show_diff() {
	printf '%s\n' "$2" >"$T/a"
	printf '%s\n' "$5" >"$T/b"
	echo "$1 status $3, $4 status $6"
	diff -u --label "$1" --label "$4" "$T/a" "$T/b" | tail -n +3
}

# check_case ID: run case $P under runc and seccomp-run, report one line
check_case() {
	_id=$1
	_expect=$(cat "$P/expect")
	_caps=$(cat "$P/caps")
	_kopt=
	[ -s "$P/kernel" ] && _kopt="--kernel $(cat "$P/kernel")"
	_about="$_id: $(cat "$P/about")"
	sed -n 's/^default \([A-Z_]*\).*/\1/p' "$P/about" >>"$T/defaults"
	_repro="repeat: $GEN_PROFILE $_id DIR; runc with DIR/oci.json, seccomp-run --caps $_caps $_kopt -p DIR/docker.json -- probe \$(cat DIR/calls)"
	# shellcheck disable=SC2046 # the calls are a word list
	set -- $(cat "$P/calls")
	_ncalls=$#

	runc_run "$P/oci.json" "$@"
	r_out=$OUT r_status=$STATUS r_err=$ERR
	# shellcheck disable=SC2086 # option word list
	run "$SR" --caps "$_caps" $_kopt -p "$P/docker.json" -- "$PROBE_STATIC" "$@"
	d_out=$OUT d_status=$STATUS d_err=$ERR
	run "$SR" -p "$P/oci.json" -- "$PROBE_STATIC" "$@"
	o_out=$OUT o_status=$STATUS o_err=$ERR
	if [ "$r_status" = 1 ] && [ -z "$r_out" ] && [ "$o_status" != 125 ]; then
		# runc failed where seccomp-run did not: once more, in case
		# it was the machine and not the filter
		runc_run "$P/oci.json" "$@"
		r_out=$OUT r_status=$STATUS r_err=$ERR
	fi

	# runc ran the probe (0, or a signal), or refused to start (1, nothing
	# on stdout); 2 is the probe refusing a call: a generator bug
	if [ "$r_status" = 0 ] || [ "$r_status" -gt 128 ]; then
		_runc_ran=1
	elif [ "$r_status" = 1 ] && [ -z "$r_out" ]; then
		_runc_ran=
	else
		fail "$_about: runc ran the case" "runc status $r_status" \
			"$(printf '%s\n' "$r_out" | indent 'runc| ')" \
			"$(printf '%s\n' "$r_err" | indent 'runc stderr| ')" "$_repro"
		MISMATCH=$((MISMATCH + 1))
		return
	fi
	if [ -n "$_runc_ran" ]; then
		printf '%s\n' "$r_out" | sed -n 's/^[^=]*=//p' >>"$STATS"
		[ "$r_status" -gt 128 ] && KILLS=$((KILLS + 1))
		_lines=$(printf '%s\n' "$r_out" | grep -c '=')
		if [ "$r_status" = 0 ] && [ "$_lines" -ne "$_ncalls" ]; then
			fail "$_about: runc answered every call" "$_ncalls calls, $_lines lines" \
				"$(printf '%s\n' "$r_out" | indent 'runc| ')" "$_repro"
			MISMATCH=$((MISMATCH + 1))
			return
		fi
	fi

	case $_expect in
	conflict)
		CONFLICTS=$((CONFLICTS + 1))
		if [ -z "$_runc_ran" ] && [ "$d_status" = 125 ] && [ "$o_status" = 125 ]; then
			ok "$_about: runc and seccomp-run both refuse the filter"
		else
			fail "$_about: runc and seccomp-run both refuse the filter" \
				"runc status $r_status, seccomp-run docker.json $d_status, oci.json $o_status" \
				"$(printf '%s\n' "$r_err" | indent 'runc stderr| ')" \
				"$(printf '%s\n' "$d_err" | indent 'seccomp-run stderr| ')" "$_repro"
			MISMATCH=$((MISMATCH + 1))
		fi
		return
		;;
	refuse)
		REFUSE_CASES=$((REFUSE_CASES + 1))
		if [ "$d_status" != 125 ] || [ "$o_status" != 125 ]; then
			fail "$_about: seccomp-run refuses what runc ignores (SPEC §4)" \
				"seccomp-run docker.json status $d_status, oci.json status $o_status" \
				"$(printf '%s\n' "$d_out" | indent 'seccomp-run| ')" "$_repro"
			MISMATCH=$((MISMATCH + 1))
			return
		fi
		# runc against seccomp-run on the profile as runc understood it
		run "$SR" -p "$P/oci-clean.json" -- "$PROBE_STATIC" "$@"
		d_out=$OUT d_status=$STATUS d_err=$ERR
		o_out=$OUT o_status=$STATUS o_err=$ERR
		_what="seccomp-run refuses docker.json and oci.json (125), runc = seccomp-run on oci-clean.json"
		;;
	refuse-docker)
		# the value is in a rule moby drops: only docker.json has it
		REFUSE_CASES=$((REFUSE_CASES + 1))
		if [ "$d_status" != 125 ]; then
			fail "$_about: seccomp-run refuses docker.json (SPEC §4)" \
				"seccomp-run docker.json status $d_status" "$_repro"
			MISMATCH=$((MISMATCH + 1))
			return
		fi
		d_out=$o_out d_status=$o_status d_err=$o_err
		_what="seccomp-run refuses docker.json (125), runc = seccomp-run on oci.json"
		;;
	*)
		_what="runc = seccomp-run on docker.json and oci.json"
		;;
	esac

	if [ -z "$_runc_ran" ]; then
		if [ "$d_status" = 125 ] && [ "$o_status" = 125 ]; then
			REFUSED=$((REFUSED + 1))
			ok "$_about: runc and seccomp-run both refuse the filter"
		else
			fail "$_about: $_what" "runc refused to start: status $r_status" \
				"$(printf '%s\n' "$r_err" | indent 'runc stderr| ')" \
				"seccomp-run status $d_status / $o_status" "$_repro"
			MISMATCH=$((MISMATCH + 1))
		fi
		return
	fi
	if [ "$d_status" = "$r_status" ] && [ "$d_out" = "$r_out" ] &&
		[ "$o_status" = "$r_status" ] && [ "$o_out" = "$r_out" ]; then
		ok "$_about: $_what (status $r_status, $_lines calls)"
		return
	fi
	MISMATCH=$((MISMATCH + 1))
	_d1=''
	_d2=''
	if [ "$d_status" != "$r_status" ] || [ "$d_out" != "$r_out" ]; then
		_d1=$(show_diff runc "$r_out" "$r_status" "seccomp-run -p docker.json" "$d_out" "$d_status"
			printf '%s\n' "$d_err" | grep . | indent 'seccomp-run stderr| ')
	fi
	if [ "$o_status" != "$r_status" ] || [ "$o_out" != "$r_out" ]; then
		_d2=$(show_diff runc "$r_out" "$r_status" "seccomp-run -p oci.json" "$o_out" "$o_status"
			printf '%s\n' "$o_err" | grep . | indent 'seccomp-run stderr| ')
	fi
	fail "$_about: $_what" "$_d1" "$_d2" "$_repro"
}

# control FIRST LAST: every call of the batch, unfiltered, under runc and on
# the host: the same results (the calls depend on nothing else)
control() {
	_from=$1 _to=$2
	# shellcheck disable=SC2046
	set -- $(cat "$BATCH")
	runc_run none "$@"
	_c_out=$OUT _c_status=$STATUS
	run "$PROBE_STATIC" "$@"
	if [ "$_c_status" = 0 ] && [ "$STATUS" = 0 ] && [ "$OUT" = "$_c_out" ]; then
		ok "control: the $# calls of profiles $_from..$_to agree unfiltered under runc and on the host"
	else
		fail "control: the $# calls of profiles $_from..$_to agree unfiltered under runc and on the host" \
			"$(show_diff runc "$_c_out" "$_c_status" host "$OUT" "$STATUS")"
	fi
	: >"$BATCH"
}

i=0
first=0
while [ "$i" -lt "$COUNT" ]; do
	rm -rf "$P"
	mkdir "$P"
	if "$GEN_PROFILE" "$SEED.$i" "$P" 2>"$T/gen.err"; then
		PROFILES=$((PROFILES + 1))
		check_case "$SEED.$i"
		cat "$P/calls" >>"$BATCH"
	else
		fail "gen-profile $SEED.$i" "$(cat "$T/gen.err")"
	fi
	i=$((i + 1))
	if [ $((i % 25)) = 0 ] || [ "$i" = "$COUNT" ]; then
		[ -s "$BATCH" ] && control "$SEED.$first" "$SEED.$((i - 1))"
		first=$i
	fi
done

# Not vacuous: what runc answered, and what the profiles were.
_elapsed=$(($(date +%s) - _t0))
awk -v kills="$KILLS" -v refused="$REFUSED" -v profiles="$PROFILES" \
	-v refuse="$REFUSE_CASES" -v conflicts="$CONFLICTS" -v bad="$MISMATCH" \
	-v secs="$_elapsed" '
	function top(arr, label,   line, m, a, b, t, order) {
		m = 0
		for (r in arr) order[++m] = r
		for (a = 1; a <= m; a++)       # by count, largest first
			for (b = a + 1; b <= m; b++)
				if (arr[order[b]] > arr[order[a]]) { t = order[a]; order[a] = order[b]; order[b] = t }
		line = "# " label ":"
		for (a = 1; a <= m; a++) line = line sprintf(" %s %d", order[a], arr[order[a]])
		print line
	}
	FILENAME ~ /defaults$/ { d[$0]++; next }
	{ n++; if ($0 ~ /^E[0-9]+$/) k["E<n>"]++; else k[$0]++ }
	END {
		printf "# %d profiles in %d s: %d calls compared, %d of them killed by SIGSYS; %d mismatches\n",
			profiles, secs, n + kills, kills, bad
		printf "# %d refuse cases (SPEC 4), %d deliberate conflicts, %d other filters both refused\n",
			refuse, conflicts, refused
		top(k, "results (E<n>: errnoRet values without a name)")
		top(d, "default actions")
	}' "$STATS" "$T/defaults"

finish
