/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Crypto sessions in Cisco's forms (show crypto session, its detail, brief
 * and summary forms, the %CRYPTO-5-SESSION_STATUS line) and as JSON.  Times
 * are given as @now, seconds since the epoch, so that output is
 * reproducible.
 */
#ifndef CRYPTOCTL_SESSION_PRINT_H
#define CRYPTOCTL_SESSION_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include "session.h"

enum session_form {
	FORM_PLAIN,		/* show crypto session */
	FORM_DETAIL,		/* ... detail */
	FORM_BRIEF,		/* ... brief */
	FORM_SUMMARY,		/* ... summary */
};

/*
 * The @n sessions @v in @form: text as Cisco lays it out, or JSON (an
 * array of session objects; the summary's counts object for
 * FORM_SUMMARY).
 */
void sessions_print(const struct session *const *v, size_t n,
		    enum session_form form, uint64_t now);

/*
 * JSON only: session @s as the object @key (NULL in an array), with its
 * IKE SAs and flows when @lists.
 */
void session_print_json(const char *key, const struct session *s,
			uint64_t now, bool lists);

/*
 * "%CRYPTO-5-SESSION_STATUS: Crypto session is UP. Peer 10.6.6.1:500
 * fvrf=name10 ivrf=name20 Description: SJC24-2-VPN-Gateway Id: 10.5.5.2"
 * into @buf, as the kernel logs it; returns @buf.
 */
#define LOG_LINE_MAX	(600 + 4 * 80 + 256)
const char *session_log_line(const struct session *s, char *buf, size_t len);

#endif /* CRYPTOCTL_SESSION_PRINT_H */
