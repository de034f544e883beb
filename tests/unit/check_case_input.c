/* check_case_input.c — cutting the case reader's input into texts
 * (runtime/case_input.c): the form, each text's exact bytes and first line
 * in JSON Lines and YAML streams, byte order marks, CR/CRLF, the size limit
 * per case, read errors and urc_case_input_fail, trimming, open/close. */
/* fopencookie, for a stream that fails after some bytes */
#define _GNU_SOURCE

#include "ck.h"
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "case_input.h"
#include "suites.h"

enum {
	LIMIT = 1 << 20,     /* TEXT_MAX in case_input.c: bytes of one case's text */
	LINE_KEEP = 1 << 22, /* LINE_KEEP there: a line buffer past this is trimmed */
};

#define TOO_LARGE "the case is too large (more than 1048576 bytes)"

/* ---- the input under test, opened per test and closed by the fixture ---- */

static FILE *in_file;      /* the stream being cut */
static char *in_bytes;     /* the bytes in_file reads (fmemopen) */
static urc_case_input in;  /* the state under test */
static bool in_open;       /* in is open and owns its name and buffers */
static urc_case_error err; /* the last error */
static char *big;          /* a test's large input, freed by the fixture */

static void close_input(void)
{
	if (in_open)
		urc_case_input_close(&in);
	in_open = false;
	if (in_file != NULL)
		ck_assert_int_eq(fclose(in_file), 0);
	in_file = NULL;
	free(in_bytes);
	in_bytes = NULL;
}

/* Opens in over the n bytes at s (which may hold NUL bytes), named name. */
static void open_named(const char *s, size_t n, const char *name)
{
	close_input();
	in_bytes = malloc(n + 1);
	ck_assert_ptr_nonnull(in_bytes);
	memcpy(in_bytes, s, n);
	in_file = n > 0 ? fmemopen(in_bytes, n, "r") : fopen("/dev/null", "r");
	ck_assert_ptr_nonnull(in_file);
	ck_assert_int_eq(urc_case_input_open(&in, in_file, name), 0);
	in_open = true;
}

static void open_len(const char *s, size_t n)
{
	open_named(s, n, "cases.yaml");
}

static void open_text(const char *s)
{
	open_len(s, strlen(s));
}

/* A stream that hands out its bytes and then fails with err_no (which
 * may be 0) where EOF would be, or earlier at fail_at. */
typedef struct flaky {
	const char *data; /* the bytes handed out */
	size_t pos;       /* bytes handed out so far */
	size_t fail_at;   /* reading at or past this fails */
	int err_no;       /* errno the failure leaves */
} flaky;

static flaky flaky_src;

static ssize_t flaky_read(void *cookie, char *buf, size_t size)
{
	flaky *fl = cookie;
	if (fl->pos >= fl->fail_at) {
		errno = fl->err_no;
		return -1;
	}
	size_t n = fl->fail_at - fl->pos < size ? fl->fail_at - fl->pos : size;
	memcpy(buf, fl->data + fl->pos, n);
	fl->pos += n;
	return (ssize_t)n;
}

/* Opens in, named "flaky.jsonl", over the first fail_at bytes of data,
 * after which reading fails with err_no. */
static void open_flaky(const char *data, size_t fail_at, int err_no)
{
	close_input();
	flaky_src = (flaky){ .data = data, .fail_at = fail_at, .err_no = err_no };
	in_file = fopencookie(&flaky_src, "r", (cookie_io_functions_t){ .read = flaky_read });
	ck_assert_ptr_nonnull(in_file);
	ck_assert_int_eq(urc_case_input_open(&in, in_file, "flaky.jsonl"), 0);
	in_open = true;
}

/* The n bytes at s, escaped and shortened, for failure messages (one of
 * two static buffers, so that a message can show two). */
static const char *show(const char *s, size_t n)
{
	static char buf[2][400];
	static int which;
	char *out = buf[which++ % 2];
	size_t o = 0;
	for (size_t i = 0; i < n && o < sizeof buf[0] - 16; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (i == 120) {
			o += (size_t)snprintf(out + o, sizeof buf[0] - o, "...(%zu bytes)", n);
			break;
		}
		if (ch == '\n')
			o += (size_t)snprintf(out + o, sizeof buf[0] - o, "\\n");
		else if (ch == '\r')
			o += (size_t)snprintf(out + o, sizeof buf[0] - o, "\\r");
		else if (ch < 0x20 || ch >= 0x7f || ch == '\\')
			o += (size_t)snprintf(out + o, sizeof buf[0] - o, "\\x%02X", ch);
		else
			out[o++] = (char)ch;
	}
	out[o] = '\0';
	return out;
}

