/* The replay (facts.h): the objects a file creates and drops, and which re-run conditions hold.
 *
 * Every statement records its effects on named objects: "relation users exists",
 * "column email of users is missing", "children of relation users are gone" (DROP TABLE).
 * Idempotency rules do not decide alone: the check layer holds their finding on the object
 * state that makes the statement fail ("fails if column email of users exists"). Once the
 * whole file is read, the file is replayed twice over these effects, exactly as running it
 * twice would do, and a condition stands only if its object is in that state at its statement
 * in the second run. This file only answers; the findings stay with whoever held them.
 * That is what makes `DROP TRIGGER IF EXISTS t ON x; CREATE TRIGGER t ...`, a table dropped and
 * re-created before its indexes, or `CREATE TABLE tmp ...; DROP TABLE tmp` come out right
 * without special cases. Names are compared without their schema (a documented limit). */
#include "miglint/facts.h"

#include "miglint/common.h"

#include "nodes/nodeFuncs.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum effect_kind {
	EFFECT_EXISTS,
	EFFECT_MISSING,
	EFFECT_CLEAR_CHILDREN,   /* DROP TABLE: its columns, indexes, triggers go too */
	EFFECT_DROP_DEPENDENTS,  /* DROP ... CASCADE: whatever uses the object goes too */
	EFFECT_SET_OWNER,        /* OWNED BY: the object now goes with another (a sequence) */
	EFFECT_SET_TYPE,         /* a column's "has type T" fact exists, its other types' not */
} effect_kind;

/* `user` (a column, a function, a view, ...) depends on `used` (a type, a table): PostgreSQL
 * refuses to drop `used` without CASCADE while `user` exists. */
