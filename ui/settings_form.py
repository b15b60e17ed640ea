"""Settings editors built from the declarations in :mod:`appenv.settings`.

One editor per declared setting — line, spin box, check box or combo box, chosen by its
type, choices and widget hint — so a new setting needs a declaration, not a new field in
a dialog. Titles, placeholders and choice titles are translated in the ``Settings``
context, where lupdate found them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
)

from appenv.settings import Section, Setting, Settings, Widget, in_section

if TYPE_CHECKING:
    from softphone.audio_devices import AudioDevice

Editor = QLineEdit | QSpinBox | QCheckBox | QComboBox


def shown(text: str) -> str:
    """A declared English text as the operator reads it."""
    return QCoreApplication.translate("Settings", text) if text else ""


def section_title(section: Section) -> str:
    return shown(section.value)


def make_editor(setting: Setting, value: Any) -> Editor:
    """The widget that edits *setting*, showing *value*."""
    editor: Editor
    if setting.widget in (Widget.INPUT_DEVICE, Widget.OUTPUT_DEVICE) or setting.choices:
        editor = QComboBox()
        if setting.choices:
            for choice in setting.choices:
                editor.addItem(
                    choice.title if choice.literal else shown(choice.title), choice.value
                )
        else:  # devices arrive later (fill_devices); "" is the system default
            editor.addItem(QCoreApplication.translate("Settings", "System default"), "")
        editor.setCurrentIndex(max(0, editor.findData(value)))
    elif setting.type is bool:
        editor = QCheckBox(shown(setting.title))
        editor.setChecked(bool(value))
    elif setting.type is int:
        editor = QSpinBox()
        editor.setRange(setting.minimum, setting.maximum or 2**31 - 1)
        editor.setValue(int(value))
    else:
        editor = QLineEdit(str(value))
        editor.setPlaceholderText(shown(setting.placeholder))
    editor.setObjectName(setting.key)
    return editor


def read_editor(setting: Setting, editor: Editor) -> Any:
    """The value an editor holds, in the setting's type (text is stripped)."""
    if isinstance(editor, QComboBox):
        data = editor.currentData()
        return setting.default if data is None else data
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QSpinBox):
        return editor.value()
    return editor.text().strip()


class SettingsForm:
    """The editors of some sections; :meth:`values` reads them back for ``Settings.update``."""

    def __init__(self, settings: Settings, sections: tuple[Section, ...]) -> None:
        self.settings = settings
        self.declarations: dict[str, Setting] = {}
        self.editors: dict[str, Editor] = {}
        self.rows: dict[str, int] = {}  # row of each editor in its section's form
        self.layouts: dict[Section, QFormLayout] = {}
        self.boxes: dict[Section, QGroupBox] = {}
        for section in sections:
            box = QGroupBox(section_title(section))
            box.setObjectName(f"section-{section.name.lower()}")
            form = QFormLayout(box)
            for setting in in_section(section):
                editor = make_editor(setting, settings.get(setting.key))
                self.declarations[setting.key] = setting
                self.editors[setting.key] = editor
                if isinstance(editor, QCheckBox):
                    form.addRow(editor)
                else:
                    form.addRow(f"{shown(setting.title)}:", editor)
                self.rows[setting.key] = form.rowCount() - 1
                if setting.hint:
                    hint = QLabel(shown(setting.hint))
                    hint.setWordWrap(True)
                    hint.setObjectName(f"hint-{setting.key}")
                    hint.setStyleSheet("color: palette(mid);")
                    editor.setToolTip(hint.text())
                    form.addRow("", hint)
            self.layouts[section] = form
            self.boxes[section] = box

    def editor(self, key: str) -> Any:
        """The editor of *key* (typed Any so dialogs can keep short attribute names)."""
        return self.editors[key]

    def values(self) -> dict[str, Any]:
        return {key: read_editor(self.declarations[key], e) for key, e in self.editors.items()}

    def fill_devices(self, devices: list[AudioDevice]) -> None:
        """Offer the devices found to the device editors and select the saved ones again."""
        for key, setting in self.declarations.items():
            editor = self.editors[key]
            if setting.widget == Widget.AUTO or not isinstance(editor, QComboBox):
                continue
            wants_input = setting.widget == Widget.INPUT_DEVICE
            for device in devices:
                channels = device.max_input_channels if wants_input else device.max_output_channels
                if channels > 0:
                    editor.addItem(device.name, device.name)
            editor.setCurrentIndex(max(0, editor.findData(self.settings.get(key))))
