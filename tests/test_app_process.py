"""The app as a user starts it (python main.py) on a real X display: it pops a demo
client's call and shuts down cleanly on SIGTERM — the ringing call lands in the history."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.fixtures.sip import free_port, run_sipp

ROOT = Path(__file__).resolve().parents[1]


def test_app_starts_takes_a_call_and_stops_on_sigterm(tmp_path: Path, xvfb: str):
    port = free_port()
    home = tmp_path / "home"
    env = dict(
        os.environ,
        DISPLAY=xvfb,
        QT_QPA_PLATFORM="xcb",
        VORZIMMER_NULL_AUDIO="1",
        VORZIMMER_STARTUP_PROBE="1",
    )
    app = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--home",
            str(home),
            "--sip-port",
            str(port),
            "--demo",
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        assert app.stderr is not None
        seen: list[str] = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            line = app.stderr.readline()
            if not line:
                break
            seen.append(line.strip())
            if line.startswith("probe engine-running"):
                break
        assert "probe window-shown" in seen and "probe engine-running" in seen, seen
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
