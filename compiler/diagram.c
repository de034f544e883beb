/* diagram.c — a guideline as a Graphviz decision diagram (see diagram.h).
 * The graph is built with cgraph, laid out with gvLayout("dot") and
 * rendered to memory with gvRenderData; DOT output is agwrite before any
 * layout, so it is byte-stable. The words on the boxes come from
 * diagram_labels.c; where the boxes go and how they look is decided here.
 * Graphviz 2.42/2.43 takes char * even for strings it only reads: those
 * casts live here, in gv(), and nowhere else. */
#include "diagram.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gvc.h>

#include "arena.h"
#include "diagram_labels.h"
#include "symtab.h"

/* Type, colours and fonts, in one place so that the legend and the
 * diagram cannot disagree. Colours differ in lightness too, and each
 * outcome has its own shape and border, so a greyscale print still reads. */
#define FONT "Helvetica"
#define FONT_BOLD "Helvetica-Bold"
#define INK "#263238"             /* text and lines */
#define MUTED URC_DIAGRAM_MUTED   /* step numbers, secondary text */
#define PAD "0.3"                 /* inches around the drawing */
#define DPI "96"                  /* pixels per inch of PNG output */

/* The look of each kind of box. */
static const struct look {
	const char *shape, *style, *fill, *pen, *penwidth, *peripheries;
} LOOKS[] = {
	[URC_BOX_START] = {"box", "rounded,filled", "#bbdefb", "#0d47a1", "1.5", "1"},
	[URC_BOX_QUESTION] = {"box", "rounded,filled", "#ffffff", INK, "1.5", "1"},
	[URC_BOX_APPROVE] = {"box", "filled", "#c8e6c9", "#1b5e20", "2.5", "1"},
	[URC_BOX_REFER] = {"octagon", "filled", "#ffab91", "#bf360c", "1.5", "2"},
	[URC_BOX_PEND] = {"folder", "filled,dashed", "#fff59d", "#6d4c00", "2", "1"},
	[URC_BOX_NOTE] = {"note", "filled", "#eceff1", "#78909c", "1", "1"},
};

/* Graphviz reads but does not const-qualify its string arguments. */
static char *gv(const char *s)
{
	return (char *)s;
}

/* ---- object IDs in creation order ---- */

/* Graphviz's default ID of a named object is the address of its interned
 * name, and agwrite writes subgraphs in ID order, so the DOT text would
 * depend on the memory allocator. Here a name's ID is its place in the
 * order names were first used (even IDs), and anonymous objects (edges)
 * count separately (odd IDs), all per graph. */
typedef struct id_names {
	Agraph_t *g;       /* the root graph, whose string pool holds the names */
	char **names;      /* ID 2(i+1) is names[i], interned in g */
	size_t n, cap;
	urc_symtab lookup; /* name -> i + 1 */
	IDTYPE anonymous;  /* the next odd ID */
} id_names;

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
	(void)disc;
	id_names *t = urc_xmalloc(sizeof *t);
	memset(t, 0, sizeof *t);
	t->g = g;
	urc_symtab_init(&t->lookup);
	t->anonymous = 1;
	return t;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	(void)objtype;
	id_names *t = state;
	if (!str) {
		*id = t->anonymous;
		t->anonymous += 2;
		return 1;
	}
	size_t i = (size_t)(uintptr_t)urc_symtab_get(&t->lookup, str);
	if (!i) {
		if (!createflag)
			return 0;
		if (t->n == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 64;
			t->names = urc_xrealloc(t->names, t->cap * sizeof *t->names);
		}
		/* agwrite expects names from the graph's pool (it checks them
		 * for HTML), as the default discipline makes them. */
		char *name = agstrdup(t->g, str);
		if (!name)
			return 0;
		t->names[t->n] = name;
		i = ++t->n;
		urc_symtab_put(&t->lookup, t->names[i - 1], (void *)(uintptr_t)i);
	}
	*id = 2 * (IDTYPE)i;
	return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE request)
{
	(void)state;
	(void)objtype;
	(void)request;
	return 0; /* no object asks for an ID of its choosing */
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
	/* Names live until the graph closes: nothing is deleted before. */
	(void)state;
	(void)objtype;
	(void)id;
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
	(void)objtype;
	id_names *t = state;
	return id % 2 == 0 && id / 2 >= 1 && id / 2 <= t->n ? t->names[id / 2 - 1] : NULL;
}

