/* MG110 docstring-mismatch: a chain rule, checked over the whole migration graph by graph.c. */
#include "miglint/rule.h"

#include "docs/docstring_mismatch.h"

const mg_rule mg_rule_docstring_mismatch = {
	.code = "MG110",
	.name = "docstring-mismatch",
	.severity = MG_SEV_WARNING,
	.summary = "the docstring's Revision ID or Revises line disagrees with the variables",
	.help = "make the docstring say what the variables say",
	.doc = doc,
	.kind = MG_RULE_CHAIN,
};
