/* check_diag.c — the diagnostics context (diag.c): counting, line and
 * column from byte offsets (UTF-8 aware), the source line and caret line
 * (tabs copied, control bytes masked, spans clipped to the line), notes
 * and help, sorting by place, colour, and the JSON form with its string
 * escaping. */
#include "ck.h"
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "suites.h"

#define NOWHERE ((urc_span){URC_NO_FILE, 0, 0})

static urc_span at(uint32_t file, uint32_t start, uint32_t end)
{
	return (urc_span){file, start, end};
}

/* ---- counting ---- */

START_TEST(counts_errors_and_warnings)
{
	urc_test_start();
	ck_assert_int_eq(urc_diag_error(&T.diag, NOWHERE, "e%d", 1), 0);
	ck_assert_int_eq(urc_diag_warning(&T.diag, NOWHERE, "w"), 1);
	ck_assert_int_eq(urc_diag_error(&T.diag, NOWHERE, "e2"), 2);
	/* Notes and help are not counted. */
	urc_diag_note(&T.diag, 0, NOWHERE, "n");
	urc_diag_help(&T.diag, 0, "h");
	ck_assert_int_eq(T.diag.errors, 2);
	ck_assert_int_eq(T.diag.warnings, 1);
	ck_assert_uint_eq(T.diag.nmsgs, 3);
}
END_TEST

START_TEST(werror_records_warnings_as_errors)
{
	urc_test_start();
	T.diag.werror = true;
	urc_diag_warning(&T.diag, NOWHERE, "careful");
	ASSERT_DIAGS(1, 0);
	ck_assert_str_eq(urc_test_text(), "urc: error: careful [-Werror]\n");
}
END_TEST

START_TEST(notes_on_bad_handles_are_ignored)
{
	urc_test_start();
	urc_diag_note(&T.diag, -1, NOWHERE, "lost");
	urc_diag_help(&T.diag, 0, "lost too");
	urc_diag_error(&T.diag, NOWHERE, "real");
	urc_diag_help(&T.diag, 7, "lost three");
	ck_assert_str_eq(urc_test_text(), "urc: error: real\n");
}
END_TEST

START_TEST(many_files_and_messages)
{
	urc_test_start();
	char name[32];
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof name, "f%02d.guide", i);
		ck_assert_uint_eq(urc_test_add_file(name, "x\n"), (uint32_t)i);
	}
	for (int i = 99; i >= 0; i--)
		urc_diag_error(&T.diag, at((uint32_t)i, 0, 1), "m%02d", i);
	const char *out = urc_test_text();
	ck_assert_int_eq(urc_count(out, "error: m"), 100);
	/* Sorted by file. */
	ASSERT_BEFORE(out, "f00.guide:1:1: error: m00", "f01.guide:1:1: error: m01");
	ASSERT_BEFORE(out, "f98.guide", "f99.guide");
	ck_assert_str_eq(T.diag.files[42].name, "f42.guide");
}
END_TEST

/* ---- positions ---- */

START_TEST(position_lines_and_columns)
{
	urc_test_start();
	uint32_t f = urc_test_add_file("p.guide", "ab\ncd\n\nxyz");
	urc_diag_pos p = urc_diag_position(&T.diag, f, 0);
	ck_assert_uint_eq(p.line, 1);
	ck_assert_uint_eq(p.column, 1);
	p = urc_diag_position(&T.diag, f, 2); /* the newline ends line 1 */
	ck_assert_uint_eq(p.line, 1);
	ck_assert_uint_eq(p.column, 3);
	p = urc_diag_position(&T.diag, f, 3);
	ck_assert_uint_eq(p.line, 2);
	ck_assert_uint_eq(p.column, 1);
	p = urc_diag_position(&T.diag, f, 6); /* the empty line */
	ck_assert_uint_eq(p.line, 3);
	ck_assert_uint_eq(p.column, 1);
	p = urc_diag_position(&T.diag, f, 9);
	ck_assert_uint_eq(p.line, 4);
	ck_assert_uint_eq(p.column, 3);
	p = urc_diag_position(&T.diag, f, 10); /* the end of the file */
	ck_assert_uint_eq(p.line, 4);
	ck_assert_uint_eq(p.column, 4);
	p = urc_diag_position(&T.diag, f, 500); /* past it: clamped */
	ck_assert_uint_eq(p.line, 4);
	ck_assert_uint_eq(p.column, 4);
	p = urc_diag_position(&T.diag, f + 1, 0); /* no such file */
	ck_assert_uint_eq(p.line, 0);
	ck_assert_uint_eq(p.column, 0);
}
END_TEST

