/* What blocks production traffic: the table locks a statement takes (measured on PostgreSQL 15,
 * ../shared/LOCKING.md section 1), which relations the run itself created (nobody else can be
 * using those yet), the lock_timeout in effect, and the transaction a statement runs in. The
 * MG3xx rules ask these questions; the engine keeps the state along the run (one goose or
 * dbmate section, or the whole file), statements of DO blocks included. */
#ifndef MIGLINT_LOCKS_H
#define MIGLINT_LOCKS_H

#include "miglint/common.h"
#include "miglint/strmap.h"
#include "miglint/pg.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct mg_check mg_check;

/* PostgreSQL's table lock modes, numbered as lockdefs.h numbers them (a LockStmt's mode). */
typedef enum mg_lock_mode {
	MG_LOCK_NONE = 0,
	MG_LOCK_ACCESS_SHARE = 1,
	MG_LOCK_ROW_SHARE = 2,
	MG_LOCK_ROW_EXCLUSIVE = 3,
	MG_LOCK_SHARE_UPDATE_EXCLUSIVE = 4,
	MG_LOCK_SHARE = 5,
	MG_LOCK_SHARE_ROW_EXCLUSIVE = 6,
	MG_LOCK_EXCLUSIVE = 7,
	MG_LOCK_ACCESS_EXCLUSIVE = 8,
} mg_lock_mode;

/* One lock a statement takes: on the relation `name` (schema as written, or NULL), in `mode`;
 * `location` is where the name is in the statement's tree (-1: unknown). Strings are lent by
 * the parse tree. */
typedef struct mg_lock {
	const char *schema, *name;
	mg_lock_mode mode;
	int location;
} mg_lock;

enum { MG_LOCKS_MAX = 16 };

/* Fills out[0..cap) with the locks stmt takes on named relations (one ALTER TABLE subcommand
 * at a time is what the engine gives rules; every subcommand of a longer one is read) and
 * returns how many it takes (possibly more than cap: only cap are filled). Statements that
 * take no lock worth naming (DML's ROW EXCLUSIVE is listed; plain reads are not) give 0. */
size_t mg_locks_of(mg_lock *out, size_t cap, const Node *stmt);
/* The mode as PostgreSQL names it ("ACCESS EXCLUSIVE"); a static string. */
const char *mg_lock_mode_name(mg_lock_mode mode);
/* What the mode blocks, for messages ("reads and writes"); a static string. */
const char *mg_lock_mode_blocks(mg_lock_mode mode);

/* The relations the run has created and not dropped since, and what rules need to know of
 * them; kept by the engine in the check. Zero-initialised is empty. */
typedef struct mg_new_relations {
	/* tables, views, matviews, sequences, indexes by name, each to its table when it is an
	 * index (owned), else NULL */
	mg_strmap names;
	MG_VEC(char *) not_null_checks; /* "table\x1fcolumn" of valid CHECK (c IS NOT NULL) */
	MG_VEC(char *) pending_checks;  /* "table\x1fconstraint\x1fcolumn" added NOT VALID */
	MG_VEC(char *) not_valid;       /* "table\x1fconstraint\x1ftransaction\x1fmode" of each
					 * CHECK or foreign key added NOT VALID (MG324) */
	size_t do_blocks;               /* DO blocks seen: one outside a transaction is its own */
	MG_VEC(char *) exclusive;       /* "transaction\x1frelation\x1fstatement offset" of each
					 * ACCESS EXCLUSIVE lock taken on a relation in use in a
					 * transaction that is still open (MG303) */
	MG_VEC(char *) enum_values;     /* "type\x1fvalue" added by ADD VALUE in the open
					 * transaction (explicit, the tool's, or one query's) */
	MG_VEC(char *) column_types;    /* "table\x1fcolumn\x1ftype" of ADD COLUMN and ALTER TYPE
					 * (mg_lock_type_text), the last one counting */
	bool timeout_flagged;           /* the run's first unguarded lock is behind (MG301) */
	bool first_unguarded;           /* the statement being checked is that one */
} mg_new_relations;

/* Empties r (a new run: a down section sees what its up section made as pre-existing). */
void mg_new_relations_reset(mg_new_relations *r);
/* Frees what r holds; r may then be reused. */
void mg_new_relations_dispose(mg_new_relations *r);
/* Called by the engine before the rules see stmt: marks the run's first unguarded lock. */
void mg_locks_before(mg_check *c, const Node *stmt);
/* Called by the engine after the rules: records what stmt creates, drops and renames. */
void mg_locks_after(mg_check *c, const Node *stmt);

/* --- The questions rules ask (for the statement being checked) --- */

/* True when the relation `name` was created earlier in this run (CREATE TABLE, PARTITION OF,
 * CREATE TABLE AS, SELECT INTO, CREATE MATERIALIZED VIEW, a view, a sequence, an index; IF NOT
 * EXISTS counts: a history applied in order made it there) and not dropped since; a rename
 * carries it to the new name. Names compare without their schema (the replay's limit). */
