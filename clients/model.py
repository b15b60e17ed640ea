"""Plain, frozen data for clients, their scripts, staff, callers and the call log.

These objects cross thread and process boundaries and reach the UI, so they are
immutable and hold no database handles. ``id`` is ``None`` until a store saved the object.
Phone numbers inside them are always normalised keys (see :mod:`clients.phone_numbers`).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

# a call's direction and outcome are the phone's words; the call log keeps them as they are
from softphone.states import Direction as Direction
from softphone.states import Outcome as Outcome

Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")

# German states (Bundesländer) as the ``holidays`` package names them.
STATES = (
    "BB",
    "BE",
    "BW",
    "BY",
    "HB",
    "HE",
    "HH",
    "MV",
    "NI",
    "NW",
    "RP",
    "SH",
    "SL",
    "SN",
    "ST",
    "TH",
)


class Variant(enum.StrEnum):
    """Which greeting applies; the order of checks lives in :mod:`clients.scripts`."""

    BUSINESS_HOURS = "business_hours"
    AFTER_HOURS = "after_hours"
    HOLIDAY = "holiday"
    VACATION = "vacation"


class Availability(enum.StrEnum):
    PRESENT = "present"
    ABSENT_UNTIL = "absent_until"
    MEETING = "meeting"
    VACATION = "vacation"


_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_HHMM = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")


def parse_hhmm(text: str) -> dt.time:
    """``"08:30"`` → ``time(8, 30)``; ``"24:00"`` means the end of the day."""
    match = _HHMM.match(text.strip())
    if not match or (match.group(1) == "24" and match.group(2) != "00"):
        raise ValueError(f"not a time of day (HH:MM): {text!r}")
    if match.group(1) == "24":
        return dt.time.max
    return dt.time(int(match.group(1)), int(match.group(2)))


def format_hhmm(value: dt.time) -> str:
    return "24:00" if value == dt.time.max else value.strftime("%H:%M")


MAX_WRAP_UP_S = 3600  # an hour: longer is a break, not a wrap-up
DEFAULT_SERVICE_LEVEL_S = 20  # the usual threshold of answering services (80/20)
MAX_SERVICE_LEVEL_S = 600  # ten minutes: a longer wait is no service level


@dataclass(frozen=True, kw_only=True)
class Client:
    """A company the service answers for (Mandant)."""

    id: int | None = None
    code: str
    name: str
    colour: str = "#3465a4"
    language: Language = "de"
    state: str = "BE"  # Bundesland code for public holidays
    timezone: str = "Europe/Berlin"
    report_recipients: tuple[str, ...] = ()
    report_time: str = "18:00"
    encrypt_reports: bool = False
    wrap_up_s: int = 0  # after a call, seconds before the seat rings again (0: at once)
    service_level_s: int = DEFAULT_SERVICE_LEVEL_S  # answered within this: in the service level

    def __post_init__(self) -> None:
        if not self.code.strip() or any(ch.isspace() for ch in self.code):
            raise ValueError(f"client code must be one word, got {self.code!r}")
        if not self.name.strip():
            raise ValueError("client name must not be empty")
        if not _COLOUR.match(self.colour):
            raise ValueError(f"colour must look like #RRGGBB, got {self.colour!r}")
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, got {self.language!r}")
        if self.state not in STATES:
            raise ValueError(f"state must be a German state code {STATES}, got {self.state!r}")
        parse_hhmm(self.report_time)
        if not 0 <= self.wrap_up_s <= MAX_WRAP_UP_S:
            raise ValueError(f"wrap-up must be 0–{MAX_WRAP_UP_S} seconds, got {self.wrap_up_s}")
        if not 1 <= self.service_level_s <= MAX_SERVICE_LEVEL_S:
            raise ValueError(
                f"service level threshold must be 1–{MAX_SERVICE_LEVEL_S} seconds, "
                f"got {self.service_level_s}"
            )
        try:
            zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.timezone!r}") from exc


@dataclass(frozen=True, kw_only=True)
class ClientNumber:
    """A number that identifies a client: a DID or a number forwarding to the service."""

    id: int | None = None
    client_id: int
    number: str  # normalised key
    label: str = ""


@dataclass(frozen=True, kw_only=True)
class Script:
    """Greeting template and instructions for one variant and language."""

    id: int | None = None
    client_id: int
    variant: Variant
    language: Language = "de"
    greeting: str
    instructions: str = ""


@dataclass(frozen=True)
class OpeningInterval:
    """One open stretch on one weekday (0 = Monday); gaps between intervals are breaks."""

    weekday: int
    opens: dt.time
    closes: dt.time  # exclusive; ``time.max`` = until midnight

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) … 6 (Sunday), got {self.weekday}")
        if self.closes <= self.opens:
            raise ValueError(
                f"interval must close after it opens: {format_hhmm(self.opens)}–"
                f"{format_hhmm(self.closes)}"
            )

    def contains(self, moment: dt.time) -> bool:
        return self.opens <= moment < self.closes


@dataclass(frozen=True)
class BusinessHours:
    """All opening intervals of one client; empty means never open (always after hours)."""

    intervals: tuple[OpeningInterval, ...] = ()

    @classmethod
    def weekly(cls, spec: Mapping[int, Iterable[tuple[str, str]]]) -> BusinessHours:
        """``{0: [("08:00", "12:00"), ("13:00", "17:00")], ...}`` → BusinessHours."""
        return cls(
            tuple(
                OpeningInterval(day, parse_hhmm(a), parse_hhmm(b))
                for day in sorted(spec)
                for a, b in spec[day]
            )
        )

    def on(self, weekday: int) -> tuple[OpeningInterval, ...]:
        return tuple(
            sorted((i for i in self.intervals if i.weekday == weekday), key=lambda i: i.opens)
        )

    def is_open(self, weekday: int, moment: dt.time) -> bool:
        return any(i.weekday == weekday and i.contains(moment) for i in self.intervals)


@dataclass(frozen=True, kw_only=True)
class ClosurePeriod:
    """Vacation or other closure, whole days, both ends inclusive, in the client's zone."""

    id: int | None = None
    client_id: int
    start: dt.date
    end: dt.date
    reason: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"closure ends ({self.end}) before it starts ({self.start})")

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, kw_only=True)
class Staff:
    """A person at the client the operator may transfer to."""

    id: int | None = None
    client_id: int
    name: str
    role: str = ""
    transfer_target: str = ""  # phone number or SIP URI
    availability: Availability = Availability.PRESENT
    absent_until: dt.datetime | None = None  # aware; meaningful for ABSENT_UNTIL
    note: str = ""
    always_put_through: tuple[str, ...] = ()  # normalised caller numbers
    position: int = 0

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("staff name must not be empty")
        if self.absent_until is not None and self.absent_until.tzinfo is None:
            raise ValueError("absent_until must be timezone-aware")


