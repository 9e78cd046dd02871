/* .miglint.yaml: found by walking up from the working directory, read with libyaml's document
 * API so every error can say FILE:LINE:COL and name the key. */
#include "miglint/config.h"

#include "miglint/common.h"
#include "miglint/paths.h"
#include "miglint/rule.h"

#include <fnmatch.h>
#include "miglint/framework.h"
#include "miglint/layout.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>


typedef struct reader {
	const char *file;
	yaml_document_t doc;
	char *error;
} reader;

static bool fail(reader *r, const yaml_node_t *n, const char *fmt, const char *arg)
{
	if (r->error)
		return false;
	char *msg = mg_xasprintf(fmt, arg);
	r->error = mg_xasprintf("%s:%zu:%zu: %s", r->file, n->start_mark.line + 1,
				n->start_mark.column + 1, msg);
	free(msg);
	return false;
}

static const char *scalar(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static yaml_node_t *node(reader *r, int index)
{
	return yaml_document_get_node(&r->doc, index);
}

/* A list of strings: a sequence, or one scalar. */
static bool strings(reader *r, yaml_node_t *n, const char *key, char ***out, size_t *count,
		    bool rules)
{
	MG_VEC(char *) v = {0};
	yaml_node_item_t *items = NULL, *end = NULL;
	int one;
	if (n->type == YAML_SEQUENCE_NODE) {
		items = n->data.sequence.items.start;
		end = n->data.sequence.items.top;
	} else if (n->type == YAML_SCALAR_NODE) {
		one = (int)(n - r->doc.nodes.start) + 1;
		items = &one;
		end = items + 1;
	} else {
		return fail(r, n, "%s takes a list of strings", key);
	}
	for (yaml_node_item_t *i = items; i < end; i++) {
		yaml_node_t *item = node(r, *i);
		const char *s = scalar(item);
		if (!s) {
			free(v.items);
			return fail(r, item, "%s takes a list of strings", key);
		}
		if (rules && !mg_rule_pattern_valid(s)) {
			for (size_t k = 0; k < v.len; k++)
				free(v.items[k]);
			free(v.items);
			return fail(r, item, "unknown rule '%s'; 'miglint rules' lists them", s);
		}
		MG_VEC_PUSH(v, mg_xstrdup(s));
	}
	*out = v.items;
	*count = v.len;
	return true;
}

static bool severity_value(reader *r, yaml_node_t *n, mg_severity *out)
{
	const char *s = scalar(n);
	if (!s || mg_severity_parse(out, s) != MG_OK)
		return fail(r, n, "'%s' is not a severity (error, warning or info)", s ? s : "?");
	return true;
}

static bool rules_section(reader *r, mg_config *cfg, yaml_node_t *n)
{
	if (n->type != YAML_MAPPING_NODE)
		return fail(r, n, "%s must be a mapping of select, ignore, preview and severity", "rules");
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(r, p->key), *v = node(r, p->value);
		const char *key = scalar(k) ? scalar(k) : "";
		if (strcmp(key, "select") == 0) {
			if (!strings(r, v, "rules.select", &cfg->select, &cfg->select_count, true))
				return false;
		} else if (strcmp(key, "ignore") == 0) {
			if (!strings(r, v, "rules.ignore", &cfg->ignore, &cfg->ignore_count, true))
				return false;
		} else if (strcmp(key, "preview") == 0) {
			const char *s = scalar(v);
			if (!s || (strcmp(s, "true") != 0 && strcmp(s, "false") != 0))
				return fail(r, v, "rules.preview must be true or false, not '%s'", s ? s : "?");
			cfg->preview = strcmp(s, "true") == 0;
		} else if (strcmp(key, "severity") == 0) {
			if (v->type != YAML_MAPPING_NODE)
				return fail(r, v, "%s must map rules to severities", "rules.severity");
			for (yaml_node_pair_t *q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
				yaml_node_t *rk = node(r, q->key);
				const char *rule = scalar(rk);
				if (!rule || !mg_rule_pattern_valid(rule))
					return fail(r, rk, "unknown rule '%s' in rules.severity", rule ? rule : "?");
				mg_severity sev;
				if (!severity_value(r, node(r, q->value), &sev))
					return false;
				cfg->severity = mg_xrealloc(cfg->severity, (cfg->severity_count + 1) * sizeof(*cfg->severity));
				cfg->severity[cfg->severity_count++] = (mg_severity_setting){mg_xstrdup(rule), sev};
			}
		} else {
			return fail(r, k, "unknown key 'rules.%s' (expected select, ignore, preview or severity)", key);
		}
	}
	return true;
}

