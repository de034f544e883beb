/* main.c — the urc command line: dispatches to each command, parses its
 * options, and maps results to exit statuses (0 ok, 1 findings, 2 usage or
 * I/O error). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "driver.h"

#define URC_VERSION "0.1.0"

static void usage(FILE *f)
{
	fputs("usage: urc COMMAND [OPTIONS] ...\n"
	      "\n"
	      "urc writes, checks and runs utilization-review guidelines for\n"
	      "physical, occupational and speech therapy.\n"
	      "\n"
	      "commands:\n"
	      "  check PATH...                 check guideline sources (files or folders)\n"
	      "  build -o FILE.urt PATH...     compile guidelines to a runtime table\n"
	      "  table FILE.urt                print a runtime table as decision tables\n"
	      "  review -t FILE.urt CASE...    decide cases ('-' reads standard input)\n"
	      "  explain -t FILE.urt CASE      walk one case through its guideline\n"
	      "  dot [-T FMT] PATH GUIDELINE   draw a guideline's decision diagram\n"
	      "  test [OPTIONS] PATH...        run the guidelines' regression tests\n"
	      "  diff OLD NEW CASE...          list the decisions that change between two versions\n"
	      "\n"
	      "Run 'urc COMMAND --help' for a command's options.\n",
	      f);
}

static void check_usage(FILE *f)
{
	fputs("usage: urc check [OPTIONS] PATH...\n"
	      "\n"
	      "Checks guideline sources. A PATH may be a .guide file or a folder,\n"
	      "whose .guide files are all checked together. Files named by 'use'\n"
	      "lines are read too.\n"
	      "\n"
	      "options:\n"
	      "  --diagnostics=text|json  how to print problems (default text)\n"
	      "  --color=auto|always|never  colour text diagnostics (default auto)\n"
	      "  -Werror                  treat warnings as errors\n"
	      "  -q, --quiet              no summary line\n"
	      "  --stop-after=scan|parse  stop early (for benchmarks)\n"
	      "  -h, --help               this help\n"
	      "\n"
	      "exit status: 0 no errors (warnings allowed), 1 errors found,\n"
	      "2 usage error or a path that cannot be read.\n",
	      f);
}

static int cmd_check(int argc, char **argv)
{
	urc_check_opts o = {0};
	int color = -1;
	char **paths = calloc((size_t)argc + 1, sizeof *paths);
	if (!paths)
		return 2;
	int n = 0, only_paths = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_paths || a[0] != '-' || strcmp(a, "-") == 0) {
			paths[n++] = argv[i];
		} else if (strcmp(a, "--") == 0) {
			only_paths = 1;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			check_usage(stdout);
			free(paths);
			return 0;
		} else if (strcmp(a, "--diagnostics=json") == 0) {
			o.json = true;
		} else if (strcmp(a, "--diagnostics=text") == 0) {
			o.json = false;
		} else if (strcmp(a, "--color=always") == 0) {
			color = 1;
		} else if (strcmp(a, "--color=never") == 0) {
			color = 0;
		} else if (strcmp(a, "--color=auto") == 0) {
			color = -1;
		} else if (strcmp(a, "-Werror") == 0) {
			o.werror = true;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			o.quiet = true;
		} else if (strcmp(a, "--stop-after=scan") == 0) {
			o.stop = URC_STOP_SCAN;
		} else if (strcmp(a, "--stop-after=parse") == 0) {
			o.stop = URC_STOP_PARSE;
		} else {
			fprintf(stderr, "urc check: unknown option '%s'\n", a);
			check_usage(stderr);
			free(paths);
			return 2;
		}
	}
	if (n == 0) {
		fputs("urc check: name at least one file or folder to check\n", stderr);
		check_usage(stderr);
		free(paths);
		return 2;
	}
	if (color < 0)
		color = isatty(STDERR_FILENO) && !getenv("NO_COLOR");
	o.color = color;
	int status = urc_check_paths(paths, n, &o, stdout, stderr);
	free(paths);
	if (fflush(stdout) != 0 && status == 0)
		status = 2;
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("urc %s\n", URC_VERSION);
		return 0;
	}
	static const struct {
		const char *name;
		int (*run)(int, char **);
	} commands[] = {
		{"check", cmd_check},
		{"build", urc_cmd_build},
		{"table", urc_cmd_table},
		{"review", urc_cmd_review},
		{"explain", urc_cmd_explain},
		{"dot", urc_cmd_dot},
		{"test", urc_cmd_test},
		{"diff", urc_cmd_diff},
	};
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(cmd, commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "urc: unknown command '%s'\n", cmd);
	usage(stderr);
	return 2;
}
