/* check_phases.c — the inside of a guideline's phases: 'require' lines,
 * rules and 'otherwise', their conditions (names, units, ranges) and
 * outcomes (visits and days within the window and the frequency). A phase
 * that passes goes on to the analysis of its rules (analyze.c). */
#include "check.h"

#include <math.h>
#include <string.h>

/* Converts a bare number to unit, or reports a unit of another dimension.
 * Returns 1 when q is now in a unit of dimension dim. */
static int unify(urc_checker *c, urc_quantity *q, urc_unit unit,
                 const char *subject)
{
	if (q->unit == URC_UNIT_NONE) {
		q->unit = unit;
		return 1;
	}
	if (urc_unit_dim(q->unit) == urc_unit_dim(unit))
		return 1;
	int e = urc_diag_error(c->diag, q->span, "'%s' is measured in %s, not in %s", subject,
	                       urc_dim_desc(urc_unit_dim(unit)), urc_unit_name(q->unit, true));
	if (unit != URC_UNIT_NONE)
		urc_diag_help(c->diag, e, "write the number in %s", urc_dim_desc(urc_unit_dim(unit)));
	return 0;
}

static int check_compare(urc_checker *c, urc_cond *k)
{
	urc_quantity *q = &k->qty;
	const char *fname = urc_feature_name(k->feature);
	const char *subject = fname;
	switch (k->feature) {
	case URC_FEATURE_VISITS_USED:
	case URC_FEATURE_VISITS_REQUESTED:
		if (!unify(c, q, URC_UNIT_VISITS, subject))
			return 0;
		break;
	case URC_FEATURE_REQUEST_NUMBER:
		if (q->unit != URC_UNIT_NONE && q->unit != URC_UNIT_REQUESTS) {
			int e = urc_diag_error(c->diag, q->span,
			                       "'request number' counts requests; it has no unit of %s",
			                       urc_unit_name(q->unit, true));
			urc_diag_help(c->diag, e, "write e.g. 'request number >= 3'");
			return 0;
		}
		q->unit = URC_UNIT_NONE;
		break;
	case URC_FEATURE_DAYS_SINCE_START:
		if (!unify(c, q, URC_UNIT_DAYS, subject))
			return 0;
		break;
	case URC_FEATURE_AGE:
		if (q->unit == URC_UNIT_NONE) {
			int e = urc_diag_error(c->diag, q->span, "say whether this age is in years or months");
			urc_diag_help(c->diag, e, "write e.g. 'age < 3 years' or 'age < 6 months'");
			return 0;
		}
		if (!unify(c, q, URC_UNIT_YEARS, subject))
			return 0;
		break;
	case URC_FEATURE_COUNT:
		return 0;
	}
	if (q->value < 0) {
		urc_diag_error(c->diag, q->span, "'%s' is never negative", fname);
		return 0;
	}
	if (k->feature != URC_FEATURE_AGE && !q->is_int) {
		urc_diag_error(c->diag, q->span, "'%s' is a whole number", fname);
		return 0;
	}
	return 1;
}

static urc_measure *measure_of(urc_checker *c, urc_cond *k)
{
	k->measure = urc_check_lookup(c, &c->measures, k->name, "measure");
	return k->measure;
}

