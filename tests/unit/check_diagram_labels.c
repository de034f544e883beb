/* check_diagram_labels.c — a diagram's words (diagram_labels.c), byte for
 * byte: HTML escaping, UTF-8-aware wrapping, rules' questions and outcomes,
 * citations as escString tooltips, routing and limits notes, plan
 * auto-approval, the legend, and every function rewriting label and tooltip. */
#include "ck.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diagram_labels.h"
#include "helpers.h"
#include "suites.h"

/* A plan that auto-approves one request, beside the catalogue's 'ma'
 * (two requests) and 'commercial' (none). */
#define SOLO "plan solo \"Solo\" { auto approve 1 request source \"c\" }\n"

/* Low back pain: one of each outcome, a rule name and texts with markup,
 * citations with quotes, a backslash and a newline. */
#define LBP                                                                                   \
	"guideline lbp \"Low back pain\" version 3 {\n"                                         \
	"  effective 2020-01-01\n"                                                                \
	"  discipline PT\n"                                                                       \
	"  specialty ortho\n"                                                                     \
	"  diagnoses M54.16 M54.17 M51.1-\n"                                                      \
	"  settings outpatient home_health\n"                                                     \
	"  evidence \"George 2021\"\n"                                                            \
	"  evidence \"Delitto 2012\"\n"                                                           \
	"  authorization { window 28 days to 60 days frequency at most 3 per week }\n"            \
	"  initial {\n"                                                                           \
	"    require ODI at intake\n"                                                             \
	"    rule \"severe\" when ODI at intake >= 60 refer \"ODI at intake is 60 or more\"\n"    \
	"      cite \"Fritz 2001\"\n"                                                             \
	"      cite \"Delitto 2012\"\n"                                                           \
	"    rule \"home\" when setting is home_health approve up to 6 visits over 30 days\n"     \
	"    rule \"x \\\"y\\\" & <z>\" when plan is ma pend \"the plan's intake form\"\n"        \
	"    otherwise approve up to 8 visits over 45 days\n"                                     \
	"  }\n"                                                                                   \
	"  continued {\n"                                                                         \
	"    require ODI\n"                                                                       \
	"    rule \"many visits\" when visits used >= 24 refer \"a<b & c>d \\\"q\\\"\"\n"         \
	"      cite \"plan \\\"policy\\\"\"\n"                                                    \
	"      cite \"C:\\\\x\\nline 2\"\n"                                                       \
	"    rule \"meaningful\" when ODI improved by at least mcid approve up to 12 visits over 30 days\n" \
	"    rule \"stalled\" when not ODI improved refer \"ODI has not improved since the intake visit\"\n" \
	"    otherwise approve up to 4 visits over 30 days\n"                                     \
	"      cite \"CMS manual\"\n"                                                             \
	"  }\n"                                                                                   \
	"}\n"

/* Balance: two measures (one without a direction), a window without a
 * lower end, one visit a week, a second version and a title with '&'. */
#define BALANCE                                                                               \
	"guideline balance \"Balance & gait\" version 2 {\n"                                  \
	"  effective 2021-06-30\n"                                                                \
	"  discipline OT\n"                                                                       \
	"  specialty neuro\n"                                                                     \
	"  diagnoses R26.89\n"                                                                    \
	"  settings snf\n"                                                                        \
	"  evidence \"Berg 1992\"\n"                                                              \
	"  authorization { window 60 days frequency at most 1 per week }\n"                       \
	"  initial {\n"                                                                           \
	"    require BBS at intake and latest\n"                                                  \
	"    require GAIT at latest\n"                                                            \
	"    rule \"steady\" when BBS improved by at least 4 points and GAIT at latest > 1 m/s\n" \
	"      approve up to 4 visits over 28 days\n"                                             \
	"    otherwise refer \"no gain\"\n"                                                       \
	"  }\n"                                                                                   \
	"}\n"

#define PROGRAM CATALOGUE SOLO LBP BALANCE

/* The colours the module writes (OVERLAY is private to it). */
#define MUTED_FONT "<FONT POINT-SIZE=\"10\" COLOR=\"" URC_DIAGRAM_MUTED "\">"
#define NOTE_FONT "<FONT POINT-SIZE=\"10\" COLOR=\"#1565c0\"><I>"
#define BR_L "<BR ALIGN=\"LEFT\"/>"

/* The label under test; the fixture frees it. */
static urc_diagram_label L;

static void setup(void)
{
	urc_test_setup();
	memset(&L, 0, sizeof L);
}

/* The same with PROGRAM loaded and checked. */
static void setup_program(void)
{
	setup();
	urc_test_check(PROGRAM);
	ASSERT_DIAGS(0, 0);
}

static void teardown(void)
{
	urc_diagram_label_free(&L);
	urc_test_teardown();
}

