/* check_cmd_diff.c — `urc diff OLD NEW CASE...` (compiler/cmd_diff.c)
 * through urc_cmd_diff, its standard output and error captured in files:
 * identical sides, one threshold moved in a copy (exactly the cases
 * between the two thresholds listed and counted), bad cases counted and
 * not listed, missing files, and OLD given as a table built by
 * urc_cmd_build. Each test works in a fresh temporary folder holding a
 * copy of tests/golden/test/lib (the tests run from the repository's
 * root, as `make check` does). */
/* nftw */
#define _XOPEN_SOURCE 700

#include "ck.h"
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "helpers.h"
#include "suites.h"

#define LIB "tests/golden/test/lib/"

static char dir[64];
static char *out_text, *err_text; /* the last run's output (malloc) */

/* dir/rel, in one of a few static buffers. */
static const char *in_dir(const char *rel)
{
	static char path[4][256];
	static int next;
	char *p = path[next++ % 4];
	snprintf(p, sizeof path[0], "%s/%s", dir, rel);
	return p;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	char *buf = NULL;
	size_t cap = 0, len = 0, got;
	do {
		if (len + 4096 + 1 > cap) {
			cap = (len + 4096 + 1) * 2;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
		got = fread(buf + len, 1, 4096, f);
		len += got;
	} while (got > 0);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot write %s", path);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* Copies LIB's guides to dir/sub, in knee.guide replacing `from` by `to`
 * (which must occur) when from is not NULL. */
static void copy_lib(const char *sub, const char *from, const char *to)
{
	ck_assert_int_eq(mkdir(in_dir(sub), 0700), 0);
	static const char *const names[] = {"catalogue.guide", "hip.guide", "knee.guide"};
	for (size_t i = 0; i < 3; i++) {
		char src[128], dst[256];
		snprintf(src, sizeof src, LIB "%s", names[i]);
		snprintf(dst, sizeof dst, "%s/%s/%s", dir, sub, names[i]);
		char *text = read_all(src);
		if (from && strcmp(names[i], "knee.guide") == 0) {
			char *at = strstr(text, from);
			ck_assert_msg(at != NULL, "'%s' is no longer in " LIB "knee.guide", from);
			size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
			char *edited = malloc(n);
			ck_assert_ptr_nonnull(edited);
			snprintf(edited, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
			free(text);
			text = edited;
		}
		write_file(dst, text);
		free(text);
	}
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void setup(void)
{
	out_text = err_text = NULL;
	snprintf(dir, sizeof dir, "/tmp/urc-unit-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	free(out_text);
	free(err_text);
	out_text = err_text = NULL;
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Runs cmd with the NULL-terminated arguments, standard output and error
 * going to files in dir, read into out_text and err_text afterwards.
 * Returns its exit status. */
static int run(int (*cmd)(int, char **), char **argv)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	free(out_text);
	free(err_text);
	out_text = err_text = NULL;
	const char *out_path = in_dir("stdout.txt"), *err_path = in_dir("stderr.txt");
	fflush(stdout);
	fflush(stderr);
	int saved_out = dup(STDOUT_FILENO), saved_err = dup(STDERR_FILENO);
	ck_assert_int_ge(saved_out, 0);
	ck_assert_int_ge(saved_err, 0);
	FILE *o = fopen(out_path, "wb"), *e = fopen(err_path, "wb");
	ck_assert_ptr_nonnull(o);
	ck_assert_ptr_nonnull(e);
	dup2(fileno(o), STDOUT_FILENO);
	dup2(fileno(e), STDERR_FILENO);
	fclose(o);
	fclose(e);
	int status = cmd(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, STDOUT_FILENO);
	dup2(saved_err, STDERR_FILENO);
	close(saved_out);
	close(saved_err);
	out_text = read_all(out_path);
	err_text = read_all(err_path);
	remove(out_path);
	remove(err_path);
	return status;
}

#define ARGS(...) ((char *[]){__VA_ARGS__, NULL})

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

/* Asserts out_text lists exactly lefs-71 and lefs-72, referred by "high
 * function" before and approved after. */
static void assert_threshold_changes(void)
{
	ck_assert_int_eq(urc_count(out_text, ": lefs-"), 2);
	ck_assert_msg(strstr(out_text, ": lefs-71: referred (knee: \"high function\") -> approved_in_full, "
	                               "10 visits to 2026-04-15 (knee: \"otherwise\")\n") != NULL, "%s", out_text);
	ck_assert_msg(strstr(out_text, ": lefs-72: referred (knee: \"high function\") -> approved_in_full, "
	                               "10 visits to 2026-04-15 (knee: \"otherwise\")\n") != NULL, "%s", out_text);
	ASSERT_BEFORE(out_text, "lefs-71", "lefs-72");
	ck_assert_msg(strstr(out_text, "changes by guideline:\n  knee: 2 cases\n") != NULL, "%s", out_text);
	ck_assert_msg(strstr(out_text, "changes by kind:\n  2 cases: referred -> approved_in_full\n") != NULL, "%s",
	              out_text);
}

START_TEST(test_identical)
{
	copy_lib("old", NULL, NULL);
	copy_lib("new", NULL, NULL);
	char cases[256];
	snprintf(cases, sizeof cases, "%s", in_dir("cases.yaml"));
	write_file(cases, cases_yaml);
	char old[256], new[256];
	snprintf(old, sizeof old, "%s", in_dir("old"));
	snprintf(new, sizeof new, "%s", in_dir("new"));
	ck_assert_int_eq(run(urc_cmd_diff, ARGS("diff", old, new, cases)), 0);
	ck_assert_str_eq(out_text, "6 cases, 0 changed\n");
	ck_assert_str_eq(err_text, "");
	/* The same folder on both sides, and the library in place. */
	ck_assert_int_eq(run(urc_cmd_diff, ARGS("diff", LIB, old, cases)), 0);
	ck_assert_str_eq(out_text, "6 cases, 0 changed\n");
}
END_TEST

START_TEST(test_threshold_moved)
{
	copy_lib("old", NULL, NULL);
	copy_lib("new", OLD_RULE, NEW_RULE);
	char cases[256], old[256], new[256];
	snprintf(cases, sizeof cases, "%s", in_dir("cases.yaml"));
	snprintf(old, sizeof old, "%s", in_dir("old"));
	snprintf(new, sizeof new, "%s", in_dir("new"));
	write_file(cases, cases_yaml);
	ck_assert_int_eq(run(urc_cmd_diff, ARGS("diff", old, new, cases)), 1);
	assert_threshold_changes();
	ck_assert_msg(strstr(out_text, "\n6 cases, 2 changed\n") != NULL, "%s", out_text);
	ck_assert_str_eq(err_text, "");
	/* Lines name the file and the case's first line. */
	char line[300];
	snprintf(line, sizeof line, "%s:11: lefs-71: ", cases);
	ck_assert_msg(strstr(out_text, line) != NULL, "no '%s' in:\n%s", line, out_text);

	/* The sides swapped: the same cases, referred after. */
	ck_assert_int_eq(run(urc_cmd_diff, ARGS("diff", new, old, cases)), 1);
	ck_assert_int_eq(urc_count(out_text, ": lefs-"), 2);
	ck_assert_int_eq(urc_count(out_text, "(knee: \"otherwise\") -> referred (knee: \"high function\")\n"), 2);
	ck_assert_msg(strstr(out_text, "\n6 cases, 2 changed\n") != NULL, "%s", out_text);
}
END_TEST

START_TEST(test_threshold_one_case)
{
	/* Moved by one point: only lefs-71 lies between. */
	copy_lib("old", NULL, NULL);
	copy_lib("new", OLD_RULE, "LEFS at intake > 71 points");
	char cases[256], old[256], new[256];
	snprintf(cases, sizeof cases, "%s", in_dir("cases.yaml"));
	snprintf(old, sizeof old, "%s", in_dir("old"));
	snprintf(new, sizeof new, "%s", in_dir("new"));
	write_file(cases, cases_yaml);
	ck_assert_int_eq(run(urc_cmd_diff, ARGS("diff", old, new, cases)), 1);
	ck_assert_int_eq(urc_count(out_text, ": lefs-"), 1);
	ck_assert_ptr_nonnull(strstr(out_text, ": lefs-71: "));
	ck_assert_msg(strstr(out_text, "  knee: 1 case\n") != NULL, "%s", out_text);
	ck_assert_msg(strstr(out_text, "\n6 cases, 1 changed\n") != NULL, "%s", out_text);
}
END_TEST

START_TEST(test_bad_cases)
{
	copy_lib("old", NULL, NULL);
	copy_lib("new", OLD_RULE, NEW_RULE);
	char cases[256], old[256], new[256];
	snprintf(cases, sizeof cases, "%s", in_dir("cases.yaml"));
	snprintf(old, sizeof old, "%s", in_dir("old"));
	snprintf(new, sizeof new, "%s", in_dir("new"));
	write_file(cases, KNEE_CASE("lefs-71", "71") "---\n"
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
	ck_assert_int_eq(run(urc_cmd_diff, ARGS("diff", old, new, cases)), 1);
	ck_assert_int_eq(urc_count(out_text, ": lefs-71: "), 1);
	ck_assert_msg(strstr(out_text, "bad-") == NULL, "bad cases listed as changes:\n%s", out_text);
	ck_assert_msg(strstr(out_text, "lefs-40") == NULL, "%s", out_text);
	ck_assert_msg(strstr(out_text, "  knee: 1 case\n") != NULL, "%s", out_text);
	ck_assert_msg(strstr(out_text, "\n4 cases, 1 changed, 2 bad\n") != NULL, "%s", out_text);
	/* Each bad case reported once, on standard error. */
	ck_assert_int_eq(urc_count(err_text, "case bad-measure: "), 1);
	ck_assert_int_eq(urc_count(err_text, "case bad-visits: "), 1);
	ck_assert_msg(strstr(err_text, "LEFX") != NULL, "%s", err_text);

	/* Only bad cases: nothing changed, exit 0. */
	write_file(cases, "id: only-bad\nreceived: 2026-03-02\n"
	                  "request: {discipline: PT, setting: outpatient, diagnoses: [M17.11], sequence: 1, visits: ten}\n");
	ck_assert_int_eq(run(urc_cmd_diff, ARGS("diff", old, new, cases)), 0);
	ck_assert_str_eq(out_text, "1 case, 0 changed, 1 bad\n");
	ck_assert_int_eq(urc_count(err_text, "case only-bad: "), 1);
}
END_TEST

START_TEST(test_missing_files)
{
	copy_lib("old", NULL, NULL);
	char cases[256], old[256], missing[256];
	snprintf(cases, sizeof cases, "%s", in_dir("cases.yaml"));
	snprintf(old, sizeof old, "%s", in_dir("old"));
	snprintf(missing, sizeof missing, "%s", in_dir("missing"));
	write_file(cases, cases_yaml);

	/* A missing case file. */
	ck_assert_int_eq(run(urc_cmd_diff, ARGS("diff", old, old, missing)), 2);
	ck_assert_str_eq(out_text, "");
	ck_assert_msg(strstr(err_text, "cannot read") != NULL && strstr(err_text, missing) != NULL, "%s", err_text);

	/* A missing OLD, and a missing NEW: each side named. */
	ck_assert_int_eq(run(urc_cmd_diff, ARGS("diff", missing, old, cases)), 2);
	ck_assert_msg(strstr(err_text, "urc diff: OLD: cannot read '") != NULL, "%s", err_text);
	ck_assert_msg(strstr(out_text, "changed") == NULL, "%s", out_text);
	ck_assert_int_eq(run(urc_cmd_diff, ARGS("diff", old, missing, cases)), 2);
	ck_assert_msg(strstr(err_text, "urc diff: NEW: cannot read '") != NULL, "%s", err_text);

	/* Too few arguments. */
	ck_assert_int_eq(run(urc_cmd_diff, ARGS("diff", old, old)), 2);
	ck_assert_msg(strstr(err_text, "usage: urc diff") != NULL, "%s", err_text);
}
END_TEST

START_TEST(test_old_table)
{
	copy_lib("old", NULL, NULL);
	copy_lib("new", OLD_RULE, NEW_RULE);
	char cases[256], old[256], new[256], urt[256];
	snprintf(cases, sizeof cases, "%s", in_dir("cases.yaml"));
	snprintf(old, sizeof old, "%s", in_dir("old"));
	snprintf(new, sizeof new, "%s", in_dir("new"));
	snprintf(urt, sizeof urt, "%s", in_dir("old.urt"));
	write_file(cases, cases_yaml);
	ck_assert_int_eq(run(urc_cmd_build, ARGS("build", "-o", urt, old)), 0);
	struct stat st;
	ck_assert_int_eq(stat(urt, &st), 0);

	ck_assert_int_eq(run(urc_cmd_diff, ARGS("diff", urt, new, cases)), 1);
	assert_threshold_changes();
	ck_assert_msg(strstr(out_text, "\n6 cases, 2 changed\n") != NULL, "%s", out_text);
	ck_assert_str_eq(err_text, "");

	/* The table against its own sources: nothing changes. */
	ck_assert_int_eq(run(urc_cmd_diff, ARGS("diff", urt, old, cases)), 0);
	ck_assert_str_eq(out_text, "6 cases, 0 changed\n");

	/* A table name that is no table. */
	char fake[256];
	snprintf(fake, sizeof fake, "%s", in_dir("fake.urt"));
	write_file(fake, "not a table at all\n");
	ck_assert_int_eq(run(urc_cmd_diff, ARGS("diff", fake, new, cases)), 2);
	ck_assert_msg(strstr(err_text, "urc diff: OLD: ") != NULL, "%s", err_text);
}
END_TEST

Suite *cmd_diff_suite(void)
{
	Suite *s = suite_create("cmd_diff");
	TCase *tc = tcase_create("diff");
	tcase_add_checked_fixture(tc, setup, teardown);
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
