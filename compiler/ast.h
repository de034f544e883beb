/* ast.h — the syntax tree of guideline sources.
 * Every node lives in the compilation's arena (urc_program.arena) and dies
 * with it; strings are arena copies. Names keep their span so checks can
 * point at them; resolved pointers are filled in by resolve.c. */
#ifndef URC_AST_H
#define URC_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "units.h"

/* A list with head and tail, appended in source order. */
#define URC_LIST(type) struct { type *first, *last; }
#define URC_APPEND(list, node)                   \
	do {                                         \
		if ((list).last)                         \
			(list).last->next = (node);          \
		else                                     \
			(list).first = (node);               \
		(list).last = (node);                    \
	} while (0)

/* A number as written: its value and whether it had no fraction. */
typedef struct urc_num {
	double value; /* the number */
	bool is_int;  /* written without a decimal point */
} urc_num;

/* A number with its unit, e.g. "30 days". */
typedef struct urc_quantity {
	double value;  /* as written, in unit */
	urc_unit unit; /* URC_UNIT_NONE when no unit was written */
	bool is_int;   /* no decimal point */
	bool present;  /* false for a quantity that was never given */
	urc_span span; /* number and unit */
} urc_quantity;

/* An identifier or string with where it was written. */
typedef struct urc_name {
	const char *s; /* NULL when absent */
	urc_span span;
} urc_name;

/* A growable array of names (settings, states). */
typedef struct urc_names {
	urc_name *v;  /* elements */
	uint32_t n;   /* used */
	uint32_t cap; /* allocated */
} urc_names;

/* An ICD-10-CM code or code prefix. */
typedef struct urc_code {
	const char *s; /* the code without a trailing '-' or '*' */
	bool prefix;   /* written with a trailing '-' or '*': covers subcodes */
	urc_span span;
} urc_code;

typedef struct urc_codes {
	urc_code *v;
	uint32_t n, cap;
} urc_codes;

/* A citation, as given by 'cite' or 'evidence'. */
typedef struct urc_cite {
	struct urc_cite *next; /* next citation of the same owner */
	const char *text;
	urc_span span;
} urc_cite;

/* Citations in source order. */
typedef URC_LIST(urc_cite) urc_cites;

typedef enum urc_moment {
	URC_MOMENT_INTAKE = 1,   /* the first score of the episode */
	URC_MOMENT_PREVIOUS = 2, /* the score before the latest */
	URC_MOMENT_LATEST = 4,   /* the newest score */
} urc_moment;

/* Request features a condition can compare with a number. */
#define URC_FEATURES(X)                                                  \
	X(VISITS_USED, "visits used", VISITS)                                \
	X(VISITS_REQUESTED, "visits requested", VISITS)                      \
	X(REQUEST_NUMBER, "request number", NONE)                            \
	X(DAYS_SINCE_START, "days since start of care", TIME)                \
	X(AGE, "age", AGE)

typedef enum urc_feature {
#define X(n, text, dim) URC_FEATURE_##n,
	URC_FEATURES(X)
#undef X
	URC_FEATURE_COUNT
} urc_feature;

typedef enum urc_cmp {
	URC_CMP_LT,
	URC_CMP_LE,
	URC_CMP_GT,
	URC_CMP_GE,
	URC_CMP_EQ,
	URC_CMP_NE,
} urc_cmp;

typedef enum urc_cond_kind {
	URC_COND_AND,      /* lhs and rhs */
	URC_COND_OR,       /* lhs or rhs */
	URC_COND_NOT,      /* not lhs */
	URC_COND_COMPARE,  /* feature cmp qty */
	URC_COND_IMPROVED, /* measure improved [by at least|less than X] */
	URC_COND_SCORE,    /* measure at moment cmp qty */
	URC_COND_SETTING,  /* setting is [not] name */
	URC_COND_PLAN,     /* plan is [not] name */
} urc_cond_kind;

