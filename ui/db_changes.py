"""The database's change announcements as a Qt signal on the GUI thread.

Writes announce what they changed in the thread that wrote (:mod:`storage.changes`); this
relay hands each :class:`~storage.changes.Changes` to the GUI thread, where every open
view decides whether it concerns it (``changes.touches("calls")``) and refreshes itself.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot

from storage.changes import Changes
from storage.interfaces import Database


class DatabaseChanges(QObject):
    """``changed(Changes)`` after every committed write of ``db``, on this object's thread."""

    changed = Signal(object)
    _relay = Signal(object)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = db.changes.subscribe(self._relay.emit)
        self.destroyed.connect(self._unsubscribe)

    def stop(self) -> None:
        """No further announcements (the database is closing)."""
        self._unsubscribe()

    @Slot(object)
    def _deliver(self, changes: Changes) -> None:
        self.changed.emit(changes)
