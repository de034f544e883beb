/* check_case_read.c — the case reader (runtime/case_read.c) and dates
 * (runtime/date.c): every field's good and bad forms, the three input forms
 * (one case, a YAML stream, JSON Lines), batches that go on past a bad
 * case, exact error text naming case and field, and inputs no reader
 * should choke on. Inputs are in memory through fmemopen. */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "suites.h"

/* ---- the input under test, opened per test and closed by the fixture ---- */

static FILE *in_file;             /* the text being read */
static char *in_copy;             /* the bytes in_file reads */
static urc_case_reader *in_reader;
static urc_case c;                /* the last case read */
static urc_case_error e;          /* the last error */

static void close_input(void)
{
	urc_case_reader_close(in_reader);
	in_reader = NULL;
	if (in_file != NULL)
		ck_assert_int_eq(fclose(in_file), 0);
	in_file = NULL;
	free(in_copy);
	in_copy = NULL;
}

/* Opens a reader over the n bytes at s (which may hold NUL bytes). */
static void open_len(const char *s, size_t n)
{
	close_input();
	in_copy = malloc(n + 1);
	ck_assert_ptr_nonnull(in_copy);
	memcpy(in_copy, s, n);
	in_file = n > 0 ? fmemopen(in_copy, n, "r") : fopen("/dev/null", "r");
	ck_assert_ptr_nonnull(in_file);
	in_reader = urc_case_reader_open(in_file, "test.yaml");
	ck_assert_ptr_nonnull(in_reader);
}

static void open_text(const char *s)
{
	open_len(s, strlen(s));
}

/* Reads the next case into c / e. */
static int next(void)
{
	return urc_case_read(in_reader, &c, &e);
}

/* Asserts the next read gives a case with this id. */
static void expect_case(const char *id)
{
	int k = next();
	ck_assert_msg(k == 1, "expected case %s, got %d: %s: %s (line %ld)", id, k, e.field,
	              e.message, e.line);
	ck_assert_str_eq(c.id, id);
}

/* Asserts the next read fails naming case id, field, and a message
 * that contains message. */
static void expect_error(const char *id, const char *field, const char *message)
{
	int k = next();
	ck_assert_msg(k == -1, "expected an error '%s', got %d (case %s)", message, k, c.id);
	ck_assert_msg(strcmp(e.case_id, id) == 0 && strcmp(e.field, field) == 0 &&
	                  strstr(e.message, message) != NULL,
	              "expected [%s] %s: ...%s...\n     got [%s] %s: %s", id, field, message, e.case_id,
	              e.field, e.message);
}

static void expect_end(void)
{
	int k = next();
	ck_assert_msg(k == 0, "expected the end, got %d (%s %s: %s)", k, e.case_id, e.field, e.message);
	ck_assert_int_eq(next(), 0); /* and it stays there */
}

static void setup(void)
{
	memset(&c, 0, sizeof c);
	memset(&e, 0, sizeof e);
}

static void teardown(void)
{
	close_input();
}

/* A date from the tests' literals, which are all valid. */
static urc_date D(const char *s)
{
	urc_date d = 0;
	ck_assert_msg(urc_date_parse(s, &d) == 0, "%s should parse", s);
	return d;
}

/* ---- dates ---- */

static const struct {
	const char *text;
	urc_date days; /* days since 1970-01-01 */
} good_dates[] = {
	{ "1970-01-01", 0 },      { "1970-01-02", 1 },      { "1969-12-31", -1 },
	{ "2000-02-29", 11016 },  { "2000-03-01", 11017 },  { "2024-02-29", 19782 },
	{ "2024-03-01", 19783 },  { "2024-12-31", 20088 },  { "2025-01-01", 20089 },
	{ "2026-03-02", 20514 },  { "1900-01-01", -25567 }, { "1900-02-28", -25509 },
	{ "1900-03-01", -25508 }, { "2999-12-31", 376199 }, { "2026-01-31", 20484 },
	{ "2026-04-30", 20573 },  { "2100-02-28", 47540 },  { "2100-03-01", 47541 },
};

START_TEST(date_good)
{
	urc_date d = 12345;
	ck_assert_msg(urc_date_parse(good_dates[_i].text, &d) == 0, "%s", good_dates[_i].text);
	ck_assert_int_eq(d, good_dates[_i].days);
	char buf[11];
	ck_assert_str_eq(urc_date_format(d, buf), good_dates[_i].text);
}
END_TEST

static const char *const bad_dates[] = {
	"2025-02-29", "1900-02-29", "2100-02-29", "2023-02-29", "2026-02-30", "2026-04-31",
	"2026-06-31", "2026-09-31", "2026-11-31", "2026-01-32", "2026-00-10", "2026-13-01",
	"2026-01-00", "1899-12-31", "3000-01-01", "0000-01-01", "2026-3-2",   "2026-03-2",
	"26-03-02",   "2026/03/02", "2026-03-02 ", " 2026-03-02", "2026-03-02T10:00", "",
	"20260302",   "abcd-ef-gh", "+026-03-02", "2026--3-02", "2026-03-0x", "२०२६-03-02",
};

START_TEST(date_bad)
{
	urc_date d = 777;
	ck_assert_msg(urc_date_parse(bad_dates[_i], &d) == -1, "'%s' should not parse", bad_dates[_i]);
	ck_assert_int_eq(d, 777); /* untouched */
}
END_TEST

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Every day from 1900 to 2999 against a plain day-by-day calendar:
 * month ends and leap days included. */
START_TEST(date_every_day)
{
	static const int month_len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	urc_date d = D("1900-01-01");
	/* Plain ifs, not ck_assert: Check records every passing assertion. */
	for (int y = 1900; y <= 2999; y++)
		for (int m = 1; m <= 12; m++) {
			int len = month_len[m - 1] + (m == 2 && leap(y));
			for (int day = 1; day <= len + 1; day++) {
				char text[32], buf[11];
				snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, day);
				urc_date got = 0;
				if (day == len + 1) { /* the day after the month's end */
					if (urc_date_parse(text, &got) != -1)
						ck_abort_msg("%s should not parse", text);
					continue;
				}
				if (urc_date_parse(text, &got) != 0 || got != d)
					ck_abort_msg("%s: %d, expected %d", text, got, d);
				if (strcmp(urc_date_format(d, buf), text) != 0)
					ck_abort_msg("%d formats as %s, expected %s", d, buf, text);
				d++;
			}
		}
	ck_assert_int_eq(d, D("2999-12-31") + 1);
}
END_TEST

START_TEST(date_format_out_of_range)
{
	char buf[11];
	ck_assert_str_eq(urc_date_format(INT32_MAX, buf), "????" "-??" "-??");
	ck_assert_str_eq(urc_date_format(INT32_MIN, buf), "????" "-??" "-??");
	ck_assert_str_eq(urc_date_format(-719528, buf), "0000-01-01");
	ck_assert_str_eq(urc_date_format(2932896, buf), "9999-12-31");
	ck_assert_int_eq(urc_date_parse(NULL, &(urc_date){ 0 }), -1);
}
END_TEST

