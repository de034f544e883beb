/* fuzz_test.c — a crash fuzzer for `urc test`: reading regression-case
 * files (NAME.cases.yaml) and running the tests they hold.
 *
 *   fuzz_test [OPTIONS] PATH...
 *
 * Finds every *.cases.yaml file under the folders given (recursively, in
 * name order; a PATH may also name one such file). Each file's guidelines
 * (the NAME.guide beside it, or, for a file with none, those under the
 * --lib folder) are loaded, checked and built into a runtime table once.
 * Then the file's text is read with urc_testfile_parse() whole, cut short
 * at every byte offset, and as variants (a fixed seed, so every run is the
 * same): random bytes flipped, replaced, inserted, deleted or duplicated,
 * and structural edits that byte flips rarely make, a scalar or a line
 * replaced by a list, a mapping, a null, an anchor, an alias, a merge key,
 * a very long text, a tab, a NUL byte or a deeply nested flow collection.
 * Every test read without error is bound, decided and compared with what
 * it expects, as `urc test` does; messages go to /dev/null. Each input is
 * copied to a block of its exact size and freed once read, so that a read
 * past its end or a pointer kept into it is caught by the sanitizers the
 * fuzz build uses. A crash, or a file read against what testfile.h
 * promises (a test without a name, a problem in a test that is not there,
 * a status that disagrees with the problems), stops the run naming the
 * file and the offset or the seed, with the command that reproduces the
 * input. Guidelines with
 * errors (no table) still have their test files read. Ends with the line
 *   fuzz: N inputs, 0 crashes
 *
 * Options:
 *   -n N            variants per file (default 600)
 *   --seed S        base seed (default 20260101, or $FUZZ_SEED)
 *   --full-bytes B  files up to B bytes are cut at every offset; longer
 *                   ones at evenly spaced offsets, about B of them
 *                   (default 512; 0 cuts every file at every offset)
 *   --lib DIR       the guidelines of test files with no NAME.guide beside
 *   --variant S     run only variant S of each file (no cuts)
 *   --dump-variant FILE SEED   write that variant of FILE to stdout
 *   --dump-cut FILE OFFSET     write FILE cut at OFFSET to stdout
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "diag.h"
#include "fuzz_common.h"
#include "load.h"
#include "table_write.h"
#include "testfile.h"
#include "urc.h"

enum {
	DEFAULT_VARIANTS = 600,
	DEFAULT_FULL_BYTES = 512,
	MAX_MUTATIONS = 8,
	MAX_ANCHORS = 64,  /* anchor names remembered per file */
	ANCHOR_MAX = 32,   /* bytes of one, with its NUL */
};
#define DEFAULT_SEED 20260101u

/* Stops the run: an input broke a promise of the reader's interface. */
static void broken(const char *what) __attribute__((noreturn));
static void broken(const char *what)
{
	fflush(stdout);
	fprintf(stderr, "fuzz: %s while reading %s\n", what, fuzz_current());
	abort();
}

/* ---- random numbers (xorshift64; one seed gives one variant) ---- */

static fuzz_rng rng;

/* Starts the sequence of seed. Neighbouring seeds are scattered first:
 * xorshift's first outputs from close states are close too. */
static void rng_seed(uint64_t seed)
{
	rng = fuzz_xorshift64((seed ^ 0x9E3779B97F4A7C15ull) * 0xBF58476D1CE4E5B9ull);
	for (int i = 0; i < 4; i++)
		fuzz_next(&rng);
}

static size_t below(size_t n)
{
	return fuzz_below(&rng, n);
}

/* ---- mutations ---- */

/* Replaces the bytes [from, to) with the n bytes at s. */
static void buf_replace(fuzz_buf *b, size_t from, size_t to, const char *s, size_t n)
{
	fuzz_buf_delete(b, from, to - from);
	fuzz_buf_insert(b, from, s, n);
}

/* Anchor names the file defines (&first), for aliases and merge keys
 * that resolve. */
typedef struct anchors {
	char name[MAX_ANCHORS][ANCHOR_MAX];
	size_t n;
} anchors;

static void find_anchors(anchors *a, const char *text, size_t len)
{
	a->n = 0;
	for (size_t i = 0; i < len && a->n < MAX_ANCHORS; i++) {
		if (text[i] != '&')
			continue;
		size_t k = 0;
		while (i + 1 + k < len && k + 1 < ANCHOR_MAX && strchr(" \t\r\n{}[],", text[i + 1 + k]) == NULL)
			k++;
		if (k) {
			memcpy(a->name[a->n], text + i + 1, k);
			a->name[a->n++][k] = '\0';
		}
	}
}

