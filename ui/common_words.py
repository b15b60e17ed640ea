"""Words the UI shows in several views, translated in one place (Qt catalogue).

Not to be confused with :mod:`reports.report_wording`: a report speaks its client's
language, the UI the operator's.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def outcome_text(outcome: str) -> str:
    """A call's outcome (``clients.model.Outcome`` value) as the operator reads it."""
    texts = {
        "answered": QCoreApplication.translate("Outcome", "answered"),
        "missed": QCoreApplication.translate("Outcome", "missed"),
        "rejected": QCoreApplication.translate("Outcome", "rejected"),
        "busy": QCoreApplication.translate("Outcome", "busy"),
        "failed": QCoreApplication.translate("Outcome", "failed"),
        "transferred": QCoreApplication.translate("Outcome", "transferred"),
        "interrupted": QCoreApplication.translate("Outcome", "interrupted"),
    }
    return texts.get(outcome, outcome)
