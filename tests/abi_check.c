/* ABI guard: miglint reads libpg_query's raw parse tree through the structs of the PostgreSQL
 * server headers. If the two ever disagreed on a struct's layout, rules would read garbage.
 * For every statement of every file given, this compares what the rules read from the raw tree
 * (node kind, names, IF [NOT] EXISTS / OR REPLACE / CONCURRENTLY / CASCADE flags, locations)
 * with libpg_query's own JSON for the same text, read with jansson.
 * usage: abi_check FILE...   prints "abi: N passed, M failed" */
#include "miglint/common.h"
#include "miglint/pg.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct name_of {
	int value;
	const char *name;
} name_of;

#define N(x) {x, #x}
static const name_of at_names[] = {
	N(AT_AddColumn), N(AT_DropColumn), N(AT_AddConstraint), N(AT_DropConstraint),
	N(AT_AlterColumnType), N(AT_SetNotNull), N(AT_DropNotNull), N(AT_ColumnDefault),
	N(AT_AddIndexConstraint), N(AT_AttachPartition), N(AT_EnableRowSecurity), {-1, NULL},
};
static const name_of obj_names[] = {
	N(OBJECT_TABLE), N(OBJECT_VIEW), N(OBJECT_INDEX), N(OBJECT_SEQUENCE), N(OBJECT_TYPE),
	N(OBJECT_DOMAIN), N(OBJECT_FUNCTION), N(OBJECT_TRIGGER), N(OBJECT_SCHEMA), N(OBJECT_COLUMN),
	N(OBJECT_MATVIEW), N(OBJECT_EXTENSION), N(OBJECT_POLICY), N(OBJECT_TABCONSTRAINT), {-1, NULL},
};
static const name_of tag_names[] = {
	N(T_CreateStmt), N(T_IndexStmt), N(T_DropStmt), N(T_AlterTableStmt), N(T_RenameStmt),
	N(T_ViewStmt), N(T_CreateFunctionStmt), N(T_CreateTrigStmt), N(T_InsertStmt),
	N(T_CreateEnumStmt), N(T_AlterEnumStmt), N(T_CreateSchemaStmt), N(T_CreateSeqStmt),
	N(T_CreateExtensionStmt), N(T_TransactionStmt), N(T_DoStmt), N(T_TruncateStmt),
	N(T_CreateTableAsStmt), N(T_CreatePolicyStmt), N(T_CreateDomainStmt), {-1, NULL},
};
#undef N

static const char *lookup(const name_of *t, int v)
{
	for (; t->name; t++)
		if (t->value == v)
			return t->name;
	return "other";
}

static const char *known(const name_of *t, const char *s)
{
	for (; t->name; t++)
		if (s && strcmp(t->name, s) == 0)
			return t->name;
	return "other";
}

/* ---- the raw tree ---------------------------------------------------------------------- */

static void rv_raw(mg_buf *b, const char *what, const RangeVar *rv)
{
	if (rv)
		mg_buf_printf(b, " %s=%s@%d", what, rv->relname, rv->location);
}

