"""What a seat's booking panel asks of a client's calendars: offers of free slots,
bookings, the caller's appointments, moves, cancellations and conflicts, as plain data.

The same steps as the ``slots``, ``book`` and ``appointment`` commands
(:mod:`calendar_sync.cli_booking`), without printing: the pop's panel runs these functions
in a background task and words the results itself (:mod:`reports.appointment_wording`).
Every booking, move and cancellation is recorded in the appointments journal
(:mod:`calendar_sync.journal`) with the call it was made in. A lost race raises
:class:`~calendar_sync.errors.SlotTaken` carrying the fresh slots; an unreachable server
gives a pending :class:`Outcome` for a booking, never an exception — but a move or a
cancellation is refused then (:class:`~calendar_sync.errors.SourceUnreachable`, nothing
changed): it must not be left half done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from appenv.errors import UserError
from appenv.times import utc_now
from calendar_sync import booking, client_calendars, events, pending
from calendar_sync.errors import CalendarError, SlotTaken, SourceUnreachable
from calendar_sync.hours import WorkingHours
from calendar_sync.journal import AppointmentRecord, AppointmentState, current
from calendar_sync.registry import CalendarSource, type_named
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
    """A booking made (``uid`` of the event) or kept pending (``pending`` True), and its
    journal row."""

    slot: Slot
    kind: AppointmentType
    uid: str
    pending: bool = False
    record: AppointmentRecord | None = None


UNREACHABLE = "The calendar is unreachable; nothing was changed. Try again later."


class OfflineTaken(SlotTaken):
    """The server is unreachable and the calendar's cached copy says the slot is taken."""


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
        changed += pending.flush(
            store,
            source.url,
            target,
            staffing,
            now=utc_now(),
            seat=seat,
            written=lambda entry, made: _journal_flushed(store, entry, made, seat),
        )
    return changed


def _journal_flushed(
    store: CalendarStore,
    entry: pending.PendingBooking,
    made: booking.Booking | None,
    seat: str,
) -> None:
    """The pending booking's journal row becomes booked (with UID and href) or conflict."""
    rows = store.appointments(entry.client, uid=entry.id, states=[AppointmentState.PENDING])
    record = rows[-1] if rows else _pending_record(entry, None, "", "", seat)
    if made is None:
        record = replace(record, state=AppointmentState.CONFLICT, message=entry.message)
    else:
        record = replace(record, state=AppointmentState.BOOKED, uid=made.uid, href=made.href)
    if record.id is None:
        store.add_appointment(record)
    else:
        store.update_appointment(record)


def _pending_record(
    entry: pending.PendingBooking, call_key: str | None, email: str, operator: str, seat: str
) -> AppointmentRecord:
    return AppointmentRecord(
        client=entry.client, call_key=call_key, uid=entry.id, url=entry.url, staff=entry.staff,
        kind=entry.kind.name, starts_at=entry.start, ends_at=entry.end, caller=entry.caller,
        phone=entry.phone, email=email, state=AppointmentState.PENDING, operator=operator,
        seat=seat,
    )  # fmt: skip


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
    *,
    call_key: str | None = None,
    email: str = "",
    operator: str = "",
    alternatives: bool = True,
) -> Outcome:
    """Book ``slot`` and record it in the journal (with the call it was made in);
    :class:`SlotTaken` (with fresh ``alternatives`` unless told not to look) when someone
    else got it; a pending outcome when the server is unreachable and the cache has no
    objection."""
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
        if not alternatives:
            raise
        fresh = offer(store, profile, kind, None, slot.start, seat)
        raise SlotTaken(exc.start, exc.blocking, alternatives=fresh.slots) from exc
    except SourceUnreachable:
        reasons = offline_blockers(store, sources, hours, slot.staff, kind, slot.start)
        if reasons:
            raise OfflineTaken(slot.start, "; ".join(reasons)) from None
        entry = pending.PendingBooking(
            events.new_uid(), code, target_source.url, slot.staff, kind, slot.start,
            slot.end, summary, caller, phone,
        )  # fmt: skip
        store.add_pending(entry)
        record = store.add_appointment(_pending_record(entry, call_key, email, operator, seat))
        return Outcome(slot, kind, entry.id, pending=True, record=record)
    record = store.add_appointment(
        AppointmentRecord(
            client=code,
            call_key=call_key,
            uid=made.uid,
            url=target_source.url,
            href=made.href,
            staff=slot.staff,
            kind=kind.name,
            starts_at=made.start,
            ends_at=made.end,
            caller=caller,
            phone=phone,
            email=email,
            operator=operator,
            seat=seat,
        )
    )
    return Outcome(slot, kind, made.uid, record=record)


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


# -- the caller's appointments, moves, cancellations, conflicts -----------------------------
def upcoming(
    store: CalendarStore,
    code: str,
    *,
    phone: str | None = None,
    caller: str | None = None,
    now: dt.datetime,
) -> list[AppointmentRecord]:
    """The client's appointments still to come (booked, moved or pending; as each stands
    now), of the caller with ``phone`` (any spelling) or named ``caller`` — every caller's
    when neither is given."""
    found = store.appointments(code, ending_after=now, phone=phone, caller=caller)
    uids = {r.uid for r in found if r.uid}
    # each appointment as it stands now: its newest row (a move may have left the window)
    rows = [row for uid in sorted(uids) for row in store.appointments(code, uid=uid)]
    return [r for r in current(rows) if r.state.holds_slot and r.starts_at >= now]


