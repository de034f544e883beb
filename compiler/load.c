/* load.c — finds, reads and parses sources, following 'use' lines.
 * Files are registered in the diagnostics context (which owns their text),
 * parsed at once, and their uses followed depth-first. A set of canonical
 * paths makes each file count once. */
#include "load.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parse.h"
#include "strs.h"
#include "suggest.h"

enum { MAX_FILE = 64 * 1024 * 1024, MAX_USE_DEPTH = 64 };

void urc_program_init(urc_program *prog, urc_diag *diag)
{
	memset(prog, 0, sizeof *prog);
	urc_arena_init(&prog->arena);
	prog->diag = diag;
}

void urc_program_free(urc_program *prog)
{
	urc_arena_free(&prog->arena);
	memset(prog, 0, sizeof *prog);
}

char *urc_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = urc_xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap >= MAX_FILE) {
				free(buf);
				fclose(f);
				errno = EFBIG;
				return NULL;
			}
			cap *= 2;
			buf = urc_xrealloc(buf, cap);
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	int err = ferror(f) ? errno : 0;
	fclose(f);
	if (err) {
		free(buf);
		errno = err ? err : EIO;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The set of canonical paths already read. */
typedef struct seen_set {
	char **v;
	size_t n, cap;
} seen_set;

typedef struct loader {
	urc_program *prog;
	seen_set seen;
	int depth; /* of nested uses */
} loader;

static int seen_add(seen_set *s, const char *key)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], key) == 0)
			return 0;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = urc_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	size_t n = strlen(key);
	s->v[s->n] = urc_xmalloc(n + 1);
	memcpy(s->v[s->n++], key, n + 1);
	return 1;
}

static void seen_free(seen_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static void parse_registered(loader *ld, uint32_t file);

/* Removes "dir/.." and "./" steps from a relative path, in place, where
 * they can go without changing which file is meant. */
static void normalize(char *p)
{
	size_t len = strlen(p);
	char *work = urc_xmalloc(len + 1);
	memcpy(work, p, len + 1);
	char *parts[256];
	int n = 0, absolute = p[0] == '/';
	char *save = NULL;
	for (char *tok = strtok_r(work, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (n == 256) {
			free(work);
			return; /* too deep to tidy: leave the path as it was */
		}
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0 && n > 0 && strcmp(parts[n - 1], "..") != 0) {
			n--;
			continue;
		}
		parts[n++] = tok;
	}
	/* The result is never longer than the input. */
	size_t at = 0;
	if (absolute)
		p[at++] = '/';
	for (int i = 0; i < n; i++) {
		size_t l = strlen(parts[i]);
		memmove(p + at, parts[i], l);
		at += l;
		if (i + 1 < n)
			p[at++] = '/';
	}
	if (at == 0)
		p[at++] = '.';
	p[at] = '\0';
	free(work);
}

/* The name of the file in path's folder closest to path's own name, as
 * "folder/name" (malloc'd), or NULL. */
static char *nearest_file(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) : 0;
	char *dir = urc_xmalloc(dirlen + 2);
	memcpy(dir, path, dirlen);
	strcpy(dir + dirlen, dirlen ? "" : ".");
	DIR *d = opendir(dir);
	char *best = NULL;
	if (d) {
		const char *want = slash ? slash + 1 : path;
		const char *cands[256];
		char *store[256];
		size_t n = 0;
		struct dirent *e;
		while ((e = readdir(d)) && n < 256) {
			if (e->d_name[0] == '.')
				continue;
			store[n] = urc_xmalloc(strlen(e->d_name) + 1);
			strcpy(store[n], e->d_name);
			cands[n] = store[n];
			n++;
		}
		closedir(d);
		const char *got = urc_suggest(want, cands, n);
		if (got) {
			best = urc_xmalloc(dirlen + strlen(got) + 2);
			sprintf(best, "%.*s%s%s", (int)dirlen, path, dirlen ? "/" : "", got);
		}
		for (size_t i = 0; i < n; i++)
			free(store[i]);
	}
	free(dir);
	return best;
}

