/* suggest_cases.c — proposes regression cases from the decision tables.
 * For each rule, the analysis's witness (a request the rule decides and no
 * earlier rule does) becomes a case; moving one tested value to a bound of
 * the rule's interval, and just past it, gives the boundary cases. Each
 * case is decided by the runtime before it is printed, so its 'expect' is
 * what the guideline does now, and a case that does not reach the rule it
 * was built for is printed as such: an author checks every one. */
#include "suggest_cases.h"

#include <math.h>
#include <string.h>

#include "lower.h"

enum { RECEIVED = 20514 }; /* 2026-03-02 */

/* Scores of one measure for a case: NaN where the point says nothing. */
typedef struct scores {
	urc_measure *m;
	double intake, previous, latest;
} scores;

static scores *scores_for(scores *s, int *n, urc_measure *m)
{
	for (int i = 0; i < *n; i++)
		if (s[i].m == m)
			return &s[i];
	s[*n] = (scores){m, NAN, NAN, NAN};
	return &s[(*n)++];
}

static double clamp_score(const urc_measure *m, double v)
{
	if (v < m->lo.value)
		v = m->lo.value;
	if (v > m->hi.value)
		v = m->hi.value;
	if (m->lo.unit == URC_UNIT_LEVELS)
		return round(v);
	return round(v * 100) / 100;
}

/* Fills case c with a request at point pt of table t (phase ph). */
static void build_case(urc_case *c, const urc_dtable *t, const double *pt, urc_guideline *g,
                       urc_phase *ph, const char *id)
{
	memset(c, 0, sizeof *c);
	snprintf(c->id, sizeof c->id, "%s", id);
	c->received = c->start = RECEIVED;
	c->review = URC_REVIEW_STANDARD;
	snprintf(c->discipline, sizeof c->discipline, "%s", g->discipline.s);
	snprintf(c->setting, sizeof c->setting, "%s", g->settings.v[0].s);
	const urc_code *code = &g->codes.v[0];
	snprintf(c->diagnoses[0], sizeof c->diagnoses[0], "%s%s", code->s,
	         code->prefix ? (strchr(code->s, '.') ? "0" : ".0") : "");
	c->ndiagnoses = 1;
	c->request_number = ph == &g->initial ? 1 : 2;
	c->visits_requested = 8;
	c->start_of_care = c->start;
	scores s[URC_MAX_AXES + 16];
	int ns = 0;
	/* Scores first from what the point fixes directly. */
	for (int x = 0; x < t->nax; x++) {
		const urc_axis *a = &t->ax[x];
		double v = pt[x];
		switch (a->kind) {
		case URC_AXIS_FEATURE:
			switch (a->feature) {
			case URC_FEATURE_VISITS_USED: c->visits_used = (int)v; c->present |= URC_HAS_VISITS_USED; break;
			case URC_FEATURE_VISITS_REQUESTED: c->visits_requested = (int)v; break;
			case URC_FEATURE_REQUEST_NUMBER: c->request_number = (int)v; break;
			case URC_FEATURE_DAYS_SINCE_START: c->start_of_care = c->start - (urc_date)v; break;
			case URC_FEATURE_AGE: c->age_months = v; c->present |= URC_HAS_AGE; break;
			default: break;
			}
			break;
		case URC_AXIS_SCORE: {
			scores *sc = scores_for(s, &ns, a->measure);
			double *slot = a->moment == URC_MOMENT_INTAKE ? &sc->intake
			             : a->moment == URC_MOMENT_PREVIOUS ? &sc->previous : &sc->latest;
			*slot = v;
			break;
		}
		case URC_AXIS_SETTING:
			snprintf(c->setting, sizeof c->setting, "%s", g->settings.v[(int)v].s);
			break;
		case URC_AXIS_PLAN:
			if ((int)v < t->nplans)
				snprintf(c->plan, sizeof c->plan, "%s", t->plans[(int)v]->id.s);
			break;
		default:
			break;
		}
	}
	/* Then the changes, around a latest score in the middle of the scale. */
	for (int x = 0; x < t->nax; x++) {
		const urc_axis *a = &t->ax[x];
		if (a->kind != URC_AXIS_CHANGE && a->kind != URC_AXIS_CHANGE_PCT)
			continue;
		scores *sc = scores_for(s, &ns, a->measure);
		const urc_measure *m = a->measure;
		double dir = m->better;
		double *from = a->moment == URC_MOMENT_PREVIOUS ? &sc->previous : &sc->intake;
		if (isnan(sc->latest) && isnan(*from))
			sc->latest = (m->lo.value + m->hi.value) / 2;
		if (a->kind == URC_AXIS_CHANGE) {
			if (isnan(*from))
				*from = sc->latest - pt[x] * dir;
			else if (isnan(sc->latest))
				sc->latest = *from + pt[x] * dir;
		} else {
			double f = 1 + dir * pt[x] / 100;
			if (isnan(*from))
				*from = f != 0 ? sc->latest / f : sc->latest;
			else if (isnan(sc->latest))
				sc->latest = *from * f;
		}
	}
	/* Required measures the rules do not test still need their scores. */
	for (urc_rule *r = ph->first; r; r = r->next)
		if (r->kind == URC_ITEM_REQUIRE && r->measure)
			scores_for(s, &ns, r->measure);
	for (int i = 0; i < ns && c->nscores + 3 <= URC_CASE_MAX_SCORES; i++) {
		scores *sc = &s[i];
		double mid = (sc->m->lo.value + sc->m->hi.value) / 2;
		double latest = isnan(sc->latest) ? mid : sc->latest;
		double intake = isnan(sc->intake) ? latest : sc->intake;
		double vals[3] = {intake, sc->previous, latest};
		urc_date dates[3] = {c->start - 60, c->start - 30, c->start - 2};
		for (int k = 0; k < 3; k++) {
			if (k == 1 && isnan(vals[1]))
				continue;
			urc_case_score *o = &c->scores[c->nscores++];
			snprintf(o->measure, sizeof o->measure, "%s", sc->m->id.s);
			o->value = clamp_score(sc->m, vals[k]);
			o->date = dates[k];
		}
	}
	if (c->start_of_care > c->start)
		c->start_of_care = c->start;
	/* The phase decides the request number: 1 first, 2 or more later. */
	if (ph == &g->initial)
		c->request_number = 1;
	else if (c->request_number < 2)
		c->request_number = 2;
}