/* ---- one case, all its fields ---- */

/* The example of the design notes. */
static const char full_case[] =
	"id: C-1001\n"
	"received: 2026-03-02\n"
	"review: expedited           # or standard\n"
	"member:\n"
	"  age: 54\n"
	"  plan: medicare_advantage\n"
	"  state: TX\n"
	"request:\n"
	"  discipline: PT\n"
	"  setting: outpatient\n"
	"  diagnoses: [M54.16, M51.17]\n"
	"  sequence: 3\n"
	"  visits: 8\n"
	"  start: 2026-03-03\n"
	"history:\n"
	"  visits_used: 16\n"
	"  start_of_care: 2026-01-05\n"
	"scores:\n"
	"  - {measure: ODI, score: 42, date: 2026-01-05}\n"
	"  - measure: ODI\n"
	"    score: 28.5\n"
	"    date: 2026-02-27\n";

static void check_full_case(void)
{
	ck_assert_str_eq(c.id, "C-1001");
	ck_assert_int_eq(c.received, D("2026-03-02"));
	ck_assert_int_eq(c.review, URC_REVIEW_EXPEDITED);
	ck_assert_double_eq(c.age_months, 54 * 12);
	ck_assert_str_eq(c.plan, "medicare_advantage");
	ck_assert_str_eq(c.state, "TX");
	ck_assert_str_eq(c.discipline, "PT");
	ck_assert_str_eq(c.setting, "outpatient");
	ck_assert_int_eq(c.ndiagnoses, 2);
	ck_assert_str_eq(c.diagnoses[0], "M54.16");
	ck_assert_str_eq(c.diagnoses[1], "M51.17");
	ck_assert_int_eq(c.request_number, 3);
	ck_assert_int_eq(c.visits_requested, 8);
	ck_assert_int_eq(c.start, D("2026-03-03"));
	ck_assert_int_eq(c.visits_used, 16);
	ck_assert_int_eq(c.start_of_care, D("2026-01-05"));
	ck_assert_int_eq(c.nscores, 2);
	ck_assert_str_eq(c.scores[0].measure, "ODI");
	ck_assert_double_eq(c.scores[0].value, 42);
	ck_assert_int_eq(c.scores[0].date, D("2026-01-05"));
	ck_assert_str_eq(c.scores[1].measure, "ODI");
	ck_assert_double_eq(c.scores[1].value, 28.5);
	ck_assert_int_eq(c.scores[1].date, D("2026-02-27"));
	ck_assert_uint_eq(c.present, URC_HAS_AGE | URC_HAS_PLAN | URC_HAS_STATE | URC_HAS_VISITS_USED |
	                                 URC_HAS_START_OF_CARE | URC_HAS_START);
}

START_TEST(full_yaml_case)
{
	open_text(full_case);
	expect_case("C-1001");
	check_full_case();
	ck_assert_int_eq(c.line, 1);
	expect_end();
}
END_TEST

#define TOP "id: C-1\nreceived: 2026-03-02\n"
#define REQ(d, s, dx, q, v)                                                                 \
	"request: {discipline: " d ", setting: " s ", diagnoses: " dx ", sequence: " q          \
	", visits: " v "}\n"
#define REQ_OK REQ("PT", "outpatient", "[M54.16]", "1", "8")

/* Only the required fields: every default shows. */
START_TEST(defaults)
{
	open_text(TOP REQ_OK);
	expect_case("C-1");
	ck_assert_int_eq(c.review, URC_REVIEW_STANDARD);
	ck_assert_uint_eq(c.present, 0);
	ck_assert_double_eq(c.age_months, 0);
	ck_assert_str_eq(c.plan, "");
	ck_assert_str_eq(c.state, "");
	ck_assert_int_eq(c.start, D("2026-03-02"));         /* received */
	ck_assert_int_eq(c.start_of_care, D("2026-03-02")); /* start */
	ck_assert_int_eq(c.visits_used, 0);
	ck_assert_int_eq(c.nscores, 0);
	expect_end();
}
END_TEST

/* start_of_care defaults to start when start is given. */
START_TEST(start_of_care_defaults_to_start)
{
	open_text(TOP "request: {discipline: OT, setting: SNF, diagnoses: [R26.81], sequence: 1,"
	              " visits: 3, start: 2026-03-09}\nhistory: {visits_used: 0}\n");
	expect_case("C-1");
	ck_assert_int_eq(c.start, D("2026-03-09"));
	ck_assert_int_eq(c.start_of_care, D("2026-03-09"));
	ck_assert_uint_eq(c.present, URC_HAS_START | URC_HAS_VISITS_USED);
	ck_assert_str_eq(c.discipline, "OT");
}
END_TEST

/* Good forms of single fields, one case each. */
static const struct {
	const char *text;
	const char *what; /* which check below */
} good_fields[] = {
	{ TOP REQ("SLP", "outpatient", "[M54.16]", "1", "8"), "slp" },
	{ TOP REQ("OT", "outpatient", "[M54.16]", "1", "8"), "ot" },
	{ TOP REQ_OK "member: {age: 54.5}\n", "age54.5" },
	{ TOP REQ_OK "member: {age: 0.5}\n", "age0.5" },
	{ TOP REQ_OK "member: {age_months: 7}\n", "months7" },
	{ TOP REQ_OK "member: {age: 5.4e1}\n", "age54" },
	{ TOP REQ_OK "member: {state: NO}\n", "stateNO" },
	{ TOP REQ_OK "member: {plan: ~, state: null}\n", "nulls" },
	{ TOP REQ_OK "member:\nhistory:\nscores:\n", "empty sections" },
	{ TOP REQ("PT", "outpatient", "[A00, Z99.89, S72.001A, U07.1, M1A.0710]", "1", "8"), "codes" },
	{ TOP REQ("PT", "home health", "[M54.16]", "1000000", "1"), "big" },
	{ TOP REQ("PT", "'outpatient'", "['M54.16']", "+2", "8"), "quoted strings" },
	{ "id: 1001\nreceived: '2026-03-02'\n" REQ_OK, "numeric id" },
	{ "id: \"Ünïcode-é\"\nreceived: \"2026-03-02\"\n" REQ_OK, "unicode id" },
	{ TOP REQ_OK "review: standard\n", "standard" },
	{ TOP REQ_OK "scores: []\n", "no scores" },
	{ TOP REQ_OK "scores: [{measure: GROC, score: -3, date: 2026-01-05}]\n", "negative score" },
};

