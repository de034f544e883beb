/* testfile.c — reads guideline test files (NAME.cases.yaml). libyaml's
 * document API loads the file and resolves its anchors and aliases; merge
 * keys (<<) are expanded here, and each test's case is walked into
 * testfile_flow.c's text. The only compiler module that includes <yaml.h>. */
#include "testfile.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "load.h"
#include "suggest.h"
#include "testfile_flow.h"

enum {
	NEST_MAX = 32,           /* deepest mappings, lists and merges followed */
	WORK_MAX = 4000000,      /* nodes and keys visited per file: aliases that
	                          * expand without end are stopped */
	SHOW_MAX = 40,           /* bytes of a value quoted in a message */
	TEXT_MAX = 1000,         /* bytes of a name, step, reason or id */
	PATH_MAX_LEN = 128,      /* bytes of a field path in messages */
};

/* ---- the reader ---- */

/* A mapping's fields once merge keys are expanded. */
typedef struct pair {
	yaml_node_t *key;   /* a scalar */
	yaml_node_t *value;
} pair;

typedef struct pairs {
	pair *v;
	size_t n, cap;
} pairs;

typedef struct reader {
	urc_testfile *tf;
	yaml_document_t doc;   /* the loaded file */
	bool loaded;           /* doc must be deleted */
	const char *text;      /* the file's bytes (borrowed) */
	size_t len;
	bool odd_breaks;       /* lines break other than at '\n' */
	long work;             /* nodes and keys visited so far */
	bool exhausted;        /* work ran out: reported, reading stops */
	urc_testfile_case *tc; /* the entry being read, or NULL */
	long problems;         /* problems reported, repeats included */
	const char *today;     /* the file's 'today' (in today_text), or NULL */
	char today_text[11];
	long today_line;
} reader;

/* 1 when the n bytes at s break lines other than with '\n' or "\r\n". */
static bool has_odd_breaks(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b == '\r' && (i + 1 == n || s[i + 1] != '\n'))
			return true;
		if (b == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0x85)
			return true;
		if (b == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
			return true;
	}
	return false;
}

/* The 1-based line of mark m, counting '\n' only (as editors do). libyaml
 * also breaks at a lone CR, NEL, LS and PS; in a file holding one, m's
 * character index is turned into a byte offset and the '\n's before it
 * counted. */
