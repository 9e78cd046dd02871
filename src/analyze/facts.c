/* Facts about the objects a file creates and drops, and the replay that decides idempotency.
 *
 * Every statement records its effects on named objects: "relation users exists",
 * "column email of users is missing", "children of relation users are gone" (DROP TABLE).
 * Idempotency rules do not decide alone: they hold a finding with the object state that makes
 * the statement fail ("fails if column email of users exists"). Once the whole file is read,
 * the file is replayed twice over these effects, exactly as running it twice would do, and a
 * held finding stands only if its object is in that state at its statement in the second run.
 * That is what makes `DROP TRIGGER IF EXISTS t ON x; CREATE TRIGGER t ...`, a table dropped and
 * re-created before its indexes, or `CREATE TABLE tmp ...; DROP TABLE tmp` come out right
 * without special cases. Names are compared without their schema (a documented limit). */
#include "engine_internal.h"

#include <stdlib.h>
#include <string.h>

typedef enum effect_kind {
	EFFECT_EXISTS,
	EFFECT_MISSING,
	EFFECT_CLEAR_CHILDREN,   /* DROP TABLE: its columns, indexes, triggers go too */
	EFFECT_DROP_DEPENDENTS,  /* DROP ... CASCADE: whatever uses the object goes too */
} effect_kind;

/* `user` (a column, a function, a view, ...) depends on `used` (a type, a table): PostgreSQL
 * refuses to drop `used` without CASCADE while `user` exists. */
typedef struct dependency {
	int user;
	int used;
} dependency;

typedef struct effect {
	int time;
	int key;
	int owner;  /* key whose removal also removes this object, or -1 */
	int unless; /* the effect happens only if this key is missing (CREATE TABLE's columns
		     * are made only when the table is), or -1 */
	bool maybe; /* made by IF NOT EXISTS / OR REPLACE: it may have been there before */
	effect_kind kind;
} effect;

typedef struct held {
	int time;
	int key;
	int group;          /* conditions of one finding share a group */
	int and_exists;     /* the condition also needs this key to exist, or -1 */
	mg_fails_when when;
	mg_finding *finding; /* on the group's first condition; NULL when the rule is off */
	/* a lazy finding: described only if it stands */
	mg_describe_fn describe;
	const mg_rule *rule;
	int location;        /* file offset */
	size_t stmt_start, stmt_end;
} held;

typedef struct key_state {
	int time;     /* time of the last EXISTS/MISSING effect, -1 if none */
	bool exists;
	bool fresh;   /* made by this file, so it holds nothing from before the file ran */
	int owner;
	int cleared;  /* time the key's children were last removed, -1 if never */
} key_state;

struct mg_facts {
	char **keys;       /* by id */
	size_t *hashes;    /* by id */
	size_t key_count, key_cap;
	int *slots;        /* open addressing: id + 1, 0 empty */
	size_t slot_count;
	MG_VEC(effect) effects;
	MG_VEC(held) held;
	MG_VEC(dependency) deps;
	key_state *now;    /* state during the first pass, for mg_created_earlier */
	mg_buf scratch;    /* key being looked up */
	const char *last_owner_name, *last_owner_ns; /* owner_key's one-entry cache */
	int last_owner;
	int unless;        /* condition for the effects being recorded, or -1 */
	bool maybe;        /* the statement being recorded is a guarded create */
	int groups;
};

void mg_facts_new(mg_facts **out)
{
	mg_facts *f = mg_xcalloc(1, sizeof(*f));
	f->slot_count = 256;
	f->slots = mg_xcalloc(f->slot_count, sizeof(int));
	f->unless = -1;
	*out = f;
}

void mg_facts_free(mg_facts *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->key_count; i++)
		free(f->keys[i]);
	free(f->keys);
	free(f->hashes);
	free(f->slots);
	mg_buf_dispose(&f->scratch);
	free(f->effects.items);
	for (size_t i = 0; i < f->held.len; i++)
		mg_finding_free(f->held.items[i].finding);
	free(f->held.items);
	free(f->deps.items);
	free(f->now);
	free(f);
}

static void grow_slots(mg_facts *f)
{
	free(f->slots);
	f->slot_count *= 2;
	f->slots = mg_xcalloc(f->slot_count, sizeof(int));
	for (size_t id = 0; id < f->key_count; id++) {
		size_t i = f->hashes[id] & (f->slot_count - 1);
		while (f->slots[i])
			i = (i + 1) & (f->slot_count - 1);
		f->slots[i] = (int)id + 1;
	}
}

/* Builds "ns \x1f parent \x1f name" in the facts' scratch buffer (no allocation once warm)
 * and returns its hash. */