START_TEST(field_good)
{
	const char *what = good_fields[_i].what;
	open_text(good_fields[_i].text);
	int k = next();
	ck_assert_msg(k == 1, "%s: %d %s: %s", what, k, e.field, e.message);
	if (!strcmp(what, "slp"))
		ck_assert_str_eq(c.discipline, "SLP");
	else if (!strcmp(what, "ot"))
		ck_assert_str_eq(c.discipline, "OT");
	else if (!strcmp(what, "age54.5"))
		ck_assert_double_eq(c.age_months, 654);
	else if (!strcmp(what, "age0.5"))
		ck_assert_double_eq(c.age_months, 6);
	else if (!strcmp(what, "months7"))
		ck_assert_double_eq(c.age_months, 7);
	else if (!strcmp(what, "age54"))
		ck_assert_double_eq(c.age_months, 648);
	else if (!strcmp(what, "stateNO"))
		ck_assert_str_eq(c.state, "NO");
	else if (!strcmp(what, "nulls") || !strcmp(what, "empty sections"))
		ck_assert_uint_eq(c.present, 0);
	else if (!strcmp(what, "codes")) {
		ck_assert_int_eq(c.ndiagnoses, 5);
		ck_assert_str_eq(c.diagnoses[2], "S72.001A");
		ck_assert_str_eq(c.diagnoses[4], "M1A.0710");
	} else if (!strcmp(what, "big")) {
		ck_assert_int_eq(c.request_number, 1000000);
		ck_assert_str_eq(c.setting, "home health");
	} else if (!strcmp(what, "quoted strings")) {
		ck_assert_str_eq(c.setting, "outpatient");
		ck_assert_str_eq(c.diagnoses[0], "M54.16");
		ck_assert_int_eq(c.request_number, 2);
	} else if (!strcmp(what, "numeric id"))
		ck_assert_str_eq(c.id, "1001");
	else if (!strcmp(what, "unicode id"))
		ck_assert_str_eq(c.id, "Ünïcode-é");
	else if (!strcmp(what, "standard"))
		ck_assert_int_eq(c.review, URC_REVIEW_STANDARD);
	else if (!strcmp(what, "no scores"))
		ck_assert_int_eq(c.nscores, 0);
	else if (!strcmp(what, "negative score"))
		ck_assert_double_eq(c.scores[0].value, -3);
	expect_end();
}
END_TEST

/* 16 diagnoses and 32 scores are the most a case may hold. */
START_TEST(field_limits)
{
	char text[8192];
	int n = snprintf(text, sizeof text, TOP "request: {discipline: PT, setting: x, sequence: 1, "
	                                        "visits: 1, diagnoses: [");
	for (int i = 0; i < URC_CASE_MAX_DIAGNOSES; i++)
		n += snprintf(text + n, sizeof text - (size_t)n, "%sM54.%d", i ? ", " : "", 10 + i);
	n += snprintf(text + n, sizeof text - (size_t)n, "]}\nscores:\n");
	for (int i = 0; i < URC_CASE_MAX_SCORES; i++)
		n += snprintf(text + n, sizeof text - (size_t)n,
		              "  - {measure: M%d, score: %d, date: 2026-01-%02d}\n", i, i, i % 28 + 1);
	ck_assert_int_lt(n, (int)sizeof text);
	open_text(text);
	expect_case("C-1");
	ck_assert_int_eq(c.ndiagnoses, URC_CASE_MAX_DIAGNOSES);
	ck_assert_str_eq(c.diagnoses[15], "M54.25");
	ck_assert_int_eq(c.nscores, URC_CASE_MAX_SCORES);
	ck_assert_str_eq(c.scores[31].measure, "M31");
	ck_assert_int_eq(c.scores[31].date, D("2026-01-04"));
	/* and one more of each is an error */
	text[0] = '\0';
	n = snprintf(text, sizeof text, TOP "request: {discipline: PT, setting: x, sequence: 1, "
	                                    "visits: 1, diagnoses: [");
	for (int i = 0; i <= URC_CASE_MAX_DIAGNOSES; i++)
		n += snprintf(text + n, sizeof text - (size_t)n, "%sM54.%d", i ? ", " : "", 10 + i);
	snprintf(text + n, sizeof text - (size_t)n, "]}\n");
	open_text(text);
	expect_error("C-1", "request.diagnoses", "too many diagnoses (at most 16)");
	expect_end();
	n = snprintf(text, sizeof text, TOP REQ_OK "scores:\n");
	for (int i = 0; i <= URC_CASE_MAX_SCORES; i++)
		n += snprintf(text + n, sizeof text - (size_t)n,
		              "  - {measure: M, score: 1, date: 2026-01-01}\n");
	open_text(text);
	expect_error("C-1", "scores", "too many scores (at most 32)");
	expect_end();
}
END_TEST

/* Longest strings that fit, and one byte more. */
START_TEST(field_lengths)
{
	char text[1024];
	char id[URC_CASE_ID_MAX + 1], name[URC_CASE_NAME_MAX + 1];
	memset(id, 'i', URC_CASE_ID_MAX - 1);
	id[URC_CASE_ID_MAX - 1] = '\0';
	memset(name, 'n', URC_CASE_NAME_MAX - 1);
	name[URC_CASE_NAME_MAX - 1] = '\0';
	snprintf(text, sizeof text,
	         "id: %s\nreceived: 2026-03-02\n"
	         "request: {discipline: PT, setting: %s, diagnoses: [M54.16], sequence: 1, visits: 8}\n"
	         "member: {plan: %s}\nscores: [{measure: %s, score: 1, date: 2026-01-01}]\n",
	         id, name, name, name);
	open_text(text);
	expect_case(id);
	ck_assert_str_eq(c.setting, name);
	ck_assert_str_eq(c.plan, name);
	ck_assert_str_eq(c.scores[0].measure, name);
	expect_end();

	strcat(id, "i");
	snprintf(text, sizeof text, "id: %s\nreceived: 2026-03-02\n" REQ_OK, id);
	open_text(text);
	expect_error("", "id", "is too long (at most 63 bytes)");
	strcat(name, "n");
	snprintf(text, sizeof text, TOP REQ("PT", "%s", "[M54.16]", "1", "8"), name);
	open_text(text);
	expect_error("C-1", "request.setting", "is too long (at most 31 bytes)");
	snprintf(text, sizeof text, TOP REQ_OK "member: {plan: %s}\n", name);
	open_text(text);
	expect_error("C-1", "member.plan", "is too long (at most 31 bytes)");
	snprintf(text, sizeof text, TOP REQ_OK "scores: [{measure: %s, score: 1, date: 2026-01-01}]\n",
	         name);
	open_text(text);
	expect_error("C-1", "scores[0].measure", "is too long (at most 31 bytes)");
}
END_TEST