START_TEST(position_counts_characters_not_bytes)
{
	urc_test_start();
	/* e-acute is 2 bytes, the euro sign 3, the emoji 4. */
	uint32_t f = urc_test_add_file("u.guide", "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80x\n\xC3\xA9y");
	ck_assert_uint_eq(urc_diag_position(&T.diag, f, 2).column, 2);
	ck_assert_uint_eq(urc_diag_position(&T.diag, f, 5).column, 3);
	ck_assert_uint_eq(urc_diag_position(&T.diag, f, 9).column, 4);
	urc_diag_pos p = urc_diag_position(&T.diag, f, 13);
	ck_assert_uint_eq(p.line, 2);
	ck_assert_uint_eq(p.column, 2);
}
END_TEST

START_TEST(position_in_empty_file)
{
	urc_test_start();
	uint32_t f = urc_test_add_file("e.guide", "");
	urc_diag_pos p = urc_diag_position(&T.diag, f, 0);
	ck_assert_uint_eq(p.line, 1);
	ck_assert_uint_eq(p.column, 1);
	urc_diag_error(&T.diag, at(f, 0, 0), "empty");
	ck_assert_str_eq(urc_test_text(), "e.guide:1:1: error: empty\n    1 | \n      | ^\n");
}
END_TEST

/* ---- text output ---- */

START_TEST(text_shape)
{
	urc_test_start();
	uint32_t f = urc_test_add_file("k.guide", "measure LEFT \"x\"\n  when LEFT improved\n");
	int e = urc_diag_error(&T.diag, at(f, 24, 28), "unknown measure '%s'", "LEFT");
	urc_diag_note(&T.diag, e, at(f, 8, 12), "declared here");
	urc_diag_note(&T.diag, e, NOWHERE, "a note with no place");
	urc_diag_help(&T.diag, e, "did you mean '%s'?", "LEFS");
	ck_assert_str_eq(urc_test_text(),
	                 "k.guide:2:8: error: unknown measure 'LEFT'\n"
	                 "    2 |   when LEFT improved\n"
	                 "      |        ^~~~\n"
	                 "k.guide:1:9: note: declared here\n"
	                 "    1 | measure LEFT \"x\"\n"
	                 "      |         ^~~~\n"
	                 "      = note: a note with no place\n"
	                 "      = help: did you mean 'LEFS'?\n");
}
END_TEST

START_TEST(warning_shape)
{
	urc_test_start();
	uint32_t f = urc_test_add_file("w.guide", "abc");
	urc_diag_warning(&T.diag, at(f, 1, 2), "hm");
	ck_assert_str_eq(urc_test_text(), "w.guide:1:2: warning: hm\n    1 | abc\n      |  ^\n");
}
END_TEST

START_TEST(caret_line_copies_tabs)
{
	urc_test_start();
	uint32_t f = urc_test_add_file("t.guide", "\trule\t\"x\" when");
	urc_diag_error(&T.diag, at(f, 6, 9), "tabbed");
	ck_assert_str_eq(urc_test_text(),
	                 "t.guide:1:7: error: tabbed\n"
	                 "    1 | \trule\t\"x\" when\n"
	                 "      | \t    \t^~~\n");
}
END_TEST

START_TEST(caret_line_counts_utf8_characters)
{
	urc_test_start();
	uint32_t f = urc_test_add_file("u.guide", "r\xC3\xA9sum\xC3\xA9 \xE2\x89\xA4 x");
	/* The caret under '≤' (bytes 9-11) sits after 7 characters. */
	urc_diag_error(&T.diag, at(f, 9, 12), "op");
	/* A span over "résumé" is six characters: a caret and five tildes. */
	urc_diag_error(&T.diag, at(f, 0, 8), "word");
	ck_assert_str_eq(urc_test_text(),
	                 "u.guide:1:1: error: word\n"
	                 "    1 | r\xC3\xA9sum\xC3\xA9 \xE2\x89\xA4 x\n"
	                 "      | ^~~~~~\n"
	                 "u.guide:1:8: error: op\n"
	                 "    1 | r\xC3\xA9sum\xC3\xA9 \xE2\x89\xA4 x\n"
	                 "      |        ^\n");
}
END_TEST

START_TEST(caret_stops_at_end_of_line)
{
	urc_test_start();
	uint32_t f = urc_test_add_file("m.guide", "ab cd\r\nef\n");
	/* A span running over the line end is clipped to the line; the CR is
	 * not printed. */
	urc_diag_error(&T.diag, at(f, 3, 9), "long");
	ck_assert_str_eq(urc_test_text(), "m.guide:1:4: error: long\n    1 | ab cd\n      |    ^~\n");
}
END_TEST

