"""Every call is in the call log, whatever crashed: the app as a user starts it, killed hard
while a call rings, finds the call at its next start and closes it as "interrupted"."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.appenv.launch import start_window, wait_until
from tests.fixtures.sip import free_port, run_sipp

pytestmark = [pytest.mark.integration, pytest.mark.ui]


def _start_app(home: Path, port: int, xvfb: str) -> subprocess.Popen[str]:
    app = start_window(home, xvfb, port, new_session=True)
    try:
        app.wait_for("probe engine-running", 20)
    except AssertionError:
        app.stop()
        raise
    return app.popen


def _calls(home: Path) -> list[tuple[str | None, str | None, str | None, str | None]]:
    with sqlite3.connect(home / "vorzimmer.sqlite3") as db:
        return db.execute(
            "SELECT c.code, calls.caller_number, calls.outcome, calls.ended_at FROM calls "
            "LEFT JOIN clients c ON c.id = calls.client_id ORDER BY calls.id"
        ).fetchall()


def test_a_call_ringing_when_the_app_is_killed_is_logged_as_interrupted(tmp_path: Path, xvfb: str):
    port = free_port()
    home = tmp_path / "home"
    app = _start_app(home, port, xvfb)
    try:
        sipp = run_sipp(
            tmp_path,
            "uac_ring_long.xml",
            f"127.0.0.1:{port}",
            "+493055501001",
            keys={"RING_MS": "6000"},
        )
        # the row exists while it rings: written at the first ring, not at the end
        wait_until(lambda: any(row[1] == "+494012345" for row in _calls(home)), 10)
        row = next(r for r in _calls(home) if r[1] == "+494012345")
        assert row[2] is None and row[3] is None, row  # open: no outcome, no end yet
        assert row[0] is not None  # the client behind the dialled number
        os.killpg(app.pid, signal.SIGKILL)  # the UI and its engine die at once
        app.wait(10)
        sipp.wait(30)
    finally:
        if app.poll() is None:
            os.killpg(app.pid, signal.SIGKILL)
            app.wait()
    again = _start_app(home, free_port(), xvfb)
    try:
        wait_until(lambda: any(r[2] == "interrupted" for r in _calls(home)), 10)
    finally:
        again.send_signal(signal.SIGTERM)
        again.wait(15)
    rows = [r for r in _calls(home) if r[1] == "+494012345"]
    assert len(rows) == 1, rows  # closed, not logged twice
    code, _number, outcome, ended = rows[0]
    assert code is not None and outcome == "interrupted" and ended is not None
