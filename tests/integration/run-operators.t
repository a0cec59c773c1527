# SPDX-License-Identifier: Apache-2.0
# Argument conditions: every operator, 64-bit values, MASKED_EQ, and how
# several conditions combine (runc: same index -> OR of all, else AND).
# getppid ignores its arguments, so only the filter decides: a match is
# ENOMSG (errnoRet 42), a miss is OK.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

# args_profile FILE ARGS-JSON: default ALLOW, getppid ERRNO(42) if ARGS match
args_profile() {
	cat >"$1" <<EOF
{
	"defaultAction": "SCMP_ACT_ALLOW",
	"syscalls": [
		{ "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42,
		  "args": $2 }
	]
}
EOF
}

# op_case OP VALUE VALUETWO INDEX HIT-ARG... -- MISS-ARG...
# The probe passes the argument at INDEX, zeros elsewhere.
op_case() {
	_op=$1 _v=$2 _v2=$3 _idx=$4
	shift 4
	# JSON takes decimal only
	args_profile op.json "[ { \"index\": $_idx, \"value\": $(printf %u "$_v"), \"valueTwo\": $(printf %u "$_v2"), \"op\": \"$_op\" } ]"
	_calls='' _want='' _hit=1
	for _a; do
		if [ "$_a" = -- ]; then _hit=; continue; fi
		# argument list with $_a at position $_idx
		_list='' _i=0
		while [ "$_i" -le "$_idx" ]; do
			if [ "$_i" = "$_idx" ]; then _x=$_a; else _x=0; fi
			_list=${_list:+$_list,}$_x
			_i=$((_i + 1))
		done
		_calls="$_calls getppid:$_list"
		if [ -n "$_hit" ]; then _r=ENOMSG; else _r=OK; fi
		_want="$_want${_want:+
}getppid:$_list=$_r"
	done
	# shellcheck disable=SC2086 # word list of probe calls
	expect "$_op $_v${_v2:+/$_v2} on arg $_idx: matches$(echo " $*" | sed 's/ -- / ; misses /')" \
		0 "$_want" "$SR" -p ./op.json -- "$PROBE" $_calls
}

op_case SCMP_CMP_NE 10 0 0   9 11 0x10000000a -- 10
op_case SCMP_CMP_LT 10 0 0   0 9 -- 10 11 0x100000000
op_case SCMP_CMP_LE 10 0 0   0 9 10 -- 11 0x100000009
op_case SCMP_CMP_EQ 10 0 0   10 -- 9 11 0x10000000a
op_case SCMP_CMP_GE 10 0 0   10 11 0x100000000 -- 0 9
op_case SCMP_CMP_GT 10 0 0   11 0x100000000 -1 -- 10 9
# Values above 2^32 are compared in full on x86_64.
op_case SCMP_CMP_EQ 0x100000001 0 0   0x100000001 -- 1 0x100000000 0x200000001
op_case SCMP_CMP_EQ 4294967297 0 0    0x100000001 -- 1
op_case SCMP_CMP_NE 0x100000001 0 0   1 0x200000001 -- 0x100000001
op_case SCMP_CMP_GT 0xffffffff 0 0    0x100000000 -1 -- 0xffffffff 1
op_case SCMP_CMP_LT 0x100000001 0 0   0x100000000 0xffffffff -- 0x100000001 -1
op_case SCMP_CMP_GE 0xffffffffffffffff 0 0   -1 -- 0xfffffffffffffffe 0xffffffff
op_case SCMP_CMP_LE 0x100000000 0 0   0 0xffffffff 0x100000000 -- 0x100000001 -1
op_case SCMP_CMP_EQ 18446744073709551615 0 0   -1 -- 0xffffffff 0
# MASKED_EQ: value is the mask, valueTwo the datum: (arg & value) == valueTwo.
op_case SCMP_CMP_MASKED_EQ 0xff00 0x1200 0   0x1200 0x12ab 0x1000000012ff -- 0x1300 0x13ab 0xab 0
op_case SCMP_CMP_MASKED_EQ 0xffffffff00000000 0x100000000 0   0x100000000 0x1000000ab -- 0xab 0x200000000 0
op_case SCMP_CMP_MASKED_EQ 2114060288 0 0   0 0x11 0x800 -- 0x10000000 0x20000 0x10020000
op_case SCMP_CMP_MASKED_EQ 0x8 0x8 0   8 9 0xff -- 0 7 0x10
# Every argument index reaches the filter.
op_case SCMP_CMP_EQ 3 0 1   3 -- 0 4
op_case SCMP_CMP_EQ 3 0 5   3 -- 0 4
op_case SCMP_CMP_GT 0x100000000 0 5   0x100000001 -- 0x100000000 3