typedef struct dependency {
	int user;
	int used;
	int next; /* the next dependency on the same `used`, or -1 */
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
	int *dep_head;     /* by key: its first dependency as `used`, or -1 (a list per key, so
			    * that a drop visits its own dependents, not every dependency) */
	int *column_type;  /* by column key: the key of the type the file last gave it, or -1
			    * (only types the file knows: an enum's literals are judged by it) */
	/* Facts of column types (type_fact), by key; NULL until the file has one, since most
	 * files alter no column's type: */
	int *type_fact;    /* by column key: the fact "has type T" last recorded for it, or -1 */
	int *type_facts;   /* by column key: its first fact of a type, or -1 */
	int *next_fact;    /* by fact key: the next fact of a type of the same column, -1 at the
			    * end, -2 for a key that is no such fact */
	MG_VEC(int) temps; /* temporary relations the file creates: gone in the next session */
	key_state *now;    /* state during the first pass, for mg_facts_created_at */
	mg_buf scratch;    /* key being looked up */
	const char *last_owner_name, *last_owner_ns; /* owner_key's one-entry cache */
	int last_owner;
	int unless;        /* condition for the effects being recorded, or -1 */
	bool maybe;        /* the statement being recorded is a guarded create */
	int time;          /* the current statement */
	int groups;        /* groups held so far, numbered from 1 */
	bool *stands;      /* by group, once resolved */
	char pair[MG_OBJECT_PAIR_MAX]; /* a cast's name while its statement is recorded */
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
	free(f->temps.items);
	free(f->held.items);
	free(f->stands);
	free(f->deps.items);
	free(f->dep_head);
	free(f->column_type);
	free(f->type_fact);
	free(f->type_facts);
	free(f->next_fact);
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

static size_t build_object_key(mg_facts *f, mg_object o)
{
	return build_key(f, o.ns, o.parent, o.name);
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

/* Sizes the arrays of type facts to key_cap, the keys from `from` on without facts. */
static void grow_type_facts(mg_facts *f, size_t from)
{
	f->type_fact = mg_xrealloc(f->type_fact, f->key_cap * sizeof(int));
	f->type_facts = mg_xrealloc(f->type_facts, f->key_cap * sizeof(int));
	f->next_fact = mg_xrealloc(f->next_fact, f->key_cap * sizeof(int));
	for (size_t k = from; k < f->key_cap; k++) {
		f->type_fact[k] = f->type_facts[k] = -1;
		f->next_fact[k] = -2;
	}
}

/* Interns the key built last in the scratch buffer, whose hash is h. */
static int intern_built(mg_facts *f, size_t h)
{
	size_t i = find_slot(f, h);
	if (f->slots[i])
		return f->slots[i] - 1;
	if (f->key_count == f->key_cap) {
		f->key_cap = f->key_cap ? f->key_cap * 2 : 64;
		f->keys = mg_xrealloc(f->keys, f->key_cap * sizeof(char *));
		f->hashes = mg_xrealloc(f->hashes, f->key_cap * sizeof(size_t));
		f->now = mg_xrealloc(f->now, f->key_cap * sizeof(key_state));
		f->dep_head = mg_xrealloc(f->dep_head, f->key_cap * sizeof(int));
		f->column_type = mg_xrealloc(f->column_type, f->key_cap * sizeof(int));
		if (f->type_fact)
			grow_type_facts(f, f->key_count);
	}
	f->dep_head[f->key_count] = -1;
	f->column_type[f->key_count] = -1;
	int id = (int)f->key_count++;
	f->keys[id] = mg_xstrndup(f->scratch.data, f->scratch.len);
	f->hashes[id] = h;
	f->now[id] = (key_state){.time = -1, .owner = -1, .cleared = -1};
	f->slots[i] = id + 1;
	if (f->key_count * 2 > f->slot_count)
		grow_slots(f);
	return id;
}

static int intern(mg_facts *f, const char *ns, const char *parent, const char *name)
{
	return intern_built(f, build_key(f, ns, parent, name));
}

static int intern_object(mg_facts *f, mg_object o)
{
	return intern_built(f, build_object_key(f, o));
}

/* The key of obj when the replay has seen it, or -1. */
static int find_object(mg_facts *f, mg_object o)
{
	return f->slots[find_slot(f, build_object_key(f, o))] - 1;
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
		for (int d = applying->dep_head[e->key]; d >= 0; d = applying->deps.items[d].next) {
			key_state *u = &st[applying->deps.items[d].user];
			u->time = time;
			u->exists = false;
		}
		return;
	}
	if (e->kind == EFFECT_SET_OWNER) {
		st[e->key].owner = e->owner;
		return;
	}
	int before = state_of(st, e->unless >= 0 ? e->unless : e->key);
	if (e->unless >= 0 && before == 1)
		return;
	if (e->kind == EFFECT_CLEAR_CHILDREN) {
		st[e->key].cleared = time;
		return;
	}
	/* a column has one type: the facts of its other types are false from now on */
	if (e->kind == EFFECT_SET_TYPE)
		for (int k = applying->type_facts[e->owner]; k >= 0; k = applying->next_fact[k]) {
			if (k != e->key) {
				st[k].time = time;
				st[k].exists = false;
			}
		}
	bool made = e->kind == EFFECT_EXISTS || e->kind == EFFECT_SET_TYPE;
	st[e->key].fresh = made && (!e->maybe || before == 0);
	/* An object made afresh has none of the children an earlier object of its name had
	 * (a table renamed away and made again has no rows; a type re-created after a swap
	 * has only its new values). Its own children, recorded at its time, stay. */
	if (st[e->key].fresh && before != 1)
		st[e->key].cleared = time;
	st[e->key].time = time;
	st[e->key].exists = made;
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

static void push_effect(mg_facts *f, effect_kind kind, int key, int owner)
{
	effect e = {.time = f->time, .kind = kind, .key = key, .owner = owner, .unless = f->unless,
		    .maybe = f->maybe};
	MG_VEC_PUSH(f->effects, e);
	applying = f;
	apply(f->now, &e, f->time);
}

static void add_effect(mg_facts *f, effect_kind kind, const char *ns, const char *parent,
		       const char *name, const char *owner_ns)
{
	if (!name)
		return;
	int key = intern(f, ns, parent, name);
	push_effect(f, kind, key, parent && owner_ns ? owner_key(f, owner_ns, parent) : -1);
}

/* A function's or procedure's effect (objects.h). An overload lives on its function's name,
 * which stands for every overload at once: dropping or renaming the name alone (DROP FUNCTION
 * f) takes every overload, and making an overload makes the name exist. Dropping one overload
 * leaves the name as it was: other overloads may remain. Returns the key of o. */
static int routine_effect(mg_facts *f, effect_kind kind, mg_object o)
{
	const char *function = o.parent ? o.parent : o.name;
	int bare = intern(f, "function", NULL, function);
	if (!o.parent || kind == EFFECT_EXISTS)
		push_effect(f, kind, bare, -1);
	if (!o.parent)
		return bare;
	int key = intern_object(f, o);
	push_effect(f, kind, key, bare);
	return key;
}

static void add_dependency(mg_facts *f, int user, int used)
{
	MG_VEC_PUSH(f->deps, ((dependency){user, used, f->dep_head[used]}));
	f->dep_head[used] = (int)f->deps.len - 1;
}

/* Records that the object `user` uses another. */
static void depends_key(mg_facts *f, int user, const char *used_ns, const char *used_name)
{
	if (!used_name)
		return;
	/* Only objects this file creates or drops can fail a drop on a second run, and their key
	 * exists by now (a type used before the file makes it fails the first run already): the
	 * types of most columns (int, text, ...) are never interned. */
	size_t slot = find_slot(f, build_key(f, used_ns, NULL, used_name));
	if (f->slots[slot])
		add_dependency(f, user, f->slots[slot] - 1);
}

/* Records that the object named by (user_ns, user_parent, user_name) uses another. */
static void depends(mg_facts *f, const char *user_ns, const char *user_parent, const char *user_name,
		    const char *used_ns, const char *used_name)
{
	if (!user_name || !used_name)
		return;
	/* the user is interned only when the used object is known (depends_key) */
	size_t slot = find_slot(f, build_key(f, used_ns, NULL, used_name));
	if (!f->slots[slot])
		return;
	add_dependency(f, intern(f, user_ns, user_parent, user_name), f->slots[slot] - 1);
}

/* Records that column `column` of `table` now has the type `type` ("?" for one that cannot be
 * named): its fact exists and the facts of the column's other types do not (EFFECT_SET_TYPE).
 * A fact lives on its column: a second run finds the type the first left unless a statement
 * dropped or made the column again (a column made afresh has none of its name's earlier
 * facts). ALTER COLUMN ... TYPE ... USING an expression only the old type can take holds its
 * condition on it. `always`: record it even when the column has no fact yet. Only ALTER COLUMN
 * TYPE needs one: a CREATE TABLE or ADD COLUMN after it records one too, but the many columns a
 * file only creates cost nothing. */
static void type_fact(mg_facts *f, const char *table, const char *column, const char *type,
		      bool always)
{
	if (!always && !f->type_fact)
		return;
	int col = intern(f, "column", table, column);
	if (!f->type_fact)
		grow_type_facts(f, 0);
	char buf[MG_OBJECT_PAIR_MAX];
	mg_object o;
	if ((!always && f->type_facts[col] < 0) ||
	    !mg_objects_column_type(&o, buf, table, column, type ? type : "?"))
		return;
	int key = intern_object(f, o);
	if (f->next_fact[key] == -2) {
		f->next_fact[key] = f->type_facts[col];
		f->type_facts[col] = key;
	}
	f->type_fact[col] = key;
	push_effect(f, EFFECT_SET_TYPE, key, col);
}

/* The type name in the fact `key` records ("column type \x1f table \x1f column \x1f type"). */
static const char *type_of_fact(const mg_facts *f, int key)
{
	return key >= 0 ? strrchr(f->keys[key], '\x1f') + 1 : NULL;
}

/* Records the type of column `column` of `table`: its fact (type_fact), and, when the file
 * knows the type, its dependency on the type. */
static void column_typed(mg_facts *f, const char *table, const char *column, const TypeName *tn,
			 bool altered)
{
	char name[MG_OBJECT_PAIR_MAX];
	if (column)
		type_fact(f, table, column, tn && mg_objects_type(name, tn) ? name : NULL, altered);

	const char *type = tn ? mg_name_last(tn->names) : NULL;
	if (!column || !type)
		return;
	size_t slot = find_slot(f, build_key(f, "type", NULL, type));
	int key = intern(f, "column", table, column);
	f->column_type[key] = f->slots[slot] ? f->slots[slot] - 1 : -1;
	if (f->slots[slot])
		depends(f, "column", table, column, "type", type);
}

/* Records that user (an index, a constraint) is on column `column` of table: dropping the
 * column drops it too, CASCADE or not. Only columns the file has seen are interned. */
static void on_column(mg_facts *f, int user, const char *table, const char *column)
{
	if (!column)
		return;
	size_t slot = find_slot(f, build_key(f, "column", table, column));
	if (f->slots[slot])
		add_dependency(f, user, f->slots[slot] - 1);
}

/* raw_expression_tree_walker takes PostgreSQL's unprototyped walker type. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
typedef bool (*pg_walker)();
#pragma GCC diagnostic pop

typedef struct column_walk {
	mg_facts *f;
	int user;
	const char *table;
} column_walk;

/* The columns an expression of one table names (a CHECK, an index expression or predicate):
 * dropping any of them drops the object that holds the expression. */
static bool expression_columns_walker(Node *node, void *context)
{
	if (!node)
		return false;
	if (IsA(node, ColumnRef)) {
		const column_walk *w = context;
		const List *fields = ((const ColumnRef *)node)->fields;
		if (list_length(fields) >= 1 && IsA(llast(fields), String))
			on_column(w->f, w->user, w->table, strVal(llast(fields)));
		return false;
	}
	return raw_expression_tree_walker(node, (pg_walker)expression_columns_walker, context);
}

static void expression_columns(mg_facts *f, int user, const char *table, const Node *expr)
{
	column_walk w = {f, user, table};
	if (expr)
		expression_columns_walker((Node *)expr, &w);
}

static void column_names(mg_facts *f, int user, const char *table, const List *names)
{
	const ListCell *lc;
	foreach (lc, names)
		if (IsA(lfirst(lc), String))
			on_column(f, user, table, strVal(lfirst(lc)));
}

/* The columns a constraint covers (UNIQUE, PRIMARY KEY, EXCLUDE keys, a foreign key's own
 * columns, what a CHECK reads; a column's own). */
static void constraint_columns(mg_facts *f, int user, const char *table, const Constraint *con,
			       const char *own_column)
{
	on_column(f, user, table, own_column);
	column_names(f, user, table, con->keys);
	column_names(f, user, table, con->including);
	column_names(f, user, table, con->fk_attrs);
	if (con->contype == CONSTR_CHECK)
		expression_columns(f, user, table, con->raw_expr);
}

/* Records that the object (user_ns, parent, name) lives in schema `schema` (a qualified
 * name): DROP SCHEMA ... CASCADE takes it, DROP SCHEMA without it fails while it is there. */
static void in_schema(mg_facts *f, const char *user_ns, const char *parent, const char *name,
		      const char *schema)
{
	if (schema)
		depends(f, user_ns, parent, name, "schema", schema);
}

static void in_schema_key(mg_facts *f, int user, const char *schema)
{
	if (schema)
		depends_key(f, user, "schema", schema);
}

/* The schema of a qualified name list (schema.name or catalog.schema.name), or NULL. */
static const char *schema_of_names(const List *names)
{
	int n = list_length(names);
	if (n < 2 || !IsA(list_nth(names, n - 2), String))
		return NULL;
	return strVal(list_nth(names, n - 2));
}

static const char *type_name_of(const TypeName *tn)
{
	return tn ? mg_name_last(tn->names) : NULL;
}

static void exists(mg_facts *f, const char *ns, const char *parent, const char *name)
{
	add_effect(f, EFFECT_EXISTS, ns, parent, name, "relation");
}

static void missing(mg_facts *f, const char *ns, const char *parent, const char *name)
{
	add_effect(f, EFFECT_MISSING, ns, parent, name, "relation");
}

/* An object that lives on a relation but has a name of its own (an index). */
static void exists_on(mg_facts *f, const char *ns, const char *name, const char *table)
{
	effect e = {.time = f->time, .kind = EFFECT_EXISTS, .owner = -1, .unless = -1,
		    .maybe = f->maybe};
	e.key = intern(f, ns, NULL, name);
	if (table)
		e.owner = intern(f, "relation", NULL, table);
	MG_VEC_PUSH(f->effects, e);
	applying = f;
	apply(f->now, &e, f->time);
}

static void removed(mg_facts *f, mg_object o, bool cascade)
{
	if (strcmp(o.ns, "function") == 0) {
		/* an overload has no children; a name alone takes its overloads */
		int key = routine_effect(f, EFFECT_MISSING, o);
		if (!o.parent)
			push_effect(f, EFFECT_CLEAR_CHILDREN, key, -1);
		if (cascade)
			push_effect(f, EFFECT_DROP_DEPENDENTS, key, -1);
		return;
	}
	missing(f, o.ns, o.parent, o.name);
	add_effect(f, EFFECT_CLEAR_CHILDREN, o.ns, o.parent, o.name, NULL);
	if (cascade)
		add_effect(f, EFFECT_DROP_DEPENDENTS, o.ns, o.parent, o.name, NULL);
}

int mg_facts_next_statement(mg_facts *f)
{
	return ++f->time;
}

int mg_facts_hold(mg_facts *f, int group, mg_fails_when when, mg_object obj)
{
	if (!obj.name)
		return 0;
	if (group <= 0)
		group = ++f->groups;
	held h = {.time = f->time, .when = when, .group = group, .and_exists = -1};
	h.key = intern_object(f, obj);
	MG_VEC_PUSH(f->held, h);
	return group;
}

int mg_facts_created_at(const mg_facts *f, mg_object obj)
{
	mg_facts *mut = (mg_facts *)f; /* the lookup only uses the scratch buffer */
	size_t i = find_slot(mut, build_object_key(mut, obj));
	int found = f->slots[i] - 1;
	if (found < 0 || state_of(f->now, found) != 1 || !f->now[found].fresh)
		return -1;
	return f->now[found].time;
}

int mg_facts_made_at(const mg_facts *f, mg_object obj)
{
	mg_facts *mut = (mg_facts *)f; /* the lookup only uses the scratch buffer */
	size_t i = find_slot(mut, build_object_key(mut, obj));
	int found = f->slots[i] - 1;
	if (found < 0 || state_of(f->now, found) != 1)
		return -1;
	return f->now[found].time;
}

const char *mg_facts_column_type(const mg_facts *f, const char *table, const char *column)
{
	mg_facts *mut = (mg_facts *)f; /* the lookup only uses the scratch buffer */
	int found = mut->slots[find_slot(mut, build_key(mut, "column", table, column))] - 1;
	if (found < 0 || f->column_type[found] < 0)
		return NULL;
	const char *key = f->keys[f->column_type[found]];
	return strchr(strchr(key, '\x1f') + 1, '\x1f') + 1; /* "type \x1f \x1f name" */
}

void mg_facts_narrow(mg_facts *f, int group, mg_object obj)
{
	if (f->held.len && obj.name && f->held.items[f->held.len - 1].group == group)
		f->held.items[f->held.len - 1].and_exists = intern_object(f, obj);
}

void mg_facts_group_object(const mg_facts *f, int group, mg_object *obj_out,
			   char **storage_out)
{
	/* Groups are numbered as they are held and a group's conditions are held together, so
	 * the list is in group order: the first condition of a group is found by bisection (a
	 * scan per finding made a 50 MB file quadratic). */
	size_t lo = 0, hi = f->held.len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->held.items[mid].group < group)
			lo = mid + 1;
		else
			hi = mid;
	}
	assert(lo < f->held.len && f->held.items[lo].group == group);
	const held *h = &f->held.items[lo];
	const char *key = f->keys[h->key];
	const char *sep1 = strchr(key, '\x1f'), *sep2 = strchr(sep1 + 1, '\x1f');
	char *copy = mg_xstrdup(key);
	copy[sep1 - key] = '\0';
	copy[sep2 - key] = '\0';
	*obj_out = (mg_object){copy, sep2 > sep1 + 1 ? copy + (sep1 - key) + 1 : NULL,
			       copy + (sep2 - key) + 1};
	*storage_out = copy;
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
		for (int d = applying->dep_head[h->key]; d >= 0; d = applying->deps.items[d].next)
			if (state_of(st, applying->deps.items[d].user) == 1)
				return true;
		return false;
	}
	return true;
}

