/* fuzz_common.c — the plumbing the crash fuzzers share: the crash report
 * naming the input, seeded random numbers (splitmix64, xorshift64), a byte
 * buffer, byte-level mutations and finding files in name order.
 */
#include "fuzz_common.h"

#include <dirent.h>
#include <errno.h>
#include <dlfcn.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- what is running, for crash reports ---- */

/* The input being run, described for a crash report. Written before each
 * run so that a signal handler or a sanitizer's death callback can name it
 * with write(2) only. */
static char current[1024];
static size_t current_len;
static const char *doing = ""; /* "checking", "reading"... */
static size_t doing_len;
static double slowest;
static char slowest_what[sizeof current];

void fuzz_describe(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(current, sizeof current, fmt, ap);
	va_end(ap);
	current_len = n < 0 ? 0 : (size_t)n >= sizeof current ? sizeof current - 1 : (size_t)n;
}

const char *fuzz_current(void)
{
	return current;
}

static void report_current(void)
{
	static const char head[] = "\nfuzz: CRASH while ";
	ssize_t w = write(2, head, sizeof head - 1);
	w = write(2, doing, doing_len);
	w = write(2, " ", 1);
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

void fuzz_watch_crashes(const char *what)
{
	doing = what;
	doing_len = strlen(what);
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

double fuzz_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void fuzz_note_time(double seconds)
{
	if (seconds > slowest) {
		slowest = seconds;
		memcpy(slowest_what, current, current_len + 1);
	}
}

double fuzz_slowest(const char **what)
{
	*what = slowest_what;
	return slowest;
}

/* ---- random numbers ---- */

fuzz_rng fuzz_splitmix64(uint64_t seed)
{
	return (fuzz_rng){FUZZ_RNG_SPLITMIX64, seed};
}

fuzz_rng fuzz_xorshift64(uint64_t state)
{
	return (fuzz_rng){FUZZ_RNG_XORSHIFT64, state ? state : 1};
}

uint64_t fuzz_next(fuzz_rng *r)
{
	if (r->kind == FUZZ_RNG_SPLITMIX64) {
		uint64_t z = (r->state += 0x9E3779B97F4A7C15ull);
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
		z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
		return z ^ (z >> 31);
	}
	r->state ^= r->state << 13;
	r->state ^= r->state >> 7;
	r->state ^= r->state << 17;
	return r->state;
}

size_t fuzz_below(fuzz_rng *r, size_t n)
{
	return n ? (size_t)(fuzz_next(r) % n) : 0;
}

uint64_t fuzz_variant_seed(uint64_t base, size_t file, size_t k)
{
	return base * 1000003u + (uint64_t)file * 100003u + k;
}

/* ---- memory and a growable byte buffer ---- */

static void out_of_memory(void)
{
	fputs("fuzz: out of memory\n", stderr);
	exit(2);
}

void *fuzz_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *fuzz_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 4096, n = 0, got;
	char *text = f ? fuzz_xmalloc(cap) : NULL;
	while (f && (got = fread(text + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap) {
			char *bigger = realloc(text, cap *= 2);
			if (!bigger)
				out_of_memory();
			text = bigger;
		}
	}
	if (!f || ferror(f)) {
		fprintf(stderr, "fuzz: cannot read '%s': %s\n", path, strerror(errno ? errno : EIO));
		exit(2);
	}
	fclose(f);
	text[n] = '\0';
	*len = n;
	return text;
}

unsigned long long fuzz_number(const char *s, void (*usage)(void))
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || end == s || *end)
		usage();
	return v;
}

/* Makes room for n bytes in b. */
static void buf_reserve(fuzz_buf *b, size_t n)
{
	if (n <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < n)
		cap *= 2;
	char *p = realloc(b->p, cap);
	if (!p)
		out_of_memory();
	b->p = p;
	b->cap = cap;
}

void fuzz_buf_set(fuzz_buf *b, const char *s, size_t n)
{
	buf_reserve(b, n + 1);
	memcpy(b->p, s, n);
	b->n = n;
}

