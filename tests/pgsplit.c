/* Prints the statements of a SQL file as libpg_query's parser splits them, as JSON lines
 * {"offset": N, "length": N}. The truth test uses it so that statement boundaries come from a
 * splitter independent of miglint's own. */
#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: pgsplit FILE\n", stderr);
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *text = calloc(1, (size_t)n + 1);
	if (!text || fread(text, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		return 2;
	}
	fclose(f);
	PgQuerySplitResult r = pg_query_split_with_parser(text);
	int rc = 0;
	if (r.error) {
		fprintf(stderr, "%s: %s at %d\n", argv[1], r.error->message, r.error->cursorpos);
		rc = 1;
	} else {
		for (int i = 0; i < r.n_stmts; i++) {
			int len = r.stmts[i]->stmt_len ? r.stmts[i]->stmt_len : (int)n - r.stmts[i]->stmt_location;
			printf("{\"offset\": %d, \"length\": %d}\n", r.stmts[i]->stmt_location, len);
		}
	}
	pg_query_free_split_result(r);
	free(text);
	pg_query_exit();
	return rc;
}
