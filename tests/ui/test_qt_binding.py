"""Guard against a Qt binding that corrupts reference counts (PySide6 6.12.0 on Python 3.11
under-counts None on every void method call and aborts a long-running app)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_refcount(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        label.setVisible(False)
    assert abs(sys.getrefcount(None) - before) < 50
