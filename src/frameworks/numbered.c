/* Numbered folders (001_x.sql, with optional _down/_rollback scripts) that no other tool
 * claims, run by the project's own runner in name order (so two files may share a number);
 * once linted, goose or dbmate markers in their files say whose they are. */
#include "layout_internal.h"

#include "miglint/framework.h"

extern const mg_framework mg_framework_goose, mg_framework_dbmate;

static int score(const mg_folder_names *names)
{
	return names->most == MG_SCHEME_NUMBERED ? 100 : 0;
}

static const mg_framework *refine(size_t goose_files, size_t dbmate_files)
{
	if (!goose_files && !dbmate_files)
		return NULL;
	return goose_files >= dbmate_files ? &mg_framework_goose : &mg_framework_dbmate;
}

const mg_framework mg_framework_numbered = {
	.name = "numbered",
	.score = score,
	.refine = refine,
	.partners = MG_PARTNERS_IF_ANY_DOWN,
	.downs_optional = true,
	/* a project's own runner applies the files in name order: 002_a and 002_b both run */
	.versions_may_repeat = true,
};
