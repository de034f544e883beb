/* yaml_only.c — the floor under `urc review` on JSON Lines: libyaml alone
 * parsing the file the way runtime/case_read.c reads it, and nothing else.
 *
 *   yaml_only CASES.jsonl
 *
 * Like the case reader, it reads the file line by line with getline, skips
 * blank lines, and gives each line its own libyaml parser over the line's
 * bytes (yaml_parser_set_input_string), pulling every event up to the
 * STREAM-END. No case is built, bound, decided or printed. Prints the
 * lines and events seen; exit status 0, or 2 when the file cannot be read
 * or a line is not valid YAML (JSON). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <yaml.h>

/* 1 when the n bytes at s hold only spaces, tabs and line breaks. */
static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: yaml_only CASES.jsonl\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		fprintf(stderr, "yaml_only: cannot read %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lines = 0, docs = 0, events = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lines++;
		if (is_blank(line, (size_t)len))
			continue;
		yaml_parser_t p;
		if (!yaml_parser_initialize(&p)) {
			fprintf(stderr, "yaml_only: out of memory\n");
			return 2;
		}
		yaml_parser_set_input_string(&p, (const unsigned char *)line, (size_t)len);
		for (;;) {
			yaml_event_t ev;
			if (!yaml_parser_parse(&p, &ev)) {
				fprintf(stderr, "yaml_only: %s:%ld: %s\n", argv[1], lines,
				        p.problem ? p.problem : "parse error");
				return 2;
			}
			events++;
			yaml_event_type_t type = ev.type;
			yaml_event_delete(&ev);
			if (type == YAML_STREAM_END_EVENT)
				break;
		}
		yaml_parser_delete(&p);
		docs++;
	}
	if (ferror(f)) {
		fprintf(stderr, "yaml_only: cannot read %s\n", argv[1]);
		return 2;
	}
	free(line);
	fclose(f);
	printf("lines=%ld documents=%ld events=%ld\n", lines, docs, events);
	return 0;
}
