"""What a write changed, announced after it is committed, so that views refresh themselves.

A :class:`Changes` names the tables (and, where known, the row ids) a committed
transaction touched; each view decides whether that concerns it. Listeners are called in
the thread that wrote: a Qt view hands the value to its own thread (a queued signal).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from appenv import logs

log = logs.get("storage")

CLIENTS = "clients"  # clients and everything hanging off them (numbers, scripts, staff, …)
CALLERS = "callers"
CALLS = "calls"
NOTES = "notes"
DELIVERIES = "deliveries"
APPOINTMENTS = "appointments"  # the appointments journal (calendar_sync.journal)
OPERATORS = "operators"
SEATS = "seats"  # seat states (no ids: a seat's key is text; views re-read the few seats)
PICKUPS = "pickups"  # a seat asks a colleague's seat for a call ringing there (ids)


@dataclass(frozen=True)
class Changes:
    """Tables touched by one committed write, with the ids of changed rows per table."""

    ids: Mapping[str, frozenset[int]] = field(default_factory=dict)

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(self.ids)

    def touches(self, *tables: str) -> bool:
        return any(t in self.ids for t in tables)

    def __bool__(self) -> bool:
        return bool(self.ids)


Listener = Callable[[Changes], None]


class ChangeCollector:
    """Gathers what one transaction changes; announced only if it commits."""

    def __init__(self) -> None:
        self._ids: dict[str, set[int]] = {}

    def add(self, table: str, ids: Iterable[int | None] = ()) -> None:
        self._ids.setdefault(table, set()).update(i for i in ids if i is not None)

    def take(self) -> Changes:
        changes = Changes({t: frozenset(i) for t, i in self._ids.items()})
        self._ids = {}
        return changes


class ChangeHub:
    """Listeners of one database."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` after every committed write; returns the unsubscribe function."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def announce(self, changes: Changes) -> None:
        if not changes:
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(changes)
            except Exception:  # a broken view must not undo or hide a committed write
                log.exception("change listener %r failed", listener)