static size_t build_key(mg_facts *f, const char *ns, const char *parent, const char *name)
{
	size_t a = strlen(ns), b = parent ? strlen(parent) : 0, c = strlen(name);
	size_t n = a + b + c + 2;
	if (f->scratch.cap < n + 1) {
		f->scratch.cap = n + 64;
		f->scratch.data = mg_xrealloc(f->scratch.data, f->scratch.cap);
	}
	char *p = f->scratch.data;
	memcpy(p, ns, a);
	p[a] = '\x1f';
	memcpy(p + a + 1, parent ? parent : "", b);
	p[a + 1 + b] = '\x1f';
	memcpy(p + a + b + 2, name, c + 1);
	f->scratch.len = n;
	return (size_t)mg_hash(p, n);
}

/* Returns the slot holding the scratch key, or the empty slot where it would go. */
static size_t find_slot(const mg_facts *f, size_t h)
{
	size_t i = h & (f->slot_count - 1);
	for (; f->slots[i]; i = (i + 1) & (f->slot_count - 1)) {
		int id = f->slots[i] - 1;
		if (f->hashes[id] == h && strcmp(f->keys[id], f->scratch.data) == 0)
			break;
	}
	return i;
}

static int intern(mg_facts *f, const char *ns, const char *parent, const char *name)
{
	size_t h = build_key(f, ns, parent, name);
	size_t i = find_slot(f, h);
	if (f->slots[i])
		return f->slots[i] - 1;
	if (f->key_count == f->key_cap) {
		f->key_cap = f->key_cap ? f->key_cap * 2 : 64;
		f->keys = mg_xrealloc(f->keys, f->key_cap * sizeof(char *));
		f->hashes = mg_xrealloc(f->hashes, f->key_cap * sizeof(size_t));
		f->now = mg_xrealloc(f->now, f->key_cap * sizeof(key_state));
	}
	int id = (int)f->key_count++;
	f->keys[id] = mg_xstrndup(f->scratch.data, f->scratch.len);
	f->hashes[id] = h;
	f->now[id] = (key_state){.time = -1, .owner = -1, .cleared = -1};
	f->slots[i] = id + 1;
	if (f->key_count * 2 > f->slot_count)
		grow_slots(f);
	return id;
}

/* The relation key of the table a statement's objects live on, looked up once per name. */
static int owner_key(mg_facts *f, const char *owner_ns, const char *parent)
{
	if (f->last_owner_name == parent && f->last_owner_ns == owner_ns)
		return f->last_owner;
	f->last_owner = intern(f, owner_ns, NULL, parent);
	f->last_owner_name = parent;
	f->last_owner_ns = owner_ns;
	return f->last_owner;
}

static int state_of(const key_state *st, int key);

/* The facts whose dependencies apply() and condition_holds() read; per thread because files
 * are linted in parallel. */
static __thread mg_facts *applying;

static void apply(key_state *st, const effect *e, int time)
{
	if (e->kind == EFFECT_DROP_DEPENDENTS) {
		for (size_t i = 0; i < applying->deps.len; i++) {
			if (applying->deps.items[i].used != e->key)
				continue;
			key_state *u = &st[applying->deps.items[i].user];
			u->time = time;
			u->exists = false;
		}
		return;
	}
	int before = state_of(st, e->unless >= 0 ? e->unless : e->key);
	if (e->unless >= 0 && before == 1)
		return;
	if (e->kind == EFFECT_CLEAR_CHILDREN) {
		st[e->key].cleared = time;
		return;
	}
	st[e->key].fresh = e->kind == EFFECT_EXISTS && (!e->maybe || before == 0);
	st[e->key].time = time;
	st[e->key].exists = e->kind == EFFECT_EXISTS;
	st[e->key].owner = e->owner;
}

/* Returns 1 exists, 0 missing, -1 unknown. */
static int state_of(const key_state *st, int key)
{
	const key_state *s = &st[key];
	if (s->time < 0)
		return -1;
	if (s->owner >= 0 && st[s->owner].cleared > s->time)
		return 0;
	if (s->owner >= 0 && st[s->owner].time > s->time && !st[s->owner].exists)
		return 0;
	return s->exists ? 1 : 0;
}

static void add_effect(mg_check *c, effect_kind kind, const char *ns, const char *parent,
		       const char *name, const char *owner_ns)
{
	if (!name)
		return;
	mg_facts *f = c->facts;
	effect e = {.time = c->time, .kind = kind, .owner = -1, .unless = f->unless,
		    .maybe = f->maybe};
	e.key = intern(f, ns, parent, name);
	if (parent && owner_ns)
		e.owner = owner_key(f, owner_ns, parent);
	MG_VEC_PUSH(f->effects, e);
	applying = f;
	apply(f->now, &e, c->time);
}

/* Records that the object named by (user_ns, user_parent, user_name) uses another. */
static void depends(mg_check *c, const char *user_ns, const char *user_parent, const char *user_name,
		    const char *used_ns, const char *used_name)
{
	if (!user_name || !used_name)
		return;
	/* Only objects this file creates or drops can fail a drop on a second run, and their key
	 * exists by now (a type used before the file makes it fails the first run already): the
	 * types of most columns (int, text, ...) are never interned. */
	mg_facts *f = c->facts;
	size_t slot = find_slot(f, build_key(f, used_ns, NULL, used_name));
	if (!f->slots[slot])
		return;
	dependency d = {0, f->slots[slot] - 1};
	d.user = intern(f, user_ns, user_parent, user_name);
	MG_VEC_PUSH(f->deps, d);
}

