"""Appointments in the client's language, and in the reports from the journal: booked,
moved and cancelled during three calls of one client, read back from real PDFs
(pdftotext) in German and in English — once each, never another client's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from calendar_sync.journal import AppointmentRecord, AppointmentState
from clients.model import CallRecord, Client, Direction, Outcome
from notes.model import Note
from reports.appointment_wording import client_line, is_journal_line, record_line
from reports.call_note_pdf import render_call_note
from reports.clients_source import StoreReportSource
from reports.daily_report_pdf import render_daily_report
from reports.model import AppointmentChange
from reports.summary import summarize
from storage import Database, open_database
from tests.reports.helpers import BERLIN, pdftotext

DAY = dt.date(2027, 1, 11)  # a Monday
BOOKED_DE = "Termin gebucht: Di 12.01.2027 09:30–10:00 Uhr bei Dr. Roth (Erstgespräch)"
MOVED_DE = (
    "Termin verlegt: Mi 13.01.2027 10:00–10:30 Uhr bei Dr. Roth (Erstgespräch) "
    "(vorher Di 12.01.2027 09:30 Uhr)"
)
CANCELLED_DE = "Termin abgesagt: Mi 13.01.2027 10:00–10:30 Uhr bei Dr. Roth (Erstgespräch)"
BOOKED_EN = "Appointment booked: Tue 2027-01-12 09:30–10:00 with Dr. Roth (Erstgespräch)"
MOVED_EN = (
    "Appointment moved: Wed 2027-01-13 10:00–10:30 with Dr. Roth (Erstgespräch) "
    "(previously Tue 2027-01-12 09:30)"
)
CANCELLED_EN = "Appointment cancelled: Wed 2027-01-13 10:00–10:30 with Dr. Roth (Erstgespräch)"


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, 1, day, hour, minute, tzinfo=BERLIN)


def row(code: str, key: str | None, state: AppointmentState, start: dt.datetime, **kw: object):
    values: dict[str, object] = {
        "client": code, "call_key": key, "uid": f"{code}-1@vorzimmer", "staff": "Dr. Roth",
        "kind": "Erstgespräch", "starts_at": start, "ends_at": start + dt.timedelta(minutes=30),
        "caller": "Frau Meyer", "state": state,
    }  # fmt: skip
    values.update(kw)
    return AppointmentRecord(**values)  # type: ignore[arg-type]


def test_the_line_in_the_clients_language() -> None:
    booked = row("ROTH", None, AppointmentState.BOOKED, at(12, 9, 30))
    moved = row("ROTH", None, AppointmentState.MOVED, at(13, 10), previous_start=at(12, 9, 30))
    assert record_line(booked, "de", "Europe/Berlin") == BOOKED_DE
    assert record_line(booked, "en", "Europe/Berlin") == BOOKED_EN
    assert record_line(moved, "de", "Europe/Berlin") == MOVED_DE
    assert record_line(moved, "en", "Europe/Berlin") == MOVED_EN
    assert client_line(moved, Client(code="KURZ", name="Kanzlei Kurz", language="en")) == MOVED_EN
    pending = row("ROTH", None, AppointmentState.PENDING, at(12, 9, 30), staff="", kind="")
    assert record_line(pending, "de", "Europe/Berlin") == (
        "Termin vorgemerkt (Kalender nicht erreichbar): Di 12.01.2027 09:30–10:00 Uhr"
    )
    # the client's zone decides the wall time (London is an hour behind Berlin)
    assert record_line(pending, "en", "Europe/London") == (
        "Appointment pending (calendar unreachable): Tue 2027-01-12 08:30–09:00"
    )
    conflict = row("ROTH", None, AppointmentState.CONFLICT, at(12, 9, 30))
    assert record_line(conflict, "de", "Europe/Berlin").startswith("Termin nicht gebucht")
    for line in (BOOKED_DE, MOVED_EN, record_line(conflict, "en", "Europe/Berlin")):
        assert is_journal_line(line)
    # what the booking panel wrote so far (its German and English texts) counts too
    assert is_journal_line("Appointment pending (calendar unreachable): 12.01.2027 09:30 with X")
    assert not is_journal_line("Termin bitte bestätigen: ruft morgen zurück")


def _call(db: Database, client_id: int, key: str, hour: int) -> CallRecord:
    start = dt.datetime.combine(DAY, dt.time(hour), tzinfo=BERLIN)
    record = CallRecord(
        call_key=key, client_id=client_id, caller_number="+493012345678", caller_name="Meyer",
        direction=Direction.IN, started_at=start, answered_at=start,
        ended_at=start + dt.timedelta(minutes=2), duration_s=120, outcome=Outcome.ANSWERED,
    )  # fmt: skip
    call_id = db.calls.record_call(record)
    return CallRecord(**{**record.__dict__, "id": call_id})


def _fill(db: Database) -> None:
    roth = db.clients.add_client(Client(code="ROTH", name="Praxis Dr. Roth"))
    kurz = db.clients.add_client(Client(code="KURZ", name="Kanzlei Kurz", language="en"))
    assert roth.id is not None and kurz.id is not None
    first = _call(db, roth.id, "call-1", 9)
    _call(db, roth.id, "call-2", 10)
    _call(db, roth.id, "call-3", 11)
    _call(db, kurz.id, "call-k", 9)
    # the panel put its line into the note; the operator typed one of her own below it
    note = Note(
        client_id=roth.id, call_id=first.id, caller_name="Frau Meyer", subject="Terminwunsch",
        appointment=f"{BOOKED_DE}\nBringt die Überweisung mit", operator="Anna",
        noted_at=first.started_at,
    )  # fmt: skip
    db.notes.add_note(note)
    store = db.calendars
    store.add_appointment(row("ROTH", "call-1", AppointmentState.BOOKED, at(12, 9, 30)))
    store.add_appointment(
        row("ROTH", "call-2", AppointmentState.MOVED, at(13, 10), previous_start=at(12, 9, 30))
    )
    store.add_appointment(row("ROTH", "call-3", AppointmentState.CANCELLED, at(13, 10)))
    secret = {"staff": "Mr. Geheim", "kind": "Mandat", "caller": "Sir Secret"}
    store.add_appointment(row("KURZ", "call-k", AppointmentState.BOOKED, at(14, 9), **secret))
    # even a row of another client carrying a call key of ROTH's stays out of ROTH's report
    store.add_appointment(row("KURZ", "call-1", AppointmentState.BOOKED, at(15, 9), **secret))


def _flat(pdf: bytes) -> str:
    return " ".join(pdftotext(pdf).split())


def test_reports_list_the_journal_once_in_the_clients_language(db_location: Path | str) -> None:
    with open_database(db_location) as db:
        _fill(db)
        source = StoreReportSource(db)
        client = source.client("ROTH")
        assert client is not None
        calls = source.calls_for("ROTH", DAY)
        assert [[a.change for a in c.appointments] for c in calls] == [
            [AppointmentChange.BOOKED],
            [AppointmentChange.MOVED],
            [AppointmentChange.CANCELLED],
        ]
        summary = summarize(calls)
        assert (summary.appointments_booked, summary.appointments_moved) == (1, 1)
        assert (summary.appointments_cancelled, summary.appointments) == (1, 3)

        german = _flat(render_daily_report(client, DAY, calls))
        for line in (BOOKED_DE, MOVED_DE, CANCELLED_DE, "Bringt die Überweisung mit"):
            assert german.count(line) == 1, (line, german)
        assert "Termine: 1 gebucht, 1 verlegt, 1 abgesagt" in german
        english = _flat(render_daily_report(client, DAY, calls, "en"))
        for line in (BOOKED_EN, MOVED_EN, CANCELLED_EN, "Bringt die Überweisung mit"):
            assert english.count(line) == 1, (line, english)
        assert "Termin gebucht" not in english  # the note's line gave way to the journal's
        assert "Appointments: 1 booked, 1 moved, 1 cancelled" in english
        note = _flat(render_call_note(client, calls[1]))
        assert MOVED_DE in note and "Termin gebucht" not in note
        note = _flat(render_call_note(client, calls[0], "en"))
        assert BOOKED_EN in note and "Bringt die Überweisung mit" in note
        for text in (german, english, note):
            assert "Geheim" not in text and "Secret" not in text and "Mandat" not in text

        kurz = source.client("KURZ")
        assert kurz is not None
        [theirs] = source.calls_for("KURZ", DAY)
        text = _flat(render_call_note(kurz, theirs))
        assert "Appointment booked: Thu 2027-01-14 09:00–09:30 with Mr. Geheim (Mandat)" in text
        assert "Dr. Roth" not in text and "Fri 2027-01-15" not in text
