#include "miglint/error.h"

#include "miglint/common.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int mg_error_set(mg_error *err, int code, const char *path, int line, const char *fmt, ...)
{
	if (err->message)
		return code; /* the first failure is the one to report */
	va_list ap;
	va_start(ap, fmt);
	err->message = mg_xvasprintf(fmt, ap);
	va_end(ap);
	err->code = code;
	err->path = path ? mg_xstrdup(path) : NULL;
	err->line = line;
	return code;
}

void mg_error_dispose(mg_error *err)
{
	if (!err)
		return;
	free(err->message);
	free(err->path);
	memset(err, 0, sizeof(*err));
}
