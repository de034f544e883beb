/* eval.c — binding a case to a table and deciding it.
 * Binding does the per-case work that needs names: routing by diagnosis,
 * discipline and setting, resolving the plan and the measures, ordering
 * each measure's scores by date. Deciding then only reads numbers: it
 * computes the phase's columns and scans its rows, first match wins. */
#include "table.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define NONE UINT32_MAX

static const char *const disciplines[] = {"PT", "OT", "SLP"};

static int set_err(urc_case_error *e, const urc_case *c, const char *field,
                   const char *fmt, const char *a, const char *b)
{
	snprintf(e->case_id, sizeof e->case_id, "%s", c->id);
	snprintf(e->field, sizeof e->field, "%s", field);
	snprintf(e->message, sizeof e->message, fmt, a, b);
	e->line = c->line;
	return -1;
}

/* First code claim equal to code, or NONE (codes are sorted). */
static uint32_t find_code(const urc_table *t, const char *code, uint32_t prefix)
{
	uint32_t lo = 0, hi = t->h->codes.count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int d = strcmp(urc_str(t, t->codes[mid].code), code);
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (uint32_t i = lo; i < t->h->codes.count; i++) {
		if (strcmp(urc_str(t, t->codes[i].code), code) != 0)
			break;
		if (!prefix || t->codes[i].prefix)
			return i;
	}
	return NONE;
}

/* Whether guideline g covers discipline d and setting s (its bit). */
static int covers(const urc_table *t, uint32_t g, uint32_t d, uint32_t setting,
                  uint32_t *bit)
{
	const urt_guideline *gl = &t->guidelines[g];
	if (gl->discipline != d)
		return 0;
	for (uint32_t i = 0; i < gl->nsettings; i++)
		if (t->refs[gl->first_setting + i] == setting) {
			*bit = i;
			return 1;
		}
	return 0;
}

/* Routes to the guideline claiming one of the case's codes (exactly, or
 * by a prefix), for its discipline and setting. */
static uint32_t route(const urc_table *t, const urc_case *c, uint32_t d,
                      uint32_t setting, uint32_t *bit)
{
	for (int i = 0; i < c->ndiagnoses; i++) {
		const char *code = c->diagnoses[i];
		char buf[URC_CASE_CODE_MAX];
		snprintf(buf, sizeof buf, "%s", code);
		for (size_t len = strlen(buf); len >= 1; len--) {
			buf[len] = '\0';
			if (buf[len - 1] == '.')
				continue;
			int exact = len == strlen(code);
			uint32_t k = find_code(t, buf, !exact);
			for (; k != NONE && k < t->h->codes.count &&
			       strcmp(urc_str(t, t->codes[k].code), buf) == 0; k++) {
				if ((exact || t->codes[k].prefix) && covers(t, t->codes[k].guideline, d, setting, bit))
					return t->codes[k].guideline;
			}
		}
	}
	return NONE;
}

static uint32_t find_named(const urc_table *t, const void *base, size_t size,
                           uint32_t count, const char *name)
{
	for (uint32_t i = 0; i < count; i++) {
		uint32_t off = *(const uint32_t *)((const char *)base + i * size);
		if (strcmp(urc_str(t, off), name) == 0)
			return i;
	}
	return NONE;
}

