/*
 * echo_epoll - the eventloop engine's model in C: epoll loops (one by default, --workers N for
 * more), level-triggered, non-blocking sockets, the echo written inline on the loop. A reply the
 * peer is too slow to take is kept (one buffer per connection) and the connection waits for
 * EPOLLOUT, reading nothing more until it drains, as the engine does.
 *
 *   make && ./echo_epoll --port 0 [--workers N]
 */
#include "yardstick.h"

#include <pthread.h>
#include <sys/epoll.h>

enum { BUFFER_SIZE = 4096, EVENTS = 256 };

struct connection {
	int fd;
	size_t pending; /* bytes of buf not yet sent back */
	size_t sent;
	char buf[BUFFER_SIZE];
};

static int listener;

static void finish(int epfd, struct connection *c)
{
	epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
	free(c);
}

/* Sends what is pending; returns 1 when all of it went, 0 when the peer must drain first, -1 on error. */
static int flush(struct connection *c)
{
	while (c->sent < c->pending) {
		ssize_t m = send(c->fd, c->buf + c->sent, c->pending - c->sent, MSG_NOSIGNAL);
		if (m > 0) { c->sent += (size_t)m; continue; }
		if (m < 0 && errno == EINTR) continue;
		if (m < 0 && errno == EAGAIN) return 0;
		return -1;
	}
	c->pending = c->sent = 0;
	return 1;
}

static void on_ready(int epfd, struct connection *c, unsigned events)
{
	if (c->pending > 0) {
		int r = flush(c);
		if (r < 0) { finish(epfd, c); return; }
		if (r == 0) return;
		struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP, .data.ptr = c };
		epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
		return;
	}
	if (!(events & (EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP)))
		return;
	ssize_t n = recv(c->fd, c->buf, sizeof c->buf, 0);
	if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
	if (n == 0) { shutdown(c->fd, SHUT_WR); finish(epfd, c); return; }
	if (n < 0) { finish(epfd, c); return; }
	c->pending = (size_t)n;
	int r = flush(c);
	if (r < 0) { finish(epfd, c); return; }
	if (r == 0) {
		struct epoll_event ev = { .events = EPOLLOUT, .data.ptr = c };
		epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev);
	}
}

static void *loop(void *arg)
{
	(void)arg;
	int epfd = epoll_create1(EPOLL_CLOEXEC);
	/* Every loop watches the listener; EPOLLEXCLUSIVE wakes one of them per connection. */
	struct epoll_event lev = { .events = EPOLLIN | EPOLLEXCLUSIVE, .data.ptr = NULL };
	epoll_ctl(epfd, EPOLL_CTL_ADD, listener, &lev);
	struct epoll_event events[EVENTS];
	int told = 0;
	while (!yardstick_stop) {
		int n = epoll_wait(epfd, events, EVENTS, 200);
		for (int i = 0; i < n; i++) {
			if (events[i].data.ptr != NULL) {
				on_ready(epfd, events[i].data.ptr, events[i].events);
				continue;
			}
			for (;;) {
				int fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
				if (fd < 0) {
					if ((errno == EMFILE || errno == ENFILE) && !told++)
						fprintf(stderr, "echo_epoll: out of descriptors; connections wait in the backlog\n");
					break;
				}
				struct connection *c = calloc(1, sizeof *c);
				if (c == NULL) { close(fd); continue; }
				c->fd = fd;
				yardstick_nodelay(fd);
				struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP, .data.ptr = c };
				epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
			}
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	struct yardstick_options o = yardstick_parse(argc, argv, "epoll loops, default 1");
	yardstick_signals();
	listener = yardstick_listen(&o, SOCK_NONBLOCK, "native-epoll");
	long loops = o.workers > 0 ? o.workers : 1;
	for (long i = 1; i < loops; i++) {
		pthread_t t;
		if (pthread_create(&t, NULL, loop, NULL) != 0) { perror("pthread_create"); return 1; }
		pthread_detach(t);
	}
	loop(NULL);
	return 0;
}
