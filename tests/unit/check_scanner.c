/* check_scanner.c — the Flex scanner (grammar/lexer.l) token by token:
 * keywords, names, units, numbers, comparisons, dates, strings and their
 * escapes, curly quotes, diagnosis codes after 'diagnoses', comments, bad
 * bytes, and the byte offsets of what it returns. The scanner is driven
 * directly through the bridged yylex of the generated headers. */
#include "ck.h"
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "parse.h"
#include "suites.h"
#include "parser.h"
#include "lexer.h"

enum { MAX_TOKS = 64 };

/* One token as the parser would receive it. */
typedef struct tok {
	int kind;     /* token kind (IDENT, UNIT, ...) */
	YYSTYPE val;  /* its value; strings live in T's arena */
	urc_loc loc;  /* its bytes */
} tok;

static tok toks[MAX_TOKS];
static int ntoks;

/* Scans src into toks (up to the end of input), registering it in T so
 * that diagnostics can be printed. Returns the number of tokens. */
static int lex(const char *src)
{
	urc_test_start();
	uint32_t file = urc_test_add_file("scan.guide", src);
	size_t len = strlen(src);
	urc_parse_ctx ctx;
	memset(&ctx, 0, sizeof ctx);
	ctx.prog = &T.prog;
	ctx.diag = &T.diag;
	ctx.file = file;
	ctx.text = T.diag.files[file].text;
	yyscan_t sc;
	ck_assert_int_eq(yylex_init_extra(&ctx, &sc), 0);
	yy_scan_bytes(ctx.text, (int)len, sc);
	ntoks = 0;
	for (;;) {
		tok t;
		memset(&t, 0, sizeof t);
		t.kind = yylex(&t.val, &t.loc, sc);
		if (t.kind == 0)
			break;
		ck_assert_int_lt(ntoks, MAX_TOKS);
		toks[ntoks++] = t;
	}
	yylex_destroy(sc);
	free(ctx.braces);
	return ntoks;
}

/* Asserts the kinds of the tokens scanned, ending the list with -1. */
static void expect_kinds(const int *kinds)
{
	int n = 0;
	while (kinds[n] >= 0)
		n++;
	ck_assert_int_eq(ntoks, n);
	for (int i = 0; i < n; i++)
		ck_assert_msg(toks[i].kind == kinds[i], "token %d is %d, expected %d", i,
		              toks[i].kind, kinds[i]);
}
#define KINDS(...) expect_kinds((const int[]){__VA_ARGS__, -1})

/* ---- keywords and names ---- */

START_TEST(keywords_are_reserved_and_lowercase)
{
	lex("measure setting specialty plan guideline version use when otherwise deny "
	    "require rule initial continued improved by at least less than is not");
	KINDS(MEASURE, SETTING, SPECIALTY, PLAN, GUIDELINE, VERSION, USE, WHEN,
	      OTHERWISE, DENY, REQUIRE, RULE, INITIAL_, CONTINUED, IMPROVED, BY, AT,
	      LEAST, LESS, THAN, IS, NOT);
	ASSERT_DIAGS(0, 0);
}
END_TEST

START_TEST(names_may_start_with_digits)
{
	lex("ODI 10MWT 6MWT _tmp a1_b Rule measures ruler");
	KINDS(IDENT, IDENT, IDENT, IDENT, IDENT, IDENT, IDENT, IDENT);
	const char *want[] = {"ODI", "10MWT", "6MWT", "_tmp", "a1_b", "Rule", "measures", "ruler"};
	for (int i = 0; i < 8; i++)
		ck_assert_str_eq(toks[i].val.IDENT, want[i]);
	ASSERT_DIAGS(0, 0);
}
END_TEST

START_TEST(comments_and_blank_space_are_skipped)
{
	lex("# a comment with \"quotes\" and { braces\n\t rule # trailing\r\n when");
	KINDS(RULE, WHEN);
	ASSERT_DIAGS(0, 0);
}
END_TEST

