/* check_analyze.c — the analysis of a phase's rules (analyze.c): rules that
 * earlier rules cover, rules whose condition is never true, and phases
 * without 'otherwise' that leave requests undecided, with the example
 * request shown. Integer features meet exactly at their boundaries
 * ("< 24" and ">= 24"); not, or and and follow De Morgan. */
#include "ck.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

#define GAP "error: some initial requests match no rule, and the phase has no 'otherwise'"
#define COVERED "can never fire: earlier rules decide every request it matches"
#define NEVER_TRUE "can never fire: its condition is never true"
#define R(name, cond, outcome) "    rule \"" name "\" when " cond " " outcome "\n"
#define REF "refer \"x\""
/* Rules that test scores come after the 'require' lines asking for them. */
#define REQ "    require ODI\n    require BBS\n"

typedef struct analysis_case {
	const char *name;
	const char *phase;  /* the initial phase's body */
	int errors;
	const char *says;   /* must be printed, or NULL */
	const char *also;   /* must be printed, or NULL */
	const char *never;  /* must not be printed, or NULL */
} analysis_case;

static const analysis_case cases[] = {
	/* ---- integer boundaries ---- */
	{"< 24 and >= 24 meet exactly",
	 R("a", "visits used < 24", REF) R("b", "visits used >= 24", REF), 0, NULL, NULL, GAP},
	{"<= 23 and >= 24 meet exactly",
	 R("a", "visits used <= 23", REF) R("b", "visits used >= 24", REF), 0, NULL, NULL, GAP},
	{"< 24 and > 24 leave 24",
	 R("a", "visits used < 24", REF) R("b", "visits used > 24", REF), 1, GAP,
	 "note: for example, a request with visits used 24", NULL},
	{"< 24 and > 23 overlap; a third rule is covered",
	 R("a", "visits used < 24", REF) R("b", "visits used > 23", REF) R("c", "visits used > 5", REF),
	 1, "test.guide:22:10: error: rule \"c\" " COVERED, "note: rule \"a\" decides some of them first", GAP},
	{"= and != cover everything",
	 R("a", "visits used = 5", REF) R("b", "visits used != 5", REF) R("c", "age < 3 years", REF),
	 1, "rule \"c\" " COVERED, "note: rule \"b\" decides some of them first", GAP},
	{"!= leaves the value",
	 R("a", "visits used != 5", REF), 1, GAP, "a request with visits used 5", NULL},
	{"request number starts at 1",
	 R("a", "request number >= 1", REF) R("b", "request number > 7", REF), 1, "rule \"b\" " COVERED, NULL, GAP},
	{"request number below 1 is never true",
	 R("a", "request number < 1", REF) "    otherwise refer \"y\"", 1, "rule \"a\" " NEVER_TRUE, NULL, COVERED},
	{"visits used below 0 is never true",
	 R("a", "visits used < 0", REF) "    otherwise refer \"y\"", 1, "rule \"a\" " NEVER_TRUE, NULL, NULL},
	{"contradiction is never true",
	 R("a", "visits used < 5 and visits used > 10", REF) "    otherwise refer \"y\"", 1,
	 "rule \"a\" " NEVER_TRUE, "help: check the comparisons", NULL},
	{"integer gap between 5 and 6 is empty",
	 R("a", "visits used <= 5", REF) R("b", "visits used >= 6", REF), 0, NULL, NULL, GAP},

	/* ---- real-valued features ---- */
	{"age < and >= meet",
	 R("a", "age < 3 years", REF) R("b", "age >= 3 years", REF), 0, NULL, NULL, GAP},
	{"age < and > leave the point",
	 R("a", "age < 3 years", REF) R("b", "age > 3 years", REF), 1, GAP, "a request with age 3 years", NULL},
	{"years and months compare",
	 R("a", "age < 2 years", REF) R("b", "age < 18 months", REF) "    otherwise refer \"y\"", 1,
	 "rule \"b\" " COVERED, NULL, NULL},
	{"months are not covered by fewer years",
	 R("a", "age < 1 years", REF) R("b", "age < 18 months", REF) "    otherwise refer \"y\"", 0, NULL, NULL, COVERED},
	{"weeks are days",
	 R("a", "days since start of care > 2 weeks", REF) R("b", "days since start of care > 20 days", REF)
	 "    otherwise refer \"y\"", 1, "rule \"b\" " COVERED, NULL, NULL},

	/* ---- not, or, and ---- */
	{"not turns the comparison",
	 R("a", "not visits used < 10", REF) R("b", "visits used >= 10", REF) "    otherwise refer \"y\"",
	 1, "rule \"b\" " COVERED, NULL, NULL},
	{"not not is the condition",
	 R("a", "not not visits used < 10", REF) R("b", "visits used < 9", REF) "    otherwise refer \"y\"",
	 1, "rule \"b\" " COVERED, NULL, NULL},
	{"or of complements is everything",
	 R("a", "visits used < 10 or visits used >= 10", REF) R("b", "age < 3 years", REF), 1,
	 "rule \"b\" " COVERED, NULL, GAP},
	{"and of complements is never true",
	 R("a", "visits used < 10 and not visits used < 10", REF) "    otherwise refer \"y\"", 1,
	 "rule \"a\" " NEVER_TRUE, NULL, NULL},
	{"De Morgan over or",
	 R("a", "not (visits used < 10 or age < 5 years)", REF)
	 R("b", "visits used >= 12 and age >= 6 years", REF)
	 R("c", "visits used >= 12", REF) "    otherwise refer \"y\"",
	 1, "rule \"b\" " COVERED, NULL, "rule \"c\""},
	{"De Morgan over and",
	 R("a", "not (visits used >= 10 and age >= 5 years)", REF)
	 R("b", "visits used < 3", REF) R("c", "age < 1 years", REF) R("d", "visits used >= 10", REF),
	 2, "rule \"b\" " COVERED, "rule \"c\" " COVERED, GAP},
	{"an or whose parts earlier rules cover",
	 R("a", "visits used < 5", REF) R("b", "age > 60 years", REF)
	 R("c", "visits used < 2 or age > 70 years", REF) "    otherwise refer \"y\"",
	 1, "rule \"c\" " COVERED, "note: rule \"b\" decides some of them first", NULL},
	{"an or with one part uncovered",
	 R("a", "visits used < 5", REF) R("c", "visits used < 2 or age > 70 years", REF) "    otherwise refer \"y\"",
	 0, NULL, NULL, COVERED},
	{"only rules that meet are named",
	 R("a", "visits used > 60", REF) R("b", "visits used < 5", REF) R("c", "visits used < 3", REF)
	 "    otherwise refer \"y\"", 1, "rule \"c\" " COVERED, "note: rule \"b\" decides some of them first", "rule \"a\" decides some of them first"},

	/* ---- measures ---- */
	{"improved and not improved",
	 REQ R("a", "ODI improved", REF) R("b", "not ODI improved", REF) R("c", "BBS improved", REF), 1,
	 "rule \"c\" " COVERED, NULL, GAP},
	{"improved alone leaves no change",
	 REQ R("a", "ODI improved", REF), 1, GAP, "a request with ODI unchanged", NULL},
	{"at least and less than the mcid",
	 REQ R("a", "ODI improved by at least mcid", REF) R("b", "ODI improved by less than 10 points", REF)
	 R("c", "ODI improved", REF), 1, "rule \"c\" " COVERED, NULL, GAP},
	{"a larger gain is covered by a smaller one",
	 REQ R("a", "ODI improved by at least 5 points", REF) R("b", "ODI improved by at least mcid", REF)
	 "    otherwise refer \"y\"", 1, "rule \"b\" " COVERED, NULL, NULL},
	{"a smaller gain is not covered by a larger one",
	 REQ R("a", "ODI improved by at least mcid", REF) R("b", "ODI improved by at least 5 points", REF)
	 "    otherwise refer \"y\"", 0, NULL, NULL, COVERED},
	{"since previous is another axis",
	 REQ R("a", "ODI improved", REF) R("b", "ODI improved since previous", REF) "    otherwise refer \"y\"",
	 0, NULL, NULL, COVERED},
	{"gap in a change shows the gain",
	 REQ R("a", "ODI improved by less than 5 points", REF), 1, GAP, "a request with ODI improved by 5 points", NULL},
	{"gap since previous says so",
	 REQ R("a", "BBS improved since previous", REF), 1, GAP, "BBS unchanged since the previous score", NULL},
	{"scores at a moment",
	 REQ R("a", "ODI at intake >= 40", REF) R("b", "ODI at intake < 40", REF) R("c", "ODI at latest > 3", REF), 1,
	 "rule \"c\" " COVERED, NULL, GAP},
	{"scores at two moments are two axes",
	 REQ R("a", "ODI at intake >= 40", REF) R("b", "ODI at latest >= 40", REF) "    otherwise refer \"y\"", 0,
	 NULL, NULL, COVERED},
	{"gap in a score",
	 REQ R("a", "ODI at intake >= 40", REF), 1, GAP, "a request with ODI at intake 0 points", NULL},

	/* ---- settings and plans ---- */
	{"setting and its negation",
	 R("a", "setting is outpatient", REF) R("b", "setting is not outpatient", REF), 0, NULL, NULL, GAP},
	{"every listed setting",
	 R("a", "setting is outpatient", REF) R("b", "setting is home_health", REF) R("c", "age < 3 years", REF),
	 1, "rule \"c\" " COVERED, NULL, GAP},
	{"a setting left out",
	 R("a", "setting is outpatient", REF), 1, GAP, "a request with setting home_health", NULL},
	{"not one setting covers the other",
	 R("a", "setting is not home_health", REF) R("b", "setting is outpatient", REF) "    otherwise refer \"y\"",
	 1, "rule \"b\" " COVERED, NULL, NULL},
	{"plans named leave the others",
	 R("a", "plan is ma", REF) R("b", "plan is commercial", REF), 1, GAP,
	 "a request with a plan this phase does not name", NULL},
	{"plan and its negation",
	 R("a", "plan is ma", REF) R("b", "plan is not ma", REF), 0, NULL, NULL, GAP},

	/* ---- examples over several axes ---- */
	{"example names every axis",
	 R("a", "visits used < 24 and age >= 18 years", REF), 1, GAP,
	 "note: for example, a request with visits used 24 and age 0 months", NULL},
	{"example with three axes",
	 R("a", "visits used < 24", REF) R("b", "age >= 18 years", REF) R("c", "setting is outpatient", REF), 1, GAP,
	 "a request with visits used 24, age 0 months and setting home_health", NULL},

	/* ---- when the analysis stays quiet ---- */
	{"otherwise alone", "    otherwise refer \"y\"", 0, NULL, NULL, GAP},
	{"otherwise closes any gap", R("a", "visits used < 3", REF) "    otherwise refer \"y\"", 0, NULL, NULL, GAP},
	{"no analysis after an error in the phase",
	 R("a", "visits used < 24", REF) R("b", "visits used < 10", REF) R("c", "plan is nope", REF), 1,
	 "unknown plan 'nope'", NULL, "can never fire"},
};

