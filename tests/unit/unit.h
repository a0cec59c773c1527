/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SR_UNIT_H
#define SR_UNIT_H

#include <check.h>
#include <stdlib.h>

/* Each test file registers its suite with UNIT_SUITE(fn); main.c runs all
 * of them, so adding a file needs no edit elsewhere. */
void unit_register(Suite *(*make)(void));
#define UNIT_SUITE(fn)                                                  \
	__attribute__((constructor)) static void register_##fn(void)   \
	{                                                               \
		unit_register(fn);                                      \
	}

/* Path of a file under ../shared (SHARED), or NULL if unset or missing.
 * Returns a static buffer. */
const char *unit_shared(const char *rel);
/* Absolute path of a file under tests/ in the source tree. Static buffer. */
const char *unit_tests_path(const char *rel);
/* Calls fn(dir/name, name) for each *.json in dir; returns how many. */
size_t unit_each_json(const char *dir, void (*fn)(const char *path, const char *name));
/* Read a whole file; aborts the test on failure. Caller frees. */
char *unit_read_file(const char *path, size_t *len);

#endif
