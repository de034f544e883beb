/* suggest.h — "did you mean": the closest known name to a misspelling.
 * Shared by the compiler's messages and the runtime's case reader (the
 * compiler may use the runtime; never the other way round). */
#ifndef URC_SUGGEST_H
#define URC_SUGGEST_H

#include <stddef.h>

/* Returns the candidate closest to name (case-insensitive edit distance,
 * transpositions counting one), or NULL when none is close enough to be a
 * plausible typo: at most one edit for short names, a third of the length
 * for longer ones. Candidates are borrowed; the result is one of them. */
const char *urc_suggest(const char *name, const char *const *cands, size_t n);

/* The same for a name of len bytes that need not end in NUL. */
const char *urc_suggest_n(const char *name, size_t len, const char *const *cands,
                          size_t n);

#endif