START_TEST(analysis)
{
	const analysis_case *c = &cases[_i];
	static const char head[] = CATALOGUE "guideline g \"G\" version 1 {\n" FIELDS "  initial {\n";
	urc_test_checkf("%s%s\n  }\n}\n", head, c->phase);
	if (T.diag.errors != c->errors || T.diag.warnings != 0)
		ck_abort_msg("%s: expected %d errors; got %d, %d warnings:\n%s", c->name, c->errors,
		             T.diag.errors, T.diag.warnings, urc_test_text());
	const char *out = urc_test_text();
	if (c->says)
		ck_assert_msg(strstr(out, c->says), "%s: diagnostics lack \"%s\":\n%s", c->name, c->says, out);
	if (c->also)
		ck_assert_msg(strstr(out, c->also), "%s: diagnostics lack \"%s\":\n%s", c->name, c->also, out);
	if (c->never)
		ck_assert_msg(!strstr(out, c->never), "%s: diagnostics should not say \"%s\":\n%s", c->name,
		              c->never, out);
}
END_TEST

START_TEST(continued_phase_is_named)
{
	urc_test_check(CATALOGUE "guideline g \"G\" version 1 {\n" FIELDS
	               "  initial { otherwise refer \"x\" }\n"
	               "  continued { rule \"a\" when visits used < 24 refer \"y\" }\n}\n");
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("test.guide:20:3: error: some continued requests match no rule, and the phase has no 'otherwise'");
	ASSERT_SAYS("help: end the phase with 'otherwise refer \"...\"'");
}
END_TEST

