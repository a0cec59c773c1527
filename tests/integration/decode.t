# SPDX-License-Identifier: Apache-2.0
# decode: kernel seccomp audit records, as dmesg, /dev/kmsg and auditd
# write them, named. Fixtures in tests/decode/ (see its README); the last
# part makes this kernel log fresh records and decodes those.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

FIX=$REPO/tests/decode

# ------------------------------------------------ captured from Linux 6.18

# What the probe did (tests/decode/capture.sh), by the x86_64, i386 and
# x32 syscall tables: uname 63, getppid 110, getuid 102, getegid 108,
# getpgrp 111, getsid 124, geteuid 107, getgid 104; i386 getpid 20, uname
# 122; x32 getuid 0x40000000|102. The kernel logs ERRNO without its errno.
KERNEL_TEXT='pid 16018 (probe) uname x86_64 SCMP_ACT_LOG nr=63 uid=0 ip=0x7fa211c7f829 audit=1795477829.217:218634 exe=/work/main/build/probe
pid 16018 (probe) getppid x86_64 SCMP_ACT_LOG nr=110 uid=0 ip=0x7fa211c7f829 audit=1795477829.217:218635 exe=/work/main/build/probe
pid 16018 (probe) getuid x86_64 SCMP_ACT_ERRNO nr=102 uid=0 ip=0x7fa211c7f829 audit=1795477829.217:218636 exe=/work/main/build/probe
pid 16018 (probe) getegid x86_64 SCMP_ACT_ERRNO nr=108 uid=0 ip=0x7fa211c7f829 audit=1795477829.217:218637 exe=/work/main/build/probe
pid 16018 (probe) getpgrp x86_64 SCMP_ACT_TRACE nr=111 uid=0 ip=0x7fa211c7f829 audit=1795477829.217:218638 exe=/work/main/build/probe
pid 16018 (probe) getpid x86 SCMP_ACT_ERRNO nr=20 compat=1 uid=0 ip=0x56431bc9fb8a audit=1795477829.217:218639 exe=/work/main/build/probe
pid 16018 (probe) uname x86 SCMP_ACT_LOG nr=122 compat=1 uid=0 ip=0x56431bc9fb8a audit=1795477829.217:218640 exe=/work/main/build/probe
pid 16018 (probe) getuid x32 SCMP_ACT_ERRNO nr=1073741926 uid=0 ip=0x7fa211c7f829 audit=1795477829.217:218641 exe=/work/main/build/probe
pid 16018 (probe) getsid x86_64 SCMP_ACT_KILL_PROCESS sig=SIGSYS nr=124 uid=0 ip=0x7fa211c7f829 audit=1795477829.217:218642 exe=/work/main/build/probe
pid 16136 (probe) geteuid x86_64 SCMP_ACT_TRAP nr=107 uid=0 ip=0x7fc6f632e829 audit=1795477835.225:218643 exe=/work/main/build/probe
pid 16137 (probe) getgid x86_64 SCMP_ACT_KILL_THREAD sig=SIGSYS nr=104 uid=0 ip=0x7ff0326f5829 audit=1795477835.225:218644 exe=/work/main/build/probe
pid 16141 (my probe) uname x86_64 SCMP_ACT_LOG nr=63 uid=0 ip=0x7f8969133829 audit=1795477835.233:218645 exe=/tmp/tmp.oH6qkogv68/my probe
pid 16143 (e\x1b[2Jvil) uname x86_64 SCMP_ACT_LOG nr=63 uid=0 ip=0x7f03ace7b829 audit=1795477835.233:218646 exe=/tmp/tmp.oH6qkogv68/e\x1b[2Jvil
pid 16145 (probe) syscall 999 x86_64 SCMP_ACT_ERRNO nr=999 uid=0 ip=0x7f5a64ad6829 audit=1795477835.237:218647 exe=/work/main/build/probe'

expect "dmesg lines from 6.18: every action, i386, x32, hex names, an unknown number" \
	0 "$KERNEL_TEXT" "$SR" decode "$FIX/kernel-6.18.log"
expect "the same records read from /dev/kmsg's format" 0 "$KERNEL_TEXT" \
	"$SR" decode "$FIX/kmsg-6.18.log"
expect "dmesg piped in (stdin by default)" 0 "$KERNEL_TEXT" \
	sh -c '"$1" decode <"$2"' sh "$SR" "$FIX/kernel-6.18.log"
expect "- is stdin" 0 "$KERNEL_TEXT" \
	sh -c 'cat "$2" | "$1" decode -' sh "$SR" "$FIX/kmsg-6.18.log"

# ----------------------------------------------------- auditd, by hand

AUDITD_TEXT='pid 812 (nginx) uname x86_64 SCMP_ACT_LOG nr=63 uid=33 ip=0x7f2a1b2c3d4e audit=1795475431.613:174764 subj=unconfined exe=/usr/sbin/nginx
pid 812 (nginx) socket x86_64 SCMP_ACT_ERRNO nr=41 uid=33 ip=0x7f2a1b2c3d4e audit=1795475431.620:174765 subj=unconfined exe=/usr/sbin/nginx
pid 4242 (nginx -g) ptrace x86_64 SCMP_ACT_KILL_PROCESS sig=SIGSYS nr=101 uid=0 ip=0x7f2a1b2c3d4e audit=1795475431.700:174766 subj=system_u:system_r:container_t:s0:c12,c34 exe=(null)
pid 900 (x32app) getpid x32 SCMP_ACT_ERRNO nr=1073741863 uid=1000 ip=0x401000 audit=1795475432.000:174767 exe=/opt/x32/app
pid 901 (app) uname aarch64 SCMP_ACT_LOG nr=160 uid=1000 ip=0xffffa0b1c2d3 audit=1795475433.000:174768 exe=/usr/bin/app
pid 902 (app32) uname arm SCMP_ACT_LOG nr=122 compat=1 uid=1000 ip=0xf7001234 audit=1795475433.001:174769 exe=/usr/bin/app32
pid 903 (app) syscall 999 x86_64 SCMP_ACT_ERRNO nr=999 uid=1000 ip=0x401000 audit=1795475434.000:174770 exe=/usr/bin/app
pid 904 (app) syscall 1 0xdeadbeef SCMP_ACT_LOG nr=1 uid=1000 ip=0x401000 audit=1795475434.001:174771 exe=/usr/bin/app
pid 905 (app) syscall -1 x86_64 SCMP_ACT_ERRNO nr=-1 uid=1000 ip=0x401000 audit=1795475434.002:174772 exe=/usr/bin/app
pid 906 (app) open x86_64 SCMP_ACT_ERRNO(EPERM) nr=2 uid=1000 ip=0x401000 audit=1795475435.000:174773 exe=/usr/bin/app
pid 906 (app) open x86_64 SCMP_ACT_ERRNO(4000) nr=2 uid=1000 ip=0x401000 audit=1795475435.001:174774 exe=/usr/bin/app
pid 906 (app) open x86_64 SCMP_ACT_TRACE(7) nr=2 uid=1000 ip=0x401000 audit=1795475435.002:174775 exe=/usr/bin/app
pid 906 (app) open x86_64 SCMP_ACT_NOTIFY nr=2 uid=1000 ip=0x401000 audit=1795475435.003:174776 exe=/usr/bin/app
pid 906 (app) open x86_64 0x12340000 nr=2 uid=1000 ip=0x401000 audit=1795475435.004:174777 exe=/usr/bin/app
pid 907 (old) socketcall x86 SCMP_ACT_LOG nr=102 compat=1 uid=1000 ip=0xf7f01549 audit=1795475436.000:174778 exe=/usr/bin/old'

expect "auditd: SECCOMP records named, SYSCALL/PROCTITLE/EOE and ausearch separators skipped" \
	0 "$AUDITD_TEXT" "$SR" decode "$FIX/auditd.log"
expect "files in order, - among them" 0 "$AUDITD_TEXT
$KERNEL_TEXT
$AUDITD_TEXT" sh -c '"$1" decode "$2" - "$2" <"$3"' sh "$SR" "$FIX/auditd.log" \
	"$FIX/kernel-6.18.log"

# ------------------------------------------------------------ malformed

run "$SR" decode "$FIX/malformed.log"
M="seccomp-run: $FIX/malformed.log"
WANT_ERR="$M:2: malformed seccomp record: no syscall= field
$M:3: malformed seccomp record: pid=abc is not a decimal number
$M:4: malformed seccomp record: audit(11/23/2026 10:00:00.613:174766) is not audit(SECONDS.MSEC:SERIAL) (ausearch -i output? decode reads the raw records: ausearch without -i)
$M:5: malformed seccomp record: comm=\"nginx exe=\" runs on past its closing quote
$M:6: malformed seccomp record: code=7ffc0000 is not 0x and a hexadecimal number
$M:7: malformed seccomp record: syscall=99999999999 is not a syscall number
$M:8: malformed seccomp record: audit(1795475431.61:174770) is not audit(SECONDS.MSEC:SERIAL)
$M:9: malformed seccomp record: no ':' after audit(...)"
if [ "$STATUS" = 1 ] && [ -z "$OUT" ] && [ "$ERR" = "$WANT_ERR" ]; then
	ok "malformed records: one warning each with FILE:LINE, nothing on stdout, status 1"
else
	fail "malformed records: one warning each with FILE:LINE, nothing on stdout, status 1" \
		"$(printf '%s\n' "$WANT_ERR" | sed 's/^/want| /')" "$(diag)"
fi

expect "good records still print around bad ones, status 1" 1 "$AUDITD_TEXT" \
	"$SR" decode "$FIX/malformed.log" "$FIX/auditd.log"
expect "-q: no warnings, still status 1" 1 "" "$SR" decode -q "$FIX/malformed.log"
if [ -z "$ERR" ]; then ok "-q: stderr empty"; else fail "-q: stderr empty" "$(diag)"; fi
expect "-v: a count at the end" 1 '*' "$SR" decode -v "$FIX/malformed.log" "$FIX/auditd.log"
stderr_has "seccomp-run: decode: 15 seccomp records, 8 malformed" "-v: the count is right"

# ----------------------------------------------------- input edge cases

: >empty.log
expect "empty input: no output, status 0" 0 "" "$SR" decode empty.log
printf 'Linux version 6.18\nno records here\n' >none.log
expect "no seccomp records: no output, status 0 (dmesg | decode)" 0 "" "$SR" decode none.log

REC='type=SECCOMP msg=audit(1795475431.613:174764): auid=1000 uid=33 gid=33 ses=3 subj=unconfined pid=812 comm="nginx" exe="/usr/sbin/nginx" sig=0 arch=c000003e syscall=63 compat=0 ip=0x7f2a1b2c3d4e code=0x7ffc0000'
REC_TEXT=$(printf '%s\n' "$AUDITD_TEXT" | head -n 1)
printf '%s' "$REC" >nonl.log
expect "a last line without newline is read" 0 "$REC_TEXT" "$SR" decode nonl.log
printf '%s\r\n%s\r\n' "$REC" "$REC" >crlf.log
expect "CRLF line ends" 0 "$REC_TEXT
$REC_TEXT" "$SR" decode crlf.log
printf 'a\000b type=SECCOMP\000\n%s\n' "$REC" >nul.log
expect "NUL bytes in another line do not hide the next" 0 "$REC_TEXT" "$SR" decode nul.log

# Lines past 64 KiB: cut and dropped, the next line read as usual.
long=$(head -c 70000 /dev/zero | tr '\0' x)
printf '%s\n%s\n%s\n' "$long" "$REC" "$long" >long.log
expect "a long line that is no record is skipped" 0 "$REC_TEXT" "$SR" decode long.log
printf '%s %s\n%s\n' "$REC" "$long" "$REC" >longrec.log
expect "a record longer than 64 KiB is malformed, the next is read" 1 "$REC_TEXT" \
	"$SR" decode longrec.log
stderr_has "longrec.log:1: malformed seccomp record: line longer than 65535 bytes" \
	"the long record is named with its line"
{ head -c 300000 /dev/zero | tr '\0' y; printf '\n%s\n' "$REC"; } >huge.log
expect "a 300 KB line, then a record: line numbers still count lines" 0 \
	"$REC_TEXT" "$SR" decode huge.log
expect "...and json says it was line 2" 0 '*' "$SR" decode --format json huge.log
case $OUT in *'"line":2,'*) ok "json line number after a huge line" ;;
*) fail "json line number after a huge line" "$(diag)" ;; esac

