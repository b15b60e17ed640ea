"""The wording of appointment confirmations: the client's language, the caller's view."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from reports.confirmation_wording import (
    CHANGES,
    AppointmentFacts,
    attachment_name,
    body,
    calendar_summary,
    subject,
)
from tests.reports.helpers import BERLIN

START = dt.datetime(2027, 1, 11, 9, 30, tzinfo=BERLIN)
GERMAN = AppointmentFacts(
    client_name="Praxis Dr. Roth", language="de", start=START,
    end=START + dt.timedelta(minutes=45), staff="Dr. Roth", appointment_type="Erstgespräch",
    location="Hauptstraße 1, 10115 Berlin", caller_name="Frau Meyer",
    caller_phone="+49 30 1234567", caller_email="meyer@example.com",
)  # fmt: skip
ENGLISH = replace(GERMAN, client_name="Baker & Lane LLP", language="en", appointment_type="")


def test_caller_booked_in_german_in_the_clients_name() -> None:
    assert subject("booked", "caller", GERMAN) == (
        "Terminbestätigung: Praxis Dr. Roth, 11.01.2027 09:30 Uhr"
    )
    assert body("booked", "caller", GERMAN) == (
        "Guten Tag,\n\n"
        "hiermit bestätigen wir Ihren Termin bei Praxis Dr. Roth:\n\n"
        "  Datum:   Montag, 11. Januar 2027\n"
        "  Uhrzeit: 09:30–10:15 Uhr\n"
        "  Bei:     Dr. Roth\n"
        "  Art:     Erstgespräch\n"
        "  Ort:     Hauptstraße 1, 10115 Berlin\n\n"
        "Im Anhang finden Sie den Termin für Ihren Kalender.\n"
        "Falls Sie den Termin nicht wahrnehmen können, sagen Sie bitte rechtzeitig ab.\n\n"
        "Mit freundlichen Grüßen\nPraxis Dr. Roth\n"
    )


def test_caller_copy_names_neither_the_caller_nor_the_service() -> None:
    for change in CHANGES:
        for facts in (GERMAN, ENGLISH):
            text = subject(change, "caller", facts) + body(change, "caller", facts)
            for private in ("Frau Meyer", "+49 30 1234567", "meyer@example.com"):
                assert private not in text
            assert "Telefonservice" not in text and "answering service" not in text


def test_client_copy_names_the_caller_and_where_the_confirmation_went() -> None:
    text = body("booked", "client", GERMAN)
    assert subject("booked", "client", GERMAN) == "Termin gebucht: Frau Meyer, 11.01.2027 09:30 Uhr"
    assert "  Anrufer:        Frau Meyer\n" in text
    assert "  Telefon:        +49 30 1234567\n" in text
    assert "  Bestätigung an: meyer@example.com\n" in text
    assert text.endswith("Mit freundlichen Grüßen\nIhr Telefonservice\n")


def test_english_move_and_cancellation() -> None:
    moved = replace(ENGLISH, previous_start=START - dt.timedelta(days=3))
    expected = "Appointment moved: Baker & Lane LLP, 2027-01-11 09:30"
    assert subject("moved", "caller", moved) == expected
    text = body("moved", "caller", moved)
    assert text.startswith("Hello,\n\nyour appointment with Baker & Lane LLP has been moved.")
    assert "  Previously: 2027-01-08 09:30\n" in text and "  Time:       09:30–10:15\n" in text
    assert "Type" not in text  # no appointment type: no empty line for it
    assert text.endswith("Kind regards\nBaker & Lane LLP\n")
    cancelled = body("cancelled", "caller", ENGLISH)
    assert "has been cancelled" in cancelled and "removes the appointment" in cancelled
    assert subject("cancelled", "client", ENGLISH).startswith("Appointment cancelled: Frau Meyer")
    assert "Previously" not in body("cancelled", "caller", moved)  # only a move says so


def test_german_move_and_cancellation() -> None:
    moved = replace(GERMAN, previous_start=START - dt.timedelta(days=3))
    assert subject("moved", "caller", moved).startswith("Terminänderung: Praxis Dr. Roth")
    assert "  Bisher:  08.01.2027 09:30 Uhr\n" in body("moved", "caller", moved)
    assert subject("cancelled", "caller", GERMAN).startswith("Terminabsage: Praxis Dr. Roth")
    assert "wurde abgesagt" in body("cancelled", "caller", GERMAN)
    assert "Ihr Termin bei Praxis Dr. Roth wurde verlegt" in body("moved", "caller", moved)


@pytest.mark.parametrize("name", ["Frau\r\nBcc: x@evil.test Meyer", "Frau \n Meyer"])
def test_line_breaks_never_reach_a_subject(name: str) -> None:
    facts = replace(GERMAN, caller_name=name)
    line = subject("booked", "client", facts)
    assert "\n" not in line and "\r" not in line
    assert "Frau " in line and "Meyer" in line


def test_unknown_caller_and_calendar_title() -> None:
    nameless = replace(GERMAN, caller_name="")
    assert subject("booked", "client", nameless).startswith("Termin gebucht: Anrufer,")
    assert calendar_summary(GERMAN) == "Erstgespräch: Praxis Dr. Roth"
    assert calendar_summary(ENGLISH) == "Appointment: Baker & Lane LLP"
    assert attachment_name("de") == "termin.ics" and attachment_name("en") == "appointment.ics"


def test_a_zero_length_appointment_shows_its_start_only() -> None:
    facts = replace(GERMAN, end=START)
    assert "  Uhrzeit: 09:30 Uhr\n" in body("booked", "caller", facts)
