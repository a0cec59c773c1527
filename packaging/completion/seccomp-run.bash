# SPDX-License-Identifier: Apache-2.0
# bash completion for seccomp-run(1): verbs, each verb's options, option
# values, and profile references (runtime/default, docker/default,
# unconfined, localhost/NAME under --root, $SECCOMP_RUN_ROOT or
# /var/lib/kubelet/seccomp). Installed as
# $(PREFIX)/share/bash-completion/completions/seccomp-run; works with or
# without the bash-completion package (with it, run's program gets its
# own completion).
#
# The lists below follow src/cli.c, src/check.c and src/names.c;
# tests/integration/completion.t holds them to what the binary accepts.

_seccomp_run_verbs='run check explain export simulate trace record decode'

# Options of the verbs that read a profile (run's go further).
_seccomp_run_profile_opts='-p --profile --root --caps --kernel --no-enosys
	--no-new-privs= -v --verbose -q --quiet --strict -h --help -V --version'

# _seccomp_run_opts VERB: the options VERB takes
_seccomp_run_opts()
{
	case $1 in
	run) echo "$_seccomp_run_profile_opts --close-fds --preserve-fds --bpf
		--cache-dir --no-cache" ;;
	check) echo "$_seccomp_run_profile_opts --arch --format --ignore" ;;
	explain) echo "$_seccomp_run_profile_opts --arch --format" ;;
	export) echo "$_seccomp_run_profile_opts --arch --format -o --output" ;;
	simulate) echo "$_seccomp_run_profile_opts --arch --format --disasm" ;;
	trace) echo "$_seccomp_run_profile_opts --close-fds --preserve-fds --cache-dir
		--no-cache --format --log --permissive" ;;
	record) echo "--root --caps --kernel --no-enosys --no-new-privs= -v --verbose -q
		--quiet --strict -h --help -V --version --close-fds --preserve-fds
		-o --output --base --append" ;;
	decode) echo "--format -v --verbose -q --quiet -h --help -V --version" ;;
	esac
}

# Options followed by a value.
_seccomp_run_takes_value()
{
	case $1 in
	-p | --profile | --root | --caps | --kernel | --arch | --no-new-privs | \
		--preserve-fds | --bpf | --format | -o | --output | --ignore | --cache-dir | \
		--log | --base)
		return 0 ;;
	esac
	return 1
}

_seccomp_run_formats()
{
	case $1 in
	export) echo 'bpf pfc oci' ;;
	check | explain | simulate | trace | decode) echo 'text json' ;;
	esac
}

# check's finding codes, for --ignore (src/check.c).
_seccomp_run_codes='format compile unknown-key key-case comments unknown-syscall
	other-arch missing-on-arch execve-denied no-exit enosys-fallback duplicate
	conflict shadowed overridden default-action masked-eq-datum
	masked-eq-no-datum masked-eq-mask value-two-unused arg-index int-arg
	sibling-allowed notify-no-listener legacy-name podman-only flags kill-thread'

# Architectures by name (src/names.c); libseccomp may not know them all.
_seccomp_run_arches='x86 x86_64 x32 arm aarch64 mips mips64 mips64n32 mipsel
	mipsel64 mipsel64n32 ppc ppc64 ppc64le s390 s390x parisc parisc64 riscv64
	loongarch64 m68k sh sheb'

