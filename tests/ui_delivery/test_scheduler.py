"""The report scheduler against a real store, a real SMTP server and a real keyring."""

from __future__ import annotations

import datetime as dt

import pytest

from appenv.paths import AppPaths
from appenv.settings import Settings
from reports.clients_source import report_client
from reports.scheduling import SchedulerRun, plan_daily_reports
from storage import Database
from tests.fixtures.smtp import SmtpSink
from tests.reports.helpers import open_queue
from tests.ui_delivery.conftest import (
    BERLIN,
    DAY,
    NEW_YORK,
    ROTH_DUE,
    Clock,
    World,
    pdf_attachment,
    pdf_text,
)
from ui.report_scheduler import ReportScheduler

pytestmark = [pytest.mark.integration, pytest.mark.ui]


def test_plan_follows_each_clients_time_zone() -> None:
    from clients.model import Client

    roth = report_client(Client(code="ROTH", name="Roth", report_time="18:00"))
    ny = report_client(
        Client(code="NY", name="NY", timezone="America/New_York", report_time="17:30")
    )
    now = ROTH_DUE + dt.timedelta(seconds=30)  # 16:00:30 UTC, 12:00:30 in New York
    plan = plan_daily_reports([roth, ny], now, dt.timedelta(hours=1))
    assert [(c.code, d) for c, d in plan.due] == [("ROTH", DAY)]
    assert plan.next_at == dt.datetime(2024, 5, 7, 17, 30, tzinfo=NEW_YORK)
    # started the next morning: yesterday evening's report is caught up
    morning = dt.datetime(2024, 5, 8, 8, 0, tzinfo=BERLIN)
    plan = plan_daily_reports([roth], morning, dt.timedelta(hours=18))
    assert [(c.code, d) for c, d in plan.due] == [("ROTH", DAY)]
    assert plan.due and not plan_daily_reports([roth], morning, dt.timedelta(hours=1)).due


def test_at_report_time_the_report_is_queued_and_mailed_once(
    qtbot, app_paths: AppPaths, app_db: Database, world: World, settings: Settings,
    smtp_server: SmtpSink,
    clock: Clock,
) -> None:  # fmt: skip
    """Real thread pool and the scheduler's own timer."""
    scheduler = ReportScheduler(
        app_db, app_paths, settings, now=clock, catch_up=dt.timedelta(hours=1)
    )
    changes: list[object] = []
    scheduler.changed.connect(lambda: changes.append(True))

    with qtbot.waitSignal(scheduler.run_finished, timeout=20_000) as early:
        scheduler.check_now()
    result = early.args[0]
    assert isinstance(result, SchedulerRun)
    assert not result.queued and not result.attempted
    assert result.wake_at == ROTH_DUE  # the timer would wake exactly at the report time
    assert smtp_server.messages() == [] and changes == []

    clock.value = ROTH_DUE + dt.timedelta(seconds=30)
    with qtbot.waitSignal(scheduler.run_finished, timeout=30_000) as due:
        scheduler.start()  # the timer fires at once and catches up
    scheduler.stop()
    result = due.args[0]
    assert isinstance(result, SchedulerRun), result
    assert [j.client_code for j in result.queued] == ["ROTH"]  # NYLAW's time is 17:30 NY
    assert [j.state for j in result.attempted] == ["sent"]
    assert changes == [True]

    messages = smtp_server.messages()
    assert len(messages) == 1
    message = messages[0]
    assert message["To"] == "kanzlei@roth.test"
    assert message["X-Vorzimmer-Client"] == "ROTH"
    text = pdf_text(pdf_attachment(message))
    assert "Kanzlei Dr. Roth" in text
    assert "Jürgen Müller" in text and "Änne Schäfer" in text
    assert "Hudson" not in text

    # later runs the same day never send it again
    for minutes in (1, 90):
        clock.value = ROTH_DUE + dt.timedelta(minutes=minutes)
        with qtbot.waitSignal(scheduler.run_finished, timeout=20_000) as again:
            scheduler.check_now()
        assert not again.args[0].queued and not again.args[0].attempted
    assert len(smtp_server.messages()) == 1
    jobs = open_queue(app_paths.database).jobs()
    assert [(j.client_code, j.day, j.state) for j in jobs] == [("ROTH", DAY, "sent")]


def test_urgent_note_goes_out_at_once_and_only_once(
    qtbot, sync_tasks, app_paths: AppPaths, app_db: Database, world: World, settings: Settings,
    smtp_server: SmtpSink, clock: Clock,
) -> None:  # fmt: skip
    clock.value = dt.datetime(2024, 5, 7, 11, 5, tzinfo=BERLIN)
    scheduler = ReportScheduler(app_db, app_paths, settings, now=clock)
    with qtbot.waitSignal(scheduler.changed, timeout=5_000):
        scheduler.queue_urgent_note(world.urgent_note)
    scheduler.queue_urgent_note(world.urgent_note)  # saved again: no second mail

    messages = smtp_server.messages()
    assert len(messages) == 1
    assert messages[0]["To"] == "kanzlei@roth.test"
    text = pdf_text(pdf_attachment(messages[0]))
    assert "Fristsache ROTHmarker" in text and "Bitte sofort zurückrufen" in text
    (job,) = open_queue(app_paths.database).jobs()
    assert (job.kind, job.call_id, job.state) == ("call_note", "2", "sent")
    assert job.call_id == str(world.urgent_note.call_id)


def test_nothing_is_built_when_automatic_sending_is_off(
    qtbot, sync_tasks, app_paths: AppPaths, app_db: Database, world: World, settings: Settings,
    smtp_server: SmtpSink, clock: Clock,
) -> None:  # fmt: skip
    settings.set("reports.send_automatically", False)
    clock.value = ROTH_DUE + dt.timedelta(seconds=30)
    scheduler = ReportScheduler(
        app_db, app_paths, settings, now=clock, catch_up=dt.timedelta(hours=1)
    )
    with qtbot.waitSignal(scheduler.run_finished, timeout=5_000) as run:
        scheduler.check_now()
    assert not run.args[0].queued
    assert open_queue(app_paths.database).jobs() == []
    assert smtp_server.messages() == []


@pytest.mark.expect_warnings
def test_unsaved_note_gives_a_clear_problem(
    qtbot,
    sync_tasks,
    app_paths: AppPaths,
    app_db: Database,
    world: World,
    settings: Settings,
    clock: Clock,
) -> None:
    from dataclasses import replace

    scheduler = ReportScheduler(app_db, app_paths, settings, now=clock)
    problems: list[str] = []
    scheduler.problem.connect(problems.append)
    scheduler.queue_urgent_note(replace(world.urgent_note, id=None))
    assert len(problems) == 1 and "only a saved note" in problems[0]