/* Loads src without checking it (the labels of plans, titles and requests
 * read only the syntax tree); src must parse cleanly. */
static void parse_clean(const char *src)
{
	urc_test_parse(src);
	ASSERT_DIAGS(0, 0);
}

/* The guideline of T named id. */
static const urc_guideline *guideline(const char *id)
{
	for (const urc_guideline *g = T.prog.guidelines.first; g; g = g->next)
		if (strcmp(g->id.s, id) == 0)
			return g;
	ck_abort_msg("no guideline '%s'", id);
	return NULL;
}

/* Item i (from 0) of the initial (p 0) or continued (p 1) phase of lbp. */
static const urc_rule *item(int p, int i)
{
	const urc_guideline *g = guideline("lbp");
	const urc_rule *r = p == 0 ? g->initial.first : g->continued.first;
	for (int k = 0; k < i && r; k++)
		r = r->next;
	ck_assert_msg(r != NULL, "lbp has no item %d in phase %d", i, p);
	return r;
}

/* Asserts both texts of L and that their lengths are kept right. */
static void expect(const char *html, const char *tip)
{
	ck_assert_ptr_nonnull(L.html.s);
	ck_assert_ptr_nonnull(L.tip.s);
	ck_assert_str_eq(L.html.s, html);
	ck_assert_str_eq(L.tip.s, tip);
	ck_assert_uint_eq(L.html.n, strlen(html));
	ck_assert_uint_eq(L.tip.n, strlen(tip));
}

/* ---- escaping ---- */

START_TEST(rule_name_is_escaped_in_the_step_line)
{
	urc_diagram_label_question(&L, 4, item(0, 3), NULL);
	expect(MUTED_FONT "Step 4: x &quot;y&quot; &amp; &lt;z&gt;</FONT><BR/>Plan is ma?",
	       "Rule 'x \"y\" & <z>'\\n(no citation given)");
}
END_TEST

START_TEST(refer_reason_is_escaped)
{
	urc_diagram_label_answer(&L, item(1, 1));
	ck_assert_str_eq(L.html.s, "<B>Refer to physician review</B><BR/>a&lt;b &amp; c&gt;d &quot;q&quot;");
}
END_TEST

START_TEST(note_is_escaped)
{
	urc_diagram_label_question(&L, 3, item(0, 2), "case C-1: \"A&B\" <b>");
	ck_assert_str_eq(L.html.s, MUTED_FONT "Step 3: home</FONT><BR/>Setting is home_health?"
	                           "<BR/>" NOTE_FONT "case C-1: &quot;A&amp;B&quot; &lt;b&gt;</I></FONT>");
}
END_TEST

START_TEST(title_and_overlay_are_escaped)
{
	urc_diagram_label_title(&L, guideline("balance"), "case \"C-2\" <Ann & Bob>");
	expect("<FONT POINT-SIZE=\"17\"><B>Balance &amp; gait</B></FONT><BR/>"
	       "<FONT POINT-SIZE=\"12\" COLOR=\"" URC_DIAGRAM_MUTED "\">guideline balance, version 2, "
	       "effective 2021-06-30</FONT><BR/>"
	       "<FONT POINT-SIZE=\"13\" COLOR=\"#1565c0\"><B>case &quot;C-2&quot; &lt;Ann &amp; Bob&gt;</B></FONT><BR/> ",
	       "Evidence:\\n- Berg 1992");
}
END_TEST

/* Tooltips are escStrings, not HTML: a backslash is doubled, a newline
 * becomes the \n escape, quotes and markup stay as written. */
START_TEST(tooltip_doubles_backslashes_and_escapes_newlines)
{
	urc_diagram_label_question(&L, 5, item(1, 1), NULL);
	ck_assert_str_eq(L.tip.s, "Rule 'many visits'\\nSources:\\n- plan \"policy\"\\n- C:\\\\x\\nline 2");
}
END_TEST

/* ---- wrapping (an overlay note wraps at 40 characters) ---- */

/* The wrapped words of note under the question of lbp's rule "home". */
static const char *wrapped_note(const char *note)
{
	static const char head[] = MUTED_FONT "Step 3: home</FONT><BR/>Setting is home_health?<BR/>" NOTE_FONT;
	static const char tail[] = "</I></FONT>";
	static char words[1024];
	urc_diagram_label_question(&L, 3, item(0, 2), note);
	size_t n = L.html.n;
	ck_assert_msg(n >= sizeof head - 1 + sizeof tail - 1 && strncmp(L.html.s, head, sizeof head - 1) == 0 &&
	                  strcmp(L.html.s + n - (sizeof tail - 1), tail) == 0,
	              "unexpected note label: %s", L.html.s);
	size_t w = n - (sizeof head - 1) - (sizeof tail - 1);
	ck_assert_uint_lt(w, sizeof words);
	memcpy(words, L.html.s + sizeof head - 1, w);
	words[w] = '\0';
	return words;
}

