/* One interface per migration tool, each in src/frameworks/<tool>.c: the tools that read
 * version-ordered folders of SQL files (Flyway, golang-migrate, goose, dbmate, sqlx, diesel,
 * Prisma, sqitch, numbered folders, plain SQL), and the tools that find and read projects of
 * their own (Alembic, Django: `discover` and `read_project`). The registry
 * (src/frameworks/registry.c) lists them; detection asks every tool how sure it is that a
 * folder is its own, and the best score wins. Nothing else compares tool names or calls a
 * tool's functions by name: a folder's or a project's tool is a pointer to its mg_framework. */
#ifndef MIGLINT_FRAMEWORK_H
#define MIGLINT_FRAMEWORK_H

#include "miglint/layout.h"
#include "miglint/project.h"
#include "miglint/unit.h"

struct mg_sections;

#include <stdbool.h>
#include <stddef.h>

/* The naming schemes of migration files, read from the names alone (before any tool is
 * chosen). */
typedef enum mg_scheme {
	MG_SCHEME_NONE,     /* not a migration name */
	MG_SCHEME_FLYWAY,   /* V1__x.sql, U1__x.sql, B1__x.sql, R__x.sql */
	MG_SCHEME_UPDOWN,   /* 1_x.up.sql, 1_x.down.sql (golang-migrate, sqlx reversible) */
	MG_SCHEME_NUMBERED, /* 001_x.sql (numbered, goose, dbmate, sqlx simple) */
	MG_SCHEME_DIESEL,   /* 2020-01-01-000000_x/up.sql */
	MG_SCHEME_PRISMA,   /* 20200101000000_x/migration.sql */
	MG_SCHEME_COUNT,
} mg_scheme;

/* What a folder's file names say, for detection. */
typedef struct mg_folder_names {
	const char *dir;
	size_t count[MG_SCHEME_COUNT];
	/* the most common of the Flyway, up/down and numbered schemes (the first of them on a
	 * tie), or MG_SCHEME_NONE */
	mg_scheme most;
} mg_folder_names;

/* Which entries of a folder come as an up and a down file. No tool requires downs: a
 * history without any is up-only by the project's choice. */
typedef enum mg_partners {
	MG_PARTNERS_NEVER,
	MG_PARTNERS_IF_ANY_DOWN, /* once one down script is in the history */
} mg_partners;

/* The SQL files a layout is built from, for tools that claim files by a project file of their
 * own (sqitch's plan) before folders are grouped. */
typedef struct mg_claim {
	char *const *paths;
	const bool *linted; /* per file: walked or named (else read for the history of others) */
	bool *taken;        /* per file: set by the tool that takes it */
	size_t count;
} mg_claim;

