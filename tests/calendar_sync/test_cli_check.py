"""``vorzimmer calendar check`` on files: free / busy with what blocks; broken → exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import main
from appenv.paths import AppPaths
from calendar_sync import cli
from tests.calendar_sync.helpers import CORPUS

ROOT = Path(__file__).resolve().parents[2]


def run(paths: AppPaths, *argv: str) -> int:
    args = main.build_parser().parse_args(["--home", str(paths.home), *argv])
    return cli.run(paths, args)


def check(paths: AppPaths, source: str, start: str, minutes: int, *extra: str) -> int:
    return run(
        paths, "calendar", "check", source, "--start", start, "--minutes", str(minutes), *extra
    )


def test_free_and_busy(app_paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    google = str(CORPUS / "google.ics")
    assert check(app_paths, google, "2027-01-11T09:30", 30) == 0
    assert capsys.readouterr().out == "busy\n  2027-01-11 09:00–10:00 Jour fixe\n"
    assert check(app_paths, google, "2027-01-11T10:00", 30) == 0
    assert capsys.readouterr().out == "free\n"
    assert check(app_paths, google, "2027-02-04T12:00", 30) == 0
    assert capsys.readouterr().out == "busy\n  2027-02-03–2027-02-05 all day: Urlaub\n"


def test_timezone_option(app_paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    google = str(CORPUS / "google.ics")
    assert check(app_paths, google, "2027-01-11T08:30", 30, "--timezone", "Europe/London") == 0
    assert capsys.readouterr().out == "busy\n  2027-01-11 08:00–09:00 Jour fixe\n"
    assert check(app_paths, google, "2027-01-11T08:30+01:00", 30) == 0
    assert capsys.readouterr().out == "free\n"


@pytest.mark.parametrize(
    "name", ["not_a_calendar.ics", "random_bytes.ics", "truncated.ics", "bad_date.ics",
             "bad_rrule.ics", "no_start.ics", "empty.ics", "missing.ics"],
)  # fmt: skip
def test_broken_source_is_one_error_line(
    name: str, app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(app_paths, str(CORPUS / name), "2027-01-11T09:30", 30) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), captured.err
    assert "Traceback" not in captured.err


def test_bad_arguments(app_paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    google = str(CORPUS / "google.ics")
    assert check(app_paths, google, "next monday", 30) == 2
    assert check(app_paths, google, "2027-01-11T09:30", 0) == 2
    assert check(app_paths, google, "2027-01-11T09:30", 30, "--timezone", "Mars/Base") == 2
    assert [line[:7] for line in capsys.readouterr().err.splitlines()] == ["error: "] * 3


def test_unreachable_url_is_one_error_line(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(app_paths, "http://127.0.0.1:9/cal/", "2027-01-11T09:30", 30) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.splitlines()) == 1, err


def test_through_the_launcher(tmp_path: Path) -> None:
    """The real command line: stdout, stderr and exit code, no traceback."""
    base = [sys.executable, str(ROOT / "main.py"), "--home", str(tmp_path / "home")]
    ok = subprocess.run(
        [*base, "calendar", "check", str(CORPUS / "outlook.ics"), "--start", "2027-04-05T14:30",
         "--minutes", "15"], capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (ok.returncode, ok.stdout) == (
        0,
        "busy\n  2027-04-05 14:00–15:00 Gerichtstermin Vorbereitung\n",
    )
    bad = subprocess.run(
        [*base, "calendar", "check", str(CORPUS / "random_bytes.ics"), "--start",
         "2027-04-05T14:30", "--minutes", "15"], capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert (
        bad.returncode == 2 and bad.stderr.startswith("error: ") and "Traceback" not in bad.stderr
    )