expect_status 125 "a missing file: 125" "$SR" decode "$FIX/auditd.log" missing.log
stderr_has "seccomp-run: missing.log: cannot open: No such file or directory" \
	"the missing file is named"
if [ "$OUT" = "$AUDITD_TEXT" ]; then
	ok "records of the files before it were printed"
else
	fail "records of the files before it were printed" "$(diag)"
fi
mkdir adir
expect_status 125 "a directory: 125" "$SR" decode adir
stderr_has "seccomp-run: adir: cannot read: Is a directory" "the directory is named"
expect_status 125 "--format other than text|json: 125" "$SR" decode --format xml none.log
stderr_has "text|json" "--format names the choices"

# ----------------------------------------------------- hostile names

# comm "a\033]0;pwned\007" + 0x9b (CSI on 8-bit terminals) + invalid
# UTF-8: only the kernel's hex reaches us.
printf '%s\n' 'audit: type=1326 audit(1795475431.613:1): auid=0 uid=0 gid=0 ses=1 pid=7 comm=611B5D303B70776E6564079BFF exe=2F746D702F0A6576696C sig=0 arch=c000003e syscall=63 compat=0 ip=0x1 code=0x7ffc0000' >evil.log
expect "hostile comm and exe: escaped, one line" 0 \
	'pid 7 (a\x1b]0;pwned\x07\x9b\xff) uname x86_64 SCMP_ACT_LOG nr=63 uid=0 ip=0x1 audit=1795475431.613:1 exe=/tmp/\nevil' \
	"$SR" decode evil.log
