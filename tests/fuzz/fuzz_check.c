/* fuzz_check.c — a crash fuzzer for `urc check`.
 *
 *   fuzz_check [OPTIONS] DIR...
 *
 * Finds every *.guide file under the folders given (recursively, in name
 * order) and checks, through urc_check_memory(), each file whole, then the
 * file cut short at every byte offset, then variants of it with random
 * bytes flipped, replaced, inserted, deleted or duplicated (a fixed seed,
 * so every run is the same). Each input is named by the original file's
 * path, so its 'use' lines resolve as the file's own do. Diagnostics are
 * printed, alternately as text and as JSON, to /dev/null, so the printers
 * run too. The status must be 0 or 1; anything else, or a crash, stops
 * the run naming the file and the offset or the seed, with the command
 * that reproduces the input. Ends with the line
 *   fuzz: N inputs from M files, 0 crashes
 *
 * Options:
 *   -n N            variants per file (default 200)
 *   --seed S        base seed (default 20260101, or $FUZZ_SEED)
 *   --full-bytes B  files up to B bytes are cut at every offset; longer
 *                   ones at evenly spaced offsets, about B of them
 *                   (default 1024; 0 cuts every file at every offset)
 *   --dump-variant FILE SEED   write that variant of FILE to stdout
 *   --dump-cut FILE OFFSET     write FILE cut at OFFSET to stdout
 */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "driver.h"
#include "load.h"

enum { DEFAULT_VARIANTS = 200, DEFAULT_FULL_BYTES = 1024, MAX_MUTATIONS = 8 };
#define DEFAULT_SEED 20260101u

/* ---- what is running, for crash reports ---- */

/* The input being checked, described for a crash report. Written before
 * each run so that a signal handler or a sanitizer's death callback can
 * name it with write(2) only. */
static char current[1024];
static size_t current_len;

static void describe(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void describe(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(current, sizeof current, fmt, ap);
	va_end(ap);
	current_len = n < 0 ? 0 : (size_t)n >= sizeof current ? sizeof current - 1 : (size_t)n;
}

static void report_current(void)
{
	static const char head[] = "\nfuzz: CRASH while checking ";
	ssize_t w = write(2, head, sizeof head - 1);
	w = write(2, current, current_len);
	w = write(2, "\n", 1);
	(void)w;
}

static void on_signal(int sig)
{
	report_current();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Sanitizers call this before they end the process. */
extern void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));
typedef void set_death_callback_fn(void (*cb)(void));

static void watch_crashes(void)
{
	if (__sanitizer_set_death_callback) {
		/* ASan's runtime answers the weak reference; UBSan, a runtime of
		 * its own beside it, keeps its own callback: set that one too. */
		__sanitizer_set_death_callback(report_current);
		void *ubsan = dlopen("libubsan.so.1", RTLD_NOW | RTLD_NOLOAD);
		if (ubsan) {
			set_death_callback_fn *set;
			*(void **)&set = dlsym(ubsan, "__sanitizer_set_death_callback");
			if (set)
				set(report_current);
			dlclose(ubsan);
		}
		return;
	}
	int sigs[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], on_signal);
}

/* ---- random numbers (splitmix64: one seed gives one variant) ---- */

static uint64_t rng_state;

static uint64_t rng(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static size_t below(size_t n)
{
	return n ? (size_t)(rng() % n) : 0;
}

/* ---- a growable byte buffer ---- */

typedef struct buf {
	char *p;
	size_t n, cap;
} buf;

static void buf_reserve(buf *b, size_t n)
{
	if (n <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < n)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p) {
		fputs("fuzz: out of memory\n", stderr);
		exit(2);
	}
	b->p = p;
	b->cap = cap;
}

static void buf_set(buf *b, const char *s, size_t n)
{
	buf_reserve(b, n + 1);
	memcpy(b->p, s, n);
	b->n = n;
}

static void buf_insert(buf *b, size_t at, const char *s, size_t n)
{
	buf_reserve(b, b->n + n + 1);
	memmove(b->p + at + n, b->p + at, b->n - at);
	memcpy(b->p + at, s, n);
	b->n += n;
}

static void buf_delete(buf *b, size_t at, size_t n)
{
	if (at + n > b->n)
		n = b->n - at;
	memmove(b->p + at, b->p + at + n, b->n - at - n);
	b->n -= n;
}

/* ---- mutations ---- */