static void raw_summary(mg_buf *b, const Node *n)
{
	const char *tag = lookup(tag_names, (int)nodeTag(n)) + 2;
	mg_buf_puts(b, tag);
	switch (nodeTag(n)) {
	case T_CreateStmt: {
		const CreateStmt *s = (const void *)n;
		rv_raw(b, "rel", s->relation);
		mg_buf_printf(b, " ine=%d elts=%d", s->if_not_exists, list_length(s->tableElts));
		break;
	}
	case T_IndexStmt: {
		const IndexStmt *s = (const void *)n;
		rv_raw(b, "rel", s->relation);
		mg_buf_printf(b, " name=%s ine=%d conc=%d uniq=%d params=%d", s->idxname ? s->idxname : "",
			      s->if_not_exists, s->concurrent, s->unique, list_length(s->indexParams));
		break;
	}
	case T_DropStmt: {
		const DropStmt *s = (const void *)n;
		mg_buf_printf(b, " type=%s missing_ok=%d cascade=%d conc=%d objects=%d",
			      lookup(obj_names, s->removeType), s->missing_ok,
			      s->behavior == DROP_CASCADE, s->concurrent, list_length(s->objects));
		break;
	}
	case T_AlterTableStmt: {
		const AlterTableStmt *s = (const void *)n;
		rv_raw(b, "rel", s->relation);
		mg_buf_printf(b, " missing_ok=%d", s->missing_ok);
		const ListCell *lc;
		foreach (lc, s->cmds) {
			const AlterTableCmd *c = lfirst(lc);
			mg_buf_printf(b, " [%s name=%s missing_ok=%d cascade=%d", lookup(at_names, c->subtype),
				      c->name ? c->name : "", c->missing_ok, c->behavior == DROP_CASCADE);
			if (c->def && IsA(c->def, ColumnDef))
				mg_buf_printf(b, " col=%s@%d", ((const ColumnDef *)c->def)->colname ?
					      ((const ColumnDef *)c->def)->colname : "",
					      ((const ColumnDef *)c->def)->location);
			if (c->def && IsA(c->def, Constraint))
				mg_buf_printf(b, " con=%s@%d", ((const Constraint *)c->def)->conname ?
					      ((const Constraint *)c->def)->conname : "",
					      ((const Constraint *)c->def)->location);
			mg_buf_putc(b, ']');
		}
		break;
	}
	case T_RenameStmt: {
		const RenameStmt *s = (const void *)n;
		rv_raw(b, "rel", s->relation);
		mg_buf_printf(b, " type=%s new=%s sub=%s missing_ok=%d", lookup(obj_names, s->renameType),
			      s->newname, s->subname ? s->subname : "", s->missing_ok);
		break;
	}
	case T_ViewStmt:
		rv_raw(b, "view", ((const ViewStmt *)n)->view);
		mg_buf_printf(b, " replace=%d", ((const ViewStmt *)n)->replace);
		break;
	case T_CreateFunctionStmt:
		mg_buf_printf(b, " name=%s replace=%d proc=%d", strVal(llast(((const CreateFunctionStmt *)n)->funcname)),
			      ((const CreateFunctionStmt *)n)->replace, ((const CreateFunctionStmt *)n)->is_procedure);
		break;
	case T_CreateTrigStmt: {
		const CreateTrigStmt *s = (const void *)n;
		rv_raw(b, "rel", s->relation);
		mg_buf_printf(b, " name=%s replace=%d constraint=%d", s->trigname, s->replace, s->isconstraint);
		break;
	}
	case T_InsertStmt: {
		const InsertStmt *s = (const void *)n;
		rv_raw(b, "rel", s->relation);
		mg_buf_printf(b, " conflict=%d cols=%d", s->onConflictClause != NULL, list_length(s->cols));
		break;
	}
	case T_AlterEnumStmt: {
		const AlterEnumStmt *s = (const void *)n;
		mg_buf_printf(b, " new=%s old=%s skip=%d", s->newVal ? s->newVal : "", s->oldVal ? s->oldVal : "",
			      s->skipIfNewValExists);
		break;
	}
	case T_CreateSchemaStmt:
		mg_buf_printf(b, " name=%s ine=%d", ((const CreateSchemaStmt *)n)->schemaname ?
			      ((const CreateSchemaStmt *)n)->schemaname : "", ((const CreateSchemaStmt *)n)->if_not_exists);
		break;
	case T_CreateSeqStmt:
		rv_raw(b, "seq", ((const CreateSeqStmt *)n)->sequence);
		mg_buf_printf(b, " ine=%d", ((const CreateSeqStmt *)n)->if_not_exists);
		break;
	case T_CreateExtensionStmt:
		mg_buf_printf(b, " name=%s ine=%d", ((const CreateExtensionStmt *)n)->extname,
			      ((const CreateExtensionStmt *)n)->if_not_exists);
		break;
	case T_TruncateStmt:
		mg_buf_printf(b, " rels=%d cascade=%d", list_length(((const TruncateStmt *)n)->relations),
			      ((const TruncateStmt *)n)->behavior == DROP_CASCADE);
		break;
	default:
		break;
	}
}

/* ---- libpg_query's JSON ---------------------------------------------------------------- */

