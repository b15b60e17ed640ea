"""The app delivers a confirmation the booking panel queued at once: the window's
``deliver_requested`` runs the report scheduler (real window, engine and database)."""

from __future__ import annotations

import pytest

from tests.ui.test_store_open import application
from ui.app import Application

__all__ = ["application"]
pytestmark = [pytest.mark.ui]


def test_deliver_requested_runs_the_report_scheduler(qtbot, application: Application) -> None:
    application.open_store()
    qtbot.waitUntil(lambda: application.scheduler is not None, timeout=15000)
    scheduler = application.scheduler
    assert scheduler is not None
    qtbot.waitUntil(lambda: not scheduler.busy, timeout=15000)  # its first run at start
    with qtbot.waitSignal(scheduler.run_finished, timeout=15000):
        application.window.deliver_requested.emit()