/* Bad forms: each case fails with this case id, field and message. */
static const struct {
	const char *text;
	const char *id;
	const char *field;
	const char *message;
} bad_fields[] = {
	/* request.visits and request.sequence */
	{ TOP REQ("PT", "outpatient", "[M54.16]", "1", "eight"), "C-1", "request.visits",
	  "'eight' is not a whole number" },
	{ TOP REQ("PT", "outpatient", "[M54.16]", "1", "-3"), "C-1", "request.visits",
	  "visits must be at least 1 (got -3)" },
	{ TOP REQ("PT", "outpatient", "[M54.16]", "1", "0"), "C-1", "request.visits",
	  "visits must be at least 1 (got 0)" },
	{ TOP REQ("PT", "outpatient", "[M54.16]", "1", "8.5"), "C-1", "request.visits",
	  "'8.5' is not a whole number" },
	{ TOP REQ("PT", "outpatient", "[M54.16]", "1", "'8'"), "C-1", "request.visits",
	  "'8' is in quotes; write the number without them" },
	{ TOP REQ("PT", "outpatient", "[M54.16]", "1", "99999999999"), "C-1", "request.visits",
	  "'99999999999' is too large (at most 1000000)" },
	{ TOP REQ("PT", "outpatient", "[M54.16]", "1", "010"), "C-1", "request.visits",
	  "'010' is not a whole number" },
	{ TOP REQ("PT", "outpatient", "[M54.16]", "1", "0x10"), "C-1", "request.visits",
	  "'0x10' is not a whole number" },
	{ TOP REQ("PT", "outpatient", "[M54.16]", "1", "[8]"), "C-1", "request.visits",
	  "expected a whole number, not a list" },
	{ TOP REQ("PT", "outpatient", "[M54.16]", "1", "''"), "C-1", "request.visits",
	  "'' is not a whole number" },
	{ TOP REQ("PT", "outpatient", "[M54.16]", "0", "8"), "C-1", "request.sequence",
	  "sequence must be at least 1 (got 0)" },
	{ TOP REQ("PT", "outpatient", "[M54.16]", "-1", "8"), "C-1", "request.sequence",
	  "sequence must be at least 1 (got -1)" },
	{ TOP REQ("PT", "outpatient", "[M54.16]", "first", "8"), "C-1", "request.sequence",
	  "'first' is not a whole number" },
	/* request.discipline and setting */
	{ TOP REQ("pt", "outpatient", "[M54.16]", "1", "8"), "C-1", "request.discipline",
	  "discipline must be PT, OT or SLP, not 'pt'" },
	{ TOP REQ("Speech", "outpatient", "[M54.16]", "1", "8"), "C-1", "request.discipline",
	  "discipline must be PT, OT or SLP" },
	{ TOP REQ("{a: 1}", "outpatient", "[M54.16]", "1", "8"), "C-1", "request.discipline",
	  "expected PT, OT or SLP, not a mapping" },
	{ TOP REQ("PT", "''", "[M54.16]", "1", "8"), "C-1", "request.setting",
	  "setting must not be empty" },
	{ TOP REQ("PT", "\"out\\tpatient\"", "[M54.16]", "1", "8"), "C-1", "request.setting",
	  "'out\\x09patient' holds a control character" },
	/* request.diagnoses */
	{ TOP REQ("PT", "outpatient", "[]", "1", "8"), "C-1", "request.diagnoses",
	  "a case needs at least one diagnosis" },
	{ TOP REQ("PT", "outpatient", "M54.16", "1", "8"), "C-1", "request.diagnoses",
	  "expected a list of ICD-10-CM codes, e.g. [M54.16], not a single value" },
	{ TOP REQ("PT", "outpatient", "[m54.16]", "1", "8"), "C-1", "request.diagnoses[0]",
	  "'m54.16' is not an ICD-10-CM code" },
	{ TOP REQ("PT", "outpatient", "[M54.16, M5416]", "1", "8"), "C-1", "request.diagnoses[1]",
	  "'M5416' is not an ICD-10-CM code" },
	{ TOP REQ("PT", "outpatient", "[M54.16789]", "1", "8"), "C-1", "request.diagnoses[0]",
	  "'M54.16789' is not an ICD-10-CM code" },
	{ TOP REQ("PT", "outpatient", "[M54.]", "1", "8"), "C-1", "request.diagnoses[0]",
	  "is not an ICD-10-CM code" },
	{ TOP REQ("PT", "outpatient", "[5M4]", "1", "8"), "C-1", "request.diagnoses[0]",
	  "is not an ICD-10-CM code" },
	{ TOP REQ("PT", "outpatient", "[MM4]", "1", "8"), "C-1", "request.diagnoses[0]",
	  "is not an ICD-10-CM code" },
	{ TOP REQ("PT", "outpatient", "[M54-16]", "1", "8"), "C-1", "request.diagnoses[0]",
	  "is not an ICD-10-CM code" },
	{ TOP REQ("PT", "outpatient", "[M5]", "1", "8"), "C-1", "request.diagnoses[0]",
	  "is not an ICD-10-CM code" },
	{ TOP REQ("PT", "outpatient", "[M54.16, {a: 1}]", "1", "8"), "C-1", "request.diagnoses[1]",
	  "expected an ICD-10-CM code, not a mapping" },
	{ TOP REQ("PT", "outpatient", "[~]", "1", "8"), "C-1", "request.diagnoses[0]",
	  "expected an ICD-10-CM code, not null" },
	/* received, request.start, history */
	{ "id: C-1\nreceived: 2026-02-30\n" REQ_OK, "C-1", "received",
	  "2026-02-30 is not a date (YYYY-MM-DD)" },
	{ "id: C-1\nreceived: 2025-02-29\n" REQ_OK, "C-1", "received",
	  "2025-02-29 is not a date (YYYY-MM-DD)" },
	{ "id: C-1\nreceived: 1900-02-29\n" REQ_OK, "C-1", "received",
	  "1900-02-29 is not a date (YYYY-MM-DD)" },
	{ "id: C-1\nreceived: 2026-3-2\n" REQ_OK, "C-1", "received",
	  "'2026-3-2' is not a date (YYYY-MM-DD)" },
	{ "id: C-1\nreceived: 1850-01-01\n" REQ_OK, "C-1", "received",
	  "1850-01-01 is out of range (years 1900 to 2999)" },
	{ "id: C-1\nreceived: 2026-03-02T09:00:00Z\n" REQ_OK, "C-1", "received",
	  "'2026-03-02T09:00:00Z' is not a date (YYYY-MM-DD)" },
	{ "id: C-1\nreceived: yesterday\n" REQ_OK, "C-1", "received", "'yesterday' is not a date" },
	{ "id: C-1\nreceived: [2026-03-02]\n" REQ_OK, "C-1", "received",
	  "expected a date (YYYY-MM-DD), not a list" },
	{ TOP "request: {discipline: PT, setting: x, diagnoses: [A00], sequence: 1, visits: 1, "
	      "start: 2026-04-31}\n",
	  "C-1", "request.start", "2026-04-31 is not a date (YYYY-MM-DD)" },
	{ TOP REQ_OK "history: {visits_used: -1}\n", "C-1", "history.visits_used",
	  "visits_used must not be negative (got -1)" },
	{ TOP REQ_OK "history: {visits_used: lots}\n", "C-1", "history.visits_used",
	  "'lots' is not a whole number" },
	{ TOP REQ_OK "history: {start_of_care: 2023-02-29}\n", "C-1", "history.start_of_care",
	  "2023-02-29 is not a date (YYYY-MM-DD)" },
	{ TOP REQ_OK "history: [16]\n", "C-1", "history",
	  "expected a mapping (visits_used, start_of_care), not a list" },
	/* review */
	{ TOP REQ_OK "review: urgent\n", "C-1", "review",
	  "review must be standard or expedited, not 'urgent'" },
	{ TOP REQ_OK "review: Expedited\n", "C-1", "review", "review must be standard or expedited" },
	/* member */
	{ TOP REQ_OK "member: {age: -3}\n", "C-1", "member.age", "age must not be negative" },
	{ TOP REQ_OK "member: {age: old}\n", "C-1", "member.age", "'old' is not a number" },
	{ TOP REQ_OK "member: {age: '54'}\n", "C-1", "member.age", "'54' is in quotes" },
	{ TOP REQ_OK "member: {age: .inf}\n", "C-1", "member.age", "'.inf' is not a number" },
	{ TOP REQ_OK "member: {age: 1e999}\n", "C-1", "member.age", "'1e999' is too large" },
	{ TOP REQ_OK "member: {age: 200}\n", "C-1", "member.age",
	  "age 200 is not plausible (at most 150 years)" },
	{ TOP REQ_OK "member: {age_months: -1}\n", "C-1", "member.age_months",
	  "age_months must not be negative" },
	{ TOP REQ_OK "member: {age: 54, age_months: 7}\n", "C-1", "member.age_months",
	  "give age or age_months, not both" },
	{ TOP REQ_OK "member: {state: Texas}\n", "C-1", "member.state",
	  "state must be two capital letters (e.g. TX), not 'Texas'" },
	{ TOP REQ_OK "member: {state: tx}\n", "C-1", "member.state", "two capital letters" },
	{ TOP REQ_OK "member: {state: T1}\n", "C-1", "member.state", "two capital letters" },
	{ TOP REQ_OK "member: {plan: ''}\n", "C-1", "member.plan", "plan must not be empty" },
	{ TOP REQ_OK "member: 54\n", "C-1", "member",
	  "expected a mapping (age, plan, state), not '54'" },
	/* scores */
	{ TOP REQ_OK "scores: {measure: ODI}\n", "C-1", "scores",
	  "expected a list of scores ({measure: ODI, score: 42, date: 2026-01-05}), not a mapping" },
	{ TOP REQ_OK "scores:\n  - {measure: ODI, score: 42, date: 2026-01-05}\n"
	             "  - {measure: ODI, score: 40, date: 2026-01-19}\n"
	             "  - {measure: ODI, score: 30, date: 2026-02-30}\n",
	  "C-1", "scores[2].date", "2026-02-30 is not a date (YYYY-MM-DD)" },
	{ TOP REQ_OK "scores: [{measure: ODI, score: forty, date: 2026-01-05}]\n", "C-1",
	  "scores[0].score", "'forty' is not a number" },
	{ TOP REQ_OK "scores: [{score: 42, date: 2026-01-05}]\n", "C-1", "scores[0].measure",
	  "missing: a score needs measure" },
	{ TOP REQ_OK "scores: [{measure: ODI, date: 2026-01-05}]\n", "C-1", "scores[0].score",
	  "missing: a score needs score" },
	{ TOP REQ_OK "scores: [{measure: ODI, score: 4}]\n", "C-1", "scores[0].date",
	  "missing: a score needs date" },
	{ TOP REQ_OK "scores: [{measure: ODI, scor: 4, date: 2026-01-05}]\n", "C-1",
	  "scores[0].scor", "unknown field 'scor' in a score (did you mean 'score'?)" },
	{ TOP REQ_OK "scores: [ODI]\n", "C-1", "scores[0]",
	  "expected a score ({measure, score, date}), not 'ODI'" },
	{ TOP REQ_OK "scores: [~]\n", "C-1", "scores[0]", "expected a score" },
	/* unknown and repeated fields */
	{ TOP "request: {discipline: PT, setting: x, diagnoses: [A00], sequence: 1, vists: 8}\n",
	  "C-1", "request.vists", "unknown field 'vists' in request (did you mean 'visits'?)" },
	{ TOP REQ_OK "recieved: 2026-03-02\n", "C-1", "recieved",
	  "unknown field 'recieved' in the case (did you mean 'received'?)" },
	{ TOP REQ_OK "visits: 8\n", "C-1", "visits",
	  "unknown field 'visits' in the case (did you mean request.visits?)" },
	{ TOP REQ_OK "notes: call the clinic\n", "C-1", "notes", "unknown field 'notes' in the case" },
	{ TOP REQ_OK "member: {Age: 5}\n", "C-1", "member.Age",
	  "unknown field 'Age' in member (did you mean 'age'?)" },
	{ TOP REQ_OK "history: {used: 5}\n", "C-1", "history.used", "unknown field 'used' in history" },
	{ TOP REQ_OK "id: C-2\n", "C-1", "id",
	  "duplicate field 'id' in the case (first given at line 1)" },
	{ TOP "request:\n  discipline: PT\n  setting: x\n  diagnoses: [A00]\n  sequence: 1\n"
	      "  visits: 8\n  visits: 9\n",
	  "C-1", "request.visits", "duplicate field 'visits' in request (first given at line 8)" },
	{ TOP REQ_OK "? [a, b]\n: 1\n", "C-1", "", "a field name must be a word, not a list" },
	/* missing fields, reported in this order */
	{ "received: 2026-03-02\n" REQ_OK, "", "id", "missing: a case needs id" },
	{ "id: ~\nreceived: 2026-03-02\n" REQ_OK, "", "id", "missing: a case needs id" },
	{ "id: C-1\n" REQ_OK, "C-1", "received", "missing: a case needs received" },
	{ TOP, "C-1", "request.discipline", "missing: a case needs request.discipline" },
	{ TOP "request:\n", "C-1", "request.discipline", "missing: a case needs request.discipline" },
	{ TOP "request: {discipline: PT}\n", "C-1", "request.setting",
	  "missing: a case needs request.setting" },
	{ TOP "request: {discipline: PT, setting: x}\n", "C-1", "request.diagnoses",
	  "missing: a case needs request.diagnoses" },
	{ TOP "request: {discipline: PT, setting: x, diagnoses: [A00]}\n", "C-1", "request.sequence",
	  "missing: a case needs request.sequence" },
	{ TOP "request: {discipline: PT, setting: x, diagnoses: [A00], sequence: 2}\n", "C-1",
	  "request.visits", "missing: a case needs request.visits" },
	{ TOP "request: {discipline: PT, setting: x, diagnoses: [A00], sequence: 2, visits: ~}\n",
	  "C-1", "request.visits", "missing: a case needs request.visits" },
	/* what a case never holds */
	{ "id: &x C-1\nreceived: 2026-03-02\n" REQ_OK "member: {plan: *x}\n", "C-1", "member.plan",
	  "aliases (*x) are not allowed in a case" },
	{ "id: !!str C-1\nreceived: 2026-03-02\n" REQ_OK, "", "id",
	  "tags (tag:yaml.org,2002:str) are not allowed" },
	{ TOP REQ_OK "member: !plan {plan: x}\n", "C-1", "member", "tags (!plan) are not allowed" },
	{ "- id: C-1\n", "", "", "a case must be a mapping of fields" },
	{ "C-1\n", "", "",
	  "a case must be a mapping of fields (id: ..., received: ..., request: ...), not a single value" },
	{ "id: \"C\\u0001\"\n" , "", "id", "'C\\x01' holds a control character" },
	{ "id: \"C\\u0085X\"\n" , "", "id", "'C\\u{0085}X' holds a control character" },
	{ "id: \"\\0\"\n" , "", "id", "'\\x00' holds a control character" },
};

