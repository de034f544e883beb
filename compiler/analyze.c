/* analyze.c — a phase's rules as regions of the space of requests.
 * Each value a condition tests (visits used, a measure's change since
 * intake, the setting, ...) is an axis. A condition becomes a union of
 * boxes, one interval (or set of names) per axis, by De Morgan and
 * distribution. A rule whose region lies inside the union of earlier
 * rules' regions can never fire; without 'otherwise', what is left of the
 * whole space after every rule is a request no rule decides, and a point
 * of it is shown as an example. Integer axes keep intervals in [a, b)
 * form so that "< 24" and ">= 24" meet exactly. */
#include "check.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_AXES = 24, MAX_BOXES = 4096, MAX_SET = 63 };

typedef enum axis_kind {
	AXIS_FEATURE,    /* a request feature */
	AXIS_CHANGE,     /* a measure's change in its better direction */
	AXIS_CHANGE_PCT, /* the same, relative to the earlier score, percent */
	AXIS_SCORE,      /* a measure's score at a moment */
	AXIS_SETTING,    /* the request's setting (a set) */
	AXIS_PLAN,       /* the member's plan (a set) */
} axis_kind;

typedef struct axis {
	axis_kind kind;
	urc_feature feature;  /* AXIS_FEATURE */
	urc_measure *measure; /* CHANGE, CHANGE_PCT, SCORE */
	urc_moment moment;    /* since (CHANGE) or at (SCORE) */
	int integer;          /* values are whole numbers */
	int is_set;           /* SETTING, PLAN */
	uint64_t universe;    /* is_set: every possible member */
	double lo, hi;        /* numeric domain */
	int lo_in, hi_in;
} axis;

/* One axis of a box: an interval or a set of members. */
typedef struct cell {
	double lo, hi;
	uint64_t bits;
	unsigned char lo_in, hi_in;
} cell;

typedef struct region {
	cell *cells; /* n boxes of nax cells each */
	size_t n, cap;
	int overflow; /* too many boxes: the analysis gives up */
} region;

typedef struct analysis {
	urc_checker *c;
	urc_guideline *g;
	axis ax[MAX_AXES];
	int nax;
	int too_many_axes;
	urc_plan **plans; /* plan bit i -> plan; bit nplans = any other plan */
	int nplans;
} analysis;

/* ---- axes ---- */

