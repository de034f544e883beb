/* gen_cases.c — writes synthetic, deterministic authorization requests as
 * JSON Lines for the runtime benchmark (bench/runtime_bench.sh), shaped for
 * the low_back_pain guideline (guidelines/ortho/low_back_pain.guide).
 *
 *   gen_cases [-n CASES] [-s SEED] [-o FILE]      (default: standard output)
 *
 * Each case is PT, outpatient or home health, with one or two of the
 * guideline's diagnoses, request sequence 1-6, 4-16 visits asked for, the
 * visits used and start of care so far, and ODI scores (0-100 points, dated)
 * at intake and at each earlier request. About 3% carry a lumbar
 * radiculopathy code instead (another guideline, which pends them for a
 * missing NPRS score) and 2% a back-pain code no guideline claims. Plans:
 * the two example plans of guidelines/catalogue/plans.guide, or none.
 * Some cases lack the scores a phase requires, some start below the ODI's
 * MCID, some pass 120 days since start of care, and some list their scores
 * out of date order, so every rule of both phases fires.
 * Output depends only on the arguments (own PRNG, no clock, no locale), and
 * case i is the same whatever -n is: a smaller file is a prefix of a larger. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- deterministic random numbers (splitmix64) ---- */

static uint64_t rng_state;

static uint64_t rnd64(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* 0 <= rnd(n) < n */
static int rnd(int n)
{
	return n <= 1 ? 0 : (int)(rnd64() % (uint64_t)n);
}

/* lo <= between(lo, hi) <= hi */
static int between(int lo, int hi)
{
	return lo + rnd(hi - lo + 1);
}

/* true with probability pct/100 */
static int chance(int pct)
{
	return rnd(100) < pct;
}

/* ---- dates: days since 1970-01-01 to YYYY-MM-DD (H. Hinnant's civil) ---- */

/* Dates here lie in 2025-2026: four-digit years. */
static void format_date(long days, char buf[11])
{
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	unsigned v[3] = { (unsigned)(y % 10000), (unsigned)m, (unsigned)d };
	char *p = buf;
	*p++ = (char)('0' + v[0] / 1000);
	*p++ = (char)('0' + v[0] / 100 % 10);
	*p++ = (char)('0' + v[0] / 10 % 10);
	*p++ = (char)('0' + v[0] % 10);
	for (int i = 1; i < 3; i++) {
		*p++ = '-';
		*p++ = (char)('0' + v[i] / 10 % 10);
		*p++ = (char)('0' + v[i] % 10);
	}
	*p = '\0';
}

enum { DAY_2026_01_01 = 20454 }; /* days since 1970-01-01 */

/* ---- one case ---- */

static const char *const lbp_codes[] = { "M54.50", "M54.51", "M54.59", "M47.816", "S33.5XXA" };
enum { NLBP = sizeof lbp_codes / sizeof lbp_codes[0] };

/* Request sequence 1-6, early requests commoner (percent per value). */
static int sequence(void)
{
	static const int weight[] = { 30, 25, 18, 12, 9, 6 };
	int r = rnd(100);
	for (int i = 0; i < 6; i++) {
		if (r < weight[i])
			return i + 1;
		r -= weight[i];
	}
	return 6;
}

/* An ODI score as clinics record it: whole points, mostly even (the index is
 * 2 x the raw 0-50 sum), now and then a half point. Kept inside 0-100. */
static void put_odi(FILE *out, int tenths)
{
	if (tenths < 0)
		tenths = 0;
	if (tenths > 1000)
		tenths = 1000;
	if (tenths % 10)
		fprintf(out, "%d.%d", tenths / 10, tenths % 10);
	else
		fprintf(out, "%d", tenths / 10);
}

/* scores: ODI at intake and at each earlier request, the first taken at
 * start of care (soc), none after received; a few cases lack what their
 * phase requires, and some list the scores newest first. */
static void write_scores(FILE *out, int seq, long soc, long received)
{
	char d[11];
	int nscores = seq;
	if (chance(4))
		nscores = seq == 1 ? 0 : 1;
	if (nscores == 0)
		return;
	int tenths[6];
	long when[6];
	tenths[0] = chance(6) ? between(0, 9) * 10 : between(10, 40) * 20;
	when[0] = soc;
	int trend = between(-3, 12); /* this patient's points gained per request */
	for (int k = 1; k < nscores; k++) {
		int step = trend + between(-6, 6);
		tenths[k] = tenths[k - 1] - step * 10 + (chance(10) ? 5 : 0);
		when[k] = when[k - 1] + between(20, 40);
		if (when[k] > received)
			when[k] = received;
	}
	int reversed = nscores > 1 && chance(10);
	fputs(",\"scores\":[", out);
	for (int j = 0; j < nscores; j++) {
		int k = reversed ? nscores - 1 - j : j;
		format_date(when[k], d);
		fprintf(out, "%s{\"measure\":\"ODI\",\"score\":", j ? "," : "");
		put_odi(out, tenths[k]);
		fprintf(out, ",\"date\":\"%s\"}", d);
	}
	fputc(']', out);
}

static void write_case(FILE *out, long i)
{
	char d1[11];
	int seq = sequence();
	long received = DAY_2026_01_01 + rnd(365);

	fprintf(out, "{\"id\":\"LBP-%07ld\",\"received\":\"", i);
	format_date(received, d1);
	fprintf(out, "%s\"", d1);
	if (chance(10))
		fputs(",\"review\":\"expedited\"", out);
	else if (chance(50))
		fputs(",\"review\":\"standard\"", out);

	/* member */
	fprintf(out, ",\"member\":{\"age\":%d", between(18, 88));
	int plan = rnd(10);
	if (plan < 4)
		fputs(",\"plan\":\"example_early_approval\"", out);
	else if (plan < 7)
		fputs(",\"plan\":\"example_review_all\"", out);
	if (chance(20))
		fputs(",\"state\":\"TX\"", out);
	fputc('}', out);

	/* request */
	fprintf(out, ",\"request\":{\"discipline\":\"PT\",\"setting\":\"%s\",\"diagnoses\":[",
	        chance(75) ? "outpatient" : "home_health");
	int route = rnd(100);
	if (route < 3)
		fputs("\"M54.16\"", out); /* lumbar radiculopathy */
	else if (route < 5)
		fputs("\"M54.6\"", out);  /* thoracic pain: no guideline */
	else
		fprintf(out, "\"%s\"", lbp_codes[rnd(NLBP)]);
	if (chance(25))
		fprintf(out, ",\"%s\"", lbp_codes[rnd(NLBP)]);
	fprintf(out, "],\"sequence\":%d,\"visits\":%d", seq, between(4, 16));
	long start = received;
	if (chance(40)) {
		start = received + rnd(8);
		format_date(start, d1);
		fprintf(out, ",\"start\":\"%s\"", d1);
	}
	fputc('}', out);

	/* history: one request about every 30 days (from 20 to 40) */
	long soc = seq == 1 ? received - rnd(10) : received - 1;
	for (int k = 1; k < seq; k++)
		soc -= between(20, 40);
	int used = 0;
	for (int k = 1; k < seq; k++)
		used += between(4, 12);
	if (seq > 1 || chance(30)) {
		format_date(soc, d1);
		fprintf(out, ",\"history\":{\"visits_used\":%d,\"start_of_care\":\"%s\"}", used, d1);
	}

	write_scores(out, seq, soc, received);
	fputs("}\n", out);
}

int main(int argc, char **argv)
{
	long n = 1000;
	unsigned long long seed = 20260101;
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			n = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			path = argv[++i];
		else {
			fprintf(stderr, "usage: gen_cases [-n CASES] [-s SEED] [-o FILE]\n");
			return 2;
		}
	}
	if (n < 1 || n > 100000000) {
		fprintf(stderr, "gen_cases: -n must be 1 to 100000000\n");
		return 2;
	}
	FILE *out = path ? fopen(path, "w") : stdout;
	if (!out) {
		fprintf(stderr, "gen_cases: cannot write %s: %s\n", path, strerror(errno));
		return 1;
	}
	static char buf[1 << 16];
	if (setvbuf(out, buf, _IOFBF, sizeof buf) != 0) {
		fprintf(stderr, "gen_cases: setvbuf failed\n");
		return 1;
	}
	for (long i = 1; i <= n; i++) {
		/* Each case draws from its own stream, so case i does not depend
		 * on -n or on how many numbers earlier cases drew. */
		rng_state = seed ^ ((uint64_t)i * 0xD1B54A32D192ED03ull);
		write_case(out, i);
	}
	if (fflush(out) != 0 || ferror(out) || (path && fclose(out) != 0)) {
		fprintf(stderr, "gen_cases: cannot write %s\n", path ? path : "standard output");
		return 1;
	}
	return 0;
}
