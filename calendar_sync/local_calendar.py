"""The local calendar Vorzimmer keeps itself: one .ics file per event in a folder.

For clients without a calendar server (the embedded default). It is a
:class:`~calendar_sync.booking.BookingTarget` like a CalDAV collection, with the same
preconditions — a new file is created exclusively (``If-None-Match: *``), a change or
deletion checks the ETag (``If-Match``) under a file lock — so the race-safe booking
protocol works unchanged between the processes of one machine. :func:`export_ics` writes
the whole calendar as one .ics file for the client.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import icalendar

from appenv.files import atomic_write, fsync_folder
from appenv.permissions import make_private_dir
from calendar_sync.caldav_source import PreconditionFailed, RemoteItem
from calendar_sync.errors import CalendarError
from calendar_sync.events import PRODID
from calendar_sync.ics import parse_calendar


def _etag(data: bytes) -> str:
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


class LocalCalendar:
    """A folder of events; hrefs are ``local:<name>``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        make_private_dir(folder)
        self.url = f"local:{folder}"

    def _path(self, href: str) -> Path:
        name = href.rsplit("/", 1)[-1].removeprefix("local:")
        if not name.endswith(".ics") or "/" in name or name.startswith("."):
            raise CalendarError(f"{href!r} is not an event of the local calendar.")
        return self.folder / name

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        fd = os.open(self.folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _read(self, path: Path) -> RemoteItem | None:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        return RemoteItem(f"local:{path.name}", _etag(data), data)

    def items(self) -> list[RemoteItem]:
        found = (self._read(p) for p in sorted(self.folder.glob("*.ics")))
        return [item for item in found if item is not None]

    def items_between(self, start: dt.datetime, end: dt.datetime) -> list[RemoteItem]:
        """Every event (the index cuts the window; a local calendar is small)."""
        return self.items()

    def get(self, href: str) -> RemoteItem | None:
        return self._read(self._path(href))

    def create(self, name: str, data: bytes) -> RemoteItem:
        """Written in full to a temporary file, then linked in: readers never see half an
        event, and ``link`` fails if the name exists (the ``If-None-Match: *``)."""
        path = self._path(name)
        tmp = self.folder / f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.link(tmp, path)
        except FileExistsError as exc:
            raise PreconditionFailed("An event with that name exists already.") from exc
        finally:
            tmp.unlink(missing_ok=True)
        fsync_folder(self.folder)
        return RemoteItem(f"local:{path.name}", _etag(data), data)

    def replace(self, href: str, data: bytes, etag: str) -> RemoteItem:
        path = self._path(href)
        with self._locked():
            current = self._read(path)
            if current is None or current.etag != etag:
                raise PreconditionFailed("The event changed meanwhile.")
            atomic_write(path, data)
        return RemoteItem(current.href, _etag(data), data)

    def delete(self, href: str, etag: str | None = None) -> None:
        path = self._path(href)
        with self._locked():
            current = self._read(path)
            if current is None:
                return
            if etag is not None and current.etag != etag:
                raise PreconditionFailed("The event changed meanwhile.")
            path.unlink()
            fsync_folder(self.folder)


def export_ics(calendar: LocalCalendar, target: Path) -> int:
    """Write every event as one .ics file (for the client's own calendar app); the count."""
    merged = icalendar.Calendar()
    merged.add("prodid", PRODID)
    merged.add("version", "2.0")
    count = 0
    seen_tz: set[str] = set()
    for item in calendar.items():
        parsed = parse_calendar(item.data, item.href)
        for tz in parsed.walk("VTIMEZONE"):
            if str(tz.get("TZID")) not in seen_tz:
                seen_tz.add(str(tz.get("TZID")))
                merged.add_component(tz)
        for event in parsed.walk("VEVENT"):
            merged.add_component(event)
            count += 1
    atomic_write(target, bytes(merged.to_ical()))
    return count
