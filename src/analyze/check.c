/* The API rules use (check.h, file_check.h): reporting, holding findings for the replay,
 * finding tokens, naming objects, and what is in effect at a statement. It calls the replay
 * (facts.c) and the session (session.c); never the engine, which calls it. */
#include "check_internal.h"
#include "engine_internal.h"

#include "miglint/split.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static bool rule_enabled(const mg_check *c, const mg_rule *r)
{
	size_t i = mg_engine_rule_index(c->eng, r);
	return i < c->eng->rule_count && c->eng->enabled[i];
}

mg_finding *mg_check_make(mg_check *c, const mg_rule *r, size_t offset, size_t length,
			  char *message)
{
	/* Inside a DO block that guards its statements, a re-run cannot fail on them. */
	bool guarded_away = c->guard && c->guard->all && strncmp(r->code, "MG2", 3) == 0;
	if (guarded_away || !rule_enabled(c, r)) {
		free(message);
		return NULL;
	}
	mg_source *src = &c->src;
	if (offset > src->len)
		offset = src->len;
	if (offset + length > src->len)
		length = src->len - offset;
	size_t i = mg_engine_rule_index(c->eng, r);
	mg_finding *f = mg_finding_new(r, i < c->eng->rule_count ? c->eng->severity[i] : r->severity,
				       message);
	f->offset = offset;
	f->length = length;
	return f;
}

void mg_check_place(mg_check *c, mg_finding *f)
{
	mg_source *src = &c->src;
	if (c->map) {
		size_t start = c->map[f->offset], end = c->map[f->offset + f->length];
		f->offset = start;
		f->length = end > start ? end - start : 0;
		src = &c->file;
	}
	mg_source_position(src, f->offset, &f->line, &f->column);
	mg_source_position(src, f->offset + f->length, &f->end_line, &f->end_column);
	size_t ls, le;
	mg_source_line_range(src, f->line, &ls, &le);
	f->source_line = mg_xstrndup(src->text + ls, le - ls);
}

void mg_check_keep(mg_check *c, mg_finding *f)
{
	MG_VEC_PUSH(c->findings, f);
}

void mg_check_clear_tmp(mg_check *c)
{
	for (size_t i = 0; i < c->tmp.len; i++)
		free(c->tmp.items[i]);
	c->tmp.len = 0;
}

void mg_check_run_rules(mg_check *c, const Node *stmt)
{
	c->stmt = stmt;
	NodeTag tag = nodeTag(stmt);
	if ((size_t)tag < c->eng->tag_count && c->eng->by_tag[tag]) {
		for (const mg_rule **r = c->eng->by_tag[tag]; *r; r++) {
			c->rule = *r;
			(*r)->check(c, stmt);
		}
	}
	c->rule = NULL;
}

mg_finding *mg_file_report(mg_file_check *fc, size_t offset, size_t length, char *message)
{
	mg_finding *f = mg_check_make(fc->check, fc->rule, offset, length, message);
	if (f)
		mg_check_keep(fc->check, f);
	return f;
}

static size_t file_offset(mg_check *c, int location)
{
	if (location < 0)
		return c->stmt_start;
	return c->base + (size_t)location;
}

static mg_finding *make_at(mg_check *c, int location, const char *fmt, va_list ap)
{
	size_t off = file_offset(c, location);
	size_t end = off < c->stmt_end ? mg_lex_name_end(c->src.text, off, c->stmt_end) : off;
	return mg_check_make(c, c->rule, off, end - off, mg_xvasprintf(fmt, ap));
}

void mg_finding_as_info(mg_finding *f)
{
	if (f && f->severity > MG_SEV_INFO)
		f->severity = MG_SEV_INFO;
}

mg_finding *mg_report(mg_check *c, int location, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mg_finding *f = make_at(c, location, fmt, ap);
	va_end(ap);
	if (f)
		mg_check_keep(c, f);
	return f;
}

