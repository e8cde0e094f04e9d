/* SPDX-License-Identifier: GPL-2.0 */
/* Whether text is valid JSON, as Python's json.tool judges it. */
#ifndef CRYPTOCTL_TESTS_JSON_CHECK_H
#define CRYPTOCTL_TESTS_JSON_CHECK_H

#include <stdio.h>
#include <sys/wait.h>

/* 0 if @text parses, else json.tool's exit status (127: no python3). */
static inline int json_check(const char *text)
{
	FILE *p = popen("python3 -m json.tool >/dev/null 2>&1", "w");
	int status;

	if (!p)
		return -1;
	fputs(text, p);
	status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#endif /* CRYPTOCTL_TESTS_JSON_CHECK_H */
