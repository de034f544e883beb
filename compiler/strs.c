/* strs.c — a growable list of owned strings (see strs.h). */
#include "strs.h"

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
