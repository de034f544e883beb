/* diagram_labels.c — the words of a decision diagram (see
 * diagram_labels.h): conditions and outcomes in words, the routing and
 * limits notes, the legend, citations as tooltips, all wrapped and escaped
 * for Graphviz's HTML-like labels. No Graphviz header is included here. */
#include "diagram_labels.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "case.h"
#include "cond_text.h"

enum {
	WRAP = 40,      /* characters per line of a node's text */
	NOTE_WRAP = 46, /* the same for the notes beside the flow */
	MAX_MEASURES = 32,
};

#define MUTED URC_DIAGRAM_MUTED
#define OVERLAY "#1565c0" /* an overlay's words: a case's values, a title */

typedef urc_diagram_text text;

/* ---- growable text ---- */

static void text_reserve(text *t, size_t more)
{
	if (t->n + more + 1 <= t->cap)
		return;
	size_t cap = t->cap ? t->cap : 256;
	while (cap < t->n + more + 1)
		cap *= 2;
	t->s = urc_xrealloc(t->s, cap);
	t->cap = cap;
}

static void text_clear(text *t)
{
	text_reserve(t, 0);
	t->n = 0;
	t->s[0] = '\0';
}

static void add(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(text *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int w = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (w <= 0)
		return;
	text_reserve(t, (size_t)w);
	va_start(ap, fmt);
	vsnprintf(t->s + t->n, (size_t)w + 1, fmt, ap);
	va_end(ap);
	t->n += (size_t)w;
}

static void add_byte(text *t, char c)
{
	text_reserve(t, 1);
	t->s[t->n++] = c;
	t->s[t->n] = '\0';
}

/* Appends n bytes of s as HTML-like label text. */
static void add_html_n(text *t, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': add(t, "&amp;"); break;
		case '<': add(t, "&lt;"); break;
		case '>': add(t, "&gt;"); break;
		case '"': add(t, "&quot;"); break;
		default: add_byte(t, s[i]); break;
		}
	}
}

static void add_html(text *t, const char *s)
{
	add_html_n(t, s, strlen(s));
}

/* Characters (not bytes) in n bytes of UTF-8. */
static size_t chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Appends s as HTML, broken between words into lines of at most width
 * characters (a longer word gets a line of its own); a newline in s forces
 * a break. br ends each line but the last, or every line when br_last. */
static void add_wrapped(text *t, const char *s, size_t width, const char *br, int br_last)
{
	size_t line = 0;
	const char *p = s;
	while (*p) {
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		if (*p == '\n') {
			add(t, "%s", br);
			line = 0;
			p++;
			continue;
		}
		size_t n = strcspn(p, " \t\n");
		size_t w = chars(p, n);
		if (line && line + 1 + w > width) {
			add(t, "%s", br);
			line = 0;
		} else if (line) {
			add(t, " ");
			line++;
		}
		add_html_n(t, p, n);
		line += w;
		p += n;
	}
	if (br_last)
		add(t, "%s", br);
}

/* Appends s to an escString (tooltips): backslashes doubled, newlines as
 * the \n escape. */
static void add_esc(text *t, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			add(t, "\\\\");
		else if (*s == '\n')
			add(t, "\\n");
		else
			add_byte(t, *s);
	}
}

/* Empties both texts of l, for a box's new words. */
static void label_clear(urc_diagram_label *l)
{
	text_clear(&l->html);
	text_clear(&l->tip);
}

void urc_diagram_label_free(urc_diagram_label *l)
{
	free(l->html.s);
	free(l->tip.s);
	memset(l, 0, sizeof *l);
}

/* ---- words ---- */

static const char *discipline_words(const char *d)
{
	if (!d)
		return "therapy";
	if (strcmp(d, "PT") == 0)
		return "physical therapy (PT)";
	if (strcmp(d, "OT") == 0)
		return "occupational therapy (OT)";
	if (strcmp(d, "SLP") == 0)
		return "speech-language pathology (SLP)";
	return d;
}

