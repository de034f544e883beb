/* scratch.c — what the unit tests of whole commands share: a scratch
 * folder per test, a copy of the golden test library to edit, and running
 * a command with its standard output and error captured. */
/* nftw */
#define _XOPEN_SOURCE 700

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ck.h"
#include "scratch.h"

#define LIB "tests/golden/test/lib/"

char scratch_dir[64];
char *scratch_out, *scratch_err; /* the last scratch_run's output (malloc) */

/* scratch_dir/rel, in one of a few static buffers. */
const char *scratch_path(const char *rel)
{
	static char path[4][256];
	static int next;
	char *p = path[next++ % 4];
	snprintf(p, sizeof path[0], "%s/%s", scratch_dir, rel);
	return p;
}

char *scratch_read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	char *buf = NULL;
	size_t cap = 0, len = 0, got;
	do {
		if (len + 4096 + 1 > cap) {
			cap = (len + 4096 + 1) * 2;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
		got = fread(buf + len, 1, 4096, f);
		len += got;
	} while (got > 0);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

void scratch_write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot write %s", path);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* Copies LIB's guides to scratch_dir/sub, in knee.guide replacing `from` by `to`
 * (which must occur) when from is not NULL. */
void scratch_copy_lib(const char *sub, const char *from, const char *to)
{
	ck_assert_int_eq(mkdir(scratch_path(sub), 0700), 0);
	static const char *const names[] = {"catalogue.guide", "hip.guide", "knee.guide"};
	for (size_t i = 0; i < 3; i++) {
		char src[128], dst[256];
		snprintf(src, sizeof src, LIB "%s", names[i]);
		snprintf(dst, sizeof dst, "%s/%s/%s", scratch_dir, sub, names[i]);
		char *text = scratch_read_all(src);
		if (from && strcmp(names[i], "knee.guide") == 0) {
			char *at = strstr(text, from);
			ck_assert_msg(at != NULL, "'%s' is no longer in " LIB "knee.guide", from);
			size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
			char *edited = malloc(n);
			ck_assert_ptr_nonnull(edited);
			snprintf(edited, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
			free(text);
			text = edited;
		}
		scratch_write_file(dst, text);
		free(text);
	}
}

static int scratch_remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void scratch_setup(void)
{
	scratch_out = scratch_err = NULL;
	snprintf(scratch_dir, sizeof scratch_dir, "/tmp/urc-unit-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(scratch_dir));
}

void scratch_teardown(void)
{
	free(scratch_out);
	free(scratch_err);
	scratch_out = scratch_err = NULL;
	nftw(scratch_dir, scratch_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Runs cmd with the NULL-terminated arguments, standard output and error
 * going to files in scratch_dir, read into scratch_out and scratch_err afterwards.
 * Returns its exit status. */
int scratch_run(int (*cmd)(int, char **), char **argv)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	free(scratch_out);
	free(scratch_err);
	scratch_out = scratch_err = NULL;
	const char *out_path = scratch_path("stdout.txt"), *err_path = scratch_path("stderr.txt");
	fflush(stdout);
	fflush(stderr);
	int saved_out = dup(STDOUT_FILENO), saved_err = dup(STDERR_FILENO);
	ck_assert_int_ge(saved_out, 0);
	ck_assert_int_ge(saved_err, 0);
	FILE *o = fopen(out_path, "wb"), *e = fopen(err_path, "wb");
	ck_assert_ptr_nonnull(o);
	ck_assert_ptr_nonnull(e);
	dup2(fileno(o), STDOUT_FILENO);
	dup2(fileno(e), STDERR_FILENO);
	fclose(o);
	fclose(e);
	int status = cmd(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, STDOUT_FILENO);
	dup2(saved_err, STDERR_FILENO);
	close(saved_out);
	close(saved_err);
	scratch_out = scratch_read_all(out_path);
	scratch_err = scratch_read_all(err_path);
	remove(out_path);
	remove(err_path);
	return status;
}

