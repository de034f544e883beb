/* case_input.c — cuts the case reader's input into one text per case,
 * line by line and without parsing: decides whether the input is one YAML
 * document, a YAML stream or JSON Lines, then cuts the next line of JSON
 * Lines or the next document of the stream. Needs no libyaml. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "case_input.h"

enum {
	TEXT_MAX = 1 << 20,      /* bytes of one case's text (a line or a document) */
	LINE_KEEP = 1 << 22,     /* a getline buffer grown past this is freed */
};

/* ---- the input, line by line ---- */

/* Makes the next line available in in->line without consuming it. Returns 1,
 * 0 at the end of the input, or -1 when reading failed (errno says why). */
static int peek_line(urc_case_input *in)
{
	if (in->held)
		return 1;
	if (in->at_eof)
		return 0;
	errno = 0;
	ssize_t n = getline(&in->line, &in->line_cap, in->f);
	if (n < 0) {
		if (ferror(in->f) || !feof(in->f)) /* !feof: getline ran out of memory */
			return -1;
		in->at_eof = true;
		return 0;
	}
	in->line_len = (size_t)n;
	in->held = true;
	return 1;
}

/* Marks the peeked line as used, counting it. */
static void consume_line(urc_case_input *in)
{
	in->held = false;
	in->line_no++;
}

/* 1 when the n bytes at s hold only spaces, tabs and line breaks. */
static bool is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

/* 1 when the line is blank or only a comment: nothing of a document. */
static bool is_blank_or_comment(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i == n || s[i] == '#' || is_blank(s + i, n - i);
}

/* 1 when the line is a YAML document marker: three of c ('-' for the
 * start, '.' for the end) at column 0, then a blank or the line's end.
 * libyaml takes such a line as a marker in any context. */
static bool is_marker(const char *s, size_t n, char c)
{
	if (n < 3 || s[0] != c || s[1] != c || s[2] != c)
		return false;
	return n == 3 || s[3] == ' ' || s[3] == '\t' || s[3] == '\r' || s[3] == '\n';
}

/* 1 when the n bytes at s, starting at a '{', close that object within the
 * line and hold nothing after it but blanks: the first line of JSON Lines.
 * Strings are JSON's, double-quoted with backslash escapes. */
static bool is_one_object(const char *s, size_t n)
{
	long depth = 0;
	bool in_string = false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (in_string) {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				in_string = false;
			continue;
		}
		switch (ch) {
		case '"':
			in_string = true;
			break;
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			if (--depth <= 0)
				return depth == 0 && is_blank(s + i + 1, n - i - 1);
			break;
		case '\n':
			return false;
		default:
			break;
		}
	}
	return false;
}

/* Decides the input's form from its first non-blank line, which stays
 * held; blank lines before it are consumed. Returns 1, 0 when the input
 * holds nothing but blanks, 2 when it is UTF-16 (by its byte order mark;
 * the line-by-line cutting needs UTF-8), -1 when reading failed. */
static int detect_form(urc_case_input *in)
{
	for (;;) {
		int k = peek_line(in);
		if (k <= 0)
			return k;
		const char *s = in->line;
		size_t n = in->line_len;
		if (in->line_no == 0 && n >= 2 &&
		    (memcmp(s, "\xFF\xFE", 2) == 0 || memcmp(s, "\xFE\xFF", 2) == 0))
			return 2;
		if (in->line_no == 0 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
			s += 3; /* a UTF-8 byte order mark is not content */
			n -= 3;
		}
		size_t i = 0;
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
			i++;
		if (i == n) {
			consume_line(in);
			continue;
		}
		in->form = s[i] == '{' && is_one_object(s + i, n - i) ? URC_CASE_FORM_JSONL : URC_CASE_FORM_YAML;
		return 1;
	}
}

/* Appends the held line to in->doc. Returns 0, or -1 when out of memory. */
static int append_line(urc_case_input *in)
{
	size_t need = in->doc_len + in->line_len;
	if (need > in->doc_cap) {
		size_t cap = in->doc_cap ? in->doc_cap : 4096;
		while (cap < need)
			cap *= 2;
		char *p = realloc(in->doc, cap);
		if (p == NULL)
			return -1;
		in->doc = p;
		in->doc_cap = cap;
	}
	memcpy(in->doc + in->doc_len, in->line, in->line_len);
	in->doc_len = need;
	return 0;
}