/* "intake", "intake and latest", "intake, previous and latest". */
static void add_moments(text *t, unsigned m)
{
	const char *w[3];
	int n = 0;
	if (m & URC_MOMENT_INTAKE)
		w[n++] = "intake";
	if (m & URC_MOMENT_PREVIOUS)
		w[n++] = "the previous request";
	if (m & URC_MOMENT_LATEST)
		w[n++] = "latest";
	for (int i = 0; i < n; i++)
		add(t, "%s%s", i == 0 ? "" : i == n - 1 ? " and " : ", ", w[i]);
}

/* "ODI score at intake" / "ODI scores at intake and latest". */
static void add_required(text *t, const urc_rule *r)
{
	unsigned m = r->moments ? r->moments : URC_MOMENT_INTAKE | URC_MOMENT_LATEST;
	int several = (m & (m - 1)) != 0;
	add(t, "%s score%s at ", r->name.s, several ? "s" : "");
	add_moments(t, m);
}

static void add_quantity(text *t, const urc_quantity *q)
{
	char buf[64];
	add(t, "%s", urc_quantity_format(q, buf, sizeof buf));
}

/* The label of an outcome box. */
static void outcome_label(text *t, const urc_rule_outcome *o)
{
	switch (o->kind) {
	case URC_OUTCOME_APPROVE: {
		text words = {0};
		add(&words, "up to ");
		add_quantity(&words, &o->visits);
		add(&words, " over ");
		add_quantity(&words, &o->days);
		add(t, "<B>Approve</B> ");
		add_wrapped(t, words.s, WRAP - 8, "<BR/>", 0);
		free(words.s);
		break;
	}
	case URC_OUTCOME_REFER:
		/* An octagon widens with its text: keep its lines shorter. */
		add(t, "<B>Refer to physician review</B><BR/>");
		add_wrapped(t, o->text ? o->text : "", WRAP - 6, "<BR/>", 0);
		break;
	case URC_OUTCOME_PEND:
		add(t, "<B>Pend</B>: ask the provider for<BR/>");
		add_wrapped(t, o->text ? o->text : "", WRAP, "<BR/>", 0);
		break;
	}
}

/* A rule's citations as a tooltip. */
static void cite_tip(text *t, const char *head, const urc_cites *cites)
{
	add_esc(t, head);
	if (!cites->first) {
		add(t, "\\n(no citation given)");
		return;
	}
	add(t, "\\nSources:");
	for (const urc_cite *c = cites->first; c; c = c->next) {
		add(t, "\\n- ");
		add_esc(t, c->text);
	}
}

/* A rule's citations under the heading "Rule 'NAME'". */
static void rule_tip(text *t, const urc_rule *r)
{
	text head = {0};
	add(&head, "Rule '%s'", r->name.s ? r->name.s : "");
	cite_tip(t, head.s, &r->cites);
	free(head.s);
}

/* Adds an overlay note under a node's label, in the overlay's colour. */
static void add_note(text *t, const char *note)
{
	if (!note)
		return;
	add(t, "<BR/><FONT POINT-SIZE=\"10\" COLOR=\"" OVERLAY "\"><I>");
	add_wrapped(t, note, WRAP, "<BR/>", 0);
	add(t, "</I></FONT>");
}

/* ---- the title and the legend ---- */

void urc_diagram_label_title(urc_diagram_label *l, const urc_guideline *g, const char *overlay)
{
	label_clear(l);
	text *t = &l->html;
	add(t, "<FONT POINT-SIZE=\"17\"><B>");
	add_wrapped(t, g->title ? g->title : g->id.s, 56, "<BR/>", 0);
	add(t, "</B></FONT><BR/><FONT POINT-SIZE=\"12\" COLOR=\"" MUTED "\">guideline ");
	add_html(t, g->id.s);
	char num[32];
	add(t, ", version %s", urc_number_format(g->version.value, num, sizeof num));
	if (g->effective_span.file != URC_NO_FILE) {
		char date[16];
		add(t, ", effective %s", urc_date_format(g->effective, date));
	}
	add(t, "</FONT><BR/>");
	if (overlay) {
		add(t, "<FONT POINT-SIZE=\"13\" COLOR=\"" OVERLAY "\"><B>");
		add_wrapped(t, overlay, 80, "<BR/>", 0);
		add(t, "</B></FONT><BR/>");
	}
	add(t, " ");
	add(&l->tip, "Evidence:");
	for (const urc_cite *c = g->evidence.first; c; c = c->next) {
		add(&l->tip, "\\n- ");
		add_esc(&l->tip, c->text);
	}
}

