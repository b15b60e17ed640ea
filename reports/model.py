"""What a report is made of: plain frozen data, independent of how clients are stored.

The clients store (or any other source) adapts to :class:`ReportSource`; the PDF and
delivery code reads nothing else. Every call carries its client's code so that the
renderers can refuse a call that belongs to someone else.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")


class Outcome(enum.StrEnum):
    ANSWERED = "answered"
    MISSED = "missed"  # the caller hung up while it rang
    BUSY = "busy"  # every line was taken: the caller heard busy (a missed call)
    INTERRUPTED = "interrupted"  # the call was cut off by a crash (a missed call)
    WRONG_NUMBER = "wrong_number"
    REJECTED = "rejected"
    TRANSFERRED = "transferred"

    @property
    def missed(self) -> bool:
        """Nobody talked to the caller: the client must call back."""
        return self in (Outcome.MISSED, Outcome.BUSY, Outcome.INTERRUPTED)


class Urgency(enum.StrEnum):
    URGENT = "urgent"
    NORMAL = "normal"
    LOW = "low"


class RequestedAction(enum.StrEnum):
    CALL_BACK = "call_back"
    SEND_INFO = "send_info"
    NONE = "none"


class AppointmentChange(enum.StrEnum):
    """What was done with an appointment during a call (the journal's states)."""

    BOOKED = "booked"
    CANCELLED = "cancelled"
    MOVED = "moved"
    PENDING = "pending"  # kept while the client's calendar was unreachable
    CONFLICT = "conflict"  # a pending booking whose slot was taken meanwhile: not booked


@dataclass(frozen=True)
class ReportAppointment:
    """An appointment booked, moved or cancelled during the call."""

    change: AppointmentChange
    starts_at: dt.datetime  # timezone-aware
    title: str = ""
    ends_at: dt.datetime | None = None
    staff: str = ""
    kind: str = ""  # appointment type
    previous_start: dt.datetime | None = None  # where a moved appointment was


@dataclass(frozen=True)
class ReportNote:
    """What the operator recorded for the call."""

    subject: str = ""
    message: str = ""
    urgency: Urgency = Urgency.NORMAL
    for_whom: str = ""
    action: RequestedAction = RequestedAction.NONE
    callback_number: str = ""
    operator: str = ""
    caller_company: str = ""
    appointment: str = ""  # booked from the pop: one readable line per booking


@dataclass(frozen=True)
class ReportCall:
    """One call as the client sees it in a report."""

    call_id: str
    client_code: str
    started_at: dt.datetime  # timezone-aware
    caller_number: str = ""
    number_verified: bool = True  # False: shown as received, marked "unverified"
    caller_name: str = ""
    duration_s: int = 0
    outcome: Outcome = Outcome.ANSWERED
    outside_business_hours: bool = False
    note: ReportNote | None = None
    delivery_status: str = ""  # e.g. "Sent to dr.maier@example.com 10:14"; free text
    appointments: tuple[ReportAppointment, ...] = ()

    def __post_init__(self) -> None:
        if self.started_at.tzinfo is None or self.started_at.utcoffset() is None:
            raise ValueError(f"call {self.call_id}: started_at must be timezone-aware")
        if self.duration_s < 0:
            raise ValueError(f"call {self.call_id}: negative duration")

    @property
    def urgent(self) -> bool:
        return self.note is not None and self.note.urgency is Urgency.URGENT

    @property
    def has_message(self) -> bool:
        return self.note is not None and bool(
            self.note.message.strip() or self.note.subject or self.note.appointment.strip()
        )


@dataclass(frozen=True)
class ReportClient:
    """A client as far as reports and their delivery need to know it."""

    code: str
    name: str
    colour: str = "#1F3A5F"  # "#RRGGBB"
    logo: Path | None = None
    language: Language = "de"
    timezone: str = "Europe/Berlin"
    recipients: tuple[str, ...] = ()
    report_time: dt.time = dt.time(18, 0)
    encrypt: bool = False
    send_empty_report: bool = True
    business_hours: str = ""  # summary for the header, e.g. "Mo–Fr 8–18 Uhr"
    urgent_immediately: bool = True  # send an urgent call note at once, not only daily

    def __post_init__(self) -> None:
        if not self.code.strip():
            raise ValueError("client code must not be empty")
        if self.language not in LANGUAGES:
            raise ValueError(f"client {self.code}: unsupported language {self.language!r}")


class ReportSource(Protocol):
    """Where reports get their data; the clients store adapts to this."""

    def client(self, code: str) -> ReportClient | None: ...

    def clients(self) -> list[ReportClient]: ...

    def calls_for(self, client_code: str, day: dt.date) -> list[ReportCall]:
        """Calls of that client whose start falls on ``day`` in the client's time zone."""
        ...