/* An anchor of the file, or now and then one it does not define. */
static const char *some_anchor(const anchors *a)
{
	return a->n && below(8) ? a->name[below(a->n)] : "nope";
}

/* Bytes and words that matter to YAML and to test files. */
static const char *const dict[] = {
	"{", "}", "[", "]", ",", ":", ": ", "- ", "#", "&", "*", "!", "|", ">", "'", "\"",
	"?", "%", "@", "`", "\\", "~", "<<", "\t", "\r", "\n", "\n  ", "\n    - ", "---\n",
	"...\n", "\xEF\xBB\xBF", "\xC2\x85", "\xE2\x80\xA8", "\xC3", "\x80", "\xFF",
	"name: ", "case: ", "expect: ", "skip: ", "today: ", "fixtures: ", "cases: ",
	"outcome: ", "visits: ", "end: ", "rule: ", "reason: ", "guideline: ", "id: ",
	"received: ", "request: ", "scores: ", "measure: ", "score: ", "date: ", "member: ",
	"history: ", "discipline: ", "setting: ", "diagnoses: ", "sequence: ", "plan: ",
	"start: ", "visits_used: ", "start_of_care: ", "review: expedited", "age: ",
	"approved_in_full", "approved_in_part", "referred", "pended", "no_guideline",
	"denied", "otherwise", "true", "false", "null", "0", "-1", "1000001", "1e3",
	"0x1F", ".nan", "2024-02-29", "2023-02-29", "1899-12-31", "3000-01-01", "!!str ",
	"!!binary ", "!x ", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n",
};

/* What a scalar or a line may become: a %s is an anchor's name. */
static const char *const shapes[] = {
	"- x", "- ", "[x, y]", "[]", "{a: 1}", "{}", "~", "null", "", "\"\"", "''", "*%s",
	"&%s x", "&%s", "{<<: *%s}", "{<<: [*%s, *%s]}", "{<<: *%s, <<: *%s}", "<<: *%s",
	"<<", "!!str x", "!!map {}", "!t x", "? x", "? [a]: b", "|\n  two\n  lines",
	">-\n  folded", "\"\\x00\\u2028\\t\"", "'it''s'", "x\ty", "\t", "true", "false",
	"-1", "0", "07", "1000000", "1000001", "99999999999999999999", "1e400", "-.inf",
	".nan", "2024-02-29", "2023-02-29", "1899-12-31", "3000-01-01", "20260302",
	"2026-3-2", "approved_in_full", "aproved", "denied", "otherwise", "require LEFS",
	"plan auto-approval", "M17.11", "m17.11", "M17", "ZZZZZZZZZZZZZZ", "PT", "SLP",
	"outpatient", "SNF", "LEFS", "lefs", "[{measure: LEFS, score: 40, date: 2026-02-27}]",
	"{measure: LEFS, score: 1e9, date: 2026-02-27}", "--- x", "...", "#", "x # y",
};

/* A text of n bytes: letters, now and then spaces or multi-byte UTF-8
 * characters (some split at the end). */
static void put_long(fuzz_buf *b, size_t at, size_t n)
{
	char *s = fuzz_xmalloc(n);
	int utf8 = (int)below(3);
	for (size_t i = 0; i < n; i++)
		s[i] = utf8 == 1 && i % 3 == 0 ? '\xE2' : utf8 == 1 ? (char)(i % 3 == 1 ? '\x80' : '\x94')
		       : utf8 == 2 && i % 9 == 8 ? ' ' : (char)('a' + i % 26);
	fuzz_buf_insert(b, at, s, n);
	free(s);
}

/* Flow collections n deep: [[[x]]] or {a: {a: x}} or mixed. */
static void put_nested(fuzz_buf *b, size_t at, size_t n)
{
	int kind = (int)below(3);
	fuzz_buf out = {0};
	for (size_t i = 0; i < n; i++) {
		bool map = kind == 1 || (kind == 2 && i % 2);
		fuzz_buf_insert(&out, out.n, map ? "{a: " : "[", map ? 4 : 1);
	}
	fuzz_buf_insert(&out, out.n, "x", 1);
	for (size_t i = n; i-- > 0;) {
		bool map = kind == 1 || (kind == 2 && i % 2);
		fuzz_buf_insert(&out, out.n, map ? "}" : "]", 1);
	}
	fuzz_buf_insert(b, at, out.p, out.n);
	free(out.p);
}

