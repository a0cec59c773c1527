/* SPDX-License-Identifier: Apache-2.0 */
/* The supervisor: the parent of the program for trace and record. The
 * child loads the filter with a listener and sends the fd back over a
 * socketpair in its one call besides execve; the parent answers every
 * notification through the decide callback, and stays until the program
 * and everything under its filter is gone, because without a listener a
 * notified call fails with ENOSYS. */
#include "supervise.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

/* What the child sends on the socketpair: this one byte with the listener
 * fd, or its struct sr_error when the launch failed before the load. */
#define HANDOFF_TAG 'L'

/* Forwarded to the program; SIGCHLD is ours. */
static const int forwarded[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 };

/* Thread id -> process id, for the reports: a slot per tid modulo the
 * size, checked at every use (supervise_task). */
#define TGID_SLOTS 256

struct sr_supervisor {
	const struct sr_supervise *s;
	pid_t child;
	bool pid1;           /* every orphan of the namespace is ours to reap */
	int listener;        /* -1 once no process holds the filter */
	int sock;            /* our end of the socketpair; -1 once the child exec'd */
	int sigfd;
	bool reaped;
	int wstatus;
	bool proc_usable;
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
	size_t req_size, resp_size;
	struct {
		uint32_t tid;
		pid_t tgid;
	} tgids[TGID_SLOTS];
};

static int exit_status(int wstatus)
{
	return WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus) : WEXITSTATUS(wstatus);
}

static void sigset_of_forwarded(sigset_t *set)
{
	sigemptyset(set);
	for (size_t i = 0; i < ARRAY_SIZE(forwarded); i++)
		sigaddset(set, forwarded[i]);
	sigaddset(set, SIGCHLD);
}

/* The kernel may know a larger struct than our headers: receive into its
 * size (it must be zeroed) and read our fields. */
static void alloc_notif_buffers(struct sr_supervisor *st)
{
	struct seccomp_notif_sizes sizes = { 0 };
	st->req_size = sizeof(*st->req);
	st->resp_size = sizeof(*st->resp);
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) == 0) {
		if (sizes.seccomp_notif > st->req_size)
			st->req_size = sizes.seccomp_notif;
		if (sizes.seccomp_notif_resp > st->resp_size)
			st->resp_size = sizes.seccomp_notif_resp;
	}
	st->req = xcalloc(1, st->req_size);
	st->resp = xcalloc(1, st->resp_size);
}

/* A /proc mounted for another pid namespace (unshare --pid without
 * --mount-proc) would name other processes: the kernel gives us thread
 * ids in ours. */
static bool proc_matches_our_pid_ns(void)
{
	char link[32];
	ssize_t n = readlink("/proc/self", link, sizeof(link) - 1);
	if (n <= 0)
		return false;
	link[n] = '\0';
	unsigned v;
	return parse_uint(link, INT_MAX, &v) && (pid_t)v == getpid();
}

/* ------------------------------------------------------------ the child */

static __attribute__((noreturn)) void child_main(const struct sr_launch *l, int sock,
						 const sigset_t *mask, pid_t parent)
{
	struct sr_error err = { 0 };
	/* The program gets the mask seccomp-run was started with. Without
	 * its supervisor a notified call would fail with ENOSYS, an
	 * enforced KILL would not happen: die with it instead. */
	if (sigprocmask(SIG_SETMASK, mask, NULL) < 0 || prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		sr_fail_errno(&err, errno, "preparing the supervised child");
	else if (getppid() != parent)
		sr_fail(&err, "the supervisor ended before the program started");
	else
		launch_exec(l, &err);
	/* Failed before the load: the parent prints it, once. */
	ssize_t unused = send(sock, &err, sizeof(err), MSG_NOSIGNAL);
	(void)unused;
	_exit(err.status ? err.status : SR_EXIT_FAILED);
}

/* ------------------------------------------------------------ the start */

static void reap_child_now(struct sr_supervisor *st)
{
	while (waitpid(st->child, &st->wstatus, 0) < 0 && errno == EINTR)
		;
	st->reaped = true;
}

static int receive_listener(struct sr_supervisor *st, struct sr_error *err)
{
	struct sr_error child_err;
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} control;
	struct iovec iov = { .iov_base = &child_err, .iov_len = sizeof(child_err) };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = control.buf,
		.msg_controllen = sizeof(control.buf),
	};
	ssize_t n;
	while ((n = recvmsg(st->sock, &msg, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR)
		;
	if (n < 0)
		return sr_fail_errno(err, errno, "receiving the notification fd");
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
	    c->cmsg_len == CMSG_LEN(sizeof(int))) {
		memcpy(&st->listener, CMSG_DATA(c), sizeof(int));
		if (n == 1 && *(const char *)&child_err == HANDOFF_TAG)
			return 0;
		close(st->listener);
		st->listener = -1;
	}
	reap_child_now(st);
	if (n == (ssize_t)sizeof(child_err)) {
		*err = child_err;
		return -1;
	}
	sr_fail(err, "the program's process ended before its filter was loaded (%s %d)",
		WIFSIGNALED(st->wstatus) ? "signal" : "status",
		WIFSIGNALED(st->wstatus) ? WTERMSIG(st->wstatus) : WEXITSTATUS(st->wstatus));
	err->status = exit_status(st->wstatus);
	return -1;
}

