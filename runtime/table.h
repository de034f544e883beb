/* table.h — the loaded runtime table as liburc's modules see it: typed
 * pointers into the verified bytes. Internal to runtime/. */
#ifndef URC_TABLE_H
#define URC_TABLE_H

#include "urc.h"
#include "urt_format.h"

struct urc_table {
	const unsigned char *bytes; /* the whole file */
	size_t len;
	int mapped;                 /* bytes come from mmap (else malloc) */
	const urt_header *h;
	const char *strings;        /* string section */
	const urt_measure *measures;
	const urt_setting *settings;
	const urt_plan *plans;
	const urt_guideline *guidelines;
	const urt_code *codes;
	const uint32_t *refs;
	const urt_phase *phases;
	const urt_axis *axes;
	const urt_item *items;
	const urt_cell *cells;
	/* Built at load (table_index.c): each phase as a flat program. */
	struct urc_op *ops;         /* every phase's program, phase after phase */
	struct urc_phase_program *programs; /* per phase */
	uint32_t *slot_measure;     /* per measure slot: the measure index */
	struct urc_verdict *verdicts; /* per item: what it decides */
	char (*guideline_ref)[96];  /* per guideline: "id@version#hash" */
};

/* A phase as liburc decides it: a flat program of tests, run from its
 * first op. The program is the phase's items in order: a rule's rows (its
 * boxes) one after another, each row the tests of the columns it does not
 * leave open and then a MATCH; a requirement as a REQUIRE, which decides
 * when the case has fewer scores than it needs; an otherwise as a MATCH;
 * and an END. A test that fails jumps to the next row; the first MATCH
 * reached decides, and reaching the END means nothing did.
 *
 * The measures a phase names have slots, resolved once per decision to
 * the case's scores. A test computes its value (urc_column's, a change
 * not yet rounded) and compares it with a closed interval, or with one
 * end of it when the other is infinite (the op's kind says which): open
 * ends are moved to the next double inward, and a change's ends by half a
 * billionth, which compares the change rounded to nine decimals. A NaN (a
 * value the case lacks) passes no test. */
enum { URC_MAX_SLOTS = URT_MAX_PHASE_MEASURES };

/* Where a test's value comes from; each gives three op kinds (below). */
#define URC_OP_SOURCES(X) \
	X(FEATURE) /* request feature arg */ \
	X(SCORE)   /* the score of slot arg >> 2 at moment arg & 3 */ \
	X(CHANGE)  /* the latest less that score, times better */ \
	X(PCT)     /* the same in percent of that score */

enum {
#define URC_OP_KINDS(src) URC_OP_##src##_GE, URC_OP_##src##_LE, URC_OP_##src##_IN,
	URC_OP_SOURCES(URC_OP_KINDS) /* value >= lo, value <= hi, both */
#undef URC_OP_KINDS
	URC_OP_REQUIRE,    /* decided: item, unless slot arg >> 2 has lo scores */
	URC_OP_SETTING,    /* the setting's bit in bits */
	URC_OP_PLAN,       /* the plan's bit in bits */
	URC_OP_MATCH,      /* decided: item */
	URC_OP_END,        /* nothing decided */
};

/* Moments as op arguments (arg & 3): the score's place in
 * urc_bound_measure, in doubles from its start. */
enum { URC_AT_INTAKE = 1, URC_AT_PREVIOUS = 2, URC_AT_LATEST = 3 };

/* URT_MOMENT_* as URC_AT_*. */
static inline unsigned urc_moment_at(uint32_t moment)
{
	return moment == URT_MOMENT_INTAKE ? URC_AT_INTAKE
	       : moment == URT_MOMENT_PREVIOUS ? URC_AT_PREVIOUS : URC_AT_LATEST;
}

struct urc_op {
	double lo, hi;        /* the test: lo <= value <= hi */
	union {
		double better;    /* CHANGE, PCT: +1 or -1 */
		uint64_t bits;    /* SETTING, PLAN */
	};
	uint32_t fail;        /* where a failed test goes, from the first op */
	uint16_t item;        /* the item of the phase the op is part of */
	uint8_t kind;         /* URC_OP_* */
	uint8_t arg;          /* feature, or slot << 2 | moment */
};

/* What an item decides when it is reached and matches. */
struct urc_verdict {
	const char *reason;   /* for the decision: the rule's condition in
	                         words (approvals), else its reason */
	const char *cite;
	uint32_t visits, days; /* approvals: at most, over */
	urc_outcome outcome;  /* not approvals: referred or pended */
	int approve;
};

struct urc_phase_program {
	uint32_t first_op, nops;
	uint32_t first_slot, nslots;
};

/* The value of column a for bound case b: a request feature, a score, or
 * a change (positive when better; percent relative to the earlier score).
 * NaN when the case lacks it, and for set columns (tested by bits). */
double urc_column(const urc_table *t, const urc_bound *b, const urt_axis *a);

/* A change, relative or not, is compared as rounded to nine decimals:
 * round(v * URC_CHANGE_SCALE) / URC_CHANGE_SCALE. */
#define URC_CHANGE_SCALE 1e9

/* Builds the phase programs and names of a verified table. Returns 0, or
 * -1 with a message in err when out of memory or when a phase is beyond
 * this runtime's limits. */
int urc_table_index(urc_table *t, const char *name, char *err, size_t errlen);

/* The relative change counted for any gain from a score of 0. */
#define URC_PCT_FROM_ZERO 1e9

/* The text at a verified string offset. */
static inline const char *urc_str(const urc_table *t, uint32_t off)
{
	return t->strings + off;
}

#endif
