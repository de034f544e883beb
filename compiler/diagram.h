/* diagram.h — a guideline as a Graphviz decision diagram for trainers and
 * new-hire reviewers: the request coming in, the routing, the split into
 * first and later requests, then each phase as a spine of questions whose
 * "no" goes down and whose "yes" goes sideways to an outcome.
 * diagram.c is the only module that includes Graphviz headers. */
#ifndef URC_DIAGRAM_H
#define URC_DIAGRAM_H

#include <stddef.h>

#include "ast.h"

typedef enum urc_diagram_format {
	URC_DIAGRAM_DOT, /* the graph as DOT text, before layout (byte-stable) */
	URC_DIAGRAM_SVG, /* laid out; citations become tooltips */
	URC_DIAGRAM_PNG,
	URC_DIAGRAM_PDF,
} urc_diagram_format;

/* Flags an overlay sets on one item of a phase: `urc dot --case` marks
 * the path one case takes; `--coverage` (regression tests, not built yet)
 * will mark what no case reaches. */
enum {
	URC_DIAGRAM_MARK_PATH = 1,      /* the case passed this item */
	URC_DIAGRAM_MARK_DECIDED = 2,   /* this item decided the case */
	URC_DIAGRAM_MARK_UNREACHED = 4, /* no case reaches this item */
	URC_DIAGRAM_MARK_ASIDE = 8,     /* off the case's path: drawn grey */
};

/* Highlights to draw over a diagram. phase[0] is the initial phase,
 * phase[1] the continued one: one byte of URC_DIAGRAM_MARK_* flags per
 * item of the phase (require, rule, otherwise) in source order, or NULL
 * for none; note[p][i], when not NULL, is a line of words shown on the
 * item (the case's values). title, when not NULL, is shown under the
 * diagram's title. Borrowed for the duration of a render. */
typedef struct urc_diagram_marks {
	const unsigned char *phase[2];
	const char *const *note[2];
	const char *title;
} urc_diagram_marks;

/* A Graphviz context, loaded once and reused for many diagrams. */
typedef struct urc_diagrams urc_diagrams;

/* Parses "svg", "png", "pdf" or "dot". Returns 0, or -1 for another name. */
int urc_diagram_format_parse(const char *name, urc_diagram_format *out);

/* The format's file extension without the dot ("svg"). */
const char *urc_diagram_format_ext(urc_diagram_format f);

/* Opens a Graphviz context. Returns NULL with a message in err when
 * Graphviz cannot start. Release it with urc_diagrams_close. */
urc_diagrams *urc_diagrams_open(char *err, size_t errlen);

/* Closes the context (NULL is allowed). */
void urc_diagrams_close(urc_diagrams *d);

/* Draws guideline g of prog, a program that checked without errors, in
 * format fmt, with the highlights of marks (NULL for none). Returns 0 and
 * a malloc'd buffer in *out (*len bytes; the caller frees it), or -1 with
 * a message in err and *out NULL. Nothing is printed. */
int urc_diagram_render(urc_diagrams *d, urc_program *prog, urc_guideline *g,
                       urc_diagram_format fmt, const urc_diagram_marks *marks,
                       char **out, size_t *len, char *err, size_t errlen);

#endif
