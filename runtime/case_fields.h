/* case_fields.h — the field names of a case, section by section, and
 * where a misspelt or misplaced name was probably meant to go. Internal to
 * runtime/: case_read.c matches each key of a mapping here. */
#ifndef URC_CASE_FIELDS_H
#define URC_CASE_FIELDS_H

#include <stddef.h>

/* Field names by section; each list gives an enum (URC_ before each
 * constant) and the section's name table. */
#define URC_CASE_FIELDS(X)                                                                         \
	X(CASE_ID, "id") X(CASE_RECEIVED, "received") X(CASE_REVIEW, "review")                    \
	X(CASE_MEMBER, "member") X(CASE_REQUEST, "request") X(CASE_HISTORY, "history")             \
	X(CASE_SCORES, "scores")
#define URC_MEMBER_FIELDS(X)                                                                       \
	X(MEMBER_AGE, "age") X(MEMBER_AGE_MONTHS, "age_months") X(MEMBER_PLAN, "plan")             \
	X(MEMBER_STATE, "state")
#define URC_REQUEST_FIELDS(X)                                                                      \
	X(REQUEST_DISCIPLINE, "discipline") X(REQUEST_SETTING, "setting")                          \
	X(REQUEST_DIAGNOSES, "diagnoses") X(REQUEST_SEQUENCE, "sequence")                          \
	X(REQUEST_VISITS, "visits") X(REQUEST_START, "start")
#define URC_HISTORY_FIELDS(X) \
	X(HISTORY_VISITS_USED, "visits_used") X(HISTORY_START_OF_CARE, "start_of_care")
#define URC_SCORE_FIELDS(X) \
	X(SCORE_MEASURE, "measure") X(SCORE_SCORE, "score") X(SCORE_DATE, "date")

#define URC_FIELD_ENUM(e, s) URC_##e,
enum urc_case_field { URC_CASE_FIELDS(URC_FIELD_ENUM) URC_CASE_NFIELDS };
enum urc_member_field { URC_MEMBER_FIELDS(URC_FIELD_ENUM) URC_MEMBER_NFIELDS };
enum urc_request_field { URC_REQUEST_FIELDS(URC_FIELD_ENUM) URC_REQUEST_NFIELDS };
enum urc_history_field { URC_HISTORY_FIELDS(URC_FIELD_ENUM) URC_HISTORY_NFIELDS };
enum urc_score_field { URC_SCORE_FIELDS(URC_FIELD_ENUM) URC_SCORE_NFIELDS };
#undef URC_FIELD_ENUM

/* The mappings of a case that have fields; each has one enum above. */
typedef enum urc_case_section {
	URC_SECTION_CASE,    /* the case itself: urc_case_field */
	URC_SECTION_MEMBER,  /* member: urc_member_field */
	URC_SECTION_REQUEST, /* request: urc_request_field */
	URC_SECTION_HISTORY, /* history: urc_history_field */
	URC_SECTION_SCORE,   /* each item of scores: urc_score_field */
} urc_case_section;

/* The name of field f (of the section's enum) of section s. Static. */
const char *urc_case_field_name(urc_case_section s, int f);

/* The index of the n-byte name at key among the fields of section s, or
 * -1 when it is none of them. */
int urc_case_field_find(urc_case_section s, const char *key, size_t n);

/* The field of section s closest to the n-byte name at key, if close
 * enough to be a typo (suggest.c's measure), else NULL. Static. */
const char *urc_case_field_suggest(urc_case_section s, const char *key, size_t n);

/* Where else the n-byte name at key is a field ("request.visits" for
 * visits given at the top), written into buf (size bytes); NULL when it
 * is a field of no section. Returns buf or NULL. */
const char *urc_case_field_elsewhere(const char *key, size_t n, char *buf, size_t size);

#endif
