/* cmd_dot.c — `urc dot`: the decision diagram of one guideline, or of every
 * guideline into a folder. Sources are loaded and checked as `urc check`
 * does; diagrams are rendered into memory (diagram.c) and then written
 * whole or not at all. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "check.h"
#include "commands.h"
#include "diagram.h"
#include "load.h"
#include "suggest.h"
#include "table_write.h"
#include "urc.h"

static void dot_usage(FILE *f)
{
	fputs("usage: urc dot [-T svg|png|pdf|dot] [-o OUT] [--case FILE | --coverage FILE]\n"
	      "               PATH GUIDELINE\n"
	      "       urc dot [-T svg|png|pdf|dot] -o FOLDER PATH\n"
	      "\n"
	      "Draws the decision diagram of a guideline, named by its id, from the\n"
	      "sources under PATH (a .guide file or a folder), which must check\n"
	      "without errors. With -o FOLDER and no GUIDELINE, draws every guideline\n"
	      "under PATH, one file each, named FOLDER/ID.FORMAT.\n"
	      "\n"
	      "options:\n"
	      "  -T FORMAT   svg (the default, with citations as tooltips), png, pdf,\n"
	      "              or dot (the graph before layout, for tests and tools);\n"
	      "              without -T, the extension of OUT chooses\n"
	      "  -o OUT      write to the file OUT (whole or not at all) instead of\n"
	      "              standard output; a folder receives ID.FORMAT\n"
	      "  --case FILE draw the path the first case of FILE takes through the\n"
	      "              guideline: its steps in bold with the case's values,\n"
	      "              the rest in grey (a training walk-through)\n"
	      "  --coverage FILE  draw the steps no regression case reaches dashed and\n"
	      "              muted, from a FILE written by 'urc test --coverage-out'\n"
	      "  -h, --help  this help\n"
	      "\n"
	      "exit status: 0 drawn, 1 the sources have errors, 2 usage error,\n"
	      "unknown guideline, or a file that cannot be read or written.\n",
	      f);
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The format named by the extension of path, or -1. */
static int format_of_path(const char *path, urc_diagram_format *f)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (!dot || (slash && dot < slash))
		return -1;
	return urc_diagram_format_parse(dot + 1, f);
}

/* "unknown guideline 'x'" with the closest id, or the ids there are. */
static void unknown_guideline(urc_program *prog, const char *id, const char *path)
{
	size_t n = 0;
	for (urc_guideline *g = prog->guidelines.first; g; g = g->next)
		n++;
	const char **ids = urc_xmalloc((n + 1) * sizeof *ids);
	n = 0;
	for (urc_guideline *g = prog->guidelines.first; g; g = g->next)
		ids[n++] = g->id.s;
	const char *near = urc_suggest(id, ids, n);
	if (near) {
		fprintf(stderr, "urc dot: unknown guideline '%s'; did you mean '%s'?\n", id, near);
	} else if (n == 0) {
		fprintf(stderr, "urc dot: unknown guideline '%s': %s holds no guideline\n", id, path);
	} else {
		fprintf(stderr, "urc dot: unknown guideline '%s'; the guidelines under %s are:", id, path);
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, "%s %s", i ? "," : "", ids[i]);
		fputc('\n', stderr);
	}
	free(ids);
}

/* Renders g and writes it to path, or to standard output when path is
 * NULL. Returns 0, or 2 after printing why. */
static int draw(urc_diagrams *d, urc_program *prog, urc_guideline *g,
                urc_diagram_format fmt, const urc_diagram_marks *marks, const char *path)
{
	char *bytes = NULL;
	size_t len = 0;
	char err[768];
	if (urc_diagram_render(d, prog, g, fmt, marks, &bytes, &len, err, sizeof err) != 0) {
		fprintf(stderr, "urc dot: guideline '%s': %s\n", g->id.s, err);
		return 2;
	}
	int status = 0;
	if (path) {
		if (urc_write_atomic(path, bytes, len, err, sizeof err) != 0) {
			fprintf(stderr, "urc dot: %s\n", err);
			status = 2;
		}
	} else if (fwrite(bytes, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "urc dot: cannot write the diagram to standard output: %s\n",
		        strerror(errno));
		status = 2;
	}
	free(bytes);
	return status;
}

