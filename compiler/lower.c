/* lower.c — from a checked phase to its decision table (see lower.h).
 * Conditions become regions by pushing 'not' down to the comparisons
 * (De Morgan), distributing 'and' over 'or', and turning each comparison
 * into an interval or a set on its axis. */
#include "lower.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The axis a comparison tests, added when new; -1 when there are too
 * many axes. */
static int axis_of(urc_dtable *t, const urc_cond *k, int *too_many)
{
	urc_axis want;
	memset(&want, 0, sizeof want);
	switch (k->kind) {
	case URC_COND_COMPARE:
		want.kind = URC_AXIS_FEATURE;
		want.feature = k->feature;
		want.integer = k->feature != URC_FEATURE_AGE;
		want.lo = k->feature == URC_FEATURE_REQUEST_NUMBER ||
		          k->feature == URC_FEATURE_VISITS_REQUESTED ? 1 : 0;
		want.hi = INFINITY;
		want.lo_in = 1;
		break;
	case URC_COND_IMPROVED:
		want.kind = k->improve != URC_IMPROVE_ANY && k->qty.unit == URC_UNIT_PERCENT
		                ? URC_AXIS_CHANGE_PCT : URC_AXIS_CHANGE;
		want.measure = k->measure;
		want.moment = k->moment;
		if (want.kind == URC_AXIS_CHANGE) {
			double span = k->measure->hi.value - k->measure->lo.value;
			want.lo = -span;
			want.hi = span;
			want.lo_in = want.hi_in = 1;
		} else {
			want.lo = -INFINITY;
			want.hi = INFINITY;
		}
		break;
	case URC_COND_SCORE:
		want.kind = URC_AXIS_SCORE;
		want.measure = k->measure;
		want.moment = k->moment;
		want.lo = k->measure->lo.value;
		want.hi = k->measure->hi.value;
		want.lo_in = want.hi_in = 1;
		break;
	case URC_COND_SETTING:
		want.kind = URC_AXIS_SETTING;
		want.is_set = 1;
		want.universe = (1ull << t->g->settings.n) - 1;
		break;
	case URC_COND_PLAN:
		want.kind = URC_AXIS_PLAN;
		want.is_set = 1;
		want.universe = (1ull << (t->nplans + 1)) - 1;
		break;
	default:
		return -1;
	}
	/* Scales scored in whole levels (FOIS, NOMS) are integer axes, kept
	 * in [a, b) form like the counts. */
	if (want.measure && want.kind != URC_AXIS_CHANGE_PCT &&
	    want.measure->lo.unit == URC_UNIT_LEVELS) {
		want.integer = 1;
		want.hi += 1;
		want.hi_in = 0;
	}
	for (int i = 0; i < t->nax; i++) {
		urc_axis *x = &t->ax[i];
		if (x->kind == want.kind && x->feature == want.feature &&
		    x->measure == want.measure && x->moment == want.moment)
			return i;
	}
	if (t->nax == URC_MAX_AXES) {
		*too_many = 1;
		return -1;
	}
	t->ax[t->nax] = want;
	return t->nax++;
}

static void collect_axes(urc_dtable *t, const urc_cond *k, int *too_many)
{
	if (!k)
		return;
	if (k->kind == URC_COND_AND || k->kind == URC_COND_OR || k->kind == URC_COND_NOT) {
		collect_axes(t, k->lhs, too_many);
		collect_axes(t, k->rhs, too_many);
		return;
	}
	axis_of(t, k, too_many);
}

/* Narrows cell c to where "axis op v" holds; integer axes get [a, b). */
static void set_bound(const urc_axis *x, urc_cell *c, urc_cmp op, double v)
{
	if (x->integer) {
		switch (op) {
		case URC_CMP_GT: c->lo = floor(v) + 1; c->lo_in = 1; break;
		case URC_CMP_GE: c->lo = ceil(v); c->lo_in = 1; break;
		case URC_CMP_LT: c->hi = ceil(v); c->hi_in = 0; break;
		case URC_CMP_LE: c->hi = floor(v) + 1; c->hi_in = 0; break;
		case URC_CMP_EQ:
			c->lo = v == floor(v) ? v : 1;
			c->hi = v == floor(v) ? v + 1 : 0;
			c->lo_in = 1;
			c->hi_in = 0;
			break;
		case URC_CMP_NE: break;
		}
		return;
	}
	switch (op) {
	case URC_CMP_GT: c->lo = v; c->lo_in = 0; break;
	case URC_CMP_GE: c->lo = v; c->lo_in = 1; break;
	case URC_CMP_LT: c->hi = v; c->hi_in = 0; break;
	case URC_CMP_LE: c->hi = v; c->hi_in = 1; break;
	case URC_CMP_EQ: c->lo = c->hi = v; c->lo_in = c->hi_in = 1; break;
	case URC_CMP_NE: break;
	}
}

