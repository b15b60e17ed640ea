"""The data layer's boundaries hold in the source: only :mod:`storage` knows SQLite and
its store classes, no UI module imports a command-line module, domain packages no Qt."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP_PACKAGES = (
    "appenv",
    "calendar_sync",
    "clients",
    "notes",
    "office",
    "reports",
    "softphone",
    "ui",
)
DOMAIN = ("calendar_sync", "clients", "notes", "office", "reports", "softphone", "storage")
CONCRETE = re.compile(r"\bSqlite\w*(Store|Database|Connection|Tables|CallLog|Callers|Clients)\b")


def _sources(*packages: str) -> list[Path]:
    return sorted(p for pkg in packages for p in (ROOT / pkg).rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_storage_names_a_concrete_store_or_imports_sqlite() -> None:
    offenders = []
    for path in [*_sources(*APP_PACKAGES), ROOT / "main.py"]:
        text = path.read_text(encoding="utf-8")
        if CONCRETE.search(text) or "sqlite3" in _imports(path) or "sqlite_utils" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_no_ui_module_imports_a_command_line_module() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in _sources("ui")
        if any(name.endswith(".cli") or name == "main" for name in _imports(path))
    ]
    assert offenders == []


def test_domain_packages_import_no_qt() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in _sources(*DOMAIN)
        if any(name.startswith(("PySide6", "shiboken6", "ui.")) for name in _imports(path))
    ]
    assert offenders == []
