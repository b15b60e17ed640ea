"""How one call reads in a report: the same wording in the daily report and the call note."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from reports import appointment_wording as wording
from reports import report_wording as labels
from reports.model import Language, ReportAppointment, ReportCall, RequestedAction, Urgency
from reports.pdf_layout import markup

SEP = " · "


def local(moment: dt.datetime, tz: ZoneInfo) -> dt.datetime:
    return moment.astimezone(tz)


def caller_label(call: ReportCall, language: Language) -> str:
    """Name (company), or the number, or "unknown caller"; already escaped markup."""
    name = call.caller_name.strip()
    company = call.note.caller_company.strip() if call.note else ""
    if name and company:
        return f"<b>{markup(name)}</b> ({markup(company)})"
    if name or company:
        return f"<b>{markup(name or company)}</b>"
    return f"<b>{labels.text('unknown_caller', language)}</b>"


def number_label(call: ReportCall, language: Language) -> str:
    number = call.caller_number.strip()
    if not number:
        return labels.text("suppressed_number", language)
    if not call.number_verified:
        return f"{markup(number)} ({labels.text('unverified_number', language)})"
    return markup(number)


def tags(call: ReportCall, language: Language) -> list[str]:
    """Markers that must catch the eye on paper: urgency, missed, wrong number, after hours."""
    result: list[str] = []
    if call.urgent:
        result.append(f"<b>{labels.urgency(Urgency.URGENT, language).upper()}</b>")
    outcome_tag = labels.outcome_tag(call.outcome, language)
    if outcome_tag:
        result.append(f"<b>{outcome_tag}</b>")
    if call.outside_business_hours:
        result.append(f"<i>{labels.text('outside_hours_short', language)}</i>")
    return result


def head_line(call: ReportCall, language: Language) -> str:
    parts = [caller_label(call, language), number_label(call, language)]
    if not call.outcome.missed:  # a missed call has no talk time
        parts.append(labels.duration(call.duration_s, language))
    parts.extend(tags(call, language))
    return SEP.join(parts)


def appointment_line(item: ReportAppointment, tz: ZoneInfo, language: Language) -> str:
    """The line of :mod:`reports.appointment_wording`, its label in bold."""
    what = wording.details(
        item.starts_at, item.ends_at, staff=item.staff, kind=item.kind,
        previous_start=item.previous_start, title=item.title, language=language, zone=tz,
    )  # fmt: skip
    return f"<b>{labels.appointment_change(item.change, language)}:</b> {markup(what)}"


def note_appointment_lines(call: ReportCall) -> list[str]:
    """The note's appointment text, line by line, without the lines that repeat one of the
    call's journal rows: a call with journal rows lists those (in the client's language)
    and keeps only what the operator typed herself; a call without keeps the text whole
    (bookings from before the journal). See :func:`appointment_wording.is_journal_line`."""
    note = call.note
    if note is None:
        return []
    lines = [line for line in note.appointment.splitlines() if line.strip()]
    if call.appointments:
        lines = [line for line in lines if not wording.is_journal_line(line)]
    return lines


def action_text(call: ReportCall, language: Language) -> str | None:
    note = call.note
    if note is None or note.action is RequestedAction.NONE:
        return None
    value = labels.action(note.action, language)
    if note.action is RequestedAction.CALL_BACK and note.callback_number.strip():
        prep = "an" if language == "de" else "on"
        value = f"{value} {prep} {markup(note.callback_number)}"
    return value


def body_lines(call: ReportCall, tz: ZoneInfo, language: Language) -> list[str]:
    """The note, appointments and delivery status, one markup line each."""
    lines: list[str] = []
    note = call.note
    if note is not None:
        if note.subject.strip():
            lines.append(f"<b>{labels.text('subject', language)}:</b> {markup(note.subject)}")
        if note.message.strip():
            lines.append(markup(note.message))
        facts: list[str] = []
        if note.for_whom.strip():
            facts.append(f"{labels.text('for_whom', language)}: {markup(note.for_whom)}")
        action = action_text(call, language)
        if action:
            facts.append(f"{labels.text('action', language)}: {action}")
        elif note.callback_number.strip():
            facts.append(
                f"{labels.text('callback_number', language)}: {markup(note.callback_number)}"
            )
        if note.operator.strip():
            facts.append(f"{labels.text('operator', language)}: {markup(note.operator)}")
        if facts:
            lines.append(SEP.join(facts))
        lines.extend(markup(line) for line in note_appointment_lines(call))
    for item in sorted(call.appointments, key=lambda a: a.starts_at):
        lines.append(appointment_line(item, tz, language))
    if call.delivery_status.strip():
        lines.append(f"{labels.text('delivery', language)}: {markup(call.delivery_status)}")
    return lines
