/* check_cmd_diff.c — `urc diff OLD NEW CASE...` (compiler/cmd_diff.c)
 * through urc_cmd_diff, its standard output and error captured in files:
 * identical sides, one threshold moved in a copy (exactly the cases
 * between the two thresholds listed and counted), bad cases counted and
 * not listed, missing files, and OLD given as a table built by
 * urc_cmd_build. Each test works in a fresh temporary folder holding a
 * copy of tests/golden/test/lib (the tests run from the repository's
 * root, as `make check` does). */
#include "ck.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "helpers.h"
#include "suites.h"

#define LIB "tests/golden/test/lib/"

#include "scratch.h"


/* A first request for knee osteoarthritis with LEFS at intake `score`. */
#define KNEE_CASE(id, score)                                                                \
	"id: " id "\n"                                                                           \
	"received: 2026-03-02\n"                                                                 \
	"request: {discipline: PT, setting: outpatient, diagnoses: [M17.11], sequence: 1, visits: 10}\n" \
	"scores: [{measure: LEFS, score: " score ", date: 2026-02-27}]\n"

/* LEFS at intake 69 to 74: knee's "high function" rule, `> 70 points`,
 * is moved to `> 72 points` by the tests, so lefs-71 and lefs-72 are the
 * cases between the thresholds. */
static const char cases_yaml[] = KNEE_CASE("lefs-69", "69") "---\n" KNEE_CASE("lefs-70", "70") "---\n"
	KNEE_CASE("lefs-71", "71") "---\n" KNEE_CASE("lefs-72", "72") "---\n" KNEE_CASE("lefs-73", "73") "---\n"
	KNEE_CASE("lefs-74", "74");

#define OLD_RULE "LEFS at intake > 70 points"
#define NEW_RULE "LEFS at intake > 72 points"

/* Asserts scratch_out lists exactly lefs-71 and lefs-72, referred by "high
 * function" before and approved after. */
static void assert_threshold_changes(void)
{
	ck_assert_int_eq(urc_count(scratch_out, ": lefs-"), 2);
	ck_assert_msg(strstr(scratch_out, ": lefs-71: referred (knee: \"high function\") -> approved_in_full, "
	                               "10 visits to 2026-04-15 (knee: \"otherwise\")\n") != NULL, "%s", scratch_out);
	ck_assert_msg(strstr(scratch_out, ": lefs-72: referred (knee: \"high function\") -> approved_in_full, "
	                               "10 visits to 2026-04-15 (knee: \"otherwise\")\n") != NULL, "%s", scratch_out);
	ASSERT_BEFORE(scratch_out, "lefs-71", "lefs-72");
	ck_assert_msg(strstr(scratch_out, "changes by guideline:\n  knee: 2 cases\n") != NULL, "%s", scratch_out);
	ck_assert_msg(strstr(scratch_out, "changes by kind:\n  2 cases: referred -> approved_in_full\n") != NULL, "%s",
	              scratch_out);
}

START_TEST(test_identical)
{
	scratch_copy_lib("old", NULL, NULL);
	scratch_copy_lib("new", NULL, NULL);
	char cases[256];
	snprintf(cases, sizeof cases, "%s", scratch_path("cases.yaml"));
	scratch_write_file(cases, cases_yaml);
	char old[256], new[256];
	snprintf(old, sizeof old, "%s", scratch_path("old"));
	snprintf(new, sizeof new, "%s", scratch_path("new"));
	ck_assert_int_eq(scratch_run(urc_cmd_diff, ARGS("diff", old, new, cases)), 0);
	ck_assert_str_eq(scratch_out, "6 cases, 0 changed\n");
	ck_assert_str_eq(scratch_err, "");
	/* The same folder on both sides, and the library in place. */
	ck_assert_int_eq(scratch_run(urc_cmd_diff, ARGS("diff", LIB, old, cases)), 0);
	ck_assert_str_eq(scratch_out, "6 cases, 0 changed\n");
}
END_TEST

