/* suggest.c — closest-name search by optimal string alignment distance. */
#include "suggest.h"

#include <ctype.h>
#include <string.h>

enum { MAX_LEN = 64 };

static int lower(int c)
{
	return tolower((unsigned char)c);
}

/* Edit distance with adjacent transpositions, ignoring case. */
static int distance(const char *a, size_t n, const char *b)
{
	size_t m = strlen(b);
	if (n >= MAX_LEN || m >= MAX_LEN)
		return MAX_LEN;
	int d[MAX_LEN + 1][MAX_LEN + 1];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = (int)i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = (int)j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			int cost = lower(a[i - 1]) != lower(b[j - 1]);
			int best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
			    lower(a[i - 2]) == lower(b[j - 1]) && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[n][m];
}

const char *urc_suggest(const char *name, const char *const *cands, size_t n)
{
	return urc_suggest_n(name, strlen(name), cands, n);
}

const char *urc_suggest_n(const char *name, size_t len, const char *const *cands,
                          size_t n)
{
	if (len >= MAX_LEN)
		return NULL;
	int limit = len <= 4 ? 1 : (int)(len / 3);
	if (limit < 1)
		limit = 1;
	const char *best = NULL;
	int best_d = limit + 1;
	for (size_t i = 0; i < n; i++) {
		int d = distance(name, len, cands[i]);
		if (d < best_d) {
			best_d = d;
			best = cands[i];
		}
	}
	return best;
}
