/* suggest_cases.h — `urc test --suggest`: regression cases proposed from a
 * guideline's decision tables, ready to paste into NAME.cases.yaml. */
#ifndef URC_SUGGEST_CASES_H
#define URC_SUGGEST_CASES_H

#include <stdio.h>

#include "ast.h"
#include "urc.h"

/* Writes to out, in the test-file format, a case for each rule of
 * guideline g (a request that rule decides), and for each threshold of
 * each rule a case exactly at it and one just outside it, each with the
 * outcome the guideline gives now. t is the table built from prog. Rules
 * no request could be built for are named in comments. Returns the
 * number of cases written. */
int urc_suggest_cases(FILE *out, urc_program *prog, urc_guideline *g,
                      const urc_table *t);

#endif
