"""From a client's calls to a queued delivery: render, encrypt if wanted, word the mail."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo

from reports import report_wording as labels
from reports.delivery_jobs import DeliveryRequest
from reports.model import ReportCall, ReportClient

Encryptor = Callable[[bytes, str], bytes]


def _encrypt_for_client(pdf: bytes, client_code: str) -> bytes:
    """pypdf and cryptography load only when a report is really encrypted."""
    from reports.encryption import encrypt_for_client

    return encrypt_for_client(pdf, client_code)


def _safe(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", value).strip("_") or "client"


def daily_report_request(
    client: ReportClient,
    day: dt.date,
    calls: Sequence[ReportCall],
    *,
    generated_at: dt.datetime | None = None,
    encryptor: Encryptor = _encrypt_for_client,
) -> DeliveryRequest:
    """Render the daily report (encrypted when the client wants it) as a queue request.

    Raises :class:`reports.encryption.EncryptionPasswordMissing` when encryption is on but
    no password is stored: an unencrypted report is never sent instead.
    """
    lang = client.language
    from reports.daily_report_pdf import render_daily_report  # reportlab: only when rendering

    pdf = render_daily_report(client, day, calls, lang, generated_at=generated_at)
    if client.encrypt:
        pdf = encryptor(pdf, client.code)
    date_text = labels.long_date(day, lang)
    body = labels.text("mail_body_daily", lang, date=date_text)
    if client.encrypt:
        body += labels.text("mail_body_encrypted", lang)
    body += labels.text("mail_signature", lang)
    name = "Tagesbericht" if lang == "de" else "Daily-report"
    return DeliveryRequest(
        kind="daily_report",
        client_code=client.code,
        day=day,
        recipients=client.recipients,
        subject=labels.text(
            "mail_subject_daily", lang, client=client.name, date=labels.short_date(day, lang)
        ),
        body=body,
        attachment_name=f"{name}_{_safe(client.code)}_{day.isoformat()}.pdf",
        attachment=pdf,
        encrypted=client.encrypt,
    )


def call_note_request(
    client: ReportClient,
    call: ReportCall,
    *,
    generated_at: dt.datetime | None = None,
    encryptor: Encryptor = _encrypt_for_client,
) -> DeliveryRequest:
    """Render one call's note as a queue request (for urgent notes, sent at once)."""
    lang = client.language
    from reports.call_note_pdf import render_call_note  # reportlab: only when rendering

    pdf = render_call_note(client, call, lang, generated_at=generated_at)
    if client.encrypt:
        pdf = encryptor(pdf, client.code)
    started = call.started_at.astimezone(ZoneInfo(client.timezone))
    when = labels.date_time(started, lang)
    key = "mail_subject_urgent" if call.urgent else "mail_subject_note"
    body = labels.text("mail_body_note", lang, when=when)
    if client.encrypt:
        body += labels.text("mail_body_encrypted", lang)
    body += labels.text("mail_signature", lang)
    name = "Telefonnotiz" if lang == "de" else "Call-note"
    return DeliveryRequest(
        kind="call_note",
        client_code=client.code,
        day=started.date(),
        recipients=client.recipients,
        subject=labels.text(key, lang, client=client.name, when=when),
        body=body,
        attachment_name=f"{name}_{_safe(client.code)}_{started:%Y-%m-%d_%H%M}.pdf",
        attachment=pdf,
        encrypted=client.encrypt,
        call_id=call.call_id,
    )


def report_due_at(client: ReportClient, day: dt.date) -> dt.datetime:
    """When ``day``'s report is due: the client's report time in the client's time zone."""
    return dt.datetime.combine(day, client.report_time, tzinfo=ZoneInfo(client.timezone))


def wants_report(client: ReportClient, calls: Sequence[ReportCall]) -> bool:
    """False for a day without calls when the client asked for no empty reports."""
    return bool(calls) or client.send_empty_report