/* Joins the folder of `from` with a relative path (absolute ones stay). */
static char *relative_to(const char *from, const char *path)
{
	if (path[0] == '/' || !strchr(from, '/')) {
		char *p = urc_xmalloc(strlen(path) + 1);
		strcpy(p, path);
		return p;
	}
	size_t dir = (size_t)(strrchr(from, '/') - from);
	char *p = urc_xmalloc(dir + 1 + strlen(path) + 1);
	memcpy(p, from, dir);
	p[dir] = '/';
	strcpy(p + dir + 1, path);
	normalize(p);
	return p;
}

/* Reads a file and parses it. On failure returns errno (and reads
 * nothing); a file read before returns 0 at once. */
static int load_file(loader *ld, const char *path)
{
	char canon[PATH_MAX];
	if (!realpath(path, canon))
		return errno ? errno : ENOENT;
	struct stat st;
	if (stat(canon, &st) != 0)
		return errno;
	if (S_ISDIR(st.st_mode))
		return EISDIR;
	if (!seen_add(&ld->seen, canon))
		return 0;
	size_t len = 0;
	char *text = urc_read_file(path, &len);
	if (!text)
		return errno ? errno : EIO;
	if (len > MAX_FILE) {
		free(text);
		return EFBIG;
	}
	uint32_t id = urc_diag_add_file(ld->prog->diag, path, text, (uint32_t)len);
	parse_registered(ld, id);
	return 0;
}

/* Cuts the nodes appended after `mark` off a list and returns them as a
 * list of their own; `mark` is the list's last node before (or NULL). */
#define DETACH(list, mark, out)                                      \
	do {                                                             \
		(out).first = (mark) ? (mark)->next : (list).first;          \
		(out).last = (out).first ? (list).last : NULL;               \
		if (mark)                                                    \
			(mark)->next = NULL;                                     \
		else                                                         \
			(list).first = NULL;                                     \
		(list).last = (mark);                                        \
	} while (0)

#define REATTACH(list, part)                                         \
	do {                                                             \
		if ((part).first) {                                          \
			if ((list).last)                                         \
				(list).last->next = (part).first;                    \
			else                                                     \
				(list).first = (part).first;                         \
			(list).last = (part).last;                               \
		}                                                            \
	} while (0)

static void parse_registered(loader *ld, uint32_t file)
{
	urc_program *prog = ld->prog;
	prog->uses.first = prog->uses.last = NULL;
	if (prog->scan_only) {
		prog->tokens += urc_scan_only(prog, file);
		return;
	}
	urc_measure *m0 = prog->measures.last;
	urc_setting *s0 = prog->settings.last;
	urc_specialty *p0 = prog->specialties.last;
	urc_plan *l0 = prog->plans.last;
	urc_guideline *g0 = prog->guidelines.last;
	urc_parse_file(prog, file);
	/* Hold this file's declarations back until the files it uses are in:
	 * declarations then come in dependency order, catalogues first, and
	 * a name declared twice is blamed on the file that repeats it. */
	URC_LIST(urc_measure) mine_m;
	URC_LIST(urc_setting) mine_s;
	URC_LIST(urc_specialty) mine_p;
	URC_LIST(urc_plan) mine_l;
	URC_LIST(urc_guideline) mine_g;
	DETACH(prog->measures, m0, mine_m);
	DETACH(prog->settings, s0, mine_s);
	DETACH(prog->specialties, p0, mine_p);
	DETACH(prog->plans, l0, mine_l);
	DETACH(prog->guidelines, g0, mine_g);
	urc_use *use = prog->uses.first;
	prog->uses.first = prog->uses.last = NULL;
	const char *from = prog->diag->files[file].name;
	for (; use; use = use->next) {
		if (ld->depth >= MAX_USE_DEPTH) {
			urc_diag_error(prog->diag, use->span,
			               "'use' lines nest more than %d files deep",
			               MAX_USE_DEPTH);
			continue;
		}
		char *path = relative_to(from, use->path);
		ld->depth++;
		int err = load_file(ld, path);
		ld->depth--;
		if (err) {
			prog->failed_uses++;
			int e = urc_diag_error(prog->diag, use->span,
			                       "cannot read '%s': %s", path, strerror(err));
			char *near = err == ENOENT ? nearest_file(path) : NULL;
			if (near)
				urc_diag_help(prog->diag, e, "did you mean '%s'?", near);
			else if (err == ENOENT)
				urc_diag_help(prog->diag, e,
				              "a 'use' path is relative to the folder of the file that names it");
			free(near);
		}
		free(path);
		/* from may have moved if the file table grew. */
		from = prog->diag->files[file].name;
	}
	REATTACH(prog->measures, mine_m);
	REATTACH(prog->settings, mine_s);
	REATTACH(prog->specialties, mine_p);
	REATTACH(prog->plans, mine_l);
	REATTACH(prog->guidelines, mine_g);
}