static const char *outcome_code(urc_outcome o)
{
	switch (o) {
	case URC_APPROVED_FULL: return "approved_in_full";
	case URC_APPROVED_PART: return "approved_in_part";
	case URC_REFERRED: return "referred";
	case URC_PENDED: return "pended";
	default: return "no_guideline";
	}
}

/* Prints c as one test of the test file, with what the table decides. */
static int emit(FILE *out, const urc_table *t, const urc_case *c, const char *name,
                const char *want_rule)
{
	urc_bound b;
	urc_decision d;
	urc_case_error e;
	if (urc_bind(t, c, &b, &e) != 0) {
		fprintf(out, "  # could not build a case for %s: %s\n", name, e.message);
		return 0;
	}
	urc_decide(t, &b, &d);
	char rule[128] = "";
	urc_decision_rule(t, &d, rule, sizeof rule);
	if (want_rule && strcmp(rule, want_rule) != 0) {
		fprintf(out, "  # could not build a case for rule \"%s\" (the one built is decided by \"%s\")\n",
		        want_rule, rule);
		return 0;
	}
	char date[16];
	/* Names hold quotes and colons: write them single-quoted. */
	fputs("  - name: '", out);
	for (const char *p = name; *p; p++)
		fputs(*p == '\'' ? "''" : (char[2]){*p, 0}, out);
	fprintf(out, "'\n    case:\n      id: %s\n", c->id);
	if (c->present & URC_HAS_AGE)
		fprintf(out, "      member: {age_months: %g}\n", c->age_months);
	else if (c->plan[0])
		fprintf(out, "      member: {plan: %s}\n", c->plan);
	if ((c->present & URC_HAS_AGE) && c->plan[0])
		fprintf(out, "      # plan: %s\n", c->plan);
	fprintf(out, "      request: {discipline: %s, setting: %s, diagnoses: [%s], sequence: %d, visits: %d}\n",
	        c->discipline, c->setting, c->diagnoses[0], c->request_number, c->visits_requested);
	fprintf(out, "      history: {visits_used: %d, start_of_care: %s}\n", c->visits_used,
	        urc_date_format(c->start_of_care, date));
	if (c->nscores) {
		fputs("      scores:\n", out);
		for (int i = 0; i < c->nscores; i++)
			fprintf(out, "        - {measure: %s, score: %g, date: %s}\n", c->scores[i].measure,
			        c->scores[i].value, urc_date_format(c->scores[i].date, date));
	}
	fprintf(out, "    expect: {outcome: %s", outcome_code(d.outcome));
	if (d.outcome == URC_APPROVED_FULL || d.outcome == URC_APPROVED_PART)
		fprintf(out, ", visits: %d, end: %s", d.visits_granted, urc_date_format(d.end, date));
	if (rule[0])
		fprintf(out, ", rule: \"%s\"", rule);
	fputs("}\n", out);
	return 1;
}