static const char *js(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static int jb(json_t *o, const char *k)
{
	return json_is_true(json_object_get(o, k));
}

static int ji(json_t *o, const char *k)
{
	return (int)json_integer_value(json_object_get(o, k));
}

static int jlen(json_t *o, const char *k)
{
	return (int)json_array_size(json_object_get(o, k));
}

static void rv_json(mg_buf *b, const char *what, json_t *rv)
{
	if (rv)
		mg_buf_printf(b, " %s=%s@%d", what, js(rv, "relname"), ji(rv, "location"));
}

static const char *last_string(json_t *names)
{
	json_t *last = json_array_get(names, json_array_size(names) - 1);
	return js(json_object_get(last, "String"), "sval");
}

static void json_summary(mg_buf *b, json_t *stmt)
{
	const char *key = json_object_iter_key(json_object_iter(stmt));
	json_t *s = json_object_iter_value(json_object_iter(stmt));
	char tag[64];
	snprintf(tag, sizeof(tag), "T_%s", key ? key : "");
	mg_buf_puts(b, known(tag_names, tag) + 2);
	if (strcmp(known(tag_names, tag), "other") == 0)
		return;
	if (strcmp(key, "CreateStmt") == 0) {
		rv_json(b, "rel", json_object_get(s, "relation"));
		mg_buf_printf(b, " ine=%d elts=%d", jb(s, "if_not_exists"), jlen(s, "tableElts"));
	} else if (strcmp(key, "IndexStmt") == 0) {
		rv_json(b, "rel", json_object_get(s, "relation"));
		mg_buf_printf(b, " name=%s ine=%d conc=%d uniq=%d params=%d", js(s, "idxname"),
			      jb(s, "if_not_exists"), jb(s, "concurrent"), jb(s, "unique"), jlen(s, "indexParams"));
	} else if (strcmp(key, "DropStmt") == 0) {
		mg_buf_printf(b, " type=%s missing_ok=%d cascade=%d conc=%d objects=%d",
			      known(obj_names, js(s, "removeType")), jb(s, "missing_ok"),
			      strcmp(js(s, "behavior"), "DROP_CASCADE") == 0, jb(s, "concurrent"), jlen(s, "objects"));
	} else if (strcmp(key, "AlterTableStmt") == 0) {
		rv_json(b, "rel", json_object_get(s, "relation"));
		mg_buf_printf(b, " missing_ok=%d", jb(s, "missing_ok"));
		size_t i;
		json_t *item;
		json_array_foreach(json_object_get(s, "cmds"), i, item) {
			json_t *c = json_object_get(item, "AlterTableCmd");
			mg_buf_printf(b, " [%s name=%s missing_ok=%d cascade=%d", known(at_names, js(c, "subtype")),
				      js(c, "name"), jb(c, "missing_ok"), strcmp(js(c, "behavior"), "DROP_CASCADE") == 0);
			json_t *def = json_object_get(c, "def");
			json_t *col = json_object_get(def, "ColumnDef"), *con = json_object_get(def, "Constraint");
			if (col)
				mg_buf_printf(b, " col=%s@%d", js(col, "colname"), ji(col, "location"));
			if (con)
				mg_buf_printf(b, " con=%s@%d", js(con, "conname"), ji(con, "location"));
			mg_buf_putc(b, ']');
		}
	} else if (strcmp(key, "RenameStmt") == 0) {
		rv_json(b, "rel", json_object_get(s, "relation"));
		mg_buf_printf(b, " type=%s new=%s sub=%s missing_ok=%d", known(obj_names, js(s, "renameType")),
			      js(s, "newname"), js(s, "subname"), jb(s, "missing_ok"));
	} else if (strcmp(key, "ViewStmt") == 0) {
		rv_json(b, "view", json_object_get(s, "view"));
		mg_buf_printf(b, " replace=%d", jb(s, "replace"));
	} else if (strcmp(key, "CreateFunctionStmt") == 0) {
		mg_buf_printf(b, " name=%s replace=%d proc=%d", last_string(json_object_get(s, "funcname")),
			      jb(s, "replace"), jb(s, "is_procedure"));
	} else if (strcmp(key, "CreateTrigStmt") == 0) {
		rv_json(b, "rel", json_object_get(s, "relation"));
		mg_buf_printf(b, " name=%s replace=%d constraint=%d", js(s, "trigname"), jb(s, "replace"),
			      jb(s, "isconstraint"));
	} else if (strcmp(key, "InsertStmt") == 0) {
		rv_json(b, "rel", json_object_get(s, "relation"));
		mg_buf_printf(b, " conflict=%d cols=%d", json_object_get(s, "onConflictClause") != NULL, jlen(s, "cols"));
	} else if (strcmp(key, "AlterEnumStmt") == 0) {
		mg_buf_printf(b, " new=%s old=%s skip=%d", js(s, "newVal"), js(s, "oldVal"), jb(s, "skipIfNewValExists"));
	} else if (strcmp(key, "CreateSchemaStmt") == 0) {
		mg_buf_printf(b, " name=%s ine=%d", js(s, "schemaname"), jb(s, "if_not_exists"));
	} else if (strcmp(key, "CreateSeqStmt") == 0) {
		rv_json(b, "seq", json_object_get(s, "sequence"));
		mg_buf_printf(b, " ine=%d", jb(s, "if_not_exists"));
	} else if (strcmp(key, "CreateExtensionStmt") == 0) {
		mg_buf_printf(b, " name=%s ine=%d", js(s, "extname"), jb(s, "if_not_exists"));
	} else if (strcmp(key, "TruncateStmt") == 0) {
		mg_buf_printf(b, " rels=%d cascade=%d", jlen(s, "relations"), strcmp(js(s, "behavior"), "DROP_CASCADE") == 0);
	}
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	mg_buf b;
	mg_buf_init(&b);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		mg_buf_add(&b, chunk, n);
	fclose(f);
	return mg_buf_take(&b);
}

static bool json_loads_ok(const char *text)
{
	json_t *j = json_loads(text, 0, NULL);
	json_decref(j);
	return j != NULL;
}

typedef struct tally {
	int passed, failed, unparsed;
} tally;

/* Compares every statement of text; returns false when neither parser accepts the text. */
static bool compare_text(tally *t, const char *label, const char *text)
{
	PgQueryParseResult jr = pg_query_parse(text);
	MemoryContext ctx = pg_query_enter_memory_context();
	PgQueryInternalParsetreeAndError rr = pg_query_raw_parse(text);
	bool parsed = !jr.error && !rr.error;
	if (!jr.error != !rr.error) {
		printf("abi: %s: the raw parser and the JSON parser disagree on validity\n", label);
		t->failed++;
	} else if (parsed && !json_loads_ok(jr.parse_tree)) {
		t->unparsed++; /* jansson refuses JSON that carries invalid UTF-8 from the file */
	} else if (parsed) {
		json_t *root = json_loads(jr.parse_tree, 0, NULL);
		json_t *stmts = json_object_get(root, "stmts");
		if ((size_t)list_length(rr.tree) != json_array_size(stmts)) {
			printf("abi: %s: %d raw statements, %zu in JSON\n", label, list_length(rr.tree),
			       json_array_size(stmts));
			t->failed++;
		}
		ListCell *lc;
		size_t k = 0;
		foreach (lc, rr.tree) {
			const RawStmt *rs = lfirst_node(RawStmt, lc);
			json_t *js_stmt = json_array_get(stmts, k++);
			mg_buf a, b;
			mg_buf_init(&a);
			mg_buf_init(&b);
			raw_summary(&a, rs->stmt);
			mg_buf_printf(&a, " @%d", rs->stmt_location);
			json_summary(&b, json_object_get(js_stmt, "stmt"));
			mg_buf_printf(&b, " @%d", ji(js_stmt, "stmt_location"));
			if (strcmp(a.data, b.data) == 0) {
				t->passed++;
			} else {
				t->failed++;
				printf("abi: %s statement %zu:\n  raw:  %s\n  json: %s\n", label, k, a.data, b.data);
			}
			mg_buf_dispose(&a);
			mg_buf_dispose(&b);
		}
		json_decref(root);
	}
	if (rr.error)
		pg_query_free_error(rr.error);
	free(rr.stderr_buffer);
	pg_query_exit_memory_context(ctx);
	pg_query_free_parse_result(jr);
	return parsed || jr.error == NULL;
}

int main(int argc, char **argv)
{
	tally t = {0};
	for (int i = 1; i < argc; i++) {
		char *text = read_all(argv[i]);
		if (!text)
			continue;
		if (!compare_text(&t, argv[i], text)) {
			/* A file with a bad statement: compare its statements one by one. */
			PgQuerySplitResult sr = pg_query_split_with_scanner(text);
			for (int k = 0; !sr.error && k < sr.n_stmts; k++) {
				char *one = mg_xstrndup(text + sr.stmts[k]->stmt_location,
							(size_t)sr.stmts[k]->stmt_len);
				char *label = mg_xasprintf("%s (statement at byte %d)", argv[i],
							   sr.stmts[k]->stmt_location);
				if (!compare_text(&t, label, one))
					t.unparsed++;
				free(label);
				free(one);
			}
			pg_query_free_split_result(sr);
		}
		free(text);
	}
	pg_query_exit();
	printf("abi: %d statements not comparable (syntax errors, psql commands, invalid UTF-8)\n", t.unparsed);
	printf("abi: %d passed, %d failed\n", t.passed, t.failed);
	return t.failed ? 1 : 0;
}
