/* sqlx: migrations/ beside Cargo.toml, simple (<version>_x.sql) or reversible (.up.sql and
 * .down.sql, never both kinds in one folder), each run in a transaction unless its first line
 * is -- no-transaction. A DATABASE_URL in .env for another database: not linted. */
#include "layout_internal.h"

#include "miglint/framework.h"

#include <stdlib.h>
#include <string.h>

/* sqlx keeps migrations/ beside Cargo.toml (or one level down in a workspace). */
static bool near_cargo(const char *dir)
{
	char *a = mg_xasprintf("%s/../Cargo.toml", dir), *b = mg_xasprintf("%s/../../Cargo.toml", dir);
	bool yes = mg_tool_file_exists(a) || mg_tool_file_exists(b);
	free(a);
	free(b);
	return yes;
}

static int score(const mg_folder_names *names)
{
	bool named = names->most == MG_SCHEME_UPDOWN || names->most == MG_SCHEME_NUMBERED;
	return named && near_cargo(names->dir) ? 300 : 0;
}

static bool reads(mg_scheme s)
{
	return s == MG_SCHEME_UPDOWN || s == MG_SCHEME_NUMBERED;
}

/* One run, in a transaction unless the file starts with -- no-transaction. */
static void plan(mg_unit_plan *out, const mg_lint_context *ctx, const char *text, size_t body,
		 size_t len)
{
	bool marked = len - body >= 17 && memcmp(text + body, "-- no-transaction", 17) == 0;
	out->runs[0] = (mg_unit_run){body, false, marked ? NULL : ctx->transaction_reason};
	out->run_count = 1;
}

static void run_context(mg_lint_context *ctx, const mg_entry *e)
{
	(void)e;
	ctx->transaction_reason = "sqlx runs each migration in a transaction (start the file "
				  "with -- no-transaction)";
	ctx->plan = plan;
}

/* Only reversible migrations have a down. */
static bool pairs(const mg_entry *e)
{
	return mg_tool_ends_with(e->name, ".up.sql") || mg_tool_ends_with(e->name, ".down.sql");
}

/* sqlx connects to the DATABASE_URL of the .env beside Cargo.toml. */
static bool other_database(mg_migration_set *s, size_t count)
{
	return mg_tool_env_other_database(s, count, "sqlx", NULL);
}

const mg_framework mg_framework_sqlx = {
	.name = "sqlx",
	.score = score,
	.reads = reads,
	.run_context = run_context,
	.other_database = other_database,
	.partners = MG_PARTNERS_IF_ANY_DOWN,
	.pairs = pairs,
	.mix = MG_MIX_REVERSIBLE,
};
