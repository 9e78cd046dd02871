/* DO blocks: a migration's way to run what SQL cannot guard. The body is parsed with
 * PostgreSQL's own PL/pgSQL grammar (pg_query_parse_plpgsql, JSON read with jansson). Each
 * embedded SQL statement is checked like a top-level one, with its findings at their exact
 * place in the body, unless the block guards it: inside an IF whose condition looks the object
 * up in the catalog (pg_*, information_schema, to_regclass), or inside a BEGIN ... EXCEPTION
 * block that catches the error a re-run raises (duplicate_object, duplicate_table, ...). */
#include "miglint/do_block.h"

#include "check_internal.h"

#include <jansson.h>
#include <string.h>

typedef struct body_walk {
	mg_check *c;
	mg_statement_fn check_statement;
	bool catalog_lookup;   /* the block reads the catalog into a variable or FOUND */
	const char *body;      /* the block's source text */
	size_t body_len;
	long body_offset;      /* file offset of body[0], or -1 when it cannot be found exactly */
	size_t cursor;         /* where to look for the next statement in body */
} body_walk;

/* Exception conditions by name, and the SQLSTATE each stands for ("others": everything). */
static const struct {
	const char *name, *code;
} conditions[] = {
	{"duplicate_object", "42710"}, {"duplicate_table", "42P07"}, {"duplicate_column", "42701"},
	{"duplicate_schema", "42P06"}, {"duplicate_function", "42723"}, {"duplicate_database", "42P04"},
	{"duplicate_alias", "42712"}, {"unique_violation", "23505"}, {"invalid_table_definition", "42P16"},
	{"undefined_object", "42704"}, {"undefined_table", "42P01"}, {"undefined_column", "42703"},
	{"undefined_function", "42883"}, {"invalid_schema_name", "3F000"},
	{"dependent_objects_still_exist", "2BP01"}, {"object_not_in_prerequisite_state", "55000"},
	{"syntax_error_or_access_rule_violation", "42000"}, {"integrity_constraint_violation", "23000"},
	{"invalid_object_definition", "42P17"}, {"feature_not_supported", "0A000"},
	{NULL, NULL},
};

static void add_code(mg_guard *g, const char *code)
{
	if (g->count < sizeof(g->codes) / sizeof(g->codes[0]))
		snprintf(g->codes[g->count++], sizeof(g->codes[0]), "%.5s", code);
}

/* Adds what a block's exception handlers catch to g. */
static void add_handlers(mg_guard *g, json_t *exceptions)
{
	json_t *list = json_object_get(json_object_get(exceptions, "PLpgSQL_exception_block"), "exc_list");
	size_t i, k;
	json_t *exc, *cond;
	json_array_foreach(list, i, exc) {
		json_t *conds = json_object_get(json_object_get(exc, "PLpgSQL_exception"), "conditions");
		json_array_foreach(conds, k, cond) {
			const char *name = json_string_value(json_object_get(
				json_object_get(cond, "PLpgSQL_condition"), "condname"));
			if (!name)
				continue;
			if (strcmp(name, "others") == 0)
				g->all = true;
			else if (strlen(name) == 5 && strspn(name, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 5)
				add_code(g, name); /* WHEN SQLSTATE '42701' */
			for (size_t c = 0; conditions[c].name; c++)
				if (strcmp(name, conditions[c].name) == 0)
					add_code(g, conditions[c].code);
		}
	}
}

static bool lower_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (mg_ieq(hay, strnlen(hay, n), needle))
			return true;
	return false;
}

static bool mentions_catalog(const char *q)
{
	return q && (lower_contains(q, "information_schema") || lower_contains(q, "pg_") ||
		     lower_contains(q, "to_reg"));
}

/* An IF that looks the object up: in its condition, or through a variable or FOUND that a
 * catalog query of the block filled (SELECT ... INTO n FROM pg_constraint; IF n = 0). */
static bool tests_catalog(const body_walk *w, json_t *cond)
{
	const char *q = json_string_value(json_object_get(json_object_get(cond, "PLpgSQL_expr"), "query"));
	return mentions_catalog(q) || (q && w->catalog_lookup);
}

