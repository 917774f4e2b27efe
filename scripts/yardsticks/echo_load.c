/*
 * echo_load - a native closed-loop load client for the yardstick servers and the engines alike:
 * C connections held open, each sending one message, waiting for its whole echo and checking
 * every byte before sending the next, all on one epoll thread. After an unmeasured warm-up it
 * measures for a fixed time and prints one line of key=value figures: requests/s, latency (mean,
 * p50, p99, max, from the moment a message is written to the moment its last echoed byte is
 * checked), errors, and CPU per request of itself and, with --server-pid, of the server (the
 * process's CPU clock, or /proc/PID/stat when that cannot be read).
 *
 *   ./echo_load --port 5301 --conns 100 --duration 3 [--warmup 1] [--size 64] [--server-pid PID]
 *
 * Exit 0 when every echo was right, 1 when any connection failed (mismatch, reset, timeout), 2 on
 * bad usage. A failed connection is closed and counted; the others go on.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { MAX_SIZE = 65536, DEADLINE_S = 10 };

struct connection {
	int fd;
	uint32_t id;
	uint32_t seq;     /* requests completed on it; also seeds the next message's bytes */
	size_t written;   /* bytes of the current message sent */
	size_t received;  /* bytes of its echo checked */
	uint64_t sent_at; /* ns, when the current message's first byte was written */
	int failed;
};

static size_t size = 64;
static uint64_t *samples;
static size_t sample_count, sample_capacity;
static long errors;

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Byte i of request seq on connection id: differs between connections and between requests, so cross-talk and stale bytes fail. */
static unsigned char pattern(const struct connection *c, size_t i)
{
	return (unsigned char)(c->id * 131u + c->seq * 31u + (uint32_t)i * 7u + 1u);
}

static double cpu_seconds_self(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

/* The server's CPU time (user + system), in seconds; negative when it cannot be read. */
static double cpu_seconds_of(int pid)
{
	clockid_t clock;
	struct timespec ts;
	if (clock_getcpuclockid(pid, &clock) == 0 && clock_gettime(clock, &ts) == 0)
		return (double)ts.tv_sec + ts.tv_nsec / 1e9;
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return -1;
	char line[1024];
	size_t n = fread(line, 1, sizeof line - 1, f);
	fclose(f);
	line[n] = '\0';
	char *p = strrchr(line, ')'); /* the command name may hold spaces */
	unsigned long utime, stime;
	if (p == NULL || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) != 2)
		return -1;
	return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

static void fail(int epfd, struct connection *c)
{
	if (c->failed) return;
	c->failed = 1;
	errors++;
	epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd, NULL);
	close(c->fd);
}

static void record(uint64_t ns)
{
	if (sample_count == sample_capacity) {
		sample_capacity = sample_capacity ? sample_capacity * 2 : 1 << 16;
		samples = realloc(samples, sample_capacity * sizeof *samples);
		if (samples == NULL) { fprintf(stderr, "echo_load: out of memory\n"); exit(1); }
	}
	samples[sample_count++] = ns;
}

/* Writes what is left of the current message; returns -1 on error. */
static int send_rest(struct connection *c)
{
	unsigned char buf[MAX_SIZE];
	if (c->written == 0)
		c->sent_at = now_ns();
	while (c->written < size) {
		size_t len = size - c->written;
		for (size_t i = 0; i < len; i++)
			buf[i] = pattern(c, c->written + i);
		ssize_t m = send(c->fd, buf, len, MSG_NOSIGNAL);
		if (m > 0) { c->written += (size_t)m; continue; }
		if (m < 0 && errno == EINTR) continue;
		if (m < 0 && errno == EAGAIN) return 0;
		return -1;
	}
	return 0;
}

/* Reads and checks echoed bytes; returns 1 when the echo is complete, 0 for more to come, -1 on a failure. */
static int receive(struct connection *c)
{
	unsigned char buf[MAX_SIZE];
	for (;;) {
		ssize_t n = recv(c->fd, buf, size - c->received, 0);
		if (n < 0 && errno == EINTR) continue;
		if (n < 0 && errno == EAGAIN) return 0;
		if (n <= 0) return -1; /* reset, or the server hung up mid-conversation */
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] != pattern(c, c->received + (size_t)i))
				return -1;
		c->received += (size_t)n;
		if (c->received == size) return 1;
	}
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void usage(const char *self, int code)
{
	fprintf(stderr, "usage: %s --port N [--host 127.0.0.1] [--conns 10] [--duration 3 (s)] [--warmup 1 (s)] [--size 64 (1-%d)] [--server-pid PID]\n", self, MAX_SIZE);
	exit(code);
}

