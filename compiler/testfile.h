/* testfile.h — guideline regression tests: reading a NAME.cases.yaml file
 * (named cases, each a case in the runtime's format plus the fields of the
 * decision it expects). Comparing a decision with what a test expects is
 * in testfile_expect.h, included here. testfile.c is the only compiler
 * module that includes <yaml.h>; docs/testing.md describes the file. */
#ifndef URC_TESTFILE_H
#define URC_TESTFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "testfile_expect.h"
#include "urc.h"

/* A scalar of a case with where it was written: finds the line of a field
 * that binding to a table refused. */
typedef struct urc_testfile_field {
	char path[48]; /* as urc_case_error.field names it: "scores[0].measure" */
	long line;     /* 1-based line in the test file */
} urc_testfile_field;

/* One named test. */
typedef struct urc_testfile_case {
	char *name;            /* unique within the file (owned) */
	long line, last_line;  /* 1-based lines of the entry's first and last
	                        * characters */
	bool ok;               /* read without error: it may run */
	bool skip;             /* 'skip' given: counted, not run */
	char *skip_reason;     /* why, "" when not said (owned) */
	urc_case c;            /* the case as the runtime read it; c.line is
	                        * the line of its 'case' mapping */
	urc_testfile_expect expect;
	urc_testfile_field *fields; /* the case's scalars (owned) */
	size_t nfields;
} urc_testfile_case;

/* urc_testfile_error.test of a problem outside every test. */
#define URC_TESTFILE_NO_TEST ((size_t)-1)

/* A problem in a test file. */
typedef struct urc_testfile_error {
	long line;   /* 1-based; 0 for the file as a whole */
	char *text;  /* "expect.outcome: 'aproved' is not an outcome ..." (owned) */
	size_t test; /* index in cases of the test it belongs to, or
	              * URC_TESTFILE_NO_TEST */
} urc_testfile_error;

/* A test file as read. */
typedef struct urc_testfile {
	char *path;                 /* as named (owned) */
	urc_testfile_case *cases;   /* every entry, in file order (owned) */
	size_t ncases;
	urc_testfile_error *errors; /* every problem found, in the order found
	                             * (owned); an entry with a problem has
	                             * ok false */
	size_t nerrors;
	bool unreadable;            /* the file could not be read at all
	                             * (errors[0] says why) */
} urc_testfile;

/* Reads the test file at path into *tf, which is overwritten (free what
 * it held first) and which the caller frees with urc_testfile_free
 * whatever the result. Returns 0 when the file was read
 * and holds no problem; -1 when it has problems (tf->errors lists them;
 * the entries without one may still run) or could not be read
 * (tf->unreadable). Out of memory is fatal (urc_oom). */
int urc_testfile_read(urc_testfile *tf, const char *path);

/* The same over len bytes of text (copied), named name in messages. */
int urc_testfile_parse(urc_testfile *tf, const char *name, const char *text,
                       size_t len);

/* Frees what tf owns; tf may be read into again. */
void urc_testfile_free(urc_testfile *tf);

/* The line of a case's field (a path as urc_case_error.field gives it);
 * the case's own line when the field was not written. */
long urc_testfile_field_line(const urc_testfile_case *tc, const char *field);

#endif
