"""Greeting and instructions per variant and language, with a live preview of the greeting.

The preview renders the template with :func:`clients.scripts.render` exactly as the
screen-pop will, for the current time in the client's time zone: "Guten Morgen" turns
into "Guten Tag" while the window is open. Holiday and vacation previews use the
client's next public holiday and next (or a sample) closure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from clients import scripts
from clients.errors import StoreError
from clients.model import LANGUAGES, ClosurePeriod, Language, Script, Variant
from storage.interfaces import ClientStore
from ui.admin.changes import Area
from ui.admin.form_widgets import HINT_STYLE, InlineMessage
from ui.admin.tab_base import ClientTab

VARIABLES = ("operator", "client", "greeting", "caller_name", "holiday", "reopens")
PREVIEW_REFRESH_MS = 30_000


def next_holiday(state: str, today: dt.date, language: Language) -> str | None:
    for offset in range(0, 370):
        name = scripts.holiday_name(state, today + dt.timedelta(days=offset), language)
        if name:
            return name
    return None


class ScriptsTab(ClientTab):
    def __init__(
        self, store: ClientStore, operator: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(store, parent)
        self.operator = operator
        self.now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)
        self._variant_names = {
            Variant.BUSINESS_HOURS: self.tr("Business hours"),
            Variant.AFTER_HOURS: self.tr("After hours"),
            Variant.HOLIDAY: self.tr("Public holiday"),
            Variant.VACATION: self.tr("Vacation / closure"),
        }
        self._language_names = {"de": self.tr("German"), "en": self.tr("English")}
        self.slots = QListWidget()
        self.slots.setObjectName("script-slots")
        self._slot_keys: list[tuple[Variant, Language]] = [
            (variant, language) for variant in Variant for language in LANGUAGES
        ]
        for _ in self._slot_keys:
            self.slots.addItem(QListWidgetItem())
        self.slots.currentRowChanged.connect(self._slot_changed)
        self.slots.setMinimumWidth(230)
        self.slots.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.slots.setStyleSheet("QListWidget::item { padding: 5px 6px; }")

        self.greeting = QPlainTextEdit()
        self.greeting.setObjectName("script-greeting")
        self.greeting.setPlaceholderText(self.tr("e.g. {client}, {greeting}, {caller_name}, …"))
        self.greeting.setMaximumHeight(90)
        self.greeting.textChanged.connect(self._edited)
        self.instructions = QPlainTextEdit()
        self.instructions.setObjectName("script-instructions")
        self.instructions.setPlaceholderText(
            self.tr("What to do, what never to say, rules for urgent cases …")
        )
        self.instructions.textChanged.connect(self._edited)
        self.sample_caller = QLineEdit(self.tr("Mr Krause"))
        self.sample_caller.setObjectName("sample-caller")
        self.sample_caller.textChanged.connect(self.update_preview)

        variables = QHBoxLayout()
        variables.setSpacing(2)
        variables.addWidget(QLabel(self.tr("Insert:")))
        for name in VARIABLES:
            button = QToolButton()
            button.setText("{" + name + "}")
            button.setAutoRaise(True)
            button.clicked.connect(lambda _=False, n=name: self._insert_variable(n))
            variables.addWidget(button)
        variables.addStretch(1)

        self.preview = QLabel()
        self.preview.setObjectName("script-preview")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.preview.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.preview.setFont(font)
        self.preview_unknown = QLabel()
        self.preview_unknown.setObjectName("script-preview-unknown")
        self.preview_unknown.setWordWrap(True)
        self.preview_when = QLabel()
        self.preview_when.setStyleSheet(HINT_STYLE)
        frame = QFrame()
        frame.setObjectName("preview-frame")
        frame.setStyleSheet(
            "#preview-frame { background: #f3f7fb; border: 1px solid #c5d5e6; border-radius: 4px; }"
        )
        box = QVBoxLayout(frame)
        box.addWidget(self.preview_when)
        box.addWidget(self.preview)
        box.addWidget(self.preview_unknown)

        self.message = InlineMessage()
        self.save_button = QPushButton(self.tr("Save script"))
        self.save_button.setObjectName("save-script")
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton(self.tr("Delete script"))
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)

        editor = QWidget()
        form = QFormLayout(editor)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Greeting:"), self.greeting)
        form.addRow("", variables)
        form.addRow(self.tr("Sample caller:"), self.sample_caller)
        form.addRow(self.tr("Preview:"), frame)
        form.addRow(self.tr("Instructions:"), self.instructions)
        form.addRow(self.message)
        form.addRow(buttons)

        splitter = QSplitter()
        splitter.addWidget(self.slots)
        splitter.addWidget(editor)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._scripts: dict[tuple[Variant, Language], Script] = {}
        self._row = -1
        self._loading = False
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setInterval(PREVIEW_REFRESH_MS)
        self._timer.timeout.connect(self.update_preview)
        self._timer.start()

    # -- which script ----------------------------------------------------------------------

    @property
    def current_key(self) -> tuple[Variant, Language]:
        return self._slot_keys[max(self._row, 0)]

    def select(self, variant: Variant, language: Language) -> None:
        self.slots.setCurrentRow(self._slot_keys.index((variant, language)))

    def reload(self) -> None:
        self.message.clear_message()
        stored = self.store.list_scripts(self.client_id) if self.client_id else []
        self._scripts = {(s.variant, s.language): s for s in stored}
        for row, key in enumerate(self._slot_keys):
            self._label_slot(row, key)
        self._dirty = False
        if self._row < 0 and self.client is not None:
            language = self.client.language
            self.slots.setCurrentRow(self._slot_keys.index((Variant.BUSINESS_HOURS, language)))
        else:
            self._show_slot()

    def _label_slot(self, row: int, key: tuple[Variant, Language]) -> None:
        item = self.slots.item(row)
        variant, language = key
        text = f"{self._variant_names[variant]} · {self._language_names[language]}"
        font = item.font()
        if key in self._scripts:
            font.setBold(True)
            item.setForeground(QBrush())
        else:
            text += " " + self.tr("(not set)")
            font.setBold(False)
            item.setForeground(QBrush(QColor("#888888")))
        item.setFont(font)
        item.setText(text)

    def _slot_changed(self, row: int) -> None:
        if row == self._row or row < 0:
            return
        if self._dirty and not self._confirm_leave():
            self.slots.blockSignals(True)
            self.slots.setCurrentRow(self._row)
            self.slots.blockSignals(False)
            return
        self._row = row
        self._show_slot()

    def _confirm_leave(self) -> bool:
        """Unsaved edits: save, discard or stay (returns whether to leave)."""
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved script"),
            self.tr("The script has unsaved changes. Save them?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _show_slot(self) -> None:
        script = self._scripts.get(self.current_key)
        self._loading = True
        self.greeting.setPlainText(script.greeting if script else "")
        self.instructions.setPlainText(script.instructions if script else "")
        self._loading = False
        self._dirty = False
        self.delete_button.setEnabled(script is not None)
        self.message.clear_message()
        if script is None and self.client is not None:
            fallback = scripts.pick_script(self._scripts.values(), *self.current_key)
            if fallback is not None:
                self.message.show_info(
                    self.tr("Not set: calls use “{0}” instead.").format(
                        self._variant_names[fallback.variant]
                        + " · "
                        + self._language_names[fallback.language]
                    )
                )
        self.update_preview()

    def set_clock(self, now: Callable[[], dt.datetime]) -> None:
        """Where "now" comes from (tests fix it); the preview follows at once."""
        self.now = now
        self.update_preview()

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def _edited(self) -> None:
        if not self._loading:
            self._dirty = True
            self.message.clear_message()
        self.update_preview()

    def _insert_variable(self, name: str) -> None:
        self.greeting.insertPlainText("{" + name + "}")
        self.greeting.setFocus()

    # -- preview ---------------------------------------------------------------------------

    def update_preview(self) -> None:
        client = self.client
        if client is None:
            self.preview.setText("")
            self.preview_unknown.setText("")
            self.preview_when.setText("")
            return
        variant, language = self.current_key
        local = scripts.local_time(self.now(), client.timezone)
        choice = self._sample_choice(variant, language, local)
        template = self.greeting.toPlainText() or scripts.DEFAULT_GREETINGS[language]
        operator = self.operator or self.tr("Operator")

        def text_for(caller: str | None) -> str:
            values = scripts.greeting_values(
                operator=operator,
                client_name=client.name,
                local=local,
                language=language,
                caller_name=caller,
                choice=choice,
            )
            return scripts.render(template, values)

        caller = self.sample_caller.text().strip() or None
        self.preview.setText(text_for(caller))
        self.preview_unknown.setText(self.tr("Unknown caller: {0}").format(text_for(None)))
        when = self.tr("As said now, {0} ({1})").format(local.strftime("%H:%M"), client.timezone)
        if not self.greeting.toPlainText():
            when += " — " + self.tr("default greeting")
        self.preview_when.setText(when)

    def _sample_choice(
        self, variant: Variant, language: Language, local: dt.datetime
    ) -> scripts.VariantChoice:
        assert self.client is not None
        if variant == Variant.HOLIDAY:
            name = next_holiday(self.client.state, local.date(), language)
            return scripts.VariantChoice(variant, name or "", local, holiday=name)
        if variant == Variant.VACATION:
            closures = self.store.list_closures(self.client_id) if self.client_id else []
            upcoming = [c for c in closures if c.end >= local.date()]
            closure = (
                upcoming[0]
                if upcoming
                else ClosurePeriod(
                    client_id=self.client_id or 0,
                    start=local.date(),
                    end=local.date() + dt.timedelta(days=6),
                )
            )
            return scripts.VariantChoice(variant, closure.reason, local, closure=closure)
        return scripts.VariantChoice(variant, "", local)

    # -- saving ----------------------------------------------------------------------------

    def save(self) -> bool:
        if self.client_id is None:
            return False
        variant, language = self.current_key
        greeting = self.greeting.toPlainText().strip()
        if not greeting:
            self.message.show_error(self.tr("The greeting must not be empty."))
            return False
        try:
            stored = self.store.set_script(
                Script(
                    client_id=self.client_id,
                    variant=variant,
                    language=language,
                    greeting=greeting,
                    instructions=self.instructions.toPlainText().strip(),
                )
            )
        except StoreError as exc:
            self.message.show_error(str(exc))
            return False
        self._scripts[(variant, language)] = stored
        self._label_slot(self._row, (variant, language))
        self._dirty = False
        self.delete_button.setEnabled(True)
        self.message.show_info(self.tr("Script saved."))
        self._announce(Area.SCRIPTS)
        return True

    def delete(self) -> None:
        script = self._scripts.get(self.current_key)
        if script is None or script.id is None:
            return
        self.store.delete_script(script.id)
        del self._scripts[self.current_key]
        self._label_slot(self._row, self.current_key)
        self._show_slot()
        self._announce(Area.SCRIPTS)

        def undo() -> None:
            self.store.set_script(script)
            if self.client_id == script.client_id:
                self.reload()
            self._announce(Area.SCRIPTS, script.client_id)

        self._offer_undo(self.tr("Script deleted."), undo)