static long line_at(const reader *r, yaml_mark_t m)
{
	if (!r->odd_breaks)
		return (long)m.line + 1;
	size_t i = 0, chars = 0;
	long line = 1;
	if (r->len >= 3 && memcmp(r->text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (; i < r->len; i++) {
		if (((unsigned char)r->text[i] & 0xC0) == 0x80)
			continue;
		if (chars++ == m.index)
			break;
		line += r->text[i] == '\n';
	}
	return line;
}

static long line_of(const reader *r, const yaml_node_t *n)
{
	return line_at(r, n->start_mark);
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = urc_xmalloc(n);
	memcpy(p, s, n);
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = urc_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Records a problem at line, for the test being read. A problem found in
 * a test but at a line outside it (in a fixture it shares) names the test;
 * the same message for the same line is given once. */
static void problem(reader *r, long line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void problem(reader *r, long line, const char *fmt, ...)
{
	char msg[768], full[1024];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (k < 0)
		snprintf(msg, sizeof msg, "(unprintable message)");
	r->problems++;
	if (r->tc)
		r->tc->ok = false;
	if (r->tc && r->tc->name && line > 0 && (line < r->tc->line || line > r->tc->last_line))
		snprintf(full, sizeof full, "%s (in test \"%s\" at line %ld)", msg, r->tc->name, r->tc->line);
	else
		snprintf(full, sizeof full, "%s", msg);
	urc_testfile *tf = r->tf;
	for (size_t i = 0; i < tf->nerrors; i++)
		if (tf->errors[i].line == line && strcmp(tf->errors[i].text, full) == 0)
			return;
	tf->errors = urc_xrealloc(tf->errors, (tf->nerrors + 1) * sizeof *tf->errors);
	tf->errors[tf->nerrors].line = line;
	tf->errors[tf->nerrors].text = xstrdup(full);
	tf->errors[tf->nerrors].test = r->tc ? (size_t)(r->tc - tf->cases) : URC_TESTFILE_NO_TEST;
	tf->nerrors++;
}

/* Counts one step of work; false once the file's allowance is spent. */
static bool spend(reader *r, long n)
{
	if (r->exhausted)
		return false;
	r->work += n;
	if (r->work <= WORK_MAX)
		return true;
	r->exhausted = true;
	problem(r, 0, "its anchors and aliases expand to too much to read (more than %d nodes)", WORK_MAX);
	return false;
}

/* Copies the n bytes at s into buf (size >= 8) for quoting in a message:
 * control characters become \xNN, and text past SHOW_MAX bytes "...".
 * Never splits a UTF-8 sequence. Returns buf. */
static const char *shown(char *buf, size_t size, const char *s, size_t n)
{
	size_t j = 0;
	for (size_t i = 0; i < n;) {
		unsigned char b = (unsigned char)s[i];
		size_t len = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
		if (len > n - i)
			len = n - i;
		char esc[8];
		const char *out = s + i;
		size_t out_len = len;
		if (b < 0x20 || b == 0x7F || (b >= 0x80 && b < 0xC0)) {
			snprintf(esc, sizeof esc, "\\x%02X", b);
			out = esc;
			out_len = 4;
		}
		if (i + len > SHOW_MAX || j + out_len + 4 > size) {
			memcpy(buf + j, "...", 3);
			j += 3;
			break;
		}
		memcpy(buf + j, out, out_len);
		j += out_len;
		i += len;
	}
	buf[j] = '\0';
	return buf;
}

static const char *scalar_text(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* What n is, for "expected X, not Y". */
static const char *kind_of(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_MAPPING_NODE:
		return "a mapping";
	case YAML_SEQUENCE_NODE:
		return "a list";
	default:
		return "a single value";
	}
}

/* 1 when n is a null: empty, ~ or null, unquoted. */
static bool is_null(const yaml_node_t *n)
{
	if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *s = scalar_text(n);
	size_t k = n->data.scalar.length;
	return k == 0 || (k == 1 && s[0] == '~') ||
	       (k == 4 && (!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) || !memcmp(s, "NULL", 4)));
}

/* A tag written on n (!foo, !!int), or NULL for an untagged node. */
static const char *written_tag(const yaml_node_t *n)
{
	const char *tag = (const char *)n->tag;
	const char *def = n->type == YAML_SCALAR_NODE     ? YAML_DEFAULT_SCALAR_TAG
	                  : n->type == YAML_SEQUENCE_NODE ? YAML_DEFAULT_SEQUENCE_TAG
	                                                  : YAML_DEFAULT_MAPPING_TAG;
	return tag && strcmp(tag, def) != 0 ? tag : NULL;
}

/* Refuses a tagged node: tags mean nothing here. Returns true when n is
 * plain data. */
static bool untagged(reader *r, const yaml_node_t *n, const char *at)
{
	const char *tag = written_tag(n);
	if (!tag)
		return true;
	char show[SHOW_MAX * 2];
	problem(r, line_of(r, n), "%s%stags (%s) are not allowed in a test file", at, at[0] ? ": " : "",
	        shown(show, sizeof show, tag, strlen(tag)));
	return false;
}

static yaml_node_t *node_at(reader *r, int i)
{
	return yaml_document_get_node(&r->doc, i);
}

static bool is_merge_key(const yaml_node_t *k)
{
	return k->type == YAML_SCALAR_NODE && k->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	       k->data.scalar.length == 2 && memcmp(scalar_text(k), "<<", 2) == 0;
}

static bool same_key(const yaml_node_t *a, const yaml_node_t *b)
{
	return a->data.scalar.length == b->data.scalar.length &&
	       memcmp(a->data.scalar.value, b->data.scalar.value, a->data.scalar.length) == 0;
}

static pair *find_key(const pairs *p, const yaml_node_t *key)
{
	for (size_t i = 0; i < p->n; i++)
		if (same_key(p->v[i].key, key))
			return &p->v[i];
	return NULL;
}

static pair *find_name(const pairs *p, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].key->data.scalar.length == n && memcmp(scalar_text(p->v[i].key), name, n) == 0)
			return &p->v[i];
	return NULL;
}

static void push_pair(pairs *p, yaml_node_t *key, yaml_node_t *value)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->v = urc_xrealloc(p->v, p->cap * sizeof *p->v);
	}
	p->v[p->n++] = (pair){key, value};
}

/* mapping: its own fields in order, then those of the mappings its merge
 * keys (<<: *a, or <<: [*a, *b]) name, each field the first time it comes:
 * a field of the mapping itself overrides a merged one, and an earlier
 * merge a later. Problems (keys that are not words, a field given twice,
 * a merge of something else than a mapping) are reported under the field
 * path at. Returns false when the work allowance ran out. */
