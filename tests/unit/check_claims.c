/* check_claims.c — diagnoses claimed by two guidelines (claims.c): equal
 * codes and codes under a prefix clash when the discipline is the same and
 * a setting is shared; each pair of guidelines is reported once, at the
 * later guideline's code, with a note at the earlier one's. */
#include "ck.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

/* A guideline that passes every check but the claims. */
#define G(id, discipline, settings, codes)                                          \
	"guideline " id " \"" id "\" version 1 {\n"                                     \
	"  discipline " discipline " specialty neuro diagnoses " codes "\n"              \
	"  settings " settings " evidence \"e\" authorization { window 30 days }\n"      \
	"  initial { otherwise refer \"x\" }\n}\n"

#define CLASH "is already claimed for"

typedef struct claim_case {
	const char *name;
	const char *src;
	int errors;
	const char *says;
	const char *also;
} claim_case;

static const claim_case cases[] = {
	{"same code, discipline and setting",
	 CATALOGUE G("a", "PT", "outpatient", "M54.16") G("b", "PT", "outpatient snf", "M54.16"), 1,
	 "test.guide:17:43: error: diagnosis M54.16 is already claimed for PT in the outpatient setting by guideline 'a'",
	 "test.guide:12:43: note: 'a' claims M54.16 here"},
	{"another discipline",
	 CATALOGUE G("a", "PT", "outpatient", "M54.16") G("b", "OT", "outpatient", "M54.16"), 0, NULL, NULL},
	{"no shared setting",
	 CATALOGUE G("a", "PT", "outpatient", "M54.16") G("b", "PT", "home_health snf", "M54.16"), 0, NULL, NULL},
	{"the shared setting is named",
	 CATALOGUE G("a", "SLP", "snf home_health", "R13.10") G("b", "SLP", "outpatient home_health", "R13.10"), 1,
	 "diagnosis R13.10 is already claimed for SLP in the home_health setting by guideline 'a'", NULL},
	{"a prefix covers a later code",
	 CATALOGUE G("a", "PT", "outpatient", "M54.1-") G("b", "PT", "outpatient", "M54.16"), 1,
	 "diagnosis M54.16 is already claimed for PT in the outpatient setting by guideline 'a'",
	 "note: 'a' claims M54.1- here"},
	{"a later prefix covers a code",
	 CATALOGUE G("a", "PT", "outpatient", "M54.16") G("b", "PT", "outpatient", "M54.1*"), 1,
	 "diagnosis M54.1- is already claimed for PT in the outpatient setting by guideline 'a'",
	 "note: 'a' claims M54.16 here"},
	{"a category prefix covers subcodes",
	 CATALOGUE G("a", "PT", "outpatient", "M17-") G("b", "PT", "outpatient", "M17.11"), 1,
	 "diagnosis M17.11 " CLASH, "'a' claims M17- here"},
	{"two prefixes, one inside the other",
	 CATALOGUE G("a", "PT", "outpatient", "M17.1-") G("b", "PT", "outpatient", "M17-"), 1,
	 "diagnosis M17- " CLASH, NULL},
	{"a code without a dash covers nothing",
	 CATALOGUE G("a", "PT", "outpatient", "M54.1") G("b", "PT", "outpatient", "M54.16"), 0, NULL, NULL},
	{"siblings do not clash",
	 CATALOGUE G("a", "PT", "outpatient", "M54.1-") G("b", "PT", "outpatient", "M54.2 M54.20 M55.1"), 0, NULL, NULL},
	{"a pair is reported once",
	 CATALOGUE G("a", "PT", "outpatient", "M54.16 M54.17 M54.18")
	 G("b", "PT", "outpatient", "M54.16 M54.17 M54.18"), 1, "diagnosis M54.16 " CLASH, NULL},
	{"three guidelines, three pairs",
	 CATALOGUE G("a", "PT", "outpatient", "M54.16") G("b", "PT", "outpatient", "M54.16")
	 G("c", "PT", "outpatient", "M54.16"), 3, "by guideline 'a'", "by guideline 'b'"},
	{"a guideline's own prefix and code",
	 CATALOGUE G("a", "PT", "outpatient", "M54.1- M54.16"), 0, NULL, NULL},
};

START_TEST(claims)
{
	const claim_case *c = &cases[_i];
	urc_test_check(c->src);
	if (T.diag.errors != c->errors || T.diag.warnings != 0)
		ck_abort_msg("%s: expected %d errors; got %d, %d warnings:\n%s", c->name, c->errors,
		             T.diag.errors, T.diag.warnings, urc_test_text());
	const char *out = urc_test_text();
	ck_assert_int_eq(urc_count(out, CLASH), c->errors);
	if (c->says)
		ck_assert_msg(strstr(out, c->says), "%s: diagnostics lack \"%s\":\n%s", c->name, c->says, out);
	if (c->also)
		ck_assert_msg(strstr(out, c->also), "%s: diagnostics lack \"%s\":\n%s", c->name, c->also, out);
}
END_TEST

START_TEST(claim_help_says_how_to_fix)
{
	urc_test_check(CATALOGUE G("a", "PT", "outpatient", "M54.16") G("b", "PT", "outpatient", "M54.16"));
	ASSERT_SAYS("help: a request must route to exactly one guideline");
}
END_TEST

START_TEST(guideline_without_discipline_claims_nothing)
{
	urc_test_check(CATALOGUE G("a", "PT", "outpatient", "M54.16")
	               "guideline b \"b\" version 1 { specialty neuro diagnoses M54.16 settings outpatient "
	               "evidence \"e\" authorization { window 30 days } initial { otherwise refer \"x\" } }");
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("guideline 'b' names no discipline");
}
END_TEST

START_TEST(many_guidelines_one_code)
{
	/* 40 guidelines on one code: every pair once, 40 * 39 / 2. */
	char *src = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&src, &len);
	ck_assert_ptr_nonnull(f);
	fputs(CATALOGUE, f);
	for (int i = 0; i < 40; i++)
		fprintf(f, "guideline g%d \"g\" version 1 { discipline OT specialty neuro diagnoses R26.81 "
		           "settings snf evidence \"e\" authorization { window 30 days } "
		           "initial { otherwise refer \"x\" } }\n", i);
	ck_assert_int_eq(fclose(f), 0);
	urc_test_check(src);
	free(src);
	ck_assert_int_eq(T.diag.errors, 40 * 39 / 2);
}
END_TEST

Suite *claims_suite(void)
{
	Suite *s = suite_create("claims");
	TCase *tc = tcase_create("pairs");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_loop_test(tc, claims, 0, (int)(sizeof cases / sizeof cases[0]));
	tcase_add_test(tc, claim_help_says_how_to_fix);
	tcase_add_test(tc, guideline_without_discipline_claims_nothing);
	tcase_add_test(tc, many_guidelines_one_code);
	suite_add_tcase(s, tc);
	return s;
}
