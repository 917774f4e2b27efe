/*
 * echo_cmwq - a native TCP echo server of the cmwq engine's model, for measuring that engine
 * against the best its model can do on a machine (docs/performance.md). Not part of the suite:
 * nothing builds or runs it but a person measuring.
 *
 * The model: one readiness thread waits in epoll; every connection is watched with
 * EPOLLIN | EPOLLONESHOT, so it has at most one work item in flight. A ready connection becomes a
 * work item on a queue; a fixed set of worker threads (the pool) take items, recv the chunk, send
 * exactly those bytes back, and arm the connection again. An idle worker sleeps on a condition
 * variable and is woken by the hand-off, as a parked kworker (or a parked ThreadPool thread) is.
 * The readiness thread also accepts (the listener is level-triggered in the same epoll).
 *
 *   make && ./echo_cmwq --port 0 [--workers N (default: processors)] [--backlog 4096]
 *   prints the ready line of yardstick.h once ready; SIGINT/SIGTERM end it.
 *
 * A send that would block waits for the peer with poll() on the worker: enough for an echo of
 * small messages, which is what it is measured with.
 */
#include "yardstick.h"

#include <poll.h>
#include <pthread.h>
#include <sys/epoll.h>

#define QUEUE_SIZE 65536 /* more than the descriptors a connection can have: one item each */

static int epfd;
static int queue[QUEUE_SIZE];
static unsigned head, tail;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static void arm(int fd)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT, .data.fd = fd };
	epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &ev);
}

static void end(int fd)
{
	epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
	close(fd);
}

static void *worker(void *arg)
{
	(void)arg;
	char buf[16384];
	for (;;) {
		pthread_mutex_lock(&lock);
		while (head == tail)
			pthread_cond_wait(&ready, &lock);
		int fd = queue[head++ % QUEUE_SIZE];
		pthread_mutex_unlock(&lock);

		ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
		if (n < 0 && (errno == EAGAIN || errno == EINTR)) { arm(fd); continue; }
		if (n == 0) { shutdown(fd, SHUT_WR); end(fd); continue; }
		if (n < 0) { end(fd); continue; }
		ssize_t off = 0;
		while (off < n) {
			ssize_t m = send(fd, buf + off, (size_t)(n - off), MSG_NOSIGNAL | MSG_DONTWAIT);
			if (m > 0) { off += m; continue; }
			if (m < 0 && (errno == EAGAIN || errno == EINTR)) {
				struct pollfd p = { .fd = fd, .events = POLLOUT };
				poll(&p, 1, 1000);
				continue;
			}
			break;
		}
		if (off < n) end(fd); else arm(fd);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	struct yardstick_options o = yardstick_parse(argc, argv, "worker threads, default one per processor");
	long workers = o.workers > 0 ? o.workers : sysconf(_SC_NPROCESSORS_ONLN);
	yardstick_signals();
	int listener = yardstick_listen(&o, SOCK_NONBLOCK, "native-cmwq");

	epfd = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event lev = { .events = EPOLLIN, .data.fd = listener };
	epoll_ctl(epfd, EPOLL_CTL_ADD, listener, &lev);

	for (long i = 0; i < workers; i++) {
		pthread_t t;
		pthread_create(&t, NULL, worker, NULL);
		pthread_detach(t);
	}

	struct epoll_event events[512];
	while (!yardstick_stop) {
		int n = epoll_wait(epfd, events, 512, 200);
		int queued = 0;
		for (int i = 0; i < n; i++) {
			int fd = events[i].data.fd;
			if (fd == listener) {
				for (int c; (c = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0;) {
					yardstick_nodelay(c);
					struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT, .data.fd = c };
					epoll_ctl(epfd, EPOLL_CTL_ADD, c, &ev);
				}
				continue;
			}
			if (!queued++) pthread_mutex_lock(&lock);
			queue[tail++ % QUEUE_SIZE] = fd;
			pthread_cond_signal(&ready);
		}
		if (queued) pthread_mutex_unlock(&lock);
	}
	return 0;
}
