/* check.h — the checks a guideline library must pass.
 * urc_check_program runs them all: names (with "did you mean"), duplicate
 * declarations, units and ranges, the domain's limits (windows, frequency),
 * the analysis of each phase (rules that can never fire, requests no rule
 * decides) and diagnoses claimed by two guidelines. Everything is reported
 * into the program's diagnostics; nothing is printed. */
#ifndef URC_CHECK_H
#define URC_CHECK_H

#include "ast.h"
#include "symtab.h"

/* Runs every check over a loaded program. */
void urc_check_program(urc_program *prog);

/* ---- shared by the check modules ---- */

typedef struct urc_checker {
	urc_program *prog;
	urc_diag *diag;
	urc_symtab measures;    /* name -> urc_measure */
	urc_symtab settings;    /* name -> urc_setting */
	urc_symtab specialties; /* name -> urc_specialty */
	urc_symtab plans;       /* name -> urc_plan */
	urc_symtab guidelines;  /* id -> urc_guideline */
} urc_checker;

/* Declarations: duplicates, catalogue entries, guideline headers. */
void urc_check_decls(urc_checker *c);

/* A guideline's phases: requirements, rules, conditions and outcomes. */
void urc_check_phases(urc_checker *c, urc_guideline *g);

/* A phase's rules as regions of the request space: reports rules that
 * earlier rules cover entirely, and, without 'otherwise', a request that
 * no rule decides. Runs only on phases that passed the other checks. */
void urc_analyze_phase(urc_checker *c, urc_guideline *g, urc_phase *ph);

/* Diagnoses claimed by two guidelines for one discipline and setting. */
void urc_check_claims(urc_checker *c);

/* Looks name up in table; when missing, reports "unknown <what>" with a
 * "did you mean" from the table's names and returns NULL. */
void *urc_check_lookup(urc_checker *c, urc_symtab *table, urc_name name,
                       const char *what);

/* Value of q in its dimension's base unit (weeks -> days, years -> months). */
double urc_check_base(const urc_quantity *q);

#endif