/* -------------------------------------------------------- notifications */

/* The fields of /proc/TID/status the kill decisions need. */
struct proc_status {
	pid_t tgid;
	uint64_t blocked, ignored, caught;
};

static bool hex_mask(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 16);
	if (errno || end == s)
		return false;
	*out = v;
	return true;
}

/* One read: the file is made afresh for each open, and stdio's line by
 * line costs more than the kernel's formatting. */
static bool read_proc_status(uint32_t tid, struct proc_status *ps)
{
	char path[64], buf[8192];
	snprintf(path, sizeof(path), "/proc/%u/status", tid);
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	unsigned found = 0;
	for (char *line = buf, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		unsigned v;
		char *val = strchr(line, ':');
		if (!val)
			continue;
		*val++ = '\0';
		val += strspn(val, " \t");
		if (strcmp(line, "Tgid") == 0 && parse_uint(val, INT_MAX, &v)) {
			ps->tgid = (pid_t)v;
			found |= 1;
		} else if (strcmp(line, "SigBlk") == 0 && hex_mask(val, &ps->blocked)) {
			found |= 2;
		} else if (strcmp(line, "SigIgn") == 0 && hex_mask(val, &ps->ignored)) {
			found |= 4;
		} else if (strcmp(line, "SigCgt") == 0 && hex_mask(val, &ps->caught)) {
			found |= 8;
		}
	}
	return found == 15;
}

static bool still_pending(int listener, uint64_t id)
{
	return ioctl(listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) == 0;
}

/* The name of thread tid of process tgid; false if tid is not one of its
 * threads (any more). */
static bool read_comm(pid_t tgid, uint32_t tid, char *buf, size_t size)
{
	char path[96];
	snprintf(path, sizeof(path), "/proc/%d/task/%u/comm", (int)tgid, tid);
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t len = fd < 0 ? -1 : read(fd, buf, size - 1);
	if (len <= 0)
		return false;
	buf[len] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return true;
}

void supervise_task(const struct sr_notification *n, struct sr_task *t)
{
	struct sr_supervisor *st = n->sup;
	struct proc_status ps;
	*t = (struct sr_task){ 0 };
	if (!st->proc_usable)
		return;
	size_t slot = n->tid % TGID_SLOTS;
	pid_t tgid = st->tgids[slot].tid == n->tid ? st->tgids[slot].tgid : 0;
	if (!tgid || !read_comm(tgid, n->tid, t->comm, sizeof(t->comm))) {
		if (!read_proc_status(n->tid, &ps) ||
		    !read_comm(ps.tgid, n->tid, t->comm, sizeof(t->comm)))
			return;
		tgid = ps.tgid;
		st->tgids[slot].tid = n->tid;
		st->tgids[slot].tgid = tgid;
	}
	if (!still_pending(st->listener, n->id)) {
		*t = (struct sr_task){ 0 };
		return;
	}
	t->pid = tgid;
	t->known = true;
}

/* The process of the thread that made n dies of SIGSYS, as the kernel's
 * KILL_PROCESS makes it, when SIGSYS would be fatal to it; otherwise
 * (caught, ignored, blocked: the kernel forces it, we cannot) of SIGKILL.
 * A thread-directed SIGSYS with its default action takes the whole
 * process, like the kernel's. Sent while the call is still pending, so the
 * call never returns to the program. */
