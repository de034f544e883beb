/* check_lower.c — lowering a phase to its decision table (lower.c): each
 * condition becomes rows of cells, one cell per axis. Cells are compared as
 * text ("[0,24)", "{outpatient}", "*" for a cell the rule does not test),
 * and the runtime table (table_write.c) must hold the same cells, with its
 * 'any' flag set on exactly the cells a rule does not test. */
#include "ck.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "lower.h"
#include "suites.h"
#include "table.h"
#include "table_write.h"

/* A scale scored in whole levels: kept in [a, b) form like the counts. */
#define FOIS_DECL "measure FOIS \"Functional oral intake\" { range 1 to 7 levels better higher source \"Crary 2005\" }\n"
#define HEAD CATALOGUE FOIS_DECL "guideline g \"G\" version 1 {\n" FIELDS "  initial {\n" \
	"    require ODI\n    require BBS\n    require FOIS\n"
/* Items before the rule under test: the three 'require' lines. */
enum { RULE_ITEM = 3 };

/* The axis a column tests, in words: "visits used", "ODI change% since
 * intake", "FOIS at latest", "setting". */
static void axis_text(const urc_axis *x, char *buf, size_t n)
{
	switch (x->kind) {
	case URC_AXIS_FEATURE:
		snprintf(buf, n, "%s", urc_feature_name(x->feature));
		break;
	case URC_AXIS_CHANGE:
	case URC_AXIS_CHANGE_PCT:
		snprintf(buf, n, "%s change%s since %s", x->measure->id.s,
		         x->kind == URC_AXIS_CHANGE_PCT ? "%" : "", urc_moment_name(x->moment));
		break;
	case URC_AXIS_SCORE:
		snprintf(buf, n, "%s at %s", x->measure->id.s, urc_moment_name(x->moment));
		break;
	case URC_AXIS_SETTING:
		snprintf(buf, n, "setting");
		break;
	case URC_AXIS_PLAN:
		snprintf(buf, n, "plan");
		break;
	}
}

/* Whether c spans the whole of axis x: the rule does not test x. */
static int cell_is_full(const urc_axis *x, const urc_cell *c)
{
	urc_cell full;
	urc_cell_full(x, &full);
	if (x->is_set)
		return c->bits == full.bits;
	return c->lo == full.lo && c->hi == full.hi && c->lo_in == full.lo_in && c->hi_in == full.hi_in;
}

/* Appends one cell: "*", "[0,24)", "(840,inf)", "{home_health}". */
static void cell_text(const urc_dtable *t, int ax, const urc_cell *c, char *buf, size_t n)
{
	const urc_axis *x = &t->ax[ax];
	size_t at = strlen(buf);
	if (cell_is_full(x, c)) {
		snprintf(buf + at, n - at, "*");
		return;
	}
	if (!x->is_set) {
		snprintf(buf + at, n - at, "%c%g,%g%c", c->lo_in ? '[' : '(', c->lo, c->hi, c->hi_in ? ']' : ')');
		return;
	}
	snprintf(buf + at, n - at, "{");
	int first = 1;
	for (int i = 0; i < 64; i++) {
		if (!(c->bits >> i & 1))
			continue;
		const char *name;
		if (x->kind == URC_AXIS_SETTING)
			name = (uint32_t)i < t->g->settings.n ? t->g->settings.v[i].s : "?";
		else
			name = i < t->nplans ? t->plans[i]->id.s : i == t->nplans ? "other" : "?";
		at = strlen(buf);
		snprintf(buf + at, n - at, "%s%s", first ? "" : ",", name);
		first = 0;
	}
	at = strlen(buf);
	snprintf(buf + at, n - at, "}");
}

/* The axes of t, "; " between, and the rows of region r, " | " between
 * rows and " " between cells. */
static void table_text(const urc_dtable *t, const urc_region *r, char *axes, char *rows, size_t n)
{
	axes[0] = rows[0] = '\0';
	for (int a = 0; a < t->nax; a++) {
		char one[128];
		axis_text(&t->ax[a], one, sizeof one);
		size_t at = strlen(axes);
		snprintf(axes + at, n - at, "%s%s", a ? "; " : "", one);
	}
	for (size_t b = 0; b < r->n; b++) {
		const urc_cell *box = urc_region_box(t, r, b);
		for (int a = 0; a < t->nax; a++) {
			size_t at = strlen(rows);
			snprintf(rows + at, n - at, "%s", a ? " " : b ? " | " : "");
			cell_text(t, a, &box[a], rows, n);
		}
	}
}

/* Builds and loads T's runtime table (T must have checked without errors
 * once the never-true rule, if any, is allowed for). */
