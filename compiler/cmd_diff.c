/* cmd_diff.c — `urc diff OLD NEW CASE...`: the decisions that change
 * between two versions of the guidelines. Each side is a runtime table or
 * sources compiled in memory; every case is read once, decided by both,
 * and listed when its outcome, visits granted, authorization end or
 * deciding step differs. A summary by guideline and by kind of change
 * follows. Nothing is allocated per case. */
#include <errno.h>
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
#include "table_write.h"
#include "testfile.h"
#include "urc.h"

enum { DEPTH_MAX = 32 }; /* deepest folder searched, as the loader does */

static void usage(FILE *f)
{
	fputs("usage: urc diff OLD NEW CASE...\n"
	      "\n"
	      "Lists the cases whose decision changes between two versions of the\n"
	      "guidelines. OLD and NEW are each a runtime table (.urt) or guideline\n"
	      "sources (a .guide file or a folder), compiled in memory; they must\n"
	      "check without errors. Each CASE is a case file (YAML, a YAML stream,\n"
	      "JSON or JSON Lines), '-' for standard input, or a folder whose *.yaml,\n"
	      "*.yml, *.json and *.jsonl files are read (test files, *.cases.yaml,\n"
	      "are passed over). Every case is decided by both; a change of outcome,\n"
	      "visits granted, authorization end or deciding step is listed, one line\n"
	      "each, then a summary by guideline and by kind of change, and a last\n"
	      "line 'N cases, N changed'. docs/testing.md describes the output.\n"
	      "\n"
	      "exit status: 0 no decision changed, 1 some decision changed, 2 usage\n"
	      "error, a side that cannot be loaded or has errors, or a case file that\n"
	      "cannot be read.\n",
	      f);
}

