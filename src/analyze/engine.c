/* The per-file pipeline: bytes -> pieces -> parse batches -> statements -> rules -> findings.
 *
 * Parsing: consecutive statements are parsed together in batches of up to BATCH_BYTES with
 * pg_query_raw_parse, which is as fast as libpg_query gets; each batch's memory is freed before
 * the next, so a 50 MB file never holds one whole-file tree. When a batch has a syntax error,
 * its statements are parsed one by one, so the error is reported at its own statement and every
 * other statement is still linted. */
#include "check_internal.h"
#include "engine_internal.h"

#include "miglint/do_block.h"
#include "miglint/placeholders.h"
#include "miglint/paths.h"
#include "miglint/split.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum { BATCH_BYTES = 64 * 1024 };

/* libpg_query creates its memory context per thread on first use; freeing one that was never
 * created crashes, so remember whether this thread parsed. Threads other than the main one
 * are freed by libpg_query's own thread-exit destructor. */
static __thread bool thread_parsed;

void mg_engine_thread_done(void)
{
	if (thread_parsed)
		pg_query_exit();
	thread_parsed = false;
}

typedef struct suppression {
	size_t offset, length;   /* the directive comment */
	bool whole_file;
	size_t target_start;     /* the statement it applies to (ignore) */
	size_t target_end;
	const mg_rule **rules;   /* NULL-terminated: every rule the words name */
	size_t *word_of;         /* for each rule, the index of the word that named it */
	char **words;            /* as written: a code, a name or a prefix */
	bool *word_used;
	size_t word_count;
} suppression;

typedef MG_VEC(suppression) suppression_vec;

void mg_engine_new(mg_engine **out, const mg_engine_options *opts)
{
	size_t count;
	const mg_rule *const *rules = mg_rules_all(&count);
	mg_engine *eng = mg_xcalloc(1, sizeof(*eng));
	eng->rules = rules;
	eng->rule_count = count;
	eng->enabled = mg_xcalloc(count, sizeof(bool));
	memcpy(eng->enabled, opts->enabled, count * sizeof(bool));
	eng->severity = mg_xcalloc(count, sizeof(mg_severity));
	for (size_t i = 0; i < count; i++)
		eng->severity[i] = opts->severity ? opts->severity[i] : rules[i]->severity;
	eng->pg_version = opts->pg_version ? opts->pg_version : MG_PG_QUERY_MAJOR;
	eng->down_full = opts->down_full;
	eng->lock_timeout_by_runner = opts->lock_timeout_by_runner;
	eng->fixes = opts->fixes;
	int max_tag = 0;
	for (size_t i = 0; i < count; i++)
		for (const int *k = rules[i]->kinds; k && *k; k++)
			max_tag = *k > max_tag ? *k : max_tag;
	eng->tag_count = (size_t)max_tag + 1;
	eng->by_tag = mg_xcalloc(eng->tag_count, sizeof(*eng->by_tag));
	for (size_t tag = 0; tag < eng->tag_count; tag++) {
		size_t n = 0;
		for (size_t i = 0; i < count; i++)
			for (const int *k = rules[i]->kinds; eng->enabled[i] && k && *k; k++)
				n += (size_t)*k == tag;
		if (!n)
			continue;
		eng->by_tag[tag] = mg_xcalloc(n + 1, sizeof(mg_rule *));
		n = 0;
		for (size_t i = 0; i < count; i++)
			for (const int *k = rules[i]->kinds; eng->enabled[i] && k && *k; k++)
				if ((size_t)*k == tag)
					eng->by_tag[tag][n++] = rules[i];
	}
	size_t hooks = 0;
	eng->file_hooks = mg_xcalloc(count + 1, sizeof(mg_rule *));
	for (size_t i = 0; i < count; i++)
		if (eng->enabled[i] && rules[i]->check_file)
			eng->file_hooks[hooks++] = rules[i];
	*out = eng;
}

void mg_engine_free(mg_engine *eng)
{
	if (!eng)
		return;
	for (size_t i = 0; i < eng->tag_count; i++)
		free(eng->by_tag[i]);
	free(eng->by_tag);
	free(eng->file_hooks);
	free(eng->enabled);
	free(eng->severity);
	free(eng);
}