START_TEST(token_locations_are_byte_offsets)
{
	lex("  rule  \"x\"\n8 visits");
	KINDS(RULE, STRING, NUMBER, UNIT);
	ck_assert_uint_eq(toks[0].loc.start, 2);
	ck_assert_uint_eq(toks[0].loc.end, 6);
	ck_assert_uint_eq(toks[1].loc.start, 8);
	ck_assert_uint_eq(toks[1].loc.end, 11);
	ck_assert_uint_eq(toks[2].loc.start, 12);
	ck_assert_uint_eq(toks[2].loc.end, 13);
	ck_assert_uint_eq(toks[3].loc.start, 14);
	ck_assert_uint_eq(toks[3].loc.end, 20);
}
END_TEST

/* ---- units ---- */

START_TEST(every_unit_spelling)
{
	static const struct {
		const char *text;
		urc_unit unit;
	} cases[] = {
		{"visit", URC_UNIT_VISITS},     {"visits", URC_UNIT_VISITS},
		{"day", URC_UNIT_DAYS},         {"days", URC_UNIT_DAYS},
		{"week", URC_UNIT_WEEKS},       {"weeks", URC_UNIT_WEEKS},
		{"month", URC_UNIT_MONTHS},     {"months", URC_UNIT_MONTHS},
		{"year", URC_UNIT_YEARS},       {"years", URC_UNIT_YEARS},
		{"point", URC_UNIT_POINTS},     {"points", URC_UNIT_POINTS},
		{"percent", URC_UNIT_PERCENT},  {"%", URC_UNIT_PERCENT},
		{"second", URC_UNIT_SECONDS},   {"seconds", URC_UNIT_SECONDS},
		{"meter", URC_UNIT_METERS},     {"meters", URC_UNIT_METERS},
		{"m/s", URC_UNIT_MPS},          {"level", URC_UNIT_LEVELS},
		{"levels", URC_UNIT_LEVELS},    {"requests", URC_UNIT_REQUESTS},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		lex(cases[i].text);
		ck_assert_msg(ntoks == 1 && toks[0].kind == UNIT, "'%s' is not one unit",
		              cases[i].text);
		ck_assert_msg(toks[0].val.UNIT == cases[i].unit, "'%s' scanned as unit %d",
		              cases[i].text, toks[0].val.UNIT);
	}
}
END_TEST

START_TEST(request_singular_is_a_keyword)
{
	/* 'request number' is a feature; 'requests' is the unit of plans. */
	lex("request requests");
	KINDS(REQUEST, UNIT);
	ck_assert_int_eq(toks[1].val.UNIT, URC_UNIT_REQUESTS);
}
END_TEST

START_TEST(percent_sign_after_number)
{
	lex("30% 30 percent");
	KINDS(NUMBER, UNIT, NUMBER, UNIT);
	ck_assert_int_eq(toks[1].val.UNIT, URC_UNIT_PERCENT);
	ck_assert_int_eq(toks[3].val.UNIT, URC_UNIT_PERCENT);
}
END_TEST

/* ---- numbers ---- */

START_TEST(numbers_integer_decimal_negative)
{
	lex("8 0.16 -3 12.50");
	KINDS(NUMBER, NUMBER, NUMBER, NUMBER);
	ck_assert_double_eq(toks[0].val.NUMBER.value, 8);
	ck_assert(toks[0].val.NUMBER.is_int);
	ck_assert_double_eq_tol(toks[1].val.NUMBER.value, 0.16, 1e-12);
	ck_assert(!toks[1].val.NUMBER.is_int);
	ck_assert_double_eq(toks[2].val.NUMBER.value, -3);
	ck_assert(toks[2].val.NUMBER.is_int);
	ck_assert_double_eq(toks[3].val.NUMBER.value, 12.5);
	ck_assert(!toks[3].val.NUMBER.is_int);
	ASSERT_DIAGS(0, 0);
}
END_TEST

START_TEST(number_ending_with_dot)
{
	lex("8. visits");
	KINDS(NUMBER, UNIT);
	ck_assert_double_eq(toks[0].val.NUMBER.value, 8);
	ck_assert(toks[0].val.NUMBER.is_int);
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("a number cannot end with a dot: write '8' or '8.0'");
}
END_TEST

