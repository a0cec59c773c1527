# SPDX-License-Identifier: Apache-2.0
# Every refused profile of the unit tests, through the real binary: exit
# 125, exactly one line saying what is wrong, and the program never ran.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

for json in "$REPO"/tests/profiles/invalid/*.json; do
	name=$(basename "$json" .json)
	want=$(cat "${json%.json}.expect")
	run "$SR" -p "$json" -- sh -c "touch '$T/ran'"
	if [ "$STATUS" != 125 ]; then
		fail "$name: exit 125" "got $STATUS" "$(diag)"
	elif [ "$(printf '%s\n' "$ERR" | wc -l)" != 1 ]; then
		fail "$name: one line on stderr" "$(diag)"
	else
		case $ERR in
		"seccomp-run: $json: "*"$want"*) ok "$name: 125, one line naming the file and the problem" ;;
		*) fail "$name: the message names the file and says '$want'" "$(diag)" ;;
		esac
	fi
	absent "$T/ran" "$name: the program did not run"
done

finish
