"""One bridge from non-UI code to the operator (after qutebrowser's ``utils/message.py``).

Domain code calls :func:`info`, :func:`warning` or :func:`error` with a sentence fit for the
operator (what is wrong, what to do) and never imports a widget. The UI registers one sink
with :func:`set_sink` that shows the message (status bar, calm dialog); without a sink —
command line, tests of domain code, before the window exists — the message goes to the log.
Every message is logged too, so the log tells the whole story; ``detail`` (server reply,
path, errno) goes to the log only and never holds a secret.

Any thread may call in: the sink must hand the message to the GUI thread itself (the UI's
sink emits a queued Qt signal).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from appenv import logs
from appenv.errors import UserError

log = logs.get("app")


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Message:
    level: Level
    text: str  # for the operator, already translated
    detail: str = ""  # for the log only


Sink = Callable[[Message], None]

_lock = threading.Lock()
_sink: Sink | None = None

_LOG_LEVELS = {Level.INFO: logging.INFO, Level.WARNING: logging.WARNING, Level.ERROR: logging.ERROR}


def set_sink(sink: Sink | None) -> Sink | None:
    """Show messages through *sink* from now on (None: back to the log); returns the old one."""
    global _sink
    with _lock:
        old, _sink = _sink, sink
    return old


def post(message: Message) -> None:
    """Log *message*, then give it to the sink; with no sink the log line is all there is."""
    with _lock:
        sink = _sink
    detail = f" ({message.detail})" if message.detail else ""
    if sink is None:
        log.log(_LOG_LEVELS[message.level], "%s%s", message.text, detail)
        return
    # shown to the operator: the log keeps it at info level (an error shown calmly is no
    # failure of the program)
    log.info("message to the operator [%s]: %s%s", message.level, message.text, detail)
    sink(message)


def info(text: str, *, detail: str = "") -> None:
    post(Message(Level.INFO, text, detail))


def warning(text: str, *, detail: str = "") -> None:
    post(Message(Level.WARNING, text, detail))


def error(text: str, *, detail: str = "") -> None:
    post(Message(Level.ERROR, text, detail))


def user_error(exc: UserError) -> None:
    """Show a known error: its message for the operator, its detail for the log."""
    error(exc.message, detail=exc.detail)
