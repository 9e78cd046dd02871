/* The pipeline as one library call: discover the migrations under some paths, read each
 * folder as its migration tool does, lint every SQL unit through one pool, check each
 * history, apply suppressions and the baseline, and return one sorted result. It never prints
 * and never exits: tool errors come back as an mg_error. The command line, a language server
 * (with buffer overlays) and a fixer (with the findings' fix edits) are front ends over it. */
#ifndef MIGLINT_RUN_H
#define MIGLINT_RUN_H

#include "miglint/engine.h"
#include "miglint/error.h"
#include "miglint/graph.h"
#include "miglint/overlay.h"
#include "miglint/settings.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct mg_run_options {
	char **paths;              /* files, folders or "-" (standard input); none: "." */
	size_t path_count;
	mg_overrides settings;     /* over the configuration file */
	const char *framework;     /* read every folder as this tool (mg_framework_known), or NULL */
	const char *baseline_path; /* hide the findings this baseline lists, or NULL */
	const char *since;         /* lint only files git sees added or changed since, or NULL */
	long jobs;                 /* threads; 0: one per core */
	const char *stdin_name;    /* the path shown for "-"; NULL: "<stdin>" */
	const mg_overlay *overlays;
	size_t overlay_count;
	bool fixes;                /* give findings their fix edits (mg_engine_options.fixes) */
} mg_run_options;

/* A lock written by mg_run_lock. */
typedef struct mg_run_lock_written {
	char *path;
	size_t migrations;
} mg_run_lock_written;

typedef struct mg_run_result {
	mg_file_result *files;  /* by path; each file's findings sorted and de-duplicated */
	size_t count;
	mg_severity fail_level; /* the settings': a finding at or above it fails the run */
	char **warnings;        /* to show before the report ("warning: no migration files ...") */
	size_t warning_count;
	mg_error error;         /* why the run failed, when it returns an error */
	mg_graph *graphs;       /* mg_run_graphs: every history, in discovery order */
	size_t graph_count;
	mg_run_lock_written *locks; /* mg_run_lock: the locks written, in order */
	size_t lock_count;
} mg_run_result;

/* Lints what o names into out (mg_run_result_dispose it in every case). Returns 0, or a
 * negative MG_E* code with out->error set: the configuration, a path, the baseline or git
 * could not be read; out->warnings still holds what came before. */
int mg_run(const mg_run_options *o, mg_run_result *out);
/* Reads every migration history under o's paths as a graph (out->graphs), without linting:
 * Alembic and Django projects, version-ordered folders, sqitch plans. Errors as mg_run. */
int mg_run_graphs(const mg_run_options *o, mg_run_result *out);
/* Writes miglint.lock beside each version-ordered migration folder (out->locks). On an error
 * the locks written before it stay listed. */
int mg_run_lock(const mg_run_options *o, mg_run_result *out);
void mg_run_result_dispose(mg_run_result *r);

#endif
