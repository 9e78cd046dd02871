/* sqitch: the plan says the changes and their order; each change has deploy/<name>.sql,
 * revert/<name>.sql and verify/<name>.sql under top_dir. A change planned again after a tag is
 * a rework: the earlier instance's scripts are named <name>@<tag>.sql, after the first tag
 * that follows it. The plan's own rules are sqitch's (checked against `sqitch plan` by
 * tests/sqitch): a requirement must be planned before its dependent, exist, and not be the
 * change itself; a change may be planned twice only with a tag between. */
#include "layout_internal.h"

#include "miglint/paths.h"
#include "miglint/sqitch.h"

#include <ctype.h>
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

/* ---- reading the plan, as sqitch's App::Sqitch::Plan::_parse does ---------------------- */

static bool blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* [:punct:] without '_', as sqitch's name_re has it. */
static bool punct(char ch)
{
	return ch && strchr("-!\"#$%&'()*+,./:;<=>?@[\\]^`{|}~", ch) != NULL;
}

/* sqitch's name_re over s[0..n): no punctuation first or last (and a word character last),
 * no blanks, ':', '@', '#' or '\', and no symbolic reference (~, /, =, %, ^ and digits) at
 * its end. */
static bool valid_name(const char *s, size_t n)
{
	if (!n || punct(s[0]) || punct(s[n - 1]))
		return false;
	unsigned char last = (unsigned char)s[n - 1];
	if (!isalnum(last) && last != '_' && last < 0x80)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (blank(s[i]) || s[i] == ':' || s[i] == '@' || s[i] == '#' || s[i] == '\\')
			return false;
		if (strchr("~/=%^", s[i]) && i + 1 < n && isdigit((unsigned char)s[i + 1])) {
			size_t k = i + 1;
			while (k < n && isdigit((unsigned char)s[k]))
				k++;
			if (k == n)
				return false;
		}
	}
	return true;
}

