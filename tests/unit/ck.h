/* ck.h — the Check framework's header, for the unit tests.
 * compiler/check.h (the compiler's checks) has the same name and comes
 * first on the include path (-Icompiler), so <check.h> finds it instead of
 * Check's. This names Check's header relative to the system include folder
 * it is installed in; once the Makefile uses `-iquote compiler`, <check.h>
 * alone will do. */
#ifndef URC_TEST_CK_H
#define URC_TEST_CK_H

#include <../include/check.h>

#endif
