"""The window with a database that cannot be opened: a calm message with what to do,
Retry opens it once the problem is gone, Close ends the app (real files, real window)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QMessageBox

from appenv.paths import AppPaths
from appenv.settings import Settings
from storage.sqlite.migrations import LATEST
from tests.fixtures.sip import free_port
from ui.app import Application

pytestmark = [pytest.mark.ui]


@pytest.fixture
def application(qapp, app_paths: AppPaths, monkeypatch) -> Iterator[Application]:
    monkeypatch.setenv("VORZIMMER_NULL_AUDIO", "1")
    settings = Settings(app_paths.settings_file)
    settings.set("ui.language", "en")
    settings.set("reports.send_automatically", False)
    settings.save()
    app = Application(qapp, app_paths, sip_port=free_port(), demo=False)
    yield app
    app.shutdown()
    app.window.close()


@pytest.mark.expect_warnings  # the failed open is logged as an error
def test_a_newer_database_is_explained_and_retry_opens_it_once_fixed(
    qtbot, application: Application, app_paths: AppPaths
) -> None:
    conn = sqlite3.connect(app_paths.database)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.commit()
    conn.close()
    application.open_store()
    qtbot.waitUntil(
        lambda: getattr(application, "store_error_box", None) is not None, timeout=10000
    )
    box: QMessageBox = application.store_error_box
    assert box.isVisible()
    assert "newer Vorzimmer" in box.text() and "update" in box.text()
    assert application.db is None
    conn = sqlite3.connect(app_paths.database)  # the operator installs the right version …
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    box.button(QMessageBox.StandardButton.Retry).click()  # … and tries again
    qtbot.waitUntil(lambda: application.db is not None, timeout=10000)
    db = application.db
    assert db is not None and application.window.store is db.clients


@pytest.mark.expect_warnings
def test_close_ends_the_app(qtbot, application: Application, app_paths: AppPaths) -> None:
    app_paths.database.write_bytes(b"garbage" * 1000)
    application.window.ask_before_close = False
    application.window.show()
    application.open_store()
    qtbot.waitUntil(
        lambda: getattr(application, "store_error_box", None) is not None, timeout=10000
    )
    box: QMessageBox = application.store_error_box
    assert "not a Vorzimmer database" in box.text()
    box.button(QMessageBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: not application.window.isVisible(), timeout=5000)
    assert application.db is None
