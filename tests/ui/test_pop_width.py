"""The greeting is the one text that must always be readable in full: the pop's body is
never wider than its viewport, so a long greeting wraps instead of being cut off."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from clients.lookup import Pop
from clients.model import Client, Staff
from ui.client_choices import ClientChoices
from ui.screen_pop import PopView

GREETING = ("Guten Abend, Sie sind verbunden mit der Kanzlei Dr. Roth und Partner. " * 6)[:400]


def _pop(client: Client | None = None, staff: tuple[Staff, ...] = ()) -> Pop:
    now = dt.datetime(2026, 12, 1, 19, 30, tzinfo=dt.UTC)
    return Pop(
        client=client, caller_number="+49301234567", local_time=now, greeting=GREETING,
        instructions="Immer zuerst nach dem Aktenzeichen fragen.", staff=staff,
    )  # fmt: skip


def _shown(qtbot, view: PopView, width: int = 420) -> PopView:
    qtbot.addWidget(view)
    view.resize(width, 600)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)  # the scroll area lays its body out after the show
    return view


def _assert_fully_readable(view: PopView) -> None:
    viewport = view.viewport().width()
    body = view.widget()
    assert body is not None and body.width() <= viewport
    label = view.greeting
    assert len(label.text()) == 400
    assert label.geometry().right() < viewport, (label.width(), viewport)
    # wrapped: the label is as tall as its text needs at that width, hence many lines
    assert label.height() >= label.heightForWidth(label.width())
    assert label.height() > 4 * label.fontMetrics().height()


def test_a_long_greeting_wraps_beside_a_picker_of_10000_clients(qtbot):
    clients = [
        Client(id=n, code=f"C{n:05d}", name=f"Mandant mit sehr langem Namen Nummer {n:05d}")
        for n in range(10_000)
    ]
    view = _shown(qtbot, PopView("call-1", _pop(), ClientChoices(clients)))
    _assert_fully_readable(view)


def test_a_long_client_name_and_staff_line_do_not_widen_the_pop(qtbot):
    client = Client(id=1, code="ROTH", name="Kanzlei Dr. Roth und Partner " * 4)
    staff = (
        Staff(
            id=1, client_id=1, name="Dr. Maximiliane von Hohenzollern-Sigmaringen",
            role="Fachanwältin für Bau- und Architektenrecht", transfer_target="+4930111",
        ),
    )  # fmt: skip
    view = _shown(qtbot, PopView("call-2", _pop(client, staff)))
    _assert_fully_readable(view)
    header = view.header
    assert isinstance(header, QLabel) and header.geometry().right() < view.viewport().width()


def test_the_ended_mark_is_added_once(qtbot):
    view = _shown(qtbot, PopView("call-3", _pop(Client(id=1, code="ROTH", name="Kanzlei"))))
    for _ in range(3):  # the board reports the end more than once
        view.set_call_state(False, True)
    assert view.header.text() == "Kanzlei  (ended)"
