/* miglint.lock. Line k holds SHA-256(line k-1's hash || name || NUL || content) of the k-th
 * migration (the first starts from 32 zero bytes), so editing or inserting an older file
 * changes every later line, and the first line's total (the last hash) changes with any of
 * them. Checking recomputes each file's hash from the lock's previous line, so each edit is
 * reported at its own file, not at every file after it. SHA-256 comes from nettle (Debian
 * nettle-dev): small, no global state to set up, a three-call streaming API. */
#include "miglint/lock.h"

#include "layout_internal.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { HASH = SHA256_DIGEST_SIZE };

/* Repeatable migrations are meant to change; everything else in the history is locked. */
static bool lockable(const mg_entry *e)
{
	return !e->problem && e->version && e->role != MG_ROLE_REPEATABLE;
}

/* Chains one file onto prev; false when the file cannot be read. */
static bool chain(unsigned char out[HASH], const unsigned char prev[HASH], const mg_entry *e)
{
	FILE *f = fopen(e->path, "rb");
	if (!f)
		return false;
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	sha256_update(&ctx, HASH, prev);
	sha256_update(&ctx, strlen(e->name) + 1, (const uint8_t *)e->name);
	unsigned char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sha256_update(&ctx, n, buf);
	bool ok = !ferror(f);
	fclose(f);
	sha256_digest(&ctx, HASH, out);
	return ok;
}

static void to_hex(char out[2 * HASH + 1], const unsigned char h[HASH])
{
	for (size_t i = 0; i < HASH; i++)
		sprintf(out + 2 * i, "%02x", h[i]);
}

static bool from_hex(unsigned char out[HASH], const char *s)
{
	for (size_t i = 0; i < HASH; i++) {
		unsigned v;
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return false;
		out[i] = (unsigned char)v;
	}
	return true;
}

int mg_lock_write(const mg_migration_set *s, char **path_out, size_t *count_out, mg_error *err)
{
	*path_out = NULL;
	*count_out = 0;
	mg_buf body;
	mg_buf_init(&body);
	unsigned char prev[HASH] = {0}, h[HASH];
	char hex[2 * HASH + 1];
	size_t n = 0;
	for (size_t i = 0; i < s->count; i++) {
		const mg_entry *e = &s->entries[i];
		if (!lockable(e))
			continue;
		if (!chain(h, prev, e)) {
			if (e->role != MG_ROLE_UP && e->role != MG_ROLE_CODE)
				continue; /* a sqitch revert or verify script that does not exist */
			int rc = mg_error_set(err, MG_EIO, e->path, 0, "cannot read '%s': %s", e->path,
					      strerror(errno));
			mg_buf_dispose(&body);
			return rc;
		}
		to_hex(hex, h);
		mg_buf_printf(&body, "%s  %s\n", hex, e->name);
		memcpy(prev, h, HASH);
		n++;
	}
	to_hex(hex, prev);
	char *path = mg_xasprintf("%s/miglint.lock", s->dir);
	char *tmp = mg_xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	int rc = 0;
	if (!f || fprintf(f, "# miglint.lock: SHA-256 of each %s migration, chained over the names and "
			     "contents before it.\n# Written by `miglint lock`; `miglint check` reports "
			     "migrations edited, inserted or removed since.\ntotal %s\n%s",
			  s->framework, hex, body.data ? body.data : "") < 0 ||
	    fclose(f) != 0 || rename(tmp, path) != 0) {
		rc = mg_error_set(err, MG_EIO, path, 0, "cannot write '%s': %s", path, strerror(errno));
		remove(tmp);
		free(path);
	} else {
		*path_out = path;
		*count_out = n;
	}
	free(tmp);
	mg_buf_dispose(&body);
	return rc;
}

typedef struct locked {
	char *name;
	unsigned char hash[HASH];
	int line;
	char *text;
	bool seen;
} locked;

typedef MG_VEC(locked) locked_vec;