static urc_cmp negate_cmp(urc_cmp op)
{
	switch (op) {
	case URC_CMP_LT: return URC_CMP_GE;
	case URC_CMP_LE: return URC_CMP_GT;
	case URC_CMP_GT: return URC_CMP_LE;
	case URC_CMP_GE: return URC_CMP_LT;
	case URC_CMP_EQ: return URC_CMP_NE;
	case URC_CMP_NE: return URC_CMP_EQ;
	}
	return op;
}

/* A box spanning every axis; NULL when the region is full. */
static urc_cell *push_full(urc_dtable *t, urc_region *r)
{
	urc_cell *b = urc_region_push(t, r);
	if (b)
		for (int i = 0; i < t->nax; i++)
			urc_cell_full(&t->ax[i], &b[i]);
	return b;
}

static int box_empty(const urc_dtable *t, const urc_cell *b)
{
	for (int i = 0; i < t->nax; i++)
		if (urc_cell_empty(&t->ax[i], &b[i]))
			return 1;
	return 0;
}

/* Adds to r the boxes where "axis op v" holds (two for !=). */
static void add_compare(urc_dtable *t, urc_region *r, int ax, urc_cmp op, double v)
{
	if (op == URC_CMP_NE) {
		add_compare(t, r, ax, URC_CMP_LT, v);
		add_compare(t, r, ax, URC_CMP_GT, v);
		return;
	}
	urc_cell *b = push_full(t, r);
	if (!b)
		return;
	set_bound(&t->ax[ax], &b[ax], op, v);
	urc_cell dom;
	urc_cell_full(&t->ax[ax], &dom);
	urc_cell c;
	urc_cell_intersect(&t->ax[ax], &c, &b[ax], &dom);
	b[ax] = c;
	if (box_empty(t, b))
		r->n--;
}

/* The region where condition k (negated when neg) holds. */
static void build(urc_dtable *t, const urc_cond *k, int neg, urc_region *out)
{
	int dummy = 0;
	switch (k->kind) {
	case URC_COND_NOT:
		build(t, k->lhs, !neg, out);
		return;
	case URC_COND_AND:
	case URC_COND_OR: {
		int is_and = (k->kind == URC_COND_AND) != neg;
		urc_region l = {0}, r = {0};
		build(t, k->lhs, neg, &l);
		build(t, k->rhs, neg, &r);
		if (l.overflow || r.overflow) {
			out->overflow = 1;
		} else if (!is_and) {
			urc_region_copy(t, out, &l);
			urc_region_copy(t, out, &r);
		} else {
			for (size_t i = 0; i < l.n && !out->overflow; i++)
				for (size_t j = 0; j < r.n; j++) {
					urc_cell *b = urc_region_push(t, out);
					if (!b)
						break;
					urc_cell *p = urc_region_box(t, &l, i), *q = urc_region_box(t, &r, j);
					for (int x = 0; x < t->nax; x++)
						urc_cell_intersect(&t->ax[x], &b[x], &p[x], &q[x]);
					if (box_empty(t, b))
						out->n--;
				}
		}
		urc_region_free(&l);
		urc_region_free(&r);
		return;
	}
	case URC_COND_COMPARE: {
		int ax = axis_of(t, k, &dummy);
		double v = k->qty.value * urc_unit_factor(k->qty.unit);
		add_compare(t, out, ax, neg ? negate_cmp(k->cmp) : k->cmp, v);
		return;
	}
	case URC_COND_SCORE: {
		int ax = axis_of(t, k, &dummy);
		add_compare(t, out, ax, neg ? negate_cmp(k->cmp) : k->cmp, k->qty.value);
		return;
	}
	case URC_COND_IMPROVED: {
		int ax = axis_of(t, k, &dummy);
		urc_cmp op;
		double v = k->improve == URC_IMPROVE_ANY ? 0 : k->qty.value;
		switch (k->improve) {
		case URC_IMPROVE_ANY: op = URC_CMP_GT; break;
		case URC_IMPROVE_AT_LEAST: op = URC_CMP_GE; break;
		default: op = URC_CMP_LT; break;
		}
		add_compare(t, out, ax, neg ? negate_cmp(op) : op, v);
		return;
	}
	case URC_COND_SETTING:
	case URC_COND_PLAN: {
		int ax = axis_of(t, k, &dummy);
		uint64_t bit = 0;
		if (k->kind == URC_COND_SETTING) {
			for (uint32_t i = 0; i < t->g->settings.n; i++)
				if (strcmp(t->g->settings.v[i].s, k->name.s) == 0)
					bit = 1ull << i;
		} else {
			for (int i = 0; i < t->nplans; i++)
				if (t->plans[i] == k->plan)
					bit = 1ull << i;
		}
		int want_in = !k->negated != !!neg;
		urc_cell *b = push_full(t, out);
		if (!b)
			return;
		b[ax].bits = want_in ? bit : (t->ax[ax].universe & ~bit);
		if (box_empty(t, b))
			out->n--;
		return;
	}
	}
}

