/* SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * What GitHub reads: tool.driver (name, semanticVersion, informationUri, rules with their
 * help and defaultConfiguration.level), results with ruleId/ruleIndex/level/message, one
 * physical location relative to %SRCROOT%, and partialFingerprints.primaryLocationLineHash.
 * No security-severity: these are not security alerts. */
#include "miglint/common.h"
#include "miglint/report.h"
#include "miglint/rule.h"

#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { GITHUB_MAX_RESULTS = 25000 };

static json_t *text(const char *s)
{
	return json_pack("{s:s}", "text", s);
}

static const char *level_of(mg_severity s)
{
	return s == MG_SEV_ERROR ? "error" : s == MG_SEV_WARNING ? "warning" : "note";
}

static const char *tag_of(const mg_rule *r)
{
	switch (r->code[2]) {
	case '1': return "chain";
	case '2': return "idempotency";
	case '3': return "locking";
	case '4': return "data-loss";
	case '5': return "transactions";
	case '6': return "schema-style";
	default: return "syntax";
	}
}

static json_t *rule_json(const mg_rule *r)
{
	char *help_text = mg_xasprintf("%s\n\n%s", r->help, r->doc);
	char *markdown = mg_xasprintf("**%s**: %s\n\n%s", r->code, r->help, r->doc);
	json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:{s:s, s:s}, s:{s:s}, s:{s:[s, s], s:s, s:s}}",
		"id", r->code, "name", r->name,
		"shortDescription", text(r->summary),
		"fullDescription", text(r->summary),
		"help", "text", help_text, "markdown", markdown,
		"defaultConfiguration", "level", level_of(r->severity),
		"properties", "tags", tag_of(r), "postgresql",
		"precision", r->code[2] == '2' || r->code[2] == '9' ? "very-high" : "high",
		"problem.severity", r->severity == MG_SEV_ERROR ? "error"
				    : r->severity == MG_SEV_WARNING ? "warning" : "recommendation");
	free(help_text);
	free(markdown);
	return o;
}

/* Percent-encodes a relative path as a URI reference (RFC 3986), keeping '/'. */
static char *uri_of(const char *path)
{
	mg_buf b;
	mg_buf_init(&b);
	if (path[0] == '.' && path[1] == '/')
		path += 2;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p))
			mg_buf_putc(&b, (char)*p);
		else
			mg_buf_printf(&b, "%%%02X", *p);
	}
	return mg_buf_take(&b);
}

static json_t *artifact(const char *path)
{
	char *uri = uri_of(path);
	json_t *o;
	if (path[0] == '/') {
		char *abs = mg_xasprintf("file://%s", uri);
		o = json_pack("{s:s}", "uri", abs);
		free(abs);
	} else {
		o = json_pack("{s:s, s:s}", "uri", uri, "uriBaseId", "%SRCROOT%");
	}
	free(uri);
	return o;
}

static json_t *location(const mg_finding *f)
{
	json_t *region = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i}", "startLine", f->line,
				   "startColumn", f->column, "endLine", f->end_line,
				   "endColumn", f->end_column, "byteOffset", (int)f->offset,
				   "byteLength", (int)f->length);
	return json_pack("{s:{s:o, s:o}}", "physicalLocation", "artifactLocation", artifact(f->path),
			 "region", region);
}