/* OUT/ID.EXT in a malloc'd string. */
static char *path_in(const char *dir, const char *id, urc_diagram_format fmt)
{
	size_t n = strlen(dir);
	const char *sep = n && dir[n - 1] == '/' ? "" : "/";
	const char *ext = urc_diagram_format_ext(fmt);
	size_t len = n + strlen(sep) + strlen(id) + strlen(ext) + 2;
	char *p = urc_xmalloc(len);
	snprintf(p, len, "%s%s%s.%s", dir, sep, id, ext);
	return p;
}

/* What the command line asks for. */
typedef struct dot_args {
	const char *path;       /* the sources */
	const char *id;         /* the guideline, or NULL for every one */
	const char *out;        /* file or folder, or NULL for standard output */
	const char *case_file;  /* --case: the case to trace, or NULL */
	const char *coverage;   /* --coverage: the coverage file, or NULL */
	urc_diagram_format fmt;
} dot_args;

/* Parses the arguments into a. Returns -1 to go on, else the exit status
 * (0 after --help, 2 after a usage error, which it prints). */
static int parse_args(int argc, char **argv, dot_args *a)
{
	const char *format = NULL, *pos[2] = {NULL, NULL};
	int npos = 0;
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0) {
			dot_usage(stdout);
			return 0;
		} else if (strcmp(s, "--case") == 0) {
			if (i + 1 >= argc) {
				fputs("urc dot: --case needs a case file\n", stderr);
				return 2;
			}
			a->case_file = argv[++i];
		} else if (strcmp(s, "--coverage") == 0) {
			if (i + 1 >= argc) {
				fputs("urc dot: --coverage needs a coverage file (urc test --coverage-out)\n", stderr);
				return 2;
			}
			a->coverage = argv[++i];
		} else if (strcmp(s, "-T") == 0 || strcmp(s, "-o") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "urc dot: %s needs a value\n", s);
				dot_usage(stderr);
				return 2;
			}
			*(s[1] == 'T' ? &format : &a->out) = argv[++i];
		} else if (strncmp(s, "-T", 2) == 0) {
			format = s + 2;
		} else if (s[0] == '-' && s[1]) {
			fprintf(stderr, "urc dot: unknown option '%s'\n", s);
			dot_usage(stderr);
			return 2;
		} else if (npos == 2) {
			fprintf(stderr, "urc dot: too many arguments ('%s'): name PATH and one GUIDELINE\n", s);
			dot_usage(stderr);
			return 2;
		} else {
			pos[npos++] = s;
		}
	}
	a->path = pos[0];
	a->id = pos[1];
	if ((a->case_file || a->coverage) && !a->id) {
		fprintf(stderr, "urc dot: %s draws one guideline: name it\n", a->case_file ? "--case" : "--coverage");
		dot_usage(stderr);
		return 2;
	}
	if (a->case_file && a->coverage) {
		fputs("urc dot: --case and --coverage are two different overlays: name one\n", stderr);
		dot_usage(stderr);
		return 2;
	}
	if (!a->path || (!a->id && !a->out)) {
		fputs(!a->path ? "urc dot: name the sources (a file or folder) and a guideline\n"
		               : "urc dot: name a guideline, or a folder with -o to draw every guideline\n",
		      stderr);
		dot_usage(stderr);
		return 2;
	}
	a->fmt = URC_DIAGRAM_SVG;
	urc_diagram_format by_name;
	if (format) {
		if (urc_diagram_format_parse(format, &a->fmt) != 0) {
			fprintf(stderr, "urc dot: unknown format '%s' (svg, png, pdf or dot)\n", format);
			return 2;
		}
	} else if (a->out && a->id && !is_dir(a->out) && format_of_path(a->out, &by_name) == 0) {
		a->fmt = by_name;
	}
	struct stat st;
	if (!a->id && (stat(a->out, &st) == 0 ? !S_ISDIR(st.st_mode) : format_of_path(a->out, &by_name) == 0)) {
		fprintf(stderr, "urc dot: '%s' is not a folder: name a GUIDELINE to draw one diagram into a file\n",
		        a->out);
		return 2;
	}
	if (!a->out && a->fmt != URC_DIAGRAM_SVG && a->fmt != URC_DIAGRAM_DOT && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "urc dot: %s is binary; name a file with -o rather than write it to a terminal\n",
		        urc_diagram_format_ext(a->fmt));
		return 2;
	}
	return -1;
}

/* What `--case` draws over a diagram: the marks and the words they point
 * to, all owned here. */
typedef struct case_overlay {
	urc_diagram_marks marks;
	unsigned char *flags[2];
	char **notes[2];
	uint32_t count[2];
	char *title;
} case_overlay;