START_TEST(field_bad)
{
	open_text(bad_fields[_i].text);
	expect_error(bad_fields[_i].id, bad_fields[_i].field, bad_fields[_i].message);
	expect_end();
}
END_TEST

/* The id is named even when it comes after the problem, and the problem
 * reported is the first of the case. */
START_TEST(first_problem_and_late_id)
{
	open_text("received: 2026-02-30\n"
	          "request: {discipline: XX, setting: x, diagnoses: [A00], sequence: 0, visits: 1}\n"
	          "id: C-77\n");
	expect_error("C-77", "received", "2026-02-30 is not a date");
	ck_assert_int_eq(e.line, 1);
	expect_end();

	open_text("{\"request\": {\"vists\": 3}, \"received\": \"2026-03-02\", \"id\": \"J-9\"}\n");
	expect_error("J-9", "request.vists", "did you mean 'visits'?");
	expect_end();
}
END_TEST

/* Error lines point at the bad value; missing fields at their mapping. */
START_TEST(error_lines)
{
	open_text("# a comment\n"
	          "id: C-1\n"
	          "received: 2026-03-02\n"
	          "request:\n"
	          "  discipline: PT\n"
	          "  setting: x\n"
	          "  diagnoses:\n"
	          "    - A00\n"
	          "    - a00\n");
	expect_error("C-1", "request.diagnoses[1]", "'a00' is not an ICD-10-CM code");
	ck_assert_int_eq(e.line, 9);
	open_text("\n\nid: C-1\nreceived: 2026-03-02\nrequest:\n  discipline: PT\n");
	expect_error("C-1", "request.setting", "missing: a case needs request.setting");
	ck_assert_int_eq(e.line, 6); /* the request mapping's first line */
	open_text("\n\nid: C-1\nreceived: 2026-03-02\n");
	expect_error("C-1", "request.discipline", "missing");
	ck_assert_int_eq(e.line, 3); /* the case's first line */
}
END_TEST

