/* check_parser.c — the Bison grammar (grammar/parser.y): each construct
 * builds the tree it should (catalogue entries, guideline fields, phases,
 * conditions with the precedence of not/and/or, outcomes), fields given
 * twice, the targeted error rules, and recovery: every syntax error of a
 * file is reported once and the declarations around it survive. */
#include "ck.h"
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "parse.h"
#include "suites.h"

/* The initial phase of a guideline whose initial block is `body`. */
static urc_phase *initial_of(const char *body)
{
	char *src = NULL;
	size_t n = strlen(body) + 64;
	src = malloc(n);
	ck_assert_ptr_nonnull(src);
	snprintf(src, n, "guideline g \"G\" version 1 { initial { %s } }", body);
	urc_test_parse(src);
	free(src);
	urc_guideline *g = urc_test_guideline();
	ck_assert(g->initial.present);
	return &g->initial;
}

/* The condition of the first rule of `rule "r" when COND refer "x"`. */
static urc_cond *cond_of(const char *cond)
{
	size_t n = strlen(cond) + 64;
	char *body = malloc(n);
	ck_assert_ptr_nonnull(body);
	snprintf(body, n, "rule \"r\" when %s refer \"x\"", cond);
	urc_phase *ph = initial_of(body);
	free(body);
	ck_assert_ptr_nonnull(ph->first);
	ck_assert_int_eq(ph->first->kind, URC_ITEM_RULE);
	return ph->first->when;
}

/* The source text a span covers, in T's first file. */
static char span_buf[256];
static const char *span_text(urc_span s)
{
	ck_assert_uint_eq(s.file, 0);
	ck_assert_uint_le(s.end, T.diag.files[0].len);
	ck_assert_uint_le(s.start, s.end);
	size_t n = s.end - s.start;
	if (n >= sizeof span_buf)
		n = sizeof span_buf - 1;
	memcpy(span_buf, T.diag.files[0].text + s.start, n);
	span_buf[n] = '\0';
	return span_buf;
}

/* ---- catalogue entries ---- */

START_TEST(measure_fields)
{
	urc_test_parse("measure ODI \"Oswestry\" {\n"
	               "  range 0 to 100 points better lower mcid 10 points mdc 9.5\n"
	               "  population \"adults\" source \"a\" source \"b\"\n}");
	ASSERT_DIAGS(0, 0);
	urc_measure *m = T.prog.measures.first;
	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_null(m->next);
	ck_assert_str_eq(m->id.s, "ODI");
	ck_assert_str_eq(span_text(m->id.span), "ODI");
	ck_assert_str_eq(m->title, "Oswestry");
	ck_assert(m->lo.present && m->hi.present);
	ck_assert_double_eq(m->lo.value, 0);
	ck_assert_int_eq(m->lo.unit, URC_UNIT_NONE);
	ck_assert_double_eq(m->hi.value, 100);
	ck_assert_int_eq(m->hi.unit, URC_UNIT_POINTS);
	ck_assert_str_eq(span_text(m->range_span), "range 0 to 100 points");
	ck_assert_int_eq(m->better, -1);
	ck_assert_str_eq(span_text(m->better_span), "better lower");
	ck_assert_double_eq(m->mcid.value, 10);
	ck_assert_int_eq(m->mcid.unit, URC_UNIT_POINTS);
	ck_assert_double_eq(m->mdc.value, 9.5);
	ck_assert(!m->mdc.is_int);
	ck_assert_str_eq(m->population, "adults");
	ck_assert_str_eq(m->sources.first->text, "a");
	ck_assert_str_eq(m->sources.first->next->text, "b");
	ck_assert_ptr_eq(m->sources.last, m->sources.first->next);
}
END_TEST

START_TEST(measure_without_title_and_higher)
{
	urc_test_parse("measure BBS { better higher }");
	ASSERT_DIAGS(0, 0);
	urc_measure *m = T.prog.measures.first;
	ck_assert_ptr_null(m->title);
	ck_assert_int_eq(m->better, 1);
	ck_assert(!m->lo.present);
}
END_TEST

