#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# bench/run.sh: what `make bench` runs. Measures seccomp-run as built, side
# by side with the peer baseline (a selected policy compiled the way crun
# uses libseccomp), prints the results and writes them to bench/RESULTS.md.
# Method: bench/README.md.
#
# Environment: SECCOMP_RUN and SRBENCH (set by make); BENCH_QUICK=1 for a
# short trial run with few iterations; BENCH_CG_MAX_MS (default 30000): the
# compile scaling row runs callgrind only on compiles that natively take at
# most this long (libseccomp needs ~20 s for 4 000 conditions, an hour or
# so under callgrind).
set -euf

: "${SECCOMP_RUN:?set by make bench}" "${SRBENCH:?set by make bench}"
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
out=$here/RESULTS.md
cg_max_ms=${BENCH_CG_MAX_MS:-30000}
if [ -n "${BENCH_QUICK:-}" ]; then
	spawn_n=20 cost_rounds=3 cost_scale=2 ctime_runs=2 sizes="10 100 400"
else
	spawn_n=200 cost_rounds=9 cost_scale=10 ctime_runs=5 sizes="10 100 400 1000 4000"
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/srbench.XXXXXX")
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
case $T in *[!A-Za-z0-9/._-]*)
	echo "bench: the temporary directory $T must not need quoting" >&2; exit 1 ;;
esac
# Measure copies: a rebuild in the tree during the run must not swap the
# binary under a measurement.
cp "$SECCOMP_RUN" "$T/seccomp-run"
cp "$SRBENCH" "$T/srbench"
sr=$T/seccomp-run
SRBENCH=$T/srbench
: "${SHIM:?set by make bench}"
cp "$SHIM" "$T/shim"
shim=$T/shim
# The static build (make static), the one container images copy, if built.
srs=
if [ -n "${SECCOMP_RUN_STATIC:-}" ]; then
	cp "$SECCOMP_RUN_STATIC" "$T/seccomp-run-static"
	srs=$T/seccomp-run-static
fi
BENCH_SUMMARY=$T/summary
export BENCH_SUMMARY
: > "$BENCH_SUMMARY"
caps=$("$SRBENCH" caps)
load0=$(cut -d' ' -f1-3 /proc/loadavg)

step() { printf 'bench: %s\n' "$*" >&2; }

# Inclusive Ir of the first function named $2 (or $2.constprop.N and the
# like) in callgrind output $1, or "n/a".
cg_ir() {
	callgrind_annotate --inclusive=yes --threshold=100 "$1" 2>/dev/null | awk -v f="$2" '
		{
			# "1,234 ( 5.6%)  file:function [object]": the percentage
			# may hold a space, so the field is looked for.
			for (i = 2; i <= NF; i++)
				if ($i ~ (":" f "([.][a-z0-9.]+)?$")) {
					gsub(",", "", $1); print $1; found = 1; exit
				}
		}
		END { if (!found) print "n/a" }'
}

cg_total() {
	callgrind_annotate "$1" 2>/dev/null |
		awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; found = 1; exit }
		     END { if (!found) print "n/a" }'
}

# Millions, two decimals, or n/a.
mega() {
	case $1 in n/a) echo n/a ;; *) awk -v v="$1" 'BEGIN { printf "%.2f", v / 1e6 }' ;; esac
}

