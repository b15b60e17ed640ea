"""Fixtures for the delivery UI: a real store with clients and calls, a real SMTP server
(aiosmtpd, STARTTLS + AUTH), a real keyring, a settled clock."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from appenv import secrets
from appenv.paths import AppPaths
from appenv.settings import Settings
from clients.model import CallRecord, Client, Outcome
from notes.model import Note, Urgency
from storage import Database, open_app_database, open_database
from tests.fixtures.smtp import SmtpSink

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
DAY = dt.date(2024, 5, 7)  # a Tuesday
ROTH_DUE = dt.datetime(2024, 5, 7, 18, 0, tzinfo=BERLIN)  # ROTH's report time


@dataclass
class Clock:
    """The scheduler's ``now``: moved by the test, never by the wall clock."""

    value: dt.datetime = field(default=ROTH_DUE - dt.timedelta(minutes=1))

    def __call__(self) -> dt.datetime:
        return self.value

    def advance(self, **kw: float) -> None:
        self.value += dt.timedelta(**kw)


@dataclass(frozen=True)
class World:
    roth_call: int
    urgent_note: Note


@pytest.fixture
def app_db(app_paths: AppPaths) -> Iterator[Database]:
    """The app's database, opened once, as the app does."""
    with open_app_database(app_paths) as db:
        yield db


@pytest.fixture
def world(app_paths: AppPaths) -> World:
    """Two clients: ROTH (Berlin, 18:00, two calls on DAY) and NYLAW (New York, 17:30)."""
    db = open_database(app_paths.database)
    store = db.clients
    try:
        roth = store.add_client(
            Client(code="ROTH", name="Kanzlei Dr. Roth", report_time="18:00",
                   report_recipients=("kanzlei@roth.test",))
        )  # fmt: skip
        store.add_client(
            Client(code="NYLAW", name="Hudson Law", language="en", timezone="America/New_York",
                   report_time="17:30", report_recipients=("desk@hudson.test",))
        )  # fmt: skip
        notes = db.notes
        calls = []
        for hour, name in ((9, "Jürgen Müller"), (11, "Änne Schäfer")):
            at = dt.datetime(2024, 5, 7, hour, 0, tzinfo=BERLIN)
            calls.append(
                store.record_call(
                    CallRecord(
                        client_id=roth.id, caller_number="030 1234567", caller_name=name,
                        started_at=at, answered_at=at, ended_at=at + dt.timedelta(minutes=2),
                        duration_s=120.0, outcome=Outcome.ANSWERED,
                    )
                )
            )  # fmt: skip
        note = notes.add_note(
            Note(client_id=roth.id, call_id=calls[1], caller_name="Änne Schäfer",
                 subject="Fristsache ROTHmarker", message="Bitte sofort zurückrufen",
                 urgency=Urgency.URGENT, operator="Frau Weber",
                 noted_at=dt.datetime(2024, 5, 7, 11, 0, tzinfo=BERLIN))
        )  # fmt: skip
    finally:
        store.close()
    return World(calls[0], note)


def configure_smtp(paths: AppPaths, sink: SmtpSink, **overrides: object) -> Settings:
    """The home's settings.json pointing at the test server (as the dialog would save it)."""
    settings = Settings(paths.settings_file)
    values: dict[str, object] = {
        "smtp.host": sink.host,
        "smtp.port": sink.port,
        "smtp.security": "starttls",
        "smtp.username": sink.user,
        "smtp.from_addr": "telefonservice@vorzimmer.test",
        "smtp.cafile": str(sink.tls.cert),
    }
    values.update(overrides)
    for key, value in values.items():
        settings.set(key, value)
    settings.save()
    return settings


@pytest.fixture
def settings(app_paths: AppPaths, smtp_server: SmtpSink, secret_service: str) -> Settings:
    secrets.set_secret(f"smtp:{smtp_server.user}", smtp_server.password)
    return configure_smtp(app_paths, smtp_server)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sync_tasks(qapp: object) -> Iterator[None]:
    """Background tasks run inline: results are there when the call returns."""
    from ui.tasks import set_synchronous

    set_synchronous(True)
    yield
    set_synchronous(False)


def pdf_attachment(message: EmailMessage) -> bytes:
    parts = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert len(parts) == 1
    data = parts[0].get_content()
    assert isinstance(data, bytes)
    return data


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


__all__ = ["BERLIN", "DAY", "NEW_YORK", "ROTH_DUE", "Clock", "World", "configure_smtp"]