static void kill_like_seccomp(const struct sr_notification *n)
{
	struct proc_status ps;
	uint64_t bit = 1ull << (SIGSYS - 1);
	struct sr_supervisor *st = n->sup;
	if (st->proc_usable && read_proc_status(n->tid, &ps) && still_pending(st->listener, n->id)) {
		if (!((ps.blocked | ps.ignored | ps.caught) & bit))
			syscall(SYS_tgkill, ps.tgid, n->tid, SIGSYS);
		else
			kill(ps.tgid, SIGKILL);
	} else if (still_pending(st->listener, n->id)) {
		/* Any thread id names its process to kill(2). */
		kill((pid_t)n->tid, SIGKILL);
	}
}

/* TRAP: a handler for SIGSYS gets one after the call has returned
 * ENOSYS; without one the process dies as the kernel would make it. */
static bool trap_handled(const struct sr_notification *n, pid_t *tgid)
{
	struct proc_status ps;
	uint64_t bit = 1ull << (SIGSYS - 1);
	if (!n->sup->proc_usable || !read_proc_status(n->tid, &ps) ||
	    !((ps.caught & bit) && !(ps.blocked & bit)) || !still_pending(n->sup->listener, n->id))
		return false;
	*tgid = ps.tgid;
	return true;
}

static int send_reply(struct sr_supervisor *st, const struct sr_notification *n, struct sr_reply r)
{
	struct seccomp_notif_resp *resp = st->resp;
	pid_t tgid = 0;
	bool trap_after = false;

	memset(resp, 0, st->resp_size);
	resp->id = n->id;
	switch (r.kind) {
	case SR_REPLY_CONTINUE:
		resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		break;
	case SR_REPLY_ERRNO:
		resp->error = -r.error;
		break;
	case SR_REPLY_TRAP:
		trap_after = trap_handled(n, &tgid);
		if (!trap_after)
			kill_like_seccomp(n);
		resp->error = -ENOSYS;
		break;
	case SR_REPLY_KILL:
		kill_like_seccomp(n);
		resp->error = -ENOSYS;
		break;
	}
	/* ENOENT: the caller is gone, or a signal interrupted it and the call
	 * will come again. */
	if (ioctl(st->listener, SECCOMP_IOCTL_NOTIF_SEND, resp) < 0 && errno != ENOENT &&
	    errno != EINTR)
		return -1;
	if (trap_after)
		syscall(SYS_tgkill, tgid, n->tid, SIGSYS);
	return 0;
}

/* The child's end of the socketpair closes when its execve succeeds
 * (close-on-exec, before the program's first instruction) or when it
 * exits; until then, whatever it calls is seccomp-run's own. */
static bool child_exec_pending(struct sr_supervisor *st)
{
	if (st->sock < 0)
		return false;
	struct pollfd p = { .fd = st->sock, .events = POLLIN };
	if (poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR))) {
		close(st->sock);
		st->sock = -1;
	}
	return st->sock >= 0;
}

static int serve_one(struct sr_supervisor *st, struct sr_error *err)
{
	memset(st->req, 0, st->req_size);
	if (ioctl(st->listener, SECCOMP_IOCTL_NOTIF_RECV, st->req) < 0) {
		/* ENOENT: the caller was killed between the wake-up and now. */
		if (errno == EINTR || errno == ENOENT)
			return 0;
		return sr_fail_errno(err, errno, "receiving a seccomp notification");
	}
	struct sr_notification n = {
		.id = st->req->id,
		.tid = st->req->pid,
		.data = st->req->data,
		.before_exec = child_exec_pending(st),
		.sup = st,
	};
	struct sr_reply r = st->s->decide(st->s->ctx, &n);
	if (send_reply(st, &n, r) < 0)
		return sr_fail_errno(err, errno, "answering a seccomp notification");
	return 0;
}

/* -------------------------------------------------------------- signals */

static void reap(struct sr_supervisor *st)
{
	for (;;) {
		int ws;
		pid_t w = waitpid(st->pid1 ? -1 : st->child, &ws, WNOHANG);
		if (w <= 0)
			return;
		if (w == st->child) {
			st->reaped = true;
			st->wstatus = ws;
		}
		if (!st->pid1)
			return;
	}
}

