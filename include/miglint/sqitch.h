/* A sqitch plan as read by src/frameworks/sqitch.c, for the chain rules that check it: its
 * changes and tags in plan order, each requirement resolved once. */
#ifndef MIGLINT_SQITCH_H
#define MIGLINT_SQITCH_H

#include "miglint/common.h"

#include <stddef.h>

/* What a change's requirement resolves to, as sqitch reads the plan. */
typedef enum mg_sqitch_requirement {
	MG_SQITCH_REQUIRES_EARLIER, /* a change planned before it: fine */
	MG_SQITCH_REQUIRES_TWICE,   /* listed again among the same change's requirements */
	MG_SQITCH_REQUIRES_SELF,    /* the change itself (not an earlier instance of it) */
	MG_SQITCH_REQUIRES_UNKNOWN, /* no change of the plan (or no such tag) */
	MG_SQITCH_REQUIRES_LATER,   /* a change planned after it */
} mg_sqitch_requirement;

typedef struct mg_sqitch_change {
	char *name;
	char *key;        /* name, or name@tag for an instance reworked later */
	int line;
	char *text;       /* the plan line, for findings */
	char **requires;  /* as written, conflicts (!x) and other projects' (p:x) left out */
	size_t require_count;
	mg_sqitch_requirement *resolved; /* per requirement */
	size_t *required_at;             /* per requirement: the change index, or SIZE_MAX */
	size_t tag_count; /* tags planned before it */
} mg_sqitch_change;

typedef struct mg_sqitch_tag {
	char *name;
	size_t changes_before;
	int line;
	char *text;
} mg_sqitch_tag;

/* A line of the plan sqitch refuses to read (it then refuses the whole plan): why, in
 * sqitch's words. */
typedef struct mg_sqitch_problem {
	int line;
	char *text;    /* the plan line */
	char *message; /* sqitch's reason */
} mg_sqitch_problem;

typedef struct mg_sqitch_plan {
	char *project;
	char *path;       /* the plan file, as shown */
	/* the plan file sqitch.conf names does not exist (or cannot be read): conf is where it
	 * is named */
	bool missing;
	char *conf;
	MG_VEC(mg_sqitch_change) changes;
	MG_VEC(mg_sqitch_tag) tags;
	/* the lines sqitch refuses (a change whose name can be read is a change all the same,
	 * so that its scripts are read as their kind) */
	MG_VEC(mg_sqitch_problem) problems;
	bool no_project; /* no %project pragma: sqitch refuses the plan */
} mg_sqitch_plan;

#endif
