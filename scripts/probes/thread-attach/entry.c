/* The native thread entry of the probe: records when it ran, counts itself, returns. */
#include <stdint.h>
#include <time.h>

static long long *entered;
static int *done;

void entry_init(long long *entered_at, int *done_count) { entered = entered_at; done = done_count; }

void *entry(void *arg) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  entered[(intptr_t)arg] = (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
  __atomic_add_fetch(done, 1, __ATOMIC_SEQ_CST);
  return 0;
}
