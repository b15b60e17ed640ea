"""An appointment in one line, in the client's language and time zone.

The same line goes into the call's note (the booking panel adds it), the daily report and
the call-note PDF: ``Termin gebucht: Di 12.01.2027 09:30–10:00 Uhr bei Dr. Roth
(Erstgespräch)`` / ``Appointment booked: Tue 2027-01-12 09:30–10:00 with Dr. Roth
(Erstgespräch)``; a move adds ``(vorher …)`` / ``(previously …)``. Pure functions on plain
values; :func:`client_line` (what the booking panel puts into the note),
:func:`record_line` and :func:`report_appointment` adapt a journal row
(:class:`calendar_sync.journal.AppointmentRecord`).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol
from zoneinfo import ZoneInfo

from calendar_sync.journal import AppointmentRecord
from reports import report_wording as labels
from reports.model import AppointmentChange, Language, ReportAppointment

_WEEKDAYS = (
    ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
    ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
)
Zone = str | dt.tzinfo  # a zone name or the zone itself
_WITH = ("bei", "with")
_BEFORE = ("vorher", "previously")


def _i(language: Language) -> int:
    return 0 if language == "de" else 1


def moment(value: dt.datetime, zone: Zone, language: Language) -> str:
    """``Di 12.01.2027 09:30 Uhr`` / ``Tue 2027-01-12 09:30`` in ``zone``."""
    return _span(value, None, zone, language)


def _span(start: dt.datetime, end: dt.datetime | None, zone: Zone, language: Language) -> str:
    tz = ZoneInfo(zone) if isinstance(zone, str) else zone
    local = start.astimezone(tz)
    text = f"{_WEEKDAYS[_i(language)][local.weekday()]} {labels.short_date(local.date(), language)}"
    text += f" {labels.clock(local)}"
    if end is not None:
        text += f"–{labels.clock(end.astimezone(tz))}"
    return text + (" Uhr" if language == "de" else "")


def details(
    starts_at: dt.datetime,
    ends_at: dt.datetime | None,
    *,
    staff: str = "",
    kind: str = "",
    previous_start: dt.datetime | None = None,
    title: str = "",
    language: Language,
    zone: Zone,
) -> str:
    """What follows the label: when, with whom, which type, and where it was before."""
    text = _span(starts_at, ends_at, zone, language)
    if staff.strip():
        text += f" {_WITH[_i(language)]} {staff.strip()}"
    if kind.strip():
        text += f" ({kind.strip()})"
    if title.strip():
        text += f" – {title.strip()}"
    if previous_start is not None:
        text += f" ({_BEFORE[_i(language)]} {moment(previous_start, zone, language)})"
    return text


def appointment_line(
    change: AppointmentChange,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None,
    *,
    staff: str = "",
    kind: str = "",
    previous_start: dt.datetime | None = None,
    language: Language,
    zone: Zone,
) -> str:
    """``<label>: <details>``, e.g. ``Termin verlegt: Mi 13.01.2027 10:00–10:30 Uhr bei
    Dr. Roth (Erstgespräch) (vorher Di 12.01.2027 09:30 Uhr)``."""
    what = details(
        starts_at, ends_at, staff=staff, kind=kind, previous_start=previous_start,
        language=language, zone=zone,
    )  # fmt: skip
    return f"{labels.appointment_change(change, language)}: {what}"


def report_appointment(record: AppointmentRecord) -> ReportAppointment:
    """A journal row as the reports list it."""
    return ReportAppointment(
        change=AppointmentChange(str(record.state)),
        starts_at=record.starts_at,
        title="",
        ends_at=record.ends_at,
        staff=record.staff,
        kind=record.kind,
        previous_start=record.previous_start,
    )


def record_line(record: AppointmentRecord, language: Language, zone: Zone) -> str:
    """The journal row as the note and the reports say it (the client's language and zone)."""
    item = report_appointment(record)
    return appointment_line(
        item.change, item.starts_at, item.ends_at, staff=item.staff, kind=item.kind,
        previous_start=item.previous_start, language=language, zone=zone,
    )  # fmt: skip


class HasLanguageAndZone(Protocol):
    """A client as the wording needs it (:class:`clients.model.Client`, ReportClient)."""

    @property
    def language(self) -> Language: ...
    @property
    def timezone(self) -> str: ...


def client_line(record: AppointmentRecord, client: HasLanguageAndZone) -> str:
    """The journal row in ``client``'s language and time zone: the line for the note."""
    return record_line(record, client.language, client.timezone)


def is_journal_line(line: str) -> bool:
    """Whether a line of a note's appointment text says what a journal row says (in either
    language): the report then shows the row and leaves the line out."""
    text = line.strip()
    return any(
        text.startswith(f"{labels.appointment_change(change, language)}:")
        for change in AppointmentChange
        for language in ("de", "en")
    )