/* Writes one of the shapes, or a long text, a nested collection or a NUL
 * byte, at at. */
static void put_shape(fuzz_buf *b, size_t at, const anchors *a)
{
	static const size_t longs[] = {31, 32, 63, 64, 999, 1000, 1001, 4096, 70000};
	/* Around the reader's limit of 32, and deeper; not much deeper, as
	 * libyaml takes time quadratic in the depth (20000: 3.5 s). */
	static const size_t depths[] = {31, 32, 33, 40, 1000, 2000};
	switch (below(10)) {
	case 0:
		put_long(b, at, longs[below(sizeof longs / sizeof longs[0])]);
		return;
	case 1:
		put_nested(b, at, depths[below(sizeof depths / sizeof depths[0])]);
		return;
	case 2:
		fuzz_buf_insert(b, at, "\0", 1);
		return;
	default: {
		/* Each %s of the shape becomes an anchor's name. */
		const char *shape = shapes[below(sizeof shapes / sizeof shapes[0])];
		const char *names[2] = {some_anchor(a), some_anchor(a)};
		size_t k = 0;
		fuzz_buf out = {0};
		for (const char *p = shape; *p; p++) {
			if (p[0] == '%' && p[1] == 's') {
				const char *x = names[k++ % 2];
				fuzz_buf_insert(&out, out.n, x, strlen(x));
				p++;
			} else {
				fuzz_buf_insert(&out, out.n, p, 1);
			}
		}
		if (out.n)
			fuzz_buf_insert(b, at, out.p, out.n);
		free(out.p);
		return;
	}
	}
}

/* The line holding at: [*start, *end), end before its '\n'. */
static void line_around(const fuzz_buf *b, size_t at, size_t *start, size_t *end)
{
	size_t s = at, e = at;
	while (s > 0 && b->p[s - 1] != '\n')
		s--;
	while (e < b->n && b->p[e] != '\n')
		e++;
	*start = s;
	*end = e;
}

/* Finds a scalar near at: a run of bytes none of which ends a plain
 * scalar in flow or block context, without its spaces, a list dash or a
 * comment. Returns false when there is none there. */
static bool scalar_around(const fuzz_buf *b, size_t at, size_t *start, size_t *end)
{
	static const char stops[] = "{}[],:#\n\"'&*";
	if (at >= b->n || memchr(stops, b->p[at], sizeof stops - 1))
		return false;
	size_t s = at, e = at;
	while (s > 0 && !memchr(stops, b->p[s - 1], sizeof stops - 1))
		s--;
	while (e < b->n && !memchr(stops, b->p[e], sizeof stops - 1))
		e++;
	while (s < e && (b->p[s] == ' ' || b->p[s] == '-'))
		s++;
	while (e > s && b->p[e - 1] == ' ')
		e--;
	*start = s;
	*end = e;
	return s < e;
}

/* A structural edit: a scalar or a line replaced by another shape, lines
 * deleted, duplicated, moved or re-indented, or a fixture that aliases
 * expand without end. */