/* Asserts the next text is the n bytes at text, starting at line. */
static void expect_text_len(const char *text, size_t n, long line)
{
	int k = urc_case_input_next(&in, &err);
	ck_assert_msg(k == 1, "expected the text \"%s\" (line %ld), got %d: %s (line %ld)",
	              show(text, n), line, k, err.message, err.line);
	ck_assert_msg(in.text_len == n && memcmp(in.text, text, n) == 0,
	              "expected the text \"%s\"\n          got \"%s\"", show(text, n),
	              show(in.text, in.text_len));
	ck_assert_msg(in.text_line == line, "the text \"%s\" starts at line %ld, not %ld",
	              show(text, n), in.text_line, line);
}

static void expect_text(const char *text, long line)
{
	expect_text_len(text, strlen(text), line);
}

/* Asserts the next text cannot be cut: exactly message at line, and
 * whether that ends the input. */
static void expect_error(const char *message, long line, bool finished)
{
	memset(&err, 0, sizeof err);
	int k = urc_case_input_next(&in, &err);
	ck_assert_msg(k == -1, "expected the error \"%s\", got %d (text \"%s\")", message, k,
	              k == 1 ? show(in.text, in.text_len) : "");
	ck_assert_str_eq(err.message, message);
	ck_assert_int_eq(err.line, line);
	ck_assert_int_eq(in.finished, finished);
	ck_assert_str_eq(err.case_id, "");
	ck_assert_str_eq(err.field, "");
}

/* Asserts the input has ended, and stays ended. */
static void expect_end(void)
{
	int k = urc_case_input_next(&in, &err);
	ck_assert_msg(k == 0, "expected the end, got %d (text \"%s\", error \"%s\")", k,
	              k == 1 ? show(in.text, in.text_len) : "", k < 0 ? err.message : "");
	ck_assert(in.finished);
	ck_assert_int_eq(urc_case_input_next(&in, &err), 0);
}

/* A buffer of n bytes for a test's large input. */
static char *big_buffer(size_t n)
{
	free(big);
	big = malloc(n);
	ck_assert_ptr_nonnull(big);
	return big;
}

static void setup(void)
{
	memset(&err, 0, sizeof err);
}

static void teardown(void)
{
	close_input();
	free(big);
	big = NULL;
}

/* ---- open and close ---- */

START_TEST(open_starts_empty_and_copies_name)
{
	char name[] = "cases.yaml";
	close_input();
	in_file = fopen("/dev/null", "r");
	ck_assert_ptr_nonnull(in_file);
	ck_assert_int_eq(urc_case_input_open(&in, in_file, name), 0);
	in_open = true;
	name[0] = 'X'; /* the input keeps its own copy */
	ck_assert_ptr_eq(in.f, in_file);
	ck_assert_int_eq(in.form, URC_CASE_FORM_UNKNOWN);
	ck_assert(!in.finished);
	ck_assert_int_eq(in.line_no, 0);
	ck_assert_ptr_ne(in.name, name);
	ck_assert_str_eq(in.name, "cases.yaml");
	urc_case_input_fail(&in, &err, "no memory");
	ck_assert_str_eq(err.message, "cannot read cases.yaml: no memory");
}
END_TEST

START_TEST(open_without_name_says_input)
{
	open_named("id: A\n", 6, NULL);
	ck_assert_str_eq(in.name, "<input>");
	urc_case_input_fail(&in, &err, "gone");
	ck_assert_str_eq(err.message, "cannot read <input>: gone");
}
END_TEST

/* close frees what in owns, leaves the stream open and zeroes in, so
 * that closing twice is harmless. */
START_TEST(close_leaves_file_open)
{
	open_text("id: A\n---\nid: B\n");
	expect_text("id: A\n", 1);
	urc_case_input_close(&in);
	in_open = false;
	ck_assert_ptr_null(in.name);
	ck_assert_ptr_null(in.line);
	ck_assert_ptr_null(in.doc);
	ck_assert_ptr_null(in.f);
	ck_assert(!in.held);
	urc_case_input_close(&in);
	rewind(in_file);
	ck_assert_int_eq(fgetc(in_file), 'i');
}
END_TEST

/* ---- the form, decided by the first non-blank line ---- */