static bool collect(reader *r, yaml_node_t *m, const char *at, pairs *out, int depth)
{
	char show[SHOW_MAX * 2];
	const char *sep = at[0] ? "." : "";
	if (depth > NEST_MAX) {
		problem(r, line_of(r, m), "%s%smerges nested more than %d deep (does an alias name a mapping it is in?)",
		        at, at[0] ? ": " : "", NEST_MAX);
		return true;
	}
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
		if (!spend(r, 1 + (long)out->n))
			return false;
		yaml_node_t *k = node_at(r, p->key), *v = node_at(r, p->value);
		if (is_merge_key(k))
			continue;
		if (k->type != YAML_SCALAR_NODE) {
			problem(r, line_of(r, k), "%s%sa field name must be a word, not %s", at, at[0] ? ": " : "",
			        kind_of(k));
			continue;
		}
		if (!untagged(r, k, at))
			continue;
		pair *first = find_key(out, k); /* out holds this mapping's own fields so far */
		if (first) {
			shown(show, sizeof show, scalar_text(k), k->data.scalar.length);
			problem(r, line_of(r, k), "%s%s%s: duplicate field (first given at line %ld)", at, sep, show,
			        line_of(r, first->key));
			continue;
		}
		push_pair(out, k, v);
	}
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(r, p->key), *v = node_at(r, p->value);
		if (!is_merge_key(k))
			continue;
		yaml_node_item_t *items = NULL, *end = NULL;
		int single = p->value;
		if (v->type == YAML_SEQUENCE_NODE) {
			items = v->data.sequence.items.start;
			end = v->data.sequence.items.top;
		} else {
			items = &single;
			end = &single + 1;
		}
		for (yaml_node_item_t *it = items; it < end; it++) {
			yaml_node_t *src = node_at(r, *it);
			if (src->type != YAML_MAPPING_NODE) {
				problem(r, line_of(r, src), "%s%s'<<' merges the fields of a mapping into this one, not %s",
				        at, at[0] ? ": " : "", kind_of(src));
				continue;
			}
			pairs merged = {0};
			bool go_on = collect(r, src, at, &merged, depth + 1);
			for (size_t i = 0; go_on && i < merged.n; i++) {
				if (!spend(r, 1 + (long)out->n)) {
					go_on = false;
					break;
				}
				if (!find_key(out, merged.v[i].key))
					push_pair(out, merged.v[i].key, merged.v[i].value);
			}
			free(merged.v);
			if (!go_on)
				return false;
		}
	}
	return true;
}

/* Reports an unknown field of a mapping whose fields are names[0..n),
 * with "did you mean" when one is near. in says where ("in expect"). */
static void unknown_field(reader *r, const yaml_node_t *k, const char *at, const char *in,
                          const char *const *names, size_t n)
{
	char show[SHOW_MAX * 2];
	const char *s = scalar_text(k);
	shown(show, sizeof show, s, k->data.scalar.length);
	const char *near = strlen(s) == k->data.scalar.length ? urc_suggest(s, names, n) : NULL;
	/* Names a decision prints that a test spells otherwise. */
	static const struct {
		const char *said, *meant;
	} aliases[] = {
		{"granted", "visits"}, {"visits_granted", "visits"}, {"step", "rule"},
		{"authorization_end", "end"}, {"end_date", "end"}, {"case_id", "id"},
	};
	for (size_t i = 0; !near && i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(s, aliases[i].said) == 0)
			for (size_t j = 0; j < n; j++)
				if (strcmp(names[j], aliases[i].meant) == 0)
					near = names[j];
	const char *sep = at[0] ? "." : "";
	if (near)
		problem(r, line_of(r, k), "%s%s%s: unknown field %s (did you mean '%s'?)", at, sep, show, in, near);
	else
		problem(r, line_of(r, k), "%s%s%s: unknown field %s", at, sep, show, in);
}

/* ---- values ---- */

/* Takes n as a text of at most max bytes without control characters.
 * Returns a malloc'd copy, or NULL after reporting at field path at. */
static char *read_text(reader *r, const yaml_node_t *n, const char *at, const char *what, size_t max)
{
	char show[SHOW_MAX * 2];
	if (!untagged(r, n, at))
		return NULL;
	if (n->type != YAML_SCALAR_NODE) {
		problem(r, line_of(r, n), "%s: expected %s, not %s", at, what, kind_of(n));
		return NULL;
	}
	if (is_null(n)) {
		problem(r, line_of(r, n), "%s: expected %s; leave the field out rather than give it no value", at,
		        what);
		return NULL;
	}
	const char *s = scalar_text(n);
	size_t len = n->data.scalar.length;
	if (len == 0) {
		problem(r, line_of(r, n), "%s: must not be empty", at);
		return NULL;
	}
	if (len > max) {
		problem(r, line_of(r, n), "%s: '%s' is too long (at most %zu bytes)", at,
		        shown(show, sizeof show, s, len), max);
		return NULL;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x20 || b == 0x7F ||
		    (b == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] < 0xA0)) {
			problem(r, line_of(r, n), "%s: '%s' holds a control character", at,
			        shown(show, sizeof show, s, len));
			return NULL;
		}
	}
	return xstrndup(s, len);
}

/* Takes n as a whole number from 0 to 1000000, unquoted, as the case
 * reader takes visits. Returns true with the value in *out. */
