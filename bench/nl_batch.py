#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Adds many espgw flows or SAs from one process, for bench/inside.sh's
memory figure: one cryptoctl per object costs ~0.3 s under TCG.  Each
request carries the attributes `cryptoctl flow add` / `cryptoctl sa add`
would send (include/uapi/linux/espgw.h), so the kernel builds the same
objects.  Run it in the target network namespace.

  nl_batch.py flows TUNNEL FIRST_ID COUNT
      flow FIRST_ID+i: local 10.(i/256).(i%256).0/24, remote 11.x.y.0/24
  nl_batch.py sas KEYHEX FIRST_SPI COUNT FIRST_FLOW
      outbound SA FIRST_SPI+i, 192.0.2.1 -> 192.0.2.2,
      rfc4106(gcm(aes)), flow FIRST_FLOW+i
  nl_batch.py sessions TUNNEL FIRST COUNT
      a crypto session each (selftests/espgw_sessions.sh): IKE SA record
      connid FIRST+i, established, 192.0.2.1 -> 100.64.x.y, and flow
      FIRST+i (10.x.y.0/24 -> 11.x.y.0/24) with that peer
  nl_batch.py owned-ike TUNNEL CONNID LOCAL REMOTE
      an established IKE SA record owned by this process's socket, as
      the IKE agent writes them; prints "added", holds the socket until
      stdin ends, then exits (the kernel then removes the record)
