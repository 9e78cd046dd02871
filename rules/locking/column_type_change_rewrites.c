/* MG332: ALTER COLUMN ... TYPE rewrites the table and rebuilds its indexes under ACCESS
 * EXCLUSIVE unless the old type converts to the new one without a function (binary-coercible)
 * and no USING expression changes the values. The safe pairs are PostgreSQL's (measured on 15
 * by tests/lock-truth): varchar widening, varchar/text, numeric precision widening, temporal
 * precision widening, cidr to inet, varbit widening. timestamp <-> timestamptz skips the
 * rewrite only when the session TimeZone is UTC (12+). The old type is known when this run
 * gave the column its type; otherwise the new type says whether any safe pair can end in it. */
#include "miglint/check.h"
#include "miglint/locks.h"

#include "docs/column_type_change_rewrites.h"

#include <stdio.h>
#include <string.h>

typedef struct type {
	char name[64];
	int mods[2];
	int nmods;
	bool array;
} type;

static bool parse(type *out, const char *text)
{
	memset(out, 0, sizeof(*out));
	size_t n = strcspn(text, "([");
	if (n == 0 || n >= sizeof(out->name))
		return false;
	memcpy(out->name, text, n);
	if (strcmp(out->name, "serial") == 0 || strcmp(out->name, "serial4") == 0)
		strcpy(out->name, "int4");
	else if (strcmp(out->name, "bigserial") == 0 || strcmp(out->name, "serial8") == 0)
		strcpy(out->name, "int8");
	else if (strcmp(out->name, "smallserial") == 0 || strcmp(out->name, "serial2") == 0)
		strcpy(out->name, "int2");
	const char *p = text + n;
	if (*p == '(') {
		int m0 = 0, m1 = 0;
		out->nmods = sscanf(p, "(%d,%d)", &m0, &m1);
		out->mods[0] = m0;
		out->mods[1] = m1;
		if (out->nmods < 0)
			out->nmods = 0;
	}
	out->array = strstr(text, "[]") != NULL;
	return true;
}

static bool is(const type *t, const char *name)
{
	return strcmp(t->name, name) == 0;
}

static bool temporal(const type *t)
{
	return is(t, "timestamp") || is(t, "timestamptz") || is(t, "time") || is(t, "timetz");
}

typedef enum verdict { SAFE, REWRITES, UNLESS_UTC } verdict;

/* What PostgreSQL does to change a column from old to new (no USING). */
static verdict pair(const type *old, const type *new, int pg_version)
{
	if (old->array || new->array)
		return old->array == new->array && is(old, new->name) && old->nmods == new->nmods &&
				       memcmp(old->mods, new->mods, sizeof(old->mods)) == 0
			       ? SAFE
			       : REWRITES;
	if (is(old, new->name) && old->nmods == new->nmods &&
	    memcmp(old->mods, new->mods, sizeof(old->mods)) == 0)
		return SAFE;
	if (is(old, "varchar") && is(new, "varchar"))
		return new->nmods == 0 || (old->nmods && new->mods[0] >= old->mods[0]) ? SAFE
										      : REWRITES;
	if ((is(old, "varchar") && is(new, "text")) || (is(old, "text") && is(new, "varchar")))
		return new->nmods == 0 ? SAFE : REWRITES;
	if (is(old, "numeric") && is(new, "numeric"))
		return new->nmods == 0 ||
				       (old->nmods && new->mods[0] >= old->mods[0] &&
					new->mods[1] == old->mods[1])
			       ? SAFE
			       : REWRITES;
	if (is(old, "varbit") && is(new, "varbit"))
		return new->nmods == 0 || (old->nmods && new->mods[0] >= old->mods[0]) ? SAFE
										      : REWRITES;
	if (is(old, "interval") && is(new, "interval"))
		return new->nmods == 0 ? SAFE : REWRITES;
	if (is(old, "cidr") && is(new, "inet"))
		return SAFE;
	if (temporal(old) && temporal(new)) {
		bool wider = new->nmods == 0 || (old->nmods && new->mods[0] >= old->mods[0]);
		if (is(old, new->name))
			return wider ? SAFE : REWRITES;
		bool tz_pair = (is(old, "timestamp") && is(new, "timestamptz")) ||
			       (is(old, "timestamptz") && is(new, "timestamp"));
		return tz_pair && wider && pg_version >= 12 ? UNLESS_UTC : REWRITES;
	}
	return REWRITES;
}

/* The old types from which a change to `new` can skip the rewrite, as a phrase; NULL when
 * there are none. */
