"""A picture of the admin window with the demo data, as the operator sees it on screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from clients.demo import load_demo
from clients.model import Variant
from storage.interfaces import ClientStore
from tests.fixtures.qt import screenshot

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def test_admin_window_screenshot(qtbot, store: ClientStore, open_admin, xvfb: str):
    assert load_demo(store) == 4
    window = open_admin()
    window.setGeometry(0, 0, 1280, 800)
    roth = store.get_client_by_code("ROTH")
    assert roth is not None and roth.id is not None
    window.show_client(roth.id)
    window.tabs.setCurrentWidget(window.scripts)
    window.scripts.set_clock(lambda: dt.datetime(2025, 1, 14, 8, 40, tzinfo=dt.UTC))
    window.scripts.select(Variant.BUSINESS_HOURS, "de")
    assert "Kanzlei Dr. Roth" in window.scripts.preview.text()
    assert "guten Morgen" in window.scripts.preview.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(400)  # let the window paint before the picture
    path = screenshot(xvfb, SHOTS / "admin.png")
    assert path.stat().st_size > 10_000
