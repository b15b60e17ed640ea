"""The engine process: pjsua2 on one thread, JSON lines in and out.

Runs as ``python -m softphone`` (see ``__main__``). Commands arrive as JSON lines on
stdin (read by a helper thread that never touches pj, only a queue); events leave as
JSON lines on the original stdout. pjsua2 prints to fd 1 on its own, so fd 1 is pointed
at stderr before pj starts and events go to a private duplicate. The engine itself is
:class:`softphone.engine_commands.Engine` (state and callbacks in ``engine_core``).
"""

from __future__ import annotations

import os
import queue
import signal
import sys
import threading
from typing import Any

import pjsua2 as pj

from appenv import logs
from softphone import events as ev
from softphone.engine_commands import Engine
from softphone.engine_options import EngineOptions
from softphone.states import ErrorKind

__all__ = ["serve"]

log = logs.get("softphone")


def _stdin_reader(commands: queue.Queue[str | None], stream: Any) -> None:
    """Reads command lines; never touches pj (it isn't registered with pjlib)."""
    for raw in stream:
        line = raw.strip()
        if line:
            commands.put(line)
    commands.put(None)


def serve(options: EngineOptions) -> int:
    """Entry point of the engine process."""
    # errors="replace": a stray lone surrogate must never kill the protocol stream
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8", errors="replace", buffering=1)
    os.dup2(2, 1)  # anything pj or a library prints goes to stderr, not into the protocol
    sys.stdout = sys.stderr
    lock = threading.Lock()

    def write_line(line: str) -> None:
        with lock:
            proto.write(line + "\n")
            proto.flush()

    engine = Engine(options, write_line)
    signal.signal(signal.SIGTERM, lambda *_: engine.request_stop())
    signal.signal(signal.SIGINT, lambda *_: engine.request_stop())
    threading.Thread(
        target=_stdin_reader, args=(engine.commands, sys.stdin), name="commands", daemon=True
    ).start()
    try:
        engine.start()
        engine.run()
    except pj.Error as exc:
        log.error("engine failed: %s", exc.info())
        write_line(ev.encode(ev.EngineError(exc.info(), "start", ErrorKind.SIP_TRANSPORT)))
        return 1
    except OSError as exc:  # our TCP side cannot listen (port in use, bad address)
        log.error("engine failed: %s", exc)
        write_line(ev.encode(ev.EngineError(str(exc), "start", ErrorKind.SIP_TRANSPORT)))
        return 1
    finally:
        engine.shutdown()
    return 0
