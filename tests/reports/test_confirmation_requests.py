"""What a confirmation queues: audiences, the .ics, validation, once per change; on SQLite
and on PostgreSQL (``db_location``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path

import icalendar
import pytest

from calendar_sync import events
from calendar_sync.errors import BrokenCalendar
from clients.email_addresses import InvalidEmailAddress, is_email_address, normal_email_address
from clients.model import ClientProfile
from reports.confirmation import confirmation_requests, directions, queue_confirmation
from reports.delivery import OutboxTransport, OutgoingMail, attachment_type, build_message
from storage import open_database
from storage.interfaces import Database
from tests.reports.confirmation_helpers import (
    SENDER,
    add_client,
    booked_event,
    moved_event,
    own_properties,
)

NOW = dt.datetime(2027, 1, 4, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def db(db_location: Path | str) -> Iterator[Database]:
    database = open_database(db_location)
    try:
        yield database
    finally:
        database.close()


def profile(db: Database, code: str = "ROTH", **kw: object) -> ClientProfile:
    client = add_client(db, code, **kw)
    assert client.id is not None
    found = db.clients.get_profile(client.id)
    assert found is not None
    return found


def event_of(data: bytes) -> icalendar.Component:
    return icalendar.Calendar.from_ical(data).walk("VEVENT")[0]


def test_caller_and_client_copies(db: Database) -> None:
    data = booked_event()
    caller, client = confirmation_requests(
        profile(db), change="booked", event_ics=data, caller_email=" Meyer@Beispiel.DE ",
        organizer=SENDER, staff="Dr. Roth",
    )  # fmt: skip
    assert caller.recipients == ("Meyer@beispiel.de",)
    assert client.recipients == ("roth@clients.test",)
    assert caller.kind == client.kind == "confirmation"
    assert caller.day == dt.date(2027, 1, 11) and caller.attachment_name == "termin.ics"
    uid = events.uid_of(data)
    for request in (caller, client):
        assert own_properties(request.attachment) == []
        event = event_of(request.attachment)
        assert str(event["UID"]) == uid and int(str(event["SEQUENCE"])) == 0
        assert str(event["ORGANIZER"]) == f"mailto:{SENDER}"
        assert str(event["ATTENDEE"]) == "mailto:Meyer@beispiel.de"  # the one attendee
        assert b"METHOD:REQUEST" in request.attachment
    mine = event_of(caller.attachment)
    assert str(mine["SUMMARY"]) == "Erstgespräch: Praxis ROTH"
    assert str(mine["LOCATION"]) == "Hauptstraße 1 10115 Berlin"
    assert "DESCRIPTION" not in mine  # the operator's remarks stay internal
    assert "Frau Meyer" in str(event_of(client.attachment)["DESCRIPTION"])
    assert "Frau Meyer" in client.body and "+49 30 1234567" in client.body
    assert caller.idempotency_key != client.idempotency_key
    assert "meyer" not in caller.idempotency_key.lower()  # the address is not in the key


def test_move_and_cancellation_keep_the_uid_and_raise_the_sequence(db: Database) -> None:
    booked = booked_event()
    moved = moved_event(booked)
    cancelled = events.changed(moved, cancelled=True)
    who = profile(db)
    keys: set[str] = set()
    for change, data, method, sequence in (
        ("booked", booked, "REQUEST", 0), ("moved", moved, "REQUEST", 1),
        ("cancelled", cancelled, "CANCEL", 2),
    ):  # fmt: skip
        (request,) = confirmation_requests(
            who, change=change, event_ics=data, caller_email="meyer@example.com",  # type: ignore[arg-type]
            organizer=SENDER, to_client=False,
        )  # fmt: skip
        event = event_of(request.attachment)
        assert str(event["UID"]) == events.uid_of(booked)
        assert int(str(event["SEQUENCE"])) == sequence
        assert f"METHOD:{method}".encode() in request.attachment
        keys.add(request.idempotency_key)
    assert len(keys) == 3
    assert str(event["STATUS"]) == "CANCELLED"


def test_a_move_without_a_raised_sequence_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="SEQUENCE"):
        confirmation_requests(
            profile(db), change="moved", event_ics=booked_event(),
            caller_email="meyer@example.com", organizer=SENDER,
        )  # fmt: skip


@pytest.mark.parametrize(
    "address",
    ["meyer", "meyer@", "a@b", "meyer@example.com, x@y.de", "Frau M <m@example.com>",
     "m@exa mple.com", "m@example.com\nBcc: x@y.de", "jürgen@example.com"],
)  # fmt: skip
def test_a_malformed_address_queues_nothing(db: Database, address: str) -> None:
    who = profile(db)
    assert who.client.id is not None
    with pytest.raises(InvalidEmailAddress) as caught:
        queue_confirmation(
            db, client_id=who.client.id, change="booked", event_ics=booked_event(),
            caller_email=address, organizer=SENDER, now=NOW,
        )  # fmt: skip
    assert "is not an e-mail address" in str(caught.value)
    assert db.deliveries.jobs() == []


def test_queued_once_per_change(db: Database) -> None:
    who = profile(db)
    assert who.client.id is not None
    data = booked_event()
    args = {"client_id": who.client.id, "event_ics": data, "caller_email": "m@example.com",
            "organizer": SENDER, "now": NOW}  # fmt: skip
    first = queue_confirmation(db, change="booked", **args)  # type: ignore[arg-type]
    again = queue_confirmation(db, change="booked", **args)  # type: ignore[arg-type]
    assert [j.id for j in first] == [j.id for j in again] and len(first) == 2
    assert [j.recipients for j in first] == [("m@example.com",), ("roth@clients.test",)]
    assert all(j.state == "pending" and j.kind == "confirmation" for j in first)
    moved = queue_confirmation(db, change="moved", **{**args, "event_ics": moved_event(data)})  # type: ignore[arg-type]
    assert len(db.deliveries.jobs()) == 4 and {j.id for j in moved}.isdisjoint(j.id for j in first)


def test_encrypted_reports_client_gets_no_copy_in_clear(db: Database) -> None:
    who = profile(db, encrypt_reports=True)
    assert who.client.id is not None
    jobs = queue_confirmation(
        db, client_id=who.client.id, change="booked", event_ics=booked_event(),
        caller_email="m@example.com", organizer=SENDER, now=NOW,
    )  # fmt: skip
    assert [j.recipients for j in jobs] == [("m@example.com",)]
    nobody = queue_confirmation(
        db, client_id=who.client.id, change="booked", event_ics=booked_event(),
        caller_email=None, organizer=SENDER, now=NOW,
    )  # fmt: skip
    assert nobody == []


def test_client_without_recipients_and_no_caller_address(db: Database) -> None:
    who = profile(db, report_recipients=())
    (only,) = confirmation_requests(
        who, change="booked", event_ics=booked_event(), caller_email="m@example.com",
        organizer=SENDER,
    )  # fmt: skip
    assert only.recipients == ("m@example.com",)
    (client_only,) = confirmation_requests(
        profile(db, "BETA"), change="booked", event_ics=booked_event(), caller_email="",
        organizer=SENDER,
    )  # fmt: skip
    assert client_only.recipients == ("beta@clients.test",)
    # without a caller, the client is the attendee (iTIP wants one)
    assert "mailto:beta@clients.test" in client_only.attachment.decode().replace("\r\n ", "")


def test_broken_event_data_and_unknown_client(db: Database) -> None:
    who = profile(db)
    assert who.client.id is not None
    with pytest.raises(BrokenCalendar):
        confirmation_requests(
            who, change="booked", event_ics=b"not a calendar", caller_email="m@example.com",
            organizer=SENDER,
        )  # fmt: skip
    with pytest.raises(Exception, match="no client"):
        queue_confirmation(
            db, client_id=who.client.id + 99, change="booked", event_ics=booked_event(),
            caller_email="m@example.com", organizer=SENDER,
        )  # fmt: skip


def test_directions_come_from_the_faq(db: Database) -> None:
    assert directions(profile(db)) == "Hauptstraße 1 10115 Berlin"
    assert directions(ClientProfile(client=profile(db, "NOFAQ").client)) == ""


def test_addresses() -> None:
    assert is_email_address("a.b+c@sub.example.co.uk")
    assert not is_email_address("a@b") and not is_email_address("a@b.")
    assert normal_email_address("info@müller.de") == "info@xn--mller-kva.de"
    assert normal_email_address(" Info@Example.COM ") == "Info@example.com"


def test_the_ics_goes_out_as_text_calendar_with_its_method() -> None:
    data = booked_event()
    request = events.itip(data, organizer=SENDER, attendees=["m@example.com"])
    cancel = events.itip(data, organizer=SENDER, attendees=["m@example.com"], cancel=True)
    assert attachment_type("termin.ics", request) == "text/calendar; method=REQUEST; charset=utf-8"
    assert attachment_type("appointment.ics", cancel).startswith("text/calendar; method=CANCEL")
    assert attachment_type("Tagesbericht.pdf", b"%PDF-1.4") == "application/pdf"
    mail = OutgoingMail(
        message_id="<x@vorzimmer.invalid>", recipients=("m@example.com",), subject="Termin",
        body="Guten Tag", attachment_name="termin.ics", attachment=request, file_stem="x",
        attachment_type=attachment_type("termin.ics", request),
    )  # fmt: skip
    parsed = message_from_bytes(build_message(mail, SENDER).as_bytes(), policy=policy.default)
    (part,) = list(parsed.iter_attachments())
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST" and part.get_param("charset") == "utf-8"
    assert part.get_filename() == "termin.ics"
    assert part.get_content().encode() == request  # CRLF lines intact (base64)


def test_the_outbox_keeps_the_ics_as_ics(tmp_path: Path) -> None:
    data = events.itip(booked_event(), organizer=SENDER, attendees=["m@example.com"])
    mail = OutgoingMail(
        message_id="<y@vorzimmer.invalid>", recipients=("m@example.com",), subject="Termin",
        body="Guten Tag", attachment_name="termin.ics", attachment=data, file_stem="conf_1",
        attachment_type=attachment_type("termin.ics", data),
    )  # fmt: skip
    OutboxTransport(tmp_path / "outbox").send(mail, lambda _reply: None)
    assert sorted(p.name for p in (tmp_path / "outbox").iterdir()) == ["conf_1.eml", "conf_1.ics"]
    assert (tmp_path / "outbox" / "conf_1.ics").read_bytes() == data
    eml = (tmp_path / "outbox" / "conf_1.eml").read_bytes()
    assert b"Content-Type: text/calendar" in eml
