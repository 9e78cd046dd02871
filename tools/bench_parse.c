/* The floor miglint is measured against: libpg_query's bare parse of the same bytes
 * (pg_query_split_with_parser, which parses the whole text with the real grammar).
 * usage: bench_parse FILE...   prints "files N bytes N seconds S" */
#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double total = 0;
	long long bytes = 0;
	int files = 0;
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f)
			continue;
		fseek(f, 0, SEEK_END);
		long n = ftell(f);
		fseek(f, 0, SEEK_SET);
		char *text = malloc((size_t)n + 1);
		size_t got = fread(text, 1, (size_t)n, f);
		fclose(f);
		text[got] = '\0';
		double t0 = now();
		PgQuerySplitResult r = pg_query_split_with_parser(text);
		total += now() - t0;
		if (r.error)
			fprintf(stderr, "bench_parse: %s: %s\n", argv[i], r.error->message);
		pg_query_free_split_result(r);
		bytes += (long long)got;
		files++;
		free(text);
	}
	printf("files %d bytes %lld seconds %.3f\n", files, bytes, total);
	return 0;
}
