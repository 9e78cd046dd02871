/* diesel: a folder per migration (<version>_<title>/up.sql and down.sql), each run in a
 * transaction unless its metadata.toml sets run_in_transaction = false. A DATABASE_URL in
 * .env for another database: not linted. */
#include "layout_internal.h"

#include "miglint/framework.h"
#include "miglint/paths.h"

#include <stdlib.h>

static int score(const mg_folder_names *names)
{
	return names->count[MG_SCHEME_DIESEL] ? 600 : 0;
}

static bool reads(mg_scheme s)
{
	return s == MG_SCHEME_DIESEL;
}

static void run_context(mg_lint_context *ctx, const mg_entry *e)
{
	char *folder = mg_path_parent(e->path);
	char *meta = mg_xasprintf("%s/metadata.toml", folder);
	if (!mg_tool_setting_is_false(meta, "run_in_transaction"))
		ctx->transaction_reason = "diesel runs each migration in a transaction (set "
					  "run_in_transaction = false in metadata.toml)";
	free(meta);
	free(folder);
}

/* diesel connects to the DATABASE_URL of the .env beside diesel.toml: postgres:// is
 * PostgreSQL, mysql:// MySQL, and anything else a SQLite file. */
static bool other_database(mg_migration_set *s, size_t count)
{
	return mg_tool_env_other_database(s, count, "diesel", "SQLite");
}

const mg_framework mg_framework_diesel = {
	.name = "diesel",
	.score = score,
	.reads = reads,
	.run_context = run_context,
	.other_database = other_database,
	.partners = MG_PARTNERS_IF_ANY_DOWN,
	.folder_per_migration = true,
};
