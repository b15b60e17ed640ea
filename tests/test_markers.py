"""The ui / integration marks follow what a test uses, and an unmarked test that starts a
server or the app fails: ``pytest -m "not integration and not ui"`` stays a unit run."""

from __future__ import annotations

import pytest

CONFTEST = """
import pytest

pytest_plugins = ["tests.markers"]


@pytest.fixture
def qtbot():
    return None


@pytest.fixture
def phone():
    return None


@pytest.fixture
def seat(phone):
    return phone
"""

TESTS = """
import subprocess
import sys


def launch():
    return subprocess.run([sys.executable, "main.py", "--version"])


def test_window(qtbot):
    pass


def test_engine_through_a_fixture(seat):
    pass


def test_app_through_a_helper():
    launch()


def test_plain():
    assert True


def test_hidden_start():
    name = "".join(["main", ".py"])
    subprocess.run([sys.executable, name, "--version"])
"""


def test_marks_follow_fixtures_and_helpers_and_the_guard_catches_the_rest(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makeini("[pytest]\nmarkers =\n    ui: window\n    integration: server\n")
    pytester.makepyfile(test_sample=TESTS)
    result = pytester.runpytest_inprocess("-m", "not integration and not ui", "-q")
    result.assert_outcomes(passed=1, failed=1, deselected=3)
    result.stdout.fnmatch_lines(
        ["*test_hidden_start starts 'main.py' but is not marked integration/ui*"]
    )
    marked = pytester.runpytest_inprocess("-m", "integration", "--collect-only", "-q")
    marked.stdout.fnmatch_lines(
        ["*test_engine_through_a_fixture", "*test_app_through_a_helper"], consecutive=False
    )
