"""The command line on a client without a calendar server: the local calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from calendar_sync.busy import BusyPolicy, EventIndex
from calendar_sync.ics import parse_calendar
from tests.calendar_sync.helpers import BERLIN, CORPUS
from tests.calendar_sync.test_cli_booking import a_free_monday, run, seat_home


def test_local_calendar_book_taken_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = seat_home(tmp_path, "seat")
    assert run(home, "calendar", "add", "--client", "ROTH", "local") == 0
    assert run(home, "calendar", "add", "--client", "ROTH", str(CORPUS / "google.ics")) == 0
    monday = a_free_monday()
    two = dt.datetime.combine(monday, dt.time(14), tzinfo=BERLIN).isoformat()  # not Jour fixe
    capsys.readouterr()
    assert run(home, "book", "--client", "ROTH", "--minutes", "45", "--start", two,
               "--caller", "Frau Meyer") == 0  # fmt: skip
    uid = capsys.readouterr().out.strip()
    assert run(home, "book", "--client", "ROTH", "--minutes", "30", "--start", two,
               "--caller", "Herr Kurz") == 3  # fmt: skip
    taken = capsys.readouterr().out.splitlines()
    assert taken[0] == "taken" and taken[1].startswith(
        dt.datetime.combine(monday, dt.time(14, 45), tzinfo=BERLIN).isoformat(timespec="minutes")
    )
    out = tmp_path / "roth.ics"
    assert run(home, "calendar", "export", "--client", "ROTH", str(out)) == 0
    index = EventIndex([parse_calendar(out.read_bytes())], BusyPolicy())
    start = dt.datetime.combine(monday, dt.time(0), tzinfo=BERLIN)
    assert [b.uid for b in index.between(start, start + dt.timedelta(days=1))] == [uid]


def test_no_calendar_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = seat_home(tmp_path, "seat")
    assert run(home, "slots", "--client", "ROTH", "--minutes", "30", "--from", "2027-01-11") == 2
    assert run(home, "slots", "--client", "NOPE", "--minutes", "30", "--from", "2027-01-11") == 2
    assert run(home, "book", "--client", "ROTH", "--type", "Unbekannt", "--start",
               "2027-01-11T09:00", "--caller", "X") == 2  # fmt: skip
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3 and all(line.startswith("error: ") for line in lines), lines