START_TEST(setting_specialty_plan_fields)
{
	urc_test_parse("setting outpatient \"O\" { authorization at most 90 days review every 2 weeks source \"s\" }\n"
	               "setting hh { authorization 60 days }\n"
	               "specialty ortho \"Ortho\" { window at most 60 days source \"p\" }\n"
	               "specialty neuro { window 90 days }\n"
	               "plan ma \"MA\" { auto approve 2 requests states TX FL source \"c\" states NY }\n"
	               "plan one { auto approve 1 request }\n");
	ASSERT_DIAGS(0, 0);
	urc_setting *s = T.prog.settings.first;
	ck_assert_str_eq(s->id.s, "outpatient");
	ck_assert_double_eq(s->max_auth.value, 90);
	ck_assert_int_eq(s->max_auth.unit, URC_UNIT_DAYS);
	ck_assert_double_eq(s->review_every.value, 2);
	ck_assert_int_eq(s->review_every.unit, URC_UNIT_WEEKS);
	ck_assert_str_eq(s->sources.first->text, "s");
	ck_assert_str_eq(s->next->id.s, "hh");
	ck_assert_double_eq(s->next->max_auth.value, 60);
	ck_assert(!s->next->review_every.present);

	urc_specialty *sp = T.prog.specialties.first;
	ck_assert_str_eq(sp->title, "Ortho");
	ck_assert_double_eq(sp->max_window.value, 60);
	ck_assert_double_eq(sp->next->max_window.value, 90);

	urc_plan *p = T.prog.plans.first;
	ck_assert_str_eq(p->id.s, "ma");
	ck_assert_double_eq(p->auto_approve.value, 2);
	ck_assert_str_eq(span_text(p->auto_span), "auto approve 2 requests");
	ck_assert_uint_eq(p->states.n, 3);
	ck_assert_str_eq(p->states.v[0].s, "TX");
	ck_assert_str_eq(p->states.v[1].s, "FL");
	ck_assert_str_eq(p->states.v[2].s, "NY");
	ck_assert_double_eq(p->next->auto_approve.value, 1);
	ck_assert_str_eq(span_text(p->next->auto_span), "auto approve 1 request");
}
END_TEST

START_TEST(plan_auto_approve_needs_requests)
{
	urc_test_parse("plan ma { auto approve 2 visits }");
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("a plan auto-approves a number of requests, not visits");
	ASSERT_SAYS("help: write 'auto approve 2 requests'");
}
END_TEST

/* ---- guidelines ---- */

START_TEST(guideline_fields)
{
	urc_test_parse("guideline low_back \"Low back\" version 3 {\n"
	               "  effective 2026-01-01 discipline PT specialty ortho\n"
	               "  diagnoses M54.16 M54.17\n  diagnoses M51.2-\n"
	               "  settings outpatient\n  settings home_health\n"
	               "  evidence \"one\" evidence \"two\"\n"
	               "  authorization { window 30 days to 8 weeks frequency at most 3 per week }\n"
	               "  initial { otherwise refer \"a\" }\n"
	               "  continued { otherwise pend \"b\" }\n}");
	ASSERT_DIAGS(0, 0);
	urc_guideline *g = urc_test_guideline();
	ck_assert_str_eq(g->id.s, "low_back");
	ck_assert_str_eq(g->title, "Low back");
	ck_assert_double_eq(g->version.value, 3);
	ck_assert_str_eq(span_text(g->version_span), "version 3");
	ck_assert_int_eq(g->effective, 20454);
	ck_assert_str_eq(g->discipline.s, "PT");
	ck_assert_str_eq(g->specialty.s, "ortho");
	ck_assert_uint_eq(g->codes.n, 3);
	ck_assert_str_eq(g->codes.v[0].s, "M54.16");
	ck_assert_str_eq(g->codes.v[2].s, "M51.2");
	ck_assert(g->codes.v[2].prefix);
	ck_assert_str_eq(span_text(g->codes_span), "M54.16 M54.17");
	ck_assert_uint_eq(g->settings.n, 2);
	ck_assert_str_eq(g->settings.v[1].s, "home_health");
	ck_assert_str_eq(g->evidence.first->text, "one");
	ck_assert_str_eq(g->evidence.last->text, "two");
	ck_assert(g->auth.present);
	ck_assert_double_eq(g->auth.window_min.value, 30);
	ck_assert_double_eq(g->auth.window_max.value, 8);
	ck_assert_int_eq(g->auth.window_max.unit, URC_UNIT_WEEKS);
	ck_assert_double_eq(g->auth.frequency.value, 3);
	ck_assert_int_eq(g->auth.frequency_per, URC_UNIT_WEEKS);
	ck_assert_str_eq(span_text(g->auth.frequency_span), "frequency at most 3 per week");
	ck_assert(g->initial.present && g->continued.present);
	ck_assert_int_eq(g->initial.first->outcome.kind, URC_OUTCOME_REFER);
	ck_assert_int_eq(g->continued.first->outcome.kind, URC_OUTCOME_PEND);
	ck_assert_str_eq(span_text(g->continued.span), "continued");
}
END_TEST

