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
#include <time.h>
#include <unistd.h>

#include "cmd_flow.h"
#include "cmd_monitor.h"
#include "cmd_sa.h"
#include "cmd_settings.h"
#include "cryptoctl.h"
#include "netlink.h"
#include "parse.h"
#include "print.h"
#include "session_print.h"

/*
 * What follows an event's name.  Each parses, returns -EBADMSG if the event
 * is malformed, and prints only with @print.
 */
static int settings_event(struct nlattr **attrs, bool print)
{
	struct settings s;

	if (settings_parse(attrs[ESPGW_A_SETTINGS], &s) < 0)
		return -EBADMSG;
	if (print) {
		print_text(": ");
		settings_print(&s, " ");
	}
	return 0;
}

/* The SA as the member "sa": its identity, and with @stats its counters. */
static void sa_member(const struct sa *sa, bool stats)
{
	print_open_object("sa");
	sa_print_id(sa);
	if (stats)
		sa_print_stats(sa);
	print_close_object();
}

/* "expire soft: sa out spi ... flow 1 stats packets 5 ..." */
static int expire_event(struct nlattr **attrs, bool print)
{
	struct sa sa;

	if (sa_parse(attrs[ESPGW_A_SA], &sa) < 0)
		return -EBADMSG;
	if (print) {
		print_string("limit", " %s: ", attrs[ESPGW_A_HARD] ? "hard" : "soft");
		sa_member(&sa, true);
	}
	return 0;
}

/* Table changes: the SA's identity when there is one to parse. */
static int sa_event(struct nlattr **attrs, bool print)
{
	struct sa sa;

	if (print && sa_parse(attrs[ESPGW_A_SA], &sa) == 0) {
		print_text(": ");
		sa_member(&sa, false);
	}
	return 0;
}

/* ": flow 1 dev Tunnel0 local ... remote ...", when there is one. */
static int flow_event(struct nlattr **attrs, bool print)
{
	struct flow f;

	if (print && flow_parse(attrs[ESPGW_A_FLOW], &f) == 0) {
		print_text(": ");
		print_open_object("flow");
		flow_print_id(&f);
		print_close_object();
	}
	return 0;
}

/* Traffic for a flow without an outbound SA: the flow must be there. */
static int acquire_event(struct nlattr **attrs, bool print)
{
	struct flow f;

	if (flow_parse(attrs[ESPGW_A_FLOW], &f) < 0)
		return -EBADMSG;
	return flow_event(attrs, print);
}

/*
 * A session went UP or DOWN: the kernel's log line as it is; JSON: the
 * status and the session.
 */
static int session_event(struct nlattr **attrs, bool print)
{
	char line[LOG_LINE_MAX];
	struct session s;
	int ret = session_parse(attrs[ESPGW_A_SESSION], &s);

	if (!ret && print) {
		print_text("%s", session_log_line(&s, line, sizeof(line)));
		print_string("status", NULL, session_status_text(s.status));
		session_print_json("session", &s, (uint64_t)time(NULL), false);
	}
	session_free(&s);
	return ret;
}

/*
 * ": Tunnel0 local A/P remote A/P fvrf F ivrf I connid N...": a session
 * cleared, with the IKE SAs the agent is to delete.
 */
static int clear_session_event(struct nlattr **attrs, bool print)
{
	char dev[IF_NAMESIZE], fvrf[IF_NAMESIZE], ivrf[IF_NAMESIZE];
	char local[ENDPOINT_STRLEN], remote[ENDPOINT_STRLEN];
	struct session s;
	int ret = session_parse(attrs[ESPGW_A_SESSION], &s);
	size_t i;

	if (!ret && print) {
		print_text(": %s local %s remote %s fvrf %s ivrf %s",
			   session_ifname(&s, dev),
			   endpoint_str(&s.local, s.local_port, local, sizeof(local)),
			   endpoint_str(&s.remote, s.remote_port, remote, sizeof(remote)),
			   session_fvrf(&s, fvrf) ?: "(none)",
			   session_ivrf(&s, ivrf) ?: "(none)");
		for (i = 0; i < s.n_ike_sas; i++)
			print_text(" connid %u", s.ike_sas[i].connid);
		session_print_json("session", &s, (uint64_t)time(NULL), true);
	}
	session_free(&s);
	return ret;
}

static const struct event {
	uint8_t cmd;
	const char *name, *key;		/* in text (NULL: none), in JSON */
	int (*fn)(struct nlattr **attrs, bool print);
} events[] = {
	{ ESPGW_CMD_SET_SETTINGS, "settings", "settings", settings_event },
	{ ESPGW_CMD_EXPIRE, "expire", "expire", expire_event },
	{ ESPGW_CMD_ACQUIRE, "acquire", "acquire", acquire_event },
	{ ESPGW_CMD_CLEAR_COUNTERS, "clear-counters", "clear_counters", NULL },
	{ ESPGW_CMD_NEW_SA, "new-sa", "new_sa", sa_event },
	{ ESPGW_CMD_DEL_SA, "del-sa", "del_sa", sa_event },
	{ ESPGW_CMD_NEW_FLOW, "new-flow", "new_flow", flow_event },
	{ ESPGW_CMD_DEL_FLOW, "del-flow", "del_flow", flow_event },
	{ ESPGW_CMD_SESSION, NULL, "session", session_event },
	{ ESPGW_CMD_CLEAR_SESSION, "clear-session", "clear-session",
	  clear_session_event },
};

static const struct event *find_event(uint8_t cmd)
{
	size_t i;

	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		if (events[i].cmd == cmd)
			return &events[i];
	return NULL;
}

int monitor_print_event(uint8_t cmd, struct nlattr **attrs, void *arg)
{
	const struct event *e = find_event(cmd);
	struct monitor *m = arg;

	/* Check first: a malformed event prints nothing. */
	if (e && e->fn && e->fn(attrs, false) < 0)
		return -EBADMSG;

	print_open_object(NULL);
	if (e) {
		if (e->name)
			print_text("%s", e->name);
		print_string("event", NULL, e->key);
		if (e->fn)
			e->fn(attrs, true);
	} else {
		print_string("event", "%s event", "unknown");
		print_uint("cmd", " %llu", cmd);
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
		ret = espgw_nl_listen(&nl, monitor_print_event, &m, fd);
		espgw_nl_close(&nl);
		if (ret == -ENOENT)
			fprintf(stderr, "cryptoctl: espgw module unloaded\n");
	}
	signals_restore(fd, &old);
	return ret < 0 ? EXIT_RUNTIME : EXIT_OK;
}
