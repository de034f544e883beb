/* cond_text.c — conditions and outcomes as words (see cond_text.h).
 * Parentheses appear only where precedence needs them. */
#include "cond_text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct out {
	char *buf;
	size_t n, at;
} out;

static void put(out *o, const char *fmt, ...)
{
	if (o->at >= o->n)
		return;
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(o->buf + o->at, o->n - o->at, fmt, ap);
	va_end(ap);
	if (w < 0)
		return;
	o->at += (size_t)w;
	if (o->at >= o->n && o->n >= 4) {
		strcpy(o->buf + o->n - 4, "...");
		o->at = o->n;
	}
}

static const char *unit_words(const urc_quantity *q)
{
	return urc_unit_name(q->unit, q->value != 1);
}

static void quantity(out *o, const urc_quantity *q)
{
	char num[32];
	urc_number_format(q->value, num, sizeof num);
	if (q->unit == URC_UNIT_NONE)
		put(o, "%s", num);
	else
		put(o, "%s %s", num, unit_words(q));
}

static void threshold_note(out *o, const urc_cond *k)
{
	if (k->threshold == URC_THRESHOLD_MCID)
		put(o, " (MCID)");
	else if (k->threshold == URC_THRESHOLD_MDC)
		put(o, " (MDC)");
}

/* Comparisons as a reader writes them on paper. */
static const char *cmp_text(urc_cmp c)
{
	static const char *const names[] = {"<", "\u2264", ">", "\u2265", "=", "\u2260"};
	return (unsigned)c < 6 ? names[c] : "?";
}

static int prec(const urc_cond *k)
{
	switch (k->kind) {
	case URC_COND_OR: return 1;
	case URC_COND_AND: return 2;
	case URC_COND_NOT: return 3;
	default: return 4;
	}
}

static void cond(out *o, const urc_cond *k, int outer)
{
	int p = prec(k);
	int paren = p < outer;
	if (paren)
		put(o, "(");
	switch (k->kind) {
	case URC_COND_OR:
	case URC_COND_AND:
		cond(o, k->lhs, p);
		put(o, k->kind == URC_COND_OR ? " or " : " and ");
		cond(o, k->rhs, p + 1);
		break;
	case URC_COND_NOT:
		/* Say a negated change the way a clinician would. */
		if (k->lhs->kind == URC_COND_IMPROVED) {
			const urc_cond *m = k->lhs;
			const char *since = m->moment == URC_MOMENT_PREVIOUS ? " since the previous score" : " since intake";
			if (m->improve == URC_IMPROVE_ANY) {
				put(o, "no %s improvement%s", m->name.s, since);
			} else {
				put(o, "%s improved by %s", m->name.s,
				    m->improve == URC_IMPROVE_AT_LEAST ? "less than " : "at least ");
				quantity(o, &m->qty);
				threshold_note(o, m);
				put(o, "%s", since);
			}
			break;
		}
		put(o, "not ");
		cond(o, k->lhs, 4);
		break;
	case URC_COND_COMPARE:
		put(o, "%s %s ", urc_feature_name(k->feature), cmp_text(k->cmp));
		quantity(o, &k->qty);
		break;
	case URC_COND_IMPROVED:
		put(o, "%s improved", k->name.s);
		if (k->improve != URC_IMPROVE_ANY) {
			put(o, k->improve == URC_IMPROVE_AT_LEAST ? " by at least " : " by less than ");
			quantity(o, &k->qty);
			threshold_note(o, k);
		}
		put(o, k->moment == URC_MOMENT_PREVIOUS ? " since the previous score" : " since intake");
		break;
	case URC_COND_SCORE:
		put(o, "%s at %s %s ", k->name.s, urc_moment_name(k->moment), cmp_text(k->cmp));
		quantity(o, &k->qty);
		break;
	case URC_COND_SETTING:
		put(o, "setting is %s%s", k->negated ? "not " : "", k->name.s);
		break;
	case URC_COND_PLAN:
		put(o, "plan is %s%s", k->negated ? "not " : "", k->name.s);
		break;
	}
	if (paren)
		put(o, ")");
}

char *urc_cond_text(const urc_cond *k, char *buf, size_t n)
{
	out o = {buf, n, 0};
	if (n)
		buf[0] = '\0';
	if (k)
		cond(&o, k, 0);
	return buf;
}

char *urc_outcome_text(const urc_rule_outcome *oc, char *buf, size_t n)
{
	out o = {buf, n, 0};
	if (n)
		buf[0] = '\0';
	switch (oc->kind) {
	case URC_OUTCOME_APPROVE:
		put(&o, "approve up to ");
		quantity(&o, &oc->visits);
		put(&o, " over ");
		quantity(&o, &oc->days);
		break;
	case URC_OUTCOME_REFER:
		put(&o, "refer to physician review: %s", oc->text ? oc->text : "");
		break;
	case URC_OUTCOME_PEND:
		put(&o, "pend for missing information: %s", oc->text ? oc->text : "");
		break;
	}
	return buf;
}
