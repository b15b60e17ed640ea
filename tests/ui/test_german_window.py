"""No English in the German UI: walk the real app in German and read every visible text.

The app starts as the operator starts it (``Application``, demo data, language "de", a real
engine); a forwarded call from a number the client does not know pops with its note form;
then the settings, mail and admin dialogs open. Every text a person can read — labels,
buttons, tabs, menus, tooltips, placeholders, window titles, combo items, table headers
and cells — is compared with the catalogue's English sources: a text equal to a source
whose German differs is English the translation did not reach.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QStatusBar,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from appenv.paths import AppPaths
from appenv.settings import Settings
from tests.fixtures.sip import free_port, run_sipp
from ui.app import Application

pytestmark = [pytest.mark.ui, pytest.mark.integration]

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "vorzimmer_de.ts"
TAGS = re.compile(r"<[^<>]*>")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%L?\d+")
# Qt's own buttons (translated by qtbase_de, not by our catalogue)
QT_WORDS = {"Cancel", "Save", "Close", "Apply", "Discard", "Yes", "No", "Open", "Reset"}
# deliberately in their own language: the language chooser names each language in itself
ENDONYMS = {"English"}


def normalise(text: str) -> str:
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split()).strip().rstrip(":").strip()


def fragments(text: str) -> list[str]:
    """The readable pieces of a (possibly rich) text."""
    if not text:
        return []
    pieces = TAGS.split(text) if "<" in text else [text]
    out = []
    for piece in pieces:
        for line in html.unescape(piece).splitlines():
            line = normalise(line)
            if line:
                out.append(line)
    return out


class Catalogue:
    """English sources whose German differs, as exact texts and as patterns."""

    def __init__(self, path: Path) -> None:
        self.exact: dict[str, str] = {}
        self.patterns: list[tuple[re.Pattern[str], str]] = []
        self.german: set[str] = set()
        for context in ET.parse(path).getroot().iter("context"):
            for message in context.iter("message"):
                source = message.findtext("source", "")
                translation = message.find("translation")
                assert translation is not None
                forms = [f.text or "" for f in translation.findall("numerusform")] or [
                    translation.text or ""
                ]
                self.german.update(normalise(f) for f in forms)
                if all(normalise(f) == normalise(source) for f in forms):
                    continue  # "Audio", "FAQ", "OK": the same in German
                where = f"[{context.findtext('name')}] {source!r}"
                for line in fragments(source):
                    if PLACEHOLDER.search(line):
                        literal = PLACEHOLDER.sub("", line)
                        if len(literal.strip()) >= 6:
                            parts = [re.escape(p) for p in PLACEHOLDER.split(line)]
                            self.patterns.append((re.compile(".+?".join(parts)), where))
                    else:
                        self.exact[line] = where

    def english(self, text: str) -> str | None:
        """The catalogue entry *text* is the untranslated source of, if any."""
        if text in self.german:
            return None  # also a German text (e.g. "Server", "Import")
        if text in QT_WORDS:
            return "[Qt] qtbase translation missing"
        if text in self.exact:
            return self.exact[text]
        for pattern, where in self.patterns:
            if pattern.fullmatch(text):
                return where
        return None


def texts_of(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) for everything a person can read on *widget* itself."""
    yield "toolTip", widget.toolTip()
    if widget.isWindow():
        yield "windowTitle", widget.windowTitle()
    if isinstance(widget, QLabel):
        yield "text", widget.text()
    if isinstance(widget, QAbstractButton):
        yield "text", widget.text()
    if isinstance(widget, QGroupBox):
        yield "title", widget.title()
    if isinstance(widget, QStatusBar):
        yield "message", widget.currentMessage()
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        yield "placeholder", widget.placeholderText()
    if isinstance(widget, QTextEdit):
        yield "text", widget.toPlainText()
    if isinstance(widget, QComboBox):
        yield "placeholder", widget.placeholderText()
        for i in range(widget.count()):
            yield f"item {i}", widget.itemText(i)
    if isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield f"tab {i}", widget.tabText(i)
            yield f"tab {i} toolTip", widget.tabToolTip(i)
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield f"tab {i}", widget.tabText(i)
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # a list model: its columnCount is private in PySide6
            columns = 1
        rows = model.rowCount(QModelIndex())
        for section in range(columns):
            yield (
                f"column {section}",
                str(model.headerData(section, Qt.Orientation.Horizontal) or ""),
            )
        for row in range(min(rows, 30)):
            for column in range(columns):
                index = model.index(row, column)
                yield f"cell {row},{column}", str(index.data() or "")
                yield (
                    f"cell {row},{column} toolTip",
                    str(index.data(Qt.ItemDataRole.ToolTipRole) or ""),
                )
    for action in widget.actions():
        yield from texts_of_action(action)


def texts_of_action(action: QAction) -> Iterator[tuple[str, str]]:
    yield "action", action.text()
    yield "action toolTip", action.toolTip()
    menu = action.menu()
    if isinstance(menu, QMenu):
        yield "menu", menu.title()
        for sub in menu.actions():
            yield from texts_of_action(sub)


