"""The delivery view with the scheduler, a real SMTP server going down and coming back,
a wrong password fixed in the settings dialog, resend, attempts and the PDF as sent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl

from appenv import secrets
from appenv.paths import AppPaths
from appenv.settings import Settings
from storage import Database
from tests.fixtures.smtp import SmtpSink
from tests.reports.helpers import open_queue
from tests.ui_delivery.conftest import ROTH_DUE, Clock, World, pdf_attachment
from ui.deliveries_view import DeliveriesView
from ui.delivery_dialogs import AttemptsDialog, ResendDialog
from ui.delivery_jobs_model import STATE_COLOURS
from ui.report_scheduler import ReportScheduler
from ui.smtp_settings import SmtpSettingsDialog

pytestmark = [pytest.mark.integration, pytest.mark.ui]


def wire(qtbot, app_db: Database, app_paths: AppPaths, settings: Settings, clock: Clock):
    """As the app wires them: scheduler changes refresh the view, a resend runs the queue."""
    scheduler = ReportScheduler(
        app_db, app_paths, settings, now=clock, catch_up=dt.timedelta(hours=1)
    )
    view = DeliveriesView(app_db, operator="Frau Weber", now=clock)
    qtbot.addWidget(view)
    scheduler.changed.connect(view.refresh)
    view.requeued.connect(scheduler.run_now)
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.show()  # the first show loads the (empty) log
    return scheduler, view


def row_texts(view: DeliveriesView) -> list[dict[str, str]]:
    model = view.model
    return [{column: model.text(job, column) for column in model.COLUMNS} for job in model.jobs]


@pytest.mark.expect_warnings  # the queue warns about each failed attempt
def test_server_down_shows_pending_then_sent_exactly_once(
    qtbot, sync_tasks, app_paths: AppPaths, app_db: Database, world: World, settings: Settings,
    smtp_server: SmtpSink, clock: Clock,
) -> None:  # fmt: skip
    scheduler, view = wire(qtbot, app_db, app_paths, settings, clock)
    problems: list[str] = []
    scheduler.problem.connect(problems.append)
    smtp_server.stop()

    clock.value = ROTH_DUE + dt.timedelta(seconds=30)
    scheduler.check_now()
    (row,) = row_texts(view)
    assert (row["client"], row["state"], row["attempts"]) == ("ROTH", "pending", "1")
    assert "ConnectionRefused" in row["reply"]
    assert "not reachable" in view.model.jobs[0].last_error
    index = view.model.index(0, 0)
    assert "not reachable" in view.model.data(index, Qt.ItemDataRole.ToolTipRole)
    colour = view.model.data(index, Qt.ItemDataRole.BackgroundRole).color().name()
    assert colour == "#fff3cd"
    assert len(problems) == 1 and "delayed" in problems[0]

    smtp_server.start()
    clock.advance(seconds=30)  # the backoff (60 s) has not passed: nothing is tried
    scheduler.check_now()
    assert smtp_server.messages() == [] and row_texts(view)[0]["state"] == "pending"

    clock.advance(minutes=2)
    scheduler.check_now()
    (row,) = row_texts(view)
    assert (row["state"], row["attempts"]) == ("sent", "2")
    assert row["reply"].startswith("250") and row["sent_at"]
    for _ in range(3):
        clock.advance(minutes=10)
        scheduler.check_now()
    assert len(smtp_server.messages()) == 1
    attempts = open_queue(app_paths.database).attempts(view.model.jobs[0].id)
    assert [a.outcome for a in attempts] == ["retry", "sent"]


@pytest.mark.expect_warnings  # a rejected password is logged as an error
def test_wrong_password_fails_then_fixed_and_resent(
    qtbot, sync_tasks, app_paths: AppPaths, app_db: Database, world: World, settings: Settings,
    smtp_server: SmtpSink, clock: Clock, tmp_path: Path,
) -> None:  # fmt: skip
    secrets.set_secret(f"smtp:{smtp_server.user}", "not-the-password")
    scheduler, view = wire(qtbot, app_db, app_paths, settings, clock)
    clock.value = ROTH_DUE + dt.timedelta(seconds=30)
    scheduler.check_now()
    (row,) = row_texts(view)
    assert row["state"] == "failed" and row["reply"].startswith("535")
    assert "password" in view.model.jobs[0].last_error
    assert smtp_server.messages() == []

    # fix the password in the mail settings dialog: it goes to the keyring only
    dialog = SmtpSettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.password.setText(smtp_server.password)
    dialog.accept()
    assert secrets.get_secret(f"smtp:{smtp_server.user}") == smtp_server.password
    assert smtp_server.password not in app_paths.settings_file.read_text()

    # resend, with a second recipient for this copy
    assert view.select_job(view.model.jobs[0].id)
    view.resend_selected()
    resend = view.findChild(ResendDialog)
    assert resend is not None and resend.isVisible()
    resend.recipients.setText("kanzlei@roth.test, dr.roth@roth.test")
    with qtbot.waitSignal(view.requeued, timeout=5_000):
        resend.accept()
    (row,) = row_texts(view)
    assert row["state"] == "sent"
    (message,) = smtp_server.messages()
    assert message["To"] == "kanzlei@roth.test, dr.roth@roth.test"

    # every attempt with the server's answer
    view.select_job(view.model.jobs[0].id)
    view.show_attempts()
    attempts = view.findChild(AttemptsDialog)
    assert attempts is not None
    rows = attempts.rows()
    assert [r[2] for r in rows] == ["failed", "resend", "sent"]
    assert rows[0][3] == "535" and rows[2][3] == "250"
    assert "Frau Weber" in rows[1][4]

    # the PDF exactly as it was sent
    opened: list[QUrl] = []

    def fake_viewer(url: QUrl) -> bool:
        opened.append(url)
        return True

    view.open_url = fake_viewer
    with qtbot.waitSignal(view.pdf_written, timeout=5_000) as written:
        view.open_pdf()
    path = Path(written.args[0])
    assert path.read_bytes() == pdf_attachment(message)
    assert path.read_bytes().startswith(b"%PDF")
    assert opened == [QUrl.fromLocalFile(str(path))]


@pytest.mark.expect_warnings
def test_resend_refuses_a_bad_address_and_cancel_changes_nothing(
    qtbot, sync_tasks, app_paths: AppPaths, app_db: Database, world: World, settings: Settings,
    smtp_server: SmtpSink, clock: Clock,
) -> None:  # fmt: skip
    secrets.set_secret(f"smtp:{smtp_server.user}", "wrong")
    scheduler, view = wire(qtbot, app_db, app_paths, settings, clock)
    clock.value = ROTH_DUE + dt.timedelta(seconds=30)
    scheduler.check_now()
    job_id = view.model.jobs[0].id
    view.select_job(job_id)
    view.resend_selected()
    dialog = view.findChild(ResendDialog)
    assert dialog is not None
    dialog.recipients.setText("kanzlei@roth.test, not-an-address")
    dialog.accept()
    assert dialog.isVisible() and "not-an-address" in dialog.error.text()
    dialog.reject()
    job = open_queue(app_paths.database).job(job_id)
    assert job.state == "failed" and job.recipients == ("kanzlei@roth.test",)


@pytest.mark.expect_warnings  # the queue warns about the attempts while the server is down
def test_filters_by_state_and_client(
    qtbot, sync_tasks, app_paths: AppPaths, app_db: Database, world: World, settings: Settings,
    smtp_server: SmtpSink, clock: Clock,
) -> None:  # fmt: skip
    scheduler, view = wire(qtbot, app_db, app_paths, settings, clock)
    clock.value = ROTH_DUE + dt.timedelta(seconds=30)
    scheduler.check_now()  # ROTH's daily report: sent
    clock.value = dt.datetime(2024, 5, 7, 21, 30, 30, tzinfo=dt.UTC)  # 17:30 in New York
    smtp_server.stop()
    scheduler.queue_urgent_note(world.urgent_note)  # ROTH call note: pending
    scheduler.check_now()  # NYLAW's daily report: pending (server down)
    assert len(view.model.jobs) == 3

    view.state_filter.setCurrentIndex(view.state_filter.findData("pending"))
    assert sorted(r["client"] for r in row_texts(view)) == ["NYLAW", "ROTH"]
    view.client_filter.setCurrentIndex(view.client_filter.findData("NYLAW"))
    assert [(r["client"], r["kind"]) for r in row_texts(view)] == [("NYLAW", "Daily report")]
    view.state_filter.setCurrentIndex(view.state_filter.findData("sent"))
    assert row_texts(view) == []
    view.state_filter.setCurrentIndex(0)
    view.client_filter.setCurrentIndex(view.client_filter.findData("ROTH"))
    assert sorted(r["kind"] for r in row_texts(view)) == ["Call note", "Daily report"]
    view.refresh()  # a refresh keeps the filter
    assert view.client_filter.currentData() == "ROTH" and len(view.model.jobs) == 2


def test_refresh_on_the_real_thread_pool(
    qtbot, app_paths: AppPaths, app_db: Database, world: World, settings: Settings,
    smtp_server: SmtpSink,
    clock: Clock,
) -> None:  # fmt: skip
    scheduler, view = wire(qtbot, app_db, app_paths, settings, clock)
    clock.value = ROTH_DUE + dt.timedelta(seconds=30)
    with qtbot.waitSignal(view.loaded, timeout=30_000):
        scheduler.check_now()  # changed → refresh → loaded, all off the GUI thread
    assert [r["state"] for r in row_texts(view)] == ["sent"]
    assert len(smtp_server.messages()) == 1


SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.mark.expect_warnings  # a refused password and an unreachable server, on purpose
def test_screenshot_shows_each_state_in_its_colour(
    qtbot, sync_tasks, app_paths: AppPaths, app_db: Database, world: World, settings: Settings,
    smtp_server: SmtpSink, clock: Clock, xvfb: str,
) -> None:  # fmt: skip
    scheduler, view = wire(qtbot, app_db, app_paths, settings, clock)
    clock.value = ROTH_DUE + dt.timedelta(seconds=30)
    scheduler.check_now()  # sent
    secrets.set_secret(f"smtp:{smtp_server.user}", "wrong")
    scheduler.queue_urgent_note(world.urgent_note)  # failed: 535
    secrets.set_secret(f"smtp:{smtp_server.user}", smtp_server.password)
    smtp_server.stop()
    clock.value = dt.datetime(2024, 5, 7, 21, 30, 30, tzinfo=dt.UTC)
    scheduler.check_now()  # NYLAW pending: server down
    view.setGeometry(0, 0, 1180, 360)
    view.table.resizeColumnsToContents()
    view.select_job(view.model.jobs[0].id)
    qtbot.wait(200)
    states = {job.state for job in view.model.jobs}
    assert states == {"sent", "failed", "pending"}
    image = view.table.viewport().grab().toImage()
    column = view.model.COLUMNS.index("attempts")
    for row, job in enumerate(view.model.jobs):
        if row == 0:
            continue  # the selected row is drawn in the selection colour
        rect = view.table.visualRect(view.model.index(row, column))
        pixel = image.pixelColor(rect.right() - 2, rect.center().y()).name()
        assert pixel == STATE_COLOURS[job.state], (job.state, pixel)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert view.grab().save(str(SHOTS / "deliveries.png"))
    assert (SHOTS / "deliveries.png").stat().st_size > 5_000


def test_the_view_refreshes_itself_when_another_thread_queues_a_report(
    qtbot, app_db: Database
) -> None:
    """Writes announce what changed; the view reloads on its own (no scheduler involved)."""
    import threading

    from reports.delivery_queue import DeliveryQueue
    from tests.reports.test_queue_and_outbox import T0, request
    from ui.db_changes import DatabaseChanges

    view = DeliveriesView(app_db, operator="Frau Weber")
    qtbot.addWidget(view)
    relay = DatabaseChanges(app_db, parent=view)
    relay.changed.connect(view.on_database_changed)
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        view.show()
    assert view.model.jobs == []
    worker = threading.Thread(
        target=lambda: DeliveryQueue(app_db.deliveries).enqueue(request(), T0)
    )
    with qtbot.waitSignal(view.loaded, timeout=20_000):
        worker.start()
    worker.join()
    assert [job.client_code for job in view.model.jobs] == ["A"]


def test_a_resend_takes_only_what_every_other_address_field_takes() -> None:
    """The resend dialog's recipients use the one address check (no display names)."""
    from ui.delivery_dialogs import parse_recipients

    assert parse_recipients("a@example.com; b@example.org") == ("a@example.com", "b@example.org")
    with pytest.raises(ValueError):
        parse_recipients("a@example.com, <roth@kanzlei.de>")