static urc_table *load_table(void)
{
	unsigned char *bytes = NULL;
	size_t len = 0;
	char err[256] = "";
	ck_assert_msg(urc_table_build(&T.prog, &bytes, &len, err, sizeof err) == 0, "build: %s", err);
	urc_table *tab = urc_table_from_memory(bytes, len, err, sizeof err);
	free(bytes);
	ck_assert_msg(tab != NULL, "load: %s", err);
	return tab;
}

/* The runtime table holds the lowered cells of phase ph (its index pi in
 * the table) with 'any' set exactly on the untested cells. */
static void assert_table_matches(const urc_table *tab, uint32_t pi, const urc_dtable *t)
{
	const urt_phase *p = &tab->phases[pi];
	ck_assert_uint_eq(p->naxes, (uint32_t)t->nax);
	size_t rule = 0;
	for (uint32_t k = 0; k < p->nitems; k++) {
		const urt_item *it = &tab->items[p->first_item + k];
		if (it->kind != URT_ITEM_RULE)
			continue;
		ck_assert_uint_lt(rule, t->nrules);
		const urc_region *r = &t->regions[rule];
		ck_assert_str_eq(urc_str(tab, it->name), t->rules[rule]->name.s);
		ck_assert_uint_eq(it->nrows, r->n);
		for (uint32_t b = 0; b < it->nrows; b++) {
			const urc_cell *box = urc_region_box(t, r, b);
			for (int a = 0; a < t->nax; a++) {
				const urt_cell *c = &tab->cells[it->first_cell + b * p->naxes + (uint32_t)a];
				const urt_axis *x = &tab->axes[p->first_axis + (uint32_t)a];
				ck_assert_uint_eq(x->kind, (uint32_t)t->ax[a].kind);
				ck_assert_msg(c->any == cell_is_full(&t->ax[a], &box[a]),
				              "rule \"%s\" row %u axis %d: any is %d", t->rules[rule]->name.s, b, a, c->any);
				if (t->ax[a].is_set) {
					ck_assert_uint_eq(c->bits, box[a].bits);
				} else {
					ck_assert(c->lo == box[a].lo && c->hi == box[a].hi);
					ck_assert_uint_eq(c->lo_in, box[a].lo_in);
					ck_assert_uint_eq(c->hi_in, box[a].hi_in);
				}
			}
		}
		rule++;
	}
	ck_assert_uint_eq(rule, t->nrules);
}

typedef struct lower_case {
	const char *when;   /* the condition of the one rule */
	int errors;         /* expected from the checks (a never-true rule: 1) */
	const char *axes;   /* the phase's axes */
	const char *rows;   /* the rule's rows */
} lower_case;

