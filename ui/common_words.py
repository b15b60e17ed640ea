"""Words the UI shows in several views, translated in one place (Qt catalogue).

Not to be confused with :mod:`reports.report_wording`: a report speaks its client's
language, the UI the operator's.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from softphone.states import Outcome


def outcome_text(outcome: Outcome | None) -> str:
    """A call's outcome as the operator reads it (``""`` while the call is up)."""
    if outcome is None:
        return ""
    texts = {
        Outcome.ANSWERED: QCoreApplication.translate("Outcome", "answered"),
        Outcome.MISSED: QCoreApplication.translate("Outcome", "missed"),
        Outcome.REJECTED: QCoreApplication.translate("Outcome", "rejected"),
        Outcome.BUSY: QCoreApplication.translate("Outcome", "busy"),
        Outcome.FAILED: QCoreApplication.translate("Outcome", "failed"),
        Outcome.TRANSFERRED: QCoreApplication.translate("Outcome", "transferred"),
        Outcome.INTERRUPTED: QCoreApplication.translate("Outcome", "interrupted"),
        Outcome.ANSWERED_ELSEWHERE: QCoreApplication.translate(
            "Outcome", "answered by a colleague"
        ),
    }
    return texts[outcome]
