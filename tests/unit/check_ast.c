/* check_ast.c — the syntax tree's helpers (ast.c): names of features,
 * operators and moments, number and quantity formatting, list growth. */
#include "ck.h"
#include <stdio.h>
#include <string.h>

#include "ast.h"
#include "suites.h"

START_TEST(feature_names_and_dimensions)
{
	ck_assert_str_eq(urc_feature_name(URC_FEATURE_VISITS_USED), "visits used");
	ck_assert_str_eq(urc_feature_name(URC_FEATURE_DAYS_SINCE_START), "days since start of care");
	ck_assert_str_eq(urc_feature_name(URC_FEATURE_COUNT), "?");
	ck_assert_int_eq(urc_feature_dim(URC_FEATURE_VISITS_REQUESTED), URC_DIM_VISITS);
	ck_assert_int_eq(urc_feature_dim(URC_FEATURE_REQUEST_NUMBER), URC_DIM_NONE);
	ck_assert_int_eq(urc_feature_dim(URC_FEATURE_DAYS_SINCE_START), URC_DIM_TIME);
	ck_assert_int_eq(urc_feature_dim(URC_FEATURE_AGE), URC_DIM_AGE);
}
END_TEST

START_TEST(operator_and_moment_names)
{
	const char *want[] = {"<", "<=", ">", ">=", "=", "!="};
	for (int i = 0; i < 6; i++)
		ck_assert_str_eq(urc_cmp_name((urc_cmp)i), want[i]);
	ck_assert_str_eq(urc_cmp_name((urc_cmp)6), "?");
	ck_assert_str_eq(urc_moment_name(URC_MOMENT_INTAKE), "intake");
	ck_assert_str_eq(urc_moment_name(URC_MOMENT_PREVIOUS), "previous");
	ck_assert_str_eq(urc_moment_name(URC_MOMENT_LATEST), "latest");
	ck_assert_str_eq(urc_moment_name((urc_moment)3), "?");
}
END_TEST

START_TEST(number_format)
{
	char b[64];
	ck_assert_str_eq(urc_number_format(9, b, sizeof b), "9");
	ck_assert_str_eq(urc_number_format(10.83, b, sizeof b), "10.83");
	ck_assert_str_eq(urc_number_format(0.5, b, sizeof b), "0.5");
	ck_assert_str_eq(urc_number_format(-3, b, sizeof b), "-3");
	ck_assert_str_eq(urc_number_format(-0.0, b, sizeof b), "0");
	ck_assert_str_eq(urc_number_format(-0.00001, b, sizeof b), "0");
	ck_assert_str_eq(urc_number_format(100, b, sizeof b), "100");
	ck_assert_str_eq(urc_number_format(1e9, b, sizeof b), "1000000000");
	ck_assert_str_eq(urc_number_format(0.12345, b, sizeof b), "0.1235");
}
END_TEST

START_TEST(quantity_format)
{
	char b[64];
	urc_span none = {URC_NO_FILE, 0, 0};
	urc_quantity q = urc_quantity_make((urc_num){30, true}, URC_UNIT_DAYS, none);
	ck_assert(q.present);
	ck_assert_str_eq(urc_quantity_format(&q, b, sizeof b), "30 days");
	q = urc_quantity_make((urc_num){1, true}, URC_UNIT_WEEKS, none);
	ck_assert_str_eq(urc_quantity_format(&q, b, sizeof b), "1 week");
	q = urc_quantity_make((urc_num){2.5, false}, URC_UNIT_MPS, none);
	ck_assert(!q.is_int);
	ck_assert_str_eq(urc_quantity_format(&q, b, sizeof b), "2.5 m/s");
	q = urc_quantity_make((urc_num){8, true}, URC_UNIT_NONE, none);
	ck_assert_str_eq(urc_quantity_format(&q, b, sizeof b), "8");
	/* Truncated to the buffer, still terminated. */
	q = urc_quantity_make((urc_num){30, true}, URC_UNIT_PERCENT, none);
	ck_assert_str_eq(urc_quantity_format(&q, b, 6), "30 pe");
}
END_TEST

START_TEST(lists_grow)
{
	urc_arena a;
	urc_arena_init(&a);
	urc_names names = {0};
	urc_codes codes = {0};
	char buf[16];
	for (int i = 0; i < 100; i++) {
		snprintf(buf, sizeof buf, "n%d", i);
		urc_names_push(&a, &names, (urc_name){urc_arena_strndup(&a, buf, strlen(buf)), {0, (uint32_t)i, 0}});
		urc_codes_push(&a, &codes, (urc_code){"M54.16", i % 2 == 0, {0, 0, (uint32_t)i}});
	}
	ck_assert_uint_eq(names.n, 100);
	ck_assert_uint_ge(names.cap, 100);
	ck_assert_str_eq(names.v[0].s, "n0");
	ck_assert_str_eq(names.v[99].s, "n99");
	ck_assert_uint_eq(names.v[57].span.start, 57);
	ck_assert_uint_eq(codes.n, 100);
	ck_assert(codes.v[98].prefix && !codes.v[99].prefix);
	ck_assert_uint_eq(codes.v[99].span.end, 99);
	urc_arena_free(&a);
}
END_TEST

Suite *ast_suite(void)
{
	Suite *s = suite_create("ast");
	TCase *tc = tcase_create("ast");
	tcase_add_test(tc, feature_names_and_dimensions);
	tcase_add_test(tc, operator_and_moment_names);
	tcase_add_test(tc, number_format);
	tcase_add_test(tc, quantity_format);
	tcase_add_test(tc, lists_grow);
	suite_add_tcase(s, tc);
	return s;
}
