/* How a call rule reports: a finding at bytes of the Python file, placed there. */
#include "miglint/call_check.h"

#include "miglint/common.h"

mg_finding *mg_call_report(mg_call_check *c, size_t offset, size_t length, char *message)
{
	const mg_source *src = c->src;
	if (offset > src->len)
		offset = src->len;
	if (length > src->len - offset)
		length = src->len - offset;
	mg_finding *f = mg_finding_new(c->rule, c->severity, message);
	f->offset = offset;
	f->length = length;
	mg_source_position(src, offset, &f->line, &f->column);
	mg_source_position(src, offset + length, &f->end_line, &f->end_column);
	size_t ls, le;
	mg_source_line_range(src, f->line, &ls, &le);
	f->source_line = mg_xstrndup(src->text + ls, le - ls);
	c->sink(c->sink_arg, f);
	return f;
}
