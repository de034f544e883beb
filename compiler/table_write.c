/* table_write.c — lays a checked program out as a runtime table.
 * Catalogues first, then per guideline its phases, each lowered to its
 * decision table (lower.c): axes, items, and the cells of every row.
 * Strings are stored once. A guideline's content hash covers what decides
 * (its fields, items and cells, with text instead of string offsets), so
 * it changes exactly when the guideline's decisions may. */
#include "table_write.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cond_text.h"
#include "lower.h"
#include "symtab.h"
#include "urt_format.h"

/* A growable array of fixed-size records. */
typedef struct vec {
	unsigned char *data;
	size_t n, cap, size; /* records, capacity, bytes per record */
} vec;

static void *vec_push(vec *v)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 64;
		v->data = urc_xrealloc(v->data, v->cap * v->size);
	}
	void *p = v->data + v->n * v->size;
	memset(p, 0, v->size);
	v->n++;
	return p;
}

typedef struct writer {
	urc_program *prog;
	char *strings;     /* the string section */
	size_t nstr, capstr;
	urc_symtab interned; /* text -> offset + 1 */
	vec measures, settings, plans, guidelines, codes, refs, phases, axes,
	    items, cells;
	uint64_t hash;     /* of the guideline being written */
} writer;

static const uint64_t FNV_OFFSET = 1469598103934665603ull;

static void hash_bytes(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		*h ^= b[i];
		*h *= 1099511628211ull;
	}
}

static void hash_str(uint64_t *h, const char *s)
{
	hash_bytes(h, s, strlen(s) + 1);
}

static uint32_t str(writer *w, const char *s)
{
	if (!s)
		s = "";
	hash_str(&w->hash, s);
	void *got = urc_symtab_get(&w->interned, s);
	if (got)
		return (uint32_t)((uintptr_t)got - 1);
	size_t len = strlen(s) + 1;
	while (w->nstr + len > w->capstr) {
		w->capstr = w->capstr ? w->capstr * 2 : 4096;
		w->strings = urc_xrealloc(w->strings, w->capstr);
	}
	uint32_t off = (uint32_t)w->nstr;
	memcpy(w->strings + w->nstr, s, len);
	w->nstr += len;
	/* The key must outlive the table: keep a copy in the arena. */
	char *key = urc_arena_strndup(&w->prog->arena, s, len - 1);
	urc_symtab_put(&w->interned, key, (void *)(uintptr_t)(off + 1));
	return off;
}

/* Joins citations with sep into one arena string. */
static const char *join(writer *w, const urc_cites *cites, const char *sep)
{
	size_t n = 1;
	for (urc_cite *c = cites->first; c; c = c->next)
		n += strlen(c->text) + strlen(sep);
	char *s = urc_arena_alloc(&w->prog->arena, n);
	for (urc_cite *c = cites->first; c; c = c->next) {
		if (c != cites->first)
			strcat(s, sep);
		strcat(s, c->text);
	}
	return s;
}

static uint32_t days_of(const urc_quantity *q)
{
	return q->present ? (uint32_t)lround(q->value * urc_unit_factor(q->unit)) : 0;
}

static void write_catalogues(writer *w)
{
	uint32_t i = 0;
	for (urc_measure *m = w->prog->measures.first; m; m = m->next, i++) {
		m->index = i;
		urt_measure *r = vec_push(&w->measures);
		r->name = str(w, m->id.s);
		r->title = str(w, m->title);
		r->unit = str(w, urc_unit_name(m->lo.unit, true));
		r->better = m->better;
		r->lo = m->lo.value;
		r->hi = m->hi.value;
		r->mcid = m->mcid.present ? m->mcid.value : NAN;
		r->mdc = m->mdc.present ? m->mdc.value : NAN;
		r->source = str(w, join(w, &m->sources, "; "));
	}
	i = 0;
	for (urc_setting *s = w->prog->settings.first; s; s = s->next, i++) {
		s->index = i;
		urt_setting *r = vec_push(&w->settings);
		r->name = str(w, s->id.s);
		r->title = str(w, s->title);
		r->max_auth_days = days_of(&s->max_auth);
		r->review_days = days_of(&s->review_every);
	}
	i = 0;
	for (urc_plan *p = w->prog->plans.first; p; p = p->next, i++) {
		p->index = i;
		urt_plan *r = vec_push(&w->plans);
		r->name = str(w, p->id.s);
		r->title = str(w, p->title);
		r->auto_approve = p->auto_span.end ? (uint32_t)p->auto_approve.value : 0;
		char states[256] = "";
		for (uint32_t k = 0; k < p->states.n && strlen(states) < 240; k++) {
			if (k)
				strcat(states, " ");
			strncat(states, p->states.v[k].s, 3);
		}
		r->states = str(w, states);
	}
}

