"""Small widgets the admin forms share: an inline error line and colour swatches."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

ERROR_STYLE = "color: #b71c1c; background: #fdecea; border-radius: 3px; padding: 3px 6px;"
HINT_STYLE = "color: palette(mid);"


class InlineMessage(QLabel):
    """A message under a form: red for errors, hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setVisible(False)

    def show_error(self, text: str) -> None:
        self.setStyleSheet(ERROR_STYLE)
        self.setText(text)
        self.setVisible(bool(text))

    def show_info(self, text: str) -> None:
        self.setStyleSheet("color: #1b5e20; padding: 3px 6px;")
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.setVisible(False)

    @property
    def is_error(self) -> bool:
        return self.isVisible() and self.styleSheet() == ERROR_STYLE


_ICONS: dict[tuple[str, int], QIcon] = {}


def swatch_icon(colour: str, size: int = 14) -> QIcon:
    """A rounded square of the client's colour, for lists and buttons (cached per colour)."""
    cached = _ICONS.get((colour, size))
    if cached is not None:
        return cached
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 90))
    painter.setBrush(QColor(colour))
    painter.drawRoundedRect(0, 0, size - 1, size - 1, 3, 3)
    painter.end()
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)  # keep the true colour in a selected row
    if len(_ICONS) < 4096:
        _ICONS[(colour, size)] = icon
    return icon
