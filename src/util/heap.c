/* See heap.h for why. glibc's malloc serves the main thread from the brk heap and every other
 * thread from an arena: a heap of HEAP_MAX_SIZE bytes (64 MB on 64-bit systems) mapped at an
 * address aligned to that size and made usable as it grows. Both can be advised as huge pages
 * (MADV_HUGEPAGE) once they exist; the kernel then fills faults in them 2 MB at a time (when
 * transparent huge pages are "madvise" or "always"). This is what glibc's own tunable
 * glibc.malloc.hugetlb=1 does, which a program cannot set for itself once started. */
#include "miglint/heap.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

#if defined(__GLIBC__) && defined(__linux__) && defined(__LP64__)
#include <malloc.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#define HUGE_PAGE ((uintptr_t)2 << 20)
#define MAIN_HEAP_ROOM ((size_t)16 << 20) /* a heap's room made at once: more than most runs use */
#define MMAP_THRESHOLD ((size_t)4 << 20) /* blocks this large and more: mapped on their own */
#define ARENA_HEAP_SIZE ((uintptr_t)64 << 20) /* glibc's HEAP_MAX_SIZE on 64-bit systems */

static atomic_bool threads_too;

/* Advises [from, to) as huge pages, from the first whole huge page on. */
static void advise(uintptr_t from, uintptr_t to)
{
	from = (from + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	to &= ~(HUGE_PAGE - 1);
	if (to > from)
		(void)madvise((void *)from, to - from, MADV_HUGEPAGE); /* advice: failure is harmless */
}

void mg_heap_prefer_huge_pages(void)
{
	/* each heap's first growth (this thread's now, each worker's as it starts) reaches
	 * MAIN_HEAP_ROOM bytes out at once, so that its usable part is one mapping that huge
	 * pages fit in (a heap grown a little at a time ends inside a huge page, which then fills
	 * 4 KB at a time); none is trimmed back below that. Setting these fixes the threshold
	 * above which a block is mapped on its own, which glibc otherwise raises as such blocks
	 * are freed: MMAP_THRESHOLD is about where it goes on a large file. */
	mallopt(M_TOP_PAD, (int)MAIN_HEAP_ROOM);
	mallopt(M_TRIM_THRESHOLD, (int)(2 * MAIN_HEAP_ROOM));
	mallopt(M_MMAP_THRESHOLD, (int)MMAP_THRESHOLD);
	char *first = malloc(1);
	if (first)
		advise((uintptr_t)first, (uintptr_t)sbrk(0));
	free(first);
	atomic_store(&threads_too, true);
}

void *mg_heap_thread_start(void)
{
	if (!atomic_load(&threads_too))
		return NULL;
	char *first = malloc(1); /* gives this thread its arena */
	char *rest = NULL;
	/* an arena's heap lies above the brk heap; a block below the break is the main heap's
	 * (no arena was free), already advised */
	if (first && (uintptr_t)first > (uintptr_t)sbrk(0)) {
		uintptr_t heap = (uintptr_t)first & ~(ARENA_HEAP_SIZE - 1);
		advise(heap, heap + ARENA_HEAP_SIZE);
		/* the heap's first huge page was touched 4 KB at a time as the arena was set up,
		 * before it could be advised: a block over the rest of it (never touched, so it
		 * costs no memory) sends the thread's blocks to the pages after it */
		uintptr_t end = heap + HUGE_PAGE, at = (uintptr_t)first + 64;
		if (end > at + 4096)
			rest = malloc(end - at);
	}
	free(first);
	return rest;
}

void mg_heap_thread_end(void *token)
{
	free(token);
}

#else

void mg_heap_prefer_huge_pages(void)
{
}

void *mg_heap_thread_start(void)
{
	return NULL;
}

void mg_heap_thread_end(void *token)
{
	(void)token;
}

#endif