START_TEST(control_bytes_are_masked)
{
	urc_test_start();
	uint32_t f = urc_test_add_file("c.guide", "a\x01" "b\x1b[31mc");
	urc_diag_error(&T.diag, at(f, 1, 2), "ctl");
	ck_assert_str_eq(urc_test_text(), "c.guide:1:2: error: ctl\n    1 | a?b?[31mc\n      |  ^\n");
}
END_TEST

START_TEST(wide_line_numbers)
{
	urc_test_start();
	char *src = malloc(12400 * 2 + 8);
	ck_assert_ptr_nonnull(src);
	for (int i = 0; i < 12400; i++) {
		src[2 * i] = 'x';
		src[2 * i + 1] = '\n';
	}
	src[2 * 12400] = '\0';
	uint32_t f = urc_test_add_file("big.guide", src);
	free(src);
	urc_diag_error(&T.diag, at(f, 2 * 12344, 2 * 12344 + 1), "far");
	ck_assert_str_eq(urc_test_text(), "big.guide:12345:1: error: far\n 12345 | x\n       | ^\n");
}
END_TEST

START_TEST(message_without_place)
{
	urc_test_start();
	urc_diag_error(&T.diag, NOWHERE, "cannot read '%s': %s", "x.guide", "No such file");
	ck_assert_str_eq(urc_test_text(), "urc: error: cannot read 'x.guide': No such file\n");
}
END_TEST

START_TEST(sorted_by_place_then_record)
{
	urc_test_start();
	uint32_t a = urc_test_add_file("a.guide", "0123456789\n0123456789\n");
	uint32_t b = urc_test_add_file("b.guide", "0123456789\n");
	urc_diag_error(&T.diag, at(b, 1, 2), "b1");
	urc_diag_error(&T.diag, at(a, 12, 13), "a12");
	urc_diag_error(&T.diag, at(a, 3, 4), "a3 first");
	urc_diag_error(&T.diag, NOWHERE, "nowhere");
	urc_diag_warning(&T.diag, at(a, 3, 4), "a3 second");
	urc_diag_error(&T.diag, at(a, 0, 1), "a0");
	const char *out = urc_test_text();
	const char *order[] = {"urc: error: nowhere", "a.guide:1:1: error: a0",
	                       "a.guide:1:4: error: a3 first", "a.guide:1:4: warning: a3 second",
	                       "a.guide:2:2: error: a12", "b.guide:1:2: error: b1"};
	const char *prev = out;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		const char *p = strstr(out, order[i]);
		ck_assert_msg(p != NULL, "missing %s in:\n%s", order[i], out);
		ck_assert_msg(p >= prev, "%s is out of order in:\n%s", order[i], out);
		prev = p;
	}
	/* Notes stay with their message after sorting. */
	urc_test_start();
	a = urc_test_add_file("a.guide", "0123456789");
	int late = urc_diag_error(&T.diag, at(a, 8, 9), "late");
	int early = urc_diag_error(&T.diag, at(a, 1, 2), "early");
	urc_diag_help(&T.diag, late, "help for late");
	urc_diag_help(&T.diag, early, "help for early");
	out = urc_test_text();
	ASSERT_BEFORE(out, "error: early", "help for early");
	ASSERT_BEFORE(out, "help for early", "error: late");
	ASSERT_BEFORE(out, "error: late", "help for late");
}
END_TEST

START_TEST(colour_only_when_asked)
{
	urc_test_start();
	uint32_t f = urc_test_add_file("c.guide", "abc");
	int e = urc_diag_error(&T.diag, at(f, 0, 1), "red");
	urc_diag_help(&T.diag, e, "green");
	urc_diag_warning(&T.diag, at(f, 1, 2), "magenta");
	ck_assert_ptr_null(strchr(urc_test_text(), '\033'));
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(out);
	urc_diag_print(&T.diag, out, true);
	ck_assert_int_eq(fclose(out), 0);
	ck_assert_ptr_nonnull(strstr(buf, "\033[1;31merror:\033[0m"));
	ck_assert_ptr_nonnull(strstr(buf, "\033[1;35mwarning:\033[0m"));
	ck_assert_ptr_nonnull(strstr(buf, "\033[1;32mhelp:\033[0m"));
	ck_assert_ptr_nonnull(strstr(buf, "\033[1;32m^\033[0m"));
	free(buf);
}
END_TEST

/* ---- JSON ---- */

static char *json_string(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(out);
	urc_json_string(out, s);
	ck_assert_int_eq(fclose(out), 0);
	return buf;
}

