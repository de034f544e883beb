/* check_coverage.c — the coverage `urc test --coverage-out FILE` writes
 * (compiler/cmd_test.c, write_coverage), through urc_cmd_test with its
 * standard output and error captured in files: a library where some steps
 * are unreached (each guideline's "REACHED of TOTAL" and the unreached
 * indexes per phase), one where every step is reached, and an output path
 * that cannot be written (exit 2, no file left). Each test works in a
 * fresh temporary folder; the library is tests/golden/test/lib or a copy
 * (the tests run from the repository's root, as `make check` does). */
#include "ck.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "helpers.h"
#include "suites.h"

#define LIB "tests/golden/test/lib/"
#define GOLDEN "tests/golden/test/"

#include "scratch.h"



/* Cases for lib/knee.guide that reach its seven steps: initial require,
 * "high function", otherwise; continued require, "progress", "some
 * progress", otherwise. */
static const char all_cases[] =
	"today: 2026-03-02\n"
	"fixtures:\n"
	"  first: &first {discipline: PT, setting: outpatient, diagnoses: [M17.11], sequence: 1, visits: 10}\n"
	"  second: &second {discipline: PT, setting: outpatient, diagnoses: [M17.12], sequence: 2, visits: 8}\n"
	"  intake: &intake {measure: LEFS, score: 40, date: 2026-02-27}\n"
	"cases:\n"
	"  - name: initial require\n"
	"    case: {request: *first}\n"
	"    expect: {outcome: pended, rule: require LEFS}\n"
	"  - name: initial high function\n"
	"    case: {request: *first, scores: [{measure: LEFS, score: 75, date: 2026-02-27}]}\n"
	"    expect: {outcome: referred, rule: high function}\n"
	"  - name: initial otherwise\n"
	"    case: {request: *first, scores: [*intake]}\n"
	"    expect: {outcome: approved_in_full, rule: otherwise}\n"
	"  - name: continued require\n"
	"    case: {received: 2026-04-10, request: *second, scores: [*intake]}\n"
	"    expect: {outcome: pended, rule: require LEFS}\n"
	"  - name: continued progress\n"
	"    case: {received: 2026-04-10, request: *second,\n"
	"           scores: [*intake, {measure: LEFS, score: 52, date: 2026-04-08}]}\n"
	"    expect: {outcome: approved_in_full, rule: progress}\n"
	"  - name: continued some progress\n"
	"    case: {received: 2026-04-10, request: *second,\n"
	"           scores: [*intake, {measure: LEFS, score: 44, date: 2026-04-08}]}\n"
	"    expect: {outcome: approved_in_part, visits: 4, rule: some progress}\n"
	"  - name: continued otherwise\n"
	"    case: {received: 2026-04-10, request: {<<: *second, sequence: 3},\n"
	"           scores: [*intake, {measure: LEFS, score: 41, date: 2026-04-08}]}\n"
	"    expect: {outcome: referred, rule: otherwise}\n";

/* Asserts path does not exist. */
static void assert_absent(const char *path)
{
	struct stat st;
	ck_assert_msg(stat(path, &st) != 0, "%s exists", path);
}