_seccomp_run_caps='all none CAP_CHOWN CAP_DAC_OVERRIDE CAP_DAC_READ_SEARCH
	CAP_FOWNER CAP_FSETID CAP_KILL CAP_SETGID CAP_SETUID CAP_SETPCAP
	CAP_LINUX_IMMUTABLE CAP_NET_BIND_SERVICE CAP_NET_BROADCAST CAP_NET_ADMIN
	CAP_NET_RAW CAP_IPC_LOCK CAP_IPC_OWNER CAP_SYS_MODULE CAP_SYS_RAWIO
	CAP_SYS_CHROOT CAP_SYS_PTRACE CAP_SYS_PACCT CAP_SYS_ADMIN CAP_SYS_BOOT
	CAP_SYS_NICE CAP_SYS_RESOURCE CAP_SYS_TIME CAP_SYS_TTY_CONFIG CAP_MKNOD
	CAP_LEASE CAP_AUDIT_WRITE CAP_AUDIT_CONTROL CAP_SETFCAP CAP_MAC_OVERRIDE
	CAP_MAC_ADMIN CAP_SYSLOG CAP_WAKE_ALARM CAP_BLOCK_SUSPEND CAP_AUDIT_READ
	CAP_PERFMON CAP_BPF CAP_CHECKPOINT_RESTORE'

# _seccomp_run_add WORD...: append to COMPREPLY
_seccomp_run_add()
{
	COMPREPLY+=("$@")
}

# _seccomp_run_words LIST CUR: the words of LIST that start with CUR
_seccomp_run_words()
{
	local w
	for w in $1; do
		[[ $w == "$2"* ]] && _seccomp_run_add "$w"
	done
}

