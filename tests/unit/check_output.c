/* check_output.c — what liburc prints: decisions and case errors as YAML
 * and JSON (decision_write.c), a case walked through its guideline
 * (explain.c) and a table as decision tables (table_print.c). JSON output
 * must parse (a small validator below decodes it), YAML output is read
 * back with libyaml, and text with quotes, backslashes, control characters
 * and UTF-8 must come back unchanged. */
#include "ck.h"
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "helpers.h"
#include "suites.h"
#include "table.h"
#include "table_write.h"
#include "urc.h"

#define NONE UINT32_MAX

/* A referral text with every character the printers must escape. */
#define ODD_TEXT_SRC "worse: \\\"see notes\\\"\\tC:\\\\path\\nnext line"
#define ODD_TEXT "worse: \"see notes\"\tC:\\path\nnext line"

#define LBP                                                                                   \
	"guideline lbp \"Low back pain\" version 3 {\n"                                         \
	"  effective 2020-01-01\n"                                                                \
	"  discipline PT\n"                                                                       \
	"  specialty ortho\n"                                                                     \
	"  diagnoses M54.16 M54.17 M51.1-\n"                                                      \
	"  settings outpatient home_health\n"                                                     \
	"  evidence \"George 2021\"\n"                                                            \
	"  evidence \"Delitto 2012\"\n"                                                           \
	"  authorization { window 28 days to 60 days frequency at most 3 per week }\n"            \
	"  initial {\n"                                                                           \
	"    require ODI at intake\n"                                                             \
	"    rule \"severe\" when ODI at intake >= 60 refer \"ODI at intake is 60 or more\"\n"    \
	"      cite \"Fritz 2001\"\n"                                                             \
	"    rule \"home\" when setting is home_health approve up to 6 visits over 30 days\n"     \
	"    otherwise approve up to 8 visits over 45 days\n"                                     \
	"  }\n"                                                                                   \
	"  continued {\n"                                                                         \
	"    require ODI\n"                                                                       \
	"    rule \"many visits\" when visits used >= 24 or days since start of care > 120 days\n" \
	"      refer \"" ODD_TEXT_SRC "\"\n"                                                       \
	"      cite \"plan \\\"policy\\\"\"\n"                                                    \
	"      cite \"CMS\"\n"                                                                    \
	"    rule \"meaningful\" when ODI improved by at least mcid approve up to 12 visits over 30 days\n" \
	"    rule \"relative\" when ODI improved by at least 30 percent approve up to 10 visits over 30 days\n" \
	"    rule \"some\" when ODI improved approve up to 6 visits over 30 days\n"               \
	"    otherwise refer \"ODI has not improved since intake\"\n"                             \
	"  }\n"                                                                                   \
	"}\n"
#define BALANCE                                                                               \
	"guideline balance \"Balance\" version 1 {\n"                                           \
	"  effective 2020-01-01\n"                                                                \
	"  discipline OT\n"                                                                       \
	"  specialty neuro\n"                                                                     \
	"  diagnoses R26.89 I69.3-\n"                                                             \
	"  settings home_health snf\n"                                                            \
	"  evidence \"Berg 1992\"\n"                                                              \
	"  authorization { window 30 days to 60 days }\n"                                         \
	"  initial {\n"                                                                           \
	"    require BBS at intake\n"                                                             \
	"    rule \"better\" when BBS improved approve up to 8 visits over 30 days\n"             \
	"    rule \"not better\" when not BBS improved refer \"BBS did not improve\"\n"           \
	"  }\n"                                                                                   \
	"}\n"
#define PROGRAM CATALOGUE LBP BALANCE

static urc_table *tab;

static void setup(void)
{
	urc_test_setup();
	urc_test_check(PROGRAM);
	/* BALANCE's rules need two BBS scores where its 'require' asks for
	 * one, on purpose (to show a skipped rule): two warnings, no errors. */
	if (T.diag.errors || T.diag.warnings != 2)
		ck_abort_msg("the program should check with two warnings:\n%s", urc_test_text());
	unsigned char *bytes = NULL;
	size_t len = 0;
	char err[256] = "";
	ck_assert_msg(urc_table_build(&T.prog, &bytes, &len, err, sizeof err) == 0, "build: %s", err);
	tab = urc_table_from_memory(bytes, len, err, sizeof err);
	free(bytes);
	ck_assert_msg(tab != NULL, "load: %s", err);
}

static void teardown(void)
{
	urc_table_free(tab);
	tab = NULL;
	urc_test_teardown();
}

/* ---- cases ---- */

static urc_date D(const char *s)
{
	urc_date d;
	ck_assert_msg(urc_date_parse(s, &d) == 0, "bad date %s", s);
	return d;
}

/* A first PT request, outpatient, M54.16, 8 visits, from 2026-03-02. */
static void base(urc_case *c)
{
	memset(c, 0, sizeof *c);
	snprintf(c->id, sizeof c->id, "C-1");
	c->received = c->start = c->start_of_care = D("2026-03-02");
	snprintf(c->discipline, sizeof c->discipline, "PT");
	snprintf(c->setting, sizeof c->setting, "outpatient");
	snprintf(c->diagnoses[0], sizeof c->diagnoses[0], "M54.16");
	c->ndiagnoses = 1;
	c->request_number = 1;
	c->visits_requested = 8;
	c->line = 1;
}