static void mutate_structure(fuzz_buf *b, const anchors *a)
{
	size_t at = below(b->n + 1), s, e;
	switch (below(8)) {
	case 0:
	case 1:
	case 2: /* a scalar becomes another shape */
		for (int tries = 0; tries < 8; tries++, at = below(b->n + 1))
			if (scalar_around(b, at, &s, &e)) {
				fuzz_buf_delete(b, s, e - s);
				put_shape(b, s, a);
				return;
			}
		put_shape(b, at, a);
		return;
	case 3: { /* a line becomes another shape, indented as it was */
		line_around(b, at, &s, &e);
		size_t indent = s;
		while (indent < e && b->p[indent] == ' ')
			indent++;
		fuzz_buf_delete(b, indent, e - indent);
		put_shape(b, indent, a);
		return;
	}
	case 4: { /* a line deleted, or copied before another */
		line_around(b, at, &s, &e);
		size_t n = e < b->n ? e + 1 - s : e - s;
		if (below(2)) {
			fuzz_buf_delete(b, s, n);
			return;
		}
		char *copy = fuzz_xmalloc(n + 1);
		memcpy(copy, b->p + s, n);
		size_t to, to_end;
		line_around(b, below(b->n + 1), &to, &to_end);
		if (e == b->n)
			copy[n++] = '\n';
		fuzz_buf_insert(b, to, copy, n);
		free(copy);
		return;
	}
	case 5: { /* a few lines (a test, a fixture) copied elsewhere */
		line_around(b, at, &s, &e);
		size_t end = e, lines = 1 + below(12);
		for (size_t k = 0; k < lines && end < b->n; k++) {
			size_t ls, le;
			line_around(b, end + 1 < b->n ? end + 1 : end, &ls, &le);
			end = le;
		}
		size_t n = end - s;
		char *copy = fuzz_xmalloc(n + 1);
		memcpy(copy, b->p + s, n);
		copy[n++] = '\n';
		size_t to, to_end;
		line_around(b, below(b->n + 1), &to, &to_end);
		fuzz_buf_insert(b, to, copy, n);
		free(copy);
		return;
	}
	case 6: /* a line indented more or less, with spaces or a tab */
		line_around(b, at, &s, &e);
		if (below(3) == 0)
			fuzz_buf_insert(b, s, "\t", 1);
		else if (below(2) && s < e && b->p[s] == ' ')
			fuzz_buf_delete(b, s, 1 + below(2));
		else
			fuzz_buf_insert(b, s, "    ", 1 + below(4));
		return;
	case 7: { /* a merge key on a line of its own; rarely (each is slow to
		           * expand, up to a second) aliases that expand without end,
		           * used at a scalar */
		if (below(64)) {
			line_around(b, at, &s, &e);
			size_t indent = s;
			while (indent < e && b->p[indent] == ' ')
				indent++;
			char line[ANCHOR_MAX + 160];
			int n = snprintf(line, sizeof line, "%.*s<<: *%s\n", (int)(indent - s < 128 ? indent - s : 128),
			                 b->p + s, some_anchor(a));
			if (n > 0 && (size_t)n < sizeof line)
				fuzz_buf_insert(b, s, line, (size_t)n);
			return;
		}
		static const char bomb[] =
			"l0: &l0 [a, a, a, a, a, a, a, a, a, a]\n"
			"l1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\n"
			"l2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\n"
			"l3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\n"
			"l4: &l4 [*l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3, *l3]\n"
			"l5: &l5 [*l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4, *l4]\n";
		for (int tries = 0; tries < 8; tries++, at = below(b->n + 1))
			if (scalar_around(b, at, &s, &e)) {
				buf_replace(b, s, e, "*l5", 3);
				break;
			}
		fuzz_buf_insert(b, 0, bomb, sizeof bomb - 1);
		return;
	}
	}
}

/* The variant of text for seed: one edit half the time, else up to three
 * or up to MAX_MUTATIONS; each edit structural or byte-level, evenly.
 * Most edits leave text that is not YAML, and then no test is read: a
 * single edit leaves about two files in five loading. */
static void make_variant(fuzz_buf *b, const char *text, size_t len, const anchors *a, uint64_t seed)
{
	rng_seed(seed);
	fuzz_buf_set(b, text, len);
	size_t n = below(2) ? 1 : 1 + below(below(2) ? 3 : MAX_MUTATIONS);
	for (size_t i = 0; i < n; i++) {
		if (below(2))
			mutate_structure(b, a);
		else
			fuzz_mutate_bytes(b, &rng, dict, sizeof dict / sizeof dict[0]);
	}
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(fuzz_xmalloc(n), s, n);
}

/* ---- the guidelines: loaded, checked and built once each ---- */

typedef struct suite {
	char *key;    /* the NAME.guide or the --lib folder (owned) */
	urc_table *t; /* NULL when the guidelines have errors */
} suite;

typedef struct suites {
	suite *v;
	size_t n;
} suites;

/* The table of the guidelines at key, built the first time it is asked
 * for, as `urc test` builds it. NULL when they have errors (said on
 * standard output once); guidelines that cannot be read, or that check
 * but whose table will not build or load, stop the run. */
