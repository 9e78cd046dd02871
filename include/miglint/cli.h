/* The command line: `miglint [check] [OPTIONS] [PATH...]`, `rules`, `explain RULE`. */
#ifndef MIGLINT_CLI_H
#define MIGLINT_CLI_H

/* Runs the program; returns the exit status (0 clean, 1 findings, 2 usage or I/O error). */
int mg_cli_main(int argc, char **argv);

#endif