/* Bytes and words that matter to the scanner and parser. */
static const char *const dict[] = {
	"{", "}", "(", ")", "\"", "\\", "\n", "#", "-", ".", "*", "%", "/",
	"\xE2\x89\xA4", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xC3", "\x80", "\t", "\r",
	" and ", " or ", " not ", "(((", ")))", " when ", " otherwise ", " rule ",
	" rule \"r\" when ", " refer \"x\" ", " approve 8 visits over 30 days ", " deny ",
	" require ", " at intake ", " improved by at least ", " mcid ", " since previous ",
	" visits used < ", " age >= 3 years ", " setting is not ", " plan is ",
	" measure ", " guideline ", " initial { ", " continued { ", " authorization { ",
	" window 30 days to 60 days ", " frequency at most 3 per week ", " diagnoses ",
	" M54.1- ", " m54.16 ", " M5416 ", " use \"nope.guide\" ", " 2024-02-29 ",
	" 2023-02-29 ", " 99999999999 ", " -1 ", " 0.5 ", " 8visits ", " 1. ",
	" range 0 to 100 points ", " better lower ", " effective ", " version 2 ",
};

static void mutate_once(buf *b)
{
	size_t at = below(b->n + 1);
	switch (below(7)) {
	case 0: /* flip a bit */
		if (b->n)
			b->p[below(b->n)] ^= (char)(1u << below(8));
		break;
	case 1: /* replace a byte */
		if (b->n)
			b->p[below(b->n)] = (char)below(256);
		break;
	case 2: { /* insert random bytes */
		char r[8];
		size_t n = 1 + below(sizeof r);
		for (size_t i = 0; i < n; i++)
			r[i] = (char)below(256);
		buf_insert(b, at, r, n);
		break;
	}
	case 3: /* delete a few bytes */
		if (at < b->n)
			buf_delete(b, at, 1 + below(16));
		break;
	case 4: /* delete a larger stretch */
		if (at < b->n)
			buf_delete(b, at, 1 + below(b->n / 4 + 1));
		break;
	case 5: { /* insert a token */
		const char *t = dict[below(sizeof dict / sizeof dict[0])];
		buf_insert(b, at, t, strlen(t));
		break;
	}
	case 6: { /* duplicate a stretch of the file elsewhere */
		if (!b->n)
			break;
		size_t from = below(b->n), n = 1 + below(256);
		if (from + n > b->n)
			n = b->n - from;
		char *copy = malloc(n);
		if (!copy)
			break;
		memcpy(copy, b->p + from, n);
		buf_insert(b, at, copy, n);
		free(copy);
		break;
	}
	}
}

/* The variant of text for seed: 1 to MAX_MUTATIONS mutations. */
static void make_variant(buf *b, const char *text, size_t len, uint64_t seed)
{
	rng_state = seed;
	buf_set(b, text, len);
	size_t n = 1 + below(MAX_MUTATIONS);
	for (size_t i = 0; i < n; i++)
		mutate_once(b);
}

/* ---- finding files ---- */

typedef struct paths {
	char **v;
	size_t n, cap;
} paths;

static void paths_add(paths *p, char *s)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->v = realloc(p->v, p->cap * sizeof *p->v);
		if (!p->v) {
			fputs("fuzz: out of memory\n", stderr);
			exit(2);
		}
	}
	p->v[p->n++] = s;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Adds the *.guide files under dir to out. Returns -1 when dir cannot be
 * listed. */
static int find_guides(const char *dir, paths *out, int depth)
{
	if (depth > 32)
		return 0;
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	paths here = {0};
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		size_t n = strlen(dir) + strlen(e->d_name) + 2;
		char *p = malloc(n);
		if (!p) {
			fputs("fuzz: out of memory\n", stderr);
			exit(2);
		}
		snprintf(p, n, "%s%s%s", dir, ends_with(dir, "/") ? "" : "/", e->d_name);
		paths_add(&here, p);
	}
	closedir(d);
	if (here.n > 1)
		qsort(here.v, here.n, sizeof *here.v, cmp_str);
	for (size_t i = 0; i < here.n; i++) {
		struct stat st;
		if (stat(here.v[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			find_guides(here.v[i], out, depth + 1);
			free(here.v[i]);
		} else if (ends_with(here.v[i], ".guide") && S_ISREG(st.st_mode)) {
			paths_add(out, here.v[i]);
		} else {
			free(here.v[i]);
		}
	}
	free(here.v);
	return 0;
}

/* ---- running ---- */

static FILE *devnull;
static long inputs;
static double slowest;
static char slowest_what[1024];

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Checks one input (described in `current`); stops the run on a status
 * other than 0 or 1. */
static void run(const char *name, const char *text, size_t len)
{
	urc_check_opts opts = {0};
	opts.json = inputs % 2 == 1;
	opts.werror = inputs % 3 == 2;
	opts.quiet = inputs % 5 == 4;
	double t0 = now();
	int status = urc_check_memory(name, text, len, &opts, devnull, devnull);
	double dt = now() - t0;
	inputs++;
	if (dt > slowest) {
		slowest = dt;
		memcpy(slowest_what, current, current_len + 1);
	}
	if (status != 0 && status != 1) {
		fprintf(stderr, "fuzz: status %d (not 0 or 1) while checking %s\n", status, current);
		fflush(NULL);
		abort();
	}
}

static uint64_t variant_seed(uint64_t base, size_t file, size_t k)
{
	return base * 1000003u + (uint64_t)file * 100003u + k;
}

static char *read_or_die(const char *path, size_t *len)
{
	char *text = urc_read_file(path, len);
	if (!text) {
		fprintf(stderr, "fuzz: cannot read '%s': %s\n", path, strerror(errno));
		exit(2);
	}
	return text;
}

static void usage(void)
{
	fputs("usage: fuzz_check [-n VARIANTS] [--seed S] [--full-bytes B] DIR...\n"
	      "       fuzz_check --dump-variant FILE SEED\n"
	      "       fuzz_check --dump-cut FILE OFFSET\n",
	      stderr);
	exit(2);
}

static unsigned long long number(const char *s)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || end == s || *end)
		usage();
	return v;
}

