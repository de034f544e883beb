/* parse.h — what the Flex scanner and the Bison parser share.
 * One urc_parse_ctx per source file: the scanner's position and open
 * braces, and the program and diagnostics the parser adds to. */
#ifndef URC_PARSE_H
#define URC_PARSE_H

#include <stdint.h>

#include "ast.h"
#include "diag.h"

/* A token's or a rule's place: byte offsets in the current file. */
typedef struct urc_loc {
	uint32_t start; /* first byte */
	uint32_t end;   /* one past the last byte */
} urc_loc;

typedef struct urc_parse_ctx {
	urc_program *prog;  /* where declarations go */
	urc_diag *diag;     /* where errors go */
	uint32_t file;      /* file id in diag */
	const char *text;   /* the file's contents */
	uint32_t offset;    /* scanner position (bytes) */
	uint32_t *braces;   /* offsets of '{' not yet closed (malloc) */
	uint32_t nbraces;   /* entries used */
	uint32_t braces_cap;
} urc_parse_ctx;

/* Scans and parses diag file `file` into prog, reporting every syntax error
 * in the file (the parser recovers at rules, blocks and declarations).
 * 'use' lines are appended to prog->uses for the loader to follow.
 * Returns the number of errors this file added. */
int urc_parse_file(urc_program *prog, uint32_t file);

/* Scans the file only, counting tokens, for the benchmark that compares the
 * whole check with the scanner alone. Returns the number of tokens. */
long urc_scan_only(urc_program *prog, uint32_t file);

/* The span of a location in the context's file. */
urc_span urc_span_of(const urc_parse_ctx *ctx, urc_loc loc);

#endif
