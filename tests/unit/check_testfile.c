/* check_testfile.c — the test-file reader and the comparison of decisions
 * (compiler/testfile.c): a good file read whole, defaults, anchors and
 * merge keys, every problem a file can have with its exact text and line,
 * lines of fields for binding errors, and what each expected field
 * compares. Files are parsed from memory. */
#include "ck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "testfile.h"

static urc_testfile tf; /* the file under test, freed by the fixture */

static void setup(void)
{
	memset(&tf, 0, sizeof tf);
}

static void teardown(void)
{
	urc_testfile_free(&tf);
}

/* Parses text as t.cases.yaml; returns the reader's result. */
static int parse(const char *text)
{
	urc_testfile_free(&tf);
	return urc_testfile_parse(&tf, "t.cases.yaml", text, strlen(text));
}

/* All problems as "LINE: TEXT" lines, for messages. */
static const char *problems(void)
{
	static char buf[8192];
	size_t at = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < tf.nerrors && at < sizeof buf; i++) {
		int k = snprintf(buf + at, sizeof buf - at, "%ld: %s\n", tf.errors[i].line, tf.errors[i].text);
		if (k < 0)
			break;
		at += (size_t)k;
	}
	return buf;
}

/* Asserts that the file has a problem at line whose text is exactly text. */
static void assert_problem(long line, const char *text)
{
	for (size_t i = 0; i < tf.nerrors; i++)
		if (tf.errors[i].line == line && strcmp(tf.errors[i].text, text) == 0)
			return;
	ck_abort_msg("no problem \"%ld: %s\" among:\n%s", line, text, problems());
}

static urc_date D(const char *s)
{
	urc_date d = 0;
	ck_assert_msg(urc_date_parse(s, &d) == 0, "%s should parse", s);
	return d;
}

#define REQ "{discipline: PT, setting: outpatient, diagnoses: [M54.50], sequence: 1, visits: 12}"

/* ---- good files ---- */

START_TEST(reads_a_good_file)
{
	int rc = parse("# a comment\n"
	               "today: 2026-03-02\n"
	               "cases:\n"
	               "  - name: first\n"
	               "    case: {request: " REQ ", scores: [{measure: ODI, score: 44, date: 2026-02-27}]}\n"
	               "    expect: {outcome: approved_in_full, visits: 12, end: 2026-04-30, rule: otherwise,\n"
	               "             reason: no rule above, guideline: low_back_pain}\n"
	               "  - name: second\n"
	               "    skip: not yet\n"
	               "    case:\n"
	               "      id: C-2\n"
	               "      received: 2026-01-05\n"
	               "      request: " REQ "\n"
	               "    expect: {outcome: pended}\n");
	ck_assert_msg(rc == 0, "%s", problems());
	ck_assert_uint_eq(tf.ncases, 2);
	const urc_testfile_case *a = &tf.cases[0], *b = &tf.cases[1];
	ck_assert_str_eq(a->name, "first");
	ck_assert_int_eq(a->line, 4);
	ck_assert(a->ok && !a->skip);
	ck_assert_str_eq(a->c.id, "first"); /* the id defaults to the name */
	ck_assert_int_eq(a->c.received, D("2026-03-02")); /* and received to today */
	ck_assert_int_eq(a->c.visits_requested, 12);
	ck_assert_int_eq(a->c.nscores, 1);
	ck_assert_int_eq(a->c.line, 5);
	const urc_testfile_expect *e = &a->expect;
	ck_assert_uint_eq(e->fields, URC_EXPECT_OUTCOME | URC_EXPECT_VISITS | URC_EXPECT_END | URC_EXPECT_RULE |
	                                 URC_EXPECT_REASON | URC_EXPECT_GUIDELINE);
	ck_assert_int_eq(e->outcome, URC_APPROVED_FULL);
	ck_assert_int_eq(e->visits, 12);
	ck_assert_int_eq(e->end, D("2026-04-30"));
	ck_assert_str_eq(e->rule, "otherwise");
	ck_assert_str_eq(e->reason, "no rule above");
	ck_assert_str_eq(e->guideline, "low_back_pain");
	ck_assert_int_eq(e->line[URC_EXPECT_BIT_REASON], 7);
	ck_assert(b->ok && b->skip);
	ck_assert_str_eq(b->skip_reason, "not yet");
	ck_assert_str_eq(b->c.id, "C-2");
	ck_assert_int_eq(b->c.received, D("2026-01-05"));
	ck_assert_int_eq(b->c.line, 11);
	ck_assert_uint_eq(b->expect.fields, URC_EXPECT_OUTCOME);
}
END_TEST