static const char *type_name_of(const TypeName *tn)
{
	return tn ? mg_name_last(tn->names) : NULL;
}

static void exists(mg_check *c, const char *ns, const char *parent, const char *name)
{
	add_effect(c, EFFECT_EXISTS, ns, parent, name, "relation");
}

static void missing(mg_check *c, const char *ns, const char *parent, const char *name)
{
	add_effect(c, EFFECT_MISSING, ns, parent, name, "relation");
}

/* An object that lives on a relation but has a name of its own (an index). */
static void exists_on(mg_check *c, const char *ns, const char *name, const char *table)
{
	mg_facts *f = c->facts;
	effect e = {.time = c->time, .kind = EFFECT_EXISTS, .owner = -1, .unless = -1,
		    .maybe = f->maybe};
	e.key = intern(f, ns, NULL, name);
	if (table)
		e.owner = intern(f, "relation", NULL, table);
	MG_VEC_PUSH(f->effects, e);
	applying = f;
	apply(f->now, &e, c->time);
}

static void removed(mg_check *c, mg_object o, bool cascade)
{
	missing(c, o.ns, o.parent, o.name);
	add_effect(c, EFFECT_CLEAR_CHILDREN, o.ns, o.parent, o.name, NULL);
	if (cascade)
		add_effect(c, EFFECT_DROP_DEPENDENTS, o.ns, o.parent, o.name, NULL);
}

void mg_facts_hold(mg_check *c, mg_finding *f, mg_fails_when when, mg_object obj, bool first)
{
	mg_facts *fx = c->facts;
	if (!obj.name)
		return;
	if (first)
		fx->groups++;
	held h = {.time = c->time, .when = when, .finding = f, .group = fx->groups, .and_exists = -1};
	h.key = intern(fx, obj.ns, obj.parent, obj.name);
	MG_VEC_PUSH(fx->held, h);
}

bool mg_facts_exists_now(const mg_check *c, mg_object obj)
{
	mg_facts *f = c->facts;
	size_t i = find_slot(f, build_key(f, obj.ns, obj.parent, obj.name));
	int found = f->slots[i] - 1;
	return found >= 0 && state_of(f->now, found) == 1 && f->now[found].fresh;
}

void mg_facts_hold_lazily(mg_check *c, mg_fails_when when, mg_object obj, int location,
			  mg_describe_fn describe)
{
	mg_facts_hold(c, NULL, when, obj, true);
	if (!obj.name || !mg_engine_enabled(c->eng, c->rule))
		return;
	held *h = &c->facts->held.items[c->facts->held.len - 1];
	h->describe = describe;
	h->rule = c->rule;
	h->location = location < 0 ? (int)c->stmt_start : (int)(c->base + (size_t)location);
	h->stmt_start = c->stmt_start;
	h->stmt_end = c->stmt_end;
}

/* Calls a lazy finding's describe with the statement as it was, and the key's own strings. */
static void describe(mg_check *c, const held *h)
{
	char *key = c->facts->keys[h->key];
	char *sep1 = strchr(key, '\x1f'), *sep2 = strchr(sep1 + 1, '\x1f');
	char *copy = mg_xstrdup(key);
	copy[sep1 - key] = '\0';
	copy[sep2 - key] = '\0';
	mg_object obj = {copy, sep2 > sep1 + 1 ? copy + (sep1 - key) + 1 : NULL, copy + (sep2 - key) + 1};
	c->rule = h->rule;
	c->base = 0;
	c->stmt_start = h->stmt_start;
	c->stmt_end = h->stmt_end;
	h->describe(c, obj, h->location);
	c->rule = NULL;
	free(copy);
}

void mg_facts_narrow(mg_check *c, mg_object obj)
{
	mg_facts *fx = c->facts;
	if (fx->held.len && obj.name)
		fx->held.items[fx->held.len - 1].and_exists = intern(fx, obj.ns, obj.parent, obj.name);
}

static bool condition_holds(const key_state *st, const held *h)
{
	if (h->and_exists >= 0 && state_of(st, h->and_exists) != 1)
		return false;
	int s = state_of(st, h->key);
	switch (h->when) {
	case MG_FAILS_IF_EXISTS: return s != 0;
	case MG_FAILS_IF_MISSING: return s != 1;
	case MG_FAILS_IF_GONE: return s == 0;
	case MG_FAILS_IF_IN_USE:
		for (size_t i = 0; i < applying->deps.len; i++)
			if (applying->deps.items[i].used == h->key &&
			    state_of(st, applying->deps.items[i].user) == 1)
				return true;
		return false;
	}
	return true;
}