@dataclass(frozen=True, kw_only=True)
class Caller:
    """A person who calls; ``client_id`` ``None`` = shared by all clients."""

    id: int | None = None
    client_id: int | None
    name: str
    company: str = ""
    salutation: str = ""  # how to address them, e.g. "Herr Dr. Krause"
    numbers: tuple[str, ...] = ()  # normalised keys
    notes: str = ""
    vip: bool = False
    blocked: bool = False

    def __post_init__(self) -> None:
        if not self.name.strip() and not self.company.strip():
            raise ValueError("a caller needs a name or a company")

    @property
    def address(self) -> str:
        """The name to use in a greeting."""
        return self.salutation.strip() or self.name.strip() or self.company.strip()


@dataclass(frozen=True, kw_only=True)
class FaqEntry:
    id: int | None = None
    client_id: int
    question: str
    answer: str
    position: int = 0


@dataclass(frozen=True, kw_only=True)
class CallRecord:
    """One call in the log. All datetimes are timezone-aware (stored as UTC).

    ``call_key`` is the UI's key of the call, unique for ever (a store mints one for a row
    logged without). ``caller_number`` is a normalised key when ``number_verified``, else
    the number exactly as received; ``caller_uri`` tells calls without a number apart.
    """

    id: int | None = None
    call_key: str = ""
    client_id: int | None = None
    caller_number: str | None = None  # normalised key
    caller_name: str = ""  # display name as signalled
    caller_uri: str = ""  # the caller's SIP URI as received
    number_verified: bool = True
    dialled_number: str | None = None  # normalised key of the number that identified the client
    direction: Direction = Direction.IN
    started_at: dt.datetime
    answered_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    duration_s: float | None = None
    outcome: Outcome | None = None  # None while the call is still up
    sip_call_id: str = ""
    seat: str = ""  # the seat that answered it ("" while nobody did)
    operator: str = ""  # the name of who answered it at that seat

    def __post_init__(self) -> None:
        for name in ("started_at", "answered_at", "ended_at"):
            value = getattr(self, name)
            if value is not None and value.tzinfo is None:
                raise ValueError(f"{name} must be timezone-aware")


@dataclass(frozen=True)
class ClientProfile:
    """Everything stored about one client, as one read (for pops, admin views, export)."""

    client: Client
    numbers: tuple[ClientNumber, ...] = ()
    scripts: tuple[Script, ...] = ()
    hours: BusinessHours = field(default_factory=BusinessHours)
    closures: tuple[ClosurePeriod, ...] = ()
    staff: tuple[Staff, ...] = ()
    faq: tuple[FaqEntry, ...] = ()
