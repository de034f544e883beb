/* parse.c — runs the scanner and parser over one registered source. */
#include "parse.h"

#include <stdlib.h>

#include "parser.h"
#include "lexer.h"

static void ctx_init(urc_parse_ctx *ctx, urc_program *prog, uint32_t file)
{
	ctx->prog = prog;
	ctx->diag = prog->diag;
	ctx->file = file;
	ctx->text = prog->diag->files[file].text;
	ctx->offset = 0;
	ctx->braces = NULL;
	ctx->nbraces = ctx->braces_cap = 0;
}

/* Starts a scanner over a copy of the file's text (Flex's own buffer). */
static yyscan_t scanner_open(urc_parse_ctx *ctx)
{
	yyscan_t scanner;
	if (yylex_init_extra(ctx, &scanner) != 0)
		urc_oom();
	urc_diag_file *f = &ctx->diag->files[ctx->file];
	yy_scan_bytes(f->text, (int)f->len, scanner);
	return scanner;
}

int urc_parse_file(urc_program *prog, uint32_t file)
{
	urc_parse_ctx ctx;
	ctx_init(&ctx, prog, file);
	int before = prog->diag->errors;
	yyscan_t scanner = scanner_open(&ctx);
	/* yyparse returns 0 after recovered errors and 1 only when recovery
	 * failed; the diagnostics count is what tells. A failure that left no
	 * message (the parser's stack ran out) gets one here. */
	int rc = yyparse(scanner, &ctx);
	if (rc != 0 && prog->diag->errors == before)
		urc_diag_error(prog->diag, (urc_span){file, ctx.offset, ctx.offset},
		               "this file is nested too deeply to read");
	yylex_destroy(scanner);
	free(ctx.braces);
	return prog->diag->errors - before;
}

long urc_scan_only(urc_program *prog, uint32_t file)
{
	urc_parse_ctx ctx;
	ctx_init(&ctx, prog, file);
	yyscan_t scanner = scanner_open(&ctx);
	YYSTYPE val;
	YYLTYPE loc;
	long n = 0;
	while (yylex(&val, &loc, scanner) != 0)
		n++;
	yylex_destroy(scanner);
	free(ctx.braces);
	return n;
}
