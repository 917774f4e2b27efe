/*
 * yardstick.h - what the native echo servers of scripts/yardsticks share: their command line
 * (--port, --backlog, --workers), the loopback listener and the ready line, so that the reproduce
 * script and `kechobench` can start any of them the same way.
 *
 * The ready line is the one `kechobench serve` prints, "listening on 127.0.0.1:PORT engine=NAME",
 * printed once the listener accepts; tools wait for it and read the port from it (--port 0 asks
 * the kernel for a free one). SIGINT and SIGTERM end a server.
 */
#ifndef YARDSTICK_H
#define YARDSTICK_H

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct yardstick_options {
	int port;     /* 0: ephemeral */
	int backlog;  /* capped by net.core.somaxconn */
	long workers; /* threads or loops, where the model has a fixed number; 0: the server's default */
};

static volatile sig_atomic_t yardstick_stop;

static void yardstick_on_signal(int sig)
{
	(void)sig;
	yardstick_stop = 1;
}

/* Parses --port, --backlog and --workers; exits 2 naming a bad option. */
static inline struct yardstick_options yardstick_parse(int argc, char **argv, const char *workers_meaning)
{
	struct yardstick_options o = { .port = 12345, .backlog = 4096, .workers = 0 };
	static const struct option opts[] = {
		{ "port", required_argument, 0, 'p' },
		{ "backlog", required_argument, 0, 'b' },
		{ "workers", required_argument, 0, 'w' },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	for (int c; (c = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
		char *end = NULL;
		long v = (c == 'p' || c == 'b' || c == 'w') ? strtol(optarg, &end, 10) : 0;
		int bad = end != NULL && (*end != '\0' || end == optarg);
		switch (c) {
		case 'p':
			if (bad || v < 0 || v > 65535) { fprintf(stderr, "%s: --port %s: expected 0-65535\n", argv[0], optarg); exit(2); }
			o.port = (int)v;
			break;
		case 'b':
			if (bad || v < 1 || v > 1 << 20) { fprintf(stderr, "%s: --backlog %s: expected a positive count\n", argv[0], optarg); exit(2); }
			o.backlog = (int)v;
			break;
		case 'w':
			if (workers_meaning == NULL) { fprintf(stderr, "%s: --workers: this model has no fixed number of threads\n", argv[0]); exit(2); }
			if (bad || v < 1 || v > 4096) { fprintf(stderr, "%s: --workers %s: expected 1-4096\n", argv[0], optarg); exit(2); }
			o.workers = v;
			break;
		default:
			fprintf(stderr, "usage: %s [--port N (12345; 0 = ephemeral)] [--backlog N (4096)]%s%s%s\n", argv[0],
				workers_meaning ? " [--workers N: " : "", workers_meaning ? workers_meaning : "", workers_meaning ? "]" : "");
			exit(c == 'h' ? 0 : 2);
		}
	}
	if (optind < argc) { fprintf(stderr, "%s: unexpected argument '%s'\n", argv[0], argv[optind]); exit(2); }
	return o;
}

/*
 * SIGINT/SIGTERM set yardstick_stop without SA_RESTART, so a blocking accept or epoll_wait returns
 * EINTR and the server can end; SIGPIPE is ignored (a peer that hung up is an error on send).
 */
static inline void yardstick_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = yardstick_on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* A listener on 127.0.0.1; prints the ready line once it accepts. Exits 1 when it cannot listen. */
static inline int yardstick_listen(const struct yardstick_options *o, int flags, const char *engine)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | flags, 0);
	if (fd < 0) { perror("socket"); exit(1); }
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((unsigned short)o->port) };
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { fprintf(stderr, "bind 127.0.0.1:%d: %s\n", o->port, strerror(errno)); exit(1); }
	if (listen(fd, o->backlog) < 0) { perror("listen"); exit(1); }
	socklen_t len = sizeof addr;
	getsockname(fd, (struct sockaddr *)&addr, &len);
	printf("listening on 127.0.0.1:%d engine=%s\n", ntohs(addr.sin_port), engine);
	fflush(stdout);
	return fd;
}

/* Echoes go out as soon as they are written, as the engines' sockets do (TCP_NODELAY). */
static inline void yardstick_nodelay(int fd)
{
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

#endif
