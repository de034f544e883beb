/* check_driver.c — one compilation from source to printed result
 * (driver.c): exit statuses, the summary line, -Werror, JSON, quiet, and
 * the early stops used by the benchmarks. */
#include "ck.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "helpers.h"
#include "suites.h"

/* What one urc_check_memory call printed. */
typedef struct run {
	int status;
	char *out, *err; /* malloc */
	size_t out_len, err_len;
} run;

static run R;

static void teardown(void)
{
	free(R.out);
	free(R.err);
	memset(&R, 0, sizeof R);
}

static void check_memory(const char *src, urc_check_opts opts)
{
	teardown();
	FILE *out = open_memstream(&R.out, &R.out_len);
	FILE *err = open_memstream(&R.err, &R.err_len);
	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(err);
	R.status = urc_check_memory("mem.guide", src, strlen(src), &opts, out, err);
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_int_eq(fclose(err), 0);
}

START_TEST(clean_source_is_status_0)
{
	check_memory(PHASE(OTHERWISE_OK), (urc_check_opts){0});
	ck_assert_int_eq(R.status, 0);
	ck_assert_str_eq(R.out, "urc: 1 file, 1 guideline: 0 errors, 0 warnings\n");
	ck_assert_str_eq(R.err, "");
}
END_TEST

START_TEST(errors_are_status_1)
{
	check_memory("measure A { range 0 to 1 points source \"s\" } measure A { source \"s\" }",
	             (urc_check_opts){0});
	ck_assert_int_eq(R.status, 1);
	ck_assert_str_eq(R.out, "urc: 1 file, 0 guidelines: 2 errors, 0 warnings\n");
	ck_assert_ptr_nonnull(strstr(R.err, "mem.guide:1:54: error: measure 'A' is declared twice"));
	ck_assert_ptr_nonnull(strstr(R.err, "mem.guide:1:54: error: measure 'A' has no range"));
}
END_TEST

START_TEST(syntax_errors_are_status_1)
{
	check_memory("measure {", (urc_check_opts){0});
	ck_assert_int_eq(R.status, 1);
	ck_assert_ptr_nonnull(strstr(R.err, "mem.guide:1:9: error:"));
}
END_TEST

START_TEST(warnings_alone_are_status_0_unless_werror)
{
	const char *src = "measure A { range 0 to 1 points }";
	check_memory(src, (urc_check_opts){0});
	ck_assert_int_eq(R.status, 0);
	ck_assert_str_eq(R.out, "urc: 1 file, 0 guidelines: 0 errors, 1 warning\n");
	ck_assert_ptr_nonnull(strstr(R.err, "warning: measure 'A' has no source"));
	check_memory(src, (urc_check_opts){.werror = true});
	ck_assert_int_eq(R.status, 1);
	ck_assert_str_eq(R.out, "urc: 1 file, 0 guidelines: 1 error, 0 warnings\n");
	ck_assert_ptr_nonnull(strstr(R.err, "error: measure 'A' has no source"));
}
END_TEST

START_TEST(quiet_prints_no_summary)
{
	check_memory("measure A { range 0 to 1 points }", (urc_check_opts){.quiet = true});
	ck_assert_int_eq(R.status, 0);
	ck_assert_str_eq(R.out, "");
	ck_assert_ptr_nonnull(strstr(R.err, "warning:"));
}
END_TEST

START_TEST(json_goes_to_out)
{
	check_memory("measure A { range 0 to 1 points }", (urc_check_opts){.json = true});
	ck_assert_int_eq(R.status, 0);
	ck_assert_str_eq(R.err, "");
	ck_assert_ptr_nonnull(strstr(R.out, "\"severity\":\"warning\",\"file\":\"mem.guide\",\"line\":1,\"column\":9"));
	ck_assert_int_eq(R.out[0], '[');
	ck_assert_ptr_null(strstr(R.out, "urc: 1 file"));
	check_memory(PHASE(OTHERWISE_OK), (urc_check_opts){.json = true});
	ck_assert_str_eq(R.out, "[]\n");
}
END_TEST

START_TEST(colour_when_asked)
{
	check_memory("measure {", (urc_check_opts){.color = true});
	ck_assert_ptr_nonnull(strstr(R.err, "\033[1;31merror:"));
	check_memory("measure {", (urc_check_opts){0});
	ck_assert_ptr_null(strchr(R.err, '\033'));
}
END_TEST

START_TEST(stop_after_parse_runs_no_checks)
{
	check_memory("measure A { }", (urc_check_opts){.stop = URC_STOP_PARSE});
	ck_assert_int_eq(R.status, 0);
	ck_assert_str_eq(R.err, "");
	check_memory("measure A { } }", (urc_check_opts){.stop = URC_STOP_PARSE});
	ck_assert_int_eq(R.status, 1);
}
END_TEST

START_TEST(missing_path_is_status_2)
{
	teardown();
	FILE *out = open_memstream(&R.out, &R.out_len);
	FILE *err = open_memstream(&R.err, &R.err_len);
	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(err);
	char *paths[] = {"/nonexistent/urc-test.guide"};
	urc_check_opts opts = {0};
	R.status = urc_check_paths(paths, 1, &opts, out, err);
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_int_eq(fclose(err), 0);
	ck_assert_int_eq(R.status, 2);
	ck_assert_str_eq(R.err, "urc: error: cannot read '/nonexistent/urc-test.guide': No such file or directory\n");
	ck_assert_str_eq(R.out, "urc: 0 files, 0 guidelines: 1 error, 0 warnings\n");
}
END_TEST

START_TEST(binary_garbage_is_status_1)
{
	static const char junk[] = "\x7f" "ELF\x02\x01\x01\0\0\0\xff\xfe{{{((\"";
	teardown();
	FILE *out = open_memstream(&R.out, &R.out_len);
	FILE *err = open_memstream(&R.err, &R.err_len);
	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(err);
	urc_check_opts opts = {0};
	R.status = urc_check_memory("junk.guide", junk, sizeof junk - 1, &opts, out, err);
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_int_eq(fclose(err), 0);
	ck_assert_int_eq(R.status, 1);
	ck_assert_ptr_nonnull(strstr(R.err, "unexpected byte 0x7F"));
}
END_TEST

Suite *driver_suite(void)
{
	Suite *s = suite_create("driver");
	TCase *tc = tcase_create("memory");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, clean_source_is_status_0);
	tcase_add_test(tc, errors_are_status_1);
	tcase_add_test(tc, syntax_errors_are_status_1);
	tcase_add_test(tc, warnings_alone_are_status_0_unless_werror);
	tcase_add_test(tc, quiet_prints_no_summary);
	tcase_add_test(tc, json_goes_to_out);
	tcase_add_test(tc, colour_when_asked);
	tcase_add_test(tc, stop_after_parse_runs_no_checks);
	tcase_add_test(tc, missing_path_is_status_2);
	tcase_add_test(tc, binary_garbage_is_status_1);
	suite_add_tcase(s, tc);
	return s;
}
