"""Confirmation e-mails through the delivery queue to a real SMTP server (aiosmtpd,
STARTTLS + AUTH, password in a real keyring), read back with the stdlib email package."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from email.message import EmailMessage

import pytest

from appenv import secrets
from appenv.paths import AppPaths
from calendar_sync import events
from reports.confirmation import queue_confirmation
from reports.delivery import SmtpSettings, SmtpTransport
from reports.delivery_queue import DeliveryQueue
from storage import open_database
from storage.interfaces import Database
from tests.fixtures.smtp import SmtpSink
from tests.reports.confirmation_helpers import (
    SENDER,
    START,
    add_client,
    booked_event,
    ics_of,
    moved_event,
    own_properties,
)

pytestmark = pytest.mark.integration
NOW = dt.datetime(2027, 1, 4, 10, 0, tzinfo=dt.UTC)
CALLER = "meyer@anrufer.test"


@pytest.fixture
def transport(smtp_server: SmtpSink, secret_service: str) -> SmtpTransport:
    secrets.set_secret(f"smtp:{smtp_server.user}", smtp_server.password)
    return SmtpTransport(
        SmtpSettings(
            host=smtp_server.host, port=smtp_server.port, username=smtp_server.user,
            from_addr=SENDER, timeout=5.0, cafile=str(smtp_server.tls.cert),
        )
    )  # fmt: skip


@pytest.fixture
def db(app_paths: AppPaths) -> Iterator[Database]:
    database = open_database(app_paths.database)
    try:
        yield database
    finally:
        database.close()


def confirm(db: Database, client_id: int, change: str, data: bytes, **kw: object) -> list[str]:
    values: dict[str, object] = {"caller_email": CALLER, "staff": "Dr. Roth", **kw}
    jobs = queue_confirmation(
        db, client_id=client_id, change=change, event_ics=data,  # type: ignore[arg-type]
        organizer=SENDER, now=NOW, **values,  # type: ignore[arg-type]
    )  # fmt: skip
    return [address for job in jobs for address in job.recipients]


def text_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    content = part.get_content()
    assert isinstance(content, str)
    return content


def by_recipient(messages: list[EmailMessage]) -> dict[str, EmailMessage]:
    found = {str(m["To"]): m for m in messages}
    assert len(found) == len(messages), "one mail per recipient"
    return found


def test_booking_confirmed_to_caller_and_client_in_the_clients_language(
    db: Database, smtp_server: SmtpSink, transport: SmtpTransport
) -> None:
    roth = add_client(db, "ROTH", name="Praxis Dr. Roth")
    nylaw = add_client(
        db, "NYLAW", name="Baker & Lane LLP", language="en", timezone="America/New_York",
        report_recipients=("desk@bakerlane.test",),
    )  # fmt: skip
    assert roth.id is not None and nylaw.id is not None
    german = booked_event()
    english = booked_event(dt.datetime(2027, 1, 12, 15, 0, tzinfo=dt.UTC))  # 10:00 in New York
    assert confirm(db, roth.id, "booked", german) == [CALLER, "roth@clients.test"]
    queued = confirm(db, nylaw.id, "booked", english, caller_email="lee@cl.test", staff="Ms. Lane")
    assert queued == ["lee@cl.test", "desk@bakerlane.test"]

    sent = DeliveryQueue(db.deliveries).process_due(transport, NOW)
    assert [j.state for j in sent] == ["sent"] * 4
    mails = by_recipient(smtp_server.messages())
    assert set(mails) == {CALLER, "roth@clients.test", "lee@cl.test", "desk@bakerlane.test"}
    for message in mails.values():
        assert message["From"] == SENDER
        assert [p.get_content_type() for p in message.iter_attachments()] == ["text/calendar"]

    caller_de = mails[CALLER]
    assert caller_de["Subject"] == "Terminbestätigung: Praxis Dr. Roth, 11.01.2027 09:30 Uhr"
    body = text_of(caller_de)
    assert body.startswith("Guten Tag,\n\nhiermit bestätigen wir Ihren Termin bei Praxis Dr. Roth")
    assert "Montag, 11. Januar 2027" in body and "09:30–10:15 Uhr" in body
    assert "Dr. Roth" in body and "Erstgespräch" in body and "Hauptstraße 1 10115 Berlin" in body
    event, calendar, content_type = ics_of(caller_de)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert "method=" in content_type and "charset=" in content_type
    part = next(iter(caller_de.iter_attachments()))
    assert part.get_param("method") == "REQUEST" and part.get_param("charset") == "utf-8"
    assert part.get_filename() == "termin.ics"
    assert str(event["UID"]) == events.uid_of(german) and int(str(event["SEQUENCE"])) == 0
    assert event.decoded("DTSTART") == START
    assert str(event["ORGANIZER"]) == f"mailto:{SENDER}"
    assert str(event["ATTENDEE"]) == f"mailto:{CALLER}"
    assert own_properties(part.get_content().encode()) == []

    client_de = mails["roth@clients.test"]
    assert client_de["Subject"] == "Termin gebucht: Frau Meyer, 11.01.2027 09:30 Uhr"
    assert "Anrufer:        Frau Meyer" in text_of(client_de)
    assert str(ics_of(client_de)[0]["UID"]) == events.uid_of(german)

    caller_en = mails["lee@cl.test"]
    assert caller_en["Subject"] == "Appointment confirmed: Baker & Lane LLP, 2027-01-12 10:00"
    body_en = text_of(caller_en)
    assert body_en.startswith("Hello,\n\nwe are pleased to confirm your appointment with Baker")
    assert "Tuesday, 12 January 2027" in body_en and "10:00–10:45" in body_en
    assert next(iter(caller_en.iter_attachments())).get_filename() == "appointment.ics"
    assert str(ics_of(caller_en)[0]["UID"]) == events.uid_of(english)
    assert "Appointment booked" in mails["desk@bakerlane.test"]["Subject"]

    # one client's data never in another client's mail
    for address in (CALLER, "roth@clients.test"):
        assert "Baker" not in mails[address].as_string() and "NYLAW" not in text_of(mails[address])
    for address in ("lee@cl.test", "desk@bakerlane.test"):
        assert "Roth" not in text_of(mails[address])


def test_a_move_updates_and_a_cancellation_cancels_the_same_event(
    db: Database, smtp_server: SmtpSink, transport: SmtpTransport
) -> None:
    roth = add_client(db, "ROTH", name="Praxis Dr. Roth")
    assert roth.id is not None
    booked = booked_event()
    moved = moved_event(booked, days=2)
    cancelled = events.changed(moved, cancelled=True)
    queue = DeliveryQueue(db.deliveries)
    seen: list[tuple[str, int, str, str]] = []
    for change, data, kw in (
        ("booked", booked, {}), ("moved", moved, {"previous_start": START}),
        ("cancelled", cancelled, {}),
    ):  # fmt: skip
        confirm(db, roth.id, change, data, to_client=False, **kw)
        queue.process_due(transport, NOW)
        message = smtp_server.messages()[-1]
        event, calendar, _ = ics_of(message)
        seen.append((str(calendar["METHOD"]), int(str(event["SEQUENCE"])), str(event["UID"]),
                     str(message["Subject"])))  # fmt: skip
    uid = events.uid_of(booked)
    assert [s[:3] for s in seen] == [("REQUEST", 0, uid), ("REQUEST", 1, uid), ("CANCEL", 2, uid)]
    assert seen[1][3] == "Terminänderung: Praxis Dr. Roth, 13.01.2027 09:30 Uhr"
    assert seen[2][3] == "Terminabsage: Praxis Dr. Roth, 13.01.2027 09:30 Uhr"
    messages = smtp_server.messages()
    assert len(messages) == 3 and all(m["To"] == CALLER for m in messages)
    assert "Bisher:  11.01.2027 09:30 Uhr" in text_of(messages[1])
    assert str(ics_of(messages[2])[0]["STATUS"]) == "CANCELLED"

    # the same change asked for again sends nothing new
    confirm(db, roth.id, "cancelled", cancelled, to_client=False)
    assert queue.process_due(transport, NOW + dt.timedelta(hours=1)) == []
    assert len(smtp_server.messages()) == 3


@pytest.mark.expect_warnings
def test_server_down_keeps_the_confirmation_and_sends_it_once_it_is_back(
    app_paths: AppPaths, db: Database, smtp_server: SmtpSink, transport: SmtpTransport
) -> None:
    roth = add_client(db, "ROTH", name="Praxis Dr. Roth")
    assert roth.id is not None
    smtp_server.stop()
    confirm(db, roth.id, "booked", booked_event())
    tried = DeliveryQueue(db.deliveries).process_due(transport, NOW)
    assert [j.state for j in tried] == ["pending"]  # the run stops at the unreachable server
    assert "not reachable" in tried[0].last_error
    db.close()

    # another process (the window after a restart, or 'vorzimmer deliver') picks it up
    again = open_database(app_paths.database)
    try:
        queue = DeliveryQueue(again.deliveries)
        jobs = queue.jobs()
        assert len(jobs) == 2 and {j.state for j in jobs} == {"pending"}
        assert queue.job(tried[0].id).next_attempt_at == NOW + queue.policy.delay(1)
        smtp_server.start()
        later = NOW + queue.policy.delay(1)
        assert [j.state for j in queue.process_due(transport, later)] == ["sent", "sent"]
        assert queue.process_due(transport, later + dt.timedelta(hours=3)) == []
        assert [a.outcome for a in queue.attempts(tried[0].id)] == ["retry", "sent"]
    finally:
        again.close()
    mails = by_recipient(smtp_server.messages())
    assert set(mails) == {CALLER, "roth@clients.test"}
