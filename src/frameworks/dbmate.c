/* dbmate: numbered files holding both directions behind -- migrate:up / -- migrate:down
 * markers (which the engine reads as sections). Its folders look like any numbered folder:
 * the markers found while linting say it is dbmate's (numbered.c refines). */
#include "layout_internal.h"

#include "miglint/framework.h"
#include "miglint/sections.h"

const mg_framework mg_framework_dbmate = {
	.name = "dbmate",
	.partners = MG_PARTNERS_IF_ANY_DOWN,
	.sections = MG_SECTIONS_DBMATE,
};