bool mg_engine_enabled(const mg_engine *eng, const mg_rule *r)
{
	size_t i = mg_engine_rule_index(eng, r);
	return i < eng->rule_count && eng->enabled[i];
}

mg_severity mg_engine_severity(const mg_engine *eng, const mg_rule *r)
{
	size_t i = mg_engine_rule_index(eng, r);
	return i < eng->rule_count ? eng->severity[i] : r->severity;
}

/* Converts libpg_query's 1-based character position in text[start..] into a byte offset. */
static size_t char_pos_to_offset(const mg_source *src, size_t start, size_t end, int cursorpos)
{
	size_t i = start;
	for (int n = 1; n < cursorpos && i < end; n++) {
		i++;
		while (i < end && ((unsigned char)src->text[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

static void check_statement(mg_check *c, const Node *stmt);

/* Notes, for the file hooks, a statement the client sends (not one of a DO block's body). */
static void note_top_statement(mg_check *c, const Node *stmt)
{
	mg_file_check *u = &c->unit;
	const char *word;
	const char *what = mg_outside_transaction_only(stmt, c->eng->pg_version, &word);
	u->statements++;
	if (what && !u->outside_tx_what && !c->session.in_transaction) {
		u->outside_tx_what = what;
		u->outside_tx_word = word;
		u->outside_tx_at = c->stmt_start;
	}
}

/* One statement: the rules see the state just before it, then its effects are applied. */
static void check_one(mg_check *c, const Node *stmt)
{
	int time = mg_facts_next_statement(c->facts);
	if (c->embedded_depth == 0)
		note_top_statement(c, stmt);
	if (!c->record_only) {
		mg_locks_before(c, stmt);
		mg_check_run_rules(c, stmt);
	}
	mg_locks_after(c, stmt);
	mg_columns_after(c, stmt);
	bool was_open = c->session.in_transaction;
	mg_session_apply(&c->session, stmt, time);
	if (c->embedded_depth == 0 && was_open != c->session.in_transaction)
		c->tx_opened_at = c->session.in_transaction ? c->stmt_start + 1 : 0;
	if (IsA(stmt, DoStmt))
		mg_do_block_check(c, (const DoStmt *)stmt, check_statement);
	else
		mg_facts_record(c->facts, stmt);
}

/* The subcommands of one ALTER TABLE run in order and each sees the ones before it
 * (DROP CONSTRAINT IF EXISTS c, ADD CONSTRAINT c), so they are checked one at a time. */
static void check_statement(mg_check *c, const Node *stmt)
{
	if (IsA(stmt, AlterTableStmt) && list_length(((const AlterTableStmt *)stmt)->cmds) > 1) {
		const AlterTableStmt *alter = (const AlterTableStmt *)stmt;
		const ListCell *lc;
		foreach (lc, alter->cmds) {
			AlterTableStmt one = *alter;
			one.cmds = list_make1(lfirst(lc));
			check_one(c, (const Node *)&one);
		}
		return;
	}
	check_one(c, stmt);
}

static void process_raw_statement(mg_check *c, const RawStmt *rs, size_t start, size_t end)
{
	size_t s = start + (size_t)rs->stmt_location;
	size_t e = rs->stmt_len ? s + (size_t)rs->stmt_len : end;
	s = mg_lex_skip_trivia(c->src.text, s, e);
	c->base = start;
	c->stmt_start = s;
	c->stmt_end = e < end && c->src.text[e] == ';' ? e + 1 : e;
	check_statement(c, rs->stmt);
}

/* Parses text[start, end); on success checks every statement and returns true. */
/* A statement PostgreSQL refused may hold placeholders its client fills in first (psql
 * variables in a file, bind parameters in SQL embedded in Python): masked, it is parsed
 * again. The text is restored after the statements are checked. */
static char *mask_placeholders(mg_check *c, size_t start, size_t end,
			       PgQueryInternalParsetreeAndError *r)
{
	char *original = mg_xstrndup(c->src.text + start, end - start);
	mg_placeholder_style style = c->binds ? MG_PLACEHOLDERS_BINDS : MG_PLACEHOLDERS_PSQL;
	if (!mg_placeholders_mask(c->src.text, start, end, style)) {
		free(original);
		return NULL;
	}
	PgQueryInternalParsetreeAndError again = pg_query_raw_parse(c->src.text + start);
	pg_query_free_error(r->error);
	free(r->stderr_buffer);
	*r = again; /* still refused: the error is then the one that placeholders did not hide */
	if (again.error) {
		memcpy(c->src.text + start, original, end - start);
		free(original);
		return NULL;
	}
	return original;
}

static bool parse_range(mg_check *c, size_t start, size_t end, bool report_error)
{
	char saved = c->src.text[end];
	c->src.text[end] = '\0';
	thread_parsed = true;
	MemoryContext ctx = pg_query_enter_memory_context();
	PgQueryInternalParsetreeAndError r = pg_query_raw_parse(c->src.text + start);
	char *unmasked = r.error && report_error ? mask_placeholders(c, start, end, &r) : NULL;
	bool ok = r.error == NULL;
	if (ok) {
		ListCell *lc;
		foreach (lc, r.tree)
			process_raw_statement(c, lfirst_node(RawStmt, lc), start, end);
	} else if (report_error) {
		size_t at = r.error->cursorpos > 0
				    ? char_pos_to_offset(&c->src, start, end, r.error->cursorpos)
				    : mg_lex_skip_trivia(c->src.text, start, end);
		size_t tok_end = at < end ? mg_lex_token_end(c->src.text, at, end) : at;
		mg_syntax_error e = {at, tok_end - at, mg_xstrdup(r.error->message)};
		MG_VEC_PUSH(c->unit.syntax_errors, e);
	}
	if (r.error)
		pg_query_free_error(r.error);
	free(r.stderr_buffer);
	pg_query_exit_memory_context(ctx);
	mg_check_clear_tmp(c);
	if (unmasked) {
		memcpy(c->src.text + start, unmasked, end - start);
		free(unmasked);
	}
	c->src.text[end] = saved;
	return ok;
}

static void parse_batch(mg_check *c, const mg_piece *pieces, size_t first, size_t last)
{
	if (first > last)
		return;
	if (parse_range(c, pieces[first].start, pieces[last].end, first == last))
		return;
	for (size_t i = first; i <= last && first != last; i++)
		if (pieces[i].kind == MG_PIECE_SQL)
			parse_range(c, pieces[i].start, pieces[i].end, true);
}

static void parse_directive(mg_check *c, suppression_vec *sv, const mg_piece *p,
			    const mg_piece *next_sql)
{
	const char *t = c->src.text;
	size_t i = p->start + 2, end = p->end;
	if (t[p->start] == '/' && end - p->start >= 4)
		end -= 2; /* drop the closing star-slash */
	while (i < end && (t[i] == ' ' || t[i] == '\t'))
		i++;
	i += 8; /* "miglint:" */
	suppression s = {.offset = p->start, .length = p->end - p->start};
	if (end - i >= 11 && memcmp(t + i, "ignore-file", 11) == 0) {
		s.whole_file = true;
		i += 11;
	} else if (end - i >= 6 && memcmp(t + i, "ignore", 6) == 0) {
		i += 6;
	} else {
		mg_directive_problem unknown = {p->start, p->end - p->start, NULL};
		MG_VEC_PUSH(c->unit.directive_problems, unknown);
		return;
	}
	if (next_sql) {
		s.target_start = next_sql->start;
		s.target_end = next_sql->end;
	}
	MG_VEC(const mg_rule *) rules = {0};
	MG_VEC(size_t) word_of = {0};
	MG_VEC(char *) words = {0};
	while (i < end) {
		while (i < end && (t[i] == ' ' || t[i] == '\t' || t[i] == ','))
			i++;
		size_t w = i;
		while (i < end && t[i] != ' ' && t[i] != '\t' && t[i] != ',' && t[i] != '\r')
			i++;
		if (i == w)
			break;
		char *word = mg_xstrndup(t + w, i - w);
		size_t n_all, before = rules.len;
		const mg_rule *const *all = mg_rules_all(&n_all);
		for (size_t k = 0; k < n_all; k++) {
			if (mg_rule_matches(all[k], word)) {
				MG_VEC_PUSH(rules, all[k]);
				MG_VEC_PUSH(word_of, words.len);
			}
		}
		if (rules.len == before) {
			mg_directive_problem unknown = {w, i - w, word};
			MG_VEC_PUSH(c->unit.directive_problems, unknown);
		} else {
			MG_VEC_PUSH(words, word);
		}
	}
	if (!rules.len) {
		free(rules.items);
		free(word_of.items);
		free(words.items);
		return;
	}
	MG_VEC_PUSH(rules, (const mg_rule *)NULL);
	s.rules = rules.items;
	s.word_of = word_of.items;
	s.words = words.items;
	s.word_count = words.len;
	s.word_used = mg_xcalloc(words.len, sizeof(bool));
	MG_VEC_PUSH(*sv, s);
}

static bool suppressed(suppression_vec *sv, const mg_finding *f)
{
	bool hit = false;
	for (size_t i = 0; i < sv->len; i++) {
		suppression *s = &sv->items[i];
		if (!s->whole_file && !(f->offset >= s->target_start && f->offset < s->target_end))
			continue;
		for (size_t k = 0; s->rules[k]; k++) {
			if (s->rules[k] == f->rule) {
				s->word_used[s->word_of[k]] = true;
				hit = true;
			}
		}
	}
	return hit;
}

/* Runs the enabled rules' file hooks over what the unit's lint learnt. */
static void run_file_hooks(mg_check *c, mg_file_phase phase)
{
	mg_file_check *u = &c->unit;
	u->check = c;
	u->phase = phase;
	u->unit = &c->src;
	u->whole_file = c->map == NULL;
	u->in_transaction_at_end = c->session.in_transaction;
	u->single_query_reason = c->ctx ? c->ctx->single_query_reason : NULL;
	for (const mg_rule **r = c->eng->file_hooks; *r; r++) {
		u->rule = *r;
		(*r)->check_file(u);
	}
	u->rule = NULL;
}

static void free_unit_facts(mg_file_check *u)
{
	for (size_t i = 0; i < u->syntax_errors.len; i++)
		free(u->syntax_errors.items[i].message);
	free(u->syntax_errors.items);
	free(u->skipped.items);
	for (size_t i = 0; i < u->directive_problems.len; i++)
		free(u->directive_problems.items[i].word);
	free(u->directive_problems.items);
	free(u->suppressions.items);
	free(u->open_transactions.items);
}

/* Tells the file hooks what each word of each directive did. */
static void note_suppression_uses(mg_check *c, const suppression_vec *sv)
{
	for (size_t i = 0; i < sv->len; i++) {
		const suppression *s = &sv->items[i];
		for (size_t w = 0; w < s->word_count; w++) {
			mg_suppression_use use = {s->offset, s->length, s->words[w], s->whole_file,
						  s->word_used[w], false};
			for (size_t k = 0; s->rules[k]; k++)
				use.can_match = use.can_match || (s->word_of[k] == w &&
								  mg_engine_enabled(c->eng, s->rules[k]));
			MG_VEC_PUSH(c->unit.suppressions, use);
		}
	}
}

/* Drops the findings the directives suppress, then runs the file hooks that judge the
 * directives themselves (their findings cannot be suppressed). */
static void free_suppressions(suppression_vec *sv)
{
	for (size_t i = 0; i < sv->len; i++) {
		suppression *s = &sv->items[i];
		for (size_t w = 0; w < s->word_count; w++)
			free(s->words[w]);
		free(s->rules);
		free(s->word_of);
		free(s->words);
		free(s->word_used);
	}
	free(sv->items);
}

static void apply_suppressions(mg_check *c, suppression_vec *sv)
{
	size_t kept = 0;
	for (size_t i = 0; i < c->findings.len; i++) {
		mg_finding *f = c->findings.items[i];
		if (suppressed(sv, f))
			mg_finding_free(f);
		else
			c->findings.items[kept++] = f;
	}
	c->findings.len = kept;
	note_suppression_uses(c, sv);
	run_file_hooks(c, MG_FILE_SUPPRESSED);
	free_suppressions(sv);
}

static bool only_trivia(const mg_check *c)
{
	return mg_lex_skip_trivia(c->src.text, c->src.body, c->src.len) >= c->src.len;
}

/* Most files are one batch with no psql command (a backslash outside a string is one), no
 * COPY data and no directive: they go straight to the parser, and to the splitter only if
 * that fails (to isolate the syntax error). */
static bool parse_whole(mg_check *c)
{
	const char *t = c->src.text + c->src.body;
	size_t n = c->src.len - c->src.body;
	if (n > BATCH_BYTES || c->plan.markers || c->plan.run_count > 1 || memchr(t, '\\', n) ||
	    memmem(t, n, "miglint:", 8))
		return false;
	return parse_range(c, c->src.body, c->src.len, false);
}

/* Settles the held findings of the run that ends: the replay says which stand. */
static void settle_run(mg_check *c)
{
	mg_facts_resolve(c->facts);
	mg_check_keep_standing(c);
}

/* A run after the first (a down section) is a run of its own: the facts of the one before
 * are settled first, and the tool's transaction around it starts afresh. */
/* A transaction the file opened and left open when the run ends (MG502); the tool's own COMMIT
 * closes one in a run it wraps. */
static void end_run(mg_check *c)
{
	if (c->session.in_transaction && c->tx_opened_at && !c->run_in_tool_tx)
		MG_VEC_PUSH(c->unit.open_transactions, c->tx_opened_at - 1);
	c->tx_opened_at = 0;
}

static void start_run(mg_check *c, const mg_unit_run *run)
{
	end_run(c);
	c->run_in_tool_tx = run->transaction_reason != NULL;
	settle_run(c);
	if (run->down && !c->up_facts)
		c->up_facts = c->facts; /* the section it undoes */
	else
		mg_facts_free(c->facts);
	mg_facts_new(&c->facts);
	mg_session_start(&c->session, run->transaction_reason);
	c->session.implicit = c->ctx && c->ctx->single_query_reason;
	mg_new_relations_reset(&c->locks);
	mg_run_columns_reset(&c->columns);
}

static int compare_offsets(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* Splits the unit into pieces. No statement spans a place where the tool ends one whatever
 * the text says: the start of a run, a goose StatementEnd. */
static void split_unit(const mg_check *c, mg_piece **out, size_t *count)
{
	const mg_unit_plan *p = &c->plan;
	if (p->run_count <= 1 && !p->break_count) {
		mg_split(out, count, c->src.text, c->src.body, c->src.len);
		return;
	}
	MG_VEC(size_t) cuts = {0};
	for (size_t r = 1; r < p->run_count; r++)
		MG_VEC_PUSH(cuts, p->runs[r].start);
	for (size_t b = 0; b < p->break_count; b++)
		MG_VEC_PUSH(cuts, p->breaks[b]);
	qsort(cuts.items, cuts.len, sizeof(size_t), compare_offsets);
	MG_VEC(mg_piece) all = {0};
	size_t from = c->src.body;
	for (size_t i = 0; i <= cuts.len; i++) {
		size_t to = i < cuts.len ? cuts.items[i] : c->src.len;
		if (to <= from)
			continue;
		mg_piece *part = NULL;
		size_t n = 0;
		mg_split(&part, &n, c->src.text, from, to);
		for (size_t k = 0; k < n; k++)
			MG_VEC_PUSH(all, part[k]);
		free(part);
		from = to;
	}
	free(cuts.items);
	*out = all.items;
	*count = all.len;
}

/* The pieces the tool sends as one query with two statements or more: PostgreSQL runs those
 * statements in one implicit transaction (locks.h, mg_lock_query_block). */
static void note_query_blocks(mg_check *c, const mg_piece *pieces, size_t count)
{
	const mg_unit_plan *p = &c->plan;
	for (size_t b = 0; p->break_begins && b < p->break_count; b++) {
		size_t from = p->break_begins[b], to = p->breaks[b], n = 0;
		for (size_t i = 0; i < count && from < to; i++)
			n += pieces[i].kind == MG_PIECE_SQL && pieces[i].start >= from &&
			     pieces[i].start < to;
		if (n < 2)
			continue;
		MG_VEC_PUSH(c->query_blocks, from);
		MG_VEC_PUSH(c->query_blocks, to);
	}
}

static void lint_pieces(mg_check *c, suppression_vec *sv)
{
	if (parse_whole(c))
		return;
	mg_piece *pieces = NULL;
	size_t count = 0;
	split_unit(c, &pieces, &count);
	note_query_blocks(c, pieces, count);
	size_t batch_first = 1, batch_last = 0;
	size_t run = 0;
	for (size_t i = 0; i < count; i++) {
		const mg_piece *p = &pieces[i];
		if (run + 1 < c->plan.run_count && p->start >= c->plan.runs[run + 1].start) {
			parse_batch(c, pieces, batch_first, batch_last);
			batch_first = 1, batch_last = 0;
			start_run(c, &c->plan.runs[++run]);
		}
		if (p->kind == MG_PIECE_DIRECTIVE) {
			const mg_piece *next = NULL;
			for (size_t k = i + 1; k < count && !next; k++)
				if (pieces[k].kind == MG_PIECE_SQL)
					next = &pieces[k];
			parse_directive(c, sv, p, next);
			continue;
		}
		if (p->kind == MG_PIECE_SQL) {
			if (batch_first > batch_last) {
				batch_first = i;
			} else if (p->end - pieces[batch_first].start > BATCH_BYTES) {
				parse_batch(c, pieces, batch_first, batch_last);
				batch_first = i;
			}
			batch_last = i;
			continue;
		}
		parse_batch(c, pieces, batch_first, batch_last);
		batch_first = 1, batch_last = 0;
		MG_VEC_PUSH(c->unit.skipped, *p);
	}
	/* Suppressions inside a batch were parsed before the batch: keep the order of pieces. */
	parse_batch(c, pieces, batch_first, batch_last);
	free(pieces);
}

static void prefix_message(mg_finding *f, const char *prefix)
{
	char *msg = mg_xasprintf("%s%s", prefix, f->message);
	free(f->message);
	f->message = msg;
}

/* How the tool runs the unit: its planner reads a whole file; decoded SQL is one run, in the
 * transaction its reader says. */
static void plan_runs(mg_check *c, const mg_unit *unit)
{
	memset(&c->plan, 0, sizeof(c->plan));
	if (!c->map && unit->plan) {
		unit->plan(&c->plan, c->ctx, c->src.text, c->src.body, c->src.len);
	} else {
		const char *reason = c->map ? unit->transaction_reason
				   : c->ctx ? c->ctx->transaction_reason : NULL;
		c->plan.runs[0] = (mg_unit_run){c->src.body, false, reason};
		c->plan.run_count = 1;
	}
	mg_session_start(&c->session, c->plan.runs[0].transaction_reason);
	c->session.implicit = c->ctx && c->ctx->single_query_reason;
	c->run_in_tool_tx = c->plan.runs[0].transaction_reason != NULL;
	c->unit.tool_problems = c->plan.problems;
	c->unit.tool_problem_count = c->src.read_error ? 0 : c->plan.problem_count;
	c->unit.not_migration = c->plan.not_migration;
	c->unit.down = c->ctx && c->ctx->down;
}

/* True when offset is in a down run of the unit. */
static bool in_down_run(const mg_check *c, size_t offset)
{
	for (size_t r = c->plan.run_count; r-- > 0;)
		if (offset >= c->plan.runs[r].start)
			return c->plan.runs[r].down;
	return false;
}

/* True when offset is in a down script, or in a file's down section. */
static bool in_down(const mg_check *c, size_t offset)
{
	return (c->ctx && c->ctx->down) || c->down_unit || in_down_run(c, offset);
}

/* An idempotency rule's findings say what fails on a second run (MG2xx). */
static bool about_reruns(const mg_rule *r)
{
	return strncmp(r->code, "MG2", 3) == 0;
}

/* A tool runs a down migration once, inside a transaction, to remove what its up migration
 * made: what would fail on a second run is left out there unless the settings say down:
 * full. (After suppressions, so that a directive that silenced one is still used.) */
static void leave_out_down_reruns(mg_check *c)
{
	if (c->eng->down_full)
		return;
	size_t kept = 0;
	for (size_t i = 0; i < c->findings.len; i++) {
		mg_finding *f = c->findings.items[i];
		if (about_reruns(f->rule) && in_down(c, f->offset))
			mg_finding_free(f);
		else
			c->findings.items[kept++] = f;
	}
	c->findings.len = kept;
}

/* What the up migration makes (the file at path, or SQL decoded from Python in bytes), replayed
 * without rules (its own findings are its own file's). NULL when it cannot be read. */
static mg_facts *replay_up_migration(const mg_engine *eng, const char *path, const char *bytes,
				     size_t len)
{
	mg_check up = {0};
	up.eng = eng;
	up.record_only = true;
	up.binds = bytes != NULL;
	if (bytes)
		mg_source_from_bytes(&up.src, path, bytes, len);
	else
		mg_source_load(&up.src, path, NULL);
	mg_facts *made = NULL;
	if (!up.src.read_error) {
		suppression_vec sv = {0};
		mg_facts_new(&up.facts);
		up.plan.runs[0] = (mg_unit_run){up.src.body, false, NULL};
		up.plan.run_count = 1;
		lint_pieces(&up, &sv);
		free_suppressions(&sv);
		made = up.facts;
	}
	for (size_t i = 0; i < up.findings.len; i++)
		mg_finding_free(up.findings.items[i]);
	free(up.findings.items);
	free(up.tmp.items);
	free(up.held.items);
	mg_new_relations_dispose(&up.locks);
	mg_run_columns_dispose(&up.columns);
	free_unit_facts(&up.unit);
	mg_source_dispose(&up.src);
	return made;
}

/* A file PostgreSQL refused may be another database's: then it is not a PostgreSQL
 * migration with errors, and what was found in it goes (the file rule says which database). */
static void read_other_database(mg_check *c, mg_dialect_reader dialect)
{
	size_t at = 0, n = c->unit.syntax_errors.len;
	const char *sign = NULL;
	size_t *errors = mg_xcalloc(n, sizeof(size_t));
	for (size_t i = 0; i < n; i++)
		errors[i] = c->unit.syntax_errors.items[i].offset;
	const char *db = dialect(c->src.text, c->src.body, c->src.len, errors, n, &at, &sign);
	free(errors);
	if (!db)
		return;
	c->unit.other_database = db;
	c->unit.other_sign = sign;
	c->unit.other_at = at;
	mg_check_drop_all(c);
	for (size_t i = 0; i < c->unit.syntax_errors.len; i++)
		free(c->unit.syntax_errors.items[i].message);
	c->unit.syntax_errors.len = 0;
}

/* For the rules that group repeats: the first finding of each message stands for the others
 * (findings in file order), which become its related locations. */
static void group_repeats(mg_check *c)
{
	size_t kept = 0;
	for (size_t i = 0; i < c->findings.len; i++) {
		mg_finding *f = c->findings.items[i];
		mg_finding *first = NULL;
		for (size_t k = 0; k < kept && (f->rule->flags & MG_RULE_GROUP_REPEATS) && !first; k++) {
			mg_finding *o = c->findings.items[k];
			if (o->rule == f->rule && strcmp(o->message, f->message) == 0)
				first = o;
		}
		if (!first) {
			c->findings.items[kept++] = f;
			continue;
		}
		mg_finding_add_related(first, c->src.path, f->line, f->column, f->end_line,
				       f->end_column, mg_xstrdup("another statement with the same finding"));
		mg_finding_free(f);
	}
	c->findings.len = kept;
	for (size_t i = 0; i < kept; i++) {
		mg_finding *f = c->findings.items[i];
		if (!(f->rule->flags & MG_RULE_GROUP_REPEATS) || !f->related_count)
			continue;
		char *msg = mg_xasprintf("%s (%zu statements of this file; the others are related "
					 "locations)", f->message, f->related_count + 1);
		free(f->message);
		f->message = msg;
	}
}

static void lint_source(mg_file_result *out, const mg_engine *eng, mg_check *c,
			const mg_unit *unit)
{
	suppression_vec sv = {0};
	c->eng = eng;
	mg_facts_new(&c->facts);
	plan_runs(c, unit);
	c->binds = c->map != NULL;
	c->down_unit = c->map && unit->down;
	if (c->ctx && c->ctx->down && c->ctx->up_path)
		c->up_facts = replay_up_migration(eng, c->ctx->up_path, NULL, 0);
	else if (c->down_unit && unit->up_bytes)
		c->up_facts = replay_up_migration(eng, unit->path, unit->up_bytes, unit->up_len);
	/* (SQL embedded in a file may be only a directive: it is still read) */
	if (!c->src.read_error && !c->plan.not_migration && (c->map || !only_trivia(c)))
		lint_pieces(c, &sv);
	if (c->unit.syntax_errors.len && !c->map && unit->dialect)
		read_other_database(c, unit->dialect);
	end_run(c);
	run_file_hooks(c, MG_FILE_LINTED);
	settle_run(c);
	mg_facts_free(c->facts);
	mg_facts_free(c->up_facts);
	c->up_facts = NULL;
	apply_suppressions(c, &sv);
	leave_out_down_reruns(c);
	for (size_t i = 0; i < c->findings.len; i++) {
		mg_finding *f = c->findings.items[i];
		/* (decoded SQL names its function instead: "in downgrade(): ...") */
		if (in_down(c, f->offset) && f->rule->kinds && !c->map)
			prefix_message(f, "in the down migration: ");
		/* A rollback runs during an incident: a lock it takes is said, not failed on. */
		if (in_down(c, f->offset) && strncmp(f->rule->code, "MG3", 3) == 0)
			f->severity = MG_SEV_INFO;
		if (c->ctx && c->ctx->repeatable && f->rule->code[2] == '2') {
			/* Flyway re-runs a repeatable migration whenever it changes: a statement that
			 * fails the second time breaks the next deploy, whatever its default severity */
			f->severity = MG_SEV_ERROR;
			prefix_message(f, "in a repeatable migration (re-run whenever it changes): ");
		}
		mg_check_place(c, f);
	}
	if (c->findings.len)
		qsort(c->findings.items, c->findings.len, sizeof(mg_finding *), mg_finding_compare);
	group_repeats(c);
	out->path = mg_xstrdup(c->src.path);
	for (size_t i = 0; i < c->findings.len; i++)
		c->findings.items[i]->path = out->path;
	out->findings = c->findings.items;
	out->count = c->findings.len;
	out->unreadable = c->src.read_error != NULL;
	out->sections_tool = c->plan.markers;
	for (size_t i = 0; i < c->plan.problem_count; i++) {
		free(c->plan.problems[i].message);
		free(c->plan.problems[i].help);
	}
	free(c->plan.breaks);
	free(c->plan.break_begins);
	free(c->query_blocks.items);
	free(c->tmp.items);
	free(c->held.items);
	mg_new_relations_dispose(&c->locks);
	mg_run_columns_dispose(&c->columns);
	free_unit_facts(&c->unit);
	mg_source_dispose(&c->src);
	mg_source_dispose(&c->file);
}

/* The one entry point: a unit's text comes from its bytes, its stream or its path; decoded
 * SQL also keeps the file it came from, for positions, and runs in the tool's transaction. */
void mg_engine_lint_unit(mg_file_result *out, const mg_engine *eng, const mg_unit *unit)
{
	mg_check c = {0};
	memset(out, 0, sizeof(*out));
	if (unit->bytes)
		mg_source_from_bytes(&c.src, unit->path, unit->bytes, unit->len);
	else
		mg_source_load(&c.src, unit->path, unit->stream);
	if (unit->map) {
		mg_source_from_bytes(&c.file, unit->path, unit->file_text, unit->file_len);
		c.map = unit->map;
	} else {
		c.ctx = unit->ctx;
	}
	lint_source(out, eng, &c, unit);
}

void mg_engine_lint(mg_file_result *out, const mg_engine *eng, const char *path, FILE *stream)
{
	mg_unit unit = {.path = path, .stream = stream};
	mg_engine_lint_unit(out, eng, &unit);
}

void mg_engine_lint_bytes(mg_file_result *out, const mg_engine *eng, const char *path,
			  const char *bytes, size_t len)
{
	mg_unit unit = {.path = path, .bytes = bytes, .len = len};
	mg_engine_lint_unit(out, eng, &unit);
}

void mg_file_result_dispose(mg_file_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->count; i++)
		mg_finding_free(r->findings[i]);
	free(r->findings);
	free(r->path);
	memset(r, 0, sizeof(*r));
}
