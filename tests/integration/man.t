# SPDX-License-Identifier: Apache-2.0
# Both manual pages render without a warning from groff (man --warnings,
# what lintian's manpage-has-errors-from-man runs) and, where mandoc is
# installed, pass mandoc -T lint.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

for page in "$REPO"/man/seccomp-run.1 "$REPO"/man/seccomp-run.json.5; do
	name=$(basename "$page")
	if command -v man >/dev/null 2>&1; then
		run env LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page"
		if [ "$STATUS" = 0 ] && [ -z "$ERR" ] && [ -n "$OUT" ]; then
			ok "$name: man --warnings renders it, no warning"
		else
			fail "$name: man --warnings renders it, no warning" "$(printf '%s\n' "$ERR" | head)"
		fi
	else
		skip "$name: man --warnings" "no man"
	fi
	if command -v mandoc >/dev/null 2>&1; then
		run mandoc -T lint "$page"
		if [ "$STATUS" = 0 ] && [ -z "$OUT$ERR" ]; then
			ok "$name: mandoc -T lint: clean"
		else
			fail "$name: mandoc -T lint: clean" "$(diag)"
		fi
	else
		skip "$name: mandoc -T lint" "no mandoc"
	fi
done

finish
