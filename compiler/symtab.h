/* symtab.h — a map from names to declarations (open addressing).
 * Keys are borrowed: they must outlive the table (arena strings do). */
#ifndef URC_SYMTAB_H
#define URC_SYMTAB_H

#include <stddef.h>

typedef struct urc_symtab {
	const char **keys; /* NULL marks an empty slot */
	void **vals;
	size_t n;          /* entries */
	size_t cap;        /* slots, a power of two */
} urc_symtab;

void urc_symtab_init(urc_symtab *t);
void urc_symtab_free(urc_symtab *t);

/* Returns the value stored under key, or NULL. */
void *urc_symtab_get(const urc_symtab *t, const char *key);

/* Stores val under key unless the key is present; returns the value that
 * was already there (and stores nothing) or NULL when val was stored. */
void *urc_symtab_put(urc_symtab *t, const char *key, void *val);

#endif