void urc_dtable_free(urc_dtable *t)
{
	for (size_t i = 0; i < t->nrules; i++)
		urc_region_free(&t->regions[i]);
	free(t->regions);
	free(t->rules);
	free(t->plans);
	memset(t, 0, sizeof *t);
}

int urc_lower_phase(urc_dtable *t, urc_program *prog, urc_guideline *g,
                    urc_phase *ph)
{
	memset(t, 0, sizeof *t);
	t->g = g;
	t->ph = ph;
	for (urc_plan *p = prog->plans.first; p; p = p->next)
		t->nplans++;
	if (t->nplans >= URC_MAX_SET || g->settings.n > URC_MAX_SET) {
		t->nplans = 0;
		return -2;
	}
	t->plans = urc_xmalloc(((size_t)t->nplans + 1) * sizeof *t->plans);
	int i = 0;
	for (urc_plan *p = prog->plans.first; p; p = p->next)
		t->plans[i++] = p;
	int too_many = 0;
	size_t nrules = 0;
	for (urc_rule *r = ph->first; r; r = r->next) {
		if (r->kind == URC_ITEM_RULE) {
			collect_axes(t, r->when, &too_many);
			nrules++;
		} else if (r->kind == URC_ITEM_OTHERWISE && !t->otherwise) {
			t->otherwise = r;
		}
	}
	if (too_many) {
		urc_dtable_free(t);
		return -1;
	}
	t->rules = urc_xmalloc((nrules + 1) * sizeof *t->rules);
	t->regions = urc_xmalloc((nrules + 1) * sizeof *t->regions);
	for (urc_rule *r = ph->first; r; r = r->next) {
		if (r->kind != URC_ITEM_RULE)
			continue;
		urc_region reg = {0};
		build(t, r->when, 0, &reg);
		t->rules[t->nrules] = r;
		t->regions[t->nrules++] = reg;
		if (reg.overflow) {
			urc_dtable_free(t);
			return -1;
		}
	}
	return 0;
}

char *urc_axis_words(const urc_axis *a, char *buf, size_t n)
{
	const char *since = a->moment == URC_MOMENT_PREVIOUS ? "the previous score" : "intake";
	switch (a->kind) {
	case URC_AXIS_FEATURE:
		snprintf(buf, n, "%s", a->feature == URC_FEATURE_AGE ? "age in months" : urc_feature_name(a->feature));
		break;
	case URC_AXIS_CHANGE:
		snprintf(buf, n, "%s gain since %s (%s)", a->measure->id.s, since,
		         urc_unit_name(a->measure->lo.unit, true));
		break;
	case URC_AXIS_CHANGE_PCT:
		snprintf(buf, n, "%s gain since %s (percent)", a->measure->id.s, since);
		break;
	case URC_AXIS_SCORE:
		snprintf(buf, n, "%s at %s", a->measure->id.s, urc_moment_name(a->moment));
		break;
	case URC_AXIS_SETTING:
		snprintf(buf, n, "setting");
		break;
	case URC_AXIS_PLAN:
		snprintf(buf, n, "plan");
		break;
	}
	return buf;
}