bool mg_relation_new(const mg_check *c, const char *name);
/* The opposite, for a RangeVar: a relation that may be in use by the running application. */
bool mg_pre_existing(const mg_check *c, const RangeVar *rv);
/* The strongest lock the statement takes on a relation that is not new, into *out (when not
 * NULL); MG_LOCK_NONE when there is none. */
mg_lock_mode mg_lock_strongest(mg_check *c, mg_lock *out);
/* True when the statement is the run's first to take SHARE or stronger on a pre-existing
 * relation while lock_timeout is not set (0 or never set): the one MG301 reports. */
bool mg_lock_first_without_timeout(const mg_check *c);
/* True when lock_timeout is set (non-zero) for the statement: SET, SET LOCAL in this
 * transaction, set_config(), in a DO block too. */
bool mg_lock_timeout_set(const mg_check *c);
/* True when a CHECK (column IS NOT NULL) on table, added valid or validated earlier in this
 * run, is in place (PostgreSQL 12+ then skips SET NOT NULL's scan). */
bool mg_not_null_check_valid(const mg_check *c, const char *table, const char *column);

/* True when ALTER TYPE type ADD VALUE 'value' ran earlier in the statement's transaction, which
 * has not ended since: PostgreSQL 12+ refuses to use the value until it commits. Type names
 * compare without their schema. */
bool mg_enum_value_uncommitted(const mg_check *c, const char *type, const char *value);
/* The lock the ADD CONSTRAINT took when constraint `constraint` of `table` was added NOT VALID
 * earlier in the statement's transaction (explicit, the tool's, one query's, a DO block's),
 * which is still held: ACCESS EXCLUSIVE for a CHECK, SHARE ROW EXCLUSIVE for a foreign key;
 * MG_LOCK_NONE otherwise. Names compare without their schema. */
mg_lock_mode mg_lock_not_valid_in_transaction(const mg_check *c, const char *table,
					      const char *constraint);
/* The type the run gave column `column` of `table` (ADD COLUMN, CREATE TABLE, ALTER COLUMN
 * ... TYPE), as mg_lock_type_text writes it; NULL when the run did not say. Lent by the check
 * until the run ends. */
const char *mg_lock_column_type(const mg_check *c, const char *table, const char *column);
/* A type name as "name(mod,mod)[]": the last part of its name as the parser gives it
 * (varchar, int4, timestamptz), its integer modifiers, "[]" for an array; NULL when tn is
 * NULL. Lent by the check until the statement is done. */
const char *mg_lock_type_text(mg_check *c, const TypeName *tn);

/* When the statement's transaction (explicit, the tool's, one query's) already holds ACCESS
 * EXCLUSIVE on a relation in use, taken by an earlier statement: that relation's name (lent by
 * the check until the run ends), and in *at_out the file offset of the statement that took
 * it; else NULL. Whatever else the statement does, that relation stays locked meanwhile. */
const char *mg_lock_exclusive_held(const mg_check *c, size_t *at_out);

/* How the statement's transaction is run. */
typedef enum mg_tx_kind {
	MG_TX_NONE,     /* autocommit: the statement is its own transaction */
	MG_TX_EXPLICIT, /* this file's BEGIN */
	MG_TX_TOOL,     /* the transaction the migration tool opens */
	MG_TX_QUERY,    /* one multi-statement query: PostgreSQL's implicit transaction */
} mg_tx_kind;
mg_tx_kind mg_lock_transaction(const mg_check *c);
/* When the statement, outside any transaction, is one of several the tool sends as one query
 * (a goose StatementBegin ... StatementEnd block): why, as a sentence for messages; else NULL.
 * (A whole file sent as one query is the lint context's single_query_reason.) Static. */
const char *mg_lock_query_block(const mg_check *c);
/* How to run a statement outside a transaction in this file's tool, as a sentence for help
 * texts ("add -- +goose NO TRANSACTION", "put it in a migration file of its own"), or NULL
 * when the statement already runs outside one. Lent by the check. */
const char *mg_lock_outside_transaction_fix(mg_check *c);
/* The tree location of the last token of the clause starting at `location` (an ALTER TABLE
 * action, a constraint): before the `,` or `;` that ends it at its nesting depth. -1 when
 * location is -1. */
int mg_clause_last_token(mg_check *c, int location);

/* A constraint that an ALTER TABLE adds to a relation in use: by ADD CONSTRAINT (column NULL),
 * or on a column that ADD COLUMN adds (column: its definition). table: the relation's name as
 * messages show it. */
typedef struct mg_added_constraint {
	const Constraint *con;
	const ColumnDef *column;
	const char *table;
} mg_added_constraint;
/* Calls fn for each constraint stmt adds to a relation the run did not create, in order: the
 * walk the rules on constraints (MG314, MG315, MG321, MG322) share. */
void mg_each_added_constraint(mg_check *c, const AlterTableStmt *stmt,
			      void (*fn)(mg_check *c, const mg_added_constraint *added));

#endif