static void overlay_free(case_overlay *o)
{
	for (int p = 0; p < 2; p++) {
		for (uint32_t i = 0; o->notes[p] && i < o->count[p]; i++)
			free(o->notes[p][i]);
		free(o->notes[p]);
		free(o->flags[p]);
	}
	free(o->title);
	memset(o, 0, sizeof *o);
}

static char *dup_str(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = urc_xmalloc(n);
	memcpy(p, s, n);
	return p;
}

/* Decides the first case of file with a table built from prog, and turns
 * the decision into marks on guideline g: the steps it took in bold with
 * the case's values, the rest grey. Returns 0, or 2 after saying why (the
 * case cannot be read, or it routes to another guideline). */
static int trace_case(urc_program *prog, urc_guideline *g, const char *file, case_overlay *o)
{
	char err[512];
	unsigned char *bytes = NULL;
	size_t len = 0;
	if (urc_table_build(prog, &bytes, &len, err, sizeof err) != 0) {
		fprintf(stderr, "urc dot: %s\n", err);
		return 2;
	}
	urc_table *t = urc_table_from_memory(bytes, len, err, sizeof err);
	free(bytes);
	if (!t) {
		fprintf(stderr, "urc dot: %s\n", err);
		return 2;
	}
	FILE *f = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	if (!f) {
		fprintf(stderr, "urc dot: cannot read %s: %s\n", file, strerror(errno));
		urc_table_free(t);
		return 2;
	}
	urc_case *c = urc_xmalloc(sizeof *c);
	urc_bound *b = urc_xmalloc(sizeof *b);
	urc_decision *dec = urc_xmalloc(sizeof *dec);
	urc_case_reader *r = urc_case_reader_open(f, file);
	urc_case_error e;
	int status = 0;
	int got = r ? urc_case_read(r, c, &e) : -1;
	if (got == 0) {
		fprintf(stderr, "urc dot: %s holds no case\n", file);
		status = 2;
	} else if (got < 0 || urc_bind(t, c, b, &e) != 0) {
		fprintf(stderr, "urc dot: %s:%ld: case %s: %s%s%s\n", file, e.line,
		        e.case_id[0] ? e.case_id : "(no id)", e.field, e.field[0] ? ": " : "", e.message);
		status = 2;
	}
	const char *id = NULL;
	if (status == 0) {
		urc_decide(t, b, dec);
		if (dec->guideline == UINT32_MAX || urc_guideline_info(t, dec->guideline, &id, NULL, NULL) != 0 ||
		    strcmp(id, g->id.s) != 0) {
			fprintf(stderr, "urc dot: case %s is decided by %s%s%s, not by '%s': draw that guideline instead\n",
			        c->id, id ? "guideline '" : "no guideline", id ? id : "", id ? "'" : "", g->id.s);
			status = 2;
		}
	}
	if (status == 0) {
		urc_phase *phases[2] = {&g->initial, &g->continued};
		int decided_phase = -1;
		for (int p = 0; p < 2; p++) {
			uint32_t n = 0;
			for (urc_rule *x = phases[p]->first; x; x = x->next)
				n++;
			o->count[p] = n;
			o->flags[p] = urc_xmalloc(n + 1);
			o->notes[p] = urc_xmalloc((n + 1) * sizeof *o->notes[p]);
			for (uint32_t i = 0; i < n; i++) {
				o->flags[p][i] = URC_DIAGRAM_MARK_ASIDE;
				o->notes[p][i] = NULL;
			}
			o->marks.phase[p] = o->flags[p];
			o->marks.note[p] = (const char *const *)o->notes[p];
		}
		/* The trace names table items in order: the k-th step is item k of
		 * the decided phase, which is the k-th item in the source. */
		if (dec->ntrace) {
			decided_phase = b->request_number <= 1 && g->initial.present ? 0 : g->continued.present ? 1 : 0;
			for (uint32_t k = 0; k < dec->ntrace && k < o->count[decided_phase]; k++) {
				urc_trace_step st = urc_decision_step(dec, k);
				int yes = st.result == URC_STEP_YES;
				o->flags[decided_phase][k] = URC_DIAGRAM_MARK_PATH | (yes ? URC_DIAGRAM_MARK_DECIDED : 0);
				char words[1024];
				urc_explain_item(t, b, dec->phase, st.item, words, sizeof words);
				if (words[0]) {
					char line[1200];
					snprintf(line, sizeof line, "This case: %s", words);
					o->notes[decided_phase][k] = dup_str(line);
				}
			}
		}
		char rule[128] = "";
		urc_decision_rule(t, dec, rule, sizeof rule);
		char title[512];
		if (dec->outcome == URC_APPROVED_FULL || dec->outcome == URC_APPROVED_PART)
			snprintf(title, sizeof title, "Case %s, request %d: %s, %d of %d visits (%s)", c->id,
			         b->request_number, urc_outcome_name(dec->outcome), dec->visits_granted,
			         dec->visits_requested, rule[0] ? rule : "no rule");
		else
			snprintf(title, sizeof title, "Case %s, request %d: %s (%s)", c->id, b->request_number,
			         urc_outcome_name(dec->outcome), rule[0] ? rule : "no rule");
		o->title = dup_str(title);
		o->marks.title = o->title;
	}
	urc_case_reader_close(r);
	if (f != stdin)
		fclose(f);
	free(c);
	free(b);
	free(dec);
	urc_table_free(t);
	return status;
}

