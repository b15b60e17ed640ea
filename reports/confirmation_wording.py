"""German and English wording of appointment confirmations (booked, moved, cancelled).

A confirmation is read by the caller or the client, so, like the reports, it follows the
client's language, not the operator's user interface. The caller's copy speaks in the
client's name (the service answers for the client) and names nothing but this one
appointment; the client's copy also names the caller.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from reports import report_wording as words
from reports.model import Language

Change = Literal["booked", "moved", "cancelled"]
CHANGES: tuple[Change, ...] = ("booked", "moved", "cancelled")
Audience = Literal["caller", "client"]

_TEXTS: dict[str, tuple[str, str]] = {
    # key: (de, en)
    "subject_caller_booked": ("Terminbestätigung: {client}, {when}",
                              "Appointment confirmed: {client}, {when}"),
    "subject_caller_moved": ("Terminänderung: {client}, {when}",
                             "Appointment moved: {client}, {when}"),
    "subject_caller_cancelled": ("Terminabsage: {client}, {when}",
                                 "Appointment cancelled: {client}, {when}"),
    "subject_client_booked": ("Termin gebucht: {caller}, {when}",
                              "Appointment booked: {caller}, {when}"),
    "subject_client_moved": ("Termin verlegt: {caller}, {when}",
                             "Appointment moved: {caller}, {when}"),
    "subject_client_cancelled": ("Termin abgesagt: {caller}, {when}",
                                 "Appointment cancelled: {caller}, {when}"),
    "intro_caller_booked": ("hiermit bestätigen wir Ihren Termin bei {client}:",
                            "we are pleased to confirm your appointment with {client}:"),
    "intro_caller_moved": ("Ihr Termin bei {client} wurde verlegt. Der neue Termin:",
                           "your appointment with {client} has been moved. The new time:"),
    "intro_caller_cancelled": ("Ihr Termin bei {client} wurde abgesagt:",
                               "your appointment with {client} has been cancelled:"),
    "intro_client_booked": ("für Sie wurde ein Termin gebucht:",
                            "an appointment has been booked for you:"),
    "intro_client_moved": ("ein Termin wurde verlegt. Der neue Termin:",
                           "an appointment has been moved. The new time:"),
    "intro_client_cancelled": ("ein Termin wurde abgesagt:",
                               "an appointment has been cancelled:"),
    "outro_caller_booked": (
        "Im Anhang finden Sie den Termin für Ihren Kalender.\n"
        "Falls Sie den Termin nicht wahrnehmen können, sagen Sie bitte rechtzeitig ab.",
        "The attached file adds the appointment to your calendar.\n"
        "If you cannot keep the appointment, please let us know in good time.",
    ),
    "outro_caller_moved": (
        "Im Anhang finden Sie den geänderten Termin für Ihren Kalender.",
        "The attached file updates the appointment in your calendar.",
    ),
    "outro_caller_cancelled": (
        "Mit dem Anhang entfernen Sie den Termin aus Ihrem Kalender.",
        "The attached file removes the appointment from your calendar.",
    ),
    "outro_client": ("Im Anhang finden Sie den Termin als Kalenderdatei.",
                     "The appointment is attached as a calendar file."),
    "greeting": ("Guten Tag,", "Hello,"),
    "regards": ("Mit freundlichen Grüßen", "Kind regards"),
    "date": ("Datum", "Date"),
    "time": ("Uhrzeit", "Time"),
    "previously": ("Bisher", "Previously"),
    "with": ("Bei", "With"),
    "type": ("Art", "Type"),
    "location": ("Ort", "Location"),
    "caller": ("Anrufer", "Caller"),
    "phone": ("Telefon", "Phone"),
    "confirmed_to": ("Bestätigung an", "Confirmation sent to"),
    "appointment": ("Termin", "Appointment"),
    "unknown_caller": ("Anrufer", "caller"),
    "attachment": ("termin.ics", "appointment.ics"),
}  # fmt: skip


def text(key: str, language: Language, **fields: object) -> str:
    value = _TEXTS[key][0 if language == "de" else 1]
    return value.format(**fields) if fields else value


def one_line(value: str) -> str:
    """Free text as one header-safe line (no line breaks, single spaces)."""
    return " ".join(value.split())


@dataclass(frozen=True)
class AppointmentFacts:
    """What a confirmation says about one appointment; times in the client's zone."""

    client_name: str
    language: Language
    start: dt.datetime
    end: dt.datetime
    staff: str = ""
    appointment_type: str = ""
    location: str = ""  # address or directions, as the client's profile gives them
    caller_name: str = ""
    caller_phone: str = ""
    caller_email: str = ""  # the caller's copy goes there (named in the client's copy)
    previous_start: dt.datetime | None = None  # a move: where it was


def time_range(facts: AppointmentFacts) -> str:
    """``09:30–10:30 Uhr`` / ``09:30–10:30``."""
    suffix = " Uhr" if facts.language == "de" else ""
    if facts.end <= facts.start:
        return f"{words.clock(facts.start)}{suffix}"
    return f"{words.clock(facts.start)}–{words.clock(facts.end)}{suffix}"


def subject(change: Change, audience: Audience, facts: AppointmentFacts) -> str:
    lang = facts.language
    caller = one_line(facts.caller_name) or text("unknown_caller", lang)
    return text(
        f"subject_{audience}_{change}", lang, client=one_line(facts.client_name),
        caller=caller, when=words.date_time(facts.start, lang),
    )  # fmt: skip


def _details(change: Change, audience: Audience, facts: AppointmentFacts) -> list[str]:
    lang = facts.language
    rows: list[tuple[str, str]] = [
        ("date", words.long_date(facts.start.date(), lang)),
        ("time", time_range(facts)),
    ]
    if change == "moved" and facts.previous_start is not None:
        rows.append(("previously", words.date_time(facts.previous_start, lang)))
    rows += [
        ("with", facts.staff),
        ("type", facts.appointment_type),
        ("location", facts.location),
    ]
    if audience == "client":
        rows += [
            ("caller", facts.caller_name),
            ("phone", facts.caller_phone),
            ("confirmed_to", facts.caller_email),
        ]
    shown = [(text(key, lang), one_line(value)) for key, value in rows if value.strip()]
    width = max(len(label) for label, _ in shown) + 1
    return [f"  {label + ':':<{width}} {value}" for label, value in shown]


def body(change: Change, audience: Audience, facts: AppointmentFacts) -> str:
    """The plain-text body: greeting, what happened, the appointment, a closing line."""
    lang = facts.language
    client = one_line(facts.client_name)
    intro = text(f"intro_{audience}_{change}", lang, client=client)
    outro = text(f"outro_caller_{change}" if audience == "caller" else "outro_client", lang)
    lines = [text("greeting", lang), "", intro, "", *_details(change, audience, facts), "",
             outro, ""]  # fmt: skip
    if audience == "caller":  # in the client's name: the service answers for the client
        lines += [text("regards", lang), client]
        return "\n".join(lines) + "\n"
    return "\n".join(lines) + words.text("mail_signature", lang)


def calendar_summary(facts: AppointmentFacts) -> str:
    """The event's title in the caller's calendar: what and with whom, not the caller."""
    what = one_line(facts.appointment_type) or text("appointment", facts.language)
    return f"{what}: {one_line(facts.client_name)}"


def attachment_name(language: Language) -> str:
    return text("attachment", language)
