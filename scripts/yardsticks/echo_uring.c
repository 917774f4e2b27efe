/*
 * echo_uring - a native TCP echo server of the uring engine's model, for measuring that engine
 * against the best its model can do on a machine (docs/performance.md, bench --yardsticks).
 *
 * The model, the engine's design in C: one io_uring per loop thread (SINGLE_ISSUER,
 * DEFER_TASKRUN), a multishot accept on the listening socket, and per connection a multishot
 * receive into a provided buffer ring of one entry (buffer group = the connection's slot). Each
 * received chunk is echoed by one IORING_OP_SEND of exactly those bytes (MSG_WAITALL: the kernel
 * finishes a short send itself); the buffer goes back to the ring when the send completes, and a
 * receive that ended for want of a buffer (ENOBUFS) is armed again then. So a slow reader holds
 * one buffer and is not read further. End-of-stream: shut the sending side down and close.
 *
 *   apt-get install -y liburing-dev; make echo_uring
 *   ./echo_uring --port 0 [--workers N (rings, each on its own thread; default 1)] [--backlog 4096]
 *   prints the ready line of yardstick.h once ready; SIGINT/SIGTERM end it.
 */
/* LDLIBS: -luring */
#include "yardstick.h"

#include <liburing.h>
#include <pthread.h>

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

static int listener;
static const int bufsize = 4096;

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
	while (!yardstick_stop) {
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
	struct yardstick_options o = yardstick_parse(argc, argv, "rings, each on its own thread, default 1");
	yardstick_signals();
	/* One blocking listener shared by every ring: io_uring waits for it (a non-blocking one would
	 * complete the accept with EAGAIN), and its accept poll wakes one waiter at a time. */
	listener = yardstick_listen(&o, 0, "native-uring");
	long threads = o.workers > 0 ? o.workers : 1;
	struct loop *loops = calloc((size_t)threads, sizeof *loops);
	for (long t = 0; t < threads; t++)
		pthread_create(&loops[t].thread, NULL, run, &loops[t]);
	for (long t = 0; t < threads; t++)
		pthread_join(loops[t].thread, NULL);
	return 0;
}
