/* units.c — unit spellings, dimensions and factors (see units.h). */
#include "units.h"

#include <string.h>

static const struct {
	const char *singular, *plural;
	urc_dim dim;
	double factor;
} units[] = {
#define X(n, s, p, d, f) {s, p, URC_DIM_##d, f},
	URC_UNITS(X)
#undef X
};

static const char *const dims[] = {
#define X(n, desc) desc,
	URC_DIMS(X)
#undef X
};

const char *urc_unit_name(urc_unit u, bool plural)
{
	if ((unsigned)u >= URC_UNIT_COUNT)
		return "";
	return plural ? units[u].plural : units[u].singular;
}

urc_dim urc_unit_dim(urc_unit u)
{
	return (unsigned)u < URC_UNIT_COUNT ? units[u].dim : URC_DIM_NONE;
}

const char *urc_dim_desc(urc_dim d)
{
	return (unsigned)d < sizeof dims / sizeof dims[0] ? dims[d] : "?";
}

double urc_unit_factor(urc_unit u)
{
	return (unsigned)u < URC_UNIT_COUNT ? units[u].factor : 1;
}

urc_unit urc_unit_lookup(const char *s, unsigned len)
{
	if (len == 1 && s[0] == '%')
		return URC_UNIT_PERCENT;
	for (unsigned i = 1; i < URC_UNIT_COUNT; i++) {
		const char *a = units[i].singular, *b = units[i].plural;
		if ((strlen(a) == len && memcmp(a, s, len) == 0) ||
		    (strlen(b) == len && memcmp(b, s, len) == 0))
			return (urc_unit)i;
	}
	return URC_UNIT_NONE;
}
