#include "miglint/cli.h"
#include "miglint/heap.h"

int main(int argc, char **argv)
{
	mg_heap_prefer_huge_pages(); /* fewer page faults: see heap.h */
	return mg_cli_main(argc, argv);
}
