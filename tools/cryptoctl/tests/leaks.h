/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The harness runs each test in a child that leaves with _exit(), where
 * LeakSanitizer never looks: a test that must not leak asks it directly.
 */
#ifndef CRYPTOCTL_TESTS_LEAKS_H
#define CRYPTOCTL_TESTS_LEAKS_H

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#define EXPECT_NO_LEAKS() EXPECT_EQ(0, __lsan_do_recoverable_leak_check())
#else
#define EXPECT_NO_LEAKS() do { } while (0)
#endif

#endif /* CRYPTOCTL_TESTS_LEAKS_H */
