# SPDX-License-Identifier: GPL-2.0
"""Ethernet frames with ESP for espgw's drop tests: pick one from a capture,
change it, send it again.

  python3 esp_frames.py pick PCAP SPI OUT      first frame carrying ESP with SPI
  python3 esp_frames.py send IFACE FRAME [ACTION...]
      ACTION: flip-icv       flip a bit of the last byte (the ICV)
              spi=N          another SPI
              truncate=N     keep N bytes of ESP (IP length fixed up)
  python3 esp_frames.py too-big SRC DST SPI MTU [udp]
      ICMP "fragmentation needed" (ICMPv6 "packet too big") with MTU, sent to
      SRC about an ESP packet (SPI) that SRC sent to DST, in UDP from port
      4500 to 4500 with "udp"; run where DST is.
"""
import socket
import struct
import sys

ETH = 14


def ip_info(frame):
    """(ip offset, version, ESP offset, UDP-encapsulated) or None."""
    etype = struct.unpack("!H", frame[12:14])[0]
    if etype == 0x0800:
        ihl = (frame[ETH] & 0xF) * 4
        proto, off = frame[ETH + 9], ETH + ihl
        version = 4
    elif etype == 0x86DD:
        proto, off = frame[ETH + 6], ETH + 40
        version = 6
    else:
        return None
    if proto == 50:
        return ETH, version, off, False
    if proto == 17 and struct.unpack("!H", frame[off + 2:off + 4])[0] == 4500:
        return ETH, version, off + 8, True
    return None


def frames(path):
    data = open(path, "rb").read()
    pos = 24
    while pos + 16 <= len(data):
        incl = struct.unpack("<I", data[pos + 8:pos + 12])[0]
        yield data[pos + 16:pos + 16 + incl]
        pos += 16 + incl


def pick(path, spi, out):
    for f in frames(path):
        info = ip_info(f)
        if info and struct.unpack("!I", f[info[2]:info[2] + 4])[0] == spi:
            open(out, "wb").write(f)
            return 0
    print("no ESP frame with SPI 0x%x in %s" % (spi, path), file=sys.stderr)
    return 1


def ipv4_checksum(hdr):
    s = sum(struct.unpack("!%dH" % (len(hdr) // 2), hdr))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def fix_lengths(f, info):
    ip, version, esp, udp = info
    if udp:
        ulen = len(f) - (esp - 8)
        f[esp - 4:esp - 2] = struct.pack("!H", ulen)
        f[esp - 2:esp] = b"\0\0"
    if version == 4:
        ihl = (f[ip] & 0xF) * 4
        f[ip + 2:ip + 4] = struct.pack("!H", len(f) - ip)
        f[ip + 10:ip + 12] = b"\0\0"
        f[ip + 10:ip + 12] = struct.pack("!H", ipv4_checksum(bytes(f[ip:ip + ihl])))
    else:
        f[ip + 4:ip + 6] = struct.pack("!H", len(f) - ip - 40)


def send(iface, path, actions):
    f = bytearray(open(path, "rb").read())
    info = ip_info(f)
    for a in actions:
        if a == "flip-icv":
            f[-1] ^= 1
        elif a.startswith("spi="):
            f[info[2]:info[2] + 4] = struct.pack("!I", int(a[4:], 0))
        elif a.startswith("truncate="):
            del f[info[2] + int(a[9:]):]
            fix_lengths(f, info)
        else:
            raise SystemExit("unknown action " + a)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    s.send(bytes(f))
    return 0


def too_big(src, dst, spi, mtu, udp=False):
    esp = struct.pack("!II", spi, 1) + bytes(1200)
    proto = 50
    if udp:
        esp = struct.pack("!HHHH", 4500, 4500, 8 + len(esp), 0) + esp
        proto = 17
    if ":" not in src:
        quoted = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(esp), 0, 0x4000, 64, proto, 0,
                             socket.inet_aton(src), socket.inet_aton(dst))
        quoted = quoted[:10] + struct.pack("!H", ipv4_checksum(quoted)) + quoted[12:]
        # Header and the first 8 bytes of the datagram, as routers send
        # (16 for UDP: the SPI too).
        msg = struct.pack("!BBHHH", 3, 4, 0, 0, mtu) + quoted + esp[:16 if udp else 8]
        msg = msg[:2] + struct.pack("!H", ipv4_checksum(msg + b"\0" * (len(msg) % 2))) + msg[4:]
        s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    else:
        quoted = struct.pack("!IHBB16s16s", 6 << 28, len(esp), proto, 64,
                             socket.inet_pton(socket.AF_INET6, src),
                             socket.inet_pton(socket.AF_INET6, dst))
        # As much of it as fits in 1280 bytes; the kernel sums ICMPv6.
        msg = (struct.pack("!BBHI", 2, 0, 0, mtu) + quoted + esp)[:1280 - 40]
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    s.sendto(msg, (src, 0))
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "too-big":
        sys.exit(too_big(sys.argv[2], sys.argv[3], int(sys.argv[4], 0), int(sys.argv[5]),
                         sys.argv[6:] == ["udp"]))
    if sys.argv[1] == "pick":
        sys.exit(pick(sys.argv[2], int(sys.argv[3], 0), sys.argv[4]))
    sys.exit(send(sys.argv[2], sys.argv[3], sys.argv[4:]))