static bool sha1_at(const char *s)
{
	for (int i = 0; i < 40; i++)
		if (!isdigit((unsigned char)s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
			return false;
	return true;
}

/* App::Sqitch::Plan::Depend->parse: [!][project:](sha1 | change[@tag] | @tag). */
static bool valid_dependency(const char *d)
{
	if (*d == '!')
		d++;
	const char *colon = strchr(d, ':');
	if (colon) {
		if (!valid_name(d, (size_t)(colon - d)))
			return false;
		d = colon + 1;
	}
	if (!*d || (sha1_at(d) && !d[40]))
		return true;
	const char *at = strchr(d, '@');
	if (!at)
		return valid_name(d, strlen(d));
	return (at == d || valid_name(d, (size_t)(at - d))) && valid_name(at + 1, strlen(at + 1));
}

/* 2024-01-01T00:00:00Z at s. */
static bool timestamp_at(const char *s)
{
	static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
	for (size_t i = 0; pattern[i]; i++)
		if (pattern[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != pattern[i])
			return false;
	return true;
}

static bool has_timestamp(const char *s)
{
	for (; *s; s++)
		if (timestamp_at(s))
			return true;
	return false;
}

/* All of s is a planner: "Name <email>". */
static bool planner_is(const char *s)
{
	const char *lt = strchr(s, '<');
	size_t n = strlen(s);
	if (!lt || lt - s < 2 || !blank(lt[-1]) || s[n - 1] != '>')
		return false;
	const char *gt = strchr(lt, '>');
	return gt == s + n - 1 && gt > lt + 1;
}

/* The end of a change or tag line: [timestamp] [planner]. False when it is something else. */
static bool read_tail(const char *s, bool *timestamp_out, bool *planner_out)
{
	*timestamp_out = *planner_out = false;
	if (timestamp_at(s)) {
		const char *r = s + 20;
		while (blank(*r))
			r++;
		if (!*r || planner_is(r)) {
			*timestamp_out = true;
			*planner_out = *r != '\0';
			return true;
		}
	}
	*planner_out = *s && planner_is(s);
	return !*s || *planner_out;
}

static void add_problem(plan *p, int line, const char *raw, char *message)
{
	mg_sqitch_problem x = {line, mg_xstrdup(raw), message};
	MG_VEC_PUSH(p->problems, x);
}

/* A pragma line (%name or %name = value), its note cut: false when it is not one. */
static bool read_pragma(plan *p, const char *s, int ln, const char *raw)
{
	if (*s++ != '%')
		return false;
	while (blank(*s))
		s++;
	size_t n = strcspn(s, " \t=");
	if (!n || punct(s[0]) || (n > 1 && punct(s[n - 1])))
		return false;
	const char *r = s + n, *value = NULL;
	while (blank(*r))
		r++;
	if (*r == '=') {
		for (r++; blank(*r); r++)
			;
		if (!*r)
			return false;
		value = r;
	} else if (*r) {
		return false;
	}
	if (n == 7 && strncmp(s, "project", 7) == 0) {
		if (value && valid_name(value, strlen(value)))
			p->project = mg_xstrdup(value);
		else
			add_problem(p, ln, raw, mg_xasprintf("invalid project name \"%s\": project names "
				"must not begin with punctuation, contain \"@\", \":\", \"#\", \"\\\", or "
				"blanks, or end in punctuation or digits following punctuation",
				value ? value : ""));
		p->no_project = false;
	}
	return true;
}

/* A change or tag line, its note cut and its leading blanks skipped. */
static void read_item(plan *p, char *s, int ln, char *raw)
{
	bool is_tag = *s == '@';
	char *name = s + is_tag;
	if (!is_tag && (*name == '+' || *name == '-'))
		for (name++; blank(*name); name++)
			;
	/* the name runs to a blank: sqitch reads "c1[c0]" as a name, not c1 and its requirement */
	size_t n = strcspn(name, " \t");
	char *r = name + n, *deps = NULL;
	while (blank(*r))
		r++;
	bool read = valid_name(name, n);
	if (*r == '[') {
		char *close = strchr(r, ']');
		read = read && close && close > r + 1;
		if (close) {
			*close = '\0';
			deps = r + 1;
			for (r = close + 1; blank(*r); r++)
				;
		}
	}
	bool timestamp = false, planner = false;
	read = read && read_tail(r, &timestamp, &planner) && (timestamp || !has_timestamp(r));
	const char *why = NULL;
	char *why_owned = NULL;
	if (!read)
		why = "invalid name; names must not begin with punctuation, contain \"@\", \":\", "
		      "\"#\", \"\\\", or blanks, or end in punctuation or digits following punctuation";
	else if (!timestamp || !planner)
		why = !timestamp && !planner ? "missing timestamp and planner name and email"
		      : !timestamp ? "missing timestamp" : "missing planner name and email";
	else if ((n == 4 && (strncmp(name, "ROOT", 4) == 0 || strncmp(name, "HEAD", 4) == 0)))
		why_owned = mg_xasprintf("\"%s%.*s\" is a reserved name", is_tag ? "@" : "", (int)n,
					 name);
	else if (n >= 40 && sha1_at(name))
		why_owned = mg_xasprintf("\"%.*s\" is invalid because it could be confused with a SHA1 "
					 "ID", (int)n, name);
	else if (is_tag && memchr(name, '/', n))
		why_owned = mg_xasprintf("tag \"%.*s\" contains illegal character /", (int)n, name);
	else if (is_tag && !p->changes.len)
		why_owned = mg_xasprintf("tag \"%.*s\" declared without a preceding change", (int)n,
					 name);
	else if (is_tag && deps)
		why = "tags may not specify dependencies";
	if (why || why_owned)
		add_problem(p, ln, raw, why_owned ? why_owned : mg_xstrdup(why));
	if (!read) {
		free(raw);
		return;
	}
	if (is_tag) {
		tag t = {mg_xstrndup(name, n), p->changes.len, ln, raw};
		MG_VEC_PUSH(p->tags, t);
		return;
	}
	change c = {0};
	c.name = mg_xstrndup(name, n);
	c.key = mg_xstrdup(c.name);
	c.line = ln;
	c.text = raw;
	c.tag_count = p->tags.len;
	for (char *d = deps ? strtok(deps, " \t") : NULL; d; d = strtok(NULL, " \t")) {
		if (valid_dependency(d))
			add_requirement(&c, p->project, d);
		else
			add_problem(p, ln, raw, mg_xasprintf("\"%s\" is not a valid dependency "
							     "specification", d));
	}
	MG_VEC_PUSH(p->changes, c);
}

/* Reads the plan at path into p: pragmas up to the first blank line, then changes and tags.
 * What sqitch refuses is recorded in p->problems, and the rest is read all the same. */
static void read_plan(plan *p, const char *path)
{
	memset(p, 0, sizeof(*p));
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char buf[8192];
	int ln = 0;
	bool header = true;
	p->no_project = true;
	while (fgets(buf, sizeof(buf), f)) {
		ln++;
		buf[strcspn(buf, "\r\n")] = '\0';
		char *s = buf;
		while (blank(*s))
			s++;
		/* a blank line, or a note (a '#' and something after it) */
		if (!*s || (*s == '#' && s[1])) {
			if (!*s)
				header = false;
			continue;
		}
		char *raw = mg_xstrdup(buf);
		s[strcspn(s, "#")] = '\0';
		for (size_t n = strlen(s); n && blank(s[n - 1]);)
			s[--n] = '\0';
		if (header) {
			if (read_pragma(p, s, ln, raw)) {
				free(raw);
				continue;
			}
			add_problem(p, ln, raw, mg_xstrdup("invalid pragma; a blank line must come "
							   "between pragmas and changes"));
			header = false;
		}
		read_item(p, s, ln, raw);
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
	for (size_t i = 0; i < p->problems.len; i++)
		free(p->problems.items[i].text), free(p->problems.items[i].message);
	free(p->problems.items);
	free(p->changes.items);
	free(p->tags.items);
	free(p->project);
	free(p->path);
	free(p->conf);
	free(p);
}

/* Where a sqitch project keeps its plan and scripts: sqitch.conf's core.top_dir, plan_file,
 * deploy_dir, revert_dir and verify_dir (and an [engine "pg"] section's, which win), each
 * relative to the folder of sqitch.conf, where sqitch runs; by default the plan and the
 * deploy/, revert/ and verify/ folders are in top_dir. */
typedef struct project {
	char *conf;     /* sqitch.conf, or NULL */
	char *plan;     /* the plan file */
	char *dirs[3];  /* deploy, revert, verify (by mg_role order: up, down, verify) */
	char *engine;   /* core.engine, or NULL */
} project;

enum { DEPLOY, REVERT, VERIFY };

static void project_dispose(project *p)
{
	free(p->conf);
	free(p->plan);
	for (int i = 0; i < 3; i++)
		free(p->dirs[i]);
	free(p->engine);
	memset(p, 0, sizeof(*p));
}

/* dir/path, in the style of dir (which is written as the scripts' paths are: "" for the
 * working directory, "." or "./db" when they start with "./"), so that paths compare as
 * text. */
static char *joined(const char *dir, const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (path[0] == '/' || !dir[0])
		return mg_xstrdup(strcmp(path, ".") == 0 && !dir[0] ? "." : path);
	return strcmp(path, ".") == 0 ? mg_xstrdup(dir) : mg_xasprintf("%s/%s", dir, path);
}

/* The folder of path as text ("" for a bare name). */
static char *text_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? mg_xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : mg_xstrdup("");
}

/* dir/name as a file path in dir's style. */
static char *file_in(const char *dir, const char *name)
{
	return dir[0] ? mg_xasprintf("%s/%s", dir, name) : mg_xstrdup(name);
}

/* Reads sqitch.conf at conf (in folder dir) into out. */
static void read_conf(project *out, const char *conf, const char *dir)
{
	static const char *keys[] = {"top_dir", "plan_file", "deploy_dir", "revert_dir",
				     "verify_dir", "engine"};
	char *values[2][6] = {{0}}; /* [core], [engine "pg"] */
	FILE *f = fopen(conf, "r");
	char line[1024];
	int section = -1;
	while (f && fgets(line, sizeof(line), f)) {
		char *s = trim(line);
		if (*s == '[') {
			section = strncmp(s, "[core]", 6) == 0 ? 0
				: strncmp(s, "[engine \"pg\"]", 13) == 0 ? 1 : -1;
			continue;
		}
		char *eq = strchr(s, '=');
		if (section < 0 || !eq || *s == '#' || *s == ';')
			continue;
		*eq = '\0';
		char *key = trim(s), *value = trim(eq + 1);
		for (int k = 0; k < 6; k++)
			if (strcmp(key, keys[k]) == 0 && *value) {
				free(values[section][k]);
				values[section][k] = mg_xstrdup(value);
			}
	}
	if (f)
		fclose(f);
	const char *v[6];
	for (int k = 0; k < 6; k++)
		v[k] = values[1][k] ? values[1][k] : values[0][k];
	char *top = joined(dir, v[0] ? v[0] : ".");
	out->conf = mg_xstrdup(conf);
	out->plan = v[1] ? joined(dir, v[1]) : file_in(top, "sqitch.plan");
	static const char *defaults[3] = {"deploy", "revert", "verify"};
	for (int k = 0; k < 3; k++)
		out->dirs[k] = v[2 + k] ? joined(dir, v[2 + k]) : file_in(top, defaults[k]);
	out->engine = v[5] ? mg_xstrdup(v[5]) : NULL;
	for (int c = 0; c < 2; c++)
		for (int k = 0; k < 6; k++)
			free(values[c][k]);
	free(top);
}

/* The script folder of p that holds path (DEPLOY, REVERT, VERIFY), or -1. */
static int script_kind(const project *p, const char *path)
{
	for (int k = 0; k < 3; k++)
		if (mg_path_under(p->dirs[k], path))
			return k;
	return -1;
}

/* The project of sqitch.conf in folder d (*out), when its script folders hold path. */
static bool conf_project(project *out, const char *d, const char *path)
{
	char *conf = file_in(d, "sqitch.conf");
	bool found = false;
	if (mg_tool_file_exists(conf)) {
		read_conf(out, conf, d);
		found = script_kind(out, path) >= 0;
		if (!found)
			project_dispose(out);
	}
	free(conf);
	return found;
}

/* The project of a plan in folder d with deploy/, revert/ and verify/ beside it, when they
 * hold path. */
static bool plan_project(project *out, const char *d, const char *path)
{
	char *plan_path = file_in(d, "sqitch.plan");
	if (!mg_tool_file_exists(plan_path)) {
		free(plan_path);
		return false;
	}
	out->plan = plan_path;
	static const char *names[3] = {"deploy", "revert", "verify"};
	for (int k = 0; k < 3; k++)
		out->dirs[k] = file_in(d, names[k]);
	if (script_kind(out, path) >= 0)
		return true;
	project_dispose(out);
	return false;
}

/* The sqitch project a script belongs to: the nearest sqitch.conf above it whose script
 * folders hold it (top_dir, deploy_dir, ... followed), else <top>/{deploy,revert,verify}/x.sql
 * beside <top>/sqitch.plan. */
static bool project_of(project *out, const char *path)
{
	memset(out, 0, sizeof(*out));
	bool found = false;
	for (int pass = 0; pass < 2 && !found; pass++) {
		char *d = text_parent(path);
		for (int depth = 0; depth < 8 && !found; depth++) {
			found = pass == 0 ? conf_project(out, d, path) : plan_project(out, d, path);
			if (found || !d[0] || strcmp(d, ".") == 0 || strcmp(d, "/") == 0)
				break;
			char *up = text_parent(d);
			free(d);
			d = up;
		}
		free(d);
	}
	return found;
}

static void add_entry(mg_migration_set *s, const project *pr, const change *c, mg_role role,
		      const mg_claim *files, mg_layout *l, size_t set)
{
	const char *dir = pr->dirs[role == MG_ROLE_UP ? DEPLOY : role == MG_ROLE_DOWN ? REVERT : VERIFY];
	char *path = mg_xasprintf("%s/%s.sql", dir, c->key);
	s->entries = mg_xrealloc(s->entries, (s->count + 1) * sizeof(mg_entry));
	mg_entry *e = &s->entries[s->count++];
	memset(e, 0, sizeof(*e));
	/* named from the plan's folder, as sqitch's own messages do: deploy/x.sql */
	char *plan_dir = text_parent(pr->plan);
	const char *below = plan_dir[0] ? mg_path_under(plan_dir, path) : path;
	e->name = mg_xstrdup(below ? below : path);
	free(plan_dir);
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

/* Takes the scripts of project pr that are not in its plan's changes: with a plan that
 * cannot be read, its revert and verify scripts (never forward SQL); with another engine,
 * all of them. */
static void take_scripts(const project *pr, const mg_claim *files, bool deploy_too)
{
	for (size_t i = 0; i < files->count; i++) {
		int kind = files->taken[i] ? -1 : script_kind(pr, files->paths[i]);
		if (kind > DEPLOY || (kind == DEPLOY && deploy_too))
			files->taken[i] = true;
	}
}

static void claim_project(mg_layout *l, const project *pr, const mg_claim *files)
{
	plan *p = mg_xcalloc(1, sizeof(*p));
	read_plan(p, pr->plan);
	p->path = mg_xstrdup(pr->plan);
	p->missing = !mg_tool_file_exists(pr->plan);
	p->conf = pr->conf ? mg_xstrdup(pr->conf) : NULL;
	char *top = text_parent(pr->plan);
	size_t set = mg_history_add_set(l, top[0] ? top : ".", &mg_framework_sqitch);
	free(top);
	mg_migration_set *s = &l->sets[set]; /* (add_entry may move l->files, not l->sets) */
	s->sqitch_plan = p; /* kept for mg_sqitch_check */
	if (pr->engine && strcmp(pr->engine, "pg") != 0) {
		s->other_database = true;
		s->other_reason = mg_xasprintf("this sqitch project's engine is \"%s\", not pg: its "
					       "scripts were not linted", pr->engine);
		s->other_path = mg_xstrdup(p->missing && p->conf ? p->conf : pr->plan);
		s->other_line = 1;
		take_scripts(pr, files, true);
	} else if (p->missing) {
		take_scripts(pr, files, false); /* MG117 says the plan is missing */
	} else {
		static const mg_role roles[] = {MG_ROLE_UP, MG_ROLE_DOWN, MG_ROLE_VERIFY};
		for (size_t i = 0; i < p->changes.len; i++)
			for (size_t r = 0; r < 3; r++)
				add_entry(&l->sets[set], pr, &p->changes.items[i], roles[r], files, l, set);
		take_scripts(pr, files, false); /* sqitch never runs a revert script it has not planned */
	}
}

/* sqitch projects: their deploy/revert/verify scripts become sets of their own, in plan
 * order, never a folder that detection hands it. */
static void claim(mg_layout *l, const mg_claim *files)
{
	MG_VEC(char *) plans = {0};
	char *last_dir = NULL; /* files of one folder have one answer: asked once per folder */
	for (size_t i = 0; i < files->count; i++) {
		if (files->taken[i])
			continue;
		char *dir = text_parent(files->paths[i]);
		bool asked = last_dir && strcmp(dir, last_dir) == 0;
		free(last_dir);
		last_dir = dir;
		project pr;
		if (asked || !project_of(&pr, files->paths[i]))
			continue;
		bool seen = false;
		for (size_t k = 0; k < plans.len && !seen; k++)
			seen = strcmp(plans.items[k], pr.plan) == 0;
		if (!seen) {
			MG_VEC_PUSH(plans, mg_xstrdup(pr.plan));
			claim_project(l, &pr, files);
		}
		project_dispose(&pr);
	}
	free(last_dir);
	for (size_t k = 0; k < plans.len; k++)
		free(plans.items[k]);
	free(plans.items);
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