# Docker's default selected for Docker's default capabilities is in the
# precompiled table; a copy with one extra rule naming a syscall libseccomp
# does not know selects differently, so run compiles it, yet the filter is
# byte for byte the same (checked here).
prepare() {
	cp "$top/data/default.json" "$T/default.json"
	sed '0,/"syscalls": *\[/s//"syscalls": [ {"names": ["srbench_cold_start"], "action": "SCMP_ACT_ALLOW"},/' \
		"$top/data/default.json" > "$T/cold.json"
	"$sr" export -q -p "$T/default.json" --caps "$caps" -o "$T/default.bpf"
	"$sr" export -q -p "$T/cold.json" --caps "$caps" -o "$T/cold.bpf"
	cmp -s "$T/default.bpf" "$T/cold.bpf" || {
		echo "bench: $T/cold.json does not compile to Docker's default filter" >&2; exit 1; }
	"$SRBENCH" peer-export "$T/cold.json" "$caps" "$T/peer.bpf"
	ARCHES=native "$SRBENCH" gen 1000 mixed "$T/r1000.json"
	r1000_len=$("$SRBENCH" ctime -r 1 "$T/r1000.json" | cut -d' ' -f2)
	have_cache=
	"$sr" --help | grep -q -- --cache-dir && have_cache=1
	nc=
	"$sr" --help | grep -q -- --no-cache && nc=--no-cache
}

# Row 1. The runs go to /dev/null; -v of one extra run of each says where
# its filter came from.
startup() {
	step "start-up: $spawn_n rounds of 10 variants"
	run="$sr --caps $caps $nc"
	{
		echo "base|/bin/true|/bin/true"
		echo "warm|built-in runtime/default|$run -p runtime/default -- /bin/true"
		echo "warm|Docker's default from a file, as is (selection = built-in)|$run -p $T/default.json -- /bin/true"
		echo "cold|Docker's default from a file, cold|$run -p $T/cold.json -- /bin/true"
		if [ -n "$have_cache" ]; then
			echo "warm|Docker's default from a file, cached|$sr --caps $caps --cache-dir $T/cache -p $T/cold.json -- /bin/true"
		else
			echo "na|Docker's default from a file, cached|n/a (no cache)"
		fi
		echo "warm|precompiled --bpf FILE (from export)|$sr --bpf $T/default.bpf -- /bin/true"
		echo "info|1 000-rule profile ($r1000_len insns, x86_64 only), cold|$run -p $T/r1000.json -- /bin/true"
		echo "info|-p unconfined|$sr -p unconfined -- /bin/true"
		if [ -n "$srs" ]; then
			"$srs" --caps "$caps" --cache-dir "$T/scache" -p "$T/cold.json" -- /bin/true
			echo "warm|static build: built-in runtime/default|$srs --caps $caps $nc -p runtime/default -- /bin/true"
			echo "warm|static build: Docker's default from a file, cached|$srs --caps $caps --cache-dir $T/scache -p $T/cold.json -- /bin/true"
			echo "warm|static build: precompiled --bpf FILE|$srs --bpf $T/default.bpf -- /bin/true"
			echo "info|static build: -p unconfined|$srs -p unconfined -- /bin/true"
		else
			echo "na|static build|n/a (no seccomp-run-static: make static)"
		fi
		echo "info|env /bin/true (one dynamic exec more, libc only)|/usr/bin/env /bin/true"
		echo "floor|floor: a static exec + a one-instruction filter (bench/shim.c)|$shim /bin/true"
		echo "peer|peer: crun's way (parse, libseccomp defaults, seccomp_load)|$SRBENCH peer-exec $T/cold.json $caps /bin/true"
	} > "$T/startup.spec"
	"$SRBENCH" spawn -n "$spawn_n" "$T/startup.spec" > "$T/startup.md"
	grep '^[a-z]*|' "$T/startup.spec" | while IFS='|' read -r kind label cmd; do
		case $kind in base|peer|na) continue ;; esac
		case $cmd in "$sr "*|"$srs "*) ;; *) continue ;; esac
		vcmd=$(echo "$cmd" | sed 's/ -- / -v -- /')
		# shellcheck disable=SC2086
		why=$($vcmd 2>&1 >/dev/null | tail -n 1 | sed 's/^seccomp-run: //') || true
		echo "- $label: \`$why\`"
	done > "$T/origins.md" 2>/dev/null || true
}

