/* case_read.c — reads authorization requests ("cases") from YAML, JSON or
 * JSON Lines into a caller's urc_case, walking libyaml's events. Each text
 * case_input.c cuts gets a fresh parser, so a syntax error costs only its
 * own case and line numbers stay exact. The only runtime file with <yaml.h>. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "case.h"
#include "case_fields.h"
#include "case_input.h"
#include "case_values.h"

enum {
	SHOW_SIZE = URC_CASE_SHOW_MAX * 2, /* a quoted value, escapes included */
	NEST_MAX = 64,           /* deepest nesting passed over: libyaml's time
	                          * grows with the square of the depth */
};

struct urc_case_reader {
	urc_case_input in;     /* the input, cut into one text per case */
	bool odd_breaks;       /* in.text breaks lines other than with '\n' */
	yaml_parser_t parser;  /* parses in.text while parsing is set */
	bool parsing;          /* parser is initialized */
};

/* ---- messages ---- */

/* Where a problem is: prefix[index].key, each part optional. */
typedef struct where {
	const char *prefix; /* "request", "scores", "request.diagnoses"; NULL at the top */
	int index;          /* list index (from 0), or -1 */
	const char *key;    /* field name, or NULL */
} where;

/* The walk over the events of one case. */
typedef struct walk {
	urc_case_reader *r;  /* whose parser gives the events */
	urc_case *c;         /* the case being filled */
	urc_case_error *err; /* its first problem */
	bool failed;         /* err holds the first problem */
	bool broken;         /* the parser failed: the rest of the text is lost */
	bool ended;          /* the parser gave its STREAM-END: the text is done */
	bool id_ok;          /* c->id holds the case's id */
	yaml_mark_t id_end;  /* where the id ends in the text */
	bool got_received;   /* received was given */
	unsigned request;    /* bits (1 << REQUEST_*) of the request fields given */
	long request_line;   /* line of the request mapping, 0 when none */
} walk;

/* 1 when the n bytes at s break lines other than with '\n': a CR alone,
 * NEL, LS or PS, which libyaml counts as line breaks and we do not. */
static bool has_odd_breaks(const char *s, size_t n)
{
	for (const char *p = s; (p = memchr(p, '\r', (size_t)(s + n - p))) != NULL; p++)
		if (p + 1 == s + n || p[1] != '\n')
			return true;
	for (const char *p = s; (p = memchr(p, '\xC2', (size_t)(s + n - p))) != NULL; p++)
		if (p + 1 < s + n && p[1] == '\x85')
			return true;
	for (const char *p = s; (p = memchr(p, '\xE2', (size_t)(s + n - p))) != NULL; p++)
		if (p + 2 < s + n && p[1] == '\x80' && (p[2] == '\xA8' || p[2] == '\xA9'))
			return true;
	return false;
}

/* The line, in the whole input, of mark m in the text. Lines end at '\n'
 * only (as wc -l and editors on LF files count them). libyaml also breaks
 * at CR, NEL, LS and PS; in a text holding one of those, m's character
 * index is turned into a byte offset and the '\n's before it counted. */
