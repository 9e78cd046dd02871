#include "miglint/python.h"

#include "miglint/common.h"

#include <stdlib.h>
#include <string.h>

static bool name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool name_char(unsigned char c)
{
	return name_start(c) || (c >= '0' && c <= '9');
}

/* A string prefix: r, b, u, f and their combinations, in any case. */
static bool string_prefix(const char *s, size_t n)
{
	if (n > 2)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("rRbBuUfF", s[i]))
			return false;
	return true;
}

/* Returns the end of the string literal whose quote starts at q, or 0 if unterminated. */
static size_t string_end(const char *s, size_t q, size_t len, bool raw)
{
	char quote = s[q];
	bool triple = q + 2 < len && s[q + 1] == quote && s[q + 2] == quote;
	size_t i = q + (triple ? 3 : 1);
	while (i < len) {
		if (s[i] == '\\') {
			i += 2; /* in raw strings too, a backslash keeps the next quote inside */
			continue;
		}
		if (!triple && (s[i] == '\n' || s[i] == '\r'))
			return 0;
		if (s[i] == quote) {
			if (!triple)
				return i + 1;
			if (i + 2 < len && s[i + 1] == quote && s[i + 2] == quote)
				return i + 3;
		}
		i++;
	}
	(void)raw;
	return 0;
}

