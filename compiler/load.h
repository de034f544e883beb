/* load.h — reading guideline sources: files, folders and 'use' lines. */
#ifndef URC_LOAD_H
#define URC_LOAD_H

#include <stddef.h>

#include "ast.h"

/* Prepares an empty program reporting into diag (borrowed). */
void urc_program_init(urc_program *prog, urc_diag *diag);

/* Frees every node of the program (not the diag). */
void urc_program_free(urc_program *prog);

/* Loads each path into prog. A file is read and parsed; a folder is
 * searched recursively for *.guide files, in name order. The 'use' lines of
 * every file read are followed, relative to that file's folder; a file is
 * read once however often it is named or used. A path on the command line
 * that cannot be read is reported in diag with no place and makes the
 * result 2; a 'use' that cannot be read is an error at the 'use' line.
 * Returns 0 otherwise, also when the sources have errors. */
int urc_load_paths(urc_program *prog, char *const *paths, int n);

/* Loads one source held in memory, named name, and what it uses.
 * text is copied. */
void urc_load_buffer(urc_program *prog, const char *name, const char *text,
                     size_t len);

/* Reads a whole file into a NUL-terminated malloc'd buffer. Returns NULL
 * with errno set when it cannot; *len receives the size. Files over 64 MiB
 * are refused with EFBIG. */
char *urc_read_file(const char *path, size_t *len);

#endif
