"""Race-safe booking into a calendar that anyone else may write to at the same time.

CalDAV preconditions protect a resource, not a time slot, so two seats can write two
events into one slot and both succeed. The protocol here makes that impossible, using
only what every server offers (range query, ``If-None-Match: *``, ``If-Match``):

1. **re-check** the slot against fresh server data with :func:`slots.blockers` — the
   same function that found it;
2. **claim**: PUT a new event marked ``claim`` with ``If-None-Match: *``;
3. **verify**: read the slot again. Only ours → *won*: the claim becomes ``booked``.
   Any other event or booking there → *lost*. Other claims only → the claim with the
   smallest UID waits for the others to go, every other claimant withdraws.
4. a loser deletes its own claim and raises :class:`SlotTaken`.

Why never two winners: a seat wins only if its read, made after its own write, saw no
other event. For two overlapping claims A and B, if A's read came before B's write then
B's read (after B's write) comes after A's write and sees A — so at most one of them
sees itself alone. A seat that sees only claims waits while it holds the smallest UID
and withdraws otherwise, so the race always ends (or times out as lost). Moves and
cancellations keep the UID (SEQUENCE + 1); a move claims its new slot the same way first.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Protocol

import icalendar

from appenv import logs
from calendar_sync import events
from calendar_sync.busy import Busy, BusyPolicy, EventIndex
from calendar_sync.caldav_source import PreconditionFailed, RemoteItem
from calendar_sync.errors import CalendarError, SlotTaken
from calendar_sync.hours import WorkingHours
from calendar_sync.ics import parse_calendar
from calendar_sync.slots import AppointmentType, StaffCalendar, blockers, window
from calendar_sync.zones import zone_of

log = logs.get("calendar")


class BookingTarget(Protocol):
    """Where bookings are written: a CalDAV collection or the local calendar folder."""

    def items_between(self, start: dt.datetime, end: dt.datetime) -> list[RemoteItem]: ...
    def create(self, name: str, data: bytes) -> RemoteItem: ...
    def replace(self, href: str, data: bytes, etag: str) -> RemoteItem: ...
    def delete(self, href: str, etag: str | None = None) -> None: ...
    def get(self, href: str) -> RemoteItem | None: ...


@dataclass(frozen=True)
class Staffing:
    """A bookable staff member without a calendar snapshot: the protocol reads it fresh."""

    name: str
    hours: WorkingHours
    policy: BusyPolicy = field(default_factory=BusyPolicy)
    # busy times from the staff member's other sources (client calendar, feeds), as cached
    others: tuple[icalendar.Calendar, ...] = ()


@dataclass(frozen=True)
class Booking:
    uid: str
    href: str
    etag: str
    start: dt.datetime
    end: dt.datetime
    staff: str


def fresh(
    target: BookingTarget,
    staff: Staffing,
    kind: AppointmentType,
    start: dt.datetime,
    ignore: Collection[str] = (),
) -> StaffCalendar:
    """The staff member's calendar around ``start`` as the server has it right now."""
    zone = zone_of(staff.hours.zone)
    day = start.astimezone(zone).date()
    first = dt.datetime.combine(day - dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    last = dt.datetime.combine(day + dt.timedelta(days=2), dt.time(0), tzinfo=zone)
    pad = dt.timedelta(minutes=max(kind.before, kind.after))
    items = target.items_between(first - pad, last + pad)
    calendars = [parse_calendar(i.data, i.href) for i in items]
    if ignore:
        calendars = [c for c in calendars if not _uids(c) & set(ignore)]
    index = EventIndex([*calendars, *staff.others], staff.policy)
    return StaffCalendar(staff.name, staff.hours, index)


def _uids(calendar: icalendar.Calendar) -> set[str]:
    return {str(e.get("UID", "")) for e in calendar.walk("VEVENT")}


def book(
    target: BookingTarget,
    staff: Staffing,
    kind: AppointmentType,
    appointment: events.Appointment,
    *,
    now: dt.datetime,
    seat: str,
    patience: float = 15.0,
) -> Booking:
    """Book ``appointment`` or raise :class:`SlotTaken`; never leaves a second event."""
    uid = events.new_uid()
    claim = _claim(target, staff, kind, appointment, uid, now, seat, patience, ignore=())
    item = _promote(target, claim)
    log.info("booked %s at %s for %s", uid, appointment.start.isoformat(), staff.name)
    return Booking(uid, item.href, item.etag, appointment.start, appointment.end, staff.name)


def reschedule(
    target: BookingTarget,
    staff: Staffing,
    kind: AppointmentType,
    href: str,
    new_start: dt.datetime,
    *,
    now: dt.datetime,
    seat: str,
    patience: float = 15.0,
) -> Booking:
    """Move the event at ``href`` to ``new_start`` (same UID), once the new slot is won."""
    current = target.get(href)
    if current is None:
        raise CalendarError("The appointment no longer exists in the calendar.")
    uid = events.uid_of(current.data)
    moved = events.Appointment(new_start, new_start + kind.duration, "(Verlegung)", staff.name)
    claim = _claim(target, staff, kind, moved, events.new_uid(), now, seat, patience, ignore={uid})
    try:
        data = events.changed(
            current.data, state=events.BOOKED, start=new_start, end=new_start + kind.duration
        )
        item = target.replace(href, data, current.etag)
    except PreconditionFailed as exc:
        _withdraw(target, claim)
        raise CalendarError(
            "The appointment was changed in the calendar meanwhile; reload and try again."
        ) from exc
    except BaseException:  # the server failed mid-way: the event is unchanged, no claim left
        _withdraw(target, claim)
        raise
    _withdraw(target, claim)  # the move is made; a claim left behind only blocks its own slot
    log.info("moved %s to %s", uid, new_start.isoformat())
    return Booking(uid, item.href, item.etag, new_start, new_start + kind.duration, staff.name)


def cancel(target: BookingTarget, href: str) -> str:
    """Mark the event at ``href`` CANCELLED (UID kept, the slot is free again); its UID."""
    current = target.get(href)
    if current is None:
        raise CalendarError("The appointment no longer exists in the calendar.")
    target.replace(href, events.changed(current.data, cancelled=True), current.etag)
    uid = events.uid_of(current.data)
    log.info("cancelled %s", uid)
    return uid


def _claim(
    target: BookingTarget,
    staff: Staffing,
    kind: AppointmentType,
    appointment: events.Appointment,
    uid: str,
    now: dt.datetime,
    seat: str,
    patience: float,
    ignore: Collection[str],
) -> RemoteItem:
    # in the staff member's zone: a "taken" message names the time the operator sees
    start = appointment.start.astimezone(zone_of(staff.hours.zone))
    reasons = blockers(fresh(target, staff, kind, start, ignore), kind, start, now)
    if reasons:
        raise SlotTaken(start, "; ".join(reasons))
    data = events.booking_calendar(uid, appointment, events.CLAIM, seat)
    item = target.create(f"{uuid.uuid4().hex}.ics", data)
    deadline = time.monotonic() + patience
    delay = 0.02
    try:
        while True:
            current = fresh(target, staff, kind, start, ignore)
            low, high = window(kind, start)
            others = [b for b in current.index.between(low, high) if b.uid != uid]
            rules = [
                r
                for r in blockers(current, kind, start, now, _without(current, kind, start, uid))
                if not _names_busy(r, others, current)
            ]
            final = [b for b in others if b.booking != events.CLAIM]
            claims = sorted({b.uid for b in others if b.booking == events.CLAIM})
            if final or rules:
                what = "; ".join(rules + [b.describe(zone_of(staff.hours.zone)) for b in final])
                raise SlotTaken(start, what)
            if not claims:
                return item
            if claims[0] < uid:
                raise SlotTaken(start, "another seat is booking this slot")
            if time.monotonic() > deadline:
                raise SlotTaken(start, "another seat is still booking this slot")
            time.sleep(delay)
            delay = min(delay * 2, 0.2)
    except BaseException:  # lost, or the server failed mid-way: take our claim back
        _withdraw(target, item)
        raise


def _without(
    current: StaffCalendar, kind: AppointmentType, start: dt.datetime, uid: str
) -> list[Busy]:
    zone = zone_of(current.hours.zone)
    day = start.astimezone(zone).date()
    first = dt.datetime.combine(day, dt.time(0), tzinfo=zone) - dt.timedelta(minutes=kind.before)
    last = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=zone) + dt.timedelta(
        minutes=kind.after
    )
    return [b for b in current.index.between(first, last) if b.uid != uid]


def _names_busy(reason: str, others: list[Busy], current: StaffCalendar) -> bool:
    """Busy periods are judged by the claim rules above, not as plain blockers."""
    zone = zone_of(current.hours.zone)
    return any(reason == b.describe(zone) for b in others)


def _promote(target: BookingTarget, claim: RemoteItem) -> RemoteItem:
    """The won claim becomes the booking; a server that rewrote it meanwhile (new ETag)
    gets one retry on its fresh copy, else the claim is withdrawn, never left behind."""
    try:
        try:
            return target.replace(
                claim.href, events.changed(claim.data, state=events.BOOKED), claim.etag
            )
        except PreconditionFailed:
            fresh_copy = target.get(claim.href)
            if fresh_copy is None:
                raise
            data = events.changed(fresh_copy.data, state=events.BOOKED)
            return target.replace(claim.href, data, fresh_copy.etag)
    except BaseException:
        _withdraw(target, claim)
        raise


def _withdraw(target: BookingTarget, item: RemoteItem) -> None:
    """Remove our own claim; if even that fails the claim stays visible, never hidden."""
    try:
        target.delete(item.href)
    except CalendarError as exc:
        log.warning("could not withdraw claim %s: %s", item.href, exc.detail or exc)