void mg_py_tokenize(mg_py_token **out, size_t *count_out, const char *s, size_t len)
{
	MG_VEC(mg_py_token) v = {0};
	size_t i = 0;
	int depth = 0;
	bool line_start = true;
	int indent = 0;
	size_t line_begin = 0;
	while (i < len) {
		char c = s[i];
		if (c == '\n' || c == '\r') {
			i += (c == '\r' && i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
			if (depth == 0 && !line_start) {
				mg_py_token t = {MG_PY_NEWLINE, i, i, indent, false, 0};
				MG_VEC_PUSH(v, t);
				line_start = true;
			}
			line_begin = i;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\f') {
			i++;
			continue;
		}
		if (c == '#') {
			while (i < len && s[i] != '\n' && s[i] != '\r')
				i++;
			continue;
		}
		if (c == '\\' && i + 1 < len && (s[i + 1] == '\n' || s[i + 1] == '\r')) {
			i += 2;
			if (s[i - 1] == '\r' && i < len && s[i] == '\n')
				i++;
			continue; /* a continuation joins the lines */
		}
		mg_py_token t = {.start = i, .depth = depth};
		if (line_start) {
			indent = (int)(i - line_begin);
			t.first = true;
			line_start = false;
		}
		t.indent = indent;
		if (name_start((unsigned char)c)) {
			size_t e = i;
			while (e < len && name_char((unsigned char)s[e]))
				e++;
			if (e < len && (s[e] == '\'' || s[e] == '"') && string_prefix(s + i, e - i)) {
				bool raw = memchr(s + i, 'r', e - i) || memchr(s + i, 'R', e - i);
				size_t end = string_end(s, e, len, raw);
				t.kind = end ? MG_PY_STRING : MG_PY_ERROR;
				t.end = end ? end : len;
			} else {
				t.kind = MG_PY_NAME;
				t.end = e;
			}
		} else if (c == '\'' || c == '"') {
			size_t end = string_end(s, i, len, false);
			t.kind = end ? MG_PY_STRING : MG_PY_ERROR;
			t.end = end ? end : len;
		} else if ((c >= '0' && c <= '9') || (c == '.' && i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9')) {
			size_t e = i;
			while (e < len && (name_char((unsigned char)s[e]) || s[e] == '.'))
				e++;
			t.kind = MG_PY_NUMBER;
			t.end = e;
		} else {
			t.kind = MG_PY_OP;
			t.end = i + 1;
			if (strchr("([{", c))
				depth++;
			else if (strchr(")]}", c) && depth > 0)
				depth--;
			/* two- and three-character operators matter only as "not =" (==, :=, ->) */
			if (i + 1 < len && strchr("=!<>:-*/+%&|^", c) && (s[i + 1] == '=' || (c == '-' && s[i + 1] == '>')))
				t.end = i + 2;
		}
		MG_VEC_PUSH(v, t);
		i = t.end;
	}
	if (!line_start) {
		mg_py_token t = {MG_PY_NEWLINE, len, len, indent, false, 0};
		MG_VEC_PUSH(v, t);
	}
	mg_py_token e = {MG_PY_END, len, len, 0, false, 0};
	MG_VEC_PUSH(v, e);
	*out = v.items;
	*count_out = v.len;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A decoded value and its map, written in place: it is never longer than the literal's body
 * (an escape gives at most the two bytes it is written with). */
typedef struct decoded {
	char *text;
	size_t *map; /* NULL: not wanted */
	size_t len;
} decoded;

static void put(decoded *d, char c, size_t from)
{
	if (d->map)
		d->map[d->len] = from;
	d->text[d->len++] = c;
}

mg_py_string_kind mg_py_string(char **value_out, size_t **map_out, const char *s,
			       const mg_py_token *tok)
{
	size_t i = tok->start;
	bool raw = false, bytes = false, fstring = false;
	while (s[i] != '\'' && s[i] != '"') {
		raw = raw || s[i] == 'r' || s[i] == 'R';
		bytes = bytes || s[i] == 'b' || s[i] == 'B';
		fstring = fstring || s[i] == 'f' || s[i] == 'F';
		i++;
	}
	char quote = s[i];
	size_t q = (s[i + 1] == quote && s[i + 2] == quote && tok->end - i >= 6) ? 3 : 1;
	size_t a = i + q, z = tok->end - q;
	size_t most = z > a ? z - a : 0;
	decoded d = {mg_xrealloc(NULL, most + 1),
		     map_out ? mg_xrealloc(NULL, (most + 1) * sizeof(size_t)) : NULL, 0};
	for (size_t k = a; k < z; k++) {
		if (s[k] != '\\' || raw) {
			put(&d, s[k], k);
			continue;
		}
		size_t at = k++;
		char e = s[k];
		switch (e) {
		case 'n': put(&d, '\n', at); break;
		case 't': put(&d, '\t', at); break;
		case 'r': put(&d, '\r', at); break;
		case '0': put(&d, '\0', at); break;
		case '\\': case '\'': case '"': put(&d, e, at); break;
		case '\n': break; /* an escaped newline joins the lines */
		case '\r': k += s[k + 1] == '\n'; break;
		case 'x':
			if (hex_value(s[k + 1]) >= 0 && hex_value(s[k + 2]) >= 0) {
				put(&d, (char)(hex_value(s[k + 1]) * 16 + hex_value(s[k + 2])), at);
				k += 2;
				break;
			}
			/* fall through */
		default:
			put(&d, '\\', at);
			put(&d, e, k);
		}
	}
	d.text[d.len] = '\0';
	if (map_out) {
		d.map[d.len] = z;
		*map_out = d.map;
	}
	*value_out = d.text;
	return fstring ? MG_PY_FSTRING : bytes ? MG_PY_BYTES : MG_PY_STR;
}

void mg_py_value_dispose(mg_py_value *v)
{
	for (size_t i = 0; i < v->count; i++)
		free(v->items[i]);
	free(v->items);
	free(v->item_offsets);
	memset(v, 0, sizeof(*v));
}

static bool is_op(const char *s, const mg_py_token *t, const char *op)
{
	return t->kind == MG_PY_OP && t->end - t->start == strlen(op) && memcmp(s + t->start, op, strlen(op)) == 0;
}

static bool is_name(const char *s, const mg_py_token *t, const char *name)
{
	return t->kind == MG_PY_NAME && t->end - t->start == strlen(name) &&
	       memcmp(s + t->start, name, strlen(name)) == 0;
}

/* Reads the value tokens [a, b) of an assignment. */
static void read_value(mg_py_value *out, const char *s, const mg_py_token *t, size_t a, size_t b)
{
	out->present = true;
	out->offset = t[a].start;
	out->length = b > a ? t[b - 1].end - t[a].start : 0;
	if (b == a + 1 && is_name(s, &t[a], "None")) {
		out->is_static = out->is_none = true;
		return;
	}
	size_t i = a, end = b;
	if (b > a + 1 && (is_op(s, &t[a], "(") || is_op(s, &t[a], "[")) &&
	    (is_op(s, &t[b - 1], ")") || is_op(s, &t[b - 1], "]"))) {
		out->is_sequence = true;
		i++;
		end--;
	}
	MG_VEC(char *) items = {0};
	MG_VEC(size_t) offs = {0};
	bool ok = true, after_comma = true, saw_comma = false;
	while (i < end && ok) {
		if (t[i].kind == MG_PY_STRING && after_comma) {
			/* implicit concatenation: "ab" "cd" */
			mg_buf joined;
			mg_buf_init(&joined);
			size_t first = t[i].start;
			while (i < end && t[i].kind == MG_PY_STRING) {
				char *part;
				if (mg_py_string(&part, NULL, s, &t[i]) != MG_PY_STR)
					ok = false;
				mg_buf_puts(&joined, part);
				free(part);
				i++;
			}
			MG_VEC_PUSH(items, mg_buf_take(&joined));
			MG_VEC_PUSH(offs, first);
			after_comma = false;
		} else if (is_op(s, &t[i], ",") && !after_comma) {
			after_comma = true;
			saw_comma = true;
			i++;
		} else {
			ok = false;
		}
	}
	out->is_sequence = out->is_sequence || saw_comma;
	if (!ok || (items.len == 0 && !out->is_sequence)) {
		for (size_t k = 0; k < items.len; k++)
			free(items.items[k]);
		free(items.items);
		free(offs.items);
		out->is_static = false;
		return;
	}
	out->is_static = true;
	out->items = items.items;
	out->item_offsets = offs.items;
	out->count = items.len;
}

void mg_py_assignment(mg_py_value *out, const char *s, const mg_py_token *t, size_t n,
		      const char *name)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < n; i++) {
		/* only module level: a logical line that starts at column 0; the name is its first
		 * token, or a later target of a chained assignment (a = name = value) */
		if (t[i].indent != 0 || !is_name(s, &t[i], name) || t[i].depth != 0)
			continue;
		if (!t[i].first && !(i > 0 && is_op(s, &t[i - 1], "=") && i + 1 < n && is_op(s, &t[i + 1], "=")))
			continue;
		size_t j = i + 1;
		if (j < n && is_op(s, &t[j], ":")) {
			/* annotated: name: Annotation = value */
			while (j < n && t[j].kind != MG_PY_NEWLINE && !(is_op(s, &t[j], "=") && t[j].depth == 0))
				j++;
		}
		if (j >= n || !is_op(s, &t[j], "="))
			continue;
		size_t a = j + 1, b = a;
		while (b < n && t[b].kind != MG_PY_NEWLINE && t[b].kind != MG_PY_END)
			b++;
		/* a chained assignment (a = b = "x") keeps the last value */
		for (size_t k = a; k < b; k++)
			if (is_op(s, &t[k], "=") && t[k].depth == 0)
				a = k + 1;
		mg_py_value_dispose(out);
		read_value(out, s, t, a, b);
	}
}

bool mg_py_docstring(size_t *index_out, const mg_py_token *t, size_t n)
{
	if (n > 1 && t[0].kind == MG_PY_STRING && t[0].first &&
	    (t[1].kind == MG_PY_NEWLINE || t[1].kind == MG_PY_END)) {
		*index_out = 0;
		return true;
	}
	return false;
}
