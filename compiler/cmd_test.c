/* cmd_test.c — `urc test`: guideline regression tests. Compiles the
 * guidelines under the paths named, builds their runtime table in memory,
 * decides the case of every test in every NAME.cases.yaml found there with
 * liburc, and compares each decision with what its test expects. Prints
 * the failures and a summary; optionally the steps no case reaches
 * (coverage) and JUnit XML for CI. */
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "commands.h"
#include "strs.h"
#include "load.h"
#include "suggest.h"
#include "suggest_cases.h"
#include "table_write.h"
#include "testfile.h"
#include "urc.h"

enum { DEPTH_MAX = 32 }; /* deepest folder searched, as the loader does */

static void usage(FILE *f)
{
	fputs("usage: urc test [-v] [--filter PATTERN] [--coverage] [--junit FILE] PATH...\n"
	      "\n"
	      "Runs guideline regression tests. Compiles the guidelines under each\n"
	      "PATH (they must check without errors), then decides the case of every\n"
	      "test in every NAME.cases.yaml found there and compares the decision\n"
	      "with what the test expects. A PATH is a folder, searched recursively,\n"
	      "a .guide file (its NAME.cases.yaml beside it is run), or a .cases.yaml\n"
	      "file (its NAME.guide beside it is compiled). docs/testing.md describes\n"
	      "test files.\n"
	      "\n"
	      "Prints a line for each failing test and a last line 'N passed, N failed'.\n"
	      "\n"
	      "options:\n"
	      "  -v, --verbose      list passing and skipped tests too\n"
	      "  --filter PATTERN   run only the tests whose name contains PATTERN (or,\n"
	      "                     when it holds * ? or [, matches it as a glob)\n"
	      "  --coverage         print, per guideline, the steps no test's case reaches\n"
	      "  --coverage-out FILE  write the steps no test's case reaches to FILE, for\n"
	      "                     'urc dot --coverage' to draw\n"
	      "  --suggest ID       print proposed cases for guideline ID, ready to paste:\n"
	      "                     one reaching each rule, and each threshold's two sides\n"
	      "  --junit FILE       write the results as JUnit XML to FILE\n"
	      "  -h, --help         this help\n"
	      "\n"
	      "exit status: 0 every test passed, 1 a test failed or the guidelines have\n"
	      "errors, 2 usage or I/O error or a bad test file.\n",
	      f);
}

/* ---- lists of paths ---- */


static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Adds the *.guide and *.cases.yaml files under dir, in name order, as
 * the loader finds guidelines. Returns 0, or errno when dir cannot be
 * listed. */