/* A test that is not a mapping is named by its place, as one without a
 * name is: a runner reporting it never meets a test without a name (it
 * crashed on "cases: [name]" before). */
START_TEST(tests_that_are_not_mappings_are_named_by_place)
{
	int rc = parse("cases:\n"
	               "  - name\n"
	               "  - 42\n"
	               "  -\n"
	               "  - [a, b]\n");
	ck_assert_int_ne(rc, 0);
	ck_assert_uint_eq(tf.ncases, 4);
	const char *want[] = {"cases[0]", "cases[1]", "cases[2]", "cases[3]"};
	for (size_t i = 0; i < 4; i++) {
		ck_assert_ptr_nonnull(tf.cases[i].name);
		ck_assert_str_eq(tf.cases[i].name, want[i]);
		ck_assert(!tf.cases[i].ok);
	}
}
END_TEST

/* Nesting is refused past NEST_MAX before libyaml loads the document,
 * whose time grows with the square of the depth: 100,000 levels would
 * take minutes. The message names the line where it goes too deep. */
START_TEST(deep_nesting_is_refused_before_loading)
{
	size_t depth = 100000, n = 0;
	char *text = malloc(2 * depth + 64);
	ck_assert_ptr_nonnull(text);
	n += (size_t)sprintf(text, "cases:\n  - ");
	for (size_t i = 0; i < depth; i++)
		text[n++] = '[';
	for (size_t i = 0; i < depth; i++)
		text[n++] = ']';
	text[n++] = '\n';
	int rc = urc_testfile_parse(&tf, "t.cases.yaml", text, n);
	free(text);
	ck_assert_int_eq(rc, -1);
	ck_assert_uint_eq(tf.nerrors, 1);
	ck_assert_str_eq(tf.errors[0].text, "lists and mappings nested more than 32 deep");
	ck_assert_int_eq(tf.errors[0].line, 2);
	ck_assert_uint_eq(tf.ncases, 0);
}
END_TEST

START_TEST(anchors_and_merge_keys)
{
	int rc = parse("today: 2026-03-02\n"
	               "fixtures:\n"
	               "  req: &req " REQ "\n"
	               "  odi: &odi {measure: ODI, score: 44, date: 2026-02-27}\n"
	               "  hist: &hist {visits_used: 3}\n"
	               "  base: &base {request: *req, history: *hist}\n"
	               "cases:\n"
	               "  - name: aliased\n"
	               "    case: {request: *req, scores: [*odi, *odi]}\n"
	               "    expect: {outcome: pended}\n"
	               "  - name: merged and overridden\n"
	               "    case:\n"
	               "      <<: *base\n"
	               "      request: {<<: *req, visits: 20, sequence: 2}\n"
	               "    expect: {outcome: pended}\n"
	               "  - name: merged from a list, the first wins\n"
	               "    case:\n"
	               "      request:\n"
	               "        <<: [{visits: 7}, *req]\n"
	               "    expect: {<<: {outcome: referred}}\n"
	               "    skip: true\n");
	ck_assert_msg(rc == 0, "%s", problems());
	ck_assert_uint_eq(tf.ncases, 3);
	ck_assert_int_eq(tf.cases[0].c.nscores, 2);
	ck_assert_int_eq(tf.cases[0].c.scores[1].value, 44);
	const urc_case *c = &tf.cases[1].c;
	ck_assert_int_eq(c->visits_requested, 20);
	ck_assert_int_eq(c->request_number, 2);
	ck_assert_str_eq(c->setting, "outpatient");
	ck_assert_int_eq(c->visits_used, 3);
	ck_assert_int_eq(tf.cases[2].c.visits_requested, 7);
	ck_assert_int_eq(tf.cases[2].expect.outcome, URC_REFERRED);
	ck_assert(tf.cases[2].skip);
	ck_assert_str_eq(tf.cases[2].skip_reason, "");
}
END_TEST