static void ids_close(void *state)
{
	/* The names go with the graph's string pool. */
	id_names *t = state;
	free(t->names);
	urc_symtab_free(&t->lookup);
	free(t);
}

static void ids_register(void *state, int objtype, void *obj)
{
	(void)state;
	(void)objtype;
	(void)obj;
}

static Agiddisc_t ID_DISC = {ids_open, ids_map, ids_alloc, ids_free, ids_print, ids_close, ids_register};
static Agdisc_t DISC = {&AgMemDisc, &ID_DISC, &AgIoDisc};

/* ---- Graphviz messages ---- */

/* Graphviz reports errors through a global callback; the last one is kept
 * here so that a failure can say what went wrong. */
static char gv_message[512];

static int gv_collect(char *msg)
{
	size_t at = strlen(gv_message);
	if (at + 1 < sizeof gv_message)
		snprintf(gv_message + at, sizeof gv_message - at, "%s", msg);
	return 0;
}

static void gv_message_clear(void)
{
	gv_message[0] = '\0';
}

/* The collected message without its trailing newline. */
static const char *gv_message_text(void)
{
	size_t n = strlen(gv_message);
	while (n && (gv_message[n - 1] == '\n' || gv_message[n - 1] == ' '))
		gv_message[--n] = '\0';
	return gv_message[0] ? gv_message : "no reason given";
}

/* ---- building the graph ---- */

typedef struct builder {
	Agraph_t *root;
	urc_program *prog;
	urc_guideline *gl;
	const urc_diagram_marks *marks; /* NULL: no overlay */
	int failed;                     /* a Graphviz call failed; err says which */
	char *err;
	size_t errlen;
	urc_diagram_label lab;          /* the words of the object being made */
} builder;

static void fail(builder *b, const char *what)
{
	if (b->failed)
		return;
	b->failed = 1;
	snprintf(b->err, b->errlen, "Graphviz could not %s: %s", what, gv_message_text());
}

/* Sets an attribute, declaring it (with an empty default) when new. */
static void set(builder *b, void *obj, const char *name, const char *value)
{
	if (!obj || b->failed)
		return;
	if (agsafeset(obj, gv(name), gv(value), gv("")) != 0)
		fail(b, "set an attribute");
}

/* Sets an attribute to an HTML-like value. */
static void set_html(builder *b, void *obj, const char *name, const char *html)
{
	if (!obj || b->failed)
		return;
	char *h = agstrdup_html(b->root, gv(html));
	if (!h) {
		fail(b, "store a label");
		return;
	}
	set(b, obj, name, h);
	agstrfree(b->root, h);
}

/* Declares a class default on the root graph. */
static void deflt(builder *b, int cls, const char *name, const char *value)
{
	if (!b->failed && !agattr(b->root, cls, gv(name), gv(value)))
		fail(b, "declare an attribute");
}

static Agraph_t *subgraph(builder *b, Agraph_t *parent, const char *name)
{
	if (b->failed)
		return NULL;
	Agraph_t *s = agsubg(parent, gv(name), 1);
	if (!s)
		fail(b, "make a subgraph");
	return s;
}

/* A subgraph whose nodes share a rank: a question and its outcome. */
static Agraph_t *row(builder *b, Agraph_t *parent, const char *name)
{
	Agraph_t *s = subgraph(b, parent, name);
	set(b, s, "rank", "same");
	return s;
}

/* A node of kind k in subgraph in, labelled with the words in b->lab
 * (an empty tooltip: none). */