static const urc_table *table_for(suites *ss, const char *key)
{
	for (size_t i = 0; i < ss->n; i++)
		if (strcmp(ss->v[i].key, key) == 0)
			return ss->v[i].t;
	suite *grown = realloc(ss->v, (ss->n + 1) * sizeof *ss->v);
	if (!grown) {
		fputs("fuzz: out of memory\n", stderr);
		exit(2);
	}
	ss->v = grown;
	suite *s = &ss->v[ss->n++];
	s->key = xstrdup(key);
	s->t = NULL;

	urc_diag diag;
	urc_diag_init(&diag);
	urc_program prog;
	urc_program_init(&prog, &diag);
	char *path = s->key;
	int status = urc_load_paths(&prog, &path, 1);
	if (status == 0)
		urc_check_program(&prog);
	if (status != 0 || diag.errors) {
		if (status != 0) {
			fprintf(stderr, "fuzz: cannot read the guidelines '%s'\n", key);
			exit(2);
		}
		printf("fuzz: %s: %d error%s: its test files are only read, not run\n", key, diag.errors,
		       diag.errors == 1 ? "" : "s");
	} else {
		unsigned char *bytes = NULL;
		size_t len = 0;
		char err[512];
		if (urc_table_build(&prog, &bytes, &len, err, sizeof err) != 0) {
			fprintf(stderr, "fuzz: %s: cannot build the table: %s\n", key, err);
			exit(2);
		}
		s->t = urc_table_from_memory(bytes, len, err, sizeof err);
		free(bytes);
		if (!s->t) {
			fprintf(stderr, "fuzz: %s: the table built does not load: %s\n", key, err);
			exit(2);
		}
	}
	urc_program_free(&prog);
	urc_diag_free(&diag);
	return s->t;
}

/* ---- running ---- */

static FILE *devnull;
static long inputs, loaded, read_whole, tests_run, tests_bound, tests_passed;

static bool terminated(const char *s, size_t n)
{
	return memchr(s, '\0', n) != NULL;
}

/* Binds, decides and compares one test, as `urc test` runs it. */
static void run_test(const urc_table *t, const char *name, const urc_testfile_case *tc, urc_bound *b,
                     urc_decision *d)
{
	tests_run++;
	urc_case_error err;
	if (urc_bind(t, &tc->c, b, &err) != 0) {
		if (!terminated(err.field, sizeof err.field) || !terminated(err.message, sizeof err.message))
			broken("a bind error without its NUL");
		fprintf(devnull, "%s:%ld: case%s%s: %s\n", name, urc_testfile_field_line(tc, err.field),
		        err.field[0] ? "." : "", err.field, err.message);
		return;
	}
	tests_bound++;
	urc_decide(t, b, d);
	char rule[256];
	urc_testfile_actual a;
	urc_testfile_actual_of(&a, t, d, rule, sizeof rule);
	unsigned diff = urc_testfile_compare(&tc->expect, &a);
	if (diff & ~tc->expect.fields)
		broken("a difference in a field the test does not compare");
	if (!diff) {
		tests_passed++;
		fprintf(devnull, "%s:%ld: ok \"%s\"\n", name, tc->line, tc->name);
		return;
	}
	/* Now and then a short buffer, so that describing is cut short. */
	char what[2048];
	size_t n = inputs % 7 == 3 ? (size_t)(inputs % 41) : sizeof what;
	urc_testfile_describe(&tc->expect, &a, diff, what, n);
	if (n && !terminated(what, n))
		broken("a description without its NUL");
	fprintf(devnull, "%s:%ld: FAIL \"%s\": %s%s%s (%s, %s)\n", name, tc->line, tc->name, n ? what : "",
	        a.rule ? " decided by " : "", a.rule ? a.rule : "", urc_testfile_outcome_code(a.outcome),
	        a.guideline ? a.guideline : "no guideline");
}

/* Reads one input (described by fuzz_describe) as a test file named name and
 * runs its tests on t (when not NULL). */
