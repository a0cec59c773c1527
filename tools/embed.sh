#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# embed.sh FILE SYMBOL: print a C file defining SYMBOL (the bytes of FILE,
# NUL-terminated) and SYMBOL_len. Portable: od and sed only.
set -eu
file=$1 sym=$2
printf '/* Generated from %s by tools/embed.sh. */\n#include <stddef.h>\n' "$file"
printf 'const char %s[] = {\n' "$sym"
od -An -v -tx1 "$file" | sed -e 's/ *$//' -e 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g' -e 's/^/\t/'
printf '\t0x00\n};\nconst size_t %s_len = sizeof(%s) - 1;\n' "$sym" "$sym"
