"""The events Vorzimmer writes: a booking, its claim state, a move and a cancellation.

A booking is written first as a *claim* (``X-VORZIMMER-BOOKING:claim``) and becomes
``booked`` once it has won its slot (see :mod:`calendar_sync.booking`). Times are written
in UTC, which every calendar app shows in its own zone. A move or a cancellation keeps
the UID and raises SEQUENCE, so the client's calendar app treats it as the same event.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import icalendar

from appenv.times import utc_now
from calendar_sync.busy import BOOKING_PROP, TYPE_PROP
from calendar_sync.errors import BrokenCalendar
from calendar_sync.ics import parse_calendar

CLAIM, BOOKED = "claim", "booked"
SEAT_PROP = "X-VORZIMMER-SEAT"
PRODID = "-//Vorzimmer//Booking//DE"


@dataclass(frozen=True)
class Appointment:
    """What the operator books: plain data, from the pop or the command line."""

    start: dt.datetime  # aware
    end: dt.datetime
    summary: str
    staff: str = ""
    appointment_type: str = ""
    caller: str = ""
    phone: str = ""
    description: str = ""


def new_uid() -> str:
    return f"{uuid.uuid4()}@vorzimmer"


def booking_calendar(uid: str, appointment: Appointment, state: str, seat: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", utc_now())
    event.add("created", utc_now())
    event.add("dtstart", appointment.start.astimezone(dt.UTC))
    event.add("dtend", appointment.end.astimezone(dt.UTC))
    event.add("summary", appointment.summary)
    lines = [appointment.description] if appointment.description else []
    if appointment.caller:
        lines.append(f"Anrufer: {appointment.caller}")
    if appointment.phone:
        lines.append(f"Telefon: {appointment.phone}")
    if lines:
        event.add("description", "\n".join(lines))
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("sequence", 0)
    event.add(BOOKING_PROP, state)
    event.add(SEAT_PROP, seat)
    if appointment.appointment_type:
        event.add(TYPE_PROP, appointment.appointment_type)
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def _event_of(calendar: icalendar.Calendar) -> icalendar.Component:
    events = calendar.walk("VEVENT")
    if len(events) != 1:
        raise BrokenCalendar("The booked event was changed into something else on the server.")
    return events[0]


def uid_of(data: bytes) -> str:
    return str(_event_of(parse_calendar(data)).get("UID", ""))


def changed(
    data: bytes,
    *,
    state: str | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    cancelled: bool = False,
) -> bytes:
    """``data`` with a new claim state, new times or STATUS:CANCELLED; UID kept."""
    calendar = parse_calendar(data)
    event = _event_of(calendar)
    if state is not None:
        event.pop(BOOKING_PROP, None)
        event.add(BOOKING_PROP, state)
    for name, value in (("DTSTART", start), ("DTEND", end)):
        if value is not None:
            event.pop(name, None)
            event.add(name.lower(), value.astimezone(dt.UTC))
    if start is not None or end is not None:
        event.pop("DURATION", None)
    if cancelled:
        event.pop("STATUS", None)
        event.add("status", "CANCELLED")
    sequence = int(event.get("SEQUENCE", 0)) + (1 if start or end or cancelled else 0)
    event.pop("SEQUENCE", None)
    event.add("sequence", sequence)
    event.pop("DTSTAMP", None)
    event.add("dtstamp", utc_now())
    return bytes(calendar.to_ical())


def itip(data: bytes, *, organizer: str, attendees: Sequence[str], cancel: bool = False) -> bytes:
    """The event as an iTIP message (RFC 5546) for a confirmation e-mail's .ics attachment:
    ``METHOD:REQUEST`` for a booking or a move, ``METHOD:CANCEL`` for a cancellation.
    Vorzimmer's own properties stay out of what the caller receives."""
    calendar = parse_calendar(data)
    event = _event_of(calendar)
    message = icalendar.Calendar()
    message.add("prodid", PRODID)
    message.add("version", "2.0")
    message.add("method", "CANCEL" if cancel else "REQUEST")
    for name in (BOOKING_PROP, SEAT_PROP, TYPE_PROP):
        event.pop(name, None)
    event.pop("ORGANIZER", None)
    event.pop("ATTENDEE", None)
    event.add("organizer", f"mailto:{organizer}")
    for address in attendees:
        event.add(
            "attendee",
            f"mailto:{address}",
            parameters={"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION", "RSVP": "FALSE"},
        )
    if cancel:
        event.pop("STATUS", None)
        event.add("status", "CANCELLED")
    message.add_component(event)
    return bytes(message.to_ical())
