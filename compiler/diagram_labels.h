/* diagram_labels.h — the words of a decision diagram, inside the diagram
 * module: each box's label (HTML-like text) and tooltip, worked out from
 * the guideline with no Graphviz in sight. diagram.c decides where the
 * boxes go and how they look; it is this module's only user. */
#ifndef URC_DIAGRAM_LABELS_H
#define URC_DIAGRAM_LABELS_H

#include <stddef.h>

#include "ast.h"

/* The grey of step numbers and secondary text, in labels and on the
 * drawing alike (diagram.c's palette uses it for what is off a path). */
#define URC_DIAGRAM_MUTED "#546e7a"

/* The kinds of box a diagram draws; diagram.c gives each its look. */
typedef enum urc_box {
	URC_BOX_START,    /* the request coming in */
	URC_BOX_QUESTION, /* a question with two ways out */
	URC_BOX_APPROVE,  /* outcome: approve */
	URC_BOX_REFER,    /* outcome: refer to physician review */
	URC_BOX_PEND,     /* outcome: pend for missing information */
	URC_BOX_NOTE,     /* facts beside the flow: routing, limits */
} urc_box;

/* Growable text. */
typedef struct urc_diagram_text {
	char *s;    /* NUL-terminated (urc_xmalloc); NULL before first use */
	size_t n;   /* bytes used, without the NUL */
	size_t cap; /* bytes allocated */
} urc_diagram_text;

/* The words of one box (or cluster, or the whole graph). Every
 * urc_diagram_label_* function below rewrites both texts, so that no box
 * inherits another's words; start from {0} and release with
 * urc_diagram_label_free. Out of memory is fatal (urc_oom); nothing else
 * fails. Every argument is borrowed. */
typedef struct urc_diagram_label {
	urc_diagram_text html; /* the label, as Graphviz HTML-like text */
	urc_diagram_text tip;  /* the tooltip, as an escString; empty: none */
} urc_diagram_label;

/* Frees both texts; l may be used again afterwards. */
void urc_diagram_label_free(urc_diagram_label *l);

/* The graph's title: g's title, id, version and date, then overlay (a
 * line of an overlay, when not NULL); the tooltip lists g's evidence. */
void urc_diagram_label_title(urc_diagram_label *l, const urc_guideline *g, const char *overlay);

/* The legend's cluster heading and its tooltip. */
void urc_diagram_label_legend(urc_diagram_label *l);

/* The legend's sample box of kind k: what such a box means. No tooltip. */
void urc_diagram_label_sample(urc_diagram_label *l, urc_box k);

/* The box of the request coming in, for g's discipline. No tooltip. */
void urc_diagram_label_request(urc_diagram_label *l, const urc_guideline *g);

/* The note of what routes a request to g and the scores g uses;
 * with_limits adds g's authorization limits. */
void urc_diagram_label_routing(urc_diagram_label *l, const urc_guideline *g, int with_limits);

/* The note of g's authorization limits, beside the split. */
void urc_diagram_label_limits(urc_diagram_label *l, const urc_guideline *g);

/* The question of the plans in prog that approve early requests without
 * review. Returns what such a plan approves at most (g's largest
 * approval), or NULL, with l unspecified, when no plan does or g
 * approves nothing. The outcome's words come from
 * urc_diagram_label_plan_outcome with the value returned. */
const urc_rule_outcome *urc_diagram_label_plan(urc_diagram_label *l, const urc_program *prog,
                                               const urc_guideline *g);

/* The outcome of the plan question: approve at most cap. */
void urc_diagram_label_plan_outcome(urc_diagram_label *l, const urc_rule_outcome *cap);

/* The question that splits first from later requests. */
void urc_diagram_label_split(urc_diagram_label *l);

/* The heading and tooltip of phase p (0 initial, 1 continued); only: the
 * phase decides every request. */
void urc_diagram_label_phase(urc_diagram_label *l, int p, int only);

/* The question of step number step, item r (a 'require' or a rule), with
 * note (an overlay's words, when not NULL) under it. */
void urc_diagram_label_question(urc_diagram_label *l, int step, const urc_rule *r,
                                const char *note);

/* The outcome beside item r's question: what a 'require' pends for, or
 * what the rule decides. */
void urc_diagram_label_answer(urc_diagram_label *l, const urc_rule *r);

/* The outcome of item r, a phase's 'otherwise'. */
void urc_diagram_label_otherwise(urc_diagram_label *l, const urc_rule *r);

/* The referral at the end of a phase without 'otherwise'. */
void urc_diagram_label_fallthrough(urc_diagram_label *l);

/* The referral of a guideline with no phase. No tooltip. */
void urc_diagram_label_no_phase(urc_diagram_label *l);

#endif