/* ---- input forms ---- */

START_TEST(form_json)
{
	open_text("{\n"
	          "  \"id\": \"C-1001\", \"received\": \"2026-03-02\", \"review\": \"expedited\",\n"
	          "  \"member\": {\"age\": 54, \"plan\": \"medicare_advantage\", \"state\": \"TX\"},\n"
	          "  \"request\": {\"discipline\": \"PT\", \"setting\": \"outpatient\",\n"
	          "              \"diagnoses\": [\"M54.16\", \"M51.17\"], \"sequence\": 3,\n"
	          "              \"visits\": 8, \"start\": \"2026-03-03\"},\n"
	          "  \"history\": {\"visits_used\": 16, \"start_of_care\": \"2026-01-05\"},\n"
	          "  \"scores\": [{\"measure\": \"ODI\", \"score\": 42, \"date\": \"2026-01-05\"},\n"
	          "             {\"measure\": \"ODI\", \"score\": 28.5, \"date\": \"2026-02-27\"}]\n"
	          "}\n");
	expect_case("C-1001");
	check_full_case();
	ck_assert_int_eq(c.line, 1);
	expect_end();
}
END_TEST

/* JSON without blanks after the colons, as serializers write it. */
#define JL(id, visits)                                                                      \
	"{\"id\":\"" id "\",\"received\":\"2026-03-02\",\"request\":{\"discipline\":\"PT\","  \
	"\"setting\":\"outpatient\",\"diagnoses\":[\"M54.16\"],\"sequence\":1,\"visits\":" visits \
	"}}"

START_TEST(form_json_lines)
{
	open_text("\n" JL("A", "1") "\n\n  \n" JL("B", "2") "\r\n" JL("C", "3"));
	expect_case("A");
	ck_assert_int_eq(c.line, 2);
	ck_assert_int_eq(c.visits_requested, 1);
	expect_case("B");
	ck_assert_int_eq(c.line, 5);
	ck_assert_int_eq(c.visits_requested, 2);
	expect_case("C");
	ck_assert_int_eq(c.line, 6);
	expect_end();
}
END_TEST

/* A YAML flow mapping per line is JSON Lines too. */
START_TEST(form_json_lines_flow)
{
	open_text("{id: A, received: 2026-03-02, request: {discipline: OT, setting: home, "
	          "diagnoses: [R26.81], sequence: 1, visits: 6}}\n"
	          "{id: B, received: 2026-03-02, request: {discipline: SLP, setting: home, "
	          "diagnoses: [R13.10], sequence: 2, visits: 4}}\n");
	expect_case("A");
	ck_assert_str_eq(c.discipline, "OT");
	expect_case("B");
	ck_assert_str_eq(c.discipline, "SLP");
	ck_assert_int_eq(c.line, 2);
	expect_end();
}
END_TEST

START_TEST(form_yaml_stream)
{
	open_text("%YAML 1.1\n"
	          "---\n" TOP REQ_OK
	          "---\n"
	          "# the second\n"
	          "id: C-2\nreceived: 2026-03-02\n" REQ_OK
	          "...\n"
	          "# the third, after an explicit end\n"
	          "--- \n"
	          "id: C-3\nreceived: 2026-03-02\n" REQ_OK
	          "---\n"
	          "---\n" /* an empty document holds no case */
	          "{id: C-4, received: 2026-03-02, request: {discipline: PT, setting: x, "
	          "diagnoses: [A00], sequence: 1, visits: 2}}\n"
	          "---\n");
	expect_case("C-1");
	ck_assert_int_eq(c.line, 3);
	expect_case("C-2");
	ck_assert_int_eq(c.line, 8);
	expect_case("C-3");
	ck_assert_int_eq(c.line, 14);
	expect_case("C-4");
	ck_assert_int_eq(c.line, 19);
	expect_end();
}
END_TEST

/* Windows line breaks and a byte order mark. */
START_TEST(form_crlf_bom)
{
	open_text("\xEF\xBB\xBFid: C-1\r\nreceived: 2026-03-02\r\nrequest:\r\n  discipline: PT\r\n"
	          "  setting: x\r\n  diagnoses: [A00]\r\n  sequence: 1\r\n  visits: 8\r\n"
	          "---\r\nid: C-2\r\nreceived: 2026-03-0x\r\n");
	expect_case("C-1");
	ck_assert_str_eq(c.setting, "x");
	expect_error("C-2", "received", "'2026-03-0x' is not a date");
	ck_assert_int_eq(e.line, 11);
	expect_end();
	open_text("\xEF\xBB\xBF" JL("A", "1") "\r\n" JL("B", "2") "\r\n");
	expect_case("A");
	expect_case("B");
	ck_assert_int_eq(c.line, 2);
	expect_end();
}
END_TEST

/* Pretty-printed JSON starts with a '{' line that is not a whole object:
 * it is one YAML document, not JSON Lines. */