/* Judges the held conditions of one statement (held[*h] onward, all at `time`) against the
 * state just before it; keeps or frees their findings. Returns true if the statement fails. */
static bool judge_statement(mg_check *c, const key_state *st, size_t *h, int time)
{
	mg_facts *f = c->facts;
	bool statement_fails = false;
	while (*h < f->held.len && f->held.items[*h].time == time) {
		size_t first = *h;
		bool fails = false;
		int group = f->held.items[first].group;
		for (; *h < f->held.len && f->held.items[*h].group == group; (*h)++)
			fails = fails || condition_holds(st, &f->held.items[*h]);
		mg_finding *finding = f->held.items[first].finding;
		f->held.items[first].finding = NULL;
		if (fails && finding)
			mg_check_keep(c, finding);
		else
			mg_finding_free(finding);
		if (fails && f->held.items[first].describe)
			describe(c, &f->held.items[first]);
		statement_fails = statement_fails || fails;
	}
	return statement_fails;
}

void mg_facts_resolve(mg_check *c)
{
	mg_facts *f = c->facts;
	applying = f;
	key_state *st = mg_xcalloc(f->key_count ? f->key_count : 1, sizeof(key_state));
	for (size_t k = 0; k < f->key_count; k++)
		st[k] = (key_state){.time = -1, .owner = -1, .cleared = -1};
	/* First run: every effect, in order (the first run is assumed to succeed). */
	for (size_t i = 0; i < f->effects.len; i++)
		apply(st, &f->effects.items[i], f->effects.items[i].time);
	/* Second run: statement by statement, judge the held conditions just before the
	 * statement; a statement that fails has no effects, as under a savepoint. */
	int shift = c->time + 1;
	size_t e = 0, h = 0;
	while (h < f->held.len || e < f->effects.len) {
		int time = h < f->held.len ? f->held.items[h].time : f->effects.items[e].time;
		if (e < f->effects.len && f->effects.items[e].time < time)
			time = f->effects.items[e].time;
		bool fails = judge_statement(c, st, &h, time);
		for (; e < f->effects.len && f->effects.items[e].time == time; e++)
			if (!fails)
				apply(st, &f->effects.items[e], time + shift);
	}
	free(st);
}

/* ---- naming objects ---------------------------------------------------------------------- */

const char *mg_object_type_word(ObjectType t)
{
	switch (t) {
	case OBJECT_ACCESS_METHOD: return "access method";
	case OBJECT_AGGREGATE: return "aggregate";
	case OBJECT_CAST: return "cast";
	case OBJECT_COLUMN: return "column";
	case OBJECT_COLLATION: return "collation";
	case OBJECT_CONVERSION: return "conversion";
	case OBJECT_DATABASE: return "database";
	case OBJECT_DOMAIN: return "domain";
	case OBJECT_DOMCONSTRAINT: return "domain constraint";
	case OBJECT_EVENT_TRIGGER: return "event trigger";
	case OBJECT_EXTENSION: return "extension";
	case OBJECT_FDW: return "foreign data wrapper";
	case OBJECT_FOREIGN_SERVER: return "server";
	case OBJECT_FOREIGN_TABLE: return "foreign table";
	case OBJECT_FUNCTION: return "function";
	case OBJECT_INDEX: return "index";
	case OBJECT_LANGUAGE: return "language";
	case OBJECT_MATVIEW: return "materialized view";
	case OBJECT_OPCLASS: return "operator class";
	case OBJECT_OPERATOR: return "operator";
	case OBJECT_OPFAMILY: return "operator family";
	case OBJECT_POLICY: return "policy";
	case OBJECT_PROCEDURE: return "procedure";
	case OBJECT_PUBLICATION: return "publication";
	case OBJECT_ROLE: return "role";
	case OBJECT_ROUTINE: return "routine";
	case OBJECT_RULE: return "rule";
	case OBJECT_SCHEMA: return "schema";
	case OBJECT_SEQUENCE: return "sequence";
	case OBJECT_SUBSCRIPTION: return "subscription";
	case OBJECT_STATISTIC_EXT: return "statistics";
	case OBJECT_TABCONSTRAINT: return "constraint";
	case OBJECT_TABLE: return "table";
	case OBJECT_TABLESPACE: return "tablespace";
	case OBJECT_TRANSFORM: return "transform";
	case OBJECT_TRIGGER: return "trigger";
	case OBJECT_TSCONFIGURATION: return "text search configuration";
	case OBJECT_TSDICTIONARY: return "text search dictionary";
	case OBJECT_TSPARSER: return "text search parser";
	case OBJECT_TSTEMPLATE: return "text search template";
	case OBJECT_TYPE: return "type";
	case OBJECT_USER_MAPPING: return "user mapping";
	case OBJECT_VIEW: return "view";
	default: return "object";
	}
}