static int check_improved(urc_checker *c, urc_cond *k)
{
	urc_measure *m = measure_of(c, k);
	if (!m)
		return 0;
	if (!m->better) {
		int e = urc_diag_error(c->diag, k->name.span,
		                       "'%s' has no direction of improvement, so 'improved' means nothing for it",
		                       m->id.s);
		urc_diag_note(c->diag, e, m->id.span, "'%s' is declared here", m->id.s);
		urc_diag_help(c->diag, e, "add 'better higher' or 'better lower' to its catalogue entry");
		return 0;
	}
	if (!m->lo.present || m->lo.unit == URC_UNIT_NONE)
		return 0; /* reported at the declaration */
	if (k->improve == URC_IMPROVE_ANY)
		return 1;
	double span = m->hi.value - m->lo.value;
	if (k->threshold != URC_THRESHOLD_NUMBER) {
		urc_quantity *t = k->threshold == URC_THRESHOLD_MCID ? &m->mcid : &m->mdc;
		const char *what = k->threshold == URC_THRESHOLD_MCID ? "MCID" : "MDC";
		if (!t->present) {
			if (m->damaged)
				return 0; /* its entry had a syntax error: said already */
			int e = urc_diag_error(c->diag, k->threshold_span,
			                       "'%s' has no %s in its catalogue entry", m->id.s, what);
			urc_diag_note(c->diag, e, m->id.span, "'%s' is declared here", m->id.s);
			urc_diag_help(c->diag, e,
			              "add '%s' with its source to the catalogue, or write the threshold as a number with a 'cite'",
			              k->threshold == URC_THRESHOLD_MCID ? "mcid" : "mdc");
			return 0;
		}
		k->qty = *t;
		k->qty.span = k->threshold_span;
		return 1;
	}
	urc_quantity *q = &k->qty;
	if (q->unit == URC_UNIT_PERCENT) {
		if (q->value <= 0 || q->value > 100) {
			urc_diag_error(c->diag, q->span,
			               "a relative change must be more than 0 and at most 100 percent");
			return 0;
		}
		return 1;
	}
	if (!unify(c, q, m->lo.unit, m->id.s))
		return 0;
	if (q->value < 0) {
		int e = urc_diag_error(c->diag, q->span, "an improvement cannot be negative");
		urc_diag_help(c->diag, e, "'improved' already follows the measure's direction (%s is better)",
		              m->better > 0 ? "higher" : "lower");
		return 0;
	}
	if (q->value > span) {
		int e = urc_diag_error(c->diag, q->span,
		                       "a change of %g %s is more than the whole range of '%s'",
		                       q->value, urc_unit_name(q->unit, q->value != 1), m->id.s);
		urc_diag_note(c->diag, e, m->range_span, "'%s' ranges from %g to %g %s", m->id.s,
		              m->lo.value, m->hi.value, urc_unit_name(m->hi.unit, true));
		return 0;
	}
	return 1;
}

static int check_score(urc_checker *c, urc_cond *k)
{
	urc_measure *m = measure_of(c, k);
	if (!m || !m->lo.present || m->lo.unit == URC_UNIT_NONE)
		return 0;
	if (!unify(c, &k->qty, m->lo.unit, m->id.s))
		return 0;
	double v = k->qty.value;
	if (v < m->lo.value || v > m->hi.value) {
		int e = urc_diag_error(c->diag, k->qty.span,
		                       "%g %s is outside the range of '%s'", v,
		                       urc_unit_name(k->qty.unit, v != 1), m->id.s);
		urc_diag_note(c->diag, e, m->range_span, "'%s' ranges from %g to %g %s", m->id.s,
		              m->lo.value, m->hi.value, urc_unit_name(m->hi.unit, true));
		return 0;
	}
	return 1;
}

static int check_setting_cond(urc_checker *c, urc_guideline *g, urc_cond *k)
{
	k->setting = urc_check_lookup(c, &c->settings, k->name, "setting");
	if (!k->setting)
		return 0;
	for (uint32_t i = 0; i < g->settings.n; i++)
		if (strcmp(g->settings.v[i].s, k->name.s) == 0)
			return 1;
	int e = urc_diag_error(c->diag, k->name.span,
	                       "guideline '%s' does not cover the '%s' setting, so this test is always %s",
	                       g->id.s, k->name.s, k->negated ? "true" : "false");
	if (g->settings.n)
		urc_diag_note(c->diag, e, g->settings.v[0].span, "its settings are listed here");
	return 0;
}

/* Checks a condition tree; returns 1 when every part of it is sound. */
static int check_cond(urc_checker *c, urc_guideline *g, urc_cond *k)
{
	switch (k->kind) {
	case URC_COND_AND:
	case URC_COND_OR: {
		int a = check_cond(c, g, k->lhs);
		int b = check_cond(c, g, k->rhs);
		return a && b;
	}
	case URC_COND_NOT: return check_cond(c, g, k->lhs);
	case URC_COND_COMPARE: return check_compare(c, k);
	case URC_COND_IMPROVED: return check_improved(c, k);
	case URC_COND_SCORE: return check_score(c, k);
	case URC_COND_SETTING: return check_setting_cond(c, g, k);
	case URC_COND_PLAN:
		k->plan = urc_check_lookup(c, &c->plans, k->name, "plan");
		return k->plan != NULL;
	}
	return 0;
}

