/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CRYPTOCTL_CMD_SETTINGS_H
#define CRYPTOCTL_CMD_SETTINGS_H

#include <netlink/attr.h>
#include <stdbool.h>
#include <stdint.h>

/* An ESPGW_A_SETTINGS nest, as GET replies and SET events carry it. */
struct settings {
	uint32_t acquire_rate;
	bool session_log;
};

/* Returns 0, or -EBADMSG if @nest is missing, malformed or incomplete. */
int settings_parse(struct nlattr *nest, struct settings *s);
/* The members, @sep between them in text ("acquire-rate 10" @sep ...). */
void settings_print(const struct settings *s, const char *sep);

#endif /* CRYPTOCTL_CMD_SETTINGS_H */
