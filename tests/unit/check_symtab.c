/* check_symtab.c — the open-addressing name table (symtab.c): first
 * value wins, lookups of absent keys, growth keeping every entry. */
#include "ck.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "symtab.h"

static urc_symtab tab;

static void setup(void)
{
	urc_symtab_init(&tab);
}

static void teardown(void)
{
	urc_symtab_free(&tab);
}

START_TEST(empty_table)
{
	ck_assert_ptr_null(urc_symtab_get(&tab, "x"));
	ck_assert_ptr_null(urc_symtab_get(&tab, ""));
	ck_assert_uint_eq(tab.n, 0);
}
END_TEST

START_TEST(put_then_get)
{
	int a, b;
	ck_assert_ptr_null(urc_symtab_put(&tab, "ODI", &a));
	ck_assert_ptr_null(urc_symtab_put(&tab, "odi", &b));
	ck_assert_ptr_eq(urc_symtab_get(&tab, "ODI"), &a);
	ck_assert_ptr_eq(urc_symtab_get(&tab, "odi"), &b);
	ck_assert_ptr_null(urc_symtab_get(&tab, "OD"));
	ck_assert_ptr_null(urc_symtab_get(&tab, "ODIx"));
	ck_assert_uint_eq(tab.n, 2);
}
END_TEST

START_TEST(second_put_keeps_the_first)
{
	int a, b;
	ck_assert_ptr_null(urc_symtab_put(&tab, "k", &a));
	ck_assert_ptr_eq(urc_symtab_put(&tab, "k", &b), &a);
	ck_assert_ptr_eq(urc_symtab_get(&tab, "k"), &a);
	ck_assert_uint_eq(tab.n, 1);
	/* A different pointer to equal text is the same key. */
	char copy[] = "k";
	ck_assert_ptr_eq(urc_symtab_get(&tab, copy), &a);
}
END_TEST

START_TEST(empty_key)
{
	int a;
	ck_assert_ptr_null(urc_symtab_put(&tab, "", &a));
	ck_assert_ptr_eq(urc_symtab_get(&tab, ""), &a);
}
END_TEST

START_TEST(growth_keeps_everything)
{
	enum { N = 5000 };
	char (*keys)[16] = malloc(N * sizeof *keys);
	ck_assert_ptr_nonnull(keys);
	static int vals[N];
	for (int i = 0; i < N; i++) {
		snprintf(keys[i], sizeof keys[i], "name%d", i);
		ck_assert_ptr_null(urc_symtab_put(&tab, keys[i], &vals[i]));
	}
	ck_assert_uint_eq(tab.n, N);
	ck_assert_uint_ge(tab.cap, 2 * N);
	ck_assert_uint_eq(tab.cap & (tab.cap - 1), 0);
	for (int i = 0; i < N; i++)
		ck_assert_ptr_eq(urc_symtab_get(&tab, keys[i]), &vals[i]);
	ck_assert_ptr_null(urc_symtab_get(&tab, "name5000"));
	for (int i = 0; i < N; i += 7)
		ck_assert_ptr_eq(urc_symtab_put(&tab, keys[i], NULL), &vals[i]);
	ck_assert_uint_eq(tab.n, N);
	urc_symtab_free(&tab);
	free(keys);
}
END_TEST

START_TEST(free_allows_reuse)
{
	int a;
	urc_symtab_put(&tab, "x", &a);
	urc_symtab_free(&tab);
	ck_assert_ptr_null(urc_symtab_get(&tab, "x"));
	ck_assert_ptr_null(urc_symtab_put(&tab, "x", &a));
	ck_assert_ptr_eq(urc_symtab_get(&tab, "x"), &a);
}
END_TEST

Suite *symtab_suite(void)
{
	Suite *s = suite_create("symtab");
	TCase *tc = tcase_create("symtab");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, empty_table);
	tcase_add_test(tc, put_then_get);
	tcase_add_test(tc, second_put_keeps_the_first);
	tcase_add_test(tc, empty_key);
	tcase_add_test(tc, growth_keeps_everything);
	tcase_add_test(tc, free_allows_reuse);
	suite_add_tcase(s, tc);
	return s;
}
