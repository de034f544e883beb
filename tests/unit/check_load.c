/* check_load.c — reading sources (load.c): files and folders (recursive,
 * in name order, *.guide only), 'use' lines relative to the file naming
 * them, each file read once, cycles, depth, and what cannot be read. Each
 * test works in a fresh temporary folder, removed afterwards. */
/* nftw */
#define _XOPEN_SOURCE 700

#include "ck.h"
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "load.h"
#include "suites.h"

static char dir[64];

static void setup(void)
{
	urc_test_setup();
	snprintf(dir, sizeof dir, "/tmp/urc-unit-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void teardown(void)
{
	urc_test_teardown();
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* dir/rel, in a static buffer (one at a time). */
static const char *in_dir(const char *rel)
{
	static char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	return path;
}

/* Writes text to dir/rel, making folders on the way. */
static void put(const char *rel, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		ck_assert(mkdir(path, 0700) == 0 || errno == EEXIST);
		*p = '/';
	}
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}

/* Loads the paths (relative to dir) into T; returns the status. */
static int load(int n, const char *const *rel)
{
	urc_test_start();
	char *paths[8];
	ck_assert_int_le(n, 8);
	for (int i = 0; i < n; i++) {
		paths[i] = malloc(256);
		ck_assert_ptr_nonnull(paths[i]);
		snprintf(paths[i], 256, "%s%s%s", dir, rel[i][0] ? "/" : "", rel[i]);
	}
	int status = urc_load_paths(&T.prog, paths, n);
	for (int i = 0; i < n; i++)
		free(paths[i]);
	return status;
}
#define LOAD(...) load((int)(sizeof (const char *[]){__VA_ARGS__} / sizeof(const char *)), \
                       (const char *const[]){__VA_ARGS__})

/* The names of the measures loaded, in order, separated by spaces. */
static const char *measure_names(void)
{
	static char buf[256];
	buf[0] = '\0';
	for (urc_measure *m = T.prog.measures.first; m; m = m->next) {
		strncat(buf, m->id.s, sizeof buf - strlen(buf) - 2);
		if (m->next)
			strcat(buf, " ");
	}
	return buf;
}

START_TEST(one_file)
{
	put("a.guide", "measure A {}");
	ck_assert_int_eq(LOAD("a.guide"), 0);
	ck_assert_str_eq(measure_names(), "A");
	ck_assert_uint_eq(T.diag.nfiles, 1);
	ck_assert_str_eq(T.diag.files[0].name, in_dir("a.guide"));
	ASSERT_DIAGS(0, 0);
}
END_TEST

START_TEST(folder_recursive_in_name_order)
{
	put("b.guide", "measure B {}");
	put("a.guide", "measure A {}");
	put("sub/c.guide", "measure C {}");
	put("aa/z.guide", "measure Z {}");
	put("notes.txt", "measure NO {}");
	put("x.guide.bak", "measure NO {}");
	put(".hidden.guide", "measure NO {}");
	put(".git/h.guide", "measure NO {}");
	ck_assert_int_eq(LOAD(""), 0);
	ck_assert_str_eq(measure_names(), "A Z B C");
	ck_assert_uint_eq(T.diag.nfiles, 4);
	ASSERT_DIAGS(0, 0);
}
END_TEST

START_TEST(file_named_twice_is_read_once)
{
	put("a.guide", "measure A {}");
	put("sub/../b.guide", "measure B {}");
	ck_assert_int_eq(LOAD("a.guide", "", "./a.guide"), 0);
	ck_assert_str_eq(measure_names(), "A B");
	ck_assert_uint_eq(T.diag.nfiles, 2);
}
END_TEST

START_TEST(use_is_relative_to_the_file)
{
	put("g/main.guide", "use \"../cat/m.guide\"\nmeasure MAIN {}");
	put("cat/m.guide", "use \"n.guide\"\nmeasure M {}");
	put("cat/n.guide", "measure N {}");
	ck_assert_int_eq(LOAD("g/main.guide"), 0);
	/* What a file uses is declared before the file's own declarations. */
	ck_assert_str_eq(measure_names(), "N M MAIN");
	ck_assert_uint_eq(T.diag.nfiles, 3);
	ASSERT_DIAGS(0, 0);
}
END_TEST

START_TEST(use_cycle_reads_each_once)
{
	put("a.guide", "use \"b.guide\" measure A {}");
	put("b.guide", "use \"a.guide\" use \"b.guide\" measure B {}");
	ck_assert_int_eq(LOAD("a.guide"), 0);
	ck_assert_str_eq(measure_names(), "B A");
	ck_assert_uint_eq(T.diag.nfiles, 2);
	ASSERT_DIAGS(0, 0);
}
END_TEST

START_TEST(use_of_a_missing_file)
{
	put("a.guide", "measure A {}\nuse \"nope.guide\"\n");
	ck_assert_int_eq(LOAD("a.guide"), 0);
	ASSERT_DIAGS(1, 0);
	char want[512];
	snprintf(want, sizeof want, "a.guide:2:1: error: cannot read '%s': No such file or directory",
	         in_dir("nope.guide"));
	ASSERT_SAYS(want);
	ASSERT_SAYS("help: a 'use' path is relative to the folder of the file that names it");
	ck_assert_str_eq(measure_names(), "A");
}
END_TEST

START_TEST(use_of_a_folder)
{
	put("a.guide", "use \"sub\"\n");
	put("sub/x.guide", "measure X {}");
	ck_assert_int_eq(LOAD("a.guide"), 0);
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("Is a directory");
	ck_assert_str_eq(measure_names(), "");
}
END_TEST

START_TEST(use_chain_too_deep)
{
	char name[32], text[96];
	for (int i = 0; i < 70; i++) {
		snprintf(name, sizeof name, "u%02d.guide", i);
		snprintf(text, sizeof text, "use \"u%02d.guide\"\nmeasure M%02d {}\n", i + 1, i);
		put(name, text);
	}
	put("u70.guide", "measure LAST {}");
	ck_assert_int_eq(LOAD("u00.guide"), 0);
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("error: 'use' lines nest more than 64 files deep");
	ck_assert_uint_eq(T.diag.nfiles, 65);
}
END_TEST

START_TEST(missing_path_is_status_2)
{
	put("a.guide", "measure A {}");
	ck_assert_int_eq(LOAD("missing.guide", "a.guide"), 2);
	ASSERT_DIAGS(1, 0);
	char want[512];
	snprintf(want, sizeof want, "urc: error: cannot read '%s': No such file or directory",
	         in_dir("missing.guide"));
	ASSERT_SAYS(want);
	/* The readable path is still loaded. */
	ck_assert_str_eq(measure_names(), "A");
}
END_TEST

START_TEST(unreadable_file_is_status_2)
{
	if (geteuid() == 0)
		return; /* root reads everything */
	put("a.guide", "measure A {}");
	ck_assert_int_eq(chmod(in_dir("a.guide"), 0), 0);
	ck_assert_int_eq(LOAD("a.guide"), 2);
	ASSERT_SAYS("Permission denied");
}
END_TEST

START_TEST(folder_without_guides_is_status_2)
{
	put("readme.txt", "x");
	ck_assert_int_eq(LOAD(""), 2);
	ck_assert_uint_eq(T.diag.nfiles, 0);
	ASSERT_DIAGS(1, 0);
	char want[512];
	snprintf(want, sizeof want, "urc: error: '%s' holds no .guide files", dir);
	ASSERT_SAYS(want);
}
END_TEST

START_TEST(buffer_uses_resolve_against_its_name)
{
	put("cat/m.guide", "measure M {}");
	urc_test_start();
	const char *src = "use \"cat/m.guide\"\nmeasure B {}";
	urc_load_buffer(&T.prog, in_dir("buffer.guide"), src, strlen(src));
	ASSERT_DIAGS(0, 0);
	ck_assert_str_eq(measure_names(), "M B");
	ck_assert_uint_eq(T.diag.nfiles, 2);
	ck_assert_str_eq(T.diag.files[0].name, in_dir("buffer.guide"));
}
END_TEST

START_TEST(buffer_is_copied)
{
	char src[] = "measure A {}";
	urc_test_start();
	urc_load_buffer(&T.prog, "mem.guide", src, strlen(src));
	memset(src, 'x', sizeof src - 1);
	ck_assert_str_eq(T.diag.files[0].text, "measure A {}");
	ck_assert_uint_eq(T.diag.files[0].len, 12);
}
END_TEST

START_TEST(read_file_whole)
{
	put("bin.guide", "");
	FILE *f = fopen(in_dir("bin.guide"), "wb");
	ck_assert_ptr_nonnull(f);
	/* Larger than the first buffer, with a NUL inside. */
	for (int i = 0; i < 10000; i++)
		ck_assert_int_ne(fputc(i % 7 == 0 ? 0 : 'a' + i % 26, f), EOF);
	ck_assert_int_eq(fclose(f), 0);
	size_t len = 0;
	char *text = urc_read_file(in_dir("bin.guide"), &len);
	ck_assert_ptr_nonnull(text);
	ck_assert_uint_eq(len, 10000);
	ck_assert_int_eq(text[0], 0);
	ck_assert_int_eq(text[1], 'b');
	ck_assert_int_eq(text[10000], 0);
	free(text);

	errno = 0;
	ck_assert_ptr_null(urc_read_file(in_dir("none"), &len));
	ck_assert_int_eq(errno, ENOENT);
}
END_TEST

/* ---- known bugs (run with URC_TEST_KNOWN_BUGS=1) ---- */

/* A buffer named as a file on disk is not marked as read: when what it
 * uses uses that file back, the file is read again from disk and each of
 * its declarations is "declared twice", both places being the same line.
 * urc_check_memory (the fuzz driver, editors) goes through here. */
START_TEST(bug_buffer_read_again_through_a_cycle)
{
	put("a.guide", "use \"b.guide\"\nmeasure A { range 0 to 1 points source \"s\" }\n");
	put("b.guide", "use \"a.guide\"\nmeasure B { range 0 to 1 points source \"s\" }\n");
	urc_test_start();
	const char *src = "use \"b.guide\"\nmeasure A { range 0 to 1 points source \"s\" }\n";
	urc_load_buffer(&T.prog, in_dir("a.guide"), src, strlen(src));
	ck_assert_uint_eq(T.diag.nfiles, 2);
	ck_assert_str_eq(measure_names(), "B A");
}
END_TEST

/* Heap overflow (found by fuzz_check; seen under ASan): normalize() in
 * load.c sizes its buffer with strlen(p) after strtok_r has cut p at its
 * first '/', so a 'use' path with a component longer than about 256
 * bytes overflows it. */
START_TEST(bug_long_use_path_overflows)
{
	char src[400] = "use \"";
	memset(src + 5, 'a', 300);
	strcpy(src + 305, ".guide\"\n");
	urc_test_start();
	urc_load_buffer(&T.prog, in_dir("x.guide"), src, strlen(src));
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("aaaaaaaaaaaaaaaaaaaa.guide': No such file or directory");
}
END_TEST

Suite *load_suite(void)
{
	Suite *s = suite_create("load");
	TCase *tc = tcase_create("paths");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, one_file);
	tcase_add_test(tc, folder_recursive_in_name_order);
	tcase_add_test(tc, file_named_twice_is_read_once);
	tcase_add_test(tc, missing_path_is_status_2);
	tcase_add_test(tc, unreadable_file_is_status_2);
	tcase_add_test(tc, folder_without_guides_is_status_2);
	suite_add_tcase(s, tc);

	tc = tcase_create("use");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, use_is_relative_to_the_file);
	tcase_add_test(tc, use_cycle_reads_each_once);
	tcase_add_test(tc, use_of_a_missing_file);
	tcase_add_test(tc, use_of_a_folder);
	tcase_add_test(tc, use_chain_too_deep);
	suite_add_tcase(s, tc);

	tc = tcase_create("buffers");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, buffer_uses_resolve_against_its_name);
	tcase_add_test(tc, buffer_is_copied);
	tcase_add_test(tc, read_file_whole);
	suite_add_tcase(s, tc);

	if (urc_test_known_bugs()) {
		tc = tcase_create("known bugs");
		tcase_add_checked_fixture(tc, setup, teardown);
		tcase_add_test(tc, bug_buffer_read_again_through_a_cycle);
		tcase_add_test(tc, bug_long_use_path_overflows);
		suite_add_tcase(s, tc);
	}
	return s;
}