void urc_diagram_label_legend(urc_diagram_label *l)
{
	label_clear(l);
	add(&l->html, "<B>How to read this diagram</B>");
	add(&l->tip, "What the shapes and colours mean.");
}

void urc_diagram_label_sample(urc_diagram_label *l, urc_box k)
{
	static const char *const samples[] = {
		[URC_BOX_START] = "Start at the top<BR/>with the request",
		[URC_BOX_QUESTION] = "A question: <B>no</B> goes down,<BR/><B>yes</B> to the side; the first<BR/><B>yes</B> from the top decides",
		[URC_BOX_APPROVE] = "<B>Approve</B> the visits requested,<BR/>up to the number shown<BR/>(in part when more were asked)",
		[URC_BOX_REFER] = "<B>Refer to physician review</B><BR/>for the reason shown: only<BR/>a physician may deny",
		[URC_BOX_PEND] = "<B>Pend</B>: ask the provider<BR/>for what is missing",
		[URC_BOX_NOTE] = "Facts about<BR/>the guideline",
	};
	label_clear(l);
	add(&l->html, "%s", samples[k]);
}

/* ---- the request, its routing and the plans ---- */

void urc_diagram_label_request(urc_diagram_label *l, const urc_guideline *g)
{
	label_clear(l);
	add(&l->html, "<B>Request arrives</B><BR/>for ");
	add_html(&l->html, discipline_words(g->discipline.s));
}

static void add_measure(urc_measure **v, int *n, urc_measure *m)
{
	if (!m)
		return;
	for (int i = 0; i < *n; i++)
		if (v[i] == m)
			return;
	if (*n < MAX_MEASURES)
		v[(*n)++] = m;
}

static void cond_measures(const urc_cond *k, urc_measure **v, int *n)
{
	if (!k)
		return;
	cond_measures(k->lhs, v, n);
	cond_measures(k->rhs, v, n);
	add_measure(v, n, k->measure);
}

/* The authorization limits as note lines, each ended by br. */
static void add_limits(text *t, const urc_auth *a, const char *br)
{
	add(t, "<B>Authorization limits</B>%s", br);
	if (a->window_max.present) {
		add(t, "- each approval covers ");
		if (a->window_min.present && a->window_min.unit == a->window_max.unit) {
			char num[32];
			add(t, "%s to ", urc_number_format(a->window_min.value, num, sizeof num));
		} else if (a->window_min.present) {
			add_quantity(t, &a->window_min);
			add(t, " to ");
		}
		add_quantity(t, &a->window_max);
		add(t, "%s", br);
	}
	if (a->frequency.present) {
		char num[32];
		add(t, "- at most %s visit%s a %s%s", urc_number_format(a->frequency.value, num, sizeof num),
		    a->frequency.value == 1 ? "" : "s", urc_unit_name(a->frequency_per, false), br);
	}
}