"""
import os
import socket
import struct
import sys

NETLINK_GENERIC = 16
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLM_F_REQUEST = 1
NLM_F_ACK = 4
NLMSG_ERROR = 2
NLA_F_NESTED = 0x8000

ESPGW_CMD_NEW_SA = 4
ESPGW_CMD_NEW_FLOW = 7
ESPGW_CMD_NEW_IKE_SA = 17
ESPGW_A_IKE_SA = 12
IKE_CONNID, IKE_IFINDEX, IKE_LOCAL, IKE_REMOTE, IKE_STATE = 2, 3, 4, 5, 8
IKE_OWNED = 17
IKE_ESTABLISHED = 2
FLOW_PEER = 17
ESPGW_A_SA = 6
ESPGW_A_FLOW = 8
SA_SPI, SA_DIR, SA_LOCAL, SA_REMOTE, SA_ALG, SA_KEY = 2, 3, 4, 5, 6, 7
SA_FLOW_ID = 17
DIR_OUT = 2
FLOW_ID, FLOW_IFINDEX, FLOW_LPFX, FLOW_LPLEN, FLOW_RPFX, FLOW_RPLEN = 2, 3, 4, 5, 6, 7


def attr(kind, payload):
    n = 4 + len(payload)
    return struct.pack("=HH", n, kind) + payload + b"\0" * ((4 - n % 4) % 4)


def u8(kind, v):
    return attr(kind, struct.pack("=B", v))


def u32(kind, v):
    return attr(kind, struct.pack("=I", v))


def nest(kind, *attrs):
    return attr(kind | NLA_F_NESTED, b"".join(attrs))


class Genl:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
        self.sock.bind((0, 0))
        self.seq = 0

    def request(self, family, cmd, payload):
        """Sends one request and waits for its ack; returns the reply data."""
        self.seq += 1
        body = struct.pack("=BBH", cmd, 1, 0) + payload
        self.sock.send(struct.pack("=IHHII", 16 + len(body), family,
                                   NLM_F_REQUEST | NLM_F_ACK, self.seq, 0) + body)
        data = b""
        while True:
            msg = self.sock.recv(65536)
            off = 0
            while off < len(msg):
                n, kind, _, seq, _ = struct.unpack_from("=IHHII", msg, off)
                if kind == NLMSG_ERROR and seq == self.seq:
                    err = struct.unpack_from("=i", msg, off + 16)[0]
                    if err:
                        raise OSError(-err, os.strerror(-err))
                    return data
                data += msg[off + 20:off + n]
                off += (n + 3) & ~3

    def family(self, name):
        data = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                            attr(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0"))
        off = 0
        while off < len(data):
            n, kind = struct.unpack_from("=HH", data, off)
            if kind == CTRL_ATTR_FAMILY_ID:
                return struct.unpack_from("=H", data, off + 4)[0]
            off += (n + 3) & ~3
        raise OSError("no family id for " + name)


def net24(first, i):
    return bytes([first, i // 256 % 256, i % 256, 0])


def batch(nl, fam, cmd, count, build):
    """Sends COUNT requests, BATCH to a send() (netlink handles every
    message of a buffer in turn), then reads their acks."""
    done = 0
    while done < count:
        n = min(BATCH, count - done)
        buf = bytearray()
        for i in range(done, done + n):
            nl.seq += 1
            body = struct.pack("=BBH", cmd, 1, 0) + build(i)
            buf += struct.pack("=IHHII", 16 + len(body), fam,
                               NLM_F_REQUEST | NLM_F_ACK, nl.seq, 0) + body
        nl.sock.send(buf)
        acks = 0
        while acks < n:
            msg = nl.sock.recv(1 << 20)
            off = 0
            while off < len(msg):
                length, kind = struct.unpack_from("=IH", msg, off)
                if kind == NLMSG_ERROR:
                    err = struct.unpack_from("=i", msg, off + 16)[0]
                    if err:
                        raise OSError(-err, os.strerror(-err))
                    acks += 1
                off += (length + 3) & ~3
        done += n


BATCH = 64


def main():
    nl = Genl()
    nl.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
    fam = nl.family("espgw")
    what = sys.argv[1]
    if what == "flows":
        ifindex = socket.if_nametoindex(sys.argv[2])
        first, count = int(sys.argv[3], 0), int(sys.argv[4], 0)
        fixed = u32(FLOW_IFINDEX, ifindex)
        batch(nl, fam, ESPGW_CMD_NEW_FLOW, count, lambda i: nest(
            ESPGW_A_FLOW, u32(FLOW_ID, first + i), fixed,
            attr(FLOW_LPFX, net24(10, i)), u8(FLOW_LPLEN, 24),
            attr(FLOW_RPFX, net24(11, i)), u8(FLOW_RPLEN, 24)))
    elif what == "sas":
        key = bytes.fromhex(sys.argv[2])
        first, count, flow = (int(a, 0) for a in sys.argv[3:6])
        fixed = (u8(SA_DIR, DIR_OUT) +
                 attr(SA_LOCAL, socket.inet_aton("192.0.2.1")) +
                 attr(SA_REMOTE, socket.inet_aton("192.0.2.2")) +
                 attr(SA_ALG, b"rfc4106(gcm(aes))\0") + attr(SA_KEY, key))
        batch(nl, fam, ESPGW_CMD_NEW_SA, count, lambda i: nest(
            ESPGW_A_SA, u32(SA_SPI, first + i), fixed, u32(SA_FLOW_ID, flow + i)))
    elif what == "sessions":
        ifindex = socket.if_nametoindex(sys.argv[2])
        first, count = int(sys.argv[3], 0), int(sys.argv[4], 0)

        def peer(i):
            return bytes([100, 64 + i // 65536, i // 256 % 256, i % 256])
        batch(nl, fam, ESPGW_CMD_NEW_IKE_SA, count, lambda i: nest(
            ESPGW_A_IKE_SA, u32(IKE_CONNID, first + i), u32(IKE_IFINDEX, ifindex),
            attr(IKE_LOCAL, socket.inet_aton("192.0.2.1")), attr(IKE_REMOTE, peer(i)),
            u8(IKE_STATE, IKE_ESTABLISHED)))
        batch(nl, fam, ESPGW_CMD_NEW_FLOW, count, lambda i: nest(
            ESPGW_A_FLOW, u32(FLOW_ID, first + i), u32(FLOW_IFINDEX, ifindex),
            attr(FLOW_LPFX, net24(10, i)), u8(FLOW_LPLEN, 24),
            attr(FLOW_RPFX, net24(11, i)), u8(FLOW_RPLEN, 24), attr(FLOW_PEER, peer(i))))
    elif what == "owned-ike":
        ifindex = socket.if_nametoindex(sys.argv[2])
        nl.request(fam, ESPGW_CMD_NEW_IKE_SA, nest(
            ESPGW_A_IKE_SA, u32(IKE_CONNID, int(sys.argv[3], 0)), u32(IKE_IFINDEX, ifindex),
            attr(IKE_LOCAL, socket.inet_aton(sys.argv[4])),
            attr(IKE_REMOTE, socket.inet_aton(sys.argv[5])),
            u8(IKE_STATE, IKE_ESTABLISHED), attr(IKE_OWNED, b"")))
        print("added", flush=True)
        sys.stdin.read()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
