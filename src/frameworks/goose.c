/* goose: numbered files holding both directions behind -- +goose Up / -- +goose Down markers,
 * each section a run of its own in a transaction unless the file says -- +goose NO
 * TRANSACTION, and Go migrations (<version>_x.go) in the same history. Sequential and
 * timestamp versions should not be mixed. */
#include "layout_internal.h"

#include "miglint/framework.h"
#include "miglint/sections.h"

#include <dirent.h>
#include <string.h>

static bool is_go_migration(const char *n)
{
	size_t dg = mg_tool_digits(n);
	return dg && n[dg] == '_' && mg_tool_ends_with(n, ".go");
}

static bool folder_has_go(const char *dir)
{
	DIR *d = opendir(dir);
	bool yes = false;
	struct dirent *e;
	while (d && !yes && (e = readdir(d)) != NULL)
		yes = is_go_migration(e->d_name);
	if (d)
		closedir(d);
	return yes;
}

/* A numbered folder with Go migrations beside the SQL ones. */
static int score(const mg_folder_names *names)
{
	return names->most == MG_SCHEME_NUMBERED && folder_has_go(names->dir) ? 150 : 0;
}

static bool code_migration(const char *n, char **version_out, char **title_out)
{
	if (!is_go_migration(n) || mg_tool_ends_with(n, "_test.go"))
		return false;
	size_t dg = mg_tool_digits(n);
	*version_out = mg_tool_integer_version(n, dg);
	*title_out = mg_xstrndup(n + dg + 1, strlen(n + dg) - 4);
	return true;
}

/* The sections of a file with goose markers, and what goose refuses in it. */
static void plan_sections(mg_unit_plan *out, mg_sections *m, const char *text, size_t body,
			  size_t len)
{
	const char *reason = "goose runs each migration in a transaction (add -- +goose NO TRANSACTION)";
	mg_sections_runs(out, m, body, len, reason, reason);
	/* goose sends what lies between StatementBegin and StatementEnd as one statement, with
	 * or without a final semicolon */
	out->breaks = m->statement_ends.items;
	out->break_count = m->statement_ends.len;
	memset(&m->statement_ends, 0, sizeof(m->statement_ends));
	out->break_begins = m->statement_begins.items;
	memset(&m->statement_begins, 0, sizeof(m->statement_begins));
	out->block_reason = "goose sends a StatementBegin ... StatementEnd block as one query, which "
			    "PostgreSQL runs in one implicit transaction (give the statement a "
			    "StatementBegin ... StatementEnd block of its own, or none)";
	mg_sections_problems(out, m, text, body, len, "goose", "-- +goose Up");
	if (m->open_begin < len)
		mg_unit_plan_problem(out, m->open_begin, 0,
			mg_xstrdup("-- +goose StatementBegin has no StatementEnd: goose fails to split "
				   "the file"),
			mg_xstrdup("close it with -- +goose StatementEnd"));
}

const mg_framework mg_framework_goose = {
	.name = "goose",
	.score = score,
	.code_migration = code_migration,
	.partners = MG_PARTNERS_IF_ANY_DOWN,
	.mix = MG_MIX_TIMESTAMPS,
	.sections = MG_SECTIONS_GOOSE,
	.plan_sections = plan_sections,
};
