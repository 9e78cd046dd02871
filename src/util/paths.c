#include "miglint/paths.h"

#include "miglint/common.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

char *mg_path_real(const char *p)
{
	char resolved[PATH_MAX];
	return mg_xstrdup(realpath(p, resolved) ? resolved : p);
}

char *mg_path_dir(const char *p)
{
	char *r = mg_path_real(p);
	char *slash = strrchr(r, '/');
	if (slash)
		*(slash == r ? slash + 1 : slash) = '\0';
	return r;
}

const char *mg_path_under(const char *base, const char *path)
{
	size_t n = strlen(base);
	if (n && base[n - 1] == '/')
		n--;
	if (strncmp(path, base, n) == 0 && path[n] == '/')
		return path + n + 1;
	return NULL;
}

const char *mg_path_base(const char *p)
{
	const char *slash = strrchr(p, '/');
	return slash ? slash + 1 : p;
}

int mg_path_compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *mg_path_parent(const char *p)
{
	const char *slash = strrchr(p, '/');
	if (!slash)
		return mg_xstrdup(".");
	if (slash == p)
		return mg_xstrdup("/");
	return mg_xstrndup(p, (size_t)(slash - p));
}