def inside(widget: QWidget | None, name: str) -> bool:
    """*widget* is the widget called *name* or part of it (a combo box's popup list)."""
    while widget is not None:
        if widget.objectName() == name:
            return True
        widget = widget.parentWidget()
    return False


READ: set[str] = set()  # every distinct text the walk read (a vacuous walk fails)


def walk(top: QWidget, catalogue: Catalogue) -> list[str]:
    """Every English text on *top* and its children, as "where: text (catalogue entry)"."""
    found = []
    window = top.objectName() or type(top).__name__
    for widget in [top, *top.findChildren(QWidget)]:
        name = widget.objectName() or type(widget).__name__
        for what, text in texts_of(widget):
            for piece in fragments(text):
                READ.add(piece)
                if piece in ENDONYMS and inside(widget, "ui.language"):
                    continue
                entry = catalogue.english(piece)
                if entry is not None:
                    found.append(f"{window} › {name}.{what}: {piece!r} {entry}")
    return sorted(set(found))


@pytest.fixture
def german_app(qapp, qtbot, app_paths: AppPaths, monkeypatch) -> Iterator[Application]:
    monkeypatch.setenv("VORZIMMER_NULL_AUDIO", "1")
    settings = Settings(app_paths.settings_file)
    settings.set("sip.bind_address", "127.0.0.1")
    settings.set("ui.language", "de")
    settings.set("reports.send_automatically", False)
    settings.save()
    app = Application(qapp, app_paths, sip_port=free_port(), demo=True)
    app.window.ask_before_close = False
    app.start()
    qtbot.waitUntil(
        lambda: app.window.store is not None and app.scheduler is not None, timeout=15000
    )
    qtbot.waitUntil(lambda: app.phone.ready is not None, timeout=15000)
    yield app
    for widget in QApplication.topLevelWidgets():
        if widget is not app.window and widget.isVisible():
            widget.close()
    app.shutdown()
    app.window.close()


def test_german_window_shows_no_english(german_app: Application, qtbot, tmp_path: Path):
    app = german_app
    window = app.window
    catalogue = Catalogue(TS)
    assert catalogue.english("Not known for this client.") is not None  # the check can fail
    assert QCoreApplication.translate("PopView", "Not known for this client.") != (
        "Not known for this client."
    ), "German is not loaded"

    # the demo's law firm gets the number the carrier forwards from; the caller is unknown
    store = window.store
    assert store is not None
    roth = store.get_client_by_code("ROTH")
    assert roth is not None and roth.id is not None
    store.add_number(roth.id, "+49301234567")
    sipp = run_sipp(tmp_path, "uac_forwarded.xml", f"127.0.0.1:{app.sip_port}")
    with qtbot.waitSignal(window.pops.pop_shown, timeout=10000) as shown:
        pass
    view = shown.args[0]
    assert view.pop.client is not None and view.pop.client.code == "ROTH"
    qtbot.waitUntil(lambda: view.call_key in window.pops.forms, timeout=5000)
    qtbot.wait(200)

    english = walk(window, catalogue)

    from ui.settings_dialog import SettingsDialog
    from ui.smtp_settings import SmtpSettingsDialog

    for dialog in (SettingsDialog(app.settings, window), SmtpSettingsDialog(app.settings, window)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        english += walk(dialog, catalogue)
        dialog.reject()

    window.open_admin()
    from ui.admin import AdminWindow

    admins = [w for w in QApplication.topLevelWidgets() if isinstance(w, AdminWindow)]
    assert admins, "the admin window did not open"
    admin = admins[-1]
    admin.confirm_discard = lambda names: True  # type: ignore[method-assign]
    qtbot.waitExposed(admin)
    admin.client_list.select(roth.id)  # the tabs show a client's data
    qtbot.wait(50)
    for tabs in admin.findChildren(QTabWidget):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            qtbot.wait(20)
            english += walk(admin, catalogue)
    admin.close()

    app.phone.reject(view.call_key)
    sipp.wait()
    assert not english, "English in the German UI:\n" + "\n".join(sorted(set(english)))
    # the walk read the pop, note form, history, dialogs and admin tabs, not a blank window
    for seen in ("Für diesen Mandanten nicht bekannt.", "Kanzlei Dr. Roth", "Einstellungen"):
        assert seen in READ, seen
    assert len(READ) > 300, len(READ)


def test_engine_errors_reach_the_operator_in_german(qapp):
    """The status bar gets a sentence for the operator; the engine's words stay in the log."""
    from softphone.events import EngineError, ErrorKind
    from ui import engine_messages, i18n

    raw = "cannot ring: cannot open ring device: Error querying device -1"
    old_locale = QLocale()
    translators = i18n.install(qapp, "de")
    try:
        for kind in ErrorKind:
            text = engine_messages.describe(EngineError(message=raw, command="ring", kind=kind))
            assert "cannot" not in text and "device" not in text, text
            assert QCoreApplication.translate("EngineMessages", text) == text  # German already
        ring = engine_messages.describe(
            EngineError(message=raw, command="ring", kind=ErrorKind.RING_DEVICE)
        )
        assert "Klingelton" in ring and "Einstellungen" in ring
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(old_locale)
