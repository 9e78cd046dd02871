/* PostgreSQL's parse tree, as libpg_query builds it (pg_query_raw_parse), with the node structs
 * of the server headers of the same major version. Include this only where the tree is read:
 * postgres.h redefines printf and friends for the whole translation unit. */
#ifndef MIGLINT_PG_H
#define MIGLINT_PG_H

#include <pg_query.h>

/* libpg_query's grammar version, remembered before the server headers redefine the macros. */
enum { MG_PG_QUERY_MAJOR = PG_VERSION_NUM / 10000 };
#undef PG_MAJORVERSION
#undef PG_VERSION
#undef PG_VERSION_NUM

#include <pg_query/pg_query_internal.h>

#include "nodes/parsenodes.h"
#include "nodes/pg_list.h"

/* The raw tree is read through these structs: a different major version would read garbage. */
_Static_assert(PG_VERSION_NUM / 10000 == MG_PG_QUERY_MAJOR,
	       "libpg_query and the PostgreSQL server headers are of different major versions");

#endif