# Several conditions on one index: runc makes each its own rule (OR).
args_profile or.json '[ { "index": 0, "value": 1, "op": "SCMP_CMP_NE" },
		  { "index": 0, "value": 2, "op": "SCMP_CMP_NE" } ]'
expect "same index NE 1, NE 2 is OR: arg 1 and 2 match too" 0 \
	"$(lines getppid:1=ENOMSG getppid:2=ENOMSG getppid:3=ENOMSG)" \
	"$SR" -p ./or.json -- "$PROBE" getppid:1 getppid:2 getppid:3

args_profile or2.json '[ { "index": 0, "value": 1, "op": "SCMP_CMP_EQ" },
		  { "index": 0, "value": 2, "op": "SCMP_CMP_EQ" } ]'
expect "same index EQ 1, EQ 2 is OR: 1 and 2 match, 3 does not" 0 \
	"$(lines getppid:1=ENOMSG getppid:2=ENOMSG getppid:3=OK)" \
	"$SR" -p ./or2.json -- "$PROBE" getppid:1 getppid:2 getppid:3

# Different indexes: one rule, AND.
args_profile and.json '[ { "index": 0, "value": 7, "op": "SCMP_CMP_EQ" },
		  { "index": 1, "value": 9, "op": "SCMP_CMP_EQ" } ]'
expect "different indexes EQ 7 and EQ 9 is AND" 0 \
	"$(lines getppid:7,9=ENOMSG getppid:7,0=OK getppid:0,9=OK getppid:7,9,1=ENOMSG)" \
	"$SR" -p ./and.json -- "$PROBE" getppid:7,9 getppid:7,0 getppid:0,9 getppid:7,9,1

# A repeated index anywhere turns every condition, on any index, into OR.
args_profile mixed.json '[ { "index": 0, "value": 1, "op": "SCMP_CMP_EQ" },
		  { "index": 0, "value": 2, "op": "SCMP_CMP_EQ" },
		  { "index": 1, "value": 9, "op": "SCMP_CMP_EQ" } ]'
expect "a repeated index makes the other index's condition an OR too" 0 \
	"$(lines getppid:0,9=ENOMSG getppid:1,0=ENOMSG getppid:3,0=OK)" \
	"$SR" -p ./mixed.json -- "$PROBE" getppid:0,9 getppid:1,0 getppid:3,0

# Conditional and unconditional rules for one syscall.
cat >cond.json <<'EOF'
{ "defaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [
    { "names": ["getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42,
      "args": [ { "index": 0, "value": 5, "op": "SCMP_CMP_EQ" } ] },
    { "names": ["getppid"], "action": "SCMP_ACT_ALLOW",
      "args": [ { "index": 0, "value": 6, "op": "SCMP_CMP_EQ" } ] },
EOF
printf '%s\n' "$BASE_RULE ] }" >>cond.json
expect "two conditional rules with different actions on one call" 0 \
	"$(lines getppid:5=ENOMSG getppid:6=OK getppid:7=EPERM)" \
	"$SR" -p ./cond.json -- "$PROBE" getppid:5 getppid:6 getppid:7

# Docker's personality rule: 0xffffffff is allowed, the 64-bit -1 is not.
cat >pers.json <<EOF
{ "defaultAction": "SCMP_ACT_ERRNO",
  "syscalls": [ $BASE_RULE,
    { "names": ["personality"], "action": "SCMP_ACT_ALLOW",
      "args": [ { "index": 0, "value": 4294967295, "op": "SCMP_CMP_EQ" } ] } ] }
EOF
expect "personality EQ 4294967295 allows 0xffffffff only, not 64-bit -1" 0 \
	"$(lines personality:0xffffffff=OK personality:-1=EPERM personality:0x1ffffffff=EPERM)" \
	"$SR" -p ./pers.json -- "$PROBE" personality:0xffffffff personality:-1 personality:0x1ffffffff

finish
