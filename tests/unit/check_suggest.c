/* check_suggest.c — "did you mean" (suggest.c): the closest candidate by
 * case-insensitive edit distance with transpositions, within a limit that
 * grows with the name's length. */
#include "ck.h"
#include <string.h>

#include "helpers.h"
#include "suggest.h"
#include "suites.h"

static const char *const measures[] = {"ODI", "LEFS", "NDI", "BBS", "TUG", "10MWT", "6MWT",
                                       "DASH", "QuickDASH", "PSFS", "outpatient", "home_health"};
#define N (sizeof measures / sizeof measures[0])

static const char *suggest(const char *name)
{
	return urc_suggest(name, measures, N);
}

START_TEST(one_edit_on_short_names)
{
	ck_assert_str_eq(suggest("LEFT"), "LEFS");  /* substitution */
	ck_assert_str_eq(suggest("OD"), "ODI");     /* insertion */
	ck_assert_str_eq(suggest("ODII"), "ODI");   /* deletion */
	ck_assert_str_eq(suggest("OID"), "ODI");    /* transposition counts one */
	ck_assert_str_eq(suggest("odi"), "ODI");    /* case is ignored */
	ck_assert_str_eq(suggest("10mwt"), "10MWT");
}
END_TEST

START_TEST(short_names_allow_no_more)
{
	ck_assert_ptr_null(suggest("OXX"));  /* two edits from ODI */
	ck_assert_ptr_null(suggest("XYZ"));
	ck_assert_ptr_null(suggest("LE"));   /* two from LEFS */
}
END_TEST

START_TEST(longer_names_allow_a_third)
{
	/* 10 letters: up to 3 edits. */
	ck_assert_str_eq(suggest("outpatiant"), "outpatient");
	ck_assert_str_eq(suggest("otpatiant"), "outpatient");
	ck_assert_str_eq(suggest("homehealth"), "home_health");
	ck_assert_str_eq(suggest("QiuckDASH"), "QuickDASH");
	ck_assert_ptr_null(suggest("inpatient_rehab"));
	ck_assert_ptr_null(suggest("xxxpatixxx"));
}
END_TEST

START_TEST(closest_wins_and_ties_keep_order)
{
	static const char *const c[] = {"abcd", "abce", "abcf"};
	ck_assert_str_eq(urc_suggest("abcx", c, 3), "abcd");
	ck_assert_str_eq(urc_suggest("abcf", c, 3), "abcf");
	static const char *const d[] = {"NDI", "ODI"};
	ck_assert_str_eq(urc_suggest("ODI", d, 2), "ODI");
	ck_assert_str_eq(urc_suggest("QDI", d, 2), "NDI");
}
END_TEST

START_TEST(empty_and_huge)
{
	ck_assert_ptr_null(urc_suggest("ODI", measures, 0));
	ck_assert_ptr_null(urc_suggest("", (const char *const[]){"ab"}, 1));
	ck_assert_str_eq(urc_suggest("", (const char *const[]){"a"}, 1), "a");
	char big[100];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	const char *cands[] = {big};
	/* Names too long to compare are not suggested, nor crash. */
	ck_assert_ptr_null(urc_suggest("aaa", cands, 1));
	ck_assert_ptr_null(urc_suggest(big, measures, N));
}
END_TEST

/* Known bug: a name of 195 characters or more gets the first candidate,
 * however unlike, because distance() gives up at 64 characters with a
 * distance (64) below the limit (len / 3). */
START_TEST(bug_very_long_name_gets_any_suggestion)
{
	char big[200];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	ck_assert_ptr_null(urc_suggest(big, measures, N));
}
END_TEST

Suite *suggest_suite(void)
{
	Suite *s = suite_create("suggest");
	TCase *tc = tcase_create("suggest");
	tcase_add_test(tc, one_edit_on_short_names);
	tcase_add_test(tc, short_names_allow_no_more);
	tcase_add_test(tc, longer_names_allow_a_third);
	tcase_add_test(tc, closest_wins_and_ties_keep_order);
	tcase_add_test(tc, empty_and_huge);
	suite_add_tcase(s, tc);

	if (urc_test_known_bugs()) {
		tc = tcase_create("known bugs");
		tcase_add_test(tc, bug_very_long_name_gets_any_suggestion);
		suite_add_tcase(s, tc);
	}
	return s;
}
