/* The worker pool every SQL unit of a run goes through, whatever tool it came from. */
#ifndef MIGLINT_POOL_H
#define MIGLINT_POOL_H

#include "miglint/engine.h"
#include "miglint/unit.h"

#include <stddef.h>

/* Calls fn(arg, i) for each i in [0, n) with up to `jobs` threads (1: on the calling thread);
 * fn must only touch what item i owns. Never fails: when a thread cannot start, the calling
 * thread works beside those that did. */
void mg_pool_each(size_t n, long jobs, void (*fn)(void *arg, size_t i), void *arg);
/* Lints units[0..n) into out[0..n) with up to `jobs` threads (1: on the calling thread).
 * Each result depends on its unit alone, so the output is the same for every jobs. Never
 * fails: when a thread cannot start, the calling thread lints what is left. */
void mg_pool_lint(mg_file_result *out, const mg_unit *units, size_t n, const mg_engine *eng,
		  long jobs);

#endif