/* The SQLSTATE a second run raises when the condition holds, for exception handlers. */
static const char *rerun_sqlstate(mg_fails_when when, const char *ns)
{
	if (when == MG_FAILS_IF_IN_USE)
		return "2BP01"; /* dependent_objects_still_exist */
	bool exists = when == MG_FAILS_IF_EXISTS;
	if (strcmp(ns, "relation") == 0)
		return exists ? "42P07" : "42P01"; /* duplicate_table, undefined_table */
	if (strcmp(ns, "column") == 0)
		return exists ? "42701" : "42703"; /* duplicate_column, undefined_column */
	if (strcmp(ns, "function") == 0)
		return exists ? "42723" : "42883"; /* duplicate_function, undefined_function */
	if (strcmp(ns, "column type") == 0)
		return "42883"; /* undefined_function: an expression for the column's old type */
	if (strcmp(ns, "schema") == 0)
		return exists ? "42P06" : "3F000"; /* duplicate_schema, invalid_schema_name */
	if (strcmp(ns, "rows") == 0)
		return "23505"; /* unique_violation */
	if (strcmp(ns, "primary key") == 0)
		return "42P16"; /* invalid_table_definition: multiple primary keys */
	if (strcmp(ns, "identity") == 0)
		return "55000"; /* object_not_in_prerequisite_state */
	return exists ? "42710" : "42704"; /* duplicate_object, undefined_object */
}

static bool guard_catches(const mg_guard *g, const char *code)
{
	if (g->all)
		return true;
	for (size_t i = 0; i < g->count; i++) {
		const char *k = g->codes[i];
		/* a class code ("42000") catches every code of its class */
		if (strcmp(k, code) == 0 || (strcmp(k + 2, "000") == 0 && strncmp(k, code, 2) == 0))
			return true;
	}
	return false;
}

static bool guarded(mg_check *c, mg_fails_when when, mg_object obj)
{
	return c->guard && guard_catches(c->guard, rerun_sqlstate(when, obj.ns));
}

/* Holds f (NULL when its rule is off) until the replay says whether its condition stands. */
static void hold(mg_check *c, mg_finding *f, mg_fails_when when, mg_object obj)
{
	c->last_group = mg_facts_hold(c->facts, 0, when, obj);
	if (!c->last_group) {
		mg_finding_free(f); /* an object without a name cannot be judged */
		return;
	}
	if (f)
		MG_VEC_PUSH(c->held, ((mg_held_finding){.group = c->last_group, .finding = f}));
}

mg_finding *mg_report_unless_rerun_safe(mg_check *c, mg_fails_when when, mg_object obj,
					int location, const char *fmt, ...)
{
	c->last_group = 0;
	if (guarded(c, when, obj))
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	mg_finding *f = make_at(c, location, fmt, ap);
	va_end(ap);
	/* Held even when the rule is off (f is NULL): whether the statement fails on a second
	 * run decides whether its effects happen, whatever is reported. */
	hold(c, f, when, obj);
	return f;
}

mg_finding *mg_report_create(mg_check *c, mg_object obj, const char *kind, const char *display,
			     int location, const char *lacking, const char *fix)
{
	mg_finding *f = mg_report_unless_rerun_safe(c, MG_FAILS_IF_EXISTS, obj,
		location >= 0 ? location : mg_locate(c, -1, obj.name),
		"%s \"%s\" is created %s; running this migration twice fails", kind, display, lacking);
	mg_help(f, "%s", fix);
	return f;
}

void mg_report_lazily(mg_check *c, mg_fails_when when, mg_object obj, int location,
		      mg_describe_fn describe)
{
	c->last_group = 0;
	if (guarded(c, when, obj))
		return;
	c->last_group = mg_facts_hold(c->facts, 0, when, obj);
	if (!c->last_group || !rule_enabled(c, c->rule))
		return;
	mg_held_finding h = {.group = c->last_group, .describe = describe, .rule = c->rule,
			     .stmt_start = c->stmt_start, .stmt_end = c->stmt_end};
	h.location = location < 0 ? (int)c->stmt_start : (int)(c->base + (size_t)location);
	MG_VEC_PUSH(c->held, h);
}

/* The conditions below join the last report: guarded away with it, or kept with it. */
void mg_also_fails_when(mg_check *c, mg_fails_when when, mg_object obj)
{
	if (c->last_group)
		mg_facts_hold(c->facts, c->last_group, when, obj);
}

void mg_fails_only_if_exists(mg_check *c, mg_object obj)
{
	if (c->last_group)
		mg_facts_narrow(c->facts, c->last_group, obj);
}

/* Calls a lazy finding's describe with the statement's place as it was, and the replay's
 * copy of the object's name (the parse tree is gone). */
