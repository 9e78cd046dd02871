/* GitLab Code Quality report (the codeclimate subset GitLab reads): an array of issues with
 * description, check_name, a fingerprint unique per finding, severity and location. */
#include "miglint/common.h"
#include "miglint/report.h"
#include "miglint/rule.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static const char *severity_of(mg_severity s)
{
	return s == MG_SEV_ERROR ? "critical" : s == MG_SEV_WARNING ? "major" : "info";
}

void mg_report_gitlab(FILE *out, const mg_file_result *files, size_t n)
{
	json_t *issues = json_array();
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < files[i].count; k++) {
			const mg_finding *f = files[i].findings[k];
			char line_fp[MG_FINGERPRINT_SIZE], fp[MG_FINGERPRINT_SIZE + 20];
			mg_fingerprint(line_fp, &files[i], k);
			/* GitLab wants fingerprints unique in the whole report: add the path's hash */
			snprintf(fp, sizeof(fp), "%016llx-%s", mg_hash(f->path, strlen(f->path)), line_fp);
			json_array_append_new(issues, json_pack(
				"{s:s, s:s, s:s, s:s, s:s, s:[s], s:{s:s, s:{s:i, s:i}}}",
				"type", "issue", "description", f->message,
				"check_name", f->rule->code, "fingerprint", fp,
				"severity", severity_of(f->severity), "categories", "Bug Risk",
				"location", "path", f->path[0] == '.' && f->path[1] == '/' ? f->path + 2 : f->path,
				"lines", "begin", f->line, "end", f->end_line));
		}
	}
	json_dumpf(issues, out, JSON_INDENT(2));
	fputc('\n', out);
	json_decref(issues);
}
