"""The call log while the office database is down: kept on disk, written when it is back.

A call that rings during an outage must still reach the log. :class:`SpooledCallLog`
wraps the database's call log: while writes fail with
:class:`~storage.errors.StoreUnavailable` (and while anything is still spooled, so that
order is kept) each write is appended to ``call-log.jsonl`` in the seat's data folder —
one JSON line, fsync'd before the call returns — and the call gets a provisional
(negative) row id. :meth:`replay` writes the spool in order in one transaction, then
removes it. Every entry names its call by ``call_key`` and every write is idempotent per
key (opening an existing key returns its row, updates set values), so a replay
interrupted after its commit and repeated writes nothing twice.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import threading
import uuid
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from appenv import logs
from appenv.files import fsync_folder, remove_durably
from appenv.permissions import make_private_dir
from appenv.times import from_db_or_none, to_db_or_none
from clients.model import CallRecord, Direction, Outcome
from storage.call_steps import CallSteps
from storage.errors import StoreUnavailable
from storage.interfaces import UNSET, ClientStore, Unset

log = logs.get("storage")

SPOOL_NAME = "call-log.jsonl"
_TIMES = ("started_at", "answered_at", "ended_at")


def _record_json(record: CallRecord) -> dict[str, Any]:
    data = asdict(record)
    for name in _TIMES:
        data[name] = to_db_or_none(data[name])
    data["direction"] = str(record.direction)
    data["outcome"] = None if record.outcome is None else str(record.outcome)
    return data


def _record_of(data: dict[str, Any]) -> CallRecord:
    values = dict(data)
    for name in _TIMES:
        values[name] = from_db_or_none(values[name])
    values["direction"] = Direction(values["direction"])
    values["outcome"] = None if values["outcome"] is None else Outcome(values["outcome"])
    return CallRecord(**values)


def _fields_json(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, dt.datetime):
            value = to_db_or_none(value)
        elif isinstance(value, Outcome):
            value = str(value)
        out[name] = value
    return out


def _fields_of(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for name in ("answered_at", "ended_at"):
        if name in out:
            out[name] = from_db_or_none(out[name])
    if out.get("outcome") is not None:
        out["outcome"] = Outcome(out["outcome"])
    return out


class SpooledCallLog(CallSteps):
    """Implements :class:`storage.interfaces.CallLog`; writes survive an outage."""

    def __init__(self, store: ClientStore, folder: Path) -> None:
        self._store = store
        self.folder = folder
        self.path = folder / SPOOL_NAME
        self._lock = threading.RLock()
        self._provisional = itertools.count(-1, -1)
        self._keys: dict[int, str] = {}  # row id (real or provisional) -> call key
        self._rows: dict[str, int] = {}  # call key -> real row id, once known
        self._records: dict[str, CallRecord] = {}  # what we know of spooled calls

    # -- the spool -------------------------------------------------------------------------

    def pending(self) -> int:
        """How many entries wait for the database."""
        try:
            return sum(1 for line in self.path.read_text("utf-8").splitlines() if line.strip())
        except FileNotFoundError:
            return 0

    def _append(self, entry: dict[str, Any]) -> None:
        new = not self.path.exists()
        if new:
            make_private_dir(self.folder)
        line = json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n"
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        if new:
            fsync_folder(self.folder)

    def replay(self) -> int:
        """Write every spooled entry, in order, in one transaction; returns how many."""
        with self._lock:
            try:
                lines = [ln for ln in self.path.read_text("utf-8").splitlines() if ln.strip()]
            except FileNotFoundError:
                return 0
            entries = []
            for line in lines:
                try:
                    entries.append(json.loads(line))
                except ValueError:  # torn by a power loss while it was appended
                    log.warning("unreadable spooled call-log line skipped: %r", line[:120])
            with self._store.transaction():
                for entry in entries:
                    self._apply(entry)
            remove_durably(self.path)
            log.info("wrote %d spooled call-log entries", len(lines))
            return len(lines)

    def _apply(self, entry: dict[str, Any]) -> None:
        key = entry["key"]
        if entry["op"] == "open":
            row = self._store.open_call(_record_of(entry["record"]))
        elif entry["op"] == "record":
            row = self._store.record_call(_record_of(entry["record"]))
        else:
            known = self._store.call_by_key(key)
            if known is None or known.id is None:
                log.info("spooled update of unknown call %s skipped", key)
                return
            row = known.id
            self._store.update_call(
                row, **_fields_of(entry["fields"]), for_seat=entry.get("for_seat")
            )
        self._rows[key] = row
        self._keys[row] = key

    def _spooling(self) -> bool:
        if not self.path.exists():
            return False
        try:
            self.replay()
        except StoreUnavailable:
            return True
        return False

    def real_id(self, call_id: int) -> int | None:
        """The row id of a call logged here (a provisional id once its row is written);
        ``None`` while it waits in the spool."""
        if call_id > 0:
            return call_id
        with self._lock:
            key = self._keys.get(call_id)
            if key is None:
                return None
            if key not in self._rows:
                self._spooling()  # the database may be back before the listener said so
            return self._rows.get(key)

    # -- writes ----------------------------------------------------------------------------

    def _insert(self, op: str, record: CallRecord) -> int:
        if not record.call_key:  # as the stores do: a key of its own, unique for ever
            record = replace(record, call_key=f"row-{uuid.uuid4().hex}")
        with self._lock:
            if not self._spooling():
                try:
                    row = (
                        self._store.open_call(record)
                        if op == "open"
                        else self._store.record_call(record)
                    )
                except StoreUnavailable:
                    pass
                else:
                    self._keys[row] = record.call_key
                    self._rows[record.call_key] = row
                    return row
            self._append({"op": op, "key": record.call_key, "record": _record_json(record)})
            row = next(self._provisional)
            self._keys[row] = record.call_key
            self._records[record.call_key] = record
            return row

    def open_call(self, record: CallRecord) -> int:
        return self._insert("open", replace(record, ended_at=None, outcome=None))

    def record_call(self, call: CallRecord) -> int:
        return self._insert("record", call)

    def update_call(
        self,
        call_id: int,
        *,
        client_id: int | Unset | None = UNSET,
        caller_name: str | Unset = UNSET,
        answered_at: dt.datetime | Unset | None = UNSET,
        ended_at: dt.datetime | Unset | None = UNSET,
        duration_s: float | Unset | None = UNSET,
        outcome: Outcome | Unset | None = UNSET,
        for_seat: str | None = None,
    ) -> CallRecord:
        given = {
            "client_id": client_id, "caller_name": caller_name, "answered_at": answered_at,
            "ended_at": ended_at, "duration_s": duration_s, "outcome": outcome,
        }  # fmt: skip
        fields: dict[str, Any] = {k: v for k, v in given.items() if not isinstance(v, Unset)}
        with self._lock:
            key = self._keys.get(call_id)
            real = call_id if call_id > 0 else (self._rows.get(key) if key else None)
            if real is not None and not self._spooling():
                try:
                    return self._store.update_call(real, **fields, for_seat=for_seat)
                except StoreUnavailable:
                    if key is None:
                        raise
            if key is None:
                raise StoreUnavailable(
                    "The office database cannot be reached; this call cannot be changed now.",
                    None,
                    detail=f"call {call_id} not opened through this seat's spool",
                )
            entry = {"op": "update", "key": key, "fields": _fields_json(fields)}
            if for_seat is not None:
                entry["for_seat"] = for_seat  # replayed guarded: another seat's row stays
            self._append(entry)
            record = self._records.get(key) or CallRecord(
                call_key=key, started_at=dt.datetime.now(dt.UTC)
            )
            record = replace(record, id=real or call_id, **fields)
            self._records[key] = record
            return record

    def close_interrupted(self, now: dt.datetime, seat: str = "") -> int:
        with self._lock:
            self._spooling()
            return self._store.close_interrupted(now, seat)

    def claim_answer(
        self, call_id: int, seat: str, operator: str, answered_at: dt.datetime
    ) -> str | None:
        """The claim needs the database: while it is down (or the call's row is still in
        the spool) this raises :class:`StoreUnavailable` and the seat answers unclaimed."""
        with self._lock:
            key = self._keys.get(call_id)
            real = call_id if call_id > 0 else (self._rows.get(key) if key else None)
            if real is None or self._spooling():
                raise StoreUnavailable(
                    "The office database cannot be reached; the call is answered unclaimed.",
                    None,
                    detail=f"call {call_id} not in the office database yet",
                )
            return self._store.claim_answer(real, seat, operator, answered_at)

    # -- reads: from the database (a provisional id is looked up by its call's key) ---------

    def get_call(self, call_id: int) -> CallRecord | None:
        key = self._keys.get(call_id)
        if call_id < 0:
            real = self._rows.get(key) if key else None
            if real is None:
                return self._records.get(key) if key else None
            call_id = real
        return self._store.get_call(call_id)

    def call_by_key(self, call_key: str) -> CallRecord | None:
        return self._store.call_by_key(call_key)

    def recent_calls(self, limit: int = 50, client_id: int | None = None) -> list[CallRecord]:
        return self._store.recent_calls(limit, client_id)

    def calls_for_caller(
        self, client_id: int | None, number: str | None, limit: int = 10
    ) -> list[CallRecord]:
        return self._store.calls_for_caller(client_id, number, limit)

    def calls_between(
        self, client_id: int | None, start: dt.datetime, end: dt.datetime
    ) -> list[CallRecord]:
        return self._store.calls_between(client_id, start, end)