static json_t *result_json(const mg_file_result *file, size_t k, size_t rule_index)
{
	const mg_finding *f = file->findings[k];
	char fp[MG_FINGERPRINT_SIZE];
	mg_fingerprint(fp, file, k);
	char *message = f->help && *f->help ? mg_xasprintf("%s. Fix: %s", f->message, f->help)
					    : mg_xstrdup(f->message);
	json_t *o = json_pack("{s:s, s:i, s:s, s:o, s:[o], s:{s:s}}", "ruleId", f->rule->code,
			      "ruleIndex", (int)rule_index, "level", level_of(f->severity),
			      "message", text(message), "locations", location(f),
			      "partialFingerprints", "primaryLocationLineHash", fp);
	free(message);
	if (f->related_count) {
		/* chain findings point at the other heads, the other file of a duplicate id */
		json_t *related = json_array();
		for (size_t i = 0; i < f->related_count; i++) {
			const mg_related *r = &f->related[i];
			json_t *region = json_pack("{s:i, s:i, s:i, s:i}", "startLine", r->line,
						   "startColumn", r->column, "endLine", r->end_line,
						   "endColumn", r->end_column);
			json_array_append_new(related, json_pack("{s:i, s:{s:o, s:o}, s:o}", "id", (int)i + 1,
				"physicalLocation", "artifactLocation", artifact(r->path), "region", region,
				"message", text(r->message)));
		}
		json_object_set_new(o, "relatedLocations", related);
	}
	return o;
}

static size_t index_of(const mg_rule *r)
{
	size_t n;
	const mg_rule *const *rules = mg_rules_all(&n);
	for (size_t i = 0; i < n; i++)
		if (rules[i] == r)
			return i;
	return 0;
}

static json_t *notification(const mg_finding *f)
{
	return json_pack("{s:s, s:o, s:[o], s:{s:s}}", "level", "error", "message", text(f->message),
			 "locations", location(f), "descriptor", "id", f->rule->code);
}

void mg_report_sarif(FILE *out, const mg_file_result *files, size_t n)
{
	size_t count;
	const mg_rule *const *rules = mg_rules_all(&count);
	json_t *rule_list = json_array();
	for (size_t i = 0; i < count; i++)
		json_array_append_new(rule_list, rule_json(rules[i]));

	json_t *results = json_array(), *notes = json_array();
	size_t total = 0;
	bool all_read = true;
	for (size_t i = 0; i < n; i++) {
		all_read = all_read && !files[i].unreadable;
		for (size_t k = 0; k < files[i].count; k++) {
			const mg_finding *f = files[i].findings[k];
			if (files[i].unreadable && strcmp(f->rule->code, "MG902") == 0)
				json_array_append_new(notes, notification(f));
			if (++total > GITHUB_MAX_RESULTS)
				continue;
			json_array_append_new(results, result_json(&files[i], k, index_of(f->rule)));
		}
	}
	if (total > GITHUB_MAX_RESULTS) {
		char *msg = mg_xasprintf("%zu results; only the first %d are included (GitHub code "
					 "scanning reads at most %d per run)", total,
					 GITHUB_MAX_RESULTS, GITHUB_MAX_RESULTS);
		json_array_append_new(notes, json_pack("{s:s, s:o}", "level", "warning", "message", text(msg)));
		free(msg);
	}

	char cwd[PATH_MAX];
	char *root = getcwd(cwd, sizeof(cwd)) ? mg_xasprintf("file://%s/", strcmp(cwd, "/") ? cwd : "") : NULL;
	json_t *run = json_pack("{s:{s:{s:s, s:s, s:s, s:s, s:o}}, s:o, s:[{s:b, s:o}], s:s}",
		"tool", "driver", "name", "miglint", "version", MG_VERSION,
		"semanticVersion", MG_VERSION, "informationUri", "https://github.com/miglint/miglint",
		"rules", rule_list,
		"results", results,
		"invocations", "executionSuccessful", all_read, "toolExecutionNotifications", notes,
		"columnKind", "unicodeCodePoints");
	if (root) {
		char *encoded = uri_of(root + 7);
		char *uri = mg_xasprintf("file://%s", encoded);
		json_object_set_new(run, "originalUriBaseIds",
				    json_pack("{s:{s:s}}", "%SRCROOT%", "uri", uri));
		free(uri);
		free(encoded);
		free(root);
	}
	json_t *doc = json_pack("{s:s, s:s, s:[o]}", "$schema",
				"https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0",
				"runs", run);
	json_dumpf(doc, out, JSON_INDENT(2));
	fputc('\n', out);
	json_decref(doc);
}
