/* Small helpers every module uses: allocation that aborts on exhaustion, a growable string,
 * a growable array. Out of memory aborts with a message (we are a program, not a library),
 * so callers never check these results. */
#ifndef MIGLINT_COMMON_H
#define MIGLINT_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define MG_VERSION "0.1.0"

/* Error codes returned (negated) by functions that can fail. */
enum { MG_OK = 0, MG_EIO = -1, MG_EUSAGE = -2, MG_ECONFIG = -3 };

/* Returns zero-filled memory the caller frees with free(); aborts when memory is exhausted. */
void *mg_xcalloc(size_t count, size_t size);
/* Like realloc(); aborts when memory is exhausted. */
void *mg_xrealloc(void *ptr, size_t size);
/* Returns a malloc'd copy of s (or of its first n bytes). */
char *mg_xstrdup(const char *s);
char *mg_xstrndup(const char *s, size_t n);
/* Returns a malloc'd formatted string. */
char *mg_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *mg_xvasprintf(const char *fmt, va_list ap);

/* A growable NUL-terminated byte string. mg_buf_init/mg_buf_dispose manage one the caller owns. */
typedef struct mg_buf {
	char *data;
	size_t len;
	size_t cap;
} mg_buf;

void mg_buf_init(mg_buf *b);
void mg_buf_dispose(mg_buf *b);
void mg_buf_add(mg_buf *b, const char *s, size_t n);
void mg_buf_puts(mg_buf *b, const char *s);
void mg_buf_putc(mg_buf *b, char c);
void mg_buf_printf(mg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Gives the string to the caller (free it with free()) and leaves b empty. */
char *mg_buf_take(mg_buf *b);

/* Growable array of T: `MG_VEC(T) v = {0}; MG_VEC_PUSH(v, x);` then free(v.items). */
#define MG_VEC(T)             \
	struct {              \
		T *items;     \
		size_t len;   \
		size_t cap;   \
	}
#define MG_VEC_PUSH(v, x)                                                                     \
	do {                                                                                  \
		if ((v).len == (v).cap) {                                                     \
			(v).cap = (v).cap ? (v).cap * 2 : 8;                                  \
			(v).items = mg_xrealloc((v).items, (v).cap * sizeof(*(v).items));     \
		}                                                                             \
		(v).items[(v).len++] = (x);                                                   \
	} while (0)

/* FNV-1a, for hash maps and fingerprints: MG_HASH_INIT, then mg_hash_add per byte. */
#define MG_HASH_INIT 1469598103934665603ull
static inline unsigned long long mg_hash_add(unsigned long long h, unsigned char byte)
{
	return (h ^ byte) * 1099511628211ull;
}
/* Returns the hash of s[0..n). */
unsigned long long mg_hash(const char *s, size_t n);

/* Returns the Levenshtein distance of a and b, or limit + 1 when it exceeds limit. */
size_t mg_edit_distance(const char *a, const char *b, size_t limit);

/* True when s[0..n) equals the NUL-terminated word, ignoring ASCII case. */
bool mg_ieq(const char *s, size_t n, const char *word);

/* Frees a NULL-terminated array of strings and the strings (NULL is fine). */
void mg_strv_free(char **v);

#endif