/* Reads the coverage file written by `urc test --coverage-out` (section
 * 5.1 of docs/testing.md) and turns g's line into marks: the steps no case
 * reaches URC_DIAGRAM_MARK_UNREACHED, and a title counting those reached.
 * Returns 0, or 2 after saying why (unreadable, not a coverage file, no
 * line for g, or a line that does not fit g's steps). */
static int read_coverage(urc_guideline *g, const char *file, case_overlay *o)
{
	FILE *f = fopen(file, "r");
	if (!f) {
		fprintf(stderr, "urc dot: cannot read %s: %s\n", file, strerror(errno));
		return 2;
	}
	urc_phase *phases[2] = {&g->initial, &g->continued};
	for (int p = 0; p < 2; p++) {
		uint32_t n = 0;
		for (urc_rule *x = phases[p]->present ? phases[p]->first : NULL; x; x = x->next)
			n++;
		o->count[p] = n;
		o->flags[p] = urc_xmalloc(n + 1);
		memset(o->flags[p], 0, n + 1);
		o->marks.phase[p] = o->flags[p];
	}
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;
	int status = 2;
	bool header = false, found = false;
	while (!found && getline(&line, &cap, f) > 0) {
		lineno++;
		char *save = NULL, *tok = strtok_r(line, " \t\r\n", &save);
		if (!header) {
			if (!tok)
				continue;
			char *v = strtok_r(NULL, " \t\r\n", &save), *w = strtok_r(NULL, " \t\r\n", &save);
			char *x = strtok_r(NULL, " \t\r\n", &save);
			header = strcmp(tok, "#") == 0 && v && strcmp(v, "urc") == 0 && w && strcmp(w, "coverage") == 0 &&
			         x && strcmp(x, "1") == 0;
			if (!header)
				break;
			continue;
		}
		if (!tok || tok[0] == '#' || strcmp(tok, g->id.s) != 0)
			continue;
		found = true;
		/* ID REACHED of TOTAL initial: [INDEX...] continued: [INDEX...] */
		char *reached = strtok_r(NULL, " \t\r\n", &save), *of = strtok_r(NULL, " \t\r\n", &save);
		char *total = strtok_r(NULL, " \t\r\n", &save), *end;
		long ntotal = total ? strtol(total, &end, 10) : -1;
		bool ok = reached && of && strcmp(of, "of") == 0 && total && *end == '\0';
		if (ok && ntotal != (long)(o->count[0] + o->count[1])) {
			fprintf(stderr,
			        "urc dot: %s:%ld: the coverage of '%s' counts %ld steps, but the guideline has %u: "
			        "run 'urc test --coverage-out' again\n",
			        file, lineno, g->id.s, ntotal, o->count[0] + o->count[1]);
			break;
		}
		int phase = -1;
		uint32_t unreached = 0;
		while (ok && (tok = strtok_r(NULL, " \t\r\n", &save))) {
			if (strcmp(tok, "initial:") == 0 && phase == -1) {
				phase = 0;
			} else if (strcmp(tok, "continued:") == 0 && phase == 0) {
				phase = 1;
			} else {
				long k = phase >= 0 ? strtol(tok, &end, 10) : -1;
				ok = phase >= 0 && *end == '\0' && k >= 0 && k < (long)o->count[phase] &&
				     !(o->flags[phase][k] & URC_DIAGRAM_MARK_UNREACHED);
				if (ok) {
					o->flags[phase][k] = URC_DIAGRAM_MARK_UNREACHED;
					unreached++;
				}
			}
		}
		if (!ok || phase != 1) {
			fprintf(stderr, "urc dot: %s:%ld: not a coverage line for '%s' (ID REACHED of TOTAL initial: "
			                "[INDEX...] continued: [INDEX...]), or its steps are not %s's: "
			                "run 'urc test --coverage-out' again\n",
			        file, lineno, g->id.s, g->id.s);
			break;
		}
		char title[256];
		uint32_t all = o->count[0] + o->count[1];
		snprintf(title, sizeof title, "Coverage: %u of %u step%s reached by regression cases", all - unreached,
		         all, all == 1 ? "" : "s");
		o->title = dup_str(title);
		o->marks.title = o->title;
		status = 0;
	}
	if (ferror(f)) {
		fprintf(stderr, "urc dot: cannot read %s: %s\n", file, strerror(errno));
		status = 2;
	} else if (status != 0 && header && !found) {
		fprintf(stderr, "urc dot: %s holds no coverage of '%s': run 'urc test --coverage-out' on its tests\n",
		        file, g->id.s);
	} else if (!header) {
		fprintf(stderr, "urc dot: %s is not a coverage file (write one with 'urc test --coverage-out %s')\n",
		        file, file);
	}
	free(line);
	fclose(f);
	return status;
}