/* Values that flow YAML reads otherwise survive the trip through the
 * runtime's reader: indicators, quotes, line separators, '---'. */
START_TEST(awkward_values)
{
	int rc = parse("today: 2026-03-02\n"
	               "cases:\n"
	               "  - name: awkward\n"
	               "    case:\n"
	               "      id: \"a: b, [c] {d} # e \\\" f \\u2028 g \\u00e9\"\n"
	               "      request:\n"
	               "        discipline:\n"
	               "          PT\n"
	               "        setting: '---'\n"
	               "        diagnoses: [M54.50]\n"
	               "        sequence: 1\n"
	               "        visits: 12\n"
	               "    expect: {outcome: pended}\n"
	               "  - name: '...'\n"
	               "    case: {request: {discipline: PT, setting: ..., diagnoses: [M54.50], sequence: 1, visits: 1}}\n"
	               "    expect: {outcome: pended}\n");
	ck_assert_msg(rc == 0, "%s", problems());
	ck_assert_str_eq(tf.cases[0].c.id, "a: b, [c] {d} # e \" f \xE2\x80\xA8 g \xC3\xA9");
	ck_assert_str_eq(tf.cases[0].c.discipline, "PT");
	ck_assert_str_eq(tf.cases[0].c.setting, "---");
	ck_assert_str_eq(tf.cases[1].c.id, "...");
	ck_assert_str_eq(tf.cases[1].c.setting, "...");
}
END_TEST

START_TEST(long_names_make_short_ids)
{
	char text[1024];
	const char *name = "a name that is far longer than sixty-three bytes, which is what an id holds, "
	                   "and ends in \xC3\xA9\xC3\xA9\xC3\xA9";
	snprintf(text, sizeof text, "today: 2026-03-02\ncases:\n  - name: \"%s\"\n    case: {request: " REQ
	         "}\n    expect: {outcome: pended}\n", name);
	ck_assert_msg(parse(text) == 0, "%s", problems());
	ck_assert_str_eq(tf.cases[0].name, name);
	ck_assert_uint_eq(strlen(tf.cases[0].c.id), 63);
	ck_assert(strncmp(tf.cases[0].c.id, name, 63) == 0);
}
END_TEST

START_TEST(field_lines)
{
	int rc = parse("today: 2026-03-02\n"
	               "fixtures:\n"
	               "  odi: &odi {measure: ODI, score: 44, date: 2026-02-27}\n"
	               "cases:\n"
	               "  - name: lines\n"
	               "    case:\n"
	               "      request:\n"
	               "        discipline: PT\n"
	               "        setting: clinic\n"
	               "        diagnoses: [M54.50]\n"
	               "        sequence: 1\n"
	               "        visits: 12\n"
	               "      scores:\n"
	               "        - *odi\n"
	               "        - measure: odi\n"
	               "          score: 30\n"
	               "          date: 2026-03-01\n"
	               "    expect: {outcome: pended}\n");
	ck_assert_msg(rc == 0, "%s", problems());
	const urc_testfile_case *tc = &tf.cases[0];
	ck_assert_int_eq(urc_testfile_field_line(tc, "request.setting"), 9);
	ck_assert_int_eq(urc_testfile_field_line(tc, "scores[0].measure"), 3);
	ck_assert_int_eq(urc_testfile_field_line(tc, "scores[1].measure"), 15);
	ck_assert_int_eq(urc_testfile_field_line(tc, "scores[1].score"), 16);
	ck_assert_int_eq(urc_testfile_field_line(tc, "id"), 5);
	ck_assert_int_eq(urc_testfile_field_line(tc, "received"), 1);
	ck_assert_int_eq(urc_testfile_field_line(tc, "member.plan"), 7); /* not given: the case's line */
}
END_TEST

START_TEST(empty_list_of_cases)
{
	ck_assert_msg(parse("cases: []\n") == 0, "%s", problems());
	ck_assert_uint_eq(tf.ncases, 0);
}
END_TEST

/* ---- problems ---- */