static double number(const char *self, const char *name, const char *text, double min, double max)
{
	char *end;
	double v = strtod(text, &end);
	if (end == text || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "%s: --%s %s: expected a number from %g to %g\n", self, name, text, min, max);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	const char *host = "127.0.0.1";
	int port = 0, conns = 10, server_pid = 0;
	double duration = 3, warmup = 1;
	static const struct option opts[] = {
		{ "host", required_argument, 0, 'H' }, { "port", required_argument, 0, 'p' },
		{ "conns", required_argument, 0, 'c' }, { "duration", required_argument, 0, 'd' },
		{ "warmup", required_argument, 0, 'w' }, { "size", required_argument, 0, 's' },
		{ "server-pid", required_argument, 0, 'P' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 },
	};
	for (int o; (o = getopt_long(argc, argv, "", opts, NULL)) != -1;) {
		switch (o) {
		case 'H': host = optarg; break;
		case 'p': port = (int)number(argv[0], "port", optarg, 1, 65535); break;
		case 'c': conns = (int)number(argv[0], "conns", optarg, 1, 100000); break;
		case 'd': duration = number(argv[0], "duration", optarg, 0.01, 86400); break;
		case 'w': warmup = number(argv[0], "warmup", optarg, 0, 86400); break;
		case 's': size = (size_t)number(argv[0], "size", optarg, 1, MAX_SIZE); break;
		case 'P': server_pid = (int)number(argv[0], "server-pid", optarg, 1, 1 << 30); break;
		case 'h': usage(argv[0], 0); break;
		default: usage(argv[0], 2);
		}
	}
	if (port == 0) { fprintf(stderr, "%s: --port is required\n", argv[0]); usage(argv[0], 2); }
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port) };
	if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) { fprintf(stderr, "%s: --host %s: expected an IPv4 address\n", argv[0], host); return 2; }

	/* A thousand connections need more descriptors than the usual soft limit of 1024. */
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) { rl.rlim_cur = rl.rlim_max; setrlimit(RLIMIT_NOFILE, &rl); }

	int epfd = epoll_create1(EPOLL_CLOEXEC);
	struct connection *cs = calloc((size_t)conns, sizeof *cs);
	if (cs == NULL) { fprintf(stderr, "echo_load: out of memory\n"); return 1; }
	for (int i = 0; i < conns; i++) {
		int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
			fprintf(stderr, "echo_load: connection %d to %s:%d: %s\n", i, host, port, strerror(errno));
			return 1;
		}
		int one = 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		cs[i] = (struct connection){ .fd = fd, .id = (uint32_t)i };
		struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &cs[i] };
		epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
	}
	for (int i = 0; i < conns; i++)
		if (send_rest(&cs[i]) < 0) fail(epfd, &cs[i]);

	/* Warm-up, then the measured window; a request counts when its echo completes inside the window. */
	uint64_t start = now_ns();
	uint64_t measure_from = start + (uint64_t)(warmup * 1e9);
	uint64_t measure_to = measure_from + (uint64_t)(duration * 1e9);
	int measuring = warmup <= 0;
	double self0 = 0, server0 = -1;
	uint64_t window_start = start, last_deadline_check = start;
	long completed = 0;
	if (measuring) { self0 = cpu_seconds_self(); server0 = server_pid ? cpu_seconds_of(server_pid) : -1; }
	struct epoll_event events[512];
	for (;;) {
		uint64_t t = now_ns();
		if (!measuring && t >= measure_from) {
			measuring = 1;
			window_start = t;
			self0 = cpu_seconds_self();
			server0 = server_pid ? cpu_seconds_of(server_pid) : -1;
		}
		if (measuring && t >= measure_to)
			break;
		if (t - last_deadline_check > 100000000u) {
			/* A request outstanding past the deadline is a timeout: that connection is failed. */
			last_deadline_check = t;
			for (int i = 0; i < conns; i++)
				if (!cs[i].failed && t - cs[i].sent_at > (uint64_t)DEADLINE_S * 1000000000u) fail(epfd, &cs[i]);
		}
		int n = epoll_wait(epfd, events, 512, 10);
		for (int i = 0; i < n; i++) {
			struct connection *c = events[i].data.ptr;
			if (c->failed) continue;
			int r = receive(c);
			if (r < 0) { fail(epfd, c); continue; }
			if (r == 0) continue;
			uint64_t done = now_ns();
			if (measuring && done < measure_to) { record(done - c->sent_at); completed++; }
			c->seq++;
			c->written = c->received = 0;
			if (send_rest(c) < 0) fail(epfd, c);
		}
	}
	uint64_t window_end = now_ns();
	double self1 = cpu_seconds_self();
	double server1 = server_pid ? cpu_seconds_of(server_pid) : -1;
	for (int i = 0; i < conns; i++)
		if (!cs[i].failed) close(cs[i].fd);

	double seconds = (double)(window_end - window_start) / 1e9;
	qsort(samples, sample_count, sizeof *samples, compare_u64);
	double sum = 0;
	for (size_t i = 0; i < sample_count; i++) sum += (double)samples[i];
	#define AT(q) (sample_count ? (double)samples[(size_t)((q) * (double)(sample_count - 1) + 0.5)] / 1e3 : 0)
	printf("conns=%d seconds=%.3f requests=%ld errors=%ld rps=%.0f mean_us=%.1f p50_us=%.1f p99_us=%.1f max_us=%.1f client_cpu_us=%.2f client_cpu_pct=%.1f",
		conns, seconds, completed, errors, completed / seconds, sample_count ? sum / (double)sample_count / 1e3 : 0,
		AT(0.50), AT(0.99), AT(1.0), completed ? (self1 - self0) * 1e6 / (double)completed : 0, (self1 - self0) * 100 / seconds);
	if (server0 >= 0 && server1 >= 0)
		printf(" server_cpu_us=%.2f server_cpu_pct=%.1f", completed ? (server1 - server0) * 1e6 / (double)completed : 0, (server1 - server0) * 100 / seconds);
	else
		printf(" server_cpu_us=- server_cpu_pct=-");
	printf("\n");
	return errors > 0 || completed == 0 ? 1 : 0;
}