def move(
    store: CalendarStore,
    profile: ClientProfile,
    record: AppointmentRecord,
    new_slot: Slot,
    seat: str,
    *,
    call_key: str | None = None,
    operator: str = "",
) -> AppointmentRecord:
    """Move the appointment to ``new_slot`` (same UID, SEQUENCE + 1, same staff member);
    its new journal row (``moved``, with the previous start). :class:`SlotTaken` with
    fresh ``alternatives`` when the new slot went to someone else (nothing changed)."""
    _check_current(store, profile, record)
    if new_slot.staff != record.staff:
        raise CalendarError(
            f"A move stays with {record.staff or 'the same calendar'}; to change who, cancel "
            "the appointment and book a new one."
        )
    kind = kind_of(store, record)
    sources = sources_of(store, record.client)
    hours = hours_for(profile, new_slot.start, kind.horizon_days)
    source = _source_of(sources, record)
    try:
        who = client_calendars.staffing(store, hours, sources, record.staff, source)
        made = booking.reschedule(
            client_calendars.remote_of(source), who, kind, record.href, new_slot.start,
            now=utc_now(), seat=seat,
        )  # fmt: skip
    except SlotTaken as exc:
        fresh = offer(store, profile, kind, record.staff, new_slot.start, seat)
        raise SlotTaken(exc.start, exc.blocking, alternatives=fresh.slots) from exc
    except SourceUnreachable as exc:
        raise SourceUnreachable(UNREACHABLE, detail=exc.detail or str(exc)) from exc
    return _record_change(
        store, record, AppointmentState.MOVED, call_key, operator, seat,
        href=made.href, starts_at=made.start, ends_at=made.end, previous_start=record.starts_at,
    )  # fmt: skip


def cancel(
    store: CalendarStore,
    profile: ClientProfile,
    record: AppointmentRecord,
    seat: str,
    *,
    call_key: str | None = None,
    operator: str = "",
) -> AppointmentRecord:
    """Cancel the appointment (STATUS:CANCELLED, UID kept: the slot is free again); its
    new journal row (``cancelled``)."""
    _check_current(store, profile, record)
    source = _source_of(sources_of(store, record.client), record)
    try:
        booking.cancel(client_calendars.remote_of(source), record.href)
    except SourceUnreachable as exc:
        raise SourceUnreachable(UNREACHABLE, detail=exc.detail or str(exc)) from exc
    return _record_change(
        store, record, AppointmentState.CANCELLED, call_key, operator, seat, previous_start=None
    )


def _record_change(
    store: CalendarStore,
    record: AppointmentRecord,
    state: AppointmentState,
    call_key: str | None,
    operator: str,
    seat: str,
    **changed: Any,
) -> AppointmentRecord:
    """The journal's new row for a move or a cancellation, made during call ``call_key``."""
    return store.add_appointment(
        replace(
            record,
            id=None,
            call_key=call_key,
            state=state,
            message="",
            operator=operator,
            seat=seat,
            acknowledged=False,
            created_at=None,
            updated_at=None,
            **changed,
        )
    )


def find(store: CalendarStore, code: str, uid: str) -> AppointmentRecord:
    """The appointment ``uid`` of client ``code`` as it stands now, or a clear error."""
    rows = store.appointments(code, uid=uid)
    if not rows:
        raise UserError(f"{code} has no appointment {uid} in this seat's journal.")
    return rows[-1]


def conflicts(store: CalendarStore, code: str | None) -> list[AppointmentRecord]:
    """Pending bookings that could not be written (their slot was taken meanwhile), not
    yet acknowledged by an operator; every client's when ``code`` is None."""
    rows = store.appointments(code, states=[AppointmentState.CONFLICT])
    return [r for r in rows if not r.acknowledged]


def acknowledge(store: CalendarStore, record_id: int) -> AppointmentRecord:
    """An operator has seen the conflict (and told the caller): it is no longer listed."""
    record = store.get_appointment(record_id)
    if record is None or record.state is not AppointmentState.CONFLICT:
        raise UserError(f"There is no conflict {record_id} to acknowledge.")
    return store.update_appointment(replace(record, acknowledged=True))


def _check_current(store: CalendarStore, profile: ClientProfile, record: AppointmentRecord) -> None:
    if record.client != profile.client.code:
        raise UserError(f"The appointment {record.uid} is not one of {profile.client.code}.")
    if record.state is AppointmentState.PENDING:
        raise UserError(
            "This booking still waits for the calendar server; it can be changed once it is "
            "written (try again when the server answers)."
        )
    if not record.state.holds_slot:
        raise UserError(f"The appointment {record.uid} is {record.state}; nothing to change.")
    newest = store.appointments(record.client, uid=record.uid)
    if not newest or newest[-1].id != record.id:
        raise UserError(
            "The appointment was changed meanwhile (at this or another seat); reload it."
        )


def kind_of(store: CalendarStore, record: AppointmentRecord) -> AppointmentType:
    """The appointment's type (its duration and buffers), else one of its length."""
    minutes = max(1, round((record.ends_at - record.starts_at).total_seconds() / 60))
    if record.kind:
        try:
            return type_named(store, record.client, record.kind)
        except CalendarError:
            pass  # the type was removed since: keep the appointment's length
    return AppointmentType.plain(minutes)


def event_data(store: CalendarStore, code: str, record: AppointmentRecord) -> bytes:
    """The appointment's event as the calendar holds it now (for a confirmation's .ics)."""
    source = _source_of(sources_of(store, code), record)
    item = client_calendars.remote_of(source).get(record.href)
    if item is None:
        raise CalendarError("The appointment is no longer in the calendar.")
    return item.data


def _source_of(sources: list[CalendarSource], record: AppointmentRecord) -> CalendarSource:
    for source in sources:
        if source.url == record.url and source.writable:
            return source
    raise CalendarError(f"The calendar {record.url} of this appointment is no longer set up.")
