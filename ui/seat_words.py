"""Seat states and break reasons as the operator reads them (Qt catalogue, one place)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from office.model import SeatState, SeatStatus
from office.seat_states import BREAK_REASONS, RESTORED_AFTER_CALL

# lupdate reads these markers; office.seat_states keeps the English source
_REASONS = (
    QT_TRANSLATE_NOOP("SeatState", "Lunch"),
    QT_TRANSLATE_NOOP("SeatState", "Short break"),
    QT_TRANSLATE_NOOP("SeatState", "Meeting"),
    QT_TRANSLATE_NOOP("SeatState", "Training"),
    QT_TRANSLATE_NOOP("SeatState", "restored: the app stopped during a call"),
)
assert set(_REASONS) == {*BREAK_REASONS, RESTORED_AFTER_CALL}


def state_text(state: SeatState) -> str:
    texts = {
        SeatState.AVAILABLE: QCoreApplication.translate("SeatState", "Available"),
        SeatState.IN_CALL: QCoreApplication.translate("SeatState", "In a call"),
        SeatState.WRAP_UP: QCoreApplication.translate("SeatState", "Wrap-up"),
        SeatState.BREAK: QCoreApplication.translate("SeatState", "Break"),
        SeatState.AWAY: QCoreApplication.translate("SeatState", "Away"),
        SeatState.LOGGED_OUT: QCoreApplication.translate("SeatState", "Logged out"),
    }
    return texts[state]


def reason_text(reason: str) -> str:
    """A listed reason translated; the operator's own words as typed."""
    return QCoreApplication.translate("SeatState", reason) if reason in _REASONS else reason


def break_reasons() -> list[str]:
    return [reason_text(r) for r in BREAK_REASONS]


def since_text(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def status_text(status: SeatStatus) -> str:
    """ "Break (Lunch) since 12:30" — the state, its reason, since when."""
    text = state_text(status.state)
    if status.reason:
        text += f" ({reason_text(status.reason)})"
    return QCoreApplication.translate("SeatState", "{0} since {1}").format(
        text, since_text(status.since)
    )
