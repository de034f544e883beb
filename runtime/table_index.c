/* table_index.c — what liburc works out once when a table is loaded: each
 * phase as a flat program of tests (see struct urc_op in table.h), and
 * each guideline's printed reference. */
#include "table.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Where the next phase's records go (or, counting, how many there are). */
typedef struct at {
	size_t ops, slots;
} at;

/* Cell c of axis a as the closed interval its test compares the value
 * with. */
static void closed_interval(const urt_axis *a, const urt_cell *c, double *lo, double *hi)
{
	if (a->kind == URT_AXIS_CHANGE || a->kind == URT_AXIS_CHANGE_PCT) {
		double half = 0.5 / URC_CHANGE_SCALE;
		*lo = c->lo_in ? c->lo - half : c->lo + half;
		*hi = c->hi_in ? c->hi + half : c->hi - half;
	} else {
		*lo = c->lo_in ? c->lo : nextafter(c->lo, INFINITY);
		*hi = c->hi_in ? c->hi : nextafter(c->hi, -INFINITY);
	}
}

/* The slot of measure m in program pg, added when new; -1 when full. */
static int slot_of(struct urc_phase_program *pg, uint32_t *slots, uint32_t m)
{
	for (uint32_t i = 0; i < pg->nslots; i++)
		if (slots[i] == m)
			return (int)i;
	if (pg->nslots == URC_MAX_SLOTS)
		return -1;
	slots[pg->nslots] = m;
	return (int)pg->nslots++;
}

/* The test of cell c of axis a (measure slot slot) for item k. */
static struct urc_op test_op(const urc_table *t, const urt_axis *a, const urt_cell *c, int slot,
                             uint32_t k)
{
	struct urc_op o = { .item = (uint16_t)k };
	if (a->kind == URT_AXIS_SETTING || a->kind == URT_AXIS_PLAN) {
		o.kind = a->kind == URT_AXIS_SETTING ? URC_OP_SETTING : URC_OP_PLAN;
		o.bits = c->bits;
		return o;
	}
	closed_interval(a, c, &o.lo, &o.hi);
	/* GE, LE or IN: the first of the source's three kinds, and which. */
	int cmp = o.hi == INFINITY ? 0 : o.lo == -INFINITY ? 1 : 2;
	switch (a->kind) {
	case URT_AXIS_FEATURE:
		o.kind = (uint8_t)(URC_OP_FEATURE_GE + cmp);
		o.arg = (uint8_t)a->feature;
		return o;
	case URT_AXIS_SCORE:
		o.kind = (uint8_t)(URC_OP_SCORE_GE + cmp);
		break;
	case URT_AXIS_CHANGE:
		o.kind = (uint8_t)(URC_OP_CHANGE_GE + cmp);
		o.better = t->measures[a->measure].better;
		break;
	default:
		o.kind = (uint8_t)(URC_OP_PCT_GE + cmp);
		o.better = t->measures[a->measure].better;
		break;
	}
	o.arg = (uint8_t)((unsigned)slot << 2 | urc_moment_at(a->moment));
	return o;
}

/* Builds phase p's program at *a (ops non-NULL) or counts its records
 * into *a. Returns 0, or -1 with err when the phase is beyond limits. */
