"""Account set-up as the operator does it: the dialog stores the password in the real
keyring (never in settings.json) and the app registers with a real kamailio."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from appenv import secrets
from appenv.paths import AppPaths
from appenv.settings import Settings
from softphone.account import password_key
from tests.fixtures.sip import Registrar, free_port
from ui.app import Application
from ui.settings_dialog import SettingsDialog
from ui.tasks import set_synchronous


@pytest.fixture
def application(qapp, app_paths: AppPaths, monkeypatch) -> Iterator[Application]:
    monkeypatch.setenv("VORZIMMER_NULL_AUDIO", "1")
    settings = Settings(app_paths.settings_file)
    settings.set("sip.bind_address", "127.0.0.1")
    settings.set("ui.language", "en")
    # the demo's evening reports are not this test's subject (and depend on the hour)
    settings.set("reports.send_automatically", False)
    settings.save()
    app = Application(qapp, app_paths, sip_port=free_port(), demo=True)
    app.start()
    yield app
    app.shutdown()
    app.window.close()


def test_password_goes_to_keyring_and_app_registers(
    application: Application, registrar: Registrar, secret_service: str, qtbot, caplog
):
    caplog.set_level(logging.DEBUG, logger="vorzimmer")
    qtbot.waitUntil(lambda: application.db is not None, timeout=10000)
    dialog = SettingsDialog(application.settings, application.window)
    qtbot.addWidget(dialog)
    dialog.registrar.setText(registrar.address)
    dialog.username.setText("secretary")
    dialog.password.setText("s3cret-pw")
    set_synchronous(True)
    try:
        with qtbot.waitSignal(
            application.phone.registration_changed,
            timeout=10000,
            check_params_cb=lambda s: s.state == "registered",
        ):
            application.apply_settings(dialog)
    finally:
        set_synchronous(False)
    assert "Registered as secretary@" in application.window.reg_label.text()
    assert secrets.get_secret(password_key("secretary", registrar.address)) == "s3cret-pw"
    assert "s3cret-pw" not in application.paths.settings_file.read_text()
    assert caplog.records, "nothing was logged: the check below would prove nothing"
    assert not [r for r in caplog.records if "s3cret-pw" in r.getMessage()]

    # the demo dataset was loaded into the window: history shows its calls
    assert application.window.history.rowCount() > 0
