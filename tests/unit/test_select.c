/* Rule selection: which rules run for a --select/--ignore/--preview, with rules off by default
 * and preview rules. A table of cases over a small list of made-up rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "miglint/rule.h"

#include <string.h>

static const mg_rule plain = {.code = "MG201", .name = "create-table"};
static const mg_rule other = {.code = "MG401", .name = "drop-table"};
static const mg_rule quiet = {.code = "MG202", .name = "quiet-rule", .flags = MG_RULE_OFF_BY_DEFAULT};
static const mg_rule fresh = {.code = "MG601", .name = "fresh-rule", .flags = MG_RULE_PREVIEW};
static const mg_rule *const rules[] = {&plain, &other, &quiet, &fresh};
enum { N = sizeof(rules) / sizeof(rules[0]) };

typedef struct case_ {
	const char *select; /* comma-separated patterns, "" for none */
	const char *ignore;
	bool preview;
	const char *expect; /* one letter per rule: 1 runs, 0 does not */
} case_;

static size_t split(char **out, char *buf, const char *list)
{
	size_t n = 0;
	strcpy(buf, list);
	for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ","))
		out[n++] = tok;
	return n;
}

static void selection(void **state)
{
	(void)state;
	static const case_ cases[] = {
		{"", "", false, "1100"},           /* defaults: neither the quiet nor the preview rule */
		{"", "", true, "1101"},            /* --preview adds preview rules */
		{"MG2", "", false, "1000"},        /* a prefix does not switch on a rule off by default */
		{"MG202", "", false, "0010"},      /* naming it by code does */
		{"quiet-rule", "", false, "0010"}, /* or by name */
		{"mg202,MG4", "", false, "0110"},  /* codes compare without case */
		{"MG601", "", false, "0000"},      /* a preview rule needs --preview, even when named */
		{"MG6", "", true, "0001"},
		{"", "MG4", false, "1000"},        /* ignore removes */
		{"MG202", "quiet-rule", false, "0000"}, /* and wins over select */
		{"", "MG2", true, "0101"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const case_ *k = &cases[i];
		char sbuf[64], ibuf[64], *sel[8], *ign[8];
		size_t ns = split(sel, sbuf, k->select), ni = split(ign, ibuf, k->ignore);
		bool enabled[N];
		mg_rules_select_in(enabled, rules, N, sel, ns, ign, ni, k->preview);
		char got[N + 1];
		for (size_t r = 0; r < N; r++)
			got[r] = enabled[r] ? '1' : '0';
		got[N] = '\0';
		if (strcmp(got, k->expect) != 0)
			fail_msg("select '%s' ignore '%s' preview %d: expected %s, got %s", k->select,
				 k->ignore, k->preview, k->expect, got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(selection)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
