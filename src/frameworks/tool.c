/* What several migration tools' files (src/frameworks/<tool>.c) and the layout share: file
 * names, version numbers, and settings in small TOML or properties files. It calls nothing of
 * theirs. */
#include "layout_internal.h"

#include "miglint/common.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool mg_tool_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

size_t mg_tool_digits(const char *s)
{
	size_t n = 0;
	while (isdigit((unsigned char)s[n]))
		n++;
	return n;
}

char *mg_tool_integer_version(const char *s, size_t n)
{
	while (n > 1 && *s == '0')
		s++, n--;
	return mg_xstrndup(s, n);
}

char *mg_tool_flyway_version(const char *s, size_t n)
{
	mg_buf b;
	mg_buf_init(&b);
	size_t keep = 0; /* length of b up to the last non-zero part */
	for (size_t i = 0; i <= n;) {
		size_t d = 0;
		while (i + d < n && isdigit((unsigned char)s[i + d]))
			d++;
		if (d == 0 || (i + d < n && s[i + d] != '.' && s[i + d] != '_')) {
			mg_buf_dispose(&b);
			return NULL;
		}
		char *part = mg_tool_integer_version(s + i, d);
		if (b.len)
			mg_buf_putc(&b, '.');
		mg_buf_puts(&b, part);
		if (strcmp(part, "0") != 0 || keep == 0)
			keep = b.len;
		free(part);
		i += d + 1;
	}
	char *v = mg_buf_take(&b);
	v[keep] = '\0';
	return v;
}

bool mg_tool_file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

char *mg_tool_read_setting(const char *path, const char *key, int *line_out)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char line[1024];
	char *value = NULL;
	int ln = 0;
	size_t kl = strlen(key);
	while (!value && fgets(line, sizeof(line), f)) {
		ln++;
		char *s = line + strspn(line, " \t");
		if (strncmp(s, key, kl) != 0)
			continue;
		s += kl;
		s += strspn(s, " \t");
		if (*s != '=')
			continue;
		s++;
		s += strspn(s, " \t\"'");
		size_t n = strcspn(s, "\"'#\r\n");
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		value = mg_xstrndup(s, n);
		if (line_out)
			*line_out = ln;
	}
	fclose(f);
	return value;
}

bool mg_tool_setting_is_false(const char *path, const char *key)
{
	char *v = mg_tool_read_setting(path, key, NULL);
	bool no = v && mg_ieq(v, strlen(v), "false");
	free(v);
	return no;
}