START_TEST(number_glued_to_unit)
{
	lex("8visits");
	KINDS(NUMBER, UNIT);
	ck_assert_double_eq(toks[0].val.NUMBER.value, 8);
	ck_assert_int_eq(toks[1].val.UNIT, URC_UNIT_VISITS);
	ck_assert_uint_eq(toks[0].loc.start, 0);
	ck_assert_uint_eq(toks[0].loc.end, 1);
	ck_assert_uint_eq(toks[1].loc.start, 1);
	ck_assert_uint_eq(toks[1].loc.end, 7);
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("put a space between the number and its unit");
	ASSERT_SAYS("help: write '8 visits'");
}
END_TEST

START_TEST(number_too_large_or_too_long)
{
	lex("1000000001 1000000000 -1000000001");
	KINDS(NUMBER, NUMBER, NUMBER);
	/* Too large: reported, and held at the limit. */
	ck_assert_double_eq(toks[0].val.NUMBER.value, 1e9);
	ck_assert_double_eq(toks[1].val.NUMBER.value, 1e9);
	ck_assert_double_eq(toks[2].val.NUMBER.value, -1e9);
	ASSERT_DIAGS(2, 0);
	ck_assert_int_eq(urc_count(urc_test_text(), "error: this number is too large"), 2);

	char buf[100];
	memset(buf, '7', 80);
	buf[80] = '\0';
	lex(buf);
	KINDS(NUMBER);
	ck_assert_uint_eq(toks[0].loc.end, 80);
	ck_assert_double_eq(toks[0].val.NUMBER.value, 1e9);
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("this number is too large");
}
END_TEST

/* ---- comparisons ---- */

START_TEST(comparisons_ascii_and_unicode)
{
	lex("< <= > >= = == != \xE2\x89\xA4 \xE2\x89\xA5 \xE2\x89\xA0");
	KINDS(CMP, CMP, CMP, CMP, CMP, CMP, CMP, CMP, CMP, CMP);
	const urc_cmp want[] = {URC_CMP_LT, URC_CMP_LE, URC_CMP_GT, URC_CMP_GE,
	                        URC_CMP_EQ, URC_CMP_EQ, URC_CMP_NE, URC_CMP_LE,
	                        URC_CMP_GE, URC_CMP_NE};
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(toks[i].val.CMP, want[i]);
	/* The three-byte operator spans its three bytes. */
	ck_assert_uint_eq(toks[7].loc.end - toks[7].loc.start, 3);
	ASSERT_DIAGS(0, 0);
}
END_TEST

/* ---- dates ---- */

START_TEST(dates_valid)
{
	lex("1970-01-01 2026-01-01 2000-02-29 2024-02-29 2026-12-31");
	KINDS(DATE, DATE, DATE, DATE, DATE);
	ck_assert_int_eq(toks[0].val.DATE, 0);
	ck_assert_int_eq(toks[1].val.DATE, 20454);
	ck_assert_int_eq(toks[2].val.DATE, 11016);
	ck_assert_int_eq(toks[3].val.DATE, 19782);
	ck_assert_int_eq(toks[4].val.DATE, 20818);
	ASSERT_DIAGS(0, 0);
}
END_TEST

static const char *const bad_dates[] = {
	"2023-02-29", /* not a leap year */
	"1900-02-29", /* century, not a leap year */
	"2100-02-29",
	"2026-13-01", /* month */
	"2026-00-10",
	"2026-04-31", /* April has 30 days */
	"2026-01-00",
	"2026-01-32",
	"2026-1-1",   /* not YYYY-MM-DD */
	"26-01-01",
	"1899-12-31", /* out of the years accepted */
	"3000-01-01",
};

START_TEST(dates_invalid)
{
	const char *d = bad_dates[_i];
	lex(d);
	KINDS(DATE);
	ck_assert_int_eq(toks[0].val.DATE, 0);
	ASSERT_DIAGS(1, 0);
	char want[64];
	snprintf(want, sizeof want, "'%s' is not a date", d);
	ASSERT_SAYS(want);
	ASSERT_SAYS("write dates as YYYY-MM-DD");
}
END_TEST

