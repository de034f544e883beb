/* case_fields.c — the field names of each section of a case: finding a
 * key among them, and for one that is none of them the name it was
 * probably meant to be or the section it belongs in. Needs no libyaml. */
#include <stdio.h>
#include <string.h>

#include "case_fields.h"
#include "suggest.h"

#define AS_NAME(e, s) s,
#define AS_LEN(e, s) (unsigned char)(sizeof s - 1),
static const char *const case_fields[] = { URC_CASE_FIELDS(AS_NAME) };
static const char *const member_fields[] = { URC_MEMBER_FIELDS(AS_NAME) };
static const char *const request_fields[] = { URC_REQUEST_FIELDS(AS_NAME) };
static const char *const history_fields[] = { URC_HISTORY_FIELDS(AS_NAME) };
static const char *const score_fields[] = { URC_SCORE_FIELDS(AS_NAME) };
static const unsigned char case_lens[] = { URC_CASE_FIELDS(AS_LEN) };
static const unsigned char member_lens[] = { URC_MEMBER_FIELDS(AS_LEN) };
static const unsigned char request_lens[] = { URC_REQUEST_FIELDS(AS_LEN) };
static const unsigned char history_lens[] = { URC_HISTORY_FIELDS(AS_LEN) };
static const unsigned char score_lens[] = { URC_SCORE_FIELDS(AS_LEN) };

/* Each section's fields, by urc_case_section. */
static const struct section {
	const char *path;          /* "request.", for urc_case_field_elsewhere */
	const char *const *names;  /* field names, by the section's enum */
	const unsigned char *lens; /* their lengths */
	int n;                     /* how many */
} sections[] = {
	[URC_SECTION_CASE] = { "", case_fields, case_lens, URC_CASE_NFIELDS },
	[URC_SECTION_MEMBER] = { "member.", member_fields, member_lens, URC_MEMBER_NFIELDS },
	[URC_SECTION_REQUEST] = { "request.", request_fields, request_lens, URC_REQUEST_NFIELDS },
	[URC_SECTION_HISTORY] = { "history.", history_fields, history_lens, URC_HISTORY_NFIELDS },
	[URC_SECTION_SCORE] = { "scores[].", score_fields, score_lens, URC_SCORE_NFIELDS },
};

const char *urc_case_field_name(urc_case_section s, int f)
{
	return sections[s].names[f];
}

int urc_case_field_find(urc_case_section s, const char *key, size_t n)
{
	const struct section *m = &sections[s];
	for (int i = 0; i < m->n; i++)
		if (m->lens[i] == n && memcmp(m->names[i], key, n) == 0)
			return i;
	return -1;
}

const char *urc_case_field_suggest(urc_case_section s, const char *key, size_t n)
{
	return urc_suggest_n(key, n, sections[s].names, (size_t)sections[s].n);
}

const char *urc_case_field_elsewhere(const char *key, size_t n, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		for (int j = 0; j < sections[i].n; j++) {
			const char *name = sections[i].names[j];
			if (sections[i].lens[j] != n || memcmp(name, key, n) != 0)
				continue;
			snprintf(buf, size, "%s%s", sections[i].path, name);
			return buf;
		}
	return NULL;
}
