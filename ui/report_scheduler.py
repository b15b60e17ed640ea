"""Sends reports while the app runs: daily reports at each client's report time, urgent
notes at once, and retries of whatever is still queued.

What is due and how it is queued is :mod:`reports.scheduling`; this module only decides
*when* to run it: QTimers, and :func:`ui.tasks.run_task` for every run (SQLite, PDF
rendering, SMTP never block the GUI thread). The runs use the app's one database; its
lock serialises them with the GUI's own reads and writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from appenv import logs
from appenv.paths import AppPaths
from appenv.settings import Settings
from appenv.times import utc_now
from notes.model import Note
from reports.delivery import Transport
from reports.delivery_jobs import RetryPolicy
from reports.scheduling import (
    CATCH_UP,
    SchedulerRun,
    queue_note,
    run_once,
)
from reports.transports import transport_for
from storage.interfaces import Database
from ui.tasks import run_task

__all__ = ["ReportScheduler"]

log = logs.get("reports")

Clock = Callable[[], dt.datetime]


class ReportScheduler(QObject):
    """A QTimer-driven worker for report delivery while the app runs.

    Signals: ``changed`` (delivery jobs were added or changed state: views refresh),
    ``problem(str)`` (something the operator should know, e.g. for the status bar, once
    per report), ``run_finished(object)`` (the :class:`SchedulerRun` of each run).
    """

    changed = Signal()
    problem = Signal(str)
    run_finished = Signal(object)

    def __init__(
        self,
        db: Database,
        paths: AppPaths,
        settings: Settings,
        parent: QObject | None = None,
        *,
        now: Clock = utc_now,
        poll_interval: dt.timedelta = dt.timedelta(seconds=60),
        catch_up: dt.timedelta = CATCH_UP,
        policy: RetryPolicy | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.paths = paths
        self.settings = settings
        self.now = now
        self.poll_interval = poll_interval
        self.catch_up = catch_up
        self.policy = policy
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_now)
        self._running = False
        self._busy = False
        self._again = False  # a run was asked for while one was in flight
        self._forced = False  # deliver even when automatic sending is off
        self._shown: set[str] = set()

    @property
    def active(self) -> bool:
        return self._running

    @property
    def busy(self) -> bool:
        return self._busy

    def start(self) -> None:
        """Run at once (catching up on a missed report), then whenever something is due."""
        self._running = True
        self._timer.start(0)

    def stop(self) -> None:
        """No further runs; a run in flight finishes (its results are still announced)."""
        self._running = False
        self._timer.stop()

    def transport(self) -> Transport:
        """Built from the current settings at every run, so changed settings apply at once."""
        return transport_for(self.settings, self.paths)

    @Slot()
    def run_now(self) -> None:
        """Deliver what is due now (after a resend, or when the operator asks)."""
        self._forced = True
        self._request_run()

    @Slot()
    def check_now(self) -> None:
        """What the timer does: queue the reports that are due, deliver what is due."""
        self._request_run()

    def _request_run(self) -> None:
        if self._busy:
            self._again = True
            return
        self._busy = True
        automatic = bool(self.settings.get("reports.send_automatically"))
        forced, self._forced = self._forced, False
        db, transport, now = self.db, self.transport(), self.now()
        catch_up, policy = self.catch_up, self.policy
        run_task(
            lambda: run_once(
                db, transport, now, build_daily=automatic, deliver=automatic or forced,
                catch_up=catch_up, policy=policy,
            ),
            self._finished,
            self._failed,
            owner=self,
        )  # fmt: skip

    def queue_urgent_note(self, note: Note) -> None:
        """Send a saved note's call-note PDF now (the app calls this for urgent notes).

        Queued once per call: calling it again for the same call sends nothing new.
        """
        db, transport, now, policy = self.db, self.transport(), self.now(), self.policy
        run_task(
            lambda: queue_note(db, transport, note, now, policy=policy),
            self._note_finished,
            self._note_failed,
            owner=self,
        )

    def _note_finished(self, result: SchedulerRun) -> None:
        self._announce(result)
        if not self._busy:
            self._arm(result.wake_at)

    def _note_failed(self, exc: Exception) -> None:
        log.error("urgent note not sent: %s\n%s", exc, getattr(exc, "__traceback_text__", ""))
        self.problem.emit(self.tr("Urgent note not sent: %1").replace("%1", str(exc)))
        self.run_finished.emit(exc)

    def _finished(self, result: SchedulerRun) -> None:
        self._busy = False
        self._announce(result)
        if self._again:
            self._again = False
            self._request_run()
            return
        self._arm(result.wake_at)

    def _announce(self, result: SchedulerRun) -> None:
        for problem in result.problems:
            if problem.key in self._shown:
                continue
            self._shown.add(problem.key)
            log.error("report not sent: %s", problem.message)
            self.problem.emit(self.tr("Report not sent: %1").replace("%1", problem.message))
        for job in result.attempted:
            key = f"{job.state}:{job.id}:{job.attempts}"
            if job.state == "sent" or key in self._shown:
                continue
            self._shown.add(key)
            if job.state == "failed":
                text = self.tr("Delivery to %1 failed: %2")
            else:
                text = self.tr("Delivery to %1 delayed: %2")
            self.problem.emit(
                text.replace("%1", ", ".join(job.recipients)).replace("%2", job.last_error)
            )
        if result.changed:
            self.changed.emit()
        self.run_finished.emit(result)

    def _failed(self, exc: Exception) -> None:
        """A bug or a broken database: logged with its trace, shown, retried at the next poll."""
        self._busy = False
        log.error(
            "report scheduler run failed: %s\n%s", exc, getattr(exc, "__traceback_text__", "")
        )
        self.problem.emit(
            self.tr("Report delivery stopped by an error: %1").replace("%1", str(exc))
        )
        self.run_finished.emit(exc)
        if self._again:
            self._again = False
            self._request_run()
            return
        self._arm(None)

    def _arm(self, wake_at: dt.datetime | None) -> None:
        if not self._running:
            return
        delay = self.poll_interval
        if wake_at is not None:
            delay = min(delay, max(dt.timedelta(0), wake_at - self.now()))
        # Due now but not delivered (automatic sending is off): wait for the poll instead.
        if delay <= dt.timedelta(0) and not self.settings.get("reports.send_automatically"):
            delay = self.poll_interval
        # At least a second between runs: a job that stays due can never spin the loop.
        msec = max(1000, int(delay.total_seconds() * 1000) + 50)
        if self._timer.isActive() and 0 <= self._timer.remainingTime() <= msec:
            return  # an earlier wake-up is armed already
        self._timer.start(msec)