typedef enum urc_improve_op {
	URC_IMPROVE_ANY,       /* improved at all (change > 0) */
	URC_IMPROVE_AT_LEAST,  /* change >= threshold */
	URC_IMPROVE_LESS_THAN, /* change < threshold */
} urc_improve_op;

typedef enum urc_threshold {
	URC_THRESHOLD_NUMBER, /* a written quantity */
	URC_THRESHOLD_MCID,   /* the measure's MCID from its catalogue */
	URC_THRESHOLD_MDC,    /* the measure's MDC from its catalogue */
} urc_threshold;

struct urc_measure;
struct urc_setting;
struct urc_plan;
struct urc_specialty;

typedef struct urc_cond {
	urc_cond_kind kind;
	urc_span span;              /* the whole condition */
	struct urc_cond *lhs, *rhs; /* operands of and/or/not */
	urc_feature feature;        /* COMPARE */
	urc_cmp cmp;                /* COMPARE, SCORE */
	urc_span cmp_span;          /* the operator */
	urc_quantity qty;           /* COMPARE, SCORE, IMPROVED with a number */
	urc_name name;              /* measure, setting or plan named */
	urc_moment moment;          /* SCORE: which score; IMPROVED: since */
	urc_improve_op improve;     /* IMPROVED */
	urc_threshold threshold;    /* IMPROVED */
	urc_span threshold_span;    /* IMPROVED: the threshold as written */
	bool negated;               /* SETTING, PLAN: 'is not' */
	struct urc_measure *measure; /* resolved */
	struct urc_setting *setting; /* resolved */
	struct urc_plan *plan;       /* resolved */
} urc_cond;

typedef enum urc_outcome_kind {
	URC_OUTCOME_APPROVE,
	URC_OUTCOME_REFER,
	URC_OUTCOME_PEND,
} urc_outcome_kind;

typedef struct urc_rule_outcome {
	urc_outcome_kind kind;
	urc_quantity visits; /* APPROVE: at most this many visits */
	urc_quantity days;   /* APPROVE: over this many days */
	const char *text;    /* REFER: reason; PEND: what is missing */
	urc_span span;       /* the whole outcome */
} urc_rule_outcome;

typedef enum urc_item_kind {
	URC_ITEM_REQUIRE,   /* require MEASURE at MOMENTS */
	URC_ITEM_RULE,      /* rule "name" when COND OUTCOME */
	URC_ITEM_OTHERWISE, /* otherwise OUTCOME */
} urc_item_kind;

/* One entry of a phase: a requirement, a rule or the otherwise branch. */
typedef struct urc_rule {
	struct urc_rule *next;
	urc_item_kind kind;
	urc_span span;       /* the keyword through the outcome */
	urc_name name;       /* RULE: its name; REQUIRE: the measure */
	unsigned moments;    /* REQUIRE: urc_moment bits */
	urc_cond *when;      /* RULE */
	urc_rule_outcome outcome; /* RULE, OTHERWISE */
	urc_cites cites;     /* 'cite' lines */
	struct urc_measure *measure; /* REQUIRE: resolved */
} urc_rule;

typedef struct urc_phase {
	bool present;   /* the block was written */
	bool damaged;   /* a syntax error was recovered inside it */
	urc_span span;  /* the keyword */
	urc_rule *first, *last;
} urc_phase;

typedef struct urc_measure {
	struct urc_measure *next;
	urc_name id;
	const char *title;
	urc_span span;        /* the declaration's keyword and name */
	urc_quantity lo, hi;  /* range */
	urc_span range_span;
	int better;           /* +1 higher is better, -1 lower, 0 not given */
	urc_span better_span;
	urc_quantity mcid, mdc;
	bool damaged;         /* a syntax error inside it */
	const char *population;
	urc_cites sources;
	uint32_t index;       /* place in the runtime table (table_write.c) */
} urc_measure;