static void score(urc_case *c, const char *measure, double value, const char *date)
{
	urc_case_score *s = &c->scores[c->nscores++];
	snprintf(s->measure, sizeof s->measure, "%s", measure);
	s->value = value;
	s->date = D(date);
}

static void continued(urc_case *c, double from, double to)
{
	base(c);
	c->request_number = 2;
	c->start_of_care = D("2026-01-05");
	score(c, "ODI", from, "2026-01-05");
	score(c, "ODI", to, "2026-02-20");
}

/* The outcomes the tests print. */
enum {
	K_FULL,     /* otherwise, 8 of 8 */
	K_PART,     /* "some": 6 of 10 */
	K_REFER,    /* otherwise of continued: ODI worse */
	K_ODD,      /* "many visits": the escaped text and two citations */
	K_PEND,     /* no ODI score */
	K_NONE,     /* no guideline */
	K_AUTO,     /* plan ma */
	K_MISSING,  /* balance with one BBS score */
	K_EXPEDITE, /* K_FULL reviewed expedited */
	K_COUNT
};

static void make(int kind, urc_case *c)
{
	switch (kind) {
	case K_FULL:
	case K_EXPEDITE:
		base(c);
		score(c, "ODI", 40, "2026-02-20");
		if (kind == K_EXPEDITE)
			c->review = URC_REVIEW_EXPEDITED;
		break;
	case K_PART:
		continued(c, 40, 35);
		c->visits_requested = 10;
		break;
	case K_REFER:
		continued(c, 40, 45);
		break;
	case K_ODD:
		continued(c, 40, 30);
		c->visits_used = 30;
		break;
	case K_PEND:
		base(c);
		break;
	case K_NONE:
		base(c);
		snprintf(c->setting, sizeof c->setting, "snf");
		break;
	case K_AUTO:
		base(c);
		snprintf(c->plan, sizeof c->plan, "ma");
		c->present |= URC_HAS_PLAN;
		break;
	case K_MISSING:
		base(c);
		snprintf(c->discipline, sizeof c->discipline, "OT");
		snprintf(c->setting, sizeof c->setting, "snf");
		snprintf(c->diagnoses[0], sizeof c->diagnoses[0], "R26.89");
		score(c, "BBS", 20, "2026-01-05");
		break;
	}
	snprintf(c->id, sizeof c->id, "C-%d", kind);
}

static void decide(const urc_case *c, urc_bound *b, urc_decision *d)
{
	urc_case_error err;
	ck_assert_msg(urc_bind(tab, c, b, &err) == 0, "%s: %s", err.field, err.message);
	urc_decide(tab, b, d);
}

static const urc_outcome outcome_of[K_COUNT] = {
	URC_APPROVED_FULL, URC_APPROVED_PART, URC_REFERRED, URC_REFERRED, URC_PENDED,
	URC_NO_GUIDELINE,  URC_APPROVED_FULL, URC_REFERRED, URC_APPROVED_FULL,
};

/* ---- printing to memory ---- */

typedef struct printed {
	char *text;
	size_t len;
	FILE *f;
} printed;

static FILE *open_out(printed *p)
{
	memset(p, 0, sizeof *p);
	p->f = open_memstream(&p->text, &p->len);
	ck_assert_ptr_nonnull(p->f);
	return p->f;
}

static const char *close_out(printed *p)
{
	ck_assert_int_eq(fclose(p->f), 0);
	p->f = NULL;
	return p->text;
}

/* The text of one decision (malloc'd). */
static char *decision_text(urc_format fmt, const urc_case *c, const urc_decision *d)
{
	printed p;
	ck_assert_int_eq(urc_decision_write(open_out(&p), fmt, tab, c, d), 0);
	close_out(&p);
	return p.text;
}

static char *explain_text(const urc_bound *b, const urc_decision *d)
{
	printed p;
	ck_assert_int_eq(urc_explain_write(open_out(&p), tab, b, d), 0);
	close_out(&p);
	return p.text;
}

/* ---- a small JSON reader: validates, and decodes one top-level string ---- */

typedef struct json_reader {
	const char *s;   /* next character */
	const char *key; /* top-level key whose string value is wanted, or NULL */
	char *out;       /* its decoded value */
	size_t outlen;
	int found;       /* 1: a string value, 2: null */
} json_reader;

static int json_value(json_reader *j, int depth, char *dst, size_t n);

static void json_ws(json_reader *j)
{
	while (*j->s == ' ' || *j->s == '\t' || *j->s == '\n' || *j->s == '\r')
		j->s++;
}

