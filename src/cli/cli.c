#include "miglint/cli.h"

#include "miglint/baseline.h"
#include "miglint/common.h"
#include "miglint/engine.h"
#include "miglint/graph_print.h"
#include "miglint/framework.h"
#include "miglint/layout.h"
#include "miglint/report.h"
#include "miglint/rule.h"
#include "miglint/run.h"
#include "miglint/settings.h"

#include <errno.h>
#include <getopt.h>
#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF, FORMAT_GITHUB, FORMAT_GITLAB };

typedef MG_VEC(char *) path_vec;

typedef struct options {
	int format;
	path_vec select;
	path_vec ignore;
	mg_severity fail_level;
	bool has_fail_level;
	int pg_version;
	const char *config_path;
	const char *baseline_path;
	const char *since;
	bool write_baseline; /* miglint baseline */
	const char *framework;
	long jobs;
	bool quiet;
	int color; /* -1 auto, 0 never, 1 always */
	const char *stdin_filename;
	bool preview;        /* run the preview rules too */
	mg_down_mode down;   /* --down quiet|full */
	mg_lock_timeout_mode lock_timeout; /* --lock-timeout in-migration|set-by-runner */
} options;

static const char usage_text[] =
	"Usage: miglint [check] [OPTIONS] [PATH...]\n"
	"       miglint baseline [OPTIONS] [PATH...] > miglint-baseline.json\n"
	"       miglint config [--config FILE]\n"
	"       miglint graph [--format text|dot|mermaid|json] [PATH...]\n"
	"       miglint lock [PATH...]          (writes miglint.lock beside each migration folder)\n"
	"       miglint rules [--format markdown]\n"
	"       miglint explain RULE\n"
	"\n"
	"Lints PostgreSQL migration files without a database. PATH is a file, a directory\n"
	"(walked in name order for .sql files, Alembic projects and Django apps; each folder\n"
	"read as its migration tool reads it) or - for standard input;\n"
	"default: the current directory.\n"
	"\n"
	"Options:\n"
	"  --format FORMAT           text (default), json, sarif (GitHub code scanning),\n"
	"                            github (Actions annotations) or gitlab (Code Quality)\n"
	"  --select RULES            only these rules: codes, names or code prefixes (MG2),\n"
	"                            comma-separated, repeatable\n"
	"  --ignore RULES            not these rules (same forms)\n"
	"  --preview                 run the preview rules too (their findings may change)\n"
	"  --down quiet|full         idempotency findings in down scripts: left out (quiet, the\n"
	"                            default) or reported (full)\n"
	"  --lock-timeout in-migration|set-by-runner\n"
	"                            who sets lock_timeout: each migration (the default) or\n"
	"                            the runner, for every migration (no MG301 findings)\n"
	"  --fail-level LEVEL        exit 1 when a finding is at least error|warning|info\n"
	"                            (default: warning)\n"
	"  -j, --jobs N              lint N files at once (default: number of cores)\n"
	"  -q, --quiet               no summary line\n"
	"  --color auto|always|never colour in text output (default: auto; NO_COLOR disables)\n"
	"  --stdin-filename NAME     the name to report for standard input\n"
	"  --config FILE             read this configuration instead of the nearest\n"
	"                            .miglint.yaml above the working directory\n"
	"  --pg-version N            the PostgreSQL major version migrations target\n"
	"  --baseline FILE           hide the findings FILE lists (see 'miglint baseline')\n"
	"  --framework NAME          read every folder as NAME instead of detecting it: sql,\n"
	"                            alembic, django, flyway, golang-migrate, goose, dbmate,\n"
	"                            sqlx, diesel, prisma, sqitch, numbered\n"
	"  --since REV               lint only files added or changed since git revision REV\n"
	"  -V, --version             print the version\n"
	"  -h, --help                print this help\n"
	"\n"
	"Exit status: 0 no finding at or above the fail level, 1 findings, 2 usage or I/O error.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("miglint: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'miglint --help' for more information.\n", stderr);
	return 2;
}

static int unknown_framework(const char *name)
{
	const char *guess = mg_framework_suggest(name);
	char *msg = guess ? mg_xasprintf("unknown --framework '%s'; did you mean '%s'?", name, guess)
			  : mg_xasprintf("unknown --framework '%s' (sql, alembic, django, flyway, "
					 "golang-migrate, goose, dbmate, sqlx, diesel, prisma, sqitch, "
					 "numbered)", name);
	int rc = usage_error("%s", msg);
	free(msg);
	return rc;
}

