"""Start ``main.py`` as a user would (a real process, a real X display) and watch it."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class AppProcess:
    """A running ``main.py`` whose stderr lines are collected by a thread (never blocks)."""

    def __init__(self, popen: subprocess.Popen[str]) -> None:
        self.popen = popen
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.popen.stderr is not None
        for line in self.popen.stderr:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def wait_for(self, text: str, timeout: float = 30) -> str:
        """The first stderr line containing ``text``; fails with everything seen so far."""
        for line in self.lines:
            if text in line:
                return line
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                got = self._queue.get(timeout=left)
            except queue.Empty:
                break
            if got is None:
                break
            self.lines.append(got)
            if text in got:
                return got
        raise AssertionError(f"{text!r} not seen on stderr:\n" + "\n".join(self.lines))

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.kill()
            self.popen.wait(10)


def app_env(display: str | None = None) -> dict[str, str]:
    env = dict(os.environ, VORZIMMER_NULL_AUDIO="1", VORZIMMER_STARTUP_PROBE="1")
    env.pop("VORZIMMER_HOME", None)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):  # commands need none
        env.pop(name, None)
    if display is not None:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    return env


def start_window(
    home: Path,
    display: str,
    sip_port: int,
    *,
    umask: int = -1,
    demo: bool = True,
    new_session: bool = False,
) -> AppProcess:
    """``main.py --home HOME --sip-port PORT [--demo]`` under ``umask`` (−1: inherited).

    ``new_session``: the app leads a process group of its own, so that ``os.killpg`` takes
    its engine child with it, as a crash of the machine's session would.
    """
    args = [sys.executable, str(ROOT / "main.py"), "--home", str(home), "--sip-port", str(sip_port)]
    popen = subprocess.Popen(
        [*args, "--demo"] if demo else args,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=app_env(display),
        cwd=home.parent,
        umask=umask,
        start_new_session=new_session,
    )
    return AppProcess(popen)


def run_cli(home: Path, *args: str, umask: int = -1) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--home", str(home), *args],
        capture_output=True,
        text=True,
        env=app_env(),
        cwd=tempfile.gettempdir(),  # not the data folder's parent, which may not exist
        timeout=120,
        umask=umask,
    )


def children(pid: int) -> list[int]:
    """Direct child processes of ``pid`` (the engine of a window), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        if f"\nPPid:\t{pid}\n" in status:
            found.append(int(entry.name))
    return found


def umask_of(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("Umask:"):
            return int(line.split()[1], 8)
    raise AssertionError(f"no Umask line for pid {pid}")


def wait_until(condition: Callable[[], bool], timeout: float = 20, what: str = "it") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)