static const struct {
	const char *text; /* the file */
	long line;        /* where the problem is */
	const char *says; /* exactly */
} bad_files[] = {
	{"", 1, "the file is empty: a test file holds 'cases:', a list of tests"},
	{"# only a comment\n", 1, "the file is empty: a test file holds 'cases:', a list of tests"},
	{"- a\n- b\n", 1, "a test file is a mapping with 'cases:', a list of tests, not a list"},
	{"today: 2026-03-02\n", 1, "missing: a test file needs 'cases:', the list of its tests"},
	{"cases: {a: 1}\n", 1, "cases: expected a list of tests, not a mapping"},
	{"cases:\n", 1, "cases: expected a list of tests, not nothing"},
	{"todya: 2026-03-02\ncases: []\n", 1,
	 "todya: unknown field at the top of a test file (today, fixtures, cases) (did you mean 'today'?)"},
	{"today: 2026-02-30\ncases: []\n", 1, "today: '2026-02-30' is not a date (YYYY-MM-DD, years 1900 to 2999)"},
	{"cases: []\n---\ncases: []\n", 3, "a test file holds one YAML document; a second starts here"},
	{"cases: [\n", 2, "not valid YAML: did not find expected node content at column 1 (while parsing a flow node at line 2)"},
	{"cases: *nowhere\n", 1, "not valid YAML: found undefined alias at column 8"},
	{"a: &x 1\nb: &x 2\ncases: []\n", 2, "not valid YAML: an anchor is defined twice (first at line 1)"},
	{"cases: !!set []\n", 1, "cases: tags (tag:yaml.org,2002:set) are not allowed in a test file"},
	{"cases:\n  - just a string\n", 2, "cases[0]: a test is a mapping (name, case, expect), not a single value"},
	{"cases:\n  - case: {request: " REQ ", received: 2026-03-02}\n    expect: {outcome: pended}\n", 2,
	 "missing: a test needs a name"},
	{"cases:\n  - name: x\n    expect: {outcome: pended}\n", 2, "missing: a test needs a case"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n", 2,
	 "missing: a test needs expect, the fields of the decision it expects"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {}\n", 4,
	 "expect: name at least one field to compare: outcome, visits, end, rule, reason or guideline"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: [pended]\n", 4,
	 "expect: expected a mapping of the fields to compare (outcome, visits, end, rule, reason), not a list"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {outcome: aproved}\n", 4,
	 "expect.outcome: 'aproved' is not an outcome (did you mean 'approved_in_full' or 'approved_in_part'?)"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {outcome: refered}\n", 4,
	 "expect.outcome: 'refered' is not an outcome (did you mean 'referred'?)"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {outcome: approved in full}\n", 4,
	 "expect.outcome: 'approved in full' is not an outcome (did you mean 'approved_in_full'?)"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {outcome: denied}\n", 4,
	 "expect.outcome: 'denied' is not an outcome (urc never denies: a request only a physician may decide "
	 "is 'referred')"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {outcome: granted}\n", 4,
	 "expect.outcome: 'granted' is not an outcome (approved_in_full, approved_in_part, referred, pended or "
	 "no_guideline)"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {visits: \"12\"}\n", 4,
	 "expect.visits: '12' is in quotes; write the number without them"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {visits: 1.5}\n", 4,
	 "expect.visits: '1.5' is not a whole number from 0 to 1000000"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {visits: -2}\n", 4,
	 "expect.visits: must not be negative (got -2)"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {visits: ~}\n", 4,
	 "expect.visits: expected a whole number, not nothing"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {end: 03/02/2026}\n", 4,
	 "expect.end: '03/02/2026' is not a date (YYYY-MM-DD, years 1900 to 2999)"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {rule: ''}\n", 4,
	 "expect.rule: must not be empty"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {reason: [a]}\n", 4,
	 "expect.reason: expected a part of the reason, not a list"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {granted: 3}\n", 4,
	 "expect.granted: unknown field in expect (did you mean 'visits'?)"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {outcome: pended, outcome: referred}\n",
	 4, "expect.outcome: duplicate field (first given at line 4)"},
	{"cases:\n  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {outcome: pended}\n    expcet: 1\n",
	 5, "expcet: unknown field in a test (name, case, expect, skip) (did you mean 'expect'?)"},
	{"cases:\n  - name: x\n    skip: maybe\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {outcome: pended}\n"
	 "  - name: x\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {outcome: pended}\n",
	 6, "name: 'x' names another test too (at line 2)"},
	{"cases:\n  - name: \"a\\tb\"\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {outcome: pended}\n", 2,
	 "name: 'a\\x09b' holds a control character"},
	{"cases:\n  - name: x\n    skip: [1]\n    case: {request: " REQ ", received: 2026-03-02}\n    expect: {outcome: pended}\n",
	 3, "skip: expected true, false or why the test is skipped, not a list"},
	/* the case, as the runtime's reader reads it, at the file's lines */
	{"cases:\n  - name: x\n    case: {request: " REQ "}\n    expect: {outcome: pended}\n", 3,
	 "case.received: missing: a case needs received (or give 'today: YYYY-MM-DD' at the top of the file)"},
	{"today: 2026-03-02\ncases:\n  - name: x\n    case:\n      request:\n        discipline: PT\n"
	 "        setting: outpatient\n        diagnoses: [M54.50]\n        sequence: 1\n        visits: twelve\n"
	 "    expect: {outcome: pended}\n",
	 10, "case.request.visits: 'twelve' is not a whole number"},
	{"today: 2026-03-02\ncases:\n  - name: x\n    case:\n      request: " REQ "\n      scores:\n        - measure: ODI\n"
	 "          score: \"44\"\n          date: 2026-02-27\n    expect: {outcome: pended}\n",
	 8, "case.scores[0].score: '44' is in quotes; write the number without them"},
	{"today: 2026-03-02\ncases:\n  - name: x\n    case: {request: " REQ ", recieved: 2026-03-02}\n    expect: {outcome: pended}\n",
	 4, "case.recieved: unknown field 'recieved' in the case (did you mean 'received'?)"},
	{"today: 2026-03-02\ncases:\n  - name: x\n    case: {request: {<<: " REQ ", visits: 3, visits: 4}}\n"
	 "    expect: {outcome: pended}\n",
	 4, "case.request.visits: duplicate field (first given at line 4)"},
	{"today: 2026-03-02\ncases:\n  - name: x\n    case: {request: {<<: [1]}}\n    expect: {outcome: pended}\n", 4,
	 "case.request: '<<' merges the fields of a mapping into this one, not a single value"},
	{"today: 2026-03-02\ncases:\n  - name: x\n    case: {request: " REQ ", {a: 1}: 2}\n    expect: {outcome: pended}\n", 4,
	 "case: a field name must be a word, not a mapping"},
	{"today: 2026-03-02\ncases:\n  - name: x\n    case: {request: !req " REQ "}\n    expect: {outcome: pended}\n", 4,
	 "case.request: tags (!req) are not allowed in a test file"},
	{"today: 2026-03-02\ncases:\n  - name: x\n    case: &c {request: " REQ ", history: {more: *c}}\n"
	 "    expect: {outcome: pended}\n",
	 4, "case.history.more: an alias here names a mapping or list that holds it"},
	{"today: 2026-03-02\nfixtures:\n  m: &m {<<: *m}\ncases:\n  - name: x\n    case: *m\n    expect: {outcome: pended}\n", 3,
	 "case: merges nested more than 32 deep (does an alias name a mapping it is in?) (in test \"x\" at line 5)"},
	{"today: 2026-03-02\ncases:\n  - name: x\n    case: [1]\n    expect: {outcome: pended}\n", 4,
	 "case: expected a case, a mapping of fields (id, received, request, ...), not a list"},
	{"\xFF\xFE" "c\0a\0", 0, "it is UTF-16; test files must be UTF-8"},
};

START_TEST(bad_file)
{
	const char *text = bad_files[_i].text;
	size_t len = strlen(text);
	if (text[0] == '\xFF')
		len = 6;
	urc_testfile_free(&tf);
	int rc = urc_testfile_parse(&tf, "t.cases.yaml", text, len);
	ck_assert_msg(rc == -1, "file %d should have problems", _i);
	assert_problem(bad_files[_i].line, bad_files[_i].says);
}
END_TEST

/* A problem in a fixture is reported for each test that uses it, naming
 * the test; the tests without problems may still run. */
START_TEST(fixture_problems_name_the_test)
{
	int rc = parse("today: 2026-03-02\n"
	               "fixtures:\n"
	               "  bad: &bad {discipline: PT, setting: outpatient, diagnoses: [M54.50], sequence: 0, visits: 1}\n"
	               "cases:\n"
	               "  - name: one\n"
	               "    case: {request: *bad}\n"
	               "    expect: {outcome: pended}\n"
	               "  - name: fine\n"
	               "    case: {request: " REQ "}\n"
	               "    expect: {outcome: pended}\n"
	               "  - name: two\n"
	               "    case: {request: *bad}\n"
	               "    expect: {outcome: pended}\n");
	ck_assert_int_eq(rc, -1);
	ck_assert_uint_eq(tf.nerrors, 2);
	assert_problem(3, "case.request.sequence: sequence must be at least 1 (got 0) (in test \"one\" at line 5)");
	assert_problem(3, "case.request.sequence: sequence must be at least 1 (got 0) (in test \"two\" at line 11)");
	ck_assert_uint_eq(tf.errors[0].test, 0);
	ck_assert_uint_eq(tf.errors[1].test, 2);
	ck_assert(!tf.cases[0].ok && tf.cases[1].ok && !tf.cases[2].ok);
}
END_TEST

/* Aliases that double at every level cannot make reading take forever. */
START_TEST(aliases_that_expand_without_end)
{
	/* a mapping of 10 long fields, listed 2000 times: 2 MB once expanded */
	size_t cap = 64 * 1024, at = 0;
	char *text = malloc(cap);
	ck_assert_ptr_nonnull(text);
	at += (size_t)snprintf(text + at, cap - at, "fixtures:\n  m: &m {");
	for (int i = 0; i < 10; i++)
		at += (size_t)snprintf(text + at, cap - at, "%sk%d: %0100d", i ? ", " : "", i, 0);
	at += (size_t)snprintf(text + at, cap - at, "}\ncases:\n  - name: big\n    case: {received: 2026-03-02, "
	                                            "request: " REQ ", scores: [");
	for (int i = 0; i < 2000; i++)
		at += (size_t)snprintf(text + at, cap - at, "%s*m", i ? ", " : "");
	snprintf(text + at, cap - at, "]}\n    expect: {outcome: pended}\n");
	ck_assert_int_eq(parse(text), -1);
	free(text);
	assert_problem(5, "case: too large (more than 1048576 bytes once its aliases are expanded)");
}
END_TEST

START_TEST(lists_nested_too_deep)
{
	char text[4096];
	size_t at = (size_t)snprintf(text, sizeof text, "fixtures:\n  a0: &a0 [x]\n");
	for (int i = 1; i < 40; i++)
		at += (size_t)snprintf(text + at, sizeof text - at, "  a%d: &a%d [*a%d]\n", i, i, i - 1);
	snprintf(text + at, sizeof text - at,
	         "cases:\n  - name: deep\n    case: {received: 2026-03-02, request: " REQ ", scores: *a39}\n"
	         "    expect: {outcome: pended}\n");
	ck_assert_int_eq(parse(text), -1);
	ck_assert_uint_eq(tf.nerrors, 1);
	ck_assert_msg(strstr(tf.errors[0].text, ": nested more than 32 deep (does an alias name a mapping or list it "
	                                        "is in?) (in test \"deep\" at line 43)") != NULL &&
	                  strncmp(tf.errors[0].text, "case.scores[0][0][0]", 20) == 0 && strlen(tf.errors[0].text) < 200,
	              "%s", problems());
}
END_TEST

START_TEST(merges_that_expand_without_end)
{
	char text[8192];
	size_t at = (size_t)snprintf(text, sizeof text, "fixtures:\n  m0: &m0 {k0: 1}\n");
	for (int i = 1; i < 30; i++)
		at += (size_t)snprintf(text + at, sizeof text - at, "  m%d: &m%d {<<: [*m%d, *m%d], k%d: 1}\n", i, i,
		                       i - 1, i - 1, i);
	snprintf(text + at, sizeof text - at, "cases:\n  - name: big\n    case: *m29\n    expect: {outcome: pended}\n");
	ck_assert_int_eq(parse(text), -1);
	ck_assert_msg(strstr(problems(), "expand to too much") != NULL || strstr(problems(), "nested more than") != NULL,
	              "%s", problems());
}
END_TEST

START_TEST(unreadable_file)
{
	ck_assert_int_eq(urc_testfile_read(&tf, "/nonexistent/t.cases.yaml"), -1);
	ck_assert(tf.unreadable);
	ck_assert_uint_eq(tf.nerrors, 1);
	ck_assert_str_eq(tf.errors[0].text, "cannot read /nonexistent/t.cases.yaml: No such file or directory");
}
END_TEST

/* ---- comparing ---- */

static urc_testfile_actual actual(urc_outcome o, int visits, const char *end, const char *rule, const char *reason,
                                  const char *guideline)
{
	urc_testfile_actual a = {.outcome = o, .visits = visits, .rule = rule, .reason = reason, .guideline = guideline};
	a.approved = o == URC_APPROVED_FULL || o == URC_APPROVED_PART;
	if (end)
		a.end = D(end);
	return a;
}

START_TEST(compare_only_the_fields_named)
{
	urc_testfile_expect e = {0};
	urc_testfile_actual a = actual(URC_REFERRED, 0, NULL, "otherwise", "physician review", "knee");
	ck_assert_uint_eq(urc_testfile_compare(&e, &a), 0);
	e.fields = URC_EXPECT_OUTCOME;
	e.outcome = URC_REFERRED;
	e.visits = 99; /* not named: not compared */
	ck_assert_uint_eq(urc_testfile_compare(&e, &a), 0);
	e.outcome = URC_PENDED;
	ck_assert_uint_eq(urc_testfile_compare(&e, &a), URC_EXPECT_OUTCOME);
}
END_TEST

START_TEST(compare_each_field)
{
	char rule[] = "progress", reason[] = "LEFS improved", guideline[] = "knee";
	urc_testfile_expect e = {.fields = URC_EXPECT_OUTCOME | URC_EXPECT_VISITS | URC_EXPECT_END | URC_EXPECT_RULE |
	                                   URC_EXPECT_REASON | URC_EXPECT_GUIDELINE,
	                         .outcome = URC_APPROVED_PART, .visits = 8, .end = D("2026-05-12"), .rule = rule,
	                         .reason = reason, .guideline = guideline};
	urc_testfile_actual a =
	    actual(URC_APPROVED_PART, 8, "2026-05-12", "progress", "LEFS improved by at least 9 points", "knee");
	ck_assert_uint_eq(urc_testfile_compare(&e, &a), 0);
	a = actual(URC_APPROVED_FULL, 4, "2026-05-13", "some progress", "LEFS gained", "hip");
	ck_assert_uint_eq(urc_testfile_compare(&e, &a), URC_EXPECT_OUTCOME | URC_EXPECT_VISITS | URC_EXPECT_END |
	                                                    URC_EXPECT_RULE | URC_EXPECT_REASON | URC_EXPECT_GUIDELINE);
	char buf[1024];
	unsigned diff = urc_testfile_compare(&e, &a);
	ck_assert_str_eq(urc_testfile_describe(&e, &a, diff, buf, sizeof buf),
	                 "outcome: expected approved_in_part, got approved_in_full; visits: expected 8, got 4; "
	                 "end: expected 2026-05-12, got 2026-05-13; rule: expected \"progress\", got \"some "
	                 "progress\"; reason: expected one containing \"LEFS improved\", got \"LEFS gained\"; "
	                 "guideline: expected knee, got hip");
}
END_TEST

START_TEST(compare_what_a_decision_lacks)
{
	char rule[] = "otherwise", guideline[] = "knee";
	urc_testfile_expect e = {.fields = URC_EXPECT_END | URC_EXPECT_RULE | URC_EXPECT_GUIDELINE, .end = D("2026-04-15"),
	                         .rule = rule, .guideline = guideline};
	urc_testfile_actual a = actual(URC_NO_GUIDELINE, 0, NULL, NULL, "no guideline covers it", NULL);
	unsigned diff = urc_testfile_compare(&e, &a);
	ck_assert_uint_eq(diff, URC_EXPECT_END | URC_EXPECT_RULE | URC_EXPECT_GUIDELINE);
	char buf[512];
	ck_assert_str_eq(urc_testfile_describe(&e, &a, diff, buf, sizeof buf),
	                 "end: expected 2026-04-15, got none (not approved); rule: expected \"otherwise\", got none "
	                 "(no step decided); guideline: expected knee, got none");
	/* a referral's end date is never compared as a date */
	a = actual(URC_REFERRED, 0, NULL, "otherwise", "r", "knee");
	a.end = D("2026-04-15");
	ck_assert_uint_eq(urc_testfile_compare(&e, &a), URC_EXPECT_END);
}
END_TEST

START_TEST(reason_is_a_part)
{
	char reason[] = "physician review";
	urc_testfile_expect e = {.fields = URC_EXPECT_REASON, .reason = reason};
	urc_testfile_actual a = actual(URC_REFERRED, 0, NULL, "otherwise", "no gain: physician review of need", "k");
	ck_assert_uint_eq(urc_testfile_compare(&e, &a), 0);
	a.reason = "Physician Review";
	ck_assert_uint_eq(urc_testfile_compare(&e, &a), URC_EXPECT_REASON); /* case counts */
}
END_TEST

START_TEST(describe_cuts_short)
{
	char reason[600];
	memset(reason, 'r', sizeof reason - 1);
	reason[sizeof reason - 1] = '\0';
	urc_testfile_expect e = {.fields = URC_EXPECT_REASON | URC_EXPECT_VISITS, .reason = reason, .visits = 3};
	urc_testfile_actual a = actual(URC_REFERRED, 0, NULL, "otherwise", "other", "k");
	char buf[64];
	urc_testfile_describe(&e, &a, urc_testfile_compare(&e, &a), buf, sizeof buf);
	ck_assert_uint_eq(strlen(buf), sizeof buf - 1);
	ck_assert_str_eq(buf + sizeof buf - 4, "...");
	ck_assert(strncmp(buf, "visits: expected 3, got 0; reason:", 34) == 0);
}
END_TEST

START_TEST(outcome_codes)
{
	ck_assert_str_eq(urc_testfile_outcome_code(URC_APPROVED_FULL), "approved_in_full");
	ck_assert_str_eq(urc_testfile_outcome_code(URC_APPROVED_PART), "approved_in_part");
	ck_assert_str_eq(urc_testfile_outcome_code(URC_REFERRED), "referred");
	ck_assert_str_eq(urc_testfile_outcome_code(URC_PENDED), "pended");
	ck_assert_str_eq(urc_testfile_outcome_code(URC_NO_GUIDELINE), "no_guideline");
}
END_TEST

Suite *testfile_suite(void)
{
	Suite *s = suite_create("testfile");
	TCase *tc = tcase_create("read");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, reads_a_good_file);
	tcase_add_test(tc, tests_that_are_not_mappings_are_named_by_place);
	tcase_add_test(tc, deep_nesting_is_refused_before_loading);
	tcase_add_test(tc, anchors_and_merge_keys);
	tcase_add_test(tc, awkward_values);
	tcase_add_test(tc, long_names_make_short_ids);
	tcase_add_test(tc, field_lines);
	tcase_add_test(tc, empty_list_of_cases);
	suite_add_tcase(s, tc);

	tc = tcase_create("problems");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, bad_file, 0, (int)(sizeof bad_files / sizeof bad_files[0]));
	tcase_add_test(tc, fixture_problems_name_the_test);
	tcase_add_test(tc, aliases_that_expand_without_end);
	tcase_add_test(tc, lists_nested_too_deep);
	tcase_add_test(tc, merges_that_expand_without_end);
	tcase_add_test(tc, unreadable_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("compare");
	tcase_add_test(tc, compare_only_the_fields_named);
	tcase_add_test(tc, compare_each_field);
	tcase_add_test(tc, compare_what_a_decision_lacks);
	tcase_add_test(tc, reason_is_a_part);
	tcase_add_test(tc, describe_cuts_short);
	tcase_add_test(tc, outcome_codes);
	suite_add_tcase(s, tc);
	return s;
}