/* True when some statement of the body reads the catalog into a variable or FOUND. */
static bool reads_catalog(json_t *node)
{
	const char *key;
	json_t *val;
	size_t i;
	json_t *item;
	if (json_is_array(node)) {
		json_array_foreach(node, i, item)
			if (reads_catalog(item))
				return true;
		return false;
	}
	json_object_foreach(node, key, val) {
		if (strcmp(key, "PLpgSQL_stmt_execsql") == 0 && json_is_true(json_object_get(val, "into"))) {
			const char *q = json_string_value(json_object_get(
				json_object_get(json_object_get(val, "sqlstmt"), "PLpgSQL_expr"), "query"));
			if (mentions_catalog(q))
				return true;
		} else if (strcmp(key, "PLpgSQL_stmt_perform") == 0) {
			const char *q = json_string_value(json_object_get(
				json_object_get(json_object_get(val, "expr"), "PLpgSQL_expr"), "query"));
			if (mentions_catalog(q))
				return true;
		}
		if ((json_is_object(val) || json_is_array(val)) && reads_catalog(val))
			return true;
	}
	return false;
}

/* Checks one SQL statement of the body, text q. */
static void check_embedded(body_walk *w, const char *q, const mg_guard *guard)
{
	mg_check *c = w->c;
	size_t q_len = strlen(q);
	long at = -1;
	if (w->body_offset >= 0 && w->cursor <= w->body_len) {
		const char *hit = memmem(w->body + w->cursor, w->body_len - w->cursor, q, q_len);
		if (hit) {
			at = (long)(hit - w->body);
			w->cursor = (size_t)at + q_len;
		}
	}
	size_t saved_base = c->base, saved_start = c->stmt_start, saved_end = c->stmt_end;
	const mg_guard *saved_guard = c->guard;
	const Node *saved_stmt = c->stmt;
	bool saved_place_unknown = c->place_unknown;
	/* A context of its own under libpg_query's top context; the batch's tree stays alive.
	 * (CurrentMemoryContext is thread-local in libpg_query but not in the server headers,
	 * so it is never touched here.) */
	MemoryContext ctx = pg_query_enter_memory_context();
	PgQueryInternalParsetreeAndError r = pg_query_raw_parse(q);
	if (!r.error) {
		c->guard = guard;
		c->embedded_depth++;
		ListCell *lc;
		foreach (lc, r.tree) {
			const RawStmt *rs = lfirst_node(RawStmt, lc);
			if (at >= 0) {
				c->base = (size_t)w->body_offset + (size_t)at;
				c->stmt_start = c->base + (size_t)rs->stmt_location;
				c->stmt_end = rs->stmt_len ? c->stmt_start + (size_t)rs->stmt_len : c->base + q_len;
			} else {
				/* Not found verbatim (a quoted body with doubled quotes): point at the DO. */
				c->base = saved_start;
				c->stmt_start = saved_start;
				c->stmt_end = saved_end;
				c->place_unknown = true;
			}
			w->check_statement(c, rs->stmt);
		}
		c->embedded_depth--;
	}
	if (r.error)
		pg_query_free_error(r.error);
	free(r.stderr_buffer);
	pg_query_exit_memory_context(ctx);
	c->base = saved_base, c->stmt_start = saved_start, c->stmt_end = saved_end;
	c->place_unknown = saved_place_unknown;
	c->guard = saved_guard;
	c->stmt = saved_stmt;
}

/* EXECUTE 'literal': the string is SQL known before run time. */
static void check_dynamic(body_walk *w, const char *q, const mg_guard *guarded)
{
	size_t n = strlen(q);
	if (n >= 2 && q[0] == '\'' && q[n - 1] == '\'') {
		mg_buf b;
		mg_buf_init(&b);
		for (size_t i = 1; i + 1 < n; i++) {
			if (q[i] == '\'' && q[i + 1] == '\'')
				i++;
			else if (q[i] == '\'')
				goto done; /* a concatenation, not one literal */
			mg_buf_putc(&b, q[i]);
		}
		check_embedded(w, b.data ? b.data : "", guarded);
	done:
		mg_buf_dispose(&b);
	} else if (n >= 2 && q[0] == '$') {
		const char *tag_end = strchr(q + 1, '$');
		if (!tag_end)
			return;
		size_t tag = (size_t)(tag_end - q) + 1;
		if (n < 2 * tag || memcmp(q + n - tag, q, tag) != 0)
			return;
		char *inner = mg_xstrndup(q + tag, n - 2 * tag);
		check_embedded(w, inner, guarded);
		free(inner);
	}
}

static void walk(body_walk *w, json_t *node, const mg_guard *guarded);

static void walk_list(body_walk *w, json_t *list, const mg_guard *guarded)
{
	size_t i;
	json_t *item;
	json_array_foreach(list, i, item)
		walk(w, item, guarded);
}