/* Judges the held conditions of one statement (held[*h] onward, all at `time`) against the
 * state just before it, noting which groups stand. Returns true if the statement fails. */
static bool judge_statement(mg_facts *f, const key_state *st, size_t *h, int time)
{
	bool statement_fails = false;
	while (*h < f->held.len && f->held.items[*h].time == time) {
		bool fails = false;
		int group = f->held.items[*h].group;
		for (; *h < f->held.len && f->held.items[*h].group == group; (*h)++)
			fails = fails || condition_holds(st, &f->held.items[*h]);
		f->stands[group] = fails;
		statement_fails = statement_fails || fails;
	}
	return statement_fails;
}

void mg_facts_resolve(mg_facts *f)
{
	applying = f;
	free(f->stands);
	f->stands = mg_xcalloc((size_t)f->groups + 1, sizeof(bool));
	key_state *st = mg_xcalloc(f->key_count ? f->key_count : 1, sizeof(key_state));
	for (size_t k = 0; k < f->key_count; k++)
		st[k] = (key_state){.time = -1, .owner = -1, .cleared = -1};
	/* First run: every effect, in order (the first run is assumed to succeed). */
	for (size_t i = 0; i < f->effects.len; i++)
		apply(st, &f->effects.items[i], f->effects.items[i].time);
	/* The tool runs the file again in a new session: its temporary relations, and what
	 * lives on them or uses them, are gone. */
	int shift = f->time + 1;
	for (size_t i = 0; i < f->temps.len; i++) {
		effect gone = {.time = shift, .key = f->temps.items[i], .owner = -1, .unless = -1};
		static const effect_kind kinds[] = {EFFECT_MISSING, EFFECT_CLEAR_CHILDREN,
						    EFFECT_DROP_DEPENDENTS};
		for (size_t k = 0; k < 3; k++) {
			gone.kind = kinds[k];
			apply(st, &gone, shift);
		}
	}
	/* Second run: statement by statement, judge the held conditions just before the
	 * statement; a statement that fails has no effects, as under a savepoint. */
	size_t e = 0, h = 0;
	while (h < f->held.len || e < f->effects.len) {
		int time = h < f->held.len ? f->held.items[h].time : f->effects.items[e].time;
		if (e < f->effects.len && f->effects.items[e].time < time)
			time = f->effects.items[e].time;
		bool fails = judge_statement(f, st, &h, time);
		for (; e < f->effects.len && f->effects.items[e].time == time; e++)
			if (!fails)
				apply(st, &f->effects.items[e], time + shift);
	}
	free(st);
}