START_TEST(line_of_exactly_the_width_is_not_broken)
{
	ck_assert_str_eq(wrapped_note("one two three four five six seven eights"),
	                 "one two three four five six seven eights");
}
END_TEST

START_TEST(line_one_over_the_width_breaks_before_the_last_word)
{
	ck_assert_str_eq(wrapped_note("one two three four five six seven eights!"),
	                 "one two three four five six seven<BR/>eights!");
}
END_TEST

/* 40 characters in 45 bytes: counting bytes would break the line. */
START_TEST(width_counts_utf8_characters_not_bytes)
{
	ck_assert_str_eq(wrapped_note("ODI ≥ 40 at intake, résumé sent, café ok"),
	                 "ODI ≥ 40 at intake, résumé sent, café ok");
}
END_TEST

START_TEST(utf8_line_over_the_width_breaks_between_words)
{
	ck_assert_str_eq(wrapped_note("ODI ≥ 40 at intake, résumé sent, café ok!"),
	                 "ODI ≥ 40 at intake, résumé sent, café<BR/>ok!");
}
END_TEST

/* A word longer than a line is never cut, so no character is split. */
START_TEST(long_utf8_word_gets_a_line_of_its_own_whole)
{
	ck_assert_str_eq(wrapped_note("see ééééééééééééééééééééééééééééééééééééééééé≥ end"),
	                 "see<BR/>ééééééééééééééééééééééééééééééééééééééééé≥<BR/>end");
}
END_TEST

/* "&amp;" and "&lt;" take one character of the drawing, not five. */
START_TEST(escapes_count_as_one_character)
{
	ck_assert_str_eq(wrapped_note("R&D <ok> notes \"quoted\" & all of it fits"),
	                 "R&amp;D &lt;ok&gt; notes &quot;quoted&quot; &amp; all of it fits");
}
END_TEST

START_TEST(newline_forces_a_break_and_blanks_collapse)
{
	ck_assert_str_eq(wrapped_note("  first \t line\nsecond   line  "), "first line<BR/>second line");
}
END_TEST

/* A referral's octagon keeps its lines to 34 characters. */
START_TEST(refer_reason_wraps_at_34_characters)
{
	urc_diagram_label_answer(&L, item(1, 3));
	ck_assert_str_eq(L.html.s, "<B>Refer to physician review</B><BR/>ODI has not improved since the<BR/>intake visit");
}
END_TEST

/* ---- questions ---- */

START_TEST(require_asks_for_its_scores)
{
	urc_diagram_label_question(&L, 1, item(0, 0), NULL);
	expect(MUTED_FONT "Step 1: scores needed</FONT><BR/>ODI score at intake on file?",
	       "Pend when a score is missing: the steps below compare them.");
}
END_TEST

START_TEST(require_without_moments_asks_for_intake_and_latest)
{
	urc_diagram_label_question(&L, 6, item(1, 0), NULL);
	ck_assert_str_eq(L.html.s, MUTED_FONT "Step 6: scores needed</FONT><BR/>ODI scores at intake and latest on file?");
}
END_TEST

START_TEST(question_of_improvement_by_mcid)
{
	urc_diagram_label_question(&L, 8, item(1, 2), NULL);
	expect(MUTED_FONT "Step 8: meaningful</FONT><BR/>ODI improved by at least 10 points<BR/>(MCID) since intake?",
	       "Rule 'meaningful'\\n(no citation given)");
}
END_TEST

START_TEST(question_of_a_visit_count)
{
	urc_diagram_label_question(&L, 7, item(1, 1), NULL);
	ck_assert_str_eq(L.html.s, MUTED_FONT "Step 7: many visits</FONT><BR/>Visits used ≥ 24 visits?");
}
END_TEST

START_TEST(question_of_a_setting)
{
	urc_diagram_label_question(&L, 3, item(0, 2), NULL);
	expect(MUTED_FONT "Step 3: home</FONT><BR/>Setting is home_health?", "Rule 'home'\\n(no citation given)");
}
END_TEST

START_TEST(question_of_no_improvement_starts_with_a_capital)
{
	urc_diagram_label_question(&L, 9, item(1, 3), NULL);
	ck_assert_str_eq(L.html.s, MUTED_FONT "Step 9: stalled</FONT><BR/>No ODI improvement since intake?");
}
END_TEST

START_TEST(question_of_two_conditions_wraps_and_escapes_the_comparison)
{
	const urc_rule *r = guideline("balance")->initial.first->next->next;
	urc_diagram_label_question(&L, 3, r, NULL);
	ck_assert_str_eq(L.html.s, MUTED_FONT "Step 3: steady</FONT><BR/>BBS improved by at least 4 points since<BR/>"
	                           "intake and GAIT at latest &gt; 1 m/s?");
}
END_TEST