static bool read_whole(reader *r, const yaml_node_t *n, const char *at, int *out)
{
	char show[SHOW_MAX * 2];
	if (!untagged(r, n, at))
		return false;
	if (n->type != YAML_SCALAR_NODE || is_null(n)) {
		problem(r, line_of(r, n), "%s: expected a whole number, not %s", at,
		        is_null(n) ? "nothing" : kind_of(n));
		return false;
	}
	const char *s = scalar_text(n);
	size_t len = n->data.scalar.length;
	shown(show, sizeof show, s, len);
	bool whole = len > 0 && len <= 7 && !(len > 1 && s[0] == '0');
	long v = 0;
	for (size_t i = 0; whole && i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			whole = false;
		else
			v = v * 10 + (s[i] - '0');
	}
	if (!whole && len > 0 && s[0] == '-' && len > 1 && s[1] >= '1' && s[1] <= '9') {
		problem(r, line_of(r, n), "%s: must not be negative (got %s)", at, show);
		return false;
	}
	if (!whole || v > 1000000) {
		problem(r, line_of(r, n), "%s: '%s' is not a whole number from 0 to 1000000", at, show);
		return false;
	}
	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
		problem(r, line_of(r, n), "%s: '%s' is in quotes; write the number without them", at, show);
		return false;
	}
	*out = (int)v;
	return true;
}

/* Takes n as a date, YYYY-MM-DD, quoted or not. Returns true with the
 * date in *out and its text in text (11 bytes). */
static bool read_date(reader *r, const yaml_node_t *n, const char *at, urc_date *out, char *text)
{
	char show[SHOW_MAX * 2];
	if (!untagged(r, n, at))
		return false;
	if (n->type != YAML_SCALAR_NODE || is_null(n)) {
		problem(r, line_of(r, n), "%s: expected a date (YYYY-MM-DD), not %s", at,
		        is_null(n) ? "nothing" : kind_of(n));
		return false;
	}
	const char *s = scalar_text(n);
	size_t len = n->data.scalar.length;
	if (len == 10 && strlen(s) == 10 && urc_date_parse(s, out) == 0) {
		memcpy(text, s, 11);
		return true;
	}
	problem(r, line_of(r, n), "%s: '%s' is not a date (YYYY-MM-DD, years 1900 to 2999)", at,
	        shown(show, sizeof show, s, len));
	return false;
}

/* outcome: one of the five codes (a misspelling gets a hint). */
static bool read_outcome(reader *r, const yaml_node_t *n, const char *at, urc_outcome *out)
{
	char *s = read_text(r, n, at, "an outcome (approved_in_full, approved_in_part, referred, pended or no_guideline)",
	                    TEXT_MAX);
	if (!s)
		return false;
	char show[SHOW_MAX * 2], hint[160] = "";
	bool ok = urc_testfile_outcome_parse(s, out, hint, sizeof hint);
	if (!ok)
		problem(r, line_of(r, n), "%s: '%s' is not an outcome%s", at, shown(show, sizeof show, s, strlen(s)),
		        hint);
	free(s);
	return ok;
}

/* expect: { outcome?, visits?, end?, rule?, reason?, guideline? }, at
 * least one */
static void read_expect(reader *r, urc_testfile_case *tc, yaml_node_t *m)
{
	urc_testfile_expect *e = &tc->expect;
	const char *const *keys = urc_testfile_expect_keys;
	if (!untagged(r, m, "expect"))
		return;
	if (m->type != YAML_MAPPING_NODE) {
		problem(r, line_of(r, m), "expect: expected a mapping of the fields to compare (outcome, visits, "
		                          "end, rule, reason), not %s", is_null(m) ? "nothing" : kind_of(m));
		return;
	}
	pairs ps = {0};
	if (!collect(r, m, "expect", &ps, 0)) {
		free(ps.v);
		return;
	}
	bool any = false;
	for (size_t i = 0; i < ps.n; i++) {
		yaml_node_t *k = ps.v[i].key, *v = ps.v[i].value;
		int f = -1;
		for (int j = 0; j < URC_EXPECT_NFIELDS; j++)
			if (strcmp(scalar_text(k), keys[j]) == 0 && strlen(keys[j]) == k->data.scalar.length)
				f = j;
		if (f < 0) {
			unknown_field(r, k, "expect", "in expect", keys, URC_EXPECT_NFIELDS);
			any = true; /* no second message for the same mistake */
			continue;
		}
		char at[PATH_MAX_LEN], date[11];
		snprintf(at, sizeof at, "expect.%s", keys[f]);
		bool ok = false;
		any = true;
		switch (f) {
		case URC_EXPECT_BIT_OUTCOME:
			ok = read_outcome(r, v, at, &e->outcome);
			break;
		case URC_EXPECT_BIT_VISITS:
			ok = read_whole(r, v, at, &e->visits);
			break;
		case URC_EXPECT_BIT_END:
			ok = read_date(r, v, at, &e->end, date);
			break;
		case URC_EXPECT_BIT_RULE:
			ok = (e->rule = read_text(r, v, at, "the name of a step", TEXT_MAX)) != NULL;
			break;
		case URC_EXPECT_BIT_REASON:
			ok = (e->reason = read_text(r, v, at, "a part of the reason", TEXT_MAX)) != NULL;
			break;
		case URC_EXPECT_BIT_GUIDELINE:
			ok = (e->guideline = read_text(r, v, at, "a guideline's id", TEXT_MAX)) != NULL;
			break;
		}
		if (ok) {
			e->fields |= 1u << f;
			e->line[f] = line_of(r, v);
		}
	}
	if (!any)
		problem(r, line_of(r, m), "expect: name at least one field to compare: outcome, visits, end, "
		                          "rule, reason or guideline");
	free(ps.v);
}