START_TEST(covered_rule_is_reported_at_its_name)
{
	urc_test_check(PHASE(R("wide", "visits used < 24", REF) R("narrow", "visits used < 10", REF)
	                     "    otherwise refer \"y\""));
	ASSERT_DIAGS(1, 0);
	/* Line 21 holds rule "narrow"; its name starts at column 10. */
	ASSERT_SAYS("test.guide:21:10: error: rule \"narrow\" " COVERED);
	ASSERT_SAYS("test.guide:20:10: note: rule \"wide\" decides some of them first");
	ASSERT_SAYS("help: move it above the rules that cover it, narrow them, or remove it");
}
END_TEST

START_TEST(requires_are_not_rules)
{
	urc_test_check(PHASE("    require ODI\n    require BBS\n" R("a", "visits used < 24", REF)
	                     R("b", "visits used >= 24", REF)));
	ASSERT_DIAGS(0, 0);
}
END_TEST

START_TEST(many_rules_stay_fast_and_exact)
{
	/* 200 rules on consecutive values tile [0, 200); the last is covered. */
	size_t n = 64 * 1024, at = 0;
	char *src = malloc(n);
	ck_assert_ptr_nonnull(src);
	at += (size_t)snprintf(src + at, n - at, "%s",
	                       CATALOGUE "guideline g \"G\" version 1 {\n" FIELDS "  initial {\n");
	for (int i = 0; i < 200; i++)
		at += (size_t)snprintf(src + at, n - at, "rule \"r%d\" when visits used = %d refer \"x\"\n", i, i);
	at += (size_t)snprintf(src + at, n - at, "rule \"rest\" when visits used >= 200 refer \"x\"\n"
	                                         "rule \"last\" when visits used < 150 refer \"x\"\n  }\n}\n");
	ck_assert_uint_lt(at, n);
	urc_test_check(src);
	free(src);
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("rule \"last\" " COVERED);
	ASSERT_SAYS_NOT(GAP);
}
END_TEST