START_TEST(guideline_without_version_or_window_minimum)
{
	urc_test_parse("guideline g { authorization { window 60 days } }");
	ASSERT_DIAGS(0, 0);
	urc_guideline *g = urc_test_guideline();
	ck_assert_uint_eq(g->version_span.file, URC_NO_FILE);
	ck_assert_uint_eq(g->effective_span.file, URC_NO_FILE);
	ck_assert(!g->auth.window_min.present);
	ck_assert(g->auth.window_max.present);
	ck_assert(!g->initial.present && !g->continued.present);
}
END_TEST

START_TEST(declarations_keep_source_order)
{
	urc_test_parse("measure A {} measure B {} guideline x {} guideline y {} measure C {}");
	ck_assert_str_eq(T.prog.measures.first->id.s, "A");
	ck_assert_str_eq(T.prog.measures.first->next->id.s, "B");
	ck_assert_str_eq(T.prog.measures.last->id.s, "C");
	ck_assert_str_eq(T.prog.guidelines.first->id.s, "x");
	ck_assert_str_eq(T.prog.guidelines.last->id.s, "y");
}
END_TEST

START_TEST(use_lines_are_collected)
{
	/* The loader consumes prog.uses; parse one registered file directly. */
	urc_test_parse("");
	const char *src = "use \"catalogue/measures.guide\"\nuse \"b.guide\"";
	char *copy = strdup(src);
	ck_assert_ptr_nonnull(copy);
	uint32_t f = urc_diag_add_file(&T.diag, "u.guide", copy, (uint32_t)strlen(src));
	ck_assert_int_eq(urc_parse_file(&T.prog, f), 0);
	urc_use *u = T.prog.uses.first;
	ck_assert_ptr_nonnull(u);
	ck_assert_str_eq(u->path, "catalogue/measures.guide");
	ck_assert_uint_eq(u->span.file, f);
	ck_assert_uint_eq(u->span.start, 0);
	ck_assert_uint_eq(u->span.end, 30);
	ck_assert_str_eq(u->next->path, "b.guide");
	ck_assert_ptr_null(u->next->next);
}
END_TEST

/* ---- phases ---- */

START_TEST(require_moments)
{
	urc_phase *ph = initial_of("require ODI require BBS at previous and latest "
	                           "require NDI at intake otherwise refer \"x\"");
	ASSERT_DIAGS(0, 0);
	urc_rule *r = ph->first;
	ck_assert_int_eq(r->kind, URC_ITEM_REQUIRE);
	ck_assert_str_eq(r->name.s, "ODI");
	ck_assert_uint_eq(r->moments, URC_MOMENT_INTAKE | URC_MOMENT_LATEST);
	r = r->next;
	ck_assert_str_eq(r->name.s, "BBS");
	ck_assert_uint_eq(r->moments, URC_MOMENT_PREVIOUS | URC_MOMENT_LATEST);
	ck_assert_str_eq(span_text(r->span), "require BBS at previous and latest");
	r = r->next;
	ck_assert_uint_eq(r->moments, URC_MOMENT_INTAKE);
	r = r->next;
	ck_assert_int_eq(r->kind, URC_ITEM_OTHERWISE);
	ck_assert_ptr_eq(r, ph->last);
}
END_TEST

START_TEST(rule_with_cites)
{
	urc_phase *ph = initial_of("rule \"short\" when visits requested <= 8 "
	                           "approve up to 8 visits over 30 days cite \"CPG\" cite \"policy 4\"\n"
	                           "otherwise refer \"more\" cite \"x\"");
	ASSERT_DIAGS(0, 0);
	urc_rule *r = ph->first;
	ck_assert_int_eq(r->kind, URC_ITEM_RULE);
	ck_assert_str_eq(r->name.s, "short");
	ck_assert_str_eq(span_text(r->name.span), "\"short\"");
	ck_assert_str_eq(span_text(r->span),
	                 "rule \"short\" when visits requested <= 8 approve up to 8 visits over 30 days");
	ck_assert_str_eq(r->cites.first->text, "CPG");
	ck_assert_str_eq(r->cites.last->text, "policy 4");
	ck_assert_str_eq(ph->last->cites.first->text, "x");
}
END_TEST

