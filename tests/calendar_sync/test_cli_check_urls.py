"""``calendar check`` on URLs: a CalDAV calendar (Xandikos, no auth; Radicale with the
password from the keyring) and a read-only ICS feed over HTTP."""

from __future__ import annotations

import functools
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest

from appenv.paths import AppPaths
from calendar_sync.caldav_source import CalDavCalendar
from calendar_sync.ics import parse_calendar
from tests.calendar_sync.helpers import CORPUS
from tests.calendar_sync.test_cli_booking import run, seat_home
from tests.calendar_sync.test_cli_check import check
from tests.fixtures.caldav import CalDavServer


def one_uid(path: Path, uid: str) -> bytes:
    """One CalDAV resource (one UID: master and overrides) out of an export."""
    calendar = parse_calendar(path.read_bytes())
    result = icalendar.Calendar()
    for key in ("VERSION", "PRODID"):
        result.add(key, calendar[key])
    for component in calendar.subcomponents:
        if component.name == "VTIMEZONE" or str(component.get("UID", "")) == uid:
            result.add_component(component)
    return bytes(result.to_ical())


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """A plain static web server (501 to PROPFIND), without request lines on stderr."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def feed_url() -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(CORPUS))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_feed(app_paths: AppPaths, feed_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert check(app_paths, feed_url + "apple.ics", "2027-03-15T14:30", 30) == 0
    assert capsys.readouterr().out == "busy\n  2027-03-15 14:00–15:00 Call New York office\n"
    assert check(app_paths, feed_url + "missing.ics", "2027-03-15T14:30", 30) == 2
    assert check(app_paths, feed_url + "random_bytes.ics", "2027-03-15T14:30", 30) == 2
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 2 and all(e.startswith("error: ") for e in errors)


def test_caldav_without_auth(
    xandikos_server: CalDavServer, app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    url = xandikos_server.new_calendar()
    CalDavCalendar(url).create("nc.ics", (CORPUS / "nextcloud.ics").read_bytes())
    assert check(app_paths, url, "2027-01-14T12:30", 30) == 0
    assert capsys.readouterr().out == "busy\n  2027-01-14 12:00–13:30 Visite (verlängert, später)\n"
    assert check(app_paths, url, "2027-01-13T08:15", 45) == 0  # the transparent override
    assert capsys.readouterr().out == "free\n"


def test_caldav_with_the_stored_password(
    radicale_server: CalDavServer,
    secret_service: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = radicale_server.new_calendar()
    CalDavCalendar(url, radicale_server.user, radicale_server.password).create(
        "jour-fixe.ics", one_uid(CORPUS / "google.ics", "3k1l9v0jour0fixe0roth@google.com")
    )
    home = seat_home(tmp_path, "seat")
    assert check(home, url, "2027-03-08T09:30", 30) == 2  # not added: no password known
    assert "password" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("test-password\n"))
    assert run(home, "calendar", "add", "--client", "ROTH", url, "--user", "seat") == 0
    capsys.readouterr()
    assert check(home, url, "2027-03-08T09:30", 30) == 0
    assert capsys.readouterr().out == "busy\n  2027-03-08 09:00–10:00 Jour fixe\n"