/* Prints on standard error after what standard output holds. */
static void report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void report(const char *fmt, ...)
{
	fflush(stdout);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

/* ---- the two sides ---- */

/* Whether path is a runtime table: a .urt name, or a file that opens with
 * the table's magic. */
static bool is_table(const char *path)
{
	if (urc_ends_with(path, ".urt"))
		return true;
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	char magic[8];
	bool yes = fread(magic, 1, sizeof magic, f) == sizeof magic && memcmp(magic, "URCTABLE", 8) == 0;
	fclose(f);
	return yes;
}

/* Loads one side: a table as it is, sources compiled as `urc build` would.
 * Returns the table, or NULL after reporting (naming the side). */
static urc_table *load_side(const char *side, const char *path)
{
	char err[512];
	struct stat st;
	if (stat(path, &st) != 0) {
		report("urc diff: %s: cannot read '%s': %s\n", side, path, strerror(errno));
		return NULL;
	}
	if (S_ISREG(st.st_mode) && is_table(path)) {
		urc_table *t = urc_table_load(path, err, sizeof err);
		if (!t)
			report("urc diff: %s: %s\n", side, err);
		return t;
	}
	urc_diag diag;
	urc_diag_init(&diag);
	urc_program prog;
	urc_program_init(&prog, &diag);
	char *paths[1] = {(char *)path};
	int status = urc_load_paths(&prog, paths, 1);
	if (status == 0)
		urc_check_program(&prog);
	fflush(stdout);
	urc_diag_print(&diag, stderr, isatty(STDERR_FILENO) && !getenv("NO_COLOR"));
	urc_table *t = NULL;
	if (status != 0) {
		report("urc diff: %s: cannot load the guidelines under '%s'\n", side, path);
	} else if (diag.errors) {
		report("urc diff: %s: %d error%s in the guidelines under '%s'\n", side, diag.errors,
		       diag.errors == 1 ? "" : "s", path);
	} else if (!prog.guidelines.first) {
		report("urc diff: %s: '%s' holds no guideline\n", side, path);
	} else {
		unsigned char *bytes = NULL;
		size_t len = 0;
		if (urc_table_build(&prog, &bytes, &len, err, sizeof err) != 0) {
			report("urc diff: %s: %s\n", side, err);
		} else {
			t = urc_table_from_memory(bytes, len, err, sizeof err);
			if (!t)
				report("urc diff: %s: the table built does not load: %s\n", side, err);
		}
		free(bytes);
	}
	urc_program_free(&prog);
	urc_diag_free(&diag);
	return t;
}

/* ---- case files ---- */


static bool is_case_file(const char *p)
{
	if (urc_ends_with(p, ".cases.yaml"))
		return false; /* a test file (docs/testing.md), not cases */
	return urc_ends_with(p, ".yaml") || urc_ends_with(p, ".yml") || urc_ends_with(p, ".json") || urc_ends_with(p, ".jsonl");
}

/* Adds the case files under dir, recursively, in name order. Returns 0,
 * or errno when dir cannot be listed. */
static int search(const char *dir, int depth, urc_strs *files)
{
	if (depth > DEPTH_MAX)
		return ELOOP;
	urc_strs names = {0};
	int err = urc_strs_list_dir(&names, dir);
	if (err)
		return err;
	int status = 0;
	for (size_t i = 0; i < names.n; i++) {
		struct stat st;
		if (stat(names.v[i], &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			int sub = search(names.v[i], depth + 1, files);
			if (sub && !status)
				status = sub;
		} else if (is_case_file(names.v[i])) {
			urc_strs_push(files, names.v[i]);
		}
	}
	urc_strs_free(&names);
	return status;
}

/* ---- deciding and comparing ---- */

/* Outcomes as counted in the summary: the five of liburc, and a case one
 * side could not bind. */
enum { OUT_ERROR = URC_NO_GUIDELINE + 1, NOUT };

/* What changed between the sides (bits of a change's kind). */
enum { CH_VISITS = 1, CH_END = 2, CH_RULE = 4, NCH = 8 };

/* One side's decision of the current case, in the terms compared. */
typedef struct side {
	const urc_table *t;
	urc_bound b;
	urc_decision d;
	urc_case_error e;
	bool bad;              /* the case does not bind to this table */
	int out;               /* urc_outcome or OUT_ERROR */
	const char *gid;       /* deciding guideline's id, NULL when none */
	const char *rule;      /* deciding step, NULL when none */
	char rule_buf[256];
} side;

static void decide(side *s, const urc_case *c)
{
	s->gid = s->rule = NULL;
	s->bad = urc_bind(s->t, c, &s->b, &s->e) != 0;
	if (s->bad) {
		s->out = OUT_ERROR;
		return;
	}
	urc_decide(s->t, &s->b, &s->d);
	s->out = (int)s->d.outcome;
	if (s->d.guideline != UINT32_MAX && urc_guideline_info(s->t, s->d.guideline, &s->gid, NULL, NULL) != 0)
		s->gid = NULL;
	s->rule = urc_decision_rule(s->t, &s->d, s->rule_buf, sizeof s->rule_buf);
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool approved(int out)
{
	return out == URC_APPROVED_FULL || out == URC_APPROVED_PART;
}

static const char *out_code(int out)
{
	return out == OUT_ERROR ? "error" : urc_testfile_outcome_code((urc_outcome)out);
}

/* Prints one side of a change line. */
static void print_side(FILE *f, const side *s)
{
	if (s->bad) {
		fprintf(f, "error (%s%s%s)", s->e.field, s->e.field[0] ? ": " : "", s->e.message);
		return;
	}
	fputs(out_code(s->out), f);
	if (approved(s->out)) {
		char end[16];
		fprintf(f, ", %d visit%s to %s", s->d.visits_granted, s->d.visits_granted == 1 ? "" : "s",
		        urc_date_format(s->d.end, end));
	}
	if (s->gid) {
		fprintf(f, " (%s", s->gid);
		if (s->rule)
			fprintf(f, ": \"%s\")", s->rule);
		else
			fputs(": no step)", f);
	}
}

/* ---- the summary ---- */

typedef struct count {
	const char *name; /* a guideline's id (borrowed from a table) */
	long n;
} count;

typedef struct diff_run {
	side old, new;
	long cases, changed, bad;
	long kinds[NOUT][NOUT][NCH]; /* changes by old outcome, new outcome, CH_* */
	long *by_old, *by_new;       /* changes by guideline index, the last: none */
	uint32_t nold, nnew;         /* guidelines in each table */
} diff_run;

static uint32_t guideline_count(const urc_table *t)
{
	uint32_t n = 0;
	const char *id;
	while (urc_guideline_info(t, n, &id, NULL, NULL) == 0)
		n++;
	return n;
}

static int cmp_count(const void *a, const void *b)
{
	const count *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
}

static const char *plural(long n)
{
	return n == 1 ? "" : "s";
}

static void print_summary(const diff_run *r)
{
	if (!r->changed)
		return;
	/* By guideline: the one that decided the old side, else the new side's. */
	count *c = urc_xmalloc(((size_t)r->nold + r->nnew + 2) * sizeof *c);
	size_t nc = 0;
	for (uint32_t side_i = 0; side_i < 2; side_i++) {
		const urc_table *t = side_i ? r->new.t : r->old.t;
		const long *by = side_i ? r->by_new : r->by_old;
		uint32_t ng = side_i ? r->nnew : r->nold;
		for (uint32_t g = 0; g <= ng; g++) {
			if (!by[g])
				continue;
			const char *id = "(no guideline)";
			if (g < ng)
				urc_guideline_info(t, g, &id, NULL, NULL);
			size_t k = 0;
			while (k < nc && strcmp(c[k].name, id) != 0)
				k++;
			if (k == nc)
				c[nc++] = (count){id, 0};
			c[k].n += by[g];
		}
	}
	qsort(c, nc, sizeof *c, cmp_count);
	puts("changes by guideline:");
	for (size_t k = 0; k < nc; k++)
		printf("  %s: %ld case%s\n", c[k].name, c[k].n, plural(c[k].n));
	free(c);

	/* By kind: the outcomes, or what changed within one outcome. */
	char (*names)[96] = urc_xmalloc(NOUT * NOUT * NCH * sizeof *names);
	count *k = urc_xmalloc(NOUT * NOUT * NCH * sizeof *k);
	size_t nk = 0;
	for (int o = 0; o < NOUT; o++)
		for (int n = 0; n < NOUT; n++)
			for (int ch = 0; ch < NCH; ch++) {
				if (!r->kinds[o][n][ch])
					continue;
				if (o != n) {
					snprintf(names[nk], sizeof names[nk], "%s -> %s", out_code(o), out_code(n));
				} else {
					snprintf(names[nk], sizeof names[nk], "%s: %s%s%s%s%s changed", out_code(o),
					         ch & CH_VISITS ? "visits" : "",
					         (ch & CH_VISITS) && (ch & (CH_END | CH_RULE)) ? ", " : "",
					         ch & CH_END ? "end" : "", (ch & CH_END) && (ch & CH_RULE) ? ", " : "",
					         ch & CH_RULE ? "step" : "");
				}
				k[nk].name = names[nk];
				k[nk].n = r->kinds[o][n][ch];
				nk++;
			}
	qsort(k, nk, sizeof *k, cmp_count);
	puts("changes by kind:");
	for (size_t i = 0; i < nk; i++)
		printf("  %ld case%s: %s\n", k[i].n, plural(k[i].n), k[i].name);
	free(k);
	free(names);
}

/* Decides every case of one open reader with both tables. */
static void run_reader(diff_run *r, urc_case_reader *rd, const char *name, urc_case *c)
{
	urc_case_error e;
	int got;
	while ((got = urc_case_read(rd, c, &e)) != 0) {
		r->cases++;
		if (got < 0) {
			r->bad++;
			report("%s:%ld: case %s: %s%s%s\n", name, e.line, e.case_id[0] ? e.case_id : "(no id)", e.field,
			       e.field[0] ? ": " : "", e.message);
			continue;
		}
		side *o = &r->old, *n = &r->new;
		decide(o, c);
		decide(n, c);
		if (o->bad && n->bad) {
			/* Bad for both alike: a mistake in the case, reported once. */
			r->bad++;
			report("%s:%ld: case %s: %s%s%s\n", name, c->line, c->id, o->e.field, o->e.field[0] ? ": " : "",
			       o->e.message);
			continue;
		}
		unsigned ch = 0;
		if (!o->bad && !n->bad) {
			if (o->d.visits_granted != n->d.visits_granted)
				ch |= CH_VISITS;
			if (approved(o->out) && approved(n->out) && o->d.end != n->d.end)
				ch |= CH_END;
			if (!same_str(o->gid, n->gid) || !same_str(o->rule, n->rule))
				ch |= CH_RULE;
		}
		if (o->out == n->out && !ch)
			continue;
		r->changed++;
		r->kinds[o->out][n->out][o->out == n->out ? ch : 0]++;
		if (!o->bad && o->d.guideline < r->nold)
			r->by_old[o->d.guideline]++;
		else if (!n->bad && n->d.guideline < r->nnew)
			r->by_new[n->d.guideline]++;
		else
			r->by_old[r->nold]++;
		printf("%s:%ld: %s: ", name, c->line, c->id);
		print_side(stdout, o);
		fputs(" -> ", stdout);
		print_side(stdout, n);
		putchar('\n');
	}
}

int urc_cmd_diff(int argc, char **argv)
{
	char **pos = urc_xmalloc(((size_t)argc + 1) * sizeof *pos);
	int npos = 0, only_paths = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_paths || a[0] != '-' || strcmp(a, "-") == 0) {
			pos[npos++] = argv[i];
		} else if (strcmp(a, "--") == 0) {
			only_paths = 1;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			free(pos);
			return 0;
		} else {
			report("urc diff: unknown option '%s'\n", a);
			usage(stderr);
			free(pos);
			return 2;
		}
	}
	if (npos < 3) {
		report("urc diff: name the old guidelines, the new ones and at least one case file\n");
		usage(stderr);
		free(pos);
		return 2;
	}
	int status = 0, stdin_used = 0;
	urc_strs files = {0};
	for (int i = 2; i < npos; i++) {
		const char *p = pos[i];
		struct stat st;
		if (strcmp(p, "-") == 0) {
			if (stdin_used++) {
				report("urc diff: standard input ('-') named twice\n");
				status = 2;
			} else {
				urc_strs_push(&files, p);
			}
		} else if (stat(p, &st) != 0) {
			report("urc diff: cannot read %s: %s\n", p, strerror(errno));
			status = 2;
		} else if (S_ISDIR(st.st_mode)) {
			size_t before = files.n;
			int err = search(p, 0, &files);
			if (err) {
				report("urc diff: cannot read %s: %s\n", p, strerror(err));
				status = 2;
			} else if (files.n == before) {
				report("urc diff: %s holds no case file (*.yaml, *.yml, *.json, *.jsonl)\n", p);
				status = 2;
			}
		} else {
			urc_strs_push(&files, p);
		}
	}
	diff_run *r = urc_xmalloc(sizeof *r);
	memset(r, 0, sizeof *r);
	if (status == 0) {
		r->old.t = load_side("OLD", pos[0]);
		r->new.t = load_side("NEW", pos[1]);
		if (!r->old.t || !r->new.t)
			status = 2;
	}
	if (status == 0) {
		r->nold = guideline_count(r->old.t);
		r->nnew = guideline_count(r->new.t);
		r->by_old = urc_xmalloc(((size_t)r->nold + 1) * sizeof *r->by_old);
		r->by_new = urc_xmalloc(((size_t)r->nnew + 1) * sizeof *r->by_new);
		memset(r->by_old, 0, ((size_t)r->nold + 1) * sizeof *r->by_old);
		memset(r->by_new, 0, ((size_t)r->nnew + 1) * sizeof *r->by_new);
		urc_case *c = urc_xmalloc(sizeof *c);
		for (size_t i = 0; i < files.n; i++) {
			bool is_stdin = strcmp(files.v[i], "-") == 0;
			const char *name = is_stdin ? "standard input" : files.v[i];
			FILE *f = is_stdin ? stdin : fopen(files.v[i], "rb");
			if (!f) {
				report("urc diff: cannot read %s: %s\n", files.v[i], strerror(errno));
				status = 2;
				continue;
			}
			urc_case_reader *rd = urc_case_reader_open(f, name);
			if (!rd)
				urc_oom();
			run_reader(r, rd, name, c);
			urc_case_reader_close(rd);
			if (!is_stdin && fclose(f) != 0) {
				report("urc diff: cannot read %s: %s\n", files.v[i], strerror(errno));
				status = 2;
			}
		}
		free(c);
		print_summary(r);
		printf("%ld case%s, %ld changed", r->cases, plural(r->cases), r->changed);
		if (r->bad)
			printf(", %ld bad", r->bad);
		putchar('\n');
		if (status == 0 && r->changed)
			status = 1;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		report("urc diff: cannot write the output\n");
		status = 2;
	}
	urc_table_free((urc_table *)r->old.t);
	urc_table_free((urc_table *)r->new.t);
	free(r->by_old);
	free(r->by_new);
	free(r);
	urc_strs_free(&files);
	free(pos);
	return status;
}
