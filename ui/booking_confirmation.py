"""The booking panel's caller e-mail field and its *Send confirmation* check box.

The box follows the field until the operator sets it herself: on once an address is
typed, off when the field is emptied. The address is checked (``checked()``) before
anything is booked, so a typo books nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from clients.email_addresses import normal_email_address


class ConfirmationRow(QWidget):
    """Caller e-mail address and whether to send a confirmation after a change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.email = QLineEdit()
        self.email.setObjectName("booking-email")
        self.email.setPlaceholderText(self.tr("name@example.com (optional)"))
        self.send = QCheckBox(self.tr("Send &confirmation"))
        self.send.setObjectName("booking-send-confirmation")
        self.send.setToolTip(
            self.tr("E-mail the appointment with a calendar file to the caller and the client")
        )
        self._chosen = False  # the operator set the box herself: it no longer follows
        self.email.textEdited.connect(self._follow)
        self.send.clicked.connect(self._chose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.email, 1)
        layout.addWidget(self.send)

    def _follow(self, text: str) -> None:
        if not self._chosen:
            self.send.setChecked(bool(text.strip()))

    def _chose(self) -> None:
        self._chosen = True

    def prefill(self, address: str) -> None:
        """An address the caller gave before (the journal), unless one is typed already."""
        if address and not self.email.text().strip():
            self.email.setText(address)
            self._follow(address)

    @property
    def wanted(self) -> bool:
        return self.send.isChecked()

    def checked(self) -> str:
        """The typed address in its normal form ("" when none);
        :class:`~clients.email_addresses.InvalidEmailAddress` when it is malformed."""
        text = self.email.text().strip()
        return normal_email_address(text) if text else ""
