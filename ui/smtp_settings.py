"""Mail server settings for report delivery, with a test mail that shows the server's answer.

The password goes to the keyring only (under :attr:`SmtpSettings.secret_key`, the same key
the transport reads); the dialog never writes it to settings.json. The test mail uses the
values in the dialog (not yet saved) and runs off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appenv import logs, secrets
from appenv.settings import Section, Settings
from reports.delivery import (
    DeliveryError,
    OutgoingMail,
    ServerReply,
    SmtpSettings,
    SmtpTransport,
)
from reports.delivery_jobs import new_message_id
from ui.settings_form import SettingsForm
from ui.tasks import run_task

log = logs.get("ui")

DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
TEST_TIMEOUT_S = 15.0


def tiny_pdf() -> bytes:
    """A one-page PDF, so the test also proves that attachments get through."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 770, "Vorzimmer: test mail")
    page.showPage()
    page.save()
    return buffer.getvalue()


def send_test_mail(
    smtp: SmtpSettings, recipient: str, password_lookup: Callable[[str], str | None]
) -> ServerReply:
    """Blocking: deliver one small mail; raises :class:`DeliveryError` with a clear message."""
    mail = OutgoingMail(
        message_id=new_message_id(),
        recipients=(recipient,),
        subject="Vorzimmer: test mail",
        body=(
            "This is a test mail from Vorzimmer. If you can read it, reports can be "
            f"delivered through {smtp.host}.\n\nSent {dt.datetime.now().astimezone():%c}.\n"
        ),
        attachment_name="vorzimmer-test.pdf",
        attachment=tiny_pdf(),
        file_stem="test-mail",
    )
    return SmtpTransport(smtp, password_lookup).send(mail, lambda _reply: None)


class SmtpSettingsDialog(QDialog):
    """Host, port, security, user, password (keyring), sender, test mail.

    Signals: ``test_finished(bool, str)`` when a test mail succeeded or failed (with the
    text shown), ``saved()`` after the settings were stored.
    """

    test_finished = Signal(bool, str)
    saved = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("smtp-settings-dialog")
        self.setWindowTitle(self.tr("Mail server for reports"))
        self.settings = settings
        self._last_security = str(settings.get("smtp.security"))
        self.form = SettingsForm(settings, (Section.MAIL,))
        self.host = self.form.editor("smtp.host")
        self.port = self.form.editor("smtp.port")
        self.security = self.form.editor("smtp.security")
        self.security.currentIndexChanged.connect(self._security_changed)
        self.username = self.form.editor("smtp.username")
        self.from_addr = self.form.editor("smtp.from_addr")
        self.cafile = self.form.editor("smtp.cafile")
        self.automatic = self.form.editor("reports.send_automatically")
        self.password = QLineEdit()
        self.password.setObjectName("smtp-password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("unchanged (stored in the keyring)"))
        form = self.form.layouts[Section.MAIL]
        form.insertRow(self.form.rows["smtp.username"] + 1, self.tr("Password:"), self.password)

        self.test_to = QLineEdit(settings.get("smtp.from_addr"))
        self.test_to.setObjectName("test-recipient")
        self.test_button = QPushButton(self.tr("Send test mail"))
        self.test_button.setObjectName("send-test-mail")
        self.test_button.clicked.connect(self.send_test)
        self.test_result = QLabel()
        self.test_result.setObjectName("test-result")
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        test_row = QHBoxLayout()
        test_row.addWidget(self.test_to, 1)
        test_row.addWidget(self.test_button)
        form.addRow(self.tr("Test mail to:"), test_row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.boxes[Section.MAIL])
        layout.addWidget(self.test_result)
        layout.addWidget(self.buttons)

    @Slot()
    def _security_changed(self) -> None:
        """Follow the usual port when the old one was the usual port of the old mode."""
        new = str(self.security.currentData())
        if self.port.value() == DEFAULT_PORTS.get(self._last_security):
            self.port.setValue(DEFAULT_PORTS[new])
        self._last_security = new

    def smtp_settings(self, timeout: float = 30.0) -> SmtpSettings | None:
        """The values as typed; None when no host is set; ValueError when they don't fit."""
        host = self.host.text().strip()
        if not host:
            return None
        return SmtpSettings(
            host=host,
            port=self.port.value(),
            security=self.security.currentData(),
            username=self.username.text().strip(),
            from_addr=self.from_addr.text().strip(),
            timeout=timeout,
            cafile=self.cafile.text().strip() or None,
        )

    def _show(self, ok: bool, text: str) -> None:
        self.test_result.setStyleSheet("color: #1e6b2e" if ok else "color: #a40000")
        self.test_result.setText(text)

    @Slot()
    def send_test(self) -> None:
        try:
            smtp = self.smtp_settings(timeout=TEST_TIMEOUT_S)
        except ValueError as exc:
            self._finish_test(False, self.tr("Check the settings: %1").replace("%1", str(exc)))
            return
        if smtp is None:
            self._finish_test(False, self.tr("Enter the mail server first."))
            return
        recipient = self.test_to.text().strip() or smtp.from_addr
        if "@" not in recipient:
            self._finish_test(False, self.tr("Enter an e-mail address for the test mail."))
            return
        typed = self.password.text()

        def password_lookup(key: str) -> str | None:
            return typed or secrets.get_secret(key)

        self.test_button.setEnabled(False)
        self._show(True, self.tr("Sending a test mail to %1…").replace("%1", recipient))
        run_task(
            lambda: send_test_mail(smtp, recipient, password_lookup),
            lambda reply: self._finish_test(
                True,
                self.tr("The server accepted the test mail: %1").replace("%1", str(reply)),
            ),
            self._test_failed,
            owner=self,
        )

    def _test_failed(self, exc: Exception) -> None:
        if isinstance(exc, DeliveryError | secrets.SecretStoreUnavailable):
            text = str(exc)
        else:  # a bug: keep its trace in the log
            log.error("test mail failed: %s\n%s", exc, getattr(exc, "__traceback_text__", ""))
            text = self.tr("The test mail could not be sent: %1").replace("%1", str(exc))
        self._finish_test(False, text)

    def _finish_test(self, ok: bool, text: str) -> None:
        self.test_button.setEnabled(True)
        self._show(ok, text)
        self.test_finished.emit(ok, text)

    def accept(self) -> None:
        """Check, store the password in the keyring, save the settings; stay open on error."""
        try:
            smtp = self.smtp_settings()
        except ValueError as exc:
            self._show(False, self.tr("Check the settings: %1").replace("%1", str(exc)))
            return
        if self.password.text():
            if smtp is None or not smtp.username:
                self._show(False, self.tr("Enter the server and user name for the password."))
                return
            try:
                secrets.set_secret(smtp.secret_key, self.password.text())
            except secrets.SecretStoreUnavailable as exc:
                self._show(False, str(exc))
                return
            self.password.clear()
        try:
            self.settings.update(self.form.values())
        except OSError as exc:
            self._show(
                False, self.tr("The settings could not be saved: %1").replace("%1", str(exc))
            )
            return
        self.saved.emit()
        super().accept()
