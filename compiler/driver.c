/* driver.c — load, check, print: one compilation (see driver.h). */
#include "driver.h"

#include "check.h"
#include "load.h"
#include "parse.h"

static int finish(urc_program *prog, urc_diag *diag, int status,
                  const urc_check_opts *opts, FILE *out, FILE *err)
{
	/* Check what could be read even when a path could not: the author
	 * sees every problem in one run; the status still says 2. */
	if (opts->stop == URC_STOP_NONE)
		urc_check_program(prog);
	if (opts->json)
		urc_diag_print_json(diag, out);
	else
		urc_diag_print(diag, err, opts->color);
	if (!opts->quiet && !opts->json) {
		int ng = 0;
		for (urc_guideline *g = prog->guidelines.first; g; g = g->next)
			ng++;
		fprintf(out, "urc: %u file%s, %d guideline%s: %d error%s, %d warning%s\n",
		        diag->nfiles, diag->nfiles == 1 ? "" : "s", ng, ng == 1 ? "" : "s",
		        diag->errors, diag->errors == 1 ? "" : "s", diag->warnings,
		        diag->warnings == 1 ? "" : "s");
	}
	if (status == 0 && diag->errors)
		status = 1;
	urc_program_free(prog);
	urc_diag_free(diag);
	return status;
}

int urc_check_paths(char *const *paths, int n, const urc_check_opts *opts,
                    FILE *out, FILE *err)
{
	urc_diag diag;
	urc_diag_init(&diag);
	diag.werror = opts->werror;
	urc_program prog;
	urc_program_init(&prog, &diag);
	/* Scan-only reads the same files the same way, then only scans them. */
	prog.scan_only = opts->stop == URC_STOP_SCAN;
	int status = urc_load_paths(&prog, paths, n);
	return finish(&prog, &diag, status, opts, out, err);
}

int urc_check_memory(const char *name, const char *text, size_t len,
                     const urc_check_opts *opts, FILE *out, FILE *err)
{
	urc_diag diag;
	urc_diag_init(&diag);
	diag.werror = opts->werror;
	urc_program prog;
	urc_program_init(&prog, &diag);
	urc_load_buffer(&prog, name, text, len);
	return finish(&prog, &diag, 0, opts, out, err);
}
