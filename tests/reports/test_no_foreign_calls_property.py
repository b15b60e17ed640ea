"""Property: no report ever contains another client's call."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.call_note_pdf import render_call_note
from reports.daily_report_pdf import render_daily_report
from reports.errors import ForeignCallError
from reports.model import Outcome, ReportCall, ReportNote, Urgency
from tests.reports.helpers import BERLIN, DAY, MemorySource, client, pypdf_text

CODES = ("KA", "KB", "KC")
MARKER = re.compile(r"\bM(K[ABC])x(\d+)\b")
# Text around the markers: umlauts, euro, markup characters that must be escaped.
free_text = st.text(alphabet="abc xyzäöüßÄÖÜ€&<>\"'.,-\n", max_size=40)


@st.composite
def day_of_calls(draw: st.DrawFn) -> list[ReportCall]:
    calls: list[ReportCall] = []
    for i in range(draw(st.integers(min_value=0, max_value=14))):
        code = draw(st.sampled_from(CODES))
        marker = f"M{code}x{i}"
        minute = draw(st.integers(min_value=-120, max_value=24 * 60 + 120))  # days around
        started = dt.datetime.combine(DAY, dt.time(0), tzinfo=BERLIN) + dt.timedelta(minutes=minute)
        has_note = draw(st.booleans())
        note = (
            ReportNote(
                subject=f"{draw(free_text)} {marker} ",
                message=f"{draw(free_text)} {marker} {draw(free_text)}",
                urgency=draw(st.sampled_from(list(Urgency))),
                for_whom=draw(free_text),
            )
            if has_note
            else None
        )
        calls.append(
            ReportCall(
                call_id=f"{code}-{i}",
                client_code=code,
                started_at=started.astimezone(dt.UTC),
                caller_name=f"{draw(free_text)} {marker}",
                caller_number=draw(st.sampled_from(["", "+49 30 123456", "0800 111"])),
                outcome=draw(st.sampled_from(list(Outcome))),
                note=note,
            )
        )
    return calls


def markers(text: str) -> set[tuple[str, int]]:
    return {(code, int(n)) for code, n in MARKER.findall(text)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(calls=day_of_calls())
def test_each_daily_report_holds_exactly_its_own_calls(calls: list[ReportCall]) -> None:
    source = MemorySource([client(code) for code in CODES], calls)
    for code in CODES:
        own = source.calls_for(code, DAY)
        pdf = render_daily_report(source.client(code), DAY, own)  # type: ignore[arg-type]
        found = markers(pypdf_text(pdf))
        expected = {(code, int(c.call_id.split("-")[1])) for c in own}
        assert found == expected


@settings(max_examples=25, deadline=None)
@given(calls=day_of_calls().filter(bool))
def test_call_notes_hold_only_their_call_and_foreign_calls_are_refused(
    calls: list[ReportCall],
) -> None:
    first = calls[0]
    owner = client(first.client_code)
    found = markers(pypdf_text(render_call_note(owner, first)))
    assert found == {(first.client_code, 0)}
    foreign = [c for c in calls if c.client_code != owner.code]
    if foreign:
        with pytest.raises(ForeignCallError):
            render_daily_report(owner, DAY, [first, *foreign])