static int search(const char *dir, int depth, urc_strs *guides, urc_strs *tests)
{
	if (depth > DEPTH_MAX)
		return ELOOP;
	urc_strs names = {0};
	int err = urc_strs_list_dir(&names, dir);
	if (err)
		return err;
	for (size_t i = 0; i < names.n; i++) {
		struct stat st;
		if (stat(names.v[i], &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			search(names.v[i], depth + 1, guides, tests);
		else if (urc_ends_with(names.v[i], ".guide"))
			urc_strs_push(guides, names.v[i]);
		else if (urc_ends_with(names.v[i], ".cases.yaml"))
			urc_strs_push(tests, names.v[i]);
	}
	urc_strs_free(&names);
	return 0;
}

/* p with its suffix `from` replaced by `to` (malloc'd). */
static char *sibling(const char *p, const char *from, const char *to)
{
	size_t n = strlen(p) - strlen(from), m = strlen(to);
	char *s = urc_xmalloc(n + m + 1);
	memcpy(s, p, n);
	memcpy(s + n, to, m + 1);
	return s;
}

/* ---- the steps of every phase, in table order ---- */

/* A step of a phase: the table writer numbers them guideline by guideline,
 * the initial phase then the continued, each in source order. */
typedef struct step {
	const urc_guideline *g;
	const urc_rule *r;
	int phase;      /* 0 initial, 1 continued */
	const char *file;
	unsigned line;
	long reached;   /* cases it decided */
} step;

typedef struct guide_steps {
	const urc_guideline *g;
	size_t first, n; /* its steps */
} guide_steps;

/* One result, kept for the JUnit report. */
typedef enum result_kind { ST_PASS, ST_FAIL, ST_SKIP, ST_ERROR } result_kind;

typedef struct result {
	size_t file;     /* index in run.files */
	char *name;      /* test name (owned) */
	long line;
	result_kind st;
	char *message;   /* failure or error text, or skip reason (owned) */
} result;

typedef struct run {
	bool verbose, coverage;
	const char *filter;
	const char *junit;
	const char *coverage_out; /* --coverage-out FILE, or NULL */
	urc_program *prog;
	const urc_table *t;
	step *steps;
	size_t nsteps;
	guide_steps *guides;
	size_t nguides;
	urc_strs files;               /* test files, in the order run */
	result *results;
	size_t nresults, results_cap;
	long passed, failed, skipped, errors, matched;
	size_t bad_files;
	bool internal;            /* the table and the sources disagree */
} run;

static void list_steps(run *rn)
{
	urc_diag *diag = rn->prog->diag;
	size_t cap = 0;
	for (const urc_guideline *g = rn->prog->guidelines.first; g; g = g->next) {
		rn->guides = urc_xrealloc(rn->guides, (rn->nguides + 1) * sizeof *rn->guides);
		guide_steps *gs = &rn->guides[rn->nguides++];
		gs->g = g;
		gs->first = rn->nsteps;
		const urc_phase *phases[2] = {&g->initial, &g->continued};
		for (int p = 0; p < 2; p++) {
			if (!phases[p]->present)
				continue;
			for (const urc_rule *r = phases[p]->first; r; r = r->next) {
				if (rn->nsteps == cap) {
					cap = cap ? cap * 2 : 64;
					rn->steps = urc_xrealloc(rn->steps, cap * sizeof *rn->steps);
				}
				step *s = &rn->steps[rn->nsteps++];
				s->g = g;
				s->r = r;
				s->phase = p;
				s->file = r->span.file == URC_NO_FILE ? "?" : diag->files[r->span.file].name;
				s->line = r->span.file == URC_NO_FILE ? 0 : urc_diag_position(diag, r->span.file, r->span.start).line;
				s->reached = 0;
			}
		}
		gs->n = rn->nsteps - gs->first;
	}
}

/* The step's name as urc_decision_rule gives it. */
static const char *step_name(const step *s, char *buf, size_t n)
{
	switch (s->r->kind) {
	case URC_ITEM_REQUIRE:
		snprintf(buf, n, "require %s", s->r->measure ? s->r->measure->id.s : s->r->name.s);
		break;
	case URC_ITEM_RULE:
		snprintf(buf, n, "%s", s->r->name.s);
		break;
	default:
		snprintf(buf, n, "otherwise");
		break;
	}
	return buf;
}

/* Counts the step that decided d. The step's name in the table must be
 * the one the sources give it, or the coverage would be someone else's. */
static void mark_reached(run *rn, const urc_decision *d, const char *rule)
{
	if (d->guideline == UINT32_MAX || d->item == UINT32_MAX)
		return;
	char buf[256];
	const guide_steps *gs = d->guideline < rn->nguides ? &rn->guides[d->guideline] : NULL;
	if (!gs || d->item < gs->first || d->item >= gs->first + gs->n || !rule ||
	    strcmp(step_name(&rn->steps[d->item], buf, sizeof buf), rule) != 0) {
		rn->internal = true;
		return;
	}
	rn->steps[d->item].reached++;
}

/* " (no step of low_back_pain is named ...)" when a test expects a step
 * that its guideline does not have. */
static void rule_hint(const run *rn, const urc_decision *d, const char *want, char *buf, size_t n)
{
	buf[0] = '\0';
	if (d->guideline == UINT32_MAX || d->guideline >= rn->nguides)
		return;
	const guide_steps *gs = &rn->guides[d->guideline];
	const char **names = urc_xmalloc((gs->n + 1) * sizeof *names);
	char (*bufs)[256] = urc_xmalloc((gs->n + 1) * sizeof *bufs);
	size_t k = 0;
	bool found = strcmp(want, "plan auto-approval") == 0;
	for (size_t i = 0; i < gs->n; i++) {
		names[k] = step_name(&rn->steps[gs->first + i], bufs[k], sizeof bufs[k]);
		found = found || strcmp(names[k], want) == 0;
		k++;
	}
	names[k++] = "plan auto-approval";
	if (!found) {
		const char *near = urc_suggest(want, names, k);
		if (near)
			snprintf(buf, n, " (%s has no step \"%s\"; did you mean \"%s\"?)", gs->g->id.s, want, near);
		else
			snprintf(buf, n, " (%s has no step \"%s\")", gs->g->id.s, want);
	}
	free(bufs);
	free(names);
}

/* ---- results ---- */

static void add_result(run *rn, size_t file, const char *name, long line, result_kind st, const char *msg)
{
	if (rn->nresults == rn->results_cap) {
		rn->results_cap = rn->results_cap ? rn->results_cap * 2 : 64;
		rn->results = urc_xrealloc(rn->results, rn->results_cap * sizeof *rn->results);
	}
	result *r = &rn->results[rn->nresults++];
	r->file = file;
	r->line = line;
	r->st = st;
	size_t n = strlen(name) + 1, m = strlen(msg) + 1;
	r->name = urc_xmalloc(n);
	memcpy(r->name, name, n);
	r->message = urc_xmalloc(m);
	memcpy(r->message, msg, m);
}

/* Prints a problem on standard error, after what standard output holds,
 * so that the two interleave in the order they happened. */
static void report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void report(const char *fmt, ...)
{
	fflush(stdout);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static bool selected(const run *rn, const char *name)
{
	if (!rn->filter)
		return true;
	if (strpbrk(rn->filter, "*?["))
		return fnmatch(rn->filter, name, 0) == 0;
	return strstr(name, rn->filter) != NULL;
}

/* Runs one test: binds and decides its case, compares. */
static void run_test(run *rn, size_t fi, const urc_testfile_case *tc, urc_bound *b, urc_decision *d)
{
	const char *path = rn->files.v[fi];
	urc_case_error err;
	if (urc_bind(rn->t, &tc->c, b, &err) != 0) {
		char msg[512];
		snprintf(msg, sizeof msg, "case%s%s: %s", err.field[0] ? "." : "", err.field, err.message);
		long line = urc_testfile_field_line(tc, err.field);
		report("%s:%ld: %s\n", path, line, msg);
		add_result(rn, fi, tc->name, tc->line, ST_ERROR, msg);
		rn->errors++;
		return;
	}
	urc_decide(rn->t, b, d);
	char rule[256];
	urc_testfile_actual a;
	urc_testfile_actual_of(&a, rn->t, d, rule, sizeof rule);
	mark_reached(rn, d, a.rule);
	unsigned diff = urc_testfile_compare(&tc->expect, &a);
	if (!diff) {
		rn->passed++;
		if (rn->verbose)
			printf("%s:%ld: ok \"%s\"\n", path, tc->line, tc->name);
		add_result(rn, fi, tc->name, tc->line, ST_PASS, "");
		return;
	}
	char what[2048], hint[512] = "", msg[3072];
	urc_testfile_describe(&tc->expect, &a, diff, what, sizeof what);
	if (diff & URC_EXPECT_RULE)
		rule_hint(rn, d, tc->expect.rule, hint, sizeof hint);
	else if (a.rule)
		snprintf(hint, sizeof hint, " (decided by \"%s\")", a.rule);
	else
		snprintf(hint, sizeof hint, " (no step decided)");
	snprintf(msg, sizeof msg, "%s%s", what, hint);
	printf("%s:%ld: FAIL \"%s\": %s\n", path, tc->line, tc->name, msg);
	add_result(rn, fi, tc->name, tc->line, ST_FAIL, msg);
	rn->failed++;
}

/* Reads one test file and runs its tests. */
static void run_file(run *rn, size_t fi, urc_bound *b, urc_decision *d)
{
	const char *path = rn->files.v[fi];
	urc_testfile tf;
	urc_testfile_read(&tf, path);
	for (size_t i = 0; i < tf.nerrors; i++) {
		if (tf.errors[i].line > 0)
			report("%s:%ld: %s\n", path, tf.errors[i].line, tf.errors[i].text);
		else if (tf.unreadable)
			report("urc test: %s\n", tf.errors[i].text);
		else
			report("%s: %s\n", path, tf.errors[i].text);
	}
	if (tf.nerrors) {
		rn->bad_files++;
		/* Problems outside every test go to the report as one error. */
		for (size_t i = 0; i < tf.nerrors; i++)
			if (tf.errors[i].test == URC_TESTFILE_NO_TEST) {
				add_result(rn, fi, "(test file)", tf.errors[i].line, ST_ERROR, tf.errors[i].text);
				break;
			}
	}
	for (size_t i = 0; i < tf.ncases; i++) {
		const urc_testfile_case *tc = &tf.cases[i];
		if (!selected(rn, tc->name))
			continue;
		rn->matched++;
		if (!tc->ok) {
			const char *msg = "the test has errors";
			for (size_t j = 0; j < tf.nerrors; j++)
				if (tf.errors[j].test == i) {
					msg = tf.errors[j].text;
					break;
				}
			add_result(rn, fi, tc->name, tc->line, ST_ERROR, msg);
			rn->errors++;
		} else if (tc->skip) {
			rn->skipped++;
			if (rn->verbose)
				printf("%s:%ld: skip \"%s\"%s%s\n", path, tc->line, tc->name, tc->skip_reason[0] ? ": " : "",
				       tc->skip_reason);
			add_result(rn, fi, tc->name, tc->line, ST_SKIP, tc->skip_reason);
		} else {
			run_test(rn, fi, tc, b, d);
		}
	}
	urc_testfile_free(&tf);
}

/* ---- coverage ---- */

static void print_coverage(const run *rn)
{
	puts("coverage:");
	for (size_t i = 0; i < rn->nguides; i++) {
		const guide_steps *gs = &rn->guides[i];
		size_t reached = 0;
		for (size_t k = 0; k < gs->n; k++)
			reached += rn->steps[gs->first + k].reached > 0;
		if (gs->n == 0) {
			printf("  %s: no steps\n", gs->g->id.s);
			continue;
		}
		unsigned pct = (unsigned)(reached * 100 / gs->n);
		printf("  %s: %u%% (%zu of %zu steps)", gs->g->id.s, pct, reached, gs->n);
		if (reached == 0) {
			puts(": no test's case reaches it");
			continue;
		}
		if (reached == gs->n) {
			putchar('\n');
			continue;
		}
		puts("; not reached:");
		for (size_t k = 0; k < gs->n; k++) {
			const step *s = &rn->steps[gs->first + k];
			if (s->reached)
				continue;
			const char *ph = s->phase ? "continued" : "initial";
			switch (s->r->kind) {
			case URC_ITEM_REQUIRE:
				printf("    %s:%u: require %s (%s)\n", s->file, s->line, s->r->name.s, ph);
				break;
			case URC_ITEM_RULE:
				printf("    %s:%u: rule \"%s\" (%s)\n", s->file, s->line, s->r->name.s, ph);
				break;
			default:
				printf("    %s:%u: otherwise (%s)\n", s->file, s->line, ph);
				break;
			}
		}
	}
}

/* Writes the coverage for `urc dot --coverage`, whole or not at all: a
 * first line "# urc coverage 1", then a line per guideline
 *   ID REACHED of TOTAL initial: [INDEX...] continued: [INDEX...]
 * listing after each phase the 0-based indexes, in source order, of its
 * steps no test's case reaches (docs/testing.md, 5.1). Returns 0, or -1
 * after saying why. */
static int write_coverage(const run *rn)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		urc_oom();
	fputs("# urc coverage 1\n", f);
	for (size_t i = 0; i < rn->nguides; i++) {
		const guide_steps *gs = &rn->guides[i];
		size_t reached = 0;
		for (size_t k = 0; k < gs->n; k++)
			reached += rn->steps[gs->first + k].reached > 0;
		fprintf(f, "%s %zu of %zu", gs->g->id.s, reached, gs->n);
		for (int p = 0; p < 2; p++) {
			fputs(p ? " continued:" : " initial:", f);
			long index = 0; /* the step's place in its phase */
			for (size_t k = 0; k < gs->n; k++) {
				const step *s = &rn->steps[gs->first + k];
				if (s->phase != p)
					continue;
				if (!s->reached)
					fprintf(f, " %ld", index);
				index++;
			}
		}
		fputc('\n', f);
	}
	if (fclose(f) != 0) {
		free(buf);
		urc_oom();
	}
	char err[512];
	int rc = urc_write_atomic(rn->coverage_out, buf, len, err, sizeof err);
	if (rc != 0)
		report("urc test: %s\n", err);
	free(buf);
	return rc;
}

/* ---- JUnit XML ---- */

/* Writes s escaped for XML text or an attribute value. Characters XML 1.0
 * cannot hold become '?'. */
static void xml_text(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		case '\n': fputs("&#10;", f); break;
		case '\t': fputs("&#9;", f); break;
		default:
			fputc(*p < 0x20 || *p == 0x7F ? '?' : *p, f);
		}
	}
}

