/* MG114 mixed-naming-schemes: a file named in another tool's scheme is never run (recorded by
 * the reader); sqlx refuses simple and reversible migrations in one folder; goose orders
 * sequential and timestamp versions unpredictably across branches. */
#include "miglint/chain_check.h"

#include <string.h>

#include "docs/mixed_naming_schemes.h"

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The kind counted: sqlx reversible (or simple); goose timestamp (or sequential). */
static bool scheme_kind(mg_scheme_mix mix, const mg_entry *e)
{
	return mix == MG_MIX_REVERSIBLE ? ends_with(e->name, ".up.sql") || ends_with(e->name, ".down.sql")
					: strlen(e->version) >= 12;
}

static char *message(mg_scheme_mix mix, const mg_entry *e, bool kind)
{
	if (mix == MG_MIX_REVERSIBLE)
		return mg_xasprintf("%s is a %s migration in a folder of %s ones: sqlx refuses a folder "
				    "that mixes them", e->name, kind ? "reversible" : "simple",
				    kind ? "simple" : "reversible");
	return mg_xasprintf("%s has a %s version in a folder of %s ones: goose orders them "
			    "unpredictably (goose fix converts them)", e->name,
			    kind ? "timestamp" : "sequential", kind ? "sequential" : "timestamp");
}

/* The minority kind is reported. */
static void check_mix(mg_chain_check *c)
{
	const mg_migration_set *s = c->set;
	size_t a = 0, b = 0;
	for (size_t i = 0; i < s->count; i++) {
		if (!mg_chain_in_history(&s->entries[i]))
			continue;
		bool kind = scheme_kind(s->mix, &s->entries[i]);
		a += kind, b += !kind;
	}
	if (!a || !b)
		return;
	bool minority = a < b;
	for (size_t i = 0; i < s->count; i++) {
		const mg_entry *e = &s->entries[i];
		if (mg_chain_in_history(e) && scheme_kind(s->mix, e) == minority)
			mg_chain_report_entry(c, e, message(s->mix, e, minority), NULL);
	}
}

static void check_chain(mg_chain_check *c)
{
	mg_chain_report_problems(c);
	if (c->shape == MG_CHAIN_VERSIONS && c->set->mix != MG_MIX_NONE)
		check_mix(c);
}

const mg_rule mg_rule_mixed_naming_schemes = {
	.code = "MG114",
	.name = "mixed-naming-schemes",
	.severity = MG_SEV_ERROR,
	.summary = "one migration folder mixes two naming schemes; the tool runs only one of them",
	.help = "rename the files to the folder's scheme",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
	.check_chain = check_chain,
};
