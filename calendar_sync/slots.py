"""Free slots for an appointment type, and the one check that booking repeats.

:func:`blockers` is the single definition of "this slot is bookable"; the slot search
(:func:`find_slots`) and the re-check just before a booking is written both use it, so the
second answer can never differ from the first for the same calendar data (the defect of
nextcloud/calendar #5791). Everything is plain data and plain functions: the UI calls
them from a background task.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from calendar_sync.busy import Busy, EventIndex
from calendar_sync.hours import WorkingHours
from calendar_sync.zones import zone_of


@dataclass(frozen=True)
class AppointmentType:
    """A client's kind of appointment (e.g. "Erstberatung", 60 minutes)."""

    name: str
    minutes: int
    before: int = 0  # buffer minutes that must be free before the appointment
    after: int = 0  # ... and after it
    notice: int = 0  # minimum minutes between now and the start
    horizon_days: int = 90  # how far ahead it may be booked
    step: int = 15  # start times fall on multiples of this many minutes (local clock)
    max_per_day: int | None = None
    staff: tuple[str, ...] = ()  # who offers it; empty = every staff member

    def __post_init__(self) -> None:
        if self.minutes <= 0 or self.step <= 0:
            raise ValueError("an appointment type needs positive minutes and step")
        if min(self.before, self.after, self.notice, self.horizon_days) < 0:
            raise ValueError("buffers, notice and horizon cannot be negative")
        if self.max_per_day is not None and self.max_per_day < 1:
            raise ValueError("max per day must be at least 1")

    @classmethod
    def plain(cls, minutes: int, step: int = 15) -> AppointmentType:
        """``--minutes N`` without a named type: no buffers, no notice, a year ahead."""
        return cls(name="", minutes=minutes, step=step, horizon_days=366)

    def offered_by(self, staff: str) -> bool:
        return not self.staff or staff in self.staff

    @property
    def duration(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.minutes)


@dataclass(frozen=True)
class StaffCalendar:
    """One bookable person or resource: hours plus the busy periods of its calendars."""

    name: str
    hours: WorkingHours
    index: EventIndex


@dataclass(frozen=True, order=True)
class Slot:
    start: dt.datetime  # aware UTC
    end: dt.datetime
    staff: str

    def local_start(self, zone: str) -> dt.datetime:
        return self.start.astimezone(zone_of(zone))


def window(kind: AppointmentType, start: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The stretch that must be free: the appointment plus its buffers."""
    return (
        start - dt.timedelta(minutes=kind.before),
        start + kind.duration + dt.timedelta(minutes=kind.after),
    )


def blockers(
    staff: StaffCalendar,
    kind: AppointmentType,
    start: dt.datetime,
    now: dt.datetime,
    busy: Sequence[Busy] | None = None,
) -> list[str]:
    """Why ``start`` cannot be booked with ``staff`` (empty list: bookable).

    ``busy`` may hold the day's busy periods already fetched (the slot search passes them).
    """
    reasons: list[str] = []
    zone = zone_of(staff.hours.zone)
    end = start + kind.duration
    local_day = start.astimezone(zone).date()
    if not kind.offered_by(staff.name):
        reasons.append(f"{staff.name} does not offer {kind.name}")
    if start < now + dt.timedelta(minutes=kind.notice):
        reasons.append(f"less than {kind.notice} minutes' notice" if kind.notice else "in the past")
    if start > now + dt.timedelta(days=kind.horizon_days):
        reasons.append(f"more than {kind.horizon_days} days ahead")
    if local_day in staff.hours.closed_days:
        reasons.append("closed (holiday or closure)")
    elif not any(a <= start and end <= b for a, b in staff.hours.open_periods(local_day)):
        reasons.append("outside working hours")
    low, high = window(kind, start)
    day_busy = list(busy) if busy is not None else _day_busy(staff, kind, local_day)
    reasons.extend(b.describe(zone) for b in day_busy if b.overlaps(low, high))
    if kind.max_per_day is not None and kind.name:
        same = {(b.uid, b.start) for b in day_busy if b.appointment_type == kind.name}
        if len(same) >= kind.max_per_day:
            reasons.append(f"already {len(same)} × {kind.name} that day")
    return reasons


def _day_busy(staff: StaffCalendar, kind: AppointmentType, day: dt.date) -> list[Busy]:
    """Busy periods touching the local ``day`` (widened by the type's buffers)."""
    zone = zone_of(staff.hours.zone)
    first = dt.datetime.combine(day, dt.time(0), tzinfo=zone).astimezone(dt.UTC)
    last = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=zone).astimezone(
        dt.UTC
    )
    return staff.index.between(
        first - dt.timedelta(minutes=kind.before), last + dt.timedelta(minutes=kind.after)
    )


def _candidates(
    staff: StaffCalendar, kind: AppointmentType, day: dt.date, earliest: dt.datetime
) -> Iterator[dt.datetime]:
    zone = zone_of(staff.hours.zone)
    midnight = dt.datetime.combine(day, dt.time(0), tzinfo=zone)
    step = dt.timedelta(minutes=kind.step)
    for opens, closes in staff.hours.open_periods(day):
        first = max(opens, earliest)
        # local clock multiples of the step (wall time, so 09:30 stays 09:30 across DST)
        since = first.astimezone(zone).replace(tzinfo=None) - midnight.replace(tzinfo=None)
        k = -(-since // step)
        local = midnight.replace(tzinfo=None) + k * step
        while True:
            start = dt.datetime.combine(local.date(), local.time(), tzinfo=zone).astimezone(dt.UTC)
            if start + kind.duration > closes:
                break
            if start >= first:
                yield start
            local += step


def staff_slots(
    staff: StaffCalendar, kind: AppointmentType, since: dt.datetime, now: dt.datetime
) -> Iterator[Slot]:
    """Free slots of one staff member from ``since`` on, in time order, up to the horizon."""
    if not kind.offered_by(staff.name):
        return
    zone = zone_of(staff.hours.zone)
    earliest = max(since, now + dt.timedelta(minutes=kind.notice))
    latest = now + dt.timedelta(days=kind.horizon_days)
    day = earliest.astimezone(zone).date()
    while dt.datetime.combine(day, dt.time(0), tzinfo=zone) <= latest:
        if day not in staff.hours.closed_days and staff.hours.open_periods(day):
            busy = _day_busy(staff, kind, day)
            periods = [(b.start, b.end) for b in busy]
            for start in _candidates(staff, kind, day, earliest):
                if start > latest:
                    return
                low, high = window(kind, start)
                if any(a < high and low < b for a, b in periods):
                    continue  # blockers() would name this period: skip the formatting
                if not blockers(staff, kind, start, now, busy):
                    yield Slot(start, start + kind.duration, staff.name)
        day += dt.timedelta(days=1)


def find_slots(
    staff: Sequence[StaffCalendar],
    kind: AppointmentType,
    since: dt.datetime,
    now: dt.datetime,
    count: int = 10,
) -> list[Slot]:
    """The next ``count`` free slots over all ``staff`` ("anyone who offers this type")."""
    merged = heapq.merge(*(staff_slots(s, kind, since, now) for s in staff))
    found: list[Slot] = []
    for slot in merged:
        found.append(slot)
        if len(found) >= count:
            break
    return found