/* Returns true when serving should stop. */
static bool on_signals(struct sr_supervisor *st)
{
	struct signalfd_siginfo si;
	bool stop = false;
	while (read(st->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		int sig = (int)si.ssi_signo;
		if (sig == SIGCHLD) {
			reap(st);
			continue;
		}
		/* The program is gone and something asks us to end: stop
		 * waiting for what it left running (that loses its listener). */
		if (st->reaped) {
			stop |= sig == SIGINT || sig == SIGTERM || sig == SIGHUP || sig == SIGQUIT;
			continue;
		}
		/* Ctrl-C and Ctrl-\ from the terminal reach its whole
		 * foreground process group: the program has its own copy. */
		if (si.ssi_code == SI_KERNEL && (sig == SIGINT || sig == SIGQUIT) &&
		    getpgid(st->child) == getpgrp())
			continue;
		kill(st->child, sig);
	}
	return stop;
}

static int serve(struct sr_supervisor *st, struct sr_error *err)
{
	while (!st->reaped || st->listener >= 0) {
		struct pollfd p[2] = {
			{ .fd = st->listener, .events = POLLIN },
			{ .fd = st->sigfd, .events = POLLIN },
		};
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return sr_fail_errno(err, errno, "poll");
		}
		if (p[0].revents & POLLIN) {
			if (serve_one(st, err) < 0)
				return -1;
		} else if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			/* Every process that had the filter has been reaped. */
			close(st->listener);
			st->listener = -1;
		}
		if ((p[1].revents & POLLIN) && on_signals(st))
			break;
	}
	return 0;
}

/* --------------------------------------------------------------- driver */

static void bpf_cleanup(struct sr_bpf *b) { bpf_free(b); }

int supervise(const struct sr_supervise *s, struct sr_error *err)
{
	_cleanup_(bpf_cleanup) struct sr_bpf filter = { 0 };
	struct sr_handoff handoff = {
		.payload = (const char[]){ HANDOFF_TAG },
		.len = 1,
		.peer = "the supervisor",
	};
	struct sr_supervisor st = { .s = s, .listener = -1, .sock = -1, .sigfd = -1 };
	_cleanup_close_ int child_sock = -1;
	_cleanup_close_ int sigfd = -1;
	sigset_t set, old;
	int sv[2];

	if (launch_handoff_filter(s->launch.filter, &handoff, &filter, err) < 0)
		return -1;
	/* Once the call is received, only a fatal signal may cut its wait
	 * short: as under the real filter, whose answer takes no time. */
	if (!(filter.flags & SR_FLAG_WAIT_KILLABLE_RECV)) {
		filter.flags |= SR_FLAG_WAIT_KILLABLE_RECV;
		filter.optional_flags |= SR_FLAG_WAIT_KILLABLE_RECV;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return sr_fail_errno(err, errno, "socketpair");
	st.sock = sv[0];
	child_sock = sv[1];
	handoff.sock = child_sock;
	struct sr_launch l = s->launch;
	l.filter = &filter;
	l.handoff = &handoff;

	/* Blocked before the fork so that none is lost before the loop
	 * reads them; the child restores the mask. */
	sigset_of_forwarded(&set);
	if (sigprocmask(SIG_BLOCK, &set, &old) < 0 ||
	    (sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) < 0) {
		sr_fail_errno(err, errno, "setting up signal forwarding");
		close(st.sock);
		return -1;
	}
	st.sigfd = sigfd;
	st.pid1 = getpid() == 1;
	st.proc_usable = proc_matches_our_pid_ns();
	alloc_notif_buffers(&st);

	pid_t parent = getpid();
	fflush(NULL);
	st.child = fork();
	if (st.child < 0) {
		sr_fail_errno(err, errno, "fork");
	} else if (st.child == 0) {
		close(st.sock);
		child_main(&l, child_sock, &old, parent);
	} else {
		close(steal_fd(&child_sock));
		/* A reader of our reports that goes away must not take the
		 * program's listener with it. */
		signal(SIGPIPE, SIG_IGN);
	}
	int rc = st.child < 0 ? -1 : receive_listener(&st, err);
	if (rc == 0)
		rc = serve(&st, err);
	if (rc < 0 && st.child > 0 && !st.reaped) {
		/* The program cannot go on without us. */
		kill(st.child, SIGKILL);
		reap_child_now(&st);
	}
	if (st.listener >= 0)
		close(st.listener);
	if (st.sock >= 0)
		close(st.sock);
	free(st.req);
	free(st.resp);
	/* The forwarded signals stay blocked: one pending now would end us
	 * before the verb reports what it saw. */
	return rc < 0 ? -1 : exit_status(st.wstatus);
}
