"""Busy periods of a calendar: every occurrence, with its exceptions, in UTC.

Where reference tools go wrong we follow RFC 5545 literally: a series blocks every
occurrence (RRULE, RDATE), minus EXDATEs, with RECURRENCE-ID overrides replacing their
occurrence (moved, shortened, cancelled, made free); all-day and multi-day events block
whole days up to the exclusive DTEND; DURATION works like DTEND; TRANSP:TRANSPARENT (and
Outlook's ``X-MICROSOFT-CDO-BUSYSTATUS:FREE``) and STATUS:CANCELLED are free; TENTATIVE
is busy unless the policy says otherwise. Floating times and dates are read in the
calendar owner's zone. Published free/busy (``VFREEBUSY``) blocks its busy periods.

:class:`EventIndex` is built once per calendar snapshot; single events sit in a sorted
list, series are expanded a month at a time (:mod:`calendar_sync.series`).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import icalendar

from calendar_sync.errors import BrokenCalendar
from calendar_sync.series import Series, SeriesSet, make_series
from calendar_sync.zones import DEFAULT_ZONE, zone_of

BOOKING_PROP = "X-VORZIMMER-BOOKING"  # "claim" while a booking is being made, then "booked"
TYPE_PROP = "X-VORZIMMER-TYPE"  # the appointment type's name (for "max per day")
STALE_CLAIM = dt.timedelta(minutes=10)  # a claim this old was abandoned (seat went offline)
_BUSY_FBTYPES = frozenset({"BUSY", "BUSY-UNAVAILABLE", "BUSY-TENTATIVE"})


@dataclass(frozen=True)
class BusyPolicy:
    """What counts as busy; TENTATIVE blocks by default (an option per calendar)."""

    tentative_busy: bool = True
    zone: str = DEFAULT_ZONE  # for floating times and all-day dates


@dataclass(frozen=True, order=True)
class Busy:
    """One blocking occurrence, ``start`` < ``end``, both aware UTC."""

    start: dt.datetime
    end: dt.datetime
    summary: str = ""
    uid: str = ""
    status: str = ""
    all_day: bool = False
    booking: str = ""  # BOOKING_PROP value of an event Vorzimmer wrote, else ""
    appointment_type: str = ""

    def overlaps(self, start: dt.datetime, end: dt.datetime) -> bool:
        return self.start < end and start < self.end

    def describe(self, zone: dt.tzinfo) -> str:
        """``09:00–10:00 Team meeting`` (dates for all-day events), in ``zone``."""
        start, end = self.start.astimezone(zone), self.end.astimezone(zone)
        title = self.summary or "(no title)"
        if self.all_day:
            last = (end - dt.timedelta(days=1)).date()
            span = f"{start:%Y-%m-%d}" if last <= start.date() else f"{start:%Y-%m-%d}–{last}"
            return f"{span} all day: {title}"
        day = f"{start:%Y-%m-%d %H:%M}–" + (
            f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
        )
        return f"{day} {title}"


@dataclass
class _Part:
    """What one calendar adds to an index."""

    singles: list[Busy]
    series: list[Series]


def _start(busy: Busy) -> dt.datetime:
    return busy.start


class EventIndex:
    """Free/busy of one or more calendars, queried by UTC window."""

    def __init__(
        self,
        calendars: Iterable[icalendar.Calendar] | Mapping[str, icalendar.Calendar],
        policy: BusyPolicy,
    ) -> None:
        """``calendars`` keyed (e.g. by href) lets :meth:`with_changes` replace one of them."""
        self.policy = policy
        self.zone = zone_of(policy.zone)
        self._built = dt.datetime.now(dt.UTC)
        pairs = calendars.items() if isinstance(calendars, Mapping) else enumerate(calendars)
        self._parts = {str(key): self._part(calendar) for key, calendar in pairs}
        self._assemble()

    def with_changes(self, changes: Mapping[str, icalendar.Calendar | None]) -> EventIndex:
        """A new index with the keyed calendars replaced (``None``: removed); the rest reused."""
        new = EventIndex({}, self.policy)
        new._parts = dict(self._parts)
        for key, calendar in changes.items():
            if calendar is None:
                new._parts.pop(key, None)
            else:
                new._parts[key] = new._part(calendar)
        new._assemble()
        return new

    def _assemble(self) -> None:
        singles = [b for part in self._parts.values() for b in part.singles]
        singles.sort(key=_start)
        self._singles = singles
        self._starts = [b.start for b in singles]
        self._longest = max((b.end - b.start for b in singles), default=dt.timedelta(0))
        series = [s for part in self._parts.values() for s in part.series]
        self._series = SeriesSet(self._busy, series)

    def _part(self, calendar: icalendar.Calendar) -> _Part:
        groups: dict[str, list[icalendar.Component]] = {}
        for component in calendar.walk("VEVENT"):
            groups.setdefault(str(component.get("UID", "")) or f"#{id(component)}", []).append(
                component
            )
        timezones = calendar.walk("VTIMEZONE")
        part = _Part([], [])
        for uid, components in groups.items():
            recurring = len(components) > 1 or any(
                "RRULE" in c or "RDATE" in c or "RECURRENCE-ID" in c for c in components
            )
            if recurring:
                part.series.append(make_series(components, timezones, self.moment))
            else:
                busy = self._busy(components[0], uid)
                if busy is not None:
                    part.singles.append(busy)
        for freebusy in calendar.walk("VFREEBUSY"):
            part.singles.extend(self._freebusy(freebusy))
        return part

    def warm(self, start: dt.datetime, end: dt.datetime) -> None:
        """Expand the series for [start, end) ahead of the queries (e.g. the booking horizon
        after a sync, in a background task), so that a slot search costs milliseconds."""
        self._series.warm(start, end)

    def between(self, start: dt.datetime, end: dt.datetime) -> list[Busy]:
        """Every busy occurrence overlapping [start, end), sorted by start."""
        found: list[Busy] = []
        low = bisect.bisect_left(self._starts, start - self._longest)
        high = bisect.bisect_left(self._starts, end)
        found.extend(b for b in self._singles[low:high] if b.end > start)
        for busy in self._series.between(start, end):
            if isinstance(busy, Busy) and busy.overlaps(start, end):
                found.append(busy)
        found.sort(key=_start)
        return found

    def _busy(self, event: icalendar.Component, uid: str) -> Busy | None:
        status = str(event.get("STATUS", "")).upper()
        if status == "CANCELLED":
            return None
        if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
            return None
        if str(event.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).upper() == "FREE":
            return None
        if status == "TENTATIVE" and not self.policy.tentative_busy:
            return None
        if str(event.get(BOOKING_PROP, "")) == "claim" and _stale(event, self._built):
            return None  # a booking abandoned half-way (its seat lost the server): no block
        try:
            start, end, all_day = self.span(event)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            summary = str(event.get("SUMMARY", ""))
            raise BrokenCalendar(
                f"The event {summary or uid!r} has no usable start or end: {exc}",
                detail=repr(exc),
            ) from exc
        if end <= start:
            return None  # an instant (DTSTART only) takes up no time
        return Busy(
            start=start,
            end=end,
            summary=str(event.get("SUMMARY", "")),
            uid=uid,
            status=status,
            all_day=all_day,
            booking=str(event.get(BOOKING_PROP, "")),
            appointment_type=str(event.get(TYPE_PROP, "")),
        )

    def span(self, event: icalendar.Component) -> tuple[dt.datetime, dt.datetime, bool]:
        """(start, end, all-day) of one event or occurrence, in UTC (RFC 5545 3.6.1)."""
        raw_start = _value(event, "DTSTART")
        if not isinstance(raw_start, dt.date):
            raise ValueError(f"DTSTART is not a date or date-time: {raw_start!r}")
        all_day = not isinstance(raw_start, dt.datetime)
        raw_end: dt.date
        if "DTEND" in event:
            given = _value(event, "DTEND")
            if not isinstance(given, dt.date):
                raise ValueError(f"DTEND is not a date or date-time: {given!r}")
            raw_end = given
        elif "DURATION" in event:
            duration = _value(event, "DURATION")
            if not isinstance(duration, dt.timedelta):
                raise ValueError(f"DURATION is not a duration: {duration!r}")
            raw_end = raw_start + duration
        else:  # a date lasts one day, a date-time is an instant
            raw_end = raw_start + dt.timedelta(days=1) if all_day else raw_start
        return self.moment(raw_start), self.moment(raw_end), all_day

    def moment(self, value: dt.date | dt.datetime) -> dt.datetime:
        """UTC of a DATE (midnight local) or DATE-TIME (floating = local, DST-aware)."""
        if not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time(0))
        if value.tzinfo is None or value.utcoffset() is None:
            value = value.replace(tzinfo=self.zone)
        return value.astimezone(dt.UTC)

    def _freebusy(self, component: icalendar.Component) -> Iterator[Busy]:
        periods = component.get("FREEBUSY", [])
        for prop in periods if isinstance(periods, list) else [periods]:
            fbtype = str(prop.params.get("FBTYPE", "BUSY")).upper()
            if fbtype not in _BUSY_FBTYPES:
                continue
            if fbtype == "BUSY-TENTATIVE" and not self.policy.tentative_busy:
                continue
            for period in _periods(prop):
                start, end_or_duration = period
                end = (
                    start + end_or_duration
                    if isinstance(end_or_duration, dt.timedelta)
                    else end_or_duration
                )
                yield Busy(start=self.moment(start), end=self.moment(end), summary="busy")


def _stale(event: icalendar.Component, now: dt.datetime) -> bool:
    """A claim older than :data:`STALE_CLAIM`: no booking in progress takes that long."""
    stamp = getattr(event.get("DTSTAMP"), "dt", None)
    return (
        isinstance(stamp, dt.datetime) and stamp.tzinfo is not None and (stamp < now - STALE_CLAIM)
    )


def _value(component: icalendar.Component, name: str) -> object:
    """The Python value of a date/time property; ``ValueError`` if missing or broken."""
    prop = component.get(name)
    if prop is None:
        raise ValueError(f"{name} is missing")
    return getattr(prop, "dt", None)


def _periods(prop: object) -> Sequence[tuple[dt.datetime, dt.datetime | dt.timedelta]]:
    dts = getattr(prop, "dts", None)
    if dts is not None:
        return [d.dt for d in dts]
    value = getattr(prop, "dt", None)
    return [value] if isinstance(value, tuple) else []