static const struct {
	const char *text; /* the whole input: one line */
	urc_case_form form;
} first_lines[] = {
	{ "{\"id\": \"A\"}\n", URC_CASE_FORM_JSONL },
	{ "{\"id\": \"A\"}", URC_CASE_FORM_JSONL },                   /* no line end */
	{ "  {\"id\": \"A\"}  \t\r\n", URC_CASE_FORM_JSONL },         /* blanks around */
	{ "{}\n", URC_CASE_FORM_JSONL },
	{ "{id: A, tags: [x, {y: z}]}\n", URC_CASE_FORM_JSONL },      /* YAML flow, one line */
	{ "{\"a\": [1, {\"b\": [2]}]}\n", URC_CASE_FORM_JSONL },       /* nested */
	{ "{\"a\": \"}\"}\n", URC_CASE_FORM_JSONL },                  /* '}' in a string */
	{ "{\"a\": \"\\\"}\"}\n", URC_CASE_FORM_JSONL },              /* escaped quote */
	{ "{\"a\": \"\\\\\"}\n", URC_CASE_FORM_JSONL },               /* escaped backslash */
	{ "\xEF\xBB\xBF{\"a\": 1}\n", URC_CASE_FORM_JSONL },          /* UTF-8 BOM */
	{ "{\n", URC_CASE_FORM_YAML },                                /* pretty-printed JSON */
	{ "{\"a\": 1,\n", URC_CASE_FORM_YAML },
	{ "{\"a\": \"}\n", URC_CASE_FORM_YAML },                      /* string not closed */
	{ "{\"a\": \"\\\"}\n", URC_CASE_FORM_YAML },                  /* quote escaped, not closing */
	{ "{\"a\": 1} {\"b\": 2}\n", URC_CASE_FORM_YAML },            /* two objects */
	{ "{\"a\": 1}}\n", URC_CASE_FORM_YAML },
	{ "{\"a\": 1} # note\n", URC_CASE_FORM_YAML },
	{ "{\"a\": 1}\r{\"b\": 2}\r", URC_CASE_FORM_YAML },           /* a lone CR ends no line */
	{ "[{\"a\": 1}]\n", URC_CASE_FORM_YAML },
	{ "\"{}\"\n", URC_CASE_FORM_YAML },
	{ "id: A\n", URC_CASE_FORM_YAML },
	{ "# {\"a\": 1}\n", URC_CASE_FORM_YAML },
	{ "--- {\"a\": 1}\n", URC_CASE_FORM_YAML },
	{ "\xFE\xFE{\"a\": 1}\n", URC_CASE_FORM_YAML },               /* not a byte order mark */
};

/* A one-line input comes out whole as one text at line 1, in the form
 * its line decides. */
START_TEST(first_line_decides_form)
{
	const char *t = first_lines[_i].text;
	open_text(t);
	expect_text(t, 1);
	ck_assert_msg(in.form == first_lines[_i].form, "\"%s\" is form %d, expected %d",
	              show(t, strlen(t)), (int)in.form, (int)first_lines[_i].form);
	expect_end();
}
END_TEST

/* Later lines do not change the form. */
START_TEST(form_holds_for_later_lines)
{
	open_text("{\"a\": 1}\nid: B\n  x: [1,\n{\"c\": 3}\n");
	expect_text("{\"a\": 1}\n", 1);
	ck_assert_int_eq(in.form, URC_CASE_FORM_JSONL);
	expect_text("id: B\n", 2);
	expect_text("  x: [1,\n", 3);
	expect_text("{\"c\": 3}\n", 4);
	expect_end();

	open_text("id: A\n{\"b\": 2}\n{\"c\": 3}\n");
	expect_text("id: A\n{\"b\": 2}\n{\"c\": 3}\n", 1);
	ck_assert_int_eq(in.form, URC_CASE_FORM_YAML);
	expect_end();
}
END_TEST

/* A string literal and its length, NUL bytes included. */
#define BYTES(s) { s, sizeof s - 1 }

static const struct {
	const char *text;
	size_t len;
} blank_inputs[] = {
	BYTES(""),    BYTES("\n"),           BYTES("\n\n \t\n\r\n\r"),
	BYTES("   "), BYTES("\xEF\xBB\xBF"), BYTES("\xEF\xBB\xBF\r\n\t\n"),
};

/* Nothing but blanks is no text at all, and no form. */
START_TEST(blank_input_has_no_text)
{
	open_len(blank_inputs[_i].text, blank_inputs[_i].len);
	expect_end();
	ck_assert_int_eq(in.form, URC_CASE_FORM_UNKNOWN);
}
END_TEST

/* ---- JSON Lines ---- */

START_TEST(jsonl_texts_are_lines_past_blanks)
{
	open_text("\n\n{\"a\": 1}\n\n \t\n{\"b\": 2}\n\r\n{\"c\": 3}");
	expect_text("{\"a\": 1}\n", 3);
	ck_assert_int_eq(in.form, URC_CASE_FORM_JSONL);
	expect_text("{\"b\": 2}\n", 6);
	expect_text("{\"c\": 3}", 8);
	expect_end();
}
END_TEST

