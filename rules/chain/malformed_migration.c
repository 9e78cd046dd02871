/* MG117 malformed-migration: a migration its tool refuses to run: a goose or dbmate file
 * without its markers or with misplaced ones, a diesel folder with down.sql but no up.sql, a
 * sqitch change without its deploy script, a sqitch plan line sqitch cannot read. */
#include "miglint/chain_check.h"
#include "miglint/file_check.h"
#include "miglint/sections.h"

#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "docs/malformed_migration.h"

static void check_folders(mg_chain_check *c)
{
	const mg_migration_set *s = c->set;
	for (size_t i = 0; s->folder_per_migration && i < s->count; i++) {
		const mg_entry *e = &s->entries[i];
		if (e->paired && e->partner == SIZE_MAX && e->role == MG_ROLE_DOWN)
			mg_chain_report_entry(c, e,
				mg_xasprintf("diesel migration '%s' has down.sql but no up.sql: diesel refuses "
					     "the folder", e->title), mg_xstrdup("add up.sql to the folder"));
	}
}

/* goose refuses a file without -- +goose Up, dbmate one without -- migrate:up. */
static void check_markers(mg_chain_check *c)
{
	const mg_migration_set *s = c->set;
	bool goose = s->sections == MG_SECTIONS_GOOSE;
	for (size_t i = 0; s->sections != MG_SECTIONS_NONE && i < s->count; i++) {
		const mg_entry *e = &s->entries[i];
		if (!mg_chain_in_history(e) || e->file == SIZE_MAX || e->role == MG_ROLE_CODE ||
		    c->results[e->file].sections_tool != MG_SECTIONS_NONE || c->results[e->file].unreadable)
			continue;
		mg_chain_report_entry(c, e,
			goose ? mg_xstrdup("the file has no -- +goose Up annotation: goose refuses it")
			      : mg_xstrdup("the file has no -- migrate:up section: dbmate refuses it"),
			goose ? mg_xstrdup("start the up SQL with -- +goose Up (and the down SQL with "
					   "-- +goose Down)")
			      : mg_xstrdup("start the up SQL with -- migrate:up (and the down SQL with "
					   "-- migrate:down)"));
	}
}

/* A planned change whose deploy script does not exist: sqitch deploy fails. */
static void check_plan(mg_chain_check *c)
{
	const mg_migration_set *s = c->set;
	const mg_sqitch_plan *p = s->sqitch_plan;
	if (p->missing) {
		mg_chain_report_line(c, p->conf ? p->conf : p->path, 1, NULL, NULL,
			mg_xasprintf("the sqitch plan %s cannot be read: sqitch cannot deploy this "
				     "project, and miglint cannot tell its changes' order", p->path),
			mg_xstrdup(p->conf ? "point plan_file (or top_dir) in sqitch.conf at the plan"
					   : "restore the plan"));
		return;
	}
	/* sqitch reads the whole plan before it does anything: one line it refuses stops it.
	 * One finding per line (a line can break two of its rules), and no word of the missing
	 * %project when a refused line is where it would be (a mistyped pragma). */
	if (p->no_project && !p->problems.len)
		mg_chain_report_line(c, p->path, 1, NULL, NULL,
			mg_xstrdup("the sqitch plan has no %project pragma: sqitch refuses the plan"),
			mg_xstrdup("start the plan with %project=<name> and a blank line"));
	for (size_t i = 0; i < p->problems.len; i++) {
		const mg_sqitch_problem *pr = &p->problems.items[i];
		if (i > 0 && p->problems.items[i - 1].line == pr->line)
			continue;
		mg_chain_report_line(c, p->path, pr->line, pr->text, NULL,
			mg_xasprintf("sqitch cannot read this plan line (%s): it refuses the whole plan",
				     pr->message),
			mg_xstrdup("write the line as sqitch add does: name [requirements] "
				   "2024-01-01T00:00:00Z Planner Name <email> # note, with a blank "
				   "line after the % pragmas"));
	}
	for (size_t i = 0; i < s->count; i++) {
		const mg_entry *e = &s->entries[i];
		struct stat st;
		bool again = false; /* a change planned twice without rework: reported once */
		for (size_t k = 0; k < i && !again; k++)
			again = strcmp(s->entries[k].path, e->path) == 0;
		if (again || e->role != MG_ROLE_UP || e->file != SIZE_MAX || stat(e->path, &st) == 0)
			continue;
		for (size_t k = 0; k < p->changes.len; k++) {
			const mg_sqitch_change *ch = &p->changes.items[k];
			if (strcmp(ch->key, e->version) != 0)
				continue;
			mg_chain_report_line(c, p->path, ch->line, ch->text, ch->key,
				mg_xasprintf("change \"%s\" has no deploy script %s: sqitch deploy fails",
					     ch->name, e->name),
				mg_xasprintf("add %s", e->name));
			break;
		}
	}
}

static void check_chain(mg_chain_check *c)
{
	if (c->shape == MG_CHAIN_VERSIONS) {
		check_folders(c);
		check_markers(c);
	} else if (c->shape == MG_CHAIN_PLAN) {
		check_plan(c);
	}
}

/* What the file's tool refuses in it, as the tool's planner found it (goose.c, dbmate.c). */
static void check_file(mg_file_check *fc)
{
	if (fc->phase != MG_FILE_LINTED || !fc->whole_file)
		return;
	for (size_t i = 0; i < fc->tool_problem_count; i++) {
		const mg_unit_problem *p = &fc->tool_problems[i];
		mg_finding *f = mg_file_report(fc, p->offset, p->length, mg_xstrdup(p->message));
		if (f)
			mg_finding_set_help(f, mg_xstrdup(p->help));
	}
}

const mg_rule mg_rule_malformed_migration = {
	.code = "MG117",
	.name = "malformed-migration",
	.severity = MG_SEV_ERROR,
	.summary = "the migration tool cannot run this migration as written",
	.help = "write the markers and files the tool requires",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
	.check_file = check_file,
};
