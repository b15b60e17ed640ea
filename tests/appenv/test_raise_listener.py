"""The window's listener for second starts: only a well-formed ``raise <pid>`` raises it;
junk, floods and half-open connections are dropped without blocking the GUI thread."""

from __future__ import annotations

import os
import socket
import time

from PySide6.QtWidgets import QWidget

from appenv.paths import AppPaths
from ui.single_instance import RaiseListener, raise_address, send_raise


def test_only_a_raise_request_raises_and_junk_is_dropped(qtbot, app_paths: AppPaths) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    listener = RaiseListener(app_paths, window)
    asked: list[int] = []
    listener.raise_requested.connect(asked.append)
    address = raise_address(app_paths)
    assert address == str(app_paths.home / "vorzimmer.sock")

    idle = socket.socket(socket.AF_UNIX)  # connects and never writes: must not block us
    idle.connect(address)
    for junk in (b"hello\n", b"raise\n", b"raise -1\n", b"raise 12 13\n", b"x" * 100_000):
        with socket.socket(socket.AF_UNIX) as conn:
            conn.connect(address)
            try:
                conn.sendall(junk)
            except OSError:  # the listener may hang up on a flood: that is the point
                pass
    started = time.monotonic()
    qtbot.wait(100)
    assert time.monotonic() - started < 1.0 and asked == []

    with qtbot.waitSignal(listener.raise_requested, timeout=2000) as raised:
        assert send_raise(app_paths)
    assert raised.args == [os.getpid()]
    idle.close()
    listener.close()
    assert not (app_paths.home / "vorzimmer.sock").exists()
    assert not send_raise(app_paths)  # nobody listens any more
