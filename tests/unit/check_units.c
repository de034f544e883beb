/* check_units.c — unit spellings, dimensions and factors (units.c). */
#include "ck.h"
#include <string.h>

#include "suites.h"
#include "units.h"

static urc_unit lookup(const char *s)
{
	return urc_unit_lookup(s, (unsigned)strlen(s));
}

START_TEST(lookup_every_spelling)
{
	for (int u = 1; u < URC_UNIT_COUNT; u++) {
		const char *one = urc_unit_name((urc_unit)u, false);
		const char *many = urc_unit_name((urc_unit)u, true);
		ck_assert_msg(lookup(one) == (urc_unit)u, "singular '%s'", one);
		ck_assert_msg(lookup(many) == (urc_unit)u, "plural '%s'", many);
	}
	ck_assert_int_eq(lookup("%"), URC_UNIT_PERCENT);
	ck_assert_int_eq(lookup("m/s"), URC_UNIT_MPS);
	ck_assert_int_eq(lookup("weeks"), URC_UNIT_WEEKS);
	ck_assert_int_eq(lookup("request"), URC_UNIT_REQUESTS);
}
END_TEST

START_TEST(lookup_rejects_near_misses)
{
	const char *no[] = {"", "d", "dayss", "Days", "DAY", "visit ", "m", "s", "%%", "percents", "pts", "hours"};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		ck_assert_msg(lookup(no[i]) == URC_UNIT_NONE, "'%s' is not a unit", no[i]);
	/* The length bounds the comparison: a prefix of a longer buffer. */
	ck_assert_int_eq(urc_unit_lookup("days used", 4), URC_UNIT_DAYS);
	ck_assert_int_eq(urc_unit_lookup("daysx", 3), URC_UNIT_DAYS);
	ck_assert_int_eq(urc_unit_lookup("%x", 1), URC_UNIT_PERCENT);
}
END_TEST

START_TEST(names_singular_and_plural)
{
	ck_assert_str_eq(urc_unit_name(URC_UNIT_VISITS, false), "visit");
	ck_assert_str_eq(urc_unit_name(URC_UNIT_VISITS, true), "visits");
	ck_assert_str_eq(urc_unit_name(URC_UNIT_PERCENT, false), "percent");
	ck_assert_str_eq(urc_unit_name(URC_UNIT_MPS, true), "m/s");
	ck_assert_str_eq(urc_unit_name(URC_UNIT_NONE, true), "");
	ck_assert_str_eq(urc_unit_name(URC_UNIT_COUNT, true), "");
	ck_assert_str_eq(urc_unit_name((urc_unit)-1, false), "");
}
END_TEST

START_TEST(dimensions)
{
	ck_assert_int_eq(urc_unit_dim(URC_UNIT_DAYS), URC_DIM_TIME);
	ck_assert_int_eq(urc_unit_dim(URC_UNIT_WEEKS), URC_DIM_TIME);
	ck_assert_int_eq(urc_unit_dim(URC_UNIT_MONTHS), URC_DIM_AGE);
	ck_assert_int_eq(urc_unit_dim(URC_UNIT_YEARS), URC_DIM_AGE);
	ck_assert_int_eq(urc_unit_dim(URC_UNIT_POINTS), URC_DIM_POINTS);
	ck_assert_int_eq(urc_unit_dim(URC_UNIT_MPS), URC_DIM_SPEED);
	ck_assert_int_eq(urc_unit_dim(URC_UNIT_NONE), URC_DIM_NONE);
	ck_assert_int_eq(urc_unit_dim(URC_UNIT_COUNT), URC_DIM_NONE);
	ck_assert_int_ne(urc_unit_dim(URC_UNIT_SECONDS), urc_unit_dim(URC_UNIT_METERS));
	/* Every dimension has its own phrase for messages; the time phrase
	 * names days, the speed phrase m/s. */
	for (int a = URC_DIM_NONE; a <= URC_DIM_REQUESTS; a++) {
		ck_assert_uint_gt(strlen(urc_dim_desc((urc_dim)a)), 0);
		ck_assert_str_ne(urc_dim_desc((urc_dim)a), "?");
		for (int b = URC_DIM_NONE; b < a; b++)
			ck_assert_str_ne(urc_dim_desc((urc_dim)a), urc_dim_desc((urc_dim)b));
	}
	ck_assert_ptr_nonnull(strstr(urc_dim_desc(URC_DIM_TIME), "days"));
	ck_assert_ptr_nonnull(strstr(urc_dim_desc(URC_DIM_SPEED), "m/s"));
	ck_assert_str_eq(urc_dim_desc((urc_dim)99), "?");
}
END_TEST

START_TEST(factors_to_base_units)
{
	ck_assert_double_eq(urc_unit_factor(URC_UNIT_DAYS), 1);
	ck_assert_double_eq(urc_unit_factor(URC_UNIT_WEEKS), 7);
	ck_assert_double_eq(urc_unit_factor(URC_UNIT_MONTHS), 1);
	ck_assert_double_eq(urc_unit_factor(URC_UNIT_YEARS), 12);
	ck_assert_double_eq(urc_unit_factor(URC_UNIT_POINTS), 1);
	ck_assert_double_eq(urc_unit_factor(URC_UNIT_COUNT), 1);
}
END_TEST

Suite *units_suite(void)
{
	Suite *s = suite_create("units");
	TCase *tc = tcase_create("units");
	tcase_add_test(tc, lookup_every_spelling);
	tcase_add_test(tc, lookup_rejects_near_misses);
	tcase_add_test(tc, names_singular_and_plural);
	tcase_add_test(tc, dimensions);
	tcase_add_test(tc, factors_to_base_units);
	suite_add_tcase(s, tc);
	return s;
}
