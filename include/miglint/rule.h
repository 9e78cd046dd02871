/* Rule descriptors. Each rule is one file in rules/ defining `const mg_rule mg_rule_<name>`;
 * the Makefile generates the registry from the file list. */
#ifndef MIGLINT_RULE_H
#define MIGLINT_RULE_H

#include "miglint/finding.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct mg_check mg_check;

typedef struct mg_rule {
	const char *code;     /* MG201 */
	const char *name;     /* create-table-without-if-not-exists */
	mg_severity severity; /* default severity */
	const char *summary;  /* the problem, one line */
	const char *help;     /* the fix, one line */
	const char *doc;      /* Markdown with ## Problem, ## Solution and ## Example */
	const int *kinds;     /* node tags dispatched to check, ending with 0; NULL for engine rules */
	void (*check)(mg_check *c, const void *node);
} mg_rule;

/* The registry, sorted by code. Lent for the program's lifetime. */
const mg_rule *const *mg_rules_all(size_t *count_out);
/* Returns the rule with this code or name (case-insensitive code), or NULL. */
const mg_rule *mg_rule_find(const char *code_or_name);
/* True when `pattern` (a code, a name, or a code prefix such as MG2) names rule r. */
bool mg_rule_matches(const mg_rule *r, const char *pattern);
/* True when pattern matches at least one rule. */
bool mg_rule_pattern_valid(const char *pattern);

/* Rules the engine itself reports (no check function). */
extern const mg_rule mg_rule_syntax_error;
extern const mg_rule mg_rule_unreadable_file;
extern const mg_rule mg_rule_invalid_utf8;
extern const mg_rule mg_rule_nul_byte;
extern const mg_rule mg_rule_empty_file;
extern const mg_rule mg_rule_psql_meta_command;
extern const mg_rule mg_rule_copy_from_stdin_data;
extern const mg_rule mg_rule_unused_suppression;
extern const mg_rule mg_rule_unknown_rule_in_suppression;
extern const mg_rule mg_rule_concurrently_in_transaction;
extern const mg_rule mg_rule_malformed_migration;

#endif
