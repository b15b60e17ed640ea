"""Notice a lost registrar within seconds, not after pjsua2's ~44 s refresh time-out.

Sends a SIP OPTIONS over its own UDP socket every ``interval`` seconds; any response
(even 404) means the registrar is alive. A connected UDP socket also reports ICMP
"port unreachable" at once, so a stopped registrar on a reachable host is seen in one
interval. Non-blocking: the engine calls :meth:`poll` from its event loop.
"""

from __future__ import annotations

import random
import socket
import time
from dataclasses import dataclass


@dataclass
class ProbeResult:
    changed: bool
    alive: bool


class RegistrarProbe:
    def __init__(
        self,
        host: str,
        port: int,
        interval: float = 2.0,
        misses_allowed: int = 2,
    ) -> None:
        self.host, self.port = host, port
        self.interval = interval
        self.misses_allowed = misses_allowed
        self.alive = True
        self._misses = 0
        self._next_send = 0.0
        self._awaiting: str | None = None
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._sock.setblocking(False)
        self._sock.connect((host, port))
        self._local = self._sock.getsockname()

    def close(self) -> None:
        self._sock.close()

    def _options(self, branch: str) -> bytes:
        ip, port = self._local
        return (
            f"OPTIONS sip:{self.host}:{self.port} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP {ip}:{port};branch=z9hG4bK{branch};rport\r\n"
            "Max-Forwards: 70\r\n"
            f"From: <sip:keepalive@{ip}:{port}>;tag={branch}\r\n"
            f"To: <sip:{self.host}:{self.port}>\r\n"
            f"Call-ID: {branch}@vorzimmer-keepalive\r\n"
            "CSeq: 1 OPTIONS\r\n"
            "User-Agent: Vorzimmer keepalive\r\n"
            "Content-Length: 0\r\n\r\n"
        ).encode()

    def _set_alive(self, alive: bool) -> ProbeResult:
        changed = alive != self.alive
        self.alive = alive
        return ProbeResult(changed, alive)

    def poll(self, now: float | None = None) -> ProbeResult:
        now = time.monotonic() if now is None else now
        answered = False
        refused = False
        while True:
            try:
                data = self._sock.recv(65535)
            except BlockingIOError:
                break
            except ConnectionRefusedError:
                refused = True
                break
            except OSError:
                refused = True
                break
            if self._awaiting and self._awaiting.encode() in data:
                answered = True
        if answered:
            self._awaiting = None
            self._misses = 0
            return self._set_alive(True)
        if refused:
            self._awaiting = None
            self._misses = self.misses_allowed
            return self._set_alive(False)
        if now >= self._next_send:
            if self._awaiting is not None:
                self._misses += 1
            branch = f"{random.getrandbits(48):012x}"
            try:
                self._sock.send(self._options(branch))
                self._awaiting = branch
            except OSError:
                self._misses += 1
            self._next_send = now + self.interval
            if self._misses >= self.misses_allowed:
                return self._set_alive(False)
        return ProbeResult(False, self.alive)