static long line_at(const urc_case_reader *r, yaml_mark_t m)
{
	if (!r->odd_breaks)
		return r->in.text_line + (long)m.line;
	size_t i = 0, chars = 0;
	long line = r->in.text_line;
	if (r->in.text_len >= 3 && memcmp(r->in.text, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* libyaml does not count the byte order mark */
	for (; i < r->in.text_len; i++) {
		if (((unsigned char)r->in.text[i] & 0xC0) == 0x80)
			continue; /* a UTF-8 continuation byte: same character */
		if (chars++ == m.index)
			break;
		line += r->in.text[i] == '\n';
	}
	return line;
}

/* The number of characters libyaml sees in the text: its marks count
 * characters, not bytes. */
static size_t text_chars(const urc_case_reader *r)
{
	size_t i = 0, chars = 0;
	if (r->in.text_len >= 3 && memcmp(r->in.text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (; i < r->in.text_len; i++)
		chars += ((unsigned char)r->in.text[i] & 0xC0) != 0x80;
	return chars;
}

/* The line, in the whole input, of where ev starts. */
static long line_of(const walk *w, const yaml_event_t *ev)
{
	return line_at(w->r, ev->start_mark);
}

/* Records the case's first problem at line, in the field at, as printf's
 * fmt; later problems of the same case are dropped (one error per case,
 * no cascades). */
static void fail(walk *w, long line, where at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void fail(walk *w, long line, where at, const char *fmt, ...)
{
	if (w->failed)
		return;
	w->failed = true;
	urc_case_error *e = w->err;
	e->line = line;
	char index[24] = "";
	if (at.index >= 0)
		snprintf(index, sizeof index, "[%d]", at.index);
	int k = snprintf(e->field, sizeof e->field, "%s%s%s%s", at.prefix ? at.prefix : "", index,
	                 at.prefix && at.key ? "." : "", at.key ? at.key : "");
	if (k < 0)
		e->field[0] = '\0';
	va_list ap;
	va_start(ap, fmt);
	k = vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
	if (k < 0)
		e->message[0] = '\0';
}

/* An id that ends where a syntax error is found may be torn by it
 * ("id: C-3" then a wrongly indented "received: ..." reads as the id
 * "C-3 received"): it is not reported as the case's id. The marks count
 * characters, so bad bytes (reported by byte offset) compare by line. */
static void forget_torn_id(walk *w, const yaml_parser_t *p, long line)
{
	if (!w->id_ok)
		return;
	if (p->error == YAML_READER_ERROR ? line <= line_at(w->r, w->id_end)
	                                  : p->problem_mark.index <= w->id_end.index)
		w->id_ok = false;
}

/* Records the parser's failure: the text is not valid YAML (or JSON). It
 * replaces a problem found earlier in the case, which may be an artefact
 * of the bad syntax (a missing '}' shifting fields into the wrong place). */
static void fail_syntax(walk *w)
{
	const yaml_parser_t *p = &w->r->parser;
	const char *form = w->r->in.form == URC_CASE_FORM_JSONL ? "JSON" : "YAML";
	w->broken = true;
	w->failed = false;
	if (p->error == YAML_MEMORY_ERROR || p->problem == NULL) {
		fail(w, w->r->in.text_line, (where){ NULL, -1, NULL }, "out of memory reading the case");
		return;
	}
	if (p->error == YAML_READER_ERROR) {
		/* Bad bytes: libyaml gives an offset, not a line. */
		long line = w->r->in.text_line;
		size_t len = w->r->in.text_len;
		size_t end = p->problem_offset < len ? p->problem_offset : len;
		for (size_t i = 0; i < end; i++)
			line += w->r->in.text[i] == '\n';
		forget_torn_id(w, p, line);
		if (p->problem_value >= 0)
			fail(w, line, (where){ NULL, -1, NULL }, "not valid %s: %s (byte 0x%02X)", form,
			     p->problem, (unsigned)p->problem_value & 0xFFu);
		else
			fail(w, line, (where){ NULL, -1, NULL }, "not valid %s: %s", form, p->problem);
		return;
	}
	/* A problem at the end of the text is on its last line, not on the
	 * line after the final line break. */
	char at[48];
	long line = line_at(w->r, p->problem_mark);
	size_t chars = text_chars(w->r);
	if (p->problem_mark.index >= chars) {
		line = w->r->in.text_line;
		for (size_t i = 0; i + 1 < w->r->in.text_len; i++)
			line += w->r->in.text[i] == '\n';
		snprintf(at, sizeof at, "at the end of the case");
	} else {
		snprintf(at, sizeof at, "at column %ld", (long)p->problem_mark.column + 1);
	}
	forget_torn_id(w, p, line);
	if (p->context == NULL || p->context_mark.index >= chars)
		fail(w, line, (where){ NULL, -1, NULL }, "not valid %s: %s %s", form, p->problem, at);
	else if (line_at(w->r, p->context_mark) == line)
		fail(w, line, (where){ NULL, -1, NULL }, "not valid %s: %s %s (%s that starts at column %ld)",
		     form, p->problem, at, p->context, (long)p->context_mark.column + 1);
	else
		fail(w, line, (where){ NULL, -1, NULL }, "not valid %s: %s %s (%s that starts at line %ld)",
		     form, p->problem, at, p->context, line_at(w->r, p->context_mark));
}

/* ---- events ---- */

/* Parses the next event into *ev (the caller deletes it). Returns 0, or -1
 * when the parser failed: the problem is recorded and ev needs no delete. */
static int next_event(walk *w, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&w->r->parser, ev)) {
		fail_syntax(w);
		return -1;
	}
	return 0;
}

/* Consumes the rest of the node that ev starts (nothing for a scalar or
 * an alias); ev itself stays the caller's. Returns 0, or -1 when the
 * parser failed or the node nests deeper than NEST_MAX: libyaml scans
 * "[[[[..." in time quadratic in the depth, so the rest of such a text is
 * given up rather than read. Iterative: no input can exhaust the stack. */
static int skip_node(walk *w, const yaml_event_t *ev)
{
	if (ev->type != YAML_MAPPING_START_EVENT && ev->type != YAML_SEQUENCE_START_EVENT)
		return 0;
	long depth = 1;
	while (depth > 0) {
		yaml_event_t e;
		if (next_event(w, &e) != 0)
			return -1;
		if (e.type == YAML_MAPPING_START_EVENT || e.type == YAML_SEQUENCE_START_EVENT)
			depth++;
		else if (e.type == YAML_MAPPING_END_EVENT || e.type == YAML_SEQUENCE_END_EVENT)
			depth--;
		if (depth > NEST_MAX) {
			w->failed = false; /* this outranks earlier problems, as syntax errors do */
			fail(w, line_of(w, &e), (where){ NULL, -1, NULL },
			     "lists and mappings nested more than %d deep", NEST_MAX);
			w->broken = true;
			yaml_event_delete(&e);
			return -1;
		}
		yaml_event_delete(&e);
	}
	return 0;
}

/* What ev is, for "expected X, not Y". */
static const char *kind_of(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_ALIAS_EVENT:
		return "an alias";
	default:
		return "a single value";
	}
}

/* The tag written on ev (!foo), or NULL. */
static const char *tag_of(const yaml_event_t *ev)
{
	const yaml_char_t *t = NULL;
	if (ev->type == YAML_SCALAR_EVENT)
		t = ev->data.scalar.tag;
	else if (ev->type == YAML_MAPPING_START_EVENT)
		t = ev->data.mapping_start.tag;
	else if (ev->type == YAML_SEQUENCE_START_EVENT)
		t = ev->data.sequence_start.tag;
	return (const char *)t;
}

/* 1 when ev is a null scalar: empty, ~ or null, unquoted. */
static bool is_null(const yaml_event_t *ev)
{
	if (ev->type != YAML_SCALAR_EVENT || ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    ev->data.scalar.tag != NULL)
		return false;
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	return n == 0 || (n == 1 && s[0] == '~') ||
	       (n == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) || !memcmp(s, "NULL", 4)));
}

