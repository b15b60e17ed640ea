"""What every client tab shares: the store, the client shown, and how it reports changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from clients.model import Client
from storage.interfaces import ClientStore
from ui.admin.changes import Area


class ClientTab(QWidget):
    """A page of the client editor; ``set_client(None)`` empties and disables it."""

    changed = Signal(object, object)  # Area, client id (int or None) — something was written
    undo_offered = Signal(str, object)  # message, callable that restores what was deleted

    def __init__(self, store: ClientStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.client: Client | None = None

    @property
    def client_id(self) -> int | None:
        return None if self.client is None else self.client.id

    def set_client(self, client: Client | None) -> None:
        self.client = client
        self.setEnabled(client is not None)
        self.reload()

    def reload(self) -> None:
        """Show what the store holds for ``self.client`` (subclasses fill this in)."""

    def _announce(self, area: Area, client_id: int | None = None) -> None:
        self.changed.emit(area, self.client_id if client_id is None else client_id)

    def _offer_undo(self, message: str, undo: Callable[[], None]) -> None:
        self.undo_offered.emit(message, undo)
