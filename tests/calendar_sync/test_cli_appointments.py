"""``appointment list|move|cancel`` and ``calendar pending`` against real servers: the UID
stays, the server holds one event, the journal has every step; offline the move is refused
and a pending booking that lost its slot is a conflict until acknowledged."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from appenv.paths import AppPaths
from calendar_sync.caldav_source import CalDavCalendar
from calendar_sync.journal import AppointmentState
from storage import open_app_database
from tests.calendar_sync.helpers import BERLIN
from tests.calendar_sync.test_cli_booking import a_free_monday, events_on, run, seat_home
from tests.fixtures.caldav import CalDavServer


def add_calendar(seat: AppPaths, server: CalDavServer, url: str, monkeypatch) -> None:
    extra = []
    if server.user:
        monkeypatch.setattr("sys.stdin", io.StringIO(f"{server.password}\n"))
        extra = ["--user", server.user]
    assert run(seat, "calendar", "add", "--client", "ROTH", "--staff", "Dr. Roth", url, *extra) == 0
    assert run(seat, "calendar", "type", "--client", "ROTH", "Erstgespräch", "--minutes", "30",
               "--step", "30") == 0  # fmt: skip


def at(day: dt.date, hour: int) -> str:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=BERLIN).isoformat()


def book(seat: AppPaths, start: str, caller: str = "Frau Meyer") -> int:
    return run(seat, "book", "--client", "ROTH", "--type", "Erstgespräch", "--start", start,
               "--caller", caller, "--phone", "030 1234567",
               "--confirm-to", "m@example.com")  # fmt: skip


def event(server: CalDavServer, url: str, uid: str) -> bytes:
    cal = CalDavCalendar(url, server.user, server.password)
    far = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
    found = [i.data for i in cal.items_between(dt.datetime(2000, 1, 1, tzinfo=dt.UTC), far)]
    [data] = [d for d in found if uid.encode() in d]
    return data


def test_book_move_cancel_from_the_command_line(
    caldav_server: CalDavServer,
    secret_service: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = caldav_server.new_calendar()
    a, b = seat_home(tmp_path, "seat-a"), seat_home(tmp_path, "seat-b")
    for seat in (a, b):
        add_calendar(seat, caldav_server, url, monkeypatch)
    monday = a_free_monday()
    capsys.readouterr()
    assert book(a, at(monday, 9)) == 0
    uid = capsys.readouterr().out.strip()
    assert run(a, "appointment", "list", "--client", "ROTH", "--phone", "+49 30 1234567") == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith("booked\t") and f"\t{uid}" in line and "\tFrau Meyer\t" in line

    assert run(a, "appointment", "move", "--client", "ROTH", uid, "--start", at(monday, 10)) == 0
    assert capsys.readouterr().out.strip() == uid
    assert events_on(url, caldav_server, monday) == ["Mon 10:00 Erstgespräch: Frau Meyer"]
    assert b"SEQUENCE:1" in event(caldav_server, url, uid)

    assert book(b, at(monday, 11), "Herr Kurz") == 0  # seat B takes 11:00 first
    capsys.readouterr()
    assert run(a, "appointment", "move", "--client", "ROTH", uid, "--start", at(monday, 11)) == 3
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "taken" and len(out) > 1
    assert all(not line.startswith(at(monday, 11)[:16]) for line in out[1:])
    assert events_on(url, caldav_server, monday) == [
        "Mon 10:00 Erstgespräch: Frau Meyer",
        "Mon 11:00 Erstgespräch: Herr Kurz",
    ]

    assert run(a, "appointment", "cancel", "--client", "ROTH", uid) == 0
    assert capsys.readouterr().out.strip() == uid
    data = event(caldav_server, url, uid)
    assert b"STATUS:CANCELLED" in data and b"SEQUENCE:2" in data
    assert events_on(url, caldav_server, monday) == ["Mon 11:00 Erstgespräch: Herr Kurz"]
    assert run(a, "appointment", "list", "--client", "ROTH") == 0
    assert capsys.readouterr().out == ""
    assert run(a, "appointment", "cancel", "--client", "ROTH", uid) == 2
    assert "cancelled" in capsys.readouterr().err
    assert (
        run(a, "appointment", "move", "--client", "ROTH", "nope@x", "--start", at(monday, 9)) == 2
    )
    assert "no appointment nope@x" in capsys.readouterr().err

    with open_app_database(a) as db:
        rows = db.calendars.appointments("ROTH", uid=uid)
    assert [(r.state, r.call_key, r.email) for r in rows] == [
        (AppointmentState.BOOKED, None, "m@example.com"),
        (AppointmentState.MOVED, None, "m@example.com"),
        (AppointmentState.CANCELLED, None, "m@example.com"),
    ]
    assert rows[1].previous_start == dt.datetime.fromisoformat(at(monday, 9))


@pytest.mark.expect_warnings  # the conflict of the pending booking is logged as a warning
def test_pending_and_conflicts_from_the_command_line(
    radicale_server: CalDavServer,
    secret_service: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = radicale_server.new_calendar()
    a, b = seat_home(tmp_path, "seat-a"), seat_home(tmp_path, "seat-b")
    for seat in (a, b):
        add_calendar(seat, radicale_server, url, monkeypatch)
    monday = a_free_monday()
    assert book(a, at(monday, 8)) == 0
    uid = capsys.readouterr().out.strip().splitlines()[-1]

    radicale_server.stop()
    assert book(a, at(monday, 9)) == 4
    pending_id = capsys.readouterr().out.split()[1]
    assert run(a, "appointment", "move", "--client", "ROTH", uid, "--start", at(monday, 14)) == 2
    assert "nothing was changed" in capsys.readouterr().err
    assert run(a, "calendar", "pending", "--client", "ROTH") == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith("pending\t") and pending_id in line

    radicale_server.start()
    assert book(b, at(monday, 9), "Herr Schneller") == 0
    assert run(a, "calendar", "sync", "--client", "ROTH") == 0
    assert f"conflict: pending booking {pending_id}" in capsys.readouterr().err
    assert run(a, "calendar", "pending", "--client", "ROTH") == 0
    [line] = capsys.readouterr().out.splitlines()
    state, record_id = line.split("\t")[:2]
    assert state == "conflict" and pending_id in line
    assert run(a, "calendar", "pending", "--client", "ROTH", "--acknowledge", record_id) == 0
    assert capsys.readouterr().out == ""
    assert run(a, "calendar", "pending", "--client", "ROTH", "--acknowledge", "1") == 2
    assert "no conflict 1" in capsys.readouterr().err  # row 1 is the booking at 08:00
    assert events_on(url, radicale_server, monday) == [
        "Mon 08:00 Erstgespräch: Frau Meyer",
        "Mon 09:00 Erstgespräch: Herr Schneller",
    ]
