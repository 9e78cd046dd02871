/* sqitch: the plan says the changes and their order; each change has deploy/<name>.sql,
 * revert/<name>.sql and verify/<name>.sql under top_dir. A change planned again after a tag is
 * a rework: the earlier instance's scripts are named <name>@<tag>.sql, after the first tag
 * that follows it. The plan's own rules are sqitch's (checked against `sqitch plan` by
 * tests/sqitch): a requirement must be planned before its dependent, exist, and not be the
 * change itself; a change may be planned twice only with a tag between. */
#include "layout_internal.h"

#include "miglint/paths.h"
#include "miglint/sqitch.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

extern const mg_framework mg_framework_sqitch;

typedef mg_sqitch_change change;
typedef mg_sqitch_tag tag;
typedef mg_sqitch_plan plan;

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && strchr(" \t\r\n", s[n - 1]))
		s[--n] = '\0';
	return s;
}

static void add_requirement(change *c, const char *project, const char *dep)
{
	if (dep[0] == '!')
		return; /* a conflict: sqitch checks it against the database, not the plan */
	const char *colon = strchr(dep, ':');
	if (colon) {
		if (!project || strncmp(dep, project, (size_t)(colon - dep)) != 0 ||
		    strlen(project) != (size_t)(colon - dep))
			return; /* another project's change */
		dep = colon + 1;
	}
	c->requires = mg_xrealloc(c->requires, (c->require_count + 1) * sizeof(char *));
	c->requires[c->require_count++] = mg_xstrdup(dep);
}

/* Where `dep` (name or name@tag) is planned: the change index, or SIZE_MAX. */
static size_t find_requirement(const plan *p, const char *dep, size_t before)
{
	const char *at = strchr(dep, '@');
	size_t nl = at ? (size_t)(at - dep) : strlen(dep);
	size_t limit = p->changes.len;
	if (at) {
		limit = SIZE_MAX;
		for (size_t t = 0; t < p->tags.len; t++)
			if (strcmp(p->tags.items[t].name, at + 1) == 0)
				limit = p->tags.items[t].changes_before;
		if (limit == SIZE_MAX)
			return SIZE_MAX;
	}
	/* the latest instance planned before the dependent; else one planned later */
	size_t before_it = SIZE_MAX, after_it = SIZE_MAX;
	for (size_t i = 0; i < limit; i++) {
		const char *name = p->changes.items[i].name;
		if (strlen(name) != nl || strncmp(name, dep, nl) != 0)
			continue;
		if (i < before)
			before_it = i;
		else if (after_it == SIZE_MAX)
			after_it = i;
	}
	size_t found = before_it != SIZE_MAX ? before_it : after_it;
	return found;
}

/* Resolves each requirement once, as sqitch reads the plan: the chain rules report what is
 * not planned before its dependent. */
static void resolve_requirements(plan *p)
{
	for (size_t i = 0; i < p->changes.len; i++) {
		change *c = &p->changes.items[i];
		c->resolved = mg_xcalloc(c->require_count + 1, sizeof(mg_sqitch_requirement));
		c->required_at = mg_xcalloc(c->require_count + 1, sizeof(size_t));
		for (size_t k = 0; k < c->require_count; k++) {
			const char *dep = c->requires[k];
			bool twice = false;
			for (size_t j = 0; j < k && !twice; j++)
				twice = strcmp(c->requires[j], dep) == 0;
			size_t at = find_requirement(p, dep, i);
			c->required_at[k] = at;
			c->resolved[k] = twice ? MG_SQITCH_REQUIRES_TWICE
				: strcmp(dep, c->name) == 0 && (at == SIZE_MAX || at >= i) ? MG_SQITCH_REQUIRES_SELF
				: at == SIZE_MAX ? MG_SQITCH_REQUIRES_UNKNOWN
				: at > i ? MG_SQITCH_REQUIRES_LATER : MG_SQITCH_REQUIRES_EARLIER;
		}
	}
}