/* A string at j->s, decoded into dst (n bytes) when dst is not NULL. */
static int json_string(json_reader *j, char *dst, size_t n)
{
	size_t at = 0;
	if (*j->s++ != '"')
		return 0;
	for (;;) {
		unsigned char ch = (unsigned char)*j->s++;
		unsigned cp = ch;
		if (ch == '"')
			break;
		if (ch < 0x20)
			return 0; /* raw control characters are not JSON */
		if (ch == '\\') {
			ch = (unsigned char)*j->s++;
			switch (ch) {
			case '"': cp = '"'; break;
			case '\\': cp = '\\'; break;
			case '/': cp = '/'; break;
			case 'b': cp = '\b'; break;
			case 'f': cp = '\f'; break;
			case 'n': cp = '\n'; break;
			case 'r': cp = '\r'; break;
			case 't': cp = '\t'; break;
			case 'u':
				cp = 0;
				for (int i = 0; i < 4; i++) {
					char h = *j->s++;
					int v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
					      : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
					if (v < 0)
						return 0;
					cp = cp * 16 + (unsigned)v;
				}
				if (cp >= 0x80)
					return 0; /* the printers escape control characters only */
				break;
			default:
				return 0;
			}
		}
		if (dst && at + 1 < n)
			dst[at++] = (char)cp;
	}
	if (dst)
		dst[at] = '\0';
	return 1;
}

static int json_number(json_reader *j)
{
	const char *s = j->s;
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return 0;
	if (*s == '.') {
		s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	j->s = s;
	return 1;
}

static int json_value(json_reader *j, int depth, char *dst, size_t n)
{
	json_ws(j);
	if (depth > 32)
		return 0;
	switch (*j->s) {
	case '{': {
		j->s++;
		json_ws(j);
		if (*j->s == '}') {
			j->s++;
			return 1;
		}
		for (;;) {
			char key[64];
			json_ws(j);
			if (!json_string(j, key, sizeof key))
				return 0;
			json_ws(j);
			if (*j->s++ != ':')
				return 0;
			int wanted = depth == 0 && j->key && strcmp(key, j->key) == 0;
			json_ws(j);
			if (wanted && strncmp(j->s, "null", 4) == 0)
				j->found = 2;
			else if (wanted && *j->s == '"')
				j->found = 1;
			if (!json_value(j, depth + 1, wanted ? j->out : NULL, j->outlen))
				return 0;
			json_ws(j);
			if (*j->s == ',') {
				j->s++;
				continue;
			}
			if (*j->s++ != '}')
				return 0;
			return 1;
		}
	}
	case '[':
		j->s++;
		json_ws(j);
		if (*j->s == ']') {
			j->s++;
			return 1;
		}
		for (;;) {
			if (!json_value(j, depth + 1, NULL, 0))
				return 0;
			json_ws(j);
			if (*j->s == ',') {
				j->s++;
				continue;
			}
			return *j->s++ == ']';
		}
	case '"':
		return json_string(j, dst, n);
	case 't':
		return strncmp(j->s, "true", 4) == 0 ? (j->s += 4, 1) : 0;
	case 'f':
		return strncmp(j->s, "false", 5) == 0 ? (j->s += 5, 1) : 0;
	case 'n':
		return strncmp(j->s, "null", 4) == 0 ? (j->s += 4, 1) : 0;
	default:
		return json_number(j);
	}
}

/* Whether text is one JSON object on one line, ending in a newline; when
 * key is given, its top-level string value goes to out (found: 1, or 2
 * for null). */
static int json_line(const char *text, const char *key, char *out, size_t n, int *found)
{
	json_reader j = {text, key, out, n, 0};
	if (out && n)
		out[0] = '\0';
	if (*text != '{' || !json_value(&j, 0, NULL, 0))
		return 0;
	if (found)
		*found = j.found;
	return strcmp(j.s, "\n") == 0 && !memchr(text, '\n', (size_t)(j.s - text));
}

/* Asserts text is valid JSON whose top-level key has string value want
 * (or null when want is NULL). */
static void assert_json_has(const char *text, const char *key, const char *want)
{
	char got[512];
	int found = 0;
	ck_assert_msg(json_line(text, key, got, sizeof got, &found), "not one line of JSON:\n%s", text);
	if (!want)
		ck_assert_msg(found == 2, "\"%s\" is not null in %s", key, text);
	else
		ck_assert_msg(found == 1 && strcmp(got, want) == 0, "\"%s\" is \"%s\", want \"%s\" in %s", key,
		              found ? got : "(absent)", want, text);
}

/* ---- YAML read back with libyaml ---- */

/* Parses text as YAML. Returns the number of documents, or -1 when it does
 * not parse; the scalar value of top-level key in the first document goes
 * to out ("" when absent). */
static int yaml_read(const char *text, const char *key, char *out, size_t n)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return -1;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, strlen(text));
	if (out && n)
		out[0] = '\0';
	int docs = 0, depth = 0, is_key = 1, want_next = 0, done = 0;
	while (!done) {
		yaml_event_t e;
		if (!yaml_parser_parse(&parser, &e)) {
			yaml_parser_delete(&parser);
			return -1;
		}
		switch (e.type) {
		case YAML_STREAM_END_EVENT: done = 1; break;
		case YAML_DOCUMENT_START_EVENT: docs++; break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (depth == 1)
				is_key = !is_key, want_next = 0;
			depth++;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			depth--;
			if (depth == 0)
				is_key = 1;
			break;
		case YAML_SCALAR_EVENT:
			if (depth == 1 && docs == 1) {
				const char *v = (const char *)e.data.scalar.value;
				if (is_key)
					want_next = key && strcmp(v, key) == 0;
				else if (want_next && out)
					snprintf(out, n, "%s", v);
				is_key = !is_key;
			}
			break;
		default: break;
		}
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&parser);
	return docs;
}