/* ---- outcomes ---- */

START_TEST(outcome_approve)
{
	urc_phase *ph = initial_of("otherwise approve up to 8 visits over 4 weeks");
	urc_rule_outcome *o = &ph->first->outcome;
	ck_assert_int_eq(o->kind, URC_OUTCOME_APPROVE);
	ck_assert_double_eq(o->visits.value, 8);
	ck_assert_int_eq(o->visits.unit, URC_UNIT_VISITS);
	ck_assert_double_eq(o->days.value, 4);
	ck_assert_int_eq(o->days.unit, URC_UNIT_WEEKS);
	ck_assert_str_eq(span_text(o->span), "approve up to 8 visits over 4 weeks");

	ph = initial_of("otherwise approve 6 over 30 days");
	o = &ph->first->outcome;
	ck_assert_double_eq(o->visits.value, 6);
	ck_assert_int_eq(o->visits.unit, URC_UNIT_NONE);
	ASSERT_DIAGS(0, 0);
}
END_TEST

START_TEST(outcome_refer_and_pend)
{
	urc_phase *ph = initial_of("rule \"a\" when age < 3 years refer \"young\" otherwise pend \"notes\"");
	ck_assert_int_eq(ph->first->outcome.kind, URC_OUTCOME_REFER);
	ck_assert_str_eq(ph->first->outcome.text, "young");
	ck_assert_int_eq(ph->last->outcome.kind, URC_OUTCOME_PEND);
	ck_assert_str_eq(ph->last->outcome.text, "notes");
	ASSERT_DIAGS(0, 0);
}
END_TEST

START_TEST(outcome_deny_is_an_error)
{
	urc_phase *ph = initial_of("rule \"a\" when age < 3 years deny \"too young\" otherwise deny");
	ASSERT_DIAGS(2, 0);
	ck_assert_int_eq(urc_count(urc_test_text(),
	                           "a guideline cannot deny care: only a physician may deny"), 2);
	ASSERT_SAYS("help: write 'refer \"too young\"'");
	/* Both rules survive, as referrals, so later checks see them. */
	ck_assert_int_eq(ph->first->outcome.kind, URC_OUTCOME_REFER);
	ck_assert_str_eq(ph->first->outcome.text, "too young");
	ck_assert_int_eq(ph->last->kind, URC_ITEM_OTHERWISE);
	ck_assert_int_eq(ph->last->outcome.kind, URC_OUTCOME_REFER);
}
END_TEST

/* ---- conditions ---- */

START_TEST(atom_features)
{
	static const struct {
		const char *text;
		urc_feature feature;
		urc_cmp cmp;
		double value;
		urc_unit unit;
	} cases[] = {
		{"visits used < 24", URC_FEATURE_VISITS_USED, URC_CMP_LT, 24, URC_UNIT_NONE},
		{"visits requested > 12 visits", URC_FEATURE_VISITS_REQUESTED, URC_CMP_GT, 12, URC_UNIT_VISITS},
		{"request number >= 3", URC_FEATURE_REQUEST_NUMBER, URC_CMP_GE, 3, URC_UNIT_NONE},
		{"days since start of care > 90 days", URC_FEATURE_DAYS_SINCE_START, URC_CMP_GT, 90, URC_UNIT_DAYS},
		{"age < 6 months", URC_FEATURE_AGE, URC_CMP_LT, 6, URC_UNIT_MONTHS},
		{"age \xE2\x89\xA5 65 years", URC_FEATURE_AGE, URC_CMP_GE, 65, URC_UNIT_YEARS},
		{"visits used != 0", URC_FEATURE_VISITS_USED, URC_CMP_NE, 0, URC_UNIT_NONE},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		urc_cond *k = cond_of(cases[i].text);
		ASSERT_DIAGS(0, 0);
		ck_assert_int_eq(k->kind, URC_COND_COMPARE);
		ck_assert_msg(k->feature == cases[i].feature, "%s: feature %d", cases[i].text, k->feature);
		ck_assert_int_eq(k->cmp, cases[i].cmp);
		ck_assert_double_eq(k->qty.value, cases[i].value);
		ck_assert_int_eq(k->qty.unit, cases[i].unit);
		ck_assert_str_eq(span_text(k->span), cases[i].text);
	}
}
END_TEST

