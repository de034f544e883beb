/* cond_text.h — conditions and outcomes in plain clinical words, for
 * decision tables, diagrams and explanations ("ODI improved by at least
 * 10 points (MCID) since intake and visits used < 24"). */
#ifndef URC_COND_TEXT_H
#define URC_COND_TEXT_H

#include <stddef.h>

#include "ast.h"

/* Writes k as words into buf (size n, always NUL-terminated, cut with
 * "..." when too long). Needs a checked condition (resolved measures).
 * Returns buf. */
char *urc_cond_text(const urc_cond *k, char *buf, size_t n);

/* Writes an outcome as words: "approve up to 8 visits over 30 days",
 * "refer: <reason>", "pend: <what>". Returns buf. */
char *urc_outcome_text(const urc_rule_outcome *o, char *buf, size_t n);

#endif
