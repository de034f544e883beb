/* urt_format.h — the runtime table file (.urt), defined once, here.
 * The compiler's writer includes this header; the runtime reads files
 * through it. Everything is little-endian, fixed-size and pointer-free:
 * records refer to each other by index and to text by byte offset into the
 * string section, so a file is used in place after mmap. A reader checks
 * the magic, the version, the byte order, the size, the checksum, and then
 * every offset and index before it trusts anything. */
#ifndef URC_URT_FORMAT_H
#define URC_URT_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#define URT_MAGIC "URCTABLE"      /* 8 bytes, no NUL */
#define URT_VERSION 1u
#define URT_ENDIAN 0x01020304u    /* reads differently on a big-endian host */
#define URT_NONE UINT32_MAX       /* "no index" */
/* The most measures one phase may name (in its rules and requirements):
 * the writer refuses more, and so does a reader. */
#define URT_MAX_PHASE_MEASURES 64

/* A section: where its records start and how many there are. */
typedef struct urt_section {
	uint32_t offset; /* from the start of the file, 8-aligned */
	uint32_t count;  /* records (bytes for the string section) */
} urt_section;

#define URT_SECTIONS(X) \
	X(strings)          \
	X(measures)         \
	X(settings)         \
	X(plans)            \
	X(guidelines)       \
	X(codes)            \
	X(refs)             \
	X(phases)           \
	X(axes)             \
	X(items)            \
	X(cells)

typedef struct urt_header {
	char magic[8];      /* URT_MAGIC */
	uint32_t version;   /* URT_VERSION */
	uint32_t endian;    /* URT_ENDIAN */
	uint64_t size;      /* bytes in the whole file */
	uint64_t checksum;  /* FNV-1a 64 of the file with this field zeroed */
#define X(name) urt_section name;
	URT_SECTIONS(X)
#undef X
	uint32_t reserved;  /* zero */
} urt_header;

typedef struct urt_measure {
	uint32_t name, title; /* strings */
	uint32_t unit;        /* string: the unit, plural ("points") */
	int32_t better;       /* +1 higher is better, -1 lower */
	double lo, hi;        /* range */
	double mcid, mdc;     /* NaN when not known */
	uint32_t source;      /* string: sources, '; ' between */
	uint32_t pad;
} urt_measure;

typedef struct urt_setting {
	uint32_t name, title;
	uint32_t max_auth_days; /* 0: no limit */
	uint32_t review_days;   /* 0: none */
} urt_setting;

typedef struct urt_plan {
	uint32_t name, title;
	uint32_t auto_approve;  /* requests approved without review */
	uint32_t states;        /* string: "TX FL" */
} urt_plan;

enum { URT_PT, URT_OT, URT_SLP };

typedef struct urt_guideline {
	uint32_t id, title;       /* strings */
	uint32_t version;
	int32_t effective;        /* days since 1970, or INT32_MIN */
	uint64_t hash;            /* content hash of the guideline */
	uint32_t discipline;      /* URT_PT, URT_OT, URT_SLP */
	uint32_t specialty;       /* string */
	uint32_t first_setting;   /* into refs: setting indexes */
	uint32_t nsettings;
	uint32_t window_min;      /* days, 0 when not given */
	uint32_t window_max;      /* days */
	uint32_t frequency;       /* visits per frequency_days, 0 when not given */
	uint32_t frequency_days;  /* 1 (per day) or 7 (per week) */
	uint32_t phase[2];        /* initial, continued: phase index or URT_NONE */
	uint32_t evidence;        /* string: citations, '\n' between */
	uint32_t source;          /* string: the source file */
	uint32_t line;            /* line of the declaration */
	uint32_t auto_visits[2];  /* per phase, its largest approval: caps a plan's */
	uint32_t auto_days[2];    /* auto-approval of a request of that phase */
} urt_guideline;

/* A diagnosis claim, sorted by code (prefixes marked), for routing. */
typedef struct urt_code {
	uint32_t code;      /* string, without the trailing '-' */
	uint32_t guideline; /* index */
	uint32_t prefix;    /* 1: covers every code starting with it */
	uint32_t pad;
} urt_code;

typedef struct urt_phase {
	uint32_t guideline;
	uint32_t kind;        /* 0 initial, 1 continued */
	uint32_t first_axis;
	uint32_t naxes;
	uint32_t first_item;
	uint32_t nitems;
} urt_phase;

enum {
	URT_AXIS_FEATURE,
	URT_AXIS_CHANGE,
	URT_AXIS_CHANGE_PCT,
	URT_AXIS_SCORE,
	URT_AXIS_SETTING,
	URT_AXIS_PLAN,
};

enum {
	URT_FEATURE_VISITS_USED,
	URT_FEATURE_VISITS_REQUESTED,
	URT_FEATURE_REQUEST_NUMBER,
	URT_FEATURE_DAYS_SINCE_START,
	URT_FEATURE_AGE_MONTHS,
};

enum { URT_MOMENT_INTAKE = 1, URT_MOMENT_PREVIOUS = 2, URT_MOMENT_LATEST = 4 };

typedef struct urt_axis {
	uint32_t kind;     /* URT_AXIS_* */
	uint32_t feature;  /* URT_FEATURE_* */
	uint32_t measure;  /* index, or URT_NONE */
	uint32_t moment;   /* URT_MOMENT_* */
} urt_axis;

enum { URT_ITEM_REQUIRE, URT_ITEM_RULE, URT_ITEM_OTHERWISE };
enum { URT_OUTCOME_APPROVE, URT_OUTCOME_REFER, URT_OUTCOME_PEND };

typedef struct urt_item {
	uint32_t kind;       /* URT_ITEM_* */
	uint32_t name;       /* string: rule name; "" for others */
	uint32_t outcome;    /* URT_OUTCOME_* (rules, otherwise) */
	uint32_t visits;     /* approve: at most */
	uint32_t days;       /* approve: over */
	uint32_t text;       /* string: refer reason / pend text; for a require,
	                        what is missing ("ODI scores at intake and latest") */
	uint32_t cite;       /* string: citations, '\n' between */
	uint32_t when;       /* string: the condition in plain words */
	uint32_t measure;    /* require: measure index */
	uint32_t moments;    /* require: URT_MOMENT_* bits */
	uint32_t first_cell; /* rule: first cell of its first row */
	uint32_t nrows;      /* rule: rows (boxes); naxes cells each */
	uint32_t line;       /* source line */
	uint32_t pad;
} urt_item;

/* One cell of a row: an interval, or a set of bits for set axes. */
typedef struct urt_cell {
	double lo, hi;
	uint64_t bits;
	uint8_t lo_in, hi_in; /* ends included */
	uint8_t any;          /* the rule does not test this axis */
	uint8_t pad[5];
} urt_cell;

/* FNV-1a 64 of a table's bytes, with the header's checksum field read as
 * zeros: what urt_header.checksum holds. */
uint64_t urt_checksum(const unsigned char *bytes, uint64_t len);

#endif
