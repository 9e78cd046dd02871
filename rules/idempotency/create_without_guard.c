/* MG205: CREATE statements with no IF NOT EXISTS or OR REPLACE form (TYPE, DOMAIN, POLICY,
 * ROLE, PUBLICATION, CAST, OPERATOR, ...) fail when the object exists, unless the file drops
 * it first or a DO block guards them. */
#include "miglint/check.h"

#include "docs/create_without_guard.h"

#include <string.h>

static const char *do_block_fix(mg_check *c, const char *create, const char *condition)
{
	return mg_tmp(c, "wrap it: DO $$ BEGIN %s ...; EXCEPTION WHEN %s THEN NULL; END $$;",
		      create, condition);
}

static void flag(mg_check *c, mg_object obj, const char *kind, const char *display, int location,
		 const char *fix)
{
	mg_report_create(c, obj, kind, display, location, "with no guard", fix);
}

static void type_like(mg_check *c, const char *kind, const List *names)
{
	const char *name = mg_name_last(names);
	const char *upper = strcmp(kind, "domain") == 0 ? "CREATE DOMAIN" : "CREATE TYPE";
	flag(c, (mg_object){"type", NULL, name}, kind, mg_name_qualified(c, names), -1,
	     do_block_fix(c, mg_tmp(c, "%s %s", upper, mg_name_qualified(c, names)),
			  "duplicate_object"));
}

static void define(mg_check *c, const DefineStmt *s)
{
	const char *word = mg_object_type_word(s->kind);
	mg_object obj;
	switch (s->kind) {
	case OBJECT_TYPE:
		type_like(c, "type", s->defnames);
		return;
	case OBJECT_OPERATOR:
	case OBJECT_TSCONFIGURATION:
	case OBJECT_TSDICTIONARY:
	case OBJECT_TSPARSER:
	case OBJECT_TSTEMPLATE:
		obj = (mg_object){word, NULL, mg_name_last(s->defnames)};
		/* the name follows the kind's last word: OPERATOR ===, CONFIGURATION x */
		flag(c, obj, word, mg_name_qualified(c, s->defnames),
		     mg_next_token(c, mg_locate(c, -1, strrchr(word, ' ') ? strrchr(word, ' ') + 1 : word)),
		     do_block_fix(c, mg_tmp(c, "CREATE %s %s", s->kind == OBJECT_OPERATOR ? "OPERATOR" : "TEXT SEARCH ...",
					    mg_name_qualified(c, s->defnames)), "duplicate_object"));
		return;
	default:
		return;
	}
}

static void simple(mg_check *c, const char *ns, const char *kind, const char *name,
		   const char *fix)
{
	if (name)
		flag(c, (mg_object){ns, NULL, name}, kind, name, -1, fix);
}