/* Fills *err for a failure that ends the input: reading it, or memory. */
void urc_case_input_fail(urc_case_input *in, urc_case_error *err, const char *what)
{
	in->finished = true;
	err->line = in->line_no + 1;
	snprintf(err->message, sizeof err->message, "cannot read %s: %s", in->name, what);
}

/* The next line of JSON Lines that is not blank, as in->text. Returns 1,
 * 0 at the end, -1 with *err filled. */
static int next_json_line(urc_case_input *in, urc_case_error *err)
{
	for (;;) {
		int k = peek_line(in);
		if (k < 0) {
			urc_case_input_fail(in, err, errno ? strerror(errno) : "read error");
			return -1;
		}
		if (k == 0)
			return 0;
		consume_line(in);
		if (is_blank(in->line, in->line_len))
			continue;
		if (in->line_len > TEXT_MAX) {
			err->line = in->line_no;
			snprintf(err->message, sizeof err->message,
			         "the case is too large (more than %d bytes)", TEXT_MAX);
			return -1;
		}
		in->text = in->line;
		in->text_len = in->line_len;
		in->text_line = in->line_no;
		return 1;
	}
}

/* The next document of a YAML stream, as in->text: lines up to the next
 * '---' that follows content or a '---', or through a '...' line.
 * Directives and comments before a '---' go with the document it starts.
 * Returns 1, 0 at the end, -1 with *err filled. */
static int next_document(urc_case_input *in, urc_case_error *err)
{
	bool content = false, started = false, too_large = false;
	long first = 0;
	in->doc_len = 0;
	for (;;) {
		int k = peek_line(in);
		if (k < 0) {
			urc_case_input_fail(in, err, errno ? strerror(errno) : "read error");
			return -1;
		}
		if (k == 0)
			break;
		const char *s = in->line;
		size_t n = in->line_len;
		bool start = is_marker(s, n, '-');
		if (start && (content || started))
			break; /* the line starts the next document */
		if (start)
			started = true;
		else if (!content && s[0] != '%' && !is_blank_or_comment(s, n))
			content = true;
		consume_line(in);
		if (first == 0)
			first = in->line_no;
		if (in->doc_len + n > TEXT_MAX)
			too_large = true;
		if (!too_large && append_line(in) != 0) {
			urc_case_input_fail(in, err, "out of memory");
			return -1;
		}
		if (is_marker(s, n, '.'))
			break;
	}
	if (first == 0)
		return 0;
	if (too_large) {
		err->line = first;
		snprintf(err->message, sizeof err->message,
		         "the case is too large (more than %d bytes)", TEXT_MAX);
		return -1;
	}
	in->text = in->doc;
	in->text_len = in->doc_len;
	in->text_line = first;
	return 1;
}

/* Shrinks a getline buffer that one huge line blew up. */
void urc_case_input_trim(urc_case_input *in)
{
	if (!in->held && in->line_cap > LINE_KEEP) {
		free(in->line);
		in->line = NULL;
		in->line_cap = 0;
	}
}

/* ---- the input's texts ---- */

int urc_case_input_open(urc_case_input *in, FILE *f, const char *name)
{
	*in = (urc_case_input){ .f = f, .form = URC_CASE_FORM_UNKNOWN };
	in->name = strdup(name ? name : "<input>");
	return in->name == NULL ? -1 : 0;
}

/* Returns 1, 0 or -1 as case_input.h says. */
int urc_case_input_next(urc_case_input *in, urc_case_error *err)
{
	if (in->finished)
		return 0;
	if (in->form == URC_CASE_FORM_UNKNOWN) {
		int k = detect_form(in);
		if (k < 0) {
			urc_case_input_fail(in, err, errno ? strerror(errno) : "read error");
			return -1;
		}
		if (k == 0) {
			in->finished = true;
			return 0;
		}
		if (k == 2) {
			urc_case_input_fail(in, err, "it is UTF-16; cases must be UTF-8");
			return -1;
		}
	}
	int k = in->form == URC_CASE_FORM_JSONL ? next_json_line(in, err) : next_document(in, err);
	if (k == 0)
		in->finished = true;
	if (k <= 0)
		urc_case_input_trim(in);
	return k;
}

void urc_case_input_close(urc_case_input *in)
{
	free(in->line);
	free(in->doc);
	free(in->name);
	*in = (urc_case_input){ .f = NULL };
}
