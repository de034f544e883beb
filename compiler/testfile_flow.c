/* testfile_flow.c — a test's case written out as flow YAML text, its lines
 * mapped to the test file's, and read back by the runtime's case reader,
 * so a case means in a test exactly what it means to `urc review`. The
 * file's nodes are walked in testfile.c; no libyaml here. */
#include "testfile_flow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

void urc_testfile_flow_put(urc_testfile_flow *f, const char *s, size_t n)
{
	if (f->failed)
		return;
	if (f->len + n + 1 > URC_TESTFILE_FLOW_MAX) {
		f->too_large = true;
		f->failed = true;
		return;
	}
	if (f->len + n + 1 > f->cap) {
		while (f->len + n + 1 > f->cap)
			f->cap = f->cap ? f->cap * 2 : 1024;
		f->buf = urc_xrealloc(f->buf, f->cap);
	}
	memcpy(f->buf + f->len, s, n);
	f->len += n;
	f->buf[f->len] = '\0';
}

static void puts_(urc_testfile_flow *f, const char *s)
{
	urc_testfile_flow_put(f, s, strlen(s));
}

/* The indent keeps '---' and '...' off column 0, where they would end the
 * case. */
void urc_testfile_flow_line(urc_testfile_flow *f, long line)
{
	if (f->nmap == f->map_cap) {
		f->map_cap = f->map_cap ? f->map_cap * 2 : 32;
		f->map = urc_xrealloc(f->map, f->map_cap * sizeof *f->map);
	}
	f->map[f->nmap++] = line;
	if (f->nmap > 1)
		urc_testfile_flow_put(f, "\n  ", 3);
}

/* 1 when the n bytes at s read the same as a plain scalar in flow YAML. */
static bool plain_safe(const char *s, size_t n)
{
	if (n == 0 || (s[0] == '-' && (n < 2 || s[1] == ' ')))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
		      c == '_' || c == '+' || c == '-' || c == '/' || (c == ' ' && i > 0 && i + 1 < n)))
			return false;
	}
	return true;
}

/* A plain value stays plain: its quoting decides whether a number is
 * one. */
void urc_testfile_flow_scalar(urc_testfile_flow *f, const char *s, size_t len, bool plain)
{
	if (plain && plain_safe(s, len)) {
		urc_testfile_flow_put(f, s, len);
		return;
	}
	urc_testfile_flow_put(f, "\"", 1);
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)s[i];
		char esc[16];
		size_t skip = 0;
		if (b == '"' || b == '\\') {
			snprintf(esc, sizeof esc, "\\%c", b);
			skip = 1;
		} else if (b < 0x20 || b == 0x7F) {
			snprintf(esc, sizeof esc, "\\x%02X", b);
			skip = 1;
		} else if (b == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
		           (unsigned char)s[i + 1] < 0xA0) {
			snprintf(esc, sizeof esc, "\\u%04X", (unsigned char)s[i + 1]);
			skip = 2;
		} else if (b == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		           ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
			snprintf(esc, sizeof esc, "\\u%04X", 0x2000 | ((unsigned char)s[i + 2] & 0x3F));
			skip = 3;
		} else if (b == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBB &&
		           (unsigned char)s[i + 2] == 0xBF) {
			snprintf(esc, sizeof esc, "\\uFEFF");
			skip = 3;
		}
		if (!skip)
			continue;
		urc_testfile_flow_put(f, s + run, i - run);
		puts_(f, esc);
		i += skip - 1;
		run = i + 1;
	}
	urc_testfile_flow_put(f, s + run, len - run);
	urc_testfile_flow_put(f, "\"", 1);
}

void urc_testfile_flow_note(urc_testfile_flow *f, const char *path, long line)
{
	urc_testfile_case *tc = f->tc;
	if (strlen(path) >= sizeof tc->fields[0].path)
		return;
	if (tc->nfields == f->fields_cap) {
		f->fields_cap = f->fields_cap ? f->fields_cap * 2 : 16;
		tc->fields = urc_xrealloc(tc->fields, f->fields_cap * sizeof *tc->fields);
	}
	snprintf(tc->fields[tc->nfields].path, sizeof tc->fields[0].path, "%s", path);
	tc->fields[tc->nfields++].line = line;
}

/* The file's line of line l of the case's text. */
static long mapped(const urc_testfile_flow *f, long l)
{
	if (l >= 1 && (size_t)l <= f->nmap)
		return f->map[l - 1];
	return f->nmap ? f->map[0] : 0;
}

int urc_testfile_flow_read(urc_testfile_flow *f, const char *name, urc_case_error *err)
{
	urc_testfile_case *tc = f->tc;
	FILE *in = fmemopen(f->buf, f->len, "r");
	if (!in)
		urc_oom();
	urc_case_reader *cr = urc_case_reader_open(in, name);
	if (!cr)
		urc_oom();
	int k = urc_case_read(cr, &tc->c, err);
	if (k < 0)
		err->line = mapped(f, err->line);
	else if (k > 0)
		tc->c.line = mapped(f, tc->c.line);
	urc_case_reader_close(cr);
	(void)fclose(in); /* a stream read from memory: nothing to flush or lose */
	return k;
}

void urc_testfile_flow_free(urc_testfile_flow *f)
{
	free(f->buf);
	free(f->map);
	f->buf = NULL;
	f->map = NULL;
}