/* ---- a case: written out, read back by the runtime ---- */

/* A case being written to testfile_flow.c's text. */
typedef struct emitter {
	reader *r;
	urc_testfile_flow text;          /* the case as flow YAML; text.failed:
	                                  * a problem was reported, give up */
	yaml_node_t *open[NEST_MAX + 2]; /* the mappings and lists being written */
	int nopen;
} emitter;

/* Writes scalar n as the case reader will read it back: a null stays a
 * null, anything else as testfile_flow.c writes a scalar. */
static void put_scalar(urc_testfile_flow *t, const yaml_node_t *n)
{
	bool plain = n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	if (plain && is_null(n))
		urc_testfile_flow_put(t, "~", 1);
	else
		urc_testfile_flow_scalar(t, scalar_text(n), n->data.scalar.length, plain);
}

static void emit_node(emitter *e, yaml_node_t *n, const char *path, int depth);

/* Writes the fields ps of a mapping, one a line, then its closing '}'. */
static void emit_fields(emitter *e, const pairs *ps, const char *path, int depth, bool comma)
{
	reader *r = e->r;
	urc_testfile_flow *t = &e->text;
	for (size_t i = 0; i < ps->n && !t->failed; i++) {
		yaml_node_t *k = ps->v[i].key, *v = ps->v[i].value;
		if (comma || i > 0)
			urc_testfile_flow_put(t, ",", 1);
		urc_testfile_flow_line(t, line_of(r, k));
		put_scalar(t, k);
		urc_testfile_flow_put(t, ": ", 2);
		if (v->type == YAML_SCALAR_NODE && line_of(r, v) != line_of(r, k))
			urc_testfile_flow_line(t, line_of(r, v));
		char sub[PATH_MAX_LEN];
		snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", scalar_text(k));
		emit_node(e, v, sub, depth + 1);
	}
	urc_testfile_flow_put(t, "}", 1);
}

static void emit_node(emitter *e, yaml_node_t *n, const char *path, int depth)
{
	reader *r = e->r;
	urc_testfile_flow *t = &e->text;
	char at[PATH_MAX_LEN + 8];
	if (strlen(path) > 60)
		snprintf(at, sizeof at, "case.%.60s...", path);
	else
		snprintf(at, sizeof at, "case%s%s", path[0] ? "." : "", path);
	if (t->failed || !spend(r, 1)) {
		t->failed = true;
		return;
	}
	if (depth > NEST_MAX) {
		problem(r, line_of(r, n), "%s: nested more than %d deep (does an alias name a mapping or list it is in?)",
		        at, NEST_MAX);
		t->failed = true;
		return;
	}
	if (!untagged(r, n, at)) {
		t->failed = true;
		return;
	}
	for (int i = 0; i < e->nopen; i++)
		if (e->open[i] == n) {
			problem(r, line_of(r, n), "%s: an alias here names a mapping or list that holds it", at);
			t->failed = true;
			return;
		}
	if (n->type != YAML_SCALAR_NODE)
		e->open[e->nopen++] = n;
	switch (n->type) {
	case YAML_SCALAR_NODE:
		urc_testfile_flow_note(t, path, line_of(r, n));
		put_scalar(t, n);
		break;
	case YAML_SEQUENCE_NODE: {
		urc_testfile_flow_put(t, "[", 1);
		int i = 0;
		for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top && !t->failed;
		     it++, i++) {
			yaml_node_t *item = node_at(r, *it);
			if (i > 0)
				urc_testfile_flow_put(t, ",", 1);
			urc_testfile_flow_line(t, line_of(r, item));
			char sub[PATH_MAX_LEN];
			snprintf(sub, sizeof sub, "%s[%d]", path, i);
			emit_node(e, item, sub, depth + 1);
		}
		urc_testfile_flow_put(t, "]", 1);
		break;
	}
	case YAML_MAPPING_NODE: {
		pairs ps = {0};
		long before = r->problems;
		if (!collect(r, n, at, &ps, 0) || r->problems != before)
			t->failed = true;
		urc_testfile_flow_put(t, "{", 1);
		emit_fields(e, &ps, path, depth, false);
		free(ps.v);
		break;
	}
	default:
		t->failed = true;
		break;
	}
	if (n->type != YAML_SCALAR_NODE)
		e->nopen--;
}

/* case: a case in the runtime's format. Its id defaults to the test's
 * name and its received date to the file's 'today'. Written out and read
 * by the runtime's reader into tc->c. */
