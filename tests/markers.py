"""True ``ui`` / ``integration`` markers, so that ``pytest -m "not integration and not ui"``
is a fast unit run that needs no display, no SIP peer and no server.

A test is marked at collection from what it uses:

- ``ui``: a window fixture (qtbot, qapp, xvfb, …) anywhere in its fixture closure, or a
  call (direct, or through a helper in ``tests``) of a helper that opens a window;
- ``integration``: a server or peer fixture (engine, sipp, kamailio, PulseAudio, SMTP,
  keyring, CalDAV, PostgreSQL, …), or a call of a helper that starts one or runs
  ``main.py`` / ``python -m softphone`` as a subprocess.

Explicit marks stay as they are. The guard :func:`unit_tests_start_no_servers` keeps the
marks true: a test with neither mark that starts such a process fails and says so.
"""

from __future__ import annotations

import inspect
import os
import subprocess
import types
from collections.abc import Callable, Iterator
from typing import Any

import pytest

UI_FIXTURES = frozenset({"qtbot", "qapp", "qtmodeltester", "qtlog", "xvfb"})
SERVER_FIXTURES = frozenset(
    {
        "phone",  # a real engine process (python -m softphone)
        "phone_factory",
        "registrar",  # kamailio
        "kamailio",
        "sipp",
        "pulse_server",
        "pulse_audio",
        "smtp_server",
        "smtps_server",
        "secret_service",  # dbus + gnome-keyring
        "keyring_service",
        "radicale",
        "radicale_server",
        "xandikos",
        "xandikos_server",
        "caldav_server",
        "postgres",
        "postgres_server",
        "pg_cluster",
    }
)
# helpers that open a window or start a peer when a test calls them (module.qualname)
UI_HELPERS = frozenset(
    {
        "tests.fixtures.qt.open_main_window",
        "tests.fixtures.qt.screenshot",
        "tests.appenv.launch.start_window",
    }
)
SERVER_HELPERS = frozenset(
    {
        "tests.fixtures.sip.start_phone",
        "tests.fixtures.sip.run_sipp",
        "tests.fixtures.qt.open_main_window",  # with a real engine
        "tests.appenv.launch.start_window",
        "tests.appenv.launch.run_cli",
        "ui.phone.PhoneAdapter",
        "ui.app.Application",
        "softphone.engine_client.EngineClient",
    }
)
# argv[0] names (or ``-m`` modules) of processes only an integration or ui test may start
SERVER_PROGRAMS = frozenset(
    {
        "Xvfb",
        "sipp",
        "kamailio",
        "pulseaudio",
        "dbus-daemon",
        "gnome-keyring-daemon",
        "radicale",
        "xandikos",
        "postgres",
        "pg_ctl",
        "initdb",
        "baresip",
        "softphone",
        "aiosmtpd",
        "main.py",
    }
)


_OWN_PACKAGES = frozenset({"tests", "ui", "softphone", "clients", "notes", "reports", "storage"})


def _qualname(obj: object) -> str:
    return f"{getattr(obj, '__module__', '')}.{getattr(obj, '__qualname__', '')}"


def target_module(obj: object) -> str:
    return str(getattr(obj, "__module__", ""))


def _codes(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _codes(const)


def _reached(func: Callable[..., Any], depth: int = 4) -> set[str]:
    """Qualified names of the functions and classes ``func`` uses, following helpers
    defined under ``tests`` (or in the test's module) a few calls deep; module attributes
    such as ``sip.run_sipp`` are resolved too."""
    seen: set[str] = set()
    todo: list[tuple[Callable[..., Any], int]] = [(inspect.unwrap(func), depth)]
    visited: set[int] = set()
    while todo:
        fn, left = todo.pop()
        code = getattr(fn, "__code__", None)
        if code is None or id(code) in visited:
            continue
        visited.add(id(code))
        namespace: dict[str, Any] = getattr(fn, "__globals__", {})
        modules = [
            v
            for v in namespace.values()
            if isinstance(v, types.ModuleType) and v.__name__.split(".")[0] in _OWN_PACKAGES
        ]
        for sub in _codes(code):
            for name in sub.co_names:
                targets = [namespace[name]] if name in namespace else []
                targets += [getattr(m, name) for m in modules if hasattr(m, name)]
                for target in targets:
                    qual = _qualname(target)
                    seen.add(qual)
                    ours = qual.startswith("tests.") or target_module(target) == fn.__module__
                    if left and inspect.isfunction(target) and ours:
                        todo.append((target, left - 1))
            if {"subprocess", "Popen"} & set(sub.co_names):  # ``[python, ROOT / "main.py"]``
                for const in sub.co_consts:
                    if const in ("main.py", "softphone"):
                        seen.add("subprocess:" + const)
    return seen


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not isinstance(item, pytest.Function):
            continue
        fixtures = set(item.fixturenames)
        reached = _reached(item.obj)
        for name in fixtures:  # what the test's own fixtures start counts too
            for fixturedef in item._fixtureinfo.name2fixturedefs.get(name, ()):
                if fixturedef.func.__module__.startswith("tests."):
                    reached |= _reached(fixturedef.func)
        ui = fixtures & UI_FIXTURES or reached & UI_HELPERS
        server = (
            fixtures & SERVER_FIXTURES
            or reached & SERVER_HELPERS
            or any(name.startswith("subprocess:") for name in reached)
        )
        if ui and item.get_closest_marker("ui") is None:
            item.add_marker(pytest.mark.ui)
        if server and item.get_closest_marker("integration") is None:
            item.add_marker(pytest.mark.integration)


def _server_program(args: object) -> str | None:
    single = isinstance(args, str | bytes | os.PathLike)
    argv = [args] if single else list(args)  # type: ignore[call-overload]
    words = [os.path.basename(os.fsdecode(a)) for a in argv[:4] if isinstance(a, str | os.PathLike)]
    for word in words:
        if word in SERVER_PROGRAMS:
            return word
    return None


@pytest.fixture(autouse=True)
def unit_tests_start_no_servers(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A test marked neither ``ui`` nor ``integration`` must not start a server or window."""
    node = request.node
    if node.get_closest_marker("ui") or node.get_closest_marker("integration"):
        return
    original = subprocess.Popen.__init__

    def guarded(self: subprocess.Popen[Any], args: Any, *rest: Any, **kwargs: Any) -> None:
        program = _server_program(args)
        if program is not None:
            pytest.fail(
                f"{node.nodeid} starts {program!r} but is not marked integration/ui: "
                "mark it, or add its helper/fixture to tests/markers.py",
                pytrace=False,
            )
        original(self, args, *rest, **kwargs)

    monkeypatch.setattr(subprocess.Popen, "__init__", guarded)
