/* analyze.c — what the decision table of a phase tells an author.
 * A rule whose region lies inside the union of earlier rules' regions can
 * never fire; without 'otherwise', what is left of the whole space after
 * every rule is a request no rule decides, and a point of it is shown as
 * an example a reviewer recognizes. */
#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lower.h"

/* ---- examples ---- */

/* A value inside cell c, as close as it can be to a typical one: no
 * change for a measure's change, otherwise the low end. */
static double pick(const urc_axis *x, const urc_cell *c)
{
	double want = (x->kind == URC_AXIS_CHANGE || x->kind == URC_AXIS_CHANGE_PCT) ? 0 : c->lo;
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
static void describe(const urc_dtable *a, const urc_cell *b, char *out, size_t n)
{
	size_t at = 0;
	out[0] = '\0';
	for (int i = 0; i < a->nax && at < n; i++) {
		const urc_axis *x = &a->ax[i];
		char part[200], num[32];
		if (x->is_set) {
			int bit = 0;
			while (bit < 64 && !(b[i].bits >> bit & 1))
				bit++;
			if (x->kind == URC_AXIS_SETTING)
				snprintf(part, sizeof part, "setting %s", a->g->settings.v[bit].s);
			else if (bit < a->nplans)
				snprintf(part, sizeof part, "plan %s", a->plans[bit]->id.s);
			else
				snprintf(part, sizeof part, "a plan this phase does not name");
		} else {
			double v = pick(x, &b[i]);
			switch (x->kind) {
			case URC_AXIS_FEATURE:
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
			case URC_AXIS_CHANGE:
			case URC_AXIS_CHANGE_PCT: {
				const char *u = x->kind == URC_AXIS_CHANGE_PCT
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

/* ---- witnesses ----
 * Most rules can fire, and one request that a rule matches and no earlier
 * rule does proves it. Sampled points find such a request cheaply; the
 * exact region arithmetic runs only when sampling finds none. */

static int point_in_box(const urc_dtable *t, const urc_cell *b, const double *pt)
{
	for (int x = 0; x < t->nax; x++) {
		const urc_cell *c = &b[x];
		double v = pt[x];
		if (t->ax[x].is_set) {
			if (!(c->bits >> (int)v & 1))
				return 0;
		} else if (v < c->lo || (v == c->lo && !c->lo_in) || v > c->hi || (v == c->hi && !c->hi_in)) {
			return 0;
		}
	}
	return 1;
}

/* A value inside cell c: mode 0 its low end, 1 its high end, 2 the middle,
 * 3 and above pseudo-random (from *seed). */
static double sample(const urc_axis *x, const urc_cell *c, int mode, uint64_t *seed)
{
	if (x->is_set) {
		uint64_t bits = c->bits;
		if (!bits)
			return 0;
		*seed = *seed * 6364136223846793005ull + 1442695040888963407ull;
		if (mode == 0)
			return __builtin_ctzll(bits);
		if (mode == 1)
			return 63 - __builtin_clzll(bits);
		for (int skip = (int)(*seed >> 59) % __builtin_popcountll(bits); skip > 0; skip--)
			bits &= bits - 1;
		return __builtin_ctzll(bits);
	}
	double lo = isfinite(c->lo) ? c->lo : (isfinite(c->hi) ? c->hi - 1000 : -1000);
	double hi = isfinite(c->hi) ? c->hi : lo + 1000;
	double step = x->integer ? 1 : 1e-6 * (fabs(lo) + fabs(hi) + 1);
	double v;
	if (mode == 0)
		v = c->lo_in ? lo : lo + step;
	else if (mode == 1)
		v = c->hi_in ? hi : hi - step;
	else {
		double r = mode == 2 ? 0.5 : (double)(*seed >> 11) / 9007199254740992.0;
		*seed = *seed * 6364136223846793005ull + 1442695040888963407ull;
		v = lo + r * (hi - lo);
	}
	if (x->integer)
		v = floor(v);
	return v;
}

/* The box of region r that holds pt, or NULL. */
static const urc_cell *box_holding(const urc_dtable *t, const urc_region *r, const double *pt)
{
	for (size_t i = 0; i < r->n; i++) {
		const urc_cell *b = urc_region_box(t, r, i);
		if (point_in_box(t, b, pt))
			return b;
	}
	return NULL;
}

/* Moves pt, inside `mine`, out of the box `other` along one axis where
 * `mine` reaches past it. Returns 0 when no axis allows that. */
static int step_out(const urc_dtable *t, const urc_cell *mine, const urc_cell *other, double *pt,
                    uint64_t *seed)
{
	int start = (int)(*seed % (uint64_t)(t->nax ? t->nax : 1));
	*seed = *seed * 6364136223846793005ull + 1442695040888963407ull;
	for (int i = 0; i < t->nax; i++) {
		int x = (start + i) % t->nax;
		const urc_axis *ax = &t->ax[x];
		const urc_cell *m = &mine[x], *o = &other[x];
		if (ax->is_set) {
			uint64_t rest = m->bits & ~o->bits;
			if (rest) {
				pt[x] = __builtin_ctzll(rest);
				return 1;
			}
			continue;
		}
		double step = ax->integer ? 1 : 1e-6 * (fabs(o->lo) + fabs(o->hi) + 1);
		/* Just below the other box's low end, or just above its high end. */
		double below = o->lo_in ? o->lo - step : o->lo;
		double above = o->hi_in ? o->hi + step : o->hi;
		if (ax->integer) {
			below = o->lo_in ? o->lo - 1 : o->lo;
			above = o->hi_in ? o->hi + 1 : o->hi;
		}
		double cand[2] = {below, above};
		for (int k = 0; k < 2; k++) {
			double v = cand[k];
			if (!isfinite(v))
				continue;
			if (v < m->lo || (v == m->lo && !m->lo_in) || v > m->hi || (v == m->hi && !m->hi_in))
				continue;
			pt[x] = v;
			return 1;
		}
	}
	return 0;
}

/* Looks for a request in rule k's region that no earlier rule matches
 * (see lower.h): from sampled starting points, step out of each earlier
 * rule's box that holds the point, staying inside the rule's own box. */
/* A point of reg that none of the first k rules' regions holds. */
static int witness_in(const urc_dtable *t, const urc_region *reg, size_t k, double *pt)
{
	enum { STARTS = 6, STEPS = 48 };
	uint64_t seed = 0x9E3779B97F4A7C15ull ^ k;
	for (size_t b = 0; b < reg->n; b++) {
		const urc_cell *box = urc_region_box(t, reg, b);
		for (int mode = 0; mode < STARTS; mode++) {
			for (int x = 0; x < t->nax; x++)
				pt[x] = sample(&t->ax[x], &box[x], mode, &seed);
			if (!point_in_box(t, box, pt))
				continue;
			for (int step = 0; step < STEPS; step++) {
				const urc_cell *hit = NULL;
				for (size_t j = 0; j < k && !hit; j++)
					hit = box_holding(t, &t->regions[j], pt);
				if (!hit)
					return 1;
				if (!step_out(t, box, hit, pt, &seed))
					break;
			}
		}
	}
	return 0;
}

int urc_dtable_witness(const urc_dtable *t, size_t k, double *pt)
{
	return witness_in(t, &t->regions[k], k, pt);
}

int urc_dtable_witness_rest(const urc_dtable *t, double *pt)
{
	urc_region all = {0};
	urc_region_universe(t, &all);
	int found = witness_in(t, &all, t->nrules, pt);
	urc_region_free(&all);
	return found;
}

/* Exactly: whether rule k's region has a part no earlier rule covers.
 * Returns -1 when the region arithmetic grew too large to tell. */
static int fires_exactly(const urc_dtable *t, size_t k)
{
	urc_region mine = {0};
	urc_region_copy(t, &mine, &t->regions[k]);
	for (size_t j = 0; j < k && mine.n; j++)
		for (size_t b = 0; b < t->regions[j].n && mine.n; b++)
			urc_region_subtract(t, &mine, urc_region_box(t, &t->regions[j], b));
	int result = mine.overflow ? -1 : mine.n > 0;
	urc_region_free(&mine);
	return result;
}

static void report_unreachable(urc_checker *c, const urc_dtable *t, size_t k)
{
	urc_rule *r = t->rules[k];
	const urc_region *reg = &t->regions[k];
	int e;
	if (reg->n == 0) {
		e = urc_diag_error(c->diag, r->name.span,
		                   "rule \"%s\" can never fire: its condition is never true", r->name.s);
		urc_diag_help(c->diag, e, "check the comparisons: no request can meet all of them");
		return;
	}
	e = urc_diag_error(c->diag, r->name.span,
	                   "rule \"%s\" can never fire: earlier rules decide every request it matches",
	                   r->name.s);
	/* Name the rules that take some of its requests first: those that
	 * meet it where no rule before them does. */
	for (size_t j = 0; j < k; j++) {
		urc_region part = {0};
		urc_region_intersect(t, &part, reg, &t->regions[j]);
		for (size_t i = 0; i < j && part.n; i++)
			for (size_t b = 0; b < t->regions[i].n && part.n; b++)
				urc_region_subtract(t, &part, urc_region_box(t, &t->regions[i], b));
		if (part.n || part.overflow)
			urc_diag_note(c->diag, e, t->rules[j]->name.span,
			              "rule \"%s\" decides some of them first", t->rules[j]->name.s);
		urc_region_free(&part);
	}
	urc_diag_help(c->diag, e, "move it above the rules that cover it, narrow them, or remove it");
}

/* A measure tested on two related axes (its change in points and in
 * percent, or a change and a score), whose values the analysis treats as
 * independent though they are not; NULL when there is none. */
static const urc_measure *related_axes(const urc_dtable *t)
{
	for (int i = 0; i < t->nax; i++)
		for (int j = i + 1; j < t->nax; j++)
			if (t->ax[i].measure && t->ax[i].measure == t->ax[j].measure)
				return t->ax[i].measure;
	return NULL;
}

static void report_gap(urc_checker *c, const urc_dtable *t, urc_guideline *g, urc_phase *ph)
{
	urc_region left = {0};
	urc_region_universe(t, &left);
	for (size_t k = 0; k < t->nrules && left.n && !left.overflow; k++)
		for (size_t b = 0; b < t->regions[k].n && left.n; b++)
			urc_region_subtract(t, &left, urc_region_box(t, &t->regions[k], b));
	if (left.overflow) {
		int e = urc_diag_warning(c->diag, ph->span,
		                         "this %s phase is too intricate for urc to prove that every request matches a rule",
		                         phase_name(g, ph));
		urc_diag_help(c->diag, e, "end it with 'otherwise' so that no request goes undecided");
	} else if (left.n > 0) {
		char example[1024];
		describe(t, urc_region_box(t, &left, 0), example, sizeof example);
		int e = urc_diag_error(c->diag, ph->span,
		                       "some %s requests match no rule, and the phase has no 'otherwise'",
		                       phase_name(g, ph));
		if (t->nax)
			urc_diag_note(c->diag, e, (urc_span){URC_NO_FILE, 0, 0},
			              "for example, a request with %s", example);
		const urc_measure *rel = related_axes(t);
		if (rel)
			urc_diag_note(c->diag, e, (urc_span){URC_NO_FILE, 0, 0},
			              "urc treats the values it tests of %s as independent; if this example cannot happen, the help below still makes the phase safe",
			              rel->id.s);
		urc_diag_help(c->diag, e,
		              "end the phase with 'otherwise refer \"...\"' (or another outcome) for the requests no rule decides");
	}
	urc_region_free(&left);
}

void urc_analyze_phase(urc_checker *c, urc_guideline *g, urc_phase *ph)
{
	urc_dtable t;
	int lowered = urc_lower_phase(&t, c->prog, g, ph);
	if (lowered == -2) {
		urc_dtable_free(&t);
		int e = urc_diag_error(c->diag, ph->span,
		                       "this %s phase cannot be compiled: urc handles at most %d plans in a library and %d settings in a guideline",
		                       phase_name(g, ph), URC_MAX_SET - 1, URC_MAX_SET);
		urc_diag_help(c->diag, e, "split the plans or settings across libraries");
		return;
	}
	if (lowered != 0) {
		urc_dtable_free(&t);
		/* What cannot be lowered cannot be built: say so now. */
		int e = urc_diag_error(c->diag, ph->span,
		                       "this %s phase is too complex to compile: it tests more than %d different values, "
		                       "or its conditions combine into more than %d cases",
		                       phase_name(g, ph), URC_MAX_AXES, URC_MAX_BOXES);
		urc_diag_help(c->diag, e, "split long conditions into several simpler rules");
		return;
	}
	for (size_t k = 0; k < t.nrules; k++) {
		double pt[URC_MAX_AXES];
		if (t.regions[k].n && urc_dtable_witness(&t, k, pt))
			continue;
		if (fires_exactly(&t, k) == 0)
			report_unreachable(c, &t, k);
	}
	/* The gap only matters without 'otherwise', which decides the rest. */
	if (!t.otherwise)
		report_gap(c, &t, g, ph);
	urc_dtable_free(&t);
}
