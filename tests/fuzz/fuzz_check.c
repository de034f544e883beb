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
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "fuzz_common.h"
#include "load.h"

enum { DEFAULT_VARIANTS = 200, DEFAULT_FULL_BYTES = 1024, MAX_MUTATIONS = 8 };
#define DEFAULT_SEED 20260101u

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

/* The variant of text for seed: 1 to MAX_MUTATIONS mutations. */
static void make_variant(fuzz_buf *b, const char *text, size_t len, uint64_t seed)
{
	fuzz_rng rng = fuzz_splitmix64(seed);
	fuzz_buf_set(b, text, len);
	size_t n = 1 + fuzz_below(&rng, MAX_MUTATIONS);
	for (size_t i = 0; i < n; i++)
		fuzz_mutate_bytes(b, &rng, dict, sizeof dict / sizeof dict[0]);
}

/* ---- running ---- */

static FILE *devnull;
static long inputs;

/* Checks one input (described by fuzz_describe); stops the run on a
 * status other than 0 or 1. */
static void run(const char *name, const char *text, size_t len)
{
	urc_check_opts opts = {0};
	opts.json = inputs % 2 == 1;
	opts.werror = inputs % 3 == 2;
	opts.quiet = inputs % 5 == 4;
	double t0 = fuzz_now();
	int status = urc_check_memory(name, text, len, &opts, devnull, devnull);
	fuzz_note_time(fuzz_now() - t0);
	inputs++;
	if (status != 0 && status != 1) {
		fprintf(stderr, "fuzz: status %d (not 0 or 1) while checking %s\n", status, fuzz_current());
		fflush(NULL);
		abort();
	}
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
	return fuzz_number(s, usage);
}

static int dump(const char *mode, const char *path, const char *arg)
{
	size_t len;
	char *text = fuzz_read_file(path, &len);
	fuzz_buf b = {0};
	if (strcmp(mode, "--dump-variant") == 0) {
		make_variant(&b, text, len, number(arg));
	} else {
		unsigned long long cut = number(arg);
		fuzz_buf_set(&b, text, cut < len ? (size_t)cut : len);
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

	fuzz_paths files = {0};
	for (; i < argc; i++)
		if (fuzz_find_files(argv[i], ".guide", &files) != 0) {
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
	fuzz_watch_crashes("checking");
	printf("fuzz: seed %llu, %zu variants a file; files over %zu bytes are cut at about %zu "
	       "evenly spaced offsets, others at every offset\n",
	       (unsigned long long)seed, variants, full_bytes, full_bytes);
	fflush(stdout);

	double t0 = fuzz_now();
	size_t strided = 0;
	fuzz_buf b = {0};
	for (size_t f = 0; f < files.n; f++) {
		const char *path = files.v[f];
		size_t len;
		char *text = fuzz_read_file(path, &len);

		fuzz_describe("%s (whole)", path);
		run(path, text, len);

		size_t stride = 1;
		if (full_bytes && len > full_bytes) {
			stride = (len + full_bytes - 1) / full_bytes;
			strided++;
		}
		for (size_t cut = 0; cut < len; cut += stride) {
			fuzz_describe("%s cut at offset %zu (reproduce: fuzz_check --dump-cut %s %zu)", path,
			              cut, path, cut);
			run(path, text, cut);
		}
		for (size_t k = 0; k < variants; k++) {
			uint64_t s = fuzz_variant_seed(seed, f, k);
			make_variant(&b, text, len, s);
			fuzz_describe("%s variant seed %llu (reproduce: fuzz_check --dump-variant %s %llu)",
			              path, (unsigned long long)s, path, (unsigned long long)s);
			run(path, b.p, b.n);
		}
		free(text);
	}
	free(b.p);
	double dt = fuzz_now() - t0;
	const char *slowest_what;
	double slowest = fuzz_slowest(&slowest_what);
	printf("fuzz: %zu of %zu files cut with a stride; slowest input %.1f ms: %s\n", strided,
	       files.n, slowest * 1e3, slowest_what);
	printf("fuzz: %.1f s, %.2f ms an input\n", dt, dt * 1e3 / (double)(inputs ? inputs : 1));
	printf("fuzz: %ld inputs from %zu files, 0 crashes\n", inputs, files.n);
	fuzz_paths_free(&files);
	fclose(devnull);
	return 0;
}