typedef struct urc_setting {
	struct urc_setting *next;
	urc_name id;
	const char *title;
	urc_span span;
	urc_quantity max_auth;     /* authorization at most */
	urc_quantity review_every; /* concurrent review cadence */
	urc_cites sources;
	uint32_t index;            /* place in the runtime table */
} urc_setting;

typedef struct urc_specialty {
	struct urc_specialty *next;
	urc_name id;
	const char *title;
	urc_span span;
	urc_quantity max_window; /* window at most */
	urc_cites sources;
} urc_specialty;

typedef struct urc_plan {
	struct urc_plan *next;
	urc_name id;
	const char *title;
	urc_span span;
	urc_num auto_approve;   /* auto approve N requests */
	urc_span auto_span;     /* where, when given */
	urc_names states;       /* states served */
	urc_cites sources;
	uint32_t index;         /* place in the runtime table */
} urc_plan;

/* The authorization block of a guideline. */
typedef struct urc_auth {
	bool present;                        /* the block was written */
	bool damaged;                        /* a syntax error inside it */
	urc_span span;                       /* the keyword */
	urc_quantity window_min, window_max; /* window [min to] max */
	urc_quantity frequency;              /* at most N per unit */
	urc_unit frequency_per;              /* per day, week or month */
	urc_span frequency_span;             /* the whole frequency line */
} urc_auth;

typedef struct urc_guideline {
	struct urc_guideline *next;
	urc_name id;
	const char *title;
	urc_span span;          /* keyword and name */
	urc_num version;
	urc_span version_span;
	int32_t effective;      /* days since 1970-01-01, when given */
	urc_span effective_span; /* file URC_NO_FILE when not given */
	urc_name discipline;
	urc_name specialty;
	urc_codes codes;
	urc_span codes_span;
	urc_names settings;
	urc_cites evidence;
	urc_auth auth;          /* the authorization block */
	urc_phase initial, continued;
	bool damaged;                        /* a syntax error inside it */
	struct urc_specialty *spec;          /* resolved */
	struct urc_setting **setting_refs;   /* resolved, settings.n entries */
} urc_guideline;

/* A 'use "path"' line. */
typedef struct urc_use {
	struct urc_use *next;
	const char *path;
	urc_span span;
} urc_use;


/* Everything read in one compilation. */
typedef struct urc_program {
	urc_arena arena;                    /* owns every node */
	urc_diag *diag;                     /* borrowed */
	URC_LIST(urc_measure) measures;
	URC_LIST(urc_setting) settings;
	URC_LIST(urc_specialty) specialties;
	URC_LIST(urc_plan) plans;
	URC_LIST(urc_guideline) guidelines;
	URC_LIST(urc_use) uses;             /* of the file being parsed */
	bool scan_only;                     /* loader only scans (benchmark) */
	int failed_uses;                    /* 'use' lines that could not be read */
	long tokens;                        /* tokens scanned when scan_only */
} urc_program;

/* Name of a feature for messages ("visits used"). */
const char *urc_feature_name(urc_feature f);

/* Dimension of a feature's values. */
urc_dim urc_feature_dim(urc_feature f);

/* The operator's spelling ("<="). */
const char *urc_cmp_name(urc_cmp c);

/* The moment's word ("intake"). */
const char *urc_moment_name(urc_moment m);

/* Appends to an arena array of names / codes. */
void urc_names_push(urc_arena *a, urc_names *v, urc_name n);
void urc_codes_push(urc_arena *a, urc_codes *v, urc_code c);

/* A quantity from a number, a unit and their span. */
urc_quantity urc_quantity_make(urc_num n, urc_unit u, urc_span span);

/* Formats q as "30 days" into buf (size n); returns buf. */
char *urc_quantity_format(const urc_quantity *q, char *buf, unsigned n);

/* Formats a number without trailing zeros ("10.83", "9"). */
char *urc_number_format(double v, char *buf, unsigned n);

#endif