static Agnode_t *node(builder *b, Agraph_t *in, const char *name, urc_box k)
{
	if (b->failed)
		return NULL;
	Agnode_t *n = agnode(in, gv(name), 1);
	if (!n) {
		fail(b, "make a node");
		return NULL;
	}
	const struct look *l = &LOOKS[k];
	set(b, n, "shape", l->shape);
	set(b, n, "style", l->style);
	set(b, n, "fillcolor", l->fill);
	set(b, n, "color", l->pen);
	set(b, n, "penwidth", l->penwidth);
	if (strcmp(l->peripheries, "1") != 0)
		set(b, n, "peripheries", l->peripheries);
	if (k == URC_BOX_NOTE)
		set(b, n, "fontsize", "10");
	if (k == URC_BOX_REFER)
		set(b, n, "margin", "0.02,0.02"); /* an octagon adds its own */
	set_html(b, n, "label", b->lab.html.s);
	if (b->lab.tip.n)
		set(b, n, "tooltip", b->lab.tip.s);
	return n;
}

typedef enum way {
	W_DOWN, /* along the spine: the question's "no", or "on file" */
	W_SIDE, /* sideways to an outcome: "yes", "missing" */
	W_NOTE, /* a dashed line to a note */
	W_HIDE, /* invisible, only to order the legend */
} way;

static Agedge_t *edge(builder *b, Agnode_t *t, Agnode_t *h, const char *label, way w)
{
	if (b->failed || !t || !h)
		return NULL;
	Agedge_t *e = agedge(b->root, t, h, NULL, 1);
	if (!e) {
		fail(b, "make an edge");
		return NULL;
	}
	if (label && *label)
		set(b, e, "label", label);
	switch (w) {
	case W_DOWN:
		/* Heavy edges are kept short and straight: the spine. */
		set(b, e, "weight", "100");
		break;
	case W_SIDE:
		break;
	case W_NOTE:
		set(b, e, "style", "dashed");
		set(b, e, "arrowhead", "none");
		set(b, e, "color", "#90a4ae");
		break;
	case W_HIDE:
		set(b, e, "style", "invis");
		break;
	}
	return e;
}

/* The overlay's words for item i of phase p, or NULL. */
static const char *note_of(const builder *b, int p, int i)
{
	if (!b->marks || !b->marks->note[p])
		return NULL;
	return b->marks->note[p][i];
}

/* Overlay flags of item i of phase p (0 when there is no overlay). */
static unsigned marks_of(const builder *b, int p, int i)
{
	if (!b->marks || !b->marks->phase[p])
		return 0;
	return b->marks->phase[p][i];
}

/* Draws an overlay's flags on an item's node and on the edge into it.
 * This is where `urc dot --case` and `--coverage` will show. */
static void apply_marks(builder *b, Agnode_t *n, Agedge_t *into, unsigned flags)
{
	if (flags & (URC_DIAGRAM_MARK_PATH | URC_DIAGRAM_MARK_DECIDED)) {
		set(b, n, "penwidth", flags & URC_DIAGRAM_MARK_DECIDED ? "5" : "3.5");
		set(b, into, "penwidth", "3.5");
	}
	if ((flags & URC_DIAGRAM_MARK_ASIDE) && n) {
		set(b, n, "color", MUTED);
		set(b, n, "fontcolor", MUTED);
		set(b, into, "color", "#cfd8dc");
		set(b, into, "fontcolor", MUTED);
	}
	if ((flags & URC_DIAGRAM_MARK_UNREACHED) && n) {
		const char *style = agget(n, gv("style"));
		if (!style)
			style = "";
		size_t size = strlen(style) + sizeof ",dashed";
		char *dashed = urc_xmalloc(size);
		snprintf(dashed, size, "%s%sdashed", style, *style ? "," : "");
		set(b, n, "style", dashed);
		set(b, n, "fontcolor", MUTED);
		free(dashed);
	}
}

/* ---- the parts of a diagram ---- */

static urc_box outcome_kind(const urc_rule_outcome *o)
{
	switch (o->kind) {
	case URC_OUTCOME_APPROVE: return URC_BOX_APPROVE;
	case URC_OUTCOME_REFER: return URC_BOX_REFER;
	case URC_OUTCOME_PEND: return URC_BOX_PEND;
	}
	return URC_BOX_REFER;
}

/* The title, as the graph's label at the top. */
static void title(builder *b)
{
	urc_diagram_label_title(&b->lab, b->gl, b->marks ? b->marks->title : NULL);
	set_html(b, b->root, "label", b->lab.html.s);
	set(b, b->root, "tooltip", b->lab.tip.s);
}

