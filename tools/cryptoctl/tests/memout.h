/* SPDX-License-Identifier: GPL-2.0 */
/* Output into memory, for comparing what the print layer wrote. */
#ifndef CRYPTOCTL_TESTS_MEMOUT_H
#define CRYPTOCTL_TESTS_MEMOUT_H

#include <stdio.h>
#include <stdlib.h>

struct memout {
	char *buf;
	size_t len;
	FILE *f;
};

/* The stream to print into, or NULL. */
static inline FILE *memout_open(struct memout *m)
{
	m->buf = NULL;
	m->f = open_memstream(&m->buf, &m->len);
	return m->f;
}

/* Everything printed: the stream is closed. */
static inline const char *memout_text(struct memout *m)
{
	if (m->f)
		fclose(m->f);
	m->f = NULL;
	return m->buf ? m->buf : "";
}

static inline void memout_free(struct memout *m)
{
	memout_text(m);
	free(m->buf);
	m->buf = NULL;
}

#endif /* CRYPTOCTL_TESTS_MEMOUT_H */