static void read_case(reader *r, urc_testfile_case *tc, yaml_node_t *m, long name_line)
{
	if (!untagged(r, m, "case"))
		return;
	if (m->type != YAML_MAPPING_NODE) {
		problem(r, line_of(r, m),
		        "case: expected a case, a mapping of fields (id, received, request, ...), not %s",
		        is_null(m) ? "nothing" : kind_of(m));
		return;
	}
	emitter e = {.r = r, .text = {.tc = tc}};
	urc_testfile_flow *t = &e.text;
	pairs ps = {0};
	long before = r->problems;
	if (!collect(r, m, "case", &ps, 0) || r->problems != before) {
		free(ps.v);
		return;
	}
	urc_testfile_flow_line(t, line_of(r, m));
	urc_testfile_flow_put(t, "{", 1);
	e.open[e.nopen++] = m;
	bool comma = false;
	if (!find_name(&ps, "id")) {
		/* The name, cut to an id's 63 bytes without splitting a character. */
		char id[URC_CASE_ID_MAX];
		size_t n = strlen(tc->name);
		if (n >= sizeof id) {
			n = sizeof id - 1;
			while (n > 0 && ((unsigned char)tc->name[n] & 0xC0) == 0x80)
				n--;
		}
		memcpy(id, tc->name, n);
		id[n] = '\0';
		urc_testfile_flow_line(t, name_line);
		urc_testfile_flow_put(t, "id: ", 4);
		urc_testfile_flow_scalar(t, id, n, false);
		urc_testfile_flow_note(t, "id", name_line);
		comma = true;
	}
	if (!find_name(&ps, "received") && r->today) {
		if (comma)
			urc_testfile_flow_put(t, ",", 1);
		urc_testfile_flow_line(t, r->today_line);
		urc_testfile_flow_put(t, "received: ", 10);
		urc_testfile_flow_put(t, r->today, strlen(r->today));
		urc_testfile_flow_note(t, "received", r->today_line);
		comma = true;
	}
	emit_fields(&e, &ps, "", 0, comma);
	urc_testfile_flow_put(t, "\n", 1);
	free(ps.v);
	/* Writing stops at once when the text grows too large, so nothing is
	 * reported between there and here. */
	if (t->too_large)
		problem(r, t->nmap ? t->map[0] : tc->line,
		        "case: too large (more than %d bytes once its aliases are expanded)", URC_TESTFILE_FLOW_MAX);
	if (!t->failed) {
		urc_case_error err;
		int k = urc_testfile_flow_read(t, r->tf->path, &err);
		if (k < 0) {
			const char *hint = strcmp(err.field, "received") == 0 && strncmp(err.message, "missing", 7) == 0
			                       ? " (or give 'today: YYYY-MM-DD' at the top of the file)"
			                       : "";
			problem(r, err.line, "case%s%s: %s%s", err.field[0] ? "." : "", err.field, err.message, hint);
		} else if (k == 0) {
			problem(r, line_of(r, m), "case: holds no case");
		}
	}
	urc_testfile_flow_free(t);
}

/* ---- entries and the file ---- */

static const char *const entry_keys[] = {"name", "case", "expect", "skip"};
static const char *const top_keys[] = {"today", "fixtures", "cases"};

/* skip: true, false, or why the test is skipped */
static void read_skip(reader *r, urc_testfile_case *tc, const yaml_node_t *v)
{
	if (v->type == YAML_SCALAR_NODE && v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	    !written_tag(v)) {
		if (strcmp(scalar_text(v), "true") == 0) {
			tc->skip = true;
			return;
		}
		if (strcmp(scalar_text(v), "false") == 0)
			return;
	}
	char *why = read_text(r, v, "skip", "true, false or why the test is skipped", TEXT_MAX);
	if (why) {
		free(tc->skip_reason);
		tc->skip_reason = why;
		tc->skip = true;
	}
}

