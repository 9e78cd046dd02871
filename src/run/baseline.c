#include "miglint/baseline.h"

#include "miglint/common.h"
#include "miglint/paths.h"
#include "miglint/report.h"
#include "miglint/rule.h"

#include <jansson.h>
#include <limits.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

struct mg_baseline {
	char **keys; /* "path\x1frule\x1ffingerprint", sorted */
	size_t count;
	char *dir;   /* paths in the file are relative to its directory */
};

/* A file's path relative to dir (absolute when outside it), however it was spelled. */
static char *relative_to(const char *dir, const char *path)
{
	char *r = mg_path_real(path);
	const char *below = mg_path_under(dir, r);
	char *out = mg_xstrdup(below ? below : r);
	free(r);
	return out;
}

static char *key_of(const char *path, const char *rule, const char *fp)
{
	return mg_xasprintf("%s\x1f%s\x1f%s", path, rule, fp);
}

void mg_baseline_write(FILE *out, const mg_file_result *files, size_t n)
{
	/* written to standard output, so meant to be saved in the working directory */
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		strcpy(cwd, ".");
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < files[i].count; k++) {
			const mg_finding *f = files[i].findings[k];
			char fp[MG_FINGERPRINT_SIZE];
			mg_fingerprint(fp, &files[i], k);
			char *path = relative_to(cwd, f->path);
			json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:i, s:s}",
				"path", path, "rule", f->rule->code, "fingerprint", fp,
				"line", f->line, "message", f->message));
			free(path);
		}
	}
	json_t *doc = json_pack("{s:i, s:s, s:o}", "version", 1, "tool", "miglint", "findings", list);
	json_dumpf(doc, out, JSON_INDENT(2));
	fputc('\n', out);
	json_decref(doc);
}

static int compare_keys(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int mg_baseline_load(mg_baseline **out, const char *path, char **error_out)
{
	json_error_t err;
	json_t *doc = json_load_file(path, 0, &err);
	*out = NULL;
	if (!doc) {
		*error_out = mg_xasprintf("%s:%d:%d: cannot read the baseline: %s", path, err.line,
					  err.column, err.text);
		return MG_ECONFIG;
	}
	json_t *list = json_object_get(doc, "findings");
	if (json_integer_value(json_object_get(doc, "version")) != 1 || !json_is_array(list)) {
		*error_out = mg_xasprintf("%s: not a miglint baseline (version 1 with findings); "
					  "write one with 'miglint baseline'", path);
		json_decref(doc);
		return MG_ECONFIG;
	}
	mg_baseline *b = mg_xcalloc(1, sizeof(*b));
	b->dir = mg_path_dir(path);
	b->keys = mg_xcalloc(json_array_size(list) + 1, sizeof(char *));
	size_t i;
	json_t *item;
	json_array_foreach(list, i, item) {
		const char *p = json_string_value(json_object_get(item, "path"));
		const char *r = json_string_value(json_object_get(item, "rule"));
		const char *fp = json_string_value(json_object_get(item, "fingerprint"));
		if (p && r && fp)
			b->keys[b->count++] = key_of(p, r, fp);
	}
	if (b->count)
		qsort(b->keys, b->count, sizeof(char *), compare_keys);
	json_decref(doc);
	*out = b;
	return MG_OK;
}

void mg_baseline_free(mg_baseline *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->count; i++)
		free(b->keys[i]);
	free(b->keys);
	free(b->dir);
	free(b);
}

size_t mg_baseline_apply(const mg_baseline *b, mg_file_result *files, size_t n)
{
	size_t removed = 0;
	for (size_t i = 0; i < n; i++) {
		mg_file_result *r = &files[i];
		bool *hide = mg_xcalloc(r->count ? r->count : 1, sizeof(bool));
		char *path = relative_to(b->dir, r->path);
		for (size_t k = 0; k < r->count; k++) {
			char fp[MG_FINGERPRINT_SIZE];
			mg_fingerprint(fp, r, k); /* before removing anything: occurrences count all */
			char *key = key_of(path, r->findings[k]->rule->code, fp);
			hide[k] = bsearch(&key, b->keys, b->count, sizeof(char *), compare_keys) != NULL;
			free(key);
		}
		free(path);
		size_t kept = 0;
		for (size_t k = 0; k < r->count; k++) {
			if (hide[k]) {
				mg_finding_free(r->findings[k]);
				removed++;
			} else {
				r->findings[kept++] = r->findings[k];
			}
		}
		r->count = kept;
		free(hide);
	}
	return removed;
}

/* ---- git ------------------------------------------------------------------------------- */

static int run_lines(char ***out, size_t *count, const char *cmd)
{
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	char line[4096];
	while (fgets(line, sizeof(line), p)) {
		line[strcspn(line, "\n")] = '\0';
		*out = mg_xrealloc(*out, (*count + 2) * sizeof(char *));
		(*out)[(*count)++] = mg_xstrdup(line);
		(*out)[*count] = NULL;
	}
	return pclose(p);
}

static bool safe_rev(const char *rev)
{
	/* the revision goes into a shell command: allow what revision names are made of */
	if (!*rev || rev[0] == '-')
		return false;
	for (const char *p = rev; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/~^@{}-", *p))
			return false;
	return true;
}

int mg_git_changed_since(char ***out, const char *rev, const char *filter, char **error_out)
{
	*out = NULL;
	if (!safe_rev(rev)) {
		*error_out = mg_xasprintf("--since: '%s' is not a git revision name", rev);
		return MG_EUSAGE;
	}
	char **top = NULL;
	size_t n_top = 0;
	if (run_lines(&top, &n_top, "git rev-parse --show-toplevel 2>/dev/null") != 0 || n_top != 1) {
		*error_out = mg_xstrdup("--since needs a git repository; the working directory is not in one");
		for (size_t i = 0; i < n_top; i++)
			free(top[i]);
		free(top);
		return MG_EUSAGE;
	}
	char *verify = mg_xasprintf("git rev-parse --verify --quiet '%s^{commit}' >/dev/null", rev);
	int ok = system(verify);
	free(verify);
	if (ok != 0) {
		*error_out = mg_xasprintf("--since: git knows no revision '%s'", rev);
		free(top[0]);
		free(top);
		return MG_EUSAGE;
	}
	char **rel = NULL;
	size_t n = 0;
	char *diff = mg_xasprintf("git -C '%s' diff --name-only --diff-filter=%s '%s' -- && "
				  "git -C '%s' ls-files --others --exclude-standard", top[0], filter, rev,
				  top[0]);
	run_lines(&rel, &n, diff);
	free(diff);
	char **abs = mg_xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++) {
		abs[i] = mg_xasprintf("%s/%s", top[0], rel[i]);
		free(rel[i]);
	}
	free(rel);
	free(top[0]);
	free(top);
	*out = abs;
	return MG_OK;
}