static const lower_case cases[] = {
	/* ---- integer features: [a, b), so that "< 24" and ">= 24" meet ---- */
	{"visits used < 24", 0, "visits used", "[0,24)"},
	{"visits used >= 24", 0, "visits used", "[24,inf)"},
	{"visits used <= 23", 0, "visits used", "[0,24)"},
	{"visits used > 23", 0, "visits used", "[24,inf)"},
	{"visits used = 5", 0, "visits used", "[5,6)"},
	{"visits used != 5", 0, "visits used", "[0,5) | [6,inf)"},
	{"request number < 3", 0, "request number", "[1,3)"},
	{"visits requested > 12", 0, "visits requested", "[13,inf)"},
	{"days since start of care > 2 weeks", 0, "days since start of care", "[15,inf)"},
	/* ---- a real-valued feature (months) keeps its ends ---- */
	{"age < 3 years", 0, "age", "[0,36)"},
	{"age <= 3 years", 0, "age", "[0,36]"},
	{"age > 70 years", 0, "age", "(840,inf)"},
	{"age >= 18 months", 0, "age", "[18,inf)"},
	/* ---- not, and, or ---- */
	{"not visits used < 10", 0, "visits used", "[10,inf)"},
	{"not not visits used < 10", 0, "visits used", "[0,10)"},
	{"not visits used = 5", 0, "visits used", "[0,5) | [6,inf)"},
	{"visits used < 24 and age >= 18 years", 0, "visits used; age", "[0,24) [216,inf)"},
	{"visits used < 5 or age > 70 years", 0, "visits used; age", "[0,5) * | * (840,inf)"},
	{"not (visits used < 10 or age < 5 years)", 0, "visits used; age", "[10,inf) [60,inf)"},
	{"not (visits used >= 10 and age >= 5 years)", 0, "visits used; age", "[0,10) * | * [0,60)"},
	{"(visits used < 5 or visits used > 20) and (age < 2 years or age > 60 years)", 0, "visits used; age",
	 "[0,5) [0,24) | [0,5) (720,inf) | [21,inf) [0,24) | [21,inf) (720,inf)"},
	{"visits used < 10 and not visits used < 10", 1, "visits used", ""},
	/* ---- set axes: settings of the guideline, plans and "other" ---- */
	{"setting is outpatient", 0, "setting", "{outpatient}"},
	{"setting is not outpatient", 0, "setting", "{home_health}"},
	{"not setting is home_health", 0, "setting", "{outpatient}"},
	{"plan is ma", 0, "plan", "{ma}"},
	{"plan is not ma", 0, "plan", "{commercial,other}"},
	{"not (plan is commercial)", 0, "plan", "{ma,other}"},
	{"plan is ma or plan is commercial", 0, "plan", "{ma} | {commercial}"},
	{"setting is outpatient and visits used < 24", 0, "setting; visits used", "{outpatient} [0,24)"},
	/* ---- changes: points over the whole range, percent unbounded ---- */
	{"ODI improved", 0, "ODI change since intake", "(0,100]"},
	{"ODI improved by at least 5 points", 0, "ODI change since intake", "[5,100]"},
	{"ODI improved by at least mcid", 0, "ODI change since intake", "[10,100]"},
	{"ODI improved by at least mdc", 0, "ODI change since intake", "[9,100]"},
	{"ODI improved by less than 5 points", 0, "ODI change since intake", "[-100,5)"},
	{"not ODI improved", 0, "ODI change since intake", "[-100,0]"},
	{"ODI improved since previous", 0, "ODI change since previous", "(0,100]"},
	{"BBS improved by at least 5 points", 0, "BBS change since intake", "[5,56]"},
	{"ODI improved by at least 30 percent", 0, "ODI change% since intake", "[30,inf)"},
	{"ODI improved by less than 30 percent", 0, "ODI change% since intake", "(-inf,30)"},
	{"ODI improved by at least 5 points and ODI improved by at least 30 percent", 0,
	 "ODI change since intake; ODI change% since intake", "[5,100] [30,inf)"},
	/* ---- scores at a moment; a levels scale is an integer axis ---- */
	{"ODI at intake >= 40", 0, "ODI at intake", "[40,100]"},
	{"ODI at latest < 40", 0, "ODI at latest", "[0,40)"},
	{"FOIS at latest >= 5", 0, "FOIS at latest", "[5,8)"},
	{"FOIS at latest <= 5", 0, "FOIS at latest", "[1,6)"},
	{"FOIS at latest > 5", 0, "FOIS at latest", "[6,8)"},
	{"FOIS improved", 0, "FOIS change since intake", "[1,7)"},
};

START_TEST(lower_one_rule)
{
	const lower_case *c = &cases[_i];
	urc_test_checkf("%s    rule \"r\" when %s refer \"x\"\n    otherwise refer \"y\"\n  }\n}\n", HEAD, c->when);
	if (T.diag.errors != c->errors || T.diag.warnings != 0)
		ck_abort_msg("%s: expected %d errors; got %d, %d warnings:\n%s", c->when, c->errors, T.diag.errors,
		             T.diag.warnings, urc_test_text());
	urc_guideline *g = urc_test_guideline();
	urc_dtable t;
	ck_assert_int_eq(urc_lower_phase(&t, &T.prog, g, &g->initial), 0);
	ck_assert_uint_eq(t.nrules, 1);
	ck_assert_ptr_nonnull(t.otherwise);
	char axes[512], rows[1024];
	table_text(&t, &t.regions[0], axes, rows, sizeof rows);
	int same = strcmp(axes, c->axes) == 0 && strcmp(rows, c->rows) == 0;
	if (!same) {
		urc_dtable_free(&t);
		ck_abort_msg("%s:\n  axes %s (want %s)\n  rows %s (want %s)", c->when, axes, c->axes, rows, c->rows);
	}
	if (c->errors == 0) {
		urc_table *tab = load_table();
		assert_table_matches(tab, tab->guidelines[0].phase[0], &t);
		const urt_item *it = &tab->items[tab->phases[tab->guidelines[0].phase[0]].first_item + RULE_ITEM];
		ck_assert_uint_eq(it->kind, URT_ITEM_RULE);
		ck_assert_str_eq(urc_str(tab, it->name), "r");
		urc_table_free(tab);
	}
	urc_dtable_free(&t);
}
END_TEST

