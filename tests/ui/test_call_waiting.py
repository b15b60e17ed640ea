"""Call waiting and swapping in the window, with two real pjsua2 callers."""

from __future__ import annotations

from PySide6.QtCore import Qt

from softphone import commands as cmds
from softphone import events as ev
from tests.ui.test_main_window import window  # noqa: F401  (fixture)
from ui.main_window import MainWindow


def test_second_call_rings_while_first_is_up_and_swap(window: MainWindow, qtbot, phone_factory):  # noqa: F811
    target = f"sip:vorzimmer@127.0.0.1:{window.sip_port}"  # type: ignore[attr-defined]
    first, second = phone_factory(user="anna"), phone_factory(user="bernd")
    first.send(cmds.Dial(uri=target, tag="1"))
    qtbot.waitUntil(lambda: len(window.cards) == 1, timeout=10000)
    card1 = next(iter(window.cards.values()))
    qtbot.mouseClick(card1.answer_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card1.call.state == "confirmed", timeout=5000)

    second.send(cmds.Dial(uri=target, tag="2"))
    qtbot.waitUntil(lambda: len(window.cards) == 2, timeout=10000)
    card2 = next(c for c in window.cards.values() if c is not card1)
    qtbot.waitUntil(lambda: card2.answer_btn.isVisible() and card2.call.ringing, timeout=5000)
    assert card1.call.state == "confirmed"  # the first call is untouched while it rings

    qtbot.mouseClick(card2.answer_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card2.call.state == "confirmed" and card1.call.local_hold, timeout=8000)
    first.wait(lambda e: isinstance(e, ev.MediaStateChanged) and e.remote_hold, 5, "anna held")

    qtbot.mouseClick(card1.hold_btn, Qt.MouseButton.LeftButton)  # resume anna = swap
    qtbot.waitUntil(lambda: card2.call.local_hold and not card1.call.local_hold, timeout=8000)
    assert card1.hold_btn.isChecked() is False and card2.hold_btn.isChecked() is True

    qtbot.mouseClick(card1.hangup_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.cards) == 1, timeout=5000)
    first.wait(lambda e: isinstance(e, ev.CallEnded), 5, "anna hung up")
