/* ast.c — small helpers over the syntax tree: names of features and
 * operators, list growth, quantity formatting. */
#include "ast.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	urc_dim dim;
} features[] = {
#define X(n, text, dim) {text, URC_DIM_##dim},
	URC_FEATURES(X)
#undef X
};

const char *urc_feature_name(urc_feature f)
{
	return (unsigned)f < URC_FEATURE_COUNT ? features[f].name : "?";
}

urc_dim urc_feature_dim(urc_feature f)
{
	return (unsigned)f < URC_FEATURE_COUNT ? features[f].dim : URC_DIM_NONE;
}

const char *urc_cmp_name(urc_cmp c)
{
	static const char *const names[] = {"<", "<=", ">", ">=", "=", "!="};
	return (unsigned)c < 6 ? names[c] : "?";
}

const char *urc_moment_name(urc_moment m)
{
	switch (m) {
	case URC_MOMENT_INTAKE: return "intake";
	case URC_MOMENT_PREVIOUS: return "previous";
	case URC_MOMENT_LATEST: return "latest";
	}
	return "?";
}

void urc_names_push(urc_arena *a, urc_names *v, urc_name n)
{
	if (v->n == v->cap) {
		uint32_t cap = v->cap ? v->cap * 2 : 4;
		v->v = urc_arena_grow(a, v->v, v->n, cap, sizeof *v->v);
		v->cap = cap;
	}
	v->v[v->n++] = n;
}

void urc_codes_push(urc_arena *a, urc_codes *v, urc_code c)
{
	if (v->n == v->cap) {
		uint32_t cap = v->cap ? v->cap * 2 : 8;
		v->v = urc_arena_grow(a, v->v, v->n, cap, sizeof *v->v);
		v->cap = cap;
	}
	v->v[v->n++] = c;
}

urc_quantity urc_quantity_make(urc_num n, urc_unit u, urc_span span)
{
	urc_quantity q;
	q.value = n.value;
	q.unit = u;
	q.is_int = n.is_int;
	q.present = true;
	q.span = span;
	return q;
}

char *urc_number_format(double v, char *buf, unsigned n)
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

char *urc_quantity_format(const urc_quantity *q, char *buf, unsigned n)
{
	char num[64];
	urc_number_format(q->value, num, sizeof num);
	if (q->unit == URC_UNIT_NONE)
		snprintf(buf, n, "%s", num);
	else
		snprintf(buf, n, "%s %s", num,
		         urc_unit_name(q->unit, !(q->value == 1)));
	return buf;
}
