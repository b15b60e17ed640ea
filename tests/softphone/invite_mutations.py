"""Real-world INVITEs and random mutations of them, for the parser and engine fuzz tests.

Seeds carry what carriers and PBXs send (Diversion, History-Info, P-Asserted-Identity,
Remote-Party-ID, Privacy, a Latin-1 display name as raw bytes); the mutations are the
damage a hostile caller or a broken gateway does: flipped and inserted bytes, cut
lines, duplicated or swapped headers, CRLF injection, huge values.
"""

from __future__ import annotations

import random

SDP = (
    b"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    b"m=audio 40000 RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n"
    b"a=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n"
)

_HEAD = (
    b"INVITE sip:+4930999888@{host}:{port};transport=udp SIP/2.0\r\n"
    b"Via: SIP/2.0/UDP 127.0.0.1:{local};rport;branch=z9hG4bK{branch}\r\n"
    b"Max-Forwards: 69\r\n"
    b"To: <sip:+4930999888@{host}>\r\n"
    b"Call-ID: {call_id}\r\n"
    b"CSeq: 1 INVITE\r\n"
    b"Contact: <sip:caller@127.0.0.1:{local}>\r\n"
)
#: The identity and forwarding part of each seed (From is always there, tag included).
SEEDS: tuple[bytes, ...] = (
    b'From: "Deutsche Telekom" <sip:+4989123456@tel.t-online.de;user=phone>;tag=t1\r\n'
    b"P-Asserted-Identity: <sip:+4989123456@tel.t-online.de;user=phone>\r\n"
    b"History-Info: <sip:+4930111222@tel.t-online.de;user=phone>;index=1,"
    b"<sip:+4930999888@tel.t-online.de;user=phone;cause=302>;index=1.1\r\n",
    b'From: "J\xfcrgen M\xfcller" <sip:04012345@pbx.local>;tag=l1\r\n'
    b"Diversion: <sip:+494012345678@pbx.local>;reason=unconditional;counter=1\r\n",
    b'From: "Caf\xc3\xa9 \xc3\x9cbel" <sip:+4917612345678@carrier.example>;tag=u1\r\n'
    b'P-Asserted-Identity: "Caf\xe9" <sip:+4917612345678@carrier.example>\r\n'
    b"Diversion: <sip:+49301234567@carrier.example>;reason=no-answer\r\n"
    b"Diversion: <sip:+49301234568@carrier.example>;reason=user-busy\r\n",
    b'From: "Anonymous" <sip:anonymous@anonymous.invalid>;tag=a1\r\n'
    b"Privacy: id\r\n"
    b'Remote-Party-ID: "Hidden" <sip:+4930555@carrier.example>;privacy=full;screen=yes\r\n',
    b"f: <sip:192.0.2.1>;tag=c1\r\nP-Called-Party-ID: <tel:+49-30-1234-567>\r\n",
)
#: Fragments a mutation may insert.
FRAGMENTS: tuple[bytes, ...] = (
    b"\r\n", b"\r\n\r\n", b"\n", b"\r", b"\x00", b"\xff\xfe", b"\xfc", b"\xc3", b";", b",",
    b"<", b">", b'"', b"\\", b":", b"sip:", b"tel:", b"%", b"%00", b"=?UTF-8?B?w7w=?=",
    b"index=1.1.1.1.1.1", b"cause=302", b";tag=", b"Content-Length: 99999\r\n",
    b"Via: SIP/2.0/UDP 10.0.0.1\r\n", b"History-Info: <sip:x>;index=999999999999\r\n",
    b"Diversion: <sip:+49" + b"9" * 300 + b"@x>\r\n", b" ", b"\t", b"\r\n ",
)  # fmt: skip


def invite(seed: bytes, host: str, port: int, local: int, call_id: str, branch: str) -> bytes:
    head = _HEAD.replace(b"{host}", host.encode()).replace(b"{port}", str(port).encode())
    head = head.replace(b"{local}", str(local).encode()).replace(b"{branch}", branch.encode())
    head = head.replace(b"{call_id}", call_id.encode())
    return (
        head
        + seed
        + b"Content-Type: application/sdp\r\n"
        + b"Content-Length: %d\r\n\r\n" % len(SDP)
        + SDP
    )


def mutate(data: bytes, rng: random.Random, rounds: int = 3, keep: int = 0) -> bytes:
    """``rounds`` random mutations; the first ``keep`` bytes (request line, Via) stay."""
    for _ in range(rng.randint(1, rounds)):
        head, body = data[:keep], bytearray(data[keep:])
        if not body:
            break
        op = rng.randrange(8)
        pos = rng.randrange(len(body))
        if op == 0:  # flip a byte
            body[pos] = rng.randrange(256)
        elif op == 1:  # insert a fragment
            body[pos:pos] = rng.choice(FRAGMENTS)
        elif op == 2:  # delete a run
            del body[pos : pos + rng.randint(1, 40)]
        elif op == 3:  # truncate
            del body[pos:]
        elif op == 4 or op == 5:  # duplicate or drop a line
            lines = bytes(body).split(b"\r\n")
            i = rng.randrange(len(lines))
            if op == 4:
                lines.insert(i, lines[i])
            else:
                del lines[i]
            body = bytearray(b"\r\n".join(lines))
        elif op == 6:  # swap two lines
            lines = bytes(body).split(b"\r\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            body = bytearray(b"\r\n".join(lines))
        else:  # a huge display name or value
            body[pos:pos] = b'"' + bytes(rng.choice(b"aZ\xfc ") for _ in range(4000)) + b'"'
        data = head + bytes(body)
    return data
