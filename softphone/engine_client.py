"""Start the engine process and talk to it — plain Python, no Qt.

The UI wraps this in a Qt adapter; tests and headless tools use it directly. Events
arrive on a reader thread and go to ``on_event``; the engine's stderr is re-logged
under ``vorzimmer.softphone`` at the level the engine gave it.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from typing import IO

from appenv import logs
from softphone import commands as cmds
from softphone import events as ev

log = logs.get("softphone")

_LEVELS = {
    "DEBUG": logging.DEBUG,
    "INFO": logging.INFO,
    "WARNING": logging.WARNING,
    "ERROR": logging.ERROR,
    "CRITICAL": logging.CRITICAL,
}


class EngineProcess:
    def __init__(
        self,
        on_event: Callable[[ev.Event], None],
        args: Sequence[str] = (),
        env: dict[str, str] | None = None,
        python: str = sys.executable,
    ) -> None:
        self.on_event = on_event
        self.args = list(args)
        self.env = env
        self.python = python
        self.proc: subprocess.Popen[str] | None = None
        self._stopping = False
        self._write_lock = threading.Lock()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        env = dict(os.environ if self.env is None else self.env)
        env.setdefault("PYTHONUNBUFFERED", "1")
        self._stopping = False
        self.proc = subprocess.Popen(
            [self.python, "-m", "softphone", *self.args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        )
        assert self.proc.stdout is not None and self.proc.stderr is not None
        self._threads = [
            threading.Thread(
                target=self._read_events,
                args=(self.proc.stdout,),
                daemon=True,
                name="engine-events",
            ),
            threading.Thread(
                target=self._read_log, args=(self.proc.stderr,), daemon=True, name="engine-log"
            ),
        ]
        for thread in self._threads:
            thread.start()

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def send(self, command: cmds.Command) -> None:
        """Queue a command; never blocks on the engine (the pipe buffer is ample)."""
        self.send_line(cmds.encode(command))

    def send_line(self, line: str) -> None:
        """One raw protocol line (tests and benchmarks send malformed ones on purpose)."""
        if not self.running:
            raise RuntimeError("the phone engine is not running")
        assert self.proc is not None and self.proc.stdin is not None
        with self._write_lock:
            try:
                self.proc.stdin.write(line + "\n")
                self.proc.stdin.flush()
            except (BrokenPipeError, ValueError) as exc:
                raise RuntimeError("the phone engine is not running") from exc

    def stop(self, timeout: float = 5.0) -> int | None:
        """Ask for a clean shutdown (calls hung up); kill only if it does not come."""
        if self.proc is None:
            return None
        self._stopping = True
        if self.proc.poll() is None:
            try:
                self.send(cmds.Shutdown())
            except RuntimeError:
                pass
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                log.error("phone engine did not stop in %.0f s; killing it", timeout)
                self.proc.kill()
                self.proc.wait(2)
        for thread in self._threads:
            thread.join(2)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        return self.proc.returncode

    def _read_events(self, stream: IO[str]) -> None:
        for line in stream:
            if not line.strip():
                continue
            try:
                event = ev.decode(line)
            except ValueError as exc:
                log.error("%s", exc)
                continue
            self.on_event(event)
        rc = self.proc.wait() if self.proc is not None else None
        if not self._stopping:
            log.error("phone engine ended unexpectedly (exit code %s)", rc)
        self.on_event(ev.EngineExited(rc, self._stopping))

    def _read_log(self, stream: IO[str]) -> None:
        for line in stream:
            line = line.rstrip()
            if not line:
                continue
            level_name, _, rest = line.partition(" ")
            level = _LEVELS.get(level_name)
            if level is None:
                log.debug("engine: %s", line)
            else:
                # pj's own warnings are noise for the operator; keep them at INFO
                if rest.startswith("vorzimmer.softphone: pj:") and level == logging.WARNING:
                    level = logging.INFO
                log.log(level, "engine: %s", rest.split(": ", 1)[-1])
