"""Realistic sample calls for previews, benchmarks and tests (deterministic per seed)."""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

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

_FIRST = ("Jürgen", "Änne", "Sören", "Maria", "Ömer", "Lena", "Klaus", "Zoë", "Fatma", "Björn")
_LAST = ("Müller", "Schäfer", "Groß", "Weiß", "Öztürk", "Krüger", "Maier", "Jäger", "Hoß")
_COMPANIES = ("Bäckerei Kühn", "Möbel Hüttl GmbH", "", "", "Straßenbau Süd AG", "")
_SUBJECTS = (
    "Rückfrage zur Rechnung über 1.250 €",
    "Terminwunsch nächste Woche",
    "Frist läuft morgen ab",
    "Unterlagen für die Steuererklärung",
    "Beschwerde über Lärm",
    "Bitte um Rückruf",
)
_MESSAGES = (
    "Herr {last} bittet dringend um Rückruf, es geht um die Frist am Freitag. "
    "Er ist bis 17 Uhr erreichbar.",
    "Möchte wissen, ob die Überweisung über 480,00 € angekommen ist.",
    "Ruft wegen des Schreibens vom Amtsgericht an; die Akte liegt Ihnen vor.",
    "Bittet um Zusendung der Unterlagen per E-Mail. Größere Änderungen sind nicht nötig.",
    "Hat sich für die Verspätung entschuldigt und kommt eine Viertelstunde später.",
)
_STAFF = ("Dr. Bäumer", "Frau Kößler", "Herr Fuchs", "")
_OPERATORS = ("Frau Weber", "Herr Yılmaz")


# the outcomes a sample day shows (busy and interrupted calls are missed calls too, but rare)
_SAMPLE_OUTCOMES = [
    Outcome.ANSWERED,
    Outcome.MISSED,
    Outcome.WRONG_NUMBER,
    Outcome.REJECTED,
    Outcome.TRANSFERRED,
]


def sample_client(
    code: str = "KANZ", name: str = "Kanzlei Bäumer & Söhne", **kw: object
) -> ReportClient:
    values: dict[str, object] = {
        "code": code,
        "name": name,
        "colour": "#7A1F2B",
        "language": "de",
        "timezone": "Europe/Berlin",
        "recipients": (f"bericht@{code.lower()}.example",),
        "business_hours": "Mo–Fr 8:00–18:00 Uhr",
    }
    values.update(kw)
    return ReportClient(**values)  # type: ignore[arg-type]


def sample_calls(
    client: ReportClient, day: dt.date, count: int, seed: int = 1, prefix: str = ""
) -> list[ReportCall]:
    """``count`` calls spread over ``day`` in the client's time zone."""
    rng = random.Random(seed)
    tz = ZoneInfo(client.timezone)
    start = dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz)
    calls: list[ReportCall] = []
    for i in range(count):
        at = start + dt.timedelta(seconds=rng.randrange(0, 86_400 - 1))
        outcome = rng.choices(_SAMPLE_OUTCOMES, weights=(70, 12, 4, 2, 12))[0]
        last = rng.choice(_LAST)
        note = None
        if outcome in (Outcome.ANSWERED, Outcome.TRANSFERRED):
            note = ReportNote(
                subject=rng.choice(_SUBJECTS),
                message=rng.choice(_MESSAGES).format(last=last),
                urgency=rng.choices(list(Urgency), weights=(10, 80, 10))[0],
                for_whom=rng.choice(_STAFF),
                action=rng.choice(list(RequestedAction)),
                callback_number=f"+49 30 {rng.randrange(1000000, 9999999)}",
                operator=rng.choice(_OPERATORS),
                caller_company=rng.choice(_COMPANIES),
            )
        appointments: tuple[ReportAppointment, ...] = ()
        if note is not None and rng.random() < 0.1:
            begins = at + dt.timedelta(days=rng.randrange(1, 10), hours=rng.randrange(0, 4))
            appointments = (
                ReportAppointment(
                    rng.choice(list(AppointmentChange)),
                    begins,
                    "Beratungsgespräch",
                    begins + dt.timedelta(minutes=30),
                ),
            )
        calls.append(
            ReportCall(
                call_id=f"{prefix}{client.code}-{day:%Y%m%d}-{i:05d}",
                client_code=client.code,
                started_at=at,
                caller_number=""
                if rng.random() < 0.05
                else f"+49 {rng.randrange(30, 899)} {rng.randrange(100000, 9999999)}",
                caller_name="" if rng.random() < 0.1 else f"{rng.choice(_FIRST)} {last}",
                duration_s=0 if outcome is Outcome.MISSED else rng.randrange(15, 900),
                outcome=outcome,
                outside_business_hours=not (8 <= at.hour < 18),
                note=note,
                delivery_status="" if note is None else "per E-Mail zugestellt",
                appointments=appointments,
            )
        )
    return calls