/* Loads every *.guide file under dir, in name order, counting them in
 * *found. Returns errno of the folder itself when it cannot be listed. */
static int load_dir(loader *ld, const char *dir, int depth, int *found)
{
	if (depth > 32)
		return ELOOP;
	urc_strs names = {0};
	int err = urc_strs_list_dir(&names, dir);
	if (err)
		return err;
	for (size_t i = 0; i < names.n; i++) {
		struct stat st;
		if (stat(names.v[i], &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				load_dir(ld, names.v[i], depth + 1, found);
			} else if (urc_ends_with(names.v[i], ".guide")) {
				load_file(ld, names.v[i]);
				(*found)++;
			}
		}
	}
	urc_strs_free(&names);
	return 0;
}

/* Reads standard input whole as the source "<stdin>". */
static int load_stdin(loader *ld)
{
	size_t cap = 65536, n = 0;
	char *buf = urc_xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap >= MAX_FILE) {
				free(buf);
				return EFBIG;
			}
			cap *= 2;
			buf = urc_xrealloc(buf, cap);
		}
		size_t got = fread(buf + n, 1, cap - n - 1, stdin);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(stdin)) {
		free(buf);
		return EIO;
	}
	buf[n] = '\0';
	uint32_t id = urc_diag_add_file(ld->prog->diag, "<stdin>", buf, (uint32_t)n);
	parse_registered(ld, id);
	return 0;
}

int urc_load_paths(urc_program *prog, char *const *paths, int n)
{
	loader ld = {prog, {0}, 0};
	int status = 0;
	for (int i = 0; i < n; i++) {
		struct stat st;
		int err, found = 0;
		if (strcmp(paths[i], "-") == 0) {
			err = load_stdin(&ld);
		} else if (stat(paths[i], &st) != 0) {
			err = errno;
		} else if (S_ISDIR(st.st_mode)) {
			err = load_dir(&ld, paths[i], 0, &found);
			if (!err && found == 0) {
				urc_diag_error(prog->diag, (urc_span){URC_NO_FILE, 0, 0},
				               "'%s' holds no .guide files", paths[i]);
				status = 2;
			}
		} else {
			err = load_file(&ld, paths[i]);
		}
		if (err) {
			urc_diag_error(prog->diag, (urc_span){URC_NO_FILE, 0, 0},
			               "cannot read '%s': %s", paths[i], strerror(err));
			status = 2;
		}
	}
	seen_free(&ld.seen);
	return status;
}

void urc_load_buffer(urc_program *prog, const char *name, const char *text,
                     size_t len)
{
	loader ld = {prog, {0}, 0};
	if (len > MAX_FILE)
		len = MAX_FILE;
	char *copy = urc_xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	/* If the buffer stands for a file on disk, a 'use' that leads back
	 * to that file must not read it a second time. */
	char canon[PATH_MAX];
	if (realpath(name, canon))
		seen_add(&ld.seen, canon);
	uint32_t id = urc_diag_add_file(prog->diag, name, copy, (uint32_t)len);
	parse_registered(&ld, id);
	seen_free(&ld.seen);
}
