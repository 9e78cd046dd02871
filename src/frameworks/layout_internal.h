/* State shared by the layout's files (layout.c, history.c, sqitch.c, lock.c). */
#ifndef MIGLINT_LAYOUT_INTERNAL_H
#define MIGLINT_LAYOUT_INTERNAL_H

#include "miglint/common.h"
#include "miglint/layout.h"

typedef enum scheme {
	S_NONE,     /* not a migration name */
	S_FLYWAY,   /* V1__x.sql, U1__x.sql, B1__x.sql, R__x.sql */
	S_UPDOWN,   /* 1_x.up.sql, 1_x.down.sql (golang-migrate, sqlx reversible) */
	S_NUMBERED, /* 001_x.sql (numbered, goose, dbmate, sqlx simple) */
	S_DIESEL,   /* 2020-01-01-000000_x/up.sql */
	S_PRISMA,   /* 20200101000000_x/migration.sql */
	S_COUNT,
} scheme;

typedef struct parsed {
	scheme scheme;
	mg_role role;
	char *version; /* canonical */
	char *title;
	char *problem; /* an invalid name: why (MG112) */
} parsed;

typedef struct pending {
	char *path;
	char *set_dir;
	char *name;
	parsed p;
	bool linted;   /* walked or named: linted and reported */
	bool duplicate;  /* a sibling that is also a named file: dropped */
} pending;

typedef MG_VEC(pending) pending_vec;

/* sqitch projects: their deploy/revert/verify scripts leave items[0..*n) for sets of their
 * own (framework "sqitch"), in plan order. */
void mg_sqitch_claim(mg_layout *l, pending *items, size_t *n);
void mg_sqitch_plan_free(struct mg_sqitch_plan *p);
/* history.c: the layout as data, which every reader and chain check of a layout calls down
 * into. Appends a set or a linted file to the layout; returns its index. */
size_t mg_history_add_set(mg_layout *l, const char *dir, const char *framework);
size_t mg_history_add_file(mg_layout *l, char *path, size_t set);
void mg_history_pending_dispose(pending *p);

#endif
