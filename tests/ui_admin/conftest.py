"""An admin window on a real SQLite file store, shown on the Xvfb display."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from appenv.paths import AppPaths
from storage import open_database
from storage.interfaces import ClientStore
from ui.admin import AdminWindow


@pytest.fixture
def store(app_paths: AppPaths) -> Iterator[ClientStore]:
    with open_database(app_paths.database).clients as db:
        yield db


@pytest.fixture
def open_admin(qtbot, store: ClientStore):
    """Build the window after the test has put its data into the store."""

    def make() -> AdminWindow:
        window = AdminWindow(store, operator="Anna Schmidt")
        # closing with unsaved edits would ask in a modal box; tests answer "discard"
        window.confirm_discard = lambda names: True  # type: ignore[method-assign]
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def synchronous_tasks() -> Iterator[None]:
    from ui.tasks import set_synchronous

    set_synchronous(True)
    yield
    set_synchronous(False)
