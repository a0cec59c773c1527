/* SPDX-License-Identifier: Apache-2.0 */
/*
 * notify-agent: a seccomp agent for listenerPath, the way runc talks to
 * one, small enough to check.
 *
 *   notify-agent SOCKET LOG ANSWER
 *
 * Listens on the unix socket SOCKET, then goes into the background (the
 * command returns once a client can connect). It accepts one connection
 * and reads one message: the ContainerProcessState JSON with the listener
 * fd in SCM_RIGHTS. To LOG it writes
 *
 *   agent=PID                     its own, first, for a test to kill it
 *   state=THE JSON AS RECEIVED
 *   fds=N                         how many fds came with it
 *   fd=anon_inode:seccomp notify  what the first one is (readlink)
 *
 * then answers every notification on that fd with ANSWER, writing
 * "call=NR pid=PID" for each: ANSWER is a positive errno to fail the call
 * with, or "continue" to let it run. It exits 0 when no process uses the
 * filter any more (the listener reports POLLHUP), 1 on any error (said on
 * stderr, and as "error=..." in LOG).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

static FILE *log_file;

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("notify-agent: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	if (log_file) {
		va_start(ap, fmt);
		fputs("error=", log_file);
		vfprintf(log_file, fmt, ap);
		fputc('\n', log_file);
		va_end(ap);
		fclose(log_file);
	}
	exit(1);
}

static int listen_on(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	if (strlen(path) >= sizeof(sa.sun_path))
		die("%s: path too long", path);
	strcpy(sa.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 1) < 0)
		die("%s: %s", path, strerror(errno));
	return fd;
}

/* One message: the JSON and the fds that came with it. */
static int receive(int conn)
{
	static char json[65536];
	union {
		char buf[CMSG_SPACE(4 * sizeof(int))];
		struct cmsghdr align;
	} control;
	struct iovec iov = { .iov_base = json, .iov_len = sizeof(json) - 1 };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = control.buf,
		.msg_controllen = sizeof(control.buf),
	};
	ssize_t n = recvmsg(conn, &msg, MSG_CMSG_CLOEXEC);
	if (n <= 0)
		die("recvmsg: %s", n < 0 ? strerror(errno) : "connection closed, no message");
	json[n] = '\0';
	int nfds = 0, first = -1;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		nfds = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
		memcpy(&first, CMSG_DATA(c), sizeof(int));
	}
	char link[128] = "none", path[64];
	if (first >= 0) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", first);
		ssize_t l = readlink(path, link, sizeof(link) - 1);
		link[l > 0 ? l : 0] = '\0';
	}
	fprintf(log_file, "state=%s\nfds=%d\nfd=%s\n", json, nfds, link);
	fflush(log_file);
	if (first < 0)
		die("no fd came with the message");
	return first;
}

static void serve(int listener, const char *answer)
{
	struct seccomp_notif_sizes sizes;
	if (syscall(__NR_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) < 0)
		die("SECCOMP_GET_NOTIF_SIZES: %s", strerror(errno));
	struct seccomp_notif *req = calloc(1, sizes.seccomp_notif > sizeof(*req) ?
						  sizes.seccomp_notif : sizeof(*req));
	struct seccomp_notif_resp *resp =
		calloc(1, sizes.seccomp_notif_resp > sizeof(*resp) ? sizes.seccomp_notif_resp
								   : sizeof(*resp));
	bool cont = strcmp(answer, "continue") == 0;
	int eno = cont ? 0 : atoi(answer);
	if (!req || !resp || (!cont && eno <= 0))
		die("bad answer '%s'", answer);
	for (;;) {
		struct pollfd p = { .fd = listener, .events = POLLIN };
		if (poll(&p, 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			die("poll: %s", strerror(errno));
		}
		if (!(p.revents & POLLIN)) {
			if (p.revents & POLLHUP)
				return;
			die("poll: revents %#x", p.revents);
		}
		memset(req, 0, sizes.seccomp_notif);
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, req) < 0) {
			if (errno == EINTR || errno == ENOENT)
				continue;
			die("SECCOMP_IOCTL_NOTIF_RECV: %s", strerror(errno));
		}
		fprintf(log_file, "call=%d pid=%u\n", req->data.nr, req->pid);
		fflush(log_file);
		memset(resp, 0, sizes.seccomp_notif_resp);
		resp->id = req->id;
		if (cont)
			resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
		else
			resp->error = -eno;
		if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, resp) < 0 && errno != ENOENT)
			die("SECCOMP_IOCTL_NOTIF_SEND: %s", strerror(errno));
	}
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fputs("usage: notify-agent SOCKET LOG ERRNO|continue\n", stderr);
		return 2;
	}
	int lfd = listen_on(argv[1]);
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid > 0)
		return 0; /* listening: clients may connect */
	if (setsid() < 0 || !(log_file = fopen(argv[2], "we")))
		die("%s: %s", argv[2], strerror(errno));
	fprintf(log_file, "agent=%d\n", (int)getpid());
	fflush(log_file);
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
	}
	int conn = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	if (conn < 0)
		die("accept: %s", strerror(errno));
	close(lfd);
	unlink(argv[1]);
	int listener = receive(conn);
	close(conn);
	serve(listener, argv[3]);
	fputs("done\n", log_file);
	fclose(log_file);
	return 0;
}