/* An entry of cases: { name, case, expect, skip? } */
static void read_entry(reader *r, yaml_node_t *n, int index)
{
	urc_testfile *tf = r->tf;
	tf->cases = urc_xrealloc(tf->cases, (tf->ncases + 1) * sizeof *tf->cases);
	urc_testfile_case *tc = &tf->cases[tf->ncases++];
	memset(tc, 0, sizeof *tc);
	tc->ok = true;
	tc->skip_reason = xstrdup("");
	tc->line = line_of(r, n);
	tc->last_line = line_at(r, n->end_mark);
	if (n->end_mark.column == 0 && tc->last_line > tc->line)
		tc->last_line--;
	char label[32];
	snprintf(label, sizeof label, "cases[%d]", index);
	r->tc = tc;
	if (!untagged(r, n, label))
		goto done;
	if (n->type != YAML_MAPPING_NODE) {
		problem(r, line_of(r, n), "%s: a test is a mapping (name, case, expect), not %s", label,
		        is_null(n) ? "nothing" : kind_of(n));
		goto done;
	}
	pairs ps = {0};
	if (!collect(r, n, "", &ps, 0)) {
		free(ps.v);
		goto done;
	}
	pair *name = find_name(&ps, "name");
	long name_line = tc->line;
	if (name) {
		tc->name = read_text(r, name->value, "name", "the test's name", TEXT_MAX);
		name_line = line_of(r, name->value);
	} else {
		problem(r, tc->line, "missing: a test needs a name");
	}
	if (tc->name) {
		for (size_t i = 0; i + 1 < tf->ncases; i++)
			if (tf->cases[i].name && strcmp(tf->cases[i].name, tc->name) == 0) {
				char show[SHOW_MAX * 2];
				problem(r, name_line, "name: '%s' names another test too (at line %ld)",
				        shown(show, sizeof show, tc->name, strlen(tc->name)), tf->cases[i].line);
				break;
			}
	} else {
		tc->name = xstrdup(label);
	}
	pair *c = find_name(&ps, "case"), *x = find_name(&ps, "expect"), *s = find_name(&ps, "skip");
	for (size_t i = 0; i < ps.n; i++)
		if (ps.v[i].key != (name ? name->key : NULL) && ps.v[i].key != (c ? c->key : NULL) &&
		    ps.v[i].key != (x ? x->key : NULL) && ps.v[i].key != (s ? s->key : NULL))
			unknown_field(r, ps.v[i].key, "", "in a test (name, case, expect, skip)", entry_keys,
			              sizeof entry_keys / sizeof entry_keys[0]);
	if (s)
		read_skip(r, tc, s->value);
	if (x)
		read_expect(r, tc, x->value);
	else
		problem(r, tc->line, "missing: a test needs expect, the fields of the decision it expects");
	if (c)
		read_case(r, tc, c->value, name_line);
	else
		problem(r, tc->line, "missing: a test needs a case");
	free(ps.v);
done:
	if (!tc->name) /* not a mapping: named by its place, like one without a name */
		tc->name = xstrdup(label);
	r->tc = NULL;
}

/* The file: { today?, fixtures?, cases } */
static void read_root(reader *r, yaml_node_t *root)
{
	if (!untagged(r, root, ""))
		return;
	if (root->type != YAML_MAPPING_NODE) {
		problem(r, line_of(r, root), "a test file is a mapping with 'cases:', a list of tests, not %s",
		        kind_of(root));
		return;
	}
	pairs ps = {0};
	if (!collect(r, root, "", &ps, 0)) {
		free(ps.v);
		return;
	}
	pair *cases = NULL;
	for (size_t i = 0; i < ps.n; i++) {
		const char *k = scalar_text(ps.v[i].key);
		if (strcmp(k, "today") == 0) {
			urc_date d;
			if (read_date(r, ps.v[i].value, "today", &d, r->today_text)) {
				r->today = r->today_text;
				r->today_line = line_of(r, ps.v[i].value);
			}
		} else if (strcmp(k, "cases") == 0) {
			cases = &ps.v[i];
		} else if (strcmp(k, "fixtures") != 0) {
			unknown_field(r, ps.v[i].key, "", "at the top of a test file (today, fixtures, cases)", top_keys,
			              sizeof top_keys / sizeof top_keys[0]);
		}
	}
	if (!cases) {
		problem(r, line_of(r, root), "missing: a test file needs 'cases:', the list of its tests");
	} else if (cases->value->type != YAML_SEQUENCE_NODE || written_tag(cases->value)) {
		if (untagged(r, cases->value, "cases"))
			problem(r, line_of(r, cases->value), "cases: expected a list of tests, not %s",
			        is_null(cases->value) ? "nothing" : kind_of(cases->value));
	} else {
		yaml_node_t *seq = cases->value;
		int i = 0;
		for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top;
		     it++, i++) {
			if (r->exhausted)
				break;
			read_entry(r, node_at(r, *it), i);
		}
	}
	free(ps.v);
}

/* Reports libyaml's failure to load the file. */
static void syntax_error(reader *r, const yaml_parser_t *p)
{
	if (p->error == YAML_MEMORY_ERROR)
		urc_oom();
	const char *problem_text = p->problem ? p->problem : "unknown problem";
	if (p->error == YAML_READER_ERROR) {
		long line = 1;
		size_t end = p->problem_offset < r->len ? p->problem_offset : r->len;
		for (size_t i = 0; i < end; i++)
			line += r->text[i] == '\n';
		if (p->problem_value >= 0)
			problem(r, line, "not valid YAML: %s (byte 0x%02X)", problem_text, (unsigned)p->problem_value & 0xFFu);
		else
			problem(r, line, "not valid YAML: %s", problem_text);
		return;
	}
	long line = line_at(r, p->problem_mark);
	if (p->context && p->error == YAML_COMPOSER_ERROR && strcmp(problem_text, "second occurrence") == 0)
		problem(r, line, "not valid YAML: an anchor is defined twice (first at line %ld)",
		        line_at(r, p->context_mark));
	else if (p->context)
		problem(r, line, "not valid YAML: %s at column %ld (%s at line %ld)", problem_text,
		        (long)p->problem_mark.column + 1, p->context, line_at(r, p->context_mark));
	else
		problem(r, line, "not valid YAML: %s at column %ld", problem_text, (long)p->problem_mark.column + 1);
}

