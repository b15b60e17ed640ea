"""General client settings: code, name, colour, language, state, time zone, reports."""

from __future__ import annotations

import re
import zoneinfo

from PySide6.QtCore import QTime, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from clients.email_addresses import is_email_address
from clients.errors import StoreError
from clients.model import MAX_SERVICE_LEVEL_S, MAX_WRAP_UP_S, STATES, Client, Language
from storage.interfaces import ClientStore
from ui.admin.changes import Area
from ui.admin.form_widgets import InlineMessage, swatch_icon
from ui.admin.tab_base import ClientTab

# Proper names of the German states; not translated.
STATE_NAMES = {
    "BB": "Brandenburg",
    "BE": "Berlin",
    "BW": "Baden-Württemberg",
    "BY": "Bayern",
    "HB": "Bremen",
    "HE": "Hessen",
    "HH": "Hamburg",
    "MV": "Mecklenburg-Vorpommern",
    "NI": "Niedersachsen",
    "NW": "Nordrhein-Westfalen",
    "RP": "Rheinland-Pfalz",
    "SH": "Schleswig-Holstein",
    "SL": "Saarland",
    "SN": "Sachsen",
    "ST": "Sachsen-Anhalt",
    "TH": "Thüringen",
}
DEFAULT_COLOUR = "#3465a4"


def split_recipients(text: str) -> tuple[str, ...]:
    return tuple(filter(None, (t.strip() for t in re.split(r"[,;|\s]+", text))))


