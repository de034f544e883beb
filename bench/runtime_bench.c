/* runtime_bench.c — decisions per second of liburc in memory, against a
 * hand-written C version of one guideline (the speed-of-light reference).
 *
 *   runtime_bench TABLE.urt CASES.jsonl [-k CASES] [-w CASES] [-t SECONDS] [-r RUNS]
 *
 * Reads up to -k cases (default 100000) with the case reader and binds each
 * once (urc_bind). The cases routed to low_back_pain are then decided over
 * and over, single-threaded, by urc_decide (a) and by lbp_decide below (b),
 * RUNS times each (default 5), interleaved, each run of at least SECONDS
 * (default 1.0): all of them, which streams them from memory (some 34 MB
 * of bound cases), and the first -w (default 2048, 0.7 MB: in the core's
 * cache, and more distinct cases than a branch predictor learns by heart),
 * which measures the evaluation itself. Before timing, both are run on every such case and must
 * agree on the phase, the deciding rule, the outcome, the visits granted,
 * the authorization period and the due date: the mismatch count is printed
 * and the figures mean nothing unless it is 0.
 * Prints key=value lines (rates are decisions per second, medians of the
 * runs, with their min and max) for bench/runtime_bench.sh to format.
 * Exit status: 0, 1 when a mismatch was found, 2 on a usage or input error. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "table.h"

#define NONE UINT32_MAX

/* ---- the reference: low_back_pain.guide, written out by hand ---- */

/* What the reference resolves once, before deciding anything. */
typedef struct lbp_ctx {
	uint32_t odi;          /* index of the ODI measure */
	uint32_t early_plan;   /* index of example_early_approval, NONE if absent */
} lbp_ctx;

/* The parts of a decision the reference computes. */
typedef struct lbp_result {
	urc_outcome outcome;
	int rule;       /* row of the phase (require = 0), -1 for plan auto-approval */
	int visits;     /* granted */
	urc_date start, end, due;
} lbp_result;

static void lbp_approve(const urc_bound *b, lbp_result *r, int visits, int days)
{
	r->visits = visits < b->visits_requested ? visits : b->visits_requested;
	r->outcome = r->visits >= b->visits_requested ? URC_APPROVED_FULL : URC_APPROVED_PART;
	r->start = b->start;
	r->end = b->start + days - 1;
}

/* Decides a case bound to low_back_pain, straight from the guideline's
 * text: the example_early_approval plan approves the first two requests
 * (capped at the guideline's largest approval, 12 visits over 60 days);
 * then the initial phase for request 1 and the continued phase after.
 * ODI is better lower, so its gain is the fall of the score. Kept out of
 * line, as a library call to urc_decide is; it reads only the bound case,
 * as urc_decide does. */
__attribute__((noinline)) static void lbp_decide(const lbp_ctx *x, const urc_bound *b,
                                                 lbp_result *r)
{
	r->rule = -1;
	r->visits = 0;
	r->start = r->end = 0;
	r->due = b->received + (b->review == URC_REVIEW_EXPEDITED ? 3 : 7);
	double request = b->features[URT_FEATURE_REQUEST_NUMBER];
	if (b->plan == x->early_plan && request <= 2) {
		lbp_approve(b, r, 12, 60);
		return;
	}
	const urc_bound_measure *odi = NULL;
	for (int i = 0; i < b->nm; i++)
		if (b->m[i].measure == x->odi)
			odi = &b->m[i];
	if (request <= 1) {
		/* initial: require ODI at intake */
		if (!odi) {
			r->rule = 0;
			r->outcome = URC_PENDED;
		} else if (odi->intake < 10) { /* minimal disability at intake */
			r->rule = 1;
			r->outcome = URC_REFERRED;
		} else { /* otherwise approve up to 12 visits over 60 days */
			r->rule = 2;
			lbp_approve(b, r, 12, 60);
		}
		return;
	}
	/* continued: require ODI at intake and latest */
	if (!odi || odi->n < 2) {
		r->rule = 0;
		r->outcome = URC_PENDED;
		return;
	}
	if (b->features[URT_FEATURE_DAYS_SINCE_START] > 120) { /* beyond two acute periods */
		r->rule = 1;
		r->outcome = URC_REFERRED;
		return;
	}
	double since_previous = odi->previous - odi->latest;
	if (request >= 3 && !(since_previous > 0)) { /* no change since the last request */
		r->rule = 2;
		r->outcome = URC_REFERRED;
		return;
	}
	double gain = odi->intake - odi->latest;
	/* percent of the intake score, exact for whole scores; from 0, any
	 * gain counts as a large one (as the runtime does) */
	double pct = odi->intake == 0 ? (gain > 0 ? 1e9 : gain < 0 ? -1e9 : 0)
	                              : gain * 100 / fabs(odi->intake);
	if (gain >= 10 || pct >= 30) { /* meaningful progress */
		r->rule = 3;
		lbp_approve(b, r, 12, 60);
	} else if (request <= 2 && gain > 0) { /* early progress below the MCID */
		r->rule = 4;
		lbp_approve(b, r, 6, 30);
	} else { /* otherwise refer */
		r->rule = 5;
		r->outcome = URC_REFERRED;
	}
}