static void describe(mg_check *c, const mg_held_finding *h)
{
	mg_object obj;
	char *storage;
	mg_facts_group_object(c->facts, h->group, &obj, &storage);
	c->rule = h->rule;
	c->base = 0;
	c->stmt_start = h->stmt_start;
	c->stmt_end = h->stmt_end;
	h->describe(c, obj, h->location);
	c->rule = NULL;
	free(storage);
}

void mg_check_drop_all(mg_check *c)
{
	for (size_t i = 0; i < c->held.len; i++)
		mg_finding_free(c->held.items[i].finding);
	c->held.len = 0;
	for (size_t i = 0; i < c->findings.len; i++)
		mg_finding_free(c->findings.items[i]);
	c->findings.len = 0;
}

void mg_check_keep_standing(mg_check *c)
{
	for (size_t i = 0; i < c->held.len; i++) {
		mg_held_finding *h = &c->held.items[i];
		bool stands = mg_facts_stands(c->facts, h->group);
		if (stands && h->finding)
			mg_check_keep(c, h->finding);
		else
			mg_finding_free(h->finding);
		if (stands && h->describe)
			describe(c, h);
	}
	c->held.len = 0;
}

void mg_help(mg_finding *f, const char *fmt, ...)
{
	if (!f)
		return;
	va_list ap;
	va_start(ap, fmt);
	free(f->help);
	f->help = mg_xvasprintf(fmt, ap);
	va_end(ap);
}

/* True when the statement's first keyword has no upper-case letter (create table ...). */
static bool lower_case_sql(const mg_check *c)
{
	const char *t = c->src.text;
	size_t end = mg_lex_token_end(t, c->stmt_start, c->stmt_end);
	bool lower = false;
	for (size_t i = c->stmt_start; i < end; i++) {
		if (t[i] >= 'A' && t[i] <= 'Z')
			return false;
		lower = lower || (t[i] >= 'a' && t[i] <= 'z');
	}
	return lower;
}

/* True when the statement, with `text` inserted at unit offset `at`, still parses. */
static bool parses_with(const mg_check *c, size_t at, const char *text)
{
	const char *t = c->src.text;
	char *sql = mg_xasprintf("%.*s%s%.*s", (int)(at - c->stmt_start), t + c->stmt_start, text,
				 (int)(c->stmt_end - at), t + at);
	MemoryContext ctx = pg_query_enter_memory_context();
	PgQueryInternalParsetreeAndError r = pg_query_raw_parse(sql);
	bool ok = !r.error && list_length(r.tree) == 1;
	if (r.error)
		pg_query_free_error(r.error);
	free(r.stderr_buffer);
	pg_query_exit_memory_context(ctx);
	free(sql);
	return ok;
}

/* The file offset of an insertion at unit offset `at`, or -1 when SQL decoded from another
 * file's string literals was not copied byte for byte on both sides of it: inserting there
 * would land inside an escape sequence, or between two literals. */
static long insertion_in_file(const mg_check *c, size_t at)
{
	if (!c->map)
		return (long)at;
	if (at == 0 || at >= c->src.len || c->map[at - 1] + 1 != c->map[at] ||
	    c->map[at] + 1 != c->map[at + 1])
		return -1;
	return (long)c->map[at];
}

static void insert_words(mg_check *c, mg_finding *f, size_t at, bool before, const char *words,
			 bool safe)
{
	char *cased = mg_xstrdup(words);
	if (lower_case_sql(c))
		for (char *p = cased; *p; p++)
			*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	char *text = before ? mg_xasprintf("%s ", cased) : mg_xasprintf(" %s", cased);
	long in_file = insertion_in_file(c, at);
	if (in_file >= 0 && parses_with(c, at, text)) {
		char *title = mg_xasprintf("add %s", words);
		mg_finding_add_edit(f, title, safe, (size_t)in_file, 0, text);
		free(title);
	}
	free(text);
	free(cased);
}

void mg_fix_insert_before(mg_check *c, mg_finding *f, int location, const char *words, bool safe)
{
	if (!f || location < 0 || c->place_unknown || !c->eng->fixes)
		return;
	insert_words(c, f, file_offset(c, location), true, words, safe);
}

