"""The app as a user starts it (python main.py) on a real X display: it pops a demo
client's call and shuts down cleanly on SIGTERM — the ringing call lands in the history."""

from __future__ import annotations

import signal
import sqlite3
import time
from pathlib import Path

from tests.appenv.launch import start_window
from tests.fixtures.sip import free_port, run_sipp


def test_app_starts_takes_a_call_and_stops_on_sigterm(tmp_path: Path, xvfb: str):
    port = free_port()
    home = tmp_path / "home"
    process = start_window(home, xvfb, port)
    app = process.popen
    try:
        process.wait_for("probe engine-running", 20)
        assert "probe window-shown" in process.lines, process.lines
        time.sleep(0.5)  # the store opens right after the window
        sipp = run_sipp(tmp_path, "uac_cancel.xml", f"127.0.0.1:{port}", "+493055501001")
        time.sleep(0.5)  # it rings now
        app.send_signal(signal.SIGTERM)
        assert app.wait(15) == 0
        sipp.wait(15)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    with sqlite3.connect(home / "vorzimmer.sqlite3") as db:
        rows = db.execute(
            "SELECT c.code, calls.caller_number, calls.outcome FROM calls "
            "LEFT JOIN clients c ON c.id = calls.client_id WHERE calls.caller_number = ?",
            ("+494012345",),
        ).fetchall()
    assert len(rows) == 1, rows
    code, _number, outcome = rows[0]
    assert outcome in ("missed", "rejected")
    assert code is not None  # the pop resolved the demo client behind the DID
    log = (home / "logs" / "vorzimmer.log").read_text()
    assert "Traceback" not in log