static void assert_yaml_has(const char *text, const char *key, const char *want)
{
	char got[512];
	ck_assert_msg(yaml_read(text, key, got, sizeof got) == 1, "not one YAML document:\n%s", text);
	ck_assert_msg(strcmp(got, want) == 0, "%s is \"%s\", want \"%s\" in\n%s", key, got, want, text);
}

/* Removes the line starting with prefix (the first one) from text. */
static void drop_line(char *text, const char *prefix)
{
	char *p = strstr(text, prefix);
	ck_assert_msg(p != NULL, "no \"%s\" in\n%s", prefix, text);
	char *end = strchr(p, '\n');
	ck_assert_ptr_nonnull(end);
	memmove(p, end + 1, strlen(end + 1) + 1);
}

static void guideline_ref(const char *id, char *buf, size_t n)
{
	for (uint32_t i = 0; i < tab->h->guidelines.count; i++)
		if (strcmp(urc_str(tab, tab->guidelines[i].id), id) == 0) {
			snprintf(buf, n, "%s@%u#%016" PRIx64, id, tab->guidelines[i].version, tab->guidelines[i].hash);
			return;
		}
	ck_abort_msg("no guideline %s", id);
}

/* ---- decisions ---- */

START_TEST(yaml_of_a_full_approval)
{
	urc_case c;
	urc_bound b;
	urc_decision d;
	make(K_FULL, &c);
	decide(&c, &b, &d);
	char *text = decision_text(URC_FORMAT_YAML, &c, &d);
	assert_yaml_has(text, "reason", d.reason);
	char ref[128], want[1024];
	guideline_ref("lbp", ref, sizeof ref);
	snprintf(want, sizeof want,
	         "---\n"
	         "case: \"C-0\"\n"
	         "guideline: \"%s\"\n"
	         "outcome: approved_in_full\n"
	         "visits: {granted: 8, requested: 8}\n"
	         "authorization: {start: 2026-03-02, end: 2026-04-15}\n"
	         "due: 2026-03-09\n"
	         "rule: \"otherwise\"\n"
	         "trace:\n"
	         "  - {step: \"require ODI\", result: met}\n"
	         "  - {step: \"severe\", result: not matched}\n"
	         "  - {step: \"home\", result: not matched}\n"
	         "  - {step: \"otherwise\", result: matched}\n",
	         ref);
	drop_line(text, "reason: ");
	ck_assert_str_eq(text, want);
	free(text);
}
END_TEST

START_TEST(json_of_a_full_approval)
{
	urc_case c;
	urc_bound b;
	urc_decision d;
	make(K_FULL, &c);
	decide(&c, &b, &d);
	char *text = decision_text(URC_FORMAT_JSON, &c, &d);
	assert_json_has(text, "reason", d.reason);
	char ref[128], want[1024];
	guideline_ref("lbp", ref, sizeof ref);
	snprintf(want, sizeof want,
	         "{\"case\":\"C-0\",\"guideline\":\"%s\",\"outcome\":\"approved_in_full\","
	         "\"visits_granted\":8,\"visits_requested\":8,\"start\":\"2026-03-02\",\"end\":\"2026-04-15\","
	         "\"due\":\"2026-03-09\",\"rule\":\"otherwise\",",
	         ref);
	ck_assert_msg(strncmp(text, want, strlen(want)) == 0, "%s\nwant it to start with\n%s", text, want);
	const char *trace = "\"trace\":[{\"step\":\"require ODI\",\"result\":\"met\"},"
	                    "{\"step\":\"severe\",\"result\":\"not matched\"},"
	                    "{\"step\":\"home\",\"result\":\"not matched\"},"
	                    "{\"step\":\"otherwise\",\"result\":\"matched\"}]}\n";
	size_t n = strlen(text), m = strlen(trace);
	ck_assert_msg(n > m && strcmp(text + n - m, trace) == 0, "%s\nwant it to end with\n%s", text, trace);
	free(text);
}
END_TEST

/* Every outcome, in both formats: parseable, with its outcome code, its
 * guideline (null when none), and its rule. */
