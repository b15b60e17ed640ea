"""Questions callers often ask, with the answer the operator may give."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from clients.errors import StoreError
from clients.model import FaqEntry
from storage.interfaces import ClientStore
from ui.admin.changes import Area
from ui.admin.form_widgets import InlineMessage
from ui.admin.tab_base import ClientTab


class FaqTab(ClientTab):
    """The store has no FAQ update; saving an entry replaces it in one transaction."""

    def __init__(self, store: ClientStore, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.list = QListWidget()
        self.list.setObjectName("faq-list")
        self.list.currentRowChanged.connect(self._show_row)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setStyleSheet("QListWidget::item { padding: 4px 6px; }")
        self.question = QLineEdit()
        self.question.setObjectName("faq-question")
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("faq-answer")
        form = QFormLayout()
        form.addRow(self.tr("Question:"), self.question)
        form.addRow(self.tr("Answer:"), self.answer)
        self.message = InlineMessage()
        self.new_button = QPushButton(self.tr("New"))
        self.new_button.clicked.connect(self.start_new)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save-faq")
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        editor = QWidget()
        box = QVBoxLayout(editor)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(form)
        box.addWidget(self.message)
        box.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(editor)
        splitter.setSizes([280, 520])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._entries: list[FaqEntry] = []
        self._editing: FaqEntry | None = None

    def reload(self) -> None:
        self.message.clear_message()
        keep = self._editing.position if self._editing else None
        self._entries = self.store.list_faq(self.client_id) if self.client_id else []
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems([e.question for e in self._entries])
        self.list.blockSignals(False)
        positions = [e.position for e in self._entries]
        if keep in positions:
            self.list.setCurrentRow(positions.index(keep))
        elif self._entries:
            self.list.setCurrentRow(0)
        else:
            self.start_new()

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self._entries):
            self._show(self._entries[row])

    def _show(self, entry: FaqEntry | None) -> None:
        self._editing = entry
        self.question.setText(entry.question if entry else "")
        self.answer.setPlainText(entry.answer if entry else "")
        self.delete_button.setEnabled(entry is not None)

    def start_new(self) -> None:
        self.list.blockSignals(True)
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self._show(None)

    def save(self) -> None:
        if self.client_id is None:
            return
        question = self.question.text().strip()
        answer = self.answer.toPlainText().strip()
        if not question or not answer:
            self.message.show_error(self.tr("Please enter a question and its answer."))
            return
        position = (
            self._editing.position
            if self._editing
            else max((e.position for e in self._entries), default=-1) + 1
        )
        entry = FaqEntry(
            client_id=self.client_id, question=question, answer=answer, position=position
        )
        try:
            with self.store.transaction():
                if self._editing is not None and self._editing.id is not None:
                    self.store.delete_faq(self._editing.id)
                self._editing = self.store.add_faq(entry)
        except StoreError as exc:
            self.message.show_error(str(exc))
            return
        self.reload()
        self.message.show_info(self.tr("Saved."))
        self._announce(Area.FAQ)

    def delete_selected(self) -> None:
        entry = self._editing
        if entry is None or entry.id is None:
            return
        self.store.delete_faq(entry.id)
        self._editing = None
        self.reload()
        self._announce(Area.FAQ)

        def undo() -> None:
            self.store.add_faq(replace(entry, id=None))
            if self.client_id == entry.client_id:
                self.reload()
            self._announce(Area.FAQ, entry.client_id)

        self._offer_undo(self.tr("Question deleted."), undo)
