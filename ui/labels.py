"""Words shown in several views, translated in one place."""

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
    }
    return texts.get(outcome, outcome)