/* Rejects what a case never uses: aliases and tags. Returns 0 when ev is
 * plain data, -1 after recording the problem and skipping ev's node
 * (w->broken tells whether the parser failed meanwhile). */
static int check_plain_data(walk *w, const yaml_event_t *ev, where at)
{
	char buf[64];
	if (ev->type == YAML_ALIAS_EVENT) {
		const char *a = (const char *)ev->data.alias.anchor;
		fail(w, line_of(w, ev), at, "aliases (*%s) are not allowed in a case",
		     urc_case_value_shown(buf, sizeof buf, a, strlen(a)));
		return -1;
	}
	const char *tag = tag_of(ev);
	if (tag != NULL) {
		fail(w, line_of(w, ev), at, "tags (%s) are not allowed in a case",
		     urc_case_value_shown(buf, sizeof buf, tag, strlen(tag)));
		skip_node(w, ev);
		return -1;
	}
	return 0;
}

/* Takes ev as a scalar: expected names what the field wants ("a date").
 * Returns 1 with its text in *s, *n; 0 when it is null (the field is left
 * out); -1 after recording a problem (ev's node consumed). */
static int scalar(walk *w, const yaml_event_t *ev, where at, const char *expected, const char **s,
                  size_t *n)
{
	if (check_plain_data(w, ev, at) != 0)
		return -1;
	if (ev->type != YAML_SCALAR_EVENT) {
		fail(w, line_of(w, ev), at, "expected %s, not %s", expected, kind_of(ev));
		skip_node(w, ev);
		return -1;
	}
	if (is_null(ev))
		return 0;
	*s = (const char *)ev->data.scalar.value;
	*n = ev->data.scalar.length;
	return 1;
}

/* ---- values ---- */

/* The read_* below take ev as a scalar, whose text case_values.c reads.
 * Each returns 1 stored, 0 null (the field is left out), -1 bad (the
 * problem recorded). */

/* Records why, a value reader's words, as the problem of ev in the field
 * at. Returns -1. */
static int bad_value(walk *w, const yaml_event_t *ev, where at, const char *why)
{
	fail(w, line_of(w, ev), at, "%s", why);
	return -1;
}

/* 1 when ev, a scalar, is written in quotes. */
static bool quoted(const yaml_event_t *ev)
{
	return ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
}

/* text: a string of at most size - 1 bytes, without control characters,
 * copied into buf; expected says what it is ("a name"). */
static int read_text(walk *w, const yaml_event_t *ev, where at, const char *expected, char *buf,
                     size_t size)
{
	const char *s;
	size_t n;
	char why[sizeof w->err->message];
	int k = scalar(w, ev, at, expected, &s, &n);
	if (k > 0 && urc_case_value_text(s, n, at.key, buf, size, why, sizeof why) != 0)
		return bad_value(w, ev, at, why);
	return k;
}

