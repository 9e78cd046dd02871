/* The rule registry: the generated list (build/rules_list.h, one line per rules/ file),
 * sorted by code once. */
#include "miglint/common.h"
#include "miglint/rule.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MG_RULE(name) extern const mg_rule mg_rule_##name;
#include "rules_list.h"
#undef MG_RULE

static const mg_rule *all[] = {
#define MG_RULE(name) &mg_rule_##name,
#include "rules_list.h"
#undef MG_RULE
};

static pthread_once_t sorted_once = PTHREAD_ONCE_INIT;

static int by_code(const void *a, const void *b)
{
	return strcmp((*(const mg_rule *const *)a)->code, (*(const mg_rule *const *)b)->code);
}

static void sort_rules(void)
{
	qsort(all, sizeof(all) / sizeof(all[0]), sizeof(all[0]), by_code);
}

const mg_rule *const *mg_rules_all(size_t *count_out)
{
	pthread_once(&sorted_once, sort_rules);
	*count_out = sizeof(all) / sizeof(all[0]);
	return all;
}

const mg_rule *mg_rule_find(const char *code_or_name)
{
	size_t n;
	const mg_rule *const *rules = mg_rules_all(&n);
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(rules[i]->code, code_or_name) == 0 ||
		    strcmp(rules[i]->name, code_or_name) == 0)
			return rules[i];
	return NULL;
}

bool mg_rule_matches(const mg_rule *r, const char *pattern)
{
	if (mg_rule_named(r, pattern))
		return true;
	size_t n = strlen(pattern);
	/* A code prefix: "MG2" or "MG20" selects every rule whose code starts so. */
	return n >= 2 && n < strlen(r->code) && strncasecmp(r->code, pattern, n) == 0 &&
	       strncasecmp(pattern, "MG", 2) == 0;
}

bool mg_rule_named(const mg_rule *r, const char *pattern)
{
	return strcmp(r->name, pattern) == 0 || strcasecmp(r->code, pattern) == 0;
}

static bool selected(const mg_rule *r, char *const *select, size_t select_count)
{
	if (select_count == 0)
		return !(r->flags & MG_RULE_OFF_BY_DEFAULT);
	for (size_t k = 0; k < select_count; k++) {
		if (r->flags & MG_RULE_OFF_BY_DEFAULT ? mg_rule_named(r, select[k])
						      : mg_rule_matches(r, select[k]))
			return true;
	}
	return false;
}

void mg_rules_select(bool *enabled, char *const *select, size_t select_count,
		     char *const *ignore, size_t ignore_count, bool preview)
{
	size_t n;
	const mg_rule *const *rules = mg_rules_all(&n);
	mg_rules_select_in(enabled, rules, n, select, select_count, ignore, ignore_count, preview);
}

void mg_rules_select_in(bool *enabled, const mg_rule *const *rules, size_t n,
			char *const *select, size_t select_count, char *const *ignore,
			size_t ignore_count, bool preview)
{
	for (size_t i = 0; i < n; i++) {
		bool on = selected(rules[i], select, select_count);
		on = on && (preview || !(rules[i]->flags & MG_RULE_PREVIEW));
		for (size_t k = 0; k < ignore_count; k++)
			on = on && !mg_rule_matches(rules[i], ignore[k]);
		enabled[i] = on;
	}
}

bool mg_rule_pattern_valid(const char *pattern)
{
	/* A family prefix (MG1 chain ... MG9 meta) is valid even while it has no rule yet. */
	if (strlen(pattern) == 3 && strncasecmp(pattern, "MG", 2) == 0 && pattern[2] >= '1' &&
	    pattern[2] <= '9')
		return true;
	size_t n;
	const mg_rule *const *rules = mg_rules_all(&n);
	for (size_t i = 0; i < n; i++)
		if (mg_rule_matches(rules[i], pattern))
			return true;
	return false;
}
