/* cmd_runtime.c — `urc build`, `urc table`, `urc review`, `urc explain`:
 * compiling sources to a runtime table, and running cases through liburc
 * as a payer's queue would. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "commands.h"
#include "load.h"
#include "table_write.h"
#include "urc.h"

static int is_help(const char *a)
{
	return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0;
}

static void build_usage(FILE *f)
{
	fputs("usage: urc build -o FILE.urt PATH...\n"
	      "\n"
	      "Checks the guideline sources under PATH and, when they have no\n"
	      "errors, compiles them to a runtime table for liburc. The table is\n"
	      "written whole or not at all.\n"
	      "\n"
	      "exit status: 0 built, 1 the sources have errors, 2 usage or I/O error.\n",
	      f);
}

int urc_cmd_build(int argc, char **argv)
{
	const char *out = NULL;
	char **paths = calloc((size_t)argc + 1, sizeof *paths);
	int n = 0;
	if (!paths)
		return 2;
	for (int i = 1; i < argc; i++) {
		if (is_help(argv[i])) {
			build_usage(stdout);
			free(paths);
			return 0;
		} else if (strcmp(argv[i], "-o") == 0) {
			if (i + 1 == argc) {
				fputs("urc build: -o needs the name of the table to write\n", stderr);
				free(paths);
				return 2;
			}
			out = argv[++i];
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "urc build: unknown option '%s'\n", argv[i]);
			build_usage(stderr);
			free(paths);
			return 2;
		} else {
			paths[n++] = argv[i];
		}
	}
	if (!out || n == 0) {
		fputs(!out ? "urc build: name the table to write with -o FILE.urt\n"
		           : "urc build: name at least one file or folder to build\n", stderr);
		build_usage(stderr);
		free(paths);
		return 2;
	}
	urc_diag diag;
	urc_diag_init(&diag);
	urc_program prog;
	urc_program_init(&prog, &diag);
	int status = urc_load_paths(&prog, paths, n);
	free(paths);
	if (status == 0)
		urc_check_program(&prog);
	urc_diag_print(&diag, stderr, isatty(STDERR_FILENO) && !getenv("NO_COLOR"));
	if (status == 0 && diag.errors) {
		fprintf(stderr, "urc build: %d error%s: no table written\n", diag.errors,
		        diag.errors == 1 ? "" : "s");
		status = 1;
	}
	if (status == 0) {
		unsigned char *bytes = NULL;
		size_t len = 0;
		char err[512];
		if (urc_table_build(&prog, &bytes, &len, err, sizeof err) != 0) {
			fprintf(stderr, "urc build: %s\n", err);
			status = 1;
		} else if (urc_write_atomic(out, bytes, len, err, sizeof err) != 0) {
			fprintf(stderr, "urc build: %s\n", err);
			status = 2;
		} else {
			int ng = 0;
			for (urc_guideline *g = prog.guidelines.first; g; g = g->next)
				ng++;
			printf("urc: wrote %s: %d guideline%s, %zu bytes\n", out, ng, ng == 1 ? "" : "s", len);
		}
		free(bytes);
	}
	urc_program_free(&prog);
	urc_diag_free(&diag);
	return status;
}

int urc_cmd_table(int argc, char **argv)
{
	if (argc == 2 && is_help(argv[1])) {
		puts("usage: urc table FILE.urt\n\nPrints a runtime table as readable decision tables, one per\n"
		     "phase, with rules as rows.");
		return 0;
	}
	if (argc != 2) {
		fputs("usage: urc table FILE.urt\n", stderr);
		return 2;
	}
	char err[512];
	urc_table *t = urc_table_load(argv[1], err, sizeof err);
	if (!t) {
		fprintf(stderr, "urc table: %s\n", err);
		return 2;
	}
	int rc = urc_table_print(stdout, t) == 0 && fflush(stdout) == 0 ? 0 : 2;
	urc_table_free(t);
	return rc;
}

static void review_usage(FILE *f, const char *cmd)
{
	if (strcmp(cmd, "explain") == 0)
		fputs("usage: urc explain -t FILE.urt CASE\n"
		      "\n"
		      "Walks one case through its guideline in plain words: the routing,\n"
		      "each rule tried with the values compared, the outcome, and what\n"
		      "would have changed a partial approval or a referral.\n"
		      "CASE may be '-' for standard input.\n",
		      f);
	else
		fputs("usage: urc review -t FILE.urt [--format yaml|json] CASE...\n"
		      "\n"
		      "Decides cases: each CASE file holds one case (YAML or JSON), a YAML\n"
		      "stream of cases ('---' between them) or JSON Lines; '-' reads\n"
		      "standard input. Each case gets a decision; a bad case gets an error\n"
		      "record naming its id and field, and the others are still decided.\n"
		      "\n"
		      "exit status: 0 every case decided, 1 some case was bad or matched\n"
		      "no guideline, 2 usage error or unreadable table or file.\n",
		      f);
}

/* Shared by review and explain: runs every case of every file. */
static int run_cases(int argc, char **argv, int explain)
{
	const char *cmd = argv[0];
	const char *table = NULL;
	urc_format fmt = URC_FORMAT_YAML;
	char **files = calloc((size_t)argc + 1, sizeof *files);
	int n = 0;
	if (!files)
		return 2;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (is_help(a)) {
			review_usage(stdout, cmd);
			free(files);
			return 0;
		} else if ((strcmp(a, "-t") == 0 || strcmp(a, "--format") == 0) && i + 1 == argc) {
			fprintf(stderr, "urc %s: %s needs a value\n", cmd, a);
			free(files);
			return 2;
		} else if (strcmp(a, "-t") == 0) {
			table = argv[++i];
		} else if (!explain && strcmp(a, "--format") == 0 && i + 1 < argc) {
			const char *f = argv[++i];
			if (strcmp(f, "json") == 0)
				fmt = URC_FORMAT_JSON;
			else if (strcmp(f, "yaml") == 0)
				fmt = URC_FORMAT_YAML;
			else {
				fprintf(stderr, "urc %s: unknown format '%s' (yaml or json)\n", cmd, f);
				free(files);
				return 2;
			}
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "urc %s: unknown option '%s'\n", cmd, a);
			review_usage(stderr, cmd);
			free(files);
			return 2;
		} else {
			files[n++] = argv[i];
		}
	}
	if (!table || n == 0 || (explain && n != 1)) {
		fprintf(stderr, "urc %s: %s\n", cmd,
		        !table ? "name the runtime table with -t FILE.urt"
		               : explain ? "name exactly one case file" : "name at least one case file ('-' for standard input)");
		review_usage(stderr, cmd);
		free(files);
		return 2;
	}
	char err[512];
	urc_table *t = urc_table_load(table, err, sizeof err);
	if (!t) {
		fprintf(stderr, "urc %s: %s\n", cmd, err);
		free(files);
		return 2;
	}
	int status = 0, io_error = 0;
	urc_case *c = malloc(sizeof *c);
	urc_bound *b = malloc(sizeof *b);
	urc_decision *d = malloc(sizeof *d);
	if (!c || !b || !d) {
		fputs("urc: out of memory\n", stderr);
		status = 2;
	}
	for (int i = 0; i < n && status != 2 && !(explain && i > 0); i++) {
		int is_stdin = strcmp(files[i], "-") == 0;
		FILE *f = is_stdin ? stdin : fopen(files[i], "rb");
		if (!f) {
			/* Report it and go on: the other files' cases still count. */
			fprintf(stderr, "urc %s: cannot read %s: %s\n", cmd, files[i], strerror(errno));
			io_error = 1;
			continue;
		}
		urc_case_reader *r = urc_case_reader_open(f, is_stdin ? "standard input" : files[i]);
		if (!r) {
			fputs("urc: out of memory\n", stderr);
			status = 2;
		}
		urc_case_error e;
		int got, cases = 0;
		while (r && (got = urc_case_read(r, c, &e)) != 0) {
			cases++;
			if (got < 0 || urc_bind(t, c, b, &e) != 0) {
				if (explain) {
					fprintf(stderr, "urc explain: %s:%ld: case %s: %s%s%s\n", files[i], e.line,
					        e.case_id[0] ? e.case_id : "(no id)", e.field, e.field[0] ? ": " : "",
					        e.message);
					status = 1;
					break; /* explain walks the first case only */
				}
				urc_error_write(stdout, fmt, &e);
				status = status ? status : 1;
				continue;
			}
			urc_decide(t, b, d);
			if (d->outcome == URC_NO_GUIDELINE)
				status = status ? status : 1;
			if (explain)
				urc_explain_write(stdout, t, b, d);
			else
				urc_decision_write(stdout, fmt, t, c, d);
			if (explain)
				break;
		}
		if (r && cases == 0) {
			fprintf(stderr, "urc %s: %s holds no case\n", cmd, files[i]);
			status = status ? status : 1;
		}
		urc_case_reader_close(r);
		if (!is_stdin && fclose(f) != 0)
			status = 2;
	}
	if (io_error)
		status = 2;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "urc %s: cannot write the output\n", cmd);
		status = 2;
	}
	free(c);
	free(b);
	free(d);
	free(files);
	urc_table_free(t);
	return status;
}

int urc_cmd_review(int argc, char **argv)
{
	return run_cases(argc, argv, 0);
}

int urc_cmd_explain(int argc, char **argv)
{
	return run_cases(argc, argv, 1);
}
