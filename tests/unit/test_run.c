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

/* Runs over one folder with one overlay. */
static void run_one(mg_run_result *out, const char *path, const mg_overlay *ov)
{
	char *paths[] = {(char *)path};
	mg_run_options o = {.paths = paths, .path_count = 1, .jobs = 2,
			    .settings = {.config_path = config}, .overlays = ov,
			    .overlay_count = ov ? 1 : 0};
	assert_int_equal(mg_run(&o, out), MG_OK);
	assert_null(out->error.message);
}

/* The finding of rule `code` in f, or NULL. */
static const mg_finding *finding_of(const mg_file_result *f, const char *code)
{
	for (size_t i = 0; f && i < f->count; i++)
		if (strcmp(f->findings[i]->rule->code, code) == 0)
			return f->findings[i];
	return NULL;
}

static const char django_initial[] = "from django.db import migrations\n\n"
				     "class Migration(migrations.Migration):\n"
				     "    dependencies = []\n"
				     "    operations = []\n";

/* An unsaved Django migration: its RunSQL SQL and its dependencies (the graph's ids) come
 * from the buffer, its siblings from disk. */
static void overlay_of_a_django_migration(void **state)
{
	(void)state;
	char *root = mg_xasprintf("%s/dj", dir), *app = mg_xasprintf("%s/dj/shop", dir);
	char *mig = mg_xasprintf("%s/dj/shop/migrations", dir);
	char *a = mg_xasprintf("%s/0001_initial.py", mig), *b = mg_xasprintf("%s/0002_more.py", mig);
	assert_int_equal(mkdir(root, 0700), 0);
	assert_int_equal(mkdir(app, 0700), 0);
	assert_int_equal(mkdir(mig, 0700), 0);
	write_file(a, django_initial);
	write_file(b, "from django.db import migrations\n\nclass Migration(migrations.Migration):\n"
		      "    dependencies = [('shop', '0001_initial')]\n    operations = []\n");
	static const char buffer[] = "from django.db import migrations\n\n"
				     "class Migration(migrations.Migration):\n"
				     "    dependencies = [('shop', '0009_gone')]\n"
				     "    operations = [\n"
				     "        migrations.RunSQL('CREATE TABLE t (id int)'),\n"
				     "    ]\n";
	mg_overlay ov = {b, buffer, sizeof(buffer) - 1};
	mg_run_result r;
	run_one(&r, root, NULL);
	assert_non_null(result_for(&r, b));
	assert_int_equal(result_for(&r, b)->count, 0);
	mg_run_result_dispose(&r);
	run_one(&r, root, &ov);
	const mg_file_result *f = result_for(&r, b);
	assert_non_null(f);
	const mg_finding *sql = finding_of(f, "MG201"), *link = finding_of(f, "MG101");
	assert_non_null(sql);
	assert_int_equal(sql->line, 6); /* where the buffer has it */
	assert_non_null(link); /* the dependency the buffer names, not the file's */
	assert_int_equal(link->line, 4);
	/* as the buffer links it, 0001 has no child left: two leaves in the app */
	assert_int_equal(result_for(&r, a)->count, 1);
	assert_non_null(finding_of(result_for(&r, a), "MG102"));
	mg_run_result_dispose(&r);
	unlink(a), unlink(b), rmdir(mig), rmdir(app), rmdir(root);
	free(a), free(b), free(mig), free(app), free(root);
}

/* An editor's new files, not on disk yet, are found where their paths say: a SQL file in a
 * migrations folder, an Alembic revision in versions/, a Django migration. */
static void overlay_of_a_new_file(void **state)
{
	(void)state;
	static const char sql[] = "CREATE TABLE t (id int);\n";
	char *v3 = mg_xasprintf("%s/V3__new.sql", folder);
	mg_overlay ov = {v3, sql, sizeof(sql) - 1};
	mg_run_result r;
	run_one(&r, folder, &ov);
	assert_int_equal(r.count, 3);
	assert_non_null(finding_of(result_for(&r, v3), "MG201"));
	mg_run_result_dispose(&r);

	char *versions = mg_xasprintf("%s/versions", dir);
	char *a = mg_xasprintf("%s/a1.py", versions), *b = mg_xasprintf("%s/b2.py", versions);
	assert_int_equal(mkdir(versions, 0700), 0);
	write_file(a, "revision = 'a1'\ndown_revision = None\n");
	static const char revision[] = "revision = 'b2'\ndown_revision = 'a1'\n\ndef upgrade():\n"
				       "    op.execute('CREATE TABLE t (id int)')\n";
	mg_overlay rov = {b, revision, sizeof(revision) - 1};
	run_one(&r, versions, &rov);
	assert_int_equal(r.count, 2);
	const mg_finding *f = finding_of(result_for(&r, b), "MG201");
	assert_non_null(f);
	assert_int_equal(f->line, 5);
	/* linked to its sibling on disk: one head, one base */
	assert_int_equal(result_for(&r, a)->count, 0);
	assert_int_equal(result_for(&r, b)->count, 1);
	mg_run_result_dispose(&r);

	char *root = mg_xasprintf("%s/dj", dir), *app = mg_xasprintf("%s/dj/shop", dir);
	char *mig = mg_xasprintf("%s/dj/shop/migrations", dir);
	char *d1 = mg_xasprintf("%s/0001_initial.py", mig), *d2 = mg_xasprintf("%s/0002_new.py", mig);
	assert_int_equal(mkdir(root, 0700), 0);
	assert_int_equal(mkdir(app, 0700), 0);
	assert_int_equal(mkdir(mig, 0700), 0);
	write_file(d1, django_initial);
	static const char migration[] = "from django.db import migrations\n\n"
					"class Migration(migrations.Migration):\n"
					"    dependencies = [('shop', '0001_initial')]\n"
					"    operations = [migrations.RunSQL('CREATE TABLE t (id int)')]\n";
	mg_overlay dov = {d2, migration, sizeof(migration) - 1};
	run_one(&r, root, &dov);
	assert_int_equal(r.count, 2);
	assert_int_equal(result_for(&r, d2)->count, 1);
	assert_non_null(finding_of(result_for(&r, d2), "MG201"));
	/* a child of 0001: no second leaf */
	assert_int_equal(result_for(&r, d1)->count, 0);
	mg_run_result_dispose(&r);
	/* named on the command line (a pre-commit call over the editor's file) */
	char *named[] = {d2};
	mg_run_options o = {.paths = named, .path_count = 1, .jobs = 1,
			    .settings = {.config_path = config}, .overlays = &dov, .overlay_count = 1};
	assert_int_equal(mg_run(&o, &r), MG_OK);
	assert_int_equal(r.count, 1);
	assert_non_null(finding_of(result_for(&r, d2), "MG201"));
	mg_run_result_dispose(&r);

	unlink(d1), rmdir(mig), rmdir(app), rmdir(root);
	unlink(a), rmdir(versions);
	free(d1), free(d2), free(mig), free(app), free(root);
	free(a), free(b), free(versions), free(v3);
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
		cmocka_unit_test(overlay_of_a_django_migration),
		cmocka_unit_test(overlay_of_a_new_file),
		cmocka_unit_test(missing_path_is_an_error_value),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