static int build(urc_table *t, uint32_t p, at *a, struct urc_op *ops, const char *name, char *err,
                 size_t errlen)
{
	const urt_phase *ph = &t->phases[p];
	const urt_axis *axes = &t->axes[ph->first_axis];
	struct urc_phase_program pg = { .first_op = (uint32_t)a->ops, .first_slot = (uint32_t)a->slots };
	uint32_t slots_buf[URC_MAX_SLOTS];
	uint32_t *slots = ops ? &t->slot_measure[a->slots] : slots_buf;
	if (ph->nitems > UINT16_MAX) {
		snprintf(err, errlen, "%s has a phase of more than %d rules: this runtime cannot decide it",
		         name, UINT16_MAX);
		return -1;
	}
	int slot_axis[64];
	for (uint32_t i = 0; i < ph->naxes; i++) {
		int k = axes[i].kind;
		slot_axis[i] = k == URT_AXIS_CHANGE || k == URT_AXIS_CHANGE_PCT || k == URT_AXIS_SCORE
		               ? slot_of(&pg, slots, axes[i].measure) : 0;
		if (slot_axis[i] < 0)
			goto too_many;
	}
	uint32_t n = 0;
#define EMIT(op) do { if (ops) ops[a->ops + n] = (op); n++; } while (0)
	for (uint32_t k = 0; k < ph->nitems; k++) {
		const urt_item *it = &t->items[ph->first_item + k];
		if (it->kind == URT_ITEM_REQUIRE) {
			int slot = slot_of(&pg, slots, it->measure);
			if (slot < 0)
				goto too_many;
			/* One score is the intake and the latest alone; two distinct
			 * scores are needed for a change. */
			int need = (it->moments & URT_MOMENT_PREVIOUS) ||
			           ((it->moments & URT_MOMENT_INTAKE) && (it->moments & URT_MOMENT_LATEST)) ? 2 : 1;
			EMIT(((struct urc_op){ .kind = URC_OP_REQUIRE, .arg = (uint8_t)(slot << 2), .item = (uint16_t)k,
			                       .lo = need }));
		} else if (it->kind == URT_ITEM_RULE) {
			for (uint32_t r = 0; r < it->nrows; r++) {
				const urt_cell *cells = &t->cells[it->first_cell + r * ph->naxes];
				uint32_t first = n;
				for (uint32_t i = 0; i < ph->naxes; i++)
					if (!cells[i].any)
						EMIT(test_op(t, &axes[i], &cells[i], slot_axis[i], k));
				EMIT(((struct urc_op){ .kind = URC_OP_MATCH, .item = (uint16_t)k }));
				for (uint32_t i = first; ops && i + 1 < n; i++)
					ops[a->ops + i].fail = n; /* the next row */
			}
		} else { /* otherwise */
			EMIT(((struct urc_op){ .kind = URC_OP_MATCH, .item = (uint16_t)k }));
		}
	}
	EMIT(((struct urc_op){ .kind = URC_OP_END }));
#undef EMIT
	pg.nops = n;
	if (ops)
		t->programs[p] = pg;
	a->ops += n;
	a->slots += pg.nslots;
	return 0;
too_many:
	snprintf(err, errlen, "%s has a phase that names more than %d measures: this runtime cannot decide it",
	         name, URC_MAX_SLOTS);
	return -1;
}

static struct urc_verdict verdict(const urc_table *t, const urt_item *it)
{
	struct urc_verdict v = { .reason = urc_str(t, it->text), .cite = urc_str(t, it->cite),
	                         .outcome = URC_PENDED };
	if (it->kind == URT_ITEM_REQUIRE)
		return v; /* pended: its text names what is missing */
	if (it->outcome == URT_OUTCOME_APPROVE) {
		v.approve = 1;
		v.visits = it->visits;
		v.days = it->days;
		/* The rule's name is reported beside; the reason says why. */
		v.reason = it->kind == URT_ITEM_RULE
		           ? urc_str(t, it->when)
		           : "no rule above applied: the guideline's approval for the remaining requests";
	} else if (it->outcome == URT_OUTCOME_REFER) {
		v.outcome = URC_REFERRED;
	}
	return v;
}

int urc_table_index(urc_table *t, const char *name, char *err, size_t errlen)
{
	uint32_t nphases = t->h->phases.count;
	at n = { 0 };
	for (uint32_t p = 0; p < nphases; p++)
		if (build(t, p, &n, NULL, name, err, errlen) != 0)
			return -1;
	t->ops = malloc((n.ops + 1) * sizeof *t->ops);
	t->programs = malloc(((size_t)nphases + 1) * sizeof *t->programs);
	t->slot_measure = malloc((n.slots + 1) * sizeof *t->slot_measure);
	t->verdicts = malloc(((size_t)t->h->items.count + 1) * sizeof *t->verdicts);
	t->guideline_ref = malloc(((size_t)t->h->guidelines.count + 1) * sizeof *t->guideline_ref);
	if (!t->ops || !t->programs || !t->slot_measure || !t->verdicts || !t->guideline_ref ||
	    n.ops > UINT32_MAX) {
		snprintf(err, errlen, "out of memory loading %s", name);
		return -1;
	}
	at w = { 0 };
	for (uint32_t p = 0; p < nphases; p++)
		build(t, p, &w, t->ops, name, err, errlen);
	for (uint32_t i = 0; i < t->h->items.count; i++)
		t->verdicts[i] = verdict(t, &t->items[i]);
	for (uint32_t g = 0; g < t->h->guidelines.count; g++) {
		const urt_guideline *gl = &t->guidelines[g];
		snprintf(t->guideline_ref[g], sizeof t->guideline_ref[g], "%s@%u#%016" PRIx64,
		         urc_str(t, gl->id), gl->version, gl->hash);
	}
	return 0;
}
