"""``vorzimmer --home DIR report --date D`` as a real process on the demo dataset + notes:
one PDF per client, each holding exactly that client's calls and notes (pdftotext)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from appenv import secrets
from appenv.paths import AppPaths
from clients.demo import load_demo
from notes.model import Channel, Note, Urgency
from storage import open_database
from tests.reports.helpers import pdftotext

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2024, 5, 7)
NOW = dt.datetime(2024, 5, 7, 16, 0, tzinfo=dt.UTC)  # demo calls are relative to this


def _prepare(paths: AppPaths) -> dict[str, dict[str, object]]:
    """Demo data, a note on every answered call of the day, a walk-in per client.

    Returns per client code: the caller names of its calls that day and its note markers.
    """
    expected: dict[str, dict[str, object]] = {}
    with open_database(paths.database) as db:
        store, notes = db.clients, db.notes
        assert load_demo(store, now=NOW) == 4
        for client in store.list_clients():
            assert client.id is not None
            tz = ZoneInfo(client.timezone)
            start = dt.datetime.combine(DAY, dt.time(0), tzinfo=tz)
            calls = store.calls_between(client.id, start, start + dt.timedelta(days=1))
            markers = []
            for call in calls:
                if call.answered_at is None:
                    continue
                marker = f"Marker{client.code}Call{call.id}"
                markers.append(marker)
                notes.add_note(Note(client_id=client.id, call_id=call.id, subject=marker,
                                    message=f"Rückruf erbeten – {marker} – 12 €",
                                    urgency=Urgency.URGENT, operator="Frau Weber",
                                    noted_at=call.started_at))  # fmt: skip
            walk_in = f"Marker{client.code}WalkIn"
            markers.append(walk_in)
            notes.add_note(Note(client_id=client.id, channel=Channel.WALK_IN, subject=walk_in,
                                caller_name="Frau Nachbar", operator="Frau Weber",
                                noted_at=start + dt.timedelta(hours=15)))  # fmt: skip
            expected[client.code] = {
                "callers": sorted({c.caller_name for c in calls}),
                "calls": len(calls) + 1,
                "markers": markers,
                "encrypt": client.encrypt_reports,
            }
    return expected


@pytest.mark.integration
def test_report_command_writes_one_pdf_per_client_with_only_its_calls(
    app_paths: AppPaths, secret_service: str
) -> None:
    expected = _prepare(app_paths)
    assert sum(1 for e in expected.values() if e["encrypt"]) == 1
    assert all(e["callers"] for e in expected.values())  # every client had calls that day
    password = "Vorzimmer-Test-Passwort-1"
    for code, e in expected.items():
        if e["encrypt"]:
            secrets.set_secret(f"pdf:{code}", password)
    env = dict(os.environ, PYTHONPATH=str(ROOT), DBUS_SESSION_BUS_ADDRESS=secret_service,
               PYTHON_KEYRING_BACKEND="keyring.backends.SecretService.Keyring")  # fmt: skip
    env.pop("VORZIMMER_HOME", None)
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--home", str(app_paths.home), "report",
         "--date", DAY.isoformat()],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    folder = app_paths.home / "reports" / DAY.isoformat()
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == len(expected) == 4
    every_caller = {n for e in expected.values() for n in e["callers"]}  # type: ignore[attr-defined]
    every_marker = {m for e in expected.values() for m in e["markers"]}  # type: ignore[attr-defined]
    for code, e in expected.items():
        [pdf] = [p for p in pdfs if f"_{code}_" in p.name]
        assert f"{code} (" in result.stdout and f"{e['calls']} calls -> {pdf}" in result.stdout
        text = pdftotext(pdf.read_bytes(), password if e["encrypt"] else None)
        flat = " ".join(text.split())
        mine_callers = set(e["callers"])  # type: ignore[call-overload]
        mine_markers = set(e["markers"])  # type: ignore[call-overload]
        for name in every_caller:
            assert (name in flat) == (name in mine_callers), (code, name)
        for marker in every_marker:
            assert (marker in flat) == (marker in mine_markers), (code, marker)
        assert "Frau Nachbar" in flat
        if e["encrypt"]:
            locked = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True)
            assert locked.returncode != 0  # unreadable without the password
