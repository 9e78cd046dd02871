#include "miglint/common.h"
#include "miglint/report.h"
#include "miglint/rule.h"

#include <jansson.h>

static json_t *finding_json(const mg_finding *f)
{
	json_t *o = json_object();
	json_object_set_new(o, "rule", json_string(f->rule->code));
	json_object_set_new(o, "name", json_string(f->rule->name));
	json_object_set_new(o, "severity", json_string(mg_severity_name(f->severity)));
	json_object_set_new(o, "path", json_string(f->path));
	json_object_set_new(o, "line", json_integer(f->line));
	json_object_set_new(o, "column", json_integer(f->column));
	json_object_set_new(o, "end_line", json_integer(f->end_line));
	json_object_set_new(o, "end_column", json_integer(f->end_column));
	json_object_set_new(o, "offset", json_integer((json_int_t)f->offset));
	json_object_set_new(o, "length", json_integer((json_int_t)f->length));
	json_object_set_new(o, "message", json_string(f->message));
	json_object_set_new(o, "help", json_string(f->help ? f->help : ""));
	json_object_set_new(o, "migration", f->migration ? json_string(f->migration) : json_null());
	if (f->related_count) {
		json_t *related = json_array();
		for (size_t i = 0; i < f->related_count; i++) {
			const mg_related *r = &f->related[i];
			json_array_append_new(related, json_pack("{s:s, s:i, s:i, s:i, s:i, s:s}", "path", r->path,
				"line", r->line, "column", r->column, "end_line", r->end_line,
				"end_column", r->end_column, "message", r->message));
		}
		json_object_set_new(o, "related", related);
	}
	return o;
}

void mg_report_json(FILE *out, const mg_file_result *files, size_t n)
{
	json_t *root = json_object();
	json_object_set_new(root, "version", json_integer(1));
	json_t *tool = json_object();
	json_object_set_new(tool, "name", json_string("miglint"));
	json_object_set_new(tool, "version", json_string(MG_VERSION));
	json_object_set_new(root, "tool", tool);
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < files[i].count; k++)
			json_array_append_new(list, finding_json(files[i].findings[k]));
	json_object_set_new(root, "findings", list);
	mg_summary s;
	mg_summary_count(&s, files, n);
	json_t *sum = json_object();
	json_object_set_new(sum, "files", json_integer((json_int_t)s.files));
	json_object_set_new(sum, "findings", json_integer((json_int_t)s.findings));
	json_object_set_new(sum, "errors", json_integer((json_int_t)s.errors));
	json_object_set_new(sum, "warnings", json_integer((json_int_t)s.warnings));
	json_object_set_new(sum, "infos", json_integer((json_int_t)s.infos));
	json_object_set_new(root, "summary", sum);
	json_dumpf(root, out, JSON_INDENT(2));
	fputc('\n', out);
	json_decref(root);
}
