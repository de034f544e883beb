/* case.h — an authorization request as liburc reads it.
 * A case is a fixed-size value: reading a batch reuses one urc_case, and
 * binding and deciding allocate nothing per case (libyaml allocates
 * while it reads). Names (measures, plan, setting) stay
 * strings here; binding them to a loaded table happens at evaluation. */
#ifndef URC_CASE_H
#define URC_CASE_H

#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t urc_date;

enum {
	URC_CASE_ID_MAX = 64,     /* bytes of an id, with its NUL */
	URC_CASE_NAME_MAX = 32,   /* bytes of a plan, setting or measure name */
	URC_CASE_CODE_MAX = 12,   /* bytes of an ICD-10-CM code */
	URC_CASE_MAX_DIAGNOSES = 16,
	URC_CASE_MAX_SCORES = 32,
};

typedef enum urc_review_type {
	URC_REVIEW_STANDARD,  /* non-urgent: decision due in 7 calendar days */
	URC_REVIEW_EXPEDITED, /* urgent: decision due in 72 hours */
} urc_review_type;

/* One standardized outcome score. */
typedef struct urc_case_score {
	char measure[URC_CASE_NAME_MAX]; /* catalogue name, e.g. "ODI" */
	double value;                    /* the score, in the measure's unit */
	urc_date date;                   /* when it was taken */
} urc_case_score;

/* Which optional fields a case carried (bits of urc_case.present). */
enum {
	URC_HAS_AGE = 1u << 0,
	URC_HAS_PLAN = 1u << 1,
	URC_HAS_STATE = 1u << 2,
	URC_HAS_VISITS_USED = 1u << 3,
	URC_HAS_START_OF_CARE = 1u << 4,
	URC_HAS_START = 1u << 5,
};

typedef struct urc_case {
	char id[URC_CASE_ID_MAX];          /* required */
	urc_date received;                 /* required: date the request came in */
	urc_review_type review;            /* "standard" (default) or "expedited" */
	/* member */
	double age_months;                 /* age: years x 12, or age_months */
	char plan[URC_CASE_NAME_MAX];      /* plan id, "" when none */
	char state[4];                     /* two-letter state, "" when none */
	/* request */
	char discipline[8];                /* required: PT, OT or SLP */
	char setting[URC_CASE_NAME_MAX];   /* required: outpatient, SNF, ... */
	char diagnoses[URC_CASE_MAX_DIAGNOSES][URC_CASE_CODE_MAX]; /* required, >= 1 */
	int ndiagnoses;
	int request_number;                /* required: 1 for the first request */
	int visits_requested;              /* required, >= 1 */
	urc_date start;                    /* first day asked for; default received */
	/* history */
	int visits_used;                   /* visits used so far; default 0 */
	urc_date start_of_care;            /* default: start */
	/* scores, in the order given */
	urc_case_score scores[URC_CASE_MAX_SCORES];
	int nscores;
	unsigned present;                  /* URC_HAS_* bits */
	long line;                         /* 1-based line where the case starts */
} urc_case;

/* What was wrong with a case that could not be read. */
typedef struct urc_case_error {
	char case_id[URC_CASE_ID_MAX]; /* "" when the id itself was unreadable */
	char field[64];                /* dotted path, e.g. "request.visits";
	                                * list indexes count from 0 */
	char message[256];             /* plain words */
	long line;                     /* 1-based, 0 when unknown */
} urc_case_error;

typedef struct urc_case_reader urc_case_reader;

/* Opens a reader over f (borrowed; not closed by the reader), named name
 * in messages. The input is one YAML or JSON case, a multi-document YAML
 * stream ('---' between cases), or JSON Lines (one JSON object per line).
 * Returns NULL only when out of memory. */
urc_case_reader *urc_case_reader_open(FILE *f, const char *name);

/* Reads the next case into *c. Returns 1 when a case was read, 0 at the
 * end of the input, and -1 when this case is bad: *err then names the case
 * and the field, and the reader has skipped to the next case, so reading
 * may go on (*c is then unspecified). A stream so broken that nothing
 * further can be read (a read error, UTF-16 input) returns -1 once and
 * then 0. c and err must not be NULL. */
int urc_case_read(urc_case_reader *r, urc_case *c, urc_case_error *err);

void urc_case_reader_close(urc_case_reader *r);

/* Parses YYYY-MM-DD (a real calendar date, years 1900-2999). Returns 0 and
 * stores the date, or -1. */
int urc_date_parse(const char *s, urc_date *out);

/* Formats a date as YYYY-MM-DD into buf (at least 11 bytes) and returns
 * buf; a date outside the years 0000-9999 comes out as "?" in place of every digit. */
char *urc_date_format(urc_date d, char *buf);

#ifdef __cplusplus
}
#endif

#endif