START_TEST(jsonl_crlf_lines_keep_their_ends)
{
	open_text("{\"a\": 1}\r\n\r\n \t\r\n{\"b\": 2}\r\n");
	expect_text("{\"a\": 1}\r\n", 1);
	expect_text("{\"b\": 2}\r\n", 4);
	expect_end();
	/* a line is cut at '\n' only: a CR-separated '---' stays in its line */
	open_text("{\"a\": 1}\n{\"b\": 2}\r---\r{\"x\": 9}\n{\"c\": 3}\n");
	expect_text("{\"a\": 1}\n", 1);
	expect_text("{\"b\": 2}\r---\r{\"x\": 9}\n", 2);
	expect_text("{\"c\": 3}\n", 3);
	expect_end();
}
END_TEST

/* Only blank lines are passed over: a comment or a '---' is a text for
 * the parser to judge. */
START_TEST(jsonl_comment_and_marker_lines_are_texts)
{
	open_text("{\"a\": 1}\n# note\n---\n...\n{\"b\": 2}\n");
	expect_text("{\"a\": 1}\n", 1);
	expect_text("# note\n", 2);
	expect_text("---\n", 3);
	expect_text("...\n", 4);
	expect_text("{\"b\": 2}\n", 5);
	expect_end();
}
END_TEST

START_TEST(jsonl_keeps_nul_bytes)
{
	static const char text[] = "{\"a\": \"\0\"}\n{\"b\": 2}\n";
	open_len(text, sizeof text - 1);
	expect_text_len("{\"a\": \"\0\"}\n", 11, 1);
	expect_text("{\"b\": 2}\n", 2);
	expect_end();
}
END_TEST

/* ---- YAML: one document or a stream ---- */

START_TEST(yaml_one_document_is_one_text)
{
	open_text("\n \n# the case\nid: A\n\nreceived: 2026-03-02  # today\nrequest:\n  visits: 8\n");
	expect_text("# the case\nid: A\n\nreceived: 2026-03-02  # today\nrequest:\n  visits: 8\n", 3);
	ck_assert_int_eq(in.form, URC_CASE_FORM_YAML);
	expect_end();
	/* pretty-printed JSON */
	open_text("{\n  \"id\": \"A\",\n  \"tags\": [\"x\"]\n}\n");
	expect_text("{\n  \"id\": \"A\",\n  \"tags\": [\"x\"]\n}\n", 1);
	expect_end();
	/* a comment alone is not blank */
	open_text("# nothing here\n");
	expect_text("# nothing here\n", 1);
	expect_end();
	/* the last line needs no line end */
	open_text("id: A\nx: 1");
	expect_text("id: A\nx: 1", 1);
	expect_end();
	/* nor does a marker */
	open_text("id: A\n---");
	expect_text("id: A\n", 1);
	expect_text("---", 2);
	expect_end();
	/* markers indented in a block scalar are text */
	open_text("note: |\n  ---\n  ...\nid: A\n");
	expect_text("note: |\n  ---\n  ...\nid: A\n", 1);
	expect_end();
}
END_TEST

START_TEST(yaml_stream_cut_before_each_start)
{
	open_text("---\nid: A\n---\nid: B\n");
	expect_text("---\nid: A\n", 1);
	expect_text("---\nid: B\n", 3);
	expect_end();
	/* the first document needs no '---'; blank lines stay with the
	 * document before them */
	open_text("id: A\n\n\n---\nid: B\nx: 2\n--- # C\nid: C\n\n");
	expect_text("id: A\n\n\n", 1);
	expect_text("---\nid: B\nx: 2\n", 4);
	expect_text("--- # C\nid: C\n\n", 7);
	expect_end();
}
END_TEST

/* Comments and directives before a '---' belong to the document it
 * starts, at the stream's start and after a '...'. */
START_TEST(yaml_comments_and_directives_join_next_document)
{
	open_text("# head\n\n%YAML 1.2\n---\nid: A\n---\nid: B\n");
	expect_text("# head\n\n%YAML 1.2\n---\nid: A\n", 1);
	expect_text("---\nid: B\n", 6);
	expect_end();
	open_text("id: A\n...\n# about B\n%TAG ! tag:example.com,2026:\n---\nid: B\n");
	expect_text("id: A\n...\n", 1);
	expect_text("# about B\n%TAG ! tag:example.com,2026:\n---\nid: B\n", 3);
	expect_end();
	/* after content, a comment is the document's own */
	open_text("id: A\n# about B\n---\nid: B\n");
	expect_text("id: A\n# about B\n", 1);
	expect_text("---\nid: B\n", 3);
	expect_end();
}
END_TEST

