/* arena.h — one bump allocator per compilation.
 * Tokens' strings, the syntax tree and every list hang off one arena and are
 * freed together by urc_arena_free. The only failure is running out of
 * memory, which is fatal (the process prints a message and exits 2). */
#ifndef URC_ARENA_H
#define URC_ARENA_H

#include <stddef.h>

typedef struct urc_arena_chunk urc_arena_chunk;

typedef struct urc_arena {
	urc_arena_chunk *head; /* newest chunk; allocation happens here */
	size_t used;           /* bytes handed out from head */
	size_t cap;            /* usable bytes in head */
} urc_arena;

/* Prepares an empty arena; no memory is taken until the first allocation. */
void urc_arena_init(urc_arena *a);

/* Frees every chunk; the arena may be used again afterwards. */
void urc_arena_free(urc_arena *a);

/* Returns n zeroed bytes aligned for any type, owned by the arena. */
void *urc_arena_alloc(urc_arena *a, size_t n);

/* Copies n bytes of s and a terminating NUL into the arena. */
char *urc_arena_strndup(urc_arena *a, const char *s, size_t n);

/* Grows an arena array: returns a copy of old (old_n elements of size
 * elem) with room for new_n elements. The old block is simply abandoned. */
void *urc_arena_grow(urc_arena *a, void *old, size_t old_n, size_t new_n,
                     size_t elem);

/* Out of memory: prints a message naming what failed and exits 2. */
_Noreturn void urc_oom(void);

/* malloc/realloc that never return NULL (they call urc_oom). */
void *urc_xmalloc(size_t n);
void *urc_xrealloc(void *p, size_t n);

#endif