static uint32_t discipline_code(const char *d)
{
	if (d && strcmp(d, "OT") == 0)
		return URT_OT;
	if (d && strcmp(d, "SLP") == 0)
		return URT_SLP;
	return URT_PT;
}

static uint32_t outcome_code(urc_outcome_kind k)
{
	switch (k) {
	case URC_OUTCOME_APPROVE: return URT_OUTCOME_APPROVE;
	case URC_OUTCOME_REFER: return URT_OUTCOME_REFER;
	case URC_OUTCOME_PEND: return URT_OUTCOME_PEND;
	}
	return URT_OUTCOME_REFER;
}

static uint32_t line_of(writer *w, urc_span s)
{
	if (s.file == URC_NO_FILE)
		return 0;
	return urc_diag_position(w->prog->diag, s.file, s.start).line;
}

/* Mixes a record into the guideline hash with its string offsets (which
 * depend on other guidelines) left out: their texts were hashed by str. */
static void hash_record(writer *w, const void *rec, size_t n)
{
	hash_bytes(&w->hash, rec, n);
}

static void set_outcome(writer *w, urt_item *it, const urc_rule_outcome *o)
{
	it->outcome = outcome_code(o->kind);
	if (o->kind == URC_OUTCOME_APPROVE) {
		it->visits = (uint32_t)o->visits.value;
		it->days = days_of(&o->days);
	}
	it->text = str(w, o->text);
}

/* Adds m to the n measures in named unless there; stops counting past
 * URT_MAX_PHASE_MEASURES (named has room for one more). */
static int name_measure(const urc_measure **named, int n, const urc_measure *m)
{
	if (n > URT_MAX_PHASE_MEASURES)
		return n;
	for (int i = 0; i < n; i++)
		if (named[i] == m)
			return n;
	named[n] = m;
	return n + 1;
}