bool mg_facts_stands(const mg_facts *f, int group)
{
	return f->stands && group > 0 && group <= f->groups && f->stands[group];
}

/* ---- effects of each statement ----------------------------------------------------------- */

static void foreign_key(mg_facts *f, const char *table, const Constraint *con)
{
	if (con->contype != CONSTR_FOREIGN || !con->pktable)
		return;
	if (con->conname)
		depends(f, "constraint", table, con->conname, "relation", con->pktable->relname);
	else
		depends(f, "relation", NULL, table, "relation", con->pktable->relname);
}

static void table_elements(mg_facts *f, const char *table, const List *elts)
{
	const ListCell *lc;
	foreach (lc, elts) {
		const Node *n = lfirst(lc);
		const List *constraints = NIL;
		if (IsA(n, ColumnDef)) {
			const ColumnDef *col = (const ColumnDef *)n;
			exists(f, "column", table, col->colname);
			column_typed(f, table, col->colname, col->typeName, false);
			constraints = col->constraints;
		} else if (IsA(n, Constraint)) {
			constraints = list_make1((void *)n);
		}
		const ListCell *k;
		foreach (k, constraints) {
			const Constraint *con = lfirst(k);
			if (con->conname) {
				exists(f, "constraint", table, con->conname);
				constraint_columns(f, intern(f, "constraint", table, con->conname), table,
						   con, IsA(n, ColumnDef) ? ((const ColumnDef *)n)->colname : NULL);
			}
			if (con->contype == CONSTR_PRIMARY)
				exists(f, "primary key", table, "");
			foreign_key(f, table, con);
		}
	}
}

