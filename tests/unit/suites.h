/* suites.h — every unit-test suite, one per module; runner.c adds them all. */
#ifndef URC_TEST_SUITES_H
#define URC_TEST_SUITES_H

#include "ck.h"

Suite *scanner_suite(void);  /* grammar/lexer.l */
Suite *parser_suite(void);   /* grammar/parser.y */
Suite *checks_suite(void);   /* check_decls.c, check_phases.c */
Suite *analyze_suite(void);  /* analyze.c */
Suite *claims_suite(void);   /* claims.c */
Suite *diag_suite(void);     /* diag.c */
Suite *units_suite(void);    /* units.c */
Suite *suggest_suite(void);  /* suggest.c */
Suite *symtab_suite(void);   /* symtab.c */
Suite *arena_suite(void);    /* arena.c */
Suite *ast_suite(void);      /* ast.c */
Suite *load_suite(void);     /* load.c */
Suite *driver_suite(void);   /* driver.c */
Suite *case_read_suite(void); /* runtime/case_read.c, runtime/date.c */
Suite *case_input_suite(void); /* runtime/case_input.c */
Suite *lower_suite(void);    /* compiler/lower.c */
Suite *table_suite(void);    /* compiler/table_write.c, runtime/table_load.c */
Suite *eval_suite(void);     /* runtime/eval.c */
Suite *output_suite(void);   /* runtime/decision_write.c, explain.c, table_print.c */
Suite *testfile_suite(void); /* compiler/testfile.c, testfile_expect.c */
Suite *cmd_diff_suite(void); /* compiler/cmd_diff.c */
Suite *coverage_suite(void); /* compiler/cmd_test.c, --coverage-out */
Suite *diagram_labels_suite(void); /* compiler/diagram_labels.c */

#endif
