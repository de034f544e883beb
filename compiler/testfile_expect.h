/* testfile_expect.h — what a guideline test expects of its decision and
 * how a decision is compared with it: the fields a test may name, the
 * outcome codes, the comparison and the words that describe a difference.
 * No libyaml here; testfile.h (the reader) includes this header. */
#ifndef URC_TESTFILE_EXPECT_H
#define URC_TESTFILE_EXPECT_H

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

/* The key in the file of each field, by URC_EXPECT_BIT_* ("outcome"). */
extern const char *const urc_testfile_expect_keys[URC_EXPECT_NFIELDS];

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

/* Takes s as an outcome code. Returns true with the outcome in *out;
 * false when s is none, with a hint for the message in hint (size n, cut
 * short when small): " (did you mean 'referred'?)", a word on denials, or
 * the list of the codes when none is near. The hint looks at s's first
 * 1000 bytes only (the reader refuses longer text before). */
bool urc_testfile_outcome_parse(const char *s, urc_outcome *out, char *hint,
                                size_t n);

#endif
