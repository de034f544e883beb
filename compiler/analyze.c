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

void urc_analyze_phase(urc_checker *c, urc_guideline *g, urc_phase *ph)
{
	urc_dtable t;
	if (urc_lower_phase(&t, c->prog, g, ph) != 0) {
		urc_dtable_free(&t);
		return;
	}
	urc_region left = {0};
	urc_region_universe(&t, &left);
	for (size_t k = 0; k < t.nrules && !left.overflow; k++) {
		urc_rule *r = t.rules[k];
		urc_region *reg = &t.regions[k];
		/* What this rule still decides: its region minus earlier ones. */
		urc_region mine = {0};
		urc_region_copy(&t, &mine, reg);
		for (size_t j = 0; j < k && mine.n; j++)
			for (size_t b = 0; b < t.regions[j].n && mine.n; b++)
				urc_region_subtract(&t, &mine, urc_region_box(&t, &t.regions[j], b));
		if (mine.overflow) {
			urc_region_free(&mine);
			left.overflow = 1;
			break;
		}
		if (mine.n == 0) {
			int e;
			if (reg->n == 0) {
				e = urc_diag_error(c->diag, r->name.span,
				                   "rule \"%s\" can never fire: its condition is never true",
				                   r->name.s);
				urc_diag_help(c->diag, e, "check the comparisons: no request can meet all of them");
			} else {
				e = urc_diag_error(c->diag, r->name.span,
				                   "rule \"%s\" can never fire: earlier rules decide every request it matches",
				                   r->name.s);
				/* Name the rules that take some of its requests first:
				 * those that meet it where no rule before them does. */
				for (size_t j = 0; j < k; j++) {
					urc_region part = {0};
					urc_region_intersect(&t, &part, reg, &t.regions[j]);
					for (size_t i = 0; i < j && part.n; i++)
						for (size_t b = 0; b < t.regions[i].n && part.n; b++)
							urc_region_subtract(&t, &part, urc_region_box(&t, &t.regions[i], b));
					if (part.n || part.overflow)
						urc_diag_note(c->diag, e, t.rules[j]->name.span,
						              "rule \"%s\" decides some of them first", t.rules[j]->name.s);
					urc_region_free(&part);
				}
				urc_diag_help(c->diag, e,
				              "move it above the rules that cover it, narrow them, or remove it");
			}
		}
		urc_region_free(&mine);
		for (size_t b = 0; b < reg->n && left.n; b++)
			urc_region_subtract(&t, &left, urc_region_box(&t, reg, b));
	}
	if (!left.overflow && !t.otherwise && left.n > 0) {
		char example[1024];
		describe(&t, urc_region_box(&t, &left, 0), example, sizeof example);
		int e = urc_diag_error(c->diag, ph->span,
		                       "some %s requests match no rule, and the phase has no 'otherwise'",
		                       phase_name(g, ph));
		if (t.nax)
			urc_diag_note(c->diag, e, (urc_span){URC_NO_FILE, 0, 0},
			              "for example, a request with %s", example);
		urc_diag_help(c->diag, e,
		              "end the phase with 'otherwise refer \"...\"' (or another outcome) for the requests no rule decides");
	}
	urc_region_free(&left);
	urc_dtable_free(&t);
}
