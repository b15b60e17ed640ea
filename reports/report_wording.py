"""German and English wording of the reports, and date/duration formats per language.

Reports are read by the client, so their language follows the client's setting, not the
operator's user interface; the texts therefore live here and not in the Qt catalogue
(the UI's own shared words are in ``ui/common_words.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from reports.model import AppointmentChange, Language, Outcome, RequestedAction, Urgency

_TEXTS: dict[str, tuple[str, str]] = {
    # key: (de, en)
    "daily_report": ("Tagesbericht", "Daily report"),
    "call_note": ("Telefonnotiz", "Call note"),
    "period": ("Zeitraum", "Period"),
    "business_hours": ("Geschäftszeiten", "Business hours"),
    "summary": ("Übersicht", "Summary"),
    "calls": ("Anrufe", "Calls"),
    "messages": ("Nachrichten", "Messages"),
    "appointments": ("Termine", "Appointments"),
    "urgent_items": ("Dringend", "Urgent"),
    "outside_hours": ("Außerhalb der Geschäftszeiten", "Outside business hours"),
    "outside_hours_short": ("außerhalb der Geschäftszeit", "outside business hours"),
    "urgent_list": ("Dringende Anliegen", "Urgent matters"),
    "of_which": ("davon", "of which"),
    "call_log": ("Anrufe im Einzelnen", "Calls in detail"),
    "no_calls": ("Heute sind keine Anrufe eingegangen.", "There were no calls today."),
    "no_calls_hint": (
        "Dieser Bericht bestätigt, dass der Telefondienst besetzt war.",
        "This report confirms that the answering service was staffed.",
    ),
    "time": ("Uhrzeit", "Time"),
    "date": ("Datum", "Date"),
    "caller": ("Anrufer", "Caller"),
    "company": ("Firma", "Company"),
    "number": ("Rufnummer", "Number"),
    "duration": ("Dauer", "Duration"),
    "outcome": ("Ergebnis", "Outcome"),
    "subject": ("Betreff", "Subject"),
    "message": ("Nachricht", "Message"),
    "urgency": ("Dringlichkeit", "Urgency"),
    "for_whom": ("Für", "For"),
    "action": ("Erbeten", "Requested"),
    "callback_number": ("Rückrufnummer", "Call-back number"),
    "operator": ("Aufgenommen von", "Taken by"),
    "delivery": ("Zustellung", "Delivery"),
    "unknown_caller": ("Unbekannter Anrufer", "Unknown caller"),
    "suppressed_number": ("Rufnummer unterdrückt", "Number withheld"),
    "unverified_number": ("nicht geprüft", "unverified"),
    "no_note": ("Keine Notiz.", "No note."),
    "page_of": ("Seite {page} von {pages}", "Page {page} of {pages}"),
    "created": ("Erstellt {when}", "Created {when}"),
    "confidential": ("Vertraulich", "Confidential"),
    "minutes": ("Min.", "min"),
    "mail_subject_daily": ("Tagesbericht {client} – {date}", "Daily report {client} – {date}"),
    "mail_subject_note": ("Telefonnotiz {client} – {when}", "Call note {client} – {when}"),
    "mail_subject_urgent": (
        "DRINGEND: Telefonnotiz {client} – {when}",
        "URGENT: Call note {client} – {when}",
    ),
    "mail_body_daily": (
        "Guten Tag,\n\nanbei erhalten Sie den Tagesbericht für {date}.\n",
        "Hello,\n\nplease find attached the daily report for {date}.\n",
    ),
    "mail_body_note": (
        "Guten Tag,\n\nanbei erhalten Sie eine Telefonnotiz vom {when}.\n",
        "Hello,\n\nplease find attached a call note from {when}.\n",
    ),
    "mail_body_encrypted": (
        "\nDas PDF ist mit dem vereinbarten Kennwort geschützt.\n",
        "\nThe PDF is protected with the agreed password.\n",
    ),
    "mail_signature": (
        "\nMit freundlichen Grüßen\nIhr Telefonservice\n",
        "\nKind regards\nYour answering service\n",
    ),
}

_OUTCOMES: dict[Outcome, tuple[str, str]] = {
    Outcome.ANSWERED: ("angenommen", "answered"),
    Outcome.MISSED: ("verpasst – aufgelegt beim Klingeln", "missed – caller hung up while ringing"),
    Outcome.BUSY: ("verpasst – alle Leitungen besetzt", "missed – all lines were busy"),
    Outcome.INTERRUPTED: ("unterbrochen – Verbindung abgebrochen", "interrupted – call cut off"),
    Outcome.WRONG_NUMBER: ("falsch verbunden", "wrong number"),
    Outcome.REJECTED: ("abgewiesen", "rejected"),
    Outcome.TRANSFERRED: ("weitergeleitet", "transferred"),
}
_OUTCOME_TAGS: dict[Outcome, tuple[str, str]] = {
    Outcome.MISSED: ("VERPASST", "MISSED"),
    Outcome.BUSY: ("VERPASST (BESETZT)", "MISSED (BUSY)"),
    Outcome.INTERRUPTED: ("UNTERBROCHEN", "INTERRUPTED"),
    Outcome.WRONG_NUMBER: ("FALSCH VERBUNDEN", "WRONG NUMBER"),
    Outcome.REJECTED: ("ABGEWIESEN", "REJECTED"),
    Outcome.TRANSFERRED: ("WEITERGELEITET", "TRANSFERRED"),
}
_URGENCY: dict[Urgency, tuple[str, str]] = {
    Urgency.URGENT: ("dringend", "urgent"),
    Urgency.NORMAL: ("normal", "normal"),
    Urgency.LOW: ("niedrig", "low"),
}
_ACTIONS: dict[RequestedAction, tuple[str, str]] = {
    RequestedAction.CALL_BACK: ("Rückruf", "call back"),
    RequestedAction.SEND_INFO: ("Informationen senden", "send information"),
    RequestedAction.NONE: ("keine Aktion", "no action"),
}
_APPOINTMENTS: dict[AppointmentChange, tuple[str, str]] = {
    AppointmentChange.BOOKED: ("Termin gebucht", "Appointment booked"),
    AppointmentChange.CANCELLED: ("Termin abgesagt", "Appointment cancelled"),
    AppointmentChange.MOVED: ("Termin verlegt", "Appointment moved"),
    AppointmentChange.PENDING: (
        "Termin vorgemerkt (Kalender nicht erreichbar)",
        "Appointment pending (calendar unreachable)",
    ),
    AppointmentChange.CONFLICT: (
        "Termin nicht gebucht (Zeit inzwischen vergeben)",
        "Appointment not booked (slot taken meanwhile)",
    ),
}
_APPOINTMENT_COUNTS: dict[AppointmentChange, tuple[str, str]] = {
    AppointmentChange.BOOKED: ("gebucht", "booked"),
    AppointmentChange.MOVED: ("verlegt", "moved"),
    AppointmentChange.CANCELLED: ("abgesagt", "cancelled"),
    AppointmentChange.PENDING: ("vorgemerkt", "pending"),
    AppointmentChange.CONFLICT: ("nicht gebucht", "not booked"),
}

_WEEKDAYS = (
    ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
)
_MONTHS = (
    (
        "Januar", "Februar", "März", "April", "Mai", "Juni",
        "Juli", "August", "September", "Oktober", "November", "Dezember",
    ),
    (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
)  # fmt: skip


def _idx(language: Language) -> int:
    return 0 if language == "de" else 1


def text(key: str, language: Language, **fields: object) -> str:
    value = _TEXTS[key][_idx(language)]
    return value.format(**fields) if fields else value


def outcome(value: Outcome, language: Language) -> str:
    return _OUTCOMES[value][_idx(language)]


def outcome_tag(value: Outcome, language: Language) -> str | None:
    """A short capital marker for outcomes that must catch the eye, else None."""
    tags = _OUTCOME_TAGS.get(value)
    return None if tags is None else tags[_idx(language)]


def urgency(value: Urgency, language: Language) -> str:
    return _URGENCY[value][_idx(language)]


def action(value: RequestedAction, language: Language) -> str:
    return _ACTIONS[value][_idx(language)]


def appointment_change(value: AppointmentChange, language: Language) -> str:
    return _APPOINTMENTS[value][_idx(language)]


def long_date(day: dt.date, language: Language) -> str:
    """``Dienstag, 7. Mai 2024`` / ``Tuesday, 7 May 2024``."""
    i = _idx(language)
    weekday, month = _WEEKDAYS[i][day.weekday()], _MONTHS[i][day.month - 1]
    if language == "de":
        return f"{weekday}, {day.day}. {month} {day.year}"
    return f"{weekday}, {day.day} {month} {day.year}"


def short_date(day: dt.date, language: Language) -> str:
    return f"{day:%d.%m.%Y}" if language == "de" else f"{day:%Y-%m-%d}"


def clock(moment: dt.datetime | dt.time) -> str:
    return f"{moment:%H:%M}"


def date_time(moment: dt.datetime, language: Language) -> str:
    suffix = " Uhr" if language == "de" else ""
    return f"{short_date(moment.date(), language)} {clock(moment)}{suffix}"


def duration(seconds: int, language: Language) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    return f"{minutes}:{secs:02d} {text('minutes', language)}"


def appointment_change_count(counts: Mapping[AppointmentChange, int], language: Language) -> str:
    """``2 gebucht, 1 verlegt, 0 abgesagt`` (booked and cancelled always, the rest if any)."""
    shown = [
        f"{counts.get(change, 0)} {words[_idx(language)]}"
        for change, words in _APPOINTMENT_COUNTS.items()
        if counts.get(change, 0)
        or change in (AppointmentChange.BOOKED, AppointmentChange.CANCELLED)
    ]
    return ", ".join(shown)
