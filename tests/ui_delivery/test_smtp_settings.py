"""The mail settings dialog: test mail against a real server (real thread pool), the
password in the real keyring only, and what the CLI makes of the saved settings."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from appenv import secrets
from appenv.paths import AppPaths
from appenv.settings import Settings
from reports.delivery import OutboxTransport, SmtpTransport
from reports.transports import MisconfiguredTransport
from reports.transports import default_transport as _default_transport
from tests.fixtures.smtp import SmtpSink, free_port
from ui.smtp_settings import SmtpSettingsDialog

pytestmark = [pytest.mark.integration, pytest.mark.ui]


def send_test(qtbot, dialog: SmtpSettingsDialog) -> tuple[bool, str]:
    with qtbot.waitSignal(dialog.test_finished, timeout=30_000) as finished:
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    ok, text = finished.args
    assert dialog.test_result.text() == text
    assert dialog.test_button.isEnabled()
    return ok, text


def open_dialog(qtbot, settings: Settings) -> SmtpSettingsDialog:
    dialog = SmtpSettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_test_mail_arrives_and_shows_the_servers_answer(
    qtbot, app_paths: AppPaths, settings: Settings, smtp_server: SmtpSink
) -> None:
    dialog = open_dialog(qtbot, settings)
    dialog.test_to.setText("operator@vorzimmer.test")
    ok, text = send_test(qtbot, dialog)
    assert ok, text
    assert "accepted" in text and "250" in text
    (message,) = smtp_server.messages()
    assert message["Subject"] == "Vorzimmer: test mail"
    assert message["To"] == "operator@vorzimmer.test"
    pdf = next(message.iter_attachments()).get_content()
    assert pdf.startswith(b"%PDF")


def test_wrong_typed_password_gives_535_and_is_not_stored(
    qtbot, app_paths: AppPaths, settings: Settings, smtp_server: SmtpSink
) -> None:
    dialog = open_dialog(qtbot, settings)
    dialog.password.setText("wrong-password")
    ok, text = send_test(qtbot, dialog)
    assert not ok
    assert "535" in text and "password" in text
    assert smtp_server.messages() == [] and smtp_server.auth_failures >= 1
    # a test never stores anything: the keyring still has the right one
    assert secrets.get_secret(f"smtp:{smtp_server.user}") == smtp_server.password


def test_unreachable_server_is_said_plainly(
    qtbot, app_paths: AppPaths, settings: Settings, smtp_server: SmtpSink
) -> None:
    dialog = open_dialog(qtbot, settings)
    dialog.port.setValue(free_port())
    ok, text = send_test(qtbot, dialog)
    assert not ok
    assert "not reachable" in text and "Connection refused" in text


def test_untrusted_certificate_is_named(
    qtbot, app_paths: AppPaths, settings: Settings, smtp_server: SmtpSink
) -> None:
    dialog = open_dialog(qtbot, settings)
    dialog.cafile.setText("")  # the self-signed server certificate is no longer trusted
    ok, text = send_test(qtbot, dialog)
    assert not ok
    assert "certificate" in text and "not trusted" in text
    assert smtp_server.messages() == []


def test_incomplete_settings_are_refused_before_connecting(
    qtbot, app_paths: AppPaths, settings: Settings
) -> None:
    dialog = open_dialog(qtbot, settings)
    dialog.from_addr.setText("telefonservice")
    ok, text = send_test(qtbot, dialog)
    assert not ok and "not an e-mail address" in text
    dialog.accept()  # saving is refused too, and the dialog stays open
    assert dialog.isVisible() and "not an e-mail address" in dialog.test_result.text()
    assert Settings(app_paths.settings_file).get("smtp.from_addr") == (
        "telefonservice@vorzimmer.test"
    )


def test_save_writes_settings_and_keyring_and_the_cli_uses_them(
    qtbot, app_paths: AppPaths, secret_service: str
) -> None:
    settings = Settings(app_paths.settings_file)
    assert isinstance(_default_transport(app_paths), OutboxTransport)  # nothing configured
    dialog = open_dialog(qtbot, settings)
    dialog.host.setText("mail.example.test")
    dialog.security.setCurrentIndex(dialog.security.findData("ssl"))
    assert dialog.port.value() == 465  # followed the usual port
    dialog.username.setText("kanzlei-bot")
    dialog.password.setText("Pässwörd-42")
    dialog.from_addr.setText("reports@example.test")
    dialog.automatic.setChecked(False)
    with qtbot.waitSignal(dialog.saved, timeout=5_000):
        dialog.accept()
    stored = json.loads(app_paths.settings_file.read_text())
    assert stored["smtp.host"] == "mail.example.test" and stored["smtp.port"] == 465
    assert stored["smtp.security"] == "ssl" and stored["reports.send_automatically"] is False
    assert "Pässwörd-42" not in app_paths.settings_file.read_text()
    assert secrets.get_secret("smtp:kanzlei-bot") == "Pässwörd-42"

    transport = _default_transport(app_paths)
    assert isinstance(transport, SmtpTransport)
    assert transport.settings.host == "mail.example.test"
    assert (transport.settings.port, transport.settings.security) == (465, "ssl")
    assert transport.settings.secret_key == "smtp:kanzlei-bot"


def test_cli_keeps_reports_queued_when_settings_are_incomplete(app_paths: AppPaths) -> None:
    settings = Settings(app_paths.settings_file)
    settings.set("smtp.host", "mail.example.test")  # but no sender address
    settings.save()
    transport = _default_transport(app_paths)
    assert isinstance(transport, MisconfiguredTransport)
    assert "sender address" in transport.problem
