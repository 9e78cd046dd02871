/* Prisma: <timestamp>_<title>/migration.sql, sent as one script; migration_lock.toml says the
 * project's database. */
#include "layout_internal.h"

#include "miglint/framework.h"

#include <stdlib.h>
#include <string.h>

static int score(const mg_folder_names *names)
{
	return names->count[MG_SCHEME_PRISMA] ? 500 : 0;
}

static bool reads(mg_scheme s)
{
	return s == MG_SCHEME_PRISMA;
}

static void run_context(mg_lint_context *ctx, const mg_entry *e)
{
	(void)e;
	ctx->single_query_reason =
		"Prisma sends migration.sql as one script, which PostgreSQL runs as one "
		"transaction when it holds several statements";
}

/* The project's provider, in migration_lock.toml: not PostgreSQL, nothing is linted. */
static bool other_database(mg_migration_set *s, size_t count)
{
	char *lock = mg_xasprintf("%s/migration_lock.toml", s->dir);
	int line = 0;
	char *provider = mg_tool_read_setting(lock, "provider", &line);
	if (provider && strcmp(provider, "postgresql") != 0 && strcmp(provider, "postgres") != 0) {
		s->other_database = true;
		s->other_reason = mg_xasprintf("this Prisma project's provider is \"%s\", not postgresql: "
					       "its %zu migration file%s not linted", provider, count,
					       count == 1 ? " was" : "s were");
		s->other_path = mg_xstrdup(lock);
		s->other_line = line;
	}
	free(provider);
	free(lock);
	return s->other_database;
}

const mg_framework mg_framework_prisma = {
	.name = "prisma",
	.score = score,
	.reads = reads,
	.run_context = run_context,
	.other_database = other_database,
	.partners = MG_PARTNERS_NEVER,
};
