/* Flyway: V<version>__<title>.sql versioned migrations (U undo, B baseline, R__ repeatable),
 * each run in a transaction unless its .sql.conf says executeInTransaction=false; Java
 * migrations (V1__x.java) are versions of the history too. */
#include "layout_internal.h"

#include "miglint/framework.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int score(const mg_folder_names *names)
{
	return names->most == MG_SCHEME_FLYWAY ? 400 : 0;
}

static bool reads(mg_scheme s)
{
	return s == MG_SCHEME_FLYWAY;
}

static void run_context(mg_lint_context *ctx, const mg_entry *e)
{
	char *conf = mg_xasprintf("%s.conf", e->path);
	if (!mg_tool_setting_is_false(conf, "executeInTransaction"))
		ctx->single_query_reason =
			"Flyway refuses a migration that mixes it with statements that run in a "
			"transaction (put it in a file of its own, or set executeInTransaction=false "
			"in a .sql.conf file)";
	free(conf);
}

static bool code_migration(const char *n, char **version_out, char **title_out)
{
	const char *sep = strstr(n, "__");
	if (!(n[0] == 'V' && isdigit((unsigned char)n[1]) && sep && mg_tool_ends_with(n, ".java")))
		return false;
	*version_out = mg_tool_flyway_version(n + 1, (size_t)(sep - n) - 1);
	*title_out = mg_xstrndup(sep + 2, strlen(sep) - 7);
	return true;
}

const mg_framework mg_framework_flyway = {
	.name = "flyway",
	.score = score,
	.reads = reads,
	.run_context = run_context,
	.code_migration = code_migration,
	.partners = MG_PARTNERS_IF_ANY_DOWN, /* undo scripts are optional */
	.downs_optional = true,
};
