#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Regenerate the syscall argument table inside src/sysargs.c.

Usage (as root, on an x86_64 host; the build itself never runs this):

    mount -t tracefs nodev /sys/kernel/tracing   # if not mounted yet
    python3 tools/gen-sysargs.py [--tracefs DIR] [--header FILE] [src/sysargs.c]

It rewrites only the lines between the GENERATED markers of src/sysargs.c,
so the hand-written code around the table stays as it is. Run it after a
libseccomp upgrade (new names) or on a newer kernel (new syscalls, changed
types), then review the diff: a type the script has never seen stops it
rather than guessing.

Where the data comes from, in order of trust:

1. The running kernel's syscall tracepoints,
   /sys/kernel/tracing/events/syscalls/sys_enter_NAME/format: every
   argument's C type exactly as its SYSCALL_DEFINEn states it, for the
   x86_64 entry points of the running kernel. Last run: Linux
   6.18.44-fc-v769, 2026-11-23.
2. ALIASES: libseccomp names whose x86_64 (or i386) entry point has another
   name than the syscall (stat -> sys_newstat, umount2 -> sys_umount,
   clock_gettime64 -> sys_clock_gettime, chown32 -> sys_chown, ...); the
   tracepoint of the entry point gives the layout.
3. MANUAL: names with no tracepoint here (not on x86_64, or configured out
   of the traced kernel, or removed from Linux), read from the kernel's
   SYSCALL_DEFINEn / COMPAT_SYSCALL_DEFINEn / asmlinkage definitions (the
   file is given next to each entry) or, for syscalls removed long ago, from
   their man page. The layout picked is, in order: x86_64's, another 64-bit
   ABI's, i386's, then the generic 32-bit one; on 32-bit ABIs a 64-bit value
   passed in two registers counts as two arguments (both 'l'). Syscalls
   Linux never implemented (sys_ni_syscall: afs_syscall, tuxcall, break,
   ...) get no arguments; removed ones keep their last prototype, so a
   profile written for an older kernel is still checked against it.

