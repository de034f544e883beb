/* parser.y — the grammar of the guideline language.
 * A pure Bison parser with byte-offset locations. Declarations are added to
 * the program as soon as they are complete. Each block (a guideline's
 * fields, a phase's rules, a catalogue entry) has an error alternative, so
 * a file reports every syntax error rather than the first, and targeted
 * error rules explain the mistakes reviewers make most (a rule without
 * 'when', the word 'deny'). */
%require "3.8"
%define api.pure full
%define api.value.type union
%define api.location.type {urc_loc}
%define parse.error custom
%define parse.lac full
%locations
%expect 0
%lex-param {yyscan_t scanner}
%parse-param {yyscan_t scanner} {urc_parse_ctx *ctx}

%code requires {
#include "ast.h"
#include "parse.h"
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
#define YYLLOC_DEFAULT(Cur, Rhs, N)                          \
	do {                                                     \
		if (N) {                                             \
			(Cur).start = YYRHSLOC(Rhs, 1).start;            \
			(Cur).end = YYRHSLOC(Rhs, N).end;                \
		} else {                                             \
			(Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;  \
		}                                                    \
	} while (0)
}

%code {
#include <string.h>

#include "suggest.h"

int yylex(YYSTYPE *lval, YYLTYPE *lloc, yyscan_t scanner);

#define SP(loc) urc_span_of(ctx, (loc))
#define NEW(type) ((type *)urc_arena_alloc(&ctx->prog->arena, sizeof(type)))
#define STR(s) ((s) ? (s) : "")

static void given_twice(urc_parse_ctx *ctx, urc_span now, urc_span before,
                        const char *what);
static void yyerror(const YYLTYPE *loc, yyscan_t scanner, urc_parse_ctx *ctx,
                    const char *msg);
static urc_cond *cond_new(urc_parse_ctx *ctx, urc_cond_kind k, YYLTYPE loc);
static urc_cond *cond_bin(urc_parse_ctx *ctx, urc_cond_kind k, urc_cond *l,
                          urc_cond *r, YYLTYPE loc);
}

%initial-action {
	@$.start = @$.end = 0;
}

%token <const char *> IDENT "name"
%token <const char *> STRING "quoted text"
%token <urc_num> NUMBER "numeric value"
%token <urc_unit> UNIT "unit"
%token <urc_code> CODE "diagnosis code"
%token <int32_t> DATE "date"
%token <urc_cmp> CMP "comparison"
%token USE "use" MEASURE "measure" SETTING "setting" SPECIALTY "specialty"
%token PLAN "plan" GUIDELINE "guideline" VERSION "version" RANGE "range"
%token TO "to" BETTER "better" HIGHER "higher" LOWER "lower" MCID "mcid"
%token MDC "mdc" POPULATION "population" SOURCE "source"
%token AUTHORIZATION "authorization" AT "at" MOST "most" REVIEW "review"
%token EVERY "every" WINDOW "window" AUTO "auto" APPROVE "approve"
%token STATES "states" EFFECTIVE "effective" DISCIPLINE "discipline"
%token DIAGNOSES "diagnoses" SETTINGS "settings" EVIDENCE "evidence"
%token FREQUENCY "frequency" PER "per" INITIAL_ "initial"
%token CONTINUED "continued" REQUIRE "require" RULE "rule" WHEN "when"
%token OTHERWISE "otherwise" UP "up" OVER "over" REFER "refer" PEND "pend"
%token DENY "deny" CITE "cite" AND "and" OR "or" NOT "not"
%token IMPROVED "improved" BY "by" LEAST "least" LESS "less" THAN "than"
%token SINCE "since" INTAKE "intake" LATEST "latest" PREVIOUS "previous"
%token USED "used" REQUESTED "requested" REQUEST "request" NUMBER_ "number"
%token START "start" OF "of" CARE "care" AGE "age" IS "is"

%type <urc_quantity> quantity
%type <const char *> opt_title
%type <urc_measure *> measure_body
%type <urc_setting *> setting_body
%type <urc_specialty *> specialty_body
%type <urc_plan *> plan_body
%type <urc_guideline *> guideline_body
%type <urc_auth *> auth_body
%type <urc_phase *> phase_body
%type <urc_rule_outcome> outcome
%type <urc_cites> cites
%type <urc_cond *> cond atom
%type <urc_feature> feature
%type <urc_moment> moment
%type <unsigned> moments
%type <urc_codes> codes
%type <urc_names> names
%type <urc_cond *> improve_tail threshold
%type <urc_num> opt_version
%type <unsigned> moment_list
%type <urc_moment> since

%left OR
%left AND
%precedence NOT

%%

/* file: item* */
file
	: %empty
	| file item
	| file error
	;

item
	: USE STRING
		{
			urc_use *u = NEW(urc_use);
			u->path = $2;
			u->span = SP(@$);
			URC_APPEND(ctx->prog->uses, u);
		}
	| MEASURE IDENT opt_title '{' measure_body '}'
		{
			$5->id = (urc_name){$2, SP(@2)};
			$5->title = $3;
			$5->span = SP(@2);
			URC_APPEND(ctx->prog->measures, $5);
		}
	| SETTING IDENT opt_title '{' setting_body '}'
		{
			$5->id = (urc_name){$2, SP(@2)};
			$5->title = $3;
			$5->span = SP(@2);
			URC_APPEND(ctx->prog->settings, $5);
		}
	| SPECIALTY IDENT opt_title '{' specialty_body '}'
		{
			$5->id = (urc_name){$2, SP(@2)};
			$5->title = $3;
			$5->span = SP(@2);
			URC_APPEND(ctx->prog->specialties, $5);
		}
	| PLAN IDENT opt_title '{' plan_body '}'
		{
			$5->id = (urc_name){$2, SP(@2)};
			$5->title = $3;
			$5->span = SP(@2);
			URC_APPEND(ctx->prog->plans, $5);
		}
	| GUIDELINE IDENT opt_title opt_version '{' guideline_body '}'
		{
			$6->id = (urc_name){$2, SP(@2)};
			$6->title = $3;
			$6->span = SP(@2);
			$6->version = $4;
			$6->version_span = SP(@4);
			if (@4.start == @4.end)
				$6->version_span.file = URC_NO_FILE;
			URC_APPEND(ctx->prog->guidelines, $6);
		}
	;

opt_title
	: %empty { $$ = NULL; }
	| STRING { $$ = $1; }
	;

/* An absent version has an empty location; the checks report it. */
opt_version
	: %empty         { $$ = (urc_num){0, true}; }
	| VERSION NUMBER { $$ = $2; }
	;

quantity
	: NUMBER      { $$ = urc_quantity_make($1, URC_UNIT_NONE, SP(@$)); }
	| NUMBER UNIT { $$ = urc_quantity_make($1, $2, SP(@$)); }
	;

/* measure_body: (range | better | mcid | mdc | population | source)* */
measure_body
	: %empty { $$ = NEW(urc_measure); }
	| measure_body RANGE quantity TO quantity
		{
			$$ = $1;
			if ($$->lo.present)
				given_twice(ctx, SP(@2), $$->range_span, "range");
			$$->lo = $3;
			$$->hi = $5;
			$$->range_span = SP(@$);
			$$->range_span.start = @2.start;
		}
	| measure_body BETTER HIGHER
		{ $$ = $1; if ($$->better) given_twice(ctx, SP(@2), $$->better_span, "direction");
		  $$->better = 1; $$->better_span = (urc_span){ctx->file, @2.start, @3.end}; }
	| measure_body BETTER LOWER
		{ $$ = $1; if ($$->better) given_twice(ctx, SP(@2), $$->better_span, "direction");
		  $$->better = -1; $$->better_span = (urc_span){ctx->file, @2.start, @3.end}; }
	| measure_body MCID quantity
		{ $$ = $1; if ($$->mcid.present) given_twice(ctx, $3.span, $$->mcid.span, "MCID");
		  $$->mcid = $3; }
	| measure_body MDC quantity
		{ $$ = $1; if ($$->mdc.present) given_twice(ctx, $3.span, $$->mdc.span, "MDC");
		  $$->mdc = $3; }
	| measure_body POPULATION STRING { $$ = $1; $$->population = $3; }
	| measure_body SOURCE STRING
		{ $$ = $1; urc_cite *c = NEW(urc_cite); c->text = $3; c->span = SP(@3);
		  URC_APPEND($$->sources, c); }
	| measure_body error { $$ = $1; $$->damaged = true; }
	;

/* setting_body: (authorization [at most] QTY | review every QTY | source)* */
setting_body
	: %empty { $$ = NEW(urc_setting); }
	| setting_body AUTHORIZATION at_most quantity
		{ $$ = $1; if ($$->max_auth.present) given_twice(ctx, $4.span, $$->max_auth.span, "authorization length");
		  $$->max_auth = $4; }
	| setting_body REVIEW EVERY quantity
		{ $$ = $1; if ($$->review_every.present) given_twice(ctx, $4.span, $$->review_every.span, "review cadence");
		  $$->review_every = $4; }
	| setting_body SOURCE STRING
		{ $$ = $1; urc_cite *c = NEW(urc_cite); c->text = $3; c->span = SP(@3);
		  URC_APPEND($$->sources, c); }
	| setting_body error { $$ = $1; }
	;

at_most
	: %empty
	| AT MOST
	;

/* specialty_body: (window at most QTY | source)* */
specialty_body
	: %empty { $$ = NEW(urc_specialty); }
	| specialty_body WINDOW at_most quantity
		{ $$ = $1; if ($$->max_window.present) given_twice(ctx, $4.span, $$->max_window.span, "window");
		  $$->max_window = $4; }
	| specialty_body SOURCE STRING
		{ $$ = $1; urc_cite *c = NEW(urc_cite); c->text = $3; c->span = SP(@3);
		  URC_APPEND($$->sources, c); }
	| specialty_body error { $$ = $1; }
	;

/* plan_body: (auto approve N requests | states NAME+ | source)* */
plan_body
	: %empty { $$ = NEW(urc_plan); }
	| plan_body AUTO APPROVE NUMBER UNIT
		{
			$$ = $1;
			if ($$->auto_span.end)
				given_twice(ctx, SP(@2), $$->auto_span, "auto-approval");
			if ($5 != URC_UNIT_REQUESTS) {
				int e = urc_diag_error(ctx->diag, SP(@5),
					"a plan auto-approves a number of requests, not %s",
					urc_unit_name($5, true));
				urc_diag_help(ctx->diag, e, "write 'auto approve %g requests'", $4.value);
			}
			$$->auto_approve = $4;
			$$->auto_span = (urc_span){ctx->file, @2.start, @5.end};
		}
	| plan_body AUTO APPROVE NUMBER REQUEST
		{
			$$ = $1;
			if ($$->auto_span.end)
				given_twice(ctx, SP(@2), $$->auto_span, "auto-approval");
			$$->auto_approve = $4;
			$$->auto_span = (urc_span){ctx->file, @2.start, @5.end};
		}
	| plan_body STATES names
		{ $$ = $1; for (uint32_t i = 0; i < $3.n; i++)
			urc_names_push(&ctx->prog->arena, &$$->states, $3.v[i]); }
	| plan_body SOURCE STRING
		{ $$ = $1; urc_cite *c = NEW(urc_cite); c->text = $3; c->span = SP(@3);
		  URC_APPEND($$->sources, c); }
	| plan_body error { $$ = $1; }
	;

names
	: IDENT       { $$ = (urc_names){0}; urc_names_push(&ctx->prog->arena, &$$, (urc_name){$1, SP(@1)}); }
	| names IDENT { $$ = $1; urc_names_push(&ctx->prog->arena, &$$, (urc_name){$2, SP(@2)}); }
	;

codes
	: CODE       { $$ = (urc_codes){0}; urc_codes_push(&ctx->prog->arena, &$$, $1); }
	| codes CODE { $$ = $1; urc_codes_push(&ctx->prog->arena, &$$, $2); }
	;

/* guideline_body: the guideline's fields, in any order, each at most once
 * (diagnoses, settings and evidence may repeat and add up). */
guideline_body
	: %empty
		{
			$$ = NEW(urc_guideline);
			$$->effective_span.file = URC_NO_FILE;
		}
	| guideline_body EFFECTIVE DATE
		{ $$ = $1; if ($$->effective_span.file != URC_NO_FILE)
			given_twice(ctx, SP(@2), $$->effective_span, "effective date");
		  $$->effective = $3; $$->effective_span = SP(@3); }
	| guideline_body DISCIPLINE IDENT
		{ $$ = $1; if ($$->discipline.s) given_twice(ctx, SP(@3), $$->discipline.span, "discipline");
		  $$->discipline = (urc_name){$3, SP(@3)}; }
	| guideline_body SPECIALTY IDENT
		{ $$ = $1; if ($$->specialty.s) given_twice(ctx, SP(@3), $$->specialty.span, "specialty");
		  $$->specialty = (urc_name){$3, SP(@3)}; }
	| guideline_body DIAGNOSES codes
		{ $$ = $1; if (!$$->codes.n) $$->codes_span = SP(@3);
		  for (uint32_t i = 0; i < $3.n; i++)
			urc_codes_push(&ctx->prog->arena, &$$->codes, $3.v[i]); }
	| guideline_body SETTINGS names
		{ $$ = $1; for (uint32_t i = 0; i < $3.n; i++)
			urc_names_push(&ctx->prog->arena, &$$->settings, $3.v[i]); }
	| guideline_body EVIDENCE STRING
		{ $$ = $1; urc_cite *c = NEW(urc_cite); c->text = $3; c->span = SP(@3);
		  URC_APPEND($$->evidence, c); }
	| guideline_body AUTHORIZATION '{' auth_body '}'
		{ $$ = $1; if ($$->auth.present) given_twice(ctx, SP(@2), $$->auth.span, "authorization block");
		  $$->auth = *$4; $$->auth.present = true; $$->auth.span = SP(@2);
		  if ($4->damaged) $$->damaged = true; }
	| guideline_body INITIAL_ '{' phase_body '}'
		{ $$ = $1; if ($$->initial.present) given_twice(ctx, SP(@2), $$->initial.span, "initial phase");
		  $$->initial = *$4; $$->initial.present = true; $$->initial.span = SP(@2);
		  if ($4->damaged) $$->damaged = true; }
	| guideline_body CONTINUED '{' phase_body '}'
		{ $$ = $1; if ($$->continued.present) given_twice(ctx, SP(@2), $$->continued.span, "continued phase");
		  $$->continued = *$4; $$->continued.present = true; $$->continued.span = SP(@2);
		  if ($4->damaged) $$->damaged = true; }
	| guideline_body error { $$ = $1; $$->damaged = true; }
	;

/* auth_body: (window QTY [to QTY] | frequency at most QTY per UNIT)* */
auth_body
	: %empty { $$ = NEW(urc_auth); }
	| auth_body WINDOW quantity
		{ $$ = $1; if ($$->window_max.present) given_twice(ctx, $3.span, $$->window_max.span, "window");
		  $$->window_max = $3; }
	| auth_body WINDOW quantity TO quantity
		{ $$ = $1; if ($$->window_max.present) given_twice(ctx, $3.span, $$->window_max.span, "window");
		  $$->window_min = $3; $$->window_max = $5; }
	| auth_body FREQUENCY AT MOST quantity PER UNIT
		{ $$ = $1; if ($$->frequency.present) given_twice(ctx, SP(@2), $$->frequency_span, "frequency");
		  $$->frequency = $5; $$->frequency_per = $7;
		  $$->frequency_span = (urc_span){ctx->file, @2.start, @7.end}; }
	| auth_body error { $$ = $1; $$->damaged = true; }
	;

/* phase_body: (require | rule | otherwise)* */
phase_body
	: %empty { $$ = NEW(urc_phase); }
	| phase_body REQUIRE IDENT moments
		{
			$$ = $1;
			urc_rule *r = NEW(urc_rule);
			r->kind = URC_ITEM_REQUIRE;
			r->name = (urc_name){$3, SP(@3)};
			r->moments = $4;
			r->span = (urc_span){ctx->file, @2.start, @$.end};
			URC_APPEND(*$$, r);
		}
	| phase_body RULE STRING WHEN cond outcome cites
		{
			$$ = $1;
			urc_rule *r = NEW(urc_rule);
			r->kind = URC_ITEM_RULE;
			r->name = (urc_name){$3, SP(@3)};
			r->when = $5;
			r->outcome = $6;
			r->cites = $7;
			r->span = (urc_span){ctx->file, @2.start, @6.end};
			URC_APPEND(*$$, r);
		}
	| phase_body RULE STRING outcome cites
		{
			$$ = $1;
			$$->damaged = true;
			int e = urc_diag_error(ctx->diag, SP(@4),
				"rule \"%s\" has no 'when' condition", $3);
			urc_diag_help(ctx->diag, e,
				"write the condition after the name (rule \"%s\" when ...), or use 'otherwise' for what applies when no rule matches", $3);
		}
	| phase_body RULE IDENT WHEN cond outcome cites
		{
			$$ = $1;
			$$->damaged = true;
			int e = urc_diag_error(ctx->diag, SP(@3),
				"a rule's name goes in quotes");
			urc_diag_help(ctx->diag, e, "write rule \"%s\" when ...", $3);
		}
	| phase_body RULE WHEN cond outcome cites
		{
			$$ = $1;
			$$->damaged = true;
			int e = urc_diag_error(ctx->diag, SP(@3),
				"this rule has no name");
			urc_diag_help(ctx->diag, e,
				"name it in quotes after 'rule', e.g. rule \"meaningful progress\" when ...; the name appears in decisions and diagrams");
		}
	| phase_body OTHERWISE outcome cites
		{
			$$ = $1;
			urc_rule *r = NEW(urc_rule);
			r->kind = URC_ITEM_OTHERWISE;
			r->outcome = $3;
			r->cites = $4;
			r->span = (urc_span){ctx->file, @2.start, @3.end};
			URC_APPEND(*$$, r);
		}
	| phase_body error { $$ = $1; $$->damaged = true; }
	;

moments
	: %empty { $$ = URC_MOMENT_INTAKE | URC_MOMENT_LATEST; }
	| AT moment_list { $$ = $2; }
	;

moment_list
	: moment                 { $$ = $1; }
	| moment_list AND moment { $$ = $1 | $3; }
	;

moment
	: INTAKE   { $$ = URC_MOMENT_INTAKE; }
	| PREVIOUS { $$ = URC_MOMENT_PREVIOUS; }
	| LATEST   { $$ = URC_MOMENT_LATEST; }
	;

cites
	: %empty { $$.first = $$.last = NULL; }
	| cites CITE STRING
		{ $$ = $1; urc_cite *c = NEW(urc_cite); c->text = $3; c->span = SP(@3);
		  URC_APPEND($$, c); }
	;

/* outcome: approve [up to] QTY over QTY | refer TEXT | pend TEXT */
outcome
	: APPROVE up_to quantity OVER quantity
		{
			$$ = (urc_rule_outcome){0};
			$$.kind = URC_OUTCOME_APPROVE;
			$$.visits = $3;
			$$.days = $5;
			$$.span = SP(@$);
		}
	| REFER STRING
		{ $$ = (urc_rule_outcome){0}; $$.kind = URC_OUTCOME_REFER; $$.text = $2; $$.span = SP(@$); }
	| PEND STRING
		{ $$ = (urc_rule_outcome){0}; $$.kind = URC_OUTCOME_PEND; $$.text = $2; $$.span = SP(@$); }
	| DENY STRING
		{
			int e = urc_diag_error(ctx->diag, SP(@1),
				"a guideline cannot deny care: only a physician may deny");
			urc_diag_help(ctx->diag, e,
				"write 'refer \"%s\"' to send the case to physician review with your reason", $2);
			$$ = (urc_rule_outcome){0}; $$.kind = URC_OUTCOME_REFER; $$.text = $2; $$.span = SP(@$);
		}
	| DENY
		{
			int e = urc_diag_error(ctx->diag, SP(@1),
				"a guideline cannot deny care: only a physician may deny");
			urc_diag_help(ctx->diag, e,
				"write 'refer \"reason\"' to send the case to physician review with your reason");
			/* No text: the checks know the author was told already. */
			$$ = (urc_rule_outcome){0}; $$.kind = URC_OUTCOME_REFER; $$.text = NULL; $$.span = SP(@$);
		}
	;

up_to
	: %empty
	| UP TO
	;

/* cond: cond or cond | cond and cond | not cond | ( cond ) | atom */
cond
	: cond OR cond  { $$ = cond_bin(ctx, URC_COND_OR, $1, $3, @$); }
	| cond AND cond { $$ = cond_bin(ctx, URC_COND_AND, $1, $3, @$); }
	| NOT cond      { $$ = cond_bin(ctx, URC_COND_NOT, $2, NULL, @$); }
	| '(' cond ')'  { $$ = $2; }
	| atom
	;

atom
	: feature CMP quantity
		{ $$ = cond_new(ctx, URC_COND_COMPARE, @$); $$->feature = $1; $$->cmp = $2;
		  $$->cmp_span = SP(@2); $$->qty = $3; }
	| IDENT IMPROVED improve_tail since
		{ $$ = $3; $$->span = SP(@$); $$->name = (urc_name){$1, SP(@1)}; $$->moment = $4; }
	| IDENT AT moment CMP quantity
		{ $$ = cond_new(ctx, URC_COND_SCORE, @$); $$->name = (urc_name){$1, SP(@1)};
		  $$->moment = $3; $$->cmp = $4; $$->cmp_span = SP(@4); $$->qty = $5; }
	| SETTING IS IDENT
		{ $$ = cond_new(ctx, URC_COND_SETTING, @$); $$->name = (urc_name){$3, SP(@3)}; }
	| SETTING IS NOT IDENT
		{ $$ = cond_new(ctx, URC_COND_SETTING, @$); $$->name = (urc_name){$4, SP(@4)}; $$->negated = true; }
	| PLAN IS IDENT
		{ $$ = cond_new(ctx, URC_COND_PLAN, @$); $$->name = (urc_name){$3, SP(@3)}; }
	| PLAN IS NOT IDENT
		{ $$ = cond_new(ctx, URC_COND_PLAN, @$); $$->name = (urc_name){$4, SP(@4)}; $$->negated = true; }
	;

improve_tail
	: %empty
		{ $$ = cond_new(ctx, URC_COND_IMPROVED, @$); $$->improve = URC_IMPROVE_ANY; }
	| BY AT LEAST threshold
		{ $$ = $4; $$->improve = URC_IMPROVE_AT_LEAST; }
	| BY LESS THAN threshold
		{ $$ = $4; $$->improve = URC_IMPROVE_LESS_THAN; }
	;

threshold
	: quantity
		{ $$ = cond_new(ctx, URC_COND_IMPROVED, @$); $$->threshold = URC_THRESHOLD_NUMBER;
		  $$->qty = $1; $$->threshold_span = SP(@$); }
	| MCID
		{ $$ = cond_new(ctx, URC_COND_IMPROVED, @$); $$->threshold = URC_THRESHOLD_MCID;
		  $$->threshold_span = SP(@$); }
	| MDC
		{ $$ = cond_new(ctx, URC_COND_IMPROVED, @$); $$->threshold = URC_THRESHOLD_MDC;
		  $$->threshold_span = SP(@$); }
	;

since
	: %empty         { $$ = URC_MOMENT_INTAKE; }
	| SINCE INTAKE   { $$ = URC_MOMENT_INTAKE; }
	| SINCE PREVIOUS { $$ = URC_MOMENT_PREVIOUS; }
	;

feature
	: UNIT USED
		{ $$ = URC_FEATURE_VISITS_USED;
		  if ($1 != URC_UNIT_VISITS) urc_diag_error(ctx->diag, SP(@$), "did you mean 'visits used'?"); }
	| UNIT REQUESTED
		{ $$ = URC_FEATURE_VISITS_REQUESTED;
		  if ($1 != URC_UNIT_VISITS) urc_diag_error(ctx->diag, SP(@$), "did you mean 'visits requested'?"); }
	| REQUEST NUMBER_ { $$ = URC_FEATURE_REQUEST_NUMBER; }
	| UNIT SINCE START OF CARE
		{ $$ = URC_FEATURE_DAYS_SINCE_START;
		  if ($1 != URC_UNIT_DAYS) urc_diag_error(ctx->diag, SP(@$), "did you mean 'days since start of care'?"); }
	| AGE { $$ = URC_FEATURE_AGE; }
	;

%%

/* Only Bison's own failures come here ("memory exhausted": the nesting
 * is deeper than the parser's stack); syntax errors go through
 * yyreport_syntax_error. */
static void yyerror(const YYLTYPE *loc, yyscan_t scanner, urc_parse_ctx *ctx,
                    const char *msg)
{
	(void)scanner;
	(void)msg;
	urc_diag_error(ctx->diag, urc_span_of(ctx, *loc),
	               "this file is nested too deeply to read");
}

static void given_twice(urc_parse_ctx *ctx, urc_span now, urc_span before,
                        const char *what)
{
	int e = urc_diag_error(ctx->diag, now, "the %s is given twice", what);
	urc_diag_note(ctx->diag, e, before, "first given here");
	urc_diag_help(ctx->diag, e, "keep one of the two");
}

static urc_cond *cond_new(urc_parse_ctx *ctx, urc_cond_kind k, YYLTYPE loc)
{
	urc_cond *c = NEW(urc_cond);
	c->kind = k;
	c->span = SP(loc);
	return c;
}

static urc_cond *cond_bin(urc_parse_ctx *ctx, urc_cond_kind k, urc_cond *l,
                          urc_cond *r, YYLTYPE loc)
{
	urc_cond *c = cond_new(ctx, k, loc);
	c->lhs = l;
	c->rhs = r;
	return c;
}

/* A token as a reviewer would name it: keywords in quotes, classes of
 * tokens in words. */
static const char *token_name(yysymbol_kind_t sym, char *buf, size_t n)
{
	switch (sym) {
	case YYSYMBOL_YYEOF: return "the end of the file";
	case YYSYMBOL_IDENT: return "a name";
	case YYSYMBOL_STRING: return "text in quotes";
	case YYSYMBOL_NUMBER: return "a number";
	case YYSYMBOL_UNIT: return "a unit (visits, days, points...)";
	case YYSYMBOL_CODE: return "a diagnosis code";
	case YYSYMBOL_DATE: return "a date (YYYY-MM-DD)";
	case YYSYMBOL_CMP: return "a comparison (<, <=, >, >=, =, !=)";
	default: break;
	}
	const char *s = yysymbol_name(sym);
	size_t len = strlen(s);
	if (len >= 2 && (s[0] == '"' || s[0] == '\'')) {
		s++;
		len -= 2;
	}
	snprintf(buf, n, "'%.*s'", (int)len, s);
	return buf;
}

static int yyreport_syntax_error(const yypcontext_t *pctx, yyscan_t scanner,
                                 urc_parse_ctx *ctx)
{
	(void)scanner;
	yysymbol_kind_t tok = yypcontext_token(pctx);
	const YYLTYPE *loc = yypcontext_location(pctx);
	yysymbol_kind_t expected[YYNTOKENS];
	int n = yypcontext_expected_tokens(pctx, expected, YYNTOKENS);
	int unit_expected = 0, cond_expected = 0, improved_expected = 0;
	for (int i = 0; i < n; i++) {
		unit_expected |= expected[i] == YYSYMBOL_UNIT;
		cond_expected |= expected[i] == YYSYMBOL_AGE; /* only conditions start so */
		improved_expected |= expected[i] == YYSYMBOL_IMPROVED;
	}
	/* 'deny' is in the grammar only to explain why it is not allowed. */
	for (int i = 0; i < n; i++)
		if (expected[i] == YYSYMBOL_DENY) {
			expected[i] = expected[--n];
			i--;
		}
	char found[96];
	if (tok == YYSYMBOL_YYEOF) {
		snprintf(found, sizeof found, "the file ends");
	} else {
		uint32_t len = loc->end - loc->start;
		if (len > 40)
			len = 40;
		snprintf(found, sizeof found, "found '%.*s'", (int)len,
		         ctx->text + loc->start);
	}
	/* Keep the list short: name the expected tokens when there are few. */
	char list[512] = "";
	if (n > 0 && n <= 5) {
		size_t at = 0;
		for (int i = 0; i < n; i++) {
			char nb[64];
			const char *name = token_name(expected[i], nb, sizeof nb);
			const char *sep = i == 0 ? "" : (i == n - 1 ? " or " : ", ");
			int w = snprintf(list + at, sizeof list - at, "%s%s", sep, name);
			if (w < 0 || (size_t)w >= sizeof list - at)
				break;
			at += (size_t)w;
		}
	}
	urc_span where = urc_span_of(ctx, *loc);
	int e;
	if (tok == YYSYMBOL_IDENT && unit_expected) {
		char word[64];
		uint32_t wl = loc->end - loc->start;
		snprintf(word, sizeof word, "%.*s", (int)(wl < 63 ? wl : 63), ctx->text + loc->start);
		e = urc_diag_error(ctx->diag, where, "'%s' is not a unit", word);
		static const char *const units[] = {"visits", "days", "weeks", "months", "years", "points",
		                                    "percent", "seconds", "meters", "m/s", "levels", "requests"};
		const char *best = urc_suggest(word, units, sizeof units / sizeof units[0]);
		if (best)
			urc_diag_help(ctx->diag, e, "did you mean '%s'?", best);
		else
			urc_diag_help(ctx->diag, e,
			              "the units are visits, days, weeks, months, years, points, percent, seconds, meters, m/s and levels");
		return 0;
	}
	if (cond_expected && tok != YYSYMBOL_IDENT && tok != YYSYMBOL_UNIT && tok != YYSYMBOL_NOT &&
	    tok != YYSYMBOL_SETTING && tok != YYSYMBOL_PLAN && tok != YYSYMBOL_REQUEST) {
		e = urc_diag_error(ctx->diag, where, "expected a condition, but %s", found);
		urc_diag_help(ctx->diag, e,
		              "a condition compares something about the request, e.g. 'visits used < 24' or 'ODI improved by at least mcid'");
		return 0;
	}
	/* A misspelt keyword: suggest the expected word it is closest to. */
	const char *kw[YYNTOKENS];
	size_t nkw = 0;
	char kwbuf[YYNTOKENS][32];
	for (int i = 0; i < n; i++)
		if (expected[i] > YYSYMBOL_CMP) {
			const char *nm = yysymbol_name(expected[i]);
			size_t len = strlen(nm);
			if (len >= 2 && nm[0] == '"') {
				nm++;
				len -= 2;
			}
			if (len > 0 && len < 32 && nm[0] != '\'') {
				snprintf(kwbuf[nkw], 32, "%.*s", (int)len, nm);
				kw[nkw] = kwbuf[nkw];
				nkw++;
			}
		}
	const char *guess = NULL;
	if (tok == YYSYMBOL_IDENT && nkw) {
		char word[64];
		uint32_t len = loc->end - loc->start;
		snprintf(word, sizeof word, "%.*s", (int)(len < 63 ? len : 63), ctx->text + loc->start);
		guess = urc_suggest(word, kw, nkw);
	}
	if (list[0])
		e = urc_diag_error(ctx->diag, where, "expected %s, but %s", list, found);
	else if (tok == YYSYMBOL_YYEOF)
		e = urc_diag_error(ctx->diag, where, "the file ends in the middle of a declaration");
	else
		e = urc_diag_error(ctx->diag, where, "'%.*s' does not belong here",
		                   (int)(loc->end - loc->start > 40 ? 40 : loc->end - loc->start),
		                   ctx->text + loc->start);
	if (guess)
		urc_diag_help(ctx->diag, e, "did you mean '%s'?", guess);
	else if (improved_expected && (tok == YYSYMBOL_USED || tok == YYSYMBOL_REQUESTED))
		urc_diag_help(ctx->diag, e, "the request's counts are 'visits used' and 'visits requested'");
	else if (improved_expected && tok == YYSYMBOL_CMP)
		urc_diag_help(ctx->diag, e,
		              "to test a score, say which one: e.g. 'ODI at latest >= 40 points'; to test a change, 'ODI improved by at least mcid'");
	if (tok == YYSYMBOL_YYEOF && ctx->nbraces) {
		uint32_t at = ctx->braces[ctx->nbraces - 1];
		urc_diag_note(ctx->diag, e, (urc_span){ctx->file, at, at + 1},
		              "this '{' is never closed");
		urc_diag_help(ctx->diag, e, "add '}' where the block ends");
	}
	return 0;
}
