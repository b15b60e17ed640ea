"""One Vorzimmer per data folder, with two real ``main.py`` windows on one Xvfb display:
the second says who has the folder (terminal and message box), raises the first and
exits 3; reading commands run beside the window, writing ones are refused; a killed
window leaves no stale lock."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from appenv.instance_lock import EXIT_IN_USE
from tests.appenv.launch import children, run_cli, start_window, wait_until
from tests.conftest import require_tool
from tests.fixtures.sip import free_port

pytestmark = pytest.mark.integration

CLIENTS = "code;name;numbers;greeting\nNEU;Neu GmbH;030 5550999;{client}, {greeting}.\n"


def shown_windows_of(pid: int, display: str) -> list[str]:
    """Titles of the viewable top-level windows that process ``pid`` shows (any language)."""
    xwininfo, xprop = require_tool("xwininfo"), require_tool("xprop")

    def run(*args: str) -> str:
        return subprocess.run(args, capture_output=True, text=True, timeout=10, check=True).stdout

    titles = []
    for line in run(xwininfo, "-display", display, "-root", "-children").splitlines():
        words = line.split()
        if not words or not words[0].startswith("0x") or '"' not in line:
            continue
        owner = run(xprop, "-display", display, "-id", words[0], "_NET_WM_PID")
        if owner.strip().endswith(f"= {pid}"):
            state = run(xwininfo, "-display", display, "-id", words[0])
            if "IsViewable" in state:
                titles.append(line.split('"')[1])
    return titles


def test_a_second_window_on_the_folder_raises_the_first_and_exits(
    tmp_path: Path, xvfb: str
) -> None:
    home = tmp_path / "home"
    csv = tmp_path / "clients.csv"
    csv.write_text(CLIENTS, encoding="utf-8")
    first = start_window(home, xvfb, free_port())
    second = None
    engines: list[int] = []
    try:
        first.wait_for("probe engine-running")
        engines = children(first.pid)
        wait_until(lambda: (home / "vorzimmer.sqlite3-wal").exists(), what="store opened")

        second = start_window(home, xvfb, free_port(), demo=False)
        said = second.wait_for("is in use by Vorzimmer")
        assert f"The data folder {home} is in use by Vorzimmer (pid {first.pid}:" in said
        assert f"--home {home}" in said  # the holder's command line
        second.wait_for("probe in-use-shown")
        wait_until(lambda: bool(shown_windows_of(second.pid, xvfb)), what="the message box")
        log = home / "logs" / "vorzimmer.log"
        raised = f"second start on this data folder (pid {second.pid}): window brought to the front"
        wait_until(lambda: raised in log.read_text(), what="the raise request in the first")
        assert children(second.pid) == []  # no second engine, no port taken

        # reading beside the window works; writing is refused and names the holder
        report = run_cli(home, "report", "--date", "2026-11-30", "--client", "ROTH")
        assert report.returncode == 0, report.stdout + report.stderr
        imported = run_cli(home, "import", "clients", str(csv))
        assert imported.returncode == EXIT_IN_USE, imported.stdout + imported.stderr
        assert f"is in use by Vorzimmer (pid {first.pid}:" in imported.stderr

        # a second start without a display (over ssh): the terminal line, a raise, exit 3
        headless = run_cli(home)
        assert headless.returncode == EXIT_IN_USE, headless.stderr
        assert f"is in use by Vorzimmer (pid {first.pid}:" in headless.stderr
        wait_until(
            lambda: log.read_text().count("window brought to the front") == 2,
            what="the headless start's raise request",
        )

        second.popen.send_signal(signal.SIGTERM)  # closes the box as OK would
        assert second.popen.wait(15) == EXIT_IN_USE
        assert first.popen.poll() is None  # the first one carries on

        first.popen.send_signal(signal.SIGKILL)  # a crash: the kernel drops the lock
        first.popen.wait(10)
        imported = run_cli(home, "import", "clients", str(csv))
        assert imported.returncode == 0, imported.stdout + imported.stderr
        assert "1 created" in imported.stdout
    finally:
        for proc in (first, second):
            if proc is not None:
                proc.stop()
        for pid in engines:  # the killed window's engine child, if it lingers
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
