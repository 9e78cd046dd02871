/* The transaction and the timeouts in effect (session.h), following PostgreSQL's rules:
 * SET lasts for the session unless its transaction rolls back; SET LOCAL lasts until the
 * transaction ends and does nothing outside one; RESET and SET ... TO DEFAULT return to the
 * server default, which for both timeouts is 0 (no timeout); a value of 0 disables it. */
#include "miglint/session.h"

#include <stdlib.h>
#include <string.h>

void mg_session_start(mg_session *s, const char *tool_reason)
{
	*s = (mg_session){.in_transaction = tool_reason != NULL, .reason = tool_reason};
}

static bool setting_value(const mg_session_setting *v)
{
	return v->local == MG_SESSION_LOCAL_NONE ? v->session : v->local == MG_SESSION_LOCAL_ON;
}

/* True when the value is not zero: 0, '0', '0ms', '0s' ... all disable the timeout. */
static bool nonzero_const(const A_Const *k)
{
	if (k->isnull)
		return false;
	if (IsA(&k->val, Integer))
		return intVal(&k->val) != 0;
	if (IsA(&k->val, String)) {
		const char *v = strVal(&k->val);
		char *end;
		double d = strtod(v, &end);
		return end == v || d != 0;
	}
	return true;
}

/* The same for a SET's value list. */
static bool nonzero(const List *args)
{
	if (list_length(args) != 1 || !IsA(linitial(args), A_Const))
		return true;
	return nonzero_const(linitial(args));
}

static void set(mg_session *s, mg_session_setting *v, bool value, bool local)
{
	if (!local) {
		v->session = value;
		v->local = MG_SESSION_LOCAL_NONE; /* a later SET overrides an earlier SET LOCAL */
	} else if (s->in_transaction || s->implicit) {
		v->local = value ? MG_SESSION_LOCAL_ON : MG_SESSION_LOCAL_OFF;
	}
}

static void variable_set(mg_session *s, const VariableSetStmt *v)
{
	if (v->kind == VAR_RESET_ALL) {
		set(s, &s->lock_timeout, false, v->is_local);
		set(s, &s->statement_timeout, false, v->is_local);
		return;
	}
	mg_session_setting *setting = !v->name ? NULL
		: strcmp(v->name, "lock_timeout") == 0 ? &s->lock_timeout
		: strcmp(v->name, "statement_timeout") == 0 ? &s->statement_timeout
		: NULL;
	if (!setting)
		return;
	switch (v->kind) {
	case VAR_SET_VALUE:
		set(s, setting, nonzero(v->args), v->is_local);
		break;
	case VAR_SET_DEFAULT:
	case VAR_RESET:
		set(s, setting, false, v->is_local);
		break;
	default:
		break; /* SET ... FROM CURRENT keeps the value */
	}
}

/* A BEGIN inside a transaction is only a warning in PostgreSQL: the transaction goes on,
 * but messages then name this file's BEGIN as what opened it. */
static void begin(mg_session *s, int time)
{
	if (!s->in_transaction) {
		s->transaction_start = time;
		s->lock_timeout.at_begin = s->lock_timeout.session;
		s->statement_timeout.at_begin = s->statement_timeout.session;
	}
	s->in_transaction = true;
	s->reason = NULL;
}

static void end(mg_session *s, bool rolled_back, bool chain, int time)
{
	mg_session_setting *settings[] = {&s->lock_timeout, &s->statement_timeout};
	for (size_t i = 0; i < 2; i++) {
		if (rolled_back && s->in_transaction)
			settings[i]->session = settings[i]->at_begin;
		settings[i]->local = MG_SESSION_LOCAL_NONE;
	}
	s->in_transaction = false;
	s->reason = NULL;
	if (chain) /* COMMIT AND CHAIN opens the next transaction at once */
		begin(s, time);
}

/* set_config's value and is_local arguments: constants, possibly cast ('2s'::text). */
static const A_Const *constant(const Node *n)
{
	if (n && IsA(n, TypeCast))
		n = ((const TypeCast *)n)->arg;
	return n && IsA(n, A_Const) ? (const A_Const *)n : NULL;
}

static bool nonzero_value(const Node *n)
{
	const A_Const *k = constant(n);
	return k ? nonzero_const(k) : true;
}

static bool true_value(const Node *n)
{
	const A_Const *k = constant(n);
	if (!k || k->isnull)
		return false;
	if (IsA(&k->val, Boolean))
		return boolVal(&k->val);
	if (IsA(&k->val, String)) {
		const char *v = strVal(&k->val);
		return (v[0] && strchr("tTyY1", v[0])) || strcmp(v, "on") == 0;
	}
	return IsA(&k->val, Integer) && intVal(&k->val) != 0;
}

/* SELECT set_config('lock_timeout', '2s', is_local): the function PostgreSQL's SET calls. */
static void set_config_calls(mg_session *s, const SelectStmt *sel)
{
	const ListCell *lc;
	foreach (lc, sel->targetList) {
		const ResTarget *rt = lfirst(lc);
		const FuncCall *fc = rt->val && IsA(rt->val, FuncCall) ? (const FuncCall *)rt->val : NULL;
		if (!fc || list_length(fc->args) != 3 || strcmp(strVal(llast(fc->funcname)), "set_config") != 0)
			continue;
		const Node *name = linitial(fc->args), *local = llast(fc->args);
		if (!IsA(name, A_Const) || !IsA(&((const A_Const *)name)->val, String))
			continue;
		const char *n = strVal(&((const A_Const *)name)->val);
		mg_session_setting *setting = strcmp(n, "lock_timeout") == 0 ? &s->lock_timeout
			: strcmp(n, "statement_timeout") == 0 ? &s->statement_timeout : NULL;
		if (!setting)
			continue;
		set(s, setting, nonzero_value(lsecond(fc->args)), true_value(local));
	}
}

void mg_session_apply(mg_session *s, const Node *stmt, int time)
{
	if (IsA(stmt, SelectStmt)) {
		set_config_calls(s, (const SelectStmt *)stmt);
		return;
	}
	if (IsA(stmt, VariableSetStmt)) {
		variable_set(s, (const VariableSetStmt *)stmt);
		return;
	}
	if (!IsA(stmt, TransactionStmt))
		return;
	const TransactionStmt *t = (const TransactionStmt *)stmt;
	switch (t->kind) {
	case TRANS_STMT_BEGIN:
	case TRANS_STMT_START:
		begin(s, time);
		break;
	case TRANS_STMT_COMMIT:
	case TRANS_STMT_PREPARE:
		end(s, false, t->chain, time);
		break;
	case TRANS_STMT_ROLLBACK:
		end(s, true, t->chain, time);
		break;
	default:
		break; /* savepoints do not end the transaction */
	}
}

mg_tx_state mg_session_state(const mg_session *s)
{
	return (mg_tx_state){.in_transaction = s->in_transaction, .reason = s->reason,
			     .lock_timeout_set = setting_value(&s->lock_timeout),
			     .statement_timeout_set = setting_value(&s->statement_timeout)};
}

bool mg_session_since_transaction_start(const mg_session *s, int time)
{
	return s->in_transaction && time > s->transaction_start;
}