START_TEST(every_outcome_parses)
{
	static const char *const codes[] = {"approved_in_full", "approved_in_part", "referred", "referred", "pended",
	                                    "no_guideline", "approved_in_full", "referred", "approved_in_full"};
	static const char *const rules[] = {"otherwise", "some", "otherwise", "many visits", "require ODI",
	                                    NULL, "plan auto-approval", NULL, "otherwise"};
	static const char *const guidelines[] = {"lbp", "lbp", "lbp", "lbp", "lbp", NULL, "lbp", "balance", "lbp"};
	static const char *const dues[] = {"2026-03-09", "2026-03-09", "2026-03-09", "2026-03-09", "2026-03-09",
	                                   "2026-03-09", "2026-03-09", "2026-03-09", "2026-03-05"};
	int k = _i;
	urc_case c;
	urc_bound b;
	urc_decision d;
	make(k, &c);
	decide(&c, &b, &d);
	ck_assert_int_eq(d.outcome, outcome_of[k]);
	char ref[128] = "";
	if (guidelines[k])
		guideline_ref(guidelines[k], ref, sizeof ref);

	char *json = decision_text(URC_FORMAT_JSON, &c, &d);
	assert_json_has(json, "case", c.id);
	assert_json_has(json, "outcome", codes[k]);
	assert_json_has(json, "guideline", guidelines[k] ? ref : NULL);
	assert_json_has(json, "rule", rules[k]);
	assert_json_has(json, "due", dues[k]);
	int approved = d.outcome == URC_APPROVED_FULL || d.outcome == URC_APPROVED_PART;
	ck_assert_int_eq(strstr(json, "\"start\":") != NULL, approved);
	ck_assert_int_eq(strstr(json, "\"end\":") != NULL, approved);
	ck_assert_int_eq(strstr(json, "\"cite\":") != NULL, d.cite[0] != '\0');
	char want[64];
	snprintf(want, sizeof want, "\"visits_granted\":%d,", d.visits_granted);
	ck_assert_msg(strstr(json, want), "%s lacks %s", json, want);

	char *yaml = decision_text(URC_FORMAT_YAML, &c, &d);
	assert_yaml_has(yaml, "case", c.id);
	assert_yaml_has(yaml, "outcome", codes[k]);
	assert_yaml_has(yaml, "guideline", guidelines[k] ? ref : "null");
	assert_yaml_has(yaml, "rule", rules[k] ? rules[k] : "null");
	assert_yaml_has(yaml, "due", dues[k]);
	assert_yaml_has(yaml, "reason", d.reason);
	ck_assert_int_eq(strstr(yaml, "\nauthorization: ") != NULL, approved);
	if (d.ntrace == 0)
		ck_assert_msg(strstr(yaml, "\ntrace: []\n"), "%s", yaml);
	free(json);
	free(yaml);
}
END_TEST

/* The words of each step: met/missing for a requirement, matched/not
 * matched/value missing for a rule. */
START_TEST(trace_words)
{
	urc_case c;
	urc_bound b;
	urc_decision d;
	make(K_PEND, &c);
	decide(&c, &b, &d);
	char *yaml = decision_text(URC_FORMAT_YAML, &c, &d);
	ck_assert_msg(strstr(yaml, "\ntrace:\n  - {step: \"require ODI\", result: missing}\n"), "%s", yaml);
	free(yaml);
	make(K_MISSING, &c);
	decide(&c, &b, &d);
	yaml = decision_text(URC_FORMAT_YAML, &c, &d);
	ck_assert_msg(strstr(yaml, "\n  - {step: \"require BBS\", result: met}\n"
	                           "  - {step: \"better\", result: value missing}\n"
	                           "  - {step: \"not better\", result: value missing}\n"), "%s", yaml);
	ck_assert_msg(strstr(yaml, "\nrule: null\n"), "%s", yaml);
	free(yaml);
	char *json = decision_text(URC_FORMAT_JSON, &c, &d);
	ck_assert_msg(strstr(json, "{\"step\":\"better\",\"result\":\"value missing\"}"), "%s", json);
	assert_json_has(json, "rule", NULL);
	free(json);
}
END_TEST

/* Quotes, backslashes, tabs, newlines, control characters and UTF-8 in
 * the case id, the reason and the citations come back unchanged. */
START_TEST(odd_text_round_trips)
{
	urc_case c;
	urc_bound b;
	urc_decision d;
	make(K_ODD, &c);
	static const char id[] = "C\"1\\ \t\x01\x1f \xc3\xa9\xe2\x82\xac";
	snprintf(c.id, sizeof c.id, "%s", id);
	decide(&c, &b, &d);
	ck_assert_int_eq(d.outcome, URC_REFERRED);
	ck_assert_str_eq(d.reason, ODD_TEXT);
	ck_assert_str_eq(d.cite, "plan \"policy\"\nCMS");
	char *json = decision_text(URC_FORMAT_JSON, &c, &d);
	assert_json_has(json, "case", id);
	assert_json_has(json, "reason", ODD_TEXT);
	assert_json_has(json, "cite", "plan \"policy\"\nCMS");
	char *yaml = decision_text(URC_FORMAT_YAML, &c, &d);
	assert_yaml_has(yaml, "case", id);
	assert_yaml_has(yaml, "reason", ODD_TEXT);
	assert_yaml_has(yaml, "cite", "plan \"policy\"\nCMS");
	free(json);
	free(yaml);
}
END_TEST

/* A batch is a stream of YAML documents, or JSON Lines. */
START_TEST(batches)
{
	printed y, j;
	FILE *fy = open_out(&y), *fj = open_out(&j);
	for (int k = 0; k < K_COUNT; k++) {
		urc_case c;
		urc_bound b;
		urc_decision d;
		make(k, &c);
		decide(&c, &b, &d);
		ck_assert_int_eq(urc_decision_write(fy, URC_FORMAT_YAML, tab, &c, &d), 0);
		ck_assert_int_eq(urc_decision_write(fj, URC_FORMAT_JSON, tab, &c, &d), 0);
	}
	urc_case_error e = {"C-x", "request.setting", "unknown setting 'clinic'", 3};
	ck_assert_int_eq(urc_error_write(fy, URC_FORMAT_YAML, &e), 0);
	ck_assert_int_eq(urc_error_write(fj, URC_FORMAT_JSON, &e), 0);
	close_out(&y);
	close_out(&j);
	ck_assert_int_eq(yaml_read(y.text, NULL, NULL, 0), K_COUNT + 1);
	int lines = 0;
	for (char *line = j.text; *line; lines++) {
		char *end = strchr(line, '\n');
		ck_assert_ptr_nonnull(end);
		char save = end[1];
		end[1] = '\0';
		ck_assert_msg(json_line(line, NULL, NULL, 0, NULL), "line %d is not JSON: %s", lines + 1, line);
		end[1] = save;
		line = end + 1;
	}
	ck_assert_int_eq(lines, K_COUNT + 1);
	free(y.text);
	free(j.text);
}
END_TEST

