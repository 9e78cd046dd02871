/* Buffer overlays (overlay.h): the editor's text first, then the disk. */
#include "miglint/overlay.h"

#include "miglint/common.h"
#include "miglint/paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *mg_overlay_real(const char *p)
{
	char resolved[PATH_MAX];
	if (realpath(p, resolved))
		return mg_xstrdup(resolved);
	/* not on disk (yet): its folder resolved, its name as written */
	char *parent = mg_path_parent(p);
	char *out = realpath(parent, resolved) ? mg_xasprintf("%s/%s", resolved, mg_path_base(p))
					       : mg_xstrdup(p);
	free(parent);
	return out;
}

char *mg_overlay_dir(const char *p)
{
	char *r = mg_overlay_real(p);
	char *slash = strrchr(r, '/');
	if (slash)
		*(slash == r ? slash + 1 : slash) = '\0';
	return r;
}

void mg_overlays_init(mg_overlays *out, const mg_overlay *items, size_t count)
{
	out->items = items;
	out->count = count;
	out->real = mg_xcalloc(count + 1, sizeof(char *));
	out->on_disk = mg_xcalloc(count + 1, sizeof(bool));
	for (size_t k = 0; k < count; k++) {
		struct stat st;
		out->real[k] = mg_overlay_real(items[k].path);
		out->on_disk[k] = stat(items[k].path, &st) == 0;
	}
}

void mg_overlays_dispose(mg_overlays *o)
{
	if (!o)
		return;
	for (size_t k = 0; k < o->count; k++)
		free(o->real[k]);
	free(o->real);
	free(o->on_disk);
	memset(o, 0, sizeof(*o));
}

const mg_overlay *mg_overlays_find(const mg_overlays *o, const char *path)
{
	if (!o || !o->count)
		return NULL;
	char *real = mg_overlay_real(path);
	const mg_overlay *found = NULL;
	for (size_t k = 0; k < o->count && !found; k++)
		if (strcmp(o->real[k], real) == 0)
			found = &o->items[k];
	free(real);
	return found;
}

const char **mg_overlays_new_in(const mg_overlays *o, const char *dir)
{
	size_t missing = 0;
	for (size_t k = 0; o && k < o->count; k++)
		missing += !o->on_disk[k];
	if (!missing)
		return NULL;
	char *real_dir = mg_path_real(dir);
	const char **out = NULL;
	size_t n = 0;
	for (size_t k = 0; k < o->count; k++) {
		const char *below = o->on_disk[k] ? NULL : mg_path_under(real_dir, o->real[k]);
		if (!below || strchr(below, '/'))
			continue;
		out = mg_xrealloc(out, (n + 2) * sizeof(char *));
		out[n++] = below;
		out[n] = NULL;
	}
	free(real_dir);
	return out;
}

void mg_overlays_load(mg_source *out, const mg_overlays *o, const char *path)
{
	const mg_overlay *ov = mg_overlays_find(o, path);
	if (ov)
		mg_source_from_bytes(out, path, ov->bytes, ov->len);
	else
		mg_source_load(out, path, NULL);
}