static int write_phase(writer *w, urc_guideline *g, urc_phase *ph,
                       uint32_t gindex, uint32_t kind, char *err, size_t errlen)
{
	urc_dtable t;
	if (urc_lower_phase(&t, w->prog, g, ph) != 0) {
		urc_dtable_free(&t);
		snprintf(err, errlen,
		         "the %s phase of guideline '%s' is too complex to build (too many tests or combinations)",
		         kind ? "continued" : "initial", g->id.s);
		return -1;
	}
	/* The runtime gives each measure a phase names a slot. */
	const urc_measure *named[URT_MAX_PHASE_MEASURES + 1];
	int nnamed = 0;
	for (int i = 0; i < t.nax; i++)
		if (t.ax[i].measure)
			nnamed = name_measure(named, nnamed, t.ax[i].measure);
	for (urc_rule *r = ph->first; r; r = r->next)
		if (r->kind == URC_ITEM_REQUIRE)
			nnamed = name_measure(named, nnamed, r->measure);
	if (nnamed > URT_MAX_PHASE_MEASURES) {
		urc_dtable_free(&t);
		snprintf(err, errlen, "the %s phase of guideline '%s' names more than %d measures: the runtime decides at most %d",
		         kind ? "continued" : "initial", g->id.s, URT_MAX_PHASE_MEASURES, URT_MAX_PHASE_MEASURES);
		return -1;
	}
	urt_phase *p = vec_push(&w->phases);
	p->guideline = gindex;
	p->kind = kind;
	p->first_axis = (uint32_t)w->axes.n;
	p->naxes = (uint32_t)t.nax;
	p->first_item = (uint32_t)w->items.n;
	for (int i = 0; i < t.nax; i++) {
		urt_axis *a = vec_push(&w->axes);
		const urc_axis *x = &t.ax[i];
		a->kind = (uint32_t)x->kind; /* same order as URT_AXIS_* */
		a->feature = (uint32_t)x->feature;
		a->measure = x->measure ? x->measure->index : URT_NONE;
		a->moment = (uint32_t)x->moment;
		/* Hash what the column means, not where its measure sits in the
		 * catalogue: its name, direction and scale. */
		urt_axis h = *a;
		h.measure = 0;
		hash_record(w, &h, sizeof h);
		if (x->measure) {
			hash_str(&w->hash, x->measure->id.s);
			int32_t better = x->measure->better;
			hash_bytes(&w->hash, &better, sizeof better);
			hash_bytes(&w->hash, &x->measure->lo.value, sizeof(double));
			hash_bytes(&w->hash, &x->measure->hi.value, sizeof(double));
		}
	}
	size_t rule = 0;
	for (urc_rule *r = ph->first; r; r = r->next) {
		/* str() may grow the item vector: fill a local record, then copy. */
		urt_item it;
		memset(&it, 0, sizeof it);
		it.measure = URT_NONE;
		it.first_cell = URT_NONE;
		it.line = line_of(w, r->span);
		it.name = str(w, "");
		it.text = str(w, "");
		it.cite = str(w, join(w, &r->cites, "\n"));
		it.when = str(w, "");
		switch (r->kind) {
		case URC_ITEM_REQUIRE: {
			it.kind = URT_ITEM_REQUIRE;
			it.measure = r->measure->index;
			it.moments = r->moments;
			/* What a pend asks for, said once here, not per case. */
			char want[256];
			int in = r->moments & URC_MOMENT_INTAKE, pr = r->moments & URC_MOMENT_PREVIOUS,
			    la = r->moments & URC_MOMENT_LATEST;
			snprintf(want, sizeof want, "%s scores at %s%s%s%s%s", r->measure->id.s, in ? "intake" : "",
			         in && (pr || la) ? " and " : "", pr ? "previous" : "", pr && la ? " and " : "",
			         la ? "latest" : "");
			it.text = str(w, want);
			hash_str(&w->hash, r->measure->id.s);
			break;
		}
		case URC_ITEM_RULE: {
			it.kind = URT_ITEM_RULE;
			it.name = str(w, r->name.s);
			char words[1024];
			it.when = str(w, urc_cond_text(r->when, words, sizeof words));
			set_outcome(w, &it, &r->outcome);
			const urc_region *reg = &t.regions[rule++];
			it.first_cell = (uint32_t)w->cells.n;
			it.nrows = (uint32_t)reg->n;
			for (size_t b = 0; b < reg->n; b++) {
				const urc_cell *box = urc_region_box(&t, reg, b);
				for (int x = 0; x < t.nax; x++) {
					urt_cell *c = vec_push(&w->cells);
					urc_cell full;
					urc_cell_full(&t.ax[x], &full);
					c->lo = box[x].lo;
					c->hi = box[x].hi;
					c->bits = box[x].bits;
					c->lo_in = box[x].lo_in;
					c->hi_in = box[x].hi_in;
					c->any = t.ax[x].is_set ? box[x].bits == full.bits
					                        : (box[x].lo == full.lo && box[x].hi == full.hi &&
					                           box[x].lo_in == full.lo_in && box[x].hi_in == full.hi_in);
					hash_record(w, c, sizeof *c);
				}
			}
			break;
		}
		case URC_ITEM_OTHERWISE:
			it.kind = URT_ITEM_OTHERWISE;
			set_outcome(w, &it, &r->outcome);
			break;
		}
		urt_item *dst = vec_push(&w->items);
		*dst = it;
		urt_item h = it;
		h.name = h.text = h.cite = h.when = h.first_cell = h.line = 0;
		h.measure = 0;
		hash_record(w, &h, sizeof h);
	}
	p->nitems = (uint32_t)w->items.n - p->first_item;
	urc_dtable_free(&t);
	return 0;
}

typedef struct claim {
	const char *code;
	uint32_t guideline, prefix;
} claim;

