/* decision_write.c — decisions and case errors as YAML documents or as
 * JSON objects, one per line. Hand-written for speed: a batch of a
 * million decisions is printed with no allocation. */
#include "table.h"

#include <inttypes.h>
#include <string.h>

static const char *outcome_code(urc_outcome o)
{
	switch (o) {
	case URC_APPROVED_FULL: return "approved_in_full";
	case URC_APPROVED_PART: return "approved_in_part";
	case URC_REFERRED: return "referred";
	case URC_PENDED: return "pended";
	case URC_NO_GUIDELINE: return "no_guideline";
	}
	return "?";
}

/* A JSON string literal; also valid YAML in double quotes. Runs of plain
 * characters go out in one write. */
static void quoted(FILE *out, const char *s)
{
	putc('"', out);
	const char *run = s;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		fwrite(run, 1, (size_t)((const char *)p - run), out);
		run = (const char *)p + 1;
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\t': fputs("\\t", out); break;
		case '\r': fputs("\\r", out); break;
		default: fprintf(out, "\\u%04x", *p);
		}
	}
	fputs(run, out);
	putc('"', out);
}

static const char *step_name(const urc_table *t, uint32_t item, char *buf, size_t n)
{
	const urt_item *it = &t->items[item];
	switch (it->kind) {
	case URT_ITEM_REQUIRE:
		snprintf(buf, n, "require %s", urc_str(t, t->measures[it->measure].name));
		return buf;
	case URT_ITEM_RULE:
		return urc_str(t, it->name);
	default:
		return "otherwise";
	}
}

static const char *step_result(const urc_table *t, uint32_t item, uint8_t r)
{
	int req = t->items[item].kind == URT_ITEM_REQUIRE;
	switch (r) {
	case URC_STEP_YES: return req ? "missing" : "matched";
	case URC_STEP_MISSING: return "value missing";
	default: return req ? "met" : "not matched";
	}
}

static void guideline_ref(FILE *out, const urc_table *t, uint32_t g)
{
	quoted(out, t->guideline_ref[g]);
}

int urc_decision_write(FILE *out, urc_format fmt, const urc_table *t,
                       const urc_case *c, const urc_decision *d)
{
	char a[16], b[16], due[16], nb[96];
	int json = fmt == URC_FORMAT_JSON;
	urc_date_format(d->due, due);
	if (json) {
		fputs("{\"case\":", out);
		quoted(out, c->id);
		fputs(",\"guideline\":", out);
		if (d->guideline == UINT32_MAX)
			fputs("null", out);
		else
			guideline_ref(out, t, d->guideline);
		fprintf(out, ",\"outcome\":\"%s\"", outcome_code(d->outcome));
		if (d->outcome == URC_APPROVED_FULL || d->outcome == URC_APPROVED_PART)
			fprintf(out, ",\"visits_granted\":%d,\"visits_requested\":%d,\"start\":\"%s\",\"end\":\"%s\"",
			        d->visits_granted, d->visits_requested, urc_date_format(d->start, a),
			        urc_date_format(d->end, b));
		else
			fprintf(out, ",\"visits_granted\":0,\"visits_requested\":%d", d->visits_requested);
		fprintf(out, ",\"due\":\"%s\",\"rule\":", due);
		if (d->item == UINT32_MAX)
			fputs(d->auto_approved ? "\"plan auto-approval\"" : "null", out);
		else
			quoted(out, step_name(t, d->item, nb, sizeof nb));
		fputs(",\"reason\":", out);
		quoted(out, d->reason);
		if (d->cite[0]) {
			fputs(",\"cite\":", out);
			quoted(out, d->cite);
		}
		fputs(",\"trace\":[", out);
		for (uint32_t i = 0; i < d->ntrace; i++) {
			urc_trace_step st = urc_decision_step(d, i);
			fputs(i ? ",{\"step\":" : "{\"step\":", out);
			quoted(out, step_name(t, st.item, nb, sizeof nb));
			fprintf(out, ",\"result\":\"%s\"}", step_result(t, st.item, st.result));
		}
		fputs("]}\n", out);
	} else {
		fputs("---\ncase: ", out);
		quoted(out, c->id);
		fputs("\nguideline: ", out);
		if (d->guideline == UINT32_MAX)
			fputs("null", out);
		else
			guideline_ref(out, t, d->guideline);
		fprintf(out, "\noutcome: %s\n", outcome_code(d->outcome));
		fprintf(out, "visits: {granted: %d, requested: %d}\n", d->visits_granted, d->visits_requested);
		if (d->outcome == URC_APPROVED_FULL || d->outcome == URC_APPROVED_PART)
			fprintf(out, "authorization: {start: %s, end: %s}\n", urc_date_format(d->start, a),
			        urc_date_format(d->end, b));
		fprintf(out, "due: %s\nrule: ", due);
		if (d->item == UINT32_MAX)
			fputs(d->auto_approved ? "\"plan auto-approval\"" : "null", out);
		else
			quoted(out, step_name(t, d->item, nb, sizeof nb));
		fputs("\nreason: ", out);
		quoted(out, d->reason);
		if (d->cite[0]) {
			fputs("\ncite: ", out);
			quoted(out, d->cite);
		}
		fputs("\ntrace:", out);
		if (!d->ntrace)
			fputs(" []", out);
		for (uint32_t i = 0; i < d->ntrace; i++) {
			urc_trace_step st = urc_decision_step(d, i);
			fputs("\n  - {step: ", out);
			quoted(out, step_name(t, st.item, nb, sizeof nb));
			fprintf(out, ", result: %s}", step_result(t, st.item, st.result));
		}
		fputc('\n', out);
	}
	return ferror(out) ? -1 : 0;
}

int urc_error_write(FILE *out, urc_format fmt, const urc_case_error *e)
{
	if (fmt == URC_FORMAT_JSON) {
		fputs("{\"case\":", out);
		quoted(out, e->case_id);
		fputs(",\"error\":", out);
		quoted(out, e->message);
		fputs(",\"field\":", out);
		quoted(out, e->field);
		fprintf(out, ",\"line\":%ld}\n", e->line);
	} else {
		fputs("---\ncase: ", out);
		quoted(out, e->case_id);
		fputs("\nerror: ", out);
		quoted(out, e->message);
		fputs("\nfield: ", out);
		quoted(out, e->field);
		fprintf(out, "\nline: %ld\n", e->line);
	}
	return ferror(out) ? -1 : 0;
}

int urc_guideline_info(const urc_table *t, uint32_t g, const char **id,
                       unsigned *version, uint64_t *hash)
{
	if (g >= t->h->guidelines.count)
		return -1;
	const urt_guideline *gl = &t->guidelines[g];
	if (id)
		*id = urc_str(t, gl->id);
	if (version)
		*version = gl->version;
	if (hash)
		*hash = gl->hash;
	return 0;
}

const char *urc_decision_rule(const urc_table *t, const urc_decision *d,
                              char *buf, size_t n)
{
	if (d->item == UINT32_MAX) {
		if (!d->auto_approved)
			return NULL;
		snprintf(buf, n, "plan auto-approval");
		return buf;
	}
	const char *name = step_name(t, d->item, buf, n);
	if (name != buf)
		snprintf(buf, n, "%s", name);
	return buf;
}
