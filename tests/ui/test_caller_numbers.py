"""The caller's real number, from the wire to the client's daily report.

German trunks write international numbers without "+" into From (``4915209876543``). A real
engine receives the INVITE from sipp; the pop must recognise the known caller, the note's
callback field and the call log must hold the real number, and the client's daily report
(rendered by the real CLI, read back with pdftotext) must show it. A number no reading
makes valid is kept as received and marked unverified everywhere it is shown.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from appenv.paths import AppPaths
from appenv.settings import Settings
from clients.model import Caller
from storage import Database, open_app_database
from tests.conftest import require_tool
from tests.fixtures.qt import open_main_window
from tests.fixtures.sip import run_sipp
from tests.ui.demo_clients import fill_demo
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
ROTH_NUMBER = "+49301234567"


@pytest.fixture
def window(qtbot, app_paths: AppPaths) -> Iterator[tuple[MainWindow, Database]]:
    db = open_app_database(app_paths)
    fill_demo(db.clients)
    roth = db.clients.get_client_by_code("ROTH")
    assert roth is not None and roth.id is not None
    db.clients.add_caller(
        Caller(client_id=roth.id, name="Petra Lange", numbers=("+4915209876543",))
    )
    win = open_main_window(qtbot, Settings(app_paths.settings_file), db)
    yield win, db
    win.phone.stop()
    db.close()


def _call(tmp_path: Path, win: MainWindow, number: str, name: str):
    return run_sipp(
        tmp_path,
        "uac_caller.xml",
        f"127.0.0.1:{win.sip_port}",  # type: ignore[attr-defined]
        ROTH_NUMBER,
        keys={"FROM": number, "NAME": name, "RING_MS": "1500"},
    )


def _daily_report_text(home: Path, tmp_path: Path) -> str:
    day = dt.datetime.now(dt.UTC).astimezone().date().isoformat()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--home",
            str(home),
            "report",
            "--date",
            day,
            "--client",
            "ROTH",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    pdfs = sorted((home / "reports" / day).glob("*.pdf"))
    assert pdfs, done.stdout
    text = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(pdfs[0]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return text


def test_a_trunks_international_number_without_plus_is_the_callers_real_number(
    window: tuple[MainWindow, Database], qtbot, tmp_path: Path, app_paths: AppPaths
):
    win, _db = window
    sipp = _call(tmp_path, win, "4915209876543", "Lange")
    with qtbot.waitSignal(win.pops.pop_shown, timeout=10000) as shown:
        pass
    view = shown.args[0]
    caller = view.caller_label.text()
    assert "Petra Lange" in caller  # the known caller is recognised
    assert "01520 9876543" in caller and "unverified" not in caller
    qtbot.waitUntil(lambda: view.call_key in win.pops.forms, timeout=5000)
    form = win.pops.forms[view.call_key]
    assert form.callback.text() == "01520 9876543"  # the number a secretary dials back
    with qtbot.waitSignal(win.call_recorded, timeout=10000) as recorded:
        pass
    record = recorded.args[0]
    assert record.caller_number == "+4915209876543" and record.number_verified
    assert sipp.wait() == 0, sipp.output()
    report = _daily_report_text(app_paths.home, tmp_path)
    assert "01520 9876543" in report
    assert "0491 5209876543" not in report and "4949" not in report.replace(" ", "")


def test_a_number_no_reading_makes_valid_is_kept_as_received_and_marked(
    window: tuple[MainWindow, Database], qtbot, tmp_path: Path, app_paths: AppPaths
):
    win, _db = window
    sipp = _call(tmp_path, win, "7654321", "Ohne Vorwahl")  # a local number, no area code
    with qtbot.waitSignal(win.pops.pop_shown, timeout=10000) as shown:
        pass
    view = shown.args[0]
    assert "7654321 (unverified)" in view.caller_label.text()
    with qtbot.waitSignal(win.call_recorded, timeout=10000) as recorded:
        pass
    record = recorded.args[0]
    assert record.caller_number == "7654321" and not record.number_verified
    assert sipp.wait() == 0, sipp.output()
    report = _daily_report_text(app_paths.home, tmp_path)
    assert "7654321" in report
    line = next(line for line in report.splitlines() if "7654321" in line)
    assert "nicht geprüft" in line or "unverified" in line, line