START_TEST(atom_feature_with_wrong_unit_word)
{
	cond_of("days used < 3");
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("did you mean 'visits used'?");
	cond_of("visits since start of care > 3 days");
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("did you mean 'days since start of care'?");
	cond_of("weeks requested > 3");
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("did you mean 'visits requested'?");
}
END_TEST

START_TEST(atom_improved)
{
	urc_cond *k = cond_of("ODI improved");
	ck_assert_int_eq(k->kind, URC_COND_IMPROVED);
	ck_assert_str_eq(k->name.s, "ODI");
	ck_assert_int_eq(k->improve, URC_IMPROVE_ANY);
	ck_assert_int_eq(k->moment, URC_MOMENT_INTAKE);
	ck_assert_str_eq(span_text(k->span), "ODI improved");

	k = cond_of("ODI improved by at least mcid since previous");
	ck_assert_int_eq(k->improve, URC_IMPROVE_AT_LEAST);
	ck_assert_int_eq(k->threshold, URC_THRESHOLD_MCID);
	ck_assert_int_eq(k->moment, URC_MOMENT_PREVIOUS);
	ck_assert_str_eq(span_text(k->threshold_span), "mcid");
	ck_assert_str_eq(span_text(k->span), "ODI improved by at least mcid since previous");

	k = cond_of("ODI improved by at least mdc since intake");
	ck_assert_int_eq(k->threshold, URC_THRESHOLD_MDC);
	ck_assert_int_eq(k->moment, URC_MOMENT_INTAKE);

	k = cond_of("ODI improved by at least 30 percent");
	ck_assert_int_eq(k->threshold, URC_THRESHOLD_NUMBER);
	ck_assert_double_eq(k->qty.value, 30);
	ck_assert_int_eq(k->qty.unit, URC_UNIT_PERCENT);
	ck_assert_str_eq(span_text(k->threshold_span), "30 percent");

	k = cond_of("BBS improved by less than 5 points");
	ck_assert_int_eq(k->improve, URC_IMPROVE_LESS_THAN);
	ck_assert_double_eq(k->qty.value, 5);
	ck_assert_int_eq(k->qty.unit, URC_UNIT_POINTS);
	ASSERT_DIAGS(0, 0);
}
END_TEST

START_TEST(atom_score_setting_plan)
{
	urc_cond *k = cond_of("ODI at intake >= 40 points");
	ck_assert_int_eq(k->kind, URC_COND_SCORE);
	ck_assert_str_eq(k->name.s, "ODI");
	ck_assert_int_eq(k->moment, URC_MOMENT_INTAKE);
	ck_assert_int_eq(k->cmp, URC_CMP_GE);
	ck_assert_str_eq(span_text(k->cmp_span), ">=");
	ck_assert_double_eq(k->qty.value, 40);

	k = cond_of("BBS at latest < 45");
	ck_assert_int_eq(k->moment, URC_MOMENT_LATEST);
	k = cond_of("BBS at previous = 45");
	ck_assert_int_eq(k->moment, URC_MOMENT_PREVIOUS);
	ck_assert_int_eq(k->cmp, URC_CMP_EQ);

	k = cond_of("setting is snf");
	ck_assert_int_eq(k->kind, URC_COND_SETTING);
	ck_assert_str_eq(k->name.s, "snf");
	ck_assert(!k->negated);
	k = cond_of("setting is not snf");
	ck_assert(k->negated);
	ck_assert_str_eq(span_text(k->name.span), "snf");
	k = cond_of("plan is ma");
	ck_assert_int_eq(k->kind, URC_COND_PLAN);
	ck_assert(!k->negated);
	k = cond_of("plan is not ma");
	ck_assert_int_eq(k->kind, URC_COND_PLAN);
	ck_assert(k->negated);
	ck_assert_str_eq(k->name.s, "ma");
	ASSERT_DIAGS(0, 0);
}
END_TEST