static int dump(const char *mode, const char *path, const char *arg)
{
	size_t len;
	char *text = read_or_die(path, &len);
	buf b = {0};
	if (strcmp(mode, "--dump-variant") == 0) {
		make_variant(&b, text, len, number(arg));
	} else {
		unsigned long long cut = number(arg);
		buf_set(&b, text, cut < len ? (size_t)cut : len);
	}
	int ok = fwrite(b.p, 1, b.n, stdout) == b.n;
	free(b.p);
	free(text);
	return ok ? 0 : 2;
}

int main(int argc, char **argv)
{
	size_t variants = DEFAULT_VARIANTS, full_bytes = DEFAULT_FULL_BYTES;
	uint64_t seed = DEFAULT_SEED;
	const char *env = getenv("FUZZ_SEED");
	if (env && *env)
		seed = number(env);
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			variants = (size_t)number(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = number(argv[++i]);
		else if (strcmp(argv[i], "--full-bytes") == 0 && i + 1 < argc)
			full_bytes = (size_t)number(argv[++i]);
		else if ((strcmp(argv[i], "--dump-variant") == 0 || strcmp(argv[i], "--dump-cut") == 0) &&
		         i + 2 < argc)
			return dump(argv[i], argv[i + 1], argv[i + 2]);
		else
			usage();
	}
	if (i == argc)
		usage();

	paths files = {0};
	for (; i < argc; i++)
		if (find_guides(argv[i], &files, 0) != 0) {
			fprintf(stderr, "fuzz: cannot read folder '%s': %s\n", argv[i], strerror(errno));
			return 2;
		}
	if (files.n == 0) {
		fputs("fuzz: no .guide files found\n", stderr);
		return 2;
	}
	devnull = fopen("/dev/null", "w");
	if (!devnull) {
		perror("fuzz: /dev/null");
		return 2;
	}
	watch_crashes();
	printf("fuzz: seed %llu, %zu variants a file; files over %zu bytes are cut at about %zu "
	       "evenly spaced offsets, others at every offset\n",
	       (unsigned long long)seed, variants, full_bytes, full_bytes);
	fflush(stdout);

	double t0 = now();
	size_t strided = 0;
	buf b = {0};
	for (size_t f = 0; f < files.n; f++) {
		const char *path = files.v[f];
		size_t len;
		char *text = read_or_die(path, &len);

		describe("%s (whole)", path);
		run(path, text, len);

		size_t stride = 1;
		if (full_bytes && len > full_bytes) {
			stride = (len + full_bytes - 1) / full_bytes;
			strided++;
		}
		for (size_t cut = 0; cut < len; cut += stride) {
			describe("%s cut at offset %zu (reproduce: fuzz_check --dump-cut %s %zu)", path, cut,
			         path, cut);
			run(path, text, cut);
		}
		for (size_t k = 0; k < variants; k++) {
			uint64_t s = variant_seed(seed, f, k);
			make_variant(&b, text, len, s);
			describe("%s variant seed %llu (reproduce: fuzz_check --dump-variant %s %llu)", path,
			         (unsigned long long)s, path, (unsigned long long)s);
			run(path, b.p, b.n);
		}
		free(text);
	}
	free(b.p);
	double dt = now() - t0;
	printf("fuzz: %zu of %zu files cut with a stride; slowest input %.1f ms: %s\n", strided,
	       files.n, slowest * 1e3, slowest_what);
	printf("fuzz: %.1f s, %.2f ms an input\n", dt, dt * 1e3 / (double)(inputs ? inputs : 1));
	printf("fuzz: %ld inputs from %zu files, 0 crashes\n", inputs, files.n);
	for (size_t f = 0; f < files.n; f++)
		free(files.v[f]);
	free(files.v);
	fclose(devnull);
	return 0;
}
