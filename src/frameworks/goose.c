/* goose: numbered files holding both directions behind -- +goose Up / -- +goose Down markers
 * (which the engine reads as sections), and Go migrations (<version>_x.go) in the same
 * history. Sequential and timestamp versions should not be mixed. */
#include "layout_internal.h"

#include "miglint/framework.h"
#include "miglint/sections.h"

#include <dirent.h>
#include <string.h>

static bool is_go_migration(const char *n)
{
	size_t dg = mg_tool_digits(n);
	return dg && n[dg] == '_' && mg_tool_ends_with(n, ".go");
}

static bool folder_has_go(const char *dir)
{
	DIR *d = opendir(dir);
	bool yes = false;
	struct dirent *e;
	while (d && !yes && (e = readdir(d)) != NULL)
		yes = is_go_migration(e->d_name);
	if (d)
		closedir(d);
	return yes;
}

/* A numbered folder with Go migrations beside the SQL ones. */
static int score(const mg_folder_names *names)
{
	return names->most == MG_SCHEME_NUMBERED && folder_has_go(names->dir) ? 150 : 0;
}

static bool code_migration(const char *n, char **version_out, char **title_out)
{
	if (!is_go_migration(n) || mg_tool_ends_with(n, "_test.go"))
		return false;
	size_t dg = mg_tool_digits(n);
	*version_out = mg_tool_integer_version(n, dg);
	*title_out = mg_xstrndup(n + dg + 1, strlen(n + dg) - 4);
	return true;
}

const mg_framework mg_framework_goose = {
	.name = "goose",
	.score = score,
	.code_migration = code_migration,
	.partners = MG_PARTNERS_IF_ANY_DOWN,
	.mix = MG_MIX_TIMESTAMPS,
	.sections = MG_SECTIONS_GOOSE,
};
