/* MG904 nul-byte: reported by the engine itself (engine.c), so it has no check function. */
#include "miglint/rule.h"

#include "docs/nul_byte.h"

const mg_rule mg_rule_nul_byte = {
	.code = "MG904",
	.name = "nul-byte",
	.severity = MG_SEV_ERROR,
	.summary = "a file contains a NUL byte",
	.help = "remove the NUL bytes; a UTF-16 file must be converted to UTF-8",
	.doc = doc,
	.kind = MG_RULE_FILE,
};