/* whole: [+-]? digits, no leading zero, no quotes; min <= value <= 1e6. */
static int read_whole(walk *w, const yaml_event_t *ev, where at, int min, int *out)
{
	const char *s;
	size_t n;
	char why[sizeof w->err->message];
	int k = scalar(w, ev, at, "a whole number", &s, &n);
	if (k > 0 && urc_case_value_whole(s, n, quoted(ev), at.key, min, out, why, sizeof why) != 0)
		return bad_value(w, ev, at, why);
	return k;
}

/* number: a finite decimal without quotes. */
static int read_number(walk *w, const yaml_event_t *ev, where at, double *out)
{
	const char *s;
	size_t n;
	char why[sizeof w->err->message];
	int k = scalar(w, ev, at, "a number", &s, &n);
	if (k > 0 && urc_case_value_number(s, n, quoted(ev), out, why, sizeof why) != 0)
		return bad_value(w, ev, at, why);
	return k;
}

/* date: YYYY-MM-DD, quoted or not (JSON has no dates). */
static int read_date(walk *w, const yaml_event_t *ev, where at, urc_date *out)
{
	const char *s;
	size_t n;
	char why[sizeof w->err->message];
	int k = scalar(w, ev, at, "a date (YYYY-MM-DD)", &s, &n);
	if (k > 0 && urc_case_value_date(s, n, out, why, sizeof why) != 0)
		return bad_value(w, ev, at, why);
	return k;
}

/* ---- mappings ---- */

enum { FIELDS_MAX = 8 }; /* most fields of one mapping */

/* A mapping being read: its known fields and which were given. */
typedef struct fields {
	urc_case_section section; /* whose fields (case_fields.c) */
	where at;                 /* the mapping itself (key NULL) */
	const char *in;           /* "in request", for messages */
	unsigned seen;            /* bit i: field i was given */
	long seen_line[FIELDS_MAX]; /* where each was given */
} fields;

/* Records an unknown field, with a suggestion when one is near. */
static void unknown_field(walk *w, const fields *m, const yaml_event_t *key)
{
	if (w->failed)
		return; /* the suggestion costs time, and only the first problem shows */
	const char *s = (const char *)key->data.scalar.value;
	size_t n = key->data.scalar.length;
	char show[SHOW_SIZE], other[64];
	where at = m->at;
	at.key = urc_case_value_shown(show, sizeof show, s, n);
	const char *near = urc_case_field_suggest(m->section, s, n);
	const char *elsewhere = near ? NULL : urc_case_field_elsewhere(s, n, other, sizeof other);
	if (near)
		fail(w, line_of(w, key), at, "unknown field '%s' %s (did you mean '%s'?)", show, m->in,
		     near);
	else if (elsewhere)
		fail(w, line_of(w, key), at, "unknown field '%s' %s (did you mean %s?)", show, m->in,
		     elsewhere);
	else
		fail(w, line_of(w, key), at, "unknown field '%s' %s", show, m->in);
}

/* Reads the next field of a mapping whose MAPPING-START was consumed.
 * Returns 1 with *key its index and *val the first event of its value
 * (the caller deletes it); 0 after the MAPPING-END; -1 when the parser
 * failed. Unknown, repeated and non-scalar keys are recorded as problems
 * and their values skipped. */
static int next_field(walk *w, fields *m, int *key, yaml_event_t *val)
{
	for (;;) {
		yaml_event_t k;
		if (next_event(w, &k) != 0)
			return -1;
		if (k.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&k);
			return 0;
		}
		int idx = -1;
		long line = line_of(w, &k);
		if (k.type != YAML_SCALAR_EVENT) {
			fail(w, line, m->at, "a field name must be a word, not %s", kind_of(&k));
			int rc = skip_node(w, &k);
			yaml_event_delete(&k);
			if (rc != 0)
				return -1;
		} else {
			idx = urc_case_field_find(m->section, (const char *)k.data.scalar.value,
			                          k.data.scalar.length);
			if (idx < 0) {
				unknown_field(w, m, &k);
			} else if (m->seen & 1u << idx) {
				where at = m->at;
				at.key = urc_case_field_name(m->section, idx);
				if (m->seen_line[idx] == line)
					fail(w, line, at, "duplicate field '%s' %s", at.key, m->in);
				else
					fail(w, line, at, "duplicate field '%s' %s (first given at line %ld)",
					     at.key, m->in, m->seen_line[idx]);
				idx = -1;
			} else {
				m->seen |= 1u << idx;
				m->seen_line[idx] = line;
			}
			yaml_event_delete(&k);
		}
		if (next_event(w, val) != 0)
			return -1;
		if (idx >= 0) {
			*key = idx;
			return 1;
		}
		int rc = skip_node(w, val);
		yaml_event_delete(val);
		if (rc != 0)
			return -1;
	}
}

