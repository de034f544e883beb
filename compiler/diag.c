/* diag.c — recording and printing diagnostics (see diag.h).
 * Line tables are built the first time a file's position is asked for, so
 * a clean compilation never pays for them. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct urc_diag_note_rec urc_diag_note_rec;

struct urc_diag_note_rec {
	urc_diag_note_rec *next; /* next note of the same message */
	urc_severity sev;        /* URC_SEV_NOTE or URC_SEV_HELP */
	urc_span span;           /* place, or file URC_NO_FILE */
	const char *text;        /* message (arena) */
};

struct urc_diag_msg {
	urc_severity sev;         /* error or warning */
	urc_span span;            /* where */
	const char *text;         /* message (arena) */
	uint32_t seq;             /* order recorded, to keep sorting stable */
	urc_diag_note_rec *notes; /* in the order attached */
	urc_diag_note_rec *last;  /* tail of notes */
};

void urc_diag_init(urc_diag *d)
{
	memset(d, 0, sizeof *d);
	urc_arena_init(&d->arena);
}

void urc_diag_free(urc_diag *d)
{
	for (uint32_t i = 0; i < d->nfiles; i++) {
		free(d->files[i].name);
		free(d->files[i].text);
		free(d->files[i].line_start);
	}
	free(d->files);
	free(d->msgs);
	urc_arena_free(&d->arena);
	memset(d, 0, sizeof *d);
}

uint32_t urc_diag_add_file(urc_diag *d, const char *name, char *text,
                           uint32_t len)
{
	if (d->nfiles == d->files_cap) {
		d->files_cap = d->files_cap ? d->files_cap * 2 : 16;
		d->files = urc_xrealloc(d->files, d->files_cap * sizeof *d->files);
	}
	urc_diag_file *f = &d->files[d->nfiles];
	size_t n = strlen(name);
	f->name = urc_xmalloc(n + 1);
	memcpy(f->name, name, n + 1);
	f->text = text;
	f->len = len;
	f->line_start = NULL;
	f->nlines = 0;
	return d->nfiles++;
}

