"""The operator's login at start, when the database has operator accounts.

A wrong login name or password gets one calm sentence that does not say which of the two
was wrong; after 5 wrong tries the dialog waits 30 s before it takes the next one. The
password is checked off the GUI thread (argon2 takes a moment; the office database may be
far away). Quit ends the app: calls cannot be taken without an operator.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from appenv import logs
from office import operators as ops
from office.model import Operator
from storage.interfaces import OperatorStore
from ui.tasks import run_task

log = logs.get("ui")

MAX_TRIES = 5
WAIT_S = 30


class LoginDialog(QDialog):
    signed_in = Signal(object)  # Operator

    def __init__(self, store: OperatorStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("login-dialog")
        self.setWindowTitle(self.tr("Log in to Vorzimmer"))
        self.store = store
        self.operator: Operator | None = None
        self.wrong_tries = 0
        self._wait_left = 0
        self.login = QLineEdit()
        self.login.setObjectName("login-name")
        self.password = QLineEdit()
        self.password.setObjectName("login-password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("login-message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color:#c62828")
        form = QFormLayout()
        form.addRow(self.tr("Login name:"), self.login)
        form.addRow(self.tr("Password:"), self.password)
        buttons = QDialogButtonBox()
        self.ok_button = QPushButton(self.tr("Log in"))
        self.ok_button.setObjectName("login-ok")
        self.ok_button.setDefault(True)
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        quit_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        quit_button.setText(self.tr("Quit"))
        self.ok_button.clicked.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Please log in with your operator account.")))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._waiting = QTimer(self)
        self._waiting.setInterval(1000)
        self._waiting.timeout.connect(self._count_down)
        self._checking = False

    def try_login(self) -> None:
        if self._checking or self._wait_left:
            return
        login, password = self.login.text(), self.password.text()
        if not login.strip() or not password:
            self.message.setText(self.tr("Please enter your login name and password."))
            return
        self._checking = True
        self.ok_button.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        store = self.store
        run_task(lambda: ops.verify(store, login, password), self._accepted, self._refused,
                 owner=self)  # fmt: skip

    def _accepted(self, operator: Operator) -> None:
        self._checking = False
        self.operator = operator
        self.password.clear()
        log.info("operator %s logged in", operator.login)
        self.signed_in.emit(operator)
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self._checking = False
        self.ok_button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        if isinstance(exc, ops.AccountDisabled):
            self.message.setText(self.tr("This account is disabled. Ask your office admin."))
            return
        if not isinstance(exc, ops.LoginFailed):
            log.info("login not checked: %s", exc)
            self.message.setText(self.tr("The login could not be checked: {0}").format(str(exc)))
            return
        self.wrong_tries += 1
        if self.wrong_tries % MAX_TRIES == 0:
            self._wait_left = WAIT_S
            self.ok_button.setEnabled(False)
            self._waiting.start()
            self._show_wait()
        else:
            self.message.setText(self.tr("The login name or the password is wrong."))

    def _show_wait(self) -> None:
        self.message.setText(
            self.tr("Too many wrong tries. Please wait {0} s.").format(self._wait_left)
        )

    def _count_down(self) -> None:
        self._wait_left -= 1
        if self._wait_left > 0:
            self._show_wait()
            return
        self._waiting.stop()
        self._wait_left = 0
        self.ok_button.setEnabled(True)
        self.message.setText(self.tr("You can try again."))