/* The facts namespace: objects that share a PostgreSQL catalog name space share one. */
static const char *namespace_of(ObjectType t)
{
	switch (t) {
	case OBJECT_TABLE: case OBJECT_VIEW: case OBJECT_INDEX: case OBJECT_SEQUENCE:
	case OBJECT_MATVIEW: case OBJECT_FOREIGN_TABLE:
		return "relation";
	case OBJECT_TYPE: case OBJECT_DOMAIN:
		return "type";
	case OBJECT_FUNCTION: case OBJECT_PROCEDURE: case OBJECT_ROUTINE: case OBJECT_AGGREGATE:
		return "function";
	default:
		return mg_object_type_word(t);
	}
}

static const char *type_name_last(const TypeName *tn)
{
	return mg_name_last(tn->names);
}

static const char *pair_name(mg_check *c, const List *l)
{
	const Node *a = linitial(l), *b = lsecond(l);
	const char *an = IsA(a, TypeName) ? type_name_last((const TypeName *)a) : "?";
	const char *bn = IsA(b, TypeName) ? type_name_last((const TypeName *)b)
			 : IsA(b, String) ? strVal(b) : "?";
	return mg_tmp(c, "%s -> %s", an, bn);
}

bool mg_object_of(mg_check *c, ObjectType t, const Node *obj, mg_object *out)
{
	*out = (mg_object){.ns = namespace_of(t)};
	if (!obj)
		return false;
	if (IsA(obj, String)) {
		out->name = strVal(obj);
	} else if (IsA(obj, TypeName)) {
		out->name = type_name_last((const TypeName *)obj);
	} else if (IsA(obj, ObjectWithArgs)) {
		out->name = mg_name_last(((const ObjectWithArgs *)obj)->objname);
	} else if (IsA(obj, List)) {
		const List *l = (const List *)obj;
		if (t == OBJECT_CAST || t == OBJECT_TRANSFORM) {
			if (list_length(l) != 2)
				return false;
			out->name = pair_name(c, l);
		} else if (t == OBJECT_TRIGGER || t == OBJECT_POLICY || t == OBJECT_RULE) {
			if (list_length(l) < 2)
				return false;
			out->name = strVal(llast(l));
			out->parent = strVal(list_nth(l, list_length(l) - 2));
		} else {
			out->name = mg_name_last(l);
		}
	} else {
		return false;
	}
	return true;
}

/* ---- effects of each statement ----------------------------------------------------------- */

static void foreign_key(mg_check *c, const char *table, const Constraint *con)
{
	if (con->contype != CONSTR_FOREIGN || !con->pktable)
		return;
	if (con->conname)
		depends(c, "constraint", table, con->conname, "relation", con->pktable->relname);
	else
		depends(c, "relation", NULL, table, "relation", con->pktable->relname);
}

static void table_elements(mg_check *c, const char *table, const List *elts)
{
	const ListCell *lc;
	foreach (lc, elts) {
		const Node *n = lfirst(lc);
		const List *constraints = NIL;
		if (IsA(n, ColumnDef)) {
			const ColumnDef *col = (const ColumnDef *)n;
			exists(c, "column", table, col->colname);
			depends(c, "column", table, col->colname, "type", type_name_of(col->typeName));
			constraints = col->constraints;
		} else if (IsA(n, Constraint)) {
			constraints = list_make1((void *)n);
		}
		const ListCell *k;
		foreach (k, constraints) {
			const Constraint *con = lfirst(k);
			if (con->conname)
				exists(c, "constraint", table, con->conname);
			if (con->contype == CONSTR_PRIMARY)
				exists(c, "primary key", table, "");
			foreign_key(c, table, con);
		}
	}
}

static void alter_table(mg_check *c, const AlterTableStmt *s)
{
	const char *table = s->relation->relname;
	const ListCell *lc;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		c->facts->maybe = cmd->subtype == AT_AddColumn && cmd->missing_ok;
		switch (cmd->subtype) {
		case AT_AddColumn: {
			const ColumnDef *col = (const ColumnDef *)cmd->def;
			exists(c, "column", table, col->colname);
			depends(c, "column", table, col->colname, "type", type_name_of(col->typeName));
			const ListCell *k;
			foreach (k, col->constraints)
				foreign_key(c, table, lfirst(k));
			break;
		}
		case AT_DropColumn:
			missing(c, "column", table, cmd->name);
			break;
		case AT_AddConstraint: {
			const Constraint *con = (const Constraint *)cmd->def;
			if (con->conname)
				exists(c, "constraint", table, con->conname);
			else if (con->contype == CONSTR_PRIMARY)
				exists(c, "primary key", table, "");
			foreign_key(c, table, con);
			break;
		}
		case AT_DropConstraint:
			missing(c, "constraint", table, cmd->name);
			break;
		case AT_AttachPartition:
			exists(c, "partition", table, ((const PartitionCmd *)cmd->def)->name->relname);
			break;
		case AT_DetachPartition:
			missing(c, "partition", table, ((const PartitionCmd *)cmd->def)->name->relname);
			break;
		case AT_AddInherit:
			exists(c, "inherits", table, ((const RangeVar *)cmd->def)->relname);
			break;
		case AT_DropInherit:
			missing(c, "inherits", table, ((const RangeVar *)cmd->def)->relname);
			break;
		case AT_AddIdentity:
			exists(c, "identity", table, cmd->name);
			break;
		case AT_DropIdentity:
			missing(c, "identity", table, cmd->name);
			break;
		default:
			break;
		}
	}
}