/* ---- outcomes ---- */

START_TEST(approve_outcome)
{
	urc_diagram_label_answer(&L, item(0, 2));
	expect("<B>Approve</B> up to 6 visits over 30 days", "Rule 'home'\\n(no citation given)");
}
END_TEST

START_TEST(refer_outcome_carries_the_rule_citations)
{
	urc_diagram_label_answer(&L, item(0, 1));
	expect("<B>Refer to physician review</B><BR/>ODI at intake is 60 or more",
	       "Rule 'severe'\\nSources:\\n- Fritz 2001\\n- Delitto 2012");
}
END_TEST

START_TEST(pend_outcome)
{
	urc_diagram_label_answer(&L, item(0, 3));
	expect("<B>Pend</B>: ask the provider for<BR/>the plan's intake form",
	       "Rule 'x \"y\" & <z>'\\n(no citation given)");
}
END_TEST

START_TEST(require_answer_pends_for_the_scores)
{
	urc_diagram_label_answer(&L, item(1, 0));
	expect("<B>Pend</B>: ask the provider for<BR/>ODI scores at intake and latest",
	       "The request waits until the provider sends the missing scores.");
}
END_TEST

START_TEST(otherwise_without_citation)
{
	urc_diagram_label_otherwise(&L, item(0, 4));
	expect("<B>Approve</B> up to 8 visits over 45 days", "Otherwise: no rule above matched.\\n(no citation given)");
}
END_TEST

START_TEST(otherwise_with_citation)
{
	urc_diagram_label_otherwise(&L, item(1, 4));
	expect("<B>Approve</B> up to 4 visits over 30 days", "Otherwise: no rule above matched.\\nSources:\\n- CMS manual");
}
END_TEST

START_TEST(otherwise_refer)
{
	const urc_rule *r = guideline("balance")->initial.last;
	urc_diagram_label_otherwise(&L, r);
	ck_assert_str_eq(L.html.s, "<B>Refer to physician review</B><BR/>no gain");
}
END_TEST

START_TEST(fallthrough_and_no_phase_refer)
{
	urc_diagram_label_fallthrough(&L);
	expect("<B>Refer to physician review</B><BR/>no step above decided the request",
	       "Only a case missing scores that the rules test gets here.");
	urc_diagram_label_no_phase(&L);
	expect("<B>Refer to physician review</B><BR/>the guideline has no steps", "");
}
END_TEST

START_TEST(question_and_answer_share_the_rule_tooltip)
{
	urc_diagram_label_question(&L, 2, item(0, 1), NULL);
	ck_assert_str_eq(L.tip.s, "Rule 'severe'\\nSources:\\n- Fritz 2001\\n- Delitto 2012");
	ck_assert_str_eq(L.html.s, MUTED_FONT "Step 2: severe</FONT><BR/>ODI at intake ≥ 60 points?");
}
END_TEST

/* ---- notes: title, request, routing, limits ---- */

START_TEST(title_lists_the_evidence)
{
	urc_diagram_label_title(&L, guideline("lbp"), NULL);
	expect("<FONT POINT-SIZE=\"17\"><B>Low back pain</B></FONT><BR/>"
	       "<FONT POINT-SIZE=\"12\" COLOR=\"" URC_DIAGRAM_MUTED "\">guideline lbp, version 3, "
	       "effective 2020-01-01</FONT><BR/> ",
	       "Evidence:\\n- George 2021\\n- Delitto 2012");
}
END_TEST

START_TEST(title_without_title_or_date_uses_the_id)
{
	parse_clean("guideline bare version 2 { discipline PT }\n");
	urc_diagram_label_title(&L, urc_test_guideline(), NULL);
	expect("<FONT POINT-SIZE=\"17\"><B>bare</B></FONT><BR/>"
	       "<FONT POINT-SIZE=\"12\" COLOR=\"" URC_DIAGRAM_MUTED "\">guideline bare, version 2</FONT><BR/> ",
	       "Evidence:");
}
END_TEST

START_TEST(long_title_wraps_at_56_characters)
{
	/* 56 characters to "outpatients", then one more word. */
	parse_clean("guideline t \"Neck pain with radiating arm pain in adults, outpatients only\" version 1 {}\n");
	urc_diagram_label_title(&L, urc_test_guideline(), NULL);
	expect("<FONT POINT-SIZE=\"17\"><B>Neck pain with radiating arm pain in adults, outpatients<BR/>only</B></FONT><BR/>"
	       "<FONT POINT-SIZE=\"12\" COLOR=\"" URC_DIAGRAM_MUTED "\">guideline t, version 1</FONT><BR/> ",
	       "Evidence:");
}
END_TEST

