"""A real ``main.py`` under umask 000 and 022 leaves nothing in its data folder that another
user of the machine could read: folders 0700, files 0600, the engine child included."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.appenv.launch import children, run_cli, start_window, umask_of, wait_until
from tests.conftest import require_tool
from tests.fixtures.sip import free_port, run_sipp

pytestmark = pytest.mark.integration


@pytest.fixture
def open_base() -> Iterator[Path]:
    """A folder every user may enter (pytest's tmp_path is 0700, which would hide the
    very leak under test): only the data folder's own permissions protect it here."""
    base = Path(tempfile.mkdtemp(prefix="vorzimmer-perm-", dir="/tmp"))
    base.chmod(0o755)
    yield base
    shutil.rmtree(base, ignore_errors=True)


def wide_paths(home: Path) -> list[str]:
    """Every path under ``home`` that is not 0700 (folder) / 0600 (file) / owner-only."""
    wrong = []
    for path in [home, *home.rglob("*")]:
        info = os.lstat(path)
        mode = stat.S_IMODE(info.st_mode)
        if stat.S_ISDIR(info.st_mode):
            ok = mode == 0o700
        elif stat.S_ISREG(info.st_mode):
            ok = mode == 0o600
        else:  # the window's local socket
            ok = not mode & 0o077
        if not ok:
            wrong.append(f"{oct(mode)} {path.relative_to(home)}")
    return wrong


def nobody_can_read(path: Path) -> bool:
    result = subprocess.run(
        [require_tool("runuser"), "-u", "nobody", "--", "cat", str(path)],
        capture_output=True,
        timeout=10,
    )
    return result.returncode == 0


@pytest.mark.parametrize("umask", [0o000, 0o022], ids=["umask000", "umask022"])
def test_window_and_cli_write_only_owner_only_files(
    open_base: Path, tmp_path: Path, xvfb: str, umask: int
) -> None:
    home = open_base / "home"
    control = open_base / "control.txt"  # proves runuser would read a file left open
    control.write_text("readable")
    control.chmod(0o644)
    assert nobody_can_read(control)

    port = free_port()
    app = start_window(home, xvfb, port, umask=umask)
    try:
        app.wait_for("probe engine-running")
        wait_until(lambda: (home / "vorzimmer.sqlite3-wal").exists(), what="store opened")
        [engine] = children(app.pid)
        assert umask_of(app.pid) == 0o077 and umask_of(engine) == 0o077
        sipp = run_sipp(tmp_path, "uac_cancel.xml", f"127.0.0.1:{port}", "+493055501001")
        sipp.wait(20)

        def logged() -> bool:
            with sqlite3.connect(f"file:{home / 'vorzimmer.sqlite3'}?mode=ro", uri=True) as db:
                return bool(db.execute("SELECT count(*) FROM calls").fetchone()[0])

        wait_until(logged, what="the call in the call log")
        today = dt.datetime.now(ZoneInfo("Europe/Berlin")).date()
        report = run_cli(
            home, "report", "--date", today.isoformat(), "--client", "ROTH", umask=umask
        )
        assert report.returncode == 0, report.stdout + report.stderr
        [pdf] = (home / "reports" / today.isoformat()).glob("*.pdf")

        present = {p.name for p in home.iterdir()}
        assert {"vorzimmer.sqlite3", "vorzimmer.sqlite3-wal", "vorzimmer.sqlite3-shm",
                "logs", "drafts", "outbox", "reports", "vorzimmer.lock"} <= present  # fmt: skip
        assert wide_paths(home) == []
        for secret in (home / "vorzimmer.sqlite3", home / "logs" / "vorzimmer.log", pdf):
            assert not nobody_can_read(secret), secret
        assert stat.S_ISSOCK(os.lstat(home / "vorzimmer.sock").st_mode)  # second starts
        app.popen.send_signal(signal.SIGTERM)
        assert app.popen.wait(20) == 0
    finally:
        app.stop()
    assert wide_paths(home) == []
    assert not (home / "vorzimmer.sock").exists()  # a clean exit removes its socket


@pytest.mark.expect_warnings
def test_a_wide_data_folder_is_repaired_at_start_with_one_log_line(open_base: Path) -> None:
    home = open_base / "home"
    for folder in ("logs", "drafts", "outbox", "reports/2026-11-30"):
        (home / folder).mkdir(parents=True)
    old = {
        "settings.json": "{}",
        "logs/vorzimmer.log": "old line\n",
        "logs/vorzimmer.log.2": "rotated\n",
        "outbox/report.eml": "Subject: x\n",
        "reports/2026-11-30/ROTH.pdf": "%PDF-1.4\n",
        "drafts/note-draft-0123.json": "{}",
    }
    for name, text in old.items():  # an old version's files, or a restored backup
        (home / name).write_text(text)
        (home / name).chmod(0o644)
    for sub in [home, *(p for p in home.rglob("*") if p.is_dir())]:
        sub.chmod(0o755)
    assert nobody_can_read(home / "logs" / "vorzimmer.log.2")

    result = run_cli(home, "report", "--date", "2026-11-30", umask=0o022)

    assert result.returncode == 0, result.stdout + result.stderr
    assert wide_paths(home) == []
    assert not nobody_can_read(home / "logs" / "vorzimmer.log.2")
    log = (home / "logs" / "vorzimmer.log").read_text()
    repaired = [line for line in log.splitlines() if "were open to other users" in line]
    assert len(repaired) == 1 and "12 of 12 paths" in repaired[0], log
    assert f"data folder {home}:" in repaired[0]
    again = run_cli(home, "report", "--date", "2026-11-30")
    assert again.returncode == 0
    log = (home / "logs" / "vorzimmer.log").read_text()
    assert len([line for line in log.splitlines() if "were open to other users" in line]) == 1


def test_a_data_folder_that_cannot_be_made_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder's parent should be")
    result = run_cli(blocker / "home", "report", "--date", "2026-11-30")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"vorzimmer: cannot use the data folder {blocker / 'home'}: ")