static void alter_domain(mg_check *c, const AlterDomainStmt *s)
{
	const char *domain = mg_name_last(s->typeName);
	if (s->subtype == 'C' && s->def && IsA(s->def, Constraint) && ((const Constraint *)s->def)->conname)
		add_effect(c, EFFECT_EXISTS, "domain constraint", domain,
			   ((const Constraint *)s->def)->conname, "type");
	else if (s->subtype == 'X')
		add_effect(c, EFFECT_MISSING, "domain constraint", domain, s->name, "type");
}

static void renamed(mg_check *c, const RenameStmt *s)
{
	switch (s->renameType) {
	case OBJECT_COLUMN: case OBJECT_ATTRIBUTE:
		missing(c, "column", s->relation->relname, s->subname);
		exists(c, "column", s->relation->relname, s->newname);
		return;
	case OBJECT_TABCONSTRAINT:
		missing(c, "constraint", s->relation->relname, s->subname);
		exists(c, "constraint", s->relation->relname, s->newname);
		return;
	case OBJECT_TRIGGER: case OBJECT_POLICY: case OBJECT_RULE:
		missing(c, namespace_of(s->renameType), s->relation->relname, s->subname);
		exists(c, namespace_of(s->renameType), s->relation->relname, s->newname);
		return;
	case OBJECT_SCHEMA:
		missing(c, "schema", NULL, s->subname);
		exists(c, "schema", NULL, s->newname);
		return;
	default:
		break;
	}
	if (!s->relation && !s->object && s->subname) {
		/* ALTER ROLE / DATABASE / TABLESPACE name RENAME TO: the old name is subname */
		missing(c, namespace_of(s->renameType), NULL, s->subname);
		exists(c, namespace_of(s->renameType), NULL, s->newname);
		return;
	}
	mg_object o;
	if (s->relation) {
		o = (mg_object){.ns = namespace_of(s->renameType), .name = s->relation->relname};
	} else if (!mg_object_of(c, s->renameType, s->object, &o)) {
		return;
	}
	missing(c, o.ns, o.parent, o.name);
	exists(c, o.ns, o.parent, s->newname);
}

static void drop(mg_check *c, const DropStmt *s)
{
	const ListCell *lc;
	foreach (lc, s->objects) {
		mg_object o;
		if (mg_object_of(c, s->removeType, lfirst(lc), &o))
			removed(c, o, s->behavior == DROP_CASCADE);
	}
}

/* The tables a view reads, from its FROM clause (joins included, subqueries not). */
static void view_sources(mg_check *c, const char *view, const Node *n)
{
	if (!n)
		return;
	if (IsA(n, RangeVar)) {
		depends(c, "relation", NULL, view, "relation", ((const RangeVar *)n)->relname);
	} else if (IsA(n, JoinExpr)) {
		view_sources(c, view, ((const JoinExpr *)n)->larg);
		view_sources(c, view, ((const JoinExpr *)n)->rarg);
	} else if (IsA(n, SelectStmt)) {
		const SelectStmt *sel = (const SelectStmt *)n;
		const ListCell *lc;
		foreach (lc, sel->fromClause)
			view_sources(c, view, lfirst(lc));
		view_sources(c, view, (const Node *)sel->larg);
		view_sources(c, view, (const Node *)sel->rarg);
	}
}

static void function_types(mg_check *c, const CreateFunctionStmt *s)
{
	const char *name = mg_name_last(s->funcname);
	const ListCell *lc;
	foreach (lc, s->parameters)
		depends(c, "function", NULL, name, "type",
			type_name_of(((const FunctionParameter *)lfirst(lc))->argType));
	depends(c, "function", NULL, name, "type", type_name_of(s->returnType));
}

static void rows_of(mg_check *c, const RangeVar *rv, bool present)
{
	add_effect(c, present ? EFFECT_EXISTS : EFFECT_MISSING, "rows", rv->relname, "", "relation");
}

