"""What the booking panel runs in its background tasks (no Qt): each function opens a
connection of its own (``db.background()``), calls :mod:`calendar_sync.desk` and returns
plain data for the panel to word.

Every search and every booking also reads the client's unacknowledged conflicts: both
flush the bookings kept while the server was down, and a flush can turn one into a
conflict the operator must see at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from appenv.times import utc_now
from calendar_sync import desk
from calendar_sync.journal import AppointmentRecord
from calendar_sync.slots import AppointmentType, Slot
from clients.model import ClientProfile
from reports.confirmation import Change, queue_confirmation
from reports.delivery_jobs import DeliveryJob
from storage.interfaces import Database


@dataclass(frozen=True)
class Look:
    """A search: the free slots, the caller's appointments still to come, the conflicts."""

    offer: desk.Offer
    upcoming: tuple[AppointmentRecord, ...]
    conflicts: tuple[AppointmentRecord, ...]


@dataclass(frozen=True)
class Booked:
    """A booking made or kept pending, and the client's conflicts after its flush."""

    outcome: desk.Outcome
    conflicts: tuple[AppointmentRecord, ...]


@dataclass(frozen=True)
class MoveOffer:
    """Free slots for moving ``record``: same staff member, the appointment's type."""

    record: AppointmentRecord
    kind: AppointmentType
    offer: desk.Offer


def _profile(db: Database, client_id: int) -> ClientProfile:
    profile = db.clients.get_profile(client_id)
    if profile is None:
        raise LookupError(f"client {client_id} is gone")
    return profile


def callers_appointments(
    db: Database, code: str, phone: str, caller: str, now: dt.datetime
) -> tuple[AppointmentRecord, ...]:
    """The caller's appointments to come; none when the caller is not known by number or
    name (never every caller's)."""
    if not phone.strip() and not caller.strip():
        return ()
    found = desk.upcoming(
        db.calendars, code, phone=phone.strip() or None, caller=caller.strip() or None, now=now
    )
    return tuple(found)


def look(
    db: Database,
    client_id: int,
    kind: AppointmentType,
    staff: str | None,
    seat: str,
    *,
    phone: str,
    caller: str,
) -> Look:
    """Free slots from now (flushing what was kept pending first), the caller's
    appointments and the client's conflicts."""
    with db.background() as bg:
        profile = _profile(bg, client_id)
        code = profile.client.code
        since = utc_now()
        offer = desk.offer(bg.calendars, profile, kind, staff, since, seat)
        upcoming = callers_appointments(bg, code, phone, caller, since)
        return Look(offer, upcoming, tuple(desk.conflicts(bg.calendars, code)))


def book(
    db: Database,
    client_id: int,
    kind: AppointmentType,
    slot: Slot,
    seat: str,
    *,
    caller: str,
    phone: str,
    call_key: str | None,
    email: str,
    operator: str,
) -> Booked:
    """Book ``slot`` for the caller, tied to the call (the journal row carries its key)."""
    with db.background() as bg:
        profile = _profile(bg, client_id)
        outcome = desk.book(
            bg.calendars, profile, kind, slot, caller, phone, seat,
            call_key=call_key, email=email, operator=operator,
        )  # fmt: skip
        return Booked(outcome, tuple(desk.conflicts(bg.calendars, profile.client.code)))


def move_offer(db: Database, client_id: int, record: AppointmentRecord, seat: str) -> MoveOffer:
    """Where ``record`` can go: the next free slots of its staff member for its type."""
    with db.background() as bg:
        profile = _profile(bg, client_id)
        kind = desk.kind_of(bg.calendars, record)
        offer = desk.offer(bg.calendars, profile, kind, record.staff, utc_now(), seat)
        same_staff = tuple(s for s in offer.slots if s.staff == record.staff)
        return MoveOffer(record, kind, replace(offer, slots=same_staff))


def move(
    db: Database,
    client_id: int,
    record: AppointmentRecord,
    slot: Slot,
    seat: str,
    *,
    call_key: str | None,
    operator: str,
) -> AppointmentRecord:
    """Move the appointment (same UID); its new journal row."""
    with db.background() as bg:
        profile = _profile(bg, client_id)
        return desk.move(
            bg.calendars, profile, record, slot, seat, call_key=call_key, operator=operator
        )


def cancel(
    db: Database,
    client_id: int,
    record: AppointmentRecord,
    seat: str,
    *,
    call_key: str | None,
    operator: str,
) -> AppointmentRecord:
    """Cancel the appointment (STATUS:CANCELLED, same UID); its new journal row."""
    with db.background() as bg:
        profile = _profile(bg, client_id)
        return desk.cancel(
            bg.calendars, profile, record, seat, call_key=call_key, operator=operator
        )


def acknowledge(db: Database, code: str, record_id: int) -> tuple[AppointmentRecord, ...]:
    """The operator has seen the conflict; the client's conflicts still open."""
    with db.background() as bg:
        desk.acknowledge(bg.calendars, record_id)
        return tuple(desk.conflicts(bg.calendars, code))


def confirm(
    db: Database,
    client_id: int,
    record: AppointmentRecord,
    change: Change,
    address: str,
    organizer: str,
) -> list[DeliveryJob]:
    """Queue the confirmation of a change (the event as the calendar holds it now, so
    its SEQUENCE is the server's); the delivery is the report scheduler's."""
    with db.background() as bg:
        data = desk.event_data(bg.calendars, record.client, record)
        return queue_confirmation(
            bg, client_id=client_id, change=change, event_ics=data,
            caller_email=address or None, organizer=organizer, staff=record.staff,
            caller_name=record.caller, caller_phone=record.phone,
            previous_start=record.previous_start,
        )  # fmt: skip
