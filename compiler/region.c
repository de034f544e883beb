/* region.c — unions of boxes over a decision table's axes (see lower.h):
 * intersection, subtraction and emptiness, the arithmetic that lowering
 * and the analysis share. */
#include "lower.h"

#include <stdlib.h>
#include <string.h>

urc_cell *urc_region_box(const urc_dtable *t, const urc_region *r, size_t i)
{
	return r->cells + i * (size_t)t->nax;
}

urc_cell *urc_region_push(const urc_dtable *t, urc_region *r)
{
	if (r->n == URC_MAX_BOXES) {
		r->overflow = 1;
		return NULL;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->cells = urc_xrealloc(r->cells, r->cap * (size_t)(t->nax ? t->nax : 1) *
		                                      sizeof *r->cells);
	}
	return urc_region_box(t, r, r->n++);
}

void urc_region_free(urc_region *r)
{
	free(r->cells);
	memset(r, 0, sizeof *r);
}

void urc_cell_full(const urc_axis *x, urc_cell *c)
{
	c->lo = x->lo;
	c->hi = x->hi;
	c->lo_in = (unsigned char)x->lo_in;
	c->hi_in = (unsigned char)x->hi_in;
	c->bits = x->universe;
}

void urc_region_universe(const urc_dtable *t, urc_region *r)
{
	urc_cell *b = urc_region_push(t, r);
	if (b)
		for (int i = 0; i < t->nax; i++)
			urc_cell_full(&t->ax[i], &b[i]);
}

void urc_region_copy(const urc_dtable *t, urc_region *dst, const urc_region *src)
{
	for (size_t i = 0; i < src->n; i++) {
		urc_cell *b = urc_region_push(t, dst);
		if (!b)
			return;
		memcpy(b, urc_region_box(t, src, i), (size_t)t->nax * sizeof *b);
	}
	dst->overflow |= src->overflow;
}

int urc_cell_empty(const urc_axis *x, const urc_cell *c)
{
	if (x->is_set)
		return c->bits == 0;
	return c->lo > c->hi || (c->lo == c->hi && !(c->lo_in && c->hi_in));
}

void urc_cell_intersect(const urc_axis *x, urc_cell *out, const urc_cell *p,
                        const urc_cell *q)
{
	if (x->is_set) {
		*out = *p;
		out->bits = p->bits & q->bits;
		return;
	}
	out->bits = 0;
	if (p->lo > q->lo || (p->lo == q->lo && !p->lo_in)) {
		out->lo = p->lo;
		out->lo_in = p->lo_in;
	} else {
		out->lo = q->lo;
		out->lo_in = q->lo_in;
	}
	if (p->hi < q->hi || (p->hi == q->hi && !p->hi_in)) {
		out->hi = p->hi;
		out->hi_in = p->hi_in;
	} else {
		out->hi = q->hi;
		out->hi_in = q->hi_in;
	}
}

static int boxes_meet(const urc_dtable *t, const urc_cell *p, const urc_cell *q)
{
	for (int x = 0; x < t->nax; x++) {
		urc_cell c;
		urc_cell_intersect(&t->ax[x], &c, &p[x], &q[x]);
		if (urc_cell_empty(&t->ax[x], &c))
			return 0;
	}
	return 1;
}

void urc_region_subtract(const urc_dtable *t, urc_region *r, const urc_cell *s)
{
	urc_region out = {0};
	urc_cell *cur = urc_xmalloc((size_t)(t->nax ? t->nax : 1) * sizeof *cur);
	size_t bytes = (size_t)t->nax * sizeof *cur;
	for (size_t i = 0; i < r->n && !out.overflow; i++) {
		memcpy(cur, urc_region_box(t, r, i), bytes);
		if (!boxes_meet(t, cur, s)) {
			urc_cell *b = urc_region_push(t, &out);
			if (b)
				memcpy(b, cur, bytes);
			continue;
		}
		/* Peel off, axis by axis, the parts of cur outside s. */
		for (int x = 0; x < t->nax && !out.overflow; x++) {
			const urc_axis *ax = &t->ax[x];
			if (ax->is_set) {
				uint64_t rest = cur[x].bits & ~s[x].bits;
				if (rest) {
					urc_cell *b = urc_region_push(t, &out);
					if (!b)
						break;
					memcpy(b, cur, bytes);
					b[x].bits = rest;
				}
			} else {
				urc_cell left = cur[x], right = cur[x];
				left.hi = s[x].lo;
				left.hi_in = !s[x].lo_in;
				right.lo = s[x].hi;
				right.lo_in = !s[x].hi_in;
				urc_cell *parts[2] = {&left, &right};
				for (int p = 0; p < 2; p++) {
					urc_cell c;
					urc_cell_intersect(ax, &c, &cur[x], parts[p]);
					if (urc_cell_empty(ax, &c))
						continue;
					urc_cell *b = urc_region_push(t, &out);
					if (!b)
						break;
					memcpy(b, cur, bytes);
					b[x] = c;
				}
			}
			urc_cell c;
			urc_cell_intersect(ax, &c, &cur[x], &s[x]);
			cur[x] = c;
		}
	}
	free(cur);
	int overflow = out.overflow || r->overflow;
	urc_region_free(r);
	*r = out;
	r->overflow = overflow;
}


void urc_region_intersect(const urc_dtable *t, urc_region *dst, const urc_region *a,
                          const urc_region *b)
{
	for (size_t i = 0; i < a->n && !dst->overflow; i++)
		for (size_t j = 0; j < b->n; j++) {
			const urc_cell *p = urc_region_box(t, a, i), *q = urc_region_box(t, b, j);
			if (!boxes_meet(t, p, q))
				continue;
			urc_cell *out = urc_region_push(t, dst);
			if (!out)
				break;
			for (int x = 0; x < t->nax; x++)
				urc_cell_intersect(&t->ax[x], &out[x], &p[x], &q[x]);
		}
}