# _seccomp_run_comma LIST CUR: complete the last item of a comma list
_seccomp_run_comma()
{
	local head='' last=$2 w
	if [[ $2 == *,* ]]; then
		head=${2%,*},
		last=${2##*,}
	fi
	for w in $1; do
		[[ $w == "$last"* ]] && _seccomp_run_add "$head$w"
	done
}

# _seccomp_run_files CUR [-d]: file (or directory) names, a slash after
# each directory, and no space after a lone directory
_seccomp_run_files()
{
	local f
	local -a found
	mapfile -t found < <(compgen -f -- "$1")
	for f in "${found[@]}"; do
		if [[ -d $f ]]; then
			_seccomp_run_add "$f/"
		elif [[ $2 != -d ]]; then
			_seccomp_run_add "$f"
		fi
	done
}

# _seccomp_run_under ROOT PREFIX CUR: entries under ROOT as PREFIX/NAME
# (PREFIX empty: NAME alone), for CUR
_seccomp_run_under()
{
	local root=${1%/} pre=$2 cur=$3 rel f
	[[ -d $root ]] || return 0
	rel=${cur#"$pre"}
	local -a found
	mapfile -t found < <(compgen -f -- "$root/$rel")
	for f in "${found[@]}"; do
		if [[ -d $f ]]; then
			_seccomp_run_add "$pre${f#"$root"/}/"
		else
			_seccomp_run_add "$pre${f#"$root"/}"
		fi
	done
}

# _seccomp_run_profile ROOT CUR OPERAND: a profile reference for -p
# (OPERAND empty) or a check operand (OPERAND set: a plain name is a file
# in the current directory there, not a name under the root)
_seccomp_run_profile()
{
	local root=$1 cur=$2
	case $cur in
	/* | ./* | ../* | . | ..)
		_seccomp_run_files "$cur"
		return ;;
	esac
	_seccomp_run_words 'runtime/default docker/default unconfined' "$cur"
	if [[ $cur == localhost/* ]]; then
		_seccomp_run_under "$root" localhost/ "$cur"
	elif [[ localhost/ == "$cur"* ]]; then
		_seccomp_run_under "$root" localhost/ localhost/
	fi
	if [[ -n $cur ]]; then
		if [[ -n $3 ]]; then
			_seccomp_run_files "$cur"
		else
			_seccomp_run_under "$root" '' "$cur"
		fi
	elif [[ -n $3 ]]; then
		_seccomp_run_files ''
	fi
}

_seccomp_run()
{
	local cur=${COMP_WORDS[COMP_CWORD]} cword=$COMP_CWORD
	local -a words=("${COMP_WORDS[@]}")
	COMPREPLY=()

	# The option whose value is being completed: "--opt VALUE" and
	# "--opt=VALUE" (which bash splits into --opt, = and VALUE).
	local opt=
	if [[ $cur == = ]] && ((cword >= 2)) && [[ ${words[cword - 1]} == --* ]]; then
		opt=${words[cword - 1]}
		cur=
	elif ((cword >= 3)) && [[ ${words[cword - 1]} == = && ${words[cword - 2]} == --* ]]; then
		opt=${words[cword - 2]}
	elif ((cword >= 2)) && _seccomp_run_takes_value "${words[cword - 1]}"; then
		opt=${words[cword - 1]}
	fi

	# The verb, the root, and the first operand before the cursor
	# (getopt stops there: after it, nothing is an option).
	local verb=run i=1 w root=${SECCOMP_RUN_ROOT:-/var/lib/kubelet/seccomp}
	local operand=0 dashdash=0
	if ((cword > 1)) && [[ " $_seccomp_run_verbs " == *" ${words[1]} "* ]]; then
		verb=${words[1]}
		i=2
	fi
	while ((i < cword)); do
		w=${words[i]}
		if ((dashdash)) || [[ $w != -* ]]; then
			operand=$i
			break
		elif [[ $w == -- ]]; then
			dashdash=1
		elif [[ $w == --* && ${words[i + 1]} == = ]]; then
			[[ $w == --root ]] && root=${words[i + 2]}
			((i += 2))
		elif _seccomp_run_takes_value "$w"; then
			[[ $w == --root ]] && root=${words[i + 1]}
			((i++))
		fi
		((i++))
	done
	[[ $root == \~/* ]] && root=$HOME/${root#\~/}

	if ((operand == 0)) && [[ -n $opt ]]; then
		case $opt in
		-p | --profile | --base) _seccomp_run_profile "$root" "$cur" ;;
		--root | --cache-dir) _seccomp_run_files "$cur" -d ;;
		-o | --output | --bpf | --log) _seccomp_run_files "$cur" ;;
		--caps) _seccomp_run_comma "$_seccomp_run_caps" "$cur" ;;
		--ignore) _seccomp_run_comma "$_seccomp_run_codes" "$cur" ;;
		--arch) _seccomp_run_words "$_seccomp_run_arches" "$cur" ;;
		--format) _seccomp_run_words "$(_seccomp_run_formats "$verb")" "$cur" ;;
		--no-new-privs) _seccomp_run_words 'on off' "$cur" ;;
		--kernel)
			w=$(uname -r)
			w=${w%%-*}
			_seccomp_run_words "${w%.*}" "$cur"
			;;
		esac
	elif ((operand == 0 && !dashdash)) && [[ $cur == -* ]]; then
		_seccomp_run_words "$(_seccomp_run_opts "$verb")" "$cur"
	elif ((cword == 1)); then
		_seccomp_run_words "$_seccomp_run_verbs" "$cur"
		# Not a verb: the program to run.
		((${#COMPREPLY[@]})) || mapfile -t COMPREPLY < <(compgen -c -- "$cur" | sort -u)
	else
		case $verb in
		run | trace | record)
			if ((operand == 0)); then
				if [[ $cur == */* ]]; then
					_seccomp_run_files "$cur"
				else
					mapfile -t COMPREPLY < <(compgen -c -- "$cur" | sort -u)
				fi
			elif declare -F _command_offset >/dev/null; then
				_command_offset "$operand"
				return
			else
				_seccomp_run_files "$cur"
			fi
			;;
		check) _seccomp_run_profile "$root" "$cur" operand ;;
		decode) _seccomp_run_files "$cur" ;;
		esac
	fi

	if ((${#COMPREPLY[@]} == 1)) && [[ ${COMPREPLY[0]} == */ || ${COMPREPLY[0]} == *= ]]; then
		compopt -o nospace 2>/dev/null
	fi
	return 0
}

complete -F _seccomp_run seccomp-run