static void split_list(path_vec *out, const char *arg)
{
	const char *p = arg;
	while (*p) {
		size_t n = strcspn(p, ", ");
		if (n)
			MG_VEC_PUSH(*out, mg_xstrndup(p, n));
		p += n;
		p += strspn(p, ", ");
	}
}

static int parse_options(options *o, int argc, char **argv, path_vec *paths)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"select", required_argument, NULL, 's'},
		{"ignore", required_argument, NULL, 'i'},
		{"fail-level", required_argument, NULL, 'l'},
		{"jobs", required_argument, NULL, 'j'},
		{"quiet", no_argument, NULL, 'q'},
		{"color", required_argument, NULL, 'c'},
		{"stdin-filename", required_argument, NULL, 'n'},
		{"config", required_argument, NULL, 'C'},
		{"baseline", required_argument, NULL, 'B'},
		{"framework", required_argument, NULL, 'F'},
		{"since", required_argument, NULL, 'S'},
		{"pg-version", required_argument, NULL, 'P'},
		{"preview", no_argument, NULL, 'p'},
		{"down", required_argument, NULL, 'D'},
		{"lock-timeout", required_argument, NULL, 'L'},
		{"version", no_argument, NULL, 'V'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int ch;
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "j:qVh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o->format = FORMAT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o->format = FORMAT_JSON;
			else if (strcmp(optarg, "sarif") == 0)
				o->format = FORMAT_SARIF;
			else if (strcmp(optarg, "github") == 0)
				o->format = FORMAT_GITHUB;
			else if (strcmp(optarg, "gitlab") == 0)
				o->format = FORMAT_GITLAB;
			else
				return usage_error("unknown format '%s' (use text, json, sarif, github or gitlab)", optarg);
			break;
		case 's':
			split_list(&o->select, optarg);
			break;
		case 'i':
			split_list(&o->ignore, optarg);
			break;
		case 'l':
			if (mg_severity_parse(&o->fail_level, optarg) != MG_OK)
				return usage_error("unknown fail level '%s' (use error, warning or info)", optarg);
			o->has_fail_level = true;
			break;
		case 'p':
			o->preview = true;
			break;
		case 'C':
			o->config_path = optarg;
			break;
		case 'B':
			o->baseline_path = optarg;
			break;
		case 'F':
			if (!mg_framework_known(optarg))
				return unknown_framework(optarg);
			o->framework = optarg;
			break;
		case 'S':
			o->since = optarg;
			break;
		case 'D':
			if (!mg_down_mode_parse(optarg, &o->down))
				return usage_error("--down takes quiet or full, not '%s'", optarg);
			break;
		case 'L':
			if (!mg_lock_timeout_mode_parse(optarg, &o->lock_timeout))
				return usage_error("--lock-timeout takes in-migration or set-by-runner, not '%s'",
						   optarg);
			break;
		case 'P': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || v < MG_PG_VERSION_MIN || v > MG_PG_VERSION_MAX) {
				char fmt[96];
				snprintf(fmt, sizeof(fmt), "--pg-version takes a PostgreSQL major version "
					 "from %d to %d, not '%%s'", MG_PG_VERSION_MIN, MG_PG_VERSION_MAX);
				return usage_error(fmt, optarg);
			}
			o->pg_version = (int)v;
			break;
		}
		case 'j': {
			char *end;
			o->jobs = strtol(optarg, &end, 10);
			if (*end || o->jobs < 1 || o->jobs > 1024)
				return usage_error("--jobs takes a number from 1 to 1024, not '%s'", optarg);
			break;
		}
		case 'q':
			o->quiet = true;
			break;
		case 'c':
			if (strcmp(optarg, "auto") == 0)
				o->color = -1;
			else if (strcmp(optarg, "always") == 0)
				o->color = 1;
			else if (strcmp(optarg, "never") == 0)
				o->color = 0;
			else
				return usage_error("unknown --color '%s' (use auto, always or never)", optarg);
			break;
		case 'n':
			o->stdin_filename = optarg;
			break;
		case 'V':
			printf("miglint %s (PostgreSQL %s grammar, libpg_query)\n", MG_VERSION, PG_VERSION);
			return 0;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case ':':
			return usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	for (int i = optind; i < argc; i++)
		MG_VEC_PUSH(*paths, mg_xstrdup(argv[i]));
	return -1;
}

