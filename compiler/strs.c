/* strs.c — a growable list of owned strings (see strs.h). */
#include "strs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

void urc_strs_push(urc_strs *s, const char *p)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = urc_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	size_t n = strlen(p) + 1;
	s->v[s->n] = urc_xmalloc(n);
	memcpy(s->v[s->n++], p, n);
}

void urc_strs_free(urc_strs *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

int urc_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int urc_strs_list_dir(urc_strs *s, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return errno;
	size_t first = s->n;
	const char *sep = urc_ends_with(dir, "/") ? "" : "/";
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		size_t len = strlen(dir) + strlen(sep) + strlen(e->d_name) + 1;
		char *p = urc_xmalloc(len);
		snprintf(p, len, "%s%s%s", dir, sep, e->d_name);
		urc_strs_push(s, p);
		free(p);
	}
	closedir(d);
	if (s->n - first > 1)
		qsort(s->v + first, s->n - first, sizeof *s->v, cmp_str);
	return 0;
}
