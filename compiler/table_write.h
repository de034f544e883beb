/* table_write.h — the compiler's side of the runtime table (.urt): turns a
 * checked program into the bytes runtime/urt_format.h defines. */
#ifndef URC_TABLE_WRITE_H
#define URC_TABLE_WRITE_H

#include <stddef.h>

#include "ast.h"

/* Builds the table of a program that checked without errors. Returns 0 and
 * a malloc'd buffer the caller frees, or -1 when a phase is too complex to
 * lower (named in err). The same program always gives the same bytes. */
int urc_table_build(urc_program *prog, unsigned char **out, size_t *len,
                    char *err, size_t errlen);

/* Writes bytes to path whole or not at all: a temporary file beside it,
 * flushed and synced, then renamed over path. Returns 0, or -1 with a
 * message in err (and no file left behind). */
int urc_write_atomic(const char *path, const void *bytes, size_t len,
                     char *err, size_t errlen);

#endif
