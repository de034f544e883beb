/* suggest.h — "did you mean": the closest known name to a misspelling. */
#ifndef URC_SUGGEST_H
#define URC_SUGGEST_H

#include <stddef.h>

/* Returns the candidate closest to name (case-insensitive edit distance,
 * transpositions counting one), or NULL when none is close enough to be a
 * plausible typo: at most one edit for short names, a third of the length
 * for longer ones. Candidates are borrowed; the result is one of them. */
const char *urc_suggest(const char *name, const char *const *cands, size_t n);

#endif