static int check_patterns(path_vec *list, const char *option)
{
	for (size_t i = 0; i < list->len; i++) {
		if (!mg_rule_pattern_valid(list->items[i])) {
			fprintf(stderr, "miglint: unknown rule '%s' in %s; 'miglint rules' lists them\n",
				list->items[i], option);
			return 2;
		}
	}
	return 0;
}

/* What the options say over the configuration file. */
static mg_run_options run_options(const options *o, path_vec *paths)
{
	mg_run_options ro = {
		.paths = paths->items,
		.path_count = paths->len,
		.settings = {.config_path = o->config_path,
			     .select = o->select.items, .select_count = o->select.len,
			     .ignore = o->ignore.items, .ignore_count = o->ignore.len,
			     .has_fail_level = o->has_fail_level, .fail_level = o->fail_level,
			     .pg_version = o->pg_version, .down = o->down, .preview = o->preview,
			     .lock_timeout = o->lock_timeout},
		.framework = o->framework,
		.baseline_path = o->baseline_path,
		.since = o->since,
		.jobs = o->jobs,
		.stdin_name = o->stdin_filename,
	};
	return ro;
}

/* The warnings the run collected, then its error if it failed: 2, or 0. */
static int print_problems(const mg_run_result *r, int rc)
{
	for (size_t i = 0; i < r->warning_count; i++)
		fprintf(stderr, "miglint: %s\n", r->warnings[i]);
	if (rc == MG_OK)
		return 0;
	fprintf(stderr, "miglint: %s\n", r->error.message);
	return 2;
}

static int exit_status(const mg_file_result *results, size_t n, mg_severity fail_level)
{
	int status = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < results[i].count; k++)
			if (results[i].findings[k]->severity >= fail_level)
				status = 1;
	return status;
}

static bool use_color(const options *o)
{
	if (o->color >= 0)
		return o->color == 1;
	const char *nc = getenv("NO_COLOR");
	return !(nc && *nc) && isatty(STDOUT_FILENO);
}

static void print_report(const options *o, mg_file_result *results, size_t n)
{
	if (o->write_baseline) {
		mg_baseline_write(stdout, results, n);
		return;
	}
	switch (o->format) {
	case FORMAT_JSON: mg_report_json(stdout, results, n); break;
	case FORMAT_SARIF: mg_report_sarif(stdout, results, n); break;
	case FORMAT_GITHUB: mg_report_github(stdout, results, n); break;
	case FORMAT_GITLAB: mg_report_gitlab(stdout, results, n); break;
	default: mg_report_text(stdout, results, n, use_color(o), o->quiet); break;
	}
}

static int run_check(options *o, path_vec *paths)
{
	int rc = check_patterns(&o->select, "--select");
	rc = rc ? rc : check_patterns(&o->ignore, "--ignore");
	if (rc)
		return rc;
	mg_run_options ro = run_options(o, paths);
	mg_run_result result;
	rc = print_problems(&result, mg_run(&ro, &result));
	if (!rc) {
		print_report(o, result.files, result.count);
		rc = o->write_baseline ? 0 : exit_status(result.files, result.count, result.fail_level);
	}
	mg_run_result_dispose(&result);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "miglint: cannot write the report: %s\n", strerror(errno));
		return 2;
	}
	return rc;
}

/* miglint lock: writes miglint.lock beside each version-ordered migration folder. */
static int run_lock(options *o, path_vec *paths)
{
	mg_run_options ro = run_options(o, paths);
	mg_run_result result;
	int status = mg_run_lock(&ro, &result);
	for (size_t i = 0; i < result.lock_count; i++)
		fprintf(stderr, "miglint: wrote %s (%zu migration%s)\n", result.locks[i].path,
			result.locks[i].migrations, result.locks[i].migrations == 1 ? "" : "s");
	int rc = print_problems(&result, status);
	if (!rc && !result.lock_count)
		fprintf(stderr, "miglint: no migration folder found to lock (Alembic and Django "
				"histories are not locked)\n");
	mg_run_result_dispose(&result);
	return rc;
}

/* The rule table in Markdown, as the README carries it (tests/readme keeps the copy fresh). */
/* How a rule is switched on, in front of its summary when it is not on by default. */
static const char *rule_status(const mg_rule *r)
{
	if (r->flags & MG_RULE_PREVIEW)
		return "(preview: runs with --preview) ";
	if (r->flags & MG_RULE_OFF_BY_DEFAULT)
		return "(off by default: runs when selected by name) ";
	return "";
}

