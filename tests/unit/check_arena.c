/* check_arena.c — the compilation's bump allocator (arena.c). */
#include "ck.h"
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "suites.h"

static urc_arena arena;

static void setup(void)
{
	urc_arena_init(&arena);
}

static void teardown(void)
{
	urc_arena_free(&arena);
}

START_TEST(zeroed_and_aligned)
{
	for (size_t n = 0; n < 200; n += 13) {
		unsigned char *p = urc_arena_alloc(&arena, n);
		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % _Alignof(max_align_t), 0);
		for (size_t i = 0; i < n; i++)
			ck_assert_uint_eq(p[i], 0);
		memset(p, 0xAB, n);
	}
}
END_TEST

START_TEST(blocks_do_not_overlap)
{
	char *a = urc_arena_alloc(&arena, 10);
	char *b = urc_arena_alloc(&arena, 10);
	ck_assert(b >= a + 10 || a >= b + 10);
	/* Larger than a chunk: a chunk of its own. */
	char *big = urc_arena_alloc(&arena, 1 << 20);
	memset(big, 1, 1 << 20);
	char *c = urc_arena_alloc(&arena, 10);
	ck_assert_uint_eq(c[0], 0);
	ck_assert_uint_eq(a[0], 0);
}
END_TEST

START_TEST(strndup_copies_and_terminates)
{
	char *s = urc_arena_strndup(&arena, "hello world", 5);
	ck_assert_str_eq(s, "hello");
	char *e = urc_arena_strndup(&arena, "x", 0);
	ck_assert_str_eq(e, "");
	char *z = urc_arena_strndup(&arena, "a\0b", 3);
	ck_assert_int_eq(memcmp(z, "a\0b", 4), 0);
}
END_TEST

START_TEST(grow_keeps_old_elements)
{
	int *v = urc_arena_grow(&arena, NULL, 0, 4, sizeof *v);
	for (int i = 0; i < 4; i++)
		v[i] = i * 11;
	int *w = urc_arena_grow(&arena, v, 4, 100, sizeof *w);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(w[i], i * 11);
	for (int i = 4; i < 100; i++)
		ck_assert_int_eq(w[i], 0);
}
END_TEST

START_TEST(many_small_allocations)
{
	/* Spans many chunks; every block stays intact. */
	enum { N = 20000 };
	static char *p[N];
	for (int i = 0; i < N; i++) {
		p[i] = urc_arena_alloc(&arena, 24);
		memset(p[i], (char)(i & 0x7f), 24);
	}
	for (int i = 0; i < N; i += 97)
		ck_assert_int_eq(p[i][23], (char)(i & 0x7f));
}
END_TEST

START_TEST(free_then_reuse)
{
	urc_arena_alloc(&arena, 100);
	urc_arena_free(&arena);
	ck_assert_ptr_null(arena.head);
	ck_assert_ptr_nonnull(urc_arena_alloc(&arena, 100));
}
END_TEST

Suite *arena_suite(void)
{
	Suite *s = suite_create("arena");
	TCase *tc = tcase_create("arena");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, zeroed_and_aligned);
	tcase_add_test(tc, blocks_do_not_overlap);
	tcase_add_test(tc, strndup_copies_and_terminates);
	tcase_add_test(tc, grow_keeps_old_elements);
	tcase_add_test(tc, many_small_allocations);
	tcase_add_test(tc, free_then_reuse);
	suite_add_tcase(s, tc);
	return s;
}
