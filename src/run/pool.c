#include "miglint/pool.h"

#include "miglint/common.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

typedef struct pool {
	const mg_engine *eng;
	const mg_unit *units;
	mg_file_result *results;
	size_t count;
	atomic_size_t next; /* the next unit nobody has taken */
} pool;

static void *work(void *arg)
{
	pool *p = arg;
	size_t i;
	while ((i = atomic_fetch_add(&p->next, 1)) < p->count)
		mg_engine_lint_unit(&p->results[i], p->eng, &p->units[i]);
	/* No mg_engine_thread_done() here: libpg_query frees a thread's memory when it ends. */
	return NULL;
}

void mg_pool_lint(mg_file_result *out, const mg_unit *units, size_t n, const mg_engine *eng,
		  long jobs)
{
	pool p = {.eng = eng, .units = units, .results = out, .count = n};
	atomic_init(&p.next, 0);
	if (jobs > (long)n)
		jobs = (long)n;
	if (jobs <= 1) {
		work(&p);
		return;
	}
	pthread_t *threads = mg_xcalloc((size_t)jobs, sizeof(pthread_t));
	long started = 0;
	while (started < jobs && pthread_create(&threads[started], NULL, work, &p) == 0)
		started++;
	if (started < jobs)
		work(&p); /* fewer threads than asked: this one takes the rest with them */
	for (long t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	free(threads);
}
