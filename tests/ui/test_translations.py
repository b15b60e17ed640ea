"""The German catalogue: complete, faithful to its English sources, compiled, and loaded.

The .ts catalogue is the one source of the German text (edited with Qt Linguist, merged by
lupdate in scripts/update-translations.sh). Checked against the real Qt tools
(pyside6-lupdate, -lrelease).
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
TS = TRANSLATIONS / "vorzimmer_de.ts"
QM = TRANSLATIONS / "vorzimmer_de.qm"
SCRIPT = ROOT / "scripts" / "update-translations.sh"

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%L?\d+")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
ACCELERATOR = re.compile(r"&(?!&)(.)")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    forms: tuple[str, ...]  # one translation, or the plural forms of a %n message
    unfinished: bool


def read_catalogue(path: Path) -> list[Message]:
    root = ET.parse(path).getroot()
    messages = []
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"[{name}] {message.findtext('source')!r}"
            plural = translation.findall("numerusform")
            forms = tuple(f.text or "" for f in plural) if plural else (translation.text or "",)
            messages.append(
                Message(
                    context=name,
                    source=message.findtext("source", ""),
                    forms=forms,
                    unfinished=translation.get("type") is not None,
                )
            )
    return messages


def _qt_tool(name: str) -> str:
    """pyside6-lupdate/-lrelease: beside the interpreter (venv) or on PATH; never skipped."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"required tool {name!r} is not installed (PySide6)", pytrace=False)
    return found


def faults(message: Message) -> list[str]:
    """What a translation gets wrong against its source; empty when it is faithful."""
    problems = []
    for form in message.forms:
        if not form.strip():
            problems.append("empty translation")
            continue
        if Counter(PLACEHOLDER.findall(form)) != Counter(PLACEHOLDER.findall(message.source)):
            problems.append(f"placeholders differ: {form!r}")
        if Counter(TAG.findall(form)) != Counter(TAG.findall(message.source)):
            problems.append(f"HTML tags differ: {form!r}")
        if len(ACCELERATOR.findall(form)) != len(ACCELERATOR.findall(message.source)):
            problems.append(f"accelerator (&) count differs: {form!r}")
        if message.source.endswith("…") != form.endswith("…"):
            problems.append(f"trailing … differs: {form!r}")
    return problems


@pytest.fixture(scope="module")
def catalogue() -> list[Message]:
    messages = read_catalogue(TS)
    assert len(messages) > 300, "the catalogue lost most of its messages"
    return messages


def test_every_message_is_translated(catalogue: list[Message]) -> None:
    open_ = [f"[{m.context}] {m.source!r}" for m in catalogue if m.unfinished or not all(m.forms)]
    assert not open_, (
        "untranslated — translate them in resources/translations/vorzimmer_de.ts "
        "(pyside6-linguist), then run scripts/update-translations.sh:\n" + "\n".join(open_)
    )


def test_translations_keep_placeholders_tags_and_accelerators(catalogue: list[Message]) -> None:
    wrong = [f"[{m.context}] {m.source!r}: {p}" for m in catalogue for p in faults(m)]
    assert not wrong, "\n".join(wrong)


def test_fault_check_catches_broken_translations() -> None:
    """The check above is not vacuous: each kind of damage is reported."""
    ok = Message("C", "Saved {0} at <b>%1</b>…", ("Gespeichert {0} um <b>%1</b>…",), False)
    assert faults(ok) == []
    for broken in (
        "Gespeichert um <b>%1</b>…",  # lost {0}
        "Gespeichert {0} um %1…",  # lost the tags
        "Gespeichert {0} um <b>%2</b>…",  # wrong Qt placeholder
        "Gespeichert {0} um <b>%1</b>",  # lost …
        "",
    ):
        assert faults(Message("C", ok.source, (broken,), False)), broken
    assert faults(Message("C", "&Save", ("Speichern",), False))


def test_accelerators_are_unique_per_window(catalogue: list[Message]) -> None:
    """Where the English accelerators of a class differ, the German ones differ too."""
    by_context: dict[str, list[Message]] = {}
    for message in catalogue:
        if ACCELERATOR.search(message.source):
            by_context.setdefault(message.context, []).append(message)
    for context, messages in by_context.items():
        source_keys = [ACCELERATOR.findall(m.source)[0].lower() for m in messages]
        if len(set(source_keys)) < len(source_keys):
            continue
        german = [ACCELERATOR.findall(m.forms[0])[0].lower() for m in messages]
        assert len(set(german)) == len(german), f"{context}: {german}"


