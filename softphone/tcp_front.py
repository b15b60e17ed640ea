"""A guard in front of pj's TCP listener: idle connections never reach pjsip.

pjsip's I/O queue in the wheel (select-based) holds at most 64 sockets for everything —
SIP listeners, RTP, and every TCP connection. 64 connections that connect and say
nothing filled it: every later TCP caller got "connection reset", and calls over UDP
found no room for their RTP sockets. Closing pj's accepted connections from outside is
no cure: the wheel asserts (``ioqueue_select.c``: free list empty) and aborts when a
socket is closed while the queue is full and another is accepted within 500 ms.

So our SIP port's TCP side is this relay, on its own thread (no pj calls): it accepts,
and only a connection that sends something gets a connection to pj's listener (on a
private port of the same address), within a budget that keeps pj far below 64 sockets
(connections open plus those closed in the last second, since pj frees a socket's slot
only 500 ms after it closes). Connections that stay silent are closed after
:data:`SILENT_S`; at most :data:`WAITING_PER_SOURCE` silent ones per source address and
:data:`WAITING_TOTAL` in all are kept (the oldest goes first). Refusals are logged once
per source. What pj sends within a dialog later goes to the Contact it announces — its
private port — directly.
"""

from __future__ import annotations

import collections
import errno
import selectors
import socket
import threading
import time
from dataclasses import dataclass, field

from appenv import logs

log = logs.get("softphone")

SILENT_S = 3.0  # a connection must send something within this time
IDLE_S = 300.0  # a relayed connection quiet this long in both directions is closed
WAITING_PER_SOURCE = 8  # silent connections kept per source address
WAITING_TOTAL = 64  # silent connections kept in all
BACKEND_BUDGET = 24  # connections to pj open plus closed within the last second
MAX_BUFFER = 1 << 20  # bytes queued towards one side before the connection is dropped


@dataclass(eq=False)
class _Pair:
    client: socket.socket
    peer: str
    accepted: float
    backend: socket.socket | None = None
    connecting: bool = False
    to_backend: bytearray = field(default_factory=bytearray)
    to_client: bytearray = field(default_factory=bytearray)
    last_data: float = 0.0  # either direction
    sent_anything: bool = False