void fuzz_buf_insert(fuzz_buf *b, size_t at, const char *s, size_t n)
{
	buf_reserve(b, b->n + n + 1);
	memmove(b->p + at + n, b->p + at, b->n - at);
	memcpy(b->p + at, s, n);
	b->n += n;
}

void fuzz_buf_delete(fuzz_buf *b, size_t at, size_t n)
{
	if (at + n > b->n)
		n = b->n - at;
	memmove(b->p + at, b->p + at + n, b->n - at - n);
	b->n -= n;
}

/* ---- mutations ---- */

void fuzz_mutate_bytes(fuzz_buf *b, fuzz_rng *r, const char *const *words, size_t nwords)
{
	size_t at = fuzz_below(r, b->n + 1);
	switch (fuzz_below(r, 7)) {
	case 0: /* flip a bit */
		if (b->n)
			b->p[fuzz_below(r, b->n)] ^= (char)(1u << fuzz_below(r, 8));
		break;
	case 1: /* replace a byte */
		if (b->n)
			b->p[fuzz_below(r, b->n)] = (char)fuzz_below(r, 256);
		break;
	case 2: { /* insert random bytes */
		char bytes[8];
		size_t n = 1 + fuzz_below(r, sizeof bytes);
		for (size_t i = 0; i < n; i++)
			bytes[i] = (char)fuzz_below(r, 256);
		fuzz_buf_insert(b, at, bytes, n);
		break;
	}
	case 3: /* delete a few bytes */
		if (at < b->n)
			fuzz_buf_delete(b, at, 1 + fuzz_below(r, 16));
		break;
	case 4: /* delete a larger stretch */
		if (at < b->n)
			fuzz_buf_delete(b, at, 1 + fuzz_below(r, b->n / 4 + 1));
		break;
	case 5: { /* insert a word */
		const char *w = words[fuzz_below(r, nwords)];
		fuzz_buf_insert(b, at, w, strlen(w));
		break;
	}
	case 6: { /* duplicate a stretch of the file elsewhere */
		if (!b->n)
			break;
		size_t from = fuzz_below(r, b->n), n = 1 + fuzz_below(r, 256);
		if (from + n > b->n)
			n = b->n - from;
		/* A copy: the insertion may move the bytes it copies. */
		char *copy = fuzz_xmalloc(n);
		memcpy(copy, b->p + from, n);
		fuzz_buf_insert(b, at, copy, n);
		free(copy);
		break;
	}
	}
}

/* ---- finding files ---- */

void fuzz_paths_add(fuzz_paths *p, char *s)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->v = realloc(p->v, p->cap * sizeof *p->v);
		if (!p->v)
			out_of_memory();
	}
	p->v[p->n++] = s;
}

void fuzz_paths_free(fuzz_paths *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	*p = (fuzz_paths){0};
}

int fuzz_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* fuzz_find_files, depth folders below the first. */
static int find_files(const char *dir, const char *suffix, fuzz_paths *out, int depth)
{
	if (depth > 32)
		return 0;
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	fuzz_paths here = {0};
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		size_t n = strlen(dir) + strlen(e->d_name) + 2;
		char *p = fuzz_xmalloc(n);
		snprintf(p, n, "%s%s%s", dir, fuzz_ends_with(dir, "/") ? "" : "/", e->d_name);
		fuzz_paths_add(&here, p);
	}
	closedir(d);
	if (here.n > 1)
		qsort(here.v, here.n, sizeof *here.v, cmp_str);
	for (size_t i = 0; i < here.n; i++) {
		struct stat st;
		if (stat(here.v[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			find_files(here.v[i], suffix, out, depth + 1);
			free(here.v[i]);
		} else if (fuzz_ends_with(here.v[i], suffix) && S_ISREG(st.st_mode)) {
			fuzz_paths_add(out, here.v[i]);
		} else {
			free(here.v[i]);
		}
	}
	free(here.v);
	return 0;
}

int fuzz_find_files(const char *dir, const char *suffix, fuzz_paths *out)
{
	return find_files(dir, suffix, out, 0);
}
