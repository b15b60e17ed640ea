"""``calendar add|list|type|sync``, ``slots`` and ``book`` against real servers; two data
folders on one calendar are two seats."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

import main
from appenv.paths import AppPaths
from calendar_sync import cli
from calendar_sync.busy import BusyPolicy, EventIndex
from calendar_sync.caldav_source import CalDavCalendar
from calendar_sync.hours import public_holidays
from calendar_sync.ics import parse_calendar
from clients.model import BusinessHours, Client
from storage import open_app_database
from tests.calendar_sync.helpers import BERLIN
from tests.fixtures.caldav import CalDavServer

HOURS = {d: [("08:00", "12:00"), ("13:00", "17:00")] for d in range(5)}


def seat_home(tmp_path: Path, name: str) -> AppPaths:
    paths = AppPaths(tmp_path / name).ensure()
    db = open_app_database(paths)
    try:
        client = db.clients.add_client(Client(code="ROTH", name="Praxis Dr. Roth"))
        assert client.id is not None
        db.clients.set_business_hours(client.id, BusinessHours.weekly(HOURS))
    finally:
        db.close()
    return paths


def run(paths: AppPaths, *argv: str) -> int:
    return cli.run(paths, main.build_parser().parse_args(["--home", str(paths.home), *argv]))


def a_free_monday() -> dt.date:
    """A Monday two weeks or more ahead whose week has no public holiday in Berlin."""
    day = dt.date.today() + dt.timedelta(days=14)
    day += dt.timedelta(days=(7 - day.weekday()) % 7)
    holidays = public_holidays("BE", [day.year, day.year + 1])
    while any(day + dt.timedelta(days=i) in holidays for i in range(7)):
        day += dt.timedelta(days=7)
    return day


def events_on(url: str, server: CalDavServer, day: dt.date) -> list[str]:
    cal = CalDavCalendar(url, server.user, server.password)
    first = dt.datetime.combine(day, dt.time(0), tzinfo=BERLIN)
    items = cal.items_between(first, first + dt.timedelta(days=7))
    index = EventIndex([parse_calendar(i.data) for i in items], BusyPolicy())
    return [
        f"{b.start.astimezone(BERLIN):%a %H:%M} {b.summary}"
        for b in index.between(first, first + dt.timedelta(days=7))
    ]


def test_two_seats_slots_book_taken(
    xandikos_server: CalDavServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = xandikos_server.new_calendar()
    a, b = seat_home(tmp_path, "seat-a"), seat_home(tmp_path, "seat-b")
    for seat in (a, b):
        assert run(seat, "calendar", "add", "--client", "ROTH", "--staff", "Dr. Roth", url) == 0
        assert run(seat, "calendar", "type", "--client", "ROTH", "Erstgespräch", "--minutes", "60",
                   "--after", "15", "--step", "30") == 0  # fmt: skip
    capsys.readouterr()
    assert run(a, "calendar", "list", "--client", "ROTH") == 0
    listing = capsys.readouterr().out
    assert f"caldav\tDr. Roth\t{url}" in listing and "type\tErstgespräch\t60 min" in listing

    monday = a_free_monday()
    assert run(a, "slots", "--client", "ROTH", "--type", "Erstgespräch", "--from", str(monday),
               "--count", "3") == 0  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    first = dt.datetime.combine(monday, dt.time(8), tzinfo=BERLIN)
    assert lines == [
        f"{first.isoformat(timespec='minutes')} Dr. Roth",
        f"{(first + dt.timedelta(minutes=30)).isoformat(timespec='minutes')} Dr. Roth",
        f"{(first + dt.timedelta(minutes=60)).isoformat(timespec='minutes')} Dr. Roth",
    ]
    start = lines[0].split()[0]
    assert run(a, "book", "--client", "ROTH", "--type", "Erstgespräch", "--start", start,
               "--caller", "Frau Meyer", "--phone", "+49 30 1234567") == 0  # fmt: skip
    uid = capsys.readouterr().out.strip()
    assert uid.endswith("@vorzimmer")

    # seat B's cache is empty, its re-check is on the server: taken + fresh slots, exit 3
    later = (first + dt.timedelta(minutes=30)).isoformat()
    assert run(b, "book", "--client", "ROTH", "--minutes", "30", "--start", later,
               "--caller", "Herr Kurz") == 3  # fmt: skip
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "taken"
    assert out[1] == f"{(first + dt.timedelta(minutes=60)).isoformat(timespec='minutes')} Dr. Roth"
    assert events_on(url, xandikos_server, monday) == ["Mon 08:00 Erstgespräch: Frau Meyer"]


def test_recurring_event_added_later_blocks_after_sync(
    xandikos_server: CalDavServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = xandikos_server.new_calendar()
    a = seat_home(tmp_path, "seat-a")
    assert run(a, "calendar", "add", "--client", "ROTH", url) == 0
    monday = a_free_monday()
    args = ("slots", "--client", "ROTH", "--minutes", "60", "--from", str(monday), "--count", "1")
    capsys.readouterr()
    assert run(a, *args) == 0
    assert capsys.readouterr().out.startswith(
        dt.datetime.combine(monday, dt.time(8), tzinfo=BERLIN).isoformat(timespec="minutes")
    )
    first = dt.datetime.combine(monday - dt.timedelta(days=14), dt.time(8), tzinfo=BERLIN)
    series = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Nextcloud//EN\r\nBEGIN:VEVENT\r\n"
        "UID:weekly-team\r\nDTSTAMP:20261201T000000Z\r\n"
        f"DTSTART;TZID=Europe/Berlin:{first:%Y%m%dT%H%M%S}\r\nDURATION:PT2H\r\n"
        "RRULE:FREQ=WEEKLY;BYDAY=MO\r\nSUMMARY:Teamrunde\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    CalDavCalendar(url).create("weekly-team.ics", series.encode())
    assert run(a, *args) == 0
    assert capsys.readouterr().out.startswith(
        dt.datetime.combine(monday, dt.time(10), tzinfo=BERLIN).isoformat(timespec="minutes")
    )


@pytest.mark.expect_warnings  # the conflict of the pending booking is logged as a warning
def test_server_down_pending_then_written_or_conflict(
    radicale_server: CalDavServer,
    secret_service: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = radicale_server.new_calendar()
    a, b = seat_home(tmp_path, "seat-a"), seat_home(tmp_path, "seat-b")
    for seat in (a, b):
        monkeypatch.setattr("sys.stdin", io.StringIO("test-password\n"))
        assert run(seat, "calendar", "add", "--client", "ROTH", url, "--user", "seat") == 0
    written = [f.read_bytes() for f in a.home.rglob("*") if f.is_file()]
    assert written and not any(b"test-password" in data for data in written)  # keyring only
    monday = a_free_monday()
    at = [dt.datetime.combine(monday, dt.time(h), tzinfo=BERLIN).isoformat() for h in (9, 10)]
    eleven = dt.datetime.combine(monday, dt.time(11), tzinfo=BERLIN).isoformat()
    assert run(b, "book", "--client", "ROTH", "--minutes", "30", "--start", eleven,
               "--caller", "Herr Früh") == 0  # fmt: skip
    assert run(a, "slots", "--client", "ROTH", "--minutes", "30", "--from", str(monday)) == 0
    capsys.readouterr()

    radicale_server.stop()
    assert (
        run(
            a,
            "book",
            "--client",
            "ROTH",
            "--minutes",
            "30",
            "--start",
            eleven,
            "--caller",
            "Frau Offline",
        )
        == 3
    )  # the cached copy knows the slot is taken
    assert capsys.readouterr().out == "taken\n"
    for start in at:
        assert run(a, "book", "--client", "ROTH", "--minutes", "30", "--start", start,
                   "--caller", "Frau Offline") == 4  # fmt: skip
    pending_ids = [line.split()[1] for line in capsys.readouterr().out.splitlines()]
    assert len(pending_ids) == 2
    assert run(a, "book", "--client", "ROTH", "--minutes", "30", "--start", at[0],
               "--caller", "Herr Doppelt") == 3  # the pending booking holds its slot  # fmt: skip
    assert capsys.readouterr().out == "taken\n"
    assert run(a, "calendar", "list", "--client", "ROTH") == 0
    assert capsys.readouterr().out.count("pending\t") == 2

    radicale_server.start()
    assert run(b, "book", "--client", "ROTH", "--minutes", "30", "--start", at[1],
               "--caller", "Herr Schneller") == 0  # fmt: skip
    capsys.readouterr()
    assert run(a, "calendar", "sync", "--client", "ROTH") == 0
    err = capsys.readouterr().err
    assert f"written: pending booking {pending_ids[0]}" in err
    assert f"conflict: pending booking {pending_ids[1]}" in err
    assert run(a, "calendar", "list", "--client", "ROTH") == 0
    listing = capsys.readouterr().out
    assert "conflict\t" in listing and "pending\t" not in listing
    assert events_on(url, radicale_server, monday) == [
        "Mon 09:00 Termin: Frau Offline",
        "Mon 10:00 Termin: Herr Schneller",
        "Mon 11:00 Termin: Herr Früh",
    ]


def test_two_seat_processes_race_through_the_launcher(
    xandikos_server: CalDavServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two ``vorzimmer book`` processes (two data folders) for one slot: one 0, one 3."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    url = xandikos_server.new_calendar()
    homes = [seat_home(tmp_path, "seat-a"), seat_home(tmp_path, "seat-b")]
    for home in homes:
        assert run(home, "calendar", "add", "--client", "ROTH", url) == 0
    monday = a_free_monday()
    for hour in (8, 9, 10, 11, 13, 14, 15, 16):  # 12–13 is the lunch break
        start = dt.datetime.combine(monday, dt.time(hour), tzinfo=BERLIN).isoformat()
        book = ["book", "--client", "ROTH", "--minutes", "30", "--start", start, "--caller"]
        seats = [
            subprocess.Popen(
                [sys.executable, str(root / "main.py"), "--home", str(home.home), *book, f"S{n}"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n, home in enumerate(homes)
        ]
        outcomes = sorted(
            (p.wait(60), p.stdout.read().split("\n")[0], p.stderr.read())  # type: ignore[union-attr]
            for p in seats
        )
        assert [code for code, *_ in outcomes] == [0, 3], outcomes
        assert outcomes[1][1] == "taken"
    held = events_on(url, xandikos_server, monday)
    assert len(held) == 8 and all(line.endswith(("S0", "S1")) for line in held)
