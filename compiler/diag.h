/* diag.h — the one diagnostics context of a compilation.
 * Deep code records errors, warnings, notes and help lines here and never
 * prints. Locations are a file id plus byte offsets; line and column are
 * worked out only when the messages are printed, as text (gcc/clang shape,
 * with the source line and a caret) or as JSON for editors and CI. */
#ifndef URC_DIAG_H
#define URC_DIAG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

#define URC_NO_FILE UINT32_MAX

/* A place in a source: file id (from urc_diag_add_file) and byte range. */
typedef struct urc_span {
	uint32_t file;  /* file id, or URC_NO_FILE for messages with no place */
	uint32_t start; /* first byte */
	uint32_t end;   /* one past the last byte; end == start marks a point */
} urc_span;

typedef enum urc_severity {
	URC_SEV_ERROR,
	URC_SEV_WARNING,
	URC_SEV_NOTE,
	URC_SEV_HELP,
} urc_severity;

typedef struct urc_diag_file {
	char *name;           /* path as the user named it (owned) */
	char *text;           /* whole contents, NUL-terminated (owned) */
	uint32_t len;         /* bytes in text, without the NUL */
	uint32_t *line_start; /* offsets of line starts, built on demand */
	uint32_t nlines;      /* entries in line_start */
} urc_diag_file;

typedef struct urc_diag_msg urc_diag_msg;

typedef struct urc_diag {
	urc_diag_file *files; /* every source read, in id order */
	uint32_t nfiles;
	uint32_t files_cap;
	urc_diag_msg *msgs; /* main messages (errors, warnings) */
	uint32_t nmsgs;
	uint32_t msgs_cap;
	int errors;   /* errors so far, counting warnings promoted by werror */
	int warnings; /* warnings so far (not promoted) */
	int promoted; /* warnings counted in errors because of werror */
	bool werror;  /* treat warnings as errors */
	urc_arena arena; /* message texts and notes */
} urc_diag;

/* One line of a location, worked out from a span. */
typedef struct urc_diag_pos {
	uint32_t line;   /* 1-based */
	uint32_t column; /* 1-based, in characters (UTF-8 aware) */
} urc_diag_pos;

void urc_diag_init(urc_diag *d);

/* Frees files, messages and their texts. */
void urc_diag_free(urc_diag *d);

/* Registers a source and returns its id. Takes ownership of text, which
 * must be NUL-terminated at text[len]; copies name. */
uint32_t urc_diag_add_file(urc_diag *d, const char *name, char *text,
                           uint32_t len);

/* Records an error or warning at span and returns its handle, to which
 * notes and help lines may be attached. A warning counts as an error when
 * werror is set. */
int urc_diag_error(urc_diag *d, urc_span span, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int urc_diag_warning(urc_diag *d, urc_span span, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Attaches a note pointing at a related place (span may have no file). */
void urc_diag_note(urc_diag *d, int msg, urc_span span, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Attaches a help line, a fix the author can apply. */
void urc_diag_help(urc_diag *d, int msg, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Works out the line and column of a byte offset in a file. */
urc_diag_pos urc_diag_position(urc_diag *d, uint32_t file, uint32_t offset);

/* Prints every message in source order (file, then offset): the location,
 * the severity, the message, the source line with carets, then notes and
 * help. Colour escapes are used only when color is true. */
void urc_diag_print(urc_diag *d, FILE *out, bool color);

/* Prints the same content as a JSON array, one object per message. */
void urc_diag_print_json(urc_diag *d, FILE *out);

/* Writes s as a JSON string literal (with quotes) to out. */
void urc_json_string(FILE *out, const char *s);

#endif