int urc_bind(const urc_table *t, const urc_case *c, urc_bound *b,
             urc_case_error *err)
{
	memset(b, 0, offsetof(urc_bound, m));
	b->c = c;
	b->received = c->received;
	b->start = c->start;
	b->request_number = c->request_number;
	b->visits_requested = c->visits_requested;
	b->review = c->review;
	b->guideline = b->phase = b->plan = NONE;
	b->nm = 0;
	uint32_t d = NONE;
	for (uint32_t i = 0; i < 3; i++)
		if (strcmp(c->discipline, disciplines[i]) == 0)
			d = i;
	if (d == NONE)
		return set_err(err, c, "request.discipline", "'%s' is not a discipline: PT, OT or SLP%s",
		               c->discipline, "");
	uint32_t setting = find_named(t, t->settings, sizeof *t->settings,
	                              t->h->settings.count, c->setting);
	if (setting == NONE)
		return set_err(err, c, "request.setting", "unknown setting '%s'%s", c->setting, "");
	uint32_t nplans = t->h->plans.count;
	if (c->plan[0]) {
		b->plan = find_named(t, t->plans, sizeof *t->plans, nplans, c->plan);
		if (b->plan == NONE)
			return set_err(err, c, "member.plan", "unknown plan '%s'%s", c->plan, "");
	}
	b->plan_bit = 1ull << (b->plan == NONE ? nplans : b->plan);
	for (int i = 0; i < c->nscores; i++) {
		const urc_case_score *s = &c->scores[i];
		uint32_t m = find_named(t, t->measures, sizeof *t->measures,
		                        t->h->measures.count, s->measure);
		char field[32];
		snprintf(field, sizeof field, "scores[%d].measure", i);
		if (m == NONE)
			return set_err(err, c, field, "unknown measure '%s'%s", s->measure, "");
		const urt_measure *me = &t->measures[m];
		if (strcmp(urc_str(t, me->unit), "levels") == 0 && s->value != floor(s->value)) {
			snprintf(field, sizeof field, "scores[%d].score", i);
			return set_err(err, c, field, "%s is scored in whole levels, not %s", s->measure,
			               "fractions");
		}
		if (!(s->value >= me->lo && s->value <= me->hi)) {
			char msg[160];
			snprintf(msg, sizeof msg, "%g is outside the range of %s (%g to %g %s)", s->value,
			         s->measure, me->lo, me->hi, urc_str(t, me->unit));
			snprintf(field, sizeof field, "scores[%d].score", i);
			return set_err(err, c, field, "%s%s", msg, "");
		}
	}
	/* Group scores by measure, ordered by date (stable for equal dates). */
	for (int i = 0; i < c->nscores; i++) {
		uint32_t m = find_named(t, t->measures, sizeof *t->measures,
		                        t->h->measures.count, c->scores[i].measure);
		int k = 0;
		while (k < b->nm && b->m[k].measure != m)
			k++;
		if (k < b->nm)
			continue;
		if (b->nm == URC_MAX_MEASURES_PER_CASE) {
			char field[32];
			snprintf(field, sizeof field, "scores[%d].measure", i);
			return set_err(err, c, field, "a case may report at most 8 different measures; '%s' is a ninth%s",
			               c->scores[i].measure, "");
		}
		urc_bound_measure *bm = &b->m[b->nm++];
		bm->measure = m;
		bm->n = 0;
		int first = -1, last = -1, prev = -1;
		for (int j = 0; j < c->nscores; j++) {
			if (strcmp(c->scores[j].measure, c->scores[i].measure) != 0)
				continue;
			bm->n++;
			urc_date dt = c->scores[j].date;
			if (first < 0 || dt < c->scores[first].date)
				first = j;
			if (last < 0 || dt >= c->scores[last].date) {
				prev = last;
				last = j;
			} else if (prev < 0 || dt >= c->scores[prev].date) {
				prev = j;
			}
		}
		bm->intake = c->scores[first].value;
		bm->latest = c->scores[last].value;
		bm->previous = bm->n >= 2 && prev >= 0 ? c->scores[prev].value : NAN;
	}
	b->features[URT_FEATURE_VISITS_USED] = c->visits_used;
	b->features[URT_FEATURE_VISITS_REQUESTED] = c->visits_requested;
	b->features[URT_FEATURE_REQUEST_NUMBER] = c->request_number;
	/* Counted to the first day this request asks for. */
	b->features[URT_FEATURE_DAYS_SINCE_START] = (double)(c->start - c->start_of_care);
	b->features[URT_FEATURE_AGE_MONTHS] = (c->present & URC_HAS_AGE) ? c->age_months : NAN;

	uint32_t bit = 0;
	b->guideline = route(t, c, d, setting, &bit);
	if (b->guideline == NONE)
		return 0;
	b->setting_bit = bit;
	const urt_guideline *g = &t->guidelines[b->guideline];
	uint32_t want = c->request_number <= 1 ? 0 : 1;
	b->phase = g->phase[want] != URT_NONE ? g->phase[want] : g->phase[1 - want];
	return 0;
}

static const urc_bound_measure *scores_of(const urc_bound *b, uint32_t m)
{
	for (int i = 0; i < b->nm; i++)
		if (b->m[i].measure == m)
			return &b->m[i];
	return NULL;
}

/* No scores of a measure: what deciding reads for it then. */
static const urc_bound_measure no_scores = { URT_NONE, 0, NAN, NAN, NAN };

