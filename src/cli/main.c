#include "miglint/cli.h"

int main(int argc, char **argv)
{
	return mg_cli_main(argc, argv);
}
