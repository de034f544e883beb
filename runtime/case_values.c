/* case_values.c — reads the text of a case's fields: names and ids, whole
 * numbers, decimals, ages, dates, ICD-10-CM codes, states, disciplines and
 * review types, each with the words for a text that is not one. Needs no
 * libyaml: case_read.c hands over each scalar's text. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_values.h"

enum {
	WHOLE_MAX = 1000000,     /* largest count a case may carry */
	AGE_YEARS_MAX = 150,     /* oldest plausible member, in years */
	SHOW_SIZE = URC_CASE_SHOW_MAX * 2, /* a quoted value, escapes included */
};

/* Writes printf's fmt into why and returns -1: the readers' failure. */
static int fail(char *why, size_t why_size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *why, size_t why_size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(why, why_size, fmt, ap);
	va_end(ap);
	if (k < 0 && why_size > 0)
		why[0] = '\0';
	return -1;
}

const char *urc_case_value_shown(char *buf, size_t size, const char *s, size_t n)
{
	size_t j = 0;
	for (size_t i = 0; i < n;) {
		unsigned char b = (unsigned char)s[i];
		size_t len = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
		if (len > n - i)
			len = n - i;
		char esc[16];
		const char *out = s + i;
		size_t out_len = len;
		unsigned cp = 0;
		if (len == 2)
			cp = (b & 0x1Fu) << 6 | ((unsigned char)s[i + 1] & 0x3Fu);
		else if (len == 3)
			cp = (b & 0x0Fu) << 12 | ((unsigned char)s[i + 1] & 0x3Fu) << 6 |
			     ((unsigned char)s[i + 2] & 0x3Fu);
		if (b < 0x20 || b == 0x7F || (b >= 0x80 && b < 0xC0)) {
			snprintf(esc, sizeof esc, "\\x%02X", b);
			out = esc;
			out_len = 4;
		} else if ((len == 2 && cp >= 0x80 && cp < 0xA0) ||
		           (len == 3 && ((cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
		                         (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF))) {
			snprintf(esc, sizeof esc, "\\u{%04X}", cp);
			out = esc;
			out_len = strlen(esc);
		}
		if (i + len > URC_CASE_SHOW_MAX || j + out_len + 4 > size) {
			memcpy(buf + j, "...", 3);
			j += 3;
			break;
		}
		memcpy(buf + j, out, out_len);
		j += out_len;
		i += len;
	}
	buf[j] = '\0';
	return buf;
}

/* 1 when the n bytes at s hold a control character (C0, DEL or C1). */
static bool has_control(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x20 || b == 0x7F)
			return true;
		if (b == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] < 0xA0)
			return true;
	}
	return false;
}

int urc_case_value_text(const char *s, size_t n, const char *key, char *buf, size_t size,
                        char *why, size_t why_size)
{
	char show[SHOW_SIZE];
	if (n == 0)
		return fail(why, why_size, "%s must not be empty", key);
	if (n >= size)
		return fail(why, why_size, "'%s' is too long (at most %zu bytes)",
		            urc_case_value_shown(show, sizeof show, s, n), size - 1);
	if (has_control(s, n))
		return fail(why, why_size, "'%s' holds a control character",
		            urc_case_value_shown(show, sizeof show, s, n));
	memcpy(buf, s, n);
	buf[n] = '\0';
	return 0;
}

int urc_case_value_whole(const char *s, size_t n, bool quoted, const char *key, int min,
                         int *out, char *why, size_t why_size)
{
	size_t i = 0;
	bool negative = false;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		negative = s[i++] == '-';
	bool whole = i < n && !(n - i > 1 && s[i] == '0');
	long v = 0;
	for (; whole && i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			whole = false;
		else if (v <= WHOLE_MAX)
			v = v * 10 + (s[i] - '0');
	}
	if (negative)
		v = -v;
	if (whole && !quoted && v >= min && v <= WHOLE_MAX) {
		*out = (int)v;
		return 0;
	}
	char show[SHOW_SIZE];
	urc_case_value_shown(show, sizeof show, s, n);
	if (!whole)
		return fail(why, why_size, "'%s' is not a whole number", show);
	if (quoted)
		return fail(why, why_size, "'%s' is in quotes; write the number without them", show);
	if (v < min && min == 0)
		return fail(why, why_size, "%s must not be negative (got %s)", key, show);
	if (v < min)
		return fail(why, why_size, "%s must be at least %d (got %s)", key, min, show);
	return fail(why, why_size, "'%s' is too large (at most %d)", show, WHOLE_MAX);
}

/* 1 when the n bytes at s are a decimal number as JSON or YAML writes it:
 * [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?. */
static bool is_decimal(const char *s, size_t n)
{
	size_t i = 0, digits = 0;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (digits == 0)
		return false;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		size_t exp = 0;
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			exp++;
		if (exp == 0)
			return false;
	}
	return i == n;
}