static const struct {
	const char *source; /* a guideline's discipline line, or "" */
	const char *label;  /* the request box */
} requests[] = {
	{"discipline PT", "<B>Request arrives</B><BR/>for physical therapy (PT)"},
	{"discipline OT", "<B>Request arrives</B><BR/>for occupational therapy (OT)"},
	{"discipline SLP", "<B>Request arrives</B><BR/>for speech-language pathology (SLP)"},
	{"discipline RT", "<B>Request arrives</B><BR/>for RT"},
	{"", "<B>Request arrives</B><BR/>for therapy"},
};

START_TEST(request_names_the_discipline)
{
	char src[128];
	snprintf(src, sizeof src, "guideline g \"G\" version 1 { %s }\n", requests[_i].source);
	parse_clean(src);
	urc_diagram_label_request(&L, urc_test_guideline());
	expect(requests[_i].label, "");
}
END_TEST

#define LBP_ROUTING                                                                     \
	"<B>Routed to this guideline when</B>" BR_L                                         \
	"- the request is for physical therapy (PT)" BR_L                                   \
	"- a diagnosis is M54.16, M54.17 or M51.1 (or a" BR_L "code under it)" BR_L          \
	"- the setting is Outpatient or Home health" BR_L                                   \
	"<B>Scores used</B>" BR_L                                                           \
	"- ODI: Oswestry, 0 to 100 points, lower is" BR_L "better, MCID 10 points, MDC 9 points" BR_L
#define ROUTING_TIP "A request reaches this guideline when its discipline, a diagnosis and its setting match."

/* Lines wrap at 46 characters ("(or a" ends at 46) and end left-aligned. */
START_TEST(routing_note_wraps_at_46_characters)
{
	urc_diagram_label_routing(&L, guideline("lbp"), 0);
	expect(LBP_ROUTING, ROUTING_TIP);
}
END_TEST

START_TEST(routing_note_with_limits)
{
	urc_diagram_label_routing(&L, guideline("lbp"), 1);
	expect(LBP_ROUTING "<B>Authorization limits</B>" BR_L "- each approval covers 28 to 60 days" BR_L
	                   "- at most 3 visits a week" BR_L,
	       ROUTING_TIP);
}
END_TEST

/* Each measure once, in order of first use, with what its catalogue gives. */
START_TEST(routing_lists_each_score_once)
{
	urc_diagram_label_routing(&L, guideline("balance"), 0);
	expect("<B>Routed to this guideline when</B>" BR_L "- the request is for occupational therapy (OT)" BR_L
	       "- a diagnosis is R26.89" BR_L "- the setting is Skilled nursing" BR_L "<B>Scores used</B>" BR_L
	       "- BBS: Berg, 0 to 56 points, higher is better" BR_L "- GAIT: Gait speed, 0 to 3 m/s" BR_L,
	       ROUTING_TIP);
}
END_TEST

START_TEST(limits_of_a_window_range_and_frequency)
{
	urc_diagram_label_limits(&L, guideline("lbp"));
	expect("<B>Authorization limits</B>" BR_L "- each approval covers 28 to 60 days" BR_L
	       "- at most 3 visits a week" BR_L,
	       "Every approval stays within these limits.");
}
END_TEST

START_TEST(limits_of_a_window_maximum_and_one_visit)
{
	urc_diagram_label_limits(&L, guideline("balance"));
	ck_assert_str_eq(L.html.s, "<B>Authorization limits</B>" BR_L "- each approval covers 60 days" BR_L
	                           "- at most 1 visit a week" BR_L);
}
END_TEST

/* ---- plans ---- */

START_TEST(plan_question_lists_plans_that_auto_approve)
{
	const urc_rule_outcome *cap = urc_diagram_label_plan(&L, &T.prog, guideline("lbp"));
	expect("Does the member's plan approve this<BR/>request without review?<BR/>" MUTED_FONT
	       "ma: requests 1 to 2<BR/>solo: request 1</FONT>",
	       "Some plans approve their members' first requests without clinical review.");
	/* The largest approval is "meaningful", in the continued phase. */
	ck_assert_ptr_eq(cap, &item(1, 2)->outcome);
}
END_TEST

START_TEST(plan_outcome_approves_at_most_the_largest_approval)
{
	const urc_rule_outcome *cap = urc_diagram_label_plan(&L, &T.prog, guideline("balance"));
	ck_assert_ptr_nonnull(cap);
	urc_diagram_label_plan_outcome(&L, cap);
	expect("<B>Approve without review</B><BR/>the visits requested, at most<BR/>4 visits over 28 days",
	       "Never more than the guideline's largest approval, nor more than requested.");
}
END_TEST