void urc_diagram_label_routing(urc_diagram_label *l, const urc_guideline *g, int with_limits)
{
	text *t = &l->html;
	const char *br = "<BR ALIGN=\"LEFT\"/>";
	label_clear(l);
	add(t, "<B>Routed to this guideline when</B>%s", br);
	text line = {0};
	add(&line, "- the request is for %s", discipline_words(g->discipline.s));
	add_wrapped(t, line.s, NOTE_WRAP, br, 1);
	text_clear(&line);
	add(&line, "- a diagnosis is ");
	for (uint32_t i = 0; i < g->codes.n; i++) {
		const urc_code *c = &g->codes.v[i];
		add(&line, "%s%s%s", i == 0 ? "" : i + 1 == g->codes.n ? " or " : ", ", c->s,
		    c->prefix ? " (or a code under it)" : "");
	}
	add_wrapped(t, line.s, NOTE_WRAP, br, 1);
	text_clear(&line);
	add(&line, "- the setting is ");
	for (uint32_t i = 0; i < g->settings.n; i++) {
		const urc_setting *s = g->setting_refs ? g->setting_refs[i] : NULL;
		const char *name = s && s->title ? s->title : g->settings.v[i].s;
		add(&line, "%s%s", i == 0 ? "" : i + 1 == g->settings.n ? " or " : ", ", name);
	}
	add_wrapped(t, line.s, NOTE_WRAP, br, 1);

	urc_measure *ms[MAX_MEASURES];
	int nm = 0;
	const urc_phase *phases[2] = {&g->initial, &g->continued};
	for (int p = 0; p < 2; p++)
		for (const urc_rule *r = phases[p]->first; r; r = r->next) {
			add_measure(ms, &nm, r->measure);
			cond_measures(r->when, ms, &nm);
		}
	if (nm)
		add(t, "<B>Scores used</B>%s", br);
	for (int i = 0; i < nm; i++) {
		urc_measure *m = ms[i];
		text_clear(&line);
		add(&line, "- %s: %s", m->id.s, m->title ? m->title : "");
		if (m->lo.present && m->hi.present) {
			char num[32];
			add(&line, ", %s to ", urc_number_format(m->lo.value, num, sizeof num));
			add_quantity(&line, &m->hi);
		}
		if (m->better)
			add(&line, ", %s is better", m->better > 0 ? "higher" : "lower");
		if (m->mcid.present) {
			add(&line, ", MCID ");
			add_quantity(&line, &m->mcid);
		}
		if (m->mdc.present) {
			add(&line, ", MDC ");
			add_quantity(&line, &m->mdc);
		}
		add_wrapped(t, line.s, NOTE_WRAP, br, 1);
	}
	free(line.s);
	if (with_limits)
		add_limits(t, &g->auth, br);
	add(&l->tip, "A request reaches this guideline when its discipline, a diagnosis and its setting match.");
}

void urc_diagram_label_limits(urc_diagram_label *l, const urc_guideline *g)
{
	label_clear(l);
	add_limits(&l->html, &g->auth, "<BR ALIGN=\"LEFT\"/>");
	add(&l->tip, "Every approval stays within these limits.");
}

/* The guideline's largest approval (most visits, the first of equals),
 * which caps what a plan approves without review; NULL when it has none. */
static const urc_rule_outcome *largest_approval(const urc_guideline *g)
{
	const urc_rule_outcome *best = NULL;
	const urc_phase *phases[2] = {&g->initial, &g->continued};
	for (int p = 0; p < 2; p++) {
		if (!phases[p]->present)
			continue;
		for (const urc_rule *r = phases[p]->first; r; r = r->next)
			if (r->kind != URC_ITEM_REQUIRE && r->outcome.kind == URC_OUTCOME_APPROVE &&
			    r->outcome.visits.value >= 1 &&
			    (!best || r->outcome.visits.value > best->visits.value))
				best = &r->outcome;
	}
	return best;
}

const urc_rule_outcome *urc_diagram_label_plan(urc_diagram_label *l, const urc_program *prog,
                                               const urc_guideline *g)
{
	const urc_rule_outcome *cap = largest_approval(g);
	text *t = &l->html;
	label_clear(l);
	int any = 0;
	for (const urc_plan *p = prog->plans.first; p && cap; p = p->next) {
		if (p->auto_approve.value < 1)
			continue;
		if (!any)
			add(t, "Does the member's plan approve this<BR/>request without review?"
			       "<BR/><FONT POINT-SIZE=\"10\" COLOR=\"" MUTED "\">");
		char num[32];
		add(t, "%s", any ? "<BR/>" : "");
		add_html(t, p->id.s);
		add(t, ": request%s 1%s%s", p->auto_approve.value > 1 ? "s" : "",
		    p->auto_approve.value > 1 ? " to " : "",
		    p->auto_approve.value > 1 ? urc_number_format(p->auto_approve.value, num, sizeof num) : "");
		any = 1;
	}
	if (!any)
		return NULL;
	add(t, "</FONT>");
	add(&l->tip, "Some plans approve their members' first requests without clinical review.");
	return cap;
}

