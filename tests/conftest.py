"""Shared fixtures: a temporary home, a log guard, tool checks; markers in tests/markers.py."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from appenv.paths import AppPaths


def require_tool(name: str) -> str:
    """A test that needs a tool fails loudly when it is missing — it never skips."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"required tool {name!r} is not installed (see .ci/run)", pytrace=False)
    return path


@pytest.fixture
def app_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    monkeypatch.setenv("VORZIMMER_HOME", str(tmp_path / "home"))
    return AppPaths(tmp_path / "home").ensure()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_unexpected_warnings(request: pytest.FixtureRequest) -> Iterator[None]:
    """An unexpected logged warning fails the test; mark ``expect_warnings`` where it is wanted."""
    handler = _Collect()
    logger = logging.getLogger("vorzimmer")
    logger.addHandler(handler)
    old_level = logger.level
    if logger.level == logging.NOTSET or logger.level > logging.WARNING:
        logger.setLevel(logging.INFO)
    yield
    logger.removeHandler(handler)
    logger.setLevel(old_level)
    if request.node.get_closest_marker("expect_warnings") is None and handler.records:
        lines = "\n".join(f"{r.name}: {r.getMessage()}" for r in handler.records)
        pytest.fail(f"unexpected warnings logged:\n{lines}", pytrace=False)


pytest_plugins = [
    "tests.markers",  # ui / integration marks from the fixtures and helpers a test uses
    "pytester",  # tests/test_markers.py runs pytest on small generated suites
    "tests.fixtures.pulse",
    "tests.fixtures.smtp",
    "tests.fixtures.sip",
    "tests.fixtures.keyring",
    "tests.fixtures.qt",
    "tests.fixtures.postgres",  # throwaway clusters; store tests on both backends
]


@pytest.fixture(scope="session")
def qapp(xvfb: str) -> Iterator[object]:
    """pytest-qt's application, created on the Xvfb display (see tests/fixtures/qt.py)."""
    from PySide6.QtWidgets import QApplication

    from ui.tasks import set_synchronous

    app = QApplication.instance() or QApplication(["vorzimmer-tests"])
    set_synchronous(False)
    yield app
