"""The database's clients, calls and notes seen as a :class:`reports.model.ReportSource`.

It lives in ``reports`` because reports may read clients, never the other way round.
A call's appointments are the journal rows (:mod:`calendar_sync.journal`) of the call's
client made during the call (by its ``call_key``); see
:func:`reports.call_text.note_appointment_lines` for how the note's own appointment text
then stays out of the way.
Each call is looked up by its client's id and each note joined by its call's id, and a
note is attached only to a call of the note's own client: the renderers' check by client
code is a second fence, not the first. Days are cut at midnight in the client's time
zone, so a call at 00:30 local time is in that day's report, whatever UTC says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

from clients import phone_numbers as pn
from clients.hours_text import format_hours
from clients.model import CallRecord, Client, Variant, parse_hhmm
from clients.model import Outcome as CallOutcome
from clients.scripts import choose_variant
from notes.model import Action, Channel, Note
from reports.appointment_wording import report_appointment
from reports.model import (
    Outcome,
    ReportAppointment,
    ReportCall,
    ReportClient,
    ReportNote,
    RequestedAction,
    Urgency,
)
from storage.interfaces import CallLog, ClientStore, Database, NotesStore

_OUTCOMES: dict[CallOutcome, Outcome] = {
    CallOutcome.ANSWERED: Outcome.ANSWERED,
    CallOutcome.MISSED: Outcome.MISSED,
    CallOutcome.REJECTED: Outcome.REJECTED,
    CallOutcome.BUSY: Outcome.BUSY,  # the caller heard busy: a missed call
    CallOutcome.FAILED: Outcome.MISSED,  # set-up failed: the caller was not served either
    CallOutcome.TRANSFERRED: Outcome.TRANSFERRED,
    CallOutcome.INTERRUPTED: Outcome.INTERRUPTED,  # cut off by a crash: call back
    CallOutcome.ANSWERED_ELSEWHERE: Outcome.ANSWERED,  # an office colleague served it
}

_CHANNELS: dict[str, dict[Channel, str]] = {
    "de": {Channel.WALK_IN: "Besuch", Channel.EMAIL: "E-Mail", Channel.OTHER: "Sonstiges"},
    "en": {Channel.WALK_IN: "Walk-in", Channel.EMAIL: "E-mail", Channel.OTHER: "Other"},
}


def report_outcome(call: CallRecord, note: Note | None) -> Outcome:
    """A note marking a wrong number wins; a call still up counts by whether it was taken."""
    if note is not None and note.wrong_number:
        return Outcome.WRONG_NUMBER
    if call.outcome is None:
        return Outcome.ANSWERED if call.answered_at is not None else Outcome.MISSED
    return _OUTCOMES[call.outcome]


def report_note(note: Note) -> ReportNote:
    return ReportNote(
        subject=note.subject,
        message=note.message,
        urgency=Urgency(str(note.urgency)),
        for_whom=note.for_whom,
        action=RequestedAction(str(Action(note.action))),
        callback_number=note.callback_number,
        operator=note.operator,
        caller_company=note.caller_company,
        appointment=note.appointment,
    )


def report_client(client: Client, business_hours: str = "") -> ReportClient:
    return ReportClient(
        code=client.code,
        name=client.name,
        colour=client.colour,
        language=client.language,
        timezone=client.timezone,
        recipients=client.report_recipients,
        report_time=parse_hhmm(client.report_time),
        encrypt=client.encrypt_reports,
        business_hours=business_hours,
    )


def _number(key: str | None) -> str:
    return pn.display(key) if key else ""


def _caller_number(record: CallRecord) -> str:
    """A verified number in its usual form; an unverified one exactly as it came."""
    if not record.number_verified:
        return record.caller_number or ""
    return _number(record.caller_number)


def day_bounds(day: dt.date, timezone: str) -> tuple[dt.datetime, dt.datetime]:
    """Local midnight to the next local midnight (23 or 25 hours on DST days)."""
    tz = ZoneInfo(timezone)
    start = dt.datetime.combine(day, dt.time(0), tzinfo=tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=tz)
    return start, end


class StoreReportSource:
    """Implements :class:`reports.model.ReportSource` over one database's stores."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.store: ClientStore = db.clients
        self.calls: CallLog = db.calls
        self.notes: NotesStore = db.notes

    def _appointments(
        self, client: Client, records: list[CallRecord]
    ) -> dict[str, tuple[ReportAppointment, ...]]:
        """The journal rows of these calls, per call key (the client's own rows only)."""
        keys = [r.call_key for r in records if r.call_key]
        if not keys:
            return {}
        found: dict[str, list[ReportAppointment]] = {}
        for row in self.db.calendars.appointments(client.code, call_keys=keys):
            if row.call_key is not None and row.client == client.code:
                found.setdefault(row.call_key, []).append(report_appointment(row))
        return {key: tuple(items) for key, items in found.items()}

    def _report_client(self, client: Client) -> ReportClient:
        assert client.id is not None
        return report_client(client, format_hours(self.store.get_business_hours(client.id)))

    def client(self, code: str) -> ReportClient | None:
        found = self.store.get_client_by_code(code)
        return None if found is None else self._report_client(found)

    def clients(self) -> list[ReportClient]:
        return [self._report_client(c) for c in self.store.list_clients()]

    def calls_for(self, client_code: str, day: dt.date) -> list[ReportCall]:
        """Calls and notes of that client whose start falls on ``day`` in its time zone."""
        client = self.store.get_client_by_code(client_code)
        if client is None or client.id is None:
            return []
        start, end = day_bounds(day, client.timezone)
        hours = self.store.get_business_hours(client.id)
        closures = self.store.list_closures(client.id)

        def outside(moment: dt.datetime) -> bool:
            return choose_variant(client, hours, closures, moment).variant != (
                Variant.BUSINESS_HOURS
            )

        records = [
            c for c in self.calls.calls_between(client.id, start, end) if c.client_id == client.id
        ]
        notes = self.notes.notes_for_calls([c.id for c in records if c.id is not None])
        appointments = self._appointments(client, records)
        result: list[ReportCall] = []
        for record in records:
            assert record.id is not None
            note = notes.get(record.id)
            if note is not None and note.client_id != client.id:
                note = None  # never print a note written for another client
            caller_name = (note.caller_name if note else "").strip() or record.caller_name
            result.append(
                ReportCall(
                    call_id=str(record.id),
                    client_code=client.code,
                    started_at=record.started_at,
                    caller_number=_caller_number(record),
                    number_verified=record.number_verified,
                    caller_name=caller_name,
                    duration_s=max(0, round(record.duration_s or 0)),
                    outcome=report_outcome(record, note),
                    outside_business_hours=outside(record.started_at),
                    note=None if note is None else report_note(note),
                    appointments=appointments.get(record.call_key, ()),
                )
            )
        labels = _CHANNELS.get(client.language, _CHANNELS["en"])
        for note in self.notes.loose_notes(client.id, start, end):
            report = report_note(note)
            channel = labels.get(Channel(note.channel))
            if channel:
                subject = f"{channel}: {report.subject}" if report.subject else channel
                report = replace(report, subject=subject)
            result.append(
                ReportCall(
                    call_id=f"note-{note.id}",
                    client_code=client.code,
                    started_at=note.noted_at,
                    caller_number=_number(note.caller_number),
                    caller_name=note.caller_name,
                    outcome=Outcome.WRONG_NUMBER if note.wrong_number else Outcome.ANSWERED,
                    outside_business_hours=outside(note.noted_at),
                    note=report,
                )
            )
        result.sort(key=lambda c: (c.started_at, c.call_id))
        return result