/* Takes ev as the start of a section (member, request, history): returns
 * 1 for a mapping, 0 for null (left out), -1 after recording a problem. */
static int section_start(walk *w, const yaml_event_t *ev, where at, const char *what)
{
	if (check_plain_data(w, ev, at) != 0)
		return -1;
	if (ev->type == YAML_MAPPING_START_EVENT)
		return 1;
	if (is_null(ev))
		return 0;
	if (ev->type == YAML_SCALAR_EVENT) {
		char show[SHOW_SIZE];
		fail(w, line_of(w, ev), at, "expected %s, not '%s'", what,
		     urc_case_value_shown(show, sizeof show, (const char *)ev->data.scalar.value,
		                          ev->data.scalar.length));
	} else {
		fail(w, line_of(w, ev), at, "expected %s, not %s", what, kind_of(ev));
	}
	skip_node(w, ev);
	return -1;
}

/* member: { age | age_months, plan?, state? } */
static int read_member(walk *w)
{
	urc_case *c = w->c;
	fields m = { .section = URC_SECTION_MEMBER, .at = { "member", -1, NULL },
	             .in = "in member" };
	bool age_given = false;
	int key, rc;
	yaml_event_t v;
	while ((rc = next_field(w, &m, &key, &v)) == 1) {
		where at = { "member", -1, urc_case_field_name(URC_SECTION_MEMBER, key) };
		double x = 0;
		const char *s;
		size_t n;
		char why[sizeof w->err->message];
		switch ((enum urc_member_field)key) {
		case URC_MEMBER_AGE:
		case URC_MEMBER_AGE_MONTHS: {
			bool years = key == URC_MEMBER_AGE;
			if (read_number(w, &v, at, &x) <= 0)
				break;
			if (age_given)
				fail(w, line_of(w, &v), at, "give age or age_months, not both");
			else if (urc_case_value_age(x, years, at.key, why, sizeof why) != 0)
				bad_value(w, &v, at, why);
			age_given = true;
			c->age_months = years ? x * 12 : x;
			c->present |= URC_HAS_AGE;
			break;
		}
		case URC_MEMBER_PLAN:
			if (read_text(w, &v, at, "a plan name", c->plan, sizeof c->plan) > 0)
				c->present |= URC_HAS_PLAN;
			break;
		case URC_MEMBER_STATE:
			if (scalar(w, &v, at, "a two-letter state", &s, &n) <= 0)
				break;
			if (urc_case_value_state(s, n, c->state, why, sizeof why) != 0)
				bad_value(w, &v, at, why);
			else
				c->present |= URC_HAS_STATE;
			break;
		case URC_MEMBER_NFIELDS:
			break;
		}
		yaml_event_delete(&v);
		if (w->broken)
			return -1;
	}
	return rc;
}

/* diagnoses: [ code, ... ] with 1 to URC_CASE_MAX_DIAGNOSES codes */
static int read_diagnoses(walk *w, const yaml_event_t *ev, where at)
{
	urc_case *c = w->c;
	if (check_plain_data(w, ev, at) != 0)
		return -1;
	if (is_null(ev))
		return 0;
	if (ev->type != YAML_SEQUENCE_START_EVENT) {
		fail(w, line_of(w, ev), at, "expected a list of ICD-10-CM codes, e.g. [M54.16], not %s",
		     kind_of(ev));
		skip_node(w, ev);
		return -1;
	}
	for (int i = 0;; i++) {
		yaml_event_t item;
		if (next_event(w, &item) != 0)
			return -1;
		if (item.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&item);
			break;
		}
		where at_i = { "request.diagnoses", i, NULL };
		const char *s = NULL;
		size_t n = 0;
		int k = -1;
		if (i >= URC_CASE_MAX_DIAGNOSES) {
			fail(w, line_of(w, &item), at, "too many diagnoses (at most %d)",
			     URC_CASE_MAX_DIAGNOSES);
			skip_node(w, &item);
		} else {
			k = scalar(w, &item, at_i, "an ICD-10-CM code", &s, &n);
		}
		if (k == 0) {
			fail(w, line_of(w, &item), at_i, "expected an ICD-10-CM code, not null");
		} else if (k > 0) {
			char why[sizeof w->err->message];
			if (urc_case_value_code(s, n, c->diagnoses[i], why, sizeof why) != 0)
				bad_value(w, &item, at_i, why);
			else
				c->ndiagnoses = i + 1;
		}
		yaml_event_delete(&item);
		if (w->broken)
			return -1;
	}
	if (c->ndiagnoses == 0) {
		fail(w, line_of(w, ev), at, "a case needs at least one diagnosis");
		return -1;
	}
	return 1;
}

