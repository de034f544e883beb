/* fuzz_common.h — the plumbing the crash fuzzers share: naming the input
 * that crashed, seeded random numbers, a growable byte buffer, byte-level
 * mutations and finding input files. Links with neither urc library, so
 * the runtime's fuzzer can use it beside liburc alone.
 */
#ifndef URC_FUZZ_COMMON_H
#define URC_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* ---- what is running, for crash reports ---- */

/* Describes the input about to run (printf-style; cut at 1023 bytes), for
 * a crash report and for fuzz_note_time(). */
void fuzz_describe(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The last description (borrowed; rewritten by the next fuzz_describe). */
const char *fuzz_current(void);

/* From now on a crash (a sanitizer's report, or a fatal signal when no
 * sanitizer is linked) first writes "fuzz: CRASH while DOING " and the
 * current description to standard error. doing is borrowed: it must live
 * as long as the process. */
void fuzz_watch_crashes(const char *doing);

/* Seconds on a monotonic clock. */
double fuzz_now(void);

/* Notes that the current input took seconds; the slowest is kept. */
void fuzz_note_time(double seconds);

/* The slowest time noted (0 when none), and in *what its description
 * (borrowed; "" when none). */
double fuzz_slowest(const char **what);

/* ---- random numbers: one seed gives one variant ---- */

typedef enum fuzz_rng_kind {
	FUZZ_RNG_SPLITMIX64,
	FUZZ_RNG_XORSHIFT64,
} fuzz_rng_kind;

typedef struct fuzz_rng {
	fuzz_rng_kind kind; /* the generator that steps state */
	uint64_t state;     /* its state; never 0 for xorshift64 */
} fuzz_rng;

/* A splitmix64 generator starting at seed. */
fuzz_rng fuzz_splitmix64(uint64_t seed);

/* An xorshift64 generator starting at state (0, which xorshift never
 * leaves, becomes 1). Its first outputs from close states are close too:
 * scatter neighbouring seeds first where that matters. */
fuzz_rng fuzz_xorshift64(uint64_t state);

/* The next number of r. */
uint64_t fuzz_next(fuzz_rng *r);

/* A number of r in [0, n); 0 when n is 0. */
size_t fuzz_below(fuzz_rng *r, size_t n);

/* The seed of variant k of file number file, for base seed base. */
uint64_t fuzz_variant_seed(uint64_t base, size_t file, size_t k);

/* ---- memory and a growable byte buffer ---- */

/* malloc that never returns NULL: out of memory ends the process (status
 * 2). A size of 0 is allocated as 1 byte. The caller frees. */
void *fuzz_xmalloc(size_t n);

/* The whole file at path, NUL-terminated (the caller frees), its size in
 * *len; a file that cannot be read ends the process (status 2) with
 * "fuzz: cannot read 'PATH': REASON". */
char *fuzz_read_file(const char *path, size_t *len);

/* The number s (decimal, or 0x hex), or usage() when s is not one. */
unsigned long long fuzz_number(const char *s, void (*usage)(void));

typedef struct fuzz_buf {
	char *p;  /* the bytes (owned; free(p) when done), room for one more */
	size_t n; /* bytes in use */
	size_t cap; /* bytes allocated */
} fuzz_buf;

/* Makes the buffer the n bytes at s. Out of memory ends the process, as
 * in every fuzz_buf function. */
void fuzz_buf_set(fuzz_buf *b, const char *s, size_t n);

/* Inserts the n bytes at s before offset at (at <= b->n); s must not point
 * into b. */
void fuzz_buf_insert(fuzz_buf *b, size_t at, const char *s, size_t n);

/* Deletes up to n bytes from offset at (at <= b->n). */
void fuzz_buf_delete(fuzz_buf *b, size_t at, size_t n);

/* ---- mutations ---- */

/* One byte-level edit of b, drawn from r: a bit flipped, a byte replaced,
 * random bytes inserted, a few bytes or a longer stretch deleted, one of
 * the nwords words inserted, or a stretch duplicated elsewhere. */
void fuzz_mutate_bytes(fuzz_buf *b, fuzz_rng *r, const char *const *words, size_t nwords);

/* ---- finding files ---- */

typedef struct fuzz_paths {
	char **v;   /* the paths (owned, each malloc'd) */
	size_t n;   /* paths in v */
	size_t cap; /* room in v */
} fuzz_paths;

/* Appends s to p, which takes it. */
void fuzz_paths_add(fuzz_paths *p, char *s);

/* Frees every path and the list; p is empty after. */
void fuzz_paths_free(fuzz_paths *p);

/* Whether s ends with suffix. */
int fuzz_ends_with(const char *s, const char *suffix);

/* Adds the regular files named *suffix under dir (recursively, at most 32
 * folders deep, in name order; names starting with '.' skipped) to out.
 * Returns -1, with errno set, when dir cannot be listed; folders below it
 * that cannot be listed are passed over. */
int fuzz_find_files(const char *dir, const char *suffix, fuzz_paths *out);

#endif