/* "guidelines/ortho/low_back_pain.cases.yaml" -> "guidelines.ortho.low_back_pain" */
static void xml_classname(FILE *f, const char *path)
{
	size_t n = strlen(path);
	if (urc_ends_with(path, ".cases.yaml"))
		n -= strlen(".cases.yaml");
	const char *p = path;
	for (;;) {
		if (n >= 2 && p[0] == '.' && p[1] == '/') {
			p += 2;
			n -= 2;
		} else if (n >= 1 && p[0] == '/') {
			p++;
			n--;
		} else {
			break;
		}
	}
	char *s = urc_xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		s[i] = p[i] == '/' ? '.' : p[i];
	s[n] = '\0';
	xml_text(f, s);
	free(s);
}

/* Writes the JUnit report whole or not at all. Returns 0, or -1 after
 * saying why. */
static int write_junit(const run *rn)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		urc_oom();
	long total[4] = {0};
	for (size_t i = 0; i < rn->nresults; i++)
		total[rn->results[i].st]++;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites name=\"urc test\" tests=\"%zu\" failures=\"%ld\" errors=\"%ld\" skipped=\"%ld\">\n",
	        rn->nresults, total[ST_FAIL], total[ST_ERROR], total[ST_SKIP]);
	for (size_t fi = 0; fi < rn->files.n; fi++) {
		long n[4] = {0}, all = 0;
		for (size_t i = 0; i < rn->nresults; i++)
			if (rn->results[i].file == fi) {
				n[rn->results[i].st]++;
				all++;
			}
		fputs("  <testsuite name=\"", f);
		xml_text(f, rn->files.v[fi]);
		fprintf(f, "\" tests=\"%ld\" failures=\"%ld\" errors=\"%ld\" skipped=\"%ld\"%s>\n", all, n[ST_FAIL],
		        n[ST_ERROR], n[ST_SKIP], all ? "" : "/");
		if (!all)
			continue;
		for (size_t i = 0; i < rn->nresults; i++) {
			const result *r = &rn->results[i];
			if (r->file != fi)
				continue;
			fputs("    <testcase name=\"", f);
			xml_text(f, r->name);
			fputs("\" classname=\"", f);
			xml_classname(f, rn->files.v[fi]);
			fputs("\" file=\"", f);
			xml_text(f, rn->files.v[fi]);
			fprintf(f, "\" line=\"%ld\"", r->line);
			if (r->st == ST_PASS) {
				fputs("/>\n", f);
				continue;
			}
			fputs(">\n", f);
			if (r->st == ST_SKIP) {
				fputs("      <skipped message=\"", f);
				xml_text(f, r->message);
				fputs("\"/>\n", f);
			} else {
				fputs(r->st == ST_FAIL ? "      <failure type=\"mismatch\" message=\"" : "      <error type=\"bad test\" message=\"", f);
				xml_text(f, r->message);
				fputs("\">", f);
				xml_text(f, rn->files.v[fi]);
				fprintf(f, ":%ld: ", r->line);
				xml_text(f, r->message);
				fputs(r->st == ST_FAIL ? "</failure>\n" : "</error>\n", f);
			}
			fputs("    </testcase>\n", f);
		}
		fputs("  </testsuite>\n", f);
	}
	fputs("</testsuites>\n", f);
	if (fclose(f) != 0) {
		free(buf);
		urc_oom();
	}
	char err[512];
	int rc = urc_write_atomic(rn->junit, buf, len, err, sizeof err);
	if (rc != 0)
		report("urc test: %s\n", err);
	free(buf);
	return rc;
}