START_TEST(yaml_end_marker_closes_document)
{
	open_text("id: A\n...\nid: B\n...\n\n# tail\n");
	expect_text("id: A\n...\n", 1);
	expect_text("id: B\n...\n", 3);
	expect_text("\n# tail\n", 5);
	expect_end();
	open_text("---\nid: A\n...\n---\nid: B\n...");
	expect_text("---\nid: A\n...\n", 1);
	expect_text("---\nid: B\n...", 4);
	expect_end();
}
END_TEST

/* Empty documents are texts too; the reader passes over them. */
START_TEST(yaml_empty_documents_are_texts)
{
	open_text("---\n---\nid: A\n---\n");
	expect_text("---\n", 1);
	expect_text("---\nid: A\n", 2);
	expect_text("---\n", 4);
	expect_end();
	open_text("---\n...\n---\n");
	expect_text("---\n...\n", 1);
	expect_text("---\n", 3);
	expect_end();
	open_text("id: A\n...\n...\n");
	expect_text("id: A\n...\n", 1);
	expect_text("...\n", 3);
	expect_end();
}
END_TEST

/* What a line is to a YAML stream. */
enum marker { MARK_START, MARK_END, MARK_NONE };

static const struct {
	const char *line;
	enum marker kind;
} marker_lines[] = {
	/* starts: '---' and a blank or the line's end */
	{ "---\n", MARK_START },    { "--- \n", MARK_START },   { "---\t\n", MARK_START },
	{ "---\r\n", MARK_START },  { "---\r\r\n", MARK_START }, { "--- # c\n", MARK_START },
	{ "--- x: 3\n", MARK_START }, { "--- |\n", MARK_START },
	/* ends: '...' the same way */
	{ "...\n", MARK_END },      { "... \n", MARK_END },     { "...\r\n", MARK_END },
	{ "... # c\n", MARK_END },
	/* neither */
	{ "----\n", MARK_NONE },    { "---x\n", MARK_NONE },    { "---#\n", MARK_NONE },
	{ "---\v\n", MARK_NONE },   { " ---\n", MARK_NONE },    { "\t---\n", MARK_NONE },
	{ "--\n", MARK_NONE },      { "- --\n", MARK_NONE },    { "# ---\n", MARK_NONE },
	{ "....\n", MARK_NONE },    { "...x\n", MARK_NONE },    { " ...\n", MARK_NONE },
	{ "..\n", MARK_NONE },
};

/* A marker is three '-' or '.' at column 0, then a blank or the line's
 * end; a start cuts before its line, an end after. */
START_TEST(yaml_marker_forms)
{
	const char *line = marker_lines[_i].line;
	char text[64], second[64];
	snprintf(text, sizeof text, "id: A\n%sid: B\n", line);
	open_text(text);
	switch (marker_lines[_i].kind) {
	case MARK_START:
		expect_text("id: A\n", 1);
		snprintf(second, sizeof second, "%sid: B\n", line);
		expect_text(second, 2);
		break;
	case MARK_END:
		snprintf(second, sizeof second, "id: A\n%s", line);
		expect_text(second, 1);
		expect_text("id: B\n", 3);
		break;
	case MARK_NONE:
		expect_text(text, 1);
		break;
	}
	expect_end();
}
END_TEST

/* Lines end at '\n' only, so a CRLF stream is cut as an LF one and a
 * lone CR neither ends a line nor counts as one. */
START_TEST(yaml_crlf_and_lone_cr)
{
	open_text("id: A\r\n---\r\nid: B\r\n...\r\nid: C\r\n");
	expect_text("id: A\r\n", 1);
	expect_text("---\r\nid: B\r\n...\r\n", 2);
	expect_text("id: C\r\n", 5);
	expect_end();
	open_text("id: A\r---\rid: B\r\n---\nid: C\n");
	expect_text("id: A\r---\rid: B\r\n", 1);
	expect_text("---\nid: C\n", 2);
	expect_end();
	/* blank lines before the first document are not in its text */
	open_text("\r\n\r\nid: A\r\n");
	expect_text("id: A\r\n", 3);
	expect_end();
}
END_TEST

START_TEST(yaml_keeps_nul_bytes)
{
	static const char text[] = "id: \0\n---\nid: B\n";
	open_len(text, sizeof text - 1);
	expect_text_len("id: \0\n", 6, 1);
	expect_text("---\nid: B\n", 2);
	expect_end();
}
END_TEST

/* ---- byte order marks ---- */

static const struct {
	const char *text;
	size_t len;
} utf16_inputs[] = {
	BYTES("\xFF\xFEi\0d\0:\0 \0A\0\n\0"), /* little-endian */
	BYTES("\xFE\xFF\0i\0d\0:\0 \0A\0\n"), /* big-endian */
	BYTES("\xFF\xFE{\0}\0\n\0"),
	BYTES("\xFE\xFF"),                     /* the mark alone */
};

