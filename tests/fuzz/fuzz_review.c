/* fuzz_review.c — a crash fuzzer for the runtime: case reading, binding,
 * deciding, printing, explaining, and table loading.
 *
 *   fuzz_review TABLE.urt CASEFILE...
 *
 * Each case file is run whole, cut short at every offset (evenly spaced
 * offsets for long files), and as variants with random bytes flipped,
 * inserted, deleted or duplicated (a fixed seed). Every case read is
 * bound, decided, printed as YAML and JSON and explained, to /dev/null.
 * Then the table itself is damaged in random ways: each damaged copy must
 * be refused or, if it loads, decide the cases without a fault. Any crash
 * is caught by the sanitizers the fuzz build uses, and first names the
 * input ("fuzz: CRASH while reading FILE variant 12"). Ends with the line
 *   fuzz: N inputs, 0 crashes
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "urc.h"
#include "urt_format.h"

enum { VARIANTS = 300, FULL_BYTES = 2048, TABLE_VARIANTS = 3000, MAX_CASES = 100000 };

/* One sequence for the whole run, its state the seed unscattered. */
static fuzz_rng rng;

static uint64_t next(void)
{
	return fuzz_next(&rng);
}

static long inputs;

/* Reads, binds, decides and prints every case of one input. */
static void run_cases(const urc_table *t, const unsigned char *bytes, size_t len, FILE *sink)
{
	inputs++;
	FILE *in = fmemopen((void *)(len ? bytes : (const unsigned char *)""), len ? len : 1, "rb");
	if (!in) {
		perror("fmemopen");
		exit(2);
	}
	if (!len)
		fgetc(in); /* an empty input: fmemopen needs one byte */
	urc_case_reader *r = urc_case_reader_open(in, "fuzz");
	if (!r) {
		fputs("fuzz: out of memory\n", stderr);
		exit(2);
	}
	static urc_case c;
	static urc_bound b;
	static urc_decision d;
	urc_case_error e;
	int got, n = 0;
	while ((got = urc_case_read(r, &c, &e)) != 0 && n++ < MAX_CASES) {
		if (got < 0 || urc_bind(t, &c, &b, &e) != 0) {
			urc_error_write(sink, n % 2 ? URC_FORMAT_JSON : URC_FORMAT_YAML, &e);
			continue;
		}
		urc_decide(t, &b, &d);
		urc_decision_write(sink, URC_FORMAT_YAML, t, &c, &d);
		urc_decision_write(sink, URC_FORMAT_JSON, t, &c, &d);
		urc_explain_write(sink, t, &b, &d);
	}
	if (n > MAX_CASES) {
		fprintf(stderr, "fuzz: the reader did not end an input of %zu bytes\n", len);
		exit(1);
	}
	urc_case_reader_close(r);
	fclose(in);
}

static size_t mutate(const unsigned char *src, size_t len, unsigned char *dst, size_t cap)
{
	memcpy(dst, src, len);
	size_t n = len;
	int edits = 1 + (int)(next() % 8);
	for (int i = 0; i < edits; i++) {
		size_t at = n ? (size_t)(next() % n) : 0;
		switch (next() % 5) {
		case 0: if (n) dst[at] ^= (unsigned char)(1u << (next() % 8)); break;
		case 1: if (n) dst[at] = (unsigned char)next(); break;
		case 2:
			if (n + 1 < cap) {
				memmove(dst + at + 1, dst + at, n - at);
				dst[at] = "{}[]:,-\"'#\n 0.9e"[next() % 16];
				n++;
			}
			break;
		case 3:
			if (n) {
				memmove(dst + at, dst + at + 1, n - at - 1);
				n--;
			}
			break;
		default: {
			size_t k = 1 + (size_t)(next() % 16);
			if (at + k <= n && n + k < cap) {
				memmove(dst + at + k, dst + at, n - at);
				n += k;
			}
		}
		}
	}
	return n;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: fuzz_review TABLE.urt CASEFILE...\n", stderr);
		return 2;
	}
	rng = fuzz_xorshift64(20260101);
	fuzz_watch_crashes("reading");
	char err[512];
	urc_table *t = urc_table_load(argv[1], err, sizeof err);
	if (!t) {
		fprintf(stderr, "fuzz: %s\n", err);
		return 2;
	}
	FILE *sink = fopen("/dev/null", "w");
	if (!sink)
		return 2;
	for (int i = 2; i < argc; i++) {
		size_t len;
		unsigned char *src = (unsigned char *)fuzz_read_file(argv[i], &len);
		fuzz_describe("%s whole", argv[i]);
		run_cases(t, src, len, sink);
		size_t stride = len > FULL_BYTES ? len / FULL_BYTES : 1;
		for (size_t cut = 0; cut < len; cut += stride) {
			fuzz_describe("%s cut at byte %zu", argv[i], cut);
			run_cases(t, src, cut, sink);
		}
		size_t cap = len * 2 + 256;
		unsigned char *buf = malloc(cap);
		for (int v = 0; buf && v < VARIANTS; v++) {
			/* The variants come from one seeded stream: the same
			 * arguments give the same variants, in the same order. */
			fuzz_describe("%s variant %d (rerun with the same arguments)", argv[i], v);
			run_cases(t, buf, mutate(src, len, buf, cap), sink);
		}
		free(buf);
		free(src);
	}
	/* The table: damaged copies are refused, or decide without a fault. */
	size_t tlen;
	unsigned char *tbytes = (unsigned char *)fuzz_read_file(argv[1], &tlen);
	size_t tcap = tlen + 64;
	unsigned char *tbuf = tbytes ? malloc(tcap) : NULL;
	size_t case_len;
	unsigned char *cases = (unsigned char *)fuzz_read_file(argv[2], &case_len);
	long loaded = 0;
	for (int v = 0; tbuf && v < TABLE_VARIANTS; v++) {
		size_t n;
		if (v % 3 == 0) {
			/* Cut short. */
			n = (size_t)(next() % (tlen + 1));
			memcpy(tbuf, tbytes, n);
		} else if (v % 3 == 1) {
			/* Damaged, then given a matching checksum: only the
			 * loader's structural checks stand between it and a fault. */
			memcpy(tbuf, tbytes, tlen);
			n = tlen;
			for (int k = 0; k < 1 + (int)(next() % 4); k++) {
				size_t at = sizeof(urt_header) + (size_t)(next() % (tlen - sizeof(urt_header)));
				tbuf[at] = next() % 2 ? (unsigned char)next() : 0xFF;
			}
			urt_header h;
			memcpy(&h, tbuf, sizeof h);
			h.checksum = urt_checksum(tbuf, n);
			memcpy(tbuf, &h, sizeof h);
		} else {
			n = mutate(tbytes, tlen, tbuf, tcap);
		}
		inputs++;
		fuzz_describe("damaged table %d of %s, deciding %s (rerun with the same arguments)", v,
		              argv[1], argv[2]);
		urc_table *bad = urc_table_from_memory(tbuf, n, err, sizeof err);
		if (bad) {
			loaded++;
			if (cases)
				run_cases(bad, cases, case_len, sink);
			urc_table_free(bad);
		}
	}
	free(tbuf);
	free(tbytes);
	free(cases);
	fclose(sink);
	urc_table_free(t);
	printf("fuzz: %ld inputs (cases and damaged tables, %ld of which loaded), 0 crashes\n", inputs, loaded);
	return 0;
}
