"""Screen-pop: a sipp INVITE forwarded from a client's number pops that client's greeting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from appenv.paths import AppPaths
from appenv.settings import Settings
from tests.fixtures.qt import open_main_window, screenshot
from tests.fixtures.sip import run_sipp
from tests.ui.demo_clients import demo_database
from ui.main_window import MainWindow
from ui.screen_pop import PopView

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture
def window(qtbot, app_paths: AppPaths) -> Iterator[MainWindow]:
    db = demo_database(app_paths)
    settings = Settings(app_paths.settings_file)
    settings.set("operator.name", "Frau Weber")
    win = open_main_window(qtbot, settings, db)
    yield win
    win.phone.stop()
    db.close()


def test_forwarded_call_pops_client_greeting_with_caller_name(
    window: MainWindow, qtbot, tmp_path: Path, xvfb: str
):
    sipp = run_sipp(tmp_path, "uac_forwarded.xml", f"127.0.0.1:{window.sip_port}")  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.pops.pop_shown, timeout=10000) as shown:
        pass
    view = shown.args[0]
    assert isinstance(view, PopView)
    assert view.header.text() == "Kanzlei Dr. Roth"
    greeting = view.greeting.text()
    assert greeting.startswith("Kanzlei Dr. Roth, guten ")
    assert "Herr Müller" in greeting and "Frau Weber" in greeting
    assert "Nur für Kanzlei Dr. Roth" in view.instructions.text()
    assert "Müller Bau GmbH" in view.caller_label.text()
    # the other client's caller card and instructions never appear
    everything = " ".join(label.text() for label in view.findChildren(type(view.header)))
    assert "GEHEIM" not in everything and "Yilmaz" not in everything
    qtbot.wait(300)
    SHOTS.mkdir(parents=True, exist_ok=True)
    screenshot(xvfb, SHOTS / "screen-pop.png")
    qtbot.mouseClick(view.answer_btn, Qt.MouseButton.LeftButton)  # answer from the pop
    with qtbot.waitSignal(window.call_recorded, timeout=10000) as recorded:
        pass
    assert recorded.args[0].client_id == window.store.get_client_by_code("ROTH").id  # type: ignore[union-attr]
    assert recorded.args[0].outcome.value == "answered"
    assert sipp.wait() == 0, sipp.output()


def test_unknown_client_offers_picker(window: MainWindow, qtbot, qtlog, tmp_path: Path):
    sipp = run_sipp(tmp_path, "uac_cancel.xml", f"127.0.0.1:{window.sip_port}", "+4940555020")  # type: ignore[attr-defined]
    with qtbot.waitSignal(window.pops.pop_shown, timeout=10000) as shown:
        pass
    view = shown.args[0]
    assert view.pop.client is None
    assert view.picker.count() == 3  # "choose" + two clients
    index = view.picker.findText("Praxis Dr. Yilmaz (YIL)")
    view.picker.setCurrentIndex(index)
    with qtbot.waitSignal(window.pops.pop_shown, timeout=5000) as repicked:
        view.picker.activated.emit(index)
    new_view = repicked.args[0]
    assert new_view.header.text() == "Praxis Dr. Yilmaz"
    page = window.pops.pages[new_view.call_key]
    # the new pop takes the old one's place; nothing else stays on the page
    assert page.indexOf(new_view) == 0 and page.indexOf(view) == -1
    qtbot.waitUntil(lambda: new_view.call_key in window.pops.forms, timeout=5000)
    form = window.pops.forms[new_view.call_key]  # the note beside it stays where it was
    assert [page.widget(i) for i in range(page.count())] == [new_view, form]
    assert not [r for r in qtlog.records if "replaceWidget" in r.message]
    assert sipp.wait() == 0


def test_call_ringing_before_the_store_opens_pops_once_it_is_open(
    qtbot, app_paths: AppPaths, tmp_path: Path
):
    """At start-up calls may come in before the database is open: they pop as soon as it is."""
    db = demo_database(app_paths)
    store = db.clients
    settings = Settings(app_paths.settings_file)
    win = open_main_window(qtbot, settings, None)  # as the app is in its first moments
    try:
        sipp = run_sipp(tmp_path, "uac_forwarded.xml", f"127.0.0.1:{win.sip_port}")
        qtbot.waitUntil(lambda: bool(win.phone.board.ringing()), timeout=10000)
        assert not win.pops.views  # nothing to pop from yet
        with qtbot.waitSignal(win.pops.pop_shown, timeout=5000) as shown:
            win.attach_database(db)
        view = shown.args[0]
        assert view.header.text() == "Kanzlei Dr. Roth"
        assert "Herr Müller" in view.greeting.text()
        assert view.call_key == win.phone.board.ringing()[0].key
        qtbot.mouseClick(view.answer_btn, Qt.MouseButton.LeftButton)
        with qtbot.waitSignal(win.call_recorded, timeout=10000) as recorded:
            pass
        assert recorded.args[0].client_id == store.get_client_by_code("ROTH").id  # type: ignore[union-attr]
        assert sipp.wait() == 0, sipp.output()
    finally:
        win.phone.stop()
        db.close()