if printf '%s' "$OUT" | LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177\200-\377]')"; then
	fail "no control or high bytes reach the terminal" "$(diag)"
else
	ok "no control or high bytes reach the terminal"
fi

# ------------------------------------------------------------- json

json_ok() { # FILE: every line is one JSON object
	python3 -c '
import json, sys
for n, l in enumerate(open(sys.argv[1]), 1):
    v = json.loads(l)
    assert isinstance(v, dict), n
' "$1"
}
if command -v python3 >/dev/null 2>&1; then
	"$SR" decode --format json "$FIX/kernel-6.18.log" "$FIX/auditd.log" evil.log >all.json
	if json_ok all.json && [ "$(wc -l <all.json)" -eq 30 ]; then
		ok "json: 30 records, one valid object per line"
	else
		fail "json: 30 records, one valid object per line" "$(cat all.json)"
	fi
else
	skip "json: one valid object per line" "no python3"
fi

expect "json: every field typed (the auditd example record)" 0 \
	'{"file":"nonl.log","line":1,"time_ms":1795475431613,"serial":174764,"pid":812,"comm":"nginx","exe":"/usr/sbin/nginx","uid":33,"gid":33,"auid":1000,"ses":3,"subj":"unconfined","arch":"x86_64","audit_arch":3221225534,"syscall":"uname","nr":63,"compat":false,"ip":139818821238094,"code":2147221504,"action":"SCMP_ACT_LOG","data":0,"errno":null,"sig":0,"signal":null}' \
	"$SR" decode --format json nonl.log