/* ---- errors ---- */

START_TEST(error_records)
{
	urc_case_error e = {"C-9", "request.setting", "unknown setting 'clinic'", 4};
	printed p;
	ck_assert_int_eq(urc_error_write(open_out(&p), URC_FORMAT_JSON, &e), 0);
	ck_assert_str_eq(close_out(&p),
	                 "{\"case\":\"C-9\",\"error\":\"unknown setting 'clinic'\",\"field\":\"request.setting\",\"line\":4}\n");
	free(p.text);
	ck_assert_int_eq(urc_error_write(open_out(&p), URC_FORMAT_YAML, &e), 0);
	ck_assert_str_eq(close_out(&p), "---\ncase: \"C-9\"\nerror: \"unknown setting 'clinic'\"\n"
	                                "field: \"request.setting\"\nline: 4\n");
	free(p.text);

	/* From urc_bind, with text to escape. */
	urc_case c;
	base(&c);
	snprintf(c.id, sizeof c.id, "C\"7\\");
	snprintf(c.setting, sizeof c.setting, "cl\"in\nic");
	c.line = 12;
	urc_bound b;
	urc_case_error err;
	ck_assert_int_eq(urc_bind(tab, &c, &b, &err), -1);
	ck_assert_int_eq(urc_error_write(open_out(&p), URC_FORMAT_JSON, &err), 0);
	close_out(&p);
	assert_json_has(p.text, "case", "C\"7\\");
	assert_json_has(p.text, "field", "request.setting");
	assert_json_has(p.text, "error", "unknown setting 'cl\"in\nic'");
	ck_assert_msg(strstr(p.text, ",\"line\":12}\n"), "%s", p.text);
	free(p.text);
	ck_assert_int_eq(urc_error_write(open_out(&p), URC_FORMAT_YAML, &err), 0);
	close_out(&p);
	assert_yaml_has(p.text, "error", "unknown setting 'cl\"in\nic'");
	assert_yaml_has(p.text, "line", "12");
	free(p.text);
}
END_TEST

/* Every printer says when its output fails. */
START_TEST(write_failures_are_reported)
{
	FILE *f = fopen("/dev/full", "w");
	if (!f)
		return; /* no /dev/full here */
	ck_assert_int_eq(setvbuf(f, NULL, _IONBF, 0), 0);
	urc_case c;
	urc_bound b;
	urc_decision d;
	make(K_REFER, &c);
	decide(&c, &b, &d);
	urc_case_error e = {"C-9", "request.setting", "unknown setting", 4};
	ck_assert_int_eq(urc_decision_write(f, URC_FORMAT_YAML, tab, &c, &d), -1);
	ck_assert_int_eq(urc_decision_write(f, URC_FORMAT_JSON, tab, &c, &d), -1);
	ck_assert_int_eq(urc_error_write(f, URC_FORMAT_JSON, &e), -1);
	ck_assert_int_eq(urc_error_write(f, URC_FORMAT_YAML, &e), -1);
	ck_assert_int_eq(urc_explain_write(f, tab, &b, &d), -1);
	ck_assert_int_eq(urc_table_print(f, tab), -1);
	fclose(f);
}
END_TEST

/* ---- explanations ---- */

#define ASSERT_SAYS_IN(text, part) ck_assert_msg(strstr((text), (part)), "lacks \"%s\":\n%s", (part), (text))
#define ASSERT_NOT_IN(text, part) ck_assert_msg(!strstr((text), (part)), "should not say \"%s\":\n%s", (part), (text))