static void alter_table(mg_facts *f, const AlterTableStmt *s)
{
	const char *table = s->relation->relname;
	const ListCell *lc;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		f->maybe = cmd->subtype == AT_AddColumn && cmd->missing_ok;
		switch (cmd->subtype) {
		case AT_AddColumn: {
			const ColumnDef *col = (const ColumnDef *)cmd->def;
			/* IF NOT EXISTS over a column that is there leaves its type as it was */
			if (cmd->missing_ok)
				f->unless = intern(f, "column", table, col->colname);
			column_typed(f, table, col->colname, col->typeName, false);
			f->unless = -1;
			exists(f, "column", table, col->colname);
			const ListCell *k;
			foreach (k, col->constraints)
				foreign_key(f, table, lfirst(k));
			break;
		}
		case AT_AlterColumnType:
			if (cmd->def && IsA(cmd->def, ColumnDef))
				column_typed(f, table, cmd->name, ((const ColumnDef *)cmd->def)->typeName,
					     true);
			break;
		case AT_DropColumn:
			missing(f, "column", table, cmd->name);
			/* its indexes and constraints go with it, CASCADE or not */
			add_effect(f, EFFECT_DROP_DEPENDENTS, "column", table, cmd->name, NULL);
			break;
		case AT_AddConstraint: {
			const Constraint *con = (const Constraint *)cmd->def;
			if (con->conname) {
				exists(f, "constraint", table, con->conname);
				constraint_columns(f, intern(f, "constraint", table, con->conname), table,
						   con, NULL);
			}
			else if (con->contype == CONSTR_PRIMARY)
				exists(f, "primary key", table, "");
			/* PRIMARY KEY / UNIQUE USING INDEX renames the index to the constraint's name:
			 * the next run finds the old name free */
			if (con->indexname && con->conname && strcmp(con->indexname, con->conname) != 0) {
				missing(f, "relation", NULL, con->indexname);
				exists_on(f, "relation", con->conname, table);
			}
			foreign_key(f, table, con);
			break;
		}
		case AT_DropConstraint:
			missing(f, "constraint", table, cmd->name);
			break;
		case AT_AttachPartition:
			exists(f, "partition", table, ((const PartitionCmd *)cmd->def)->name->relname);
			break;
		case AT_DetachPartition:
			missing(f, "partition", table, ((const PartitionCmd *)cmd->def)->name->relname);
			break;
		case AT_AddInherit:
			exists(f, "inherits", table, ((const RangeVar *)cmd->def)->relname);
			break;
		case AT_DropInherit:
			missing(f, "inherits", table, ((const RangeVar *)cmd->def)->relname);
			break;
		case AT_AddIdentity:
			exists(f, "identity", table, cmd->name);
			break;
		case AT_DropIdentity:
			missing(f, "identity", table, cmd->name);
			break;
		default:
			break;
		}
	}
}

static void alter_domain(mg_facts *f, const AlterDomainStmt *s)
{
	const char *domain = mg_name_last(s->typeName);
	if (s->subtype == 'C' && s->def && IsA(s->def, Constraint) && ((const Constraint *)s->def)->conname)
		add_effect(f, EFFECT_EXISTS, "domain constraint", domain,
			   ((const Constraint *)s->def)->conname, "type");
	else if (s->subtype == 'X')
		add_effect(f, EFFECT_MISSING, "domain constraint", domain, s->name, "type");
}

