/* Files kept beside migrations that are not migrations: a pg_dump or pg_dumpall output (a
 * schema snapshot such as dbmate's schema.sql or Rails' structure.sql). No tool runs them as
 * a step of the history, so they are recognised by their header and not linted. */
#include "miglint/framework.h"

#include "miglint/common.h"

#include <string.h>

/* pg_dump writes its banner in the first lines: "--\n-- PostgreSQL database dump\n--". */
enum { HEADER_BYTES = 512 };

static bool has_line(const char *t, size_t len, const char *line)
{
	size_t n = strlen(line);
	for (const char *p = t; p && (size_t)(p - t) + n <= len;) {
		if (memcmp(p, line, n) == 0 && (p + n == t + len || p[n] == '\n' || p[n] == '\r'))
			return true;
		p = memchr(p, '\n', len - (size_t)(p - t));
		p = p ? p + 1 : NULL;
	}
	return false;
}

const char *mg_snapshot_kind(const char *text, size_t body, size_t len)
{
	const char *t = text + body;
	size_t n = len - body < HEADER_BYTES ? len - body : HEADER_BYTES;
	if (has_line(t, n, "-- PostgreSQL database dump"))
		return "pg_dump output";
	if (has_line(t, n, "-- PostgreSQL database cluster dump"))
		return "pg_dumpall output";
	return NULL;
}
