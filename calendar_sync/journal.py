"""The appointments journal: one row per booking, move or cancellation Vorzimmer made.

The journal is what a seat *did* (``db.calendars``, migration 9), not a copy of the
calendar: a booking is a row (``booked``, or ``pending`` while the server is down, which
becomes ``booked`` or ``conflict`` when it is written), a move adds a row ``moved`` with
the previous start, a cancellation a row ``cancelled`` — each with the call it was done in
(``call_key``), so a report lists under every call what happened in it. The appointment
as it stands now is the newest row of its UID (:func:`current`).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass


class AppointmentState(enum.StrEnum):
    BOOKED = "booked"
    PENDING = "pending"  # kept while the calendar server was unreachable
    CONFLICT = "conflict"  # a pending booking whose slot was taken meanwhile: not booked
    MOVED = "moved"
    CANCELLED = "cancelled"

    @property
    def holds_slot(self) -> bool:
        """The appointment takes place (as far as Vorzimmer knows)."""
        return self in (AppointmentState.BOOKED, AppointmentState.PENDING, AppointmentState.MOVED)


@dataclass(frozen=True, kw_only=True)
class AppointmentRecord:
    """One journal row. Times are aware (UTC from the store); ``id`` is None until stored.

    ``uid`` is the event's UID (a pending booking's id until it is written), ``href`` where
    the event is in ``url`` (the calendar source), ``phone`` the caller's number as given,
    ``message`` the reason of a conflict. ``acknowledged`` is set once an operator has seen
    a conflict.
    """

    id: int | None = None
    client: str  # client code
    call_key: str | None = None  # the call it was done during (None: command line)
    uid: str = ""
    url: str = ""
    href: str = ""
    staff: str = ""
    kind: str = ""  # appointment type name
    starts_at: dt.datetime
    ends_at: dt.datetime
    caller: str = ""
    phone: str = ""
    email: str = ""
    state: AppointmentState = AppointmentState.BOOKED
    previous_start: dt.datetime | None = None  # for moves
    message: str = ""
    operator: str = ""
    seat: str = ""
    acknowledged: bool = False
    created_at: dt.datetime | None = None  # set by the store
    updated_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        for name in ("starts_at", "ends_at", "previous_start"):
            value = getattr(self, name)
            if value is not None and (value.tzinfo is None or value.utcoffset() is None):
                raise ValueError(f"{name} must be timezone-aware")
        if self.ends_at < self.starts_at:
            raise ValueError("an appointment cannot end before it starts")


def current(records: Iterable[AppointmentRecord]) -> list[AppointmentRecord]:
    """The newest row of every appointment (by UID; rows without one stand alone), in
    the order of their starts."""
    latest: dict[str, AppointmentRecord] = {}
    for record in sorted(records, key=lambda r: r.id or 0):
        latest[record.uid or f"#{record.id}"] = record
    return sorted(latest.values(), key=lambda r: (r.starts_at, r.id or 0))


def name_key(name: str) -> str:
    """A caller's name as the journal matches it: case and spacing do not matter."""
    return re.sub(r"\s+", " ", name).strip().casefold()
