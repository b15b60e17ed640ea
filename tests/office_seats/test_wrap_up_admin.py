"""The client's wrap-up time is set in the admin window (General tab) and kept by the store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from appenv.paths import AppPaths
from clients.model import Client
from storage import Database, open_database
from ui.admin import AdminWindow


@pytest.fixture
def db(app_paths: AppPaths) -> Iterator[Database]:
    with open_database(app_paths.database) as opened:
        yield opened


def test_wrap_up_seconds_saved_from_the_general_tab(qtbot, db: Database) -> None:
    roth = db.clients.add_client(Client(code="ROTH", name="Kanzlei Dr. Roth"))
    assert roth.id is not None
    window = AdminWindow(db.clients, operator="Anna Schmidt")
    window.confirm_discard = lambda names: True  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_client(roth.id)
    qtbot.waitUntil(lambda: window.current is not None, timeout=5000)
    assert window.general.wrap_up.value() == 0
    window.general.wrap_up.setValue(45)
    assert window.general.has_unsaved_changes()
    qtbot.mouseClick(window.general.save_button, Qt.MouseButton.LeftButton)
    assert db.seats.wrap_up_seconds(roth.id) == 45
    stored = db.clients.get_client(roth.id)
    assert stored is not None and stored.wrap_up_s == 45 and stored.name == roth.name