/* An approval must also fit each setting: a first request its
 * authorization length, a later one its concurrent-review period. */
static void check_setting_limits(urc_checker *c, urc_guideline *g, urc_phase *ph,
                                 urc_rule_outcome *o, double days)
{
	for (uint32_t i = 0; i < g->settings.n; i++) {
		urc_setting *s = g->setting_refs ? g->setting_refs[i] : NULL;
		if (!s || !s->max_auth.present)
			continue;
		int first = ph == &g->initial;
		const urc_quantity *q = !first && s->review_every.present ? &s->review_every : &s->max_auth;
		double lim = urc_check_base(q);
		if (days <= lim)
			continue;
		/* A window already past the setting's limit was reported once. */
		double overall = urc_check_base(&s->max_auth);
		if (s->review_every.present && urc_check_base(&s->review_every) > overall)
			overall = urc_check_base(&s->review_every);
		if (g->auth.window_max.present && urc_check_base(&g->auth.window_max) > overall)
			continue;
		char shown[64];
		urc_quantity_format(&o->days, shown, sizeof shown);
		int e = urc_diag_error(c->diag, o->days.span,
		                       "an approval over %s is longer than the %g days the %s setting allows %s",
		                       shown, lim, s->id.s,
		                       first ? "a first authorization" :
		                       q == &s->review_every ? "between concurrent reviews" : "an authorization");
		urc_diag_note(c->diag, e, q->span, "the %s setting's limit is set here", s->id.s);
		return;
	}
}

static void check_approve(urc_checker *c, urc_guideline *g, urc_phase *ph, urc_rule_outcome *o)
{
	urc_quantity *v = &o->visits, *d = &o->days;
	if (v->unit != URC_UNIT_NONE && v->unit != URC_UNIT_VISITS) {
		int e = urc_diag_error(c->diag, v->span, "an approval grants visits, not %s",
		                       urc_unit_name(v->unit, true));
		urc_diag_help(c->diag, e, "write e.g. 'approve up to 8 visits over 30 days'");
		return;
	}
	v->unit = URC_UNIT_VISITS;
	if (!v->is_int || v->value < 1) {
		urc_diag_error(c->diag, v->span, "an approval grants a whole number of visits, 1 or more");
		return;
	}
	if (d->unit == URC_UNIT_NONE) {
		int e = urc_diag_error(c->diag, d->span, "say how long the approval lasts, in days or weeks");
		urc_diag_help(c->diag, e, "write e.g. 'over %g days'", d->value);
		return;
	}
	if (urc_unit_dim(d->unit) != URC_DIM_TIME) {
		int e = urc_diag_error(c->diag, d->span, "an approval lasts a number of days, not %s",
		                       urc_unit_name(d->unit, true));
		if (d->unit == URC_UNIT_MONTHS)
			urc_diag_help(c->diag, e, "months differ in length: give it in days or weeks");
		return;
	}
	double days = urc_check_base(d);
	if (days < 1 || days != floor(days)) {
		urc_diag_error(c->diag, d->span, "an approval lasts a whole number of days, 1 or more");
		return;
	}
	urc_auth *a = &g->auth;
	char buf[64], wbuf[64];
	if (a->window_max.present && urc_unit_dim(a->window_max.unit) == URC_DIM_TIME) {
		double hi = urc_check_base(&a->window_max);
		if (days > hi) {
			urc_quantity_format(d, buf, sizeof buf);
			urc_quantity_format(&a->window_max, wbuf, sizeof wbuf);
			int e = urc_diag_error(c->diag, d->span,
			                       "an approval over %s goes past the guideline's window of %s",
			                       buf, wbuf);
			urc_diag_note(c->diag, e, a->window_max.span, "the window is set here");
			return;
		}
		if (a->window_min.present && urc_unit_dim(a->window_min.unit) == URC_DIM_TIME &&
		    urc_check_base(&a->window_min) <= hi && days < urc_check_base(&a->window_min)) {
			urc_quantity_format(d, buf, sizeof buf);
			urc_quantity_format(&a->window_min, wbuf, sizeof wbuf);
			int e = urc_diag_error(c->diag, d->span,
			                       "an approval over %s is shorter than the guideline's shortest window of %s",
			                       buf, wbuf);
			urc_diag_note(c->diag, e, a->window_min.span, "the window is set here");
			return;
		}
	}
	/* Only an approval inside the window is worth checking per setting:
	 * one past it was reported above. */
	check_setting_limits(c, g, ph, o, days);
	urc_quantity *f = &a->frequency;
	if (f->present && f->is_int && f->value >= 1 &&
	    (a->frequency_per == URC_UNIT_DAYS || a->frequency_per == URC_UNIT_WEEKS)) {
		double per = a->frequency_per == URC_UNIT_WEEKS ? 7 : 1;
		double allowed = floor(f->value * days / per + 1e-9);
		if (v->value > allowed) {
			urc_quantity_format(d, buf, sizeof buf);
			int e = urc_diag_error(c->diag, o->span,
			                       "%g visits over %s is more than the frequency allows (%g visits at %g per %s)",
			                       v->value, buf, allowed, f->value,
			                       urc_unit_name(a->frequency_per, false));
			urc_diag_note(c->diag, e, a->frequency_span, "the frequency is set here");
			urc_diag_help(c->diag, e, "approve at most %g visits, or a longer period", allowed);
		}
	}
}

