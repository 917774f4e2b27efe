/*
 * echo_uring - a native TCP echo server of the uring engine's model, for measuring that engine
 * against the best its model can do on a machine (docs/performance.md). Not part of the suite:
 * nothing builds or runs it but a person measuring.
 *
 * The model, the engine's design in C: one io_uring per loop thread (SINGLE_ISSUER,
 * DEFER_TASKRUN), a multishot accept on the listening socket, and per connection a multishot
 * receive into a provided buffer ring of one entry (buffer group = the connection's slot). Each
 * received chunk is echoed by one IORING_OP_SEND of exactly those bytes (MSG_WAITALL: the kernel
 * finishes a short send itself); the buffer goes back to the ring when the send completes, and a
 * receive that ended for want of a buffer (ENOBUFS) is armed again then. So a slow reader holds
 * one buffer and is not read further. End-of-stream: shut the sending side down and close.
 *
 *   apt-get install -y liburing-dev
 *   cc -O2 -pthread -o echo_uring echo_uring.c -luring
 *   ./echo_uring --port 5405 [--threads N (default 1)] [--backlog 4096] [--size 4096]
 *   prints "listening on PORT" once ready; SIGINT/SIGTERM end it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <liburing.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_SLOTS 65536
#define KIND(ud) ((unsigned)((ud) >> 56))
#define SLOT(ud) ((unsigned)(ud))
#define TAG(kind, slot) (((unsigned long long)(kind) << 56) | (unsigned)(slot))
enum { K_ACCEPT = 1, K_RECV = 2, K_SEND = 3 };

struct slot {
	struct io_uring_buf_ring *br;
	char *buf;
	int fd;
	int receiving, sending, taken, finished, ending;
	int off, count;
};

struct loop {
	struct io_uring ring;
	struct slot **slots;
	int nslots;
	int *free;
	int nfree;
	pthread_t thread;
};

static int listener, bufsize = 4096;
static volatile sig_atomic_t stop;

static void on_signal(int sig) { (void)sig; stop = 1; }

static struct io_uring_sqe *sqe_of(struct loop *l)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(&l->ring);
	if (!sqe) {
		io_uring_submit(&l->ring);
		sqe = io_uring_get_sqe(&l->ring);
	}
	return sqe;
}

static void arm_accept(struct loop *l)
{
	struct io_uring_sqe *sqe = sqe_of(l);
	io_uring_prep_multishot_accept(sqe, listener, NULL, NULL, SOCK_CLOEXEC);
	io_uring_sqe_set_data64(sqe, TAG(K_ACCEPT, 0));
}

static void arm_recv(struct loop *l, int i)
{
	struct slot *s = l->slots[i];
	struct io_uring_sqe *sqe = sqe_of(l);
	io_uring_prep_recv_multishot(sqe, s->fd, NULL, 0, 0);
	sqe->flags |= IOSQE_BUFFER_SELECT;
	sqe->buf_group = (unsigned short)i;
	io_uring_sqe_set_data64(sqe, TAG(K_RECV, i));
	s->receiving = 1;
}

static void send_rest(struct loop *l, int i)
{
	struct slot *s = l->slots[i];
	struct io_uring_sqe *sqe = sqe_of(l);
	io_uring_prep_send(sqe, s->fd, s->buf + s->off, s->count - s->off, MSG_NOSIGNAL | MSG_WAITALL);
	io_uring_sqe_set_data64(sqe, TAG(K_SEND, i));
	s->sending = 1;
}

static void provide(struct slot *s)
{
	io_uring_buf_ring_add(s->br, s->buf, bufsize, 0, 0, 0);
	io_uring_buf_ring_advance(s->br, 1);
	s->taken = 0;
}

static int take_slot(struct loop *l)
{
	if (l->nfree)
		return l->free[--l->nfree];
	if (l->nslots >= MAX_SLOTS)
		return -1;
	int i = l->nslots;
	long page = sysconf(_SC_PAGESIZE);
	struct slot *s = calloc(1, sizeof *s);
	if (posix_memalign((void **)&s->br, page, page + ((bufsize + page - 1) / page) * page)) {
		free(s);
		return -1;
	}
	memset(s->br, 0, page);
	s->buf = (char *)s->br + page;
	struct io_uring_buf_reg reg = { .ring_addr = (unsigned long)s->br, .ring_entries = 1, .bgid = (unsigned short)i };
	if (io_uring_register_buf_ring(&l->ring, &reg, 0)) {
		free(s->br);
		free(s);
		return -1;
	}
	l->slots[i] = s;
	l->nslots++;
	provide(s);
	return i;
}

static void release(struct loop *l, int i)
{
	struct slot *s = l->slots[i];
	if (s->taken)
		provide(s);
	close(s->fd);
	s->fd = -1;
	s->receiving = s->sending = s->finished = s->ending = 0;
	l->free[l->nfree++] = i;
}

/* What a connection does next once a completion has been handled (the engine's Settle). */
static void settle(struct loop *l, int i)
{
	struct slot *s = l->slots[i];
	if (s->sending)
		return;
	if (s->taken)
		provide(s);
	if (!s->ending && s->finished) {
		shutdown(s->fd, SHUT_WR);
		s->ending = 1;
	}
	if (s->ending) {
		if (!s->receiving)
			release(l, i);
		else
			shutdown(s->fd, SHUT_RDWR);
		return;
	}
	if (!s->receiving)
		arm_recv(l, i);
}