START_TEST(test_threshold_moved)
{
	scratch_copy_lib("old", NULL, NULL);
	scratch_copy_lib("new", OLD_RULE, NEW_RULE);
	char cases[256], old[256], new[256];
	snprintf(cases, sizeof cases, "%s", scratch_path("cases.yaml"));
	snprintf(old, sizeof old, "%s", scratch_path("old"));
	snprintf(new, sizeof new, "%s", scratch_path("new"));
	scratch_write_file(cases, cases_yaml);
	ck_assert_int_eq(scratch_run(urc_cmd_diff, ARGS("diff", old, new, cases)), 1);
	assert_threshold_changes();
	ck_assert_msg(strstr(scratch_out, "\n6 cases, 2 changed\n") != NULL, "%s", scratch_out);
	ck_assert_str_eq(scratch_err, "");
	/* Lines name the file and the case's first line. */
	char line[300];
	snprintf(line, sizeof line, "%s:11: lefs-71: ", cases);
	ck_assert_msg(strstr(scratch_out, line) != NULL, "no '%s' in:\n%s", line, scratch_out);

	/* The sides swapped: the same cases, referred after. */
	ck_assert_int_eq(scratch_run(urc_cmd_diff, ARGS("diff", new, old, cases)), 1);
	ck_assert_int_eq(urc_count(scratch_out, ": lefs-"), 2);
	ck_assert_int_eq(urc_count(scratch_out, "(knee: \"otherwise\") -> referred (knee: \"high function\")\n"), 2);
	ck_assert_msg(strstr(scratch_out, "\n6 cases, 2 changed\n") != NULL, "%s", scratch_out);
}
END_TEST

START_TEST(test_threshold_one_case)
{
	/* Moved by one point: only lefs-71 lies between. */
	scratch_copy_lib("old", NULL, NULL);
	scratch_copy_lib("new", OLD_RULE, "LEFS at intake > 71 points");
	char cases[256], old[256], new[256];
	snprintf(cases, sizeof cases, "%s", scratch_path("cases.yaml"));
	snprintf(old, sizeof old, "%s", scratch_path("old"));
	snprintf(new, sizeof new, "%s", scratch_path("new"));
	scratch_write_file(cases, cases_yaml);
	ck_assert_int_eq(scratch_run(urc_cmd_diff, ARGS("diff", old, new, cases)), 1);
	ck_assert_int_eq(urc_count(scratch_out, ": lefs-"), 1);
	ck_assert_ptr_nonnull(strstr(scratch_out, ": lefs-71: "));
	ck_assert_msg(strstr(scratch_out, "  knee: 1 case\n") != NULL, "%s", scratch_out);
	ck_assert_msg(strstr(scratch_out, "\n6 cases, 1 changed\n") != NULL, "%s", scratch_out);
}
END_TEST

START_TEST(test_bad_cases)
{
	scratch_copy_lib("old", NULL, NULL);
	scratch_copy_lib("new", OLD_RULE, NEW_RULE);
	char cases[256], old[256], new[256];
	snprintf(cases, sizeof cases, "%s", scratch_path("cases.yaml"));
	snprintf(old, sizeof old, "%s", scratch_path("old"));
	snprintf(new, sizeof new, "%s", scratch_path("new"));
	scratch_write_file(cases, KNEE_CASE("lefs-71", "71") "---\n"
	                  "id: bad-measure\n"
	                  "received: 2026-03-02\n"
	                  "request: {discipline: PT, setting: outpatient, diagnoses: [M17.11], sequence: 1, visits: 10}\n"
	                  "scores: [{measure: LEFX, score: 71, date: 2026-02-27}]\n"
	                  "---\n"
	                  "id: bad-visits\n"
	                  "received: 2026-03-02\n"
	                  "request: {discipline: PT, setting: outpatient, diagnoses: [M17.11], sequence: 1, visits: ten}\n"
	                  "scores: [{measure: LEFS, score: 71, date: 2026-02-27}]\n"
	                  "---\n" KNEE_CASE("lefs-40", "40"));
	ck_assert_int_eq(scratch_run(urc_cmd_diff, ARGS("diff", old, new, cases)), 1);
	ck_assert_int_eq(urc_count(scratch_out, ": lefs-71: "), 1);
	ck_assert_msg(strstr(scratch_out, "bad-") == NULL, "bad cases listed as changes:\n%s", scratch_out);
	ck_assert_msg(strstr(scratch_out, "lefs-40") == NULL, "%s", scratch_out);
	ck_assert_msg(strstr(scratch_out, "  knee: 1 case\n") != NULL, "%s", scratch_out);
	ck_assert_msg(strstr(scratch_out, "\n4 cases, 1 changed, 2 bad\n") != NULL, "%s", scratch_out);
	/* Each bad case reported once, on standard error. */
	ck_assert_int_eq(urc_count(scratch_err, "case bad-measure: "), 1);
	ck_assert_int_eq(urc_count(scratch_err, "case bad-visits: "), 1);
	ck_assert_msg(strstr(scratch_err, "LEFX") != NULL, "%s", scratch_err);

	/* Only bad cases: nothing changed, exit 0. */
	scratch_write_file(cases, "id: only-bad\nreceived: 2026-03-02\n"
	                  "request: {discipline: PT, setting: outpatient, diagnoses: [M17.11], sequence: 1, visits: ten}\n");
	ck_assert_int_eq(scratch_run(urc_cmd_diff, ARGS("diff", old, new, cases)), 0);
	ck_assert_str_eq(scratch_out, "1 case, 0 changed, 1 bad\n");
	ck_assert_int_eq(urc_count(scratch_err, "case only-bad: "), 1);
}
END_TEST