/* UTF-16 is refused at once, in plain words, and ends the input. */
START_TEST(utf16_is_refused)
{
	open_len(utf16_inputs[_i].text, utf16_inputs[_i].len);
	expect_error("cannot read cases.yaml: it is UTF-16; cases must be UTF-8", 1, true);
	expect_end();
}
END_TEST

/* A UTF-8 byte order mark is not looked at when deciding the form, nor
 * taken for a blank; it stays in the first text for the parser. */
START_TEST(utf8_bom_stays_in_first_text)
{
	open_text("\xEF\xBB\xBF{\"a\": 1}\n{\"b\": 2}\n");
	expect_text("\xEF\xBB\xBF{\"a\": 1}\n", 1);
	ck_assert_int_eq(in.form, URC_CASE_FORM_JSONL);
	expect_text("{\"b\": 2}\n", 2);
	expect_end();
	open_text("\xEF\xBB\xBFid: A\n---\nid: B\n");
	expect_text("\xEF\xBB\xBFid: A\n", 1);
	expect_text("---\nid: B\n", 2);
	expect_end();
	/* the mark on a line of its own is a blank line */
	open_text("\xEF\xBB\xBF\r\n\r\n{\"a\": 1}\r\n");
	expect_text("{\"a\": 1}\r\n", 3);
	ck_assert_int_eq(in.form, URC_CASE_FORM_JSONL);
	expect_end();
	/* only the input's first bytes can be the mark */
	open_text("\n\xEF\xBB\xBF{\"a\": 1}\n{\"b\": 2}\n");
	expect_text("\xEF\xBB\xBF{\"a\": 1}\n{\"b\": 2}\n", 2);
	ck_assert_int_eq(in.form, URC_CASE_FORM_YAML);
	expect_end();
}
END_TEST

/* ---- the size limit per case ---- */

/* Writes '{"x":"xxx...x"}\n' of exactly n bytes (n >= 9) at p; returns
 * the bytes written. */
static size_t json_line_of(char *p, size_t n)
{
	memcpy(p, "{\"x\":\"", 6);
	memset(p + 6, 'x', n - 9);
	memcpy(p + n - 3, "\"}\n", 3);
	return n;
}

/* A line of JSON Lines may be LIMIT bytes with its line end, not one
 * more; the line after a refused one is read as usual. */
START_TEST(jsonl_line_limit_is_exact)
{
	char *t = big_buffer(2 * (size_t)LIMIT + 64);
	size_t n = 0;
	n += json_line_of(t + n, 10);
	size_t at_max = n;
	n += json_line_of(t + n, LIMIT);
	n += json_line_of(t + n, LIMIT + 1);
	n += json_line_of(t + n, 11);
	open_len(t, n);
	expect_text_len(t, 10, 1);
	expect_text_len(t + at_max, LIMIT, 2);
	expect_error(TOO_LARGE, 3, false);
	expect_text_len(t + n - 11, 11, 4);
	expect_end();
}
END_TEST

/* A document may be LIMIT bytes, not one more; it is refused at its first
 * line and the next document is read as usual. */
START_TEST(yaml_document_limit_is_exact)
{
	char *t = big_buffer(2 * (size_t)LIMIT + 64);
	size_t n = 0;
	memcpy(t, "a: ", 3);
	memset(t + 3, 'x', LIMIT - 4);
	t[LIMIT - 1] = '\n';
	n = LIMIT; /* line 1: the first document, LIMIT bytes */
	memcpy(t + n, "---\nb: ", 7);
	memset(t + n + 7, 'x', LIMIT - 7);
	n += LIMIT;
	t[n++] = '\n'; /* lines 2-3: LIMIT + 1 bytes */
	memcpy(t + n, "---\nc: 3\n", 9);
	n += 9;
	open_len(t, n);
	expect_text_len(t, LIMIT, 1);
	expect_error(TOO_LARGE, 2, false);
	expect_text("---\nc: 3\n", 4);
	expect_end();
}
END_TEST

/* A document that grows past the limit line by line is skipped up to the
 * next '---', and line numbers go on counting. */
START_TEST(yaml_too_large_skips_to_next_document)
{
	enum { LINES = 1100, WIDTH = 1000 }; /* 1.1 MB */
	char *t = big_buffer((size_t)LINES * WIDTH + 64);
	size_t n = (size_t)sprintf(t, "id: A\n---\n");
	for (int i = 0; i < LINES; i++) {
		memcpy(t + n, "k: ", 3);
		memset(t + n + 3, 'x', WIDTH - 4);
		t[n + WIDTH - 1] = '\n';
		n += WIDTH;
	}
	n += (size_t)sprintf(t + n, "...\nid: B\n");
	open_len(t, n);
	expect_text("id: A\n", 1);
	expect_error(TOO_LARGE, 2, false);
	expect_text("id: B\n", 2 + LINES + 2);
	expect_end();
}
END_TEST