def test_contexts_are_the_class_names_tr_uses(catalogue: list[Message]) -> None:
    """lupdate files ``x.tr()`` under "x" and loses the class in some nesting; tr() would
    never find those strings (ui/app.py and ui/admin/file_exchange.py were such cases)."""
    bad = {m.context for m in catalogue if not m.context.isidentifier()}
    assert not bad, f"contexts no tr() call uses: {sorted(bad)} — see the test below"


def translation_sources() -> list[str]:
    """The files scripts/update-translations.sh hands to lupdate."""
    listed = subprocess.run(
        ["bash", str(SCRIPT), "--sources"], check=True, capture_output=True, text=True
    ).stdout.split()
    assert "ui/main_window.py" in listed and "appenv/settings.py" in listed, listed
    return [str(ROOT / name) for name in listed]


def test_catalogue_covers_every_ui_string(tmp_path: Path) -> None:
    """Re-extracting changes nothing: no string was added without being translated, lupdate
    keeps every translation, and every context is a class tr() uses at run time."""
    lupdate = _qt_tool("pyside6-lupdate")
    fresh = tmp_path / "translations" / TS.name
    fresh.parent.mkdir()
    shutil.copy(TS, fresh)
    subprocess.run(
        [lupdate, "-no-obsolete", *translation_sources(), "-ts", str(fresh)],
        check=True,
        capture_output=True,
        text=True,
    )
    expected = {(m.context, m.source): m.forms for m in read_catalogue(TS)}
    messages = read_catalogue(fresh)
    extracted = {(m.context, m.source): m.forms for m in messages}
    assert set(extracted) == set(expected), (
        f"new: {sorted(set(extracted) - set(expected))}\n"
        f"gone: {sorted(set(expected) - set(extracted))}\nrun scripts/update-translations.sh"
    )
    assert extracted == expected, "lupdate changed translations"
    bad = sorted({m.context for m in messages if not m.context.isidentifier()})
    assert not bad, f"lupdate files strings under {bad}: write tr() so lupdate sees the class"
    assert not [m for m in messages if m.unfinished], "untranslated strings"


def literal_tr_calls(path: Path) -> list[tuple[int, str]]:
    """(line, source) of every ``x.tr("…")``, ``translate(ctx, "…")`` and
    ``QT_TRANSLATE_NOOP(ctx, "…")`` call in *path*, f-strings included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        index = {"tr": 0, "translate": 1, "QT_TRANSLATE_NOOP": 1}.get(name)
        if index is None or len(node.args) <= index:
            continue
        arg = node.args[index]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            found.append((node.lineno, arg.value))
    return found


def test_lupdate_sees_every_tr_call(catalogue: list[Message]) -> None:
    """lupdate skips some calls it cannot parse (measured: ``tr()`` inside an f-string's
    braces); those strings would stay English for ever. Every literal call is in the .ts."""
    sources = {m.source for m in catalogue}
    unseen = [
        f"{Path(path).relative_to(ROOT)}:{line}: {text!r}"
        for path in translation_sources()
        for line, text in literal_tr_calls(Path(path))
        if text not in sources
    ]
    assert not unseen, "lupdate did not extract (write the tr() outside the f-string):\n" + (
        "\n".join(unseen)
    )


def test_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    lrelease = _qt_tool("pyside6-lrelease")
    rebuilt = tmp_path / QM.name
    subprocess.run(
        [lrelease, str(TS), "-qm", str(rebuilt)], check=True, capture_output=True, text=True
    )
    assert rebuilt.read_bytes() == QM.read_bytes(), (
        f"{QM.name} is older than {TS.name}: run scripts/update-translations.sh"
    )


def test_german_translator_translates_the_ui(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication, QLocale
    from PySide6.QtWidgets import QApplication

    from ui import i18n

    assert isinstance(qapp, QApplication)
    old_locale = QLocale()
    translators = i18n.install(qapp, "de")
    try:
        assert len(translators) == 2  # Qt's own qtbase_de and ours
        assert QCoreApplication.translate("CallCard", "Answer") == "Annehmen"
        assert QCoreApplication.translate("CallCard", "Hang up") == "Auflegen"
        # strings lupdate once filed under "" and "self.window" (see the contexts test)
        assert QCoreApplication.translate("FileExchange", "Import clients") == (
            "Mandanten importieren"
        )
        assert QCoreApplication.translate("MainWindow", "Password not saved") == (
            "Passwort nicht gespeichert"
        )
        # Qt's own dialogs speak German too
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(old_locale)
    assert QCoreApplication.translate("CallCard", "Answer") == "Answer"
