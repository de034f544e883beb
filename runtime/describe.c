/* describe.c — table columns and cells in words (see describe.h). */
#include "describe.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const feature_names[] = {
	"visits used", "visits requested", "request number",
	"days since start of care", "age (months)",
};

static const char *moment_name(uint32_t m)
{
	return m == URT_MOMENT_INTAKE ? "intake" : m == URT_MOMENT_PREVIOUS ? "previous" : "latest";
}

char *urc_num_text(double v, char *buf, size_t n)
{
	snprintf(buf, n, "%.4f", v);
	char *dot = strchr(buf, '.');
	if (dot) {
		char *end = buf + strlen(buf) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	if (strcmp(buf, "-0") == 0)
		strcpy(buf, "0");
	return buf;
}

const char *urc_axis_unit(const urc_table *t, const urt_axis *a)
{
	switch (a->kind) {
	case URT_AXIS_FEATURE:
		switch (a->feature) {
		case URT_FEATURE_DAYS_SINCE_START: return "days";
		case URT_FEATURE_AGE_MONTHS: return "months";
		case URT_FEATURE_REQUEST_NUMBER: return "";
		default: return "visits";
		}
	case URT_AXIS_CHANGE_PCT: return "percent";
	case URT_AXIS_CHANGE:
	case URT_AXIS_SCORE: return urc_str(t, t->measures[a->measure].unit);
	default: return "";
	}
}

char *urc_axis_label(const urc_table *t, const urt_axis *a, char *buf, size_t n)
{
	switch (a->kind) {
	case URT_AXIS_FEATURE:
		snprintf(buf, n, "%s", feature_names[a->feature]);
		break;
	case URT_AXIS_CHANGE:
	case URT_AXIS_CHANGE_PCT:
		snprintf(buf, n, "%s gain since %s (%s)", urc_str(t, t->measures[a->measure].name),
		         a->moment == URT_MOMENT_PREVIOUS ? "previous" : "intake",
		         a->kind == URT_AXIS_CHANGE_PCT ? "percent" : urc_str(t, t->measures[a->measure].unit));
		break;
	case URT_AXIS_SCORE:
		snprintf(buf, n, "%s at %s", urc_str(t, t->measures[a->measure].name), moment_name(a->moment));
		break;
	case URT_AXIS_SETTING:
		snprintf(buf, n, "setting");
		break;
	default:
		snprintf(buf, n, "plan");
		break;
	}
	return buf;
}

/* The lowest value an axis can take, below which a bound means nothing. */
static double domain_lo(const urc_table *t, const urt_axis *a)
{
	if (a->kind == URT_AXIS_FEATURE)
		return a->feature == URT_FEATURE_REQUEST_NUMBER || a->feature == URT_FEATURE_VISITS_REQUESTED ? 1 : 0;
	if (a->kind == URT_AXIS_CHANGE)
		return -(t->measures[a->measure].hi - t->measures[a->measure].lo);
	if (a->kind == URT_AXIS_SCORE)
		return t->measures[a->measure].lo;
	return -INFINITY;
}

static double domain_hi(const urc_table *t, const urt_axis *a)
{
	if (a->kind == URT_AXIS_CHANGE)
		return t->measures[a->measure].hi - t->measures[a->measure].lo;
	if (a->kind == URT_AXIS_SCORE)
		return t->measures[a->measure].hi;
	return INFINITY;
}

char *urc_cell_text(const urc_table *t, const urt_guideline *g,
                    const urt_axis *a, const urt_cell *c, char *buf, size_t n)
{
	if (c->any) {
		snprintf(buf, n, "-");
		return buf;
	}
	if (a->kind == URT_AXIS_SETTING || a->kind == URT_AXIS_PLAN) {
		size_t at = 0;
		buf[0] = '\0';
		uint32_t count = a->kind == URT_AXIS_SETTING ? g->nsettings : t->h->plans.count + 1;
		for (uint32_t i = 0; i < count && i < 64 && at < n; i++) {
			if (!(c->bits >> i & 1))
				continue;
			const char *name;
			if (a->kind == URT_AXIS_SETTING)
				name = urc_str(t, t->settings[t->refs[g->first_setting + i]].name);
			else
				name = i < t->h->plans.count ? urc_str(t, t->plans[i].name) : "other plans";
			int w = snprintf(buf + at, n - at, "%s%s", at ? ", " : "", name);
			if (w < 0)
				break;
			at += (size_t)w;
		}
		return buf;
	}
	/* Integer columns hold [a, b): show them as the whole numbers they are. */
	int integer = a->kind == URT_AXIS_FEATURE && a->feature != URT_FEATURE_AGE_MONTHS;
	double lo = c->lo, hi = c->hi;
	int lo_in = c->lo_in, hi_in = c->hi_in;
	if (integer && isfinite(hi) && !hi_in) {
		hi -= 1;
		hi_in = 1;
	}
	int has_lo = isfinite(lo) && (lo > domain_lo(t, a) || (lo == domain_lo(t, a) && !lo_in));
	int has_hi = isfinite(hi) && (hi < domain_hi(t, a) || (hi == domain_hi(t, a) && !hi_in));
	char x[32], y[32];
	urc_num_text(lo, x, sizeof x);
	urc_num_text(hi, y, sizeof y);
	if (has_lo && has_hi && lo == hi)
		snprintf(buf, n, "= %s", x);
	else if (has_lo && has_hi)
		snprintf(buf, n, "%s%s..%s%s", lo_in ? "" : ">", x, hi_in ? "" : "<", y);
	else if (has_lo)
		snprintf(buf, n, "%s %s", lo_in ? ">=" : ">", x);
	else if (has_hi)
		snprintf(buf, n, "%s %s", hi_in ? "<=" : "<", y);
	else
		snprintf(buf, n, "-");
	return buf;
}
