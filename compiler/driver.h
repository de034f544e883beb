/* driver.h — one compilation from paths to printed diagnostics, shared by
 * the `urc check` command, the tests and the fuzz driver. */
#ifndef URC_DRIVER_H
#define URC_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum urc_stop {
	URC_STOP_NONE,  /* run every check */
	URC_STOP_SCAN,  /* only scan the sources (benchmark reference) */
	URC_STOP_PARSE, /* scan and parse, no checks */
} urc_stop;

typedef struct urc_check_opts {
	bool json;      /* diagnostics as JSON instead of text */
	bool werror;    /* warnings count as errors */
	bool color;     /* ANSI colours in text diagnostics */
	bool quiet;     /* no summary line */
	urc_stop stop;  /* where to stop (benchmarks) */
} urc_check_opts;

/* Loads and checks paths (files or folders), prints the diagnostics to err
 * and a summary line to out. Returns the exit status: 0 clean (warnings
 * allowed), 1 errors, 2 when a path could not be read. */
int urc_check_paths(char *const *paths, int n, const urc_check_opts *opts,
                    FILE *out, FILE *err);

/* The same for one source held in memory (named name); 'use' lines are
 * resolved relative to name. Returns 0 or 1. */
int urc_check_memory(const char *name, const char *text, size_t len,
                     const urc_check_opts *opts, FILE *out, FILE *err);

#endif