START_TEST(form_pretty_json_not_lines)
{
	open_text("{\n\"id\": \"P\", \"received\": \"2026-03-02\",\n\"request\": {\"discipline\": "
	          "\"PT\", \"setting\": \"x\", \"diagnoses\": [\"A00\"], \"sequence\": 1, "
	          "\"visits\": 2}\n}\n");
	expect_case("P");
	expect_end();
}
END_TEST

/* ---- batches ---- */

START_TEST(batch_yaml_bad_middle)
{
	open_text(TOP REQ_OK
	          "---\n"
	          "id: C-2\nreceived: 2026-03-02\n" REQ("PT", "x", "[A00]", "1", "eight")
	          "---\n"
	          "id: C-3\nreceived: 2026-03-02\n" REQ_OK);
	expect_case("C-1");
	expect_error("C-2", "request.visits", "'eight' is not a whole number");
	ck_assert_int_eq(e.line, 7);
	expect_case("C-3");
	ck_assert_int_eq(c.line, 9);
	expect_end();
}
END_TEST

/* A syntax error costs only its own document. */
START_TEST(batch_yaml_syntax_error)
{
	open_text(TOP REQ_OK
	          "---\n"
	          "id: C-2\n"
	          "received: 2026-03-02\n"
	          "request: {discipline: PT, setting: x\n"
	          "member: {age: 5}\n"
	          "---\n"
	          "id: C-3\n"
	          "  received: 2026-03-02\n"
	          "---\n"
	          "id: 'C-4\n"
	          "---\n"
	          "id: C-5\nreceived: 2026-03-02\n" REQ_OK);
	expect_case("C-1");
	expect_error("C-2", "", "not valid YAML: did not find expected ',' or '}'");
	ck_assert_int_eq(e.line, 8); /* where libyaml noticed */
	/* libyaml read "C-3 received" as the id before failing: not trusted */
	expect_error("", "", "not valid YAML: mapping values are not allowed in this context");
	ck_assert_int_eq(e.line, 11);
	expect_error("", "", "not valid YAML: found unexpected end of stream at the end of the case");
	ck_assert_int_eq(e.line, 13); /* the case's last line */
	expect_case("C-5");
	ck_assert_int_eq(c.line, 15);
	expect_end();
	/* libyaml counts characters, not bytes: the end is still the end */
	open_text("id: C-1\nreceived: 2026-03-02\nmember: {plan: \"ééééé\n");
	expect_error("C-1", "", "found unexpected end of stream at the end of the case");
	ck_assert_int_eq(e.line, 3);
}
END_TEST

START_TEST(batch_json_lines)
{
	open_text(JL("A", "1") "\n"
	          JL("B", "\"two\"") "\n"
	          "{\"id\": \"C\", \"received\": \"2026-03-02\"\n"
	          JL("D", "4") " trailing\n"
	          "[1, 2]\n"
	          "not json at all: {\n"
	          JL("E", "5") "\n");
	expect_case("A");
	expect_error("B", "request.visits", "'two' is not a whole number");
	ck_assert_int_eq(e.line, 2);
	expect_error("C", "", "not valid JSON: did not find expected ',' or '}'");
	ck_assert_int_eq(e.line, 3);
	expect_error("D", "", "not valid JSON: did not find expected <document start>");
	ck_assert_int_eq(e.line, 4);
	expect_error("", "", "a case must be a mapping of fields");
	ck_assert_int_eq(e.line, 5);
	expect_error("", "", "not valid JSON");
	ck_assert_int_eq(e.line, 6);
	expect_case("E");
	ck_assert_int_eq(c.line, 7);
	expect_end();
}
END_TEST

/* The case struct is reused: nothing of a previous case lingers. */
START_TEST(batch_reuse_clears)
{
	open_text(JL("A", "1") "\n"
	          "{\"id\":\"B\",\"received\":\"2026-03-02\",\"member\":{\"plan\":\"p\",\"age\":4},"
	          "\"request\":{\"discipline\":\"PT\",\"setting\":\"x\",\"diagnoses\":[\"A00\",\"B01\"],"
	          "\"sequence\":1,\"visits\":2},\"scores\":[{\"measure\":\"ODI\",\"score\":1,"
	          "\"date\":\"2026-01-01\"}]}\n" JL("C", "3") "\n");
	expect_case("A");
	expect_case("B");
	ck_assert_int_eq(c.ndiagnoses, 2);
	ck_assert_int_eq(c.nscores, 1);
	expect_case("C");
	ck_assert_int_eq(c.ndiagnoses, 1);
	ck_assert_int_eq(c.nscores, 0);
	ck_assert_str_eq(c.plan, "");
	ck_assert_uint_eq(c.present, 0);
	ck_assert_double_eq(c.age_months, 0);
	expect_end();
}
END_TEST

/* ---- inputs no reader may choke on ---- */

START_TEST(edge_empty_inputs)
{
	open_text("");
	expect_end();
	open_text("\n\n   \n\t\n");
	expect_end();
	open_text("# nothing but comments\n# here\n");
	expect_end();
	open_text("---\n");
	expect_end();
	open_text("---\n...\n---\n");
	expect_end();
	open_text("\xEF\xBB\xBF");
	expect_end();
}
END_TEST

START_TEST(edge_bad_bytes)
{
	static const char nul[] = "id: C\0-1\nreceived: 2026-03-02\n";
	open_len(nul, sizeof nul - 1);
	expect_error("", "", "not valid YAML: control characters are not allowed (byte 0x00)");
	expect_end();
	open_text("id: \xff\xfe\n---\n" TOP REQ_OK);
	expect_error("", "", "not valid YAML: invalid leading UTF-8 octet");
	ck_assert_int_eq(e.line, 1);
	expect_case("C-1");
	expect_end();
	open_text(JL("A", "1") "\n{\"id\": \"\x01\"}\n" JL("B", "1") "\n");
	expect_case("A");
	expect_error("", "", "not valid JSON: control characters are not allowed (byte 0x01)");
	ck_assert_int_eq(e.line, 2);
	expect_case("B");
	expect_end();
}
END_TEST

/* Lines end at '\n' only; libyaml also breaks at a lone CR and at NEL,
 * and the reader's line numbers must not follow it there. */
START_TEST(edge_odd_line_breaks)
{
	open_text("id: C-1\nreceived: 2026-03-02\nnote: \"a\rb\xC2\x85" "c\"\n" REQ_OK
	          "member: {age: x}\n");
	expect_error("C-1", "note", "unknown field 'note' in the case");
	ck_assert_int_eq(e.line, 3);
	open_text("id: C-1\rreceived: 2026-03-02\n" REQ_OK "member: {age: x}\n");
	expect_error("C-1", "member.age", "'x' is not a number");
	ck_assert_int_eq(e.line, 3);
	/* JSON allows a CR between tokens */
	open_text(JL("A", "1") "\n{\"id\":\"B\",\r\"received\":\"2026-03-02\",\r\"review\":\"x\"}\n"
	          JL("C", "3") "\n");
	expect_case("A");
	expect_error("B", "review", "review must be standard or expedited, not 'x'");
	ck_assert_int_eq(e.line, 2);
	expect_case("C");
	ck_assert_int_eq(c.line, 3);
	expect_end();
	/* and a CR-separated '---' does not make two cases of one line */
	open_text(JL("A", "1") "\n" JL("B", "1") "\r---\r" JL("X", "1") "\n" JL("C", "1") "\n");
	expect_case("A");
	expect_error("B", "", "a line of JSON Lines holds one case, and this one holds more");
	ck_assert_int_eq(e.line, 2);
	expect_case("C");
	expect_end();
}
END_TEST