static int cmp_claim(const void *a, const void *b)
{
	const claim *x = a, *y = b;
	int d = strcmp(x->code, y->code);
	if (d)
		return d;
	return x->guideline < y->guideline ? -1 : x->guideline > y->guideline;
}

static int write_guidelines(writer *w, char *err, size_t errlen)
{
	uint32_t gi = 0;
	size_t nclaims = 0;
	for (urc_guideline *g = w->prog->guidelines.first; g; g = g->next)
		nclaims += g->codes.n;
	claim *claims = urc_xmalloc((nclaims + 1) * sizeof *claims);
	size_t k = 0;
	for (urc_guideline *g = w->prog->guidelines.first; g; g = g->next, gi++) {
		w->hash = FNV_OFFSET;
		urt_guideline rec;
		memset(&rec, 0, sizeof rec);
		rec.id = str(w, g->id.s);
		rec.title = str(w, g->title);
		rec.version = (uint32_t)g->version.value;
		rec.effective = g->effective_span.file == URC_NO_FILE ? INT32_MIN : g->effective;
		rec.discipline = discipline_code(g->discipline.s);
		rec.specialty = str(w, g->specialty.s);
		rec.first_setting = (uint32_t)w->refs.n;
		rec.nsettings = g->settings.n;
		for (uint32_t i = 0; i < g->settings.n; i++) {
			uint32_t *ref = vec_push(&w->refs);
			*ref = g->setting_refs[i]->index;
			hash_str(&w->hash, g->settings.v[i].s);
		}
		rec.window_min = days_of(&g->auth.window_min);
		rec.window_max = days_of(&g->auth.window_max);
		if (g->auth.frequency.present) {
			rec.frequency = (uint32_t)g->auth.frequency.value;
			rec.frequency_days = g->auth.frequency_per == URC_UNIT_WEEKS ? 7 : 1;
		}
		rec.phase[0] = rec.phase[1] = URT_NONE;
		urc_phase *phases[2] = {&g->initial, &g->continued};
		for (uint32_t p = 0; p < 2; p++) {
			if (!phases[p]->present)
				continue;
			rec.phase[p] = (uint32_t)w->phases.n;
			if (write_phase(w, g, phases[p], gi, p, err, errlen) != 0) {
				free(claims);
				return -1;
			}
		}
		rec.evidence = str(w, join(w, &g->evidence, "\n"));
		/* A plan's auto-approval never grants more than the largest
		 * approval of the phase the request belongs to (the first of
		 * equals, in source order): a first request stays within what a
		 * first request may get, e.g. a 3-day pre-service authorization. */
		for (uint32_t p = 0; p < 2; p++) {
			rec.auto_days[p] = rec.window_max;
			if (rec.phase[p] == URT_NONE)
				continue;
			const urt_phase *ph = (const urt_phase *)w->phases.data + rec.phase[p];
			for (uint32_t i = 0; i < ph->nitems; i++) {
				const urt_item *it = (const urt_item *)w->items.data + ph->first_item + i;
				if (it->kind != URT_ITEM_REQUIRE && it->outcome == URT_OUTCOME_APPROVE &&
				    it->visits > rec.auto_visits[p]) {
					rec.auto_visits[p] = it->visits;
					rec.auto_days[p] = it->days;
				}
			}
		}
		for (uint32_t i = 0; i < g->codes.n; i++) {
			claims[k++] = (claim){g->codes.v[i].s, gi, g->codes.v[i].prefix};
			hash_str(&w->hash, g->codes.v[i].s);
		}
		urt_guideline h = rec;
		h.id = h.title = h.specialty = h.first_setting = h.evidence = 0;
		h.phase[0] = h.phase[1] = 0;
		hash_record(w, &h, sizeof h);
		rec.hash = w->hash;
		const char *file = w->prog->diag->files[g->id.span.file].name;
		rec.source = str(w, file);
		rec.line = line_of(w, g->id.span);
		*(urt_guideline *)vec_push(&w->guidelines) = rec;
	}
	qsort(claims, k, sizeof *claims, cmp_claim);
	for (size_t i = 0; i < k; i++) {
		urt_code *c = vec_push(&w->codes);
		c->code = str(w, claims[i].code);
		c->guideline = claims[i].guideline;
		c->prefix = claims[i].prefix;
	}
	free(claims);
	return 0;
}