START_TEST(explain_a_referral_that_missed)
{
	urc_case c;
	urc_bound b;
	urc_decision d;
	make(K_REFER, &c);
	decide(&c, &b, &d);
	char *text = explain_text(&b, &d);
	ASSERT_SAYS_IN(text, "Case C-2, received 2026-03-02 (standard review: decision due 2026-03-09)\n");
	ASSERT_SAYS_IN(text, "Request 2: 8 PT visits, outpatient setting, diagnoses M54.16\n");
	ASSERT_SAYS_IN(text, "Guideline: lbp, version 3: \"Low back pain\" (PT, ortho)\n");
	ASSERT_SAYS_IN(text, "Evidence: George 2021\n          Delitto 2012\n");
	ASSERT_SAYS_IN(text, "Phase: continued requests (this is request 2)\n");
	ASSERT_SAYS_IN(text, "require ODI scores: present");
	/* Each rule tried, with the values it compared. */
	ASSERT_SAYS_IN(text, "rule \"many visits\": when ");
	ASSERT_SAYS_IN(text, "visits used 0");
	ASSERT_SAYS_IN(text, "days since start of care 56");
	ASSERT_SAYS_IN(text, "rule \"meaningful\": when ODI improved by at least");
	ASSERT_SAYS_IN(text, "ODI worsened 5 points since intake");
	ASSERT_SAYS_IN(text, "ODI worsened 12.5 percent since intake");
	ASSERT_SAYS_IN(text, "-> not matched");
	ASSERT_SAYS_IN(text, "otherwise: no rule above matched");
	ASSERT_SAYS_IN(text, "Outcome: referred to physician review: ODI has not improved since intake\n");
	/* The approvals it missed, and by how much. */
	ASSERT_SAYS_IN(text, "\nWhat would have changed it:\n");
	ASSERT_SAYS_IN(text, "ODI improving by at least 10 points since intake would have met \"meaningful\" (up to 12 visits)");
	ASSERT_SAYS_IN(text, "ODI improving by at least 30 percent since intake would have met \"relative\" (up to 10 visits)");
	ASSERT_SAYS_IN(text, "ODI improving by more than 0 points since intake would have met \"some\" (up to 6 visits)");
	ASSERT_BEFORE(text, "\"meaningful\" (up to 12", "\"some\" (up to 6");
	free(text);
}
END_TEST

START_TEST(explain_a_partial_approval)
{
	urc_case c;
	urc_bound b;
	urc_decision d;
	make(K_PART, &c);
	decide(&c, &b, &d);
	char *text = explain_text(&b, &d);
	ASSERT_SAYS_IN(text, "ODI improved 5 points since intake");
	ASSERT_SAYS_IN(text, "rule \"some\": when ");
	ASSERT_SAYS_IN(text, "-> matched");
	ASSERT_SAYS_IN(text, "Outcome: approved in part: 6 of 10 visits, 2026-03-02 to 2026-03-31\n");
	ASSERT_SAYS_IN(text, "What would have changed it:");
	ASSERT_SAYS_IN(text, "would have met \"meaningful\" (up to 12 visits)");
	ASSERT_SAYS_IN(text, "would have met \"relative\" (up to 10 visits)");
	ASSERT_NOT_IN(text, "would have met \"some\"");
	free(text);
}
END_TEST

START_TEST(explain_other_outcomes)
{
	urc_case c;
	urc_bound b;
	urc_decision d;
	char *text;

	make(K_FULL, &c);
	decide(&c, &b, &d);
	text = explain_text(&b, &d);
	ASSERT_SAYS_IN(text, "Phase: initial requests (this is request 1)");
	ASSERT_SAYS_IN(text, "rule \"severe\": when ");
	ASSERT_SAYS_IN(text, "ODI at intake 40");
	ASSERT_SAYS_IN(text, "rule \"home\": when ");
	ASSERT_SAYS_IN(text, "setting outpatient");
	ASSERT_SAYS_IN(text, "Outcome: approved in full: 8 of 8 visits, 2026-03-02 to 2026-04-15\n");
	ASSERT_NOT_IN(text, "What would have changed it");
	free(text);

	make(K_EXPEDITE, &c);
	decide(&c, &b, &d);
	text = explain_text(&b, &d);
	ASSERT_SAYS_IN(text, "(expedited review: decision due 2026-03-05)");
	free(text);

	make(K_PEND, &c);
	decide(&c, &b, &d);
	text = explain_text(&b, &d);
	ASSERT_SAYS_IN(text, "1. require ODI scores: MISSING\n");
	ASSERT_SAYS_IN(text, "Outcome: pended for missing information: needs ODI scores at intake\n");
	ASSERT_NOT_IN(text, "What would have changed it");
	free(text);

	make(K_NONE, &c);
	decide(&c, &b, &d);
	text = explain_text(&b, &d);
	ASSERT_SAYS_IN(text, "No guideline covers PT in the snf setting for these diagnoses.");
	ASSERT_SAYS_IN(text, "Outcome: no guideline");
	free(text);

	make(K_AUTO, &c);
	decide(&c, &b, &d);
	text = explain_text(&b, &d);
	ASSERT_SAYS_IN(text, "The member's plan (ma) approves request 1 without clinical review.");
	ASSERT_SAYS_IN(text, "Outcome: approved in full: 8 of 8 visits");
	ASSERT_NOT_IN(text, "require ODI");
	free(text);

	make(K_MISSING, &c);
	decide(&c, &b, &d);
	text = explain_text(&b, &d);
	ASSERT_SAYS_IN(text, "BBS gain since intake (points): not in the case");
	ASSERT_SAYS_IN(text, "-> not matched: a value it tests is not in the case");
	ASSERT_SAYS_IN(text, "Outcome: referred to physician review: ");
	free(text);

	make(K_ODD, &c);
	decide(&c, &b, &d);
	text = explain_text(&b, &d);
	ASSERT_SAYS_IN(text, "Cited: plan \"policy\"\n       CMS\n");
	ASSERT_SAYS_IN(text, "visits used 30");
	free(text);

	/* The cited rule of a referral by the first phase. */
	base(&c);
	score(&c, "ODI", 70, "2026-02-20");
	decide(&c, &b, &d);
	text = explain_text(&b, &d);
	ASSERT_SAYS_IN(text, "Outcome: referred to physician review: ODI at intake is 60 or more\nCited: Fritz 2001\n");
	free(text);
}
END_TEST