static int run_rules_markdown(void)
{
	size_t n;
	const mg_rule *const *rules = mg_rules_all(&n);
	puts("| Code | Name | Severity | Problem | Fix |");
	puts("|---|---|---|---|---|");
	for (size_t i = 0; i < n; i++)
		printf("| %s | `%s` | %s | %s%s | %s |\n", rules[i]->code, rules[i]->name,
		       mg_severity_name(rules[i]->severity), rule_status(rules[i]), rules[i]->summary,
		       rules[i]->help);
	return 0;
}

static int run_rules(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[0], "--format") == 0 && strcmp(argv[1], "markdown") == 0)
		return run_rules_markdown();
	if (argc != 0)
		return usage_error("%s", "'rules' takes no arguments but --format markdown");
	size_t n;
	const mg_rule *const *rules = mg_rules_all(&n);
	printf("%-6s  %-44s  %-8s  %s\n", "CODE", "NAME", "SEVERITY", "SUMMARY");
	for (size_t i = 0; i < n; i++)
		printf("%-6s  %-44s  %-8s  %s%s\n", rules[i]->code, rules[i]->name,
		       mg_severity_name(rules[i]->severity), rule_status(rules[i]), rules[i]->summary);
	return 0;
}

static int run_explain(int argc, char **argv)
{
	if (argc != 1)
		return usage_error("%s", "explain takes one rule code or name: miglint explain MG201");
	const mg_rule *r = mg_rule_find(argv[0]);
	if (!r) {
		fprintf(stderr, "miglint: unknown rule '%s'; 'miglint rules' lists them\n", argv[0]);
		return 2;
	}
	printf("# %s %s\n\nSeverity: %s\n\n%s%s\n\nFix: %s\n\n%s", r->code, r->name,
	       mg_severity_name(r->severity), rule_status(r), r->summary, r->help, r->doc);
	return 0;
}

static void print_list(const char *key, char **items, size_t n, const char *none)
{
	printf("  %s: ", key);
	if (!n) {
		printf("%s\n", none);
		return;
	}
	printf("[");
	for (size_t i = 0; i < n; i++)
		printf("%s\"%s\"", i ? ", " : "", items[i]);
	printf("]\n");
}

/* miglint config: the settings a check would use, as YAML, and where they come from. */
static int run_config(options *o, path_vec *paths)
{
	if (paths->len)
		return usage_error("%s", "'config' takes no paths");
	mg_run_options ro = run_options(o, paths);
	mg_settings st;
	mg_error error = {0};
	if (mg_settings_load(&st, &ro.settings, &error) != MG_OK) {
		fprintf(stderr, "miglint: %s\n", error.message);
		mg_error_dispose(&error);
		mg_settings_dispose(&st);
		return 2;
	}
	const mg_config cfg = st.config;
	printf("# effective configuration: %s, then the command line\n",
	       cfg.file ? cfg.file : "no .miglint.yaml found, defaults");
	printf("rules:\n");
	print_list("select", st.select, st.select_count, "[]  # every rule");
	print_list("ignore", st.ignore, st.ignore_count, "[]");
	printf("  preview: %s\n", st.config.preview || o->preview ? "true" : "false");
	printf("  severity:");
	size_t n;
	const mg_rule *const *rules = mg_rules_all(&n);
	const mg_severity *sev = st.severity;
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		if (sev[i] != rules[i]->severity) {
			printf("%s\n    %s: %s", any ? "" : "", rules[i]->code, mg_severity_name(sev[i]));
			any = true;
		}
	}
	printf("%s\n", any ? "" : " {}  # each rule's default");
	printf("paths:%s\n", cfg.path_count ? "" : " []");
	for (size_t i = 0; i < cfg.path_count; i++) {
		const mg_path_setting *ps = &cfg.paths[i];
		printf("  - path: %s\n", ps->path);
		if (ps->framework)
			printf("    framework: %s\n", ps->framework);
		if (ps->exclude_count)
			print_list("  exclude", ps->exclude, ps->exclude_count, "[]");
	}
	printf("pg_version: %d\n", st.pg_version ? st.pg_version : (int)PG_VERSION_NUM / 10000);
	printf("down: %s\n", st.down == MG_DOWN_FULL ? "full" : "quiet");
	printf("lock_timeout: %s\n",
	       st.lock_timeout == MG_LOCK_TIMEOUT_BY_RUNNER ? "set-by-runner" : "in-migration");
	printf("fail_level: %s\n", mg_severity_name(st.fail_level));
	mg_settings_dispose(&st);
	return 0;
}

