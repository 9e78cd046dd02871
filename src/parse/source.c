#include "miglint/source.h"

#include "miglint/common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

/* Returns the length of the valid UTF-8 sequence at s (max n bytes), or 0 when invalid. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	unsigned min;
	unsigned cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2, min = 0x80, cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, min = 0x800, cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, min = 0x10000, cp = c & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

static void index_lines(mg_source *src)
{
	MG_VEC(size_t) starts = {0};
	MG_VEC_PUSH(starts, (size_t)0);
	const char *t = src->text;
	if (!memchr(t, '\r', src->len)) {
		/* the common case, LF only: memchr is many times faster than a byte loop */
		for (const char *p = t; (p = memchr(p, '\n', src->len - (size_t)(p - t))) != NULL; p++)
			MG_VEC_PUSH(starts, (size_t)(p - t) + 1);
		src->line_starts = starts.items;
		src->line_count = starts.len;
		return;
	}
	for (size_t i = 0; i < src->len; i++) {
		if (t[i] == '\n' || (t[i] == '\r' && (i + 1 >= src->len || t[i + 1] != '\n')))
			MG_VEC_PUSH(starts, i + 1);
	}
	src->line_starts = starts.items;
	src->line_count = starts.len;
}

static void scan_bytes(mg_source *src)
{
	const unsigned char *t = (const unsigned char *)src->text;
	src->body = (src->len >= 3 && t[0] == 0xEF && t[1] == 0xBB && t[2] == 0xBF) ? 3 : 0;
	for (size_t i = 0; i < src->len;) {
		/* fast path: ASCII without NUL needs no decoding; eight bytes at a time */
		while (i + 8 <= src->len) {
			uint64_t w;
			memcpy(&w, t + i, 8);
			uint64_t has_high = w & 0x8080808080808080u;
			uint64_t has_zero = (w - 0x0101010101010101u) & ~w & 0x8080808080808080u;
			if (has_high | has_zero)
				break;
			i += 8;
		}
		while (i < src->len && t[i] >= 0x01 && t[i] < 0x80)
			i++;
		if (i >= src->len)
			break;
		if (t[i] == 0) {
			if (src->first_nul < 0)
				src->first_nul = (long)i;
			src->text[i] = ' ';
			i++;
			continue;
		}
		size_t n = utf8_sequence(t + i, src->len - i);
		if (n == 0) {
			if (src->first_bad_utf8 < 0)
				src->first_bad_utf8 = (long)i;
			n = 1;
		}
		i += n;
	}
	index_lines(src);
}

void mg_source_from_bytes(mg_source *out, const char *path, const char *bytes, size_t len)
{
	memset(out, 0, sizeof(*out));
	out->path = mg_xstrdup(path);
	/* not strndup: bytes may hold NUL bytes (an editor's buffer), which scan_bytes reports
	 * and blanks as it does for a file read from disk */
	out->text = mg_xcalloc(len + 1, 1);
	if (len)
		memcpy(out->text, bytes, len);
	out->len = len;
	out->first_nul = -1;
	out->first_bad_utf8 = -1;
	scan_bytes(out);
}

static void load_error(mg_source *out, const char *what)
{
	out->read_error = mg_xasprintf("%s: %s", what, strerror(errno));
}

/* Reads a whole file with one read() where its size is known (no stdio buffering). */
static void read_fd(mg_source *out, int fd)
{
	struct stat st;
	mg_buf b;
	mg_buf_init(&b);
	bool known = fstat(fd, &st) == 0;
	if (known && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		load_error(out, "cannot read");
	} else {
		bool regular = known && S_ISREG(st.st_mode);
		size_t want = regular ? (size_t)st.st_size + 1 : 65536;
		for (;;) {
			if (b.cap < b.len + want + 1) {
				b.cap = b.len + want + 1;
				b.data = mg_xrealloc(b.data, b.cap);
			}
			ssize_t n = read(fd, b.data + b.len, want);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0) {
				load_error(out, "cannot read");
				break;
			}
			if (n == 0)
				break;
			b.len += (size_t)n;
			/* a regular file read to its size needs no second read() to see the end */
			if (regular && b.len == (size_t)st.st_size)
				break;
			want = 65536;
		}
	}
	out->len = b.len;
	if (b.data)
		b.data[b.len] = '\0';
	out->text = b.data ? b.data : mg_xstrdup("");
}

void mg_source_load(mg_source *out, const char *path, FILE *stream)
{
	memset(out, 0, sizeof(*out));
	out->path = mg_xstrdup(path);
	out->first_nul = -1;
	out->first_bad_utf8 = -1;
	int fd = stream ? fileno(stream) : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		load_error(out, "cannot open");
		out->text = mg_xstrdup("");
		index_lines(out);
		return;
	}
	read_fd(out, fd);
	if (!stream)
		close(fd);
	scan_bytes(out);
}

void mg_source_dispose(mg_source *src)
{
	if (!src)
		return;
	free(src->path);
	free(src->text);
	free(src->line_starts);
	free(src->read_error);
	memset(src, 0, sizeof(*src));
}

void mg_source_position(const mg_source *src, size_t offset, int *line_out, int *column_out)
{
	if (offset > src->len)
		offset = src->len;
	size_t lo = 0, hi = src->line_count;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (src->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	size_t start = src->line_starts[lo];
	if (lo == 0 && start < src->body)
		start = offset < src->body ? offset : src->body;
	int column = 1;
	for (size_t i = start; i < offset; i++) {
		/* Count code points: every byte that is not a UTF-8 continuation byte starts one. */
		if (((unsigned char)src->text[i] & 0xC0) != 0x80)
			column++;
	}
	*line_out = (int)lo + 1;
	*column_out = column;
}

void mg_source_line_range(const mg_source *src, int line, size_t *start_out, size_t *end_out)
{
	size_t idx = (size_t)(line - 1);
	size_t start = idx < src->line_count ? src->line_starts[idx] : src->len;
	if (idx == 0 && start < src->body)
		start = src->body;
	size_t end = start;
	while (end < src->len && src->text[end] != '\n' && src->text[end] != '\r')
		end++;
	*start_out = start;
	*end_out = end;
}
