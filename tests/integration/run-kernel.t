# SPDX-License-Identifier: Apache-2.0
# Rules conditional on the kernel version (includes/excludes.minKernel,
# compared with uname's major.minor), and --kernel X.Y.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# Host version, and the next minor one.
HOST=$(uname -r | sed -n 's/^\([0-9]*\)\.\([0-9]*\).*/\1.\2/p')
NEXT=$(echo "$HOST" | awk -F. '{ print $1 "." $2 + 1 }')

cat >kern.json <<EOF
{
	"defaultAction": "SCMP_ACT_ALLOW",
	"syscalls": [
		{ "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42,
		  "includes": { "minKernel": "99.0" } },
		{ "names": ["getuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 43,
		  "includes": { "minKernel": "1.0" } },
		{ "names": ["getgid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 44,
		  "excludes": { "minKernel": "99.0" } },
		{ "names": ["getegid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 45,
		  "excludes": { "minKernel": "1.0" } },
		{ "names": ["geteuid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 46,
		  "includes": { "minKernel": "$HOST" } },
		{ "names": ["gettid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 47,
		  "includes": { "minKernel": "$NEXT" } },
		{ "names": ["getsid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 48,
		  "includes": { "caps": ["CAP_SYS_ADMIN"] },
		  "excludes": { "minKernel": "99.0" } }
	]
}
EOF
CALLS="getppid getuid getgid getegid geteuid gettid getsid"
# out A B C D E F G: expected output for $CALLS
out() {
	lines "getppid=$1" "getuid=$2" "getgid=$3" "getegid=$4" "geteuid=$5" \
		"gettid=$6" "getsid=$7"
}

# shellcheck disable=SC2086
{
expect "host kernel $HOST: minKernel 99.0 needed -> dropped, 1.0 -> kept; excludes the reverse; $HOST kept, $NEXT dropped" 0 \
	"$(out OK EIDRM ECHRNG OK EL3HLT OK OK)" \
	"$SR" --caps none -p ./kern.json -- "$PROBE" $CALLS
expect "includes and excludes on one rule must both pass" 0 \
	"$(out OK EIDRM ECHRNG OK EL3HLT OK ELNRNG)" \
	"$SR" --caps all -p ./kern.json -- "$PROBE" $CALLS
expect "--kernel 99.0: the 99.0 rules flip" 0 \
	"$(out ENOMSG EIDRM OK OK EL3HLT EL3RST OK)" \
	"$SR" --caps all --kernel 99.0 -p ./kern.json -- "$PROBE" $CALLS
expect "--kernel 99.1 is >= 99.0" 0 \
	"$(out ENOMSG EIDRM OK OK EL3HLT EL3RST OK)" \
	"$SR" --caps none --kernel 99.1 -p ./kern.json -- "$PROBE" $CALLS
expect "--kernel 98.255 is < 99.0" 0 \
	"$(out OK EIDRM ECHRNG OK EL3HLT EL3RST OK)" \
	"$SR" --caps none --kernel 98.255 -p ./kern.json -- "$PROBE" $CALLS
expect "--kernel 0.9: below every minKernel" 0 \
	"$(out OK OK ECHRNG EL2NSYNC OK OK OK)" \
	"$SR" --caps none --kernel 0.9 -p ./kern.json -- "$PROBE" $CALLS
expect "--kernel 1.0: exactly the 1.0 minimum counts as reached" 0 \
	"$(out OK EIDRM ECHRNG OK OK OK OK)" \
	"$SR" --caps none --kernel 1.0 -p ./kern.json -- "$PROBE" $CALLS
expect "--kernel $HOST is the host's own version" 0 \
	"$(out OK EIDRM ECHRNG OK EL3HLT OK OK)" \
	"$SR" --caps none --kernel "$HOST" -p ./kern.json -- "$PROBE" $CALLS
}

# Bad versions are refused before anything runs.
expect_status 125 "--kernel abc is refused (125)" \
	"$SR" --kernel abc -p ./kern.json -- sh -c "touch '$T/ran'"
absent "$T/ran" "--kernel abc: the program did not run"

for bad in '"3"' '"3.12.1"' '"256.1"' '"4.15abc"' '3.12' '".3"'; do
	cat >bad.json <<EOF
{ "defaultAction": "SCMP_ACT_ALLOW",
  "syscalls": [ { "names": ["getppid"], "action": "SCMP_ACT_ERRNO",
                  "includes": { "minKernel": $bad } } ] }
EOF
	expect_status 125 "minKernel $bad is refused (125)" \
		"$SR" -p ./bad.json -- sh -c "touch '$T/ran'"
	stderr_has "bad.json: syscalls[0].includes.minKernel: " \
		"minKernel $bad: the message is FILE: JSON path: ..."
	absent "$T/ran" "minKernel $bad: the program did not run"
done

finish
