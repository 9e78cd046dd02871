/* MG501: statements that PostgreSQL refuses inside a transaction block: written between an
 * explicit BEGIN and COMMIT of the same file, inside the transaction the migration tool
 * opens, or in a goose StatementBegin ... StatementEnd block that holds other statements too
 * (goose sends the block as one query) (the statement hook), in a file the tool sends as one
 * query, where PostgreSQL runs the statements together in an implicit transaction (the file
 * hook), or asked of Alembic as
 * op.create_index(..., postgresql_concurrently=True) outside an autocommit block (the call
 * hook). */
#include "miglint/call_check.h"
#include "miglint/check.h"
#include "miglint/file_check.h"
#include "miglint/locks.h"
#include "miglint/split.h"

#include <string.h>

#include "docs/concurrently_in_transaction.h"

static void check(mg_check *c, const void *node)
{
	const char *word;
	const char *what = mg_outside_transaction_only(node, mg_pg_version(c), &word);
	const char *block = mg_lock_query_block(c);
	if (!what || (!mg_in_transaction(c) && !block))
		return;
	mg_finding *f = mg_report(c, mg_locate(c, -1, word),
		"%s cannot run inside a transaction block; %s", what,
		block ? block : mg_transaction_reason(c));
	if (block)
		mg_help(f, "give it a -- +goose StatementBegin ... StatementEnd block of its own");
	else
		mg_help(f, "move the statement after COMMIT, or into a migration that runs outside a transaction");
}

/* Returns the place of the keyword `word` of the statement starting at `at`, as the
 * statement hook points at it (mg_locate), or `at` when the statement lacks it. */
static size_t keyword_at(const char *t, size_t len, size_t at, const char *word)
{
	for (size_t i = at; i < len && t[i] != ';';) {
		size_t e = mg_lex_token_end(t, i, len);
		if (mg_ieq(t + i, e - i, word))
			return i;
		i = mg_lex_skip_trivia(t, e, len);
	}
	return at;
}

/* One query with several statements runs them in one implicit transaction: a statement that
 * refuses transaction blocks fails there, even with no BEGIN in the file. */
static void check_file(mg_file_check *fc)
{
	if (fc->phase != MG_FILE_LINTED || !fc->single_query_reason || !fc->outside_tx_what ||
	    fc->statements < 2 || fc->in_transaction_at_end)
		return;
	const mg_source *u = fc->unit;
	size_t at = keyword_at(u->text, u->len, fc->outside_tx_at, fc->outside_tx_word);
	mg_finding *f = mg_file_report(fc, at, mg_lex_token_end(u->text, at, u->len) - at,
		mg_xasprintf("%s cannot run inside a transaction block; %s", fc->outside_tx_what,
			     fc->single_query_reason));
	mg_help(f, "put it in a migration file of its own");
}

/* Alembic emits CREATE INDEX CONCURRENTLY (DROP INDEX CONCURRENTLY) for
 * postgresql_concurrently=True, inside the migration's transaction unless the call sits in
 * `with op.get_context().autocommit_block():`. */
static void check_call(mg_call_check *c, const void *node)
{
	const mg_py_call *call = node;
	const char *s = c->src->text;
	const mg_py_token *t = c->tokens;
	if (!c->transaction_reason || !(mg_py_token_is(s, &t[call->method], "create_index") ||
					mg_py_token_is(s, &t[call->method], "drop_index")))
		return;
	const mg_py_arg *kw = mg_py_call_keyword(s, t, call, "postgresql_concurrently");
	if (!kw || !mg_py_arg_is(s, t, kw, "True"))
		return;
	const char *fn = call->function;
	const mg_py_token *method = &t[call->method];
	mg_finding *f = mg_call_report(c, t[kw->keyword].start, t[kw->first].end - t[kw->keyword].start,
		mg_xasprintf("%s%s%sop.%.*s(postgresql_concurrently=True) cannot run inside a "
			     "transaction block; %s runs each migration in one",
			     *fn ? "in " : "", fn, *fn ? "(): " : "",
			     (int)(method->end - method->start), s + method->start, c->tool));
	mg_finding_set_help(f, mg_xstrdup("run it inside `with op.get_context().autocommit_block():`"));
}

const mg_rule mg_rule_concurrently_in_transaction = {
	.code = "MG501",
	.name = "concurrently-in-transaction",
	.severity = MG_SEV_ERROR,
	.summary = "CREATE INDEX CONCURRENTLY, VACUUM and similar statements fail inside BEGIN ... COMMIT",
	.help = "run the statement outside the transaction block",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_IndexStmt, T_DropStmt, T_ReindexStmt, T_VacuumStmt, T_CreatedbStmt,
			       T_DropdbStmt, T_CreateTableSpaceStmt, T_AlterSystemStmt,
			       T_AlterTableStmt, T_AlterEnumStmt, 0},
	.check = check,
	.check_file = check_file,
	.check_call = check_call,
};