# Where a warm start's instructions go: each warm variant under callgrind
# up to the load (valgrind has no seccomp(2), so run stops there, 125).
warm_breakdown() {
	step "warm start under callgrind"
	valgrind --tool=callgrind --callgrind-out-file="$T/cg.builtin" \
		"$sr" --caps "$caps" $nc -p runtime/default -- /bin/true >/dev/null 2>&1 || true
	cached=-
	if [ -n "$have_cache" ]; then
		valgrind --tool=callgrind --callgrind-out-file="$T/cg.cached" \
			"$sr" --caps "$caps" --cache-dir "$T/cache" -p "$T/cold.json" -- /bin/true \
			>/dev/null 2>&1 || true
		cached=$T/cg.cached
	fi
	valgrind --tool=callgrind --callgrind-out-file="$T/cg.bpf" \
		"$sr" --bpf "$T/default.bpf" -- /bin/true >/dev/null 2>&1 || true
	echo "| stage | built-in runtime/default, M Ir | cached file, M Ir | --bpf FILE, M Ir |"
	echo "|---|---:|---:|---:|"
	while IFS='|' read -r what fn; do
		row="| $what"
		for f in "$T/cg.builtin" "$cached" "$T/cg.bpf"; do
			if [ "$f" = - ]; then row="$row | n/a"; continue; fi
			case $fn in
			TOTAL) ir=$(cg_total "$f") ;;
			LOADER) ir=$(awk -v t="$(cg_total "$f")" -v m="$(cg_ir "$f" main)" \
				'BEGIN { print (m == "n/a") ? "n/a" : t - m }') ;;
			*) ir=$(cg_ir "$f" "$fn") ;;
			esac
			row="$row | $(mega "$ir")"
		done
		echo "$row |"
	done <<-EOF
	whole process, up to the load|TOTAL
	dynamic loading, libc start-up (whole minus main)|LOADER
	host facts (capabilities, kernel)|host_detect
	read the profile|source_read
	parse in all (JSON and every check)|profile_parse
	of which jansson's json_loadb|json_loadb
	select rules|policy_select
	precompiled table or cache: key and lookup|compile_warm
	of which the key (canonical policy, SHA-256)|cache_key
	read the --bpf file|bpf_read_file
	launch: checks before the load|launch_exec
	EOF
}

# Rows 2 and 3.
paths() {
	step "BPF path length and cacheable syscalls"
	"$SRBENCH" paths length "$T/cold.json" > "$T/length.md"
	"$SRBENCH" paths cache "$T/cold.json" > "$T/cache.md"
}

# Row 4.
syscost() {
	step "per-syscall time: $cost_rounds rounds"
	"$SRBENCH" syscost -r "$cost_rounds" -s "$cost_scale" "$T/default.bpf" "$T/peer.bpf" \
		> "$T/syscost.md"
}

# Row 6: trace and record against strace -f on the same workload (issue 6).
notifycost() {
	if [ -n "${BENCH_QUICK:-}" ]; then set -- -r 2 -n 2000; else set -- -r 9 -n 20000; fi
	step "trace and record per syscall, against strace -f"
	"$SRBENCH" notifycost "$@" "$sr" "$T" > "$T/notifycost.md"
}

# Callgrind of one in-process compile; prints the output file.
callgrind() { # NAME SRBENCH-CTIME-ARGS...
	f=$T/cg.$1
	shift
	valgrind --tool=callgrind --callgrind-out-file="$f" "$SRBENCH" ctime -r 1 "$@" \
		>/dev/null 2>&1 || { echo "bench: callgrind failed: $*" >&2; exit 1; }
	echo "$f"
}

