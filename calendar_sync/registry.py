"""Which calendars belong to which client and staff member, and the appointment types.

Kept per data folder (a seat) in ``calendars/registry.json`` — written atomically — until
the calendar tables join the database. Passwords are never here: they live in the keyring
under :attr:`CalendarSource.secret_key`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from appenv.files import atomic_write
from calendar_sync.errors import CalendarError
from calendar_sync.slots import AppointmentType

KINDS = ("caldav", "feed", "file", "local")


@dataclass(frozen=True)
class CalendarSource:
    client: str  # client code
    url: str  # CalDAV collection, feed URL, file path, or the local calendar's folder
    kind: str = "caldav"
    staff: str = ""  # "" = the client's own calendar: blocks every staff member
    user: str = ""  # "" = a server without authentication
    tentative_busy: bool = True

    @property
    def key(self) -> str:
        text = f"{self.client}\n{self.staff}\n{self.url}"
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    @property
    def secret_key(self) -> str:
        return f"calendar:{self.key}"

    @property
    def writable(self) -> bool:
        return self.kind in ("caldav", "local")


class Registry:
    """The seat's calendar sources and appointment types (``calendars/registry.json``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "registry.json"

    def _load(self) -> dict[str, Any]:
        if not self.path.exists():
            return {"sources": [], "types": {}}
        try:
            raw: dict[str, Any] = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise CalendarError(
                f"The calendar settings {self.path} cannot be read.", detail=repr(exc)
            ) from exc
        raw.setdefault("sources", [])
        raw.setdefault("types", {})
        return raw

    def _save(self, raw: dict[str, Any]) -> None:
        atomic_write(self.path, json.dumps(raw, ensure_ascii=False, indent=1))

    def sources(self, client: str | None = None) -> list[CalendarSource]:
        found = [CalendarSource(**s) for s in self._load()["sources"]]
        return [s for s in found if client is None or s.client == client]

    def add(self, source: CalendarSource) -> CalendarSource:
        """Add or replace (same client, staff and URL) a source."""
        raw = self._load()
        kept = [s for s in raw["sources"] if CalendarSource(**s).key != source.key]
        raw["sources"] = [*kept, dataclasses.asdict(source)]
        self._save(raw)
        return source

    def types(self, client: str) -> list[AppointmentType]:
        return [_type(t) for t in self._load()["types"].get(client, [])]

    def add_type(self, client: str, kind: AppointmentType) -> None:
        raw = self._load()
        kinds = [t for t in raw["types"].get(client, []) if t["name"] != kind.name]
        raw["types"][client] = [*kinds, dataclasses.asdict(kind)]
        self._save(raw)

    def type_named(self, client: str, name: str) -> AppointmentType:
        for kind in self.types(client):
            if kind.name.casefold() == name.casefold():
                return kind
        known = ", ".join(k.name for k in self.types(client)) or "none yet"
        raise CalendarError(f"{client} has no appointment type {name!r} (known: {known}).")


def _type(raw: dict[str, Any]) -> AppointmentType:
    return AppointmentType(**{**raw, "staff": tuple(raw.get("staff", ()))})