/* ---- helpers ---- */

static double now(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		perror("runtime_bench: clock_gettime");
		exit(2);
	}
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The index of the record whose first field (a string offset) names name. */
static uint32_t find_named(const urc_table *t, const void *base, size_t size, uint32_t count,
                           const char *name)
{
	for (uint32_t i = 0; i < count; i++)
		if (strcmp(urc_str(t, *(const uint32_t *)((const char *)base + i * size)), name) == 0)
			return i;
	return NONE;
}

/* Keeps what the optimizer would otherwise be free to drop. */
static volatile uint64_t sink;

/* One timed pass over n bound cases, passes times: urc_decide. */
static double time_decide(const urc_table *t, const urc_bound *b, size_t n, long passes)
{
	urc_decision d;
	uint64_t sum = 0;
	double t0 = now();
	for (long p = 0; p < passes; p++) {
		for (size_t i = 0; i < n; i++) {
			urc_decide(t, &b[i], &d);
			sum += (uint64_t)d.outcome * 131 + (uint64_t)d.visits_granted + d.item;
		}
		__asm__ volatile("" ::: "memory"); /* each pass reads the cases anew */
	}
	double dt = now() - t0;
	sink += sum;
	return dt;
}

/* The same with the hand-written reference. */
static double time_hand(const lbp_ctx *x, const urc_bound *b, size_t n, long passes)
{
	lbp_result r;
	uint64_t sum = 0;
	double t0 = now();
	for (long p = 0; p < passes; p++) {
		for (size_t i = 0; i < n; i++) {
			lbp_decide(x, &b[i], &r);
			sum += (uint64_t)r.outcome * 131 + (uint64_t)r.visits + (uint64_t)r.rule;
		}
		__asm__ volatile("" ::: "memory");
	}
	double dt = now() - t0;
	sink += sum;
	return dt;
}

/* urc_bind over n cases, passes times. */
static double time_bind(const urc_table *t, const urc_case *c, urc_bound *b, size_t n,
                        long passes)
{
	urc_case_error e;
	uint64_t sum = 0;
	double t0 = now();
	for (long p = 0; p < passes; p++) {
		for (size_t i = 0; i < n; i++) {
			sum += (uint64_t)urc_bind(t, &c[i], b, &e) + b->guideline;
		}
		__asm__ volatile("" ::: "memory");
	}
	double dt = now() - t0;
	sink += sum;
	return dt;
}

enum { KIND_DECIDE, KIND_HAND, KIND_BIND, NKINDS };

typedef struct job {
	const char *key;     /* printed name */
	int kind;            /* KIND_* */
	const urc_bound *b;  /* bound cases (decide, hand) */
	const urc_case *c;   /* cases (bind) */
	size_t n;            /* how many */
	long passes;         /* per run, from the calibration */
	double rate[16];     /* decisions per second, one per run */
} job;

static double run_job(const urc_table *t, const lbp_ctx *x, job *j, long passes)
{
	static urc_bound scratch;
	switch (j->kind) {
	case KIND_DECIDE: return time_decide(t, j->b, j->n, passes);
	case KIND_HAND: return time_hand(x, j->b, j->n, passes);
	default: return time_bind(t, j->c, &scratch, j->n, passes);
	}
}

