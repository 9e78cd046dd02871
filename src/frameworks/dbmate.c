/* dbmate: numbered files holding both directions behind -- migrate:up / -- migrate:down
 * markers, each section a run of its own in a transaction unless its marker says
 * transaction:false. Its folders look like any numbered folder: the markers found while
 * linting say it is dbmate's (numbered.c refines). */
#include "layout_internal.h"

#include "miglint/framework.h"
#include "miglint/sections.h"

/* The sections of a file with dbmate markers, and what dbmate refuses in it. */
static void plan_sections(mg_unit_plan *out, mg_sections *m, const char *text, size_t body,
			  size_t len)
{
	mg_sections_runs(out, m, body, len,
			 "dbmate runs each section in a transaction (write -- migrate:up transaction:false)",
			 "dbmate runs each section in a transaction (write -- migrate:down transaction:false)");
	mg_sections_problems(out, m, text, body, len, "dbmate", "-- migrate:up");
}

const mg_framework mg_framework_dbmate = {
	.name = "dbmate",
	.partners = MG_PARTNERS_IF_ANY_DOWN,
	.sections = MG_SECTIONS_DBMATE,
	.plan_sections = plan_sections,
};
