/* Plain SQL: --framework sql reads every file as a file of its own, with no history. */
#include "miglint/framework.h"

const mg_framework mg_framework_sql = {
	.name = "sql",
};