static size_t align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

int urc_table_build(urc_program *prog, unsigned char **out, size_t *len,
                    char *err, size_t errlen)
{
	/* Records are written as this machine holds them; the format is
	 * little-endian, so only such a machine may write it. */
	const uint32_t probe = 1;
	if (*(const unsigned char *)&probe != 1) {
		snprintf(err, errlen, "runtime tables can only be built on a little-endian machine");
		return -1;
	}
	writer w;
	memset(&w, 0, sizeof w);
	w.prog = prog;
	urc_symtab_init(&w.interned);
	w.measures.size = sizeof(urt_measure);
	w.settings.size = sizeof(urt_setting);
	w.plans.size = sizeof(urt_plan);
	w.guidelines.size = sizeof(urt_guideline);
	w.codes.size = sizeof(urt_code);
	w.refs.size = sizeof(uint32_t);
	w.phases.size = sizeof(urt_phase);
	w.axes.size = sizeof(urt_axis);
	w.items.size = sizeof(urt_item);
	w.cells.size = sizeof(urt_cell);
	str(&w, ""); /* offset 0 is the empty string */
	write_catalogues(&w);
	int rc = write_guidelines(&w, err, errlen);
	if (rc == 0) {
		urt_header h;
		memset(&h, 0, sizeof h);
		memcpy(h.magic, URT_MAGIC, 8);
		h.version = URT_VERSION;
		h.endian = URT_ENDIAN;
		size_t at = align8(sizeof h);
		h.strings = (urt_section){(uint32_t)at, (uint32_t)w.nstr};
		at = align8(at + w.nstr);
#define PLACE(name)                                                        \
	h.name = (urt_section){(uint32_t)at, (uint32_t)w.name.n};              \
	at = align8(at + w.name.n * w.name.size);
		PLACE(measures) PLACE(settings) PLACE(plans) PLACE(guidelines)
		PLACE(codes) PLACE(refs) PLACE(phases) PLACE(axes) PLACE(items)
		PLACE(cells)
#undef PLACE
		h.size = at;
		unsigned char *buf = calloc(1, at);
		if (!buf)
			urc_oom();
		memcpy(buf + h.strings.offset, w.strings, w.nstr);
#define COPY(name) \
	if (w.name.n) memcpy(buf + h.name.offset, w.name.data, w.name.n * w.name.size);
		COPY(measures) COPY(settings) COPY(plans) COPY(guidelines) COPY(codes)
		COPY(refs) COPY(phases) COPY(axes) COPY(items) COPY(cells)
#undef COPY
		memcpy(buf, &h, sizeof h);
		h.checksum = urt_checksum(buf, at);
		memcpy(buf, &h, sizeof h);
		*out = buf;
		*len = at;
	}
	free(w.strings);
	urc_symtab_free(&w.interned);
	free(w.measures.data); free(w.settings.data); free(w.plans.data);
	free(w.guidelines.data); free(w.codes.data); free(w.refs.data);
	free(w.phases.data); free(w.axes.data); free(w.items.data);
	free(w.cells.data);
	return rc;
}

/* Gives the temporary file the mode a new file would have had. */
static int fchmod_tmp(const char *path)
{
	mode_t mask = umask(0);
	umask(mask);
	return chmod(path, 0666 & ~mask);
}

int urc_write_atomic(const char *path, const void *bytes, size_t len,
                     char *err, size_t errlen)
{
	size_t n = strlen(path);
	char *tmp = urc_xmalloc(n + 16);
	snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "cannot write '%s': %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	const unsigned char *p = bytes;
	size_t left = len;
	int e = 0;
	while (left && !e) {
		ssize_t got = write(fd, p, left);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
		} else {
			p += got;
			left -= (size_t)got;
		}
	}
	if (!e && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	if (!e && fchmod_tmp(tmp) != 0)
		e = errno;
	if (!e && rename(tmp, path) != 0)
		e = errno;
	if (e) {
		unlink(tmp);
		snprintf(err, errlen, "cannot write '%s': %s", path, strerror(e));
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}