/* The score of s at moment at (URC_AT_*: its place in doubles). */
static inline double score_at(const urc_bound_measure *s, unsigned at)
{
	return *(const double *)((const char *)s + at * sizeof(double));
}

_Static_assert(offsetof(urc_bound_measure, intake) == URC_AT_INTAKE * sizeof(double) &&
               offsetof(urc_bound_measure, previous) == URC_AT_PREVIOUS * sizeof(double) &&
               offsetof(urc_bound_measure, latest) == URC_AT_LATEST * sizeof(double),
               "ops name a moment by their place in urc_bound_measure");

/* The change from the score at moment at to the latest, positive when
 * better (better: +1 or -1); NaN with fewer than two scores. */
static inline double change_of(const urc_bound_measure *s, unsigned at, double better)
{
	return s->n >= 2 ? (s->latest - score_at(s, at)) * better : NAN;
}

/* The same in percent of the earlier score. */
static inline double pct_of(const urc_bound_measure *s, unsigned at, double better)
{
	double from = score_at(s, at);
	double change = (s->latest - from) * better;
	if (s->n < 2)
		return NAN;
	/* Any gain from a score of 0 counts as a large relative one. */
	if (from == 0)
		return change > 0 ? URC_PCT_FROM_ZERO : (change < 0 ? -URC_PCT_FROM_ZERO : 0);
	return change * 100 / fabs(from);
}

/* Scores are written in decimals, and binary arithmetic is not: 0.50 -
 * 0.40 comes out as 0.0999..., which would miss a threshold of 0.10 the
 * author wrote. Changes are rounded to nine decimals, far below any
 * clinical precision, so that they compare as written. (Deciding compares
 * the unrounded change with thresholds moved by half a step instead, the
 * same comparison: see table_index.c.) */
double urc_column(const urc_table *t, const urc_bound *b, const urt_axis *a)
{
	const urc_bound_measure *s = NULL;
	if (a->kind == URT_AXIS_CHANGE || a->kind == URT_AXIS_CHANGE_PCT || a->kind == URT_AXIS_SCORE) {
		s = scores_of(b, a->measure);
		if (!s)
			s = &no_scores;
	}
	double v;
	switch (a->kind) {
	case URT_AXIS_FEATURE:
		return b->features[a->feature];
	case URT_AXIS_SCORE:
		return score_at(s, urc_moment_at(a->moment));
	case URT_AXIS_CHANGE:
		v = change_of(s, urc_moment_at(a->moment), t->measures[a->measure].better);
		break;
	case URT_AXIS_CHANGE_PCT:
		v = pct_of(s, urc_moment_at(a->moment), t->measures[a->measure].better);
		break;
	default:
		return NAN; /* set axes are tested by bits */
	}
	return fabs(v) < 1e15 ? round(v * URC_CHANGE_SCALE) / URC_CHANGE_SCALE : v;
}

const char *urc_outcome_name(urc_outcome o)
{
	switch (o) {
	case URC_APPROVED_FULL: return "approved in full";
	case URC_APPROVED_PART: return "approved in part";
	case URC_REFERRED: return "referred to physician review";
	case URC_PENDED: return "pended for missing information";
	case URC_NO_GUIDELINE: return "no guideline";
	}
	return "?";
}

static void approve(const urc_bound *b, urc_decision *d, uint32_t visits, uint32_t days)
{
	int req = b->visits_requested;
	d->visits_granted = (int)visits < req ? (int)visits : req;
	d->outcome = d->visits_granted >= req ? URC_APPROVED_FULL : URC_APPROVED_PART;
	d->start = b->start;
	d->end = b->start + (urc_date)days - 1;
}

/* Runs phase p's program on b: returns the deciding item (the phase's
 * nitems when none), with the items before it that failed for want of a
 * value in *missing (the first 64). */