static const char *vformat(urc_diag *d, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *p = urc_arena_alloc(&d->arena, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

static int add_msg(urc_diag *d, urc_severity sev, urc_span span,
                   const char *text)
{
	if (d->nmsgs == d->msgs_cap) {
		d->msgs_cap = d->msgs_cap ? d->msgs_cap * 2 : 16;
		d->msgs = urc_xrealloc(d->msgs, d->msgs_cap * sizeof *d->msgs);
	}
	urc_diag_msg *m = &d->msgs[d->nmsgs];
	m->sev = sev;
	m->span = span;
	m->text = text;
	m->seq = d->nmsgs;
	m->notes = m->last = NULL;
	return (int)d->nmsgs++;
}

int urc_diag_error(urc_diag *d, urc_span span, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *text = vformat(d, fmt, ap);
	va_end(ap);
	d->errors++;
	return add_msg(d, URC_SEV_ERROR, span, text);
}

int urc_diag_warning(urc_diag *d, urc_span span, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *text = vformat(d, fmt, ap);
	va_end(ap);
	if (d->werror) {
		/* Say where the error came from, as compilers do. */
		size_t n = strlen(text);
		char *t = urc_arena_alloc(&d->arena, n + 12);
		memcpy(t, text, n);
		memcpy(t + n, " [-Werror]", 11);
		d->errors++;
		d->promoted++;
		return add_msg(d, URC_SEV_ERROR, span, t);
	}
	d->warnings++;
	return add_msg(d, URC_SEV_WARNING, span, text);
}

static void attach(urc_diag *d, int msg, urc_severity sev, urc_span span,
                   const char *text)
{
	if (msg < 0 || (uint32_t)msg >= d->nmsgs)
		return;
	urc_diag_msg *m = &d->msgs[msg];
	urc_diag_note_rec *n = urc_arena_alloc(&d->arena, sizeof *n);
	n->sev = sev;
	n->span = span;
	n->text = text;
	if (m->last)
		m->last->next = n;
	else
		m->notes = n;
	m->last = n;
}

void urc_diag_note(urc_diag *d, int msg, urc_span span, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *text = vformat(d, fmt, ap);
	va_end(ap);
	attach(d, msg, URC_SEV_NOTE, span, text);
}

void urc_diag_help(urc_diag *d, int msg, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *text = vformat(d, fmt, ap);
	va_end(ap);
	urc_span none = {URC_NO_FILE, 0, 0};
	attach(d, msg, URC_SEV_HELP, none, text);
}

/* ---- positions ---- */

static void build_lines(urc_diag_file *f)
{
	uint32_t n = 1;
	for (uint32_t i = 0; i < f->len; i++)
		if (f->text[i] == '\n')
			n++;
	f->line_start = urc_xmalloc(n * sizeof *f->line_start);
	f->line_start[0] = 0;
	uint32_t k = 1;
	for (uint32_t i = 0; i < f->len; i++)
		if (f->text[i] == '\n')
			f->line_start[k++] = i + 1;
	f->nlines = n;
}

static uint32_t line_index(urc_diag_file *f, uint32_t offset)
{
	if (!f->line_start)
		build_lines(f);
	uint32_t lo = 0, hi = f->nlines;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (f->line_start[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Counts characters (not UTF-8 continuation bytes) in text[a, b). */
static uint32_t char_count(const char *text, uint32_t a, uint32_t b)
{
	uint32_t n = 0;
	for (uint32_t i = a; i < b; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			n++;
	return n;
}

urc_diag_pos urc_diag_position(urc_diag *d, uint32_t file, uint32_t offset)
{
	urc_diag_pos pos = {0, 0};
	if (file >= d->nfiles)
		return pos;
	urc_diag_file *f = &d->files[file];
	if (offset > f->len)
		offset = f->len;
	uint32_t li = line_index(f, offset);
	pos.line = li + 1;
	pos.column = char_count(f->text, f->line_start[li], offset) + 1;
	return pos;
}

/* ---- text output ---- */

typedef struct style {
	const char *bold, *reset, *error, *warning, *note, *help, *caret;
} style;

static const style plain = {"", "", "", "", "", "", ""};
static const style ansi = {"\033[1m",    "\033[0m",    "\033[1;31m",
                           "\033[1;35m", "\033[1;36m", "\033[1;32m",
                           "\033[1;32m"};

static const char *sev_name(urc_severity s)
{
	switch (s) {
	case URC_SEV_ERROR: return "error";
	case URC_SEV_WARNING: return "warning";
	case URC_SEV_NOTE: return "note";
	case URC_SEV_HELP: return "help";
	}
	return "error";
}

static const char *sev_color(const style *st, urc_severity s)
{
	switch (s) {
	case URC_SEV_ERROR: return st->error;
	case URC_SEV_WARNING: return st->warning;
	case URC_SEV_NOTE: return st->note;
	case URC_SEV_HELP: return st->help;
	}
	return st->error;
}

/* Prints the source line holding span.start, and under it a caret at the
 * start and tildes to the span's end (or the line's end). Tabs in the
 * source are copied into the caret line so the caret stays aligned. */
static void print_excerpt(urc_diag *d, FILE *out, const style *st,
                          urc_span span)
{
	urc_diag_file *f = &d->files[span.file];
	uint32_t start = span.start > f->len ? f->len : span.start;
	uint32_t li = line_index(f, start);
	uint32_t ls = f->line_start[li];
	uint32_t le = ls;
	while (le < f->len && f->text[le] != '\n' && f->text[le] != '\r')
		le++;
	uint32_t end = span.end > le ? le : span.end;
	if (end < start)
		end = start;
	/* A very long line is shown as a window around the caret. */
	enum { BEFORE = 60, WIDTH = 160 };
	uint32_t ws = ls, we = le;
	if (le - ls > WIDTH) {
		ws = start > ls + BEFORE ? start - BEFORE : ls;
		while (ws > ls && ((unsigned char)f->text[ws] & 0xC0) == 0x80)
			ws--;
		we = ws + WIDTH < le ? ws + WIDTH : le;
		while (we < le && ((unsigned char)f->text[we] & 0xC0) == 0x80)
			we++;
		if (end > we)
			end = we;
	}
	char num[16];
	int w = snprintf(num, sizeof num, "%u", li + 1);
	if (w < 4)
		w = 4;
	fprintf(out, " %*u | %s", w, li + 1, ws > ls ? "..." : "");
	for (uint32_t i = ws; i < we; i++) {
		unsigned char c = (unsigned char)f->text[i];
		/* Control bytes would garble the terminal: show them as '?'. */
		fputc(c < 0x20 && c != '\t' ? '?' : c, out);
	}
	fprintf(out, "%s\n", we < le ? "..." : "");
	fprintf(out, " %*s | %s", w, "", ws > ls ? "   " : "");
	for (uint32_t i = ws; i < start; i++) {
		unsigned char c = (unsigned char)f->text[i];
		if ((c & 0xC0) == 0x80)
			continue;
		fputc(c == '\t' ? '\t' : ' ', out);
	}
	fprintf(out, "%s^", st->caret);
	uint32_t chars = char_count(f->text, start, end);
	for (uint32_t i = 1; i < chars; i++)
		fputc('~', out);
	fprintf(out, "%s\n", st->reset);
}

static void print_located(urc_diag *d, FILE *out, const style *st,
                          urc_severity sev, urc_span span, const char *text)
{
	if (span.file < d->nfiles) {
		urc_diag_pos p = urc_diag_position(d, span.file, span.start);
		fprintf(out, "%s%s:%u:%u:%s ", st->bold, d->files[span.file].name,
		        p.line, p.column, st->reset);
	} else {
		fprintf(out, "%surc:%s ", st->bold, st->reset);
	}
	fprintf(out, "%s%s:%s %s%s%s\n", sev_color(st, sev), sev_name(sev),
	        st->reset, st->bold, text, st->reset);
	if (span.file < d->nfiles)
		print_excerpt(d, out, st, span);
}

static int cmp_msg(const void *a, const void *b)
{
	const urc_diag_msg *x = a, *y = b;
	/* Messages with no place come first, then by file, offset, record. */
	uint64_t fx = x->span.file == URC_NO_FILE ? 0 : (uint64_t)x->span.file + 1;
	uint64_t fy = y->span.file == URC_NO_FILE ? 0 : (uint64_t)y->span.file + 1;
	if (fx != fy)
		return fx < fy ? -1 : 1;
	if (x->span.start != y->span.start)
		return x->span.start < y->span.start ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void sort_msgs(urc_diag *d)
{
	if (d->nmsgs > 1)
		qsort(d->msgs, d->nmsgs, sizeof *d->msgs, cmp_msg);
}

void urc_diag_print(urc_diag *d, FILE *out, bool color)
{
	const style *st = color ? &ansi : &plain;
	sort_msgs(d);
	for (uint32_t i = 0; i < d->nmsgs; i++) {
		urc_diag_msg *m = &d->msgs[i];
		print_located(d, out, st, m->sev, m->span, m->text);
		for (urc_diag_note_rec *n = m->notes; n; n = n->next) {
			if (n->sev == URC_SEV_HELP || n->span.file >= d->nfiles)
				fprintf(out, "      = %s%s:%s %s\n", sev_color(st, n->sev),
				        sev_name(n->sev), st->reset, n->text);
			else
				print_located(d, out, st, n->sev, n->span, n->text);
		}
	}
}

/* ---- JSON output ---- */

void urc_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default:
			if (*p < 0x20)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

static void json_place(urc_diag *d, FILE *out, urc_span span)
{
	if (span.file >= d->nfiles) {
		fputs("\"file\":null", out);
		return;
	}
	urc_diag_pos a = urc_diag_position(d, span.file, span.start);
	urc_diag_pos b = urc_diag_position(d, span.file, span.end);
	fputs("\"file\":", out);
	urc_json_string(out, d->files[span.file].name);
	fprintf(out,
	        ",\"line\":%u,\"column\":%u,\"end_line\":%u,\"end_column\":%u,"
	        "\"offset\":%u,\"length\":%u",
	        a.line, a.column, b.line, b.column, span.start,
	        span.end > span.start ? span.end - span.start : 0);
}

void urc_diag_print_json(urc_diag *d, FILE *out)
{
	sort_msgs(d);
	fputs("[", out);
	for (uint32_t i = 0; i < d->nmsgs; i++) {
		urc_diag_msg *m = &d->msgs[i];
		fputs(i ? ",\n {" : "\n {", out);
		fputs("\"severity\":", out);
		urc_json_string(out, sev_name(m->sev));
		fputc(',', out);
		json_place(d, out, m->span);
		fputs(",\"message\":", out);
		urc_json_string(out, m->text);
		fputs(",\"notes\":[", out);
		for (urc_diag_note_rec *n = m->notes; n; n = n->next) {
			fputs(n == m->notes ? "{" : ",{", out);
			fputs("\"severity\":", out);
			urc_json_string(out, sev_name(n->sev));
			fputc(',', out);
			json_place(d, out, n->span);
			fputs(",\"message\":", out);
			urc_json_string(out, n->text);
			fputc('}', out);
		}
		fputs("]}", out);
	}
	fputs(d->nmsgs ? "\n]\n" : "]\n", out);
}
