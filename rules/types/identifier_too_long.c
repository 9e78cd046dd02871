/* MG657: PostgreSQL keeps the first 63 bytes of an identifier (NAMEDATALEN 64) and drops the
 * rest with only a NOTICE (measured on 15, cut at a character boundary). Two long names that
 * share their first 63 bytes are then one name, and the name in the catalog is not the one in
 * the code. libpg_query's scanner truncates as the server's does, so the tree holds the cut
 * name: the full one is read from the statement's tokens. Only names the statement creates or
 * renames are flagged; a reference to a long name is cut the same way and finds it. */
#include "miglint/check.h"
#include "miglint/common.h"
#include "miglint/objects.h"

#include "docs/identifier_too_long.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_BYTES = 63, MIN_CUT = MAX_BYTES - 3 }; /* a cut name ends on a UTF-8 boundary */

typedef MG_VEC(const char *) names;

static void add(names *v, const char *name)
{
	if (name && strlen(name) >= MIN_CUT)
		MG_VEC_PUSH(*v, name);
}

static void add_constraints(names *v, const List *list)
{
	const ListCell *lc;
	foreach (lc, list) {
		const Constraint *con = lfirst(lc);
		if (IsA(con, Constraint))
			add(v, con->conname);
	}
}

static void add_column(names *v, const Node *n)
{
	if (n && IsA(n, ColumnDef)) {
		add(v, ((const ColumnDef *)n)->colname);
		add_constraints(v, ((const ColumnDef *)n)->constraints);
	} else if (n && IsA(n, Constraint)) {
		add(v, ((const Constraint *)n)->conname);
	}
}

static void add_strings(names *v, const List *list)
{
	const ListCell *lc;
	foreach (lc, list)
		if (IsA(lfirst(lc), String))
			add(v, strVal(lfirst(lc)));
}

/* The names the statement creates or renames. */
static void created(names *v, const Node *node)
{
	const ListCell *lc;
	switch (nodeTag(node)) {
	case T_CreateStmt: {
		const CreateStmt *s = (const CreateStmt *)node;
		add(v, s->relation->relname);
		foreach (lc, s->tableElts)
			add_column(v, lfirst(lc));
		break;
	}
	case T_AlterTableStmt:
		foreach (lc, ((const AlterTableStmt *)node)->cmds) {
			const AlterTableCmd *cmd = lfirst(lc);
			if (cmd->subtype == AT_AddColumn || cmd->subtype == AT_AddConstraint)
				add_column(v, cmd->def);
		}
		break;
	case T_IndexStmt:
		add(v, ((const IndexStmt *)node)->idxname);
		break;
	case T_CreateTableAsStmt: {
		const IntoClause *into = ((const CreateTableAsStmt *)node)->into;
		add(v, into->rel->relname);
		add_strings(v, into->colNames);
		break;
	}
	case T_ViewStmt:
		add(v, ((const ViewStmt *)node)->view->relname);
		add_strings(v, ((const ViewStmt *)node)->aliases);
		break;
	case T_CreateSeqStmt:
		add(v, ((const CreateSeqStmt *)node)->sequence->relname);
		break;
	case T_RenameStmt:
		add(v, ((const RenameStmt *)node)->newname);
		break;
	case T_CompositeTypeStmt:
		add(v, ((const CompositeTypeStmt *)node)->typevar->relname);
		foreach (lc, ((const CompositeTypeStmt *)node)->coldeflist)
			add_column(v, lfirst(lc));
		break;
	case T_CreateEnumStmt:
		add(v, mg_name_last(((const CreateEnumStmt *)node)->typeName));
		break;
	case T_CreateRangeStmt:
		add(v, mg_name_last(((const CreateRangeStmt *)node)->typeName));
		break;
	case T_CreateDomainStmt:
		add(v, mg_name_last(((const CreateDomainStmt *)node)->domainname));
		add_constraints(v, ((const CreateDomainStmt *)node)->constraints);
		break;
	case T_DefineStmt:
		add(v, mg_name_last(((const DefineStmt *)node)->defnames));
		break;
	case T_CreateFunctionStmt:
		add(v, mg_name_last(((const CreateFunctionStmt *)node)->funcname));
		break;
	case T_CreateTrigStmt:
		add(v, ((const CreateTrigStmt *)node)->trigname);
		break;
	case T_CreatePolicyStmt:
		add(v, ((const CreatePolicyStmt *)node)->policy_name);
		break;
	case T_CreateSchemaStmt:
		add(v, ((const CreateSchemaStmt *)node)->schemaname);
		break;
	default:
		break;
	}
}

