/* urt_checksum.c — the checksum of a runtime table (see urt_format.h). */
#include "urt_format.h"

uint64_t urt_checksum(const unsigned char *bytes, uint64_t len)
{
	const uint64_t field = offsetof(urt_header, checksum);
	uint64_t h = 1469598103934665603ull;
	for (uint64_t i = 0; i < len; i++) {
		unsigned char b = (i >= field && i < field + 8) ? 0 : bytes[i];
		h ^= b;
		h *= 1099511628211ull;
	}
	return h;
}