static bool path_entry(reader *r, mg_path_setting *ps, yaml_node_t *n)
{
	if (n->type != YAML_MAPPING_NODE)
		return fail(r, n, "%s entries must be mappings with path, framework and exclude", "paths");
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(r, p->key), *v = node(r, p->value);
		const char *key = scalar(k) ? scalar(k) : "";
		if (strcmp(key, "path") == 0) {
			if (!scalar(v))
				return fail(r, v, "%s takes a string", "paths[].path");
			ps->path = mg_xstrdup(scalar(v));
		} else if (strcmp(key, "framework") == 0) {
			const char *f = scalar(v);
			if (!f || !mg_framework_known(f))
				return fail(r, v, "unknown framework '%s' (sql, numbered, flyway, golang-migrate, "
					     "goose, dbmate, sqlx, diesel, prisma, sqitch, django, alembic)", f ? f : "?");
			ps->framework = mg_xstrdup(f);
		} else if (strcmp(key, "exclude") == 0) {
			if (!strings(r, v, "paths[].exclude", &ps->exclude, &ps->exclude_count, false))
				return false;
		} else {
			return fail(r, k, "unknown key 'paths[].%s' (expected path, framework or exclude)", key);
		}
	}
	if (!ps->path)
		return fail(r, n, "%s entry without 'path'", "paths");
	return true;
}

bool mg_down_mode_parse(const char *s, mg_down_mode *out)
{
	if (s && strcmp(s, "quiet") == 0)
		*out = MG_DOWN_QUIET;
	else if (s && strcmp(s, "full") == 0)
		*out = MG_DOWN_FULL;
	else
		return false;
	return true;
}

bool mg_lock_timeout_mode_parse(const char *s, mg_lock_timeout_mode *out)
{
	if (s && strcmp(s, "in-migration") == 0)
		*out = MG_LOCK_TIMEOUT_IN_MIGRATION;
	else if (s && strcmp(s, "set-by-runner") == 0)
		*out = MG_LOCK_TIMEOUT_BY_RUNNER;
	else
		return false;
	return true;
}

static bool top_level(reader *r, mg_config *cfg, yaml_node_t *root)
{
	if (!root)
		return true; /* an empty file */
	if (root->type != YAML_MAPPING_NODE)
		return fail(r, root, "%s must be a mapping (rules, paths, pg_version, down, lock_timeout, fail_level)", "the file");
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(r, p->key), *v = node(r, p->value);
		const char *key = scalar(k) ? scalar(k) : "";
		if (strcmp(key, "rules") == 0) {
			if (!rules_section(r, cfg, v))
				return false;
		} else if (strcmp(key, "paths") == 0) {
			if (v->type != YAML_SEQUENCE_NODE)
				return fail(r, v, "%s must be a list", "paths");
			for (yaml_node_item_t *i = v->data.sequence.items.start; i < v->data.sequence.items.top; i++) {
				cfg->paths = mg_xrealloc(cfg->paths, (cfg->path_count + 1) * sizeof(*cfg->paths));
				mg_path_setting *ps = &cfg->paths[cfg->path_count++];
				memset(ps, 0, sizeof(*ps));
				if (!path_entry(r, ps, node(r, *i)))
					return false;
			}
		} else if (strcmp(key, "pg_version") == 0) {
			const char *s = scalar(v);
			char *end = NULL;
			long n = s ? strtol(s, &end, 10) : 0;
			if (!s || *end || n < MG_PG_VERSION_MIN || n > MG_PG_VERSION_MAX) {
				char fmt[96];
				snprintf(fmt, sizeof(fmt), "pg_version must be a PostgreSQL major version "
					 "from %d to %d, not '%%s'", MG_PG_VERSION_MIN, MG_PG_VERSION_MAX);
				return fail(r, v, fmt, s ? s : "?");
			}
			cfg->pg_version = (int)n;
		} else if (strcmp(key, "down") == 0) {
			if (!mg_down_mode_parse(scalar(v), &cfg->down))
				return fail(r, v, "down must be quiet or full, not '%s'",
					    scalar(v) ? scalar(v) : "?");
		} else if (strcmp(key, "lock_timeout") == 0) {
			if (!mg_lock_timeout_mode_parse(scalar(v), &cfg->lock_timeout))
				return fail(r, v, "lock_timeout must be in-migration or set-by-runner, not '%s'",
					    scalar(v) ? scalar(v) : "?");
		} else if (strcmp(key, "fail_level") == 0) {
			if (!severity_value(r, v, &cfg->fail_level))
				return false;
			cfg->has_fail_level = true;
		} else {
			return fail(r, k, "unknown key '%s' (expected rules, paths, pg_version, down, lock_timeout or "
				    "fail_level)", key);
		}
	}
	return true;
}