static void read_plan(plan *p, const char *path)
{
	memset(p, 0, sizeof(*p));
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char buf[8192];
	int ln = 0;
	while (fgets(buf, sizeof(buf), f)) {
		ln++;
		char *raw = mg_xstrdup(buf);
		raw[strcspn(raw, "\r\n")] = '\0';
		char *hash = strchr(buf, '#');
		if (hash)
			*hash = '\0';
		char *s = trim(buf);
		if (!*s) {
			free(raw);
			continue;
		}
		if (*s == '%') {
			if (strncmp(s, "%project=", 9) == 0)
				p->project = mg_xstrdup(trim(s + 9));
			free(raw);
			continue;
		}
		if (*s == '@') {
			size_t n = strcspn(s + 1, " \t");
			tag t = {mg_xstrndup(s + 1, n), p->changes.len, ln, raw};
			MG_VEC_PUSH(p->tags, t);
			continue;
		}
		if (*s == '+' || *s == '-')
			s++;
		change c = {0};
		size_t n = strcspn(s, " \t[");
		c.name = mg_xstrndup(s, n);
		c.key = mg_xstrdup(c.name);
		c.line = ln;
		c.text = raw;
		c.tag_count = p->tags.len;
		char *open = strchr(s + n, '['), *close = open ? strchr(open, ']') : NULL;
		if (open && close) {
			*close = '\0';
			for (char *d = strtok(open + 1, " \t"); d; d = strtok(NULL, " \t"))
				add_requirement(&c, p->project, d);
		}
		MG_VEC_PUSH(p->changes, c);
	}
	fclose(f);
	/* an instance planned again later is named after the first tag that follows it */
	for (size_t i = 0; i < p->changes.len; i++) {
		change *c = &p->changes.items[i];
		for (size_t k = i + 1; k < p->changes.len; k++)
			if (strcmp(p->changes.items[k].name, c->name) == 0) {
				for (size_t t = 0; t < p->tags.len; t++)
					if (p->tags.items[t].changes_before > i) {
						free(c->key);
						c->key = mg_xasprintf("%s@%s", c->name, p->tags.items[t].name);
						break;
					}
				break;
			}
	}
	resolve_requirements(p);
}

static void plan_free(plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->changes.len; i++) {
		change *c = &p->changes.items[i];
		free(c->name), free(c->key), free(c->text);
		for (size_t k = 0; k < c->require_count; k++)
			free(c->requires[k]);
		free(c->requires);
		free(c->resolved);
		free(c->required_at);
	}
	for (size_t i = 0; i < p->tags.len; i++)
		free(p->tags.items[i].name), free(p->tags.items[i].text);
	free(p->changes.items);
	free(p->tags.items);
	free(p->project);
	free(p->path);
	free(p);
}

/* The sqitch project a script belongs to: <top>/{deploy,revert,verify}/x.sql with
 * <top>/sqitch.plan. Returns the top folder, or NULL. */
static char *project_of(const char *path, mg_role *role)
{
	char *dir = mg_path_parent(path);
	const char *kind = mg_path_base(dir);
	*role = strcmp(kind, "deploy") == 0 ? MG_ROLE_UP : strcmp(kind, "revert") == 0 ? MG_ROLE_DOWN
		: MG_ROLE_VERIFY;
	char *top = NULL;
	if (strcmp(kind, "deploy") == 0 || strcmp(kind, "revert") == 0 || strcmp(kind, "verify") == 0) {
		char *t = mg_path_parent(dir);
		char *plan_path = mg_xasprintf("%s/sqitch.plan", t);
		struct stat st;
		if (stat(plan_path, &st) == 0)
			top = t;
		else
			free(t);
		free(plan_path);
	}
	free(dir);
	return top;
}

/* sqitch.conf's core.engine, beside the plan or one folder up (where top_dir points down). */
static char *engine_of(const char *top)
{
	const char *places[] = {"%s/sqitch.conf", "%s/../sqitch.conf", NULL};
	for (int i = 0; places[i]; i++) {
		char *conf = mg_xasprintf(places[i], top);
		FILE *f = fopen(conf, "r");
		free(conf);
		if (!f)
			continue;
		char line[1024];
		bool core = false;
		char *engine = NULL;
		while (!engine && fgets(line, sizeof(line), f)) {
			char *s = trim(line);
			if (*s == '[')
				core = strncmp(s, "[core]", 6) == 0;
			else if (core && strncmp(s, "engine", 6) == 0 && strchr(s, '='))
				engine = mg_xstrdup(trim(strchr(s, '=') + 1));
		}
		fclose(f);
		if (engine)
			return engine;
	}
	return NULL;
}