/* Equal approvals: the first wins; 'require' items and referrals never count. */
START_TEST(plan_cap_is_the_first_of_equal_approvals)
{
	parse_clean("plan p \"P\" { auto approve 3 requests }\n"
	            "guideline g \"G\" version 1 {\n"
	            "  initial {\n"
	            "    require ODI\n"
	            "    rule \"a\" when setting is snf approve up to 5 visits over 20 days\n"
	            "    rule \"b\" when setting is outpatient approve up to 12 visits over 30 days\n"
	            "    otherwise refer \"no\"\n"
	            "  }\n"
	            "  continued {\n"
	            "    otherwise approve up to 12 visits over 60 days\n"
	            "  }\n"
	            "}\n");
	const urc_guideline *g = urc_test_guideline();
	const urc_rule_outcome *cap = urc_diagram_label_plan(&L, &T.prog, g);
	ck_assert_ptr_eq(cap, &g->initial.first->next->next->outcome);
	ck_assert_str_eq(L.html.s, "Does the member's plan approve this<BR/>request without review?<BR/>" MUTED_FONT
	                           "p: requests 1 to 3</FONT>");
	urc_diagram_label_plan_outcome(&L, cap);
	ck_assert_str_eq(L.html.s, "<B>Approve without review</B><BR/>the visits requested, at most<BR/>"
	                           "12 visits over 30 days");
}
END_TEST

START_TEST(no_plan_question_when_no_plan_auto_approves)
{
	parse_clean("plan p \"P\" { states TX }\n"
	            "guideline g \"G\" version 1 { initial { otherwise approve up to 8 visits over 30 days } }\n");
	ck_assert_ptr_null(urc_diagram_label_plan(&L, &T.prog, urc_test_guideline()));
}
END_TEST

START_TEST(no_plan_question_when_the_guideline_approves_nothing)
{
	parse_clean("plan p \"P\" { auto approve 2 requests }\n"
	            "guideline g \"G\" version 1 {\n"
	            "  initial { rule \"r\" when setting is snf pend \"a form\" otherwise refer \"never\" }\n"
	            "}\n");
	ck_assert_ptr_null(urc_diagram_label_plan(&L, &T.prog, urc_test_guideline()));
}
END_TEST

/* ---- legend, split and phases ---- */

START_TEST(legend_heading)
{
	urc_diagram_label_legend(&L);
	expect("<B>How to read this diagram</B>", "What the shapes and colours mean.");
}
END_TEST

static const char *const samples[] = {
	[URC_BOX_START] = "Start at the top<BR/>with the request",
	[URC_BOX_QUESTION] = "A question: <B>no</B> goes down,<BR/><B>yes</B> to the side; the first<BR/>"
	                     "<B>yes</B> from the top decides",
	[URC_BOX_APPROVE] = "<B>Approve</B> the visits requested,<BR/>up to the number shown<BR/>"
	                    "(in part when more were asked)",
	[URC_BOX_REFER] = "<B>Refer to physician review</B><BR/>for the reason shown: only<BR/>a physician may deny",
	[URC_BOX_PEND] = "<B>Pend</B>: ask the provider<BR/>for what is missing",
	[URC_BOX_NOTE] = "Facts about<BR/>the guideline",
};

START_TEST(legend_sample_says_what_the_box_means)
{
	urc_diagram_label_sample(&L, (urc_box)_i);
	expect(samples[_i], "");
}
END_TEST

START_TEST(split_question)
{
	urc_diagram_label_split(&L);
	expect("First request of this<BR/>episode of care?",
	       "Request 1 is decided by the first-request steps; request 2 and later by the later-request steps.");
}
END_TEST

static const struct {
	int phase, only;   /* arguments */
	const char *html;  /* heading */
	const char *tip;   /* tooltip */
} phases[] = {
	{0, 0, "<B>First request</B>", "The steps for request 1, tried in order: the first yes decides."},
	{1, 0, "<B>Later requests</B>", "The steps for request 2 and later, tried in order: the first yes decides."},
	{0, 1, "<B>Every request</B>", "The steps for every request, tried in order: the first yes decides."},
};

START_TEST(phase_heading_and_tooltip)
{
	urc_diagram_label_phase(&L, phases[_i].phase, phases[_i].only);
	expect(phases[_i].html, phases[_i].tip);
}
END_TEST

/* ---- every function rewrites both texts ---- */

