/* ck.h — the Check framework's header, for the unit tests. The Makefile
 * names our folders with -iquote, so <check.h> is Check's own header and
 * "check.h" the compiler's. */
#ifndef URC_TEST_CK_H
#define URC_TEST_CK_H

#include <check.h>

#endif
