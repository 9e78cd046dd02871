/* golang-migrate: <version>_<title>.up.sql and .down.sql, each sent as one query (so one
 * implicit transaction when it holds several statements). */
#include "layout_internal.h"

#include "miglint/framework.h"

static int score(const mg_folder_names *names)
{
	bool updown = names->most == MG_SCHEME_UPDOWN ||
		      (names->most == MG_SCHEME_NUMBERED && names->count[MG_SCHEME_UPDOWN]);
	return updown ? 200 : 0;
}

static bool reads(mg_scheme s)
{
	return s == MG_SCHEME_UPDOWN;
}

static void run_context(mg_lint_context *ctx, const mg_entry *e)
{
	(void)e;
	ctx->single_query_reason =
		"golang-migrate sends the file as one query, which PostgreSQL runs as one "
		"transaction when it holds several statements";
}

const mg_framework mg_framework_golang_migrate = {
	.name = "golang-migrate",
	.score = score,
	.reads = reads,
	.run_context = run_context,
	.partners = MG_PARTNERS_IF_ANY_DOWN,
};