/* Axes whose values are whole numbers, and each axis's domain. */
START_TEST(axis_kinds_and_domains)
{
	urc_test_checkf("%s    rule \"a\" when visits used < 24 and age < 3 years refer \"x\"\n"
	                "    rule \"b\" when ODI improved by at least 30 percent and ODI improved refer \"x\"\n"
	                "    rule \"c\" when FOIS at intake > 3 and setting is outpatient and plan is ma refer \"x\"\n"
	                "    otherwise refer \"y\"\n  }\n}\n", HEAD);
	ASSERT_DIAGS(0, 0);
	urc_guideline *g = urc_test_guideline();
	urc_dtable t;
	ck_assert_int_eq(urc_lower_phase(&t, &T.prog, g, &g->initial), 0);
	ck_assert_int_eq(t.nax, 7);
	/* visits used: whole, [0, inf) */
	ck_assert_int_eq(t.ax[0].kind, URC_AXIS_FEATURE);
	ck_assert_int_eq(t.ax[0].integer, 1);
	ck_assert(t.ax[0].lo == 0 && t.ax[0].lo_in && isinf(t.ax[0].hi));
	/* age: months, real */
	ck_assert_int_eq(t.ax[1].feature, URC_FEATURE_AGE);
	ck_assert_int_eq(t.ax[1].integer, 0);
	/* percent: real and unbounded; points: the measure's span both ways */
	ck_assert_int_eq(t.ax[2].kind, URC_AXIS_CHANGE_PCT);
	ck_assert_int_eq(t.ax[2].integer, 0);
	ck_assert(isinf(t.ax[2].lo) && t.ax[2].lo < 0 && isinf(t.ax[2].hi));
	ck_assert_int_eq(t.ax[3].kind, URC_AXIS_CHANGE);
	ck_assert(t.ax[3].lo == -100 && t.ax[3].hi == 100 && t.ax[3].lo_in && t.ax[3].hi_in);
	ck_assert_ptr_eq(t.ax[2].measure, t.ax[3].measure);
	/* FOIS 1-7 levels: whole numbers in [1, 8) */
	ck_assert_int_eq(t.ax[4].kind, URC_AXIS_SCORE);
	ck_assert_int_eq(t.ax[4].integer, 1);
	ck_assert(t.ax[4].lo == 1 && t.ax[4].lo_in && t.ax[4].hi == 8 && !t.ax[4].hi_in);
	/* sets: two settings of the guideline; two plans and "other" */
	ck_assert_int_eq(t.ax[5].kind, URC_AXIS_SETTING);
	ck_assert_uint_eq(t.ax[5].universe, 0x3);
	ck_assert_int_eq(t.ax[6].kind, URC_AXIS_PLAN);
	ck_assert_uint_eq(t.ax[6].universe, 0x7);
	ck_assert_int_eq(t.nplans, 2);
	urc_dtable_free(&t);
}
END_TEST

/* Rules share an axis they both test; a rule's row is '*' on the axes
 * only other rules test, and the table marks those cells 'any'. */
START_TEST(rules_share_axes_and_leave_others_any)
{
	urc_test_checkf("%s    rule \"few\" when visits used < 24 refer \"x\"\n"
	                "    rule \"many\" when visits used >= 24 and setting is home_health refer \"x\"\n"
	                "    rule \"gain\" when ODI improved by at least mcid or plan is ma refer \"x\"\n"
	                "    otherwise refer \"y\"\n  }\n}\n", HEAD);
	ASSERT_DIAGS(0, 0);
	urc_guideline *g = urc_test_guideline();
	urc_dtable t;
	ck_assert_int_eq(urc_lower_phase(&t, &T.prog, g, &g->initial), 0);
	ck_assert_int_eq(t.nax, 4);
	ck_assert_uint_eq(t.nrules, 3);
	static const char *const want[] = {
		"[0,24) * * *",
		"[24,inf) {home_health} * *",
		"* * [10,100] * | * * * {ma}",
	};
	for (size_t i = 0; i < 3; i++) {
		char axes[512], rows[1024];
		table_text(&t, &t.regions[i], axes, rows, sizeof rows);
		ck_assert_str_eq(axes, "visits used; setting; ODI change since intake; plan");
		ck_assert_str_eq(rows, want[i]);
	}
	urc_table *tab = load_table();
	assert_table_matches(tab, tab->guidelines[0].phase[0], &t);
	urc_table_free(tab);
	urc_dtable_free(&t);
}
END_TEST

/* 'require' and 'otherwise' are items without rows; the lowering keeps
 * the first 'otherwise'. */
