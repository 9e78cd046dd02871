/* mg_run as a front end other than the command line calls it: a buffer overlay (an editor's
 * unsaved text) is linted as if it were the file on disk, while its siblings, its folder's
 * migration tool and its history still come from disk. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "miglint/common.h"
#include "miglint/engine.h"
#include "miglint/run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/miglint-test-run-XXXXXX";
static char *folder, *config, *v1, *v2;

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	assert_non_null(mkdtemp(dir));
	folder = mg_xasprintf("%s/db/migration", dir);
	char *db = mg_xasprintf("%s/db", dir);
	assert_int_equal(mkdir(db, 0700), 0);
	assert_int_equal(mkdir(folder, 0700), 0);
	free(db);
	config = mg_xasprintf("%s/miglint.yaml", dir);
	write_file(config, "pg_version: 15\n");
	v1 = mg_xasprintf("%s/V1__users.sql", folder);
	v2 = mg_xasprintf("%s/V2__orders.sql", folder);
	write_file(v1, "CREATE TABLE IF NOT EXISTS users (id int);\n");
	/* on disk, V2 is clean; the editor's buffer is not */
	write_file(v2, "CREATE TABLE IF NOT EXISTS orders (id int);\n");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(v1), unlink(v2), unlink(config);
	rmdir(folder);
	char *db = mg_xasprintf("%s/db", dir);
	rmdir(db);
	rmdir(dir);
	free(db), free(folder), free(config), free(v1), free(v2);
	mg_engine_thread_done();
	return 0;
}

static const mg_file_result *result_for(const mg_run_result *r, const char *path)
{
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->files[i].path, path) == 0)
			return &r->files[i];
	return NULL;
}

/* Runs over the folder (as a language server would, for the whole project) with the overlays. */
static void run(mg_run_result *out, const mg_overlay *overlays, size_t n)
{
	char *paths[] = {folder};
	mg_run_options o = {.paths = paths, .path_count = 1, .jobs = 2,
			    .settings = {.config_path = config},
			    .overlays = overlays, .overlay_count = n};
	assert_int_equal(mg_run(&o, out), MG_OK);
	assert_null(out->error.message);
}

static void overlay_replaces_disk_text(void **state)
{
	(void)state;
	mg_run_result r;
	run(&r, NULL, 0);
	assert_int_equal(r.count, 2);
	assert_int_equal(result_for(&r, v2)->count, 0);
	mg_run_result_dispose(&r);

	static const char buffer[] = "-- unsaved\nCREATE TABLE orders (id int);\n";
	mg_overlay ov = {v2, buffer, sizeof(buffer) - 1};
	run(&r, &ov, 1);
	assert_int_equal(r.count, 2);
	const mg_file_result *f = result_for(&r, v2);
	assert_non_null(f);
	assert_int_equal(f->count, 1);
	assert_string_equal(f->findings[0]->rule->code, "MG201");
	assert_int_equal(f->findings[0]->line, 2); /* the buffer's line, not the file's */
	/* the sibling is still read from disk, and still clean */
	assert_non_null(result_for(&r, v1));
	assert_int_equal(result_for(&r, v1)->count, 0);
	mg_run_result_dispose(&r);
}

/* A NUL byte in a buffer is reported as in a file, not read past. */
static void overlay_with_nul_byte(void **state)
{
	(void)state;
	static const char buffer[] = "CREATE TABLE IF NOT EXISTS orders (id int);\n\0\n";
	mg_overlay ov = {v2, buffer, sizeof(buffer) - 1};
	mg_run_result r;
	run(&r, &ov, 1);
	const mg_file_result *f = result_for(&r, v2);
	assert_non_null(f);
	assert_int_equal(f->count, 1);
	assert_string_equal(f->findings[0]->rule->name, "nul-byte");
	mg_run_result_dispose(&r);
}

/* An unsaved Alembic revision: its op.execute SQL and its revision ids come from the buffer,
 * its sibling from disk (the chain still links the two). */
static void overlay_of_an_alembic_revision(void **state)
{
	(void)state;
	char *versions = mg_xasprintf("%s/versions", dir);
	char *a = mg_xasprintf("%s/a1.py", versions), *b = mg_xasprintf("%s/b2.py", versions);
	assert_int_equal(mkdir(versions, 0700), 0);
	write_file(a, "revision = 'a1'\ndown_revision = None\n");
	write_file(b, "revision = 'b2'\ndown_revision = 'a1'\n\ndef upgrade():\n    pass\n");
	static const char buffer[] = "revision = 'b2'\ndown_revision = 'a1'\n\ndef upgrade():\n"
				     "    op.execute('CREATE TABLE t (id int)')\n";
	mg_overlay ov = {b, buffer, sizeof(buffer) - 1};
	char *paths[] = {versions};
	mg_run_options o = {.paths = paths, .path_count = 1, .jobs = 2,
			    .settings = {.config_path = config}, .overlays = &ov, .overlay_count = 1};
	mg_run_result r;
	assert_int_equal(mg_run(&o, &r), MG_OK);
	const mg_file_result *f = result_for(&r, b);
	assert_non_null(f);
	assert_int_equal(f->count, 1);
	assert_string_equal(f->findings[0]->rule->code, "MG201");
	assert_int_equal(f->findings[0]->line, 5); /* where the buffer has it */
	assert_int_equal(result_for(&r, a)->count, 0);
	mg_run_result_dispose(&r);
	/* without the overlay, the file on disk is clean */
	o.overlay_count = 0;
	assert_int_equal(mg_run(&o, &r), MG_OK);
	assert_int_equal(result_for(&r, b)->count, 0);
	mg_run_result_dispose(&r);
	unlink(a), unlink(b), rmdir(versions);
	free(a), free(b), free(versions);
}

/* Errors are values: a path that does not exist comes back, nothing is printed. */
static void missing_path_is_an_error_value(void **state)
{
	(void)state;
	char *paths[] = {"/nonexistent/miglint/path"};
	mg_run_options o = {.paths = paths, .path_count = 1, .settings = {.config_path = config}};
	mg_run_result r;
	assert_int_equal(mg_run(&o, &r), MG_EIO);
	assert_non_null(strstr(r.error.message, "cannot read '/nonexistent/miglint/path'"));
	assert_string_equal(r.error.path, "/nonexistent/miglint/path");
	mg_run_result_dispose(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(overlay_replaces_disk_text),
		cmocka_unit_test(overlay_with_nul_byte),
		cmocka_unit_test(overlay_of_an_alembic_revision),
		cmocka_unit_test(missing_path_is_an_error_value),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