static void check_outcome(urc_checker *c, urc_guideline *g, urc_phase *ph, urc_rule_outcome *o)
{
	switch (o->kind) {
	case URC_OUTCOME_APPROVE:
		check_approve(c, g, ph, o);
		break;
	case URC_OUTCOME_REFER:
	case URC_OUTCOME_PEND:
		if (o->text && !o->text[0]) {
			int e = urc_diag_error(c->diag, o->span,
			                       o->kind == URC_OUTCOME_REFER
			                           ? "a referral needs a reason a physician reviewer can act on"
			                           : "a pend needs to say what information is missing");
			urc_diag_help(c->diag, e, "write the text inside the quotes");
		}
		break;
	}
}

/* How many scores of measure m the earlier 'require' lines of a phase
 * guarantee: two when they ask for a change's two ends, else one, or
 * none at all. */
static int required_scores(urc_phase *ph, urc_rule *before, urc_measure *m)
{
	int best = 0;
	for (urc_rule *q = ph->first; q != before; q = q->next) {
		if (q->kind != URC_ITEM_REQUIRE || q->measure != m)
			continue;
		int n = (q->moments & URC_MOMENT_PREVIOUS) ||
		        ((q->moments & URC_MOMENT_INTAKE) && (q->moments & URC_MOMENT_LATEST)) ? 2 : 1;
		if (n > best)
			best = n;
	}
	return best;
}

/* How many scores of each measure condition k needs (a change needs two). */
static void scores_needed(const urc_cond *k, urc_measure **ms, int *need, size_t *n, size_t cap)
{
	if (!k)
		return;
	if (k->kind == URC_COND_AND || k->kind == URC_COND_OR || k->kind == URC_COND_NOT) {
		scores_needed(k->lhs, ms, need, n, cap);
		scores_needed(k->rhs, ms, need, n, cap);
		return;
	}
	if ((k->kind != URC_COND_IMPROVED && k->kind != URC_COND_SCORE) || !k->measure)
		return;
	int want = k->kind == URC_COND_IMPROVED || k->moment == URC_MOMENT_PREVIOUS ? 2 : 1;
	size_t i = 0;
	while (i < *n && ms[i] != k->measure)
		i++;
	if (i == *n) {
		if (*n == cap)
			return;
		ms[(*n)++] = k->measure;
		need[i] = 0;
	}
	if (want > need[i])
		need[i] = want;
}

/* A rule whose scores no earlier 'require' guarantees is skipped for a
 * case without them, which then passes to the rules below, and an
 * 'otherwise' may approve it. Warn, so that the author pends such cases
 * on purpose. A rule testing several measures (one or another) is fine
 * when any one of them is guaranteed. */
