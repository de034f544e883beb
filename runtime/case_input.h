/* case_input.h — the case reader's input cut into texts, one per case: a
 * line of JSON Lines or a document of a YAML stream, found line by line
 * without parsing. Internal to runtime/: case_read.c embeds the state in
 * its reader and parses each text with libyaml; this part needs no libyaml. */
#ifndef URC_CASE_INPUT_H
#define URC_CASE_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "case.h"

/* How the input holds its cases. */
typedef enum urc_case_form {
	URC_CASE_FORM_UNKNOWN, /* nothing read yet */
	URC_CASE_FORM_YAML,    /* one case or a multi-document YAML stream (JSON included) */
	URC_CASE_FORM_JSONL,   /* one JSON object per line */
} urc_case_form;

/* The input and the text of the case being read. */
typedef struct urc_case_input {
	FILE *f;               /* borrowed input */
	char *name;            /* the input's name, owned copy */
	urc_case_form form;    /* decided by the first non-blank line */
	char *line;            /* getline's buffer: the last line read */
	size_t line_cap;       /* its capacity */
	size_t line_len;       /* bytes of the last line, with its '\n' */
	bool held;             /* line is read but not yet consumed */
	bool at_eof;           /* getline has reported the end */
	long line_no;          /* lines consumed so far */
	char *doc;             /* the YAML document being assembled */
	size_t doc_len;        /* its bytes */
	size_t doc_cap;        /* its capacity */
	const char *text;      /* the current case's text: line or doc */
	size_t text_len;       /* its bytes */
	long text_line;        /* 1-based line number of text's first byte */
	bool finished;         /* nothing further can be read */
} urc_case_input;

/* Sets up *in over f (borrowed; never closed here), named name in
 * messages ("<input>" when NULL; copied). Returns 0, or -1 when out of
 * memory: *in then owns nothing. */
int urc_case_input_open(urc_case_input *in, FILE *f, const char *name);

/* Cuts the next case's text; the first call decides the input's form
 * from its first non-blank line. Returns 1 with in->text, in->text_len
 * and in->text_line set (the text is in's: it stays valid until the next
 * call or urc_case_input_trim); 0 at the end of the input, or once
 * in->finished is set; -1 with *err filled (line and message) when this
 * case cannot be cut: too large (reading goes on with the next case), or
 * the input cannot be read at all (a read error, out of memory, UTF-16),
 * which sets in->finished. */
int urc_case_input_next(urc_case_input *in, urc_case_error *err);

/* Fills *err for a failure that ends the input ("cannot read NAME: what",
 * at the line after the last one consumed) and sets in->finished. what
 * is borrowed for the call. */
void urc_case_input_fail(urc_case_input *in, urc_case_error *err, const char *what);

/* Frees a getline buffer that one huge line blew up, unless a line is
 * held. Call only when in->text is no longer read: it may point into
 * that buffer. */
void urc_case_input_trim(urc_case_input *in);

/* Frees what *in owns; f stays open. */
void urc_case_input_close(urc_case_input *in);

#endif