static void check(mg_check *c, const void *node)
{
	switch (nodeTag(node)) {
	case T_CreateEnumStmt:
		type_like(c, "type", ((const CreateEnumStmt *)node)->typeName);
		break;
	case T_CreateRangeStmt:
		type_like(c, "type", ((const CreateRangeStmt *)node)->typeName);
		break;
	case T_CompositeTypeStmt: {
		const CompositeTypeStmt *s = node;
		flag(c, (mg_object){"type", NULL, s->typevar->relname}, "type",
		     mg_rangevar_name(c, s->typevar), s->typevar->location,
		     do_block_fix(c, mg_tmp(c, "CREATE TYPE %s AS (...)", mg_rangevar_sql(c, s->typevar)),
				  "duplicate_object"));
		break;
	}
	case T_CreateDomainStmt:
		type_like(c, "domain", ((const CreateDomainStmt *)node)->domainname);
		break;
	case T_DefineStmt:
		define(c, node);
		break;
	case T_CreatePolicyStmt: {
		const CreatePolicyStmt *s = node;
		flag(c, (mg_object){"policy", s->table->relname, s->policy_name}, "policy",
		     mg_tmp(c, "%s\" on table \"%s", s->policy_name, mg_rangevar_name(c, s->table)), -1,
		     mg_tmp(c, "DROP POLICY IF EXISTS %s ON %s; before CREATE POLICY",
			    mg_quote_ident(c, s->policy_name), mg_rangevar_sql(c, s->table)));
		break;
	}
	case T_CreateRoleStmt: {
		const CreateRoleStmt *s = node;
		simple(c, "role", "role", s->role,
		       mg_tmp(c, "create it in a DO block: IF NOT EXISTS (SELECT FROM pg_roles WHERE "
				 "rolname = '%s') THEN CREATE ROLE ...; END IF;", s->role));
		break;
	}
	case T_CreatePublicationStmt: {
		const CreatePublicationStmt *s = node;
		simple(c, "publication", "publication", s->pubname,
		       mg_tmp(c, "DROP PUBLICATION IF EXISTS %s; before CREATE PUBLICATION",
			      mg_quote_ident(c, s->pubname)));
		break;
	}
	case T_CreateCastStmt: {
		const CreateCastStmt *s = node;
		const char *src = mg_name_last(s->sourcetype->names), *dst = mg_name_last(s->targettype->names);
		flag(c, (mg_object){"cast", NULL, mg_tmp(c, "%s -> %s", src, dst)}, "cast",
		     mg_tmp(c, "%s as %s", src, dst), s->sourcetype->location,
		     mg_tmp(c, "DROP CAST IF EXISTS (%s AS %s); before CREATE CAST", src, dst));
		break;
	}
	case T_CreateEventTrigStmt:
		simple(c, "event trigger", "event trigger", ((const CreateEventTrigStmt *)node)->trigname,
		       "DROP EVENT TRIGGER IF EXISTS ...; before CREATE EVENT TRIGGER");
		break;
	case T_CreateFdwStmt:
		simple(c, "foreign data wrapper", "foreign data wrapper", ((const CreateFdwStmt *)node)->fdwname,
		       "DROP FOREIGN DATA WRAPPER IF EXISTS ...; before CREATE FOREIGN DATA WRAPPER");
		break;
	case T_CreateSubscriptionStmt:
		simple(c, "subscription", "subscription", ((const CreateSubscriptionStmt *)node)->subname,
		       "DROP SUBSCRIPTION IF EXISTS ...; before CREATE SUBSCRIPTION");
		break;
	case T_CreateConversionStmt:
		simple(c, "conversion", "conversion",
		       mg_name_last(((const CreateConversionStmt *)node)->conversion_name),
		       "DROP CONVERSION IF EXISTS ...; before CREATE CONVERSION");
		break;
	case T_CreateOpClassStmt:
		simple(c, "operator class", "operator class",
		       mg_name_last(((const CreateOpClassStmt *)node)->opclassname),
		       "DROP OPERATOR CLASS IF EXISTS ... USING ...; before CREATE OPERATOR CLASS");
		break;
	case T_CreateOpFamilyStmt:
		simple(c, "operator family", "operator family",
		       mg_name_last(((const CreateOpFamilyStmt *)node)->opfamilyname),
		       "DROP OPERATOR FAMILY IF EXISTS ... USING ...; before CREATE OPERATOR FAMILY");
		break;
	case T_CreateAmStmt:
		simple(c, "access method", "access method", ((const CreateAmStmt *)node)->amname,
		       "DROP ACCESS METHOD IF EXISTS ...; before CREATE ACCESS METHOD");
		break;
	case T_CreateTableSpaceStmt:
		simple(c, "tablespace", "tablespace", ((const CreateTableSpaceStmt *)node)->tablespacename,
		       "create tablespaces outside migrations; they cannot be guarded");
		break;
	case T_CreatedbStmt:
		simple(c, "database", "database", ((const CreatedbStmt *)node)->dbname,
		       "create databases outside migrations; they cannot be guarded");
		break;
	default:
		break;
	}
}

const mg_rule mg_rule_create_without_guard = {
	.code = "MG205",
	.name = "create-without-guard",
	.severity = MG_SEV_ERROR,
	.summary = "CREATE TYPE, DOMAIN, POLICY, ROLE, PUBLICATION, CAST, OPERATOR (no IF NOT EXISTS form) fails when the migration runs again",
	.help = "drop the object with IF EXISTS first, or create it in a DO block that catches duplicate_object",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_CreateEnumStmt, T_CreateRangeStmt, T_CompositeTypeStmt,
			       T_CreateDomainStmt, T_DefineStmt, T_CreatePolicyStmt, T_CreateRoleStmt,
			       T_CreatePublicationStmt, T_CreateCastStmt, T_CreateEventTrigStmt,
			       T_CreateFdwStmt, T_CreateSubscriptionStmt, T_CreateConversionStmt,
			       T_CreateOpClassStmt, T_CreateOpFamilyStmt, T_CreateAmStmt,
			       T_CreateTableSpaceStmt, T_CreatedbStmt, 0},
	.check = check,
};