/* Appends a condition tree to out in prefix form: and(a,b), or(..),
 * not(..); comparisons by a letter of their feature, others by name. */
static void render(const urc_cond *k, char *out, size_t n)
{
	size_t at = strlen(out);
	ck_assert_uint_lt(at + 16, n);
	switch (k->kind) {
	case URC_COND_AND:
	case URC_COND_OR:
		snprintf(out + at, n - at, "%s(", k->kind == URC_COND_AND ? "and" : "or");
		render(k->lhs, out, n);
		strcat(out, ",");
		render(k->rhs, out, n);
		strcat(out, ")");
		return;
	case URC_COND_NOT:
		ck_assert_ptr_null(k->rhs);
		strcat(out, "not(");
		render(k->lhs, out, n);
		strcat(out, ")");
		return;
	case URC_COND_COMPARE:
		snprintf(out + at, n - at, "%c", "URNDA"[k->feature]);
		return;
	default:
		snprintf(out + at, n - at, "%s", k->name.s);
		return;
	}
}

static const struct {
	const char *cond, *tree;
} precedence[] = {
	/* U = visits used, R = visits requested, N = request number, A = age */
	{"visits used < 1 or visits requested > 2 and age < 3 years", "or(U,and(R,A))"},
	{"visits used < 1 and visits requested > 2 or age < 3 years", "or(and(U,R),A)"},
	{"not visits used < 1 and age < 3 years", "and(not(U),A)"},
	{"not (visits used < 1 and age < 3 years)", "not(and(U,A))"},
	{"not visits used < 1 or not age < 3 years", "or(not(U),not(A))"},
	{"visits used < 1 or visits requested > 2 or age < 3 years", "or(or(U,R),A)"},
	{"visits used < 1 and visits requested > 2 and age < 3 years", "and(and(U,R),A)"},
	{"(visits used < 1 or visits requested > 2) and age < 3 years", "and(or(U,R),A)"},
	{"not not ODI improved", "not(not(ODI))"},
	{"ODI improved and not setting is snf or plan is ma", "or(and(ODI,not(snf)),ma)"},
	{"((request number > 1))", "N"},
};

START_TEST(condition_precedence)
{
	urc_cond *k = cond_of(precedence[_i].cond);
	ASSERT_DIAGS(0, 0);
	char got[512] = "";
	render(k, got, sizeof got);
	ck_assert_str_eq(got, precedence[_i].tree);
}
END_TEST

START_TEST(condition_spans_cover_operands)
{
	urc_cond *k = cond_of("(visits used < 1 or age < 3 years) and not plan is ma");
	ck_assert_int_eq(k->kind, URC_COND_AND);
	ck_assert_str_eq(span_text(k->span), "(visits used < 1 or age < 3 years) and not plan is ma");
	ck_assert_str_eq(span_text(k->lhs->span), "visits used < 1 or age < 3 years");
	ck_assert_str_eq(span_text(k->rhs->span), "not plan is ma");
	ck_assert_str_eq(span_text(k->rhs->lhs->span), "plan is ma");
}
END_TEST

/* ---- fields given twice ---- */

static const struct {
	const char *src, *what;
} twice[] = {
	{"measure A { range 0 to 1 points range 0 to 2 points }", "the range is given twice"},
	{"measure A { better higher better lower }", "the direction is given twice"},
	{"measure A { mcid 1 mcid 2 }", "the MCID is given twice"},
	{"measure A { mdc 1 mdc 2 }", "the MDC is given twice"},
	{"setting s { authorization 1 days authorization at most 2 days }", "the authorization length is given twice"},
	{"setting s { review every 7 days review every 7 days }", "the review cadence is given twice"},
	{"specialty s { window at most 1 days window 2 days }", "the window is given twice"},
	{"plan p { auto approve 1 requests auto approve 2 requests }", "the auto-approval is given twice"},
	{"guideline g { effective 2026-01-01 effective 2026-02-01 }", "the effective date is given twice"},
	{"guideline g { discipline PT discipline OT }", "the discipline is given twice"},
	{"guideline g { specialty a specialty b }", "the specialty is given twice"},
	{"guideline g { authorization { window 1 days } authorization { window 2 days } }", "the authorization block is given twice"},
	{"guideline g { authorization { window 1 days window 2 days } }", "the window is given twice"},
	{"guideline g { authorization { frequency at most 1 per week frequency at most 2 per day } }", "the frequency is given twice"},
	{"guideline g { initial { otherwise refer \"a\" } initial { otherwise refer \"b\" } }", "the initial phase is given twice"},
	{"guideline g { continued { otherwise refer \"a\" } continued { otherwise refer \"b\" } }", "the continued phase is given twice"},
};