/* Puts the problems of each test in line order (a test's expectations are
 * read before its case), keeping the tests' order. */
static void sort_errors(urc_testfile *tf)
{
	for (size_t i = 1; i < tf->nerrors; i++) {
		urc_testfile_error e = tf->errors[i];
		size_t j = i;
		while (j > 0 && tf->errors[j - 1].test == e.test && tf->errors[j - 1].line > e.line) {
			tf->errors[j] = tf->errors[j - 1];
			j--;
		}
		tf->errors[j] = e;
	}
}

/* libyaml takes time growing with the square of the nesting to load a
 * document (20,000 levels: seconds), and a test file nests a few levels.
 * A pass over its events first stops at the first node nested deeper
 * than NEST_MAX, reported, before anything is loaded. A syntax error is
 * left to the load to report. Returns whether the text nests too deep. */
static bool nests_too_deep(reader *r, const char *text, size_t len)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		urc_oom();
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	int depth = 0;
	bool deep = false, end = false;
	while (!deep && !end) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e))
			break;
		if (e.type == YAML_MAPPING_START_EVENT || e.type == YAML_SEQUENCE_START_EVENT)
			depth++;
		else if (e.type == YAML_MAPPING_END_EVENT || e.type == YAML_SEQUENCE_END_EVENT)
			depth--;
		end = e.type == YAML_STREAM_END_EVENT;
		if (depth > NEST_MAX) {
			problem(r, line_at(r, e.start_mark), "lists and mappings nested more than %d deep", NEST_MAX);
			deep = true;
		}
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	return deep;
}

int urc_testfile_parse(urc_testfile *tf, const char *name, const char *text, size_t len)
{
	memset(tf, 0, sizeof *tf);
	tf->path = xstrdup(name);
	reader r = {.tf = tf, .text = text, .len = len};
	if (len >= 2 && (memcmp(text, "\xFF\xFE", 2) == 0 || memcmp(text, "\xFE\xFF", 2) == 0)) {
		problem(&r, 0, "it is UTF-16; test files must be UTF-8");
		tf->unreadable = true;
		goto done;
	}
	r.odd_breaks = has_odd_breaks(text, len);
	if (nests_too_deep(&r, text, len))
		goto done;
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		urc_oom();
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	if (!yaml_parser_load(&p, &r.doc)) {
		syntax_error(&r, &p);
		yaml_parser_delete(&p);
		goto done;
	}
	r.loaded = true;
	yaml_node_t *root = yaml_document_get_root_node(&r.doc);
	if (!root) {
		problem(&r, 1, "the file is empty: a test file holds 'cases:', a list of tests");
		yaml_parser_delete(&p);
		goto done;
	}
	yaml_document_t next;
	if (!yaml_parser_load(&p, &next)) {
		syntax_error(&r, &p);
	} else {
		yaml_node_t *more = yaml_document_get_root_node(&next);
		if (more)
			problem(&r, line_of(&r, more), "a test file holds one YAML document; a second starts here");
		yaml_document_delete(&next);
	}
	yaml_parser_delete(&p);
	if (tf->nerrors == 0)
		read_root(&r, root);
done:
	sort_errors(tf);
	if (r.loaded)
		yaml_document_delete(&r.doc);
	return tf->nerrors ? -1 : 0;
}

int urc_testfile_read(urc_testfile *tf, const char *path)
{
	size_t len = 0;
	errno = 0;
	char *text = urc_read_file(path, &len);
	if (!text) {
		memset(tf, 0, sizeof *tf);
		tf->path = xstrdup(path);
		tf->unreadable = true;
		tf->errors = urc_xmalloc(sizeof *tf->errors);
		char msg[512];
		snprintf(msg, sizeof msg, "cannot read %s: %s", path, strerror(errno ? errno : EIO));
		tf->errors[0] = (urc_testfile_error){0, xstrdup(msg), URC_TESTFILE_NO_TEST};
		tf->nerrors = 1;
		return -1;
	}
	int rc = urc_testfile_parse(tf, path, text, len);
	free(text);
	return rc;
}

void urc_testfile_free(urc_testfile *tf)
{
	for (size_t i = 0; i < tf->ncases; i++) {
		urc_testfile_case *tc = &tf->cases[i];
		free(tc->name);
		free(tc->skip_reason);
		free(tc->expect.rule);
		free(tc->expect.reason);
		free(tc->expect.guideline);
		free(tc->fields);
	}
	free(tf->cases);
	for (size_t i = 0; i < tf->nerrors; i++)
		free(tf->errors[i].text);
	free(tf->errors);
	free(tf->path);
	memset(tf, 0, sizeof *tf);
}

long urc_testfile_field_line(const urc_testfile_case *tc, const char *field)
{
	for (size_t i = 0; i < tc->nfields; i++)
		if (strcmp(tc->fields[i].path, field) == 0)
			return tc->fields[i].line;
	return tc->c.line;
}
