"""Sends reports while the app runs: daily reports at each client's report time, urgent
notes at once, and retries of whatever is still queued.

The queue in the database does the bookkeeping (idempotency, backoff, exactly-once); this
module only decides *when* to build and *when* to deliver. All blocking work runs through
:func:`ui.tasks.run_task`; each task opens its own :class:`SqliteClientStore` (SQLite
connections belong to one thread) and closes it again. Other seats or a cron job
(``vorzimmer report --send``) may work on the same queue: leases keep them apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from appenv import logs
from appenv.paths import AppPaths
from appenv.secrets import SecretStoreUnavailable
from appenv.settings import Settings
from clients.notes import Note
from clients.store import SqliteClientStore
from reports.cli import transport_for
from reports.clients_source import StoreReportSource
from reports.delivery import Transport
from reports.delivery_queue import (
    DeliveryJob,
    DeliveryQueue,
    DeliveryQueueError,
    RetryPolicy,
    idempotency_key,
)
from reports.errors import EncryptionPasswordMissing, ForeignCallError
from reports.model import ReportCall, ReportClient
from reports.prepare import call_note_request, daily_report_request, report_due_at, wants_report
from ui.tasks import run_task

log = logs.get("reports")

Clock = Callable[[], dt.datetime]

# Problems of the environment or of a client's data: shown to the operator, retried later.
REPORT_PROBLEMS = (
    EncryptionPasswordMissing,
    SecretStoreUnavailable,
    ForeignCallError,
    DeliveryQueueError,
    OSError,
)


# A report missed while the app was closed still goes out if the app starts within this
# time after the report was due (an evening report, the app opened next morning). Longer
# outages: ``vorzimmer report --send`` from cron covers them.
CATCH_UP = dt.timedelta(hours=18)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Problem:
    """A report that could not be built or queued, and why (shown once per key)."""

    key: str
    message: str


@dataclass(frozen=True)
class SchedulerRun:
    """What one run did; ``wake_at`` is when the next run is needed (None: nothing known)."""

    queued: tuple[DeliveryJob, ...] = ()
    attempted: tuple[DeliveryJob, ...] = ()
    problems: tuple[Problem, ...] = ()
    wake_at: dt.datetime | None = None

    @property
    def changed(self) -> bool:
        return bool(self.queued or self.attempted)


@dataclass
class _Plan:
    """Daily reports due in ``(now - catch_up, now]``, and the next one after ``now``."""

    due: list[tuple[ReportClient, dt.date]] = field(default_factory=list)
    next_at: dt.datetime | None = None


def plan_daily_reports(
    clients: list[ReportClient], now: dt.datetime, catch_up: dt.timedelta
) -> _Plan:
    """Which daily reports are due. Yesterday's counts too, so that a report missed while
    the app was closed goes out when it starts again (within ``catch_up``)."""
    plan = _Plan()
    for client in clients:
        today = now.astimezone(ZoneInfo(client.timezone)).date()
        for day in (today - dt.timedelta(days=1), today, today + dt.timedelta(days=1)):
            due = report_due_at(client, day)
            if now - catch_up < due <= now:
                plan.due.append((client, day))
            elif due > now and (plan.next_at is None or due < plan.next_at):
                plan.next_at = due
    return plan


def _earliest(*moments: dt.datetime | None) -> dt.datetime | None:
    present = [m for m in moments if m is not None]
    return min(present) if present else None


def run_once(
    paths: AppPaths,
    transport: Transport,
    now: dt.datetime,
    *,
    build_daily: bool = True,
    deliver: bool = True,
    catch_up: dt.timedelta = CATCH_UP,
    policy: RetryPolicy | None = None,
) -> SchedulerRun:
    """Queue the daily reports that are due (once each), then deliver what is due.

    Blocking (SQLite, PDF rendering, SMTP): call it off the GUI thread.
    """
    queue = DeliveryQueue(paths.database, policy)
    queued: list[DeliveryJob] = []
    problems: list[Problem] = []
    next_report: dt.datetime | None = None
    if build_daily:
        store = SqliteClientStore(paths.database)
        try:
            source = StoreReportSource(store)
            plan = plan_daily_reports(source.clients(), now, catch_up)
            next_report = plan.next_at
            for client, day in plan.due:
                key = idempotency_key("daily_report", client.code, day)
                if queue.find(key) is not None:
                    continue
                try:
                    calls = source.calls_for(client.code, day)
                    if not wants_report(client, calls):
                        continue
                    request = daily_report_request(client, day, calls, generated_at=now)
                    result = queue.enqueue(request, now)
                except REPORT_PROBLEMS as exc:
                    problems.append(Problem(key, f"{client.code} ({client.name}), {day}: {exc}"))
                    continue
                if result.created:
                    queued.append(result.job)
        finally:
            store.close()
    attempted: list[DeliveryJob] = []
    due = queue.next_due_at()
    if deliver and due is not None and due <= now:
        attempted = queue.process_due(transport, now)
    return SchedulerRun(
        queued=tuple(queued),
        attempted=tuple(attempted),
        problems=tuple(problems),
        wake_at=_earliest(queue.next_due_at(), next_report),
    )


def find_note_call(
    source: StoreReportSource, client: ReportClient, note: Note
) -> ReportCall | None:
    """The note as the report shows it: its call (with the note), or the loose note."""
    if note.call_id is not None:
        record = source.store.get_call(note.call_id)
        if record is None:
            return None
        started, wanted = record.started_at, str(note.call_id)
    else:
        started, wanted = note.noted_at, f"note-{note.id}"
    day = started.astimezone(ZoneInfo(client.timezone)).date()
    return next((c for c in source.calls_for(client.code, day) if c.call_id == wanted), None)


def queue_note(
    paths: AppPaths,
    transport: Transport,
    note: Note,
    now: dt.datetime,
    *,
    policy: RetryPolicy | None = None,
) -> SchedulerRun:
    """Render the note's call-note PDF, queue it (once per call) and deliver it now."""
    if note.id is None or note.client_id is None:
        raise ValueError("only a saved note of a client can be sent")
    queue = DeliveryQueue(paths.database, policy)
    store = SqliteClientStore(paths.database)
    try:
        stored = store.get_client(note.client_id)
        if stored is None:
            raise ValueError(f"the note's client {note.client_id} does not exist")
        source = StoreReportSource(store)
        client = source.client(stored.code)
        assert client is not None
        call = find_note_call(source, client, note)
        if call is None:
            raise ValueError(f"note {note.id} was not found for client {client.code}")
        try:
            request = call_note_request(client, call, generated_at=now)
            result = queue.enqueue(request, now)
        except REPORT_PROBLEMS as exc:
            key = f"call_note:{client.code}:{call.call_id}"
            return SchedulerRun(problems=(Problem(key, f"{client.code}, note {note.id}: {exc}"),))
    finally:
        store.close()
    attempted = queue.process_due(transport, now)
    return SchedulerRun(
        queued=(result.job,) if result.created else (),
        attempted=tuple(attempted),
        wake_at=queue.next_due_at(),
    )


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
        paths: AppPaths,
        settings: Settings,
        parent: QObject | None = None,
        *,
        now: Clock = _utc_now,
        poll_interval: dt.timedelta = dt.timedelta(seconds=60),
        catch_up: dt.timedelta = CATCH_UP,
        policy: RetryPolicy | None = None,
    ) -> None:
        super().__init__(parent)
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
        paths, transport, now = self.paths, self.transport(), self.now()
        catch_up, policy = self.catch_up, self.policy
        run_task(
            lambda: run_once(
                paths, transport, now, build_daily=automatic, deliver=automatic or forced,
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
        paths, transport, now, policy = self.paths, self.transport(), self.now(), self.policy
        run_task(
            lambda: queue_note(paths, transport, note, now, policy=policy),
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
