"""A client's calendars put together: who can be booked, when, and where it is written.

The functions here are what the command line and the pop's booking panel call (from a
background task): they read the seat's registry, the client's hours and closures, sync
the CalDAV caches (working from the cache when the server is unreachable, and saying so),
and hand back plain :class:`StaffCalendar` snapshots and booking targets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import icalendar

from appenv import logs
from calendar_sync.booking import BookingTarget, Staffing
from calendar_sync.busy import BusyPolicy, EventIndex
from calendar_sync.caldav_source import CalDavCalendar
from calendar_sync.errors import CalendarError, SourceUnreachable
from calendar_sync.events import BOOKED, booking_calendar
from calendar_sync.hours import Opening, WorkingHours, public_holidays
from calendar_sync.ics import parse_calendar
from calendar_sync.local_calendar import LocalCalendar
from calendar_sync.pending import PENDING
from calendar_sync.registry import CalendarSource
from calendar_sync.slots import StaffCalendar
from calendar_sync.sources import fetch_feed, read_file
from calendar_sync.sync_cache import sync
from clients.model import ClientProfile
from storage.interfaces import CalendarStore

log = logs.get("calendar")


def working_hours(profile: ClientProfile, years: Iterable[int]) -> WorkingHours:
    """The client's business hours (breaks = gaps), closures and public holidays."""
    openings = tuple(
        Opening(i.weekday, i.opens, dt.time(0) if i.closes == dt.time.max else i.closes)
        for i in profile.hours.intervals
    )
    closed: set[dt.date] = set(public_holidays(profile.client.state, years))
    for closure in profile.closures:
        day = closure.start
        while day <= closure.end:
            closed.add(day)
            day += dt.timedelta(days=1)
    return WorkingHours(openings, profile.client.timezone, frozenset(closed))


def secret_for(source: CalendarSource) -> str | None:
    if not source.user:
        return None
    from appenv.secrets import get_secret

    password = get_secret(source.secret_key)
    if password is None:
        raise CalendarError(f"No password for {source.url} in the keyring; add the calendar again.")
    return password


def remote_of(source: CalendarSource) -> BookingTarget:
    """Where bookings for ``source`` are written (CalDAV collection or local folder)."""
    if source.kind == "local":
        return LocalCalendar(Path(source.url))
    return caldav_of(source)


def caldav_of(source: CalendarSource) -> CalDavCalendar:
    return CalDavCalendar(source.url, source.user or None, secret_for(source))


@dataclass
class Freshness:
    """How current the data behind an answer is: shown beside the slots."""

    offline: list[tuple[str, dt.datetime | None]] = field(default_factory=list)

    def notes(self, zone: dt.tzinfo) -> list[str]:
        lines = []
        for url, when in self.offline:
            since = f"{when.astimezone(zone):%Y-%m-%d %H:%M}" if when else "never synced"
            lines.append(f"{url} is unreachable; using the copy from {since}")
        return lines


def source_calendars(
    store: CalendarStore, source: CalendarSource, freshness: Freshness, *, refresh: bool = True
) -> list[icalendar.Calendar]:
    """The source's calendars: CalDAV from the synced cache, feeds and files read now."""
    if source.kind == "file":
        return [read_file(Path(source.url))]
    if source.kind == "feed":
        return [fetch_feed(source.url)]
    if source.kind == "local":
        return [parse_calendar(i.data, i.href) for i in LocalCalendar(Path(source.url)).items()]
    cache = store.load_cache(source.url)
    if refresh:
        try:
            report = sync(caldav_of(source), cache)
            store.save_cache(cache)
            log.info(
                "synced %s: %d changed, %d deleted", source.url, report.changed, report.deleted
            )
        except SourceUnreachable as exc:
            log.info("working offline from the cache of %s: %s", source.url, exc.detail)
            freshness.offline.append((source.url, cache.synced_at))
    return cache.calendars()


def staff_of(sources: Sequence[CalendarSource], staff: str | None) -> list[str]:
    """Bookable names: the staff with a calendar of their own, else the client itself ("")."""
    names = sorted({s.staff for s in sources if s.staff})
    if staff is not None:
        if staff not in names and not any(s.staff == "" for s in sources):
            raise CalendarError(f"{staff} has no calendar (known: {', '.join(names) or 'none'}).")
        return [staff]
    return names or [""]


def staff_calendars(
    store: CalendarStore,
    sources: Sequence[CalendarSource],
    hours: WorkingHours,
    staff: str | None,
    *,
    refresh: bool = True,
) -> tuple[list[StaffCalendar], Freshness]:
    """Each bookable staff member's calendars (their own, the client's, and the bookings
    still pending for them, which block like written ones)."""
    freshness = Freshness()
    loaded = {s.key: source_calendars(store, s, freshness, refresh=refresh) for s in sources}
    urls = {s.url for s in sources}
    waiting = [p for p in store.pending() if p.state == PENDING and p.url in urls]
    result = []
    for name in staff_of(sources, staff):
        mine = [s for s in sources if s.staff in ("", name)]
        policy = BusyPolicy(tentative_busy=all(s.tentative_busy for s in mine), zone=hours.zone)
        calendars = [c for s in mine for c in loaded[s.key]]
        calendars += [
            parse_calendar(booking_calendar(p.id, p.appointment(), BOOKED, "pending"))
            for p in waiting
            if p.staff == name
        ]
        result.append(StaffCalendar(name, hours, EventIndex(calendars, policy)))
    return result, freshness


def booking_source(sources: Sequence[CalendarSource], staff: str) -> CalendarSource:
    """Where a booking for ``staff`` is written: their own CalDAV calendar, else the client's."""
    for wanted in (staff, ""):
        for source in sources:
            if source.writable and source.staff == wanted:
                return source
    raise CalendarError(
        f"There is no calendar to book into for {staff or 'this client'}; add a CalDAV "
        "calendar or the local one with 'vorzimmer calendar add'."
    )


def staffing(
    store: CalendarStore,
    hours: WorkingHours,
    sources: Sequence[CalendarSource],
    staff: str,
    target: CalendarSource,
) -> Staffing:
    """The booking protocol's view of ``staff``: the target is read fresh, the rest cached."""
    mine = [s for s in sources if s.staff in ("", staff)]
    policy = BusyPolicy(tentative_busy=all(s.tentative_busy for s in mine), zone=hours.zone)
    freshness = Freshness()
    others = [
        c
        for s in mine
        if s.key != target.key
        for c in source_calendars(store, s, freshness, refresh=False)
    ]
    return Staffing(staff, hours, policy, tuple(others))