static void renamed(mg_facts *f, const RenameStmt *s)
{
	switch (s->renameType) {
	case OBJECT_COLUMN: case OBJECT_ATTRIBUTE: {
		const char *table = s->relation->relname;
		/* the column keeps its type under its new name */
		int had = f->type_fact ? f->type_fact[intern(f, "column", table, s->subname)] : -1;
		if (had >= 0) {
			char type[MG_OBJECT_PAIR_MAX];
			snprintf(type, sizeof(type), "%s", type_of_fact(f, had));
			type_fact(f, table, s->newname, type, true);
		}
		missing(f, "column", table, s->subname);
		exists(f, "column", table, s->newname);
		return;
	}
	case OBJECT_TABCONSTRAINT:
		missing(f, "constraint", s->relation->relname, s->subname);
		exists(f, "constraint", s->relation->relname, s->newname);
		return;
	case OBJECT_TRIGGER: case OBJECT_POLICY: case OBJECT_RULE:
		missing(f, mg_objects_namespace(s->renameType), s->relation->relname, s->subname);
		exists(f, mg_objects_namespace(s->renameType), s->relation->relname, s->newname);
		return;
	case OBJECT_SCHEMA:
		missing(f, "schema", NULL, s->subname);
		exists(f, "schema", NULL, s->newname);
		return;
	default:
		break;
	}
	if (!s->relation && !s->object && s->subname) {
		/* ALTER ROLE / DATABASE / TABLESPACE name RENAME TO: the old name is subname */
		missing(f, mg_objects_namespace(s->renameType), NULL, s->subname);
		exists(f, mg_objects_namespace(s->renameType), NULL, s->newname);
		return;
	}
	mg_object o;
	if (s->relation) {
		o = (mg_object){.ns = mg_objects_namespace(s->renameType), .name = s->relation->relname};
	} else if (!mg_objects_name(&o, f->pair, s->renameType, s->object)) {
		return;
	}
	if (strcmp(o.ns, "function") == 0) {
		routine_effect(f, EFFECT_MISSING, o);
		if (o.parent)
			o.parent = s->newname;
		else
			o.name = s->newname;
		routine_effect(f, EFFECT_EXISTS, o);
		return;
	}
	missing(f, o.ns, o.parent, o.name);
	exists(f, o.ns, o.parent, s->newname);
}

static void drop(mg_facts *f, const DropStmt *s)
{
	const ListCell *lc;
	foreach (lc, s->objects) {
		mg_object o;
		if (mg_objects_name(&o, f->pair, s->removeType, lfirst(lc)))
			removed(f, o, s->behavior == DROP_CASCADE);
	}
}

typedef struct source_walk {
	mg_facts *f;
	const char *view;
	MG_VEC(const char *) ctes;
} source_walk;

static bool cte_names_walker(Node *node, void *context)
{
	if (!node)
		return false;
	if (IsA(node, CommonTableExpr))
		MG_VEC_PUSH(((source_walk *)context)->ctes, ((const CommonTableExpr *)node)->ctename);
	return raw_expression_tree_walker(node, (pg_walker)cte_names_walker, context);
}

static bool sources_walker(Node *node, void *context)
{
	if (!node)
		return false;
	source_walk *w = context;
	if (IsA(node, RangeVar)) {
		const RangeVar *rv = (const RangeVar *)node;
		for (size_t i = 0; !rv->schemaname && i < w->ctes.len; i++)
			if (strcmp(w->ctes.items[i], rv->relname) == 0)
				return false;
		depends(w->f, "relation", NULL, w->view, "relation", rv->relname);
		return false;
	}
	return raw_expression_tree_walker(node, (pg_walker)sources_walker, context);
}

/* The tables a view reads, anywhere in its query (joins, subqueries, CTEs): PostgreSQL
 * records a dependency on each, so DROP ... CASCADE of any of them takes the view. */
static void view_sources(mg_facts *f, const char *view, const Node *query)
{
	source_walk w = {f, view, {0}};
	cte_names_walker((Node *)query, &w);
	sources_walker((Node *)query, &w);
	free(w.ctes.items);
}

/* A function depends on the types of its arguments and result, and on its schema: DROP TYPE
 * or DROP SCHEMA ... CASCADE takes that overload, and only that one. */
static void function_uses(mg_facts *f, int fn, const CreateFunctionStmt *s)
{
	const ListCell *lc;
	foreach (lc, s->parameters)
		depends_key(f, fn, "type", type_name_of(((const FunctionParameter *)lfirst(lc))->argType));
	depends_key(f, fn, "type", type_name_of(s->returnType));
	in_schema_key(f, fn, schema_of_names(s->funcname));
}

static void rows_of(mg_facts *f, const RangeVar *rv, bool present)
{
	add_effect(f, present ? EFFECT_EXISTS : EFFECT_MISSING, "rows", rv->relname, "", "relation");
}

static void create_other(mg_facts *f, const Node *n)
{
	switch (nodeTag(n)) {
	case T_CreateSchemaStmt: {
		const CreateSchemaStmt *s = (const void *)n;
		exists(f, "schema", NULL,
		       s->schemaname ? s->schemaname
				     : (s->authrole ? s->authrole->rolename : NULL));
		break;
	}
	case T_CreateExtensionStmt:
		exists(f, "extension", NULL, ((const CreateExtensionStmt *)n)->extname);
		break;
	case T_CreateForeignServerStmt:
		exists(f, "server", NULL, ((const CreateForeignServerStmt *)n)->servername);
		break;
	case T_CreateFdwStmt:
		exists(f, "foreign data wrapper", NULL, ((const CreateFdwStmt *)n)->fdwname);
		break;
	case T_CreateFunctionStmt: {
		const CreateFunctionStmt *s = (const void *)n;
		mg_object o;
		mg_objects_routine(&o, f->pair, s);
		function_uses(f, routine_effect(f, EFFECT_EXISTS, o), s);
		break;
	}
	case T_CreateEventTrigStmt:
		exists(f, "event trigger", NULL, ((const CreateEventTrigStmt *)n)->trigname);
		break;
	case T_CreateRoleStmt:
		exists(f, "role", NULL, ((const CreateRoleStmt *)n)->role);
		break;
	case T_CreatePublicationStmt:
		exists(f, "publication", NULL, ((const CreatePublicationStmt *)n)->pubname);
		break;
	case T_CreateSubscriptionStmt:
		exists(f, "subscription", NULL, ((const CreateSubscriptionStmt *)n)->subname);
		break;
	case T_CreateCastStmt: {
		const CreateCastStmt *s = (const void *)n;
		char *cast = f->pair;
		snprintf(cast, sizeof(f->pair), "%s -> %s", type_name_of(s->sourcetype),
			 type_name_of(s->targettype));
		exists(f, "cast", NULL, cast);
		depends(f, "cast", NULL, cast, "type", type_name_of(s->sourcetype));
		depends(f, "cast", NULL, cast, "type", type_name_of(s->targettype));
		break;
	}
	case T_CreateStatsStmt:
		exists(f, "statistics", NULL, mg_name_last(((const CreateStatsStmt *)n)->defnames));
		break;
	case T_CreateConversionStmt:
		exists(f, "conversion", NULL,
		       mg_name_last(((const CreateConversionStmt *)n)->conversion_name));
		break;
	case T_CreatePLangStmt:
		exists(f, "language", NULL, ((const CreatePLangStmt *)n)->plname);
		break;
	case T_CreateAmStmt:
		exists(f, "access method", NULL, ((const CreateAmStmt *)n)->amname);
		break;
	case T_CreateTableSpaceStmt:
		exists(f, "tablespace", NULL, ((const CreateTableSpaceStmt *)n)->tablespacename);
		break;
	case T_CreatedbStmt:
		exists(f, "database", NULL, ((const CreatedbStmt *)n)->dbname);
		break;
	case T_CreateOpClassStmt:
		exists(f, "operator class", NULL, mg_name_last(((const CreateOpClassStmt *)n)->opclassname));
		break;
	case T_CreateOpFamilyStmt:
		exists(f, "operator family", NULL, mg_name_last(((const CreateOpFamilyStmt *)n)->opfamilyname));
		break;
	default:
		break;
	}
}

