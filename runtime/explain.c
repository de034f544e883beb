/* explain.c — `urc explain`: one case walked through its guideline in a
 * reviewer's words: the routing, each rule tried with the values it
 * compared, the outcome, and for a partial approval or a referral the
 * nearest change that would have let an earlier, better rule match. */
#include "describe.h"

#include <math.h>
#include <string.h>

static const char *const disciplines[] = {"PT", "OT", "SLP"};

/* A column's value for this case (eval.c's), and for set columns the
 * case's bit. */
static double column_value(const urc_table *t, const urc_bound *b, const urt_axis *a,
                           uint64_t *bits)
{
	*bits = a->kind == URT_AXIS_SETTING ? 1ull << b->setting_bit
	      : a->kind == URT_AXIS_PLAN ? b->plan_bit : 0;
	return urc_column(t, b, a);
}

/* "points" for most values, "point" for exactly one. */
static void unit_words(const char *unit, double v, char *buf, size_t n)
{
	size_t len = strlen(unit);
	if (v == 1 && len > 1 && unit[len - 1] == 's' && strcmp(unit, "m/s") != 0)
		snprintf(buf, n, "%.*s", (int)len - 1, unit);
	else
		snprintf(buf, n, "%s", unit);
}

static int holds(const urt_axis *a, const urt_cell *c, double v, uint64_t bits)
{
	if (c->any)
		return 1;
	if (a->kind == URT_AXIS_SETTING || a->kind == URT_AXIS_PLAN)
		return (c->bits & bits) != 0;
	if (isnan(v))
		return 0;
	return !(v < c->lo || (v == c->lo && !c->lo_in) || v > c->hi || (v == c->hi && !c->hi_in));
}

/* The case's value on an axis, in words. */
static void value_text(const urc_table *t, const urc_bound *b, const urt_axis *a, double v,
                       char *buf, size_t n)
{
	char x[32], label[128];
	urc_axis_label(t, a, label, sizeof label);
	if (a->kind == URT_AXIS_SETTING) {
		snprintf(buf, n, "setting %s", b->c->setting);
	} else if (a->kind == URT_AXIS_PLAN) {
		snprintf(buf, n, "plan %s", b->c->plan[0] ? b->c->plan : "(none)");
	} else if (isnan(v)) {
		snprintf(buf, n, "%s: not in the case", label);
	} else if (a->kind == URT_AXIS_CHANGE || a->kind == URT_AXIS_CHANGE_PCT) {
		const char *m = urc_str(t, t->measures[a->measure].name);
		const char *since = a->moment == URT_MOMENT_PREVIOUS ? "the previous score" : "intake";
		/* Percentages to one decimal: 19.0476 helps no one. */
		double shown = a->kind == URT_AXIS_CHANGE_PCT ? round(fabs(v) * 10) / 10 : fabs(v);
		char unit[32];
		unit_words(a->kind == URT_AXIS_CHANGE_PCT ? "percent" : urc_str(t, t->measures[a->measure].unit),
		           shown, unit, sizeof unit);
		if (v > 0)
			snprintf(buf, n, "%s improved %s %s since %s", m, urc_num_text(shown, x, sizeof x), unit, since);
		else if (v < 0)
			snprintf(buf, n, "%s worsened %s %s since %s", m, urc_num_text(shown, x, sizeof x), unit, since);
		else
			snprintf(buf, n, "%s unchanged since %s", m, since);
	} else {
		snprintf(buf, n, "%s %s", label, urc_num_text(v, x, sizeof x));
	}
}

/* For a row failing on exactly one numeric column: the value that would
 * have met it. Returns 1 and writes the words. */
