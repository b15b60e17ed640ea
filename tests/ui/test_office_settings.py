"""The office database in Settings, as an admin sets up a seat: the address is kept in the
settings, the password only in the real keyring, and *Test connection* talks to a real
PostgreSQL that demands the password."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from appenv import secrets
from appenv.settings import Settings
from storage.postgres.session import password_key
from tests.fixtures.postgres import PgCluster, start_cluster, stop_cluster
from ui.settings_dialog import SettingsDialog

PASSWORD = "office-Pw-7"


@pytest.fixture(scope="module")
def guarded_cluster() -> Iterator[PgCluster]:
    cluster = start_cluster(password=PASSWORD)
    try:
        cluster.sql("CREATE DATABASE office")
        yield cluster
    finally:
        stop_cluster(cluster)


def _dialog(qtbot, app_paths) -> SettingsDialog:
    dialog = SettingsDialog(Settings(app_paths.settings_file))
    qtbot.addWidget(dialog)
    return dialog


def _tested(qtbot, dialog: SettingsDialog) -> str:
    dialog.db_test.click()
    qtbot.waitUntil(lambda: dialog.db_test.isEnabled(), timeout=30000)
    return dialog.db_status.text()


def test_wrong_then_right_password_and_the_password_goes_to_the_keyring(
    qtbot, app_paths, secret_service: str, guarded_cluster: PgCluster
):
    url = guarded_cluster.url("office")
    dialog = _dialog(qtbot, app_paths)
    dialog.db_url.setText(url)
    dialog.db_password.setText("not-it")
    assert _tested(qtbot, dialog).startswith("No connection:")

    dialog.db_password.setText(PASSWORD)
    assert _tested(qtbot, dialog) == "Connected: 0 clients."
    dialog._accept_if_valid()
    assert dialog.result() == dialog.DialogCode.Accepted
    change = dialog.apply()

    assert "database.url" in change.keys
    assert Settings(app_paths.settings_file).get("database.url") == url
    assert secrets.get_secret(password_key(url)) == PASSWORD
    assert PASSWORD not in app_paths.settings_file.read_text("utf-8")


def test_an_address_with_a_password_in_it_is_refused(qtbot, app_paths):
    dialog = _dialog(qtbot, app_paths)
    dialog.db_url.setText(f"postgresql://seat:{PASSWORD}@office-server/vorzimmer")
    dialog._accept_if_valid()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "password field" in dialog.db_status.text()
    kept = app_paths.settings_file
    assert not kept.exists() or PASSWORD not in kept.read_text("utf-8")


def test_an_address_that_is_not_postgresql_is_refused(qtbot, app_paths):
    dialog = _dialog(qtbot, app_paths)
    dialog.db_url.setText("mysql://office-server/vorzimmer")
    dialog._accept_if_valid()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "postgresql://" in dialog.db_status.text()
