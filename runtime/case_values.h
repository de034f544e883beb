/* case_values.h — what the text of a case's field means: names, whole
 * numbers, decimals, dates, ICD-10-CM codes and the fixed words, each read
 * with the words that say why it is wrong. Internal to runtime/: case_read.c
 * finds the text with libyaml and reports the words at its line and field. */
#ifndef URC_CASE_VALUES_H
#define URC_CASE_VALUES_H

#include <stdbool.h>
#include <stddef.h>

#include "case.h"

/* The readers below take a value's text as the n bytes at s, with
 * s[n] == '\0' as libyaml gives it (strtod and urc_date_parse stop at
 * it), and key, where it appears, as the field's name for the words.
 * Each returns 0 with the value stored, or -1 with why the text is not
 * one in why (a sentence without the field's place, at most why_size - 1
 * bytes) and nothing stored. None allocates or keeps a pointer. */

enum {
	URC_CASE_SHOW_MAX = 40, /* bytes of a value quoted in a message */
};

/* Copies the n bytes at s into buf (size >= 8) for quoting in a message:
 * control characters and invisible format characters become \xNN or
 * \u{NNNN}, and text past URC_CASE_SHOW_MAX bytes becomes "...". Never
 * splits a UTF-8 sequence. Returns buf. */
const char *urc_case_value_shown(char *buf, size_t size, const char *s, size_t n);

/* A name or an id: not empty, shorter than size, no control character;
 * stored in buf (size bytes) with its NUL. */
int urc_case_value_text(const char *s, size_t n, const char *key, char *buf, size_t size,
                        char *why, size_t why_size);

/* A whole number: [+-]? digits, no leading zero, not quoted (quoted is
 * the scalar's style), min <= value <= 1,000,000. */
int urc_case_value_whole(const char *s, size_t n, bool quoted, const char *key, int min,
                         int *out, char *why, size_t why_size);

/* A finite decimal as JSON or YAML writes it, not quoted. strtod reads it,
 * so the C locale's '.' is the decimal point. */
int urc_case_value_number(const char *s, size_t n, bool quoted, double *out, char *why,
                          size_t why_size);

/* Checks an age read as a number (years when in_years, else months): not
 * negative and at most 150 years. key is "age" or "age_months". */
int urc_case_value_age(double x, bool in_years, const char *key, char *why, size_t why_size);

/* A date: YYYY-MM-DD, a real one in the years 1900 to 2999, quoted or not
 * (JSON has no dates). */
int urc_case_value_date(const char *s, size_t n, urc_date *out, char *why, size_t why_size);

/* An ICD-10-CM code (M54.16), stored in code with its NUL. */
int urc_case_value_code(const char *s, size_t n, char code[URC_CASE_CODE_MAX], char *why,
                        size_t why_size);

/* A state: two capital letters, stored in state with its NUL. */
int urc_case_value_state(const char *s, size_t n, char state[3], char *why, size_t why_size);

/* A discipline: PT, OT or SLP, stored in discipline with its NUL. */
int urc_case_value_discipline(const char *s, size_t n, char discipline[4], char *why,
                              size_t why_size);

/* A review: standard or expedited. */
int urc_case_value_review(const char *s, size_t n, urc_review_type *out, char *why,
                          size_t why_size);

#endif
