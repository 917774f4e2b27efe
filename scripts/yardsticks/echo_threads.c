/*
 * echo_threads - the thread engine's model in C: one accept thread, and a detached pthread per
 * connection (256 KiB stack, as the engine asks for) doing blocking recv and send until the peer
 * hangs up. What `thread` costs beyond this is the runtime's and the engine's, not the model's.
 *
 *   make && ./echo_threads --port 0
 */
#include "yardstick.h"

#include <pthread.h>

enum { BUFFER_SIZE = 4096, STACK_SIZE = 256 * 1024 };

static void *session(void *arg)
{
	int fd = (int)(long)arg;
	char buf[BUFFER_SIZE];
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof buf, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		/* The whole chunk goes back before the next recv: a reader that is slow blocks only its own thread. */
		ssize_t off = 0;
		while (off < n) {
			ssize_t m = send(fd, buf + off, (size_t)(n - off), MSG_NOSIGNAL);
			if (m < 0 && errno == EINTR)
				continue;
			if (m <= 0)
				goto done;
			off += m;
		}
	}
	shutdown(fd, SHUT_WR);
done:
	close(fd);
	return NULL;
}

int main(int argc, char **argv)
{
	struct yardstick_options o = yardstick_parse(argc, argv, NULL);
	yardstick_signals();
	int listener = yardstick_listen(&o, 0, "native-threads");

	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, STACK_SIZE);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);

	int told = 0;
	while (!yardstick_stop) {
		int fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EMFILE || errno == ENFILE) {
				/* Out of descriptors: say so once, let the backlog wait, try again shortly. */
				if (!told++) fprintf(stderr, "echo_threads: out of descriptors; connections wait in the backlog\n");
				usleep(10000);
			}
			continue;
		}
		yardstick_nodelay(fd);
		pthread_t t;
		int err = pthread_create(&t, &attr, session, (void *)(long)fd);
		if (err != 0) {
			/* No thread for it: the connection is shed, as the engine does. */
			if (!told++) fprintf(stderr, "echo_threads: pthread_create: %s; connections are closed until threads free up\n", strerror(err));
			close(fd);
		}
	}
	return 0;
}