START_TEST(field_given_twice)
{
	urc_test_parse(twice[_i].src);
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS(twice[_i].what);
	ASSERT_SAYS("note: first given here");
	ASSERT_SAYS("help: keep one of the two");
}
END_TEST

/* ---- targeted errors ---- */

START_TEST(rule_without_when)
{
	initial_of("rule \"a\" refer \"x\" otherwise refer \"y\"");
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("rule \"a\" has no 'when' condition");
}
END_TEST

START_TEST(rule_without_name)
{
	initial_of("rule when age < 3 years refer \"x\" otherwise refer \"y\"");
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("this rule has no name");
}
END_TEST

START_TEST(unexpected_token_names_what_was_found)
{
	urc_test_parse("measure A \"a\" { range 0 10 points }");
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("test.guide:1:25: error: expected ");
	ASSERT_SAYS("but found '10'");
}
END_TEST

START_TEST(unclosed_brace_at_end_of_file)
{
	urc_test_parse("measure A \"a\" {\n  range 0 to 10 points\n");
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("test.guide:1:15: note: this '{' is never closed");
	ASSERT_SAYS("help: add '}' where the block ends");
	/* The innermost open brace is the one named. */
	urc_test_parse("guideline g {\n initial {\n otherwise refer \"x\"\n");
	ck_assert_int_ge(T.diag.errors, 1);
	ASSERT_SAYS("test.guide:2:10: note: this '{' is never closed");
}
END_TEST

START_TEST(deep_nesting_is_an_error_not_a_crash)
{
	enum { DEPTH = 20000 };
	size_t n = 2 * DEPTH + 128;
	char *src = malloc(n);
	ck_assert_ptr_nonnull(src);
	size_t at = (size_t)snprintf(src, n, "guideline g { initial { rule \"x\" when ");
	memset(src + at, '(', DEPTH);
	at += DEPTH;
	at += (size_t)snprintf(src + at, n - at, "age < 3 years");
	memset(src + at, ')', DEPTH);
	at += DEPTH;
	snprintf(src + at, n - at, " refer \"y\" } }");
	urc_test_parse(src);
	free(src);
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("this file is nested too deeply to read");
}
END_TEST

/* ---- recovery ---- */

START_TEST(three_separate_errors_three_messages)
{
	urc_test_parse(
		"measure A \"a\" { range 0 to 10 points source \"s\" oops }\n"    /* 1 */
		"guideline g \"G\" version 1 {\n"
		"  discipline PT\n"
		"  initial {\n"
		"    rule \"x\" when visits used < < 3 approve 8 visits over 30 days\n" /* 2 */
		"    otherwise refer \"r\"\n"
		"  }\n"
		"  bogus field here\n"                                         /* 3 */
		"  specialty ortho\n"
		"}\n"
		"measure B \"b\" { range 0 to 5 points source \"s\" }\n");
	ASSERT_DIAGS(3, 0);
	const char *out = urc_test_text();
	ck_assert_int_eq(urc_count(out, "error:"), 3);
	ASSERT_SAYS("test.guide:1:49: error: 'oops' does not belong here");
	ASSERT_SAYS("test.guide:5:33: error: expected ");
	ASSERT_SAYS("test.guide:8:3: error: 'bogus' does not belong here");
	/* What surrounds each error is kept. */
	ck_assert_str_eq(T.prog.measures.first->id.s, "A");
	ck_assert_double_eq(T.prog.measures.first->hi.value, 10);
	ck_assert_str_eq(T.prog.measures.first->sources.first->text, "s");
	ck_assert_str_eq(T.prog.measures.last->id.s, "B");
	urc_guideline *g = urc_test_guideline();
	ck_assert_str_eq(g->discipline.s, "PT");
	ck_assert_str_eq(g->specialty.s, "ortho");
	ck_assert(g->initial.present);
	ck_assert_int_eq(g->initial.last->kind, URC_ITEM_OTHERWISE);
}
END_TEST

