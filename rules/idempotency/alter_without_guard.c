/* MG216: ALTER statements with no IF [NOT] EXISTS form that fail when the migration runs
 * again: ATTACH/DETACH PARTITION, INHERIT/NO INHERIT, ADD/DROP IDENTITY, and ALTER DOMAIN
 * ADD/DROP CONSTRAINT. */
#include "miglint/check.h"

#include "docs/alter_without_guard.h"

static void flag(mg_check *c, mg_fails_when when, mg_object obj, int location, const char *what,
		 const char *fix)
{
	mg_finding *f = mg_report_unless_rerun_safe(c, when, obj, location,
		"%s; running this migration twice fails", what);
	mg_help(f, "%s", fix);
}

static void alter_table(mg_check *c, const AlterTableStmt *s)
{
	const RangeVar *rv = s->relation;
	const char *table = mg_rangevar_name(c, rv);
	const ListCell *lc;
	foreach (lc, s->cmds) {
		const AlterTableCmd *cmd = lfirst(lc);
		switch (cmd->subtype) {
		case AT_AttachPartition:
		case AT_DetachPartition: {
			const RangeVar *part = ((const PartitionCmd *)cmd->def)->name;
			bool attach = cmd->subtype == AT_AttachPartition;
			flag(c, attach ? MG_FAILS_IF_EXISTS : MG_FAILS_IF_MISSING,
			     (mg_object){"partition", rv->relname, part->relname}, part->location,
			     mg_tmp(c, "partition \"%s\" is %s table \"%s\" with no guard",
				    mg_rangevar_name(c, part), attach ? "attached to" : "detached from", table),
			     attach ? "attach in a DO block that checks pg_inherits first, or create the table with PARTITION OF"
				    : "detach in a DO block that checks pg_inherits first");
			break;
		}
		case AT_AddInherit:
		case AT_DropInherit: {
			const RangeVar *parent = (const RangeVar *)cmd->def;
			bool add = cmd->subtype == AT_AddInherit;
			flag(c, add ? MG_FAILS_IF_EXISTS : MG_FAILS_IF_MISSING,
			     (mg_object){"inherits", rv->relname, parent->relname}, parent->location,
			     mg_tmp(c, "table \"%s\" %s table \"%s\" with no guard", table,
				    add ? "is made to inherit from" : "stops inheriting from", mg_rangevar_name(c, parent)),
			     "change inheritance in a DO block that checks pg_inherits first");
			break;
		}
		case AT_AddIdentity:
			flag(c, MG_FAILS_IF_EXISTS, (mg_object){"identity", rv->relname, cmd->name},
			     mg_locate(c, -1, cmd->name),
			     mg_tmp(c, "column \"%s\" of table \"%s\" is made an identity column with no guard",
				    cmd->name, table),
			     "add the identity in a DO block that checks pg_attribute.attidentity first");
			break;
		case AT_DropIdentity:
			if (!cmd->missing_ok)
				flag(c, MG_FAILS_IF_MISSING, (mg_object){"identity", rv->relname, cmd->name},
				     mg_locate(c, -1, cmd->name),
				     mg_tmp(c, "identity of column \"%s\" of table \"%s\" is dropped without IF EXISTS",
					    cmd->name, table),
				     "DROP IDENTITY IF EXISTS");
			break;
		default:
			break;
		}
	}
}

static void alter_domain(mg_check *c, const AlterDomainStmt *s)
{
	const char *domain = mg_name_last(s->typeName);
	if (s->subtype == 'C' && s->def && IsA(s->def, Constraint)) {
		const Constraint *con = (const Constraint *)s->def;
		if (!con->conname)
			return; /* an unnamed domain constraint is added again under a new name */
		flag(c, MG_FAILS_IF_EXISTS, (mg_object){"domain constraint", domain, con->conname},
		     mg_locate(c, -1, con->conname),
		     mg_tmp(c, "constraint \"%s\" is added to domain \"%s\" with no guard", con->conname,
			    mg_name_qualified(c, s->typeName)),
		     mg_tmp(c, "ALTER DOMAIN %s DROP CONSTRAINT IF EXISTS %s; first",
			    mg_name_qualified(c, s->typeName), mg_quote_ident(c, con->conname)));
	} else if (s->subtype == 'X' && !s->missing_ok) {
		flag(c, MG_FAILS_IF_MISSING, (mg_object){"domain constraint", domain, s->name},
		     mg_locate(c, -1, s->name),
		     mg_tmp(c, "constraint \"%s\" of domain \"%s\" is dropped without IF EXISTS", s->name,
			    mg_name_qualified(c, s->typeName)),
		     mg_tmp(c, "DROP CONSTRAINT IF EXISTS %s", mg_quote_ident(c, s->name)));
	}
}

static void check(mg_check *c, const void *node)
{
	if (IsA(node, AlterTableStmt))
		alter_table(c, node);
	else
		alter_domain(c, node);
}

const mg_rule mg_rule_alter_without_guard = {
	.code = "MG216",
	.name = "alter-without-guard",
	.severity = MG_SEV_ERROR,
	.summary = "ATTACH/DETACH PARTITION, INHERIT, ADD/DROP IDENTITY or a domain constraint change fails when the migration runs again",
	.help = "make the change in a DO block that checks the catalog first",
	.doc = doc,
	.kind = MG_RULE_STATEMENT,
	.kinds = (const int[]){T_AlterTableStmt, T_AlterDomainStmt, 0},
	.check = check,
};
