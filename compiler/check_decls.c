/* check_decls.c — declarations: symbol tables and duplicates, catalogue
 * entries (measures, settings, specialties, plans) and each guideline's
 * header (version, discipline, specialty, diagnoses, settings, window,
 * frequency), and the driver that runs every check in order. */
#include "check.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"

double urc_check_base(const urc_quantity *q)
{
	return q->value * urc_unit_factor(q->unit);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void *urc_check_lookup(urc_checker *c, urc_symtab *table, urc_name name,
                       const char *what)
{
	if (!name.s)
		return NULL;
	void *v = urc_symtab_get(table, name.s);
	if (v)
		return v;
	/* A 'use' that failed explains every name it would have declared. */
	if (c->prog->failed_uses)
		return NULL;
	const char **cands = urc_xmalloc((table->n + 1) * sizeof *cands);
	size_t n = 0;
	for (size_t i = 0; i < table->cap; i++)
		if (table->keys[i])
			cands[n++] = table->keys[i];
	const char *best = urc_suggest(name.s, cands, n);
	int e = urc_diag_error(c->diag, name.span, "unknown %s '%s'", what, name.s);
	if (best) {
		urc_diag_help(c->diag, e, "did you mean '%s'?", best);
	} else if (n > 0 && n <= 12) {
		qsort(cands, n, sizeof *cands, cmp_names);
		char list[512] = "";
		for (size_t i = 0; i < n; i++) {
			size_t at = strlen(list);
			snprintf(list + at, sizeof list - at, "%s%s", i ? ", " : "", cands[i]);
		}
		urc_diag_help(c->diag, e, "the %s names declared are: %s", what, list);
	}
	else if (n == 0)
		urc_diag_help(c->diag, e,
		              "no %s is declared: add 'use \"...\"' naming the catalogue that declares it",
		              what);
	free(cands);
	return NULL;
}

/* Enters a declaration, reporting a second one with the same name. */
static void declare(urc_checker *c, urc_symtab *t, urc_name id, void *decl,
                    const char *what, urc_span first_span_of_existing(void *))
{
	if (!id.s)
		return;
	/* A case names settings, plans and measures in 31 bytes at most. */
	if (strlen(id.s) > 31 && strcmp(what, "guideline") != 0 && strcmp(what, "specialty") != 0) {
		int e = urc_diag_error(c->diag, id.span, "the %s name '%s' is longer than 31 characters",
		                       what, id.s);
		urc_diag_help(c->diag, e, "cases name it in 31 characters at most: shorten it");
	}
	void *old = urc_symtab_put(t, id.s, decl);
	if (old) {
		int e = urc_diag_error(c->diag, id.span, "%s '%s' is declared twice",
		                       what, id.s);
		urc_diag_note(c->diag, e, first_span_of_existing(old),
		              "first declared here");
		urc_diag_help(c->diag, e, "remove one, or give it another name");
	}
}

static urc_span measure_span(void *p) { return ((urc_measure *)p)->id.span; }
static urc_span setting_span(void *p) { return ((urc_setting *)p)->id.span; }
static urc_span specialty_span(void *p) { return ((urc_specialty *)p)->id.span; }
static urc_span plan_span(void *p) { return ((urc_plan *)p)->id.span; }
static urc_span guideline_span(void *p) { return ((urc_guideline *)p)->id.span; }

/* Reports a quantity whose unit is not of dimension want; a missing unit
 * is an error too unless allow_bare. Returns 1 when the quantity is fine. */
static int want_dim(urc_checker *c, const urc_quantity *q, urc_dim want,
                    int allow_bare, const char *what)
{
	if (!q->present)
		return 0;
	if (q->unit == URC_UNIT_NONE) {
		if (allow_bare)
			return 1;
		int e = urc_diag_error(c->diag, q->span, "the %s needs a unit", what);
		urc_diag_help(c->diag, e, "write it with its unit, e.g. '%g %s'",
		              q->value, want == URC_DIM_TIME ? "days" : urc_dim_desc(want));
		return 0;
	}
	if (urc_unit_dim(q->unit) != want) {
		int e = urc_diag_error(c->diag, q->span,
		                       "the %s is in %s, but it must be %s", what,
		                       urc_unit_name(q->unit, true), urc_dim_desc(want));
		if (q->unit == URC_UNIT_MONTHS && want == URC_DIM_TIME)
			urc_diag_help(c->diag, e,
			              "months differ in length: give it in days or weeks");
		return 0;
	}
	return 1;
}

/* A time span in whole days, > 0. Returns 1 when it is. */
static int want_days(urc_checker *c, const urc_quantity *q, const char *what)
{
	if (!want_dim(c, q, URC_DIM_TIME, 0, what))
		return 0;
	double d = urc_check_base(q);
	if (d <= 0 || d != floor(d)) {
		urc_diag_error(c->diag, q->span, "the %s must be a whole number of days greater than 0", what);
		return 0;
	}
	return 1;
}

static void no_source_warning(urc_checker *c, urc_name id, const char *what,
                              const urc_cites *sources)
{
	if (sources->first)
		return;
	int e = urc_diag_warning(c->diag, id.span, "%s '%s' has no source", what, id.s);
	urc_diag_help(c->diag, e,
	              "add 'source \"...\"' citing the publication or policy its numbers come from");
}

/* ---- measures ---- */

static void check_measure(urc_checker *c, urc_measure *m)
{
	if (!m->lo.present) {
		if (m->damaged)
			return; /* the syntax error said enough */
		int e = urc_diag_error(c->diag, m->id.span, "measure '%s' has no range", m->id.s);
		urc_diag_help(c->diag, e, "add its scale, e.g. 'range 0 to 80 points'");
	} else {
		urc_unit u = m->hi.unit ? m->hi.unit : m->lo.unit;
		urc_dim d = urc_unit_dim(u);
		if (u == URC_UNIT_NONE) {
			int e = urc_diag_error(c->diag, m->range_span, "the range of '%s' needs a unit", m->id.s);
			urc_diag_help(c->diag, e, "e.g. 'range 0 to 80 points'; the units are points, seconds, meters, m/s and levels");
		} else if (d == URC_DIM_PERCENT) {
			int e = urc_diag_error(c->diag, m->range_span,
			                       "a measure's range cannot be in percent");
			urc_diag_help(c->diag, e,
			              "write a percentage-scored measure in points (range 0 to 100 points): in conditions, 'percent' means a change relative to the intake score");
		} else if (d != URC_DIM_POINTS && d != URC_DIM_SECONDS && d != URC_DIM_METERS &&
		           d != URC_DIM_SPEED && d != URC_DIM_LEVELS) {
			int e = urc_diag_error(c->diag, m->range_span,
			                       "a measure cannot be scored in %s",
			                       urc_unit_name(u, true));
			urc_diag_help(c->diag, e, "the units of scores are points, seconds, meters, m/s and levels");
		} else if (m->lo.unit && m->hi.unit && m->lo.unit != m->hi.unit) {
			urc_diag_error(c->diag, m->range_span, "the two ends of the range have different units");
		} else if (m->lo.value >= m->hi.value) {
			urc_diag_error(c->diag, m->range_span,
			               "the range must go from the lower end to the higher");
		} else {
			m->lo.unit = m->hi.unit = u;
			double span = m->hi.value - m->lo.value;
			urc_quantity *th[2] = {&m->mcid, &m->mdc};
			const char *names[2] = {"MCID", "MDC"};
			for (int i = 0; i < 2; i++) {
				urc_quantity *q = th[i];
				if (!q->present)
					continue;
				if (q->unit == URC_UNIT_NONE)
					q->unit = u;
				if (q->unit != u) {
					urc_diag_error(c->diag, q->span,
					               "the %s is in %s, but '%s' is scored in %s",
					               names[i], urc_unit_name(q->unit, true), m->id.s,
					               urc_unit_name(u, true));
				} else if (q->value <= 0) {
					urc_diag_error(c->diag, q->span, "an %s must be more than 0", names[i]);
				} else if (q->value > span) {
					int e = urc_diag_error(c->diag, q->span,
					                       "an %s of %g %s does not fit the range of '%s'",
					                       names[i], q->value, urc_unit_name(u, true), m->id.s);
					urc_diag_note(c->diag, e, m->range_span,
					              "the range spans %g %s", span, urc_unit_name(u, true));
				}
			}
		}
	}
	no_source_warning(c, m->id, "measure", &m->sources);
}

/* ---- settings, specialties, plans ---- */

static void check_setting(urc_checker *c, urc_setting *s)
{
	if (s->max_auth.present)
		want_days(c, &s->max_auth, "authorization length");
	if (s->review_every.present)
		want_days(c, &s->review_every, "review cadence");
	no_source_warning(c, s->id, "setting", &s->sources);
}

static void check_specialty(urc_checker *c, urc_specialty *s)
{
	if (s->max_window.present)
		want_days(c, &s->max_window, "window");
	no_source_warning(c, s->id, "specialty", &s->sources);
}

static const char *const us_states[] = {
	"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI",
	"ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN",
	"MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
	"OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
	"WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP",
};

static void check_plan(urc_checker *c, urc_plan *p)
{
	if (p->auto_span.end &&
	    (!p->auto_approve.is_int || p->auto_approve.value < 0)) {
		urc_diag_error(c->diag, p->auto_span,
		               "the number of auto-approved requests must be a whole number, 0 or more");
	}
	size_t nst = sizeof us_states / sizeof us_states[0];
	for (uint32_t i = 0; i < p->states.n; i++) {
		urc_name st = p->states.v[i];
		size_t k = 0;
		while (k < nst && strcmp(us_states[k], st.s) != 0)
			k++;
		if (k == nst) {
			int e = urc_diag_error(c->diag, st.span,
			                       "'%s' is not a US state or territory code", st.s);
			const char *best = urc_suggest(st.s, us_states, nst);
			if (best && strlen(st.s) == 2)
				urc_diag_help(c->diag, e, "did you mean '%s'?", best);
			else
				urc_diag_help(c->diag, e, "use two-letter postal codes, e.g. TX FL");
		}
		for (uint32_t j = 0; j < i; j++)
			if (strcmp(p->states.v[j].s, st.s) == 0) {
				int e = urc_diag_error(c->diag, st.span, "state '%s' is listed twice", st.s);
				urc_diag_note(c->diag, e, p->states.v[j].span, "first listed here");
				break;
			}
	}
	no_source_warning(c, p->id, "plan", &p->sources);
}

/* ---- guideline headers ---- */

static const char *const disciplines[] = {"PT", "OT", "SLP"};

static void check_discipline(urc_checker *c, urc_guideline *g)
{
	if (!g->discipline.s) {
		if (g->damaged)
			return;
		int e = urc_diag_error(c->diag, g->id.span,
		                       "guideline '%s' names no discipline", g->id.s);
		urc_diag_help(c->diag, e, "add 'discipline PT', 'discipline OT' or 'discipline SLP'");
		return;
	}
	for (int i = 0; i < 3; i++)
		if (strcmp(g->discipline.s, disciplines[i]) == 0)
			return;
	int e = urc_diag_error(c->diag, g->discipline.span,
	                       "unknown discipline '%s'", g->discipline.s);
	if (strcmp(g->discipline.s, "ST") == 0 || strcmp(g->discipline.s, "SP") == 0)
		urc_diag_help(c->diag, e, "speech-language pathology is written 'SLP'");
	else
		urc_diag_help(c->diag, e, "the disciplines are PT, OT and SLP");
}

static void check_codes(urc_checker *c, urc_guideline *g)
{
	if (g->codes.n == 0) {
		if (g->damaged)
			return;
		int e = urc_diag_error(c->diag, g->id.span,
		                       "guideline '%s' lists no diagnoses", g->id.s);
		urc_diag_help(c->diag, e,
		              "add 'diagnoses' and the ICD-10-CM codes it covers, e.g. 'diagnoses M54.16 M54.17'");
		return;
	}
	for (uint32_t i = 1; i < g->codes.n; i++)
		for (uint32_t j = 0; j < i; j++)
			if (strcmp(g->codes.v[i].s, g->codes.v[j].s) == 0) {
				int e = urc_diag_error(c->diag, g->codes.v[i].span,
				                       "diagnosis %s is listed twice", g->codes.v[i].s);
				urc_diag_note(c->diag, e, g->codes.v[j].span, "first listed here");
				break;
			}
}

static void check_window(urc_checker *c, urc_guideline *g)
{
	urc_auth *a = &g->auth;
	if (!a->present) {
		if (g->damaged)
			return;
		int e = urc_diag_error(c->diag, g->id.span,
		                       "guideline '%s' has no authorization block", g->id.s);
		urc_diag_help(c->diag, e,
		              "add 'authorization { window 60 days  frequency at most 3 per week }' with the limits it follows");
		return;
	}
	if (!a->window_max.present) {
		if (a->damaged)
			return;
		int e = urc_diag_error(c->diag, a->span, "the authorization block gives no window");
		urc_diag_help(c->diag, e, "add e.g. 'window 30 days to 60 days'");
	} else if (want_days(c, &a->window_max, "window") &&
	           (!a->window_min.present || want_days(c, &a->window_min, "window"))) {
		double hi = urc_check_base(&a->window_max);
		if (a->window_min.present && urc_check_base(&a->window_min) > hi)
			urc_diag_error(c->diag, a->window_min.span,
			               "the window's shortest length is longer than its longest");
		char buf[64];
		urc_quantity_format(&a->window_max, buf, sizeof buf);
		for (uint32_t i = 0; i < g->settings.n; i++) {
			urc_setting *s = g->setting_refs ? g->setting_refs[i] : NULL;
			if (!s || !s->max_auth.present)
				continue;
			/* The longest period the setting allows: its first
			 * authorization, or the period a concurrent review grants. */
			const urc_quantity *q = &s->max_auth;
			if (s->review_every.present && urc_check_base(&s->review_every) > urc_check_base(q))
				q = &s->review_every;
			double lim = urc_check_base(q);
			if (hi > lim) {
				int e = urc_diag_error(c->diag, a->window_max.span,
				                       "a window of %s is longer than the %g days the %s setting allows",
				                       buf, lim, s->id.s);
				urc_diag_note(c->diag, e, q->span,
				              "the %s setting's limit is set here", s->id.s);
				urc_diag_help(c->diag, e, "shorten the window to at most %g days", lim);
			}
		}
		urc_specialty *sp = g->spec;
		if (sp && sp->max_window.present && hi > urc_check_base(&sp->max_window)) {
			double lim = urc_check_base(&sp->max_window);
			int e = urc_diag_error(c->diag, a->window_max.span,
			                       "a window of %s is longer than the %g days the %s specialty allows",
			                       buf, lim, sp->id.s);
			urc_diag_note(c->diag, e, sp->max_window.span,
			              "the %s specialty's limit is set here", sp->id.s);
			urc_diag_help(c->diag, e, "shorten the window to at most %g days", lim);
		}
	}
	if (a->frequency.present) {
		urc_quantity *f = &a->frequency;
		if (f->unit != URC_UNIT_NONE && f->unit != URC_UNIT_VISITS)
			urc_diag_error(c->diag, f->span, "a frequency counts visits, not %s",
			               urc_unit_name(f->unit, true));
		else if (!f->is_int || f->value < 1)
			urc_diag_error(c->diag, f->span,
			               "a frequency is a whole number of visits, 1 or more");
		if (a->frequency_per != URC_UNIT_DAYS && a->frequency_per != URC_UNIT_WEEKS) {
			int e = urc_diag_error(c->diag, a->frequency_span,
			                       "a frequency is given per day or per week");
			if (a->frequency_per == URC_UNIT_MONTHS)
				urc_diag_help(c->diag, e, "months differ in length: give the visits per week");
		}
	}
}

static void check_guideline(urc_checker *c, urc_guideline *g)
{
	if (g->version_span.file == URC_NO_FILE) {
		int e = urc_diag_error(c->diag, g->id.span, "guideline '%s' has no version", g->id.s);
		urc_diag_help(c->diag, e,
		              "add 'version 1' after the title; raise it with every change that alters decisions");
	} else if (!g->version.is_int || g->version.value < 1) {
		urc_diag_error(c->diag, g->version_span, "a version is a whole number, 1 or more");
	}
	check_discipline(c, g);
	if (!g->specialty.s) {
		if (!g->damaged) {
			int e = urc_diag_error(c->diag, g->id.span, "guideline '%s' names no specialty", g->id.s);
			urc_diag_help(c->diag, e, "add e.g. 'specialty ortho'");
		}
	} else {
		g->spec = urc_check_lookup(c, &c->specialties, g->specialty, "specialty");
	}
	check_codes(c, g);
	if (g->settings.n == 0 && !g->damaged) {
		int e = urc_diag_error(c->diag, g->id.span, "guideline '%s' names no settings", g->id.s);
		urc_diag_help(c->diag, e, "add e.g. 'settings outpatient home_health'");
	}
	g->setting_refs = urc_arena_alloc(&c->prog->arena,
	                                  (g->settings.n + 1) * sizeof *g->setting_refs);
	for (uint32_t i = 0; i < g->settings.n; i++) {
		g->setting_refs[i] = urc_check_lookup(c, &c->settings, g->settings.v[i], "setting");
		for (uint32_t j = 0; j < i; j++)
			if (strcmp(g->settings.v[i].s, g->settings.v[j].s) == 0) {
				int e = urc_diag_error(c->diag, g->settings.v[i].span,
				                       "setting '%s' is listed twice", g->settings.v[i].s);
				urc_diag_note(c->diag, e, g->settings.v[j].span, "first listed here");
				break;
			}
	}
	if (!g->evidence.first && !g->damaged) {
		int e = urc_diag_warning(c->diag, g->id.span,
		                         "guideline '%s' cites no evidence", g->id.s);
		urc_diag_help(c->diag, e,
		              "add 'evidence \"...\"' naming the clinical practice guideline or policy it follows");
	}
	check_window(c, g);
	if (!g->initial.present && !g->continued.present && !g->damaged) {
		int e = urc_diag_error(c->diag, g->id.span,
		                       "guideline '%s' has no 'initial' or 'continued' phase, so it decides nothing",
		                       g->id.s);
		urc_diag_help(c->diag, e, "add 'initial { ... }' and 'continued { ... }' with their rules");
	}
	urc_check_phases(c, g);
}

void urc_check_decls(urc_checker *c)
{
	urc_program *p = c->prog;
	for (urc_measure *m = p->measures.first; m; m = m->next)
		declare(c, &c->measures, m->id, m, "measure", measure_span);
	for (urc_setting *s = p->settings.first; s; s = s->next)
		declare(c, &c->settings, s->id, s, "setting", setting_span);
	for (urc_specialty *s = p->specialties.first; s; s = s->next)
		declare(c, &c->specialties, s->id, s, "specialty", specialty_span);
	for (urc_plan *pl = p->plans.first; pl; pl = pl->next)
		declare(c, &c->plans, pl->id, pl, "plan", plan_span);
	for (urc_guideline *g = p->guidelines.first; g; g = g->next)
		declare(c, &c->guidelines, g->id, g, "guideline", guideline_span);

	for (urc_measure *m = p->measures.first; m; m = m->next)
		check_measure(c, m);
	for (urc_setting *s = p->settings.first; s; s = s->next)
		check_setting(c, s);
	for (urc_specialty *s = p->specialties.first; s; s = s->next)
		check_specialty(c, s);
	for (urc_plan *pl = p->plans.first; pl; pl = pl->next)
		check_plan(c, pl);
	for (urc_guideline *g = p->guidelines.first; g; g = g->next)
		check_guideline(c, g);
}

void urc_check_program(urc_program *prog)
{
	urc_checker c;
	memset(&c, 0, sizeof c);
	c.prog = prog;
	c.diag = prog->diag;
	urc_symtab_init(&c.measures);
	urc_symtab_init(&c.settings);
	urc_symtab_init(&c.specialties);
	urc_symtab_init(&c.plans);
	urc_symtab_init(&c.guidelines);
	urc_check_decls(&c);
	urc_check_claims(&c);
	urc_symtab_free(&c.measures);
	urc_symtab_free(&c.settings);
	urc_symtab_free(&c.specialties);
	urc_symtab_free(&c.plans);
	urc_symtab_free(&c.guidelines);
}