# Where a cold start's instructions go: Docker's default compiled by us and
# by the peer, in process.
breakdown() {
	step "cold start under callgrind"
	set -- $("$SRBENCH" ctime -r "$ctime_runs" "$T/cold.json")
	oms=$1
	set -- $("$SRBENCH" ctime -l -r "$ctime_runs" "$T/cold.json")
	pms=$1
	ours=$(callgrind ours "$T/cold.json")
	peer=$(callgrind peer -l "$T/cold.json")
	echo "| stage | ours, M Ir | peer, M Ir |"
	echo "|---|---:|---:|"
	while IFS='|' read -r what ofn pfn; do
		pir=—
		[ "$pfn" != - ] && pir=$(mega "$(cg_ir "$peer" "$pfn")")
		echo "| $what | $(mega "$(cg_ir "$ours" "$ofn")") | $pir |"
	done <<-EOF
	host facts (capabilities, kernel)|host_detect|host_detect
	read the file|source_read|source_read
	parse (JSON and every check)|profile_parse|profile_parse
	select rules|policy_select|policy_select
	libseccomp: add rules|seccomp_rule_add_array|seccomp_rule_add_array
	libseccomp: generate and export the BPF|seccomp_export_bpf|seccomp_export_bpf
	ENOSYS stub|bpf_prepend_enosys|-
	search-tree layout (src/layout.c)|bpf_relayout|-
	compile in all|policy_compile|peer_compile
	everything above, as timed|cmd_ctime|cmd_ctime
	EOF
	echo
	echo "Wall time of the same, median of up to $ctime_runs runs: ours $oms ms, peer $pms ms."
	summary_compile="$oms ms, $(mega "$(cg_ir "$ours" cmd_ctime)") M Ir | $pms ms, $(mega "$(cg_ir "$peer" cmd_ctime)") M Ir"
}

# Row 5: one line per profile size and kind.
scaling() {
	step "compile scaling: $sizes rules, plain and with conditions"
	echo "| rules | conditions | ours, ms | runs | ours, M Ir | Ir per rule | insns | peer (libseccomp defaults), ms | note |"
	echo "|---:|---|---:|---:|---:|---:|---:|---:|---|"
	: > "$T/scaling.dat"
	for kind in plain args; do
		for n in $sizes; do
			p=$T/gen-$kind-$n.json
			"$SRBENCH" gen "$n" "$kind" "$p"
			set -- $("$SRBENCH" ctime -r "$ctime_runs" "$p")
			ms=$1 insns=$2 runs=$3
			shift 3
			status=$*
			pms=$("$SRBENCH" ctime -l -r "$ctime_runs" "$p" | cut -d' ' -f1)
			ir=n/a
			if awk -v t="$ms" -v m="$cg_max_ms" 'BEGIN { exit !(t <= m) }'; then
				ir=$(cg_ir "$(callgrind "$kind-$n" "$p")" stages_run)
			fi
			per=n/a
			[ "$ir" != n/a ] && per=$(awk -v i="$ir" -v n="$n" 'BEGIN { printf "%.0f", i / n }')
			case $status in ok) note= ;; *) note=$(echo "$status" | sed 's/^seccomp-run: [^:]*: //') ;; esac
			[ "$ir" = n/a ] && note="${note:+$note; }no callgrind (> $cg_max_ms ms natively)"
			echo "| $n | $([ "$kind" = args ] && echo "arg0 ==, 1 each" || echo none) | $ms | $runs | $(mega "$ir") | $per | $insns | $pms | $note |"
			echo "$kind $n $ms $ir $pms" >> "$T/scaling.dat"
		done
	done
}

# Cost per rule at the largest size over cost per rule at 400 rules, by Ir
# where callgrind ran at both, else by time; <= 1.5 counts as linear.
linearity() { # KIND
	awk -v k="$1" '
		$1 == k { ms[$2] = $3; ir[$2] = $4; pms[$2] = $5; last = $2 }
		END {
			if (!(400 in ms) || last == 400) { print "n/a | n/a | | "; exit }
			by = (ir[400] != "n/a" && ir[last] != "n/a") ? "Ir" : "time"
			r = by == "Ir" ? (ir[last] / last) / (ir[400] / 400) : (ms[last] / last) / (ms[400] / 400)
			pr = (pms[last] / last) / (pms[400] / 400)
			printf "×%.2f (%s) | ×%.2f (time) | ≤ ×1.5 | %s\n", r, by, pr, r <= 1.5 ? "met" : "NOT met"
		}' "$T/scaling.dat"
}

