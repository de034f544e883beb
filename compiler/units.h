/* units.h — the units a guideline's quantities carry.
 * One X-macro gives each unit its singular and plural spelling, its
 * dimension and its factor to the dimension's base unit (weeks are 7 days,
 * years are 12 months). Quantities of different dimensions never compare. */
#ifndef URC_UNITS_H
#define URC_UNITS_H

#include <stdbool.h>

/* X(name, singular, plural, dimension, factor) */
#define URC_UNITS(X)                                        \
	X(NONE, "", "", NONE, 1)                                \
	X(VISITS, "visit", "visits", VISITS, 1)                 \
	X(DAYS, "day", "days", TIME, 1)                         \
	X(WEEKS, "week", "weeks", TIME, 7)                      \
	X(MONTHS, "month", "months", AGE, 1)                    \
	X(YEARS, "year", "years", AGE, 12)                      \
	X(POINTS, "point", "points", POINTS, 1)                 \
	X(PERCENT, "percent", "percent", PERCENT, 1)            \
	X(SECONDS, "second", "seconds", SECONDS, 1)             \
	X(METERS, "meter", "meters", METERS, 1)                 \
	X(MPS, "m/s", "m/s", SPEED, 1)                          \
	X(LEVELS, "level", "levels", LEVELS, 1)                 \
	X(REQUESTS, "request", "requests", REQUESTS, 1)

typedef enum urc_unit {
#define X(n, s, p, d, f) URC_UNIT_##n,
	URC_UNITS(X)
#undef X
	URC_UNIT_COUNT
} urc_unit;

#define URC_DIMS(X) \
	X(NONE, "plain numbers") \
	X(VISITS, "visits") \
	X(TIME, "days or weeks") \
	X(AGE, "years or months") \
	X(POINTS, "points") \
	X(PERCENT, "percent") \
	X(SECONDS, "seconds") \
	X(METERS, "meters") \
	X(SPEED, "m/s") \
	X(LEVELS, "levels") \
	X(REQUESTS, "requests")

typedef enum urc_dim {
#define X(n, desc) URC_DIM_##n,
	URC_DIMS(X)
#undef X
} urc_dim;

/* Spelling of a unit, singular or plural ("" for URC_UNIT_NONE). */
const char *urc_unit_name(urc_unit u, bool plural);

/* Dimension of a unit, and a phrase naming it for messages. */
urc_dim urc_unit_dim(urc_unit u);
const char *urc_dim_desc(urc_dim d);

/* Factor from u to its dimension's base unit (days, months, ...). */
double urc_unit_factor(urc_unit u);

/* Looks a spelling up; returns URC_UNIT_NONE when it is no unit. */
urc_unit urc_unit_lookup(const char *s, unsigned len);

#endif