/* Runs each job runs times, interleaved, after calibrating its passes to
 * last at least seconds. */
static void measure(const urc_table *t, const lbp_ctx *x, job *jobs, int njobs, int runs,
                    double seconds)
{
	for (int k = 0; k < njobs; k++) {
		job *j = &jobs[k];
		double dt = run_job(t, x, j, 1); /* warm-up and first estimate */
		long passes = 1;
		while (dt < seconds / 10) {
			passes *= 4;
			dt = run_job(t, x, j, passes);
		}
		j->passes = (long)ceil(seconds / dt * (double)passes);
		if (j->passes < 1)
			j->passes = 1;
	}
	for (int r = 0; r < runs; r++)
		for (int k = 0; k < njobs; k++) {
			job *j = &jobs[k];
			double dt = run_job(t, x, j, j->passes);
			j->rate[r] = (double)j->n * (double)j->passes / dt;
		}
	for (int k = 0; k < njobs; k++) {
		job *j = &jobs[k];
		double v[16];
		memcpy(v, j->rate, sizeof v);
		qsort(v, (size_t)runs, sizeof v[0], cmp_double);
		double med = runs % 2 ? v[runs / 2] : (v[runs / 2 - 1] + v[runs / 2]) / 2;
		printf("%s=%.0f %s_min=%.0f %s_max=%.0f %s_cases=%zu\n", j->key, med, j->key, v[0],
		       j->key, v[runs - 1], j->key, j->n);
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: runtime_bench TABLE.urt CASES.jsonl [-k CASES] [-w CASES] [-t SECONDS] "
	                "[-r RUNS (1-16)]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *table = NULL, *path = NULL;
	long k_max = 100000, hot_max = 2048;
	double seconds = 1.0;
	int runs = 5;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-k") == 0 && i + 1 < argc)
			k_max = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-w") == 0 && i + 1 < argc)
			hot_max = strtol(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-t") == 0 && i + 1 < argc)
			seconds = strtod(argv[++i], NULL);
		else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
			runs = (int)strtol(argv[++i], NULL, 10);
		else if (argv[i][0] != '-' && !table)
			table = argv[i];
		else if (argv[i][0] != '-' && !path)
			path = argv[i];
		else
			usage();
	}
	if (!table || !path || k_max < 1 || hot_max < 1 || runs < 1 || runs > 16 || !(seconds > 0))
		usage();

	char err[512];
	urc_table *t = urc_table_load(table, err, sizeof err);
	if (!t) {
		fprintf(stderr, "runtime_bench: %s\n", err);
		return 2;
	}
	uint32_t lbp = find_named(t, t->guidelines, sizeof *t->guidelines, t->h->guidelines.count,
	                          "low_back_pain");
	lbp_ctx x = {
		.odi = find_named(t, t->measures, sizeof *t->measures, t->h->measures.count, "ODI"),
		.early_plan = find_named(t, t->plans, sizeof *t->plans, t->h->plans.count,
		                         "example_early_approval"),
	};
	if (lbp == NONE || x.odi == NONE) {
		fprintf(stderr, "runtime_bench: %s has no low_back_pain guideline or no ODI\n", table);
		return 2;
	}
	if (x.early_plan != NONE && t->plans[x.early_plan].auto_approve != 2) {
		fprintf(stderr, "runtime_bench: example_early_approval no longer approves 2 requests: "
		                "update lbp_decide\n");
		return 2;
	}

	/* ---- read and bind ---- */
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "runtime_bench: cannot read %s: %s\n", path, strerror(errno));
		return 2;
	}
	urc_case *cases = malloc((size_t)k_max * sizeof *cases);
	urc_bound *bound = malloc((size_t)k_max * sizeof *bound);
	urc_bound *lbp_bound = malloc((size_t)k_max * sizeof *lbp_bound);
	urc_case_reader *r = urc_case_reader_open(f, path);
	if (!cases || !bound || !lbp_bound || !r) {
		fprintf(stderr, "runtime_bench: out of memory for %ld cases\n", k_max);
		return 2;
	}
	size_t n = 0, n_lbp = 0;
	long read_errors = 0, bind_errors = 0;
	urc_case_error e;
	double t0 = now();
	int got;
	while (n < (size_t)k_max && (got = urc_case_read(r, &cases[n], &e)) != 0) {
		if (got < 0) {
			if (read_errors++ == 0)
				fprintf(stderr, "runtime_bench: %s:%ld: %s: %s\n", path, e.line, e.field,
				        e.message);
			continue;
		}
		n++;
	}
	double read_s = now() - t0;
	urc_case_reader_close(r);
	fclose(f);
	t0 = now();
	size_t nb = 0;
	for (size_t i = 0; i < n; i++) {
		if (urc_bind(t, &cases[i], &bound[nb], &e) != 0) {
			if (bind_errors++ == 0)
				fprintf(stderr, "runtime_bench: case %s: %s: %s\n", e.case_id, e.field,
				        e.message);
			continue;
		}
		nb++;
	}
	double bind_s = now() - t0;
	for (size_t i = 0; i < nb; i++)
		if (bound[i].guideline == lbp)
			lbp_bound[n_lbp++] = bound[i];
	printf("bound_bytes=%zu\n", sizeof(urc_bound));
	printf("cases=%zu read_errors=%ld bind_errors=%ld bound=%zu low_back_pain=%zu\n", n,
	       read_errors, bind_errors, nb, n_lbp);
	printf("read_rate=%.0f bind_once_rate=%.0f\n", (double)n / read_s, (double)nb / bind_s);
	if (n_lbp == 0) {
		fprintf(stderr, "runtime_bench: no case was routed to low_back_pain\n");
		return 2;
	}

	/* ---- the reference must decide exactly as the table does ---- */
	long mismatches = 0;
	long per_rule[2][8] = { { 0 } };
	for (size_t i = 0; i < n_lbp; i++) {
		const urc_bound *b = &lbp_bound[i];
		urc_decision d;
		lbp_result h;
		urc_decide(t, b, &d);
		lbp_decide(&x, b, &h);
		const urt_phase *ph = &t->phases[d.phase];
		int kind = (int)ph->kind;
		int rule = d.item == NONE ? -1 : (int)(d.item - ph->first_item);
		int want_kind = b->c->request_number <= 1 ? 0 : 1;
		int same = d.outcome == h.outcome && rule == h.rule && kind == want_kind &&
		           d.visits_granted == h.visits && d.due == h.due &&
		           (d.outcome > URC_APPROVED_PART || (d.start == h.start && d.end == h.end));
		if (rule >= -1 && rule < 7)
			per_rule[kind][rule + 1]++;
		if (!same && mismatches++ < 5)
			fprintf(stderr,
			        "runtime_bench: mismatch on %s: table %s phase %d rule %d, %d visits; "
			        "hand %s rule %d, %d visits\n",
			        b->c->id, urc_outcome_name(d.outcome), kind, rule, d.visits_granted,
			        urc_outcome_name(h.outcome), h.rule, h.visits);
	}
	printf("verified=%zu mismatches=%ld\n", n_lbp, mismatches);
	printf("rules_initial=");
	for (int k = 0; k < 4; k++)
		printf("%s%ld", k ? "/" : "", per_rule[0][k]);
	printf(" rules_continued=");
	for (int k = 0; k < 7; k++)
		printf("%s%ld", k ? "/" : "", per_rule[1][k]);
	printf("\n");
	fflush(stdout);

	/* ---- timing ---- */
	size_t hot = n_lbp < (size_t)hot_max ? n_lbp : (size_t)hot_max;
	job jobs[] = {
		{ .key = "decide", .kind = KIND_DECIDE, .b = lbp_bound, .n = n_lbp },
		{ .key = "hand", .kind = KIND_HAND, .b = lbp_bound, .n = n_lbp },
		{ .key = "decide_hot", .kind = KIND_DECIDE, .b = lbp_bound, .n = hot },
		{ .key = "hand_hot", .kind = KIND_HAND, .b = lbp_bound, .n = hot },
		{ .key = "decide_all", .kind = KIND_DECIDE, .b = bound, .n = nb },
		{ .key = "bind", .kind = KIND_BIND, .c = cases, .n = n },
	};
	measure(t, &x, jobs, (int)(sizeof jobs / sizeof jobs[0]), runs, seconds);

	free(cases);
	free(bound);
	free(lbp_bound);
	urc_table_free(t);
	return mismatches ? 1 : 0;
}
