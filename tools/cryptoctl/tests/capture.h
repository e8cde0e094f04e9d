/* SPDX-License-Identifier: GPL-2.0 */
/* What the code under test printed on stderr, for exact comparison. */
#ifndef CRYPTOCTL_TESTS_CAPTURE_H
#define CRYPTOCTL_TESTS_CAPTURE_H

#include <stdio.h>
#include <unistd.h>

struct captured {
	FILE *f;
	int saved;
	char text[512];
};

static inline void capture_start(struct captured *c)
{
	fflush(stderr);
	c->f = tmpfile();
	c->saved = dup(STDERR_FILENO);
	dup2(fileno(c->f), STDERR_FILENO);
}

static inline const char *capture_end(struct captured *c)
{
	size_t n;

	fflush(stderr);
	dup2(c->saved, STDERR_FILENO);
	close(c->saved);
	rewind(c->f);
	n = fread(c->text, 1, sizeof(c->text) - 1, c->f);
	c->text[n] = '\0';
	fclose(c->f);
	return c->text;
}

#endif /* CRYPTOCTL_TESTS_CAPTURE_H */