/* ---- the command ---- */

/* Sorts out the paths named: folders are searched, a .guide brings the
 * tests beside it, a .cases.yaml the guideline beside it. Returns 0, or 2
 * after reporting a path that cannot be used. */
static int gather(char **paths, int n, urc_strs *guides, urc_strs *tests)
{
	int status = 0;
	for (int i = 0; i < n; i++) {
		const char *p = paths[i];
		struct stat st;
		if (stat(p, &st) != 0) {
			report("urc test: cannot read '%s': %s\n", p, strerror(errno));
			status = 2;
		} else if (S_ISDIR(st.st_mode)) {
			int err = search(p, 0, guides, tests);
			if (err) {
				report("urc test: cannot read '%s': %s\n", p, strerror(err));
				status = 2;
			}
		} else if (urc_ends_with(p, ".cases.yaml")) {
			urc_strs_push(tests, p);
			char *g = sibling(p, ".cases.yaml", ".guide");
			if (is_file(g))
				urc_strs_push(guides, g);
			free(g);
		} else if (urc_ends_with(p, ".guide")) {
			urc_strs_push(guides, p);
			char *t = sibling(p, ".guide", ".cases.yaml");
			if (is_file(t))
				urc_strs_push(tests, t);
			free(t);
		} else {
			report("urc test: '%s' is not a folder, a .guide file or a .cases.yaml file\n", p);
			status = 2;
		}
	}
	return status;
}

