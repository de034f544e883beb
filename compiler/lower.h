/* lower.h — a phase as a decision table: the one form that the analysis,
 * the runtime table, the diagrams and the docs are all made from.
 *
 * Each value a phase's conditions test (visits used, a measure's change
 * since intake, the setting, ...) is an axis (a column). Each rule's
 * condition becomes a region: a union of boxes, one cell per axis, where a
 * cell is an interval (numbers) or a set (settings, plans). A rule whose
 * condition has 'or' in it is thus several rows of one rule. Integer axes
 * keep intervals in [a, b) form so that "< 24" and ">= 24" meet exactly. */
#ifndef URC_LOWER_H
#define URC_LOWER_H

#include <stddef.h>
#include <stdint.h>

#include "ast.h"

enum { URC_MAX_AXES = 24, URC_MAX_BOXES = 4096, URC_MAX_SET = 63 };

typedef enum urc_axis_kind {
	URC_AXIS_FEATURE,    /* a request feature (visits used, age, ...) */
	URC_AXIS_CHANGE,     /* a measure's change, positive when better */
	URC_AXIS_CHANGE_PCT, /* the same relative to the earlier score, % */
	URC_AXIS_SCORE,      /* a measure's score at a moment */
	URC_AXIS_SETTING,    /* the request's setting (a set) */
	URC_AXIS_PLAN,       /* the member's plan (a set) */
} urc_axis_kind;

typedef struct urc_axis {
	urc_axis_kind kind;
	urc_feature feature;  /* FEATURE */
	urc_measure *measure; /* CHANGE, CHANGE_PCT, SCORE */
	urc_moment moment;    /* since (CHANGE*) or at (SCORE) */
	int integer;          /* values are whole numbers */
	int is_set;           /* SETTING, PLAN */
	uint64_t universe;    /* is_set: every member's bit */
	double lo, hi;        /* numeric domain */
	int lo_in, hi_in;     /* domain ends included */
} urc_axis;

/* One axis of a box: an interval or a set of members. */
typedef struct urc_cell {
	double lo, hi;              /* interval ends */
	uint64_t bits;              /* set members */
	unsigned char lo_in, hi_in; /* ends included */
} urc_cell;

/* A union of boxes of nax cells each. */
typedef struct urc_region {
	urc_cell *cells; /* n boxes, nax cells each (malloc) */
	size_t n, cap;
	int overflow;    /* more than URC_MAX_BOXES: too complex to analyse */
} urc_region;

typedef struct urc_dtable {
	urc_guideline *g;
	urc_phase *ph;
	urc_axis ax[URC_MAX_AXES];
	int nax;
	urc_plan **plans;     /* plan bit i -> plan; bit nplans: other plans */
	int nplans;
	urc_rule **rules;     /* the phase's rules (not require/otherwise) */
	urc_region *regions;  /* regions[i]: where rules[i]'s condition holds */
	size_t nrules;
	urc_rule *otherwise;  /* the otherwise item, or NULL */
} urc_dtable;

/* Lowers a checked phase into t. Returns 0; -1 when the phase is too
 * complex to lower (more than URC_MAX_AXES values tested, or more than
 * URC_MAX_BOXES combinations); -2 when the program declares too many plans
 * or the guideline names too many settings (URC_MAX_SET). t is then empty.
 * Either way urc_dtable_free releases t. */
int urc_lower_phase(urc_dtable *t, urc_program *prog, urc_guideline *g,
                    urc_phase *ph);
void urc_dtable_free(urc_dtable *t);

/* Region operations over t's axes. */
urc_cell *urc_region_box(const urc_dtable *t, const urc_region *r, size_t i);
urc_cell *urc_region_push(const urc_dtable *t, urc_region *r);
void urc_region_free(urc_region *r);
void urc_region_universe(const urc_dtable *t, urc_region *r);
void urc_region_copy(const urc_dtable *t, urc_region *dst, const urc_region *src);
/* dst gets the boxes where a and b both hold. */
void urc_region_intersect(const urc_dtable *t, urc_region *dst, const urc_region *a,
                          const urc_region *b);
/* r := r minus the box s. */
void urc_region_subtract(const urc_dtable *t, urc_region *r, const urc_cell *s);

/* Finds a request that rule k matches and no earlier rule does: writes
 * one value per axis into pt (a set axis gets the index of a member's
 * bit) and returns 1, or returns 0 when sampling finds none (the rule may
 * still fire somewhere). Defined in analyze.c. */
int urc_dtable_witness(const urc_dtable *t, size_t k, double *pt);

/* The same for a request no rule matches (what 'otherwise' decides). */
int urc_dtable_witness_rest(const urc_dtable *t, double *pt);

/* The value an axis holds, in words: "visits used", "ODI gain since
 * intake (points)", "ODI at latest", "age in months". */
char *urc_axis_words(const urc_axis *a, char *buf, size_t n);

void urc_cell_full(const urc_axis *x, urc_cell *c);
int urc_cell_empty(const urc_axis *x, const urc_cell *c);
void urc_cell_intersect(const urc_axis *x, urc_cell *out, const urc_cell *p,
                        const urc_cell *q);

#endif