static int near_miss(const urc_table *t, const urc_bound *b, const urt_phase *ph,
                     const urt_cell *row, char *buf, size_t n)
{
	int failing = -1;
	for (uint32_t a = 0; a < ph->naxes; a++) {
		const urt_axis *ax = &t->axes[ph->first_axis + a];
		uint64_t bits;
		double v = column_value(t, b, ax, &bits);
		if (!holds(ax, &row[a], v, bits)) {
			if (failing >= 0 || ax->kind >= URT_AXIS_SETTING || isnan(v))
				return 0;
			failing = (int)a;
		}
	}
	if (failing < 0)
		return 0;
	const urt_axis *ax = &t->axes[ph->first_axis + (uint32_t)failing];
	/* Only a patient's scores are changes a provider can show; request
	 * numbers and ages are facts of the case. */
	if (ax->kind != URT_AXIS_CHANGE && ax->kind != URT_AXIS_CHANGE_PCT && ax->kind != URT_AXIS_SCORE)
		return 0;
	const urt_cell *c = &row[failing];
	uint64_t bits;
	double v = column_value(t, b, ax, &bits);
	int below = v < c->lo || (v == c->lo && !c->lo_in);
	double need = below ? c->lo : c->hi;
	char x[32];
	urc_num_text(need, x, sizeof x);
	const char *m = urc_str(t, t->measures[ax->measure].name);
	const char *unit = ax->kind == URT_AXIS_CHANGE_PCT ? "percent" : urc_str(t, t->measures[ax->measure].unit);
	if (ax->kind == URT_AXIS_SCORE)
		snprintf(buf, n, "%s at %s %s %s %s", m,
		         ax->moment == URT_MOMENT_INTAKE ? "intake" : ax->moment == URT_MOMENT_PREVIOUS ? "previous" : "latest",
		         below ? (c->lo_in ? "of at least" : "above") : (c->hi_in ? "of at most" : "below"), x, unit);
	else
		snprintf(buf, n, "%s improving by %s%s %s since %s", m,
		         below ? (c->lo_in ? "at least " : "more than ") : (c->hi_in ? "at most " : "less than "), x,
		         unit, ax->moment == URT_MOMENT_PREVIOUS ? "the previous score" : "intake");
	return 1;
}

int urc_explain_write(FILE *out, const urc_table *t, const urc_bound *b, const urc_decision *d)
{
	const urc_case *c = b->c;
	char d1[16], d2[16], buf[512];
	fprintf(out, "Case %s, received %s (%s review: decision due %s)\n", c->id,
	        urc_date_format(c->received, d1), c->review == URC_REVIEW_EXPEDITED ? "expedited" : "standard",
	        urc_date_format(d->due, d2));
	fprintf(out, "Request %d: %d %s visits, %s setting, diagnoses", c->request_number, c->visits_requested,
	        c->discipline, c->setting);
	for (int i = 0; i < c->ndiagnoses; i++)
		fprintf(out, " %s", c->diagnoses[i]);
	fputc('\n', out);
	if (d->guideline == UINT32_MAX) {
		fprintf(out, "\nNo guideline covers %s in the %s setting for these diagnoses.\n"
		             "Outcome: no guideline: the request is not decided here and needs a reviewer.\n",
		        c->discipline, c->setting);
		return ferror(out) ? -1 : 0;
	}
	const urt_guideline *g = &t->guidelines[d->guideline];
	fprintf(out, "\nGuideline: %s, version %u: \"%s\" (%s, %s)\n", urc_str(t, g->id), g->version,
	        urc_str(t, g->title), disciplines[g->discipline], urc_str(t, g->specialty));
	const char *ev = urc_str(t, g->evidence);
	if (ev[0]) {
		fputs("Evidence: ", out);
		for (; *ev; ev++)
			fputs(*ev == '\n' ? "\n          " : (char[2]){*ev, 0}, out);
		fputc('\n', out);
	}
	if (d->auto_approved) {
		fprintf(out, "\nThe member's plan (%s) approves request %d without clinical review.\n", c->plan,
		        c->request_number);
	} else if (d->phase != UINT32_MAX) {
		const urt_phase *ph = &t->phases[d->phase];
		fprintf(out, "Phase: %s requests (this is request %d)\n\n", ph->kind ? "continued" : "initial",
		        c->request_number);
		for (uint32_t s = 0; s < d->ntrace; s++) {
			urc_trace_step st = urc_decision_step(d, s);
			const urt_item *it = &t->items[st.item];
			int yes = st.result == URC_STEP_YES;
			if (it->kind == URT_ITEM_REQUIRE) {
				fprintf(out, "%u. require %s scores: %s\n", s + 1,
				        urc_str(t, t->measures[it->measure].name), yes ? "MISSING" : "present");
				continue;
			}
			if (it->kind == URT_ITEM_OTHERWISE) {
				fprintf(out, "%u. otherwise: no rule above matched\n", s + 1);
				continue;
			}
			fprintf(out, "%u. rule \"%s\": when %s\n", s + 1, urc_str(t, it->name), urc_str(t, it->when));
			for (uint32_t a = 0; a < ph->naxes; a++) {
				const urt_axis *ax = &t->axes[ph->first_axis + a];
				int tested = 0;
				for (uint32_t r = 0; r < it->nrows; r++)
					tested |= !t->cells[it->first_cell + r * ph->naxes + a].any;
				if (!tested)
					continue;
				uint64_t bits;
				double v = column_value(t, b, ax, &bits);
				value_text(t, b, ax, v, buf, sizeof buf);
				fprintf(out, "     %s\n", buf);
			}
			fprintf(out, "   %s\n", yes ? "-> matched" : st.result == URC_STEP_MISSING
			                                    ? "-> not matched: a value it tests is not in the case"
			                                    : "-> not matched");
		}
	}
	fprintf(out, "\nOutcome: %s", urc_outcome_name(d->outcome));
	if (d->outcome == URC_APPROVED_FULL || d->outcome == URC_APPROVED_PART)
		fprintf(out, ": %d of %d visits, %s to %s", d->visits_granted, d->visits_requested,
		        urc_date_format(d->start, d1), urc_date_format(d->end, d2));
	else if (d->outcome == URC_PENDED)
		fprintf(out, ": needs %s", d->reason);
	else
		fprintf(out, ": %s", d->reason);
	fputc('\n', out);
	if (d->cite && d->cite[0]) {
		fputs("Cited: ", out);
		for (const char *p = d->cite; *p; p++)
			fputs(*p == '\n' ? "\n       " : (char[2]){*p, 0}, out);
		fputc('\n', out);
	}
	/* What would have changed it: an earlier rule missed by one value. */
	if (!d->auto_approved && d->phase != UINT32_MAX &&
	    (d->outcome == URC_APPROVED_PART || d->outcome == URC_REFERRED)) {
		const urt_phase *ph = &t->phases[d->phase];
		int said = 0;
		for (uint32_t s = 0; s < d->ntrace; s++) {
			urc_trace_step st = urc_decision_step(d, s);
			const urt_item *it = &t->items[st.item];
			if (it->kind != URT_ITEM_RULE || it->outcome != URT_OUTCOME_APPROVE ||
			    st.result == URC_STEP_YES)
				continue;
			if (d->outcome == URC_APPROVED_PART && (int)it->visits <= d->visits_granted)
				continue;
			/* Each row of the rule is one way to meet it: name them all. */
			int listed = 0;
			for (uint32_t r = 0; r < it->nrows; r++) {
				if (!near_miss(t, b, ph, &t->cells[it->first_cell + r * ph->naxes], buf, sizeof buf))
					continue;
				if (!said)
					fputs("\nWhat would have changed it:\n", out);
				said = 1;
				fprintf(out, "%s%s", listed ? ", or " : "  ", buf);
				listed = 1;
			}
			if (listed)
				fprintf(out, " would have met \"%s\" (up to %u visits).\n", urc_str(t, it->name), it->visits);
		}
	}
	return ferror(out) ? -1 : 0;
}

