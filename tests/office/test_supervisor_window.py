"""The supervisor's tab in a real window (Xvfb) on the office database (PostgreSQL): the
scripted day's figures as worked out by hand, each client by its own threshold; the live
box counting a call that starts ringing at another seat; the CSV export writing what
``vorzimmer stats --csv`` writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from appenv.paths import AppPaths
from appenv.settings import Settings
from appenv.times import utc_now
from clients.model import CallRecord, Direction
from office.model import Operator, Role
from storage import open_database, use_database
from tests.fixtures.qt import open_main_window, screenshot
from tests.office.scripted_day import DAY
from tests.office.stored_day import add_seat_state_log, fill
from tests.office.test_stats_cli import stats
from ui.main_window import MainWindow
from ui.supervisor_view import Period, SupervisorView, period_days, supervisor_allowed

THRESHOLDS = {"ROTH": 10, "BAU": 30}  # OTHER keeps the default 20 s
COLUMNS = ["Offered", "Answered", "Missed", "Abandoned", "SL", "SL2", "T", "Messages"]


@pytest.fixture(autouse=True)
def _no_override() -> Iterator[None]:
    yield
    use_database(None)


@pytest.fixture
def office_window(qtbot, postgres: str, app_paths: AppPaths) -> Iterator[tuple[MainWindow, str]]:
    """A seat's window on the office database, then the scripted day written by another
    connection (after the window started: its start closes calls left ringing)."""
    db = open_database(postgres, drafts=app_paths.drafts)
    settings = Settings(app_paths.settings_file)
    settings.set("ui.language", "en")
    settings.set("operator.name", "Anna")
    window = open_main_window(qtbot, settings, db)
    window.sign_in(None)  # no accounts: every seat of an office sees the figures
    fill(postgres, THRESHOLDS)
    add_seat_state_log(postgres, ids=False)
    yield window, postgres
    window.close()
    window.phone.stop()
    db.close()


def _shown(qtbot, window: MainWindow) -> SupervisorView:
    view = window.supervisor
    assert view is not None
    window.side_panel.setCurrentWidget(view)
    qtbot.waitUntil(view.isVisible, timeout=5000)
    return view


def _header(view: SupervisorView, column: int) -> str:
    item = view.table.horizontalHeaderItem(column)
    return item.text() if item is not None else ""


def _rows(view: SupervisorView) -> dict[str, dict[str, str]]:
    header = [_header(view, c) for c in range(view.table.columnCount())]
    return {cells[0]: dict(zip(header, cells, strict=True)) for cells in view.figures_text()}


def _show_day(qtbot, view: SupervisorView) -> None:
    view.set_custom_days(DAY, DAY)
    qtbot.waitUntil(
        lambda: view.report is not None and view.report.query.first == DAY
        and not view._figures.busy and bool(view.report.rows),
        timeout=15000,
    )  # fmt: skip


def test_the_scripted_day_in_the_supervisor_tab(
    qtbot, office_window: tuple[MainWindow, str], tmp_path: Path, xvfb: str
) -> None:
    window, _ = office_window
    view = _shown(qtbot, window)
    _show_day(qtbot, view)
    rows = _rows(view)
    assert list(rows) == ["BAU", "OTHER", "ROTH", "Total"]
    picked = {code: [rows[code][c] for c in COLUMNS] for code in rows}
    # ROTH, T = 10 s: 7 offered (r1–r6, r8), 4 answered, SL 2/4, SL2 (2 + 1) / 6; 3 messages
    assert picked["ROTH"] == ["7", "4", "3", "2", "50.0 %", "50.0 %", "0:10", "3"]
    # BAU, T = 30 s: b1 25 s and b3 4 s within; b2 abandoned after 10 s, within
    assert picked["BAU"] == ["4", "2", "2", "1", "100.0 %", "100.0 %", "0:30", "1"]
    assert picked["OTHER"] == ["1", "1", "0", "0", "100.0 %", "100.0 %", "0:20", "1"]
    # all calls: SL 5/7, SL2 7/10, no single T
    assert picked["Total"] == ["12", "7", "5", "3", "71.4 %", "70.0 %", "–", "5"]
    assert rows["ROTH"]["ASA"] == "0:13" and rows["ROTH"]["Bookings"] == "3"
    assert rows["ROTH"]["Missed: avg wait"] == "0:14" and rows["ROTH"]["Talk"] == "7:00"
    assert rows["ROTH"]["Wrap-up avg"] == "0:22"  # (30 + 60) / 4 answered: 22.5 s
    view.grouping.setCurrentIndex(1)  # per operator
    qtbot.waitUntil(
        lambda: view.report is not None and view.report.query.by[0] == "operator"
        and not view._figures.busy,
        timeout=15000,
    )  # fmt: skip
    by_operator = _rows(view)
    assert _header(view, 0) == "Operator"
    assert [by_operator[o]["Answered"] for o in ("Anna", "Ben", "Cem")] == ["3", "2", "1"]
    qtbot.wait(200)
    screenshot(xvfb, tmp_path / "supervisor.png")


def test_the_live_box_counts_a_call_ringing_at_another_seat(
    qtbot, office_window: tuple[MainWindow, str]
) -> None:
    window, url = office_window
    view = _shown(qtbot, window)
    qtbot.waitUntil(lambda: view.live is not None and not view._live.busy, timeout=15000)
    assert view.live is not None and view.live.waiting == 0
    assert view.waiting_label.text() == "Calls waiting: none"
    qtbot.waitUntil(lambda: "Available" in view.seats_label.text(), timeout=5000)
    view.live_timer.stop()  # from here on only the change announcement reads again
    with open_database(url) as other_seat:
        roth = other_seat.clients.get_client_by_code("ROTH")
        assert roth is not None
        other_seat.calls.open_call(
            CallRecord(
                call_key="ringing-now",
                client_id=roth.id,
                started_at=utc_now(),
                direction=Direction.IN,
            )
        )
    qtbot.waitUntil(lambda: view.live is not None and view.live.waiting == 1, timeout=10000)
    text = view.waiting_label.text()
    assert text.startswith("Calls waiting: 1, longest 0:0") and text.endswith("(ROTH 1)")


def test_the_csv_export_writes_what_the_cli_writes(
    qtbot, office_window: tuple[MainWindow, str], app_paths: AppPaths, tmp_path: Path
) -> None:
    window, url = office_window
    view = _shown(qtbot, window)
    _show_day(qtbot, view)
    (tmp_path / "export").mkdir()
    for index, by in ((0, "client"), (1, "operator")):
        target = tmp_path / "export" / f"billing-{by}.csv"  # a new file: no "replace?"
        view.grouping.setCurrentIndex(index)
        view.choose_export_file()
        dialog = view.export_dialog
        assert dialog is not None and dialog.defaultSuffix() == "csv"
        qtbot.waitUntil(dialog.isVisible, timeout=5000)
        dialog.selectFile(str(target))
        with qtbot.waitSignal(view.exported, timeout=15000):
            dialog.accept()
        code, out, err = stats(
            app_paths, url, "--from", str(DAY), "--to", str(DAY), "--by", by, "--csv"
        )
        assert (code, err) == (0, "")
        written = target.read_bytes().decode("utf-8")
        assert written == out and written.count("\r\n") >= 4
    assert view.message.text() == f"Saved: {target}"
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    view.export_to(blocker / "figures.csv")  # cannot be written: said calmly, nothing lost
    qtbot.waitUntil(lambda: "was not written" in view.message.text(), timeout=15000)
    assert view.message.text() == "The CSV file was not written: File exists"
    assert blocker.read_text() == "a file where the folder should be"


def test_who_sees_the_supervisor_tab() -> None:
    admin = Operator(1, "chef", "Chefin", Role.ADMIN)
    operator = Operator(2, "anna", "Anna", Role.OPERATOR)
    assert supervisor_allowed(True, None) and not supervisor_allowed(False, None)
    assert supervisor_allowed(False, admin) and supervisor_allowed(True, admin)
    assert not supervisor_allowed(True, operator)


def test_periods() -> None:
    import datetime as dt

    tuesday = dt.date(2026, 3, 10)
    assert period_days(Period.TODAY, tuesday) == (tuesday, tuesday)
    assert period_days(Period.WEEK, tuesday) == (dt.date(2026, 3, 9), dt.date(2026, 3, 15))
    assert period_days(Period.MONTH, tuesday) == (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert period_days(Period.MONTH, dt.date(2024, 2, 29)) == (
        dt.date(2024, 2, 1),
        dt.date(2024, 2, 29),
    )


def test_an_admin_sees_the_tab_on_a_single_seat_and_an_operator_does_not(
    qtbot, app_paths: AppPaths
) -> None:
    db = open_database(app_paths.database, drafts=app_paths.drafts)
    settings = Settings(app_paths.settings_file)
    settings.set("ui.language", "en")
    window = open_main_window(qtbot, settings, db)
    try:
        window.sign_in(None)  # a seat alone without accounts: `vorzimmer stats` only
        assert window.supervisor is None
        window.sign_in(Operator(1, "chef", "Chefin", Role.ADMIN))
        view = window.supervisor
        assert view is not None and window.side_panel.indexOf(view) >= 0
        view = _shown(qtbot, window)
        qtbot.waitUntil(lambda: view.report is not None and view.live is not None, timeout=15000)
        assert view.message.text() == "No calls in this period."
        assert view.period.currentText() == "Today" and view.first.date() == view.last.date()
        window.sign_in(Operator(2, "anna", "Anna", Role.OPERATOR))  # the next shift
        assert window.supervisor is None
        assert [window.side_panel.tabText(i) for i in range(window.side_panel.count())] == [
            "History",
            "Notes",
        ]
    finally:
        window.close()
        window.phone.stop()
        db.close()


def test_today_week_and_month_on_both_backends(qtbot, db_location: str | Path) -> None:
    """The period picker around a fixed "today" (the scripted Tuesday): the day holds
    ROTH's 7 offered calls, its week and month also the two just outside the day."""
    fill(db_location, THRESHOLDS)
    db = open_database(db_location)
    view = SupervisorView(db, today=lambda: DAY)
    qtbot.addWidget(view)
    try:
        seen: list[tuple[str, str, str]] = []
        for index, period in enumerate(Period):
            if period is Period.CUSTOM:
                continue
            with qtbot.waitSignal(view.figures_shown, timeout=15000):
                if index == 0:
                    view.show()
                else:
                    view.period.setCurrentIndex(index)
            qtbot.waitUntil(lambda: not view._figures.busy, timeout=15000)
            report = view.report
            assert report is not None
            seen.append(
                (str(report.query.first), str(report.query.last), _rows(view)["ROTH"]["Offered"])
            )
        assert seen == [
            ("2026-03-10", "2026-03-10", "7"),
            ("2026-03-09", "2026-03-15", "9"),
            ("2026-03-01", "2026-03-31", "9"),
        ]
        assert not view.first.isEnabled() and not view.last.isEnabled()
        view.period.setCurrentIndex(view.period.findData(Period.CUSTOM))
        assert view.first.isEnabled() and view.last.isEnabled()
    finally:
        view.close()  # no live read after the database is closed
        db.close()