int urc_case_value_number(const char *s, size_t n, bool quoted, double *out, char *why,
                          size_t why_size)
{
	bool decimal = is_decimal(s, n);
	/* s[n] is a NUL, so strtod stops there at the latest. A locale whose
	 * decimal point is not '.' would make it stop early: refuse rather
	 * than misread. */
	char *end = NULL;
	double v = decimal && !quoted ? strtod(s, &end) : 0;
	if (decimal && !quoted && end == s + n && isfinite(v)) {
		*out = v;
		return 0;
	}
	char show[SHOW_SIZE];
	urc_case_value_shown(show, sizeof show, s, n);
	if (!decimal)
		return fail(why, why_size, "'%s' is not a number", show);
	if (quoted)
		return fail(why, why_size, "'%s' is in quotes; write the number without them", show);
	if (end != s + n)
		return fail(why, why_size, "'%s' cannot be read as a number here (is the C locale set?)",
		            show);
	return fail(why, why_size, "'%s' is too large", show);
}

int urc_case_value_age(double x, bool in_years, const char *key, char *why, size_t why_size)
{
	double max = in_years ? AGE_YEARS_MAX : AGE_YEARS_MAX * 12;
	if (x < 0)
		return fail(why, why_size, "%s must not be negative", key);
	if (x > max)
		return fail(why, why_size, "%s %g is not plausible (at most %g %s)", key, x, max,
		            in_years ? "years" : "months");
	return 0;
}

int urc_case_value_date(const char *s, size_t n, urc_date *out, char *why, size_t why_size)
{
	if (n == 10 && urc_date_parse(s, out) == 0)
		return 0;
	char show[SHOW_SIZE];
	bool shaped = n == 10 && s[4] == '-' && s[7] == '-';
	for (size_t i = 0; shaped && i < n; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			shaped = false;
	urc_case_value_shown(show, sizeof show, s, n);
	if (shaped && (memcmp(s, "1900", 4) < 0 || memcmp(s, "2999", 4) > 0))
		return fail(why, why_size, "%s is out of range (years 1900 to 2999)", show);
	if (shaped)
		return fail(why, why_size, "%s is not a date (YYYY-MM-DD)", show);
	return fail(why, why_size, "'%s' is not a date (YYYY-MM-DD)", show);
}

/* 1 when c is a capital ASCII letter or a digit. */
static bool is_code_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* 1 when the n bytes at s are an ICD-10-CM code: a capital letter, a
 * digit, a capital letter or digit, then optionally a dot and one to four
 * capital letters or digits (M54.16). */
static bool is_icd10(const char *s, size_t n)
{
	if (n < 3 || n == 4 || n > 8)
		return false;
	if (s[0] < 'A' || s[0] > 'Z' || s[1] < '0' || s[1] > '9' || !is_code_char(s[2]))
		return false;
	if (n == 3)
		return true;
	if (s[3] != '.')
		return false;
	for (size_t i = 4; i < n; i++)
		if (!is_code_char(s[i]))
			return false;
	return true;
}

_Static_assert(URC_CASE_CODE_MAX > 8, "an ICD-10-CM code has at most 8 bytes");

int urc_case_value_code(const char *s, size_t n, char code[URC_CASE_CODE_MAX], char *why,
                        size_t why_size)
{
	char show[SHOW_SIZE];
	if (!is_icd10(s, n))
		return fail(why, why_size,
		            "'%s' is not an ICD-10-CM code (a capital letter, a digit, a letter or "
		            "digit, then optionally a dot and 1-4 more, e.g. M54.16)",
		            urc_case_value_shown(show, sizeof show, s, n));
	memcpy(code, s, n);
	code[n] = '\0';
	return 0;
}

int urc_case_value_state(const char *s, size_t n, char state[3], char *why, size_t why_size)
{
	char show[SHOW_SIZE];
	if (n != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z')
		return fail(why, why_size, "state must be two capital letters (e.g. TX), not '%s'",
		            urc_case_value_shown(show, sizeof show, s, n));
	memcpy(state, s, 2);
	state[2] = '\0';
	return 0;
}

int urc_case_value_discipline(const char *s, size_t n, char discipline[4], char *why,
                              size_t why_size)
{
	char show[SHOW_SIZE];
	if ((n == 2 && (!memcmp(s, "PT", 2) || !memcmp(s, "OT", 2))) ||
	    (n == 3 && !memcmp(s, "SLP", 3))) {
		memcpy(discipline, s, n);
		discipline[n] = '\0';
		return 0;
	}
	return fail(why, why_size, "discipline must be PT, OT or SLP, not '%s'",
	            urc_case_value_shown(show, sizeof show, s, n));
}

int urc_case_value_review(const char *s, size_t n, urc_review_type *out, char *why,
                          size_t why_size)
{
	char show[SHOW_SIZE];
	if (n == 8 && !memcmp(s, "standard", 8)) {
		*out = URC_REVIEW_STANDARD;
		return 0;
	}
	if (n == 9 && !memcmp(s, "expedited", 9)) {
		*out = URC_REVIEW_EXPEDITED;
		return 0;
	}
	return fail(why, why_size, "review must be standard or expedited, not '%s'",
	            urc_case_value_shown(show, sizeof show, s, n));
}