/* request: { discipline, setting, diagnoses, sequence, visits, start? } */
static int read_request(walk *w, const yaml_event_t *start)
{
	urc_case *c = w->c;
	fields m = { .section = URC_SECTION_REQUEST, .at = { "request", -1, NULL },
	             .in = "in request" };
	int key, rc;
	yaml_event_t v;
	w->request_line = line_of(w, start);
	while ((rc = next_field(w, &m, &key, &v)) == 1) {
		where at = { "request", -1, urc_case_field_name(URC_SECTION_REQUEST, key) };
		int k = 0;
		switch ((enum urc_request_field)key) {
		case URC_REQUEST_DISCIPLINE: {
			const char *s;
			size_t n;
			char why[sizeof w->err->message];
			k = scalar(w, &v, at, "PT, OT or SLP", &s, &n);
			if (k > 0 && urc_case_value_discipline(s, n, c->discipline, why, sizeof why) != 0)
				k = bad_value(w, &v, at, why);
			break;
		}
		case URC_REQUEST_SETTING:
			k = read_text(w, &v, at, "a setting name", c->setting, sizeof c->setting);
			break;
		case URC_REQUEST_DIAGNOSES:
			k = read_diagnoses(w, &v, at);
			break;
		case URC_REQUEST_SEQUENCE:
			k = read_whole(w, &v, at, 1, &c->request_number);
			break;
		case URC_REQUEST_VISITS:
			k = read_whole(w, &v, at, 1, &c->visits_requested);
			break;
		case URC_REQUEST_START:
			k = read_date(w, &v, at, &c->start);
			if (k > 0)
				c->present |= URC_HAS_START;
			break;
		case URC_REQUEST_NFIELDS:
			break;
		}
		if (k > 0)
			w->request |= 1u << key;
		yaml_event_delete(&v);
		if (w->broken)
			return -1;
	}
	return rc;
}

/* history: { visits_used?, start_of_care? } */
static int read_history(walk *w)
{
	urc_case *c = w->c;
	fields m = { .section = URC_SECTION_HISTORY, .at = { "history", -1, NULL },
	             .in = "in history" };
	int key, rc;
	yaml_event_t v;
	while ((rc = next_field(w, &m, &key, &v)) == 1) {
		where at = { "history", -1, urc_case_field_name(URC_SECTION_HISTORY, key) };
		switch ((enum urc_history_field)key) {
		case URC_HISTORY_VISITS_USED:
			if (read_whole(w, &v, at, 0, &c->visits_used) > 0)
				c->present |= URC_HAS_VISITS_USED;
			break;
		case URC_HISTORY_START_OF_CARE:
			if (read_date(w, &v, at, &c->start_of_care) > 0)
				c->present |= URC_HAS_START_OF_CARE;
			break;
		case URC_HISTORY_NFIELDS:
			break;
		}
		yaml_event_delete(&v);
		if (w->broken)
			return -1;
	}
	return rc;
}

/* score: { measure, score, date }, the i-th of the list */
static int read_score(walk *w, const yaml_event_t *start, int i)
{
	urc_case_score *sc = &w->c->scores[i];
	fields m = { .section = URC_SECTION_SCORE, .at = { "scores", i, NULL },
	             .in = "in a score" };
	unsigned got = 0;
	int key, rc;
	yaml_event_t v;
	while ((rc = next_field(w, &m, &key, &v)) == 1) {
		where at = { "scores", i, urc_case_field_name(URC_SECTION_SCORE, key) };
		int k = 0;
		switch ((enum urc_score_field)key) {
		case URC_SCORE_MEASURE:
			k = read_text(w, &v, at, "a measure name", sc->measure, sizeof sc->measure);
			break;
		case URC_SCORE_SCORE:
			k = read_number(w, &v, at, &sc->value);
			break;
		case URC_SCORE_DATE:
			k = read_date(w, &v, at, &sc->date);
			break;
		case URC_SCORE_NFIELDS:
			break;
		}
		if (k > 0)
			got |= 1u << key;
		yaml_event_delete(&v);
		if (w->broken)
			return -1;
	}
	if (rc != 0)
		return rc;
	for (int f = 0; f < URC_SCORE_NFIELDS; f++) {
		const char *name = urc_case_field_name(URC_SECTION_SCORE, f);
		if (!(got & 1u << f))
			fail(w, line_of(w, start), (where){ "scores", i, name }, "missing: a score needs %s",
			     name);
	}
	w->c->nscores = i + 1;
	return 0;
}

