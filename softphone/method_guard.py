"""``405 Method Not Allowed`` for requests pjsua silently drops.

pjsua answers INVITE, OPTIONS, MESSAGE and in-dialog requests, but a REGISTER sent to
our port (a misconfigured desk phone) or an unknown method is dropped by pjsip's
endpoint without a word, so the peer retransmits until it times out. pjsua2 offers no
hook for that, but pj's message log says it: ``RX … Request msg FOO/cseq=1 (rdataX)
from UDP host:port`` with the message, then ``Request msg FOO/cseq=1 (rdataX) from
host:port was dropped/unhandled by any modules``. On the second line we answer the
first statelessly over UDP from a socket of our own (to the address the request came
from, as RFC 3581 does; the peer matches a response by its Via branch, not by our port).
Over TCP the answer would need pj's connection; such requests are only logged. Each
peer is logged once, not once per retransmission.
"""

from __future__ import annotations

import re
import socket

from appenv import logs
from softphone.sip_headers import parse_headers

log = logs.get("softphone")

#: What pjsua handles (the Allow header of our 405).
ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, UPDATE, PRACK, REFER, NOTIFY, MESSAGE"
MAX_PEERS_LOGGED = 1000

_RX = re.compile(
    r"RX \d+ bytes Request msg (?P<method>\S+?)/cseq=\d+ \((?P<rdata>[^)]*)\) "
    r"from (?P<transport>[A-Za-z0-9]+) (?P<host>[0-9a-fA-F.:\[\]]+):(?P<port>\d+):\r?\n"
    r"(?P<msg>.*)",
    re.DOTALL,
)
_DROPPED = re.compile(
    r"Request msg (?P<method>\S+?)/cseq=\d+ \((?P<rdata>[^)]*)\) from \S+ "
    r"was dropped/unhandled"
)
_END = re.compile(r"\r?\n--end msg--\s*$")


class MethodGuard:
    def __init__(self, bind_address: str = "") -> None:
        """``bind_address``: ``""`` for all interfaces (see ``EngineOptions.bound_address``)."""
        self._bind = bind_address
        self._sock: socket.socket | None = None
        self._last: re.Match[str] | None = None  # the last request pj received
        self._logged: set[tuple[str, str]] = set()
        self.answered = 0

    def seen(self, log_text: str) -> None:
        """pj's log line about a received request (pj thread)."""
        rx = _RX.match(log_text)
        if rx is not None:
            self._last = rx
            return
        dropped = _DROPPED.match(log_text)
        last, self._last = self._last, None
        if dropped is None or last is None or last["rdata"] != dropped["rdata"]:
            return
        method = last["method"]
        if method.upper() == "ACK":  # a stray ACK gets no response, ever
            return
        if last["transport"].upper() != "UDP":
            self._log_once(last["host"], method, "dropped (no answer over TCP)")
            return
        response = reply_405(_END.sub("", last["msg"]))
        if response is not None and self._send(response, last["host"], int(last["port"])):
            self._log_once(last["host"], method, "answered 405 Method Not Allowed")

    def _send(self, response: str, host: str, port: int) -> bool:
        try:
            if self._sock is None:
                self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                self._sock.setblocking(False)
                self._sock.bind((self._bind, 0))
            self._sock.sendto(response.encode("utf-8", "replace"), (host, port))
        except OSError as exc:
            log.info("could not answer with 405: %s", exc)
            return False
        self.answered += 1
        return True

    def _log_once(self, host: str, method: str, what: str) -> None:
        key = (host, method.upper()[:32])
        if key in self._logged or len(self._logged) >= MAX_PEERS_LOGGED:
            return
        self._logged.add(key)
        log.info("%s request from %s %s (logged once per peer)", key[1], host, what)

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


def reply_405(request: str) -> str | None:
    """A stateless 405 for ``request`` (None if it lacks what a response must echo)."""
    try:
        headers = parse_headers(request)
    except ValueError:
        return None
    vias = headers.get("via", [])
    to = (headers.get("to") or [""])[0]
    if not vias or not to:
        return None
    if ";tag=" not in to.replace(" ", "").lower():
        to += ";tag=vz405"
    lines = ["SIP/2.0 405 Method Not Allowed"]
    lines += [f"Via: {via}" for via in vias]
    lines.append(f"From: {(headers.get('from') or [''])[0]}")
    lines.append(f"To: {to}")
    lines.append(f"Call-ID: {(headers.get('call-id') or [''])[0]}")
    lines.append(f"CSeq: {(headers.get('cseq') or [''])[0]}")
    lines.append(f"Allow: {ALLOW}")
    lines.append("Content-Length: 0")
    return "\r\n".join(lines) + "\r\n\r\n"
