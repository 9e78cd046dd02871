#include "miglint/common.h"
#include "miglint/report.h"
#include "miglint/rule.h"

#include <stdio.h>

static unsigned long long line_hash(const mg_finding *f)
{
	unsigned long long h = MG_HASH_INIT;
	/* The path is not hashed: readers pair the fingerprint with the file (SARIF's artifact,
	 * a baseline's path), and a path can be spelled many ways. */
	const char *parts[2] = {f->rule->code, f->source_line ? f->source_line : ""};
	for (int i = 0; i < 2; i++) {
		for (const char *p = parts[i]; *p; p++)
			if (*p != ' ' && *p != '\t' && *p != '\r')
				h = mg_hash_add(h, (unsigned char)*p);
		h = mg_hash_add(h, 0xff);
	}
	return h;
}

void mg_fingerprint(char out[MG_FINGERPRINT_SIZE], const mg_file_result *file, size_t k)
{
	unsigned long long h = line_hash(file->findings[k]);
	int occurrence = 1;
	for (size_t j = 0; j < k; j++)
		occurrence += line_hash(file->findings[j]) == h;
	snprintf(out, MG_FINGERPRINT_SIZE, "%016llx:%d", h, occurrence);
}