prepare
startup
warm_breakdown > "$T/warm.md"
paths
syscost
notifycost
breakdown > "$T/breakdown.md"
scaling > "$T/scaling.md"
last=${sizes##* }
{
	echo "| compile Docker's default: read + parse + select + compile, in process | $summary_compile | | |"
	echo "| compile cost per rule, $last vs 400 rules, no conditions | $(linearity plain) |"
	echo "| compile cost per rule, $last vs 400 rules, one condition each | $(linearity args) |"
} >> "$BENCH_SUMMARY"

commit=$(git -C "$top" describe --always --dirty 2>/dev/null || echo unknown)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
{
	echo "# seccomp-run benchmarks"
	echo
	echo "Written by \`make bench\` (bench/run.sh; method in bench/README.md) on $(date -u '+%Y-%m-%d %H:%M UTC')${BENCH_QUICK:+, BENCH_QUICK=1: few iterations, not for quoting}."
	echo
	echo "- machine: $cpu, $(nproc) cores, kernel $(uname -r), Debian $(cat /etc/debian_version 2>/dev/null || echo '?')"
	echo "- versions: $("$sr" --version | tr '\n' ' ' | sed 's/ $//') (tree $commit), $(${CC:-cc} --version | head -n 1), $(valgrind --version)"
	echo "- load average at start $load0, at end $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "- every selection is for Docker's default capabilities on x86_64 (\`--caps $caps\`)"
	echo
	echo "## Summary"
	echo
	echo "| figure | ours | libseccomp defaults (crun's way) | target | verdict |"
	echo "|---|---|---|---|---|"
	cat "$BENCH_SUMMARY"
	echo
	echo "## 1. Start-up: wall time of fork + exec + wait, minus that of /bin/true alone"
	echo
	echo "$spawn_n rounds, variants interleaved round-robin (order rotated each round), 5 warm-up rounds dropped."
	echo
	cat "$T/startup.md"
	echo
	echo "Where each variant's filter came from (\`-v\`):"
	echo
	cat "$T/origins.md"
	echo
	echo "Where a warm start's instructions go (callgrind, inclusive, up to the load; dynamic loading included):"
	echo
	cat "$T/warm.md"
	echo
	echo "## 2. BPF path length: instructions our interpreter executes per syscall"
	echo
	echo "x86_64, every number 0..469 with all arguments 0; the mix: read, write, futex, epoll_wait, mmap, openat, close, clone (pthread flags), getppid, socket (AF_INET, SOCK_STREAM), equal weights."
	echo
	cat "$T/length.md"
	echo
	echo "## 3. Syscalls the kernel's constant-action cache can skip (its emulator, seccomp_is_const_allow)"
	echo
	echo "The kernel caches x86_64 and i386 numbers only; x32's column is the emulator's verdict (the kernel never caches x32 calls)."
	echo
	cat "$T/cache.md"
	echo
	echo "## 4. Time per syscall, ns (median of $cost_rounds rounds, each in a fresh child that loads its filter)"
	echo
	cat "$T/syscost.md"
	echo
	echo "## 5. Compile cost: read + parse + select + compile + export + stub + layout, in process"
	echo
	echo "Where Docker's default's instructions go (callgrind, inclusive):"
	echo
	cat "$T/breakdown.md"
	echo
	echo "Scaling (generated profiles, Docker's arch map: x86_64 + x86 + x32; time is the median of up to $ctime_runs runs, fewer once they add up to 3 s):"
	echo
	cat "$T/scaling.md"
	echo
	echo "## 6. trace and record: time per syscall, against strace -f on the same workload"
	echo
	echo "srbench syswork: getppid in a loop, timed inside the process (start-up excluded); median of the rounds, variants round-robin. trace's reports go to --log /dev/null; a denied call costs a notification round trip, reading the thread's name from /proc, and the report."
	echo
	cat "$T/notifycost.md"
} > "$out.tmp"
mv "$out.tmp" "$out"
cat "$out"