class TcpFront:
    def __init__(self, bind_address: str, port: int, backend: tuple[str, int]) -> None:
        """``bind_address``: ``""`` for all interfaces (see ``EngineOptions.bound_address``)."""
        self.backend_address = backend
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((bind_address, port))
        self.listener.listen(256)
        self.listener.setblocking(False)
        self._sel = selectors.DefaultSelector()
        self._sel.register(self.listener, selectors.EVENT_READ, None)
        self._wake_r, self._wake_w = socket.socketpair()
        self._sel.register(self._wake_r, selectors.EVENT_READ, None)
        self._pairs: set[_Pair] = set()
        self._closed_at: collections.deque[float] = collections.deque()
        self._backends = 0
        self._logged: set[str] = set()
        self._stop = False
        self.refused = 0
        self._thread = threading.Thread(target=self._run, name="sip-tcp-front", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self._stop = True
        self._wake_w.send(b"x")
        self._thread.join(3.0)
        for pair in list(self._pairs):
            self._drop(pair)
        for sock in (self.listener, self._wake_r, self._wake_w):
            sock.close()
        self._sel.close()

    # ---- loop -----------------------------------------------------------------------
    def _run(self) -> None:
        while not self._stop:
            for key, mask in self._sel.select(0.2):
                if key.fileobj is self.listener:
                    self._accept()
                elif key.data is not None:
                    pair, side = key.data
                    if pair in self._pairs:
                        self._service(pair, side, mask)
            self._sweep(time.monotonic())

    def _accept(self) -> None:
        for _ in range(64):
            try:
                client, addr = self.listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:  # e.g. out of file descriptors: say it, keep going
                log.info("SIP/TCP accept failed: %s", exc)
                return
            client.setblocking(False)
            pair = _Pair(client, str(addr[0]), time.monotonic())
            self._make_room(pair.peer)
            self._pairs.add(pair)
            self._sel.register(client, selectors.EVENT_READ, (pair, "c"))

    def _make_room(self, peer: str) -> None:
        """Drop the oldest silent connections beyond the per-source and total bounds."""
        waiting = sorted((p for p in self._pairs if not p.sent_anything), key=lambda p: p.accepted)
        same = [p for p in waiting if p.peer == peer]
        doomed = same[: max(0, len(same) - WAITING_PER_SOURCE + 1)]
        rest = [p for p in waiting if p not in doomed]
        doomed += rest[: max(0, len(rest) - WAITING_TOTAL + 1)]
        for pair in doomed:
            self._refuse(pair, "too many silent connections")

    def _sweep(self, now: float) -> None:
        while self._closed_at and now - self._closed_at[0] > 1.0:
            self._closed_at.popleft()
        for pair in list(self._pairs):
            if not pair.sent_anything and now - pair.accepted > SILENT_S:
                self._refuse(pair, f"silent for {SILENT_S:.0f} s")
            elif pair.sent_anything and now - pair.last_data > IDLE_S:
                self._drop(pair)
            elif pair.backend is None and pair.to_backend:
                self._connect_backend(pair)  # waited for budget

    # ---- one connection -------------------------------------------------------------
    def _service(self, pair: _Pair, side: str, mask: int) -> None:
        sock = pair.client if side == "c" else pair.backend
        assert sock is not None
        if mask & selectors.EVENT_WRITE:
            if side == "b" and pair.connecting:
                if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                    self._drop(pair)
                    return
                pair.connecting = False
            if not self._flush(pair, side):
                return
        if mask & selectors.EVENT_READ:
            try:
                data = sock.recv(65536)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                data = b""
            if not data:
                self._drop(pair)
                return
            pair.last_data = time.monotonic()
            if side == "c":
                pair.sent_anything = True
                pair.to_backend += data
                if pair.backend is None:
                    self._connect_backend(pair)
            else:
                pair.to_client += data
            if len(pair.to_backend) > MAX_BUFFER or len(pair.to_client) > MAX_BUFFER:
                self._drop(pair)
                return
            self._flush(pair, "b" if side == "c" else "c")

    def _connect_backend(self, pair: _Pair) -> None:
        if self._backends + len(self._closed_at) >= BACKEND_BUDGET:
            return  # pj is busy enough; the data waits (the sweep tries again)
        backend = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        backend.setblocking(False)
        code = backend.connect_ex(self.backend_address)
        if code not in (0, errno.EINPROGRESS):
            backend.close()
            self._drop(pair)
            return
        pair.backend, pair.connecting = backend, True
        self._backends += 1
        self._sel.register(backend, selectors.EVENT_READ | selectors.EVENT_WRITE, (pair, "b"))

    def _flush(self, pair: _Pair, side: str) -> bool:
        """Send what is queued towards ``side``; False if the pair was dropped."""
        sock, buffer = (
            (pair.client, pair.to_client) if side == "c" else (pair.backend, pair.to_backend)
        )
        if sock is None or (side == "b" and pair.connecting):
            return True
        if buffer:
            try:
                sent = sock.send(buffer)
                del buffer[:sent]
            except (BlockingIOError, InterruptedError):
                pass
            except OSError:
                self._drop(pair)
                return False
        events = selectors.EVENT_READ | (selectors.EVENT_WRITE if buffer else 0)
        self._sel.modify(sock, events, (pair, side))
        return True

    def _refuse(self, pair: _Pair, why: str) -> None:
        self.refused += 1
        if pair.peer not in self._logged and len(self._logged) < 1000:
            self._logged.add(pair.peer)
            log.warning("closing SIP/TCP connections from %s: %s (logged once per source)",
                        pair.peer, why)  # fmt: skip
        self._drop(pair)

    def _drop(self, pair: _Pair) -> None:
        self._pairs.discard(pair)
        for sock in (pair.client, pair.backend):
            if sock is None:
                continue
            try:
                self._sel.unregister(sock)
            except (KeyError, ValueError):
                pass
            sock.close()
        if pair.backend is not None:
            self._backends -= 1
            self._closed_at.append(time.monotonic())
            pair.backend = None
