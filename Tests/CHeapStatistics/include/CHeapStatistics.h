// Allocation counting for tests that check hot loops allocate nothing (glibc). The test binary's
// malloc family counts calls made on the calling thread, then forwards to glibc.
#ifndef GAIT_HEAP_STATISTICS_H
#define GAIT_HEAP_STATISTICS_H

/// How many heap allocations (malloc, calloc, realloc, aligned allocations) this thread has made.
unsigned long gait_allocation_count(void);

#endif