/* The note of what routes a request here and the measures it uses;
 * with_limits adds the authorization limits (when there is no split for
 * them to stand beside). */
static Agnode_t *routing_note(builder *b, Agraph_t *in, int with_limits)
{
	urc_diagram_label_routing(&b->lab, b->gl, with_limits);
	return node(b, in, "routing", URC_BOX_NOTE);
}

/* The note of the authorization limits, beside the split. */
static Agnode_t *limits_note(builder *b, Agraph_t *in)
{
	urc_diagram_label_limits(&b->lab, b->gl);
	return node(b, in, "limits", URC_BOX_NOTE);
}

/* The plans that approve early requests without review, as a question
 * with its outcome; returns the question, or NULL when no plan does (or
 * the guideline approves nothing, so no plan can approve for it). */
static Agnode_t *plan_check(builder *b, Agnode_t *from, const char *label)
{
	const urc_rule_outcome *cap = urc_diagram_label_plan(&b->lab, b->prog, b->gl);
	if (!cap)
		return NULL;
	Agraph_t *r = row(b, b->root, "plan_row");
	Agnode_t *q = node(b, r, "plan", URC_BOX_QUESTION);
	set(b, q, "group", "main");
	edge(b, from, q, label, W_DOWN);

	urc_diagram_label_plan_outcome(&b->lab, cap);
	Agnode_t *o = node(b, r, "plan_outcome", URC_BOX_APPROVE);
	edge(b, q, o, "yes", W_SIDE);
	return q;
}

/* One phase as a cluster: a spine of questions from the edge (from,
 * label), each with its outcome beside it, ending at 'otherwise'.
 * only: the phase decides every request. */
static void phase(builder *b, int p, urc_phase *ph, Agnode_t *from, const char *label, int only)
{
	const char *tag = p == 0 ? "initial" : "continued";
	char name[64];
	snprintf(name, sizeof name, "cluster_%s", tag);
	Agraph_t *c = subgraph(b, b->root, name);
	urc_diagram_label_phase(&b->lab, p, only);
	set_html(b, c, "label", b->lab.html.s);
	set(b, c, "style", "rounded,filled");
	set(b, c, "fillcolor", "#fafafa");
	set(b, c, "color", "#b0bec5");
	set(b, c, "fontsize", "13");
	set(b, c, "margin", "14");
	set(b, c, "tooltip", b->lab.tip.s);

	Agnode_t *prev = from;
	const char *prev_label = label;
	int i = 0, step = 1;
	for (urc_rule *r = ph->first; r && !b->failed; r = r->next, i++) {
		unsigned flags = marks_of(b, p, i);
		if (r->kind == URC_ITEM_OTHERWISE) {
			snprintf(name, sizeof name, "%s_otherwise", tag);
			urc_diagram_label_otherwise(&b->lab, r);
			Agnode_t *o = node(b, c, name, outcome_kind(&r->outcome));
			set(b, o, "group", tag);
			apply_marks(b, o, edge(b, prev, o, prev_label, W_DOWN), flags);
			prev = NULL;
			break;
		}
		snprintf(name, sizeof name, "%s_%d_row", tag, step);
		Agraph_t *rw = row(b, c, name);
		urc_diagram_label_question(&b->lab, step, r, note_of(b, p, i));
		snprintf(name, sizeof name, "%s_%d", tag, step);
		Agnode_t *q = node(b, rw, name, URC_BOX_QUESTION);
		set(b, q, "group", tag);
		apply_marks(b, q, edge(b, prev, q, prev_label, W_DOWN), flags);

		urc_diagram_label_answer(&b->lab, r);
		snprintf(name, sizeof name, "%s_%d_outcome", tag, step);
		Agnode_t *o = node(b, rw, name, r->kind == URC_ITEM_REQUIRE ? URC_BOX_PEND : outcome_kind(&r->outcome));
		Agedge_t *e = edge(b, q, o, r->kind == URC_ITEM_REQUIRE ? "missing" : "yes", W_SIDE);
		if (flags & URC_DIAGRAM_MARK_DECIDED)
			apply_marks(b, o, e, URC_DIAGRAM_MARK_DECIDED);
		prev = q;
		prev_label = r->kind == URC_ITEM_REQUIRE ? "on file" : "no";
		step++;
	}
	if (prev && !b->failed) {
		/* No 'otherwise': the analysis proved the rules cover every
		 * request, and the runtime refers whatever still falls through. */
		snprintf(name, sizeof name, "%s_fallthrough", tag);
		urc_diagram_label_fallthrough(&b->lab);
		Agnode_t *o = node(b, c, name, URC_BOX_REFER);
		set(b, o, "group", tag);
		edge(b, prev, o, prev_label, W_DOWN);
	}
}

