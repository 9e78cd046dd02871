/* MG105 duplicate-revision: two Alembic files declare one revision id; a sqitch plan names a
 * change or a tag twice (without a rework between), or lists a requirement twice. */
#include "miglint/chain_check.h"

#include <stdint.h>
#include <string.h>

#include "docs/duplicate_revision.h"

static void report_pair(mg_chain_check *c, mg_migration *m, mg_migration *other)
{
	mg_finding *f = mg_chain_report_at(c, m, &m->id,
		mg_xasprintf("revision id '%s' is also declared by %s", m->id.text, other->path),
		mg_xstrdup("give one of the two files a new revision id (and fix what points at it)"));
	mg_chain_relate_migration(f, other, "the other declaration of '%s'");
}

static void check_revisions(mg_chain_check *c)
{
	mg_graph *g = c->graph;
	for (size_t i = 0; i < g->count; i++) {
		size_t first = c->facts->first_with_id[i];
		if (first == SIZE_MAX || first == i)
			continue;
		report_pair(c, &g->migrations[i], &g->migrations[first]);
		report_pair(c, &g->migrations[first], &g->migrations[i]);
	}
}

/* A change planned again with no tag between: sqitch refuses the plan (a rework needs one). */
static void check_changes(mg_chain_check *c, const mg_sqitch_plan *p)
{
	for (size_t i = 0; i < p->changes.len; i++) {
		const mg_sqitch_change *ch = &p->changes.items[i];
		for (size_t k = i; k-- > 0;) {
			const mg_sqitch_change *o = &p->changes.items[k];
			if (strcmp(o->name, ch->name) != 0)
				continue;
			if (o->tag_count == ch->tag_count)
				mg_chain_report_line(c, p->path, ch->line, ch->text, ch->key,
					mg_xasprintf("change \"%s\" duplicates the one planned on line %d, "
						     "with no tag between: sqitch refuses the plan",
						     ch->name, o->line),
					mg_xstrdup("tag the plan and use sqitch rework to change a "
						   "deployed change, or give this one a new name"));
			break;
		}
	}
}

static void check_tags(mg_chain_check *c, const mg_sqitch_plan *p)
{
	for (size_t i = 0; i < p->tags.len; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(p->tags.items[k].name, p->tags.items[i].name) == 0) {
				mg_chain_report_line(c, p->path, p->tags.items[i].line, p->tags.items[i].text,
					NULL,
					mg_xasprintf("tag @%s duplicates the one on line %d: sqitch "
						     "refuses the plan", p->tags.items[i].name,
						     p->tags.items[k].line),
					mg_xstrdup("give the tag a new name"));
				break;
			}
}

static void check_requirements(mg_chain_check *c, const mg_sqitch_plan *p)
{
	for (size_t i = 0; i < p->changes.len; i++) {
		const mg_sqitch_change *ch = &p->changes.items[i];
		for (size_t k = 0; k < ch->require_count; k++)
			if (ch->resolved[k] == MG_SQITCH_REQUIRES_TWICE)
				mg_chain_report_line(c, p->path, ch->line, ch->text, ch->key,
					mg_xasprintf("change \"%s\" lists \"%s\" twice among its "
						     "requirements: sqitch refuses the plan", ch->name,
						     ch->requires[k]),
					mg_xasprintf("list \"%s\" once", ch->requires[k]));
	}
}

static void check_chain(mg_chain_check *c)
{
	if (c->shape == MG_CHAIN_REVISIONS) {
		check_revisions(c);
	} else if (c->shape == MG_CHAIN_PLAN) {
		check_changes(c, c->set->sqitch_plan);
		check_tags(c, c->set->sqitch_plan);
		check_requirements(c, c->set->sqitch_plan);
	}
}

const mg_rule mg_rule_duplicate_revision = {
	.code = "MG105",
	.name = "duplicate-revision",
	.severity = MG_SEV_ERROR,
	.summary = "two migrations declare the same revision id",
	.help = "give one of them a new revision id",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