void mg_fix_insert_after(mg_check *c, mg_finding *f, int location, const char *words, bool safe)
{
	if (!f || location < 0 || c->place_unknown || !c->eng->fixes)
		return;
	size_t at = file_offset(c, location);
	insert_words(c, f, mg_lex_token_end(c->src.text, at, c->stmt_end), false, words, safe);
}

/* Compares token text[s, e) with word: quoted names exactly, other tokens case-insensitively. */
static bool token_is(const char *t, size_t s, size_t e, const char *word)
{
	if (t[s] == '"') {
		size_t n = strlen(word);
		return e - s == n + 2 && memcmp(t + s + 1, word, n) == 0 && !strchr(word, '"');
	}
	return mg_ieq(t + s, e - s, word);
}

int mg_locate(mg_check *c, int from, const char *word)
{
	const char *t = c->src.text;
	size_t i = from < 0 ? c->stmt_start : file_offset(c, from);
	while (i < c->stmt_end) {
		i = mg_lex_skip_trivia(t, i, c->stmt_end);
		if (i >= c->stmt_end)
			break;
		size_t e = mg_lex_token_end(t, i, c->stmt_end);
		if (token_is(t, i, e, word))
			return (int)(i - c->base);
		i = e;
	}
	return -1;
}

int mg_next_token(mg_check *c, int location)
{
	if (location < 0)
		return -1;
	size_t i = mg_lex_token_end(c->src.text, file_offset(c, location), c->stmt_end);
	i = mg_lex_skip_trivia(c->src.text, i, c->stmt_end);
	return i < c->stmt_end ? (int)(i - c->base) : -1;
}

const char *mg_token_text(mg_check *c, int location, size_t *len_out)
{
	*len_out = 0;
	if (location < 0)
		return NULL;
	size_t i = file_offset(c, location);
	if (i >= c->stmt_end)
		return NULL;
	*len_out = mg_lex_token_end(c->src.text, i, c->stmt_end) - i;
	return c->src.text + i;
}

int mg_statement_location(mg_check *c)
{
	return (int)(c->stmt_start - c->base);
}

int mg_pg_version(const mg_check *c)
{
	return c->eng->pg_version;
}

bool mg_in_transaction(const mg_check *c)
{
	return c->session.in_transaction;
}

const char *mg_transaction_reason(const mg_check *c)
{
	return c->session.reason ? c->session.reason : "this file opened one with BEGIN";
}

mg_tx_state mg_transaction_state(const mg_check *c)
{
	return mg_session_state(&c->session);
}

bool mg_created_in_file(const mg_check *c, mg_object obj)
{
	return mg_facts_created_at(c->facts, obj) >= 0;
}

bool mg_created_in_transaction(const mg_check *c, mg_object obj)
{
	int created = mg_facts_created_at(c->facts, obj);
	return created >= 0 && mg_session_since_transaction_start(&c->session, created);
}

bool mg_made_in_file(const mg_check *c, mg_object obj)
{
	return mg_facts_made_at(c->facts, obj) >= 0;
}

const char *mg_column_type(const mg_check *c, const char *table, const char *column)
{
	return mg_facts_column_type(c->facts, table, column);
}

bool mg_made_by_up_migration(const mg_check *c, mg_object obj)
{
	return c->up_facts && mg_facts_made_at(c->up_facts, obj) >= 0;
}

const char *mg_tmp(mg_check *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = mg_xvasprintf(fmt, ap);
	va_end(ap);
	MG_VEC_PUSH(c->tmp, s);
	return s;
}

const char *mg_quote_ident(mg_check *c, const char *name)
{
	bool plain = name[0] && !(name[0] >= '0' && name[0] <= '9');
	for (const char *p = name; *p && plain; p++)
		plain = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' ||
			(unsigned char)*p >= 0x80;
	if (plain)
		return name;
	mg_buf b;
	mg_buf_init(&b);
	mg_buf_putc(&b, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"')
			mg_buf_putc(&b, '"');
		mg_buf_putc(&b, *p);
	}
	mg_buf_putc(&b, '"');
	char *s = mg_buf_take(&b);
	MG_VEC_PUSH(c->tmp, s);
	return s;
}

const char *mg_name_qualified(mg_check *c, const List *names)
{
	mg_buf b;
	mg_buf_init(&b);
	const ListCell *lc;
	foreach (lc, names) {
		const Node *n = lfirst(lc);
		if (!IsA(n, String))
			continue;
		if (b.len)
			mg_buf_putc(&b, '.');
		mg_buf_puts(&b, strVal(n));
	}
	char *s = mg_buf_take(&b);
	MG_VEC_PUSH(c->tmp, s);
	return s;
}