static void create_other(mg_check *c, const Node *n)
{
	switch (nodeTag(n)) {
	case T_CreateSchemaStmt: {
		const CreateSchemaStmt *s = (const void *)n;
		exists(c, "schema", NULL,
		       s->schemaname ? s->schemaname
				     : (s->authrole ? s->authrole->rolename : NULL));
		break;
	}
	case T_CreateExtensionStmt:
		exists(c, "extension", NULL, ((const CreateExtensionStmt *)n)->extname);
		break;
	case T_CreateForeignServerStmt:
		exists(c, "server", NULL, ((const CreateForeignServerStmt *)n)->servername);
		break;
	case T_CreateFdwStmt:
		exists(c, "foreign data wrapper", NULL, ((const CreateFdwStmt *)n)->fdwname);
		break;
	case T_CreateFunctionStmt:
		exists(c, "function", NULL, mg_name_last(((const CreateFunctionStmt *)n)->funcname));
		function_types(c, (const CreateFunctionStmt *)n);
		break;
	case T_CreateEventTrigStmt:
		exists(c, "event trigger", NULL, ((const CreateEventTrigStmt *)n)->trigname);
		break;
	case T_CreateRoleStmt:
		exists(c, "role", NULL, ((const CreateRoleStmt *)n)->role);
		break;
	case T_CreatePublicationStmt:
		exists(c, "publication", NULL, ((const CreatePublicationStmt *)n)->pubname);
		break;
	case T_CreateSubscriptionStmt:
		exists(c, "subscription", NULL, ((const CreateSubscriptionStmt *)n)->subname);
		break;
	case T_CreateCastStmt: {
		const CreateCastStmt *s = (const void *)n;
		const char *cast = mg_tmp(c, "%s -> %s", type_name_last(s->sourcetype),
					  type_name_last(s->targettype));
		exists(c, "cast", NULL, cast);
		depends(c, "cast", NULL, cast, "type", type_name_last(s->sourcetype));
		depends(c, "cast", NULL, cast, "type", type_name_last(s->targettype));
		break;
	}
	case T_CreateStatsStmt:
		exists(c, "statistics", NULL, mg_name_last(((const CreateStatsStmt *)n)->defnames));
		break;
	case T_CreateConversionStmt:
		exists(c, "conversion", NULL,
		       mg_name_last(((const CreateConversionStmt *)n)->conversion_name));
		break;
	case T_CreatePLangStmt:
		exists(c, "language", NULL, ((const CreatePLangStmt *)n)->plname);
		break;
	case T_CreateAmStmt:
		exists(c, "access method", NULL, ((const CreateAmStmt *)n)->amname);
		break;
	case T_CreateTableSpaceStmt:
		exists(c, "tablespace", NULL, ((const CreateTableSpaceStmt *)n)->tablespacename);
		break;
	case T_CreatedbStmt:
		exists(c, "database", NULL, ((const CreatedbStmt *)n)->dbname);
		break;
	case T_CreateOpClassStmt:
		exists(c, "operator class", NULL, mg_name_last(((const CreateOpClassStmt *)n)->opclassname));
		break;
	case T_CreateOpFamilyStmt:
		exists(c, "operator family", NULL, mg_name_last(((const CreateOpFamilyStmt *)n)->opfamilyname));
		break;
	default:
		break;
	}
}

static void drop_other(mg_check *c, const Node *n)
{
	switch (nodeTag(n)) {
	case T_DropRoleStmt: {
		const ListCell *lc;
		foreach (lc, ((const DropRoleStmt *)n)->roles) {
			const RoleSpec *r = lfirst(lc);
			if (r->rolename)
				missing(c, "role", NULL, r->rolename);
		}
		break;
	}
	case T_DropdbStmt:
		missing(c, "database", NULL, ((const DropdbStmt *)n)->dbname);
		break;
	case T_DropTableSpaceStmt:
		missing(c, "tablespace", NULL, ((const DropTableSpaceStmt *)n)->tablespacename);
		break;
	case T_DropSubscriptionStmt:
		missing(c, "subscription", NULL, ((const DropSubscriptionStmt *)n)->subname);
		break;
	default:
		break;
	}
}

/* True for a create that succeeds whether or not the object was there. */
static bool guarded_create(const Node *n)
{
	switch (nodeTag(n)) {
	case T_CreateStmt: return ((const CreateStmt *)n)->if_not_exists;
	case T_CreateForeignTableStmt: return ((const CreateForeignTableStmt *)n)->base.if_not_exists;
	case T_CreateTableAsStmt: return ((const CreateTableAsStmt *)n)->if_not_exists;
	case T_ViewStmt: return ((const ViewStmt *)n)->replace;
	case T_CreateSeqStmt: return ((const CreateSeqStmt *)n)->if_not_exists;
	case T_IndexStmt: return ((const IndexStmt *)n)->if_not_exists;
	case T_AlterTableStmt: {
		const AlterTableCmd *cmd = linitial(((const AlterTableStmt *)n)->cmds);
		return cmd->subtype == AT_AddColumn && cmd->missing_ok;
	}
	default: return false;
	}
}

static void record(mg_check *c, const Node *n);

void mg_facts_record(mg_check *c, const Node *n)
{
	/* names are compared by address in owner_key: valid only within one statement */
	c->facts->last_owner_name = NULL;
	c->facts->maybe = guarded_create(n);
	record(c, n);
	c->facts->maybe = false;
}