START_TEST(json_string_escapes)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"", "\"\""},
		{"plain", "\"plain\""},
		{"a\"b", "\"a\\\"b\""},
		{"back\\slash", "\"back\\\\slash\""},
		{"l1\nl2\tt\rr", "\"l1\\nl2\\tt\\rr\""},
		{"\x01\x1f", "\"\\u0001\\u001f\""},
		{"\x7f", "\"\x7f\""},
		{"caf\xC3\xA9 \xE2\x89\xA4", "\"caf\xC3\xA9 \xE2\x89\xA4\""},
		{"</script>", "\"</script>\""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = json_string(cases[i].in);
		ck_assert_str_eq(got, cases[i].out);
		free(got);
	}
}
END_TEST

START_TEST(json_empty)
{
	urc_test_start();
	ck_assert_str_eq(urc_test_json(), "[]\n");
}
END_TEST

START_TEST(json_messages)
{
	urc_test_start();
	uint32_t f = urc_test_add_file("dir/\"q\".guide", "ab\n\xC3\xA9" "cd\n");
	int e = urc_diag_error(&T.diag, at(f, 5, 7), "bad \"%s\"", "cd");
	urc_diag_note(&T.diag, e, at(f, 0, 2), "see\there");
	urc_diag_help(&T.diag, e, "fix it");
	urc_diag_warning(&T.diag, NOWHERE, "no place");
	ck_assert_str_eq(urc_test_json(),
	                 "[\n"
	                 " {\"severity\":\"warning\",\"file\":null,\"message\":\"no place\",\"notes\":[]},\n"
	                 " {\"severity\":\"error\",\"file\":\"dir/\\\"q\\\".guide\",\"line\":2,\"column\":2,"
	                 "\"end_line\":2,\"end_column\":4,\"offset\":5,\"length\":2,"
	                 "\"message\":\"bad \\\"cd\\\"\",\"notes\":["
	                 "{\"severity\":\"note\",\"file\":\"dir/\\\"q\\\".guide\",\"line\":1,\"column\":1,"
	                 "\"end_line\":1,\"end_column\":3,\"offset\":0,\"length\":2,\"message\":\"see\\there\"},"
	                 "{\"severity\":\"help\",\"file\":null,\"message\":\"fix it\"}]}\n"
	                 "]\n");
}
END_TEST

START_TEST(json_span_over_lines)
{
	urc_test_start();
	uint32_t f = urc_test_add_file("s.guide", "ab\ncd");
	urc_diag_error(&T.diag, at(f, 1, 4), "x");
	const char *out = urc_test_json();
	ck_assert_ptr_nonnull(strstr(out, "\"line\":1,\"column\":2,\"end_line\":2,\"end_column\":2,\"offset\":1,\"length\":3"));
}
END_TEST

START_TEST(text_of_a_compilation)
{
	/* End to end: the scanner's error, placed by the printer. */
	urc_test_parse_named("x.guide", "measure A {\n\trange 0 to 10 points @\n}");
	ck_assert_str_eq(urc_test_text(),
	                 "x.guide:2:23: error: unexpected character '@'\n"
	                 "    2 | \trange 0 to 10 points @\n"
	                 "      | \t                     ^\n");
}
END_TEST

Suite *diag_suite(void)
{
	Suite *s = suite_create("diag");
	TCase *tc = tcase_create("record");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, counts_errors_and_warnings);
	tcase_add_test(tc, werror_records_warnings_as_errors);
	tcase_add_test(tc, notes_on_bad_handles_are_ignored);
	tcase_add_test(tc, many_files_and_messages);
	suite_add_tcase(s, tc);

	tc = tcase_create("position");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, position_lines_and_columns);
	tcase_add_test(tc, position_counts_characters_not_bytes);
	tcase_add_test(tc, position_in_empty_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("text");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, text_shape);
	tcase_add_test(tc, warning_shape);
	tcase_add_test(tc, caret_line_copies_tabs);
	tcase_add_test(tc, caret_line_counts_utf8_characters);
	tcase_add_test(tc, caret_stops_at_end_of_line);
	tcase_add_test(tc, control_bytes_are_masked);
	tcase_add_test(tc, wide_line_numbers);
	tcase_add_test(tc, message_without_place);
	tcase_add_test(tc, sorted_by_place_then_record);
	tcase_add_test(tc, colour_only_when_asked);
	tcase_add_test(tc, text_of_a_compilation);
	suite_add_tcase(s, tc);

	tc = tcase_create("json");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, json_string_escapes);
	tcase_add_test(tc, json_empty);
	tcase_add_test(tc, json_messages);
	tcase_add_test(tc, json_span_over_lines);
	suite_add_tcase(s, tc);
	return s;
}
