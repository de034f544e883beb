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
};

/* The relative change counted for any gain from a score of 0. */
#define URC_PCT_FROM_ZERO 1e9

/* The text at a verified string offset. */
static inline const char *urc_str(const urc_table *t, uint32_t off)
{
	return t->strings + off;
}

#endif
