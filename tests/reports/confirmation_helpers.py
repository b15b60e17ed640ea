"""Events and clients for the confirmation tests, and reading a received .ics."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage

import icalendar

from calendar_sync import events
from clients.model import Client, FaqEntry
from storage.interfaces import Database
from tests.reports.helpers import BERLIN

START = dt.datetime(2027, 1, 11, 9, 30, tzinfo=BERLIN)
SENDER = "telefonservice@vorzimmer.test"


def booked_event(start: dt.datetime = START, minutes: int = 45) -> bytes:
    """A booking as ``calendar_sync.booking`` leaves it in the calendar (SEQUENCE 0)."""
    appointment = events.Appointment(
        start, start + dt.timedelta(minutes=minutes), "Erstgespräch: Frau Meyer", "Dr. Roth",
        "Erstgespräch", "Frau Meyer", "+49 30 1234567", "intern: bitte Akte bereitlegen",
    )  # fmt: skip
    return events.booking_calendar(events.new_uid(), appointment, events.BOOKED, "seat-1")


def moved_event(data: bytes, days: int = 1) -> bytes:
    start, end = (t + dt.timedelta(days=days) for t in times(data))
    return events.changed(data, state=events.BOOKED, start=start, end=end)


def times(data: bytes) -> tuple[dt.datetime, dt.datetime]:
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    return event.decoded("DTSTART"), event.decoded("DTEND")


def add_client(db: Database, code: str, **kw: object) -> Client:
    """A client with a report address and directions in its FAQ."""
    values: dict[str, object] = {
        "code": code, "name": f"Praxis {code}",
        "report_recipients": (f"{code.lower()}@clients.test",),
    }  # fmt: skip
    values.update(kw)
    client = db.clients.add_client(Client(**values))  # type: ignore[arg-type]
    assert client.id is not None
    where = FaqEntry(client_id=client.id, question="Adresse?", answer="Hauptstraße 1\n10115 Berlin")
    db.clients.add_faq(where)
    return client


def ics_of(message: EmailMessage) -> tuple[icalendar.Component, icalendar.Calendar, str]:
    """The one calendar attachment: its VEVENT, the calendar and its Content-Type line."""
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, [p.get_content_type() for p in message.iter_attachments()]
    data = parts[0].get_content()
    raw = data if isinstance(data, bytes) else data.encode()
    calendar = icalendar.Calendar.from_ical(raw)
    (event,) = calendar.walk("VEVENT")
    return event, calendar, str(parts[0]["Content-Type"])


def own_properties(data: bytes) -> list[str]:
    return [line for line in data.decode().splitlines() if line.upper().startswith("X-VORZIMMER")]
