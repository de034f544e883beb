/* table_print.c — `urc table`: a runtime table as readable decision
 * tables, one per phase, with the rules as rows and the values they test
 * as columns. */
#include "describe.h"

#include <inttypes.h>
#include <string.h>

static const char *const disciplines[] = {"PT", "OT", "SLP"};

/* Copies s with its line breaks as " / ", so a row stays one line. */
static const char *one_line(const char *s, char *buf, size_t n)
{
	size_t at = 0;
	for (; *s && at + 4 < n; s++) {
		if (*s == '\n') {
			memcpy(buf + at, " / ", 3);
			at += 3;
		} else {
			buf[at++] = *s;
		}
	}
	buf[at] = '\0';
	return buf;
}

static void outcome_text(const urc_table *t, const urt_item *it, char *buf, size_t n)
{
	char line[1024];
	switch (it->outcome) {
	case URT_OUTCOME_APPROVE:
		snprintf(buf, n, "approve up to %u visits over %u days", it->visits, it->days);
		break;
	case URT_OUTCOME_REFER:
		snprintf(buf, n, "refer: %s", one_line(urc_str(t, it->text), line, sizeof line));
		break;
	default:
		snprintf(buf, n, "pend: %s", one_line(urc_str(t, it->text), line, sizeof line));
		break;
	}
}

static void print_phase(FILE *out, const urc_table *t, const urt_guideline *g, const urt_phase *ph)
{
	fprintf(out, "\n  %s requests\n", ph->kind ? "continued" : "initial");
	char buf[512];
	fputs("  | # | rule |", out);
	for (uint32_t a = 0; a < ph->naxes; a++)
		fprintf(out, " %s |", urc_axis_label(t, &t->axes[ph->first_axis + a], buf, sizeof buf));
	fputs(" outcome |\n  |---|---|", out);
	for (uint32_t a = 0; a < ph->naxes; a++)
		fputs("---|", out);
	fputs("---|\n", out);
	for (uint32_t k = 0; k < ph->nitems; k++) {
		const urt_item *it = &t->items[ph->first_item + k];
		if (it->kind == URT_ITEM_REQUIRE) {
			fprintf(out, "  | %u | require %s |", k + 1, urc_str(t, t->measures[it->measure].name));
			for (uint32_t a = 0; a < ph->naxes; a++)
				fputs(" |", out);
			fputs(" pend when missing |\n", out);
			continue;
		}
		uint32_t rows = it->kind == URT_ITEM_RULE ? it->nrows : 1;
		for (uint32_t r = 0; r < rows; r++) {
			if (it->kind == URT_ITEM_RULE)
				fprintf(out, "  | %u%s | %s |", k + 1, rows > 1 ? (r ? " (or)" : "") : "",
				        urc_str(t, it->name));
			else
				fprintf(out, "  | %u | otherwise |", k + 1);
			for (uint32_t a = 0; a < ph->naxes; a++) {
				if (it->kind == URT_ITEM_RULE) {
					const urt_cell *c = &t->cells[it->first_cell + r * ph->naxes + a];
					fprintf(out, " %s |", urc_cell_text(t, g, &t->axes[ph->first_axis + a], c, buf, sizeof buf));
				} else {
					fputs(" - |", out);
				}
			}
			outcome_text(t, it, buf, sizeof buf);
			fprintf(out, " %s |\n", buf);
		}
	}
}

int urc_table_print(FILE *out, const urc_table *t)
{
	fprintf(out, "runtime table: %u guidelines, %u measures, %u settings, %u plans\n",
	        t->h->guidelines.count, t->h->measures.count, t->h->settings.count, t->h->plans.count);
	for (uint32_t i = 0; i < t->h->guidelines.count; i++) {
		const urt_guideline *g = &t->guidelines[i];
		fprintf(out, "\nguideline %s@%u#%016" PRIx64 " \"%s\" (%s, %s)\n", urc_str(t, g->id), g->version,
		        g->hash, urc_str(t, g->title), disciplines[g->discipline], urc_str(t, g->specialty));
		fprintf(out, "  source: %s:%u\n  diagnoses:", urc_str(t, g->source), g->line);
		for (uint32_t k = 0; k < t->h->codes.count; k++)
			if (t->codes[k].guideline == i)
				fprintf(out, " %s%s", urc_str(t, t->codes[k].code), t->codes[k].prefix ? "-" : "");
		fputs("\n  settings:", out);
		for (uint32_t k = 0; k < g->nsettings; k++)
			fprintf(out, " %s", urc_str(t, t->settings[t->refs[g->first_setting + k]].name));
		fprintf(out, "\n  window: ");
		if (g->window_min)
			fprintf(out, "%u to ", g->window_min);
		fprintf(out, "%u days", g->window_max);
		if (g->frequency)
			fprintf(out, "; frequency at most %u per %s", g->frequency, g->frequency_days == 7 ? "week" : "day");
		fputc('\n', out);
		for (int p = 0; p < 2; p++)
			if (g->phase[p] != URT_NONE)
				print_phase(out, t, g, &t->phases[g->phase[p]]);
	}
	return ferror(out) ? -1 : 0;
}