/* ---- strings ---- */

START_TEST(string_escapes)
{
	lex("\"a\\\"b\\\\c\\nd\\te\" \"\" \"#not a comment\"");
	KINDS(STRING, STRING, STRING);
	ck_assert_str_eq(toks[0].val.STRING, "a\"b\\c\nd\te");
	ck_assert_str_eq(toks[1].val.STRING, "");
	ck_assert_str_eq(toks[2].val.STRING, "#not a comment");
	ASSERT_DIAGS(0, 0);
}
END_TEST

START_TEST(string_unknown_escape)
{
	lex("\"C:\\q\"");
	KINDS(STRING);
	ck_assert_str_eq(toks[0].val.STRING, "C:q");
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("unknown escape '\\q' in text");
	/* The caret covers the two bytes of the escape: column 4. */
	ASSERT_SAYS("scan.guide:1:4: error");
}
END_TEST

START_TEST(string_without_closing_quote)
{
	lex("\"no end\nrule");
	KINDS(STRING, RULE);
	ck_assert_str_eq(toks[0].val.STRING, "no end");
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("this text has no closing quote");
	ASSERT_SAYS("end the text with '\"' on the same line");
}
END_TEST

START_TEST(string_ending_in_backslash_at_end_of_file)
{
	lex("\"abc\\");
	KINDS(STRING);
	ck_assert_str_eq(toks[0].val.STRING, "abc");
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("no closing quote");
}
END_TEST

START_TEST(curly_quotes)
{
	lex("\xE2\x80\x9C" "Ostelo 2008" "\xE2\x80\x9D rule");
	KINDS(STRING, RULE);
	ck_assert_str_eq(toks[0].val.STRING, "Ostelo 2008");
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("curly quotes are not text quotes here");
	ASSERT_SAYS("use straight double quotes");
}
END_TEST

/* ---- bad bytes ---- */

START_TEST(unexpected_characters_are_skipped)
{
	lex("rule @ when \x01 not \xC3\xA9 and");
	KINDS(RULE, WHEN, NOT, AND);
	ASSERT_DIAGS(3, 0);
	ASSERT_SAYS("unexpected character '@'");
	ASSERT_SAYS("unexpected byte 0x01 (the file may not be text)");
	ASSERT_SAYS("unexpected character '\xC3\xA9'");
}
END_TEST

START_TEST(stray_continuation_and_high_bytes)
{
	/* A lone continuation byte and a truncated sequence, then a NUL. */
	static const char src[] = "a \x80 b \xE2\x89 c \xFF";
	lex(src);
	KINDS(IDENT, IDENT, IDENT);
	ck_assert_int_eq(T.diag.errors, 3);
	ASSERT_SAYS("unexpected byte 0x80");
}
END_TEST

START_TEST(nul_byte_in_source)
{
	/* lex() measures with strlen; the loader takes a length. */
	static const char src[] = "measure A \"x\" \0 { }";
	urc_test_parse_len("nul.guide", src, sizeof src - 1);
	ck_assert_int_eq(T.diag.errors, 1);
	ASSERT_SAYS("unexpected byte 0x00");
	ck_assert_ptr_nonnull(T.prog.measures.first);
}
END_TEST

/* ---- diagnosis codes ---- */

START_TEST(codes_after_diagnoses)
{
	lex("diagnoses M54.16 M17.1- R42 S83.2* G81.94\n  settings R42");
	KINDS(DIAGNOSES, CODE, CODE, CODE, CODE, CODE, SETTINGS, IDENT);
	ck_assert_str_eq(toks[1].val.CODE.s, "M54.16");
	ck_assert(!toks[1].val.CODE.prefix);
	ck_assert_str_eq(toks[2].val.CODE.s, "M17.1");
	ck_assert(toks[2].val.CODE.prefix);
	ck_assert_str_eq(toks[3].val.CODE.s, "R42");
	ck_assert_str_eq(toks[4].val.CODE.s, "S83.2");
	ck_assert(toks[4].val.CODE.prefix);
	ck_assert_str_eq(toks[5].val.CODE.s, "G81.94");
	/* After the list, R42 is a name again. */
	ck_assert_str_eq(toks[7].val.IDENT, "R42");
	/* The prefix's span includes its '-'. */
	ck_assert_uint_eq(toks[2].loc.end - toks[2].loc.start, 6);
	ASSERT_DIAGS(0, 0);
}
END_TEST