static void make_title(urc_diagram_label *l) { urc_diagram_label_title(l, guideline("lbp"), NULL); }
static void make_legend(urc_diagram_label *l) { urc_diagram_label_legend(l); }
static void make_sample(urc_diagram_label *l) { urc_diagram_label_sample(l, URC_BOX_NOTE); }
static void make_request(urc_diagram_label *l) { urc_diagram_label_request(l, guideline("lbp")); }
static void make_routing(urc_diagram_label *l) { urc_diagram_label_routing(l, guideline("lbp"), 1); }
static void make_limits(urc_diagram_label *l) { urc_diagram_label_limits(l, guideline("lbp")); }
static void make_plan(urc_diagram_label *l) { urc_diagram_label_plan(l, &T.prog, guideline("lbp")); }
static void make_plan_outcome(urc_diagram_label *l) { urc_diagram_label_plan_outcome(l, &item(0, 4)->outcome); }
static void make_split(urc_diagram_label *l) { urc_diagram_label_split(l); }
static void make_phase(urc_diagram_label *l) { urc_diagram_label_phase(l, 1, 0); }
static void make_require(urc_diagram_label *l) { urc_diagram_label_question(l, 1, item(0, 0), NULL); }
static void make_question(urc_diagram_label *l) { urc_diagram_label_question(l, 3, item(0, 2), NULL); }
static void make_answer(urc_diagram_label *l) { urc_diagram_label_answer(l, item(0, 0)); }
static void make_otherwise(urc_diagram_label *l) { urc_diagram_label_otherwise(l, item(0, 4)); }
static void make_fallthrough(urc_diagram_label *l) { urc_diagram_label_fallthrough(l); }
static void make_no_phase(urc_diagram_label *l) { urc_diagram_label_no_phase(l); }

static const struct {
	void (*make)(urc_diagram_label *l); /* writes the box */
	const char *html;                   /* how its label begins */
	const char *tip;                    /* its whole tooltip */
} boxes[] = {
	{make_title, "<FONT POINT-SIZE=\"17\"><B>Low back pain", "Evidence:\\n- George 2021\\n- Delitto 2012"},
	{make_legend, "<B>How to read", "What the shapes and colours mean."},
	{make_sample, "Facts about", ""},
	{make_request, "<B>Request arrives", ""},
	{make_routing, "<B>Routed to", ROUTING_TIP},
	{make_limits, "<B>Authorization limits", "Every approval stays within these limits."},
	{make_plan, "Does the member's plan",
	 "Some plans approve their members' first requests without clinical review."},
	{make_plan_outcome, "<B>Approve without review",
	 "Never more than the guideline's largest approval, nor more than requested."},
	{make_split, "First request of this", "Request 1 is decided by the first-request steps; request 2 and later by the later-request steps."},
	{make_phase, "<B>Later requests", "The steps for request 2 and later, tried in order: the first yes decides."},
	{make_require, MUTED_FONT "Step 1: scores needed", "Pend when a score is missing: the steps below compare them."},
	{make_question, MUTED_FONT "Step 3: home", "Rule 'home'\\n(no citation given)"},
	{make_answer, "<B>Pend</B>: ask", "The request waits until the provider sends the missing scores."},
	{make_otherwise, "<B>Approve</B> up to 8", "Otherwise: no rule above matched.\\n(no citation given)"},
	{make_fallthrough, "<B>Refer to physician review</B><BR/>no step", "Only a case missing scores that the rules test gets here."},
	{make_no_phase, "<B>Refer to physician review</B><BR/>the guideline", ""},
};

/* After a box with a long label and a cited tooltip, box _i keeps none of
 * its words. */
START_TEST(label_function_rewrites_label_and_tooltip)
{
	urc_diagram_label_question(&L, 2, item(0, 1), "an overlay note that is long enough to wrap onto two lines");
	ck_assert_ptr_nonnull(strstr(L.tip.s, "Fritz 2001"));
	boxes[_i].make(&L);
	ck_assert_msg(strncmp(L.html.s, boxes[_i].html, strlen(boxes[_i].html)) == 0, "label: %s", L.html.s);
	ck_assert_ptr_null(strstr(L.html.s, "severe"));
	ck_assert_ptr_null(strstr(L.html.s, "overlay note"));
	ck_assert_str_eq(L.tip.s, boxes[_i].tip);
	ck_assert_uint_eq(L.html.n, strlen(L.html.s));
	ck_assert_uint_eq(L.tip.n, strlen(L.tip.s));
}
END_TEST

START_TEST(freed_label_is_empty_and_reusable)
{
	urc_diagram_label_routing(&L, guideline("lbp"), 1);
	urc_diagram_label_free(&L);
	ck_assert_ptr_null(L.html.s);
	ck_assert_ptr_null(L.tip.s);
	ck_assert_uint_eq(L.html.n + L.html.cap + L.tip.n + L.tip.cap, 0);
	urc_diagram_label_legend(&L);
	expect("<B>How to read this diagram</B>", "What the shapes and colours mean.");
}
END_TEST