static bool read_lock(locked_vec *out, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return false;
	char buf[4096];
	int ln = 0;
	while (fgets(buf, sizeof(buf), f)) {
		ln++;
		buf[strcspn(buf, "\r\n")] = '\0';
		locked x = {0};
		if (buf[0] == '#' || strncmp(buf, "total ", 6) == 0 || strlen(buf) < 2 * HASH + 3 ||
		    !from_hex(x.hash, buf))
			continue;
		x.name = mg_xstrdup(buf + 2 * HASH + 2);
		x.line = ln;
		x.text = mg_xstrdup(buf);
		MG_VEC_PUSH(*out, x);
	}
	fclose(f);
	return true;
}

/* The lock line of name, trying `hint` first: the lock lists migrations in the folder's order,
 * so the next line is almost always the one. */
static size_t find_locked(const locked_vec *v, const char *name, size_t hint)
{
	if (hint < v->len && strcmp(v->items[hint].name, name) == 0)
		return hint;
	for (size_t i = 0; i < v->len; i++)
		if (strcmp(v->items[i].name, name) == 0)
			return i;
	return SIZE_MAX;
}

/* The state of the entry recorded on lock line k: its hash from the line before. */
static mg_lock_state locked_state(const mg_entry *e, const locked_vec *v, size_t k)
{
	unsigned char zero[HASH] = {0}, h[HASH];
	const unsigned char *prev = k ? v->items[k - 1].hash : zero;
	return chain(h, prev, e) && memcmp(h, v->items[k].hash, HASH) != 0 ? MG_LOCK_EDITED
									     : MG_LOCK_SAME;
}

/* Each entry's state; a new migration is fine after the newest locked one, not before it. */
static void compare_entries(mg_lock_comparison *out, const mg_migration_set *s, locked_vec *v)
{
	size_t *at = mg_xcalloc(s->count ? s->count : 1, sizeof(size_t));
	for (size_t i = 0, hint = 0; i < s->count; i++) {
		at[i] = lockable(&s->entries[i]) ? find_locked(v, s->entries[i].name, hint) : SIZE_MAX;
		if (at[i] != SIZE_MAX) {
			v->items[at[i]].seen = true;
			hint = at[i] + 1;
		}
	}
	size_t later = SIZE_MAX;
	for (size_t i = s->count; i-- > 0;) {
		const mg_entry *e = &s->entries[i];
		if (at[i] != SIZE_MAX) {
			out->state[i] = locked_state(e, v, at[i]);
			later = i;
		} else if (lockable(e) && later != SIZE_MAX &&
			   (e->role == MG_ROLE_UP || e->role == MG_ROLE_CODE)) {
			out->state[i] = MG_LOCK_INSERTED;
			out->later[i] = later;
		}
	}
	free(at);
}

bool mg_lock_compare(mg_lock_comparison *out, const mg_migration_set *s)
{
	memset(out, 0, sizeof(*out));
	char *path = mg_xasprintf("%s/miglint.lock", s->dir);
	locked_vec v = {0};
	if (!read_lock(&v, path)) {
		free(path);
		return false;
	}
	out->path = path;
	out->state = mg_xcalloc(s->count ? s->count : 1, sizeof(mg_lock_state));
	out->later = mg_xcalloc(s->count ? s->count : 1, sizeof(size_t));
	compare_entries(out, s, &v);
	for (size_t k = 0; k < v.len; k++) {
		if (!v.items[k].seen) {
			mg_lock_line x = {v.items[k].name, v.items[k].line, v.items[k].text};
			MG_VEC_PUSH(out->removed, x);
		} else {
			free(v.items[k].name), free(v.items[k].text);
		}
	}
	free(v.items);
	return true;
}

void mg_lock_comparison_dispose(mg_lock_comparison *c)
{
	if (!c)
		return;
	for (size_t k = 0; k < c->removed.len; k++)
		free(c->removed.items[k].name), free(c->removed.items[k].text);
	free(c->removed.items);
	free(c->state);
	free(c->later);
	free(c->path);
	memset(c, 0, sizeof(*c));
}