static void check_required(urc_checker *c, urc_phase *ph, urc_rule *r)
{
	urc_measure *ms[16];
	int need[16];
	size_t n = 0;
	scores_needed(r->when, ms, need, &n, 16);
	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (required_scores(ph, r, ms[i]) >= need[i])
			return;
	char names[256] = "";
	for (size_t i = 0; i < n; i++) {
		size_t at = strlen(names);
		snprintf(names + at, sizeof names - at, "%s%s", i == 0 ? "" : i == n - 1 ? " or " : ", ",
		         ms[i]->id.s);
	}
	int some = required_scores(ph, r, ms[0]) > 0;
	int e;
	if (some)
		e = urc_diag_warning(c->diag, r->name.span,
		                     "rule \"%s\" needs two %s scores (a change, or the previous score), but the 'require' before it asks for one",
		                     r->name.s, ms[0]->id.s);
	else
		e = urc_diag_warning(c->diag, r->name.span,
		                     "rule \"%s\" tests %s, but no 'require' before it asks for %s",
		                     r->name.s, names, n > 1 ? "any of these scores" : "its scores");
	urc_diag_help(c->diag, e,
	              "write 'require %s%s' above it: a request without the scores is then pended instead of passing to the rules below",
	              ms[0]->id.s, need[0] > 1 ? " at intake and latest" : "");
}

static void check_phase(urc_checker *c, urc_guideline *g, urc_phase *ph)
{
	/* Warnings promoted by -Werror must not hide the analysis. */
	int before = c->diag->errors - c->diag->promoted;
	int sound = 1; /* every condition resolved: the analysis may run */
	urc_rule *otherwise = NULL;
	for (urc_rule *r = ph->first; r; r = r->next) {
		if (otherwise) {
			int e = urc_diag_error(c->diag, r->span,
			                       r->kind == URC_ITEM_OTHERWISE ? "this phase has two 'otherwise' lines"
			                                                     : "nothing after 'otherwise' is ever tried");
			urc_diag_note(c->diag, e, otherwise->span, "'otherwise' decides every request that reaches it");
			urc_diag_help(c->diag, e, r->kind == URC_ITEM_OTHERWISE ? "remove one of them"
			                                                        : "move 'otherwise' to the end of the phase");
			otherwise = NULL; /* one message per misplaced 'otherwise' */
			continue;
		}
		switch (r->kind) {
		case URC_ITEM_REQUIRE:
			r->measure = urc_check_lookup(c, &c->measures, r->name, "measure");
			sound &= r->measure != NULL;
			break;
		case URC_ITEM_RULE:
			for (urc_rule *q = ph->first; q != r; q = q->next)
				if (q->kind == URC_ITEM_RULE && strcmp(q->name.s, r->name.s) == 0) {
					int e = urc_diag_error(c->diag, r->name.span,
					                       "two rules of this phase are named \"%s\"", r->name.s);
					urc_diag_note(c->diag, e, q->name.span, "the first is here");
					urc_diag_help(c->diag, e, "names tell reviewers which rule decided: make each unique");
					break;
				}
			if (check_cond(c, g, r->when))
				check_required(c, ph, r);
			else
				sound = 0;
			check_outcome(c, g, ph, &r->outcome);
			break;
		case URC_ITEM_OTHERWISE:
			check_outcome(c, g, ph, &r->outcome);
			otherwise = r;
			break;
		}
	}
	if (ph->damaged)
		return; /* a syntax error lost part of it: no cascade */
	int deciding = 0;
	for (urc_rule *r = ph->first; r; r = r->next)
		deciding |= r->kind != URC_ITEM_REQUIRE;
	if (!deciding) {
		int e = urc_diag_error(c->diag, ph->span,
		                       ph->first ? "this phase has only 'require' lines, so it decides nothing when the scores are there"
		                                 : "this phase has no rules");
		urc_diag_help(c->diag, e, "add rules, or at least 'otherwise' with an outcome");
		return;
	}
	/* Names a failed 'use' would have declared are not reported, so the
	 * error count alone cannot tell that every name resolved. */
	if (c->diag->errors - c->diag->promoted == before && sound)
		urc_analyze_phase(c, g, ph);
}

void urc_check_phases(urc_checker *c, urc_guideline *g)
{
	if (g->initial.present)
		check_phase(c, g, &g->initial);
	if (g->continued.present)
		check_phase(c, g, &g->continued);
}