The set of names is libseccomp's: every __SNR_ name in seccomp-syscalls.h
(the unit test checks this against the library's own tables, all arches).

Class letters: 'i' for an argument narrower than a register (int, unsigned
int, pid_t, uid_t, gid_t, umode_t, clockid_t, timer_t, key_serial_t, u32,
enums, ...): the syscall wrapper truncates it, so on a 64-bit ABI the upper
32 bits of the register are seen by seccomp but ignored by the kernel. 'l'
for everything register-sized: long, unsigned long, size_t, off_t, loff_t,
u64, pointers.
"""

import argparse
import datetime
import os
import platform
import re
import subprocess
import sys
import textwrap

INT32_TYPES = {
    "int", "unsigned int", "unsigned", "pid_t", "uid_t", "gid_t", "umode_t",
    "u32", "__u32", "__s32", "s32", "clockid_t", "timer_t", "mqd_t", "key_t",
    "key_serial_t", "qid_t", "rwf_t", "old_uid_t", "old_gid_t",
}
LONG_TYPES = {
    "long", "unsigned long", "size_t", "off_t", "loff_t", "u64", "__u64",
    "aio_context_t", "__kernel_old_time_t", "old_sigset_t",
    # Pointer typedefs.
    "cap_user_header_t", "cap_user_data_t", "__sighandler_t",
}

# libseccomp name -> the tracepoint (SYSCALL_DEFINE name) of its entry point.
ALIASES = {
    # x86_64's syscall table points these at other definitions.
    "stat": "newstat",
    "lstat": "newlstat",
    "fstat": "newfstat",
    "uname": "newuname",
    "umount2": "umount",
    "sendfile": "sendfile64",
    # i386 spellings of x86_64 syscalls.
    "_newselect": "select",
    "ugetrlimit": "getrlimit",
    # 32-bit ABIs: 32-bit uid variants of the (16-bit uid) originals; same
    # definition as the x86_64 one.
    "chown32": "chown", "fchown32": "fchown", "lchown32": "lchown",
    "getuid32": "getuid", "geteuid32": "geteuid", "getgid32": "getgid",
    "getegid32": "getegid", "getgroups32": "getgroups",
    "setgroups32": "setgroups", "getresuid32": "getresuid",
    "getresgid32": "getresgid", "setfsuid32": "setfsuid",
    "setfsgid32": "setfsgid", "setuid32": "setuid", "setgid32": "setgid",
    "setreuid32": "setreuid", "setregid32": "setregid",
    "setresuid32": "setresuid", "setresgid32": "setresgid",
    # 32-bit ABIs: the 64-bit time_t variants are x86_64's definitions.
    "clock_adjtime64": "clock_adjtime",
    "clock_getres_time64": "clock_getres",
    "clock_gettime64": "clock_gettime",
    "clock_nanosleep_time64": "clock_nanosleep",
    "clock_settime64": "clock_settime",
    "futex_time64": "futex",
    "io_pgetevents_time64": "io_pgetevents",
    "mq_timedreceive_time64": "mq_timedreceive",
    "mq_timedsend_time64": "mq_timedsend",
    "ppoll_time64": "ppoll",
    "pselect6_time64": "pselect6",
    "recvmmsg_time64": "recvmmsg",
    "rt_sigtimedwait_time64": "rt_sigtimedwait",
    "sched_rr_get_interval_time64": "sched_rr_get_interval",
    "semtimedop_time64": "semtimedop",
    "timer_gettime64": "timer_gettime",
    "timer_settime64": "timer_settime",
    "timerfd_gettime64": "timerfd_gettime",
    "timerfd_settime64": "timerfd_settime",
    "utimensat_time64": "utimensat",
}

# name -> (classes, where they come from). Used when no tracepoint (direct or
# through ALIASES) exists, and for the names in OVERRIDE.
NI = "never implemented in Linux: sys_ni_syscall, takes nothing"
MANUAL = {
    # --- x86_64 syscalls without a tracepoint in the traced kernel
    "umount": ("l", "fs/namespace.c SYSCALL_DEFINE1(oldumount, char __user *, name);"
               " the 'umount' tracepoint is umount2's sys_umount"),
    "delete_module": ("li", "kernel/module/main.c SYSCALL_DEFINE2(delete_module, const char __user *, unsigned int)"),
    "init_module": ("lll", "kernel/module/main.c SYSCALL_DEFINE3(init_module, void __user *, unsigned long, const char __user *)"),
    "finit_module": ("ili", "kernel/module/main.c SYSCALL_DEFINE3(finit_module, int, const char __user *, int)"),
    "kexec_load": ("llll", "kernel/kexec.c SYSCALL_DEFINE4(kexec_load, unsigned long, unsigned long, struct kexec_segment __user *, unsigned long)"),
    "kexec_file_load": ("iilll", "kernel/kexec_file.c SYSCALL_DEFINE5(kexec_file_load, int, int, unsigned long, const char __user *, unsigned long)"),
    "get_thread_area": ("l", "arch/x86/kernel/tls.c SYSCALL_DEFINE1(get_thread_area, struct user_desc __user *)"),
    "set_thread_area": ("l", "arch/x86/kernel/tls.c SYSCALL_DEFINE1(set_thread_area, struct user_desc __user *);"
                        " mips: SYSCALL_DEFINE1(set_thread_area, unsigned long)"),
    "map_shadow_stack": ("lli", "arch/x86/kernel/shstk.c SYSCALL_DEFINE3(map_shadow_stack, unsigned long, unsigned long, unsigned int)"),
    "uselib": ("l", "fs/exec.c SYSCALL_DEFINE1(uselib, const char __user *) (CONFIG_USELIB, since removed)"),
    "lookup_dcookie": ("lll", "fs/dcookies.c SYSCALL_DEFINE3(lookup_dcookie, u64, char __user *, size_t) (since removed);"
                       " 32-bit ABIs split the u64: 4 arguments"),
    "_sysctl": ("l", "kernel/sysctl_binary.c SYSCALL_DEFINE1(sysctl, struct __sysctl_args __user *) (removed in 5.5)"),
    "nfsservctl": ("ill", "man 2 nfsservctl: (int cmd, struct nfsctl_arg *, union nfsctl_res *) (removed in 3.1)"),
    "create_module": ("ll", "man 2 create_module: (const char *name, size_t size) (removed in 2.6)"),
    "get_kernel_syms": ("l", "man 2 get_kernel_syms: (struct kernel_sym *table) (removed in 2.6)"),
    "query_module": ("lilll", "man 2 query_module: (const char *, int which, void *, size_t, size_t *) (removed in 2.6)"),
    "afs_syscall": ("", NI), "tuxcall": ("", NI), "security": ("", NI),
    "vserver": ("", NI), "getpmsg": ("", NI), "putpmsg": ("", NI),
    "epoll_ctl_old": ("", NI), "epoll_wait_old": ("", NI),

    # --- i386 (and other 32-bit ABIs') own syscalls
    "_llseek": ("illli", "fs/read_write.c SYSCALL_DEFINE5(llseek, unsigned int, unsigned long, unsigned long, loff_t __user *, unsigned int)"),
    "bdflush": ("il", "fs/buffer.c SYSCALL_DEFINE2(bdflush, int, long)"),
    "break": ("", NI), "ftime": ("", NI), "gtty": ("", NI), "stty": ("", NI),
    "lock": ("", NI), "mpx": ("", NI), "prof": ("", NI), "profil": ("", NI),
    "ulimit": ("", NI), "idle": ("", "sys_ni_syscall now; took no arguments when it existed"),
    "fadvise64_64": ("illlli", "i386: sys_fadvise64_64(int, loff_t, loff_t, int), each loff_t in two registers"
                     " (arch/x86/kernel/sys_ia32.c ia32_fadvise64_64)"),
    "fcntl64": ("iil", "fs/fcntl.c SYSCALL_DEFINE3(fcntl64, unsigned int, unsigned int, unsigned long)"),
    "fstat64": ("ll", "fs/stat.c SYSCALL_DEFINE2(fstat64, unsigned long, struct stat64 __user *)"),
    "stat64": ("ll", "fs/stat.c SYSCALL_DEFINE2(stat64, const char __user *, struct stat64 __user *)"),
    "lstat64": ("ll", "fs/stat.c SYSCALL_DEFINE2(lstat64, const char __user *, struct stat64 __user *)"),
    "fstatat64": ("illi", "fs/stat.c SYSCALL_DEFINE4(fstatat64, int, const char __user *, struct stat64 __user *, int)"),
    "statfs64": ("lll", "fs/statfs.c SYSCALL_DEFINE3(statfs64, const char __user *, size_t, struct statfs64 __user *)"),
    "fstatfs64": ("ill", "fs/statfs.c SYSCALL_DEFINE3(fstatfs64, unsigned int, size_t, struct statfs64 __user *)"),
    "truncate64": ("lll", "i386: fs/open.c SYSCALL_DEFINE2(truncate64, const char __user *, loff_t), loff_t in two registers"
                   " (sys_ia32.c ia32_truncate64)"),
    "ftruncate64": ("ill", "i386: fs/open.c SYSCALL_DEFINE2(ftruncate64, unsigned int, loff_t), loff_t in two registers"
                    " (sys_ia32.c ia32_ftruncate64)"),
    "ipc": ("iillll", "ipc/syscall.c SYSCALL_DEFINE6(ipc, unsigned int, int, unsigned long, unsigned long, void __user *, long)"),
    "mmap2": ("llllll", "i386: mm/mmap.c SYSCALL_DEFINE6(mmap_pgoff, unsigned long x6); ppc arch/powerpc/kernel/syscalls.c the same"),
    "nice": ("i", "kernel/sched/syscalls.c SYSCALL_DEFINE1(nice, int)"),
    "oldfstat": ("il", "fs/stat.c SYSCALL_DEFINE2(fstat, unsigned int, struct __old_kernel_stat __user *)"),
    "oldlstat": ("ll", "fs/stat.c SYSCALL_DEFINE2(lstat, const char __user *, struct __old_kernel_stat __user *)"),
    "oldstat": ("ll", "fs/stat.c SYSCALL_DEFINE2(stat, const char __user *, struct __old_kernel_stat __user *)"),
    "olduname": ("l", "kernel/sys.c SYSCALL_DEFINE1(uname, struct old_utsname __user *)"),
    "oldolduname": ("l", "kernel/sys.c SYSCALL_DEFINE1(olduname, struct oldold_utsname __user *)"),
    "readdir": ("ili", "fs/readdir.c SYSCALL_DEFINE3(old_readdir, unsigned int, struct old_linux_dirent __user *, unsigned int)"),
    "recv": ("illi", "net/socket.c SYSCALL_DEFINE4(recv, int, void __user *, size_t, unsigned int)"),
    "send": ("illi", "net/socket.c SYSCALL_DEFINE4(send, int, void __user *, size_t, unsigned int)"),
    "sgetmask": ("", "kernel/signal.c SYSCALL_DEFINE0(sgetmask)"),
    "ssetmask": ("i", "kernel/signal.c SYSCALL_DEFINE1(ssetmask, int)"),
    "sigaction": ("ill", "kernel/signal.c SYSCALL_DEFINE3(sigaction, int, const struct old_sigaction __user *, struct old_sigaction __user *)"),
    "signal": ("il", "kernel/signal.c SYSCALL_DEFINE2(signal, int, __sighandler_t)"),
    "sigpending": ("l", "kernel/signal.c SYSCALL_DEFINE1(sigpending, old_sigset_t __user *)"),
    "sigprocmask": ("ill", "kernel/signal.c SYSCALL_DEFINE3(sigprocmask, int, old_sigset_t __user *, old_sigset_t __user *)"),
    "sigreturn": ("", "arch/x86/kernel/signal_32.c SYSCALL_DEFINE0(sigreturn)"),
    "sigsuspend": ("iil", "kernel/signal.c SYSCALL_DEFINE3(sigsuspend, int, int, old_sigset_t) under OLD_SIGSUSPEND3"
                   " (x86-32, arm, s390 incl. s390x); ppc and mips take the mask alone"),
    "socketcall": ("il", "net/socket.c SYSCALL_DEFINE2(socketcall, int, unsigned long __user *)"),
    "stime": ("l", "kernel/time/time.c SYSCALL_DEFINE1(stime, __kernel_old_time_t __user *)"),
    "vm86": ("ll", "arch/x86/kernel/vm86_32.c SYSCALL_DEFINE2(vm86, unsigned long, unsigned long)"),
    "vm86old": ("l", "arch/x86/kernel/vm86_32.c SYSCALL_DEFINE1(vm86old, struct vm86_struct __user *)"),
    "waitpid": ("ili", "kernel/exit.c SYSCALL_DEFINE3(waitpid, pid_t, int __user *, int)"),
    "timerfd": ("iiil", "2.6.22-2.6.24 fs/timerfd.c sys_timerfd(int, int, int, const struct itimerspec __user *); sys_ni_syscall since"),

    # --- arm
    "arm_fadvise64_64": ("iillll", "arch/arm/kernel/sys_arm.c sys_arm_fadvise64_64(int, int, loff_t, loff_t),"
                         " each loff_t in a register pair"),
    "arm_sync_file_range": ("iillll", "arm's name for sync_file_range2(int, unsigned int, loff_t, loff_t),"
                            " each loff_t in a register pair"),
    "breakpoint": ("", "arch/arm/kernel/traps.c arm_syscall(): a trap, reads no argument"),
    "usr26": ("", "arch/arm/kernel/traps.c arm_syscall(): mode switch, reads no argument"),
    "usr32": ("", "arch/arm/kernel/traps.c arm_syscall(): mode switch, reads no argument"),
    "set_tls": ("l", "arch/arm/kernel/traps.c arm_syscall(): set_tls(regs->ARM_r0)"),
    "get_tls": ("", "arch/arm/kernel/traps.c arm_syscall(): reads no argument"),
    "cacheflush": ("lli", "arch/mips/mm/cache.c SYSCALL_DEFINE3(cacheflush, unsigned long, unsigned long, unsigned int);"
                   " arm: do_cache_op(r0 start, r1 end, r2 flags)"),
    "pciconfig_iobase": ("lll", "arch/powerpc/kernel/pci_64.c SYSCALL_DEFINE3(pciconfig_iobase, long, unsigned long, unsigned long)"),
    "pciconfig_read": ("lllll", "drivers/pci/syscall.c SYSCALL_DEFINE5(pciconfig_read, unsigned long x4, void __user *)"),
    "pciconfig_write": ("lllll", "drivers/pci/syscall.c SYSCALL_DEFINE5(pciconfig_write, unsigned long x4, void __user *)"),

    # --- mips
    "cachectl": ("lii", "arch/mips/kernel/syscall.c SYSCALL_DEFINE3(cachectl, char *, int, int)"),
    "sysmips": ("lll", "arch/mips/kernel/syscall.c SYSCALL_DEFINE3(sysmips, long, long, long)"),
    "syscall": ("llllll", "arch/mips/kernel/scall32-o32.S sys_syscall: indirect syscall, arg 0 is the number,"
                " the others are passed on"),

    # --- powerpc
    "multiplexer": ("", "powerpc: " + NI),
    "rtas": ("l", "arch/powerpc/kernel/rtas.c SYSCALL_DEFINE1(rtas, struct rtas_args __user *)"),
    "spu_create": ("liii", "arch/powerpc/platforms/cell/spu_syscalls.c SYSCALL_DEFINE4(spu_create, const char __user *, unsigned int, umode_t, int)"),
    "spu_run": ("ill", "arch/powerpc/platforms/cell/spu_syscalls.c SYSCALL_DEFINE3(spu_run, int, __u32 __user *, __u32 __user *)"),
    "subpage_prot": ("lll", "arch/powerpc/mm/book3s64/subpage_prot.c SYSCALL_DEFINE3(subpage_prot, unsigned long, unsigned long, u32 __user *)"),
    "swapcontext": ("lll", "arch/powerpc/kernel/signal_64.c SYSCALL_DEFINE3(swapcontext, struct ucontext __user *, struct ucontext __user *, long)"),
    "switch_endian": ("", "arch/powerpc/kernel/syscalls.c SYSCALL_DEFINE0(switch_endian)"),
    "sync_file_range2": ("iill", "fs/sync.c SYSCALL_DEFINE4(sync_file_range2, int, unsigned int, loff_t, loff_t) (ppc64);"
                         " 6 arguments on 32-bit ABIs"),
    "sys_debug_setcontext": ("lil", "arch/powerpc/kernel/signal_32.c SYSCALL_DEFINE3(debug_setcontext, struct ucontext __user *, int, struct sig_dbg_op __user *)"),

    # --- riscv
    "riscv_flush_icache": ("lll", "arch/riscv/kernel/sys_riscv.c SYSCALL_DEFINE3(riscv_flush_icache, uintptr_t, uintptr_t, uintptr_t)"),

    # --- s390
    "s390_guarded_storage": ("il", "arch/s390/kernel/guarded_storage.c SYSCALL_DEFINE2(s390_guarded_storage, int, struct gs_cb __user *)"),
    "s390_pci_mmio_read": ("lll", "arch/s390/pci/pci_mmio.c SYSCALL_DEFINE3(s390_pci_mmio_read, unsigned long, void __user *, size_t)"),
    "s390_pci_mmio_write": ("lll", "arch/s390/pci/pci_mmio.c SYSCALL_DEFINE3(s390_pci_mmio_write, unsigned long, const void __user *, size_t)"),
    "s390_runtime_instr": ("ii", "arch/s390/kernel/runtime_instr.c SYSCALL_DEFINE2(s390_runtime_instr, int, int)"),
    "s390_sthyi": ("llll", "arch/s390/kernel/sthyi.c SYSCALL_DEFINE4(s390_sthyi, unsigned long, void __user *, u64 __user *, unsigned long)"),
}

# Names that have a same-named tracepoint which is not their entry point.
OVERRIDE = {"umount"}


def seccomp_names(header):
    names = set()
    with open(header) as f:
        for line in f:
            m = re.match(r"#define\s+__SNR_([A-Za-z0-9_]+)\b", line)
            if m:
                names.add(m.group(1))
    if not names:
        sys.exit(f"{header}: no __SNR_ names")
    return names


def arg_class(ctype, where):
    t = re.sub(r"\bconst\b", "", ctype)
    t = re.sub(r"\s+", " ", t).strip()
    if "*" in t:
        return "l"
    if t.startswith("enum "):
        return "i"
    if t in INT32_TYPES:
        return "i"
    if t in LONG_TYPES:
        return "l"
    sys.exit(f"{where}: unknown argument type '{ctype}': add it to INT32_TYPES or LONG_TYPES")


FIELD = re.compile(r"^\s*field:(.*?);\s*offset:")


def tracepoint(tracefs, event):
    path = os.path.join(tracefs, f"sys_enter_{event}", "format")
    try:
        with open(path) as f:
            text = f.read()
    except FileNotFoundError:
        return None
    classes = ""
    for line in text.splitlines():
        m = FIELD.match(line)
        if not m:
            continue
        decl = m.group(1).strip()
        # "unsigned long clone_flags": drop the argument's name.
        ctype, name = re.match(r"(.*?)\s*([A-Za-z0-9_]+)$", decl).groups()
        if name.startswith("common_") or name == "__syscall_nr":
            continue
        classes += arg_class(ctype, path)
    return classes


def c_string(s):
    return '"' + s + '"'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tracefs", default="/sys/kernel/tracing/events/syscalls")
    ap.add_argument("--header", default="/usr/include/seccomp-syscalls.h")
    ap.add_argument("output", nargs="?",
                    default=os.path.join(os.path.dirname(__file__), "..", "src", "sysargs.c"))
    args = ap.parse_args()

    if platform.machine() != "x86_64":
        sys.exit("run on x86_64: the table holds x86_64's layouts")
    if not os.path.isdir(args.tracefs):
        sys.exit(f"{args.tracefs}: missing; mount -t tracefs nodev /sys/kernel/tracing (as root)")

    names = seccomp_names(args.header)
    stale = sorted(set(MANUAL) - names) + sorted(set(ALIASES) - names)
    if stale:
        sys.exit("not libseccomp names (typo, or dropped by libseccomp): " + " ".join(stale))

    table = {}
    counts = {"tracefs": 0, "alias": 0, "manual": 0}
    for n in sorted(names):
        got = None
        if n not in OVERRIDE:
            got = tracepoint(args.tracefs, ALIASES.get(n, n))
            if got is not None:
                counts["alias" if n in ALIASES else "tracefs"] += 1
        if got is None:
            if n in ALIASES:
                sys.exit(f"{n}: no tracepoint sys_enter_{ALIASES[n]}")
            if n not in MANUAL:
                sys.exit(f"{n}: no tracepoint and no MANUAL entry")
            got = MANUAL[n][0]
            counts["manual"] += 1
        elif n in MANUAL:
            print(f"note: {n} has a tracepoint now; its MANUAL entry is unused", file=sys.stderr)
        if len(got) > 6:
            sys.exit(f"{n}: {len(got)} arguments")
        table[n] = got

    kernel = platform.release()
    try:
        libver = subprocess.run(["pkg-config", "--modversion", "libseccomp"],
                                capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        libver = "unknown"
    today = datetime.date.today().isoformat()

    summary = (f"{len(table)} names: libseccomp {libver}'s, all arches. Layouts from "
               f"the tracepoints of Linux {kernel} (x86_64), {today}: "
               f"{counts['tracefs']} by name, {counts['alias']} by their entry point's "
               f"name; {counts['manual']} from kernel sources or man pages, as the "
               f"generator notes.")
    out = ["/* BEGIN GENERATED by tools/gen-sysargs.py: do not edit by hand."]
    out += [" * " + l for l in textwrap.wrap(summary, 72)]
    out[-1] += " */"
    out += [
        "static const struct sysargs_entry table[] = {",
    ]
    # C's strcmp order, which bsearch relies on: sort by bytes.
    for n in sorted(table, key=lambda s: s.encode()):
        out.append(f"\t{{ {c_string(n)}, {c_string(table[n])} }},")
    out.append("};")
    out.append("/* END GENERATED */")

    with open(args.output) as f:
        src = f.read()
    begin = src.find("/* BEGIN GENERATED")
    end = src.find("/* END GENERATED */")
    if begin < 0 or end < 0:
        sys.exit(f"{args.output}: GENERATED markers not found")
    end += len("/* END GENERATED */")
    new = src[:begin] + "\n".join(out) + src[end:]
    if new != src:
        with open(args.output, "w") as f:
            f.write(new)
    print(f"{args.output}: {len(table)} names ({counts})", file=sys.stderr)


if __name__ == "__main__":
    main()
