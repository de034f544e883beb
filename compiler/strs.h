/* strs.h — a growable list of owned strings (paths, names). */
#ifndef URC_STRS_H
#define URC_STRS_H

#include <stddef.h>

typedef struct urc_strs {
	char **v;       /* the strings, each malloc'd */
	size_t n, cap;  /* used, allocated */
} urc_strs;

/* Appends a copy of p. Out of memory is fatal (urc_oom). */
void urc_strs_push(urc_strs *s, const char *p);

/* Appends the paths of the entries of folder dir (dir/NAME; names starting
 * with '.' left out), in name order. Returns 0, or errno when dir cannot
 * be listed (nothing appended). */
int urc_strs_list_dir(urc_strs *s, const char *dir);

/* Whether s ends with suffix. */
int urc_ends_with(const char *s, const char *suffix);

/* Frees every string and the list; s may be used again afterwards. */
void urc_strs_free(urc_strs *s);

#endif
