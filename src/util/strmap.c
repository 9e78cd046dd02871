#include "miglint/strmap.h"

#include "miglint/common.h"

#include <stdlib.h>
#include <string.h>

struct mg_strmap_entry {
	char *key;
	void *value;
	mg_strmap_entry *next;
};

static mg_strmap_entry **slot_of(const mg_strmap *m, const char *key)
{
	size_t h = (size_t)mg_hash(key, strlen(key)) & (m->bucket_count - 1);
	mg_strmap_entry **at = &m->buckets[h];
	while (*at && strcmp((*at)->key, key) != 0)
		at = &(*at)->next;
	return at;
}

static mg_strmap_entry *find(const mg_strmap *m, const char *key)
{
	return m->count ? *slot_of(m, key) : NULL;
}

void *mg_strmap_get(const mg_strmap *m, const char *key)
{
	mg_strmap_entry *e = find(m, key);
	return e ? e->value : NULL;
}

int mg_strmap_has(const mg_strmap *m, const char *key)
{
	return find(m, key) != NULL;
}

/* Doubles the buckets once there are as many entries as buckets. */
static void grow(mg_strmap *m)
{
	size_t old = m->bucket_count;
	mg_strmap_entry **buckets = m->buckets;
	m->bucket_count = old ? old * 2 : 64;
	m->buckets = mg_xcalloc(m->bucket_count, sizeof(mg_strmap_entry *));
	for (size_t i = 0; i < old; i++)
		for (mg_strmap_entry *e = buckets[i], *next; e; e = next) {
			next = e->next;
			e->next = NULL;
			*slot_of(m, e->key) = e;
		}
	free(buckets);
}

void *mg_strmap_put(mg_strmap *m, const char *key, void *value)
{
	mg_strmap_entry *e = find(m, key);
	if (e) {
		void *old = e->value;
		e->value = value;
		return old;
	}
	if (m->count >= m->bucket_count)
		grow(m);
	e = mg_xcalloc(1, sizeof(*e));
	e->key = mg_xstrdup(key);
	e->value = value;
	*slot_of(m, key) = e;
	m->count++;
	return NULL;
}

void *mg_strmap_remove(mg_strmap *m, const char *key)
{
	if (!m->count)
		return NULL;
	mg_strmap_entry **at = slot_of(m, key), *gone = *at;
	if (!gone)
		return NULL;
	*at = gone->next;
	void *value = gone->value;
	free(gone->key);
	free(gone);
	m->count--;
	return value;
}

void mg_strmap_clear(mg_strmap *m, void (*free_value)(void *))
{
	for (size_t i = 0; m->count && i < m->bucket_count; i++) {
		for (mg_strmap_entry *e = m->buckets[i], *next; e; e = next) {
			next = e->next;
			if (free_value)
				free_value(e->value);
			free(e->key);
			free(e);
		}
		m->buckets[i] = NULL;
	}
	m->count = 0;
}

void mg_strmap_dispose(mg_strmap *m, void (*free_value)(void *))
{
	mg_strmap_clear(m, free_value);
	free(m->buckets);
	m->buckets = NULL;
	m->bucket_count = 0;
}
