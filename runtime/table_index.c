/* table_index.c — what liburc works out once when a table is loaded: each
 * rule row as the short list of columns it tests (most cells of a row
 * match anything), and each guideline's printed reference. */
#include "table.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

int urc_table_index(urc_table *t)
{
	uint32_t nitems = t->h->items.count;
	size_t nrows = 0, ntests = 0;
	for (uint32_t p = 0; p < t->h->phases.count; p++) {
		const urt_phase *ph = &t->phases[p];
		for (uint32_t k = 0; k < ph->nitems; k++) {
			const urt_item *it = &t->items[ph->first_item + k];
			if (it->kind != URT_ITEM_RULE)
				continue;
			nrows += it->nrows;
			for (uint32_t c = 0; c < it->nrows * ph->naxes; c++)
				ntests += !t->cells[it->first_cell + c].any;
		}
	}
	t->tests = malloc((ntests + 1) * sizeof *t->tests);
	t->row_tests = malloc((nrows + 1) * sizeof *t->row_tests);
	t->item_row = malloc(((size_t)nitems + 1) * sizeof *t->item_row);
	t->guideline_ref = malloc(((size_t)t->h->guidelines.count + 1) * sizeof *t->guideline_ref);
	if (!t->tests || !t->row_tests || !t->item_row || !t->guideline_ref)
		return -1;
	for (uint32_t i = 0; i <= nitems; i++)
		t->item_row[i] = 0;
	uint32_t row = 0, test = 0;
	for (uint32_t p = 0; p < t->h->phases.count; p++) {
		const urt_phase *ph = &t->phases[p];
		const urt_axis *axes = &t->axes[ph->first_axis];
		for (uint32_t k = 0; k < ph->nitems; k++) {
			uint32_t idx = ph->first_item + k;
			const urt_item *it = &t->items[idx];
			t->item_row[idx] = row;
			if (it->kind != URT_ITEM_RULE)
				continue;
			for (uint32_t r = 0; r < it->nrows; r++) {
				t->row_tests[row++] = test;
				const urt_cell *cells = &t->cells[it->first_cell + r * ph->naxes];
				for (uint32_t a = 0; a < ph->naxes; a++) {
					if (cells[a].any)
						continue;
					struct urc_row_test *x = &t->tests[test++];
					x->axis = (uint16_t)a;
					x->is_set = axes[a].kind == URT_AXIS_SETTING || axes[a].kind == URT_AXIS_PLAN;
					x->lo = cells[a].lo;
					x->hi = cells[a].hi;
					x->lo_in = cells[a].lo_in;
					x->hi_in = cells[a].hi_in;
					x->bits = cells[a].bits;
				}
			}
		}
	}
	t->row_tests[row] = test;
	for (uint32_t g = 0; g < t->h->guidelines.count; g++) {
		const urt_guideline *gl = &t->guidelines[g];
		snprintf(t->guideline_ref[g], sizeof t->guideline_ref[g], "%s@%u#%016" PRIx64,
		         urc_str(t, gl->id), gl->version, gl->hash);
	}
	return 0;
}
