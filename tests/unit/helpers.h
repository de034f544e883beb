/* helpers.h — what the unit tests share: one compilation of a source held
 * in memory (its diagnostics, its program), its diagnostics printed to
 * memory, and a catalogue and guideline skeleton the check tests vary.
 * Everything a helper allocates is freed by urc_test_free. */
#ifndef URC_TEST_HELPERS_H
#define URC_TEST_HELPERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"
#include "diag.h"

/* One compilation under test. */
typedef struct urc_test {
	urc_diag diag;     /* its diagnostics */
	urc_program prog;  /* its syntax tree */
	char *printed;     /* the last urc_test_text result (malloc), or NULL */
	size_t printed_len;
	bool live;         /* diag and prog are initialised */
} urc_test;

/* The compilation the fixture sets up and tears down for each test. */
extern urc_test T;

/* Checked fixture: T starts empty and is freed after each test, also after
 * a failed one. */
void urc_test_setup(void);
void urc_test_teardown(void);

/* Starts an empty compilation in T: no files, no messages. */
void urc_test_start(void);

/* Registers a copy of src in T's diagnostics as file name; returns its id. */
uint32_t urc_test_add_file(const char *name, const char *src);

/* Loads src (named "test.guide", or name) into T without checking. */
void urc_test_parse(const char *src);
void urc_test_parse_named(const char *name, const char *src);

/* Loads len bytes of src (which may hold NUL bytes) without checking. */
void urc_test_parse_len(const char *name, const char *src, size_t len);

/* Loads src into T and runs every check. */
void urc_test_check(const char *src);

/* Loads printf-formatted text and checks it. */
void urc_test_checkf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The diagnostics of T printed as text without colour (owned by T). */
const char *urc_test_text(void);

/* The diagnostics of T printed as JSON (owned by T, replaces the text). */
const char *urc_test_json(void);

/* Whether to run the tests of compiler bugs not fixed yet: each suite adds
 * its "known bugs" case only when URC_TEST_KNOWN_BUGS is set, so that the
 * default run stays green while the bugs stay written down as tests. */
bool urc_test_known_bugs(void);

/* How often needle occurs in hay. */
int urc_count(const char *hay, const char *needle);

/* Frees T's compilation and printed text; T may be used again. */
void urc_test_free(urc_test *t);

/* The first guideline / measure of T's program (fails the test if none). */
urc_guideline *urc_test_guideline(void);

/* Asserts T has exactly `errors` errors and `warnings` warnings, printing
 * the diagnostics when it has not. */
#define ASSERT_DIAGS(errors_, warnings_)                                     \
	do {                                                                     \
		int e_ = (errors_), w_ = (warnings_);                                \
		if (T.diag.errors != e_ || T.diag.warnings != w_)                    \
			ck_abort_msg("expected %d errors, %d warnings; got %d, %d:\n%s", \
			             e_, w_, T.diag.errors, T.diag.warnings,             \
			             urc_test_text());                                   \
	} while (0)

/* Asserts the printed diagnostics of T contain text. */
#define ASSERT_SAYS(text_)                                                   \
	do {                                                                     \
		const char *out_ = urc_test_text();                                  \
		ck_assert_msg(strstr(out_, (text_)) != NULL,                         \
		              "diagnostics lack \"%s\":\n%s", (text_), out_);        \
	} while (0)

/* Asserts the printed diagnostics of T do not contain text. */
#define ASSERT_SAYS_NOT(text_)                                               \
	do {                                                                     \
		const char *out_ = urc_test_text();                                  \
		ck_assert_msg(strstr(out_, (text_)) == NULL,                         \
		              "diagnostics should not say \"%s\":\n%s", (text_), out_); \
	} while (0)

/* Asserts that hay holds a and, after it, b. */
#define ASSERT_BEFORE(hay_, a_, b_)                                          \
	do {                                                                     \
		const char *h_ = (hay_);                                             \
		const char *pa_ = strstr(h_, (a_)), *pb_ = strstr(h_, (b_));         \
		ck_assert_msg(pa_ && pb_ && pa_ < pb_,                               \
		              "expected \"%s\" before \"%s\" in:\n%s", (a_), (b_), h_); \
	} while (0)

/* A catalogue every check test can use:
 *   ODI  0-100 points, lower is better, mcid 10, mdc 9
 *   BBS  0-56 points, higher is better, no mcid/mdc
 *   GAIT 0-3 m/s, no direction
 *   settings outpatient (at most 90 days), home_health (at most 60 days),
 *   snf (no limit); specialty ortho (window at most 60 days), neuro;
 *   plans ma, commercial. */
#define CATALOGUE                                                                       \
	"measure ODI \"Oswestry\" { range 0 to 100 points better lower mcid 10 points "     \
	"mdc 9 points source \"Ostelo 2008\" }\n"                                           \
	"measure BBS \"Berg\" { range 0 to 56 points better higher source \"Berg 1992\" }\n" \
	"measure GAIT \"Gait speed\" { range 0 to 3 m/s source \"Fritz 2009\" }\n"           \
	"setting outpatient \"Outpatient\" { authorization at most 90 days review every 30 days " \
	"source \"CMS\" }\n"                                                                \
	"setting home_health \"Home health\" { authorization at most 60 days source \"CMS\" }\n" \
	"setting snf \"Skilled nursing\" { source \"CMS\" }\n"                              \
	"specialty ortho \"Orthopedics\" { window at most 60 days source \"policy\" }\n"    \
	"specialty neuro \"Neurology\" { source \"policy\" }\n"                             \
	"plan ma \"Medicare Advantage\" { auto approve 2 requests states TX FL source \"c\" }\n" \
	"plan commercial \"Commercial\" { source \"c\" }\n"

/* A guideline's fields that pass every check, one macro a line so that a
 * test can leave one out or change it. */
#define F_EFFECTIVE "  effective 2026-01-01\n"
#define F_DISCIPLINE "  discipline PT\n"
#define F_SPECIALTY "  specialty ortho\n"
#define F_DIAGNOSES "  diagnoses M54.16 M54.17\n"
#define F_SETTINGS "  settings outpatient home_health\n"
#define F_EVIDENCE "  evidence \"George 2021\"\n"
#define F_AUTH "  authorization { window 30 days to 60 days frequency at most 3 per week }\n"
#define FIELDS F_EFFECTIVE F_DISCIPLINE F_SPECIALTY F_DIAGNOSES F_SETTINGS F_EVIDENCE F_AUTH

/* A guideline after the catalogue: its first line (keyword to version),
 * its fields and its initial phase. */
#define GUIDE_HEAD(head, fields, initial) \
	CATALOGUE head " {\n" fields "  initial {\n" initial "\n  }\n}\n"

/* The same with the usual first line. */
#define GUIDE(fields, initial) GUIDE_HEAD("guideline g \"G\" version 1", fields, initial)

/* The same with the standard fields. */
#define PHASE(initial) GUIDE(FIELDS, initial)

/* An initial phase that passes. */
#define OTHERWISE_OK "    otherwise approve 8 visits over 30 days"

#endif
