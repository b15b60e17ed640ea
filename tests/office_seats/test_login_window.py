"""The login at start when the database has operator accounts (a real window): a wrong
password is refused without saying which part was wrong, 5 wrong tries make it wait, the
right one signs the operator in — her name is then the seat's operator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from appenv.paths import AppPaths
from appenv.settings import Settings
from office import operators as ops
from office.model import SeatState
from storage import open_database
from tests.fixtures.sip import free_port
from ui.app import Application
from ui.login_dialog import MAX_TRIES, LoginDialog

pytestmark = [pytest.mark.ui]
PW = "korrekt-Pferd-7"


@pytest.fixture
def application(qapp, app_paths: AppPaths, monkeypatch) -> Iterator[Application]:
    monkeypatch.setenv("VORZIMMER_NULL_AUDIO", "1")
    settings = Settings(app_paths.settings_file)
    settings.set("ui.language", "en")
    settings.set("operator.name", "Platzhalter")
    settings.set("reports.send_automatically", False)
    settings.save()
    with open_database(app_paths.database) as db:
        admin = ops.create_operator(db.operators, "weber", "Frau Weber", PW)
        ops.create_operator(db.operators, "mai", "Herr Mai", PW, by=admin)
    app = Application(qapp, app_paths, sip_port=free_port(), demo=False)
    yield app
    app.shutdown()
    app.window.close()


def _login(qtbot, dialog: LoginDialog, login: str, password: str) -> None:
    dialog.login.setText(login)
    dialog.password.setText(password)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog._checking, timeout=5000)


def test_wrong_then_right_password(qtbot, application: Application) -> None:
    application.start()
    qtbot.waitUntil(lambda: application.login is not None, timeout=15000)
    dialog = application.login
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert not application.phone.available  # nobody logged in: calls do not ring
    _login(qtbot, dialog, "mai", "falsch-falsch")
    assert dialog.message.text() == "The login name or the password is wrong."
    _login(qtbot, dialog, "niemand", PW)
    assert dialog.message.text() == "The login name or the password is wrong."
    assert dialog.password.text() == ""
    assert application.window.signed_in is None
    _login(qtbot, dialog, "mai", PW)
    qtbot.waitUntil(lambda: application.window.signed_in is not None, timeout=5000)
    assert not dialog.isVisible()
    assert application.window.operator_name() == "Herr Mai"
    control = application.window.seat_control
    assert control is not None
    qtbot.waitUntil(lambda: control.started, timeout=5000)
    assert control.status.state == SeatState.AVAILABLE and control.status.operator == "Herr Mai"
    assert "Herr Mai" in control.status.seat_name
    qtbot.waitUntil(lambda: application.phone.available, timeout=5000)


def test_five_wrong_tries_make_it_wait(qtbot, application: Application) -> None:
    application.start()
    qtbot.waitUntil(lambda: application.login is not None, timeout=15000)
    dialog = application.login
    assert dialog is not None
    for _ in range(MAX_TRIES):
        _login(qtbot, dialog, "weber", "falsch-falsch")
    assert dialog.message.text() == "Too many wrong tries. Please wait 30 s."
    assert not dialog.ok_button.isEnabled()
    _login(qtbot, dialog, "weber", PW)  # refused while waiting: not even checked
    assert application.window.signed_in is None
    dialog._wait_left = 1  # the half minute passes
    qtbot.waitUntil(dialog.ok_button.isEnabled, timeout=3000)
    _login(qtbot, dialog, "weber", PW)
    qtbot.waitUntil(lambda: application.window.signed_in is not None, timeout=5000)
    assert application.window.operator_name() == "Frau Weber"
