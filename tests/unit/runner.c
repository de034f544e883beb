/* runner.c — runs every unit-test suite and prints Check's summary line.
 * Exits 0 when every test passed, 1 otherwise. Under valgrind run it with
 * CK_FORK=no so that the tests run in this process. */
#include "ck.h"
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(scanner_suite());
	srunner_add_suite(sr, parser_suite());
	srunner_add_suite(sr, checks_suite());
	srunner_add_suite(sr, analyze_suite());
	srunner_add_suite(sr, claims_suite());
	srunner_add_suite(sr, diag_suite());
	srunner_add_suite(sr, units_suite());
	srunner_add_suite(sr, suggest_suite());
	srunner_add_suite(sr, symtab_suite());
	srunner_add_suite(sr, arena_suite());
	srunner_add_suite(sr, ast_suite());
	srunner_add_suite(sr, load_suite());
	srunner_add_suite(sr, driver_suite());
	srunner_add_suite(sr, case_read_suite());
	srunner_add_suite(sr, case_input_suite());
	srunner_add_suite(sr, lower_suite());
	srunner_add_suite(sr, table_suite());
	srunner_add_suite(sr, eval_suite());
	srunner_add_suite(sr, output_suite());
	srunner_add_suite(sr, testfile_suite());
	srunner_add_suite(sr, cmd_diff_suite());
	srunner_add_suite(sr, coverage_suite());
	srunner_add_suite(sr, diagram_labels_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
