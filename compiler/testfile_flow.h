/* testfile_flow.h — a test's case as flow YAML text, each of its lines
 * mapped to the test file's, then read back by the runtime's own case
 * reader. testfile.c walks the file's nodes and writes them here; this
 * module needs no libyaml and reports nothing itself. */
#ifndef URC_TESTFILE_FLOW_H
#define URC_TESTFILE_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "testfile.h"

/* Bytes of one case's text: the runtime reader's limit. */
#define URC_TESTFILE_FLOW_MAX (1 << 20)

/* The text a case is written to. Start it zeroed with tc set; free it with
 * urc_testfile_flow_free. */
typedef struct urc_testfile_flow {
	urc_testfile_case *tc; /* whose case, and where field lines are noted
	                        * (borrowed) */
	char *buf;             /* the case as flow YAML (owned) */
	size_t len, cap;
	long *map;             /* map[i]: the file's line of the text's line
	                        * i + 1 (owned) */
	size_t nmap, map_cap;
	size_t fields_cap;     /* room in tc->fields */
	bool failed;           /* give up: nothing more is written; set here
	                        * when too large, by the writer on a problem */
	bool too_large;        /* failed because the text would pass
	                        * URC_TESTFILE_FLOW_MAX bytes */
} urc_testfile_flow;

/* Appends the n bytes at s; nothing once failed. Past
 * URC_TESTFILE_FLOW_MAX bytes sets too_large and failed instead. */
void urc_testfile_flow_put(urc_testfile_flow *f, const char *s, size_t n);

/* Starts a new line of the text, standing for line of the file. */
void urc_testfile_flow_line(urc_testfile_flow *f, long line);

/* Writes the scalar s (len bytes) so that the case reader reads it back
 * the same: plain (as written unquoted in the file) when plain and safe
 * to leave so, else double-quoted with every character that could break
 * a line escaped. A null is the writer's to put ("~"). */
void urc_testfile_flow_scalar(urc_testfile_flow *f, const char *s, size_t len,
                              bool plain);

/* Remembers that the case's scalar at path (as urc_case_error.field names
 * it) was written at line of the file, in tc->fields. A path too long to
 * hold is not noted. */
void urc_testfile_flow_note(urc_testfile_flow *f, const char *path, long line);

/* Reads the text with the runtime's case reader, named name, into
 * tc->c. Returns what urc_case_read returns: 1 with the case read and
 * tc->c.line the file's line; 0 when the text holds no case; -1 with *err
 * saying why, err->line being the file's line. */
int urc_testfile_flow_read(urc_testfile_flow *f, const char *name,
                           urc_case_error *err);

/* Frees what f owns (not tc). */
void urc_testfile_flow_free(urc_testfile_flow *f);

#endif