static void add_entry(mg_migration_set *s, const char *top, const change *c, mg_role role,
		      const mg_claim *files, mg_layout *l, size_t set)
{
	const char *dir = role == MG_ROLE_UP ? "deploy" : role == MG_ROLE_DOWN ? "revert" : "verify";
	char *path = mg_xasprintf("%s/%s/%s.sql", top, dir, c->key);
	s->entries = mg_xrealloc(s->entries, (s->count + 1) * sizeof(mg_entry));
	mg_entry *e = &s->entries[s->count++];
	memset(e, 0, sizeof(*e));
	e->name = mg_xasprintf("%s/%s.sql", dir, c->key);
	e->version = mg_xstrdup(c->key);
	e->title = mg_xstrdup(c->name);
	e->role = role;
	e->file = SIZE_MAX;
	for (size_t i = 0; i < files->count; i++)
		if (!files->taken[i] && strcmp(files->paths[i], path) == 0) {
			files->taken[i] = true;
			l->sets[set].partial = l->sets[set].partial || !files->linted[i];
			if (files->linted[i]) {
				e->file = mg_history_add_file(l, mg_xstrdup(path), set);
				mg_lint_context *x = &l->files[e->file].ctx;
				x->framework = mg_framework_sqitch.name;
				x->down = role == MG_ROLE_DOWN;
				/* the change's deploy script, added just before its revert script */
				if (x->down && s->count >= 2 && s->entries[s->count - 2].role == MG_ROLE_UP &&
				    strcmp(s->entries[s->count - 2].version, e->version) == 0)
					x->up_path = s->entries[s->count - 2].path;
			}
		}
	e->path = path;
	if (role == MG_ROLE_UP) {
		e->requires = mg_xcalloc(c->require_count ? c->require_count : 1, sizeof(char *));
		for (size_t k = 0; k < c->require_count; k++)
			e->requires[k] = mg_xstrdup(c->requires[k]);
		e->require_count = c->require_count;
	}
}

static void claim_project(mg_layout *l, const char *top, const mg_claim *files)
{
	char *plan_path = mg_xasprintf("%s/sqitch.plan", top);
	plan *p = mg_xcalloc(1, sizeof(*p));
	read_plan(p, plan_path);
	p->path = mg_xstrdup(plan_path);
	size_t set = mg_history_add_set(l, top, &mg_framework_sqitch);
	mg_migration_set *s = &l->sets[set]; /* (add_entry may move l->files, not l->sets) */
	s->sqitch_plan = p; /* kept for mg_sqitch_check */
	char *engine = engine_of(top);
	if (engine && strcmp(engine, "pg") != 0) {
		s->other_database = true;
		s->other_reason = mg_xasprintf("this sqitch project's engine is \"%s\", not pg: its "
					       "scripts were not linted", engine);
		s->other_path = mg_xstrdup(plan_path);
		s->other_line = 1;
		for (size_t i = 0; i < files->count; i++) {
			mg_role r;
			char *t = project_of(files->paths[i], &r);
			if (t && strcmp(t, top) == 0)
				files->taken[i] = true;
			free(t);
		}
	} else {
		static const mg_role roles[] = {MG_ROLE_UP, MG_ROLE_DOWN, MG_ROLE_VERIFY};
		for (size_t i = 0; i < p->changes.len; i++)
			for (size_t r = 0; r < 3; r++)
				add_entry(&l->sets[set], top, &p->changes.items[i], roles[r], files, l, set);
	}
	free(engine);
	free(plan_path);
}

/* sqitch projects: their deploy/revert/verify scripts become sets of their own, in plan
 * order, never a folder that detection hands it. */
static void claim(mg_layout *l, const mg_claim *files)
{
	MG_VEC(char *) tops = {0};
	for (size_t i = 0; i < files->count; i++) {
		mg_role role;
		char *top = project_of(files->paths[i], &role);
		if (!top)
			continue;
		bool seen = false;
		for (size_t k = 0; k < tops.len && !seen; k++)
			seen = strcmp(tops.items[k], top) == 0;
		if (seen) {
			free(top);
			continue;
		}
		MG_VEC_PUSH(tops, top);
		claim_project(l, top, files);
	}
	for (size_t k = 0; k < tops.len; k++)
		free(tops.items[k]);
	free(tops.items);
}

static void set_free(mg_migration_set *s)
{
	plan_free(s->sqitch_plan);
	s->sqitch_plan = NULL;
}

const mg_framework mg_framework_sqitch = {
	.name = "sqitch",
	.claim = claim,
	.set_free = set_free,
	.partners = MG_PARTNERS_IF_ANY_DOWN,
};