static void drop_other(mg_facts *f, const Node *n)
{
	switch (nodeTag(n)) {
	case T_DropRoleStmt: {
		const ListCell *lc;
		foreach (lc, ((const DropRoleStmt *)n)->roles) {
			const RoleSpec *r = lfirst(lc);
			if (r->rolename)
				missing(f, "role", NULL, r->rolename);
		}
		break;
	}
	case T_DropdbStmt:
		missing(f, "database", NULL, ((const DropdbStmt *)n)->dbname);
		break;
	case T_DropTableSpaceStmt:
		missing(f, "tablespace", NULL, ((const DropTableSpaceStmt *)n)->tablespacename);
		break;
	case T_DropSubscriptionStmt:
		missing(f, "subscription", NULL, ((const DropSubscriptionStmt *)n)->subname);
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

static void record(mg_facts *f, const Node *n);

void mg_facts_record(mg_facts *f, const Node *n)
{
	/* names are compared by address in owner_key: valid only within one statement */
	f->last_owner_name = NULL;
	f->maybe = guarded_create(n);
	record(f, n);
	f->maybe = false;
}

/* A relation created TEMPORARY lives until the session ends; one made in a named schema goes
 * with the schema. */
static void note_temp(mg_facts *f, const RangeVar *rv)
{
	if (rv && rv->relname && rv->relpersistence == 't' /* RELPERSISTENCE_TEMP */)
		MG_VEC_PUSH(f->temps, intern(f, "relation", NULL, rv->relname));
	if (rv && rv->relname)
		in_schema(f, "relation", NULL, rv->relname, rv->schemaname);
}

/* A sequence OWNED BY table.column is dropped with the table or the column. */
static void sequence_owner(mg_facts *f, const RangeVar *seq, const List *options)
{
	const ListCell *lc;
	foreach (lc, options) {
		const DefElem *d = lfirst(lc);
		if (strcmp(d->defname, "owned_by") != 0 || !d->arg || !IsA(d->arg, List))
			continue;
		const List *names = (const List *)d->arg;
		int n = list_length(names);
		int key = intern(f, "relation", NULL, seq->relname);
		if (n < 2 || !IsA(llast(names), String) || !IsA(list_nth(names, n - 2), String)) {
			/* OWNED BY NONE */
			effect e = {.time = f->time, .kind = EFFECT_SET_OWNER, .key = key, .owner = -1,
				    .unless = -1};
			MG_VEC_PUSH(f->effects, e);
			continue;
		}
		const char *table = strVal(list_nth(names, n - 2));
		effect e = {.time = f->time, .kind = EFFECT_SET_OWNER, .key = key,
			    .owner = intern(f, "relation", NULL, table), .unless = -1};
		MG_VEC_PUSH(f->effects, e);
		applying = f;
		apply(f->now, &e, f->time);
		on_column(f, key, table, strVal(llast(names)));
	}
}

static void record(mg_facts *f, const Node *n)
{
	switch (nodeTag(n)) {
	case T_CreateStmt:
	case T_CreateForeignTableStmt: {
		const CreateStmt *s = (const void *)n;
		/* Columns and constraints are made only if the table is: a CREATE TABLE that
		 * fails, or IF NOT EXISTS that finds the table, leaves them as they were. */
		f->unless = intern(f, "relation", NULL, s->relation->relname);
		table_elements(f, s->relation->relname, s->tableElts);
		f->unless = -1;
		exists(f, "relation", NULL, s->relation->relname);
		note_temp(f, s->relation);
		break;
	}
	case T_CreateTableAsStmt: {
		const CreateTableAsStmt *s = (const void *)n;
		exists(f, "relation", NULL, s->into->rel->relname);
		note_temp(f, s->into->rel);
		/* a materialized view depends on what it reads, as a view does (DROP ... CASCADE
		 * of a source takes it too); a table made AS SELECT does not */
		if (s->objtype == OBJECT_MATVIEW)
			view_sources(f, s->into->rel->relname, s->query);
		break;
	}
	case T_SelectStmt: {
		const SelectStmt *s = (const void *)n;
		if (s->intoClause) {
			exists(f, "relation", NULL, s->intoClause->rel->relname); /* SELECT ... INTO t */
			note_temp(f, s->intoClause->rel);
		}
		break;
	}
	case T_ViewStmt: {
		const ViewStmt *s = (const void *)n;
		exists(f, "relation", NULL, s->view->relname);
		note_temp(f, s->view);
		view_sources(f, s->view->relname, s->query);
		break;
	}
	case T_CreateSeqStmt: {
		const CreateSeqStmt *s = (const void *)n;
		exists(f, "relation", NULL, s->sequence->relname);
		note_temp(f, s->sequence);
		sequence_owner(f, s->sequence, s->options);
		break;
	}
	case T_AlterSeqStmt: {
		const AlterSeqStmt *s = (const void *)n;
		sequence_owner(f, s->sequence, s->options);
		break;
	}
	case T_IndexStmt: {
		const IndexStmt *s = (const void *)n;
		if (!s->idxname)
			break;
		exists_on(f, "relation", s->idxname, s->relation->relname);
		int index = intern(f, "relation", NULL, s->idxname);
		const ListCell *lc;
		foreach (lc, s->indexParams) {
			const IndexElem *e = lfirst(lc);
			on_column(f, index, s->relation->relname, e->name);
			expression_columns(f, index, s->relation->relname, e->expr);
		}
		foreach (lc, s->indexIncludingParams)
			on_column(f, index, s->relation->relname, ((const IndexElem *)lfirst(lc))->name);
		expression_columns(f, index, s->relation->relname, s->whereClause);
		break;
	}
	case T_CreateTrigStmt: {
		const CreateTrigStmt *s = (const void *)n;
		exists(f, "trigger", s->relation->relname, s->trigname);
		/* DROP FUNCTION ... CASCADE drops the triggers that call it: a trigger function
		 * takes no arguments, so f() or f, not f(int) */
		depends(f, "trigger", s->relation->relname, s->trigname, "function",
			mg_name_last(s->funcname));
		int fn = find_object(f, (mg_object){"function", mg_name_last(s->funcname), ""});
		if (fn >= 0)
			add_dependency(f, intern(f, "trigger", s->relation->relname, s->trigname), fn);
		break;
	}
	case T_CreatePolicyStmt: {
		const CreatePolicyStmt *s = (const void *)n;
		exists(f, "policy", s->table->relname, s->policy_name);
		break;
	}
	case T_RuleStmt: {
		const RuleStmt *s = (const void *)n;
		exists(f, "rule", s->relation->relname, s->rulename);
		break;
	}
	case T_DefineStmt: {
		const DefineStmt *s = (const void *)n;
		exists(f, mg_objects_namespace(s->kind), NULL, mg_name_last(s->defnames));
		in_schema(f, mg_objects_namespace(s->kind), NULL, mg_name_last(s->defnames),
			  schema_of_names(s->defnames));
		break;
	}
	case T_CreateEnumStmt: {
		const CreateEnumStmt *s = (const void *)n;
		const char *type = mg_name_last(s->typeName);
		f->unless = intern(f, "type", NULL, type);
		const ListCell *lc;
		foreach (lc, s->vals)
			add_effect(f, EFFECT_EXISTS, "enum value", type, strVal(lfirst(lc)), "type");
		f->unless = -1;
		exists(f, "type", NULL, type);
		in_schema(f, "type", NULL, type, schema_of_names(s->typeName));
		break;
	}
	case T_CompositeTypeStmt: {
		const RangeVar *rv = ((const CompositeTypeStmt *)n)->typevar;
		exists(f, "type", NULL, rv->relname);
		in_schema(f, "type", NULL, rv->relname, rv->schemaname);
		break;
	}
	case T_CreateRangeStmt: {
		const List *names = ((const CreateRangeStmt *)n)->typeName;
		exists(f, "type", NULL, mg_name_last(names));
		in_schema(f, "type", NULL, mg_name_last(names), schema_of_names(names));
		break;
	}
	case T_CreateDomainStmt: {
		const CreateDomainStmt *s = (const void *)n;
		exists(f, "type", NULL, mg_name_last(s->domainname));
		in_schema(f, "type", NULL, mg_name_last(s->domainname), schema_of_names(s->domainname));
		depends(f, "type", NULL, mg_name_last(s->domainname), "type", type_name_of(s->typeName));
		break;
	}
	case T_AlterEnumStmt: {
		const AlterEnumStmt *s = (const void *)n;
		const char *type = mg_name_last(s->typeName);
		if (s->oldVal)
			add_effect(f, EFFECT_MISSING, "enum value", type, s->oldVal, "type");
		add_effect(f, EFFECT_EXISTS, "enum value", type, s->newVal, "type");
		break;
	}
	case T_AlterTableStmt:
		alter_table(f, (const AlterTableStmt *)n);
		break;
	case T_AlterDomainStmt:
		alter_domain(f, (const AlterDomainStmt *)n);
		break;
	case T_CopyStmt: {
		const CopyStmt *s = (const void *)n;
		if (s->is_from && s->relation)
			rows_of(f, s->relation, true);
		break;
	}
	case T_RenameStmt:
		renamed(f, (const RenameStmt *)n);
		break;
	case T_DropStmt:
		drop(f, (const DropStmt *)n);
		break;
	case T_InsertStmt:
		rows_of(f, ((const InsertStmt *)n)->relation, true);
		break;
	case T_DeleteStmt: {
		const DeleteStmt *s = (const void *)n;
		if (!s->whereClause)
			rows_of(f, s->relation, false);
		break;
	}
	case T_TruncateStmt: {
		const ListCell *lc;
		foreach (lc, ((const TruncateStmt *)n)->relations)
			rows_of(f, lfirst(lc), false);
		break;
	}
	default:
		create_other(f, n);
		drop_other(f, n);
		break;
	}
}
