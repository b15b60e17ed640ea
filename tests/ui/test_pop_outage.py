"""A call while the office database is unreachable still pops: the operator sees the
caller's number, a neutral greeting and why the client is missing, and can take a note —
instead of "Screen-pop failed". Real PostgreSQL behind a link the test cuts, a real engine
receiving sipp's INVITE, the real window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from appenv.paths import AppPaths
from appenv.settings import Settings
from clients.model import CallRecord
from storage import Database, StoreUnavailable, open_database
from tests.fixtures.postgres import PgCluster
from tests.fixtures.qt import open_main_window
from tests.fixtures.sip import run_sipp
from tests.storage_pg.link import Link
from tests.ui.demo_clients import fill_demo
from ui.main_window import MainWindow

ROTH_NUMBER = "+49301234567"


@pytest.fixture
def office(postgres_server: PgCluster, app_paths: AppPaths) -> Iterator[tuple[Database, Link]]:
    postgres_server.sql("CREATE DATABASE office")
    link = Link(postgres_server.port)
    try:
        with open_database(
            link.url("office"), drafts=app_paths.drafts, spool=app_paths.home / "spool"
        ) as db:
            fill_demo(db.clients)
            yield db, link
    finally:
        link.close()


@pytest.mark.expect_warnings  # the outage is announced and logged
def test_a_call_during_an_outage_pops_without_client_data(
    office: tuple[Database, Link], qtbot, tmp_path: Path, app_paths: AppPaths
):
    db, link = office
    win: MainWindow = open_main_window(qtbot, Settings(app_paths.settings_file), db)
    try:
        link.cut()
        sipp = run_sipp(
            tmp_path,
            "uac_caller.xml",
            f"127.0.0.1:{win.sip_port}",  # type: ignore[attr-defined]
            ROTH_NUMBER,
            keys={"FROM": "+4915209876543", "NAME": "Lange", "RING_MS": "1500"},
        )
        with qtbot.waitSignal(win.pops.pop_shown, timeout=15000) as shown:
            pass
        view = shown.args[0]
        assert view.pop.data_unavailable and view.pop.client is None
        assert "database cannot be reached" in view.outage.text()
        assert "01520 9876543" in view.caller_label.text()  # the caller, as received
        assert "Roth" not in view.greeting.text()  # no client named without its data
        qtbot.waitUntil(lambda: view.call_key in win.pops.forms, timeout=5000)
        assert "Screen-pop failed" not in win.statusBar().currentMessage()
        assert sipp.wait() == 0, sipp.output()
    finally:
        link.restore()
        win.phone.stop()


@pytest.mark.expect_warnings
def test_the_client_picked_during_an_outage_is_logged_with_the_call(
    office: tuple[Database, Link], qtbot, tmp_path: Path, app_paths: AppPaths
):
    db, link = office
    roth = db.clients.get_client_by_code("ROTH")
    assert roth is not None and roth.id is not None
    win: MainWindow = open_main_window(qtbot, Settings(app_paths.settings_file), db)
    try:
        link.cut()
        sipp = run_sipp(
            tmp_path,
            "uac_caller.xml",
            f"127.0.0.1:{win.sip_port}",  # type: ignore[attr-defined]
            ROTH_NUMBER,
            keys={"FROM": "+4915209876543", "NAME": "Lange", "RING_MS": "1500"},
        )
        with qtbot.waitSignal(win.pops.pop_shown, timeout=15000) as shown:
            pass
        view = shown.args[0]
        with qtbot.waitSignal(win.pops.client_resolved, timeout=5000) as picked:
            view.client_picked.emit(view.call_key, roth.id)  # the picker's choice
        assert picked.args == [view.call_key, roth.id]
        with qtbot.waitSignal(win.call_recorded, timeout=15000):
            pass
        assert sipp.wait() == 0, sipp.output()
    finally:
        link.restore()

    def logged_call() -> CallRecord | None:
        try:
            return db.calls.call_by_key(view.call_key)
        except StoreUnavailable:  # the seat has not noticed yet that the link is back
            return None

    qtbot.waitUntil(lambda: logged_call() is not None, timeout=20000)
    logged = logged_call()
    assert logged is not None and logged.client_id == roth.id and logged.outcome is not None
    win.phone.stop()
