/* claims.c — two guidelines must not claim one diagnosis for the same
 * discipline and setting, or a request could not be routed. Codes are
 * sorted so that equal codes, and the codes a prefix (M17.1-) covers, sit
 * next to each other; each pair of guidelines is reported once. */
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct claim {
	const urc_code *code;
	urc_guideline *g;
	uint32_t order; /* guideline's place in load order */
} claim;

static int cmp_claim(const void *a, const void *b)
{
	const claim *x = a, *y = b;
	int d = strcmp(x->code->s, y->code->s);
	if (d)
		return d;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int shared_setting(const urc_guideline *a, const urc_guideline *b,
                          const char **which)
{
	for (uint32_t i = 0; i < a->settings.n; i++)
		for (uint32_t j = 0; j < b->settings.n; j++)
			if (strcmp(a->settings.v[i].s, b->settings.v[j].s) == 0) {
				*which = a->settings.v[i].s;
				return 1;
			}
	return 0;
}

static void report(urc_checker *c, urc_symtab *seen, const claim *p, const claim *q)
{
	const claim *first = p->order <= q->order ? p : q;
	const claim *second = first == p ? q : p;
	if (first->g == second->g)
		return;
	if (!first->g->discipline.s || !second->g->discipline.s ||
	    strcmp(first->g->discipline.s, second->g->discipline.s) != 0)
		return;
	const char *setting;
	if (!shared_setting(first->g, second->g, &setting))
		return;
	char key[32];
	snprintf(key, sizeof key, "%u:%u", first->order, second->order);
	char *k = urc_arena_strndup(&c->prog->arena, key, strlen(key));
	if (urc_symtab_put(seen, k, (void *)1))
		return;
	int e = urc_diag_error(c->diag, second->code->span,
	                       "diagnosis %s%s is already claimed for %s in the %s setting by guideline '%s'",
	                       second->code->s, second->code->prefix ? "-" : "",
	                       second->g->discipline.s, setting, first->g->id.s);
	urc_diag_note(c->diag, e, first->code->span, "'%s' claims %s%s here", first->g->id.s,
	              first->code->s, first->code->prefix ? "-" : "");
	urc_diag_help(c->diag, e,
	              "a request must route to exactly one guideline: remove the code from one of them, or give them different settings");
}

void urc_check_claims(urc_checker *c)
{
	size_t n = 0;
	for (urc_guideline *g = c->prog->guidelines.first; g; g = g->next)
		n += g->codes.n;
	if (n < 2)
		return;
	claim *v = urc_xmalloc(n * sizeof *v);
	size_t k = 0;
	uint32_t order = 0;
	for (urc_guideline *g = c->prog->guidelines.first; g; g = g->next, order++)
		for (uint32_t i = 0; i < g->codes.n; i++)
			v[k++] = (claim){&g->codes.v[i], g, order};
	qsort(v, n, sizeof *v, cmp_claim);
	urc_symtab seen;
	urc_symtab_init(&seen);
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(v[i].code->s);
		for (size_t j = i + 1; j < n; j++) {
			const char *s = v[j].code->s;
			int equal = strcmp(s, v[i].code->s) == 0;
			int covered = strncmp(s, v[i].code->s, len) == 0;
			if (!covered)
				break;
			/* Equal codes always clash; a longer one only under a prefix. */
			if (equal || v[i].code->prefix)
				report(c, &seen, &v[i], &v[j]);
		}
	}
	urc_symtab_free(&seen);
	free(v);
}
