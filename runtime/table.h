/* table.h — the loaded runtime table as liburc's modules see it: typed
 * pointers into the verified bytes. Internal to runtime/. */
#ifndef URC_TABLE_H
#define URC_TABLE_H

#include "urc.h"
#include "urt_format.h"

struct urc_table {
	const unsigned char *bytes; /* the whole file */
	size_t len;
	int mapped;                 /* bytes come from mmap (else malloc) */
	const urt_header *h;
	const char *strings;        /* string section */
	const urt_measure *measures;
	const urt_setting *settings;
	const urt_plan *plans;
	const urt_guideline *guidelines;
	const urt_code *codes;
	const uint32_t *refs;
	const urt_phase *phases;
	const urt_axis *axes;
	const urt_item *items;
	const urt_cell *cells;
	/* Built at load, from the cells: each rule row as the short list of
	 * the columns it tests, so deciding skips the cells that match all. */
	struct urc_row_test *tests;     /* every row's tests, row after row */
	uint32_t *row_tests;        /* per cell row: first test; one more at the end */
	uint32_t *item_row;         /* per item: its first row in row_tests */
	char (*guideline_ref)[96];  /* per guideline: "id@version#hash" */
};

/* One test of a row: the column and the interval or set it must be in. */
struct urc_row_test {
	double lo, hi;     /* interval */
	uint64_t bits;     /* set */
	uint16_t axis;     /* column within the phase */
	uint8_t lo_in, hi_in;
	uint8_t is_set;
};

/* The value of column a for bound case b: a request feature, a score, or
 * a change (positive when better; percent relative to the earlier score).
 * NaN when the case lacks it, and for set columns (tested by bits). */
double urc_column(const urc_table *t, const urc_bound *b, const urt_axis *a);

/* Builds the row tests and names of a verified table. Returns 0, or -1
 * when out of memory. */
int urc_table_index(urc_table *t);

/* The relative change counted for any gain from a score of 0. */
#define URC_PCT_FROM_ZERO 1e9

/* The text at a verified string offset. */
static inline const char *urc_str(const urc_table *t, uint32_t off)
{
	return t->strings + off;
}

#endif