/* The number of entries in folder path. */
static int entries(const char *path)
{
	DIR *d = opendir(path);
	ck_assert_ptr_nonnull(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

START_TEST(test_some_unreached)
{
	/* passing.cases.yaml reaches five of knee's seven steps (not the
	 * continued phase's require and "some progress") and none of hip's. */
	char cov[256];
	snprintf(cov, sizeof cov, "%s", scratch_path("coverage.txt"));
	ck_assert_int_eq(scratch_run(urc_cmd_test, ARGS("test", "--coverage-out", cov, LIB, GOLDEN "passing.cases.yaml")), 0);
	ck_assert_msg(strstr(scratch_out, "5 passed, 0 failed, 1 skipped") != NULL, "%s", scratch_out);
	char *text = scratch_read_all(cov);
	ck_assert_msg(strncmp(text, "# urc coverage 1\n", 17) == 0, "%s", text);
	ck_assert_msg(strstr(text, "\nhip 0 of 2 initial: 0 1 continued:\n") != NULL, "%s", text);
	ck_assert_msg(strstr(text, "\nknee 5 of 7 initial: continued: 0 2\n") != NULL, "%s", text);
	ck_assert_str_eq(text, "# urc coverage 1\n"
	                       "hip 0 of 2 initial: 0 1 continued:\n"
	                       "knee 5 of 7 initial: continued: 0 2\n");
	free(text);
	/* Nothing else left beside it. */
	ck_assert_int_eq(entries(scratch_dir), 1);

	/* The form --coverage-out=FILE, with --coverage printing the same. */
	remove(cov);
	char opt[300];
	snprintf(opt, sizeof opt, "--coverage-out=%s", cov);
	ck_assert_int_eq(scratch_run(urc_cmd_test, ARGS("test", "--coverage", opt, LIB, GOLDEN "passing.cases.yaml")), 0);
	ck_assert_msg(strstr(scratch_out, "  knee: 71% (5 of 7 steps); not reached:\n") != NULL, "%s", scratch_out);
	text = scratch_read_all(cov);
	ck_assert_msg(strstr(text, "\nknee 5 of 7 initial: continued: 0 2\n") != NULL, "%s", text);
	free(text);
}
END_TEST

START_TEST(test_initial_unreached)
{
	/* One case only, approved by "otherwise": knee's initial require and
	 * "high function" are unreached, and its whole continued phase. */
	scratch_copy_lib("lib", NULL, NULL);
	scratch_write_file(scratch_path("lib/one.cases.yaml"),
	           "today: 2026-03-02\n"
	           "cases:\n"
	           "  - name: approved\n"
	           "    case:\n"
	           "      request: {discipline: PT, setting: outpatient, diagnoses: [M17.11], sequence: 1, visits: 10}\n"
	           "      scores: [{measure: LEFS, score: 40, date: 2026-02-27}]\n"
	           "    expect: {outcome: approved_in_full, rule: otherwise}\n");
	char cov[256], lib[256];
	snprintf(cov, sizeof cov, "%s", scratch_path("coverage.txt"));
	snprintf(lib, sizeof lib, "%s", scratch_path("lib"));
	ck_assert_int_eq(scratch_run(urc_cmd_test, ARGS("test", "--coverage-out", cov, lib)), 0);
	char *text = scratch_read_all(cov);
	ck_assert_str_eq(text, "# urc coverage 1\n"
	                       "hip 0 of 2 initial: 0 1 continued:\n"
	                       "knee 1 of 7 initial: 0 1 continued: 0 1 2 3\n");
	free(text);
}
END_TEST

START_TEST(test_all_reached)
{
	ck_assert_int_eq(mkdir(scratch_path("lib"), 0700), 0);
	char *text = scratch_read_all(LIB "catalogue.guide");
	scratch_write_file(scratch_path("lib/catalogue.guide"), text);
	free(text);
	text = scratch_read_all(LIB "knee.guide");
	scratch_write_file(scratch_path("lib/knee.guide"), text);
	free(text);
	scratch_write_file(scratch_path("lib/knee.cases.yaml"), all_cases);
	char cov[256], lib[256];
	snprintf(cov, sizeof cov, "%s", scratch_path("coverage.txt"));
	snprintf(lib, sizeof lib, "%s", scratch_path("lib"));
	int status = scratch_run(urc_cmd_test, ARGS("test", "--coverage-out", cov, lib));
	ck_assert_msg(status == 0, "status %d:\n%s%s", status, scratch_out, scratch_err);
	ck_assert_msg(strstr(scratch_out, "7 passed, 0 failed") != NULL, "%s%s", scratch_out, scratch_err);
	text = scratch_read_all(cov);
	ck_assert_str_eq(text, "# urc coverage 1\n"
	                       "knee 7 of 7 initial: continued:\n");
	free(text);
}
END_TEST

START_TEST(test_failing_tests_still_counted)
{
	/* A failing test's case still reaches its step; the file is written
	 * and the status is 1. */
	char cov[256];
	snprintf(cov, sizeof cov, "%s", scratch_path("coverage.txt"));
	int status = scratch_run(urc_cmd_test, ARGS("test", "--coverage-out", cov, LIB, GOLDEN "failing.cases.yaml"));
	ck_assert_int_eq(status, 1);
	char *text = scratch_read_all(cov);
	ck_assert_msg(strncmp(text, "# urc coverage 1\nhip ", 21) == 0, "%s", text);
	ck_assert_int_eq(urc_count(text, "\n"), 3);
	ck_assert_ptr_nonnull(strstr(text, "\nknee "));
	free(text);
}
END_TEST

START_TEST(test_unwritable)
{
	/* In a folder that does not exist. */
	char cov[256];
	snprintf(cov, sizeof cov, "%s", scratch_path("no/such/folder/coverage.txt"));
	ck_assert_int_eq(scratch_run(urc_cmd_test, ARGS("test", "--coverage-out", cov, LIB, GOLDEN "passing.cases.yaml")), 2);
	ck_assert_msg(strstr(scratch_err, "urc test: cannot write '") != NULL, "%s", scratch_err);
	assert_absent(cov);
	ck_assert_int_eq(entries(scratch_dir), 0);

	/* A path that is a folder: not replaced, and no temporary file left
	 * beside it. */
	char sub[256];
	snprintf(sub, sizeof sub, "%s", scratch_path("sub"));
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	ck_assert_int_eq(scratch_run(urc_cmd_test, ARGS("test", "--coverage-out", sub, LIB, GOLDEN "passing.cases.yaml")), 2);
	ck_assert_msg(strstr(scratch_err, "urc test: cannot write '") != NULL, "%s", scratch_err);
	struct stat st;
	ck_assert_int_eq(stat(sub, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_int_eq(entries(scratch_dir), 1);
	ck_assert_int_eq(entries(sub), 0);

	/* --coverage-out without a name. */
	ck_assert_int_eq(scratch_run(urc_cmd_test, ARGS("test", LIB, GOLDEN "passing.cases.yaml", "--coverage-out")), 2);
	ck_assert_int_eq(entries(scratch_dir), 1);
}
END_TEST

Suite *coverage_suite(void)
{
	Suite *s = suite_create("coverage");
	TCase *tc = tcase_create("coverage_out");
	tcase_add_checked_fixture(tc, scratch_setup, scratch_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_some_unreached);
	tcase_add_test(tc, test_initial_unreached);
	tcase_add_test(tc, test_all_reached);
	tcase_add_test(tc, test_failing_tests_still_counted);
	tcase_add_test(tc, test_unwritable);
	suite_add_tcase(s, tc);
	return s;
}