START_TEST(codes_end_at_brace_and_comment)
{
	lex("diagnoses M54.16 # the usual\n M54.17}");
	KINDS(DIAGNOSES, CODE, CODE, '}');
	ck_assert_str_eq(toks[2].val.CODE.s, "M54.17");
}
END_TEST

START_TEST(code_in_lowercase)
{
	lex("diagnoses m54.16 m17");
	KINDS(DIAGNOSES, CODE, CODE);
	ck_assert_str_eq(toks[1].val.CODE.s, "M54.16");
	ck_assert_str_eq(toks[2].val.CODE.s, "M17");
	ASSERT_DIAGS(2, 0);
	ASSERT_SAYS("diagnosis codes are written in capitals");
	ASSERT_SAYS("help: write 'M54.16'");
}
END_TEST

START_TEST(code_without_dot)
{
	lex("diagnoses M5416");
	KINDS(DIAGNOSES, CODE);
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("'M5416' is not a diagnosis code: ICD-10-CM codes have a dot after the third character");
	ASSERT_SAYS("help: write it as 'M54.16'");
}
END_TEST

START_TEST(code_with_misplaced_or_long_tail)
{
	lex("diagnoses M54.12345");
	KINDS(DIAGNOSES, CODE);
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("'M54.12345' is not a diagnosis code");

	lex("diagnoses M54.1.2");
	KINDS(DIAGNOSES, CODE);
	ASSERT_DIAGS(1, 0);
	ASSERT_SAYS("'M54.1.2' is not a diagnosis code");
}
END_TEST

Suite *scanner_suite(void)
{
	Suite *s = suite_create("scanner");
	TCase *tc = tcase_create("names");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, keywords_are_reserved_and_lowercase);
	tcase_add_test(tc, names_may_start_with_digits);
	tcase_add_test(tc, comments_and_blank_space_are_skipped);
	tcase_add_test(tc, token_locations_are_byte_offsets);
	suite_add_tcase(s, tc);

	tc = tcase_create("units");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, every_unit_spelling);
	tcase_add_test(tc, request_singular_is_a_keyword);
	tcase_add_test(tc, percent_sign_after_number);
	suite_add_tcase(s, tc);

	tc = tcase_create("numbers");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, numbers_integer_decimal_negative);
	tcase_add_test(tc, number_ending_with_dot);
	tcase_add_test(tc, number_glued_to_unit);
	tcase_add_test(tc, number_too_large_or_too_long);
	tcase_add_test(tc, comparisons_ascii_and_unicode);
	suite_add_tcase(s, tc);

	tc = tcase_create("dates");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, dates_valid);
	tcase_add_loop_test(tc, dates_invalid, 0, (int)(sizeof bad_dates / sizeof bad_dates[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("strings");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, string_escapes);
	tcase_add_test(tc, string_unknown_escape);
	tcase_add_test(tc, string_without_closing_quote);
	tcase_add_test(tc, string_ending_in_backslash_at_end_of_file);
	tcase_add_test(tc, curly_quotes);
	suite_add_tcase(s, tc);

	tc = tcase_create("bad bytes");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, unexpected_characters_are_skipped);
	tcase_add_test(tc, stray_continuation_and_high_bytes);
	tcase_add_test(tc, nul_byte_in_source);
	suite_add_tcase(s, tc);

	tc = tcase_create("codes");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, codes_after_diagnoses);
	tcase_add_test(tc, codes_end_at_brace_and_comment);
	tcase_add_test(tc, code_in_lowercase);
	tcase_add_test(tc, code_without_dot);
	tcase_add_test(tc, code_with_misplaced_or_long_tail);
	suite_add_tcase(s, tc);
	return s;
}
