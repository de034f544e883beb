/* helpers.c — the unit tests' compilation fixture (see helpers.h). */
#include "helpers.h"

#include "ck.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "load.h"

urc_test T;

void urc_test_free(urc_test *t)
{
	if (t->live) {
		urc_program_free(&t->prog);
		urc_diag_free(&t->diag);
	}
	free(t->printed);
	memset(t, 0, sizeof *t);
}

void urc_test_setup(void)
{
	memset(&T, 0, sizeof T);
}

void urc_test_teardown(void)
{
	urc_test_free(&T);
}

void urc_test_start(void)
{
	urc_test_free(&T);
	urc_diag_init(&T.diag);
	urc_program_init(&T.prog, &T.diag);
	T.live = true;
}

uint32_t urc_test_add_file(const char *name, const char *src)
{
	ck_assert(T.live);
	size_t len = strlen(src);
	char *copy = malloc(len + 1);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, src, len + 1);
	return urc_diag_add_file(&T.diag, name, copy, (uint32_t)len);
}

void urc_test_parse_len(const char *name, const char *src, size_t len)
{
	urc_test_start();
	urc_load_buffer(&T.prog, name, src, len);
}

void urc_test_parse_named(const char *name, const char *src)
{
	urc_test_parse_len(name, src, strlen(src));
}

void urc_test_parse(const char *src)
{
	urc_test_parse_named("test.guide", src);
}

void urc_test_check(const char *src)
{
	urc_test_parse(src);
	urc_check_program(&T.prog);
}

void urc_test_checkf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	ck_assert_int_ge(n, 0);
	char *buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	va_start(ap, fmt);
	vsnprintf(buf, (size_t)n + 1, fmt, ap);
	va_end(ap);
	urc_test_check(buf);
	free(buf);
}

static const char *print_with(bool json)
{
	free(T.printed);
	T.printed = NULL;
	T.printed_len = 0;
	FILE *f = open_memstream(&T.printed, &T.printed_len);
	ck_assert_ptr_nonnull(f);
	if (T.live) {
		if (json)
			urc_diag_print_json(&T.diag, f);
		else
			urc_diag_print(&T.diag, f, false);
	}
	ck_assert_int_eq(fclose(f), 0);
	return T.printed;
}

const char *urc_test_text(void)
{
	return print_with(false);
}

const char *urc_test_json(void)
{
	return print_with(true);
}

bool urc_test_known_bugs(void)
{
	const char *v = getenv("URC_TEST_KNOWN_BUGS");
	return v && *v && strcmp(v, "0") != 0;
}

int urc_count(const char *hay, const char *needle)
{
	int n = 0;
	size_t len = strlen(needle);
	if (!len)
		return 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + len, needle))
		n++;
	return n;
}

urc_guideline *urc_test_guideline(void)
{
	ck_assert_msg(T.prog.guidelines.first != NULL, "no guideline was parsed:\n%s",
	              urc_test_text());
	return T.prog.guidelines.first;
}
