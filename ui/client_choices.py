"""The clients to choose from, as one list model shared by every note form and pop picker.

Reading 10,000 clients takes ~100 ms; doing it for every call's note form made each pop
wait for it (and 60 forms held 60 copies). The window loads the list once and reloads it
when a write touches the clients table; every combo box shows the same model.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox

from clients.model import Client

ID_ROLE = Qt.ItemDataRole.UserRole  # what QComboBox.findData()/currentData() read
SHOWN_CHARACTERS = 28  # a combo box of clients is this wide, whatever the longest name


def size_for_many(box: QComboBox) -> None:
    """Sized by a fixed text length: Qt would otherwise measure all 10,000 names on show
    (~100 ms per note form)."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(SHOWN_CHARACTERS)


def client_title(client: Client) -> str:
    return f"{client.name} ({client.code})"


class ClientChoices(QStandardItemModel):
    """Row 0 is "choose the client" (no id); then every client, by name.

    Updates change rows in place, so every combo box showing the model keeps its choice.
    """

    def __init__(self, clients: list[Client] | None = None) -> None:
        super().__init__()
        none = QStandardItem(QCoreApplication.translate("NoteForm", "— choose the client —"))
        none.setData(None, ID_ROLE)
        self.appendRow(none)
        self.set_clients(clients or [])

    def ids(self) -> list[int]:
        return [int(self.item(row).data(ID_ROLE)) for row in range(1, self.rowCount())]

    def set_clients(self, clients: list[Client]) -> None:
        """New clients are inserted in name order, renamed ones keep their row (until the
        next start), removed ones go."""
        wanted = {c.id: client_title(c) for c in clients}
        if self.rowCount() == 1:  # the first fill: the store lists them in name order
            for client_id, title in wanted.items():
                item = QStandardItem(title)
                item.setData(client_id, ID_ROLE)
                self.appendRow(item)
            return
        for row in range(self.rowCount() - 1, 0, -1):
            if self.item(row).data(ID_ROLE) not in wanted:
                self.removeRow(row)
        known = {self.item(row).data(ID_ROLE): row for row in range(1, self.rowCount())}
        for client_id, title in wanted.items():
            known_row = known.get(client_id)
            if known_row is not None:
                if self.item(known_row).text() != title:
                    self.item(known_row).setText(title)
                continue
            at = 1
            while at < self.rowCount() and self.item(at).text().casefold() <= title.casefold():
                at += 1
            item = QStandardItem(title)
            item.setData(client_id, ID_ROLE)
            self.insertRow(at, item)
            known = {self.item(r).data(ID_ROLE): r for r in range(1, self.rowCount())}