/* Writes a line of n bytes, "k: xxx...x\n", at p; returns n. */
static size_t yaml_line_of(char *p, size_t n)
{
	memcpy(p, "k: ", 3);
	memset(p + 3, 'x', n - 4);
	p[n - 1] = '\n';
	return n;
}

/* After a huge line, reading the next case frees its buffer. */
START_TEST(trim_frees_huge_line_buffer)
{
	size_t huge = (size_t)LINE_KEEP + LINE_KEEP / 4;
	char *t = big_buffer(huge + 64);
	size_t n = (size_t)sprintf(t, "{\"a\": 1}\n");
	n += json_line_of(t + n, huge);
	n += (size_t)sprintf(t + n, "{\"b\": 2}\n");
	open_len(t, n);
	expect_text("{\"a\": 1}\n", 1);
	expect_error(TOO_LARGE, 2, false);
	ck_assert_ptr_null(in.line);
	ck_assert_int_eq(in.line_cap, 0);
	expect_text("{\"b\": 2}\n", 3);
	expect_end();
}
END_TEST

/* A held line survives trimming however large its buffer; a small buffer
 * is kept, and the text in it stays valid. */
START_TEST(trim_keeps_held_line_and_small_buffer)
{
	size_t huge = (size_t)LINE_KEEP + LINE_KEEP / 4;
	char *t = big_buffer(huge + 64);
	size_t n = (size_t)sprintf(t, "---\n");
	n += yaml_line_of(t + n, huge);
	n += (size_t)sprintf(t + n, "---\nid: B\n");
	open_len(t, n);
	expect_error(TOO_LARGE, 1, false);
	ck_assert(in.held); /* the next document's '---' */
	ck_assert_uint_gt(in.line_cap, LINE_KEEP);
	urc_case_input_trim(&in);
	ck_assert_ptr_nonnull(in.line);
	ck_assert_int_eq(memcmp(in.line, "---\n", 4), 0);
	expect_text("---\nid: B\n", 3);
	ck_assert(!in.held);
	urc_case_input_trim(&in);
	ck_assert_ptr_null(in.line);
	ck_assert_int_eq(in.line_cap, 0);
	expect_end();

	open_text("{\"a\": 1}\n{\"b\": 2}\n");
	expect_text("{\"a\": 1}\n", 1);
	const char *line = in.line;
	size_t cap = in.line_cap;
	urc_case_input_trim(&in);
	ck_assert_ptr_eq(in.line, line);
	ck_assert_uint_eq(in.line_cap, cap);
	ck_assert_int_eq(memcmp(in.text, "{\"a\": 1}\n", 9), 0);
	expect_text("{\"b\": 2}\n", 2);
	expect_end();
}
END_TEST

/* ---- failures that end the input ---- */

START_TEST(read_error_at_start)
{
	char want[256];
	close_input();
	in_file = fopen("/dev/null", "w"); /* reading a write-only stream fails */
	ck_assert_ptr_nonnull(in_file);
	ck_assert_int_eq(urc_case_input_open(&in, in_file, "out.yaml"), 0);
	in_open = true;
	snprintf(want, sizeof want, "cannot read out.yaml: %s", strerror(EBADF));
	expect_error(want, 1, true);
	expect_end();
}
END_TEST

/* The error is at the line after the last one read, wherever reading
 * stops: deciding the form, between lines, inside a document. */
START_TEST(read_error_names_next_line)
{
	char want[256];
	snprintf(want, sizeof want, "cannot read flaky.jsonl: %s", strerror(EIO));

	static const char blanks[] = "\n \n{\"a\": 1}\n";
	open_flaky(blanks, 3, EIO);
	expect_error(want, 3, true);
	expect_end();

	static const char lines[] = "{\"a\": 1}\n\n{\"b\": 2}\n";
	open_flaky(lines, 10, EIO);
	expect_text("{\"a\": 1}\n", 1);
	expect_error(want, 3, true);
	expect_end();

	static const char docs[] = "id: A\n---\nid: B\nx: 1\n";
	open_flaky(docs, 16, EIO);
	expect_text("id: A\n", 1);
	expect_error(want, 4, true);
	expect_end();
}
END_TEST

/* A failure that leaves no errno still says something. */
START_TEST(read_error_without_errno)
{
	static const char lines[] = "{\"a\": 1}\n{\"b\": 2}\n";
	open_flaky(lines, 9, 0);
	expect_text("{\"a\": 1}\n", 1);
	expect_error("cannot read flaky.jsonl: read error", 2, true);
	expect_end();
}
END_TEST