expect "json: stdin is \"-\"; an unknown syscall and arch are null, errno named" 0 \
	'{"file":"-","line":1,"time_ms":1795475434001,"serial":174771,"pid":904,"comm":"app","exe":"/usr/bin/app","uid":1000,"gid":1000,"auid":1000,"ses":3,"subj":null,"arch":null,"audit_arch":3735928559,"syscall":null,"nr":1,"compat":false,"ip":4198400,"code":2147221504,"action":"SCMP_ACT_LOG","data":0,"errno":null,"sig":0,"signal":null}
{"file":"-","line":2,"time_ms":1795475435000,"serial":174773,"pid":906,"comm":"app","exe":"/usr/bin/app","uid":1000,"gid":1000,"auid":1000,"ses":3,"subj":null,"arch":"x86_64","audit_arch":3221225534,"syscall":"open","nr":2,"compat":false,"ip":4198400,"code":327681,"action":"SCMP_ACT_ERRNO","data":1,"errno":"EPERM","sig":0,"signal":null}' \
	sh -c 'grep -e 174771 -e 174773 "$2" | "$1" decode --format json' sh "$SR" "$FIX/auditd.log"
if command -v jq >/dev/null 2>&1; then
	expect "json through jq: the kill record" 0 "16018	getsid	x86_64	SCMP_ACT_KILL_PROCESS	SIGSYS	31	probe" \
		sh -c '"$1" decode --format json "$2" | jq -r "select(.sig > 0 and .action == \"SCMP_ACT_KILL_PROCESS\") | [.pid, .syscall, .arch, .action, .signal, .sig, .comm] | @tsv"' \
		sh "$SR" "$FIX/kernel-6.18.log"
	expect "json: hostile names stay strings (invalid UTF-8 as U+FFFD)" 0 \
		"$(printf 'a\033]0;pwned\007\357\277\275\357\277\275|/tmp/\nevil')" \
		sh -c '"$1" decode --format json evil.log | jq -j ".comm, \"|\", .exe"' sh "$SR"
