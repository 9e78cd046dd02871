/* The migration tools, in the order --framework lists them. Detection asks each tool's score
 * for a folder; the best wins (the first on a tie). The planner of whole SQL files asks the
 * tool whose markers a file carries, or the file's own tool, how it runs the file. */
#include "miglint/framework.h"

#include "miglint/common.h"
#include "miglint/sections.h"

#include <string.h>

extern const mg_framework mg_framework_sql, mg_framework_alembic, mg_framework_django,
	mg_framework_flyway, mg_framework_golang_migrate, mg_framework_goose, mg_framework_dbmate,
	mg_framework_sqlx, mg_framework_diesel, mg_framework_prisma, mg_framework_sqitch,
	mg_framework_numbered;

static const mg_framework *const all[] = {
	&mg_framework_sql, &mg_framework_alembic, &mg_framework_django, &mg_framework_flyway,
	&mg_framework_golang_migrate, &mg_framework_goose, &mg_framework_dbmate, &mg_framework_sqlx,
	&mg_framework_diesel, &mg_framework_prisma, &mg_framework_sqitch, &mg_framework_numbered,
	NULL,
};

const mg_framework *const *mg_framework_all(void)
{
	return all;
}

const mg_framework *mg_framework_find(const char *name)
{
	for (size_t i = 0; all[i]; i++)
		if (strcmp(all[i]->name, name) == 0)
			return all[i];
	return NULL;
}

const mg_framework *mg_framework_detect(const mg_folder_names *names)
{
	const mg_framework *best = NULL;
	int best_score = 0;
	for (size_t i = 0; all[i]; i++) {
		int s = all[i]->score ? all[i]->score(names) : 0;
		if (s > best_score) {
			best = all[i];
			best_score = s;
		}
	}
	return best;
}

bool mg_framework_known(const char *name)
{
	return mg_framework_find(name) != NULL;
}

const char *mg_framework_suggest(const char *name)
{
	const char *best = NULL;
	size_t best_d = 3;
	for (size_t i = 0; all[i]; i++) {
		size_t d = mg_edit_distance(name, all[i]->name, 2);
		if (d < best_d) {
			best = all[i]->name;
			best_d = d;
		}
	}
	return best;
}

/* The tool whose markers a file carries reads it. */
static const mg_framework *marker_tool(mg_section_tool markers)
{
	for (const mg_framework *const *f = mg_framework_all(); *f; f++)
		if ((*f)->plan_sections && (*f)->sections == (int)markers)
			return *f;
	return NULL;
}

void mg_framework_plan_file(mg_unit_plan *out, const mg_lint_context *ctx, const char *text,
			    size_t body, size_t len)
{
	memset(out, 0, sizeof(*out));
	out->not_migration = mg_snapshot_kind(text, body, len);
	mg_sections m;
	mg_sections_find(&m, text, body, len);
	const mg_framework *tool = marker_tool(m.tool);
	if (tool) {
		out->markers = m.tool;
		tool->plan_sections(out, &m, text, body, len);
	} else if (ctx && ctx->plan) {
		ctx->plan(out, ctx, text, body, len);
	} else {
		out->runs[0] = (mg_unit_run){body, false, ctx ? ctx->transaction_reason : NULL};
		out->run_count = 1;
	}
	mg_sections_dispose(&m);
}
