/* scratch.h — a scratch folder and captured output for tests that run
 * whole commands (check_cmd_diff.c, check_coverage.c). */
#ifndef URC_TEST_SCRATCH_H
#define URC_TEST_SCRATCH_H

extern char scratch_dir[64];          /* the test's folder, made by scratch_setup */
extern char *scratch_out, *scratch_err; /* the last run's output (malloc) */

/* scratch_dir/rel, in one of a few static buffers. */
const char *scratch_path(const char *rel);
/* A whole file (malloc); fails the test when it cannot be read. */
char *scratch_read_all(const char *path);
void scratch_write_file(const char *path, const char *text);
/* Copies the golden test library to scratch_dir/sub, in knee.guide
 * replacing `from` by `to` (which must occur) when from is not NULL. */
void scratch_copy_lib(const char *sub, const char *from, const char *to);
/* A Check fixture: makes and removes scratch_dir. */
void scratch_setup(void);
void scratch_teardown(void);
/* Runs cmd with NULL-terminated arguments, capturing standard output and
 * error into scratch_out and scratch_err. Returns its exit status. */
int scratch_run(int (*cmd)(int, char **), char **argv);

#define ARGS(...) ((char *[]){__VA_ARGS__, NULL})

#endif
