/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers for tables. */
#ifndef CRYPTOCTL_UTIL_H
#define CRYPTOCTL_UTIL_H

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/*
 * The @member of @table's entry @i (a table indexed by an enum), or @dflt
 * when @i is past its end or the entry has none.
 */
#define TABLE_ENTRY(table, i, member, dflt) \
	((i) < ARRAY_SIZE(table) && (table)[i].member ? (table)[i].member : (dflt))

#endif /* CRYPTOCTL_UTIL_H */
