/* urc.h — liburc, the runtime that decides therapy authorization requests.
 *
 * A payer embeds liburc and a compiled runtime table (.urt) and nothing
 * else. The life of a request:
 *   urc_table_load     once: map and verify the table
 *   urc_case_read      read a case (YAML, JSON, JSON Lines; case.h)
 *   urc_bind           resolve its names against the table and route it
 *   urc_decide         apply the guideline: the decision, with its trace
 *   urc_decision_write print it (YAML or JSON)
 * A loaded table is never modified: any number of threads may bind and
 * decide on one table at once, each with its own case and decision. */
#ifndef URC_URC_H
#define URC_URC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "case.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct urc_table urc_table;

/* Maps and verifies the table at path: magic, version, byte order, size,
 * checksum, then every offset and index. Returns NULL with a message in
 * err (e.g. "table.urt is truncated: 812 of 4096 bytes") on any failure.
 * The caller frees the table with urc_table_free. */
urc_table *urc_table_load(const char *path, char *err, size_t errlen);

/* The same over bytes in memory, which are copied. */
urc_table *urc_table_from_memory(const void *bytes, size_t len, char *err,
                                 size_t errlen);

void urc_table_free(urc_table *t);

typedef enum urc_outcome {
	URC_APPROVED_FULL, /* granted at least what was requested */
	URC_APPROVED_PART, /* granted less than requested */
	URC_REFERRED,      /* sent to physician review, with a reason */
	URC_PENDED,        /* information missing, named */
	URC_NO_GUIDELINE,  /* no guideline covers the request: never approved */
} urc_outcome;

/* A request reports a few measures (scores of each may be many): room for
 * eight keeps a bound case small, and so deciding fast. */
enum { URC_MAX_MEASURES_PER_CASE = 8, URC_MAX_TRACE = 64 };

/* A measure's scores in a case, ordered by date. */
typedef struct urc_bound_measure {
	uint32_t measure;  /* index in the table */
	int n;             /* scores given */
	double intake;     /* earliest */
	double previous;   /* second latest (NaN when n < 2) */
	double latest;     /* newest */
} urc_bound_measure;

/* A case resolved against a table: everything deciding reads, packed in
 * its first bytes so that a decision touches few cache lines. */
typedef struct urc_bound {
	uint32_t guideline;        /* routed guideline, UINT32_MAX when none */
	uint32_t phase;            /* phase index, UINT32_MAX when none */
	uint32_t setting_bit;      /* bit of the setting in the guideline */
	uint32_t plan;             /* plan index, UINT32_MAX when none */
	uint64_t plan_bit;         /* bit of the plan (last bit: other) */
	urc_date received, start;  /* copied from the case */
	int request_number;        /* copied from the case */
	int visits_requested;      /* copied from the case */
	urc_review_type review;    /* copied from the case */
	int nm;                    /* measures with scores */
	double features[5];        /* URT_FEATURE_* values */
	urc_bound_measure m[URC_MAX_MEASURES_PER_CASE];
	const urc_case *c;         /* borrowed: for printing and explaining */
} urc_bound;

/* Resolves case c against t. Returns 0, or -1 with err naming the field
 * (an unknown setting, plan or measure; a score outside its measure's
 * range; a discipline no guideline has). A case that no guideline covers
 * binds fine with guideline UINT32_MAX: deciding it says so. */
int urc_bind(const urc_table *t, const urc_case *c, urc_bound *b,
             urc_case_error *err);

enum {
	URC_STEP_NO,      /* the rule did not match; the requirement was met */
	URC_STEP_YES,     /* the rule matched, or the requirement failed: decided */
	URC_STEP_MISSING, /* the rule needs a score the case lacks */
};

typedef struct urc_decision {
	urc_outcome outcome;
	uint32_t guideline;      /* index, UINT32_MAX when none */
	uint32_t phase;          /* index, UINT32_MAX when none */
	uint32_t item;           /* deciding item, UINT32_MAX: plan or no rule */
	int auto_approved;       /* the plan approved it without review */
	int visits_granted;
	int visits_requested;
	urc_date start, end;     /* authorization period (approvals) */
	urc_date due;            /* decision due: 7 days standard, 3 expedited */
	const char *reason;      /* plain words (table string or static) */
	const char *cite;        /* the deciding rule's citations, "" if none */
	/* The walk through the phase: its items from the first, in order, up
	 * to the deciding one (at most URC_MAX_TRACE); read with
	 * urc_decision_step. */
	uint32_t ntrace;
	uint32_t first_item;     /* the phase's first item */
	uint64_t missing;        /* bit k: step k failed for want of a value */
} urc_decision;

/* One step of the walk through a phase. */
typedef struct urc_trace_step {
	uint32_t item;  /* item index in the table */
	uint8_t result; /* URC_STEP_* */
} urc_trace_step;

/* Step k (below d->ntrace) of decision d's walk. */
static inline urc_trace_step urc_decision_step(const urc_decision *d, uint32_t k)
{
	urc_trace_step s = { d->first_item + k, URC_STEP_NO };
	if (s.item == d->item)
		s.result = URC_STEP_YES;
	else if (k < 64 && (d->missing >> k) & 1)
		s.result = URC_STEP_MISSING;
	return s;
}

/* Decides a bound case. Allocates nothing; d is filled completely. */
void urc_decide(const urc_table *t, const urc_bound *b, urc_decision *d);

/* Names of outcomes as printed ("approved in full", ...). */
const char *urc_outcome_name(urc_outcome o);

typedef enum urc_format { URC_FORMAT_YAML, URC_FORMAT_JSON } urc_format;

/* Prints a decision for case c: YAML (a document, '---' first) or JSON (one
 * object on one line). Returns 0, or -1 when out fails. */
int urc_decision_write(FILE *out, urc_format fmt, const urc_table *t,
                       const urc_case *c, const urc_decision *d);

/* Prints an error record for a case that could not be decided. */
int urc_error_write(FILE *out, urc_format fmt, const urc_case_error *e);

/* Prints a reviewer-readable walk through the decision of one case: the
 * guideline, each rule tried with the values compared, the outcome, and
 * what would have changed a partial approval or a referral. */
int urc_explain_write(FILE *out, const urc_table *t, const urc_bound *b,
                      const urc_decision *d);

/* Writes into buf the case's values that item (a rule of the decided
 * phase) tests, in words: "ODI improved 14 points since intake; visits
 * used 12". Returns buf; "" for items that test nothing. */
char *urc_explain_item(const urc_table *t, const urc_bound *b, uint32_t phase,
                       uint32_t item, char *buf, size_t n);

/* Prints the table as readable decision tables, one per phase. */
int urc_table_print(FILE *out, const urc_table *t);

/* The id, version and content hash of guideline number g (a decision's
 * guideline). Returns 0, or -1 when g names no guideline. The id is the
 * table's own text, valid while the table is loaded. */
int urc_guideline_info(const urc_table *t, uint32_t g, const char **id,
                       unsigned *version, uint64_t *hash);

/* The name of the step that decided ("meaningful progress", "otherwise",
 * "require ODI", "plan auto-approval"), written into buf; NULL when no
 * rule decided (no guideline, or no rule matched). */
const char *urc_decision_rule(const urc_table *t, const urc_decision *d,
                              char *buf, size_t n);

#ifdef __cplusplus
}
#endif

#endif