static void record(mg_check *c, const Node *n)
{
	switch (nodeTag(n)) {
	case T_CreateStmt:
	case T_CreateForeignTableStmt: {
		const CreateStmt *s = (const void *)n;
		/* Columns and constraints are made only if the table is: a CREATE TABLE that
		 * fails, or IF NOT EXISTS that finds the table, leaves them as they were. */
		c->facts->unless = intern(c->facts, "relation", NULL, s->relation->relname);
		table_elements(c, s->relation->relname, s->tableElts);
		c->facts->unless = -1;
		exists(c, "relation", NULL, s->relation->relname);
		break;
	}
	case T_CreateTableAsStmt:
		exists(c, "relation", NULL, ((const CreateTableAsStmt *)n)->into->rel->relname);
		break;
	case T_SelectStmt: {
		const SelectStmt *s = (const void *)n;
		if (s->intoClause)
			exists(c, "relation", NULL, s->intoClause->rel->relname); /* SELECT ... INTO t */
		break;
	}
	case T_ViewStmt: {
		const ViewStmt *s = (const void *)n;
		exists(c, "relation", NULL, s->view->relname);
		view_sources(c, s->view->relname, s->query);
		break;
	}
	case T_CreateSeqStmt:
		exists(c, "relation", NULL, ((const CreateSeqStmt *)n)->sequence->relname);
		break;
	case T_IndexStmt: {
		const IndexStmt *s = (const void *)n;
		if (s->idxname)
			exists_on(c, "relation", s->idxname, s->relation->relname);
		break;
	}
	case T_CreateTrigStmt: {
		const CreateTrigStmt *s = (const void *)n;
		exists(c, "trigger", s->relation->relname, s->trigname);
		break;
	}
	case T_CreatePolicyStmt: {
		const CreatePolicyStmt *s = (const void *)n;
		exists(c, "policy", s->table->relname, s->policy_name);
		break;
	}
	case T_RuleStmt: {
		const RuleStmt *s = (const void *)n;
		exists(c, "rule", s->relation->relname, s->rulename);
		break;
	}
	case T_DefineStmt: {
		const DefineStmt *s = (const void *)n;
		exists(c, namespace_of(s->kind), NULL, mg_name_last(s->defnames));
		break;
	}
	case T_CreateEnumStmt: {
		const CreateEnumStmt *s = (const void *)n;
		const char *type = mg_name_last(s->typeName);
		c->facts->unless = intern(c->facts, "type", NULL, type);
		const ListCell *lc;
		foreach (lc, s->vals)
			add_effect(c, EFFECT_EXISTS, "enum value", type, strVal(lfirst(lc)), "type");
		c->facts->unless = -1;
		exists(c, "type", NULL, type);
		break;
	}
	case T_CompositeTypeStmt:
		exists(c, "type", NULL, ((const CompositeTypeStmt *)n)->typevar->relname);
		break;
	case T_CreateRangeStmt:
		exists(c, "type", NULL, mg_name_last(((const CreateRangeStmt *)n)->typeName));
		break;
	case T_CreateDomainStmt: {
		const CreateDomainStmt *s = (const void *)n;
		exists(c, "type", NULL, mg_name_last(s->domainname));
		depends(c, "type", NULL, mg_name_last(s->domainname), "type", type_name_of(s->typeName));
		break;
	}
	case T_AlterEnumStmt: {
		const AlterEnumStmt *s = (const void *)n;
		const char *type = mg_name_last(s->typeName);
		if (s->oldVal)
			add_effect(c, EFFECT_MISSING, "enum value", type, s->oldVal, "type");
		add_effect(c, EFFECT_EXISTS, "enum value", type, s->newVal, "type");
		break;
	}
	case T_AlterTableStmt:
		alter_table(c, (const AlterTableStmt *)n);
		break;
	case T_AlterDomainStmt:
		alter_domain(c, (const AlterDomainStmt *)n);
		break;
	case T_CopyStmt: {
		const CopyStmt *s = (const void *)n;
		if (s->is_from && s->relation)
			rows_of(c, s->relation, true);
		break;
	}
	case T_RenameStmt:
		renamed(c, (const RenameStmt *)n);
		break;
	case T_DropStmt:
		drop(c, (const DropStmt *)n);
		break;
	case T_InsertStmt:
		rows_of(c, ((const InsertStmt *)n)->relation, true);
		break;
	case T_DeleteStmt: {
		const DeleteStmt *s = (const void *)n;
		if (!s->whereClause)
			rows_of(c, s->relation, false);
		break;
	}
	case T_TruncateStmt: {
		const ListCell *lc;
		foreach (lc, ((const TruncateStmt *)n)->relations)
			rows_of(c, lfirst(lc), false);
		break;
	}
	default:
		create_other(c, n);
		drop_other(c, n);
		break;
	}
}