START_TEST(requires_and_otherwise_are_not_rows)
{
	urc_test_checkf("%s    otherwise approve 8 visits over 30 days\n  }\n}\n", HEAD);
	ASSERT_DIAGS(0, 0);
	urc_guideline *g = urc_test_guideline();
	urc_dtable t;
	ck_assert_int_eq(urc_lower_phase(&t, &T.prog, g, &g->initial), 0);
	ck_assert_int_eq(t.nax, 0);
	ck_assert_uint_eq(t.nrules, 0);
	ck_assert_ptr_nonnull(t.otherwise);
	ck_assert_int_eq(t.otherwise->outcome.kind, URC_OUTCOME_APPROVE);
	urc_dtable_free(&t);
	/* Freeing twice (or a table never filled) is harmless. */
	urc_dtable_free(&t);
}
END_TEST

/* Checks a phase of 28 axes: 5 features, 2 sets, and per measure 3
 * scores and 4 changes. */
static void check_too_many_axes(void)
{
	size_t n = 16 * 1024, at = 0;
	char *src = malloc(n);
	ck_assert_ptr_nonnull(src);
	at += (size_t)snprintf(src + at, n - at, "%s", HEAD);
	at += (size_t)snprintf(src + at, n - at,
	                       "    rule \"f\" when visits used < 1 or visits requested > 1 or request number > 1 or "
	                       "days since start of care > 1 days or age > 1 years or setting is outpatient or plan is ma refer \"x\"\n");
	static const char *const m[] = {"ODI", "BBS", "FOIS"};
	for (int i = 0; i < 3; i++)
		at += (size_t)snprintf(src + at, n - at,
		                       "    rule \"%s\" when %s at intake > 1 or %s at latest > 1 or %s at previous > 1 or "
		                       "%s improved or %s improved since previous or %s improved by at least 10 percent or "
		                       "%s improved by at least 10 percent since previous refer \"x\"\n",
		                       m[i], m[i], m[i], m[i], m[i], m[i], m[i], m[i]);
	at += (size_t)snprintf(src + at, n - at, "    otherwise refer \"y\"\n  }\n}\n");
	ck_assert_uint_lt(at, n);
	urc_test_check(src);
	free(src);
}

/* Too many axes: the phase is refused, not truncated, and the table
 * writer says which phase. */
START_TEST(too_many_axes_is_refused)
{
	check_too_many_axes();
	/* The check says it, as the build will. */
	ck_assert_int_eq(T.diag.errors, 1);
	ck_assert_msg(strstr(urc_test_text(), "initial phase is too complex to compile"), "%s", urc_test_text());
	urc_guideline *g = urc_test_guideline();
	urc_dtable t;
	ck_assert_int_eq(urc_lower_phase(&t, &T.prog, g, &g->initial), -1);
	ck_assert_int_eq(t.nax, 0);
	ck_assert_uint_eq(t.nrules, 0);
	urc_dtable_free(&t);
	unsigned char *bytes = NULL;
	size_t len = 0;
	char err[256] = "";
	ck_assert_int_eq(urc_table_build(&T.prog, &bytes, &len, err, sizeof err), -1);
	ck_assert_ptr_null(bytes);
	ck_assert_msg(strstr(err, "initial phase of guideline 'g' is too complex"), "%s", err);
}
END_TEST

/* ---- known bugs (run with URC_TEST_KNOWN_BUGS=1) ---- */

/* A phase with more than URC_MAX_AXES columns passes 'urc check' with no
 * error and no warning (urc_analyze_phase returns quietly when lowering
 * fails), and then 'urc build' refuses it as too complex: check should
 * say so, as build will. */
START_TEST(bug_check_passes_a_phase_build_refuses)
{
	check_too_many_axes();
	ck_assert_msg(T.diag.errors + T.diag.warnings > 0,
	              "urc check says nothing of a phase that urc build refuses");
}
END_TEST

Suite *lower_suite(void)
{
	Suite *s = suite_create("lower");
	TCase *tc = tcase_create("cells");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_loop_test(tc, lower_one_rule, 0, (int)(sizeof cases / sizeof cases[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("phases");
	tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
	tcase_add_test(tc, axis_kinds_and_domains);
	tcase_add_test(tc, rules_share_axes_and_leave_others_any);
	tcase_add_test(tc, requires_and_otherwise_are_not_rows);
	tcase_add_test(tc, too_many_axes_is_refused);
	suite_add_tcase(s, tc);

	if (urc_test_known_bugs()) {
		tc = tcase_create("known bugs");
		tcase_add_checked_fixture(tc, urc_test_setup, urc_test_teardown);
		tcase_add_test(tc, bug_check_passes_a_phase_build_refuses);
		suite_add_tcase(s, tc);
	}
	return s;
}