/* The legend: a sample of each kind of box, two to a row, in a cluster
 * made before the flow so that it takes the empty top left corner. */
static void legend(builder *b)
{
	Agraph_t *c = subgraph(b, b->root, "cluster_legend");
	urc_diagram_label_legend(&b->lab);
	set_html(b, c, "label", b->lab.html.s);
	set(b, c, "style", "rounded");
	set(b, c, "color", "#b0bec5");
	set(b, c, "fontsize", "12");
	set(b, c, "tooltip", b->lab.tip.s);
	static const char *const names[] = {
		[URC_BOX_START] = "legend_start",
		[URC_BOX_QUESTION] = "legend_question",
		[URC_BOX_APPROVE] = "legend_approve",
		[URC_BOX_REFER] = "legend_refer",
		[URC_BOX_PEND] = "legend_pend",
		[URC_BOX_NOTE] = "legend_note",
	};
	enum { PER_ROW = 2 };
	Agnode_t *first_of_row = NULL, *prev = NULL;
	Agraph_t *rw = NULL;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char name[32];
		if (i % PER_ROW == 0) {
			snprintf(name, sizeof name, "legend_row_%zu", i / PER_ROW);
			rw = row(b, c, name);
		}
		urc_diagram_label_sample(&b->lab, (urc_box)i);
		Agnode_t *n = node(b, rw, names[i], (urc_box)i);
		set(b, n, "fontsize", "10");
		if (i % PER_ROW == 0) {
			if (first_of_row)
				edge(b, first_of_row, n, NULL, W_HIDE);
			first_of_row = n;
		} else {
			edge(b, prev, n, NULL, W_HIDE);
		}
		prev = n;
	}
}

/* Builds the whole diagram of b->gl into b->root, top to bottom: title,
 * legend, request and routing, the plans' early approval, the split into
 * first and later requests, and each phase. A Graphviz failure stops the
 * building and is reported in b->failed and b->err. */
static void build(builder *b)
{
	deflt(b, AGRAPH, "rankdir", "TB");
	deflt(b, AGRAPH, "labelloc", "t");
	deflt(b, AGRAPH, "fontname", FONT);
	deflt(b, AGRAPH, "fontcolor", INK);
	deflt(b, AGRAPH, "newrank", "true");
	deflt(b, AGRAPH, "nodesep", "0.5");
	deflt(b, AGRAPH, "ranksep", "0.35");
	deflt(b, AGRAPH, "pad", PAD);
	deflt(b, AGRAPH, "dpi", DPI);
	deflt(b, AGRAPH, "bgcolor", "white");
	deflt(b, AGNODE, "fontname", FONT);
	deflt(b, AGNODE, "fontsize", "11");
	deflt(b, AGNODE, "fontcolor", INK);
	deflt(b, AGNODE, "margin", "0.15,0.08");
	deflt(b, AGEDGE, "fontname", FONT_BOLD);
	deflt(b, AGEDGE, "fontsize", "11");
	deflt(b, AGEDGE, "fontcolor", INK);
	deflt(b, AGEDGE, "color", INK);
	deflt(b, AGEDGE, "penwidth", "1.3");
	deflt(b, AGEDGE, "arrowsize", "0.8");
	title(b);
	legend(b);

	urc_guideline *g = b->gl;
	Agraph_t *top = row(b, b->root, "request_row");
	urc_diagram_label_request(&b->lab, g);
	Agnode_t *start = node(b, top, "request", URC_BOX_START);
	set(b, start, "group", "main");
	int has[2] = {g->initial.present, g->continued.present};
	edge(b, start, routing_note(b, top, !(has[0] && has[1])), NULL, W_NOTE);

	Agnode_t *prev = start;
	const char *label = NULL;
	Agnode_t *plan = plan_check(b, prev, label);
	if (plan) {
		prev = plan;
		label = "no";
	}

	if (has[0] && has[1]) {
		Agraph_t *split_row = row(b, b->root, "split_row");
		urc_diagram_label_split(&b->lab);
		Agnode_t *split = node(b, split_row, "split", URC_BOX_QUESTION);
		set(b, split, "group", "main");
		edge(b, prev, split, label, W_DOWN);
		edge(b, split, limits_note(b, split_row), NULL, W_NOTE);
		phase(b, 0, &g->initial, split, "yes: request 1", 0);
		phase(b, 1, &g->continued, split, "no: request 2 or later", 0);
	} else if (has[0] || has[1]) {
		/* The runtime uses the one phase written for every request. */
		int p = has[0] ? 0 : 1;
		phase(b, p, p == 0 ? &g->initial : &g->continued, prev, label ? "no" : NULL, 1);
	} else {
		urc_diagram_label_no_phase(&b->lab);
		Agnode_t *o = node(b, b->root, "no_phase", URC_BOX_REFER);
		edge(b, prev, o, label, W_DOWN);
	}
}