/* UTF-16 (by its byte order mark) is refused at once, in plain words. */
START_TEST(edge_utf16)
{
	static const char le[] = "\xFF\xFEi\0d\0:\0 \0x\0\n\0";
	open_len(le, sizeof le - 1);
	ck_assert_int_eq(next(), -1);
	ck_assert_str_eq(e.message, "cannot read test.yaml: it is UTF-16; cases must be UTF-8");
	ck_assert_int_eq(e.line, 1);
	expect_end();
}
END_TEST

/* Deep nesting, in places the reader looks into and places it skips. */
START_TEST(edge_deep_nesting)
{
	enum { DEPTH = 400000 }; /* libyaml alone would take minutes */
	char *text = malloc(2 * DEPTH + 256);
	ck_assert_ptr_nonnull(text);
	static const char *const where[] = { "member: ", "notes: ", "request: {diagnoses: ", "" };
	for (size_t w = 0; w < sizeof where / sizeof where[0]; w++) {
		size_t n = (size_t)sprintf(text, TOP "%s", where[w]);
		memset(text + n, '[', DEPTH);
		memset(text + n + DEPTH, ']', DEPTH);
		strcpy(text + n + 2 * DEPTH, w == 2 ? "}\n---\n" TOP REQ_OK : "\n---\n" TOP REQ_OK);
		open_text(text);
		if (w < 3)
			expect_error("C-1", "", "lists and mappings nested more than 64 deep");
		else
			expect_error("C-1", "", "not valid YAML");
		expect_case("C-1");
		expect_end();
	}
	free(text);
}
END_TEST

/* A case's text is at most 1 MiB; past that it is refused unread, and the
 * next case is still read. */
START_TEST(edge_too_large)
{
	size_t big = (1u << 20) + 100;
	char *text = malloc(big + 1024);
	ck_assert_ptr_nonnull(text);
	size_t n = (size_t)sprintf(text, TOP REQ_OK "# ");
	memset(text + n, 'x', big);
	n += big;
	n += (size_t)sprintf(text + n, "\n---\nid: C-2\nreceived: 2026-03-02\n" REQ_OK);
	open_len(text, n);
	expect_error("", "", "the case is too large");
	ck_assert_int_eq(e.line, 1);
	expect_case("C-2");
	ck_assert_int_eq(c.line, 6);
	expect_end();

	n = (size_t)sprintf(text, JL("A", "1") "\n{\"id\": \"");
	memset(text + n, 'x', big);
	n += big;
	n += (size_t)sprintf(text + n, "\"}\n" JL("B", "1") "\n");
	open_len(text, n);
	expect_case("A");
	expect_error("", "", "the case is too large");
	ck_assert_int_eq(e.line, 2);
	expect_case("B");
	ck_assert_int_eq(c.line, 3);
	expect_end();
	free(text);
}
END_TEST

/* Long and odd values are shortened and escaped in messages. */
START_TEST(edge_message_quoting)
{
	char text[4096];
	char key[1001];
	memset(key, 'k', 1000);
	key[1000] = '\0';
	snprintf(text, sizeof text, TOP REQ_OK "%s: 1\n", key);
	open_text(text);
	expect_error("C-1", "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...",
	             "unknown field 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...' in the case");
	open_text(TOP REQ_OK "member: {state: \"\\e[31m\\u202Eé\"}\n");
	expect_error("C-1", "member.state", "not '\\x1B[31m\\u{202E}é'");
	/* a multi-byte character is never cut in half */
	open_text(TOP REQ_OK "member: {state: ééééééééééééééééééééééééé}\n");
	expect_error("C-1", "member.state", "not 'éééééééééééééééééééé...'");
}
END_TEST

/* Reading fails: -1 once, then the end. */
START_TEST(edge_read_error)
{
	close_input();
	in_file = fopen("/dev/null", "w"); /* reading a write-only stream fails */
	ck_assert_ptr_nonnull(in_file);
	in_reader = urc_case_reader_open(in_file, "cases.yaml");
	ck_assert_ptr_nonnull(in_reader);
	ck_assert_int_eq(next(), -1);
	ck_assert_msg(strstr(e.message, "cannot read cases.yaml") == e.message, "%s", e.message);
	expect_end();
	urc_case_reader_close(NULL);
}
END_TEST

Suite *case_read_suite(void)
{
	Suite *s = suite_create("case_read");
	TCase *tc = tcase_create("dates");
	tcase_add_loop_test(tc, date_good, 0, (int)(sizeof good_dates / sizeof good_dates[0]));
	tcase_add_loop_test(tc, date_bad, 0, (int)(sizeof bad_dates / sizeof bad_dates[0]));
	tcase_add_test(tc, date_every_day);
	tcase_add_test(tc, date_format_out_of_range);
	suite_add_tcase(s, tc);

	tc = tcase_create("fields");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, full_yaml_case);
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, start_of_care_defaults_to_start);
	tcase_add_loop_test(tc, field_good, 0, (int)(sizeof good_fields / sizeof good_fields[0]));
	tcase_add_test(tc, field_limits);
	tcase_add_test(tc, field_lengths);
	tcase_add_loop_test(tc, field_bad, 0, (int)(sizeof bad_fields / sizeof bad_fields[0]));
	tcase_add_test(tc, first_problem_and_late_id);
	tcase_add_test(tc, error_lines);
	suite_add_tcase(s, tc);

	tc = tcase_create("forms");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, form_json);
	tcase_add_test(tc, form_json_lines);
	tcase_add_test(tc, form_json_lines_flow);
	tcase_add_test(tc, form_yaml_stream);
	tcase_add_test(tc, form_crlf_bom);
	tcase_add_test(tc, form_pretty_json_not_lines);
	suite_add_tcase(s, tc);

	tc = tcase_create("batches");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, batch_yaml_bad_middle);
	tcase_add_test(tc, batch_yaml_syntax_error);
	tcase_add_test(tc, batch_json_lines);
	tcase_add_test(tc, batch_reuse_clears);
	suite_add_tcase(s, tc);

	tc = tcase_create("edges");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, edge_empty_inputs);
	tcase_add_test(tc, edge_bad_bytes);
	tcase_add_test(tc, edge_odd_line_breaks);
	tcase_add_test(tc, edge_utf16);
	tcase_add_test(tc, edge_deep_nesting);
	tcase_add_test(tc, edge_too_large);
	tcase_add_test(tc, edge_message_quoting);
	tcase_add_test(tc, edge_read_error);
	suite_add_tcase(s, tc);
	return s;
}
