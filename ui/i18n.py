"""Load Qt's own translations and ours (resources/translations/vorzimmer_<lang>.qm)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"


def install(app: QApplication, language: str) -> list[QTranslator]:
    """Source strings are English; any other language loads a translator."""
    QLocale.setDefault(QLocale(language))
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for directory, name in (
        (qt_dir, f"qtbase_{language}"),
        (str(TRANSLATIONS), f"vorzimmer_{language}"),
    ):
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            installed.append(translator)
    return installed