class GeneralTab(ClientTab):
    """Edits one client; after ``start_new()`` the same form creates a client."""

    client_saved = Signal(object, bool)  # Client as stored, True when it was just created

    def __init__(self, store: ClientStore, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.code = QLineEdit()
        self.code.setObjectName("client-code")
        self.code.setMaxLength(20)
        self.code.setPlaceholderText(self.tr("short code, one word, e.g. KAN"))
        self.name = QLineEdit()
        self.name.setObjectName("client-name")
        self.name.setPlaceholderText(self.tr("name as the operator says it"))
        self.colour_button = QPushButton()
        self.colour_button.setObjectName("client-colour")
        self.colour_button.clicked.connect(self._pick_colour)
        self.language = QComboBox()
        self.language.addItem(self.tr("German"), "de")
        self.language.addItem(self.tr("English"), "en")
        self.state = QComboBox()
        for code in STATES:
            self.state.addItem(f"{STATE_NAMES[code]} ({code})", code)
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(sorted(zoneinfo.available_timezones()))
        completer = QCompleter(self.timezone.model(), self.timezone)
        completer.setFilterMode(completer.filterMode().MatchContains)
        self.timezone.setCompleter(completer)
        self.recipients = QLineEdit()
        self.recipients.setObjectName("report-recipients")
        self.recipients.setPlaceholderText(self.tr("e-mail addresses, separated by commas"))
        self.report_time = QTimeEdit()
        self.report_time.setDisplayFormat("HH:mm")
        self.encrypt = QCheckBox(self.tr("Encrypt report PDFs"))
        self.wrap_up = QSpinBox()
        self.wrap_up.setObjectName("client-wrap-up")
        self.wrap_up.setRange(0, MAX_WRAP_UP_S)
        self.wrap_up.setSuffix(self.tr(" s"))
        self.wrap_up.setToolTip(
            self.tr(
                "After a call for this client the seat does not ring for this long (0: at once)."
            )
        )

        self.service_level = QSpinBox()
        self.service_level.setObjectName("client-service-level")
        self.service_level.setRange(1, MAX_SERVICE_LEVEL_S)
        self.service_level.setSuffix(self.tr(" s"))
        self.service_level.setToolTip(
            self.tr(
                "A call answered within this many seconds counts towards the client's "
                "service level."
            )
        )

        form = QFormLayout()
        form.addRow(self.tr("Code:"), self.code)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Colour:"), self.colour_button)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("State (holidays):"), self.state)
        form.addRow(self.tr("Time zone:"), self.timezone)
        form.addRow(self.tr("Report recipients:"), self.recipients)
        form.addRow(self.tr("Daily report at:"), self.report_time)
        form.addRow("", self.encrypt)
        form.addRow(self.tr("Wrap-up after calls:"), self.wrap_up)
        form.addRow(self.tr("Service level: answered within"), self.service_level)

        self.message = InlineMessage()
        self.message.setObjectName("general-message")
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("save-client")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        self.colour_button.setFixedWidth(140)
        self.report_time.setFixedWidth(90)
        form_box = QWidget()
        form_box.setMaximumWidth(620)
        form_box.setLayout(form)
        form.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(form_box)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._colour = DEFAULT_COLOUR
        self._creating = False
        self.set_client(None)

    # -- showing ---------------------------------------------------------------------------

    @property
    def creating(self) -> bool:
        return self._creating

    def set_client(self, client: Client | None) -> None:
        self._creating = False
        super().set_client(client)

    def start_new(self) -> None:
        """Empty the form for a new client; Save creates it."""
        self.client = None
        self._creating = True
        self.setEnabled(True)
        self._show(Client(code="NEW", name="-"))
        self.code.clear()
        self.name.clear()
        self.save_button.setText(self.tr("Create client"))
        self.code.setFocus()

    def reload(self) -> None:
        self.message.clear_message()
        if self._creating:
            self.start_new()
            return
        self.save_button.setText(self.tr("Save"))
        fresh = self.store.get_client(self.client.id) if self.client and self.client.id else None
        self._show(fresh or Client(code="-", name="-"))
        if fresh is None:
            self.code.clear()
            self.name.clear()

    def _show(self, client: Client) -> None:
        self.code.setText(client.code)
        self.name.setText(client.name)
        self.set_colour(client.colour)
        self.language.setCurrentIndex(max(0, self.language.findData(client.language)))
        self.state.setCurrentIndex(max(0, self.state.findData(client.state)))
        self.timezone.setCurrentText(client.timezone)
        self.recipients.setText(", ".join(client.report_recipients))
        hours, minutes = (int(p) for p in client.report_time.split(":"))
        self.report_time.setTime(QTime(min(hours, 23), minutes))
        self.encrypt.setChecked(client.encrypt_reports)
        self.wrap_up.setValue(client.wrap_up_s)
        self.service_level.setValue(client.service_level_s)

    def set_colour(self, colour: str) -> None:
        self._colour = colour
        self.colour_button.setIcon(swatch_icon(colour, 16))
        self.colour_button.setText(colour)

    @property
    def colour(self) -> str:
        return self._colour

    def _pick_colour(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._colour), self, self.tr("Client colour"))
        if chosen.isValid():
            self.set_colour(chosen.name())

    # -- saving ----------------------------------------------------------------------------

    def form_client(self) -> Client:
        """The client the form describes; raises ``ValueError`` with a message for the user."""
        recipients = split_recipients(self.recipients.text())
        bad = [r for r in recipients if not is_email_address(r)]
        if bad:
            raise ValueError(self.tr("Not an e-mail address: {0}").format(bad[0]))
        language: Language = "en" if self.language.currentData() == "en" else "de"
        code = self.code.text().strip()
        name = self.name.text().strip()
        if not code:
            raise ValueError(self.tr("Please enter a code (one word, e.g. KAN)."))
        if not name:
            raise ValueError(self.tr("Please enter the client's name."))
        editing = self.client is not None and not self._creating
        return Client(
            id=self.client.id if editing and self.client is not None else None,
            code=code,
            name=name,
            colour=self._colour,
            language=language,
            state=str(self.state.currentData()),
            timezone=self.timezone.currentText().strip(),
            report_recipients=recipients,
            report_time=self.report_time.time().toString("HH:mm"),
            encrypt_reports=self.encrypt.isChecked(),
            wrap_up_s=self.wrap_up.value(),
            service_level_s=self.service_level.value(),
        )

    def has_unsaved_changes(self) -> bool:
        if self._creating:
            return bool(self.code.text().strip() or self.name.text().strip())
        if self.client is None or self.client.id is None:
            return False
        try:
            return self.form_client() != self.store.get_client(self.client.id)
        except ValueError:
            return True

    def save(self) -> bool:
        try:
            client = self.form_client()
            if self._creating or client.id is None:
                stored = self.store.add_client(client)
                created = True
            else:
                stored = self.store.update_client(client)
                created = False
        except (StoreError, ValueError) as exc:
            self.message.show_error(str(exc))
            return False
        self._creating = False
        self.client = stored
        self.save_button.setText(self.tr("Save"))
        self.message.show_info(self.tr("Client created.") if created else self.tr("Changes saved."))
        self._announce(Area.CLIENT)
        self.client_saved.emit(stored, created)
        return True