/* scores: [ score, ... ] with at most URC_CASE_MAX_SCORES */
static int read_scores(walk *w, const yaml_event_t *ev, where at)
{
	if (check_plain_data(w, ev, at) != 0)
		return -1;
	if (is_null(ev))
		return 0;
	if (ev->type != YAML_SEQUENCE_START_EVENT) {
		fail(w, line_of(w, ev), at,
		     "expected a list of scores ({measure: ODI, score: 42, date: 2026-01-05}), not %s",
		     kind_of(ev));
		skip_node(w, ev);
		return -1;
	}
	for (int i = 0;; i++) {
		yaml_event_t item;
		if (next_event(w, &item) != 0)
			return -1;
		if (item.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&item);
			return 1;
		}
		where at_i = { "scores", i, NULL };
		if (i >= URC_CASE_MAX_SCORES) {
			fail(w, line_of(w, &item), at, "too many scores (at most %d)", URC_CASE_MAX_SCORES);
			skip_node(w, &item);
		} else {
			int k = section_start(w, &item, at_i, "a score ({measure, score, date})");
			if (k == 0)
				fail(w, line_of(w, &item), at_i,
				     "expected a score ({measure, score, date}), not null");
			else if (k > 0)
				read_score(w, &item, i);
		}
		yaml_event_delete(&item);
		if (w->broken)
			return -1;
	}
}

/* case: { id, received, review?, member?, request, history?, scores? }
 * start is the case's MAPPING-START. Fills w->c; problems go to w->err. */
static int read_case(walk *w, const yaml_event_t *start)
{
	urc_case *c = w->c;
	memset(c, 0, sizeof *c);
	c->line = line_of(w, start);
	fields m = { .section = URC_SECTION_CASE, .at = { NULL, -1, NULL },
	             .in = "in the case" };
	int key, rc;
	yaml_event_t v;
	while ((rc = next_field(w, &m, &key, &v)) == 1) {
		where at = { NULL, -1, urc_case_field_name(URC_SECTION_CASE, key) };
		switch ((enum urc_case_field)key) {
		case URC_CASE_ID:
			w->id_ok = read_text(w, &v, at, "an id", c->id, sizeof c->id) > 0;
			w->id_end = v.end_mark;
			break;
		case URC_CASE_RECEIVED:
			w->got_received = read_date(w, &v, at, &c->received) > 0;
			break;
		case URC_CASE_REVIEW: {
			const char *s;
			size_t n;
			char why[sizeof w->err->message];
			if (scalar(w, &v, at, "standard or expedited", &s, &n) > 0 &&
			    urc_case_value_review(s, n, &c->review, why, sizeof why) != 0)
				bad_value(w, &v, at, why);
			break;
		}
		case URC_CASE_MEMBER:
			if (section_start(w, &v, at, "a mapping (age, plan, state)") > 0)
				read_member(w);
			break;
		case URC_CASE_REQUEST:
			if (section_start(w, &v, at,
			                  "a mapping (discipline, setting, diagnoses, sequence, visits)") > 0)
				read_request(w, &v);
			break;
		case URC_CASE_HISTORY:
			if (section_start(w, &v, at, "a mapping (visits_used, start_of_care)") > 0)
				read_history(w);
			break;
		case URC_CASE_SCORES:
			read_scores(w, &v, at);
			break;
		case URC_CASE_NFIELDS:
			break;
		}
		yaml_event_delete(&v);
		if (w->broken)
			return -1;
	}
	if (rc != 0)
		return rc;
	if (!w->id_ok)
		fail(w, c->line, (where){ NULL, -1, "id" }, "missing: a case needs id");
	if (!w->got_received)
		fail(w, c->line, (where){ NULL, -1, "received" }, "missing: a case needs received");
	static const int required[] = { URC_REQUEST_DISCIPLINE, URC_REQUEST_SETTING,
		                        URC_REQUEST_DIAGNOSES, URC_REQUEST_SEQUENCE,
		                        URC_REQUEST_VISITS };
	for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
		const char *name = urc_case_field_name(URC_SECTION_REQUEST, required[i]);
		if (!(w->request & 1u << required[i]))
			fail(w, w->request_line ? w->request_line : c->line, (where){ "request", -1, name },
			     "missing: a case needs request.%s", name);
	}
	if (!(c->present & URC_HAS_START))
		c->start = c->received;
	if (!(c->present & URC_HAS_START_OF_CARE))
		c->start_of_care = c->start;
	else if (c->start_of_care > c->start)
		fail(w, c->line, (where){ "history", -1, "start_of_care" },
		     "the start of care is after the start of this request");
	return 0;
}