/* Draws every guideline of prog into the folder a->out (made when
 * missing). Returns the exit status. */
static int draw_all(urc_diagrams *d, urc_program *prog, const dot_args *a)
{
	if (!is_dir(a->out) && mkdir(a->out, 0777) != 0) {
		fprintf(stderr, "urc dot: cannot make the folder '%s': %s\n", a->out, strerror(errno));
		return 2;
	}
	int status = 0, drawn = 0;
	for (urc_guideline *g = prog->guidelines.first; g; g = g->next) {
		char *file = path_in(a->out, g->id.s, a->fmt);
		int s = draw(d, prog, g, a->fmt, NULL, file);
		free(file);
		if (s)
			status = s;
		else
			drawn++;
	}
	printf("urc: drew %d diagram%s into %s\n", drawn, drawn == 1 ? "" : "s", a->out);
	if (fflush(stdout) != 0 && status == 0)
		status = 2;
	return status;
}

int urc_cmd_dot(int argc, char **argv)
{
	dot_args a = {0};
	int status = parse_args(argc, argv, &a);
	if (status >= 0)
		return status;

	urc_diag diag;
	urc_diag_init(&diag);
	urc_program prog;
	urc_program_init(&prog, &diag);
	char *paths[1] = {(char *)a.path};
	status = urc_load_paths(&prog, paths, 1);
	if (status == 0)
		urc_check_program(&prog);
	urc_diag_print(&diag, stderr, isatty(STDERR_FILENO) && !getenv("NO_COLOR"));
	if (status == 0 && diag.errors) {
		fprintf(stderr, "urc dot: %d error%s in the sources: no diagram drawn\n", diag.errors,
		        diag.errors == 1 ? "" : "s");
		status = 1;
	}
	urc_guideline *one = NULL;
	if (status == 0 && a.id) {
		for (urc_guideline *g = prog.guidelines.first; g && !one; g = g->next)
			if (strcmp(g->id.s, a.id) == 0)
				one = g;
		if (!one) {
			unknown_guideline(&prog, a.id, a.path);
			status = 2;
		}
	} else if (status == 0 && !prog.guidelines.first) {
		fprintf(stderr, "urc dot: %s holds no guideline\n", a.path);
		status = 2;
	}
	urc_diagrams *d = NULL;
	if (status == 0) {
		char err[512];
		d = urc_diagrams_open(err, sizeof err);
		if (!d) {
			fprintf(stderr, "urc dot: %s\n", err);
			status = 2;
		}
	}
	case_overlay overlay;
	memset(&overlay, 0, sizeof overlay);
	if (status == 0 && one && a.case_file)
		status = trace_case(&prog, one, a.case_file, &overlay);
	if (status == 0 && one && a.coverage)
		status = read_coverage(one, a.coverage, &overlay);
	if (status == 0 && one) {
		/* A folder given with a guideline receives ID.FORMAT. */
		char *file = a.out && is_dir(a.out) ? path_in(a.out, one->id.s, a.fmt) : NULL;
		status = draw(d, &prog, one, a.fmt, a.case_file || a.coverage ? &overlay.marks : NULL, file ? file : a.out);
		free(file);
	} else if (status == 0) {
		status = draw_all(d, &prog, &a);
	}
	overlay_free(&overlay);
	urc_diagrams_close(d);
	urc_program_free(&prog);
	urc_diag_free(&diag);
	return status;
}
