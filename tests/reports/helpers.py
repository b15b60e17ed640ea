"""Test data and PDF reading for the reports tests (real pypdf and poppler)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from reports.delivery_jobs import RetryPolicy
from reports.delivery_queue import DeliveryQueue
from reports.model import (
    AppointmentChange,
    Outcome,
    ReportAppointment,
    ReportCall,
    ReportClient,
    ReportNote,
    RequestedAction,
    Urgency,
)
from storage import open_database
from tests.conftest import require_tool

BERLIN = ZoneInfo("Europe/Berlin")
DAY = dt.date(2024, 5, 7)


def open_queue(database: Path, policy: RetryPolicy | None = None) -> DeliveryQueue:
    """The delivery queue of the database file (opened on its own connection, like a
    second process would)."""
    return DeliveryQueue(open_database(database).deliveries, policy)


@dataclass
class MemorySource:
    """A plain in-memory ReportSource (what the clients store will adapt to)."""

    client_list: list[ReportClient]
    calls: list[ReportCall] = field(default_factory=list)

    def client(self, code: str) -> ReportClient | None:
        return next((c for c in self.client_list if c.code == code), None)

    def clients(self) -> list[ReportClient]:
        return list(self.client_list)

    def calls_for(self, client_code: str, day: dt.date) -> list[ReportCall]:
        client = self.client(client_code)
        assert client is not None
        tz = ZoneInfo(client.timezone)
        return [
            c
            for c in self.calls
            if c.client_code == client_code and c.started_at.astimezone(tz).date() == day
        ]


def client(code: str, **kw: object) -> ReportClient:
    values: dict[str, object] = {
        "code": code,
        "name": f"Praxis {code} Müller & Söhne",
        "colour": "#2B5D34",
        "recipients": (f"{code.lower()}@clients.test",),
        "business_hours": "Mo–Fr 8–18 Uhr",
    }
    values.update(kw)
    return ReportClient(**values)  # type: ignore[arg-type]


def call(
    code: str,
    n: int,
    hour: int,
    minute: int = 0,
    *,
    outcome: Outcome = Outcome.ANSWERED,
    urgent: bool = False,
    day: dt.date = DAY,
    with_note: bool = True,
    appointments: tuple[ReportAppointment, ...] = (),
    outside: bool = False,
) -> ReportCall:
    """A call whose caller and subject carry the marker ``<code>call<n>``."""
    marker = f"{code}call{n}"
    started = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)
    note = (
        ReportNote(
            subject=f"Betreff {marker} Größe 12 €",
            message=f"Nachricht {marker}: Bitte um Rückruf wegen Überweisung über 99,50 €.",
            urgency=Urgency.URGENT if urgent else Urgency.NORMAL,
            for_whom="Dr. Jäger",
            action=RequestedAction.CALL_BACK,
            callback_number="+49 30 1234567",
            operator="Frau Weber",
        )
        if with_note
        else None
    )
    return ReportCall(
        call_id=f"{code}-{n}",
        client_code=code,
        started_at=started,
        caller_number=f"+49 30 {n:07d}",
        caller_name=f"Anrufer {marker}",
        duration_s=0 if outcome is Outcome.MISSED else 125,
        outcome=outcome,
        outside_business_hours=outside,
        note=note,
        delivery_status="per E-Mail an Dr. Jäger",
        appointments=appointments,
    )


def appointment(change: AppointmentChange, day: int, hour: int, title: str) -> ReportAppointment:
    start = dt.datetime(2024, 5, day, hour, 0, tzinfo=BERLIN)
    return ReportAppointment(change, start, title, start + dt.timedelta(minutes=30))


def pypdf_text(pdf: bytes, password: str | None = None) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    if reader.is_encrypted:
        assert password is not None, "PDF is encrypted"
        reader.decrypt(password)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdftotext(pdf: bytes, password: str | None = None) -> str:
    require_tool("pdftotext")
    args = ["pdftotext", "-layout", "-enc", "UTF-8"]
    if password is not None:
        args += ["-upw", password]
    result = subprocess.run(
        [*args, "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    )
    return result.stdout.decode("utf-8")


def pdftotext_fails(pdf: bytes) -> str:
    """stderr of a pdftotext run that is expected to fail (e.g. no password)."""
    require_tool("pdftotext")
    result = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=False, timeout=60
    )
    assert result.returncode != 0, "pdftotext read the PDF although it should not"
    return result.stderr.decode("utf-8", "replace")
