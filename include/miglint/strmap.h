/* A map from strings to pointers: chained hash buckets, doubled as it fills. For the state a
 * run keeps per name (the relations and NOT NULL columns it made), which a file of thousands
 * of statements asks about at every one: a list searched each time made such runs quadratic. */
#ifndef MIGLINT_STRMAP_H
#define MIGLINT_STRMAP_H

#include <stddef.h>

typedef struct mg_strmap_entry mg_strmap_entry;
typedef struct mg_strmap {
	mg_strmap_entry **buckets;
	size_t bucket_count, count;
} mg_strmap; /* zero-initialised is empty */

/* The value stored under key, or NULL (absent, or NULL stored). */
void *mg_strmap_get(const mg_strmap *m, const char *key);
/* Whether key is present. */
int mg_strmap_has(const mg_strmap *m, const char *key);
/* Stores value under key (a copy of it), replacing any value there: the old one is returned,
 * for the caller to free, or NULL. */
void *mg_strmap_put(mg_strmap *m, const char *key, void *value);
/* Removes key; returns its value (for the caller to free), or NULL. */
void *mg_strmap_remove(mg_strmap *m, const char *key);
/* Calls free_value (unless NULL) on each value and empties the map; keeps its buckets. */
void mg_strmap_clear(mg_strmap *m, void (*free_value)(void *));
/* Clears the map and frees its buckets. */
void mg_strmap_dispose(mg_strmap *m, void (*free_value)(void *));

#endif