START_TEST(test_missing_files)
{
	scratch_copy_lib("old", NULL, NULL);
	char cases[256], old[256], missing[256];
	snprintf(cases, sizeof cases, "%s", scratch_path("cases.yaml"));
	snprintf(old, sizeof old, "%s", scratch_path("old"));
	snprintf(missing, sizeof missing, "%s", scratch_path("missing"));
	scratch_write_file(cases, cases_yaml);

	/* A missing case file. */
	ck_assert_int_eq(scratch_run(urc_cmd_diff, ARGS("diff", old, old, missing)), 2);
	ck_assert_str_eq(scratch_out, "");
	ck_assert_msg(strstr(scratch_err, "cannot read") != NULL && strstr(scratch_err, missing) != NULL, "%s", scratch_err);

	/* A missing OLD, and a missing NEW: each side named. */
	ck_assert_int_eq(scratch_run(urc_cmd_diff, ARGS("diff", missing, old, cases)), 2);
	ck_assert_msg(strstr(scratch_err, "urc diff: OLD: cannot read '") != NULL, "%s", scratch_err);
	ck_assert_msg(strstr(scratch_out, "changed") == NULL, "%s", scratch_out);
	ck_assert_int_eq(scratch_run(urc_cmd_diff, ARGS("diff", old, missing, cases)), 2);
	ck_assert_msg(strstr(scratch_err, "urc diff: NEW: cannot read '") != NULL, "%s", scratch_err);

	/* Too few arguments. */
	ck_assert_int_eq(scratch_run(urc_cmd_diff, ARGS("diff", old, old)), 2);
	ck_assert_msg(strstr(scratch_err, "usage: urc diff") != NULL, "%s", scratch_err);
}
END_TEST

START_TEST(test_old_table)
{
	scratch_copy_lib("old", NULL, NULL);
	scratch_copy_lib("new", OLD_RULE, NEW_RULE);
	char cases[256], old[256], new[256], urt[256];
	snprintf(cases, sizeof cases, "%s", scratch_path("cases.yaml"));
	snprintf(old, sizeof old, "%s", scratch_path("old"));
	snprintf(new, sizeof new, "%s", scratch_path("new"));
	snprintf(urt, sizeof urt, "%s", scratch_path("old.urt"));
	scratch_write_file(cases, cases_yaml);
	ck_assert_int_eq(scratch_run(urc_cmd_build, ARGS("build", "-o", urt, old)), 0);
	struct stat st;
	ck_assert_int_eq(stat(urt, &st), 0);

	ck_assert_int_eq(scratch_run(urc_cmd_diff, ARGS("diff", urt, new, cases)), 1);
	assert_threshold_changes();
	ck_assert_msg(strstr(scratch_out, "\n6 cases, 2 changed\n") != NULL, "%s", scratch_out);
	ck_assert_str_eq(scratch_err, "");

	/* The table against its own sources: nothing changes. */
	ck_assert_int_eq(scratch_run(urc_cmd_diff, ARGS("diff", urt, old, cases)), 0);
	ck_assert_str_eq(scratch_out, "6 cases, 0 changed\n");

	/* A table name that is no table. */
	char fake[256];
	snprintf(fake, sizeof fake, "%s", scratch_path("fake.urt"));
	scratch_write_file(fake, "not a table at all\n");
	ck_assert_int_eq(scratch_run(urc_cmd_diff, ARGS("diff", fake, new, cases)), 2);
	ck_assert_msg(strstr(scratch_err, "urc diff: OLD: ") != NULL, "%s", scratch_err);
}
END_TEST

Suite *cmd_diff_suite(void)
{
	Suite *s = suite_create("cmd_diff");
	TCase *tc = tcase_create("diff");
	tcase_add_checked_fixture(tc, scratch_setup, scratch_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_identical);
	tcase_add_test(tc, test_threshold_moved);
	tcase_add_test(tc, test_threshold_one_case);
	tcase_add_test(tc, test_bad_cases);
	tcase_add_test(tc, test_missing_files);
	tcase_add_test(tc, test_old_table);
	suite_add_tcase(s, tc);
	return s;
}
