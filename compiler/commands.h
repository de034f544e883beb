/* commands.h — the urc subcommands beyond `check`; each takes the
 * arguments after its name (argv[0] is the command) and returns the exit
 * status: 0 ok, 1 findings, 2 usage or I/O error. */
#ifndef URC_COMMANDS_H
#define URC_COMMANDS_H

int urc_cmd_build(int argc, char **argv);
int urc_cmd_table(int argc, char **argv);
int urc_cmd_review(int argc, char **argv);
int urc_cmd_explain(int argc, char **argv);
int urc_cmd_dot(int argc, char **argv);
int urc_cmd_test(int argc, char **argv);
int urc_cmd_diff(int argc, char **argv);

#endif
