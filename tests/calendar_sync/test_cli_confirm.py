"""``vorzimmer book … --confirm-to EMAIL`` on a local calendar, mail through a real SMTP
server (aiosmtpd) with the password in a real keyring; ``vorzimmer deliver`` retries."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import icalendar
import pytest

import main
from appenv import secrets
from appenv.paths import AppPaths
from appenv.settings import Settings
from appenv.times import utc_now
from calendar_sync.busy import BusyPolicy, EventIndex
from calendar_sync.ics import parse_calendar
from reports.cli import run_deliver
from storage import open_app_database
from tests.calendar_sync.helpers import BERLIN
from tests.calendar_sync.test_cli_booking import a_free_monday, run, seat_home
from tests.fixtures.smtp import SmtpSink

pytestmark = pytest.mark.integration
SENDER = "telefonservice@vorzimmer.test"


def confirming_seat(tmp_path: Path, sink: SmtpSink) -> AppPaths:
    """A seat whose client ROTH has a report address and a local calendar; SMTP set up."""
    home = seat_home(tmp_path, "seat")
    with open_app_database(home) as db:
        roth = db.clients.get_client_by_code("ROTH")
        assert roth is not None
        db.clients.update_client(replace(roth, report_recipients=("praxis@roth.test",)))
    Settings(home.settings_file).update(
        {"smtp.host": sink.host, "smtp.port": sink.port, "smtp.security": "starttls",
         "smtp.username": sink.user, "smtp.from_addr": SENDER, "smtp.cafile": str(sink.tls.cert)}
    )  # fmt: skip
    secrets.set_secret(f"smtp:{sink.user}", sink.password)
    assert run(home, "calendar", "add", "--client", "ROTH", "--staff", "Dr. Roth", "local") == 0
    assert run(home, "calendar", "type", "--client", "ROTH", "Erstgespräch", "--minutes", "45") == 0
    return home


def book(home: AppPaths, start: dt.datetime, *extra: str) -> int:
    return run(home, "book", "--client", "ROTH", "--type", "Erstgespräch", "--start",
               start.isoformat(), "--caller", "Frau Meyer", "--phone", "+49 30 1234567",
               *extra)  # fmt: skip


def uids_on(home: AppPaths, tmp_path: Path, day: dt.date) -> list[str]:
    out = tmp_path / "export.ics"
    assert run(home, "calendar", "export", "--client", "ROTH", "--staff", "Dr. Roth", str(out)) == 0
    index = EventIndex([parse_calendar(out.read_bytes())], BusyPolicy())
    first = dt.datetime.combine(day, dt.time(0), tzinfo=BERLIN)
    return [b.uid for b in index.between(first, first + dt.timedelta(days=1))]


def test_book_with_confirm_to_mails_the_caller_and_the_client(
    tmp_path: Path, smtp_server: SmtpSink, secret_service: str, capsys: pytest.CaptureFixture[str]
) -> None:
    home = confirming_seat(tmp_path, smtp_server)
    monday = a_free_monday()
    start = dt.datetime.combine(monday, dt.time(10), tzinfo=BERLIN)
    capsys.readouterr()
    assert book(home, start, "--confirm-to", "Meyer@Anrufer.TEST") == 0
    captured = capsys.readouterr()
    uid = captured.out.strip()
    assert uid.endswith("@vorzimmer") and "\n" not in uid  # stdout: the UID alone
    assert "confirmation sent to Meyer@anrufer.test" in captured.err
    assert "confirmation sent to praxis@roth.test" in captured.err
    assert uids_on(home, tmp_path, monday) == [uid]

    mails = {str(m["To"]): m for m in smtp_server.messages()}
    assert set(mails) == {"Meyer@anrufer.test", "praxis@roth.test"}
    caller = mails["Meyer@anrufer.test"]
    assert caller["From"] == SENDER and caller["Subject"].startswith("Terminbestätigung: Praxis")
    (part,) = list(caller.iter_attachments())
    assert part.get_content_type() == "text/calendar" and part.get_param("method") == "REQUEST"
    assert part.get_filename() == "termin.ics"
    calendar = icalendar.Calendar.from_ical(part.get_content())
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == uid and int(str(event["SEQUENCE"])) == 0
    assert event.decoded("DTSTART") == start
    assert "X-VORZIMMER" not in part.get_content().upper()
    body = caller.get_body(("plain",))
    assert body is not None
    text = body.get_content()
    assert "hiermit bestätigen wir Ihren Termin bei Praxis Dr. Roth" in text
    assert "10:00–10:45 Uhr" in text and "Bei:     Dr. Roth" in text
    client_body = mails["praxis@roth.test"].get_body(("plain",))
    assert client_body is not None
    assert "Anrufer:        Frau Meyer" in client_body.get_content()


def test_a_malformed_address_books_nothing(
    tmp_path: Path, smtp_server: SmtpSink, secret_service: str, capsys: pytest.CaptureFixture[str]
) -> None:
    home = confirming_seat(tmp_path, smtp_server)
    monday = a_free_monday()
    capsys.readouterr()
    start = dt.datetime.combine(monday, dt.time(10), tzinfo=BERLIN)
    assert book(home, start, "--confirm-to", "meyer-at-anrufer.test") == 2
    err = capsys.readouterr().err.strip()
    assert err == ("error: 'meyer-at-anrufer.test' is not an e-mail address like name@example.com.")
    assert uids_on(home, tmp_path, monday) == []
    with open_app_database(home) as db:
        assert db.deliveries.jobs() == []
    assert smtp_server.messages() == []


@pytest.mark.expect_warnings
def test_server_down_the_booking_stands_and_deliver_sends_it_later(
    tmp_path: Path, smtp_server: SmtpSink, secret_service: str, capsys: pytest.CaptureFixture[str]
) -> None:
    home = confirming_seat(tmp_path, smtp_server)
    smtp_server.stop()
    start = dt.datetime.combine(a_free_monday(), dt.time(11), tzinfo=BERLIN)
    capsys.readouterr()
    assert book(home, start, "--confirm-to", "meyer@anrufer.test") == 0  # booked all the same
    captured = capsys.readouterr()
    uid = captured.out.strip()
    assert "queued, not sent yet" in captured.err and "not reachable" in captured.err
    assert "vorzimmer deliver" in captured.err

    smtp_server.start()
    lines: list[str] = []
    later = utc_now() + dt.timedelta(minutes=5)  # past the queue's first back-off
    assert run_deliver(home, now=later, out=lines.append) == 0
    assert sum(": sent" in line and "confirmation ROTH" in line for line in lines) == 2, lines
    mails = smtp_server.messages()
    assert sorted(str(m["To"]) for m in mails) == ["meyer@anrufer.test", "praxis@roth.test"]
    for message in mails:
        (part,) = list(message.iter_attachments())
        (event,) = icalendar.Calendar.from_ical(part.get_content()).walk("VEVENT")
        assert str(event["UID"]) == uid

    # the command itself: nothing is left to send, nothing is sent twice
    args = main.build_parser().parse_args(["--home", str(home.home), "deliver"])
    assert main._run(args, home) == 0
    assert capsys.readouterr().out.strip() == "nothing due"
    assert len(smtp_server.messages()) == 2
