/* table_load.c — maps a runtime table and verifies it before anything
 * trusts it: header, checksum, then every offset and index, so that a
 * truncated, corrupt or crafted file is refused with a clear message and
 * never read out of bounds. */
#include "table.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int section_ok(const urt_section *s, size_t size, size_t len)
{
	if (s->offset % 8 != 0 || s->offset > len)
		return 0;
	return (uint64_t)s->count * size <= len - s->offset;
}

#define STR_OK(off) ((off) < t->h->strings.count)

/* Checks every record; returns 0 or -1 with a message. */
static int verify(urc_table *t, const char *name, char *err, size_t errlen)
{
	const urt_header *h = t->h;
#define SEC(field, type)                                                     \
	if (!section_ok(&h->field, sizeof(type), t->len))                        \
		return fail(err, errlen, "%s is corrupt: its " #field " section lies outside the file", name); \
	t->field = (const type *)(t->bytes + h->field.offset);
	SEC(measures, urt_measure)
	SEC(settings, urt_setting)
	SEC(plans, urt_plan)
	SEC(guidelines, urt_guideline)
	SEC(codes, urt_code)
	SEC(refs, uint32_t)
	SEC(phases, urt_phase)
	SEC(axes, urt_axis)
	SEC(items, urt_item)
	SEC(cells, urt_cell)
#undef SEC
	if (!section_ok(&h->strings, 1, t->len) || h->strings.count == 0 ||
	    t->bytes[h->strings.offset + h->strings.count - 1] != '\0')
		return fail(err, errlen, "%s is corrupt: its strings are damaged", name);
	t->strings = (const char *)t->bytes + h->strings.offset;

	for (uint32_t i = 0; i < h->measures.count; i++) {
		const urt_measure *m = &t->measures[i];
		if (!STR_OK(m->name) || !STR_OK(m->title) || !STR_OK(m->unit) || !STR_OK(m->source) ||
		    !(m->lo < m->hi) || (m->better != 1 && m->better != -1 && m->better != 0))
			return fail(err, errlen, "%s is corrupt: measure %u is damaged", name, i);
	}
	for (uint32_t i = 0; i < h->settings.count; i++)
		if (!STR_OK(t->settings[i].name) || !STR_OK(t->settings[i].title))
			return fail(err, errlen, "%s is corrupt: setting %u is damaged", name, i);
	for (uint32_t i = 0; i < h->plans.count; i++)
		if (!STR_OK(t->plans[i].name) || !STR_OK(t->plans[i].title) || !STR_OK(t->plans[i].states))
			return fail(err, errlen, "%s is corrupt: plan %u is damaged", name, i);
	if (h->plans.count > 62)
		return fail(err, errlen, "%s is corrupt: too many plans", name);
	for (uint32_t i = 0; i < h->refs.count; i++)
		if (t->refs[i] >= h->settings.count)
			return fail(err, errlen, "%s is corrupt: a setting reference is damaged", name);
	for (uint32_t i = 0; i < h->guidelines.count; i++) {
		const urt_guideline *g = &t->guidelines[i];
		int ok = STR_OK(g->id) && STR_OK(g->title) && STR_OK(g->specialty) &&
		         STR_OK(g->evidence) && STR_OK(g->source) && g->discipline <= URT_SLP &&
		         g->nsettings <= 63 && g->first_setting <= h->refs.count &&
		         g->nsettings <= h->refs.count - g->first_setting &&
		         (g->frequency == 0 || g->frequency_days == 1 || g->frequency_days == 7);
		for (int p = 0; p < 2 && ok; p++)
			ok = g->phase[p] == URT_NONE ||
			     (g->phase[p] < h->phases.count && t->phases[g->phase[p]].guideline == i &&
			      t->phases[g->phase[p]].kind == (uint32_t)p);
		if (!ok)
			return fail(err, errlen, "%s is corrupt: guideline %u is damaged", name, i);
	}
	for (uint32_t i = 0; i < h->codes.count; i++) {
		const urt_code *c = &t->codes[i];
		if (!STR_OK(c->code) || c->guideline >= h->guidelines.count || c->prefix > 1 ||
		    (i > 0 && strcmp(urc_str(t, t->codes[i - 1].code), urc_str(t, c->code)) > 0))
			return fail(err, errlen, "%s is corrupt: diagnosis code %u is damaged", name, i);
	}
	for (uint32_t i = 0; i < h->axes.count; i++) {
		const urt_axis *a = &t->axes[i];
		int needs_measure = a->kind == URT_AXIS_CHANGE || a->kind == URT_AXIS_CHANGE_PCT ||
		                    a->kind == URT_AXIS_SCORE;
		if (a->kind > URT_AXIS_PLAN || a->feature > URT_FEATURE_AGE_MONTHS ||
		    (needs_measure && a->measure >= h->measures.count) ||
		    (needs_measure && a->moment != URT_MOMENT_INTAKE && a->moment != URT_MOMENT_PREVIOUS &&
		     a->moment != URT_MOMENT_LATEST))
			return fail(err, errlen, "%s is corrupt: column %u is damaged", name, i);
	}
	for (uint32_t p = 0; p < h->phases.count; p++) {
		const urt_phase *ph = &t->phases[p];
		if (ph->guideline >= h->guidelines.count || ph->kind > 1 || ph->naxes > 64 ||
		    ph->first_axis > h->axes.count || ph->naxes > h->axes.count - ph->first_axis ||
		    ph->first_item > h->items.count || ph->nitems > h->items.count - ph->first_item)
			return fail(err, errlen, "%s is corrupt: phase %u is damaged", name, p);
		for (uint32_t k = ph->first_item; k < ph->first_item + ph->nitems; k++) {
			const urt_item *it = &t->items[k];
			int ok = it->kind <= URT_ITEM_OTHERWISE && it->outcome <= URT_OUTCOME_PEND &&
			         STR_OK(it->name) && STR_OK(it->text) && STR_OK(it->cite) && STR_OK(it->when);
			if (ok && it->kind == URT_ITEM_REQUIRE)
				ok = it->measure < h->measures.count && it->moments && it->moments <= 7;
			if (ok && it->kind == URT_ITEM_RULE)
				ok = it->nrows <= 100000 && it->first_cell <= h->cells.count &&
				     (uint64_t)it->nrows * ph->naxes <= h->cells.count - it->first_cell;
			if (!ok)
				return fail(err, errlen, "%s is corrupt: rule %u is damaged", name, k);
		}
	}
	return 0;
}

static urc_table *finish_load(urc_table *t, const char *name, char *err, size_t errlen)
{
	if (t->len < 8 || memcmp(t->bytes, URT_MAGIC, 8) != 0) {
		fail(err, errlen, "%s is not a urc runtime table (build one with 'urc build')", name);
		return NULL;
	}
	if (t->len < sizeof(urt_header)) {
		fail(err, errlen, "%s is truncated: %zu bytes, too short for a runtime table", name, t->len);
		return NULL;
	}
	t->h = (const urt_header *)t->bytes;
	if (t->h->endian != URT_ENDIAN) {
		fail(err, errlen, "%s has another byte order than this machine", name);
		return NULL;
	}
	if (t->h->version != URT_VERSION) {
		fail(err, errlen, "%s is a version %u runtime table; this urc reads version %u: rebuild it with 'urc build'",
		     name, t->h->version, URT_VERSION);
		return NULL;
	}
	if (t->h->size != t->len) {
		if (t->h->size > t->len)
			fail(err, errlen, "%s is truncated: %zu of %llu bytes", name, t->len,
			     (unsigned long long)t->h->size);
		else
			fail(err, errlen, "%s has %zu bytes where its header says %llu", name, t->len,
			     (unsigned long long)t->h->size);
		return NULL;
	}
	if (urt_checksum(t->bytes, t->len) != t->h->checksum) {
		fail(err, errlen, "%s is corrupt: its checksum does not match its contents", name);
		return NULL;
	}
	if (verify(t, name, err, errlen) != 0)
		return NULL;
	if (urc_table_index(t, name, err, errlen) != 0)
		return NULL;
	return t;
}

urc_table *urc_table_load(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		fail(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		fail(err, errlen, "cannot read %s: not a regular file", path);
		close(fd);
		return NULL;
	}
	urc_table *t = calloc(1, sizeof *t);
	if (!t) {
		close(fd);
		fail(err, errlen, "out of memory");
		return NULL;
	}
	t->len = (size_t)st.st_size;
	if (t->len == 0) {
		close(fd);
		free(t);
		fail(err, errlen, "%s is empty: too short for a runtime table", path);
		return NULL;
	}
	void *p = mmap(NULL, t->len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		fail(err, errlen, "cannot map %s: %s", path, strerror(errno));
		free(t);
		return NULL;
	}
	t->bytes = p;
	t->mapped = 1;
	if (!finish_load(t, path, err, errlen)) {
		urc_table_free(t);
		return NULL;
	}
	return t;
}

urc_table *urc_table_from_memory(const void *bytes, size_t len, char *err, size_t errlen)
{
	urc_table *t = calloc(1, sizeof *t);
	unsigned char *copy = malloc(len ? len : 1);
	if (!t || !copy) {
		free(t);
		free(copy);
		fail(err, errlen, "out of memory");
		return NULL;
	}
	if (len)
		memcpy(copy, bytes, len);
	t->bytes = copy;
	t->len = len;
	if (!finish_load(t, "the table", err, errlen)) {
		urc_table_free(t);
		return NULL;
	}
	return t;
}

void urc_table_free(urc_table *t)
{
	if (!t)
		return;
	if (t->mapped)
		munmap((void *)t->bytes, t->len);
	else
		free((void *)t->bytes);
	free(t->ops);
	free(t->programs);
	free(t->slot_measure);
	free(t->verdicts);
	free(t->guideline_ref);
	free(t);
}