int urc_suggest_cases(FILE *out, urc_program *prog, urc_guideline *g, const urc_table *t)
{
	int written = 0, serial = 0;
	char date[16];
	fprintf(out, "# Suggested regression cases for %s (urc test --suggest).\n"
	             "# Each expectation is what the guideline decides today: check it\n"
	             "# against the guideline's text before you add the case.\n"
	             "today: %s\ncases:\n", g->id.s, urc_date_format(RECEIVED, date));
	urc_phase *phases[2] = {&g->initial, &g->continued};
	urc_case c;
	for (int p = 0; p < 2; p++) {
		if (!phases[p]->present)
			continue;
		urc_dtable dt;
		if (urc_lower_phase(&dt, prog, g, phases[p]) != 0) {
			urc_dtable_free(&dt);
			continue;
		}
		/* Each 'require': a case without that measure's scores. */
		for (urc_rule *r = phases[p]->first; r; r = r->next) {
			if (r->kind != URC_ITEM_REQUIRE || !r->measure)
				continue;
			double zero[URC_MAX_AXES];
			for (int x = 0; x < dt.nax; x++) {
				urc_cell full;
				urc_cell_full(&dt.ax[x], &full);
				zero[x] = dt.ax[x].is_set ? 0 : isfinite(full.lo) ? full.lo : 0;
			}
			char id[64], name[160], want[96];
			snprintf(id, sizeof id, "%s-%d", g->id.s, ++serial);
			build_case(&c, &dt, zero, g, phases[p], id);
			int kept = 0;
			for (int i = 0; i < c.nscores; i++)
				if (strcmp(c.scores[i].measure, r->measure->id.s) != 0)
					c.scores[kept++] = c.scores[i];
			c.nscores = kept;
			snprintf(name, sizeof name, "no %s scores: pended (%s request)", r->measure->id.s,
			         p ? "later" : "first");
			snprintf(want, sizeof want, "require %s", r->measure->id.s);
			written += emit(out, t, &c, name, want);
		}
		for (size_t k = 0; k < dt.nrules; k++) {
			const char *rname = dt.rules[k]->name.s;
			char name[256], id[64];
			double pt[URC_MAX_AXES];
			if (!urc_dtable_witness(&dt, k, pt)) {
				fprintf(out, "  # no request found that rule \"%s\" decides\n", rname);
				continue;
			}
			snprintf(name, sizeof name, "reaches \"%s\" (%s request)", rname, p ? "later" : "first");
			snprintf(id, sizeof id, "%s-%d", g->id.s, ++serial);
			build_case(&c, &dt, pt, g, phases[p], id);
			written += emit(out, t, &c, name, rname);
			/* Each bound of the rule's first box: at it, and just past it. */
			const urc_cell *box = urc_region_box(&dt, &dt.regions[k], 0);
			for (int x = 0; x < dt.nax; x++) {
				const urc_axis *a = &dt.ax[x];
				urc_cell full;
				urc_cell_full(a, &full);
				if (a->is_set)
					continue;
				double bounds[2] = {box[x].lo, box[x].hi};
				int incl[2] = {box[x].lo_in, box[x].hi_in};
				for (int s = 0; s < 2; s++) {
					double v = bounds[s];
					if (!isfinite(v) || v == (s ? full.hi : full.lo))
						continue;
					double step = a->integer ? 1 : (a->measure && a->measure->lo.unit == URC_UNIT_MPS ? 0.01 : 1);
					/* Integer columns hold [a, b): the top value inside is b - 1. */
					double inside = s == 0 ? (incl[0] ? v : v + step) : (incl[1] ? v : v - step);
					double outside = s == 0 ? inside - step : inside + step;
					double at[2] = {inside, outside};
					for (int w = 0; w < 2; w++) {
						double q[URC_MAX_AXES];
						memcpy(q, pt, sizeof q);
						q[x] = at[w];
						char what[128];
						urc_axis_words(a, what, sizeof what);
						snprintf(name, sizeof name, "%s = %g: %s \"%s\"", what, at[w],
						         w ? "just outside" : "inside", rname);
						snprintf(id, sizeof id, "%s-%d", g->id.s, ++serial);
						build_case(&c, &dt, q, g, phases[p], id);
						written += emit(out, t, &c, name, NULL);
					}
				}
			}
		}
		/* 'otherwise': a request no rule matches. */
		if (dt.otherwise) {
			double pt[URC_MAX_AXES];
			char id[64], name[96];
			if (urc_dtable_witness_rest(&dt, pt)) {
				snprintf(id, sizeof id, "%s-%d", g->id.s, ++serial);
				snprintf(name, sizeof name, "no rule applies: otherwise (%s request)", p ? "later" : "first");
				build_case(&c, &dt, pt, g, phases[p], id);
				written += emit(out, t, &c, name, "otherwise");
			} else {
				fputs("  # no request found that reaches 'otherwise'\n", out);
			}
		}
		urc_dtable_free(&dt);
	}
	return written;
}
