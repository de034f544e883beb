/* describe.h — columns, cells and values of a runtime table in words,
 * shared by the table printer and the explanations. Internal to runtime/. */
#ifndef URC_DESCRIBE_H
#define URC_DESCRIBE_H

#include <stddef.h>

#include "table.h"

/* "visits used", "ODI change since intake (points)", "setting". */
char *urc_axis_label(const urc_table *t, const urt_axis *a, char *buf, size_t n);

/* A cell as a condition: "-", ">= 10", "< 24", "10..20", "outpatient, SNF".
 * g is the guideline (for setting names). */
char *urc_cell_text(const urc_table *t, const urt_guideline *g,
                    const urt_axis *a, const urt_cell *c, char *buf, size_t n);

/* A number without trailing zeros. */
char *urc_num_text(double v, char *buf, size_t n);

/* The unit of an axis's values ("points", "visits", "days", "months"). */
const char *urc_axis_unit(const urc_table *t, const urt_axis *a);

#endif
