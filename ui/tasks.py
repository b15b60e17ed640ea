"""One way to run blocking work off the GUI thread.

``run_task(fn, on_done, on_error, owner=widget)`` runs ``fn`` on Qt's thread pool and calls
back on the GUI thread — unless ``owner`` was deleted meanwhile (a closed dialog or view),
then the result is dropped. Tests install a synchronous runner (``set_synchronous(True)``)
so results are there when ``run_task`` returns.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from appenv import logs, messages
from appenv.errors import UserError

log = logs.get("ui")

_synchronous = False
_keep: set[_Relay] = set()


def set_synchronous(on: bool) -> None:
    global _synchronous
    _synchronous = on


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # delivered to on_error on the GUI thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


def _log_error(exc: Exception) -> None:
    """No handler given: a known error is shown calmly, a bug is logged with its trace."""
    if isinstance(exc, UserError):
        messages.user_error(exc)
        return
    log.error("background task failed: %s\n%s", exc, getattr(exc, "__traceback_text__", ""))


def run_task(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    owner: QObject | None = None,
) -> None:
    on_error = on_error or _log_error
    if _synchronous:
        try:
            result = fn()
        except Exception as exc:
            on_error(exc)
        else:
            if on_done:
                on_done(result)
        return
    relay = _Relay()
    _keep.add(relay)

    def finish(callback: Callable[[Any], None] | None, value: Any) -> None:
        _keep.discard(relay)
        if owner is not None and not shiboken6.isValid(owner):
            log.info("background task finished after its window closed; result dropped")
            return
        if callback:
            callback(value)

    relay.done.connect(lambda value: finish(on_done, value))
    relay.failed.connect(lambda exc: finish(on_error, exc))
    QThreadPool.globalInstance().start(_Job(fn, relay))