static void *run(void *arg)
{
	struct loop *l = arg;
	struct io_uring_params p = { .flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_CQSIZE, .cq_entries = 8192 };
	int err = io_uring_queue_init_params(512, &l->ring, &p);
	if (err) {
		fprintf(stderr, "io_uring_queue_init: %s\n", strerror(-err));
		exit(2);
	}
	l->slots = calloc(MAX_SLOTS, sizeof *l->slots);
	l->free = calloc(MAX_SLOTS, sizeof *l->free);
	arm_accept(l);
	while (!stop) {
		struct __kernel_timespec ts = { .tv_sec = 0, .tv_nsec = 200000000 };
		struct io_uring_cqe *cqe;
		err = io_uring_submit_and_wait_timeout(&l->ring, &cqe, 1, &ts, NULL);
		if (err < 0 && err != -ETIME && err != -EINTR && err != -EBUSY)
			break;
		unsigned head, seen = 0;
		io_uring_for_each_cqe(&l->ring, head, cqe) {
			seen++;
			unsigned long long ud = io_uring_cqe_get_data64(cqe);
			int res = cqe->res, more = cqe->flags & IORING_CQE_F_MORE;
			if (KIND(ud) == K_ACCEPT) {
				if (res >= 0) {
					int one = 1, i = take_slot(l);
					if (i < 0) {
						close(res);
					} else {
						setsockopt(res, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
						l->slots[i]->fd = res;
						arm_recv(l, i);
					}
				} else if (res == -EMFILE || res == -ENFILE) {
					usleep(1000); /* the client waits in the backlog; try again shortly */
				}
				if (!more)
					arm_accept(l);
				continue;
			}
			int i = SLOT(ud);
			struct slot *s = l->slots[i];
			if (KIND(ud) == K_RECV) {
				if (!more)
					s->receiving = 0;
				if (cqe->flags & IORING_CQE_F_BUFFER)
					s->taken = 1;
				if (res > 0 && !s->ending) {
					s->off = 0;
					s->count = res;
					send_rest(l, i);
				} else if (res == 0) {
					s->finished = 1;
				} else if (res < 0 && res != -ENOBUFS) {
					s->ending = 1;
				}
			} else {
				s->sending = 0;
				if (res <= 0) {
					s->ending = 1;
				} else {
					s->off += res;
					if (s->off < s->count && !s->ending)
						send_rest(l, i);
				}
			}
			settle(l, i);
		}
		io_uring_cq_advance(&l->ring, seen);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int port = 5405, threads = 1, backlog = 4096;
	static const struct option opts[] = {
		{ "port", required_argument, 0, 'p' }, { "threads", required_argument, 0, 't' },
		{ "backlog", required_argument, 0, 'b' }, { "size", required_argument, 0, 's' }, { 0, 0, 0, 0 },
	};
	for (int o; (o = getopt_long(argc, argv, "p:t:b:s:", opts, NULL)) != -1;) {
		switch (o) {
		case 'p': port = atoi(optarg); break;
		case 't': threads = atoi(optarg); break;
		case 'b': backlog = atoi(optarg); break;
		case 's': bufsize = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: %s [--port P] [--threads N] [--backlog B] [--size BYTES]\n", argv[0]);
			return 2;
		}
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);

	/* One blocking listener shared by every ring: io_uring waits for it (a non-blocking one would
	 * complete the accept with EAGAIN), and its accept poll wakes one waiter at a time. */
	listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	if (bind(listener, (struct sockaddr *)&addr, sizeof addr) || listen(listener, backlog)) {
		perror("bind/listen");
		return 2;
	}
	struct loop *loops = calloc(threads, sizeof *loops);
	for (int t = 0; t < threads; t++)
		pthread_create(&loops[t].thread, NULL, run, &loops[t]);
	printf("listening on %d\n", port);
	fflush(stdout);
	for (int t = 0; t < threads; t++)
		pthread_join(loops[t].thread, NULL);
	return 0;
}