static void run(const urc_table *t, const char *name, const char *text, size_t len)
{
	static urc_bound b;
	static urc_decision d;
	char *exact = fuzz_xmalloc(len);
	memcpy(exact, text, len);
	urc_testfile tf;
	double t0 = fuzz_now();
	int rc = urc_testfile_parse(&tf, name, exact, len);
	free(exact);
	inputs++;
	if (rc != (tf.nerrors ? -1 : 0))
		broken("a status that does not match the problems found");
	if (!tf.path || strcmp(tf.path, name) != 0)
		broken("a test file not named as asked");
	for (size_t i = 0; i < tf.nerrors; i++) {
		const urc_testfile_error *e = &tf.errors[i];
		if (!e->text || (e->test != URC_TESTFILE_NO_TEST && e->test >= tf.ncases) || e->line < 0)
			broken("a problem with no text, a bad line or a test that is not there");
		fprintf(devnull, "%s:%ld: %s\n", name, e->line, e->text);
	}
	loaded += tf.ncases > 0;
	read_whole += tf.nerrors == 0;
	for (size_t i = 0; i < tf.ncases; i++) {
		const urc_testfile_case *tc = &tf.cases[i];
		if (!tc->name || !tc->skip_reason)
			broken("a test with no name or skip reason");
		if (tc->nfields && !tc->fields)
			broken("a test with fields noted but none kept");
		if (!tc->ok)
			continue;
		if (tc->skip) {
			fprintf(devnull, "%s:%ld: skip \"%s\": %s\n", name, tc->line, tc->name, tc->skip_reason);
			continue;
		}
		if (!terminated(tc->c.id, sizeof tc->c.id) || !terminated(tc->c.plan, sizeof tc->c.plan) ||
		    !terminated(tc->c.setting, sizeof tc->c.setting) ||
		    !terminated(tc->c.discipline, sizeof tc->c.discipline))
			broken("a case read whole with a name without its NUL");
		for (size_t k = 0; k < tc->nfields; k++)
			if (!terminated(tc->fields[k].path, sizeof tc->fields[k].path))
				broken("a field's path without its NUL");
		if (t)
			run_test(t, name, tc, &b, &d);
	}
	urc_testfile_free(&tf);
	if (tf.cases || tf.errors || tf.path || tf.ncases || tf.nerrors)
		broken("a test file not emptied by urc_testfile_free");
	fuzz_note_time(fuzz_now() - t0);
}

static void usage(void)
{
	fputs("usage: fuzz_test [-n VARIANTS] [--seed S] [--full-bytes B] [--lib DIR] [--variant S] PATH...\n"
	      "       fuzz_test --dump-variant FILE SEED\n"
	      "       fuzz_test --dump-cut FILE OFFSET\n",
	      stderr);
	exit(2);
}

static unsigned long long number(const char *s)
{
	return fuzz_number(s, usage);
}

static int dump(const char *mode, const char *path, const char *arg)
{
	size_t len;
	char *text = fuzz_read_file(path, &len);
	fuzz_buf b = {0};
	if (strcmp(mode, "--dump-variant") == 0) {
		anchors a;
		find_anchors(&a, text, len);
		make_variant(&b, text, len, &a, number(arg));
	} else {
		unsigned long long cut = number(arg);
		fuzz_buf_set(&b, text, cut < len ? (size_t)cut : len);
	}
	int ok = fwrite(b.p, 1, b.n, stdout) == b.n;
	free(b.p);
	free(text);
	return ok ? 0 : 2;
}

/* The guidelines of the test file at path: NAME.guide beside it, else
 * lib, else none (malloc'd, or NULL). */
static char *guidelines_of(const char *path, const char *lib)
{
	size_t n = strlen(path) - strlen(".cases.yaml");
	char *g = fuzz_xmalloc(n + sizeof ".guide");
	memcpy(g, path, n);
	memcpy(g + n, ".guide", sizeof ".guide");
	struct stat st;
	if (stat(g, &st) == 0 && S_ISREG(st.st_mode))
		return g;
	free(g);
	return lib ? xstrdup(lib) : NULL;
}

