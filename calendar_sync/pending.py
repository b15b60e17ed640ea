"""Bookings made while the calendar server was unreachable, kept until it returns.

A pending booking is stored at once (``db.calendars``), shown as pending, and written by
:func:`flush` with the same race-safe protocol as any booking when the server answers
again. If the slot was taken meanwhile, it becomes a *conflict* that stays listed for the
operator — never dropped silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

from appenv import logs
from calendar_sync import booking, events
from calendar_sync.errors import SlotTaken, SourceUnreachable
from calendar_sync.slots import AppointmentType

log = logs.get("calendar")
PENDING, BOOKED, CONFLICT = "pending", "booked", "conflict"


class PendingStore(Protocol):
    """The part of :class:`~storage.interfaces.CalendarStore` that keeps pending bookings."""

    def pending(self) -> list[PendingBooking]: ...
    def update_pending(self, entry: PendingBooking) -> None: ...


@dataclass(frozen=True)
class PendingBooking:
    id: str
    client: str
    url: str  # the CalDAV calendar it is for
    staff: str
    kind: AppointmentType
    start: dt.datetime
    end: dt.datetime
    summary: str
    caller: str = ""
    phone: str = ""
    state: str = PENDING
    message: str = ""  # the conflict, or the booked UID

    def appointment(self) -> events.Appointment:
        return events.Appointment(
            self.start, self.end, self.summary, self.staff, self.kind.name, self.caller, self.phone
        )


def flush(
    store: PendingStore,
    url: str,
    target: booking.BookingTarget,
    staffing: Callable[[PendingBooking], booking.Staffing],
    *,
    now: dt.datetime,
    seat: str,
    written: Callable[[PendingBooking, booking.Booking | None], None] | None = None,
) -> list[PendingBooking]:
    """Write the pending bookings for ``url``; the entries whose state changed.
    ``written`` hears of each one once it is stored (with the booking, or None: conflict)."""
    done = []
    for entry in store.pending():
        if entry.url != url or entry.state != PENDING:
            continue
        try:
            made = booking.book(
                target, staffing(entry), entry.kind, entry.appointment(), now=now, seat=seat
            )
        except SlotTaken as exc:
            entry = replace(entry, state=CONFLICT, message=exc.message)
            log.warning("pending booking %s conflicts: %s", entry.id, exc.message)
            result: booking.Booking | None = None
        except SourceUnreachable:
            break  # still offline: keep everything pending
        else:
            entry = replace(entry, state=BOOKED, message=made.uid)
            log.info("pending booking %s written as %s", entry.id, made.uid)
            result = made
        store.update_pending(entry)
        if written is not None:
            written(entry, result)
        done.append(entry)
    return done