void urc_diagram_label_plan_outcome(urc_diagram_label *l, const urc_rule_outcome *cap)
{
	text *t = &l->html;
	label_clear(l);
	add(t, "<B>Approve without review</B><BR/>the visits requested, at most<BR/>");
	add_quantity(t, &cap->visits);
	add(t, " over ");
	add_quantity(t, &cap->days);
	add(&l->tip, "Never more than the guideline's largest approval, nor more than requested.");
}

/* ---- the phases ---- */

void urc_diagram_label_split(urc_diagram_label *l)
{
	label_clear(l);
	add(&l->html, "First request of this<BR/>episode of care?");
	add(&l->tip, "Request 1 is decided by the first-request steps; request 2 and later by the later-request steps.");
}

void urc_diagram_label_phase(urc_diagram_label *l, int p, int only)
{
	label_clear(l);
	add(&l->html, "%s", only ? "<B>Every request</B>" : p == 0 ? "<B>First request</B>" : "<B>Later requests</B>");
	add(&l->tip, "%s", only ? "The steps for every request, tried in order: the first yes decides."
	                   : p == 0 ? "The steps for request 1, tried in order: the first yes decides."
	                            : "The steps for request 2 and later, tried in order: the first yes decides.");
}

void urc_diagram_label_question(urc_diagram_label *l, int step, const urc_rule *r,
                                const char *note)
{
	text *t = &l->html;
	label_clear(l);
	if (r->kind == URC_ITEM_REQUIRE) {
		add(t, "<FONT POINT-SIZE=\"10\" COLOR=\"" MUTED "\">Step %d: scores needed</FONT><BR/>", step);
		text q = {0};
		add_required(&q, r);
		add(&q, " on file?");
		add_wrapped(t, q.s, WRAP, "<BR/>", 0);
		free(q.s);
		add_note(t, note);
		add(&l->tip, "Pend when a score is missing: the steps below compare them.");
		return;
	}
	/* A rule: its condition in words. */
	add(t, "<FONT POINT-SIZE=\"10\" COLOR=\"" MUTED "\">Step %d: ", step);
	add_html(t, r->name.s ? r->name.s : "rule");
	add(t, "</FONT><BR/>");
	char words[2048];
	urc_cond_text(r->when, words, sizeof words - 1);
	if (words[0] >= 'a' && words[0] <= 'z')
		words[0] = (char)(words[0] - 'a' + 'A');
	strcat(words, "?");
	add_wrapped(t, words, WRAP, "<BR/>", 0);
	add_note(t, note);
	rule_tip(&l->tip, r);
}

void urc_diagram_label_answer(urc_diagram_label *l, const urc_rule *r)
{
	text *t = &l->html;
	label_clear(l);
	if (r->kind == URC_ITEM_REQUIRE) {
		add(&l->tip, "The request waits until the provider sends the missing scores.");
		add(t, "<B>Pend</B>: ask the provider for<BR/>");
		text what = {0};
		add_required(&what, r);
		add_wrapped(t, what.s, WRAP, "<BR/>", 0);
		free(what.s);
		return;
	}
	outcome_label(t, &r->outcome);
	/* The outcome carries its rule's sources, as the question does. */
	rule_tip(&l->tip, r);
}

void urc_diagram_label_otherwise(urc_diagram_label *l, const urc_rule *r)
{
	label_clear(l);
	outcome_label(&l->html, &r->outcome);
	cite_tip(&l->tip, "Otherwise: no rule above matched.", &r->cites);
}

void urc_diagram_label_fallthrough(urc_diagram_label *l)
{
	label_clear(l);
	add(&l->html, "<B>Refer to physician review</B><BR/>no step above decided the request");
	add(&l->tip, "Only a case missing scores that the rules test gets here.");
}

void urc_diagram_label_no_phase(urc_diagram_label *l)
{
	label_clear(l);
	add(&l->html, "<B>Refer to physician review</B><BR/>the guideline has no steps");
}