/* ---- the table as decision tables ---- */

START_TEST(table_print_names_every_rule)
{
	printed p;
	ck_assert_int_eq(urc_table_print(open_out(&p), tab), 0);
	const char *text = close_out(&p);
	int rules = 0;
	for (uint32_t i = 0; i < tab->h->items.count; i++) {
		const urt_item *it = &tab->items[i];
		char want[128];
		if (it->kind == URT_ITEM_RULE) {
			snprintf(want, sizeof want, "| %s |", urc_str(tab, it->name));
			rules++;
		} else if (it->kind == URT_ITEM_REQUIRE) {
			snprintf(want, sizeof want, "| require %s |", urc_str(tab, tab->measures[it->measure].name));
		} else {
			snprintf(want, sizeof want, "| otherwise |");
		}
		ASSERT_SAYS_IN(text, want);
	}
	ck_assert_int_eq(rules, 8);
	ASSERT_SAYS_IN(text, "runtime table: 2 guidelines, 3 measures, 3 settings, 2 plans\n");
	char ref[128], want[256];
	guideline_ref("lbp", ref, sizeof ref);
	snprintf(want, sizeof want, "\nguideline %s \"Low back pain\" (PT, ortho)\n", ref);
	ASSERT_SAYS_IN(text, want);
	ASSERT_SAYS_IN(text, "  source: test.guide:11\n");
	ASSERT_SAYS_IN(text, "  diagnoses: M51.1- M54.16 M54.17\n");
	ASSERT_SAYS_IN(text, "  settings: outpatient home_health\n");
	ASSERT_SAYS_IN(text, "  window: 28 to 60 days; frequency at most 3 per week\n");
	ASSERT_SAYS_IN(text, "  diagnoses: I69.3- R26.89\n");
	ASSERT_SAYS_IN(text, "  window: 30 to 60 days\n");
	ASSERT_BEFORE(text, "  initial requests\n", "  continued requests\n");
	/* Cells and outcomes in words; a rule of two rows has an "(or)" row. */
	ASSERT_SAYS_IN(text, "| 2 | severe | >= 60 | - | refer: ODI at intake is 60 or more |");
	ASSERT_SAYS_IN(text, "| 3 | home | - | home_health | approve up to 6 visits over 30 days |");
	ASSERT_SAYS_IN(text, "| 4 | otherwise | - | - | approve up to 8 visits over 45 days |");
	ASSERT_SAYS_IN(text, "| 2 | many visits | >= 24 | - | - | - |");
	ASSERT_SAYS_IN(text, "| 2 (or) | many visits | - | >= 121 | - | - |"); /* whole days */
	ASSERT_SAYS_IN(text, "| 3 | meaningful | - | - | >= 10 | - | approve up to 12 visits over 30 days |");
	ASSERT_SAYS_IN(text, "| 4 | relative | - | - | - | >= 30 | approve up to 10 visits over 30 days |");
	ASSERT_SAYS_IN(text, "| 5 | some | - | - | > 0 | - | approve up to 6 visits over 30 days |");
	ASSERT_SAYS_IN(text, "refer: ODI has not improved since intake |");
	ASSERT_SAYS_IN(text, "| # | rule | visits used | days since start of care | ODI gain since intake (points) "
	                     "| ODI gain since intake (percent) | outcome |");
	free(p.text);
}
END_TEST

/* ---- known bugs (run with URC_TEST_KNOWN_BUGS=1) ---- */

/* urc table prints a referral's text as it is: a text holding a newline
 * (the language allows "\n") splits its row in two, so the table is no
 * longer one row a line. */
START_TEST(bug_table_print_breaks_rows_on_newlines)
{
	printed p;
	ck_assert_int_eq(urc_table_print(open_out(&p), tab), 0);
	const char *text = close_out(&p);
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		ck_assert_ptr_nonnull(end);
		if (strncmp(line, "  |", 3) == 0 || strncmp(line, "next line", 9) == 0)
			ck_assert_msg(end[-1] == '|' && line[2] == '|', "a broken row: %.*s", (int)(end - line), line);
		line = end + 1;
	}
	free(p.text);
}
END_TEST

Suite *output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("decisions");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, yaml_of_a_full_approval);
	tcase_add_test(tc, json_of_a_full_approval);
	tcase_add_loop_test(tc, every_outcome_parses, 0, K_COUNT);
	tcase_add_test(tc, trace_words);
	tcase_add_test(tc, odd_text_round_trips);
	tcase_add_test(tc, batches);
	tcase_add_test(tc, error_records);
	tcase_add_test(tc, write_failures_are_reported);
	suite_add_tcase(s, tc);

	tc = tcase_create("explain");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, explain_a_referral_that_missed);
	tcase_add_test(tc, explain_a_partial_approval);
	tcase_add_test(tc, explain_other_outcomes);
	tcase_add_test(tc, table_print_names_every_rule);
	suite_add_tcase(s, tc);

	if (urc_test_known_bugs()) {
		tc = tcase_create("known bugs");
		tcase_add_checked_fixture(tc, setup, teardown);
		tcase_add_test(tc, bug_table_print_breaks_rows_on_newlines);
		suite_add_tcase(s, tc);
	}
	return s;
}
