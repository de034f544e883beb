/* testfile_expect.c — a guideline test's expectations against a decision:
 * outcome codes (and the hint for a misspelt one), what a decision gave in
 * a test's terms, the comparison and the words for each difference. Needs
 * no libyaml; testfile.c reads the expectations. */
#include "testfile_expect.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "suggest.h"

enum {
	HINT_TEXT_MAX = 1000, /* bytes of an outcome looked at for a hint: the
	                       * reader's longest text */
};

/* ---- outcomes ---- */

#define OUTCOMES(X)                                                       \
	X(URC_APPROVED_FULL, "approved_in_full")                              \
	X(URC_APPROVED_PART, "approved_in_part")                              \
	X(URC_REFERRED, "referred")                                           \
	X(URC_PENDED, "pended")                                               \
	X(URC_NO_GUIDELINE, "no_guideline")

static const char *const outcome_codes[] = {
#define X(e, s) s,
	OUTCOMES(X)
#undef X
};
static const urc_outcome outcome_values[] = {
#define X(e, s) e,
	OUTCOMES(X)
#undef X
};
enum { NOUTCOMES = sizeof outcome_codes / sizeof outcome_codes[0] };

const char *urc_testfile_outcome_code(urc_outcome o)
{
	for (int i = 0; i < NOUTCOMES; i++)
		if (outcome_values[i] == o)
			return outcome_codes[i];
	return "?";
}

/* A misspelling is matched with the codes, then with their first words
 * ('aproved' is near 'approved'). */
bool urc_testfile_outcome_parse(const char *s, urc_outcome *out, char *hint, size_t n)
{
	for (int i = 0; i < NOUTCOMES; i++)
		if (strcmp(s, outcome_codes[i]) == 0) {
			*out = outcome_values[i];
			return true;
		}
	/* "approved in full", as urc explain prints it */
	char under[HINT_TEXT_MAX + 1];
	size_t k = 0;
	for (; s[k] && k < HINT_TEXT_MAX; k++)
		under[k] = s[k] == ' ' || s[k] == '-' ? '_' : s[k];
	under[k] = '\0';
	const char *near = urc_suggest(under, outcome_codes, NOUTCOMES);
	if (strncmp(under, "den", 3) == 0 || strncmp(under, "Den", 3) == 0) {
		snprintf(hint, n, " (urc never denies: a request only a physician may decide is 'referred')");
	} else if (near) {
		snprintf(hint, n, " (did you mean '%s'?)", near);
	} else {
		static const char *const stems[] = {"approved", "referred", "pended", "no_guideline"};
		char stem[HINT_TEXT_MAX + 1];
		snprintf(stem, sizeof stem, "%s", under);
		char *cut = strchr(stem, '_');
		if (cut && strncmp(stem, "no_", 3) != 0)
			*cut = '\0';
		const char *st = urc_suggest(stem, stems, sizeof stems / sizeof stems[0]);
		if (st && strcmp(st, "approved") == 0)
			snprintf(hint, n, " (did you mean 'approved_in_full' or 'approved_in_part'?)");
		else if (st)
			snprintf(hint, n, " (did you mean '%s'?)", st);
		else
			snprintf(hint, n, " (approved_in_full, approved_in_part, referred, pended or no_guideline)");
	}
	return false;
}

const char *const urc_testfile_expect_keys[URC_EXPECT_NFIELDS] = {
#define X(code, key) key,
	URC_EXPECT_FIELDS(X)
#undef X
};

/* ---- comparing ---- */

void urc_testfile_actual_of(urc_testfile_actual *a, const urc_table *t, const urc_decision *d,
                            char *rule_buf, size_t rule_len)
{
	a->outcome = d->outcome;
	a->visits = d->visits_granted;
	a->approved = d->outcome == URC_APPROVED_FULL || d->outcome == URC_APPROVED_PART;
	a->end = d->end;
	a->rule = urc_decision_rule(t, d, rule_buf, rule_len);
	a->reason = d->reason ? d->reason : "";
	a->guideline = NULL;
	const char *id;
	if (d->guideline != UINT32_MAX && urc_guideline_info(t, d->guideline, &id, NULL, NULL) == 0)
		a->guideline = id;
}

unsigned urc_testfile_compare(const urc_testfile_expect *e, const urc_testfile_actual *a)
{
	unsigned diff = 0;
	if ((e->fields & URC_EXPECT_OUTCOME) && e->outcome != a->outcome)
		diff |= URC_EXPECT_OUTCOME;
	if ((e->fields & URC_EXPECT_VISITS) && e->visits != a->visits)
		diff |= URC_EXPECT_VISITS;
	if ((e->fields & URC_EXPECT_END) && (!a->approved || e->end != a->end))
		diff |= URC_EXPECT_END;
	if ((e->fields & URC_EXPECT_RULE) && (!a->rule || strcmp(e->rule, a->rule) != 0))
		diff |= URC_EXPECT_RULE;
	if ((e->fields & URC_EXPECT_REASON) && (!a->reason || !strstr(a->reason, e->reason)))
		diff |= URC_EXPECT_REASON;
	if ((e->fields & URC_EXPECT_GUIDELINE) && (!a->guideline || strcmp(e->guideline, a->guideline) != 0))
		diff |= URC_EXPECT_GUIDELINE;
	return diff;
}

/* ---- describing a difference ---- */

/* Appends printf text to buf (size n) at *at; a text cut short ends in
 * "...". */
static void append(char *buf, size_t n, size_t *at, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void append(char *buf, size_t n, size_t *at, const char *fmt, ...)
{
	if (*at + 1 >= n)
		return;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(buf + *at, n - *at, fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	if ((size_t)k >= n - *at) {
		*at = n - 1;
		if (n >= 4)
			memcpy(buf + n - 4, "...", 4);
		return;
	}
	*at += (size_t)k;
}

char *urc_testfile_describe(const urc_testfile_expect *e, const urc_testfile_actual *a, unsigned diff,
                            char *buf, size_t n)
{
	size_t at = 0;
	if (n == 0)
		return buf;
	buf[0] = '\0';
	char d1[16], d2[16];
	for (int f = 0; f < URC_EXPECT_NFIELDS; f++) {
		if (!(diff & 1u << f))
			continue;
		append(buf, n, &at, "%s%s: ", at ? "; " : "", urc_testfile_expect_keys[f]);
		switch (f) {
		case URC_EXPECT_BIT_OUTCOME:
			append(buf, n, &at, "expected %s, got %s", urc_testfile_outcome_code(e->outcome),
			       urc_testfile_outcome_code(a->outcome));
			break;
		case URC_EXPECT_BIT_VISITS:
			append(buf, n, &at, "expected %d, got %d", e->visits, a->visits);
			break;
		case URC_EXPECT_BIT_END:
			append(buf, n, &at, "expected %s, got %s", urc_date_format(e->end, d1),
			       a->approved ? urc_date_format(a->end, d2) : "none (not approved)");
			break;
		case URC_EXPECT_BIT_RULE:
			if (a->rule)
				append(buf, n, &at, "expected \"%s\", got \"%s\"", e->rule, a->rule);
			else
				append(buf, n, &at, "expected \"%s\", got none (no step decided)", e->rule);
			break;
		case URC_EXPECT_BIT_REASON:
			append(buf, n, &at, "expected one containing \"%s\", got \"%s\"", e->reason,
			       a->reason ? a->reason : "");
			break;
		case URC_EXPECT_BIT_GUIDELINE:
			append(buf, n, &at, "expected %s, got %s", e->guideline, a->guideline ? a->guideline : "none");
			break;
		}
	}
	return buf;
}
