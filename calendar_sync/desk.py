"""What a seat's booking panel asks of a client's calendars: offers of free slots and
bookings, as plain data.

The same steps as the ``slots`` and ``book`` commands (:mod:`calendar_sync.cli_booking`),
without printing: the pop's panel runs these functions in a background task and words the
results itself. A lost race raises :class:`~calendar_sync.errors.SlotTaken` carrying the
fresh slots; an unreachable server gives a pending :class:`Outcome`, never an exception.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from appenv.errors import UserError
from appenv.times import utc_now
from calendar_sync import booking, client_calendars, events, pending
from calendar_sync.errors import SlotTaken, SourceUnreachable
from calendar_sync.hours import WorkingHours
from calendar_sync.registry import CalendarSource
from calendar_sync.slots import AppointmentType, Slot, blockers, find_slots
from clients.model import ClientProfile
from storage.interfaces import CalendarStore

OFFER_COUNT = 8  # slots shown in the panel at once


@dataclass(frozen=True)
class Offer:
    """The next free slots, and how fresh the calendar data behind them is."""

    slots: tuple[Slot, ...]
    as_of: dt.datetime | None  # now, or the oldest cache used offline (None: never synced)
    offline: tuple[str, ...] = ()  # URLs answered from the cache (their servers are down)


@dataclass(frozen=True)
class Outcome:
    """A booking made (``uid`` of the event) or kept pending (``pending`` True)."""

    slot: Slot
    kind: AppointmentType
    uid: str
    pending: bool = False


def sources_of(store: CalendarStore, code: str) -> list[CalendarSource]:
    sources = store.sources(code)
    if not sources:
        raise UserError(f"{code} has no calendar yet; add one with 'vorzimmer calendar add'.")
    return sources


def staff_for(store: CalendarStore, code: str, kind: AppointmentType) -> list[str]:
    """Who can be booked for ``kind`` ("" alone: the client's own calendar)."""
    names = client_calendars.staff_of(store.sources(code), None)
    return [n for n in names if not n or kind.offered_by(n)]


def hours_for(profile: ClientProfile, since: dt.datetime, days: int) -> WorkingHours:
    years = range(since.year, (since + dt.timedelta(days=days + 1)).year + 1)
    return client_calendars.working_hours(profile, years)


def flush_pending(
    store: CalendarStore, sources: list[CalendarSource], hours: WorkingHours, seat: str
) -> list[pending.PendingBooking]:
    """Write the bookings kept while a server was down; the ones changed (written or
    in conflict)."""
    changed = []
    for source in {s.url: s for s in sources if s.writable}.values():
        if not any(e.url == source.url and e.state == pending.PENDING for e in store.pending()):
            continue

        def staffing(
            entry: pending.PendingBooking, src: CalendarSource = source
        ) -> booking.Staffing:
            return client_calendars.staffing(store, hours, sources, entry.staff, src)

        target = client_calendars.remote_of(source)
        changed += pending.flush(store, source.url, target, staffing, now=utc_now(), seat=seat)
    return changed


def offer(
    store: CalendarStore,
    profile: ClientProfile,
    kind: AppointmentType,
    staff: str | None,
    since: dt.datetime,
    seat: str,
    count: int = OFFER_COUNT,
) -> Offer:
    """The next ``count`` free slots from ``since`` for ``staff`` (None: anyone offering it)."""
    code = profile.client.code
    sources = sources_of(store, code)
    hours = hours_for(profile, since, kind.horizon_days)
    flush_pending(store, sources, hours, seat)
    now = utc_now()
    calendars, freshness = client_calendars.staff_calendars(store, sources, hours, staff)
    calendars = [c for c in calendars if staff is not None or kind.offered_by(c.name)]
    offline = tuple(url for url, _ in freshness.offline)
    times = [when for _, when in freshness.offline]
    as_of: dt.datetime | None = now
    if times:
        as_of = None if None in times else min(t for t in times if t is not None)
    return Offer(tuple(find_slots(calendars, kind, since, now, count)), as_of, offline)


def book(
    store: CalendarStore,
    profile: ClientProfile,
    kind: AppointmentType,
    slot: Slot,
    caller: str,
    phone: str,
    seat: str,
) -> Outcome:
    """Book ``slot``; :class:`SlotTaken` (with fresh ``alternatives``) when someone else
    got it; a pending outcome when the server is unreachable and the cache has no objection."""
    code = profile.client.code
    sources = sources_of(store, code)
    hours = hours_for(profile, slot.start, kind.horizon_days)
    target_source = client_calendars.booking_source(sources, slot.staff)
    summary = f"{kind.name or 'Termin'}: {caller}"
    appointment = events.Appointment(
        slot.start, slot.end, summary, slot.staff, kind.name, caller, phone
    )
    try:
        flush_pending(store, sources, hours, seat)
        who = client_calendars.staffing(store, hours, sources, slot.staff, target_source)
        target = client_calendars.remote_of(target_source)
        made = booking.book(target, who, kind, appointment, now=utc_now(), seat=seat)
    except SlotTaken as exc:
        fresh = offer(store, profile, kind, None, slot.start, seat)
        raise SlotTaken(exc.start, exc.blocking, alternatives=fresh.slots) from exc
    except SourceUnreachable:
        reasons = offline_blockers(store, sources, hours, slot.staff, kind, slot.start)
        if reasons:
            raise SlotTaken(slot.start, "; ".join(reasons)) from None
        entry = pending.PendingBooking(
            events.new_uid(), code, target_source.url, slot.staff, kind, slot.start,
            slot.end, summary, caller, phone,
        )  # fmt: skip
        store.add_pending(entry)
        return Outcome(slot, kind, entry.id, pending=True)
    return Outcome(slot, kind, made.uid)


def offline_blockers(
    store: CalendarStore,
    sources: list[CalendarSource],
    hours: WorkingHours,
    staff: str,
    kind: AppointmentType,
    start: dt.datetime,
) -> list[str]:
    """What the cached copy says against a booking made offline (``[]``: keep it pending)."""
    try:
        cached, _ = client_calendars.staff_calendars(
            store, sources, hours, staff or None, refresh=False
        )
    except UserError:  # a feed that is unreachable too: nothing more to check against
        return []
    mine = [c for c in cached if c.name == staff] or cached
    return blockers(mine[0], kind, start, utc_now()) if mine else []