/* miglint graph: every migration history under the paths (Alembic projects, version-ordered
 * folders, sqitch plans), as one graph each. */
static int run_graph(int argc, char **argv)
{
	const char *format = "text";
	options o = {.format = FORMAT_TEXT};
	path_vec paths = {0};
	int rc = 0;
	for (int i = 0; i < argc && !rc; i++) {
		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
			format = argv[++i];
		else if (strncmp(argv[i], "--format=", 9) == 0)
			format = argv[i] + 9;
		else if (strcmp(argv[i], "--framework") == 0 && i + 1 < argc)
			o.framework = argv[++i];
		else if (argv[i][0] == '-' && argv[i][1])
			rc = usage_error("unknown option '%s' for graph (--format, --framework)", argv[i]);
		else
			MG_VEC_PUSH(paths, mg_xstrdup(argv[i]));
	}
	if (!rc && strcmp(format, "text") && strcmp(format, "dot") && strcmp(format, "mermaid") &&
	    strcmp(format, "json"))
		rc = usage_error("unknown graph format '%s' (use text, dot, mermaid or json)", format);
	if (!rc && o.framework && !mg_framework_known(o.framework))
		rc = unknown_framework(o.framework);
	if (!rc) {
		mg_run_options ro = run_options(&o, &paths);
		mg_run_result result;
		rc = print_problems(&result, mg_run_graphs(&ro, &result));
		if (!rc)
			mg_graph_print(stdout, format, result.graphs, result.graph_count);
		mg_run_result_dispose(&result);
	}
	for (size_t i = 0; i < paths.len; i++)
		free(paths.items[i]);
	free(paths.items);
	return rc;
}

static void free_options(options *o, path_vec *paths)
{
	for (size_t i = 0; i < o->select.len; i++)
		free(o->select.items[i]);
	for (size_t i = 0; i < o->ignore.len; i++)
		free(o->ignore.items[i]);
	for (size_t i = 0; i < paths->len; i++)
		free(paths->items[i]);
	free(o->select.items);
	free(o->ignore.items);
	free(paths->items);
}

/* `miglint chek db`: a first argument that looks like a command word but is neither a
 * command nor an existing path is a usage error, with the command it resembles. */
static int unknown_command(const char *word)
{
	static const char *const commands[] = {"check", "baseline", "config", "graph", "lock", "rules", "explain", NULL};
	if (word[0] == '-' || strpbrk(word, "/.") || access(word, F_OK) == 0)
		return 0;
	for (size_t i = 0; commands[i]; i++)
		if (strcmp(word, commands[i]) == 0)
			return 0;
	for (size_t i = 0; commands[i]; i++) {
		if (mg_edit_distance(word, commands[i], 2) <= 2) {
			fprintf(stderr, "miglint: unknown command '%s'; did you mean '%s'?\n", word, commands[i]);
			return 2;
		}
	}
	return 0;
}

int mg_cli_main(int argc, char **argv)
{
	/* a report of thousands of findings to a file or a pipe: a few large writes, not one a
	 * 4 KiB; a terminal keeps its line buffering */
	static char out_buffer[1 << 16];
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, out_buffer, _IOFBF, sizeof(out_buffer));
	if (argc >= 2 && unknown_command(argv[1]))
		return 2;
	if (argc >= 2 && strcmp(argv[1], "rules") == 0)
		return run_rules(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "explain") == 0)
		return run_explain(argc - 2, argv + 2);
	if (argc >= 2 && strcmp(argv[1], "graph") == 0) {
		int rc = run_graph(argc - 2, argv + 2);
		mg_engine_thread_done();
		return rc;
	}
	bool config_cmd = argc >= 2 && strcmp(argv[1], "config") == 0;
	bool baseline_cmd = argc >= 2 && strcmp(argv[1], "baseline") == 0;
	bool lock_cmd = argc >= 2 && strcmp(argv[1], "lock") == 0;
	int shift = argc >= 2 && (strcmp(argv[1], "check") == 0 || config_cmd || baseline_cmd || lock_cmd);
	options o = {.format = FORMAT_TEXT, .fail_level = MG_SEV_WARNING, .color = -1,
		     .write_baseline = baseline_cmd};
	path_vec paths = {0};
	int rc = parse_options(&o, argc - shift, argv + shift, &paths);
	if (rc < 0)
		rc = config_cmd ? run_config(&o, &paths) : lock_cmd ? run_lock(&o, &paths) : run_check(&o, &paths);
	free_options(&o, &paths);
	mg_engine_thread_done();
	return rc;
}
