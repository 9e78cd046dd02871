/* Tool errors as values: library code never prints and never exits. A function that can fail
 * fills an mg_error (the message, and the file and line it is about when there is one) and
 * returns its negative MG_E* code; the front end (the command line, a language server) decides
 * how to show it. */
#ifndef MIGLINT_ERROR_H
#define MIGLINT_ERROR_H

typedef struct mg_error {
	int code;      /* MG_EIO, MG_EUSAGE, MG_ECONFIG; MG_OK when nothing failed */
	char *message; /* one line, without the "miglint: " prefix; owned */
	char *path;    /* the file it is about, or NULL; owned */
	int line;      /* 1-based line in path, or 0 */
} mg_error;

/* Sets err (path may be NULL; the message is formatted) and returns code. When err already
 * holds an error, keeps the first and returns code. */
int mg_error_set(mg_error *err, int code, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Frees what err holds and leaves it empty (MG_OK). NULL is fine. */
void mg_error_dispose(mg_error *err);

#endif