typedef struct mg_framework {
	const char *name;   /* as --framework takes it, and as messages say it */

	/* Tools of projects (their migrations are Python files, read as graphs, not folders of
	 * SQL files); NULL for the tools of SQL folders. */
	/* True for a file the tool may read, by its name (walked) or its path (named on the
	 * command line): discovery keeps such files for `discover`. */
	bool (*wants)(const char *name, bool named);
	/* Takes the files of found that are its own (marking them taken) into projects appended
	 * to projects; forced: --framework names the tool, so a file is its own on less
	 * evidence. Runs before the tools with a higher discover_order. */
	void (*discover)(mg_projects *projects, mg_found *found, bool forced);
	int discover_order;
	/* Reads project p into out and runs the chain rules over it (with o->eng's rules);
	 * mg_project_history_dispose releases out. */
	void (*read_project)(mg_project_history *out, const mg_project *p, const mg_project_read *o);
	/* Frees a project's own data (mg_project.own). */
	void (*project_free)(void *own);

	/* Tools of SQL folders. */
	/* Takes the files of its own projects (marking them taken) into sets of its own in l,
	 * before the others are grouped by folder. NULL: none. */
	void (*claim)(mg_layout *l, const mg_claim *files);
	/* Frees what the tool keeps on a set of its own (sqitch: its plan). NULL: nothing. */
	void (*set_free)(mg_migration_set *s);
	/* How sure the tool is that a folder with these names is its own: 0 not at all; the
	 * highest score wins. NULL: never detected (only named with --framework). */
	int (*score)(const mg_folder_names *names);
	/* True when the tool reads a file named in scheme s (NULL: the numbered scheme). */
	bool (*reads)(mg_scheme s);
	/* How the tool runs entry e's file: ctx has framework, down and repeatable set. NULL:
	 * as plain SQL. */
	void (*run_context)(mg_lint_context *ctx, const mg_entry *e);
	/* A file of the folder that is a migration of the history but not SQL (goose .go, Flyway
	 * .java): true with its canonical version and title (malloc'd). NULL: none. */
	bool (*code_migration)(const char *file_name, char **version_out, char **title_out);
	/* After reading set s: true when it is for another database (s->other_* say why).
	 * file_count: its SQL files. NULL: always PostgreSQL. */
	bool (*other_database)(mg_migration_set *s, size_t file_count);
	/* After linting: the tool the files' section markers say (goose, dbmate) reads the
	 * folder instead, or NULL. NULL: the markers change nothing. */
	const struct mg_framework *(*refine)(size_t goose_files, size_t dbmate_files);
	/* Up/down pairs, for the chain rules (missing-migration-partner, ...). */
	mg_partners partners;
	bool (*pairs)(const mg_entry *e); /* the entries it pairs; NULL: all but code migrations */
	bool downs_optional;       /* an up migration without a down is fine */
	bool versions_may_repeat;  /* its runner orders files by name: two may share a number */
	bool folder_per_migration; /* a folder per migration, named after it (diesel) */
	mg_scheme_mix mix;         /* the naming schemes it refuses to mix */
	int sections;              /* mg_section_tool: the markers every file must carry */
	/* Tools whose files hold both directions behind markers (goose, dbmate): the runs of a
	 * file carrying the tool's markers m, and what the tool refuses in it (it may take what
	 * m owns). NULL: none. */
	void (*plan_sections)(mg_unit_plan *out, struct mg_sections *m, const char *text,
			      size_t body, size_t len);
} mg_framework;

/* The registry, in the order --framework lists them, NULL-terminated. Lent for the program's
 * lifetime. */
const mg_framework *const *mg_framework_all(void);
/* The tool named name, or NULL. */
const mg_framework *mg_framework_find(const char *name);
/* The tool with the best score for a folder, or NULL when none claims it. */
const mg_framework *mg_framework_detect(const mg_folder_names *names);
bool mg_framework_known(const char *name);
/* The known framework name closest to a mistyped one, or NULL. */
const char *mg_framework_suggest(const char *name);

/* The other database a SQL file PostgreSQL refused was written for ("SQLite"), known by a
 * sign that is a syntax error for PostgreSQL, at one of the offsets where the parser stopped
 * (an mg_dialect_reader): *at_out gets the sign's offset and *what_out names it
 * ("AUTOINCREMENT"). NULL: none found. */
const char *mg_other_dialect(const char *text, size_t body, size_t len, const size_t *errors,
			     size_t error_count, size_t *at_out, const char **what_out);

/* The database a file's name is for by a dialect word ("x.sql.sqlite", "x.sqlite.sql":
 * "SQLite"; "x.sql.postgres": "PostgreSQL"), with the word's offset in name (its '.') and
 * length in *at_out and *len_out; NULL when the name has none. */
const char *mg_dialect_suffix(const char *name, size_t *at_out, size_t *len_out);

/* What a file that is not a migration but a database dump is ("pg_dump output"), known by
 * the banner in its first lines, or NULL. */
const char *mg_snapshot_kind(const char *text, size_t body, size_t len);

/* The planner of every whole SQL file (an mg_unit_planner): a file carrying goose or dbmate
 * markers runs as that tool runs it, whatever its folder (the markers are also how a numbered
 * folder turns out to be goose's or dbmate's); any other file as its tool's planner says
 * (ctx->plan), or as one run. */
void mg_framework_plan_file(mg_unit_plan *out, const mg_lint_context *ctx, const char *text,
			    size_t body, size_t len);

#endif
