/* testfile.h — guideline regression tests: reading a NAME.cases.yaml file
 * (named cases, each a case in the runtime's format plus the fields of the
 * decision it expects) and comparing a decision with what a test expects.
 * The only compiler module that includes <yaml.h>; docs/testing.md
 * describes the file. */
#ifndef URC_TESTFILE_H
#define URC_TESTFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "urc.h"

/* The fields of a decision a test may compare, in the order messages list
 * them: code, key in the file. */
#define URC_EXPECT_FIELDS(X)            \
	X(OUTCOME, "outcome")               \
	X(VISITS, "visits")                 \
	X(END, "end")                       \
	X(RULE, "rule")                     \
	X(REASON, "reason")                 \
	X(GUIDELINE, "guideline")

enum {
#define X(code, key) URC_EXPECT_BIT_##code,
	URC_EXPECT_FIELDS(X)
#undef X
	URC_EXPECT_NFIELDS
};

/* Bits of urc_testfile_expect.fields and of a comparison's result. */
enum {
#define X(code, key) URC_EXPECT_##code = 1u << URC_EXPECT_BIT_##code,
	URC_EXPECT_FIELDS(X)
#undef X
};

/* What one test expects of its decision. Only the fields whose bit is set
 * in fields are compared. */
typedef struct urc_testfile_expect {
	unsigned fields;       /* URC_EXPECT_* bits given */
	urc_outcome outcome;   /* OUTCOME */
	int visits;            /* VISITS: visits granted */
	urc_date end;          /* END: last day of the authorization */
	char *rule;            /* RULE: the deciding step as urc_decision_rule
	                        * names it (owned) */
	char *reason;          /* REASON: a part of the reason (owned) */
	char *guideline;       /* GUIDELINE: the deciding guideline's id (owned) */
	long line[URC_EXPECT_NFIELDS]; /* where each field was given */
} urc_testfile_expect;

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

/* What a decision gave, in the terms a test compares. */
typedef struct urc_testfile_actual {
	urc_outcome outcome;
	int visits;             /* visits granted */
	bool approved;          /* end is meaningful */
	urc_date end;           /* last day of the authorization */
	const char *rule;       /* deciding step, NULL when none (borrowed) */
	const char *reason;     /* (borrowed) */
	const char *guideline;  /* deciding guideline's id, NULL when none */
} urc_testfile_actual;

/* Fills *a from a decision made on table t. The strings borrow from d, t
 * and rule_buf (at least 96 bytes, where the rule's name is written). */
void urc_testfile_actual_of(urc_testfile_actual *a, const urc_table *t,
                            const urc_decision *d, char *rule_buf,
                            size_t rule_len);

/* Compares a decision with what e expects: returns the URC_EXPECT_* bits
 * of the expected fields that differ, 0 when the test passes. A reason
 * passes when e's reason is a part of it. */
unsigned urc_testfile_compare(const urc_testfile_expect *e,
                              const urc_testfile_actual *a);

/* Writes the differences named by diff into buf (size n, truncated with
 * "..." when short): "outcome: expected approved_in_full, got referred;
 * visits: expected 12, got 0". Returns buf. */
char *urc_testfile_describe(const urc_testfile_expect *e,
                            const urc_testfile_actual *a, unsigned diff,
                            char *buf, size_t n);

/* The outcome's code as decisions print it ("approved_in_full"). */
const char *urc_testfile_outcome_code(urc_outcome o);

/* The line of a case's field (a path as urc_case_error.field gives it);
 * the case's own line when the field was not written. */
long urc_testfile_field_line(const urc_testfile_case *tc, const char *field);

#endif
