/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CRYPTOCTL_SETTINGS_H
#define CRYPTOCTL_SETTINGS_H

#include <netlink/attr.h>

/* Prints an ESPGW_A_SETTINGS nest's members; @sep goes between them in
 * text.  Returns 0 or -EBADMSG.
 */
int settings_print(struct nlattr *nest, const char *sep);

#endif /* CRYPTOCTL_SETTINGS_H */