static void walk(body_walk *w, json_t *node, const mg_guard *guarded)
{
	const char *key;
	json_t *val;
	if (json_is_array(node)) {
		walk_list(w, node, guarded);
		return;
	}
	json_object_foreach(node, key, val) {
		if (strcmp(key, "PLpgSQL_stmt_execsql") == 0) {
			const char *q = json_string_value(json_object_get(
				json_object_get(json_object_get(val, "sqlstmt"), "PLpgSQL_expr"), "query"));
			if (q)
				check_embedded(w, q, guarded);
		} else if (strcmp(key, "PLpgSQL_stmt_perform") == 0) {
			/* PERFORM set_config('lock_timeout', ...) sets the session as SET does; other
			 * PERFORMs are expressions, not statements the rules judge */
			const char *q = json_string_value(json_object_get(
				json_object_get(json_object_get(val, "expr"), "PLpgSQL_expr"), "query"));
			if (q && lower_contains(q, "set_config"))
				check_embedded(w, q, guarded);
		} else if (strcmp(key, "PLpgSQL_stmt_dynexecute") == 0) {
			const char *q = json_string_value(json_object_get(
				json_object_get(json_object_get(val, "query"), "PLpgSQL_expr"), "query"));
			if (q)
				check_dynamic(w, q, guarded);
		} else if (strcmp(key, "PLpgSQL_stmt_block") == 0) {
			mg_guard g = guarded ? *guarded : (mg_guard){0};
			json_t *exceptions = json_object_get(val, "exceptions");
			add_handlers(&g, exceptions);
			walk_list(w, json_object_get(val, "body"), exceptions ? &g : guarded);
		} else if (strcmp(key, "PLpgSQL_stmt_if") == 0) {
			static const mg_guard everything = {.all = true};
			bool g = tests_catalog(w, json_object_get(val, "cond"));
			walk_list(w, json_object_get(val, "then_body"), g ? &everything : guarded);
			walk(w, json_object_get(val, "elsif_list"), guarded);
			walk_list(w, json_object_get(val, "else_body"), guarded);
		} else if (strcmp(key, "PLpgSQL_if_elsif") == 0) {
			static const mg_guard everything = {.all = true};
			walk_list(w, json_object_get(val, "stmts"),
				  tests_catalog(w, json_object_get(val, "cond")) ? &everything : guarded);
		} else if (json_is_object(val) || json_is_array(val)) {
			walk(w, val, guarded);
		}
	}
}

static const char *do_language(const DoStmt *stmt, const char **body_out)
{
	const char *lang = "plpgsql";
	*body_out = NULL;
	const ListCell *lc;
	foreach (lc, stmt->args) {
		const DefElem *d = lfirst(lc);
		if (strcmp(d->defname, "as") == 0)
			*body_out = strVal(d->arg);
		else if (strcmp(d->defname, "language") == 0)
			lang = strVal(d->arg);
	}
	return lang;
}

void mg_do_block_check(mg_check *c, const DoStmt *stmt, mg_statement_fn check_statement)
{
	const char *body;
	if (strcmp(do_language(stmt, &body), "plpgsql") != 0 || !body)
		return;
	size_t body_len = strlen(body);
	const char *stmt_text = c->src.text + c->stmt_start;
	const char *hit = memmem(stmt_text, c->stmt_end - c->stmt_start, body, body_len);
	body_walk w = {.c = c, .check_statement = check_statement, .body = body, .body_len = body_len,
		       .body_offset = hit ? (long)(hit - c->src.text) : -1};
	/* pg_query_parse_plpgsql reads CREATE FUNCTION; give it the body under a tag it lacks. */
	const char *tag = "mg_do";
	char tagbuf[32];
	for (int n = 0; strstr(body, tag); n++) {
		snprintf(tagbuf, sizeof(tagbuf), "mg_do%d", n);
		tag = tagbuf;
	}
	char *fn = mg_xasprintf("CREATE FUNCTION mg_do() RETURNS void LANGUAGE plpgsql AS $%s$%s$%s$",
				tag, body, tag);
	PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(fn);
	if (!r.error && r.plpgsql_funcs) {
		json_t *tree = json_loads(r.plpgsql_funcs, 0, NULL);
		w.catalog_lookup = tree && reads_catalog(tree);
		if (tree)
			walk(&w, tree, NULL);
		json_decref(tree);
	}
	pg_query_free_plpgsql_parse_result(r);
	free(fn);
	c->stmt = (const Node *)stmt;
}
