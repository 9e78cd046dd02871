/* The process heap backed by transparent huge pages, where the system allows it.
 *
 * A run touches its heap once, page by page: 10,000 small files take about 4,800 page faults,
 * and on a virtual machine (a CI runner, this project's own) a fault costs several
 * microseconds, a tenth of the whole run. With the heap advised as huge pages the kernel maps
 * 2 MB at a time and the same run takes about 1,150 faults. Memory is not used differently:
 * the heap may look a few MB larger in RSS, as one huge page is mapped whole. */
#ifndef MIGLINT_HEAP_H
#define MIGLINT_HEAP_H

/* For a front end to call first thing in main(): reserves room at the top of the main heap
 * and advises it as huge pages, and asks every worker thread started later to do the same for
 * its own heap (mg_heap_thread_start). A library user that does not call it gets the C
 * library's defaults. Does nothing where the C library or the kernel offers no such advice. */
void mg_heap_prefer_huge_pages(void);

/* For a thread that will allocate much (each worker of the pool calls it as it starts): its
 * heap is advised as huge pages when mg_heap_prefer_huge_pages was called; else nothing.
 * Returns what the thread hands to mg_heap_thread_end as it finishes (NULL or a block). */
void *mg_heap_thread_start(void);
void mg_heap_thread_end(void *token);

#endif