static uint32_t run_program(const urc_table *t, uint32_t p, const urc_bound *b, uint64_t *missing)
{
	const struct urc_phase_program *pg = &t->programs[p];
	const urc_bound_measure *slots[URC_MAX_SLOTS];
	for (uint32_t i = 0; i < pg->nslots; i++) {
		const urc_bound_measure *s = scores_of(b, t->slot_measure[pg->first_slot + i]);
		slots[i] = s ? s : &no_scores;
	}
	uint64_t setting_bits = 1ull << b->setting_bit;
	const struct urc_op *ops = &t->ops[pg->first_op];
	const struct urc_op *op = ops;
	*missing = 0;
	for (;;) {
		double v;
		int ok;
		switch (op->kind) {
#define TESTS(src, value)                                                         \
		case URC_OP_##src##_GE: v = (value); ok = v >= op->lo; break;            \
		case URC_OP_##src##_LE: v = (value); ok = v <= op->hi; break;            \
		case URC_OP_##src##_IN: v = (value); ok = op->lo <= v && v <= op->hi; break;
		TESTS(FEATURE, b->features[op->arg])
		TESTS(SCORE, score_at(slots[op->arg >> 2], op->arg & 3))
		TESTS(CHANGE, change_of(slots[op->arg >> 2], op->arg & 3, op->better))
		TESTS(PCT, pct_of(slots[op->arg >> 2], op->arg & 3, op->better))
#undef TESTS
		case URC_OP_REQUIRE:
			if (slots[op->arg >> 2]->n < op->lo)
				return op->item;
			op++;
			continue;
		case URC_OP_SETTING:
		case URC_OP_PLAN:
			v = 0;
			ok = (op->bits & (op->kind == URC_OP_SETTING ? setting_bits : b->plan_bit)) != 0;
			break;
		case URC_OP_MATCH:
			return op->item;
		case URC_OP_END:
			return t->phases[p].nitems;
		default: /* ops are built at load (table_index.c): no other kind */
			__builtin_unreachable();
		}
		if (ok) {
			op++;
			continue;
		}
		if (v != v && op->item < 64) /* NaN: the case lacks it */
			*missing |= 1ull << op->item;
		op = ops + op->fail;
	}
}

void urc_decide(const urc_table *t, const urc_bound *b, urc_decision *d)
{
	d->guideline = b->guideline;
	d->phase = b->phase;
	d->item = NONE;
	d->auto_approved = 0;
	d->visits_granted = 0;
	d->visits_requested = b->visits_requested;
	d->start = d->end = 0;
	d->due = b->received + (b->review == URC_REVIEW_EXPEDITED ? 3 : 7);
	d->cite = "";
	d->ntrace = 0;
	d->first_item = 0;
	d->missing = 0;
	if (b->guideline == NONE) {
		d->outcome = URC_NO_GUIDELINE;
		d->reason = "no guideline covers this discipline, setting and diagnosis";
		return;
	}
	const urt_guideline *g = &t->guidelines[b->guideline];
	/* The plan approves early requests without review, but never more
	 * than the largest approval of the request's own phase (worked out at
	 * build). */
	if (b->plan != NONE && (uint32_t)b->request_number <= t->plans[b->plan].auto_approve) {
		int ph_kind = b->phase != NONE ? (int)t->phases[b->phase].kind : 0;
		if (g->auto_visits[ph_kind] > 0) {
			approve(b, d, g->auto_visits[ph_kind], g->auto_days[ph_kind]);
			d->auto_approved = 1;
			d->reason = "the member's plan approves this request without clinical review";
			return;
		}
	}
	if (b->phase == NONE) {
		d->outcome = URC_REFERRED;
		d->reason = "the guideline has no phase for this request";
		return;
	}
	const urt_phase *ph = &t->phases[b->phase];
	uint64_t missing;
	uint32_t decided = run_program(t, b->phase, b, &missing);
	/* The walk: every item up to the deciding one. */
	uint32_t n = decided < ph->nitems ? decided + 1 : ph->nitems;
	d->ntrace = n < URC_MAX_TRACE ? n : URC_MAX_TRACE;
	d->first_item = ph->first_item;
	d->missing = missing;
	if (decided < ph->nitems) {
		uint32_t idx = ph->first_item + decided;
		const struct urc_verdict *v = &t->verdicts[idx];
		d->item = idx;
		d->cite = v->cite;
		d->reason = v->reason;
		if (v->approve)
			approve(b, d, v->visits, v->days);
		else
			d->outcome = v->outcome;
		return;
	}
	/* Only a case lacking values that the rules test gets here: refer it,
	 * never approve it by default. */
	d->outcome = URC_REFERRED;
	d->reason = "no rule of the guideline decided this request (scores it tests are missing)";
}
