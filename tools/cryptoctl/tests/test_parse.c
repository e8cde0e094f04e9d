// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line values: exact ranges, and for every refusal the one line that
 * names the bad word, with the value left alone.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "capture.h"
#include "kselftest_harness.h"
#include "leaks.h"
#include "parse.h"

static const struct u32_case {
	const char *arg;
	uint32_t min, max;
	int ret;
	uint32_t value;		/* stored on success */
	const char *err;	/* printed on failure */
} u32_cases[] = {
	{ "1", 1, 1000, 0, 1, "" },
	{ "1000", 1, 1000, 0, 1000, "" },
	{ "0042", 1, 1000, 0, 42, "" },
	{ "4294967295", 0, UINT32_MAX, 0, UINT32_MAX, "" },
	{ "0", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '0' is out of range (1..1000)\n" },
	{ "1001", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '1001' is out of range (1..1000)\n" },
	{ "4294967296", 0, UINT32_MAX, -1, 0,
	  "cryptoctl: acquire-rate: '4294967296' is out of range (0..4294967295)\n" },
	{ "99999999999999999999999", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '99999999999999999999999' is out of range (1..1000)\n" },
	{ "-1", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '-1' is not a number (1..1000)\n" },
	{ "+5", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '+5' is not a number (1..1000)\n" },
	{ " 5", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: ' 5' is not a number (1..1000)\n" },
	{ "5x", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '5x' is not a number (1..1000)\n" },
	{ "0x10", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '0x10' is not a number (1..1000)\n" },
	{ "ten", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: 'ten' is not a number (1..1000)\n" },
	{ "", 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate: '' is not a number (1..1000)\n" },
	{ NULL, 1, 1000, -1, 0,
	  "cryptoctl: acquire-rate needs a value (1..1000)\n" },
};

TEST(u32_range)
{
	const struct u32_case *t;
	struct captured c;
	uint32_t v;
	int ret;

	for (t = u32_cases; t < u32_cases + ARRAY_SIZE(u32_cases); t++) {
		v = 77;
		capture_start(&c);
		ret = parse_u32_range("acquire-rate", t->arg, t->min, t->max, &v);
		capture_end(&c);
		EXPECT_EQ(t->ret, ret) TH_LOG("'%s'", t->arg);
		EXPECT_EQ(t->ret ? 77 : t->value, v) TH_LOG("'%s'", t->arg);
		EXPECT_STREQ(t->err, c.text);
	}
	EXPECT_NO_LEAKS();
}

static const struct on_off_case {
	const char *arg;
	int ret;
	bool value;
	const char *err;
} on_off_cases[] = {
	{ "on", 0, true, "" },
	{ "off", 0, false, "" },
	{ "ON", -1, false, "cryptoctl: session-log: 'ON' is not 'on' or 'off'\n" },
	{ "1", -1, false, "cryptoctl: session-log: '1' is not 'on' or 'off'\n" },
	{ "onn", -1, false, "cryptoctl: session-log: 'onn' is not 'on' or 'off'\n" },
	{ "", -1, false, "cryptoctl: session-log: '' is not 'on' or 'off'\n" },
	{ NULL, -1, false, "cryptoctl: session-log needs a value (on or off)\n" },
};

TEST(on_off)
{
	const struct on_off_case *t;
	struct captured c;
	bool start, b;
	int ret, i;

	for (t = on_off_cases; t < on_off_cases + ARRAY_SIZE(on_off_cases); t++) {
		/* From both starting values: a refusal must leave either alone. */
		for (i = 0; i < 2; i++) {
			start = i;
			b = start;
			capture_start(&c);
			ret = parse_on_off("session-log", t->arg, &b);
			capture_end(&c);
			EXPECT_EQ(t->ret, ret) TH_LOG("'%s'", t->arg);
			EXPECT_EQ(t->ret ? start : t->value, b)
				TH_LOG("'%s' from %d", t->arg, start);
			EXPECT_STREQ(t->err, c.text);
		}
	}
	EXPECT_NO_LEAKS();
}

static const struct num_case {
	const char *arg;
	int ret;
	uint64_t value;
	const char *err;
} spi_cases[] = {
	{ "256", 0, 256, "" },
	{ "0x100", 0, 256, "" },
	{ "0X1000", 0, 4096, "" },
	{ "0x00001000", 0, 4096, "" },
	{ "0xdeadBEEF", 0, 0xdeadbeef, "" },
	{ "4294967295", 0, UINT32_MAX, "" },
	{ "0xffffffff", 0, UINT32_MAX, "" },
	{ "255", -1, 0, "cryptoctl: spi: '255' is out of range (256..4294967295)\n" },
	{ "0xff", -1, 0, "cryptoctl: spi: '0xff' is out of range (256..4294967295)\n" },
	{ "0x100000000", -1, 0,
	  "cryptoctl: spi: '0x100000000' is out of range (256..4294967295)\n" },
	{ "4294967296", -1, 0,
	  "cryptoctl: spi: '4294967296' is out of range (256..4294967295)\n" },
	{ "0x", -1, 0, "cryptoctl: spi: '0x' is not a number (256..4294967295)\n" },
	{ "0xg00", -1, 0, "cryptoctl: spi: '0xg00' is not a number (256..4294967295)\n" },
	{ "0x-100", -1, 0, "cryptoctl: spi: '0x-100' is not a number (256..4294967295)\n" },
	{ "0x 100", -1, 0, "cryptoctl: spi: '0x 100' is not a number (256..4294967295)\n" },
	{ "1000h", -1, 0, "cryptoctl: spi: '1000h' is not a number (256..4294967295)\n" },
	{ "-4096", -1, 0, "cryptoctl: spi: '-4096' is not a number (256..4294967295)\n" },
	{ "", -1, 0, "cryptoctl: spi: '' is not a number (256..4294967295)\n" },
	{ NULL, -1, 0, "cryptoctl: spi needs a value (256..4294967295)\n" },
};

/* The parsers of numbers, all giving a uint64_t. */
typedef int (*num_parser)(const char *what, const char *arg, uint64_t *out);

static int spi64(const char *what, const char *arg, uint64_t *out)
{
	uint32_t v = 77;
	int ret = parse_spi(what, arg, &v);

	*out = v;
	return ret;
}

static int proto64(const char *what, const char *arg, uint64_t *out)
{
	uint8_t v = 77;
	int ret = parse_proto(what, arg, &v);

	*out = v;
	return ret;
}

/* Each case through @parse: its result, its value (77: untouched), its line. */
static void num_cases(struct __test_metadata *_metadata, const char *what,
		      num_parser parse, const struct num_case *t, size_t n)
{
	const struct num_case *end = t + n;
	struct captured c;
	uint64_t v;
	int ret;

	for (; t < end; t++) {
		v = 77;
		capture_start(&c);
		ret = parse(what, t->arg, &v);
		capture_end(&c);
		EXPECT_EQ(t->ret, ret) TH_LOG("'%s'", t->arg);
		EXPECT_EQ(t->ret ? 77 : t->value, v) TH_LOG("'%s'", t->arg);
		EXPECT_STREQ(t->err, c.text);
	}
}

TEST(spi)
{
	num_cases(_metadata, "spi", spi64, spi_cases, ARRAY_SIZE(spi_cases));
	EXPECT_NO_LEAKS();
}

static const struct num_case u64_cases[] = {
	{ "0", 0, 0, "" },
	{ "18446744073709551615", 0, UINT64_MAX, "" },
	{ "18446744073709551616", -1, 0,
	  "cryptoctl: soft bytes: '18446744073709551616' is out of range (0..18446744073709551615)\n" },
	{ "0x10", -1, 0,
	  "cryptoctl: soft bytes: '0x10' is not a number (0..18446744073709551615)\n" },
	{ "1e6", -1, 0,
	  "cryptoctl: soft bytes: '1e6' is not a number (0..18446744073709551615)\n" },
	{ NULL, -1, 0,
	  "cryptoctl: soft bytes needs a value (0..18446744073709551615)\n" },
};

TEST(u64)
{
	num_cases(_metadata, "soft bytes", parse_u64, u64_cases, ARRAY_SIZE(u64_cases));
	EXPECT_NO_LEAKS();
}

static const struct addr_case {
	const char *arg;
	int ret, family;
	const char *text;	/* as addr_str() gives it back */
	const char *err;
} addr_cases[] = {
	{ "10.0.0.1", 0, AF_INET, "10.0.0.1", "" },
	{ "2001:db8::1", 0, AF_INET6, "2001:db8::1", "" },
	{ "2001:DB8:0:0::1", 0, AF_INET6, "2001:db8::1", "" },
	{ "::ffff:10.0.0.1", 0, AF_INET6, "::ffff:10.0.0.1", "" },
	{ "10.0.0.256", -1, 0, NULL,
	  "cryptoctl: local: '10.0.0.256' is not an IPv4 or IPv6 address\n" },
	{ "10.0.0", -1, 0, NULL,
	  "cryptoctl: local: '10.0.0' is not an IPv4 or IPv6 address\n" },
	{ "10.0.0.1/32", -1, 0, NULL,
	  "cryptoctl: local: '10.0.0.1/32' is not an IPv4 or IPv6 address\n" },
	{ "host.example", -1, 0, NULL,
	  "cryptoctl: local: 'host.example' is not an IPv4 or IPv6 address\n" },
	{ "", -1, 0, NULL, "cryptoctl: local: '' is not an IPv4 or IPv6 address\n" },
	{ NULL, -1, 0, NULL, "cryptoctl: local needs an address\n" },
};

TEST(addr)
{
	const struct addr_case *t;
	char buf[ADDR_STRLEN];
	struct captured c;
	struct ip_addr a;
	int ret;

	for (t = addr_cases; t < addr_cases + ARRAY_SIZE(addr_cases); t++) {
		memset(&a, 0x5a, sizeof(a));
		capture_start(&c);
		ret = parse_addr("local", t->arg, &a);
		capture_end(&c);
		EXPECT_EQ(t->ret, ret) TH_LOG("'%s'", t->arg);
		EXPECT_STREQ(t->err, c.text);
		if (t->ret) {
			EXPECT_EQ(0x5a5a5a5a, a.family) TH_LOG("'%s' changed", t->arg);
			continue;
		}
		EXPECT_EQ(t->family, a.family);
		EXPECT_STREQ(t->text, addr_str(&a, buf, sizeof(buf)));
	}
	EXPECT_NO_LEAKS();
}

TEST(addr_from_bytes)
{
	static const uint8_t v4[4] = { 192, 0, 2, 1 };
	char buf[ADDR_STRLEN];
	struct ip_addr a = { 0 };

	EXPECT_STREQ("", addr_str(&a, buf, sizeof(buf)));
	EXPECT_EQ(0, addr_set(&a, v4, 4));
	EXPECT_EQ(AF_INET, a.family);
	EXPECT_STREQ("192.0.2.1", addr_str(&a, buf, sizeof(buf)));
	EXPECT_EQ(-1, addr_set(&a, v4, 3));
	EXPECT_EQ(-1, addr_set(&a, v4, 0));
	EXPECT_EQ(AF_INET, a.family);
	EXPECT_EQ(4, addr_len(AF_INET));
	EXPECT_EQ(16, addr_len(AF_INET6));
	EXPECT_EQ(0, addr_len(0));
}

static const struct prefix_case {
	const char *arg;
	int ret, family, len;
	const char *text;	/* as prefix_str() gives it back */
	const char *err;
} prefix_cases[] = {
	{ "10.0.0.0/24", 0, AF_INET, 24, "10.0.0.0/24", "" },
	{ "10.0.0.1", 0, AF_INET, 32, "10.0.0.1/32", "" },
	{ "10.0.0.1/32", 0, AF_INET, 32, "10.0.0.1/32", "" },
	{ "10.0.0.128/25", 0, AF_INET, 25, "10.0.0.128/25", "" },
	{ "0.0.0.0/0", 0, AF_INET, 0, "0.0.0.0/0", "" },
	{ "2001:db8::/32", 0, AF_INET6, 32, "2001:db8::/32", "" },
	{ "2001:db8::1", 0, AF_INET6, 128, "2001:db8::1/128", "" },
	{ "::/0", 0, AF_INET6, 0, "::/0", "" },
	{ "10.0.0.0/33", -1, 0, 0, NULL,
	  "cryptoctl: local: prefix 10.0.0.0/33 does not parse: length above 32\n" },
	{ "2001:db8::/129", -1, 0, 0, NULL,
	  "cryptoctl: local: prefix 2001:db8::/129 does not parse: length above 128\n" },
	{ "10.0.0.1/24", -1, 0, 0, NULL,
	  "cryptoctl: local: prefix 10.0.0.1/24 does not parse: address bits set after the first 24\n" },
	{ "10.0.0.64/25", -1, 0, 0, NULL,
	  "cryptoctl: local: prefix 10.0.0.64/25 does not parse: address bits set after the first 25\n" },
	{ "10.0.0.0/0", -1, 0, 0, NULL,
	  "cryptoctl: local: prefix 10.0.0.0/0 does not parse: address bits set after the first 0\n" },
	{ "2001:db8::1/64", -1, 0, 0, NULL,
	  "cryptoctl: local: prefix 2001:db8::1/64 does not parse: address bits set after the first 64\n" },
	{ "10.0.0.0/", -1, 0, 0, NULL,
	  "cryptoctl: local: prefix 10.0.0.0/ does not parse: length is not a number\n" },
	{ "10.0.0.0/2a", -1, 0, 0, NULL,
	  "cryptoctl: local: prefix 10.0.0.0/2a does not parse: length is not a number\n" },
	{ "10.0.0.0/-1", -1, 0, 0, NULL,
	  "cryptoctl: local: prefix 10.0.0.0/-1 does not parse: length is not a number\n" },
	{ "10.0.0.0/24/8", -1, 0, 0, NULL,
	  "cryptoctl: local: prefix 10.0.0.0/24/8 does not parse: length is not a number\n" },
	{ "10.0.0.0/99999999999999999999", -1, 0, 0, NULL,
	  "cryptoctl: local: prefix 10.0.0.0/99999999999999999999 does not parse: length is not a number\n" },
	{ "10.0.0/24", -1, 0, 0, NULL,
	  "cryptoctl: local: prefix 10.0.0/24 does not parse: not an IPv4 or IPv6 address\n" },
	{ "/24", -1, 0, 0, NULL,
	  "cryptoctl: local: prefix /24 does not parse: not an IPv4 or IPv6 address\n" },
	{ "", -1, 0, 0, NULL,
	  "cryptoctl: local: prefix  does not parse: not an IPv4 or IPv6 address\n" },
	{ "1111:2222:3333:4444:5555:6666:7777:8888:9999:aaaa:bbbb/128", -1, 0, 0, NULL,
	  "cryptoctl: local: prefix 1111:2222:3333:4444:5555:6666:7777:8888:9999:aaaa:bbbb/128 does not parse: too long\n" },
	{ NULL, -1, 0, 0, NULL,
	  "cryptoctl: local needs a prefix (ADDR or ADDR/LEN)\n" },
};

TEST(prefix)
{
	const struct prefix_case *t;
	char buf[PREFIX_STRLEN];
	struct ip_prefix p;
	struct captured c;
	int ret;

	for (t = prefix_cases; t < prefix_cases + ARRAY_SIZE(prefix_cases); t++) {
		memset(&p, 0x5a, sizeof(p));
		capture_start(&c);
		ret = parse_prefix("local", t->arg, &p);
		capture_end(&c);
		EXPECT_EQ(t->ret, ret) TH_LOG("'%s'", t->arg);
		EXPECT_STREQ(t->err, c.text);
		if (t->ret) {
			EXPECT_EQ(0x5a, p.len) TH_LOG("'%s' changed", t->arg);
			continue;
		}
		EXPECT_EQ(t->family, p.addr.family) TH_LOG("'%s'", t->arg);
		EXPECT_EQ(t->len, p.len) TH_LOG("'%s'", t->arg);
		EXPECT_STREQ(t->text, prefix_str(&p, buf, sizeof(buf)));
	}
	EXPECT_NO_LEAKS();
}

#define NOT_PROTO(w) "cryptoctl: proto: '" w "' is not a protocol: give 0..255 " \
	"or one of any, icmp, tcp, udp, gre, esp, ipv6-icmp, sctp, udplite\n"

static const struct num_case proto_cases[] = {
	{ "any", 0, 0, "" },
	{ "icmp", 0, 1, "" },
	{ "tcp", 0, 6, "" },
	{ "udp", 0, 17, "" },
	{ "gre", 0, 47, "" },
	{ "esp", 0, 50, "" },
	{ "ipv6-icmp", 0, 58, "" },
	{ "sctp", 0, 132, "" },
	{ "udplite", 0, 136, "" },
	{ "0", 0, 0, "" },
	{ "6", 0, 6, "" },
	{ "255", 0, 255, "" },
	{ "256", -1, 0, "cryptoctl: proto: '256' is out of range (0..255)\n" },
	{ "6x", -1, 0, "cryptoctl: proto: '6x' is not a number (0..255)\n" },
	{ "TCP", -1, 0, NOT_PROTO("TCP") },
	{ "icmpv6", -1, 0, NOT_PROTO("icmpv6") },
	{ "-1", -1, 0, NOT_PROTO("-1") },
	{ "", -1, 0, NOT_PROTO("") },
	{ NULL, -1, 0, "cryptoctl: proto needs a value (a protocol name or 0..255)\n" },
};

TEST(proto)
{
	num_cases(_metadata, "proto", proto64, proto_cases, ARRAY_SIZE(proto_cases));
	EXPECT_NO_LEAKS();
}

/* Every name parses back to its number; ports only where they exist. */
TEST(proto_names)
{
	const char *name;
	unsigned int p;
	uint8_t v;

	for (p = 0; p < 256; p++) {
		name = proto_name(p);
		EXPECT_EQ(p == 6 || p == 17 || p == 132 || p == 136, proto_has_ports(p));
		if (!name)
			continue;
		ASSERT_EQ(0, parse_proto("proto", name, &v));
		EXPECT_EQ(p, v) TH_LOG("%s", name);
	}
	EXPECT_STREQ("any", proto_name(0));
	EXPECT_STREQ("ipv6-icmp", proto_name(58));
	EXPECT_EQ(NULL, proto_name(4));
}

TEST_HARNESS_MAIN
