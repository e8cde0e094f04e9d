/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ESPGW_VERSION_H
#define _ESPGW_VERSION_H

#define ESPGW_VERSION "0.1.0"

#endif /* _ESPGW_VERSION_H */
