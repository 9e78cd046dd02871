#include "miglint/pool.h"

#include "miglint/common.h"
#include "miglint/heap.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

typedef struct pool {
	void (*fn)(void *arg, size_t i);
	void *arg;
	size_t count;
	atomic_size_t next; /* the next item nobody has taken */
} pool;

static void *work(void *arg)
{
	pool *p = arg;
	size_t i;
	while ((i = atomic_fetch_add(&p->next, 1)) < p->count)
		p->fn(p->arg, i);
	/* No mg_engine_thread_done() here: libpg_query frees a thread's memory when it ends. */
	return NULL;
}

static void *thread_work(void *arg)
{
	void *heap = mg_heap_thread_start();
	work(arg);
	mg_heap_thread_end(heap);
	return NULL;
}

void mg_pool_each(size_t n, long jobs, void (*fn)(void *arg, size_t i), void *arg)
{
	pool p = {.fn = fn, .arg = arg, .count = n};
	atomic_init(&p.next, 0);
	if (jobs > (long)n)
		jobs = (long)n;
	if (jobs <= 1) {
		work(&p);
		return;
	}
	/* this thread is one of the workers: one thread fewer to start, and its memory (the
	 * main arena, already touched by what came before) serves again instead of a fresh
	 * arena's pages, each first touched through a page fault */
	pthread_t *threads = mg_xcalloc((size_t)jobs - 1, sizeof(pthread_t));
	long started = 0;
	while (started < jobs - 1 && pthread_create(&threads[started], NULL, thread_work, &p) == 0)
		started++;
	work(&p); /* with fewer threads than asked, this one takes the rest with them */
	for (long t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	free(threads);
}

typedef struct lint_job {
	mg_file_result *out;
	const mg_unit *units;
	const mg_engine *eng;
} lint_job;

static void lint_one(void *arg, size_t i)
{
	lint_job *j = arg;
	mg_engine_lint_unit(&j->out[i], j->eng, &j->units[i]);
}

void mg_pool_lint(mg_file_result *out, const mg_unit *units, size_t n, const mg_engine *eng,
		  long jobs)
{
	lint_job j = {out, units, eng};
	mg_pool_each(n, jobs, lint_one, &j);
}
