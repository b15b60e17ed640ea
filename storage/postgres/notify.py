"""Changes between seats: NOTIFY at commit, a dedicated LISTEN connection, re-read on return.

A committed write sends ``NOTIFY vorzimmer_changes`` with the table and the ids it changed
— never the data (payloads must stay under 8000 bytes; many ids send the table alone).
PostgreSQL delivers at commit and never replays, so the listener, on a connection of its
own (a busy store connection would hold notifications back), feeds what it hears into the
database's :class:`~storage.changes.ChangeHub` — views refresh exactly as for a local
write — and after any reconnect announces every table with no ids: re-read everything.

The listener also watches the link: it notices an outage within about a second (a failed
ping or a closed socket), reports it, retries, and reports the return with the outage's
length (:class:`Outage`).
"""

from __future__ import annotations

import json
import os
import select
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from appenv import logs
from storage.changes import (
    APPOINTMENTS,
    CALLERS,
    CALLS,
    CLIENTS,
    DELIVERIES,
    NOTES,
    OPERATORS,
    PICKUPS,
    SEATS,
    ChangeHub,
    Changes,
)

log = logs.get("storage")

CHANNEL = "vorzimmer_changes"
MAX_IDS = 600  # ids per notification: well under the 8000-byte payload limit
PING_EVERY_S = 1.0
RETRY_EVERY_S = 0.5

#: Every table, no ids: after a reconnect nothing heard meanwhile can be trusted.
_TABLES = (
    CLIENTS,
    CALLERS,
    CALLS,
    NOTES,
    DELIVERIES,
    "calendars",
    APPOINTMENTS,
    OPERATORS,
    SEATS,
    PICKUPS,
)
EVERYTHING = Changes({t: frozenset() for t in _TABLES})


def notify_statements(sender: str, changes: Changes) -> Iterator[tuple[str, tuple[str, str]]]:
    """The ``pg_notify`` calls announcing ``changes`` to the other seats."""
    for table, ids in sorted(changes.ids.items()):
        ordered = sorted(ids)
        if len(ordered) > 20 * MAX_IDS:
            ordered = []  # a bulk import: say the table, the others re-read it
        chunks = [ordered[i : i + MAX_IDS] for i in range(0, len(ordered), MAX_IDS)] or [[]]
        for chunk in chunks:
            payload = json.dumps({"s": sender, "t": table, "i": chunk}, separators=(",", ":"))
            yield "SELECT pg_notify(%s, %s)", (CHANNEL, payload)


def notify_and_commit(sender: str, changes: Changes) -> str:
    """``NOTIFY`` statements for ``changes`` and ``COMMIT``, as one simple query (one round
    trip); the payloads are quoted by psycopg."""
    from psycopg import sql

    parts = [
        sql.SQL("NOTIFY {}, {}").format(sql.Identifier(CHANNEL), sql.Literal(params[1])).as_string()
        for _, params in notify_statements(sender, changes)
    ]
    return "; ".join([*parts, "COMMIT"])


def parse(payload: str) -> tuple[str, Changes] | None:
    """(sender, changes) of one notification; ``None`` for one we cannot read."""
    try:
        data = json.loads(payload)
        return str(data["s"]), Changes({str(data["t"]): frozenset(int(i) for i in data["i"])})
    except (ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True)
class Outage:
    """The database was unreachable from ``started`` (epoch seconds) for ``seconds``."""

    started: float
    seconds: float | None = None  # None while it lasts


class ChangeListener:
    """The listening connection's thread (one per open office database)."""

    def __init__(
        self,
        connect: Callable[[], Any],
        sender: str,
        hub: ChangeHub,
        *,
        on_down: Callable[[Outage], None],
        on_up: Callable[[Outage], None],
    ) -> None:
        self._connect = connect
        self._sender = sender
        self._hub = hub
        self._on_down = on_down
        self._on_up = on_up
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._down: Outage | None = None
        self._conn: Any = None
        self._wake_r, self._wake_w = os.pipe()  # stop() wakes the waiting thread at once
        self._thread = threading.Thread(target=self._run, name="pg-listener", daemon=True)

    def start(self, wait_s: float = 5.0) -> None:
        self._thread.start()
        self._listening.wait(wait_s)

    def stop(self) -> None:
        if self._stop.is_set():
            return
        self._stop.set()
        os.write(self._wake_w, b"x")
        if self._thread.is_alive():
            self._thread.join(timeout=5.0)
        os.close(self._wake_r)
        os.close(self._wake_w)

    @property
    def down(self) -> Outage | None:
        return self._down

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._conn = self._connect()
                try:
                    self._conn.execute(f"LISTEN {CHANNEL}")
                    self._back()
                    self._listen(self._conn)
                finally:
                    conn, self._conn = self._conn, None
                    conn.close()
            except Exception as exc:  # a lost server, a dropped link: wait and retry
                if self._stop.is_set():
                    break
                self._lost(exc)
                select.select([self._wake_r], [], [], RETRY_EVERY_S)

    def _back(self) -> None:
        self._listening.set()
        outage, self._down = self._down, None
        if outage is None:
            return
        ended = Outage(outage.started, time.time() - outage.started)
        log.info("office database back after %.1f s", ended.seconds)
        try:
            self._on_up(ended)
        except Exception:  # a bug there must not look like a lost link (reconnect loop)
            log.exception("handling the return of the office database failed")
        self._hub.announce(EVERYTHING)  # what changed meanwhile was never sent to us

    def _lost(self, exc: BaseException) -> None:
        self._listening.set()
        if self._down is None:
            self._down = Outage(time.time())
            log.info("office database unreachable: %s: %s", type(exc).__name__, exc)
            self._on_down(self._down)

    def _listen(self, conn: Any) -> None:
        last_ping = time.monotonic()
        while not self._stop.is_set():
            select.select([conn.fileno(), self._wake_r], [], [], PING_EVERY_S)
            if self._stop.is_set():
                return
            for note in conn.notifies(timeout=0):
                heard = parse(note.payload)
                if heard is None:
                    log.info("unreadable change notification %r ignored", note.payload[:80])
                elif heard[0] != self._sender:
                    self._hub.announce(heard[1])
            if time.monotonic() - last_ping >= PING_EVERY_S and not self._stop.is_set():
                conn.execute("SELECT 1")  # a dead link fails here within tcp_user_timeout
                last_ping = time.monotonic()