/* The identifier a token spells, as the scanner reads it (quotes removed and "" undoubled,
 * unquoted ASCII letters lower-cased), or NULL when the token is not an identifier. */
static char *identifier(const char *t, size_t len)
{
	char *out = mg_xstrdup("");
	size_t n = 0;
	if (len >= 2 && t[0] == '"') {
		out = mg_xrealloc(out, len);
		for (size_t i = 1; i + 1 < len; i++) {
			out[n++] = t[i];
			if (t[i] == '"' && t[i + 1] == '"')
				i++;
		}
	} else if ((t[0] >= 'a' && t[0] <= 'z') || (t[0] >= 'A' && t[0] <= 'Z') || t[0] == '_' ||
		   (unsigned char)t[0] >= 0x80) {
		out = mg_xrealloc(out, len + 1);
		for (size_t i = 0; i < len; i++)
			out[n++] = t[i] >= 'A' && t[i] <= 'Z' ? (char)(t[i] - 'A' + 'a') : t[i];
	} else {
		free(out);
		return NULL;
	}
	out[n] = '\0';
	return out;
}

/* Bytes PostgreSQL keeps of s: 63, less the bytes of a UTF-8 character cut in the middle. */
static size_t kept(const char *s)
{
	size_t n = MAX_BYTES;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

static void check(mg_check *c, const void *node)
{
	names v = {0};
	created(&v, node);
	if (!v.len)
		return;
	for (int loc = mg_statement_location(c); loc >= 0; loc = mg_next_token(c, loc)) {
		size_t len;
		const char *t = mg_token_text(c, loc, &len);
		if (!t || len <= MAX_BYTES)
			continue;
		char *id = identifier(t, len);
		if (!id || strlen(id) <= MAX_BYTES) {
			free(id);
			continue;
		}
		size_t keep = kept(id);
		for (size_t i = 0; i < v.len; i++) {
			if (strlen(v.items[i]) != keep || memcmp(v.items[i], id, keep) != 0)
				continue;
			mg_finding *f = mg_report(c, loc,
				"identifier \"%s\" is %zu bytes: PostgreSQL keeps only its first %zu, "
				"\"%s\", and says so only in a NOTICE", id, strlen(id), keep, v.items[i]);
			mg_help(f, "shorten it to at most 63 bytes");
			break;
		}
		free(id);
	}
	free(v.items);
}

const mg_rule mg_rule_identifier_too_long = {
	.code = "MG657",
	.name = "identifier-too-long",
	.severity = MG_SEV_WARNING,
	.summary = "a name longer than 63 bytes, which PostgreSQL silently truncates",
	.help = "shorten the name to at most 63 bytes",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_CreateStmt, T_AlterTableStmt, T_IndexStmt, T_CreateTableAsStmt,
			       T_ViewStmt, T_CreateSeqStmt, T_RenameStmt, T_CompositeTypeStmt,
			       T_CreateEnumStmt, T_CreateRangeStmt, T_CreateDomainStmt,
			       T_DefineStmt, T_CreateFunctionStmt, T_CreateTrigStmt,
			       T_CreatePolicyStmt, T_CreateSchemaStmt, 0},
	.check = check,
};
