/* MG903 invalid-utf8: reported by the engine itself (engine.c), so it has no check function. */
#include "miglint/rule.h"

#include "docs/invalid_utf8.h"

const mg_rule mg_rule_invalid_utf8 = {
	.code = "MG903",
	.name = "invalid-utf8",
	.severity = MG_SEV_ERROR,
	.summary = "a file is not valid UTF-8",
	.help = "re-encode the file as UTF-8, e.g. iconv -f LATIN1 -t UTF-8",
	.doc = doc,
	.kind = MG_RULE_FILE,
};