/* urc_case_input_fail ends the input at the line after the last one
 * consumed, whatever is left to read. */
START_TEST(fail_ends_input_after_last_line)
{
	open_text("{\"a\": 1}\n\n{\"b\": 2}\n{\"c\": 3}\n");
	urc_case_input_fail(&in, &err, "out of memory");
	ck_assert_str_eq(err.message, "cannot read cases.yaml: out of memory");
	ck_assert_int_eq(err.line, 1);
	ck_assert(in.finished);
	expect_end();

	open_text("{\"a\": 1}\n\n{\"b\": 2}\n{\"c\": 3}\n");
	expect_text("{\"a\": 1}\n", 1);
	expect_text("{\"b\": 2}\n", 3);
	urc_case_input_fail(&in, &err, "out of memory");
	ck_assert_str_eq(err.message, "cannot read cases.yaml: out of memory");
	ck_assert_int_eq(err.line, 4);
	expect_end();

	/* the '---' that ended a document is read but not consumed */
	open_text("id: A\n---\nid: B\n");
	expect_text("id: A\n", 1);
	urc_case_input_fail(&in, &err, "no parser");
	ck_assert_str_eq(err.message, "cannot read cases.yaml: no parser");
	ck_assert_int_eq(err.line, 2);
	expect_end();
}
END_TEST

/* A long name is cut to fit the message, which stays terminated. */
START_TEST(fail_message_fits)
{
	char name[400];
	memset(name, 'n', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	open_named("id: A\n", 6, name);
	memset(err.message, 'z', sizeof err.message);
	urc_case_input_fail(&in, &err, "gone");
	ck_assert_uint_eq(strlen(err.message), sizeof err.message - 1);
	ck_assert_int_eq(strncmp(err.message, "cannot read nnnnnnnn", 20), 0);
	ck_assert_int_eq(err.message[sizeof err.message - 2], 'n');
}
END_TEST

Suite *case_input_suite(void)
{
	Suite *s = suite_create("case_input");
	TCase *tc = tcase_create("open_close");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, open_starts_empty_and_copies_name);
	tcase_add_test(tc, open_without_name_says_input);
	tcase_add_test(tc, close_leaves_file_open);
	suite_add_tcase(s, tc);

	tc = tcase_create("form");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, first_line_decides_form, 0,
	                    (int)(sizeof first_lines / sizeof first_lines[0]));
	tcase_add_test(tc, form_holds_for_later_lines);
	tcase_add_loop_test(tc, blank_input_has_no_text, 0,
	                    (int)(sizeof blank_inputs / sizeof blank_inputs[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("json_lines");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, jsonl_texts_are_lines_past_blanks);
	tcase_add_test(tc, jsonl_crlf_lines_keep_their_ends);
	tcase_add_test(tc, jsonl_comment_and_marker_lines_are_texts);
	tcase_add_test(tc, jsonl_keeps_nul_bytes);
	suite_add_tcase(s, tc);

	tc = tcase_create("yaml");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, yaml_one_document_is_one_text);
	tcase_add_test(tc, yaml_stream_cut_before_each_start);
	tcase_add_test(tc, yaml_comments_and_directives_join_next_document);
	tcase_add_test(tc, yaml_end_marker_closes_document);
	tcase_add_test(tc, yaml_empty_documents_are_texts);
	tcase_add_loop_test(tc, yaml_marker_forms, 0,
	                    (int)(sizeof marker_lines / sizeof marker_lines[0]));
	tcase_add_test(tc, yaml_crlf_and_lone_cr);
	tcase_add_test(tc, yaml_keeps_nul_bytes);
	suite_add_tcase(s, tc);

	tc = tcase_create("byte_order_marks");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, utf16_is_refused, 0,
	                    (int)(sizeof utf16_inputs / sizeof utf16_inputs[0]));
	tcase_add_test(tc, utf8_bom_stays_in_first_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("too_large");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, jsonl_line_limit_is_exact);
	tcase_add_test(tc, yaml_document_limit_is_exact);
	tcase_add_test(tc, yaml_too_large_skips_to_next_document);
	tcase_add_test(tc, trim_frees_huge_line_buffer);
	tcase_add_test(tc, trim_keeps_held_line_and_small_buffer);
	suite_add_tcase(s, tc);

	tc = tcase_create("failures");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, read_error_at_start);
	tcase_add_test(tc, read_error_names_next_line);
	tcase_add_test(tc, read_error_without_errno);
	tcase_add_test(tc, fail_ends_input_after_last_line);
	tcase_add_test(tc, fail_message_fits);
	suite_add_tcase(s, tc);
	return s;
}
