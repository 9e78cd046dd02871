/* Rule descriptors. Each rule is one file in rules/<family>/ defining
 * `const mg_rule mg_rule_<name>`; the Makefile generates the registry from the file list.
 * A rule's logic lives in its own file, whatever its kind; the pipeline only calls it. */
#ifndef MIGLINT_RULE_H
#define MIGLINT_RULE_H

#include "miglint/finding.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct mg_check mg_check;

/* What a rule runs over, and so which of the check functions below it sets. */
typedef enum mg_rule_kind {
	MG_RULE_STATEMENT, /* each parsed statement of the node tags in `kinds` (check) */
	MG_RULE_FILE,      /* each SQL unit as a whole: bytes, encoding, directives (check_file) */
	MG_RULE_CHAIN,     /* each migration history: ids, parents, versions (check_chain) */
	MG_RULE_CALL,      /* each Python operation of a migration, such as op.add_column
			    * (check_call) */
} mg_rule_kind;

/* Flags: a rule off by default runs only when named in --select or the config's select (by
 * code or name, not by a prefix); a preview rule runs only with --preview (or preview: true),
 * and its findings may still change between releases. A rule that groups repeats makes one
 * finding per unit for findings with the same message (the same object, the same fault): the
 * first, with the count and the others as related locations (a seed file of 500 INSERTs into
 * one table is one thing to fix). */
enum {
	MG_RULE_OFF_BY_DEFAULT = 1u << 0,
	MG_RULE_PREVIEW = 1u << 1,
	MG_RULE_GROUP_REPEATS = 1u << 2,
};

struct mg_file_check;
struct mg_chain_check;
struct mg_call_check;

typedef struct mg_rule {
	const char *code;     /* MG201 */
	const char *name;     /* create-table-without-if-not-exists */
	mg_severity severity; /* default severity */
	const char *summary;  /* the problem, one line */
	const char *help;     /* the fix, one line */
	const char *doc;      /* Markdown with ## Problem, ## Solution and ## Example */
	mg_rule_kind kind;
	unsigned flags;       /* MG_RULE_OFF_BY_DEFAULT, MG_RULE_PREVIEW, MG_RULE_GROUP_REPEATS */
	const int *kinds;     /* statement rules: node tags dispatched to check, ending with 0 */
	void (*check)(mg_check *c, const void *node);
	void (*check_file)(struct mg_file_check *c);
	void (*check_chain)(struct mg_chain_check *c);
	void (*check_call)(struct mg_call_check *c, const void *call);
} mg_rule;

/* The registry, sorted by code. Lent for the program's lifetime. */
const mg_rule *const *mg_rules_all(size_t *count_out);
/* Returns the rule with this code or name (case-insensitive code), or NULL. */
const mg_rule *mg_rule_find(const char *code_or_name);
/* True when `pattern` (a code, a name, or a code prefix such as MG2) names rule r. */
bool mg_rule_matches(const mg_rule *r, const char *pattern);
/* True when `pattern` names r itself (its whole code or its name), as an off-by-default rule
 * must be named to run. */
bool mg_rule_named(const mg_rule *r, const char *pattern);
/* Fills enabled[i] for each rule of mg_rules_all: with no select patterns every rule that is
 * on by default, else the rules the patterns match; less those the ignore patterns match. A
 * rule off by default runs only when a select pattern names it (mg_rule_named); a preview
 * rule only when `preview` is true. */
void mg_rules_select(bool *enabled, char *const *select, size_t select_count,
		     char *const *ignore, size_t ignore_count, bool preview);
/* The same over any list of rules (rules[0..n), enabled[0..n)): the registry's, or a test's. */
void mg_rules_select_in(bool *enabled, const mg_rule *const *rules, size_t n,
			char *const *select, size_t select_count, char *const *ignore,
			size_t ignore_count, bool preview);
/* True when pattern matches at least one rule. */
bool mg_rule_pattern_valid(const char *pattern);

#endif
