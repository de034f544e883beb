/* cmd_dot.c — `urc dot`: the decision diagram of one guideline, or of every
 * guideline into a folder. Sources are loaded and checked as `urc check`
 * does; diagrams are rendered into memory (diagram.c) and then written
 * whole or not at all. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "commands.h"
#include "diagram.h"
#include "load.h"
#include "suggest.h"
#include "table_write.h"

static void dot_usage(FILE *f)
{
	fputs("usage: urc dot [-T svg|png|pdf|dot] [-o OUT] PATH GUIDELINE\n"
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
	const char **ids = malloc((n + 1) * sizeof *ids);
	if (!ids) {
		fprintf(stderr, "urc dot: unknown guideline '%s'\n", id);
		return;
	}
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
                urc_diagram_format fmt, const char *path)
{
	char *bytes = NULL;
	size_t len = 0;
	char err[768];
	if (urc_diagram_render(d, prog, g, fmt, NULL, &bytes, &len, err, sizeof err) != 0) {
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
	char *p = malloc(len);
	if (p)
		snprintf(p, len, "%s%s%s.%s", dir, sep, id, ext);
	return p;
}

int urc_cmd_dot(int argc, char **argv)
{
	const char *out = NULL, *format = NULL;
	const char *pos[2] = {NULL, NULL};
	int npos = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			dot_usage(stdout);
			return 0;
		} else if (strcmp(a, "-T") == 0 || strcmp(a, "-o") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "urc dot: %s needs a value\n", a);
				dot_usage(stderr);
				return 2;
			}
			*(a[1] == 'T' ? &format : &out) = argv[++i];
		} else if (strncmp(a, "-T", 2) == 0) {
			format = a + 2;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "urc dot: unknown option '%s'\n", a);
			dot_usage(stderr);
			return 2;
		} else if (npos == 2) {
			fprintf(stderr, "urc dot: too many arguments ('%s'): name PATH and one GUIDELINE\n", a);
			dot_usage(stderr);
			return 2;
		} else {
			pos[npos++] = a;
		}
	}
	const char *path = pos[0], *id = pos[1];
	if (!path || (!id && !out)) {
		fputs(!path ? "urc dot: name the sources (a file or folder) and a guideline\n"
		            : "urc dot: name a guideline, or a folder with -o to draw every guideline\n",
		      stderr);
		dot_usage(stderr);
		return 2;
	}
	urc_diagram_format fmt = URC_DIAGRAM_SVG;
	if (format) {
		if (urc_diagram_format_parse(format, &fmt) != 0) {
			fprintf(stderr, "urc dot: unknown format '%s' (svg, png, pdf or dot)\n", format);
			return 2;
		}
	} else if (out && id && !is_dir(out)) {
		format_of_path(out, &fmt);
	}
	int all = !id;
	struct stat st;
	if (all && stat(out, &st) == 0 && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "urc dot: '%s' is not a folder: name a GUIDELINE to draw one diagram into a file\n", out);
		return 2;
	}
	if (!out && fmt != URC_DIAGRAM_SVG && fmt != URC_DIAGRAM_DOT && isatty(STDOUT_FILENO)) {
		fprintf(stderr, "urc dot: %s is binary; name a file with -o rather than write it to a terminal\n",
		        urc_diagram_format_ext(fmt));
		return 2;
	}

	urc_diag diag;
	urc_diag_init(&diag);
	urc_program prog;
	urc_program_init(&prog, &diag);
	char *paths[1] = {(char *)path};
	int status = urc_load_paths(&prog, paths, 1);
	if (status == 0)
		urc_check_program(&prog);
	urc_diag_print(&diag, stderr, isatty(STDERR_FILENO) && !getenv("NO_COLOR"));
	if (status == 0 && diag.errors) {
		fprintf(stderr, "urc dot: %d error%s in the sources: no diagram drawn\n", diag.errors,
		        diag.errors == 1 ? "" : "s");
		status = 1;
	}
	urc_guideline *one = NULL;
	if (status == 0 && id) {
		for (urc_guideline *g = prog.guidelines.first; g && !one; g = g->next)
			if (strcmp(g->id.s, id) == 0)
				one = g;
		if (!one) {
			unknown_guideline(&prog, id, path);
			status = 2;
		}
	}
	if (status == 0 && all && !prog.guidelines.first) {
		fprintf(stderr, "urc dot: %s holds no guideline\n", path);
		status = 2;
	}
	/* The folder is made only once there is something to put in it. */
	if (status == 0 && all && !is_dir(out) && mkdir(out, 0777) != 0) {
		fprintf(stderr, "urc dot: cannot make the folder '%s': %s\n", out, strerror(errno));
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
	if (status == 0 && one) {
		char *file = out && is_dir(out) ? path_in(out, one->id.s, fmt) : NULL;
		status = draw(d, &prog, one, fmt, file ? file : out);
		free(file);
	} else if (status == 0) {
		int drawn = 0;
		for (urc_guideline *g = prog.guidelines.first; g; g = g->next) {
			char *file = path_in(out, g->id.s, fmt);
			int s = file ? draw(d, &prog, g, fmt, file) : 2;
			if (!file)
				fputs("urc: out of memory\n", stderr);
			free(file);
			if (s)
				status = s;
			else
				drawn++;
		}
		printf("urc: drew %d diagram%s into %s\n", drawn, drawn == 1 ? "" : "s", out);
		if (fflush(stdout) != 0 && status == 0)
			status = 2;
	}
	urc_diagrams_close(d);
	urc_program_free(&prog);
	urc_diag_free(&diag);
	return status;
}
