/* SPDX-License-Identifier: Apache-2.0 */
/*
 * loopback: a small TCP server and its client on 127.0.0.1, for recording
 * a real program.
 *
 *   loopback serve PORTFILE     listen on an ephemeral port, write it to
 *                               PORTFILE (whole, by rename), accept one
 *                               connection and answer it from a thread:
 *                               read a line, sched_yield() (a call only
 *                               that thread makes), reply "pong: LINE"
 *   loopback connect PORT TEXT  send TEXT, print the reply
 *
 * Exit 0 when the exchange happened, 1 on any error (said on stderr).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void fail(const char *what)
{
	fprintf(stderr, "loopback: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void *answer(void *arg)
{
	int conn = *(int *)arg;
	char line[256], reply[300];
	ssize_t n = read(conn, line, sizeof(line) - 1);
	if (n <= 0)
		fail("read");
	line[n] = '\0';
	line[strcspn(line, "\n")] = '\0';
	sched_yield();
	int len = snprintf(reply, sizeof(reply), "pong: %s\n", line);
	if (write(conn, reply, (size_t)len) != len)
		fail("write");
	close(conn);
	return NULL;
}

static int serve(const char *portfile)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		fail("socket");
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 1) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) < 0)
		fail("bind/listen");
	char tmp[4096];
	snprintf(tmp, sizeof(tmp), "%s.tmp", portfile);
	FILE *f = fopen(tmp, "we");
	if (!f || fprintf(f, "%u\n", ntohs(sa.sin_port)) < 0 || fclose(f) != 0 ||
	    rename(tmp, portfile) < 0)
		fail(portfile);
	int conn = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
	if (conn < 0)
		fail("accept");
	pthread_t t;
	errno = pthread_create(&t, NULL, answer, &conn);
	if (errno || (errno = pthread_join(t, NULL)))
		fail("pthread");
	close(fd);
	return 0;
}

static int connect_to(const char *port, const char *text)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_port = htons((uint16_t)atoi(port)),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		fail("connect");
	if (dprintf(fd, "%s\n", text) < 0)
		fail("send");
	char reply[300];
	ssize_t n = read(fd, reply, sizeof(reply) - 1);
	if (n <= 0)
		fail("read");
	fwrite(reply, 1, (size_t)n, stdout);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "serve") == 0)
		return serve(argv[2]);
	if (argc == 4 && strcmp(argv[1], "connect") == 0)
		return connect_to(argv[2], argv[3]);
	fputs("usage: loopback serve PORTFILE | loopback connect PORT TEXT\n", stderr);
	return 2;
}