else
	skip "json through jq" "no jq"
fi

# ------------------------------------------------ live, from this kernel

# LOG for uname, ERRNO (logged through SECCOMP_FILTER_FLAG_LOG) for getuid
# and i386 getpid, then KILL_PROCESS at getsid. The copy's name has a
# space, so the kernel hex-encodes it.
cat >live.json <<'EOF'
{
	"defaultAction": "SCMP_ACT_ALLOW",
	"flags": ["SECCOMP_FILTER_FLAG_LOG"],
	"architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
	"syscalls": [
		{ "names": ["uname"], "action": "SCMP_ACT_LOG" },
		{ "names": ["getuid", "getpid"], "action": "SCMP_ACT_ERRNO" },
		{ "names": ["getsid"], "action": "SCMP_ACT_KILL_PROCESS" }
	]
}
EOF
cp "$PROBE" "$T/live probe"

# live_run: run the probe, leave its pid in $LIVE_PID and the decoded
# records of that pid (up to the action and signal) in live.txt.
live_run() {
	calls="uname getuid"
	have_i386 && calls="$calls i386:getpid"
	# shellcheck disable=SC2086 # a word list
	sh -c 'echo $$ >live.pid; exec "$@"' sh "$SR" -p ./live.json -- "$T/live probe" \
		$calls getsid >/dev/null 2>&1
	LIVE_PID=$(cat live.pid)
	# kauditd prints asynchronously.
	for _i in 1 2 3 4 5 6 7 8 9 10; do
		dmesg >kmsg.log 2>/dev/null
		grep -q "pid=$LIVE_PID .*syscall=124 " kmsg.log && break
		sleep 0.2
	done
	grep "pid=$LIVE_PID " kmsg.log >mine.log
	"$SR" decode mine.log | sed 's/ nr=.*//' >live.txt
}

if ! is_root || ! dmesg >/dev/null 2>&1; then
	skip "live: the kernel's own records decode" "cannot read the kernel log (dmesg needs root here)"
elif ! grep -qw log /proc/sys/kernel/seccomp/actions_logged; then
	skip "live: the kernel's own records decode" "actions_logged lacks log: $(cat /proc/sys/kernel/seccomp/actions_logged)"
else
	live_run
	if [ ! -s live.txt ]; then
		# printk lets kauditd through 10 lines in 5 s; other tests
		# running now may have used them up.
		sleep 6
		live_run
	fi
	{
		echo "pid $LIVE_PID (live probe) uname x86_64 SCMP_ACT_LOG"
		echo "pid $LIVE_PID (live probe) getuid x86_64 SCMP_ACT_ERRNO"
		have_i386 && echo "pid $LIVE_PID (live probe) getpid x86 SCMP_ACT_ERRNO"
		echo "pid $LIVE_PID (live probe) getsid x86_64 SCMP_ACT_KILL_PROCESS sig=SIGSYS"
	} >live.want
	if [ ! -s live.txt ]; then
		skip "live: the kernel's own records decode" \
			"the kernel logged none of pid $LIVE_PID's records (rate limit: kauditd_printk_skb callbacks suppressed, or auditd took them)"
	else
		# What did appear is in the order made, and each is named right.
		if awk 'BEGIN { n = 0; i = 0; bad = 0 }
			NR == FNR { want[n++] = $0; next }
			{ while (i < n && want[i] != $0) i++; if (i++ >= n) bad = 1 }
			END { exit bad }' live.want live.txt; then
			ok "live: $(wc -l <live.txt) of $(wc -l <live.want) records of pid $LIVE_PID decode to syscall, arch, action, pid and comm"
		else
			fail "live: records of pid $LIVE_PID decode to syscall, arch, action, pid and comm" \
				"want (in order, some may be missing):" "$(cat live.want)" "got:" \
				"$(cat live.txt)" "records:" "$(cat mine.log)"
		fi
		# /dev/kmsg read directly (one record per read(2); it blocks at
		# the end, so a timeout ends it).
		timeout 3 "$SR" decode /dev/kmsg 2>/dev/null | grep "^pid $LIVE_PID " |
			sed 's/ nr=.*//' >kmsg.txt
		if cmp -s kmsg.txt live.txt; then
			ok "live: decode /dev/kmsg finds the same records"
		else
			fail "live: decode /dev/kmsg finds the same records" "dmesg:" "$(cat live.txt)" \
				"/dev/kmsg:" "$(cat kmsg.txt)"
		fi
	fi
fi

finish
