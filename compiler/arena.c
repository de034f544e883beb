/* arena.c — the compilation's bump allocator (see arena.h). Chunks grow
 * geometrically so a large library costs few malloc calls. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct urc_arena_chunk {
	urc_arena_chunk *next; /* older chunk */
	max_align_t data[];    /* the bytes handed out */
};

enum { MIN_CHUNK = 64 * 1024 };

_Noreturn void urc_oom(void)
{
	fputs("urc: out of memory\n", stderr);
	exit(2);
}

void *urc_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		urc_oom();
	return p;
}

void *urc_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		urc_oom();
	return q;
}

void urc_arena_init(urc_arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->cap = 0;
}

void urc_arena_free(urc_arena *a)
{
	urc_arena_chunk *c = a->head;
	while (c) {
		urc_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	urc_arena_init(a);
}

void *urc_arena_alloc(urc_arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	n = (n + align - 1) / align * align;
	if (n == 0)
		n = align;
	if (a->used + n > a->cap) {
		size_t cap = a->cap ? a->cap * 2 : MIN_CHUNK;
		if (cap > 16u * 1024 * 1024)
			cap = 16u * 1024 * 1024;
		if (cap < n)
			cap = n;
		urc_arena_chunk *c = urc_xmalloc(sizeof *c + cap);
		c->next = a->head;
		a->head = c;
		a->cap = cap;
		a->used = 0;
	}
	void *p = (char *)a->head->data + a->used;
	a->used += n;
	memset(p, 0, n);
	return p;
}

char *urc_arena_strndup(urc_arena *a, const char *s, size_t n)
{
	char *p = urc_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *urc_arena_grow(urc_arena *a, void *old, size_t old_n, size_t new_n,
                     size_t elem)
{
	if (new_n && elem > SIZE_MAX / new_n)
		urc_oom();
	void *p = urc_arena_alloc(a, new_n * elem);
	if (old_n)
		memcpy(p, old, old_n * elem);
	return p;
}
