#include "miglint/settings.h"

#include "miglint/common.h"
#include "miglint/rule.h"

#include <stdlib.h>
#include <string.h>

/* The command line's where it says something, else the file's. */
static void resolve(mg_settings *s, const mg_overrides *o)
{
	const mg_config *cfg = &s->config;
	s->select = o->select_count ? o->select : cfg->select;
	s->select_count = o->select_count ? o->select_count : cfg->select_count;
	s->ignore = o->ignore_count ? o->ignore : cfg->ignore;
	s->ignore_count = o->ignore_count ? o->ignore_count : cfg->ignore_count;
	s->fail_level = o->has_fail_level ? o->fail_level
		: cfg->has_fail_level ? cfg->fail_level : MG_SEV_WARNING;
	s->pg_version = o->pg_version ? o->pg_version : cfg->pg_version;
	s->down = o->down ? o->down : cfg->down ? cfg->down : MG_DOWN_QUIET;
	s->lock_timeout = o->lock_timeout ? o->lock_timeout
		: cfg->lock_timeout ? cfg->lock_timeout : MG_LOCK_TIMEOUT_IN_MIGRATION;
}

/* Severities: each rule's own, then the file's rules.severity entries in order. */
static void severities(mg_settings *s)
{
	size_t n;
	const mg_rule *const *rules = mg_rules_all(&n);
	s->severity = mg_xcalloc(n ? n : 1, sizeof(mg_severity));
	for (size_t i = 0; i < n; i++) {
		s->severity[i] = rules[i]->severity;
		for (size_t k = 0; k < s->config.severity_count; k++)
			if (mg_rule_matches(rules[i], s->config.severity[k].rule))
				s->severity[i] = s->config.severity[k].severity;
	}
}

int mg_settings_load(mg_settings *out, const mg_overrides *o, mg_error *err)
{
	memset(out, 0, sizeof(*out));
	char *path = o->config_path ? mg_xstrdup(o->config_path) : mg_config_find();
	if (path) {
		char *message = NULL;
		int rc = mg_config_load(&out->config, path, &message);
		if (rc != MG_OK) {
			mg_error_set(err, rc, path, 0, "%s", message);
			free(message);
			free(path);
			return rc;
		}
		free(path);
	}
	resolve(out, o);
	size_t n;
	mg_rules_all(&n);
	out->enabled = mg_xcalloc(n ? n : 1, sizeof(bool));
	mg_rules_select(out->enabled, out->select, out->select_count, out->ignore,
			out->ignore_count, o->preview || out->config.preview);
	severities(out);
	return MG_OK;
}

void mg_settings_dispose(mg_settings *s)
{
	if (!s)
		return;
	mg_config_dispose(&s->config);
	free(s->enabled);
	free(s->severity);
	memset(s, 0, sizeof(*s));
}