/* Drops test files named twice (by two paths to one file). */
static void dedupe(urc_strs *tests)
{
	char **canon = urc_xmalloc((tests->n + 1) * sizeof *canon);
	size_t k = 0;
	for (size_t i = 0; i < tests->n; i++) {
		canon[i] = realpath(tests->v[i], NULL);
		bool dup = false;
		for (size_t j = 0; j < i && !dup; j++)
			dup = canon[i] && canon[j] && strcmp(canon[i], canon[j]) == 0;
		if (dup)
			free(tests->v[i]);
		else
			tests->v[k++] = tests->v[i];
	}
	for (size_t i = 0; i < tests->n; i++)
		free(canon[i]);
	free(canon);
	tests->n = k;
}

/* Loads and checks the guidelines, then builds their table. Returns 0 with
 * *t set, or the exit status after reporting. */
static int compile(run *rn, urc_strs *guides, urc_table **t)
{
	urc_diag *diag = rn->prog->diag;
	int status = urc_load_paths(rn->prog, guides->v, (int)guides->n);
	if (status == 0)
		urc_check_program(rn->prog);
	fflush(stdout);
	urc_diag_print(diag, stderr, isatty(STDERR_FILENO) && !getenv("NO_COLOR"));
	if (status != 0)
		return 2;
	if (diag->errors) {
		report("urc test: %d error%s in the guidelines: no test run\n", diag->errors,
		       diag->errors == 1 ? "" : "s");
		return 1;
	}
	unsigned char *bytes = NULL;
	size_t len = 0;
	char err[512];
	if (urc_table_build(rn->prog, &bytes, &len, err, sizeof err) != 0) {
		report("urc test: %s\n", err);
		return 1;
	}
	*t = urc_table_from_memory(bytes, len, err, sizeof err);
	free(bytes);
	if (!*t) {
		report("urc test: the table built does not load: %s\n", err);
		return 2;
	}
	return 0;
}