/* ---- rendering ---- */

struct urc_diagrams {
	GVC_t *gvc;            /* plugins loaded once */
	agusererrf old_errf;   /* Graphviz's error handler before ours */
	agerrlevel_t old_level; /* and its level */
};

int urc_diagram_format_parse(const char *name, urc_diagram_format *out)
{
	static const struct {
		const char *name;
		urc_diagram_format f;
	} formats[] = {
		{"svg", URC_DIAGRAM_SVG},
		{"png", URC_DIAGRAM_PNG},
		{"pdf", URC_DIAGRAM_PDF},
		{"dot", URC_DIAGRAM_DOT},
	};
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (strcmp(name, formats[i].name) == 0) {
			*out = formats[i].f;
			return 0;
		}
	return -1;
}

const char *urc_diagram_format_ext(urc_diagram_format f)
{
	switch (f) {
	case URC_DIAGRAM_DOT: return "dot";
	case URC_DIAGRAM_SVG: return "svg";
	case URC_DIAGRAM_PNG: return "png";
	case URC_DIAGRAM_PDF: return "pdf";
	}
	return "svg";
}

urc_diagrams *urc_diagrams_open(char *err, size_t errlen)
{
	urc_diagrams *d = urc_xmalloc(sizeof *d);
	/* Errors are collected, not printed; warnings (fonts, sizes) are
	 * Graphviz's business, not the reviewer's. */
	d->old_errf = agseterrf(gv_collect);
	d->old_level = agseterr(AGERR);
	gv_message_clear();
	d->gvc = gvContext();
	if (!d->gvc) {
		snprintf(err, errlen, "Graphviz could not start: %s", gv_message_text());
		urc_diagrams_close(d);
		return NULL;
	}
	return d;
}

void urc_diagrams_close(urc_diagrams *d)
{
	if (!d)
		return;
	if (d->gvc)
		gvFreeContext(d->gvc);
	agseterr(d->old_level);
	agseterrf(d->old_errf);
	free(d);
}

/* The graph as DOT text, before layout: agwrite into memory. */
static int write_dot(Agraph_t *g, char **out, size_t *len, char *err, size_t errlen)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	if (!f) {
		snprintf(err, errlen, "out of memory writing the diagram");
		return -1;
	}
	int bad = agwrite(g, f) != 0;
	bad |= fclose(f) != 0;
	if (bad) {
		free(buf);
		snprintf(err, errlen, "Graphviz could not write the graph: %s", gv_message_text());
		return -1;
	}
	*out = buf;
	*len = n;
	return 0;
}

/* Widens the padding of a laid-out graph so that the page is a whole
 * number of pixels: a page ending in part of a pixel leaves a half-painted
 * grey line along the right and bottom edges of a PNG. Graphviz reads the
 * padding when it renders. Returns agsafeset's status (0 when set). */
