// SPDX-License-Identifier: GPL-2.0
/*
 * cryptoctl monitor [-j] [-c COUNT]: espgw events as they happen, one line
 * each, in text or as JSON lines.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "cmd_settings.h"
#include "cryptoctl.h"
#include "netlink.h"
#include "parse.h"
#include "print.h"

struct monitor {
	uint32_t count;		/* events to print; 0: no limit */
	uint32_t printed;
};

static int print_event(uint8_t cmd, struct nlattr **attrs, void *arg)
{
	struct monitor *m = arg;
	struct settings s;

	/* Check first: a malformed event prints nothing. */
	if (cmd == ESPGW_CMD_SET_SETTINGS &&
	    settings_parse(attrs[ESPGW_A_SETTINGS], &s) < 0)
		return -EBADMSG;

	print_open_object(NULL);
	switch (cmd) {
	case ESPGW_CMD_SET_SETTINGS:
		print_string("event", "%s: ", "settings");
		settings_print(&s, " ");
		break;
	default:
		print_string("event", "%s event", "unknown");
		print_uint("cmd", " %llu", cmd);
		break;
	}
	print_nl();
	print_close_object();
	print_flush();

	m->printed++;
	return m->count && m->printed >= m->count;
}

/*
 * SIGINT and SIGTERM become readable on a signalfd, so that the listener's
 * poll() sees them with no race and no global flag.
 */
static int signals_to_fd(sigset_t *old)
{
	sigset_t set;
	int fd;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &set, old) < 0)
		return -1;
	fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (fd < 0)
		sigprocmask(SIG_SETMASK, old, NULL);
	return fd;
}

/*
 * Takes the signals that stopped us off the queue before unblocking them:
 * left pending, they would be delivered and kill us on the way out.
 */
static void signals_restore(int fd, const sigset_t *old)
{
	struct signalfd_siginfo si;

	while (read(fd, &si, sizeof(si)) == sizeof(si))
		;
	close(fd);
	sigprocmask(SIG_SETMASK, old, NULL);
}

int cmd_monitor(int argc, char **argv)
{
	struct monitor m = { 0 };
	bool json = print_is_json();
	struct espgw_nl nl;
	sigset_t old;
	int i, fd, ret;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-c")) {
			if (parse_u32_range("monitor -c", argv[++i], 1, UINT32_MAX, &m.count) < 0)
				return EXIT_USAGE;
		} else if (!strcmp(argv[i], "-j") || !strcmp(argv[i], "--json")) {
			json = true;
		} else {
			return usage_error(argv[0], "unexpected argument '%s'", argv[i]);
		}
	}
	/* JSON lines: one compact object per event, -p or not. */
	print_init(stdout, json, false);

	fd = signals_to_fd(&old);
	if (fd < 0) {
		fprintf(stderr, "cryptoctl: signalfd: %s\n", strerror(errno));
		return EXIT_RUNTIME;
	}
	ret = espgw_nl_open(&nl);
	if (ret == 0) {
		ret = espgw_nl_listen(&nl, print_event, &m, fd);
		espgw_nl_close(&nl);
		if (ret == -ENOENT)
			fprintf(stderr, "cryptoctl: espgw module unloaded\n");
	}
	signals_restore(fd, &old);
	return ret < 0 ? EXIT_RUNTIME : EXIT_OK;
}
