/* symtab.c — open-addressing hash map of names (see symtab.h). */
#include "symtab.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

void urc_symtab_init(urc_symtab *t)
{
	memset(t, 0, sizeof *t);
}

void urc_symtab_free(urc_symtab *t)
{
	free(t->keys);
	free(t->vals);
	memset(t, 0, sizeof *t);
}

static size_t slot(const urc_symtab *t, const char *key)
{
	size_t i = (size_t)hash(key) & (t->cap - 1);
	while (t->keys[i] && strcmp(t->keys[i], key) != 0)
		i = (i + 1) & (t->cap - 1);
	return i;
}

void *urc_symtab_get(const urc_symtab *t, const char *key)
{
	if (!t->cap)
		return NULL;
	size_t i = slot(t, key);
	return t->keys[i] ? t->vals[i] : NULL;
}

static void grow(urc_symtab *t)
{
	urc_symtab old = *t;
	t->cap = old.cap ? old.cap * 2 : 16;
	t->keys = calloc(t->cap, sizeof *t->keys);
	t->vals = calloc(t->cap, sizeof *t->vals);
	if (!t->keys || !t->vals)
		urc_oom();
	t->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i]) {
			size_t j = slot(t, old.keys[i]);
			t->keys[j] = old.keys[i];
			t->vals[j] = old.vals[i];
			t->n++;
		}
	free(old.keys);
	free(old.vals);
}

void *urc_symtab_put(urc_symtab *t, const char *key, void *val)
{
	if ((t->n + 1) * 2 > t->cap)
		grow(t);
	size_t i = slot(t, key);
	if (t->keys[i])
		return t->vals[i];
	t->keys[i] = key;
	t->vals[i] = val;
	t->n++;
	return NULL;
}
