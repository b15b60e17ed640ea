"""Mutated exports and random bytes: only a clear BrokenCalendar ever escapes."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendar_sync.busy import BusyPolicy, EventIndex
from calendar_sync.errors import BrokenCalendar
from calendar_sync.ics import parse_calendar
from tests.calendar_sync.helpers import CORPUS

FILES = sorted(p.read_bytes() for p in CORPUS.glob("*.ics") if p.stat().st_size > 300)
WINDOW = (dt.datetime(2026, 12, 1, tzinfo=dt.UTC), dt.datetime(2027, 8, 1, tzinfo=dt.UTC))


def use(data: bytes) -> None:
    try:
        index = EventIndex([parse_calendar(data, "fuzz.ics")], BusyPolicy())
        for busy in index.between(*WINDOW):
            assert busy.start < busy.end
    except BrokenCalendar as exc:
        assert exc.message and "\n" not in exc.message


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(FILES)).split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "dup", "cut", "junk", "swap"]))
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "cut":
            lines[i] = lines[i][: draw(st.integers(0, max(0, len(lines[i]) - 1)))]
        elif action == "junk":
            lines[i] += draw(st.binary(min_size=1, max_size=12))
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            lines = [b""]
    return b"\n".join(lines)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_exports(data: bytes) -> None:
    use(data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    use(b"BEGIN:VCALENDAR\r\n" + data)


def test_vtimezone_with_two_tzids_is_refused_not_a_crash() -> None:
    """Found by the fuzz above: icalendar raised AttributeError on a doubled TZID line."""
    data = (
        (CORPUS / "google.ics")
        .read_bytes()
        .replace(b"TZID:Europe/Berlin\r\n", b"TZID:Europe/Berlin\r\nTZID:Europe/Berlin\r\n", 1)
    )
    try:
        parse_calendar(data, "twice.ics")
    except BrokenCalendar as exc:
        assert "twice.ics" in exc.message
    else:
        raise AssertionError("a VTIMEZONE with two TZIDs was accepted")