START_TEST(error_in_one_declaration_spares_the_next)
{
	urc_test_parse("setting s { authorization at 30 days }\n"
	               "setting t { authorization at most 30 days source \"x\" }\n");
	ASSERT_DIAGS(1, 0);
	ck_assert_ptr_nonnull(T.prog.settings.last);
	ck_assert_str_eq(T.prog.settings.last->id.s, "t");
	ck_assert_double_eq(T.prog.settings.last->max_auth.value, 30);
}
END_TEST

START_TEST(garbage_at_top_level)
{
	urc_test_parse("} } when 3 \"x\"\nmeasure A { range 0 to 1 points }");
	ck_assert_int_ge(T.diag.errors, 1);
	ck_assert_int_le(T.diag.errors, 2);
	ck_assert_ptr_nonnull(T.prog.measures.first);
	ck_assert_str_eq(T.prog.measures.first->id.s, "A");
}
END_TEST

START_TEST(empty_source_is_fine)
{
	urc_test_parse("");
	ASSERT_DIAGS(0, 0);
	urc_test_parse("# only a comment\n\n");
	ASSERT_DIAGS(0, 0);
	ck_assert_ptr_null(T.prog.measures.first);
	ck_assert_ptr_null(T.prog.guidelines.first);
}
END_TEST

/* ---- messages that were wrong once ---- */

/* Expected tokens are named for people: a unit, a name, keywords quoted. */
START_TEST(expected_tokens_read_as_words)
{
	urc_test_parse("measure A \"a\" { range 0 10 points }");
	ASSERT_SAYS("expected a unit (visits, days, points...) or 'to', but found '10'");
	urc_test_parse("measure \"a\" { }");
	ASSERT_SAYS("expected a name, but found '\"a\"'");
}
END_TEST

/* A rule without a name is one mistake: its phase is not also "empty". */
START_TEST(nameless_rule_does_not_cascade)
{
	urc_test_check(PHASE("    rule when age < 3 years refer \"x\""));
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("this rule has no name");
}
END_TEST

Suite *parser_suite(void)
{
	Suite *s = suite_create("parser");
	TCase *tc = tcase_create("catalogue");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, measure_fields);
	tcase_add_test(tc, measure_without_title_and_higher);
	tcase_add_test(tc, setting_specialty_plan_fields);
	tcase_add_test(tc, plan_auto_approve_needs_requests);
	suite_add_tcase(s, tc);

	tc = tcase_create("guideline");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, guideline_fields);
	tcase_add_test(tc, guideline_without_version_or_window_minimum);
	tcase_add_test(tc, declarations_keep_source_order);
	tcase_add_test(tc, use_lines_are_collected);
	tcase_add_test(tc, require_moments);
	tcase_add_test(tc, rule_with_cites);
	suite_add_tcase(s, tc);

	tc = tcase_create("outcomes");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, outcome_approve);
	tcase_add_test(tc, outcome_refer_and_pend);
	tcase_add_test(tc, outcome_deny_is_an_error);
	suite_add_tcase(s, tc);

	tc = tcase_create("conditions");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, atom_features);
	tcase_add_test(tc, atom_feature_with_wrong_unit_word);
	tcase_add_test(tc, atom_improved);
	tcase_add_test(tc, atom_score_setting_plan);
	tcase_add_loop_test(tc, condition_precedence, 0, (int)(sizeof precedence / sizeof precedence[0]));
	tcase_add_test(tc, condition_spans_cover_operands);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_loop_test(tc, field_given_twice, 0, (int)(sizeof twice / sizeof twice[0]));
	tcase_add_test(tc, rule_without_when);
	tcase_add_test(tc, rule_without_name);
	tcase_add_test(tc, unexpected_token_names_what_was_found);
	tcase_add_test(tc, unclosed_brace_at_end_of_file);
	tcase_add_test(tc, deep_nesting_is_an_error_not_a_crash);
	tcase_add_test(tc, expected_tokens_read_as_words);
	tcase_add_test(tc, nameless_rule_does_not_cascade);
	suite_add_tcase(s, tc);

	tc = tcase_create("recovery");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, three_separate_errors_three_messages);
	tcase_add_test(tc, error_in_one_declaration_spares_the_next);
	tcase_add_test(tc, garbage_at_top_level);
	tcase_add_test(tc, empty_source_is_fine);
	suite_add_tcase(s, tc);
	return s;
}