/* ---- documents ---- */

/* Ends the parser over the current text. */
static void stop_parsing(urc_case_reader *r)
{
	if (r->parsing) {
		yaml_parser_delete(&r->parser);
		r->parsing = false;
	}
	urc_case_input_trim(&r->in);
}

/* Reads the next document of the current text. Returns 1 with a case in
 * w->c, -1 with its problem in w->err, 0 when the text holds no further
 * document. An empty document (a lone '---') is passed over. */
static int read_document(walk *w)
{
	for (;;) {
		yaml_event_t ev;
		if (next_event(w, &ev) != 0)
			return -1;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&ev);
			return 0;
		case YAML_MAPPING_START_EVENT:
			if (check_plain_data(w, &ev, (where){ NULL, -1, NULL }) == 0)
				read_case(w, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_SCALAR_EVENT:
		case YAML_ALIAS_EVENT:
			if (is_null(&ev) && ev.data.scalar.length == 0) {
				yaml_event_delete(&ev); /* an empty document */
				continue;
			}
			fail(w, line_of(w, &ev), (where){ NULL, -1, NULL },
			     "a case must be a mapping of fields (id: ..., received: ..., request: ...), not %s",
			     kind_of(&ev));
			skip_node(w, &ev);
			break;
		default: /* stream and document start and end */
			yaml_event_delete(&ev);
			continue;
		}
		yaml_event_delete(&ev);
		if (w->broken)
			return -1;
		/* Read the DOCUMENT-END and what follows it, so that junk after
		 * the case (JSON Lines: "{...} x") counts against this case and
		 * not as one more. A following DOCUMENT-START is passed over on
		 * the next call; a STREAM-END ends the text now. */
		for (int i = 0; i < 2; i++) {
			yaml_event_t after;
			if (next_event(w, &after) != 0)
				return -1;
			yaml_event_type_t type = after.type;
			long line = line_of(w, &after);
			yaml_event_delete(&after);
			if (type == YAML_STREAM_END_EVENT) {
				w->ended = true;
				break;
			}
			if (type == YAML_DOCUMENT_START_EVENT && w->r->in.form == URC_CASE_FORM_JSONL) {
				/* "{...}\r---\r{...}": libyaml breaks lines at a CR */
				w->failed = false; /* outranks the first case's own problems */
				fail(w, line, (where){ NULL, -1, NULL },
				     "a line of JSON Lines holds one case, and this one holds more");
				w->broken = true; /* the rest of the line is given up */
				return -1;
			}
		}
		return w->failed ? -1 : 1;
	}
}

/* ---- the reader ---- */

urc_case_reader *urc_case_reader_open(FILE *f, const char *name)
{
	urc_case_reader *r = calloc(1, sizeof *r);
	if (r == NULL)
		return NULL;
	if (urc_case_input_open(&r->in, f, name) != 0) {
		free(r);
		return NULL;
	}
	return r;
}

/* Returns 1, 0 or -1 as case.h says. Each text (line or document) gets its
 * own parser; a case's problems never reach past its text. */
int urc_case_read(urc_case_reader *r, urc_case *c, urc_case_error *err)
{
	memset(err, 0, sizeof *err);
	for (;;) {
		if (r->in.finished)
			return 0;
		if (!r->parsing) {
			int k = urc_case_input_next(&r->in, err);
			if (k <= 0)
				return k;
			if (!yaml_parser_initialize(&r->parser)) {
				urc_case_input_fail(&r->in, err, "out of memory");
				return -1;
			}
			yaml_parser_set_input_string(&r->parser, (const unsigned char *)r->in.text,
			                             r->in.text_len);
			r->odd_breaks = has_odd_breaks(r->in.text, r->in.text_len);
			r->parsing = true;
		}
		walk w = { .r = r, .c = c, .err = err };
		int k = read_document(&w);
		if (w.broken || w.ended)
			stop_parsing(r);
		if (k < 0 && w.id_ok && err->case_id[0] == '\0')
			memcpy(err->case_id, c->id, sizeof err->case_id);
		if (k != 0)
			return k;
		stop_parsing(r);
	}
}

void urc_case_reader_close(urc_case_reader *r)
{
	if (r == NULL)
		return;
	if (r->parsing)
		yaml_parser_delete(&r->parser);
	urc_case_input_close(&r->in);
	free(r);
}