static int axis_of(analysis *a, const urc_cond *k)
{
	axis want;
	memset(&want, 0, sizeof want);
	switch (k->kind) {
	case URC_COND_COMPARE:
		want.kind = AXIS_FEATURE;
		want.feature = k->feature;
		want.integer = k->feature != URC_FEATURE_AGE;
		want.lo = k->feature == URC_FEATURE_REQUEST_NUMBER ||
		          k->feature == URC_FEATURE_VISITS_REQUESTED ? 1 : 0;
		want.hi = INFINITY;
		want.lo_in = 1;
		break;
	case URC_COND_IMPROVED:
		want.kind = k->improve != URC_IMPROVE_ANY && k->qty.unit == URC_UNIT_PERCENT
		                ? AXIS_CHANGE_PCT : AXIS_CHANGE;
		want.measure = k->measure;
		want.moment = k->moment;
		if (want.kind == AXIS_CHANGE) {
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
		want.kind = AXIS_SCORE;
		want.measure = k->measure;
		want.moment = k->moment;
		want.lo = k->measure->lo.value;
		want.hi = k->measure->hi.value;
		want.lo_in = want.hi_in = 1;
		break;
	case URC_COND_SETTING:
		want.kind = AXIS_SETTING;
		want.is_set = 1;
		want.universe = a->g->settings.n >= 64 ? ~0ull : (1ull << a->g->settings.n) - 1;
		break;
	case URC_COND_PLAN:
		want.kind = AXIS_PLAN;
		want.is_set = 1;
		want.universe = (1ull << (a->nplans + 1)) - 1;
		break;
	default:
		return -1;
	}
	for (int i = 0; i < a->nax; i++) {
		axis *x = &a->ax[i];
		if (x->kind == want.kind && x->feature == want.feature &&
		    x->measure == want.measure && x->moment == want.moment)
			return i;
	}
	if (a->nax == MAX_AXES) {
		a->too_many_axes = 1;
		return -1;
	}
	a->ax[a->nax] = want;
	return a->nax++;
}

static void collect_axes(analysis *a, const urc_cond *k)
{
	if (!k)
		return;
	if (k->kind == URC_COND_AND || k->kind == URC_COND_OR || k->kind == URC_COND_NOT) {
		collect_axes(a, k->lhs);
		collect_axes(a, k->rhs);
		return;
	}
	axis_of(a, k);
}

/* ---- regions ---- */

static cell *box_at(analysis *a, region *r, size_t i)
{
	return r->cells + i * (size_t)a->nax;
}

static cell *push_box(analysis *a, region *r)
{
	if (r->n == MAX_BOXES) {
		r->overflow = 1;
		return NULL;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->cells = urc_xrealloc(r->cells, r->cap * (size_t)a->nax * sizeof *r->cells);
	}
	return box_at(a, r, r->n++);
}

static void region_free(region *r)
{
	free(r->cells);
	memset(r, 0, sizeof *r);
}

static void full_cell(const axis *x, cell *c)
{
	c->lo = x->lo;
	c->hi = x->hi;
	c->lo_in = (unsigned char)x->lo_in;
	c->hi_in = (unsigned char)x->hi_in;
	c->bits = x->universe;
}

static void universe(analysis *a, region *r)
{
	cell *b = push_box(a, r);
	if (b)
		for (int i = 0; i < a->nax; i++)
			full_cell(&a->ax[i], &b[i]);
}

static int cell_empty(const axis *x, const cell *c)
{
	if (x->is_set)
		return c->bits == 0;
	return c->lo > c->hi || (c->lo == c->hi && !(c->lo_in && c->hi_in));
}

static int box_empty(analysis *a, const cell *b)
{
	for (int i = 0; i < a->nax; i++)
		if (cell_empty(&a->ax[i], &b[i]))
			return 1;
	return 0;
}

static void cell_intersect(const axis *x, cell *out, const cell *p, const cell *q)
{
	if (x->is_set) {
		out->bits = p->bits & q->bits;
		return;
	}
	if (p->lo > q->lo || (p->lo == q->lo && !p->lo_in)) {
		out->lo = p->lo;
		out->lo_in = p->lo_in;
	} else {
		out->lo = q->lo;
		out->lo_in = q->lo_in;
	}
	if (p->hi < q->hi || (p->hi == q->hi && !p->hi_in)) {
		out->hi = p->hi;
		out->hi_in = p->hi_in;
	} else {
		out->hi = q->hi;
		out->hi_in = q->hi_in;
	}
}

/* Builds the interval a comparison admits; integer axes get [a, b). */
static void set_bound(const axis *x, cell *c, urc_cmp op, double v)
{
	if (x->integer) {
		switch (op) {
		case URC_CMP_GT: c->lo = floor(v) + 1; c->lo_in = 1; break;
		case URC_CMP_GE: c->lo = ceil(v); c->lo_in = 1; break;
		case URC_CMP_LT: c->hi = ceil(v); c->hi_in = 0; break;
		case URC_CMP_LE: c->hi = floor(v) + 1; c->hi_in = 0; break;
		case URC_CMP_EQ:
			if (v != floor(v)) {
				c->lo = 1;
				c->hi = 0;
			} else {
				c->lo = v;
				c->hi = v + 1;
			}
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

/* Adds to r the boxes where "axis op v" holds (two for !=). */
static void add_compare(analysis *a, region *r, int ax, urc_cmp op, double v)
{
	const axis *x = &a->ax[ax];
	if (op == URC_CMP_NE) {
		add_compare(a, r, ax, URC_CMP_LT, v);
		add_compare(a, r, ax, URC_CMP_GT, v);
		return;
	}
	cell tmp;
	full_cell(x, &tmp);
	set_bound(x, &tmp, op, v);
	cell dom;
	full_cell(x, &dom);
	cell *b = push_box(a, r);
	if (!b)
		return;
	for (int i = 0; i < a->nax; i++)
		full_cell(&a->ax[i], &b[i]);
	cell_intersect(x, &b[ax], &dom, &tmp);
	if (box_empty(a, b))
		r->n--;
}

static double base_value(const urc_quantity *q)
{
	return urc_check_base(q);
}

/* The region where condition k (negated when neg) holds. */
static void build(analysis *a, const urc_cond *k, int neg, region *out)
{
	switch (k->kind) {
	case URC_COND_NOT:
		build(a, k->lhs, !neg, out);
		return;
	case URC_COND_AND:
	case URC_COND_OR: {
		int is_and = (k->kind == URC_COND_AND) != neg;
		region l = {0}, r = {0};
		build(a, k->lhs, neg, &l);
		build(a, k->rhs, neg, &r);
		if (l.overflow || r.overflow) {
			out->overflow = 1;
		} else if (!is_and) {
			for (size_t i = 0; i < l.n + r.n; i++) {
				cell *b = push_box(a, out);
				if (!b)
					break;
				memcpy(b, i < l.n ? box_at(a, &l, i) : box_at(a, &r, i - l.n),
				       (size_t)a->nax * sizeof *b);
			}
		} else {
			for (size_t i = 0; i < l.n && !out->overflow; i++)
				for (size_t j = 0; j < r.n; j++) {
					cell *b = push_box(a, out);
					if (!b)
						break;
					cell *p = box_at(a, &l, i), *q = box_at(a, &r, j);
					for (int x = 0; x < a->nax; x++)
						cell_intersect(&a->ax[x], &b[x], &p[x], &q[x]);
					if (box_empty(a, b))
						out->n--;
				}
		}
		region_free(&l);
		region_free(&r);
		return;
	}
	case URC_COND_COMPARE: {
		int ax = axis_of(a, k);
		urc_cmp op = neg ? negate_cmp(k->cmp) : k->cmp;
		double v = base_value(&k->qty);
		if (k->feature == URC_FEATURE_AGE)
			v = k->qty.value * urc_unit_factor(k->qty.unit);
		add_compare(a, out, ax, op, v);
		return;
	}
	case URC_COND_SCORE: {
		int ax = axis_of(a, k);
		add_compare(a, out, ax, neg ? negate_cmp(k->cmp) : k->cmp, k->qty.value);
		return;
	}
	case URC_COND_IMPROVED: {
		int ax = axis_of(a, k);
		urc_cmp op;
		double v = k->improve == URC_IMPROVE_ANY ? 0 : k->qty.value;
		switch (k->improve) {
		case URC_IMPROVE_ANY: op = URC_CMP_GT; break;
		case URC_IMPROVE_AT_LEAST: op = URC_CMP_GE; break;
		default: op = URC_CMP_LT; break;
		}
		add_compare(a, out, ax, neg ? negate_cmp(op) : op, v);
		return;
	}
	case URC_COND_SETTING:
	case URC_COND_PLAN: {
		int ax = axis_of(a, k);
		uint64_t bit = 0;
		if (k->kind == URC_COND_SETTING) {
			for (uint32_t i = 0; i < a->g->settings.n && i < 64; i++)
				if (strcmp(a->g->settings.v[i].s, k->name.s) == 0)
					bit = 1ull << i;
		} else {
			for (int i = 0; i < a->nplans; i++)
				if (a->plans[i] == k->plan)
					bit = 1ull << i;
		}
		int want_in = !k->negated != !!neg; /* is X, not negated */
		cell *b = push_box(a, out);
		if (!b)
			return;
		for (int i = 0; i < a->nax; i++)
			full_cell(&a->ax[i], &b[i]);
		b[ax].bits = want_in ? bit : (a->ax[ax].universe & ~bit);
		if (box_empty(a, b))
			out->n--;
		return;
	}
	}
}

/* r := r minus box s. */
static void subtract_box(analysis *a, region *r, const cell *s)
{
	region out = {0};
	cell *cur = urc_xmalloc((size_t)a->nax * sizeof *cur);
	for (size_t i = 0; i < r->n && !out.overflow; i++) {
		memcpy(cur, box_at(a, r, i), (size_t)a->nax * sizeof *cur);
		int disjoint = 0;
		for (int x = 0; x < a->nax; x++) {
			cell t;
			cell_intersect(&a->ax[x], &t, &cur[x], &s[x]);
			if (cell_empty(&a->ax[x], &t)) {
				disjoint = 1;
				break;
			}
		}
		if (disjoint) {
			cell *b = push_box(a, &out);
			if (b)
				memcpy(b, cur, (size_t)a->nax * sizeof *b);
			continue;
		}
		for (int x = 0; x < a->nax && !out.overflow; x++) {
			const axis *ax = &a->ax[x];
			if (ax->is_set) {
				uint64_t rest = cur[x].bits & ~s[x].bits;
				if (rest) {
					cell *b = push_box(a, &out);
					if (!b)
						break;
					memcpy(b, cur, (size_t)a->nax * sizeof *b);
					b[x].bits = rest;
				}
			} else {
				cell left = cur[x], right = cur[x];
				left.hi = s[x].lo;
				left.hi_in = !s[x].lo_in;
				right.lo = s[x].hi;
				right.lo_in = !s[x].hi_in;
				cell *parts[2] = {&left, &right};
				for (int p = 0; p < 2; p++) {
					cell t;
					cell_intersect(ax, &t, &cur[x], parts[p]);
					if (cell_empty(ax, &t))
						continue;
					cell *b = push_box(a, &out);
					if (!b)
						break;
					memcpy(b, cur, (size_t)a->nax * sizeof *b);
					b[x] = t;
				}
			}
			cell t;
			cell_intersect(ax, &t, &cur[x], &s[x]);
			cur[x] = t;
		}
	}
	free(cur);
	int overflow = out.overflow || r->overflow;
	region_free(r);
	*r = out;
	r->overflow = overflow;
}

static int regions_meet(analysis *a, const region *r, const region *s)
{
	for (size_t i = 0; i < r->n; i++)
		for (size_t j = 0; j < s->n; j++) {
			const cell *p = r->cells + i * (size_t)a->nax;
			const cell *q = s->cells + j * (size_t)a->nax;
			int meet = 1;
			for (int x = 0; x < a->nax && meet; x++) {
				cell t;
				cell_intersect(&a->ax[x], &t, &p[x], &q[x]);
				meet = !cell_empty(&a->ax[x], &t);
			}
			if (meet)
				return 1;
		}
	return 0;
}

/* ---- examples ---- */

/* A value inside cell c, as close as it can be to a typical one: no
 * change for a measure's change, otherwise the low end. */
static double pick(const axis *x, const cell *c)
{
	double want = (x->kind == AXIS_CHANGE || x->kind == AXIS_CHANGE_PCT) ? 0 : c->lo;
	if (!isfinite(want))
		want = isfinite(c->hi) ? c->hi - 1 : 0;
	double step = x->integer ? 1 : 0.5;
	if (want < c->lo || (want == c->lo && !c->lo_in))
		want = c->lo_in ? c->lo : (isfinite(c->hi) && c->hi - c->lo < 2 * step ? (c->lo + c->hi) / 2 : c->lo + step);
	if (want > c->hi || (want == c->hi && !c->hi_in))
		want = c->hi_in ? c->hi : (c->hi - c->lo < 2 * step ? (c->lo + c->hi) / 2 : c->hi - step);
	return want;
}

/* Describes a point of box b as a request a reviewer would recognize. */
static void describe(analysis *a, const cell *b, char *out, size_t n)
{
	size_t at = 0;
	out[0] = '\0';
	for (int i = 0; i < a->nax && at < n; i++) {
		const axis *x = &a->ax[i];
		char part[200], num[32];
		if (x->is_set) {
			int bit = 0;
			while (bit < 64 && !(b[i].bits >> bit & 1))
				bit++;
			if (x->kind == AXIS_SETTING)
				snprintf(part, sizeof part, "setting %s", a->g->settings.v[bit].s);
			else if (bit < a->nplans)
				snprintf(part, sizeof part, "plan %s", a->plans[bit]->id.s);
			else
				snprintf(part, sizeof part, "a plan this phase does not name");
		} else {
			double v = pick(x, &b[i]);
			switch (x->kind) {
			case AXIS_FEATURE:
				if (x->feature == URC_FEATURE_AGE) {
					if (v >= 24 && fmod(v, 12) == 0)
						snprintf(part, sizeof part, "age %s years",
						         urc_number_format(v / 12, num, sizeof num));
					else
						snprintf(part, sizeof part, "age %s months",
						         urc_number_format(v, num, sizeof num));
				} else {
					snprintf(part, sizeof part, "%s %s", urc_feature_name(x->feature),
					         urc_number_format(v, num, sizeof num));
				}
				break;
			case AXIS_CHANGE:
			case AXIS_CHANGE_PCT: {
				const char *u = x->kind == AXIS_CHANGE_PCT
				                    ? "percent"
				                    : urc_unit_name(x->measure->lo.unit, fabs(v) != 1);
				const char *since = x->moment == URC_MOMENT_PREVIOUS ? " since the previous score" : "";
				if (v > 0)
					snprintf(part, sizeof part, "%s improved by %s %s%s", x->measure->id.s,
					         urc_number_format(v, num, sizeof num), u, since);
				else if (v < 0)
					snprintf(part, sizeof part, "%s worse by %s %s%s", x->measure->id.s,
					         urc_number_format(-v, num, sizeof num), u, since);
				else
					snprintf(part, sizeof part, "%s unchanged%s", x->measure->id.s, since);
				break;
			}
			default:
				snprintf(part, sizeof part, "%s at %s %s %s", x->measure->id.s,
				         urc_moment_name(x->moment), urc_number_format(v, num, sizeof num),
				         urc_unit_name(x->measure->lo.unit, v != 1));
				break;
			}
		}
		int w = snprintf(out + at, n - at, "%s%s", i == 0 ? "" : (i == a->nax - 1 ? " and " : ", "), part);
		if (w < 0)
			break;
		at += (size_t)w;
	}
}

static const char *phase_name(const urc_guideline *g, const urc_phase *ph)
{
	return ph == &g->initial ? "initial" : "continued";
}

void urc_analyze_phase(urc_checker *c, urc_guideline *g, urc_phase *ph)
{
	analysis a;
	memset(&a, 0, sizeof a);
	a.c = c;
	a.g = g;
	for (urc_plan *p = c->prog->plans.first; p; p = p->next)
		a.nplans++;
	if (a.nplans > MAX_SET || g->settings.n > MAX_SET)
		return;
	a.plans = urc_xmalloc(((size_t)a.nplans + 1) * sizeof *a.plans);
	int i = 0;
	for (urc_plan *p = c->prog->plans.first; p; p = p->next)
		a.plans[i++] = p;
	for (urc_rule *r = ph->first; r; r = r->next)
		if (r->kind == URC_ITEM_RULE)
			collect_axes(&a, r->when);
	if (a.too_many_axes) {
		free(a.plans);
		return;
	}

	size_t nrules = 0;
	for (urc_rule *r = ph->first; r; r = r->next)
		nrules += r->kind == URC_ITEM_RULE;
	region *regs = urc_xmalloc((nrules + 1) * sizeof *regs);
	urc_rule **rules = urc_xmalloc((nrules + 1) * sizeof *rules);
	size_t k = 0;
	int has_otherwise = 0, overflow = 0;
	region left = {0};
	universe(&a, &left);
	for (urc_rule *r = ph->first; r; r = r->next) {
		if (r->kind == URC_ITEM_OTHERWISE)
			has_otherwise = 1;
		if (r->kind != URC_ITEM_RULE)
			continue;
		region reg = {0};
		build(&a, r->when, 0, &reg);
		if (reg.overflow || left.overflow) {
			overflow = 1;
			region_free(&reg);
			break;
		}
		/* What this rule still decides: its region minus earlier ones. */
		region mine = {0};
		for (size_t b = 0; b < reg.n; b++) {
			cell *dst = push_box(&a, &mine);
			if (dst)
				memcpy(dst, box_at(&a, &reg, b), (size_t)a.nax * sizeof *dst);
		}
		for (size_t j = 0; j < k && mine.n; j++)
			for (size_t b = 0; b < regs[j].n && mine.n; b++)
				subtract_box(&a, &mine, box_at(&a, &regs[j], b));
		if (mine.overflow) {
			overflow = 1;
			region_free(&mine);
			region_free(&reg);
			break;
		}
		if (mine.n == 0) {
			int e;
			if (reg.n == 0) {
				e = urc_diag_error(c->diag, r->name.span,
				                   "rule \"%s\" can never fire: its condition is never true",
				                   r->name.s);
				urc_diag_help(c->diag, e, "check the comparisons: no request can meet all of them");
			} else {
				e = urc_diag_error(c->diag, r->name.span,
				                   "rule \"%s\" can never fire: earlier rules decide every request it matches",
				                   r->name.s);
				for (size_t j = 0; j < k; j++)
					if (regions_meet(&a, &reg, &regs[j]))
						urc_diag_note(c->diag, e, rules[j]->name.span,
						              "rule \"%s\" comes first", rules[j]->name.s);
				urc_diag_help(c->diag, e,
				              "move it above the rules that cover it, narrow them, or remove it");
			}
		}
		region_free(&mine);
		for (size_t b = 0; b < reg.n && left.n; b++)
			subtract_box(&a, &left, box_at(&a, &reg, b));
		regs[k] = reg;
		rules[k++] = r;
	}
	if (!overflow && !left.overflow && !has_otherwise && left.n > 0) {
		char example[1024];
		describe(&a, box_at(&a, &left, 0), example, sizeof example);
		int e = urc_diag_error(c->diag, ph->span,
		                       "some %s requests match no rule, and the phase has no 'otherwise'",
		                       phase_name(g, ph));
		if (a.nax)
			urc_diag_note(c->diag, e, (urc_span){URC_NO_FILE, 0, 0},
			              "for example, a request with %s", example);
		urc_diag_help(c->diag, e,
		              "end the phase with 'otherwise refer \"...\"' (or another outcome) for the requests no rule decides");
	}
	region_free(&left);
	for (size_t j = 0; j < k; j++)
		region_free(&regs[j]);
	free(regs);
	free(rules);
	free(a.plans);
}