static int whole_pixels(Agraph_t *g)
{
	/* The "bb" attribute is rounded to whole points: use the layout's. */
	boxf bb = GD_bb(g);
	const double pad = strtod(PAD, NULL) * 72, px = 72 / strtod(DPI, NULL); /* points per pixel */
	double w = bb.UR.x - bb.LL.x, h = bb.UR.y - bb.LL.y;
	double pw = (ceil((w + 2 * pad) / px) * px - w) / 2;
	double ph = (ceil((h + 2 * pad) / px) * px - h) / 2;
	char value[64];
	snprintf(value, sizeof value, "%.6f,%.6f", pw / 72, ph / 72);
	return agsafeset(g, gv("pad"), value, gv(""));
}

/* Renders laid-out g into a buffer of Graphviz's (*data, *n bytes).
 * Cairo draws PNGs best, but libpng's adaptive filters and zlib then take
 * two thirds of the time; gd's writer stores the same cairo picture as an
 * 8-bit palette image (the diagram has a few flat colours) in a third of
 * the time and bytes. Without Graphviz's gd plugin, cairo writes it. */
static int render_data(GVC_t *gvc, Agraph_t *g, const char *format, char **data,
                       unsigned int *n)
{
	if (strcmp(format, "png") == 0) {
		if (gvRenderData(gvc, g, "png:cairo:gd", data, n) == 0 && *data)
			return 0;
		if (*data)
			gvFreeRenderData(*data);
		*data = NULL;
		gv_message_clear();
	}
	return gvRenderData(gvc, g, format, data, n) == 0 && *data ? 0 : -1;
}

/* Lays g out, renders it in format into memory and frees the layout. */
static int render(GVC_t *gvc, Agraph_t *g, const char *format, char **out, size_t *len,
                  char *err, size_t errlen)
{
	if (gvLayout(gvc, g, "dot") != 0) {
		snprintf(err, errlen, "Graphviz could not lay out the diagram: %s", gv_message_text());
		return -1;
	}
	char *data = NULL;
	unsigned int n = 0;
	int rc = 0;
	if (strcmp(format, "png") == 0 && whole_pixels(g) != 0) {
		snprintf(err, errlen, "Graphviz could not set the padding: %s", gv_message_text());
		rc = -1;
	} else if (render_data(gvc, g, format, &data, &n) != 0) {
		snprintf(err, errlen, "Graphviz could not render %s: %s", format, gv_message_text());
		rc = -1;
	} else {
		*out = urc_xmalloc((size_t)n + 1);
		memcpy(*out, data, n);
		(*out)[n] = '\0';
		*len = n;
	}
	if (data)
		gvFreeRenderData(data);
	if (gvFreeLayout(gvc, g) != 0 && rc == 0) {
		snprintf(err, errlen, "Graphviz could not free the layout: %s", gv_message_text());
		free(*out);
		*out = NULL;
		rc = -1;
	}
	return rc;
}

int urc_diagram_render(urc_diagrams *d, urc_program *prog, urc_guideline *g,
                       urc_diagram_format fmt, const urc_diagram_marks *marks,
                       char **out, size_t *len, char *err, size_t errlen)
{
	*out = NULL;
	*len = 0;
	gv_message_clear();
	Agraph_t *root = agopen(gv(g->id.s), Agdirected, &DISC);
	if (!root) {
		snprintf(err, errlen, "Graphviz could not make a graph: %s", gv_message_text());
		return -1;
	}
	builder b = {root, prog, g, marks, 0, err, errlen, {{0}, {0}}};
	build(&b);
	urc_diagram_label_free(&b.lab);
	int rc = b.failed ? -1 : 0;
	if (rc == 0)
		rc = fmt == URC_DIAGRAM_DOT ? write_dot(root, out, len, err, errlen)
		                            : render(d->gvc, root, urc_diagram_format_ext(fmt), out, len, err, errlen);
	if (agclose(root) != 0 && rc == 0) {
		snprintf(err, errlen, "Graphviz could not free the graph");
		free(*out);
		*out = NULL;
		rc = -1;
	}
	return rc;
}