int main(int argc, char **argv)
{
	size_t variants = DEFAULT_VARIANTS, full_bytes = DEFAULT_FULL_BYTES;
	uint64_t seed = DEFAULT_SEED, only = 0;
	bool only_one = false;
	const char *lib = NULL;
	const char *env = getenv("FUZZ_SEED");
	if (env && *env)
		seed = number(env);
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			variants = (size_t)number(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = number(argv[++i]);
		else if (strcmp(argv[i], "--full-bytes") == 0 && i + 1 < argc)
			full_bytes = (size_t)number(argv[++i]);
		else if (strcmp(argv[i], "--lib") == 0 && i + 1 < argc)
			lib = argv[++i];
		else if (strcmp(argv[i], "--variant") == 0 && i + 1 < argc) {
			only = number(argv[++i]);
			only_one = true;
		}
		else if ((strcmp(argv[i], "--dump-variant") == 0 || strcmp(argv[i], "--dump-cut") == 0) &&
		         i + 2 < argc)
			return dump(argv[i], argv[i + 1], argv[i + 2]);
		else
			usage();
	}
	if (i == argc)
		usage();

	fuzz_paths files = {0};
	for (; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISREG(st.st_mode) && fuzz_ends_with(argv[i], ".cases.yaml")) {
			fuzz_paths_add(&files, xstrdup(argv[i]));
		} else if (fuzz_find_files(argv[i], ".cases.yaml", &files) != 0) {
			fprintf(stderr, "fuzz: cannot read folder '%s': %s\n", argv[i], strerror(errno));
			return 2;
		}
	}
	if (files.n == 0) {
		fputs("fuzz: no .cases.yaml files found\n", stderr);
		return 2;
	}
	devnull = fopen("/dev/null", "w");
	if (!devnull) {
		perror("fuzz: /dev/null");
		return 2;
	}
	fuzz_watch_crashes("reading");
	printf("fuzz: seed %llu, %zu variants a file; files over %zu bytes are cut at about %zu "
	       "evenly spaced offsets, others at every offset\n",
	       (unsigned long long)seed, variants, full_bytes, full_bytes);
	fflush(stdout);

	double t0 = fuzz_now();
	suites ss = {0};
	fuzz_buf b = {0};
	for (size_t f = 0; f < files.n; f++) {
		const char *path = files.v[f];
		char *guides = guidelines_of(path, lib);
		const urc_table *t = guides ? table_for(&ss, guides) : NULL;
		if (!guides)
			printf("fuzz: %s: no NAME.guide beside it and no --lib: only read\n", path);
		size_t len;
		char *text = fuzz_read_file(path, &len);
		anchors a;
		find_anchors(&a, text, len);
		const char *g = guides ? guides : "GUIDELINES";
		if (only_one) {
			make_variant(&b, text, len, &a, only);
			fuzz_describe("%s variant seed %llu", path, (unsigned long long)only);
			run(t, path, b.p, b.n);
			free(guides);
			free(text);
			continue;
		}

		fuzz_describe("%s (whole)", path);
		long before = tests_passed;
		run(t, path, text, len);
		if (t && tests_passed == before)
			printf("fuzz: %s: no test passes against %s\n", path, g);

		size_t stride = 1;
		if (full_bytes && len > full_bytes)
			stride = (len + full_bytes - 1) / full_bytes;
		for (size_t cut = 0; cut < len; cut += stride) {
			fuzz_describe("%s cut at offset %zu (reproduce: fuzz_test --dump-cut %s %zu > x.cases.yaml; "
			              "urc test %s x.cases.yaml)",
			              path, cut, path, cut, g);
			run(t, path, text, cut);
		}
		for (size_t k = 0; k < variants; k++) {
			uint64_t s = fuzz_variant_seed(seed, f, k);
			make_variant(&b, text, len, &a, s);
			fuzz_describe("%s variant seed %llu (reproduce: fuzz_test%s%s --variant %llu %s, or "
			              "fuzz_test --dump-variant %s %llu > x.cases.yaml; urc test %s x.cases.yaml)",
			              path, (unsigned long long)s, lib ? " --lib " : "", lib ? lib : "",
			              (unsigned long long)s, path, path, (unsigned long long)s, g);
			run(t, path, b.p, b.n);
		}
		free(guides);
		free(text);
	}
	free(b.p);
	double dt = fuzz_now() - t0;
	const char *slowest_what;
	double slowest = fuzz_slowest(&slowest_what);
	printf("fuzz: %ld inputs held tests, %ld of them no problem; %ld tests run, %ld bound, %ld passing; slowest input %.1f ms: %s\n",
	       loaded, read_whole, tests_run, tests_bound, tests_passed, slowest * 1e3, slowest_what);
	printf("fuzz: %zu test files, %zu guideline sets; %.1f s, %.2f ms an input\n", files.n, ss.n, dt,
	       dt * 1e3 / (double)(inputs ? inputs : 1));
	printf("fuzz: %ld inputs, 0 crashes\n", inputs);
	for (size_t k = 0; k < ss.n; k++) {
		urc_table_free(ss.v[k].t);
		free(ss.v[k].key);
	}
	free(ss.v);
	fuzz_paths_free(&files);
	fclose(devnull);
	return 0;
}