/* ---- known bugs (run with URC_TEST_KNOWN_BUGS=1) ---- */

/* A measure's change in points and in percent are separate axes, yet they
 * have the same sign: "improved" and "improved by less than 10 percent"
 * decide every request (no gain means no percentage gain either), but the
 * analysis reports a gap, with a self-contradictory example ("ODI
 * unchanged and ODI improved by 10 percent"). */
START_TEST(bug_percent_and_points_change_are_independent)
{
	urc_test_check(PHASE(REQ R("a", "ODI improved", REF) R("b", "ODI improved by less than 10 percent", REF)));
	ASSERT_DIAGS(0, 0);
}
END_TEST

/* Once a crash (found by fuzz_check): after a failed 'use' the unknown
 * measure was not reported, so the phase was lowered with no measure. */
START_TEST(failed_use_then_measure_condition)
{
	urc_test_check("use \"no-such-catalogue.guide\"\n"
	               "guideline g { initial { rule \"a\" when ODI improved refer \"x\" otherwise refer \"y\" } }\n");
	ck_assert_int_ge(T.diag.errors, 1);
	urc_test_check("use \"no-such-catalogue.guide\"\n"
	               "guideline g { initial { rule \"a\" when ODI at intake > 3 refer \"x\" otherwise refer \"y\" } }\n");
	ck_assert_int_ge(T.diag.errors, 1);
}
END_TEST

/* A phase whose regions pass URC_MAX_BOXES is not analysed, silently: six
 * clauses of three choices leave a request (visits used 0, age 0 years,
 * ODI at intake 0) that no rule decides, in a phase without 'otherwise',
 * and nothing is reported; five clauses are reported. */
START_TEST(bug_complex_phase_passes_silently)
{
	char cond[1024] = "";
	for (int i = 0; i < 6; i++) {
		char part[160];
		snprintf(part, sizeof part, "%s(visits used != %d or age != %d years or ODI at intake != %d)",
		         i ? " and " : "", i, i, i);
		strcat(cond, part);
	}
	static const char head[] = CATALOGUE "guideline g \"G\" version 1 {\n" FIELDS "  initial {\n" REQ;
	urc_test_checkf("%s    rule \"a\" when %s refer \"x\"\n  }\n}\n", head, cond);
	ck_assert_int_ge(T.diag.errors + T.diag.warnings, 1);
}
END_TEST

Suite *analyze_suite(void)
{
	Suite *s = suite_create("analyze");
	TCase *tc = tcase_create("regions");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_loop_test(tc, analysis, 0, (int)(sizeof cases / sizeof cases[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("reports");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, continued_phase_is_named);
	tcase_add_test(tc, covered_rule_is_reported_at_its_name);
	tcase_add_test(tc, requires_are_not_rules);
	tcase_add_test(tc, many_rules_stay_fast_and_exact);
	tcase_add_test(tc, failed_use_then_measure_condition);
	suite_add_tcase(s, tc);

	if (urc_test_known_bugs()) {
		tc = tcase_create("known bugs");
		tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
		tcase_add_test(tc, bug_percent_and_points_change_are_independent);
		tcase_add_test(tc, bug_complex_phase_passes_silently);
		suite_add_tcase(s, tc);
	}
	return s;
}