Suite *diagram_labels_suite(void)
{
	Suite *s = suite_create("diagram_labels");

	TCase *tc = tcase_create("escaping");
	tcase_add_checked_fixture(tc, setup_program, teardown);
	tcase_add_test(tc, rule_name_is_escaped_in_the_step_line);
	tcase_add_test(tc, refer_reason_is_escaped);
	tcase_add_test(tc, note_is_escaped);
	tcase_add_test(tc, title_and_overlay_are_escaped);
	tcase_add_test(tc, tooltip_doubles_backslashes_and_escapes_newlines);
	suite_add_tcase(s, tc);

	tc = tcase_create("wrapping");
	tcase_add_checked_fixture(tc, setup_program, teardown);
	tcase_add_test(tc, line_of_exactly_the_width_is_not_broken);
	tcase_add_test(tc, line_one_over_the_width_breaks_before_the_last_word);
	tcase_add_test(tc, width_counts_utf8_characters_not_bytes);
	tcase_add_test(tc, utf8_line_over_the_width_breaks_between_words);
	tcase_add_test(tc, long_utf8_word_gets_a_line_of_its_own_whole);
	tcase_add_test(tc, escapes_count_as_one_character);
	tcase_add_test(tc, newline_forces_a_break_and_blanks_collapse);
	tcase_add_test(tc, refer_reason_wraps_at_34_characters);
	suite_add_tcase(s, tc);

	tc = tcase_create("questions");
	tcase_add_checked_fixture(tc, setup_program, teardown);
	tcase_add_test(tc, require_asks_for_its_scores);
	tcase_add_test(tc, require_without_moments_asks_for_intake_and_latest);
	tcase_add_test(tc, question_of_improvement_by_mcid);
	tcase_add_test(tc, question_of_a_visit_count);
	tcase_add_test(tc, question_of_a_setting);
	tcase_add_test(tc, question_of_no_improvement_starts_with_a_capital);
	tcase_add_test(tc, question_of_two_conditions_wraps_and_escapes_the_comparison);
	tcase_add_test(tc, question_and_answer_share_the_rule_tooltip);
	suite_add_tcase(s, tc);

	tc = tcase_create("outcomes");
	tcase_add_checked_fixture(tc, setup_program, teardown);
	tcase_add_test(tc, approve_outcome);
	tcase_add_test(tc, refer_outcome_carries_the_rule_citations);
	tcase_add_test(tc, pend_outcome);
	tcase_add_test(tc, require_answer_pends_for_the_scores);
	tcase_add_test(tc, otherwise_without_citation);
	tcase_add_test(tc, otherwise_with_citation);
	tcase_add_test(tc, otherwise_refer);
	tcase_add_test(tc, fallthrough_and_no_phase_refer);
	suite_add_tcase(s, tc);

	tc = tcase_create("notes");
	tcase_add_checked_fixture(tc, setup_program, teardown);
	tcase_add_test(tc, title_lists_the_evidence);
	tcase_add_test(tc, routing_note_wraps_at_46_characters);
	tcase_add_test(tc, routing_note_with_limits);
	tcase_add_test(tc, routing_lists_each_score_once);
	tcase_add_test(tc, limits_of_a_window_range_and_frequency);
	tcase_add_test(tc, limits_of_a_window_maximum_and_one_visit);
	suite_add_tcase(s, tc);

	tc = tcase_create("syntax tree only");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, title_without_title_or_date_uses_the_id);
	tcase_add_test(tc, long_title_wraps_at_56_characters);
	tcase_add_loop_test(tc, request_names_the_discipline, 0, (int)(sizeof requests / sizeof requests[0]));
	tcase_add_test(tc, plan_cap_is_the_first_of_equal_approvals);
	tcase_add_test(tc, no_plan_question_when_no_plan_auto_approves);
	tcase_add_test(tc, no_plan_question_when_the_guideline_approves_nothing);
	suite_add_tcase(s, tc);

	tc = tcase_create("plans");
	tcase_add_checked_fixture(tc, setup_program, teardown);
	tcase_add_test(tc, plan_question_lists_plans_that_auto_approve);
	tcase_add_test(tc, plan_outcome_approves_at_most_the_largest_approval);
	suite_add_tcase(s, tc);

	tc = tcase_create("legend and phases");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, legend_heading);
	tcase_add_loop_test(tc, legend_sample_says_what_the_box_means, 0, (int)(sizeof samples / sizeof samples[0]));
	tcase_add_test(tc, split_question);
	tcase_add_loop_test(tc, phase_heading_and_tooltip, 0, (int)(sizeof phases / sizeof phases[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("rewriting");
	tcase_add_checked_fixture(tc, setup_program, teardown);
	tcase_add_loop_test(tc, label_function_rewrites_label_and_tooltip, 0, (int)(sizeof boxes / sizeof boxes[0]));
	tcase_add_test(tc, freed_label_is_empty_and_reusable);
	suite_add_tcase(s, tc);

	return s;
}