int mg_config_load(mg_config *out, const char *path, char **error_out)
{
	memset(out, 0, sizeof(*out));
	*error_out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		*error_out = mg_xasprintf("%s: cannot read the configuration file", path);
		return MG_ECONFIG;
	}
	out->file = mg_xstrdup(path);
	out->dir = mg_path_dir(path);
	reader r = {.file = path};
	yaml_parser_t parser;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	int rc = MG_OK;
	if (!yaml_parser_load(&parser, &r.doc)) {
		*error_out = mg_xasprintf("%s:%zu:%zu: %s", path, parser.problem_mark.line + 1,
					  parser.problem_mark.column + 1,
					  parser.problem ? parser.problem : "not valid YAML");
		rc = MG_ECONFIG;
	} else {
		if (!top_level(&r, out, yaml_document_get_root_node(&r.doc))) {
			*error_out = r.error;
			rc = MG_ECONFIG;
		}
		yaml_document_delete(&r.doc);
	}
	yaml_parser_delete(&parser);
	fclose(f);
	return rc;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void mg_config_dispose(mg_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->file);
	free(cfg->dir);
	free_strings(cfg->select, cfg->select_count);
	free_strings(cfg->ignore, cfg->ignore_count);
	for (size_t i = 0; i < cfg->severity_count; i++)
		free(cfg->severity[i].rule);
	free(cfg->severity);
	for (size_t i = 0; i < cfg->path_count; i++) {
		free(cfg->paths[i].path);
		free(cfg->paths[i].framework);
		free_strings(cfg->paths[i].exclude, cfg->paths[i].exclude_count);
	}
	free(cfg->paths);
	memset(cfg, 0, sizeof(*cfg));
}

char *mg_config_find(void)
{
	char dir[PATH_MAX];
	if (!getcwd(dir, sizeof(dir)))
		return NULL;
	for (;;) {
		char *candidate = mg_xasprintf("%s/.miglint.yaml", strcmp(dir, "/") ? dir : "");
		if (access(candidate, F_OK) == 0)
			return candidate;
		free(candidate);
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = '\0';
	}
	return access("/.miglint.yaml", F_OK) == 0 ? mg_xstrdup("/.miglint.yaml") : NULL;
}

bool mg_config_excluded(const mg_config *cfg, const char *path)
{
	if (!cfg->path_count || !cfg->dir)
		return false;
	char *resolved = mg_path_real(path);
	bool excluded = false;
	for (size_t i = 0; i < cfg->path_count && !excluded; i++) {
		const mg_path_setting *ps = &cfg->paths[i];
		char *joined = mg_xasprintf("%s/%s", cfg->dir, ps->path);
		char *base = mg_path_real(joined);
		const char *rest = mg_path_under(base, resolved);
		for (size_t k = 0; rest && k < ps->exclude_count && !excluded; k++) {
			const char *leaf = mg_path_base(rest);
			excluded = fnmatch(ps->exclude[k], rest, FNM_PATHNAME) == 0 ||
				   fnmatch(ps->exclude[k], leaf, 0) == 0;
		}
		free(joined);
		free(base);
	}
	free(resolved);
	return excluded;
}

const char *mg_config_framework(const mg_config *cfg, const char *dir)
{
	if (!cfg->path_count || !cfg->dir)
		return NULL;
	char *resolved = mg_path_real(dir);
	const char *framework = NULL;
	size_t best = 0;
	for (size_t i = 0; resolved && i < cfg->path_count; i++) {
		const mg_path_setting *ps = &cfg->paths[i];
		char *joined = mg_xasprintf("%s/%s", cfg->dir, ps->path);
		char *base = mg_path_real(joined);
		/* the deepest setting that holds the folder wins */
		if (ps->framework && base && (strcmp(base, resolved) == 0 || mg_path_under(base, resolved)) &&
		    strlen(base) >= best) {
			framework = ps->framework;
			best = strlen(base);
		}
		free(joined);
		free(base);
	}
	free(resolved);
	return framework;
}
