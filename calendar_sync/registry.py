"""Which calendars belong to which client and staff member, and appointment types.

Kept by the database (:class:`~storage.interfaces.CalendarStore`, ``db.calendars``).
Passwords are never part of a source: they live in the keyring under
:attr:`CalendarSource.secret_key`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from calendar_sync.errors import CalendarError
from calendar_sync.slots import AppointmentType

if TYPE_CHECKING:
    from storage.interfaces import CalendarStore

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


def type_from_dict(raw: dict[str, Any]) -> AppointmentType:
    return AppointmentType(**{**raw, "staff": tuple(raw.get("staff", ()))})


def type_named(store: CalendarStore, client_code: str, name: str) -> AppointmentType:
    """The client's appointment type called ``name`` (any case), or a clear error."""
    for kind in store.types(client_code):
        if kind.name.casefold() == name.casefold():
            return kind
    known = ", ".join(k.name for k in store.types(client_code)) or "none yet"
    raise CalendarError(f"{client_code} has no appointment type {name!r} (known: {known}).")