char *urc_explain_item(const urc_table *t, const urc_bound *b, uint32_t phase,
                       uint32_t item, char *buf, size_t n)
{
	if (n)
		buf[0] = '\0';
	if (phase >= t->h->phases.count || item >= t->h->items.count || n == 0)
		return buf;
	const urt_phase *ph = &t->phases[phase];
	const urt_item *it = &t->items[item];
	if (it->kind == URT_ITEM_REQUIRE) {
		const urc_bound_measure *s = NULL;
		for (int i = 0; i < b->nm; i++)
			if (b->m[i].measure == it->measure)
				s = &b->m[i];
		snprintf(buf, n, "%d %s score%s on file", s ? s->n : 0, urc_str(t, t->measures[it->measure].name),
		         s && s->n == 1 ? "" : "s");
		return buf;
	}
	if (it->kind != URT_ITEM_RULE)
		return buf;
	size_t at = 0;
	for (uint32_t a = 0; a < ph->naxes && at + 2 < n; a++) {
		int tested = 0;
		for (uint32_t r = 0; r < it->nrows; r++)
			tested |= !t->cells[it->first_cell + r * ph->naxes + a].any;
		if (!tested)
			continue;
		const urt_axis *ax = &t->axes[ph->first_axis + a];
		uint64_t bits;
		double v = column_value(t, b, ax, &bits);
		char part[256];
		value_text(t, b, ax, v, part, sizeof part);
		int w = snprintf(buf + at, n - at, "%s%s", at ? "; " : "", part);
		if (w < 0)
			break;
		at += (size_t)w;
	}
	return buf;
}