const char *mg_rangevar_name(mg_check *c, const RangeVar *rv)
{
	if (rv->schemaname)
		return mg_tmp(c, "%s.%s", rv->schemaname, rv->relname);
	return rv->relname;
}

const char *mg_rangevar_sql(mg_check *c, const RangeVar *rv)
{
	if (rv->schemaname)
		return mg_tmp(c, "%s.%s", mg_quote_ident(c, rv->schemaname),
			      mg_quote_ident(c, rv->relname));
	return mg_quote_ident(c, rv->relname);
}

static bool has_not_exists(const Node *n)
{
	if (!n)
		return false;
	if (IsA(n, BoolExpr)) {
		const BoolExpr *b = (const BoolExpr *)n;
		const ListCell *lc;
		if (b->boolop == NOT_EXPR) {
			const Node *arg = linitial(b->args);
			if (IsA(arg, SubLink) && ((const SubLink *)arg)->subLinkType == EXISTS_SUBLINK)
				return true;
		}
		if (b->boolop == AND_EXPR)
			foreach (lc, b->args)
				if (has_not_exists(lfirst(lc)))
					return true;
	}
	return false;
}

bool mg_insert_guarded(const InsertStmt *stmt)
{
	const SelectStmt *sel = (const SelectStmt *)stmt->selectStmt;
	if (!sel || !IsA(sel, SelectStmt))
		return false;
	return has_not_exists(sel->whereClause);
}

const char *mg_outside_transaction_only(const Node *stmt, int pg_version, const char **word_out)
{
	*word_out = "concurrently";
	switch (nodeTag(stmt)) {
	case T_AlterTableStmt: {
		const ListCell *lc;
		foreach (lc, ((const AlterTableStmt *)stmt)->cmds) {
			const AlterTableCmd *cmd = lfirst(lc);
			if (cmd->subtype == AT_DetachPartition && cmd->def && IsA(cmd->def, PartitionCmd) &&
			    ((const PartitionCmd *)cmd->def)->concurrent)
				return "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY";
		}
		return NULL;
	}
	case T_AlterEnumStmt: {
		/* PostgreSQL 12 let ADD VALUE run in a transaction (the value is then unusable until
		 * COMMIT: MG504); before, PreventInTransactionBlock refused it */
		const AlterEnumStmt *s = (const AlterEnumStmt *)stmt;
		*word_out = "value";
		return pg_version < 12 && s->newVal && !s->oldVal
			       ? "ALTER TYPE ... ADD VALUE (before PostgreSQL 12)" : NULL;
	}
	case T_IndexStmt:
		return ((const IndexStmt *)stmt)->concurrent ? "CREATE INDEX CONCURRENTLY" : NULL;
	case T_DropStmt:
		return ((const DropStmt *)stmt)->concurrent ? "DROP INDEX CONCURRENTLY" : NULL;
	case T_ReindexStmt: {
		const ListCell *lc;
		foreach (lc, ((const ReindexStmt *)stmt)->params)
			if (strcmp(((const DefElem *)lfirst(lc))->defname, "concurrently") == 0)
				return "REINDEX CONCURRENTLY";
		return NULL;
	}
	case T_VacuumStmt:
		*word_out = "vacuum";
		return ((const VacuumStmt *)stmt)->is_vacuumcmd ? "VACUUM" : NULL;
	case T_CreatedbStmt:
		*word_out = "database";
		return "CREATE DATABASE";
	case T_DropdbStmt:
		*word_out = "database";
		return "DROP DATABASE";
	case T_CreateTableSpaceStmt:
		*word_out = "tablespace";
		return "CREATE TABLESPACE";
	case T_AlterSystemStmt:
		*word_out = "system";
		return "ALTER SYSTEM";
	default:
		return NULL;
	}
}

bool mg_object_of(mg_check *c, ObjectType t, const Node *object, mg_object *out)
{
	char pair[MG_OBJECT_PAIR_MAX];
	if (!mg_objects_name(out, pair, t, object))
		return false;
	if (out->name == pair)
		out->name = mg_tmp(c, "%s", pair);
	return true;
}