static const char *safe_sources(mg_check *c, const type *new)
{
	if (new->array)
		return NULL;
	if (is(new, "text"))
		return "varchar or text";
	if (is(new, "varchar"))
		return new->nmods ? mg_tmp(c, "varchar(n) with n <= %d", new->mods[0])
				  : "varchar(n), varchar or text";
	if (is(new, "numeric"))
		return new->nmods ? mg_tmp(c, "numeric(p,%d) with p <= %d", new->mods[1], new->mods[0])
				  : "numeric(p,s)";
	if (is(new, "varbit"))
		return new->nmods ? mg_tmp(c, "varbit(n) with n <= %d", new->mods[0]) : "varbit(n)";
	if (is(new, "interval"))
		return new->nmods ? NULL : "interval(p)";
	if (is(new, "inet"))
		return "cidr";
	if (temporal(new)) {
		const char *prec = new->nmods ? mg_tmp(c, "(p) with p <= %d", new->mods[0]) : "(p)";
		if (is(new, "timestamp") || is(new, "timestamptz"))
			return mg_tmp(c, "%s%s (or %s, when the session TimeZone is UTC)", new->name, prec,
				      is(new, "timestamp") ? "timestamptz" : "timestamp");
		return mg_tmp(c, "%s%s", new->name, prec);
	}
	return NULL;
}

/* True when USING is absent, or just the column (cast to the new type, perhaps). */
static bool plain_using(const Node *e, const char *column, const char *new_name)
{
	if (!e)
		return true;
	if (IsA(e, TypeCast)) {
		const TypeCast *tc = (const TypeCast *)e;
		if (!tc->typeName || strcmp(mg_name_last(tc->typeName->names), new_name) != 0)
			return false;
		e = tc->arg;
	}
	return e && IsA(e, ColumnRef) && mg_name_last(((const ColumnRef *)e)->fields) &&
	       strcmp(mg_name_last(((const ColumnRef *)e)->fields), column) == 0;
}

static const char fix[] =
	"add a new column of the new type, keep it in step with a trigger, backfill it in "
	"batches, then switch readers over and drop the old column; or choose a type PostgreSQL "
	"converts without a rewrite";

static void check_cmd(mg_check *c, const AlterTableStmt *s, const AlterTableCmd *cmd)
{
	const ColumnDef *def = (const ColumnDef *)cmd->def;
	const char *table = mg_rangevar_name(c, s->relation);
	const char *new_text = mg_lock_type_text(c, def->typeName);
	const char *old_text = mg_lock_column_type(c, s->relation->relname, cmd->name);
	type old, new;
	if (!new_text || !parse(&new, new_text))
		return;
	bool plain = plain_using(def->raw_default, cmd->name, new.name);
	int loc = def->typeName->location;
	mg_finding *f;
	if (old_text && parse(&old, old_text)) {
		verdict v = plain ? pair(&old, &new, mg_pg_version(c)) : REWRITES;
		if (v == SAFE)
			return;
		if (v == UNLESS_UTC) {
			f = mg_report(c, loc,
				"column \"%s\" of table \"%s\" changes from %s to %s: PostgreSQL rewrites "
				"the table under an ACCESS EXCLUSIVE lock unless the session TimeZone is UTC",
				cmd->name, table, old_text, new_text);
			mg_finding_as_info(f);
			mg_help(f, "run it with SET TIME ZONE 'UTC' in the same transaction, or %s", fix);
			return;
		}
		f = mg_report(c, loc,
			"column \"%s\" of table \"%s\" changes from %s to %s%s: PostgreSQL rewrites the "
			"table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, blocking %s",
			cmd->name, table, old_text, new_text, plain ? "" : " with USING",
			mg_lock_mode_blocks(MG_LOCK_ACCESS_EXCLUSIVE));
		mg_help(f, "%s", fix);
		return;
	}
	const char *sources = plain ? safe_sources(c, &new) : NULL;
	if (sources) {
		f = mg_report(c, loc,
			"column \"%s\" of table \"%s\" changes to %s: this may rewrite the table under "
			"an ACCESS EXCLUSIVE lock; it does not only when the old type is %s",
			cmd->name, table, new_text, sources);
		/* the old type is not in the file: a guess is said, not failed on */
		mg_finding_as_info(f);
		mg_help(f, "if the old type is not one of those, %s", fix);
		return;
	}
	f = mg_report(c, loc,
		"column \"%s\" of table \"%s\" changes to %s%s: PostgreSQL rewrites the table and "
		"rebuilds its indexes under an ACCESS EXCLUSIVE lock, blocking %s",
		cmd->name, table, new_text, plain ? "" : " with USING",
		mg_lock_mode_blocks(MG_LOCK_ACCESS_EXCLUSIVE));
	mg_help(f, "%s", fix);
}

static void check(mg_check *c, const void *node)
{
	const AlterTableStmt *s = node;
	if (!mg_pre_existing(c, s->relation))
		return;
	const ListCell *lc;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		if (cmd->subtype == AT_AlterColumnType && cmd->name && cmd->def &&
		    IsA(cmd->def, ColumnDef) && ((const ColumnDef *)cmd->def)->typeName)
			check_cmd(c, s, cmd);
	}
}

const mg_rule mg_rule_column_type_change_rewrites = {
	.code = "MG332",
	.name = "column-type-change-rewrites",
	.severity = MG_SEV_WARNING,
	.summary = "ALTER COLUMN ... TYPE rewrites an existing table under ACCESS EXCLUSIVE unless the types are binary-coercible",
	.help = "add a new column, dual-write, backfill in batches, swap; or pick a type that converts without a rewrite",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, 0},
	.check = check,
};
