#include "miglint/common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
	fputs("miglint: out of memory\n", stderr);
	abort();
}

void *mg_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *mg_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *mg_xstrndup(const char *s, size_t n)
{
	char *p = mg_xrealloc(NULL, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *mg_xstrdup(const char *s)
{
	return mg_xstrndup(s, strlen(s));
}

/* The length fmt gives with only %s and %% conversions, or -1 when it has any other: paths
 * ("%s/%s") and most messages are joined by hand, a tenth of what vsnprintf costs. */
static long joined_length(const char *fmt, va_list ap)
{
	long n = 0;
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			n++;
		} else if (f[1] == '%') {
			n++;
			f++;
		} else if (f[1] == 's') {
			const char *arg = va_arg(ap, const char *);
			n += (long)strlen(arg ? arg : "(null)"); /* as glibc prints NULL */
			f++;
		} else {
			return -1;
		}
	}
	return n;
}

static void join(char *out, const char *fmt, va_list ap)
{
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			*out++ = *f;
		} else if (f[1] == '%') {
			*out++ = '%';
			f++;
		} else {
			const char *s = va_arg(ap, const char *);
			s = s ? s : "(null)";
			size_t n = strlen(s);
			memcpy(out, s, n);
			out += n;
			f++;
		}
	}
	*out = '\0';
}

char *mg_xvasprintf(const char *fmt, va_list ap)
{
	va_list scan;
	va_copy(scan, ap);
	long joined = joined_length(fmt, scan);
	va_end(scan);
	if (joined >= 0) {
		char *p = mg_xrealloc(NULL, (size_t)joined + 1);
		join(p, fmt, ap);
		return p;
	}
	/* Most messages fit in a small buffer: format once there, and again only if not. */
	char small[256];
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(small, sizeof(small), fmt, copy);
	va_end(copy);
	if (n < 0)
		out_of_memory();
	if ((size_t)n < sizeof(small))
		return mg_xstrndup(small, (size_t)n);
	char *p = mg_xrealloc(NULL, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *mg_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = mg_xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void mg_buf_init(mg_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void mg_buf_dispose(mg_buf *b)
{
	if (!b)
		return;
	free(b->data);
	mg_buf_init(b);
}

static void reserve(mg_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->data = mg_xrealloc(b->data, cap);
	b->cap = cap;
}

void mg_buf_add(mg_buf *b, const char *s, size_t n)
{
	reserve(b, n);
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void mg_buf_puts(mg_buf *b, const char *s)
{
	mg_buf_add(b, s, strlen(s));
}

void mg_buf_putc(mg_buf *b, char c)
{
	mg_buf_add(b, &c, 1);
}

void mg_buf_printf(mg_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = mg_xvasprintf(fmt, ap);
	va_end(ap);
	mg_buf_puts(b, s);
	free(s);
}

char *mg_buf_take(mg_buf *b)
{
	char *s = b->data ? b->data : mg_xstrdup("");
	mg_buf_init(b);
	return s;
}

bool mg_ieq(const char *s, size_t n, const char *word)
{
	size_t i = 0;
	for (; i < n && word[i]; i++) {
		char a = s[i], w = word[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (w >= 'A' && w <= 'Z')
			w = (char)(w - 'A' + 'a');
		if (a != w)
			return false;
	}
	return i == n && word[i] == '\0';
}

unsigned long long mg_hash(const char *s, size_t n)
{
	unsigned long long h = MG_HASH_INIT;
	for (size_t i = 0; i < n; i++)
		h = mg_hash_add(h, (unsigned char)s[i]);
	return h;
}

size_t mg_edit_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	size_t *row = mg_xcalloc(lb + 1, sizeof(size_t));
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0], best = row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t sub = prev + (a[i - 1] != b[j - 1]);
			size_t v = sub < row[j] + 1 ? sub : row[j] + 1;
			v = v < row[j - 1] + 1 ? v : row[j - 1] + 1;
			row[j] = v;
			prev = cur;
			best = v < best ? v : best;
		}
		if (best > limit) {
			free(row);
			return limit + 1;
		}
	}
	size_t d = row[lb];
	free(row);
	return d;
}

void mg_strv_free(char **v)
{
	for (char **p = v; p && *p; p++)
		free(*p);
	free(v);
}