int urc_cmd_test(int argc, char **argv)
{
	run rn = {0};
	const char *suggest_id = NULL; /* --suggest: propose cases, run none */
	char **paths = urc_xmalloc(((size_t)argc + 1) * sizeof *paths);
	int n = 0, only_paths = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_paths || a[0] != '-') {
			paths[n++] = argv[i];
		} else if (strcmp(a, "--") == 0) {
			only_paths = 1;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			free(paths);
			return 0;
		} else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
			rn.verbose = true;
		} else if (strcmp(a, "--coverage") == 0) {
			rn.coverage = true;
		} else if (strcmp(a, "--suggest") == 0) {
			if (i + 1 == argc || argv[i + 1][0] == '\0') {
				report("urc test: --suggest needs a guideline's id\n");
				free(paths);
				return 2;
			}
			suggest_id = argv[++i];
		} else if (strcmp(a, "--filter") == 0 || strcmp(a, "--junit") == 0) {
			if (i + 1 == argc || argv[i + 1][0] == '\0') {
				report("urc test: %s needs a value\n", a);
				free(paths);
				return 2;
			}
			*(strcmp(a, "--filter") == 0 ? &rn.filter : &rn.junit) = argv[++i];
		} else if (strncmp(a, "--filter=", 9) == 0 && a[9]) {
			rn.filter = a + 9;
		} else if (strncmp(a, "--junit=", 8) == 0 && a[8]) {
			rn.junit = a + 8;
		} else if (strcmp(a, "--coverage-out") == 0) {
			if (i + 1 == argc || argv[i + 1][0] == '\0') {
				report("urc test: %s needs a value\n", a);
				free(paths);
				return 2;
			}
			rn.coverage_out = argv[++i];
		} else if (strncmp(a, "--coverage-out=", 15) == 0 && a[15]) {
			rn.coverage_out = a + 15;
		} else {
			report("urc test: unknown option '%s'\n", a);
			usage(stderr);
			free(paths);
			return 2;
		}
	}
	if (n == 0) {
		report("urc test: name at least one folder or file to test\n");
		usage(stderr);
		free(paths);
		return 2;
	}
	urc_strs guides = {0};
	int status = gather(paths, n, &guides, &rn.files);
	free(paths);
	dedupe(&rn.files);
	if (status == 0 && guides.n == 0) {
		report("urc test: no guidelines (.guide files) among the paths named\n");
		status = 2;
	}
	if (status == 0 && rn.files.n == 0 && !suggest_id) {
		report("urc test: no test files (NAME.cases.yaml) among the paths named\n");
		status = 2;
	}
	urc_diag diag;
	urc_diag_init(&diag);
	urc_program prog;
	urc_program_init(&prog, &diag);
	rn.prog = &prog;
	urc_table *t = NULL;
	if (status == 0)
		status = compile(&rn, &guides, &t);
	urc_strs_free(&guides);
	if (status == 0 && suggest_id) {
		urc_guideline *g = prog.guidelines.first;
		while (g && strcmp(g->id.s, suggest_id) != 0)
			g = g->next;
		if (!g) {
			report("urc test: unknown guideline '%s'\n", suggest_id);
			status = 2;
		} else {
			urc_suggest_cases(stdout, &prog, g, t);
			if (fflush(stdout) != 0)
				status = 2;
		}
		urc_table_free(t);
		t = NULL;
		urc_strs_free(&rn.files);
		urc_program_free(&prog);
		urc_diag_free(&diag);
		return status;
	}
	if (status == 0) {
		rn.t = t;
		list_steps(&rn);
		urc_bound *b = urc_xmalloc(sizeof *b);
		urc_decision *d = urc_xmalloc(sizeof *d);
		for (size_t i = 0; i < rn.files.n; i++)
			run_file(&rn, i, b, d);
		free(b);
		free(d);
		if (rn.internal) {
			report("urc test: internal error: the table's steps do not match the sources; coverage is wrong\n");
			status = 2;
		}
		if (rn.coverage && !rn.internal)
			print_coverage(&rn);
		if (rn.coverage_out && !rn.internal && write_coverage(&rn) != 0)
			status = 2;
		if (rn.errors || rn.bad_files) {
			if (rn.errors && rn.bad_files)
				report("urc test: %zu test file%s with errors; %ld test%s not run\n", rn.bad_files,
				       rn.bad_files == 1 ? "" : "s", rn.errors, rn.errors == 1 ? "" : "s");
			else if (rn.errors)
				report("urc test: %ld test%s not run: %s case%s could not be read or bound (above)\n",
				       rn.errors, rn.errors == 1 ? "" : "s", rn.errors == 1 ? "its" : "their",
				       "");
			else
				report("urc test: %zu test file%s with errors\n", rn.bad_files, rn.bad_files == 1 ? "" : "s");
			status = 2;
		} else if (rn.filter && rn.matched == 0) {
			report("urc test: no test's name matches '%s'\n", rn.filter);
			status = 2;
		}
		printf("%ld passed, %ld failed", rn.passed, rn.failed);
		if (rn.skipped)
			printf(", %ld skipped", rn.skipped);
		putchar('\n');
		if (status == 0 && rn.failed)
			status = 1;
		if (rn.junit && write_junit(&rn) != 0)
			status = 2;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		report("urc test: cannot write the output\n");
		status = 2;
	}
	for (size_t i = 0; i < rn.nresults; i++) {
		free(rn.results[i].name);
		free(rn.results[i].message);
	}
	free(rn.results);
	free(rn.steps);
	free(rn.guides);
	urc_strs_free(&rn.files);
	urc_table_free(t);
	urc_program_free(&prog);
	urc_diag_free(&diag);
	return status;
}
